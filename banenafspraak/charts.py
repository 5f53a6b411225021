"""The charts: one function per chart, each drawing from the Figures object only.

Charts are SVG with real text in the report's font (so WeasyPrint draws text, not glyph
outlines, and the text stays selectable), with fixed ids and no dates, so that the same
figures always give the same bytes. Every chart carries an alt text made from its data.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("svg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure as MplFigure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from .figures import Figures  # noqa: E402
from .formatting import number, pct  # noqa: E402

FONT_DIR = Path(__file__).resolve().parent.parent / "templates" / "fonts"
FONT = "Lato"

# Okabe-Ito: distinguishable with every common form of colour blindness.
BLUE, ORANGE, GREEN, SKY, VERMILION, PURPLE, YELLOW, GREY = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#56B4E9",
    "#D55E00",
    "#CC79A7",
    "#F0E442",
    "#7A7A7A",
)
INK = "#222222"

# Widths in inches that match the page: a full column and half of it (A4, 2 cm margins).
FULL = 6.6
HALF = 3.2

CATEGORY_LABELS = {"wajong": "Wajong", "pwet": "Participatiewet", "wsw": "WSW/WIW-ID"}
CATEGORY_COLOURS = {"wajong": BLUE, "pwet": ORANGE, "wsw": GREEN}
TYPE_LABELS = {"markt": "Markt", "overheid": "Overheid", "uitzend": "Uitzend/detachering"}
TYPE_COLOURS = {"markt": BLUE, "overheid": GREEN, "uitzend": SKY}


@dataclass(frozen=True)
class Chart:
    name: str
    svg: bytes
    alt: str

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")


def setup() -> None:
    """Register the shipped font and fix everything that would make output differ."""
    for path in sorted(FONT_DIR.glob("*.ttf")):
        font_manager.fontManager.addfont(str(path))
    plt.rcParams.update(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "banenafspraak",
            "font.family": FONT,
            "font.size": 7.5,
            "axes.titlesize": 8,
            "axes.labelsize": 7.5,
            "axes.edgecolor": "#888888",
            "axes.linewidth": 0.6,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.axisbelow": True,
            "axes.grid": True,
            "axes.grid.axis": "y",
            "grid.color": "#DDDDDD",
            "grid.linewidth": 0.5,
            "xtick.color": INK,
            "ytick.color": INK,
            "text.color": INK,
            "axes.labelcolor": INK,
            "legend.frameon": False,
            "legend.fontsize": 7,
            "xtick.major.size": 0,
            "ytick.major.size": 0,
        }
    )


def _figure(width: float, height: float) -> tuple[MplFigure, Axes]:
    figure, axes = plt.subplots(figsize=(width, height), layout="constrained")
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: number(round(value))))
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    return figure, axes


def _legend(figure: MplFigure, columns: int = 3) -> None:
    """The legend above the plot, where it cannot cover data."""
    figure.legend(loc="outside upper left", ncols=columns, handlelength=1.4, columnspacing=1.0)


def _finish(name: str, figure: MplFigure, alt: str) -> Chart:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    return Chart(name, buffer.getvalue(), alt)


def _label_bars(axes: Axes, bars, values: list[int]) -> None:
    axes.bar_label(bars, labels=[number(v) for v in values], padding=1.5, fontsize=6.5)


def _values(points) -> str:
    return ", ".join(f"{p.quarter.label}: {number(p.value)}" for p in points)


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
        padding=-9,
        fontsize=6,
        color="white",
    )
    axes.step(
        range(len(labels)),
        [p.value for p in jobs.target_series],
        where="mid",
        color=VERMILION,
        linewidth=1.4,
        label="Doelstelling",
    )
    axes.set_ylim(0, max(p.value for p in jobs.target_series + jobs.extra_series) * 1.15)
    axes.tick_params(axis="x", labelrotation=90)
    _legend(figure, 2)
    alt = (
        f"Staafdiagram van het aantal extra banen sinds de nulmeting per kwartaal, "
        f"{labels[0]} tot en met {labels[-1]}: {_values(jobs.extra_series)}. "
        f"Een lijn toont de doelstelling van het jaar: {number(jobs.target_previous)} in "
        f"{figures.last_year} en {number(jobs.target)} in {jobs.target_year}."
    )
    return _finish("extra-banen", figure, alt)


def yearly_targets(figures: Figures) -> Chart:
    rows = figures.jobs.yearly
    years = [str(year) for year, _, _ in rows]
    positions = range(len(rows))
    figure, axes = _figure(HALF, 2.5)
    width = 0.38
    target_bars = axes.bar(
        [p - width / 2 for p in positions],
        [t for _, t, _ in rows],
        width,
        color=GREY,
        label="Doelstelling",
    )
    real_bars = axes.bar(
        [p + width / 2 for p in positions],
        [r for _, _, r in rows],
        width,
        color=BLUE,
        label="Gerealiseerd",
    )
    _label_bars(axes, target_bars, [t for _, t, _ in rows])
    _label_bars(axes, real_bars, [r for _, _, r in rows])
    axes.set_xticks(list(positions), years)
    axes.set_ylim(0, max(max(t, r) for _, t, r in rows) * 1.2)
    _legend(figure, 2)
    current = figures.period.label
    alt = (
        "Staafdiagram van de doelstelling en de gerealiseerde extra banen per jaar "
        f"(het laatste jaar tot en met {current}): "
        + "; ".join(
            f"{year}: doelstelling {number(t)}, gerealiseerd {number(r)}" for year, t, r in rows
        )
        + "."
    )
    return _finish("doelstelling-per-jaar", figure, alt)


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
    # Label each bar with the quarter's whole change, correction included.
    for index, point in enumerate(jobs.added_series):
        axes.annotate(
            number(point.value),
            (index, max(point.value, 0)),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            fontsize=6.5,
        )
    axes.axhline(0, color="#888888", linewidth=0.6)
    low = min(0, min(p.value for p in jobs.added_series))
    axes.set_ylim(low * 1.2, max(p.value for p in jobs.added_series) * 1.25)
    _legend(figure, 2)
    alt = (
        f"Staafdiagram van het aantal banen dat per kwartaal is bijgekomen, {labels[0]} tot en "
        f"met {labels[-1]}: {_values(jobs.added_series)}."
    )
    if jobs.correction:
        alt += (
            f" Van de {number(jobs.quarter_change)} in {labels[-1]} komen er "
            f"{number(jobs.correction)} uit een eenmalige correctie."
        )
    return _finish("banen-per-kwartaal", figure, alt)


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
        labels=[f"{number(split.parts[n].count)} ({pct(split.parts[n].pct)})" for n in names][::-1],
        padding=3,
        fontsize=7,
    )
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: number(round(value))))
    axes.set_xlim(0, max(counts) * 1.25)
    alt = (
        f"Staafdiagram van de {number(split.total)} banen in {figures.period.label} naar soort: "
        + ", ".join(
            f"{TYPE_LABELS[n].lower()} {number(split.parts[n].count)} ({pct(split.parts[n].pct)})"
            for n in names
        )
        + "."
    )
    return _finish("banen-naar-soort", figure, alt)


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
        labels=[f"{number(split.parts[n].count)} ({pct(split.parts[n].pct)})" for n in names],
        padding=1.5,
        fontsize=6.5,
    )
    axes.set_ylim(0, max(split.parts[n].count for n in names) * 1.2)
    alt = (
        f"Staafdiagram van de {number(split.total)} personen in het doelgroepregister in "
        f"{figures.period.label}, naar doelgroep: "
        + ", ".join(
            f"{CATEGORY_LABELS[n]} {number(split.parts[n].count)} ({pct(split.parts[n].pct)})"
            for n in names
        )
        + "."
    )
    return _finish("register-naar-doelgroep", figure, alt)


def categories_over_time(figures: Figures) -> Chart:
    series = figures.target_group.category_series
    labels = [q.label for q, *_ in series]
    figure, axes = _figure(HALF, 2.2)
    for index, name in enumerate(["wajong", "pwet", "wsw"], start=1):
        values = [row[index] for row in series]
        axes.plot(
            labels,
            values,
            color=CATEGORY_COLOURS[name],
            linewidth=1.6,
            marker="o",
            markersize=2.5,
            label=CATEGORY_LABELS[name],
        )
    axes.set_ylim(0, max(max(row[1:]) for row in series) * 1.25)
    axes.tick_params(axis="x", labelrotation=90)
    _legend(figure, 3)
    first, last = series[0], series[-1]
    alt = (
        f"Lijndiagram van het aantal personen per doelgroep, {labels[0]} tot en met "
        f"{labels[-1]}. Wajong van {number(first[1])} naar {number(last[1])}, "
        f"Participatiewet van {number(first[2])} naar {number(last[2])}, "
        f"WSW/WIW-ID van {number(first[3])} naar {number(last[3])}."
    )
    return _finish("doelgroepen-in-de-tijd", figure, alt)


def working_shares(figures: Figures) -> Chart:
    group = figures.target_group
    names = ["Wajong", "Participatiewet", "Samen"]
    region = [group.working_wajong_pct, group.working_pwet_pct, group.working_pct]
    national = [
        group.national_working_wajong_pct,
        group.national_working_pwet_pct,
        group.national_working_pct,
    ]
    positions = range(len(names))
    width = 0.36
    figure, axes = _figure(FULL, 2.1)
    region_bars = axes.bar(
        [p - width / 2 for p in positions], region, width, color=BLUE, label=figures.region
    )
    national_bars = axes.bar(
        [p + width / 2 for p in positions], national, width, color=GREY, label="Nederland"
    )
    axes.bar_label(region_bars, labels=[pct(v) for v in region], padding=1.5, fontsize=6.5)
    axes.bar_label(national_bars, labels=[pct(v) for v in national], padding=1.5, fontsize=6.5)
    axes.axhline(
        group.best_region_pct,
        color=VERMILION,
        linewidth=1,
        linestyle="--",
        label=f"Beste regio ({group.best_region}), samen",
    )
    axes.set_xticks(list(positions), names)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: pct(round(value))))
    axes.set_ylim(0, 75)
    _legend(figure, 3)
    alt = (
        f"Staafdiagram van het aandeel werkenden in {figures.period.label}, in "
        f"{figures.region} tegen Nederland: Wajong {pct(region[0])} tegen {pct(national[0])}, "
        f"Participatiewet {pct(region[1])} tegen {pct(national[1])}, samen {pct(region[2])} "
        f"tegen {pct(national[2])}. De beste regio, {group.best_region}, haalt samen "
        f"{pct(group.best_region_pct)}."
    )
    return _finish("aandeel-werkenden", figure, alt)


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
    for index, (_, found, lost) in enumerate(series):
        axes.annotate(
            number(found),
            (index, found),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            fontsize=6.5,
            color=GREEN,
        )
        axes.annotate(
            number(lost),
            (index, lost),
            xytext=(0, -9),
            textcoords="offset points",
            ha="center",
            fontsize=6.5,
            color=VERMILION,
        )
    axes.set_ylim(0, max(max(f, lost) for _, f, lost in series) * 1.3)
    _legend(figure, 2)
    alt = (
        f"Lijndiagram van werkvinders en werkverliezers per kwartaal, {labels[0]} tot en met "
        f"{labels[-1]}: "
        + "; ".join(
            f"{q.label}: {number(f)} vinders, {number(lost)} verliezers" for q, f, lost in series
        )
        + "."
    )
    return _finish("werkvinders-en-werkverliezers", figure, alt)


def report_charts(figures: Figures) -> dict[str, Chart]:
    """The charts of the kwartaalrapportage, by name."""
    charts = [
        extra_jobs(figures),
        yearly_targets(figures),
        jobs_added(figures),
        jobs_by_type(figures),
        register(figures),
        categories_over_time(figures),
        working_shares(figures),
        finders_and_losers(figures),
    ]
    return {chart.name: chart for chart in charts}
