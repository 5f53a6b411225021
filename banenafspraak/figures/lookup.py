"""Reading counts from the checked dataset, for every part of the figures: one quarter's
value, a change between quarters, the quarters a chart can use, a national comparison."""

from __future__ import annotations

from typing import TYPE_CHECKING

from banenafspraak.figures.shapes import Comparison, compare, whole
from banenafspraak.input.history import available
from banenafspraak.quarters import Quarter

if TYPE_CHECKING:  # pandas is imported with the dataset; rendering never needs it
    from banenafspraak.input.dataset import Dataset


def national(data: Dataset, column: str) -> int | None:
    """A national comparison figure of the period, rounded; None when none was given."""
    return None if data.national is None else whole(data.national[column])


def value(data: Dataset, quarter: Quarter, column: str) -> int:
    return int(data.quarterly.loc[quarter, column])


def known(data: Dataset, *quarters: Quarter) -> bool:
    return all(quarter in data.quarterly.index for quarter in quarters)


def maybe(data: Dataset, quarter: Quarter, column: str) -> int | None:
    """A quarter's count, or None when the quarter is not in the data."""
    return value(data, quarter, column) if known(data, quarter) else None


def change(data: Dataset, since: Quarter, column: str, until: Quarter | None = None) -> int | None:
    """The change from one quarter to another (by default the period); None when unknown."""
    until = data.period if until is None else until
    if not known(data, since, until):
        return None
    return value(data, until, column) - value(data, since, column)


def quarters(data: Dataset, count: int) -> list[Quarter]:
    """The quarters of a chart or table: up to `count`, consecutive, ending with the period."""
    return available(data.period, count, data.quarterly.index)


def comparisons(data: Dataset, column: str, baseline_column: str) -> list[Comparison]:
    period, now = data.period, value(data, data.period, column)
    found = [compare("nulmeting", data.baseline[baseline_column], now, "nulmeting")]
    for quarter, moment in ((period.shift(-4), "jaar"), (period.previous, "kwartaal")):
        if known(data, quarter):
            found.append(compare(quarter.label, value(data, quarter, column), now, moment))
    return found
