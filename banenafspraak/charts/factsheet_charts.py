"""The factsheet's charts: jobs, persons in the register and working persons per quarter as
stacked bars, every segment labelled with its number, and the flow diagram (flow_diagram.py)
when the period has flows. What every chart shares is in charts.py.
"""

from __future__ import annotations

from matplotlib.axes import Axes

from banenafspraak.charts import data_tables
from banenafspraak.charts.data_tables import DataTable
from banenafspraak.charts.drawing import (
    BESIDE,
    CATEGORY_COLOURS,
    CATEGORY_LABELS,
    FULL,
    LABEL_GAP,
    SMALL,
    TYPE_COLOURS,
    TYPE_LABELS,
    Chart,
    _figure,
    _finish,
    _label_beside,
    _legend,
    _note,
    _points_per_unit,
    _span,
    _spread,
    _text_width,
)
from banenafspraak.charts.flow_diagram import flow_diagram
from banenafspraak.charts.palette import VERMILION, text_on
from banenafspraak.figures.compute import Figures
from banenafspraak.formatting import counted, number

BAR = 0.62  # width of the factsheet's stacked bars
INSIDE = SMALL + 3  # points of height a segment needs to hold its number
NAME_GAP = 5  # points between the numbers beside the last bar and the layers' names


def _stacked_bars(
    axes: Axes,
    labels: list[str],
    layers: list[tuple[str, str, list[int]]],
    totals: list[int],
    top: float,
    last_total_beside: bool = False,
) -> None:
    """Bars stacked from the first layer up; each layer labelled inside where it fits and
    beside the bar (right) where it does not, so that every segment shows its number.
    Totals stand on top of their bar; `last_total_beside` puts the last one right of its bar,
    level with its top (when something else is drawn on top of that bar). Right of the last
    bar its labels and the layers' names stand in rows (_last_bar_rows)."""
    bottoms = [0] * len(labels)
    axes.set_ylim(0, top)
    scale = _points_per_unit(axes)
    beside_top = [float("-inf")] * len(labels)  # the last outside label per bar, in points
    last = len(labels) - 1
    for name, colour, values in layers:
        bars = axes.bar(labels, values, bottom=bottoms, color=colour, width=BAR, label=name)
        fits = [value * scale > INSIDE for value in values]
        axes.bar_label(
            bars,
            labels=[number(v) if ok else "" for v, ok in zip(values, fits, strict=True)],
            label_type="center",
            fontsize=SMALL,
            color=text_on(colour),
        )
        for index, (value, ok) in enumerate(zip(values, fits, strict=True)):
            if ok or value == 0 or index == last:
                continue
            middle = max((bottoms[index] + value / 2) * scale, beside_top[index] + LABEL_GAP)
            beside_top[index] = middle
            _label_beside(axes, index + BAR / 2, middle / scale, number(value))
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    for index, total in enumerate(totals[:-1] if last_total_beside else totals):
        _note(axes, number(total), (index, total), bold=True)
    # Room right of the last bar for its rows.
    axes.set_xlim(-0.5, last + BAR / 2 + 0.25)
    _last_bar_rows(axes, layers, totals[-1], last_total_beside)


def _last_bar_rows(
    axes: Axes, layers: list[tuple[str, str, list[int]]], total: int, total_beside: bool
) -> None:
    """Right of the last bar, one row per layer: its number when it does not fit inside,
    then its name, so that no reader needs colour or the legend; with `total_beside`, the
    bar's total (bold) in a first row, level with the bar's top. Rows stand level with their
    segments, moved apart as little as needed to keep LABEL_GAP between them; the total's row
    ends at the top of the bar, so that it never stands beside what is drawn on top."""
    last = len(layers[0][2]) - 1
    scale = _points_per_unit(axes)
    rows = []  # height (points), number, bold, name
    bottom = 0
    for name, _, values in layers:
        value = values[last]
        beside = 0 < value * scale <= INSIDE
        rows.append(((bottom + value / 2) * scale, number(value) if beside else "", False, name))
        bottom += value
    ceiling = axes.get_ylim()[1] * scale - SMALL
    if total_beside:
        ceiling = total * scale - SMALL / 2
        rows.append((ceiling, number(total), True, ""))
    heights = _spread([row[0] for row in rows], LABEL_GAP, ceiling)
    widths = [_text_width(axes, text, bold=bold) for _, text, bold, _ in rows if text]
    name_offset = BESIDE + (max(widths) + NAME_GAP if widths else 1)
    edge = last + BAR / 2
    for (_, text, bold, name), height in zip(rows, heights, strict=True):
        y = height / scale
        if text:
            _note(axes, text, (edge, y), offset=(BESIDE, 0), ha="left", va="center", bold=bold)
        if name:
            _note(axes, name, (edge, y), offset=(name_offset, 0), ha="left", va="center")


def jobs_per_quarter(figures: Figures) -> Chart:
    """Grafiek 1: jobs per quarter by type, the jobs still needed on top of the last."""
    jobs = figures.jobs
    series = jobs.by_type_series
    labels = [q.label for q, *_ in series]
    order = [("uitzend", 3), ("markt", 1), ("overheid", 2)]  # stacked from the bottom up
    totals = [p.value for p in jobs.count_series]
    top = max(*totals, jobs.target_level) * 1.22
    figure, axes = _figure(FULL, 3.0)
    _stacked_bars(
        axes,
        labels,
        [(TYPE_LABELS[k], TYPE_COLOURS[k], [row[i] for row in series]) for k, i in order],
        totals,
        top,
        # Above the hatched block the total would read as if the bar reached the target.
        last_total_beside=jobs.still_needed > 0,
    )
    last = len(labels) - 1
    if jobs.still_needed > 0:
        axes.bar(
            labels[-1],
            jobs.still_needed,
            bottom=jobs.now,
            color="white",
            edgecolor=VERMILION,
            hatch="//////",
            linewidth=0.8,
            width=BAR,
            label=data_tables.needed_label(figures),
        )
    # After the year's last quarter the block is what remained short, not what is still needed.
    year_over = figures.period.number == 4
    if jobs.still_needed > 0:
        needed = number(jobs.still_needed)
        note = f"verschil {needed}" if year_over else f"nog {needed} nodig"
        _note(axes, note, (last, jobs.target_level))
    _legend(figure, 4)  # kept with the names: on a phone the last bar may be out of view
    alt = (
        f"Gestapeld staafdiagram van de banen per kwartaal naar soort werkgever, "
        f"{_span(labels)}. In {labels[-1]}: {number(totals[-1])} banen. "
    )
    if jobs.still_needed > 0 and year_over:
        alt += (
            f"Het aantal banen ligt {counted(jobs.still_needed, 'baan', 'banen')} onder het "
            f"niveau van de doelstelling van eind {jobs.target_year}."
        )
    elif jobs.still_needed > 0:
        alt += (
            f"Voor de doelstelling van eind {jobs.target_year} zijn er nog "
            f"{counted(jobs.still_needed, 'baan', 'banen')} nodig."
        )
    else:
        alt += (
            f"Het aantal banen ligt op of boven het niveau van de doelstelling van eind "
            f"{jobs.target_year}."
        )
    return _finish("banen-per-soort", figure, alt, data_tables.jobs_per_quarter(figures))


def _category_chart(
    figures: Figures,
    series: list,
    counts: list,
    name: str,
    what: str,
    table: DataTable,
    height: float,
) -> Chart:
    labels = [q.label for q, *_ in series]
    totals = [p.value for p in counts]
    figure, axes = _figure(FULL, height)
    layers = [
        (CATEGORY_LABELS[key], CATEGORY_COLOURS[key], [row[index] for row in series])
        for key, index in (("wajong", 1), ("pwet", 2), ("wsw", 3))
    ]
    _stacked_bars(axes, labels, layers, totals, max(totals) * 1.18)
    _legend(figure, 3)  # kept with the names: on a phone the last bar may be out of view
    _, wajong, pwet, wsw = series[-1]
    alt = (
        f"Gestapeld staafdiagram van het aantal {what} per kwartaal naar doelgroep, "
        f"{_span(labels)}. In {labels[-1]}: {number(totals[-1])}, van wie Wajong "
        f"{number(wajong)}, Participatiewet {number(pwet)} en WSW/WIW-ID {number(wsw)}."
    )
    return _finish(name, figure, alt, table)


def persons_per_quarter(figures: Figures) -> Chart:
    """Grafiek 2: persons in the register per quarter, by category."""
    return _category_chart(
        figures,
        figures.target_group.category_series,
        figures.target_group.count_series,
        "personen-per-doelgroep",
        "personen in het doelgroepregister",
        data_tables.persons_per_quarter(figures),
        2.35,
    )


def working_per_quarter(figures: Figures) -> Chart:
    """Grafiek 3: working persons per quarter, by category."""
    return _category_chart(
        figures,
        figures.target_group.working_series,
        figures.target_group.working_count_series,
        "werkzame-personen-per-doelgroep",
        "werkzame personen",
        data_tables.working_per_quarter(figures),
        2.35,
    )


def factsheet_charts(figures: Figures) -> dict[str, Chart]:
    """The charts of the factsheet, by name."""
    charts = [
        jobs_per_quarter(figures),
        persons_per_quarter(figures),
        working_per_quarter(figures),
    ]
    if figures.flows.movement is not None:
        charts.append(flow_diagram(figures))
    return {chart.name: chart for chart in charts}
