"""Chart style attributes and lengths kept once parsed (svg_values): the same values as
WeasyPrint's own functions give, each caller with lists of its own, and installed where
WeasyPrint looks them up. That the PDFs stay the same byte for byte is what
scripts/output_hashes.py checks."""

from __future__ import annotations

from importlib import import_module

import pytest
from weasyprint.svg.css import parse_declarations
from weasyprint.svg.utils import size

from banenafspraak.render import documents  # noqa: F401  (installs the internals)
from banenafspraak.render.weasyprint_internals import svg_values

pytestmark = pytest.mark.skipif(not svg_values.installed(), reason="another WeasyPrint")

STYLES = (
    "fill: #ffffff; stroke: #888888; stroke-width: 0.6; stroke-linejoin: miter",
    "font-size: 7.5px; font-family: 'Lato'; fill: #222222 !important",
    "-inkscape-x: 1; fill: none",
    "",
)


@pytest.mark.parametrize("style", STYLES)
def test_a_style_reads_as_weasyprint_reads_it_each_time_in_lists_of_its_own(style):
    first = svg_values.declarations(style)
    first[0].append(("stroke", "red"))  # a caller that changed its lists changes no other
    assert svg_values.declarations(style) == parse_declarations(style)


@pytest.mark.parametrize(
    "arguments",
    [("12pt",), ("0.8",), ("50%", 10, 300), ("2em", 7.5), ("1.5ex", 8), ("3mm",), (None,), ("",)],
)
def test_a_length_is_what_weasyprint_computes(arguments):
    assert svg_values.length(*arguments) == size(*arguments)
    assert svg_values.length(*arguments) == size(*arguments)  # kept, and still the same


def test_a_percentage_without_its_reference_fails_as_before():
    with pytest.raises(AssertionError):
        svg_values.length("50%")


def test_weasyprint_calls_the_kept_versions():
    import weasyprint.svg

    assert weasyprint.svg.parse_declarations is svg_values.declarations
    for name in ("weasyprint.svg", "weasyprint.svg.defs", "weasyprint.svg.text"):
        assert import_module(name).size is svg_values.length
