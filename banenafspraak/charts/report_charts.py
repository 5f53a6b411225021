"""The kwartaalrapportage's charts, one function per chart, each drawing from the Figures
object only: extra jobs against the targets, growth per quarter, jobs by type, the register by
category and over time, working shares beside Nederland's, and work found and lost. What every
chart shares is in charts.py.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from banenafspraak.charts import data_tables
from banenafspraak.charts.drawing import (
    CATEGORY_COLOURS,
    CATEGORY_LABELS,
    FULL,
    HALF,
    SMALL,
    TYPE_COLOURS,
    TYPE_LABELS,
    Chart,
    _figure,
    _finish,
    _fit_margins,
    _headroom,
    _label_beside,
    _legend,
    _note,
    _point_labels,
    _reach,
    _series_names,
    _span,
)
from banenafspraak.charts.palette import BLUE, DARK, GREEN, GREY, ORANGE, VERMILION
from banenafspraak.figures.compute import Figures
from banenafspraak.figures.shapes import Share
from banenafspraak.figures.target_group import TargetGroup
from banenafspraak.formatting import counted, number, pct

# Bars of a reference (target, national) beside the region's own: grey and hatched, so that
# pattern as well as colour tells them from the blue bars, in the chart and its legend.
REFERENCE = {"color": GREY, "hatch": "////", "edgecolor": "white", "linewidth": 0}


def _label_bars(axes: Axes, bars, values: list[int]) -> None:
    axes.bar_label(bars, labels=[number(v) for v in values], padding=1.5, fontsize=SMALL)


def _share(share: Share) -> str:
    """'779 (81%)'."""
    return f"{number(share.count)} ({pct(share.pct)})"


def _quarter_ticks(axes: Axes, quarters: list) -> None:
    """Quarters in the one style of every figure and table ('2017 Q1'), the year over the
    quarter so that eight of them fit under a half-width chart, horizontal like every other
    axis label."""
    axes.set_xticks(range(len(quarters)), [q.label.replace(" ", "\n") for q in quarters])


def _jobs_added(change: int) -> str:
    """A quarter's change in jobs without a sign: '39 banen erbij', '1 baan minder'."""
    if change > 0:
        return f"{counted(change, 'baan', 'banen')} erbij"
    if change < 0:
        return f"{counted(-change, 'baan', 'banen')} minder"
    return "evenveel banen als een kwartaal eerder"


def extra_jobs(figures: Figures) -> Chart:
    jobs = figures.jobs
    labels = [p.quarter.label for p in jobs.extra_series]
    figure, axes = _figure(HALF, 2.5)
    bars = axes.bar(
        labels, [p.value for p in jobs.extra_series], color=BLUE, width=0.7, label="Extra banen"
    )
    # Inside the bars, so that the target line cannot run through a label.
    axes.bar_label(
        bars,
        labels=[number(p.value) for p in jobs.extra_series],
        padding=-(SMALL + 2.5),
        fontsize=SMALL,
        color="white",
    )
    # The year's target as one level line over that year's bars, its value at its start.
    for index, point in enumerate(jobs.target_series):
        axes.hlines(
            point.value,
            index - 0.5,
            index + 0.5,
            color=VERMILION,
            linewidth=1.6,
            label="Doelstelling" if index == 0 else None,
        )
        if index == 0 or point.quarter.year != jobs.target_series[index - 1].quarter.year:
            _note(
                axes,
                number(point.value),
                (index - 0.5, point.value),
                offset=(1, 2),
                ha="left",
                colour=DARK[VERMILION],
                bold=True,
            )
    # Room above the target lines for their values, no gridline through them; the bars hold
    # their labels inside.
    highest_bar = max(p.value for p in jobs.extra_series)
    _headroom(axes, [p.value for p in jobs.target_series], room=SMALL + 5, shown=highest_bar)
    _quarter_ticks(axes, [p.quarter for p in jobs.extra_series])
    _legend(figure, 2)
    alt = (
        f"Staafdiagram van de extra banen sinds de nulmeting per kwartaal, {_span(labels)}, met "
        f"de doelstelling van het jaar. In {labels[-1]}: {number(jobs.extra_series[-1].value)} "
        f"extra banen, doelstelling {number(jobs.target_series[-1].value)}."
    )
    return _finish("extra-banen", figure, alt, data_tables.extra_jobs(figures))


def yearly_targets(figures: Figures) -> Chart:
    rows = figures.jobs.yearly
    years = [str(year) for year, _, _ in rows]
    positions = range(len(rows))
    figure, axes = _figure(HALF, 2.5)
    width = 0.38
    # A year with nothing realised yet (next year's target) has its one bar over its name.
    target_bars = axes.bar(
        [
            p - width / 2 if r is not None else p
            for p, (_, _, r) in zip(positions, rows, strict=True)
        ],
        [t for _, t, _ in rows],
        width,
        label="Doelstelling",
        **REFERENCE,
    )
    realised = [(p, r) for p, (_, _, r) in zip(positions, rows, strict=True) if r is not None]
    real_bars = axes.bar(
        [p + width / 2 for p, _ in realised],
        [r for _, r in realised],
        width,
        color=BLUE,
        label="Gerealiseerd",
    )
    _label_bars(axes, target_bars, [t for _, t, _ in rows])
    _label_bars(axes, real_bars, [r for _, r in realised])
    # Year first, like the quarters: '2018' over 't/m Q3' when the year is not over yet (then
    # every year takes two lines, so that the years stand level).
    labels = [data_tables.year_label(figures, year).split(" ", 1) for year, _, _ in rows]
    lines = max(len(label) for label in labels)
    axes.set_xticks(
        list(positions), ["\n".join(label + [""] * (lines - len(label))) for label in labels]
    )
    axes.set_ylim(0, max(max(t, r or 0) for _, t, r in rows) * 1.2)
    _legend(figure, 2)
    # The alt text speaks of the period's year; a next year's target follows it.
    year, target, real = next(row for row in reversed(rows) if row[0] <= figures.period.year)
    so_far = data_tables.year_label(figures, year) != str(year)
    alt = (
        f"Staafdiagram van de doelstelling en de gerealiseerde extra banen per jaar, "
        f"{_span(years)}. "
        + (
            f"In {year} tot en met Q{figures.period.number}: gerealiseerd {number(real)}, "
            f"bij een doelstelling van {number(target)} voor heel {year}."
            if so_far and real is not None
            else f"In {year}: doelstelling {number(target)}, gerealiseerd "
            + ("nog onbekend." if real is None else f"{number(real)}.")
        )
        + "".join(f" Voor {y} is de doelstelling {number(t)}." for y, t, _ in rows if y > year)
    )
    return _finish("doelstelling-per-jaar", figure, alt, data_tables.yearly_targets(figures))


def jobs_added(figures: Figures) -> Chart:
    jobs = figures.jobs
    labels = [p.quarter.label for p in jobs.added_series]
    organic = [p.value for p in jobs.added_series]
    organic[-1] = jobs.organic_change
    figure, axes = _figure(FULL, 2.2)
    axes.bar(labels, organic, color=BLUE, width=0.6, label="Banengroei")
    if jobs.correction:
        axes.bar(
            labels[-1],
            jobs.correction,
            bottom=jobs.organic_change,
            color=ORANGE,
            width=0.6,
            hatch="////",
            edgecolor="white",
            linewidth=0,
            label="Eenmalige correctie",
        )
    if jobs.correction:
        # The two parts of the last bar: ordinary growth inside, the correction beside it.
        last = len(labels) - 1
        if jobs.organic_change:
            axes.annotate(
                number(jobs.organic_change),
                (last, jobs.organic_change / 2),
                ha="center",
                va="center",
                fontsize=SMALL,
                color="white",
            )
        _label_beside(
            axes, last + 0.3, jobs.organic_change + jobs.correction / 2, number(jobs.correction)
        )
    # Label each bar with the quarter's whole change, correction included.
    for index, point in enumerate(jobs.added_series):
        _note(axes, number(point.value), (index, max(point.value, 0)), va="baseline")
    axes.axhline(0, color="#888888", linewidth=0.6)
    low = min(0, min(p.value for p in jobs.added_series))
    axes.set_ylim(low * 1.2, max(p.value for p in jobs.added_series) * 1.25)
    _legend(figure, 2)
    alt = (
        f"Staafdiagram van de banengroei per kwartaal, {_span(labels)}. In "
        f"{labels[-1]}: {_jobs_added(jobs.quarter_change)}"
        + (
            f", waarvan {number(jobs.correction)} door een eenmalige correctie."
            if jobs.correction > 0
            else f"; een eenmalige correctie kostte {counted(-jobs.correction, 'baan', 'banen')}."
            if jobs.correction < 0
            else "."
        )
    )
    return _finish("banen-per-kwartaal", figure, alt, data_tables.jobs_added(figures))


def jobs_by_type(figures: Figures) -> Chart:
    split = figures.jobs.by_type
    names = list(split.parts)
    figure, axes = _figure(FULL, 1.5)
    axes.grid(False)
    axes.grid(True, axis="x")
    labels = [TYPE_LABELS[name] for name in names][::-1]
    counts = [split.parts[name].count for name in names][::-1]
    bars = axes.barh(
        range(len(labels)), counts, color=[TYPE_COLOURS[n] for n in names][::-1], height=0.6
    )
    axes.set_yticks(range(len(labels)), labels)
    axes.bar_label(
        bars,
        labels=[_share(split.parts[n]) for n in names][::-1],
        padding=3,
        fontsize=SMALL,
    )
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: number(round(value))))
    axes.set_xlim(0, max(counts) * 1.25)
    alt = (
        f"Staafdiagram van de {number(split.total)} banen in {figures.period.label} naar soort: "
        + ", ".join(f"{TYPE_LABELS[n].lower()} {_share(split.parts[n])}" for n in names)
        + "."
    )
    return _finish("banen-naar-soort", figure, alt, data_tables.jobs_by_type(figures))


def register(figures: Figures) -> Chart:
    split = figures.target_group.categories
    names = ["wajong", "pwet", "wsw"]
    figure, axes = _figure(HALF, 2.2)
    bars = axes.bar(
        [CATEGORY_LABELS[n] for n in names],
        [split.parts[n].count for n in names],
        color=[CATEGORY_COLOURS[n] for n in names],
        width=0.6,
    )
    axes.bar_label(
        bars,
        labels=[_share(split.parts[n]) for n in names],
        padding=1.5,
        fontsize=SMALL,
    )
    axes.set_ylim(0, max(split.parts[n].count for n in names) * 1.2)
    alt = (
        f"Staafdiagram van de {number(split.total)} personen in het doelgroepregister in "
        f"{figures.period.label}, naar doelgroep: "
        + ", ".join(f"{CATEGORY_LABELS[n]} {_share(split.parts[n])}" for n in names)
        + "."
    )
    return _finish("register-naar-doelgroep", figure, alt, data_tables.register(figures))


def categories_over_time(figures: Figures) -> Chart:
    series = figures.target_group.category_series
    labels = [q.label for q, *_ in series]
    figure, axes = _figure(HALF, 2.2)
    names = ["wajong", "pwet", "wsw"]
    lines = []
    for index, name in enumerate(names, start=1):
        values = [row[index] for row in series]
        axes.plot(
            labels,
            values,
            color=CATEGORY_COLOURS[name],
            linewidth=1.6,
            marker="o",
            markersize=2.5,
        )
        lines.append((values, DARK[CATEGORY_COLOURS[name]]))
    # Room above the top line for two rows of labels (_point_labels) and air below a gridline.
    top_line = max(range(1, 4), key=lambda index: max(row[index] for row in series))
    _headroom(axes, [row[top_line] for row in series], room=_reach(2) + 2)
    _quarter_ticks(axes, [q for q, *_ in series])
    _series_names(
        axes,
        len(series) - 1,
        [
            (CATEGORY_LABELS[name], series[-1][index], DARK[CATEGORY_COLOURS[name]])
            for index, name in enumerate(names, start=1)
        ],
    )
    _fit_margins(figure)
    _point_labels(axes, lines)
    last = series[-1]
    alt = (
        f"Lijndiagram van het aantal personen per doelgroep, {_span(labels)}. In {labels[-1]}: "
        f"Wajong {number(last[1])}, Participatiewet {number(last[2])}, "
        f"WSW/WIW-ID {number(last[3])}."
    )
    return _finish("doelgroepen-in-de-tijd", figure, alt, data_tables.categories_over_time(figures))


def working_shares(figures: Figures) -> Chart:
    group = figures.target_group
    names = ["Wajong", "Participatiewet", "Samen"]
    region = [group.working_wajong_pct, group.working_pwet_pct, group.working_pct]
    positions = range(len(names))
    width = 0.36
    figure, axes = _figure(FULL, 2.1)
    # Without national figures for the period the region's bars stand alone.
    known = group.national_working_pct is not None
    shift = width / 2 if known else 0
    region_bars = axes.bar(
        [p - shift for p in positions], region, width, color=BLUE, label=figures.region
    )
    axes.bar_label(region_bars, labels=[pct(v) for v in region], padding=1.5, fontsize=SMALL)
    highest = max(region)
    if known:
        highest = max(highest, _national_bars(axes, group, positions, width))
    axes.set_xticks(list(positions), names)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: pct(round(value))))
    axes.set_ylim(0, max(75, highest * 1.25))
    _legend(figure, 3 if known else 1)
    alt = (
        f"Staafdiagram van het aandeel werkenden in de doelgroepen Wajong en Participatiewet in "
        f"{figures.period.label}. Samen: {figures.region} {pct(region[2])}"
        + (
            f", Nederland {pct(group.national_working_pct)}, beste regio "
            f"{pct(group.best_region_pct)}."
            if known
            else "."
        )
    )
    return _finish("aandeel-werkenden", figure, alt, data_tables.working_shares(figures))


def _national_bars(axes: Axes, group: TargetGroup, positions: range, width: float) -> int:
    """Nederland's bars beside the region's, and the best region's share over 'Samen';
    returns the highest value drawn."""
    national = [
        group.national_working_wajong_pct,
        group.national_working_pwet_pct,
        group.national_working_pct,
    ]
    national_bars = axes.bar(
        [p + width / 2 for p in positions], national, width, label="Nederland", **REFERENCE
    )
    axes.bar_label(national_bars, labels=[pct(v) for v in national], padding=1.5, fontsize=SMALL)
    # The best region's share is for Wajong and Participatiewet together: draw it over that
    # group only, with its value at the right end.
    together = positions[-1]
    axes.hlines(
        group.best_region_pct,
        together - width - 0.06,
        together + width + 0.06,
        color=VERMILION,
        linewidth=1,
        linestyles="--",
        label=f"Beste regio ({group.best_region}), samen",
        gid="beste-regio",
    )
    _note(
        axes,
        pct(group.best_region_pct),
        (together + width + 0.06, group.best_region_pct),
        offset=(2, 0),
        ha="left",
        va="center",
        colour=DARK[VERMILION],
    )
    return max(national + [group.best_region_pct])


def finders_and_losers(figures: Figures) -> Chart:
    series = figures.flows.series
    labels = [q.label for q, _, _ in series]
    figure, axes = _figure(FULL, 2.2)
    axes.plot(
        labels,
        [f for _, f, _ in series],
        color=GREEN,
        linewidth=1.8,
        marker="o",
        markersize=3,
        label="Werkvinders",
    )
    axes.plot(
        labels,
        [lost for _, _, lost in series],
        color=VERMILION,
        linewidth=1.8,
        marker="s",
        markersize=3,
        linestyle="--",
        label="Werkverliezers",
    )
    axes.set_ylim(0, max(max(f, lost) for _, f, lost in series) * 1.3)
    # Page-wide charts keep their legend too: on a phone they scroll sideways, and the
    # names at the right end may be out of view (its line styles are no colour key).
    _legend(figure, 2)
    _, found, lost = series[-1]
    _series_names(
        axes,
        len(series) - 1,
        [("Werkvinders", found, DARK[GREEN]), ("Werkverliezers", lost, DARK[VERMILION])],
    )
    _fit_margins(figure)
    _point_labels(
        axes,
        [
            ([f for _, f, _ in series], DARK[GREEN]),
            ([lost for _, _, lost in series], DARK[VERMILION]),
        ],
    )
    alt = (
        f"Lijndiagram van werkvinders en werkverliezers per kwartaal, {_span(labels)}. In "
        f"{labels[-1]}: {number(found)} werkvinders en {number(lost)} werkverliezers."
    )
    return _finish(
        "werkvinders-en-werkverliezers", figure, alt, data_tables.finders_and_losers(figures)
    )


def report_charts(figures: Figures) -> dict[str, Chart]:
    """The charts of the kwartaalrapportage, by name, in the order of the figures."""
    return {**first_report_charts(figures), **other_report_charts(figures)}


def first_report_charts(figures: Figures) -> dict[str, Chart]:
    """The first three, which a parallel build draws in one renderer while the other, which
    renders the kwartaalrapportage, draws the others (see pipeline._render_all)."""
    charts = [
        extra_jobs(figures),
        yearly_targets(figures),
        # Without the previous quarter there is no growth per quarter to draw.
        *([jobs_added(figures)] if figures.jobs.added_series else []),
    ]
    return {chart.name: chart for chart in charts}


def other_report_charts(figures: Figures) -> dict[str, Chart]:
    charts = [
        jobs_by_type(figures),
        register(figures),
        # A line over one quarter is a lone dot whose labels collide; the text and the
        # other charts already give that quarter's figures.
        *([categories_over_time(figures)] if len(figures.target_group.category_series) > 1 else []),
        working_shares(figures),
        *([finders_and_losers(figures)] if len(figures.flows.series) > 1 else []),
    ]
    return {chart.name: chart for chart in charts}
