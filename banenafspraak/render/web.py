"""What turns a rendered document into a self-contained web page: charts as inline SVG with
ids of their own, footnotes as notes at the end, class names under one prefix, the Lato
subset as embedded fonts, and the `<main>` fragment a web editor pastes into a CMS.

Everything here works on HTML that our own templates made (autoescaped, commentary cleaned
by nh3), so simple patterns suffice; the tests check the result in a real browser.
"""

from __future__ import annotations

import base64
import re
from functools import cache

from markupsafe import Markup, escape

from banenafspraak.charts.drawing import Chart
from banenafspraak.formatting import counted
from banenafspraak.locations import TEMPLATES
from banenafspraak.render.font_subsets import FONT_DIR, FONT_FACES

PREFIX = "bnf-"
WEB_TEMPLATES = TEMPLATES / "web"
# The family name the pages use for the embedded Lato, so that a site's own "Lato" (or its
# absence) cannot change how a pasted fragment looks.
FONT_FAMILY = "bnf-lato"
FONT_STACK = f"'{FONT_FAMILY}', Lato, 'Helvetica Neue', Arial, sans-serif"


# The viewBox width (pt) above which a chart is page-wide.
WIDE_CHART = 300

# --- Charts -------------------------------------------------------------------------------


def inline_svg(chart: Chart) -> Markup:
    """The chart's SVG to place inside HTML: one image with the short alt as its name, every
    id prefixed with the chart's name (several charts share a page), Lato from the page."""
    svg = chart.svg.decode("utf-8")
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    own = f"{PREFIX}{chart.name}"
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{own}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{own}-\1)", svg)
    svg = re.sub(r'(xlink:href|href)="#([^"]+)"', rf'\1="#{own}-\2"', svg)
    # Matplotlib's style sheet applies to '*', which inline would mean the whole page (and a
    # CMS may strip it): the content styles carry its one rule, for charts only.
    svg = re.sub(r'\s*<style type="text/css">[^<]*</style>', "", svg)
    svg = re.sub(r"\s*<defs>\s*</defs>", "", svg)
    svg = svg.replace("font-family: 'Lato'", f"font-family: {FONT_STACK}")
    # Width and height come from CSS (the viewBox keeps the proportions).
    opening = re.match(r"<svg[^>]*>", svg).group(0)
    view_box = re.search(r'viewBox="[^"]+"', opening).group(0)
    new_opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'{view_box} id="{own}" role="img" aria-label="{escape(chart.alt)}" focusable="false">'
    )
    svg = new_opening + svg[len(opening) :].rstrip()
    width = float(view_box.split()[2])
    if width <= WIDE_CHART:
        return Markup(svg)
    # A page-wide chart keeps a readable size on a phone and scrolls sideways in its own box;
    # on a screen too narrow for it a line above says so (screen readers hear the box's name).
    hint = '<p class="schuifhint" aria-hidden="true">Schuif de grafiek opzij om alles te zien.</p>'
    return Markup(
        hint + _sideways(svg, "breed", "Grafiek; schuif opzij om de hele grafiek te zien")
    )


def _sideways(content: str, kind: str, label: str) -> str:
    """A box that scrolls sideways by itself when its content is wider than the screen; it can
    take the keyboard focus, so that it scrolls with the arrow keys too."""
    return (
        f'<div class="schuifvlak {kind}" tabindex="0" role="group" aria-label="{escape(label)}">'
        f"{content}</div>"
    )


_TABLE = re.compile(r"<table\b(?:(?!</table>).)*</table>", re.DOTALL)
_CAPTION = re.compile(r"<caption>(.*?)</caption>", re.DOTALL)


def boxed_tables(html: str) -> str:
    """Every table gets a box of its own that scrolls sideways when a narrow screen cannot
    hold its columns, so that the page itself never does (WCAG 1.4.10)."""

    def boxed(match: re.Match) -> str:
        table = match.group(0)
        caption = _CAPTION.search(table)
        name = re.sub(r"<[^>]+>|\s+", " ", caption.group(1)).strip() if caption else "Tabel"
        return _sideways(table, "tabel", f"{name}; schuif opzij voor alle kolommen")

    return _TABLE.sub(boxed, html)


# --- The page -----------------------------------------------------------------------------

_FOOTNOTE = re.compile(r'<span class="voetnoot">(.*?)</span>', re.DOTALL)
_CLASS = re.compile(r'\bclass="([^"]*)"')


def endnotes(html: str) -> str:
    """Footnotes float to the page foot in the PDF; on the web each becomes a numbered link to
    a list of notes at the end of the main content, with a link back."""
    notes: list[str] = []

    def reference(match: re.Match) -> str:
        notes.append(match.group(1).strip())
        n = len(notes)
        return (
            f'<sup class="nootverwijzing"><a href="#{PREFIX}noot-{n}" id="{PREFIX}verwijzing-{n}" '
            f'aria-label="noot {n}">{n}</a></sup>'
        )

    html = _FOOTNOTE.sub(reference, html)
    if not notes:
        return html
    items = "".join(
        f'<li id="{PREFIX}noot-{n}">{text} <a href="#{PREFIX}verwijzing-{n}" class="terug" '
        f'aria-label="Terug naar de tekst bij noot {n}">terug</a></li>'
        for n, text in enumerate(notes, start=1)
    )
    section = f'<section class="noten"><h2>Noten</h2><ol>{items}</ol></section>'
    head, tail = html.rsplit("</main>", 1)
    return head + section + "</main>" + tail


def prefix_classes(html: str) -> str:
    """'class="duo"' -> 'class="bnf-duo"', so that the site's styles and ours cannot meet."""

    def prefixed(match: re.Match) -> str:
        names = " ".join(
            name if name.startswith(PREFIX) else PREFIX + name for name in match.group(1).split()
        )
        return f'class="{names}"'

    return _CLASS.sub(prefixed, html)


def fragment(page: str) -> str:
    """The page's `<main>` element alone, for pasting into a page of the site."""
    match = re.search(r'<main id="bnf-inhoud".*</main>', page, flags=re.DOTALL)
    if match is None:
        raise ValueError("de webpagina heeft geen <main>")
    return match.group(0) + "\n"


# --- Styles and fonts ---------------------------------------------------------------------


@cache
def font_css() -> str:
    """@font-face rules with the shipped Lato subsets (`font_subsets`) embedded as WOFF data."""
    rules = []
    for _, subset, weight, style in FONT_FACES:
        data = base64.b64encode((FONT_DIR / subset).read_bytes()).decode("ascii")
        rules.append(
            f"@font-face{{font-family:'{FONT_FAMILY}';font-weight:{weight};font-style:{style};"
            f"font-display:swap;src:url(data:font/woff;base64,{data}) format('woff')}}"
        )
    return "\n".join(rules) + "\n"


@cache
def content_css() -> str:
    """The styles of the content, every rule under .bnf-pagina: the fragment's style sheet."""
    return font_css() + (WEB_TEMPLATES / "inhoud.css").read_text("utf-8")


@cache
def page_css() -> str:
    """Everything a full page inlines: the content styles and the page's own frame."""
    return content_css() + (WEB_TEMPLATES / "pagina.css").read_text("utf-8")


# --- Downloads ----------------------------------------------------------------------------


def file_size(size: int) -> str:
    """'212 kB', '1,4 MB', as download links on government sites state them."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def download_text(size: int, pages: int) -> str:
    """'PDF, 212 kB, 5 pagina's'."""
    return f"PDF, {file_size(size)}, " + counted(pages, "pagina", "pagina's")
