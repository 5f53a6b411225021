"""The factsheet's flow diagram (Grafiek 4): the register in the previous quarter and in this
one, who left it and who joined, and how the stayers' work changed. Unlike the other charts it
has no axes: boxes and arrows are placed by hand, in inches.
"""

from __future__ import annotations

from matplotlib.axes import Axes

from banenafspraak.charts import data_tables
from banenafspraak.charts.drawing import FULL, SMALL, Chart, _canvas, _finish
from banenafspraak.charts.palette import BLUE, GREEN, GREY, VERMILION
from banenafspraak.figures.compute import Figures
from banenafspraak.formatting import counted, number

# Light tints of the palette for boxes that carry dark text (contrast above 7:1).
WORKING_TINT, IDLE_TINT, FOUND_TINT, LOST_TINT = "#D4E7F3", "#E6E6E6", "#CCEDE3", "#F6DCCB"
FLOW_GROUP_LABELS = {
    "behoudt_werk": "Behoudt werk",
    "verliest_werk": "Verliest werk",
    "vindt_werk": "Vindt werk",
    "geen_werk": "Blijft zonder werk",
}
FLOW_CATEGORY_LABELS = {"pwet": "Pwet", "wajong": "Wajong", "wsw": "WSW"}


def _box(axes: Axes, x: float, y: float, width: float, height: float, fill: str, edge: str):
    from matplotlib.patches import FancyBboxPatch

    axes.add_patch(
        FancyBboxPatch(
            (x, y),
            width,
            height,
            boxstyle="round,pad=0,rounding_size=0.04",
            facecolor=fill,
            edgecolor=edge,
            linewidth=0.8,
        )
    )


def _arrow(axes: Axes, start: tuple[float, float], end: tuple[float, float], colour: str) -> None:
    axes.annotate(
        "",
        xy=end,
        xytext=start,
        arrowprops={
            "arrowstyle": "-|>,head_length=0.5,head_width=0.22",
            "color": colour,
            "linewidth": 1.1,
            "shrinkA": 0,
            "shrinkB": 0,
        },
    )


def _state_box(
    axes: Axes, x: float, y: float, width: float, height: float, state: str, count: int
) -> None:
    working = state == "werkend"
    _box(
        axes, x, y, width, height, WORKING_TINT if working else IDLE_TINT, BLUE if working else GREY
    )
    middle = x + width / 2
    axes.text(middle, y + height / 2 + 0.03, state, ha="center", va="bottom", fontsize=7)
    axes.text(
        middle,
        y + height / 2 - 0.03,
        number(count),
        ha="center",
        va="top",
        fontsize=9,
        fontweight="bold",
    )


def flow_diagram(figures: Figures) -> Chart:
    """Grafiek 4: who left, who came, and how the stayers' work changed between quarters."""
    flows = figures.flows.movement
    assert flows is not None, "drawn only when the period has flows"
    before, now = figures.previous.label, figures.period.label
    width, height = FULL, 3.35
    figure, axes = _canvas(width, height)

    # Columns (x from, x to), in inches from the left edge.
    out_col, before_col, groups_col, now_col, in_col = (
        (0.02, 0.92),
        (1.14, 2.06),
        (2.28, 4.2),
        (4.55, 5.47),
        (5.69, 6.59),
    )
    # Four rows of stayer groups, from the top; the working states span two rows each.
    row_height, row_gap, first_top = 0.58, 0.1, 2.74
    rows = [(first_top - i * (row_height + row_gap) - row_height, row_height) for i in range(4)]
    upper = (rows[1][0], rows[0][0] + row_height - rows[1][0])  # y, height of 'werkend'
    lower = (rows[3][0], rows[2][0] + row_height - rows[3][0])  # 'niet werkend'

    def centre_y(span: tuple[float, float]) -> float:
        return span[0] + span[1] / 2

    headers = [
        (out_col, "Uitstroom", counted(flows.outflow, "persoon", "personen")),
        (before_col, before, counted(flows.persons_before, "persoon", "personen")),
        (groups_col, "Blijven in het register", counted(flows.stayers, "persoon", "personen")),
        (now_col, now, counted(flows.persons_now, "persoon", "personen")),
        (in_col, "Instroom", counted(flows.inflow, "persoon", "personen")),
    ]
    for (left, right), title, total in headers:
        axes.text(
            (left + right) / 2,
            height - 0.06,
            title,
            ha="center",
            va="top",
            fontsize=7.5,
            fontweight="bold",
        )
        axes.text((left + right) / 2, height - 0.24, total, ha="center", va="top", fontsize=7)

    # The register before and after, and the outflow and inflow beside them.
    small = 0.56
    for col, spans, counts in (
        (before_col, (upper, lower), (flows.working_before, flows.idle_before)),
        (now_col, (upper, lower), (flows.working_now, flows.idle_now)),
        (out_col, (upper, lower), (flows.outflow_working, flows.outflow_idle)),
        (in_col, (upper, lower), (flows.inflow_working, flows.inflow_idle)),
    ):
        for span, count, state in zip(spans, counts, ("werkend", "niet werkend"), strict=True):
            if col in (out_col, in_col):
                y, h = centre_y(span) - small / 2, small
            else:
                y, h = span
            _state_box(axes, col[0], y, col[1] - col[0], h, state, count)

    # Leaving the register (arrows point out, to the left) and joining it (towards now).
    for span in (upper, lower):
        y = centre_y(span)
        _arrow(axes, (before_col[0], y), (out_col[1], y), GREY)
        _arrow(axes, (in_col[0], y), (now_col[1], y), GREY)

    # The stayers: from their state before, through their group, to their state now.
    groups = [
        ("behoudt_werk", WORKING_TINT, BLUE, upper, upper),
        ("verliest_werk", LOST_TINT, VERMILION, upper, lower),
        ("vindt_werk", FOUND_TINT, GREEN, lower, upper),
        ("geen_werk", IDLE_TINT, GREY, lower, lower),
    ]
    cell = (groups_col[1] - groups_col[0]) / 3
    for (key, fill, edge, source, target), (y, h) in zip(groups, rows, strict=True):
        split = flows.groups[key]
        _box(axes, groups_col[0], y, groups_col[1] - groups_col[0], h, fill, edge)
        axes.text(
            groups_col[0] + 0.08,
            y + h - 0.07,
            FLOW_GROUP_LABELS[key],
            ha="left",
            va="top",
            fontsize=7.5,
            fontweight="bold",
        )
        axes.text(
            groups_col[1] - 0.08,
            y + h - 0.07,
            number(split.total),
            ha="right",
            va="top",
            fontsize=7.5,
            fontweight="bold",
        )
        for index, category in enumerate(("pwet", "wajong", "wsw")):
            middle = groups_col[0] + cell * (index + 0.5)
            axes.text(
                middle,
                y + 0.2,
                FLOW_CATEGORY_LABELS[category],
                ha="center",
                va="bottom",
                fontsize=SMALL,
                color="#444444",
            )
            axes.text(
                middle,
                y + 0.06,
                number(split.parts[category].count),
                ha="center",
                va="bottom",
                fontsize=7,
            )
        middle_y = y + h / 2
        colour = edge if key in ("verliest_werk", "vindt_werk") else GREY
        _arrow(axes, (before_col[1], middle_y), (groups_col[0], middle_y), colour)
        # Arrows that change state land apart, in the upper or lower half of the box.
        landing = middle_y
        if source is not target:
            landing = centre_y(target) + (0.16 if target is upper else -0.16)
        _arrow(axes, (groups_col[1], middle_y), (now_col[0], landing), colour)

    g = flows.groups
    alt = (
        f"Stroomschema van de personen in het doelgroepregister van {before} naar {now}: "
        f"{number(flows.outflow)} uitgestroomd, {number(flows.inflow)} ingestroomd en "
        f"{number(flows.stayers)} gebleven. Van de personen die bleven, vonden er "
        f"{number(g['vindt_werk'].total)} werk en verloren er {number(g['verliest_werk'].total)} "
        "hun werk."
    )
    return _finish("stromen", figure, alt, data_tables.flows(figures))
