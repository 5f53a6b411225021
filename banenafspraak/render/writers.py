"""The two writers of a build, over one set of templates, figures and charts: PDF files for
print and download, and the web edition for the region's site. A writer only renders: it
turns a document into Outputs (a path and its bytes), and the pipeline writes the whole set
once every writer is done, so that a failure leaves all earlier files as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from banenafspraak.figures.compute import Figures
from banenafspraak.input.config import DOCUMENTS, Config
from banenafspraak.input.records import RECORD
from banenafspraak.render import paths

if TYPE_CHECKING:
    from banenafspraak.charts.drawing import Chart
    from banenafspraak.render import documents

# `documents` (WeasyPrint) and `web` (fontTools, Matplotlib) are imported where a writer renders,
# so that listing a build's files (`targets`, also under --check) loads neither.

FORMATS = ("pdf", "html")


@dataclass(frozen=True)
class Output:
    path: Path
    content: bytes
    pages: int | None = None  # PDFs only


Lap = Callable[[str], None]


class Writer:
    """What both writers share: a Jinja environment of their medium, rendering a document's
    template into HTML, and nothing to add once every document is rendered."""

    medium = ""
    documents: tuple[str, ...] = ()

    def __init__(self, titles: dict[str, str]) -> None:
        from banenafspraak.render import documents

        self.env = documents.environment(self.medium)
        self.env.globals["titles"] = titles

    def render(
        self,
        document: documents.Document,
        figures: Figures,
        config: Config,
        charts: dict[str, Chart],
        folder: Path,
        lap: Lap,
    ) -> list[Output]:
        from banenafspraak.render import documents

        html = documents.render_html(self.env, document, figures, config, charts)
        lap("html")
        return self.outputs(document.name, html, config, folder, lap)

    def outputs(self, name: str, html: str, config: Config, folder: Path, lap: Lap) -> list[Output]:
        raise NotImplementedError

    def finish(
        self, rendered: list[Output], figures: Figures, config: Config, folder: Path
    ) -> list[Output]:
        return []


class PdfWriter(Writer):
    """A tagged PDF/UA-1 file per document."""

    medium = "pdf"
    documents = DOCUMENTS

    def outputs(self, name: str, html: str, config: Config, folder: Path, lap: Lap) -> list[Output]:
        from banenafspraak.render import documents

        target = paths.output_path(folder, config, name)
        pdf, pages = documents.render_pdf(
            html, target.name, config.publicatiedatum, documents.stylesheets(name)
        )
        lap("pdf")
        return [Output(target, pdf, pages)]

    @classmethod
    def targets(cls, folder: Path, config: Config, names: list[str]) -> list[Path]:
        return [paths.output_path(folder, config, name) for name in names]


class WebWriter(Writer):
    """A self-contained HTML page per published document, the same content as a `<main>`
    fragment for a CMS, the fragment's style sheet and an index of the period's downloads.
    The agendavoorstel goes to the Werkkamer, not to the site, so it stays a PDF."""

    medium = "web"
    documents = ("kwartaalrapportage", "factsheet")
    STYLE_SHEET = "banenafspraak-web.css"

    def __init__(self, titles: dict[str, str]) -> None:
        from banenafspraak.render import web

        super().__init__(titles)
        self.env.globals["stijl"] = Markup(web.page_css())

    def outputs(self, name: str, html: str, config: Config, folder: Path, lap: Lap) -> list[Output]:
        from banenafspraak.render import web

        page = web.prefix_classes(web.boxed_tables(web.endnotes(html)))
        lap("web")
        return [
            Output(self.page_path(folder, config, name), page.encode("utf-8")),
            Output(
                paths.output_path(folder, config, name, "-fragment.html"),
                web.fragment(page).encode("utf-8"),
            ),
        ]

    @staticmethod
    def page_path(folder: Path, config: Config, name: str) -> Path:
        return paths.output_path(folder, config, name, ".html")

    @classmethod
    def targets(cls, folder: Path, config: Config, names: list[str]) -> list[Path]:
        published = [name for name in names if name in cls.documents]
        if not published:
            return []
        there = paths.output_path(folder, config, "index").parent
        return [
            *(
                paths.output_path(folder, config, name, suffix)
                for name in published
                for suffix in (".html", "-fragment.html")
            ),
            there / "index.html",
            there / cls.STYLE_SHEET,
        ]

    def finish(
        self, rendered: list[Output], figures: Figures, config: Config, folder: Path
    ) -> list[Output]:
        """The index of the documents built (and of the record of the figures published, in
        `rendered` too), and the fragments' style sheet."""
        from banenafspraak.render import documents, web

        by_path = {output.path: output for output in rendered}
        entries = []
        for name in self.documents:
            page = self.page_path(folder, config, name)
            if page not in by_path:
                continue
            pdf = by_path.get(paths.output_path(folder, config, name))
            download = web.download_text(len(pdf.content), pdf.pages) if pdf else None
            entries.append(
                {
                    "name": name,
                    "title": self.env.globals["titles"][name],
                    "page": page.name,
                    "pdf": pdf.path.name if pdf else None,
                    "download": download,
                }
            )
        if not entries:
            return []
        downloads = []
        for suffix, kind, use, form in RECORD_DOWNLOADS:
            kept = by_path.get(paths.output_path(folder, config, RECORD, suffix))
            if kept is not None:
                size = f"{form}, {web.file_size(len(kept.content))}"
                downloads.append({"href": kept.path.name, "type": kind, "text": use, "size": size})
        index = documents.Document(
            "index", f"Banenafspraak {figures.region}, {figures.period.text}"
        )
        html = self.env.get_template("web/index.html.j2").render(
            document=index,
            f=figures,
            config=config,
            created=config.publicatiedatum,
            entries=entries,
            downloads=downloads,
        )
        there = paths.output_path(folder, config, "index").parent
        return [
            Output(there / "index.html", web.prefix_classes(html).encode("utf-8")),
            Output(there / self.STYLE_SHEET, web.content_css().encode("utf-8")),
        ]


# The record of the figures published (render/records.py), as the web index offers it.
RECORD_DOWNLOADS = (
    (".csv", "text/csv", "voor Excel", "CSV"),
    (".json", "application/json", "voor eigen programma's", "JSON"),
)

WRITERS: dict[str, type[PdfWriter] | type[WebWriter]] = {"pdf": PdfWriter, "html": WebWriter}


def shows(kind: str, name: str) -> bool:
    """Whether the writer of this kind makes a file of this document."""
    return name in WRITERS[kind].documents
