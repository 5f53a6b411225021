"""Interpretation read from a series: its direction over several quarters, and the jobs
added per span of years since the nulmeting (with catch-up years). figures.py holds the
results; the documents only phrase them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from banenafspraak.quarters import Quarter


@dataclass(frozen=True)
class Point:
    quarter: Quarter
    value: int


@dataclass(frozen=True)
class Trend:
    """The direction of a series over several quarters, read from its least-squares line."""

    direction: int  # 1 rising, -1 falling, 0 no clear direction
    first: Point
    last: Point
    quarters: int
    last_step: int  # the change in the newest quarter


def trend(points: list[Point]) -> Trend:
    """Rising or falling when the fitted line moves by at least 10% of the mean (and at
    least 2) from the first quarter to the last; otherwise no clear direction."""
    count = len(points)
    values = [p.value for p in points]
    mean_x, mean_y = (count - 1) / 2, sum(values) / count
    spread = sum((x - mean_x) ** 2 for x in range(count))
    slope = (
        sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values)) / spread if spread else 0.0
    )
    moved = slope * (count - 1)
    clear = abs(moved) >= max(2.0, 0.1 * abs(mean_y))
    return Trend(
        direction=(1 if moved > 0 else -1) if clear else 0,
        first=points[0],
        last=points[-1],
        quarters=count,
        last_step=values[-1] - values[-2] if count > 1 else 0,
    )


@dataclass(frozen=True)
class GrowthSpan:
    """The jobs added over one or more whole years (the last one maybe still running)."""

    first_year: int
    last_year: int
    growth: int
    average: int  # per year, rounded half up
    average_before: int | None  # per year over all earlier years since the nulmeting
    catch_up: bool  # one year that added more than twice the earlier yearly average
    times_before: int | None  # about how many times the earlier yearly average it added
    to_date: bool  # the last year is not over yet


def _span(
    first: int, last: int, growth: int, before: tuple[int, int] | None, to_date: bool = False
) -> GrowthSpan:
    """`before`: jobs added and years counted from the nulmeting up to `first`."""
    years = last - first + 1
    average_before = None if before is None else per_year(*before)
    return GrowthSpan(
        first_year=first,
        last_year=last,
        growth=growth,
        average=per_year(growth, years),
        average_before=average_before,
        catch_up=(
            years == 1
            and not to_date
            and average_before is not None
            and growth > 0
            and growth > 2 * average_before
        ),
        times_before=(
            per_year(growth, average_before)
            if average_before and growth > 0 and years == 1
            else None
        ),
        to_date=to_date,
    )


def per_year(growth: int, years: int) -> int:
    """A yearly average, rounded half up as the reports round."""
    return int((Decimal(growth) / years).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def growth_history(
    period: Quarter,
    baseline: int,
    end_year_before: int | None,
    end_last_year: int | None,
    now: int,
) -> list[GrowthSpan]:
    """The multi-year view: the years since the nulmeting as one span, then year by year.
    Without last year's year-end there is none; without the one before, last year joins
    the span since the nulmeting."""
    if end_last_year is None:
        return []
    first_years = period.year - 2 - 2012  # 2013 up to and including two years ago
    before_this = (end_last_year - baseline, first_years + 1)
    this_year = _span(period.year, period.year, now - end_last_year, before_this, period.number < 4)
    if end_year_before is None:
        return [_span(2013, period.year - 1, end_last_year - baseline, None), this_year]
    before_last = (end_year_before - baseline, first_years) if first_years > 0 else None
    spans = [
        _span(period.year - 1, period.year - 1, end_last_year - end_year_before, before_last),
        this_year,
    ]
    if first_years > 0:
        spans.insert(0, _span(2013, period.year - 2, end_year_before - baseline, None))
    return spans
