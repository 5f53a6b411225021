"""Every number a chart draws carries a label, read back from the chart's SVG text."""

import io
import re
from collections import Counter

import pytest
from conftest import ROOT, compute_figures

from banenafspraak.charts import drawing
from banenafspraak.charts.factsheet_charts import factsheet_charts
from banenafspraak.charts.report_charts import report_charts
from banenafspraak.figures.compute import Figures
from banenafspraak.figures.shapes import Share
from banenafspraak.formatting import number, pct

TEXT = re.compile(r'<text[^>]*x="([\d.]+)" y="([\d.]+)"[^>]*rotate\((-?[\d.]+)[^>]*>([^<]*)</text>')


@pytest.fixture(scope="module")
def f() -> Figures:
    return compute_figures(ROOT / "config.yaml")


@pytest.fixture(scope="module")
def drawn(f) -> dict[str, drawing.Chart]:
    drawing.setup()
    return {**report_charts(f), **factsheet_charts(f)}


def texts(chart: drawing.Chart) -> list[tuple[float, float, float, str]]:
    """Every text of the SVG: x, y, rotation, content."""
    return [
        (float(x), float(y), float(angle), content)
        for x, y, angle, content in TEXT.findall(chart.svg.decode())
    ]


def _share(share: Share) -> str:
    return f"{number(share.count)} ({pct(share.pct)})"


def expected_labels(f: Figures) -> dict[str, list[str]]:
    jobs, group, flows = f.jobs, f.target_group, f.flows
    moved = flows.movement
    assert moved is not None
    n = number
    return {
        "banen-per-soort": [n(v) for row in jobs.by_type_series for v in row[1:]]
        + [n(p.value) for p in jobs.count_series]
        + [f"nog {n(jobs.still_needed)} nodig"],
        "personen-per-doelgroep": [n(v) for row in group.category_series for v in row[1:]]
        + [n(p.value) for p in group.count_series],
        "werkzame-personen-per-doelgroep": [n(v) for row in group.working_series for v in row[1:]]
        + [n(p.value) for p in group.working_count_series],
        "extra-banen": [n(p.value) for p in jobs.extra_series]
        + sorted({n(p.value) for p in jobs.target_series}),
        "doelstelling-per-jaar": [
            n(v) for _, target, real in jobs.yearly for v in (target, real) if v is not None
        ],
        "banen-per-kwartaal": [n(p.value) for p in jobs.added_series]
        + [n(jobs.organic_change), n(jobs.correction)],
        "banen-naar-soort": [_share(s) for s in jobs.by_type.parts.values()],
        "register-naar-doelgroep": [_share(s) for s in group.categories.parts.values()],
        "doelgroepen-in-de-tijd": [n(v) for row in group.category_series for v in row[1:]],
        "aandeel-werkenden": [
            pct(v)
            for v in (
                group.working_wajong_pct,
                group.working_pwet_pct,
                group.working_pct,
                group.national_working_wajong_pct,
                group.national_working_pwet_pct,
                group.national_working_pct,
                group.best_region_pct,
            )
        ],
        "werkvinders-en-werkverliezers": [
            n(v) for _, found, lost in flows.series for v in (found, lost)
        ],
        "stromen": [f"{n(moved.persons_before)} personen", f"{n(moved.persons_now)} personen"]
        + [n(split.total) for split in moved.groups.values()]
        + [n(share.count) for split in moved.groups.values() for share in split.parts.values()]
        + [n(v) for v in (moved.outflow_working, moved.outflow_idle)]
        + [n(v) for v in (moved.inflow_working, moved.inflow_idle)],
    }


def test_every_charted_number_has_a_label(f, drawn):
    expected = expected_labels(f)
    assert set(expected) == set(drawn)
    for name, labels in expected.items():
        shown = Counter(content for *_, content in texts(drawn[name]))
        missing = Counter(labels) - shown
        assert not missing, f"{name}: no label for {dict(missing)}"


def test_small_segments_are_labelled_beside_their_bar(drawn):
    # The government segments (42..58 jobs) and WSW in Grafiek 2 (92..112 persons) are too
    # small for a label inside; they are labelled just right of their bar.
    for name, label in (("banen-per-soort", "58"), ("personen-per-doelgroep", "98")):
        found = [t for t in texts(drawn[name]) if t[3] == label]
        assert found, name
        assert "text-anchor: start" in drawn[name].svg.decode().split(f">{label}</text>")[0][-300:]


def test_the_last_total_is_not_drawn_above_the_still_needed_block(drawn):
    shown = {content: (x, y) for x, y, _, content in texts(drawn["banen-per-soort"])}
    needed_x, needed_y = shown["nog 46 nodig"]
    total_x, total_y = shown["962"]
    # SVG y grows downwards: the total stands lower than the block's label, beside the bar.
    assert total_y > needed_y + 8
    assert total_x > needed_x


def test_the_best_region_line_covers_only_the_group_it_describes(drawn):
    svg = drawn["aandeel-werkenden"].svg.decode()
    line = svg[svg.index('<g id="beste-regio">') :]
    x0, x1 = (float(x) for x in re.findall(r"[ML] ([\d.]+) ", line)[:2])
    ticks = {content: x for x, _, _, content in texts(drawn["aandeel-werkenden"])}
    assert (ticks["Participatiewet"] + ticks["Samen"]) / 2 < x0 < ticks["Samen"] < x1


def test_axis_labels_are_never_rotated(drawn):
    for name, chart in drawn.items():
        assert all(angle == 0 for _, _, angle, _ in texts(chart)), name


def test_target_lines_show_their_value(f, drawn):
    shown = [content for *_, content in texts(drawn["extra-banen"])]
    for year_target in {p.value for p in f.jobs.target_series}:
        assert number(year_target) in shown


def test_margins_measure_only_what_could_reach_out_and_come_out_the_same():
    """_fit_margins leaves labels that are surely inside the plot unmeasured; the tight box,
    and so every margin, is the one a full measurement gives."""
    drawing.setup()
    figure, axes = drawing._figure(drawing.HALF, 2.0)
    axes.bar(range(4), [40, 55, 60, 58])
    axes.set_ylim(0, 70)
    middle = axes.annotate("47", (1, 30), ha="center")
    edge = axes.annotate("Participatiewet", (3.4, 58), xytext=(2, 0), textcoords="offset points")
    renderer = figure._get_renderer()
    reaching = drawing._reaching_out(axes, renderer)
    assert edge in reaching and middle not in reaching
    full = axes.get_tightbbox(renderer)
    assert full.x1 > axes.bbox.x1  # the long label sticks out on the right
    assert axes.get_tightbbox(renderer, bbox_extra_artists=reaching).bounds == full.bounds


TICK = re.compile(r'<text[^>]*translate\(([\d.]+) ([\d.]+)\)"[^>]*>([^<]*)</text>')


def test_every_chart_names_a_quarter_year_first(drawn):
    """One style in every figure and table: '2017 Q1'. A stacked tick puts the year over the
    quarter, so that it reads the same; 'Q1' over '2017' read as 'Q1/2017' beside '2017 Q1'."""
    stacked = 0
    for name, chart in drawn.items():
        found = [(float(x), float(y), text) for x, y, text in TICK.findall(chart.svg.decode())]
        assert not [t for *_, t in found if re.fullmatch(r"Q[1-4][ /]\d{4}", t)], name
        for x, y, content in found:
            if not re.fullmatch(r"Q[1-4]", content):
                continue
            year = min(
                (abs(tx - x) + abs(ty - y), ty)
                for tx, ty, t in found
                if re.fullmatch(r"\d{4}", t) and abs(tx - x) < 10 and abs(ty - y) < 15
            )
            assert year[1] < y, (name, content, "the year stands under the quarter")
            stacked += 1
    assert stacked >= 8  # the charts with stacked ticks were looked at


@pytest.mark.parametrize("text", ["1.234", "Wajong", "WSW/WIW-ID", "2018 Q4", ""])
@pytest.mark.parametrize(("size", "weight"), [(7.5, "normal"), (6.5, "bold")])
def test_a_label_is_measured_once_and_as_matplotlib_measures_it(text, size, weight):
    from matplotlib.backends.backend_svg import RendererSVG
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    drawing.setup()
    prop = FontProperties(family=drawing.FONT, size=size, weight=weight)
    own = TextToPath().get_text_width_height_descent(text, prop, False)
    first = RendererSVG(100, 100, io.StringIO()).get_text_width_height_descent(text, prop, False)
    prop.set_size(size * 2)  # changed after it was measured: the kept size is of the old one
    again = RendererSVG(100, 100, io.StringIO()).get_text_width_height_descent(
        text, FontProperties(family=drawing.FONT, size=size, weight=weight), False
    )
    assert first == again == own
