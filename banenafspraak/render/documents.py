"""Turning figures and charts into HTML (Jinja2) and into PDF/UA-1 files (WeasyPrint)."""

from __future__ import annotations

import logging
import os
import re
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket

from banenafspraak import formatting
from banenafspraak.charts.drawing import Chart
from banenafspraak.figures import commentary, sources
from banenafspraak.figures.compute import Figures
from banenafspraak.input.config import Config
from banenafspraak.locations import TEMPLATES
from banenafspraak.render import weasyprint_internals, web
from banenafspraak.render.pdf_repair import pdf_structure

weasyprint_internals.load_weasyprint()
from weasyprint import CSS, HTML, URLFetcher  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

weasyprint_internals.install()


@dataclass(frozen=True)
class Document:
    name: str  # also the template's and the file's stem
    title: str  # shown in the PDF's metadata and on the first page


class TemplatesOnlyFetcher(URLFetcher):
    """Lets WeasyPrint read embedded data and files under templates/, and nothing else."""

    def fetch(self, url: str, headers: dict | None = None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        if parts.scheme == "file":
            path = Path(unquote(parts.path)).resolve()
            if path.is_relative_to(TEMPLATES):
                return super().fetch(url, headers)
        raise ValueError(f"geweigerd: {url}")


_FETCHER = TemplatesOnlyFetcher()


# Compiled templates beside the templates, as Python keeps a module's bytecode in
# __pycache__ beside it (ignored by git): not in the temporary folder, which a command leaves
# as it found it (run/scratch.py).
COMPILED = TEMPLATES / "__pycache__"


class CompiledTemplates(FileSystemBytecodeCache):
    """Compiled templates kept in memory for the life of the process (a worker that builds
    region after region compiles each template once) and on disk between runs in COMPILED,
    so that a new build does not compile them again (about 0.14 s of the renderer's
    start-up). They are written there where Python writes its own bytecode (not under
    PYTHONDONTWRITEBYTECODE) and by `make compiled` (`compile_templates`). Jinja checks every
    entry against the template's source, so an edited template is compiled again. Without
    them the templates are compiled in every run, as before."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}
        self.writing = not sys.dont_write_bytecode
        super().__init__(str(COMPILED))

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])
            return
        try:
            super().load_bytecode(bucket)
        except Exception:  # an unreadable entry is compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()
        if self.writing:
            try:
                COMPILED.mkdir(exist_ok=True)
                super().dump_bytecode(bucket)
            except OSError:  # a full or read-only disk costs a compile next time, no more
                pass


_COMPILED = CompiledTemplates()


def compile_templates() -> None:
    """Compile every template into COMPILED (`make compiled`), also under
    PYTHONDONTWRITEBYTECODE: in a process that has not compiled them yet."""
    _COMPILED.writing = True
    warm()


# The page frame of each medium; the documents and their macros are the same for both.
LAYOUTS = {"pdf": "base.html.j2", "web": "web/base.html.j2"}


def environment(medium: str = "pdf") -> Environment:
    """One Jinja environment per medium: templates read `medium` where the two differ (a chart
    is an image in the PDF and inline SVG with its table on the web) and extend `layout`."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=_COMPILED,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(formatting.FILTERS)
    env.filters["inline_svg"] = web.inline_svg
    env.filters["pdf_image"] = lambda chart: weasyprint_internals.chart_url(chart.svg)
    env.globals.update(medium=medium, layout=LAYOUTS[medium])
    return env


def render_html(
    env: Environment,
    document: Document,
    figures: Figures,
    config: Config,
    charts: dict[str, Chart],
) -> str:
    template = env.get_template(f"{document.name}.html.j2")
    html = template.render(
        document=document,
        f=figures,
        config=config,
        charts=charts,
        duiding={key: commentary.to_html(text) for key, text in commentary.texts(config).items()},
        voorstellen=commentary.proposals(config),
        created=config.publicatiedatum,
        bronnen=sources.for_document(
            config.bronnen,
            figures.region,
            figures.period,
            config.bron_publicatiedatum,
            sheltered=figures.sheltered is not None,
            national=figures.jobs.national_target_pct is not None,
        ),
        bron_doelstellingen=sources.targets(config.doelstelling_bron, figures.region),
        bronnen_factsheet=sources.for_factsheet(
            config.bronnen, figures.period, national=figures.jobs.national_target_pct is not None
        ),
        registraties=sources.REGISTRATIONS,
    )
    # WeasyPrint 70 breaks footnote lines where the source has a newline; the documents
    # have no preformatted text, so folding every line break into a space is safe.
    return re.sub(r"\s*\n\s*", " ", html)


# The style sheets of each PDF, in the order they apply.
STYLESHEETS = {"factsheet": ("style.css", "factsheet.css")}
DEFAULT_STYLESHEETS = ("style.css",)


def stylesheets(name: str) -> tuple[str, ...]:
    return STYLESHEETS.get(name, DEFAULT_STYLESHEETS)


@cache
def _fonts() -> FontConfiguration:
    """One font configuration for every PDF this process renders: the shipped fonts are
    loaded once, and Pango keeps what it has shaped for the next document."""
    return FontConfiguration()


@cache
def _stylesheet(name: str) -> CSS:
    """A style sheet under templates/, parsed once per process with the shared fonts."""
    return CSS(filename=str(TEMPLATES / name), font_config=_fonts(), url_fetcher=_FETCHER)


def warm() -> None:
    """Do now what the first document would: load the fonts, parse the style sheets and
    load the compiled templates. Done before forking, the children share the result."""
    for sheets in (DEFAULT_STYLESHEETS, *STYLESHEETS.values()):
        for name in sheets:
            _stylesheet(name)
    for medium in LAYOUTS:
        env = environment(medium)
        for path in sorted(TEMPLATES.glob("*.html.j2")) + sorted(TEMPLATES.glob("web/*.html.j2")):
            env.get_template(path.relative_to(TEMPLATES).as_posix())


def render_pdf(
    html: str, file_name: str, created: date, styles: tuple[str, ...] = DEFAULT_STYLESHEETS
) -> tuple[bytes, int]:
    """The PDF/UA-1 bytes of a document styled by `styles` (files under templates/), and its
    page count."""
    # fontTools stamps each embedded font subset with "now" unless SOURCE_DATE_EPOCH is set.
    moment = datetime.combine(created, time(12), tzinfo=UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    # Both log harmless notes (font timestamps, subsetting) that would only alarm a user.
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    source = HTML(string=html, base_url=str(TEMPLATES) + os.sep, url_fetcher=_FETCHER)
    rendered = source.render(
        pdf_variant="pdf/ua-1",
        stylesheets=[_stylesheet(name) for name in styles],
        font_config=_fonts(),
    )
    pdf = rendered.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=_identifier(file_name))
    # WeasyPrint's tagging falls short of PDF/UA in places; pdf_structure repairs them.
    return pdf_structure.repair(pdf, weasyprint_internals.page_layout(rendered)), len(
        rendered.pages
    )


def _identifier(file_name: str) -> bytes:
    # A fixed identifier per file name keeps the bytes identical from build to build.
    return file_name.encode("utf-8")[:32].ljust(32, b"-")
