"""Every derived number of the documents, computed once from the checked dataset.

Templates and charts only read a Figures object; nothing below them computes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from banenafspraak.figures.trends import GrowthSpan, Point, Trend, growth_history, trend
from banenafspraak.input.checks import GROUPS, stayer_total
from banenafspraak.input.dataset import Dataset
from banenafspraak.input.history import (
    CHART_QUARTERS,
    FLOW_CHART_QUARTERS,
    TABLE_QUARTERS,
    TREND_QUARTERS,
    available,
)
from banenafspraak.input.tables import REASONS, STAYER_GROUPS
from banenafspraak.quarters import Quarter, year_end


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
    target_pct: int
    national_target_pct: int | None  # None without national figures
    target_gap: int  # target - extra; negative when the target is passed
    still_needed: int
    target_level: int  # the number of jobs at which this year's target is met
    needed_for_next: int | None
    growth_this_year: int | None
    growth_last_year: int | None
    growth_vs_indicated: int | None
    # From the nulmeting to two year-ends ago, then last year, then this year (to date);
    # shorter or empty when year-ends are missing.
    history: list[GrowthSpan]
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
    pwet_growth_change_pct: int | None
    wajong_change_this_year: int | None
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


@dataclass(frozen=True)
class Praktijkroute:
    # Q1..Q4: last year, this year (None: not yet, or not in the data)
    table: list[tuple[str, int | None, int | None]]
    this_year: int | None  # None when one of its quarters is missing
    last_year: int | None  # the same quarters of last year; None when one is missing
    quarters_counted: int  # how many quarters of each year the totals cover
    leaders: list[tuple[str, int]]  # empty without national figures


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
class Flows:
    finders: int
    losers: int
    finders_previous: int | None
    losers_previous: int | None
    series: list[tuple[Quarter, int, int]]  # quarter, werkvinders, werkverliezers
    # Over the quarters of the series; None when it holds fewer than TREND_QUARTERS.
    finders_trend: Trend | None
    losers_trend: Trend | None
    net: int  # werkvinders minus werkverliezers, this quarter
    net_year_ago: int | None  # the same, a year earlier
    movement: Movement | None  # None when stromen has no row for the period


@dataclass(frozen=True)
class Sheltered:
    target: int
    working: int
    working_change: int | None
    # UWV's placement rate: the people working at the peildatum against the positive advices
    # up to three months earlier (a placement takes about that long). None when the data
    # lacks the previous quarter's advices.
    lagged_until: object  # the end of the previous quarter
    positive_lagged: int | None
    placement_pct: int | None
    advices_until: object
    advices_positive: int
    advices_negative: int
    advices_total: int
    advices_on_request: int
    national_working: int | None  # None without national figures
    national_placement_pct: int | None  # None without national figures


@dataclass(frozen=True)
class Candidates:
    quarter: Quarter
    uwv: Share
    municipal: Share


@dataclass(frozen=True)
class Figures:
    region: str
    year: int
    last_year: int
    next_year: int
    period: Quarter
    previous: Quarter
    year_ago: Quarter
    jobs: Jobs
    target_group: TargetGroup
    praktijkroute: Praktijkroute
    flows: Flows
    sheltered: Sheltered | None
    candidates: Candidates | None
    assessments: list[tuple[int, int, int, int]] | None  # year, wajong 2015, banenafspraak, beschut


def compute(data: Dataset) -> Figures:
    period = data.period
    return Figures(
        region=data.region,
        year=period.year,
        last_year=period.year - 1,
        next_year=period.year + 1,
        period=period,
        previous=period.previous,
        year_ago=period.shift(-4),
        jobs=_jobs(data),
        target_group=_target_group(data),
        praktijkroute=_praktijkroute(data),
        flows=_flows(data),
        sheltered=_sheltered(data),
        candidates=_candidates(data),
        assessments=_assessments(data),
    )


def _national(data: Dataset, column: str) -> int | None:
    """A national comparison figure of the period, rounded; None when none was given."""
    return None if data.national is None else whole(data.national[column])


def _value(data: Dataset, quarter: Quarter, column: str) -> int:
    return int(data.quarterly.loc[quarter, column])


def _known(data: Dataset, *quarters: Quarter) -> bool:
    return all(quarter in data.quarterly.index for quarter in quarters)


def _maybe(data: Dataset, quarter: Quarter, column: str) -> int | None:
    """A quarter's count, or None when the quarter is not in the data."""
    return _value(data, quarter, column) if _known(data, quarter) else None


def _change(data: Dataset, since: Quarter, column: str, until: Quarter | None = None) -> int | None:
    """The change from one quarter to another (by default the period); None when unknown."""
    until = data.period if until is None else until
    if not _known(data, since, until):
        return None
    return _value(data, until, column) - _value(data, since, column)


def _quarters(data: Dataset, count: int) -> list[Quarter]:
    """The quarters of a chart or table: up to `count`, consecutive, ending with the period."""
    return available(data.period, count, data.quarterly.index)


def _comparisons(data: Dataset, column: str, baseline_column: str) -> list[Comparison]:
    period, now = data.period, _value(data, data.period, column)
    found = [compare("nulmeting", data.baseline[baseline_column], now, "nulmeting")]
    for quarter, moment in ((period.shift(-4), "jaar"), (period.previous, "kwartaal")):
        if _known(data, quarter):
            found.append(compare(quarter.label, _value(data, quarter, column), now, moment))
    return found


def _jobs(data: Dataset) -> Jobs:
    period = data.period
    now = _value(data, period, "banen")
    baseline = int(data.baseline["banen"])
    extra = now - baseline
    target = int(data.targets.loc[period.year, "totaal"])
    target_previous = _target(data, period.year - 1)
    target_growth = None if target_previous is None else target - target_previous
    target_next = _target(data, period.year + 1)
    end_last_year = _maybe(data, year_end(period.year - 1), "banen")
    end_year_before = _maybe(data, year_end(period.year - 2), "banen")
    growth_this_year = _change(data, year_end(period.year - 1), "banen")
    change = _change(data, period.previous, "banen")
    correction = (
        int(data.corrections.loc[period, "banen"]) if period in data.corrections.index else 0
    )
    correction_text = (
        str(data.corrections.loc[period, "omschrijving"])
        if period in data.corrections.index
        else None
    )
    quarters = _quarters(data, CHART_QUARTERS)
    added = [q for q in quarters if _known(data, q.previous)]
    # The chart of extra jobs draws each quarter's target: only quarters whose year has one.
    targeted = [q for q in quarters if _target(data, q.year) is not None]
    return Jobs(
        now=now,
        previous=_maybe(data, period.previous, "banen"),
        year_ago=_maybe(data, period.shift(-4), "banen"),
        baseline=baseline,
        extra=extra,
        target_year=period.year,
        target=target,
        target_previous=target_previous,
        target_next=target_next,
        target_growth=target_growth,
        target_pct=percent(extra, target),
        national_target_pct=_national(data, "doel_bereikt_pct"),
        target_gap=target - extra,
        still_needed=max(target - extra, 0),
        target_level=baseline + target,
        needed_for_next=None if target_next is None else target_next - extra,
        growth_this_year=growth_this_year,
        growth_last_year=_change(
            data, year_end(period.year - 2), "banen", year_end(period.year - 1)
        ),
        growth_vs_indicated=(
            None
            if growth_this_year is None or target_growth is None
            else growth_this_year - target_growth
        ),
        history=growth_history(period, baseline, end_year_before, end_last_year, now),
        growth_pct=percent(now - baseline, baseline),
        national_growth_pct=_national(data, "groei_nulmeting_pct"),
        quarter_change=change,
        correction=correction,
        correction_text=correction_text,
        organic_change=None if change is None else change - correction,
        by_type=_jobs_by_type(data, period),
        national_government_pct=_national(data, "aandeel_overheid_pct"),
        extra_series=[Point(q, _value(data, q, "banen") - baseline) for q in targeted],
        target_series=[Point(q, _target(data, q.year)) for q in targeted],
        added_series=[Point(q, _change(data, q.previous, "banen", q)) for q in added],
        yearly=_yearly(data, baseline),
        by_type_series=[
            (q, *(_value(data, q, f"banen_{kind}") for kind in ("markt", "overheid", "uitzend")))
            for q in quarters
        ],
        count_series=[Point(q, _value(data, q, "banen")) for q in quarters],
        comparisons=_comparisons(data, "banen", "banen"),
    )


def _target(data: Dataset, year: int) -> int | None:
    return int(data.targets.loc[year, "totaal"]) if year in data.targets.index else None


def _jobs_by_type(data: Dataset, quarter: Quarter) -> Split:
    return split(
        _value(data, quarter, "banen"),
        {kind: _value(data, quarter, f"banen_{kind}") for kind in ("markt", "overheid", "uitzend")},
    )


def _yearly(data: Dataset, baseline: int) -> list[tuple[int, int, int | None]]:
    """Target and realised extra jobs per year, for years with a target and a year-end count."""
    rows = []
    for year in sorted(data.targets.index):
        if year > data.period.year:
            continue
        moment = data.period if year == data.period.year else year_end(year)
        if moment in data.quarterly.index:
            realised = _value(data, moment, "banen") - baseline
            rows.append((int(year), int(data.targets.loc[year, "totaal"]), realised))
    return rows


def _categories(data: Dataset, quarter: Quarter, prefix: str) -> Split:
    return split(
        _value(data, quarter, prefix),
        {group: _value(data, quarter, f"{prefix}_{group}") for group in ("wajong", "pwet", "wsw")},
    )


def _working_row(data: Dataset, quarter: Quarter) -> WorkingRow:
    def share(*groups: str) -> Share:
        working = sum(_value(data, quarter, f"werkzaam_{group}") for group in groups)
        persons = sum(_value(data, quarter, f"personen_{group}") for group in groups)
        return Share(working, percent(working, persons))

    return WorkingRow(quarter, share("wajong"), share("pwet"), share("wajong", "pwet"))


def _series3(data: Dataset, prefix: str, quarters: list[Quarter]) -> list:
    return [
        (q, *(_value(data, q, f"{prefix}_{group}") for group in ("wajong", "pwet", "wsw")))
        for q in quarters
    ]


def _target_group(data: Dataset) -> TargetGroup:
    period = data.period
    end_last_year, end_year_before = year_end(period.year - 1), year_end(period.year - 2)
    pwet_this_year = _change(data, end_last_year, "personen_pwet")
    pwet_last_year = _change(data, end_year_before, "personen_pwet", end_last_year)
    quarters = _quarters(data, CHART_QUARTERS)
    table = [_working_row(data, q) for q in _quarters(data, TABLE_QUARTERS)]
    return TargetGroup(
        now=_value(data, period, "personen"),
        quarter_change=_change(data, period.previous, "personen"),
        year_change=_change(data, period.shift(-4), "personen"),
        categories=_categories(data, period, "personen"),
        national_pwet_pct=_national(data, "aandeel_pwet_pct"),
        pwet_growth_this_year=pwet_this_year,
        pwet_growth_last_year=pwet_last_year,
        pwet_growth_change_pct=(
            None
            if pwet_this_year is None or pwet_last_year is None
            else percent(pwet_this_year - pwet_last_year, pwet_last_year)
        ),
        wajong_change_this_year=_change(data, end_last_year, "personen_wajong"),
        category_series=_series3(data, "personen", quarters),
        count_series=[Point(q, _value(data, q, "personen")) for q in quarters],
        comparisons=_comparisons(data, "personen", "personen"),
        working_now=_value(data, period, "werkzaam"),
        working_series=_series3(data, "werkzaam", quarters),
        working_count_series=[Point(q, _value(data, q, "werkzaam")) for q in quarters],
        working_comparisons=_comparisons(data, "werkzaam", "werkzaam"),
        working_table=table,
        working_pct=table[-1].both.pct,
        working_wajong_pct=table[-1].wajong.pct,
        working_pwet_pct=table[-1].pwet.pct,
        national_working_pct=_national(data, "werkzaam_pct"),
        national_working_pwet_pct=_national(data, "werkzaam_pwet_pct"),
        national_working_wajong_pct=_national(data, "werkzaam_wajong_pct"),
        best_region=None if data.national is None else str(data.national["beste_regio"]),
        best_region_pct=_national(data, "beste_regio_werkzaam_pct"),
    )


def _praktijkroute(data: Dataset) -> Praktijkroute:
    period, national = data.period, data.national
    this_year = [Quarter(period.year, n) for n in range(1, period.number + 1)]
    last_year = [q.shift(-4) for q in this_year]
    # Last year only when all its quarters are known, so that the columns compare alike.
    last_known = _known(data, *(Quarter(period.year - 1, n) for n in range(1, 5)))
    table = [
        (
            f"Q{n}",
            _maybe(data, Quarter(period.year - 1, n), "praktijkroute") if last_known else None,
            _maybe(data, Quarter(period.year, n), "praktijkroute") if n <= period.number else None,
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
    if not _known(data, *quarters):
        return None
    return sum(_value(data, q, column) for q in quarters)


def _trend(points: list[Point]) -> Trend | None:
    return trend(points) if len(points) >= TREND_QUARTERS else None


def _flows(data: Dataset) -> Flows:
    period = data.period
    series = [
        (q, _value(data, q, "werkvinders"), _value(data, q, "werkverliezers"))
        for q in _quarters(data, FLOW_CHART_QUARTERS)
    ]
    return Flows(
        finders=_value(data, period, "werkvinders"),
        losers=_value(data, period, "werkverliezers"),
        finders_previous=_maybe(data, period.previous, "werkvinders"),
        losers_previous=_maybe(data, period.previous, "werkverliezers"),
        series=series,
        finders_trend=_trend([Point(q, found) for q, found, _ in series]),
        losers_trend=_trend([Point(q, lost) for q, _, lost in series]),
        net=_value(data, period, "werkvinders") - _value(data, period, "werkverliezers"),
        net_year_ago=next(
            (found - lost for q, found, lost in series if q == period.shift(-4)), None
        ),
        movement=_movement(data) if period in data.flows.index else None,
    )


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
    persons_before = _value(data, period.previous, "personen")
    working_before = _value(data, period.previous, "werkzaam")
    persons_now = _value(data, period, "personen")
    working_now = _value(data, period, "werkzaam")
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


def _sheltered(data: Dataset) -> Sheltered | None:
    """Section 5 is only written when the period itself has a row."""
    rows, period = data.sheltered, data.period
    if period not in rows.index:
        return None
    row = rows.loc[period]
    before = rows.loc[period.previous] if period.previous in rows.index else None
    lagged = None if before is None else int(before["positieve_adviezen"])
    return Sheltered(
        target=int(row["taakstelling"]),
        working=int(row["werkzaam"]),
        working_change=None if before is None else int(row["werkzaam"]) - int(before["werkzaam"]),
        lagged_until=period.previous.end_date,
        positive_lagged=lagged,
        placement_pct=None if not lagged else percent(row["werkzaam"], lagged),
        advices_until=row["adviezen_tot"],
        advices_positive=int(row["adviezen_positief"]),
        advices_negative=int(row["adviezen_negatief"]),
        advices_total=int(row["adviezen_positief"]) + int(row["adviezen_negatief"]),
        advices_on_request=int(row["adviezen_op_verzoek"]),
        national_working=_national(data, "beschut_werkzaam"),
        national_placement_pct=_national(data, "beschut_plaatsing_pct"),
    )


def _candidates(data: Dataset) -> Candidates | None:
    row = data.candidates
    if row is None:
        return None
    return Candidates(
        quarter=row["kwartaal"],
        uwv=Share(int(row["profielen_uwv"]), percent(row["profielen_uwv"], row["doelgroep_uwv"])),
        municipal=Share(
            int(row["profielen_gemeente"]),
            percent(row["profielen_gemeente"], row["doelgroep_gemeente"]),
        ),
    )


def _assessments(data: Dataset) -> list[tuple[int, int, int, int]] | None:
    if data.assessments is None:
        return None
    return [
        (int(year), int(row["wajong_2015"]), int(row["banenafspraak"]), int(row["beschut_werk"]))
        for year, row in data.assessments.iterrows()
    ]
