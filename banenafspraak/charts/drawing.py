"""What every chart shares: the Chart (SVG, alt text and table), the Matplotlib set-up,
making and finishing a figure, labels beside the data, and the names and colours of the
categories and employer types. The charts themselves are in report_charts.py (the
kwartaalrapportage's), factsheet_charts.py and flow_diagram.py (the factsheet's).

Charts are SVG with real text in the report's font (so WeasyPrint draws text, not glyph
outlines, and the text stays selectable), with fixed ids and no dates, so that the same
figures always give the same bytes. Every chart carries a short alt text made from its data
(what it shows and the latest value) and the full series as a DataTable (chart_tables.py).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache, lru_cache

import matplotlib

from banenafspraak.locations import FONTS

matplotlib.use("svg")

import matplotlib.artist  # noqa: E402


def _undocumented(artist: object) -> str:
    return ""


# As Matplotlib defines each Artist class it writes the docstring of its set() method,
# listing every property with its accepted values (`kwdoc`, parsing each setter's
# docstring): about 0.07 CPU s of the renderer's start-up, which the build waits for, and
# text nobody reads while it runs. The classes pyplot loads get set() without that list.
_kwdoc, matplotlib.artist.kwdoc = matplotlib.artist.kwdoc, _undocumented
try:
    import matplotlib.pyplot as plt
finally:
    matplotlib.artist.kwdoc = _kwdoc
from matplotlib import font_manager  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_svg import RendererSVG  # noqa: E402
from matplotlib.figure import Figure as MplFigure  # noqa: E402
from matplotlib.text import Annotation, Text  # noqa: E402
from matplotlib.textpath import text_to_path  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from banenafspraak.charts.data_tables import DataTable  # noqa: E402
from banenafspraak.charts.palette import BLUE, GREEN, INK, ORANGE, SKY  # noqa: E402
from banenafspraak.formatting import number  # noqa: E402

FONT_DIR = FONTS
FONT = "Lato"


# Widths in inches that match the page: a full column and half of it (A4, 2 cm margins).
FULL = 6.6
HALF = 3.2

# The smallest text a chart draws, in points. The documents lay a chart out at its own width
# or a little wider, so it prints at least this size (tests/test_chart_text_size.py measures
# the PDFs); below 7 pt figures are hard to read on paper.
SMALL = 7.0

CATEGORY_LABELS = {"wajong": "Wajong", "pwet": "Participatiewet", "wsw": "WSW/WIW-ID"}
CATEGORY_COLOURS = {"wajong": BLUE, "pwet": ORANGE, "wsw": GREEN}
TYPE_LABELS = {"markt": "Markt", "overheid": "Overheid", "uitzend": "Uitzend/detachering"}
TYPE_COLOURS = {"markt": BLUE, "overheid": GREEN, "uitzend": SKY}


# Longer alt texts take too long to listen to; the full series is in the chart's table.
ALT_LIMIT = 250


@dataclass(frozen=True)
class Chart:
    name: str
    svg: bytes
    alt: str  # at most ALT_LIMIT characters: what the chart shows and its latest value
    table: DataTable  # the full series, printed with the datatabel macro


def setup() -> None:
    """Register the shipped font and fix everything that would make output differ."""
    _register_fonts()
    _measure_once()
    plt.rcParams.update(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "banenafspraak",
            # Region and leader names are user text: '$' must never start mathtext.
            "text.parse_math": False,
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


@cache
def _measure_once() -> None:
    """Once per process: let the SVG renderer measure each text once. Matplotlib keeps its
    measurements per renderer, and a chart has two: the one `_fit_margins` measures with and
    the one `savefig` draws with, so every label was measured twice (its glyphs laid out by
    FreeType), about a tenth of drawing the charts. The size of a text depends only on the
    text, its font properties and whether it is mathtext: the same numbers, kept."""
    RendererSVG.get_text_width_height_descent = _text_size


def _text_size(renderer: RendererSVG, text: str, prop, ismath) -> tuple[float, float, float]:
    # A copy as the key: font properties are mutable (Matplotlib's own cache does the same).
    return _measured(text, prop.copy(), ismath)


@lru_cache(maxsize=4096)  # a bound for batch workers, which draw region after region
def _measured(text: str, prop, ismath) -> tuple[float, float, float]:
    # What RendererSVG asks of its own TextToPath; Matplotlib's shared one answers the same.
    return text_to_path.get_text_width_height_descent(text, prop, ismath)


@cache
def _register_fonts() -> None:
    """Once per process: each registration adds the fonts to Matplotlib's list again."""
    for path in sorted(FONT_DIR.glob("*.ttf")):
        font_manager.fontManager.addfont(str(path))


def _figure(width: float, height: float) -> tuple[MplFigure, Axes]:
    # No layout engine: _finish sets the margins in one measuring pass (constrained layout
    # measured every text several times and took about half of each chart's drawing time).
    figure, axes = plt.subplots(figsize=(width, height))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: number(round(value))))
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    return figure, axes


def _canvas(width: float, height: float) -> tuple[MplFigure, Axes]:
    """A figure for a diagram placed by hand: one axes over all of it, without axis lines,
    its units inches from the lower left corner."""
    figure = plt.figure(figsize=(width, height))
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width)
    axes.set_ylim(0, height)
    axes.axis("off")
    return figure, axes


def _legend(figure: MplFigure, columns: int = 3) -> None:
    """The legend above the plot, where it cannot cover data."""
    figure.legend(loc="outside upper left", ncols=columns, handlelength=1.4, columnspacing=1.0)


# Space in inches between the outermost text and the figure's edge, and under the legend.
EDGE = 4 / 72
UNDER_LEGEND = 4 / 72


def _fit_margins(figure: MplFigure) -> None:
    """Size the plot of a _figure chart so that its tick labels, bar labels and annotations,
    with the legend above them, just fit inside the figure."""
    (axes,) = figure.axes
    # Measured with the SVG renderer the chart is saved with, so the sizes are the final ones.
    renderer = figure._get_renderer()
    outer = axes.get_tightbbox(renderer, bbox_extra_artists=_reaching_out(axes, renderer))
    inner = axes.bbox
    dpi = figure.dpi
    width, height = figure.get_size_inches()
    left = (inner.x0 - outer.x0) / dpi + EDGE
    right = (outer.x1 - inner.x1) / dpi + EDGE
    bottom = (inner.y0 - outer.y0) / dpi + EDGE
    top = (outer.y1 - inner.y1) / dpi + EDGE
    for legend in figure.legends:
        top += legend.get_window_extent().height / dpi + UNDER_LEGEND
    figure.subplots_adjust(
        left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height
    )


# More than any character takes, as a share of the font size: across (Lato's widest glyph,
# 'W' in bold, takes 1.05; a fallback font's symbol may take a little more) and from the
# baseline up or down.
WIDEST = 1.25
TALLEST = 1.5


def _reaching_out(axes: Axes, renderer) -> list:
    """The artists that could reach beyond the plot: only they can widen its tight box, which
    holds the plot itself anyway. A level text whose anchor lies farther inside the plot than
    its characters could reach in any direction is left unmeasured: measuring each label of
    each bar took a third of the margins' time."""
    inside = axes.bbox
    reaching = []
    for artist in axes.get_default_bbox_extra_artists():
        if isinstance(artist, Text) and _surely_inside(artist, inside, renderer):
            continue
        reaching.append(artist)
    return reaching


def _surely_inside(text: Text, inside, renderer) -> bool:
    if text.get_rotation() or text.get_bbox_patch() is not None or not text.get_text():
        return False
    if isinstance(text, Annotation):
        text.update_positions(renderer)
    x, y = text.get_transform().transform(text.get_unitless_position())
    size = renderer.points_to_pixels(text.get_fontsize())
    lines = text.get_text().split("\n")
    across = WIDEST * size * max(len(line) for line in lines)
    up_down = TALLEST * size * len(lines)
    return (
        inside.x0 + across <= x <= inside.x1 - across
        and inside.y0 + up_down <= y <= inside.y1 - up_down
    )


def _finish(name: str, figure: MplFigure, alt: str, table: DataTable) -> Chart:
    if figure.axes[0].get_subplotspec() is not None:  # made by _figure, not placed by hand
        _fit_margins(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    return Chart(name, buffer.getvalue(), alt, table)


def _note(
    axes: Axes,
    text: str,
    xy: tuple[float, float],
    offset: tuple[float, float] = (0, 2),
    ha: str = "center",
    va: str = "bottom",
    size: float = SMALL,
    colour: str = INK,
    bold: bool = False,
) -> None:
    """A label `offset` points away from a data point (by default just above it)."""
    axes.annotate(
        text,
        xy,
        xytext=offset,
        textcoords="offset points",
        ha=ha,
        va=va,
        fontsize=size,
        color=colour,
        fontweight="bold" if bold else "normal",
    )


# Points between the edge of a bar and a label beside it.
BESIDE = 3


def _label_beside(axes: Axes, x: float, y: float, text: str) -> None:
    """A label just right of x (the edge of a bar), for a value too small to hold it."""
    _note(axes, text, (x, y), offset=(BESIDE, 0), ha="left", va="center")


def _text_width(axes: Axes, text: str, size: float = SMALL, bold: bool = False) -> float:
    """The width in points of a text as the chart's font draws it."""
    renderer = axes.figure._get_renderer()
    font = font_manager.FontProperties(family=FONT, size=size, weight="bold" if bold else "normal")
    width, _, _ = renderer.get_text_width_height_descent(text, font, ismath=False)
    return width / renderer.points_to_pixels(1.0)


def _points_per_unit(axes: Axes) -> float:
    """Points per y-axis unit, from the axes' size before layout (close enough to space
    labels apart; layout changes the height by a few per cent)."""
    low, high = axes.get_ylim()
    return axes.get_position().height * axes.figure.get_figheight() * 72 / (high - low)


# Labels above each other keep this many points between their centres (a SMALL line and air).
LABEL_GAP = 9


def _headroom(axes: Axes, labelled: list[float], room: float, shown: float = 0) -> None:
    """End the y axis at a gridline, with no gridline within `room` points above any of the
    `labelled` values (where their labels stand): of the tick spacings that allow this, the
    one with the lowest top; when none does, the usual spacing with room above the highest.
    The axis reaches `shown` too (with the same room above it)."""
    height = axes.get_position().height * axes.figure.get_figheight() * 72
    highest = max(*labelled, shown)
    needed = highest * height / (height - room)
    candidates = []
    for bins in (5, 4, 6, 3):
        locator = MaxNLocator(nbins=bins, integer=True)
        top = min(t for t in locator.tick_values(0, needed) if t >= needed)
        ticks = locator.tick_values(0, top)  # the gridlines drawn with this top
        crowded = top not in ticks or any(
            value < tick < value + room * top / height for value in labelled for tick in ticks
        )
        candidates.append((crowded, top, locator))
    crowded, top, locator = min(candidates, key=lambda c: c[:2])
    if crowded:
        _, top, locator = candidates[0]
    axes.yaxis.set_major_locator(locator)
    axes.set_ylim(0, top)


def _spread(positions: list[float], gap: float, ceiling: float = float("inf")) -> list[float]:
    """Heights (points) moved apart as little as needed to keep `gap` between neighbours,
    and below `ceiling`; the order of the input is kept in the output."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [positions[i] for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + gap)
    if placed and placed[-1] > ceiling:
        placed[-1] = ceiling
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - gap)
    spread = [0.0] * len(positions)
    for k, i in enumerate(order):
        spread[i] = placed[k]
    return spread


def _series_names(
    axes: Axes,
    x: float,
    items: list[tuple[str, float, str]],
    bold: bool = True,
) -> None:
    """Each series' name right of its last point (x, value), so that no reader needs colour
    or a legend to tell the series apart. Items: name, value, colour. A name stands level with
    its point, between the labels above and below it (_point_labels); when names are moved
    apart, they start right of those labels instead."""
    scale = _points_per_unit(axes)
    heights = _spread([value * scale for _, value, _ in items], LABEL_GAP)
    offset = 5.0
    if any(abs(h - value * scale) > 0.01 for (_, value, _), h in zip(items, heights, strict=True)):
        offset = max(_text_width(axes, number(value)) for _, value, _ in items) / 2 + 3
    for (name, _, colour), height in zip(items, heights, strict=True):
        _note(
            axes,
            name,
            (x, height / scale),
            offset=(offset, 0),
            ha="left",
            va="center",
            colour=colour,
            bold=bold,
        )


# Points between a point of a line and its label, and the least room between two labels of
# a line side by side (less reads as one row of figures).
POINT_GAP = 4
LABEL_AIR = 4


def _reach(slot: int) -> float:
    """How far a label reaches from its point, air included, in points. Slots: 1 just above
    the point, 2 a line higher, -1 and -2 the same below it."""
    return POINT_GAP + (abs(slot) - 1) * LABEL_GAP + SMALL + 1


def _point_labels(axes: Axes, lines: list[tuple[list[int], str]]) -> None:
    """Every point of every line labelled with its value in the line's colour (lines: values
    over x = 0, 1, ..., colour), above or below the point. From the highest line down, a line
    keeps its labels above its points when there is room at every point, and below them
    otherwise. A label that would crowd the one before it on its line stands a line higher
    (or lower), and one that finds no room (other lines' points, their labels facing it, in
    the last column the series' names level with the points) takes another place. The y axis
    then reaches down far enough for the labels below the lowest line. Call this with the
    axes' limits set and the margins fitted once, so that the spacing is close to final."""
    scale = _points_per_unit(axes)
    low, high = axes.get_xlim()
    step = axes.get_position().width * axes.figure.get_figwidth() * 72 / (high - low)
    count = len(lines[0][0])
    # Each label's left and right end, in points from the first point: a label wider than
    # the room left of the first point moves right, clear of the y axis.
    spans = []
    for values, _ in lines:
        line = []
        for index, value in enumerate(values):
            width = _text_width(axes, number(value))
            centre = max(index * step, width / 2 + low * step + 1)
            line.append((centre - width / 2, centre + width / 2))
        spans.append(line)
    slots = [[0] * count for _ in lines]

    def fits(line: int, index: int, slot: int) -> bool:
        value = lines[line][0][index]
        for other, (values, _) in enumerate(lines):
            if other == line:
                continue
            distance = (values[index] - value) * scale * (1 if slot > 0 else -1)
            needed = _reach(slot)
            if slots[other][index] * slot < 0:  # its label reaches towards this one
                needed += _reach(slots[other][index])
            elif index == count - 1:  # its name stands level with its point
                needed += SMALL / 2
            if 0 <= distance < needed:
                return False
        return True

    def crowds(line: int, index: int, slot: int) -> bool:
        if not index or slots[line][index - 1] != slot:
            return False
        return spans[line][index - 1][1] + LABEL_AIR > spans[line][index][0]

    order = sorted(range(len(lines)), key=lambda k: -sum(lines[k][0]))
    for line in order:
        side = 1 if all(fits(line, index, 1) for index in range(count)) else -1
        for index in range(count):
            places = [side, 2 * side, -side, -2 * side]
            good = [s for s in places if fits(line, index, s) and not crowds(line, index, s)]
            slots[line][index] = (good or places)[0]
    for (values, colour), line_slots, line_spans in zip(lines, slots, spans, strict=True):
        for index, (value, slot, (left, right)) in enumerate(
            zip(values, line_slots, line_spans, strict=True)
        ):
            up = 1 if slot > 0 else -1
            _note(
                axes,
                number(value),
                (index, value),
                offset=((left + right) / 2 - index * step, up * (_reach(slot) - SMALL - 1)),
                va="bottom" if up > 0 else "top",
                colour=colour,
            )
    below = [
        (value, _reach(slot))
        for (values, _), line_slots in zip(lines, slots, strict=True)
        for value, slot in zip(values, line_slots, strict=True)
        if slot < 0
    ]
    _room_below(axes, below)


def _room_below(axes: Axes, labelled_below: list[tuple[int, float]]) -> None:
    """Lower the y axis under zero as far as the labels under the lowest points need (value,
    reach: points labelled below them by _point_labels), its gridlines kept: no negative
    numbers."""
    bottom, top = axes.get_ylim()
    height = axes.get_position().height * axes.figure.get_figheight() * 72
    # The highest bottom that leaves `reach` points under each point labelled below.
    needed = min(
        [(value * height - reach * top) / (height - reach) for value, reach in labelled_below],
        default=bottom,
    )
    if needed < bottom:
        # The gridlines stay where they were (a locator would pick others for the new range).
        ticks = [tick for tick in axes.get_yticks() if bottom <= tick <= top]
        axes.set_ylim(needed, top)
        axes.set_yticks(ticks)


def _span(labels: list[str]) -> str:
    return f"{labels[0]} tot en met {labels[-1]}"
