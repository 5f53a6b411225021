"""The target group (doelgroep): the register and its three categories, and who of them
works, with the last four quarters as a table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from banenafspraak.figures import lookup
from banenafspraak.figures.shapes import Comparison, Share, Split, percent, split
from banenafspraak.figures.trends import Point
from banenafspraak.input.history import (
    CHART_QUARTERS,
    TABLE_QUARTERS,
)
from banenafspraak.quarters import Quarter, year_end

if TYPE_CHECKING:  # pandas is imported with the dataset; rendering never needs it
    from banenafspraak.input.dataset import Dataset

# The reassessment of the old Wajong ended the registration of Wajongers without work
# capacity; the Wajong fell fast until mid-2017, the last quarter it ran in.
REASSESSMENT_LAST = Quarter(2017, 2)


@dataclass(frozen=True)
class WorkingRow:
    quarter: Quarter
    wajong: Share
    pwet: Share
    both: Share


@dataclass(frozen=True)
class TargetGroup:
    now: int
    quarter_change: int | None
    year_change: int | None  # against the same quarter a year earlier
    categories: Split  # wajong / pwet / wsw
    national_pwet_pct: int | None  # None without national figures
    pwet_growth_this_year: int | None
    pwet_growth_last_year: int | None
    pwet_growth_change_pct: int | None  # fourth-quarter reports only: whole years
    # Last year up to the same quarter (equal to pwet_growth_last_year in a Q4 report).
    pwet_growth_last_year_to_date: int | None
    wajong_change_this_year: int | None
    wajong_nearly_same: bool  # this year's change is 1% of the group or less
    since_baseline: int  # persons now against the nulmeting (the old Wajong's reassessment)
    reassessment_over: bool  # the reassessment of the old Wajong ended mid-2017
    working_wsw: Share  # who works in the WSW/WIW-ID group, left out of the working share
    category_series: list[tuple[Quarter, int, int, int]]  # quarter, wajong, pwet, wsw
    count_series: list[Point]  # all persons, per quarter of category_series
    comparisons: list[Comparison]
    working_now: int
    working_series: list[tuple[Quarter, int, int, int]]
    working_count_series: list[Point]
    working_comparisons: list[Comparison]
    working_table: list[WorkingRow]  # the last four quarters (fewer when missing)
    working_pct: int  # Wajong + Participatiewet, this quarter
    working_wajong_pct: int
    working_pwet_pct: int
    national_working_pct: int | None  # None without national figures
    national_working_pwet_pct: int | None  # None without national figures
    national_working_wajong_pct: int | None  # None without national figures
    best_region: str | None
    best_region_pct: int | None  # None without national figures


def compute(data: Dataset) -> TargetGroup:
    period = data.period
    end_last_year, end_year_before = year_end(period.year - 1), year_end(period.year - 2)
    pwet_this_year = lookup.change(data, end_last_year, "personen_pwet")
    pwet_last_year = lookup.change(data, end_year_before, "personen_pwet", end_last_year)
    wajong_change = lookup.change(data, end_last_year, "personen_wajong")
    quarters = lookup.quarters(data, CHART_QUARTERS)
    table = [_working_row(data, q) for q in lookup.quarters(data, TABLE_QUARTERS)]
    return TargetGroup(
        now=lookup.value(data, period, "personen"),
        quarter_change=lookup.change(data, period.previous, "personen"),
        year_change=lookup.change(data, period.shift(-4), "personen"),
        categories=_categories(data, period, "personen"),
        national_pwet_pct=lookup.national(data, "aandeel_pwet_pct"),
        pwet_growth_this_year=pwet_this_year,
        pwet_growth_last_year=pwet_last_year,
        pwet_growth_change_pct=(
            None
            if pwet_this_year is None or pwet_last_year is None or period.number != 4
            else percent(pwet_this_year - pwet_last_year, pwet_last_year)
        ),
        pwet_growth_last_year_to_date=lookup.change(
            data, end_year_before, "personen_pwet", period.shift(-4)
        ),
        wajong_change_this_year=wajong_change,
        wajong_nearly_same=(
            wajong_change is not None
            and abs(wajong_change) * 100 <= lookup.value(data, end_last_year, "personen_wajong")
        ),
        since_baseline=lookup.value(data, period, "personen") - int(data.baseline["personen"]),
        reassessment_over=period > REASSESSMENT_LAST,
        working_wsw=_share(data, period, "wsw"),
        category_series=_series3(data, "personen", quarters),
        count_series=[Point(q, lookup.value(data, q, "personen")) for q in quarters],
        comparisons=lookup.comparisons(data, "personen", "personen"),
        working_now=lookup.value(data, period, "werkzaam"),
        working_series=_series3(data, "werkzaam", quarters),
        working_count_series=[Point(q, lookup.value(data, q, "werkzaam")) for q in quarters],
        working_comparisons=lookup.comparisons(data, "werkzaam", "werkzaam"),
        working_table=table,
        working_pct=table[-1].both.pct,
        working_wajong_pct=table[-1].wajong.pct,
        working_pwet_pct=table[-1].pwet.pct,
        national_working_pct=lookup.national(data, "werkzaam_pct"),
        national_working_pwet_pct=lookup.national(data, "werkzaam_pwet_pct"),
        national_working_wajong_pct=lookup.national(data, "werkzaam_wajong_pct"),
        best_region=None if data.national is None else str(data.national["beste_regio"]),
        best_region_pct=lookup.national(data, "beste_regio_werkzaam_pct"),
    )


def _categories(data: Dataset, quarter: Quarter, prefix: str) -> Split:
    return split(
        lookup.value(data, quarter, prefix),
        {
            group: lookup.value(data, quarter, f"{prefix}_{group}")
            for group in ("wajong", "pwet", "wsw")
        },
    )


def _share(data: Dataset, quarter: Quarter, *groups: str) -> Share:
    """Who works in the groups together, as a count and a share of their persons."""
    working = sum(lookup.value(data, quarter, f"werkzaam_{group}") for group in groups)
    persons = sum(lookup.value(data, quarter, f"personen_{group}") for group in groups)
    return Share(working, percent(working, persons))


def _working_row(data: Dataset, quarter: Quarter) -> WorkingRow:
    return WorkingRow(
        quarter,
        _share(data, quarter, "wajong"),
        _share(data, quarter, "pwet"),
        _share(data, quarter, "wajong", "pwet"),
    )


def _series3(data: Dataset, prefix: str, quarters: list[Quarter]) -> list:
    return [
        (q, *(lookup.value(data, q, f"{prefix}_{group}") for group in ("wajong", "pwet", "wsw")))
        for q in quarters
    ]
