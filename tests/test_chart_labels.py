"""Every number a chart draws carries a label, read back from the chart's SVG text, and no
label collides with another label or with what the chart draws, for every example quarter."""

import io
import re
from collections import Counter
from dataclasses import dataclass, replace

import matplotlib.pyplot as plt
import pytest
from conftest import ROOT, compute_figures
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from banenafspraak.charts import drawing
from banenafspraak.charts.factsheet_charts import factsheet_charts, jobs_per_quarter
from banenafspraak.charts.report_charts import report_charts, yearly_targets
from banenafspraak.figures.compute import Figures, compute
from banenafspraak.figures.shapes import Share
from banenafspraak.figures.trends import Point
from banenafspraak.formatting import number, pct
from banenafspraak.input import config, dataset
from banenafspraak.problems import Collector

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
        + [f"verschil {n(jobs.still_needed)}"],  # a fourth quarter: what remained
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
    needed_x, needed_y = shown["verschil 46"]
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


# --- No label collides with another or with what the chart draws, for any quarter ----------

QUARTERS = [f"{year}-Q{number}" for year in (2016, 2017, 2018) for number in (1, 2, 3, 4)]
ACROSS = 1.5  # points between texts side by side (about a word space)
DOWN = 1.0  # points two texts' boxes may share above each other (their ascent and descent)


@dataclass(frozen=True)
class Layout:
    """What a chart drew, in points from its lower left corner, as saved."""

    name: str
    figure: Bbox
    texts: list[tuple[str, Bbox, bool]]  # content, box, in the plot (not a tick or legend)
    patches: list[Bbox]  # bars and boxes
    lines: list[list[tuple[float, float]]]  # the plotted lines' points


def _measure(figure) -> Layout:
    figure.set_dpi(72)
    figure.draw_without_rendering()
    renderer = figure._get_renderer()
    ticks, hidden = set(), set()
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            drawn = set(axis._update_ticks()) if axes.axison else set()
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                (ticks if tick in drawn else hidden).update((tick.label1, tick.label2))
    (axes, *_) = figure.axes
    return Layout(
        "",
        figure.bbox.frozen(),
        [
            (
                t.get_text(),
                t.get_window_extent(renderer).frozen(),
                t.axes is not None and t not in ticks,
            )
            for t in figure.findobj(Text)
            if t.get_visible() and t.get_text().strip() and t not in hidden
        ],
        [p.get_window_extent(renderer).frozen() for p in axes.patches],
        [
            list(map(tuple, line.get_transform().transform(line.get_xydata())))
            for line in axes.lines
        ],
    )


def _layouts(draw, monkeypatch) -> list[Layout]:
    """The layout of every chart `draw()` makes, measured as it is closed after saving."""
    found = []
    close = plt.close

    def measuring_close(figure=None):
        found.append(_measure(figure))
        close(figure)

    with monkeypatch.context() as patched:
        patched.setattr(plt, "close", measuring_close)
        charts = draw()
    return [replace(layout, name=name) for layout, name in zip(found, charts, strict=True)]


def _apart(a: Bbox, b: Bbox) -> bool:
    return (
        a.x1 + ACROSS <= b.x0 or b.x1 + ACROSS <= a.x0 or a.y1 - DOWN <= b.y0 or b.y1 - DOWN <= a.y0
    )


def _touches(a: Bbox, b: Bbox, margin: float = 0.0) -> bool:
    return (
        a.x0 + margin < b.x1
        and b.x0 + margin < a.x1
        and a.y0 + margin < b.y1
        and b.y0 + margin < a.y1
    )


def _inside(inner: Bbox, outer: Bbox, margin: float = 0.5) -> bool:
    return (
        inner.x0 >= outer.x0 - margin
        and inner.x1 <= outer.x1 + margin
        and inner.y0 >= outer.y0 - margin
        and inner.y1 <= outer.y1 + margin
    )


def _crossed(box: Bbox, points: list[tuple[float, float]]) -> bool:
    """Whether the polyline runs through the box (shrunk by half a point), sampled every
    half point."""
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        steps = int(max(abs(x1 - x0), abs(y1 - y0)) / 0.5) + 1
        for k in range(steps + 1):
            x, y = x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps
            if box.x0 + 0.5 < x < box.x1 - 0.5 and box.y0 + 0.5 < y < box.y1 - 0.5:
                return True
    return False


def layout_problems(layout: Layout) -> list[str]:
    """Texts outside the chart, texts too close together, labels on a bar or box they do not
    stand inside, and labels a line runs through."""
    problems = []
    texts = layout.texts
    for content, box, _ in texts:
        if not _inside(box, layout.figure, 0.01):
            problems.append(f"{content!r} is cut off at the chart's edge")
    for i, (first, a, _) in enumerate(texts):
        for second, b, _ in texts[i + 1 :]:
            if not _apart(a, b):
                problems.append(f"{first!r} and {second!r} collide")
    for content, box, in_plot in texts:
        if not in_plot:
            continue
        for patch in layout.patches:
            if _touches(box, patch, 0.5) and not _inside(box, patch):
                problems.append(f"{content!r} stands partly on a bar or box")
        if any(_crossed(box, line) for line in layout.lines):
            problems.append(f"a line runs through {content!r}")
    return [f"{layout.name}: {problem}" for problem in problems]


def quarter_figures(quarter: str) -> Figures:
    settings = config.load(ROOT / "config.yaml", {"periode": quarter})
    problems = Collector()
    data = dataset.load(settings, ROOT, "config.yaml", problems)
    assert data is not None, problems.problems
    return compute(data)


@pytest.mark.parametrize("quarter", QUARTERS)
def test_no_label_collides_in_any_example_quarter(quarter, monkeypatch):
    f = quarter_figures(quarter)
    drawing.setup()
    layouts = _layouts(lambda: {**report_charts(f), **factsheet_charts(f)}, monkeypatch)
    assert len(layouts) >= 8  # 2016-Q1, the data's first quarter, has no growth or lines
    problems = [p for layout in layouts for p in layout_problems(layout)]
    assert not problems, "\n".join(problems)


def _last_quarter(f: Figures, markt: int, overheid: int, uitzend: int, needed: int) -> Figures:
    """The figures with the last quarter's jobs by type, and the jobs still needed, changed."""
    jobs = f.jobs
    quarter = jobs.by_type_series[-1][0]
    total = markt + overheid + uitzend
    return replace(
        f,
        jobs=replace(
            jobs,
            now=total,
            by_type_series=[*jobs.by_type_series[:-1], (quarter, markt, overheid, uitzend)],
            count_series=[*jobs.count_series[:-1], Point(quarter, total)],
            still_needed=needed,
            target_level=total + max(needed, 0),
        ),
    )


@pytest.mark.parametrize(
    "markt, overheid, uitzend, needed",
    [
        (779, 58, 125, 46),  # 2018-Q4 as published
        (779, 58, 125, 1),  # the target nearly reached: a thin hatched block
        (779, 58, 125, 0),  # reached: the total on top of the bar again
        (820, 0, 125, 46),  # no government jobs
        (800, 12, 3, 300),  # two thin segments and a tall block
        (760, 30, 30, 5),  # every segment but one too thin to hold its number
    ],
)
def test_the_jobs_chart_keeps_its_labels_apart_for_any_last_bar(
    f, monkeypatch, markt, overheid, uitzend, needed
):
    drawing.setup()
    changed = _last_quarter(f, markt, overheid, uitzend, needed)
    (layout,) = _layouts(lambda: {"banen-per-soort": jobs_per_quarter(changed)}, monkeypatch)
    assert not layout_problems(layout), "\n".join(layout_problems(layout))
    shown = {content: box for content, box, _ in layout.texts}
    total = shown[number(markt + overheid + uitzend)]
    if needed > 0:
        # Beside the bar, not beside the hatched block on top of it (the highest patch).
        hatched = max(layout.patches, key=lambda patch: patch.y1)
        assert total.x0 > hatched.x1 and total.y1 <= hatched.y0 + 0.5
    assert ("Overheid" in shown) and ("Markt" in shown) and ("Uitzend/detachering" in shown)


@pytest.mark.parametrize("quarter", QUARTERS)
def test_figure_2_names_a_year_not_yet_over_up_to_the_quarter(quarter):
    """The period's realised jobs beside the whole year's target: before Q4 its bar, its table
    row and its alt text say that they count only up to the quarter."""
    f = quarter_figures(quarter)
    drawing.setup()
    chart = yearly_targets(f)
    year, number_ = f.period.year, f.period.number
    so_far = f"{year} t/m Q{number_}"
    rows = [label for label, _ in chart.table.rows]
    assert [y for y, _, _ in f.jobs.yearly] == [int(label[:4]) for label in rows]
    ticks = [(float(x), float(y), text) for x, y, text in TICK.findall(chart.svg.decode())]
    partial = [(x, y) for x, y, text in ticks if text.startswith("t/m")]
    if number_ < 4:
        assert rows.count(so_far) == 1 and all(r in (so_far, r[:4]) for r in rows), rows
        # Year first, as in the quarter ticks: the year over 't/m Q3'.
        ((x, y),) = partial
        assert [t for t in ticks if t[2] == f"t/m Q{number_}"]
        assert any(text == str(year) and abs(tx - x) < 10 and ty < y for tx, ty, text in ticks)
        assert f"In {year} tot en met Q{number_}: gerealiseerd " in chart.alt
        assert f"voor heel {year}" in chart.alt
    else:
        assert all(len(r) == 4 for r in rows) and not partial, rows
        assert "tot en met Q" not in chart.alt
    assert len(chart.alt) <= drawing.ALT_LIMIT


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
