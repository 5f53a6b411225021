"""Everything that reaches into WeasyPrint's private modules, in one folder, behind one switch.

The rest of the package calls only the four functions below; none of it imports a module of
this folder or a private module of WeasyPrint's (tests/test_architecture.py checks both).

- `svg_text` (speed): chart labels drawn as whole runs instead of letter by letter, and
  anchored without a form XObject each. Replaces `weasyprint.svg.text` and its entries in
  `weasyprint.svg.TAGS`, and calls `draw_first_line`, `split_first_line`, `TextBox`, `Style`,
  `extend_bounding_box`, `normalize`, `size`, `Matrix` and `INITIAL_VALUES`. It installs
  itself only for the WeasyPrint version it was written against (`svg_text.WEASYPRINT`).
- `svg_values` (speed): WeasyPrint keeps the style attributes and lengths of the charts it
  parsed (`functools.lru_cache`). Replaces `parse_declarations` in `weasyprint.svg` and
  `size` in `weasyprint.svg`, `weasyprint.svg.defs` and `weasyprint.svg.text`; installs
  itself only for WeasyPrint 70.0 (`svg_values.WEASYPRINT`).
- `libraries` (speed): imports WeasyPrint while `ctypes.util.find_library` answers "not
  found", so that cffi opens Pango and HarfBuzz by the Linux file names in WeasyPrint's own
  lists (`weasyprint/text/ffi.py`) instead of starting about 50 ldconfig/gcc subprocesses;
  and while `weasyprint/pdf/fonts.py` imports `fontTools.subset` (a module loaded on first
  use) and `instantiateVariableFont` from `fontTools.varLib.instancer` (a function importing
  the real one when called), which serve only fonts a build never embeds.
- `layout` (accessibility): reads WeasyPrint's page boxes (`Page._page_box`,
  `FootnoteAreaBox`, `LineBox`, `box.element`) to tell the PDF/UA repair which pages hold
  footnotes and which elements run on from one page to the next.

On an upgrade of WeasyPrint:
1. Raise the pin in pyproject.toml and run the tests with the switch off
   (`BANENAFSPRAAK_WEASYPRINT_INTERNALS=0 make test`): the product must work without this
   folder, and an upgrade is never blocked by it. With the switch off, chart labels are drawn
   by WeasyPrint's own code (a build costs about 0.3 CPU s more) and a section that a page
   break splits stays two elements in the structure tree (two in the 2018-Q4 report); the
   PDFs still pass the PDF/UA-1 validator (tests/test_weasyprint_internals.py).
2. Then with the switch on: compare `svg/text.py`, `draw/text.py` and `svg/__init__.py` with
   the version `svg_text` follows, update it and `svg_text.WEASYPRINT`; check that
   `parse_declarations` and `size` are still pure and imported by the names `svg_values`
   replaces, and raise `svg_values.WEASYPRINT`; run
   tests/test_svg_text.py (positions against WeasyPrint's own drawing); check that
   tests/test_imports.py still sees no subprocess while WeasyPrint loads and that
   `pdf/fonts.py` still imports fontTools as `libraries` expects; run
   tests/test_accessibility.py for `layout`.
3. scripts/output_hashes.py before and after shows what the upgrade changed in the output.
"""

from __future__ import annotations

import base64
import os

from banenafspraak.render.pdf_repair.pdf_structure import Layout

SWITCH = "BANENAFSPRAAK_WEASYPRINT_INTERNALS"


def enabled() -> bool:
    """False when the switch is set to 0 (or "uit"): then nothing here touches WeasyPrint."""
    return os.environ.get(SWITCH, "1").strip().lower() not in ("0", "uit", "off")


def load_weasyprint() -> None:
    """Import WeasyPrint, without its library search where that is on."""
    if enabled():
        from banenafspraak.render.weasyprint_internals import libraries

        libraries.load_weasyprint()
    import weasyprint  # noqa: F401


def install() -> None:
    """Let WeasyPrint draw chart labels as whole runs and keep the chart values it parsed,
    where that is on."""
    if enabled():
        from banenafspraak.render.weasyprint_internals import svg_text, svg_values

        svg_text.install()
        svg_values.install()


def chart_url(svg: bytes) -> str:
    """A chart as a data: URL for WeasyPrint, prepared for `svg_text` where that is on (its
    labels' anchors moved where only `svg_text` reads them)."""
    if enabled():
        from banenafspraak.render.weasyprint_internals import svg_text

        if svg_text.installed():
            return svg_text.for_pdf(svg)
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def page_layout(rendered) -> Layout:
    """What the PDF/UA repair needs to know of WeasyPrint's pages; nothing where that is off."""
    if enabled():
        from banenafspraak.render.weasyprint_internals import layout

        return layout.page_layout(rendered)
    return Layout()
