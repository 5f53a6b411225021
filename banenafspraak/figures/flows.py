"""Werkvinders and werkverliezers over the quarters, and the flow of persons between the
previous quarter and this one (stromen)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from banenafspraak.figures import lookup
from banenafspraak.figures.shapes import Split, split, whole
from banenafspraak.figures.trends import Point, Trend, trend
from banenafspraak.input.checks import GROUPS, stayer_total
from banenafspraak.input.history import (
    FLOW_CHART_QUARTERS,
    TREND_QUARTERS,
)
from banenafspraak.input.tables import REASONS, STAYER_GROUPS
from banenafspraak.quarters import Quarter

if TYPE_CHECKING:  # pandas is imported with the dataset; rendering never needs it
    from banenafspraak.input.dataset import Dataset


@dataclass(frozen=True)
class Movement:
    """The flow of persons between the previous quarter and this one (stromen)."""

    outflow_working: int
    outflow_idle: int
    outflow: int
    inflow_working: int
    inflow_idle: int
    inflow: int
    stayers: int
    groups: dict[str, Split]  # behoudt_werk / verliest_werk / geen_werk / vindt_werk
    reasons: dict[str, int]  # the reasons that occurred, largest share first, ties in data order
    reasons_absent: list[str]  # the reasons no one left for (exactly 0 in the data), data order
    # The register at both ends of the flow, split into working and not working.
    persons_before: int
    working_before: int
    idle_before: int
    persons_now: int
    working_now: int
    idle_now: int


@dataclass(frozen=True)
class Step:
    """One count's move from the previous quarter to this one."""

    noun: str  # "werkvinders" or "werkverliezers"
    previous: int
    now: int
    change: int


@dataclass(frozen=True)
class Flows:
    finders: int
    losers: int
    finders_previous: int | None
    losers_previous: int | None
    # Werkvinders and werkverliezers against the previous quarter, the strongest move first
    # (up or down), so that the text names it before a trend can hide it; empty without the
    # previous quarter.
    steps: list[Step]
    steps_together: bool  # both moved, the same way: one verb serves both
    series: list[tuple[Quarter, int, int]]  # quarter, werkvinders, werkverliezers
    # Over the quarters of the series; None when it holds fewer than TREND_QUARTERS.
    finders_trend: Trend | None
    losers_trend: Trend | None
    net: int  # werkvinders minus werkverliezers, this quarter
    net_year_ago: int | None  # the same, a year earlier
    movement: Movement | None  # None when stromen has no row for the period


def compute(data: Dataset) -> Flows:
    period = data.period
    series = [
        (q, lookup.value(data, q, "werkvinders"), lookup.value(data, q, "werkverliezers"))
        for q in lookup.quarters(data, FLOW_CHART_QUARTERS)
    ]
    steps = _steps(data)
    return Flows(
        finders=lookup.value(data, period, "werkvinders"),
        losers=lookup.value(data, period, "werkverliezers"),
        finders_previous=lookup.maybe(data, period.previous, "werkvinders"),
        losers_previous=lookup.maybe(data, period.previous, "werkverliezers"),
        steps=steps,
        steps_together=len(steps) == 2 and steps[0].change * steps[1].change > 0,
        series=series,
        finders_trend=_trend([Point(q, found) for q, found, _ in series]),
        losers_trend=_trend([Point(q, lost) for q, _, lost in series]),
        net=lookup.value(data, period, "werkvinders")
        - lookup.value(data, period, "werkverliezers"),
        net_year_ago=next(
            (found - lost for q, found, lost in series if q == period.shift(-4)), None
        ),
        movement=_movement(data) if period in data.flows.index else None,
    )


def _steps(data: Dataset) -> list[Step]:
    period = data.period
    if not lookup.known(data, period.previous):
        return []
    steps = [
        Step(
            noun,
            lookup.value(data, period.previous, noun),
            lookup.value(data, period, noun),
            lookup.value(data, period, noun) - lookup.value(data, period.previous, noun),
        )
        for noun in ("werkvinders", "werkverliezers")
    ]
    return sorted(steps, key=lambda step: -abs(step.change))  # stable: finders first on a tie


def _trend(points: list[Point]) -> Trend | None:
    return trend(points) if len(points) >= TREND_QUARTERS else None


def _movement(data: Dataset) -> Movement:
    period = data.period
    flow = data.flows.loc[period]
    groups = {
        group: split(stayer_total(flow, group), {c: int(flow[f"{group}_{c}"]) for c in GROUPS})
        for group in STAYER_GROUPS
    }
    outflow_working, outflow_idle = (
        int(flow["uitstroom_werkend"]),
        int(flow["uitstroom_niet_werkend"]),
    )
    inflow_working, inflow_idle = int(flow["instroom_werkend"]), int(flow["instroom_niet_werkend"])
    reasons = {reason: whole(flow[f"reden_{reason}"]) for reason in REASONS}
    absent = [reason for reason in REASONS if float(flow[f"reden_{reason}"]) == 0]
    persons_before = lookup.value(data, period.previous, "personen")
    working_before = lookup.value(data, period.previous, "werkzaam")
    persons_now = lookup.value(data, period, "personen")
    working_now = lookup.value(data, period, "werkzaam")
    return Movement(
        outflow_working=outflow_working,
        outflow_idle=outflow_idle,
        outflow=outflow_working + outflow_idle,
        inflow_working=inflow_working,
        inflow_idle=inflow_idle,
        inflow=inflow_working + inflow_idle,
        stayers=sum(g.total for g in groups.values()),
        groups=groups,
        reasons=dict(
            sorted(
                ((r, share) for r, share in reasons.items() if r not in absent),
                key=lambda item: -item[1],
            )
        ),
        reasons_absent=absent,
        persons_before=persons_before,
        working_before=working_before,
        idle_before=persons_before - working_before,
        persons_now=persons_now,
        working_now=working_now,
        idle_now=persons_now - working_now,
    )
