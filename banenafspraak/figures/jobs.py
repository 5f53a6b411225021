"""The jobs (banen): extra jobs since the nulmeting against the year's target, growth per
year and per quarter, corrections, the split by type and the series the charts draw."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from banenafspraak.figures import lookup
from banenafspraak.figures.shapes import Comparison, Split, percent, split
from banenafspraak.figures.trends import GrowthSpan, Point, growth_history, per_year
from banenafspraak.input.history import (
    CHART_QUARTERS,
)
from banenafspraak.quarters import Quarter, year_end

if TYPE_CHECKING:  # pandas is imported with the dataset; rendering never needs it
    from banenafspraak.input.dataset import Dataset


@dataclass(frozen=True)
class Jobs:
    # None below: the quarters needed are not in the data (before the region's first row).
    now: int
    previous: int | None
    year_ago: int | None
    baseline: int
    extra: int  # since the nulmeting
    target_year: int
    target: int  # cumulative extra jobs aimed for at the end of target_year
    target_previous: int | None
    target_next: int | None
    target_growth: int | None  # growth the targets indicate for this year
    # The growth the region needed this year to meet this year's target from where it stood at
    # the end of last year (the indicated growth plus last year's shortfall); None when last
    # year-end is not in the data.
    needed_this_year: int | None
    shortfall_last_year: int | None  # last year's target minus extra jobs then (<0: ahead)
    target_pct: int
    national_target_pct: int | None  # None without national figures
    target_gap: int  # target - extra; negative when the target is passed
    still_needed: int
    target_level: int  # the number of jobs at which this year's target is met
    needed_for_next: int | None
    growth_this_year: int | None
    growth_last_year: int | None
    # Last year up to the same quarter, so that a year still running is set against a period
    # of the same length (equal to growth_last_year in a fourth-quarter report).
    growth_last_year_to_date: int | None
    growth_vs_indicated: int | None
    # Full years only (fourth-quarter reports): the yearly average since the nulmeting, the
    # long view beside this year and last year.
    average_since_baseline: int | None  # None too when not more than 0 a year: no long view
    years_since_baseline: int  # whole years from the nulmeting to the end of this year
    # From the nulmeting to two year-ends ago, then last year, then this year (to date);
    # shorter or empty when year-ends are missing.
    history: list[GrowthSpan]
    last_year_span: GrowthSpan | None  # last year on its own, when the history has it
    growth_pct: int  # growth since the nulmeting
    national_growth_pct: int | None  # None without national figures
    quarter_change: int | None
    correction: int
    correction_text: str | None
    organic_change: int | None
    by_type: Split  # markt / overheid / uitzend
    national_government_pct: int | None  # None without national figures
    extra_series: list[Point]
    target_series: list[Point]  # the year's target, per quarter of extra_series
    added_series: list[Point]  # empty without the previous quarter
    yearly: list[tuple[int, int, int | None]]  # year, target, realised extra jobs
    by_type_series: list[tuple[Quarter, int, int, int]]  # quarter, markt, overheid, uitzend
    count_series: list[Point]  # all jobs, per quarter of by_type_series
    comparisons: list[Comparison]  # only those whose quarter is in the data


def compute(data: Dataset) -> Jobs:
    period = data.period
    now = lookup.value(data, period, "banen")
    baseline = int(data.baseline["banen"])
    extra = now - baseline
    target = int(data.targets.loc[period.year, "totaal"])
    target_previous = _target(data, period.year - 1)
    target_growth = None if target_previous is None else target - target_previous
    target_next = _target(data, period.year + 1)
    end_last_year = lookup.maybe(data, year_end(period.year - 1), "banen")
    end_year_before = lookup.maybe(data, year_end(period.year - 2), "banen")
    growth_this_year = lookup.change(data, year_end(period.year - 1), "banen")
    change = lookup.change(data, period.previous, "banen")
    correction = (
        int(data.corrections.loc[period, "banen"]) if period in data.corrections.index else 0
    )
    correction_text = (
        str(data.corrections.loc[period, "omschrijving"])
        if period in data.corrections.index
        else None
    )
    history = growth_history(period, baseline, end_year_before, end_last_year, now)
    quarters = lookup.quarters(data, CHART_QUARTERS)
    added = [q for q in quarters if lookup.known(data, q.previous)]
    # The chart of extra jobs draws each quarter's target: only quarters whose year has one.
    targeted = [q for q in quarters if _target(data, q.year) is not None]
    return Jobs(
        now=now,
        previous=lookup.maybe(data, period.previous, "banen"),
        year_ago=lookup.maybe(data, period.shift(-4), "banen"),
        baseline=baseline,
        extra=extra,
        target_year=period.year,
        target=target,
        target_previous=target_previous,
        target_next=target_next,
        target_growth=target_growth,
        needed_this_year=None if end_last_year is None else baseline + target - end_last_year,
        shortfall_last_year=(
            None
            if end_last_year is None or target_previous is None
            else baseline + target_previous - end_last_year
        ),
        target_pct=percent(extra, target),
        national_target_pct=lookup.national(data, "doel_bereikt_pct"),
        target_gap=target - extra,
        still_needed=max(target - extra, 0),
        target_level=baseline + target,
        needed_for_next=None if target_next is None else target_next - extra,
        growth_this_year=growth_this_year,
        growth_last_year=lookup.change(
            data, year_end(period.year - 2), "banen", year_end(period.year - 1)
        ),
        growth_last_year_to_date=lookup.change(
            data, year_end(period.year - 2), "banen", period.shift(-4)
        ),
        average_since_baseline=_average(extra, period),
        years_since_baseline=period.year - 2012,
        growth_vs_indicated=(
            None
            if growth_this_year is None or target_growth is None
            else growth_this_year - target_growth
        ),
        history=history,
        last_year_span=next(
            (s for s in history if s.first_year == s.last_year == period.year - 1), None
        ),
        growth_pct=percent(now - baseline, baseline),
        national_growth_pct=lookup.national(data, "groei_nulmeting_pct"),
        quarter_change=change,
        correction=correction,
        correction_text=correction_text,
        organic_change=None if change is None else change - correction,
        by_type=_jobs_by_type(data, period),
        national_government_pct=lookup.national(data, "aandeel_overheid_pct"),
        extra_series=[Point(q, lookup.value(data, q, "banen") - baseline) for q in targeted],
        target_series=[Point(q, _target(data, q.year)) for q in targeted],
        added_series=[Point(q, lookup.change(data, q.previous, "banen", q)) for q in added],
        yearly=_yearly(data, baseline),
        by_type_series=[
            (
                q,
                *(
                    lookup.value(data, q, f"banen_{kind}")
                    for kind in ("markt", "overheid", "uitzend")
                ),
            )
            for q in quarters
        ],
        count_series=[Point(q, lookup.value(data, q, "banen")) for q in quarters],
        comparisons=lookup.comparisons(data, "banen", "banen"),
    )


def _average(extra: int, period: Quarter) -> int | None:
    """Extra jobs per year since the nulmeting, over whole years and when some were added."""
    average = per_year(extra, period.year - 2012) if period.number == 4 else 0
    return average if average > 0 else None


def _target(data: Dataset, year: int) -> int | None:
    return int(data.targets.loc[year, "totaal"]) if year in data.targets.index else None


def _jobs_by_type(data: Dataset, quarter: Quarter) -> Split:
    return split(
        lookup.value(data, quarter, "banen"),
        {
            kind: lookup.value(data, quarter, f"banen_{kind}")
            for kind in ("markt", "overheid", "uitzend")
        },
    )


def _yearly(data: Dataset, baseline: int) -> list[tuple[int, int, int | None]]:
    """Target and realised extra jobs per year, for years with a target and a year-end count,
    and next year's target when it is known (nothing realised yet: None), so that the figure
    shows where the region has to go."""
    rows = []
    for year in sorted(data.targets.index):
        target = int(data.targets.loc[year, "totaal"])
        if year == data.period.year + 1 and rows:
            rows.append((int(year), target, None))
        if year > data.period.year:
            continue
        moment = data.period if year == data.period.year else year_end(year)
        if moment in data.quarterly.index:
            realised = lookup.value(data, moment, "banen") - baseline
            rows.append((int(year), target, realised))
    return rows
