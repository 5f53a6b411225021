"""The web edition, read as files: same numbers as the PDFs, self-contained, scoped, and built
the way a screen reader needs it. test_web_browser.py opens the same pages in Chromium."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, build, pdf_text

from banenafspraak.render import font_subsets, web
from banenafspraak.run import cli

PAGES = ("kwartaalrapportage", "factsheet")
STEM = "{}-gooi-en-vechtstreek-2018-Q4"


class Page(HTMLParser):
    """What the tests need from a page: its text, tags with attributes, ids and headings."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[int] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "script"):
            self._skip += 1
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.parts)).strip()

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def numbers(text: str) -> set[str]:
    """Every number as written: '1.777', '+447', '91%', '110,92', '2018'."""
    return set(re.findall(r"[+-]?\d+(?:[.,]\d+)*%?", text))


@pytest.fixture(scope="module")
def html_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's web edition alone (no PDFs), built a second time."""
    output = tmp_path_factory.mktemp("web")
    assert build(ROOT / "config.yaml", output, "--formaat", "html") == 0
    return output / "2018-Q4" / "gooi-en-vechtstreek"


def page(folder: Path, name: str, suffix: str = ".html") -> str:
    return (folder / f"{STEM.format(name)}{suffix}").read_text("utf-8")


@pytest.mark.parametrize("name", PAGES)
def test_every_number_of_the_pdf_is_on_the_web_page(example: Path, name: str):
    # The PDF's running header and footer are the page frame, not the document's content.
    pdf = re.sub(r"Pagina \d+ van \d+", "", pdf_text(example / f"{STEM.format(name)}.pdf"))
    missing = numbers(pdf) - numbers(Page(page(example, name)).text)
    assert not missing, f"in de PDF, niet op de webpagina: {sorted(missing)}"


@pytest.mark.parametrize("name", PAGES)
def test_the_page_needs_nothing_from_outside(example: Path, name: str):
    html = page(example, name)
    parsed = Page(html)
    assert not parsed.all("script") and not parsed.all("link") and not parsed.all("img")
    assert not parsed.all("iframe") and not parsed.all("object")
    for attrs in parsed.tags:
        for key in ("src", "href", "xlink:href"):
            target = attrs[1].get(key)
            assert target is None or target.startswith(("#", "data:")) or "/" not in target, target
    # CSS and SVG may only point at embedded data or at ids on the page itself.
    for target in re.findall(r"url\(([^)]*)\)", html):
        assert target.strip("'\"").startswith(("#", "data:")), target
    assert "@import" not in html


@pytest.mark.parametrize("name", PAGES)
def test_ids_are_unique_prefixed_and_every_reference_lands(example: Path, name: str):
    html = page(example, name)
    ids = [attrs["id"] for _, attrs in Page(html).tags if "id" in attrs]
    assert len(ids) == len(set(ids)), "dubbele id's"
    assert all(i.startswith("bnf-") for i in ids)
    references = re.findall(r'(?:url\(#|href="#)([^)"]+)', html)
    assert references and set(references) <= set(ids)
    # Every chart got its own ids: no two charts share a clip path.
    assert len(re.findall(r"<clipPath", html)) == len(
        set(re.findall(r'<clipPath id="([^"]+)"', html))
    )


@pytest.mark.parametrize("name", PAGES)
def test_every_class_carries_the_prefix_and_the_css_stays_inside(example: Path, name: str):
    parsed = Page(page(example, name))
    classes = {c for _, attrs in parsed.tags for c in (attrs.get("class") or "").split()}
    assert classes and all(c.startswith("bnf-") for c in classes), classes
    # Every selector of the content styles starts under the page's own <main>.
    css = re.sub(r"@font-face\{[^}]*\}", "", web.content_css())
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    for selectors in re.findall(r"([^{}@]+)\{[^{}]*\}", css):
        for selector in selectors.split(","):
            selector = selector.strip()
            if selector and not selector.startswith(("from", "to")):
                assert selector.startswith(".bnf-"), selector


@pytest.mark.parametrize("name", PAGES)
def test_the_fragment_is_the_main_element_of_the_page(example: Path, name: str):
    full = page(example, name)
    fragment = page(example, name, "-fragment.html")
    assert fragment.startswith("<main ") and fragment.rstrip().endswith("</main>")
    assert fragment.strip() in full
    assert fragment.count("<main") == 1 and "<style" not in fragment


@pytest.mark.parametrize("name", PAGES)
def test_the_page_is_built_for_a_screen_reader(example: Path, name: str):
    html = page(example, name)
    parsed = Page(html)
    assert parsed.all("html")[0]["lang"] == "nl"
    assert parsed.headings[0] == 1 and parsed.headings.count(1) == 1
    # No level is skipped on the way down.
    for before, after in zip(parsed.headings, parsed.headings[1:], strict=False):
        assert after <= before + 1, parsed.headings
    skip = parsed.all("a")[0]
    assert skip["href"] == "#bnf-inhoud" and parsed.all("main")[0]["id"] == "bnf-inhoud"
    figures = re.findall(r"<figure\b.*?</figure>", html, flags=re.DOTALL)
    assert figures
    for figure in figures:
        svgs = Page(figure).all("svg")
        assert len(svgs) == 1 and svgs[0]["role"] == "img" and svgs[0]["aria-label"]
        # Caption, then the chart's numbers folded right under it, as a real table.
        caption, folded = (
            figure.index("<figcaption>"),
            figure.index('<details class="bnf-cijfers">'),
        )
        assert caption < folded and re.search(r"</details>\s*</figure>$", figure)
        table = Page(figure[folded:])
        assert table.all("caption") and table.all("summary")
        headers = table.all("th")
        assert {"col", "row"} <= {th.get("scope") for th in headers}
    # The PDF's appendix and its pointers stay in the PDF.
    assert "Cijfers in de bijlage" not in html and "Bijlage: cijfers" not in html


@pytest.mark.parametrize("name", PAGES)
def test_the_pdf_footnotes_are_notes_at_the_end(example: Path, name: str):
    html = page(example, name)
    assert 'class="bnf-voetnoot"' not in html
    calls = re.findall(r'href="#bnf-noot-(\d+)"', html)
    assert calls == [str(n) for n in range(1, len(calls) + 1)]
    if name == "kwartaalrapportage":
        notes = html[html.index("<h2>Noten</h2>") :]
        assert "110,92 verloonde uren per maand" in notes


def test_every_character_on_the_pages_is_in_the_embedded_font(example: Path):
    for name in (*PAGES, "index"):
        html = (
            (example / "index.html").read_text("utf-8") if name == "index" else page(example, name)
        )
        used = set(Page(html).text) - {" "}
        shipped = set(font_subsets.FONT_CHARACTERS)
        assert used <= shipped, sorted(used - shipped)


@pytest.mark.parametrize("face", font_subsets.FONT_FACES, ids=lambda face: face[1])
def test_the_shipped_font_subsets_equal_a_fresh_subset(face: tuple[str, ...]):
    """The web edition embeds the subsets in templates/fonts; `make fonts` renews them."""
    source, shipped = face[:2]
    fresh = font_subsets.subset(font_subsets.FONT_DIR / source)
    assert (font_subsets.FONT_DIR / shipped).read_bytes() == fresh, "run `make fonts`"
    # And a page embeds exactly the shipped file.
    assert base64.b64encode(fresh).decode("ascii") in web.font_css()


def test_the_index_links_the_pages_and_the_pdfs_with_size_and_pages(example: Path):
    index = Page((example / "index.html").read_text("utf-8"))
    links = {attrs["href"] for attrs in index.all("a")}
    for name in PAGES:
        pdf = example / f"{STEM.format(name)}.pdf"
        assert f"{STEM.format(name)}.html" in links and pdf.name in links
        size = round(pdf.stat().st_size / 1024)
        pages = len(pypdf.PdfReader(pdf).pages)
        assert f"(PDF, {size} kB, {pages} pagina's)" in index.text
    assert "agendavoorstel" not in " ".join(links)
    # And the record of the figures published, as open data.
    for suffix, form in ((".csv", "CSV"), (".json", "JSON")):
        kept = example / f"{STEM.format('cijfers')}{suffix}"
        assert kept.name in links
        assert f"({form}, {max(1, round(kept.stat().st_size / 1024))} kB)" in index.text
    assert index.headings == [1, 2, 2, 2]


def test_html_alone_writes_the_same_web_edition_and_no_pdf(example: Path, html_only: Path):
    assert not list(html_only.glob("*.pdf"))
    for name in PAGES:
        for suffix in (".html", "-fragment.html"):
            assert page(html_only, name, suffix) == page(example, name, suffix)
    # Without PDFs the index lists the web pages only.
    index = (html_only / "index.html").read_text("utf-8")
    assert ".pdf" not in index and f"{STEM.format('factsheet')}.html" in index


def test_pdf_alone_writes_no_web_files(tmp_path: Path):
    assert build(ROOT / "config.yaml", tmp_path, "--formaat", "pdf", "--document", "factsheet") == 0
    written = sorted(p.name for p in (tmp_path / "2018-Q4" / "gooi-en-vechtstreek").iterdir())
    # The PDF and the record of the figures published, which every build writes.
    records = [f"{STEM.format('cijfers')}{suffix}" for suffix in (".csv", ".json")]
    assert written == [*records, f"{STEM.format('factsheet')}.pdf"]


def test_the_agendavoorstel_as_web_page_is_refused(tmp_path: Path, capsys):
    code = build(
        ROOT / "config.yaml", tmp_path, "--formaat", "html", "--document", "agendavoorstel"
    )
    assert code == cli.USAGE
    assert "alleen als PDF" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_an_unknown_format_is_refused_in_dutch(tmp_path: Path, capsys):
    with pytest.raises(SystemExit) as stop:
        build(ROOT / "config.yaml", tmp_path, "--formaat", "docx")
    assert stop.value.code == cli.USAGE
    assert "'docx' is geen geldige keuze voor --formaat" in capsys.readouterr().err


def test_every_option_is_in_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    for action in cli.parser()._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert f"`{option}" in readme, option
