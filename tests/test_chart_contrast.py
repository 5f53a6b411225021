"""Colour is never the only carrier of meaning, and every chart text reaches WCAG AA.

Read from the charts' SVG, which is what both the PDF and the web page draw: each text's
colour against the shapes painted behind it (white paper, or a bar segment for a label
inside it), the series names outside any legend, and the room above the top line."""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest
from conftest import ROOT, compute_figures

from banenafspraak.charts import drawing
from banenafspraak.charts.factsheet_charts import factsheet_charts
from banenafspraak.charts.palette import AA_TEXT, DARK, GREEN, VERMILION, contrast
from banenafspraak.charts.report_charts import report_charts
from banenafspraak.formatting import number

SVG = "{http://www.w3.org/2000/svg}"
WHITE = "#ffffff"


@dataclass(frozen=True)
class Shape:
    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    fill: str | None  # None: a pattern (hatching)


@dataclass(frozen=True)
class Text:
    content: str
    x: float
    y: float  # baseline
    size: float
    anchor: str
    fill: str
    in_legend: bool
    behind: tuple[Shape, ...]  # the filled shapes painted before it

    def samples(self) -> list[tuple[float, float]]:
        """Points inside the glyphs' box: left, middle and right, at half the x-height."""
        width = 0.55 * self.size * len(self.content)
        left = {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]
        y = self.y - 0.35 * self.size
        return [(left + width * share, y) for share in (0.15, 0.5, 0.85)]

    def backgrounds(self) -> list[str | None]:
        found = []
        for x, y in self.samples():
            colour = WHITE
            for shape in self.behind:
                x0, y0, x1, y1 = shape.box
                if x0 <= x <= x1 and y0 <= y <= y1:
                    colour = shape.fill
            found.append(colour)
        return found


def _style(element: ET.Element) -> dict[str, str]:
    pairs = (part.split(":", 1) for part in element.get("style", "").split(";") if ":" in part)
    return {key.strip(): value.strip() for key, value in pairs}


def _box(d: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def _position(text: ET.Element) -> tuple[float, float]:
    """x and baseline y; a line of a multi-line text is placed by a translation instead."""
    if text.get("x") is not None:
        return float(text.get("x")), float(text.get("y"))
    x, y = re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", text.get("transform")).groups()
    return float(x), float(y)


def read(chart: drawing.Chart) -> list[Text]:
    """The chart's texts in painting order, each with the filled shapes painted before it."""
    root = ET.fromstring(chart.svg)
    legend = {
        id(e)
        for g in root.iter(f"{SVG}g")
        if g.get("id", "").startswith("legend")
        for e in g.iter()
    }
    definitions = {id(e) for d in root.iter(f"{SVG}defs") for e in d.iter()}
    shapes: list[Shape] = []
    texts: list[Text] = []
    for element in root.iter():
        if id(element) in definitions:
            continue
        style = _style(element)
        if element.tag == f"{SVG}path" and style.get("fill", "none") != "none":
            fill = style["fill"]
            shapes.append(Shape(_box(element.get("d")), None if fill.startswith("url") else fill))
        elif element.tag == f"{SVG}text":
            texts.append(
                Text(
                    element.text or "",
                    *_position(element),
                    float(style["font-size"].rstrip("px")),
                    style.get("text-anchor", "start"),
                    style.get("fill", "#000000"),
                    id(element) in legend,
                    tuple(shapes),
                )
            )
    return texts


@pytest.fixture(scope="module")
def f():
    return compute_figures(ROOT / "config.yaml")


@pytest.fixture(scope="module")
def drawn(f) -> dict[str, drawing.Chart]:
    drawing.setup()
    return {**report_charts(f), **factsheet_charts(f)}


def test_the_contrast_ratio_follows_wcag():
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21)
    assert contrast("#009E73", "#FFFFFF") == pytest.approx(3.42, abs=0.01)  # too light for text
    assert contrast(DARK[GREEN], "#FFFFFF") >= AA_TEXT
    assert contrast(DARK[VERMILION], "#FFFFFF") >= AA_TEXT


def test_every_chart_text_reaches_aa_against_what_is_behind_it(drawn):
    failures = []
    for name, chart in drawn.items():
        texts = read(chart)
        assert texts, name
        for text in texts:
            backgrounds = text.backgrounds()
            if None in backgrounds:
                failures.append(f"{name}: '{text.content}' stands on hatching")
                continue
            ratio, background = min((contrast(text.fill, b), b) for b in backgrounds)
            if ratio < AA_TEXT:
                failures.append(
                    f"{name}: '{text.content}' {text.fill} on {background}: {ratio:.2f}:1"
                )
    assert not failures, "\n".join(failures)


def test_labels_inside_segments_are_read_against_the_segment(drawn):
    # The check above must really see the bars: the factsheet's blue segments hold white
    # numbers, which would fail against white paper.
    inside = [
        t for t in read(drawn["personen-per-doelgroep"]) if t.backgrounds() == ["#0072b2"] * 3
    ]
    assert inside and all(t.fill == WHITE for t in inside)


SERIES = {
    "doelgroepen-in-de-tijd": ["Wajong", "Participatiewet", "WSW/WIW-ID"],
    "werkvinders-en-werkverliezers": ["Werkvinders", "Werkverliezers"],
    "banen-per-soort": ["Uitzend/detachering", "Markt", "Overheid"],
    "personen-per-doelgroep": ["Wajong", "Participatiewet", "WSW/WIW-ID"],
    "werkzame-personen-per-doelgroep": ["Wajong", "Participatiewet", "WSW/WIW-ID"],
}


@pytest.mark.parametrize("name", SERIES)
def test_series_are_named_in_the_chart_not_only_in_a_legend(drawn, name):
    texts = read(drawn[name])
    named = {t.content: t for t in texts if not t.in_legend}
    for series in SERIES[name]:
        assert series in named, f"{name}: {series}"
    # Named where the data ends: right of every quarter's label.
    last_tick = max(t.x for t in texts if re.fullmatch(r"\d{4}|Q\d|\d{4} Q\d", t.content))
    assert all(named[s].x > last_tick for s in SERIES[name])
    # And inside the picture, not cut off at its right edge.
    width = float(re.search(r'width="([\d.]+)pt"', drawn[name].svg.decode()).group(1))
    assert all(max(x for x, _ in named[s].samples()) < width for s in SERIES[name]), name


def test_stacked_names_follow_the_order_of_the_layers(drawn):
    shown = {t.content: t.y for t in read(drawn["personen-per-doelgroep"]) if not t.in_legend}
    # SVG y grows downwards: Wajong at the bottom, WSW on top.
    assert shown["Wajong"] > shown["Participatiewet"] > shown["WSW/WIW-ID"]


def _gridlines(chart: drawing.Chart) -> list[float]:
    root = ET.fromstring(chart.svg)
    return [
        _box(path.get("d"))[1]
        for g in root.iter(f"{SVG}g")
        if g.get("id", "").startswith("ytick")
        for path in g.iter(f"{SVG}path")
    ]


def test_the_top_line_labels_keep_clear_of_every_gridline(f, drawn):
    chart = drawn["doelgroepen-in-de-tijd"]
    wajong = {number(row[1]) for row in f.target_group.category_series}
    labels = [t for t in read(chart) if t.content in wajong]
    assert len(labels) == len(f.target_group.category_series)
    gridlines = _gridlines(chart)
    assert len(gridlines) >= 3
    for label in labels:
        glyph_top = label.y - 0.75 * label.size
        # Between 2 points above the figures and the line point 3 points below them.
        assert not [g for g in gridlines if glyph_top - 2 < g < label.y + 3], label.content


def test_names_of_lines_that_end_together_are_moved_apart():
    # Two series ending at the same height, one above: all three names keep the gap, in order,
    # and none rises above the ceiling.
    heights = drawing._spread([50.0, 50.0, 55.0], drawing.LABEL_GAP, ceiling=60)
    assert sorted(heights) == heights
    assert all(b - a >= drawing.LABEL_GAP for a, b in zip(heights, heights[1:], strict=False))
    assert heights[-1] <= 60
