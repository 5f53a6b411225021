"""Inflow through the praktijkroute per quarter, this year against the same quarters of
last year, and the national leaders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from banenafspraak.figures import lookup
from banenafspraak.quarters import Quarter

if TYPE_CHECKING:  # pandas is imported with the dataset; rendering never needs it
    from banenafspraak.input.dataset import Dataset

# Municipalities may register people through the praktijkroute since 1 January 2017: before
# that the route did not exist, so its quarters have no figure (a dash), not a zero.
FIRST_QUARTER = Quarter(2017, 1)


@dataclass(frozen=True)
class Praktijkroute:
    # Q1..Q4: last year, this year (None: not yet, before the route existed, or not in the data)
    table: list[tuple[str, int | None, int | None]]
    exists: bool  # the route existed in the period reported on
    show_last_year: bool  # the table has a column for last year (maybe all dashes)
    this_year: int | None  # None when one of its quarters is missing
    last_year: int | None  # the same quarters of last year; None when one is missing
    last_year_before_route: bool  # last year lies before the route existed
    quarters_counted: int  # how many quarters of each year the totals cover
    # Fewer entries than in the same part of last year while fewer jobs were added: one of
    # the possible reasons for the lower growth, which the report may then name.
    fewer_with_lower_growth: bool
    leaders: list[tuple[str, int]]  # empty without national figures


def compute(data: Dataset, growth_now: int | None, growth_then: int | None) -> Praktijkroute:
    """`growth_now` and `growth_then`: the jobs added this year so far and in the same part of
    last year (jobs.py), beside which fewer entries may be named as a reason."""
    period, national = data.period, data.national
    this_year = [Quarter(period.year, n) for n in range(1, period.number + 1)]
    last_year = [q.shift(-4) for q in this_year]
    last_known = _last_year_known(data)
    before_route = Quarter(period.year - 1, 4) < FIRST_QUARTER
    table = [
        (
            f"Q{n}",
            _entries(data, Quarter(period.year - 1, n)) if last_known else None,
            _entries(data, Quarter(period.year, n)) if n <= period.number else None,
        )
        for n in range(1, 5)
    ]
    this_total = _total(data, this_year)
    last_total = _total(data, last_year) if last_known else None
    return Praktijkroute(
        table=table,
        exists=period >= FIRST_QUARTER,
        show_last_year=last_known,
        this_year=this_total,
        last_year=last_total,
        last_year_before_route=before_route,
        quarters_counted=period.number,
        fewer_with_lower_growth=(
            None not in (this_total, last_total, growth_now, growth_then)
            and this_total < last_total
            and growth_now < growth_then
        ),
        leaders=[]
        if national is None
        else [
            (
                str(national[f"praktijkroute_koploper_{n}"]),
                int(national[f"praktijkroute_koploper_{n}_aantal"]),
            )
            for n in (1, 2)
        ],
    )


def _entries(data: Dataset, quarter: Quarter) -> int | None:
    """A quarter's inflow; None before the route existed or when the quarter is unknown."""
    if quarter < FIRST_QUARTER:
        return None
    return lookup.maybe(data, quarter, "praktijkroute")


def _total(data: Dataset, quarters: list[Quarter]) -> int | None:
    """The sum over the quarters, or None when one of them is unknown or before the route."""
    values = [_entries(data, q) for q in quarters]
    return None if None in values else sum(values)


def _last_year_known(data: Dataset) -> bool:
    """Last year is shown only when all its quarters are known, so that the columns compare
    alike."""
    return lookup.known(data, *(Quarter(data.period.year - 1, n) for n in range(1, 5)))


def quarters_read(data: Dataset) -> tuple[Quarter, ...]:
    """The quarters whose inflow the figures read: this year so far and, when all of it is
    known, last year; none before the route existed (figures/illustrative.py lists them)."""
    period = data.period
    this_year = [Quarter(period.year, n) for n in range(1, period.number + 1)]
    last_year = [Quarter(period.year - 1, n) for n in range(1, 5)]
    found = (*this_year, *(last_year if _last_year_known(data) else ()))
    return tuple(quarter for quarter in found if quarter >= FIRST_QUARTER)
