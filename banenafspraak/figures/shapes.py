"""The shapes a figure takes: a whole percentage, a share, a split into parts, a count
compared with an earlier one. Percentages are rounded half up, as the reports print them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def percent(part: float, whole: float) -> int:
    """A whole percentage, rounded half up (away from zero), as the reports print it."""
    if whole == 0:
        return 0
    exact = Decimal(str(part)) * 100 / Decimal(str(whole))
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def whole(value: Decimal | float) -> int:
    """A given percentage (maybe with decimals) rounded half up to a whole one."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Comparison:
    """A count now against a count at an earlier moment."""

    label: str
    then: int
    now: int
    change: int
    moment: str  # "nulmeting", "jaar" (a year earlier) or "kwartaal" (the previous quarter)


def compare(label: str, then: int, now: int, moment: str) -> Comparison:
    return Comparison(label, int(then), int(now), int(now) - int(then), moment)


@dataclass(frozen=True)
class Share:
    count: int
    pct: int


@dataclass(frozen=True)
class Split:
    """A total and its three parts, each with its share of the total."""

    total: int
    parts: dict[str, Share]


def split(total: int, parts: dict[str, int]) -> Split:
    return Split(int(total), {name: Share(int(n), percent(n, total)) for name, n in parts.items()})
