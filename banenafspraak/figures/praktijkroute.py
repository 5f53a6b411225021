"""Inflow through the praktijkroute per quarter, this year against the same quarters of
last year, and the national leaders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from banenafspraak.figures import lookup
from banenafspraak.quarters import Quarter

if TYPE_CHECKING:  # pandas is imported with the dataset; rendering never needs it
    from banenafspraak.input.dataset import Dataset


@dataclass(frozen=True)
class Praktijkroute:
    # Q1..Q4: last year, this year (None: not yet, or not in the data)
    table: list[tuple[str, int | None, int | None]]
    this_year: int | None  # None when one of its quarters is missing
    last_year: int | None  # the same quarters of last year; None when one is missing
    quarters_counted: int  # how many quarters of each year the totals cover
    leaders: list[tuple[str, int]]  # empty without national figures


def compute(data: Dataset) -> Praktijkroute:
    period, national = data.period, data.national
    this_year = [Quarter(period.year, n) for n in range(1, period.number + 1)]
    last_year = [q.shift(-4) for q in this_year]
    # Last year only when all its quarters are known, so that the columns compare alike.
    last_known = lookup.known(data, *(Quarter(period.year - 1, n) for n in range(1, 5)))
    table = [
        (
            f"Q{n}",
            lookup.maybe(data, Quarter(period.year - 1, n), "praktijkroute")
            if last_known
            else None,
            lookup.maybe(data, Quarter(period.year, n), "praktijkroute")
            if n <= period.number
            else None,
        )
        for n in range(1, 5)
    ]
    return Praktijkroute(
        table=table,
        this_year=_total(data, this_year, "praktijkroute"),
        last_year=_total(data, last_year, "praktijkroute") if last_known else None,
        quarters_counted=period.number,
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


def _total(data: Dataset, quarters: list[Quarter], column: str) -> int | None:
    """The sum over the quarters, or None when one of them is not in the data."""
    if not lookup.known(data, *quarters):
        return None
    return sum(lookup.value(data, q, column) for q in quarters)
