"""The factsheet's charts: jobs, persons in the register and working persons per quarter as
stacked bars, every segment labelled with its number, and the flow diagram (flow_diagram.py)
when the period has flows. What every chart shares is in charts.py.
"""

from __future__ import annotations

from matplotlib.axes import Axes

from banenafspraak.charts import data_tables
from banenafspraak.charts.data_tables import DataTable
from banenafspraak.charts.drawing import (
    CATEGORY_COLOURS,
    CATEGORY_LABELS,
    FULL,
    TYPE_COLOURS,
    TYPE_LABELS,
    Chart,
    _figure,
    _finish,
    _label_beside,
    _legend,
    _note,
    _points_per_unit,
    _series_names,
    _span,
)
from banenafspraak.charts.flow_diagram import flow_diagram
from banenafspraak.charts.palette import INK, VERMILION, text_on
from banenafspraak.figures.compute import Figures
from banenafspraak.formatting import counted, number

NEEDED_LABEL = "Nog nodig voor de doelstelling"
BAR = 0.62  # width of the factsheet's stacked bars
INSIDE = 9  # points of height a segment needs to hold its number


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
    Totals stand on top of their bar; `last_total_beside` puts the last one to the right of
    its bar at its own height (when something else is drawn on top of that bar). The layers'
    names stand right of the last bar, level with their segments."""
    bottoms = [0] * len(labels)
    # A label needs about 9 points of height; labels beside a bar keep 7 points apart.
    points_per_unit = axes.get_position().height * axes.figure.get_figheight() * 72 / top
    beside_top = [float("-inf")] * len(labels)  # the last outside label per bar, in points
    ceiling = [float("inf")] * len(labels)  # outside labels stay 7 points below this
    if last_total_beside:
        ceiling[-1] = totals[-1] * points_per_unit - 7
    for name, colour, values in layers:
        bars = axes.bar(labels, values, bottom=bottoms, color=colour, width=BAR, label=name)
        fits = [value * points_per_unit > INSIDE for value in values]
        axes.bar_label(
            bars,
            labels=[number(v) if ok else "" for v, ok in zip(values, fits, strict=True)],
            label_type="center",
            fontsize=6,
            color=text_on(colour),
        )
        for index, (value, ok) in enumerate(zip(values, fits, strict=True)):
            if ok or value == 0:
                continue
            middle = (bottoms[index] + value / 2) * points_per_unit
            middle = min(max(middle, beside_top[index] + 7), ceiling[index])
            beside_top[index] = middle
            _label_beside(axes, index + BAR / 2, middle / points_per_unit, number(value))
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    for index, total in enumerate(totals):
        beside = last_total_beside and index == len(totals) - 1
        _note(
            axes,
            number(total),
            (index + BAR / 2, total) if beside else (index, total),
            offset=(2, 0) if beside else (0, 2),
            ha="left" if beside else "center",
            va="center" if beside else "bottom",
            bold=True,
        )
    # Room right of the last bar for the labels beside it.
    axes.set_xlim(-0.5, len(labels) - 1 + BAR / 2 + (0.4 if last_total_beside else 0.25))
    axes.set_ylim(0, top)
    _layer_names(axes, layers, totals[-1] if last_total_beside else None)


def _layer_names(axes: Axes, layers: list[tuple[str, str, list[int]]], total: int | None) -> None:
    """The layers' names right of the last bar, past the numbers beside it (`total`: the
    bar's total stands beside it too)."""
    last = len(layers[0][2]) - 1
    scale = _points_per_unit(axes)
    beside = [number(values[last]) for _, _, values in layers if 0 < values[last] * scale <= INSIDE]
    # Rough widths of Lato figures: 0.55 em, a little more in bold.
    widths = [len(text) * 0.55 * 6 for text in beside]
    if total is not None:
        widths.append(len(number(total)) * 0.6 * 6.5)
    bottom = 0
    middles = []
    for _, _, values in layers:
        middles.append(bottom + values[last] / 2)
        bottom += values[last]
    _series_names(
        axes,
        last + BAR / 2,
        [(name, middle, INK) for (name, _, _), middle in zip(layers, middles, strict=True)],
        offset=(2 + max(widths) + 5) if widths else 4,
        bold=False,
    )


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
            label=f"{NEEDED_LABEL} {jobs.target_year}",
        )
    if jobs.still_needed > 0:
        _note(axes, f"nog {number(jobs.still_needed)} nodig", (last, jobs.target_level))
    _legend(figure, 4)  # kept with the names: on a phone the last bar may be out of view
    alt = (
        f"Gestapeld staafdiagram van de banen per kwartaal naar soort werkgever, "
        f"{_span(labels)}. In {labels[-1]}: {number(totals[-1])} banen. "
    )
    if jobs.still_needed > 0:
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
