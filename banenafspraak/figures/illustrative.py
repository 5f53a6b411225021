"""Which illustrative values each document of a period draws on, computed once.

A data row names its illustrative figures (invented for an example, not published by UWV) in
its column `illustratief` (`input/tables.py`). The documents of a period use only some rows
and columns: the period, the quarters its comparisons reach back to, the quarters its charts
and tables show, the targets of the years drawn, and so on. `uses` says which cells the
modules of this folder read (jobs, target_group, praktijkroute, flows, instruments,
revisions) and which fields of `Figures` each feeds; `READS` says which fields each document
reads. Where a value a document uses is illustrative, the document says so on every page and
lists it in its sources part, as `illustrative_wording.py` phrases it: a template only prints.

`tests/test_illustrative.py` keeps both true: every cell whose change changes a field of
Figures is a use that feeds that field, and the factsheet and the agendavoorstel render with
every field outside their READS made unreadable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from banenafspraak.figures import lookup, praktijkroute
from banenafspraak.figures.illustrative_wording import Cells, Key, items, topics
from banenafspraak.figures.revisions import Revision
from banenafspraak.input import tables
from banenafspraak.input.history import CHART_QUARTERS, FLOW_CHART_QUARTERS, TABLE_QUARTERS
from banenafspraak.quarters import Quarter, year_end

if TYPE_CHECKING:  # pandas is imported with the dataset; rendering never needs it
    from banenafspraak.input.dataset import Dataset


@dataclass(frozen=True)
class Listed:
    """What one document says of the illustrative values it uses."""

    used: bool  # any value the document uses is illustrative
    # Dutch, one per group of figures, in the order of the data: 'banen naar soort
    # werkgever, 2016 Q3 tot en met 2018 Q4' (illustrative_wording.py).
    items: tuple[str, ...]
    topics: tuple[str, ...] = ()  # the same without their quarters ('banen', ...)


@dataclass(frozen=True)
class Illustrative:
    """What the documents of a period say about the illustrative values they use."""

    documents: dict[str, Listed]  # by document name (input/config.py DOCUMENTS)
    used: bool  # any document uses an illustrative value (the web edition's index says so)
    # The period's own illustrative figures by region-quarter table, in the table's column
    # order, as the record of the published figures marks them (render/records.py).
    published: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Use:
    """The figures read these columns of a table's rows with these keys, and what they feed:
    fields of Figures as 'part.field' ('part.*': any field of the part; a part that is a list
    by its name)."""

    table: str
    fields: tuple[str, ...]
    keys: tuple[Key, ...]
    feeds: tuple[str, ...]


# The fields of Figures each document reads, as 'part.field'; a part alone ('sheltered'):
# only whether it is there. The kwartaalrapportage reads them all (None).
# tests/test_illustrative.py renders the other two with every other field made unreadable,
# so that a sentence that starts to use another figure cannot leave it unmarked.
_FACTSHEET_AND_AGENDA = {
    "jobs": (
        "correction",
        "correction_text",
        "extra",
        "national_target_pct",
        "organic_change",
        "quarter_change",
        "target",
        "target_gap",
        "target_pct",
        "target_year",
    ),
    "target_group": ("national_working_pct", "now", "working_now", "working_pct"),
    "flows": ("finders", "losers"),
}
READS: dict[str, frozenset[str] | None] = {
    "kwartaalrapportage": None,
    "factsheet": frozenset(
        [f"{part}.{field}" for part, fields in _FACTSHEET_AND_AGENDA.items() for field in fields]
        + [
            *("jobs.by_type", "jobs.by_type_series", "jobs.comparisons", "jobs.count_series"),
            *("jobs.now", "jobs.still_needed", "jobs.target_level"),
            *("target_group.category_series", "target_group.comparisons"),
            *("target_group.count_series", "target_group.working_comparisons"),
            *("target_group.working_count_series", "target_group.working_series"),
            *("flows.movement", "flows.steps", "flows.steps_together", "sheltered"),
            *("target_group.since_baseline", "target_group.reassessment_over"),
        ]
    ),
    "agendavoorstel": frozenset(
        [f"{part}.{field}" for part, fields in _FACTSHEET_AND_AGENDA.items() for field in fields]
        + [
            *("jobs.growth_last_year_to_date", "jobs.growth_pct", "jobs.growth_this_year"),
            *("jobs.average_since_baseline", "jobs.last_year_span"),
            *("jobs.national_growth_pct", "target_group.year_change", "flows.steps"),
            "flows.steps_together",
            *("sheltered", "sheltered.working", "sheltered.target", "sheltered.placement_pct"),
        ]
    ),
}


def _jobs(*fields: str) -> tuple[str, ...]:
    return tuple(f"jobs.{field}" for field in fields)


def _group(*fields: str) -> tuple[str, ...]:
    return tuple(f"target_group.{field}" for field in fields)


def uses(data: Dataset, revised: Iterable[Revision] = ()) -> list[Use]:
    """Every cell the figures of the period read, by table, columns and rows, with the
    fields of Figures it feeds. A cell may be read for several of them: one Use each."""
    period, year = data.period, data.period.year
    previous, year_ago = period.previous, period.shift(-4)
    end_1, end_2 = year_end(year - 1), year_end(year - 2)
    chart = tuple(lookup.quarters(data, CHART_QUARTERS))
    table = tuple(lookup.quarters(data, TABLE_QUARTERS))
    flow_chart = tuple(lookup.quarters(data, FLOW_CHART_QUARTERS))
    both = ("wajong", "pwet")  # the table of the working leaves out WSW
    found = [
        *_job_uses(data, chart),
        # target_group.py; the flow of persons (flows.py) ends at both quarters' register.
        Use("nulmeting", ("personen",), (None,), _group("comparisons")),
        Use("nulmeting", ("werkzaam",), (None,), _group("working_comparisons")),
        Use(
            "kwartaalcijfers",
            ("personen",),
            (period,),
            (*_group("now", "quarter_change", "year_change", "categories", "comparisons"),),
        ),
        Use("kwartaalcijfers", ("personen",), (previous,), _group("quarter_change", "comparisons")),
        Use("kwartaalcijfers", ("personen",), (year_ago,), _group("year_change", "comparisons")),
        Use("kwartaalcijfers", ("personen", "werkzaam"), (period, previous), ("flows.movement",)),
        Use("kwartaalcijfers", ("personen",), chart, _group("count_series")),
        Use("kwartaalcijfers", ("werkzaam",), (period,), _group("working_now")),
        Use(
            "kwartaalcijfers",
            ("werkzaam",),
            (period, previous, year_ago),
            _group("working_comparisons"),
        ),
        Use("kwartaalcijfers", ("werkzaam",), chart, _group("working_count_series")),
        Use("kwartaalcijfers", _columns("personen"), (period,), _group("categories")),
        Use("kwartaalcijfers", _columns("personen"), chart, _group("category_series")),
        Use("kwartaalcijfers", _columns("werkzaam"), chart, _group("working_series")),
        Use(
            "kwartaalcijfers",
            (*_columns("personen", both), *_columns("werkzaam", both)),
            table,
            _group("working_table"),
        ),
        Use(
            "kwartaalcijfers",
            (*_columns("personen", both), *_columns("werkzaam", both)),
            (period,),
            _group("working_pct", "working_wajong_pct", "working_pwet_pct"),
        ),
        Use(
            "kwartaalcijfers",
            ("personen_pwet",),
            (period, end_1, end_2),
            _group("pwet_growth_this_year", "pwet_growth_last_year", "pwet_growth_change_pct"),
        ),
        Use(
            "kwartaalcijfers",
            ("personen_pwet",),
            (end_2, year_ago),
            _group("pwet_growth_last_year_to_date"),
        ),
        Use(
            "kwartaalcijfers",
            ("personen_wajong",),
            (period, end_1),
            _group("wajong_change_this_year", "wajong_nearly_same"),
        ),
        Use("nulmeting", ("personen",), (None,), _group("since_baseline")),
        Use("kwartaalcijfers", ("personen",), (period,), _group("since_baseline")),
        Use("kwartaalcijfers", ("personen_wsw", "werkzaam_wsw"), (period,), _group("working_wsw")),
        # praktijkroute.py: this year so far, and last year when all of it is known.
        Use(
            "kwartaalcijfers",
            ("praktijkroute",),
            praktijkroute.quarters_read(data),
            (
                "praktijkroute.table",
                "praktijkroute.this_year",
                "praktijkroute.last_year",
                "praktijkroute.fewer_with_lower_growth",
            ),
        ),
        # ... and the jobs growth it is set beside, this year and the same part of last year.
        Use(
            "kwartaalcijfers",
            ("banen",),
            (period, end_1, end_2, year_ago),
            ("praktijkroute.fewer_with_lower_growth",),
        ),
        # flows.py: the chart of werkvinders and werkverliezers, this and the previous quarter.
        Use(
            "kwartaalcijfers",
            ("werkvinders",),
            flow_chart,
            ("flows.series", "flows.finders_trend", "flows.net_year_ago"),
        ),
        Use(
            "kwartaalcijfers",
            ("werkverliezers",),
            flow_chart,
            ("flows.series", "flows.losers_trend", "flows.net_year_ago"),
        ),
        Use(
            "kwartaalcijfers",
            ("werkvinders", "werkverliezers"),
            (period,),
            ("flows.finders", "flows.losers", "flows.net"),
        ),
        Use(
            "kwartaalcijfers",
            ("werkvinders", "werkverliezers"),
            (previous,),
            ("flows.finders_previous", "flows.losers_previous"),
        ),
        Use(
            "kwartaalcijfers",
            ("werkvinders", "werkverliezers"),
            (period, previous),
            ("flows.steps", "flows.steps_together"),
        ),
        Use("stromen", tuple(tables.fields(tables.FLOWS)), (period,), ("flows.movement",)),
        *_national_uses(data),
        Use(
            "kandidatenverkenner",
            tuple(tables.fields(tables.CANDIDATES)),
            () if data.candidates is None else (data.candidates["kwartaal"],),
            ("candidates.*",),
        ),
        Use(
            "arbeidsvermogen",
            ("wajong_2015", "banenafspraak", "beschut_werk"),
            () if data.assessments is None else tuple(int(y) for y in data.assessments.index),
            ("assessments",),
        ),
    ]
    if period in data.sheltered.index:  # instruments.py: section 5 needs the period's row
        found += [
            Use(
                "beschut_werk",
                ("taakstelling", "werkzaam"),
                (period,),
                (
                    "sheltered.target",
                    "sheltered.working",
                    "sheltered.target_pct",
                    "sheltered.placement_pct",
                    "sheltered.working_change",
                ),
            ),
            Use(
                "beschut_werk",
                (
                    "adviezen_tot",
                    "adviezen_positief",
                    "adviezen_negatief",
                    "adviezen_op_verzoek",
                ),
                # instruments.py leaves out advices dated after the report itself
                (period,) if data.advices_in_time() else (),
                ("sheltered.advices",),
            ),
            Use("beschut_werk", ("positieve_adviezen",), (previous,), _lagged),
            Use("beschut_werk", ("werkzaam",), (previous,), ("sheltered.working_change",)),
        ]
    # revisions.py: a revised figure of an earlier quarter is named with its new value.
    found += [Use(r.table, (r.field,), (r.quarter,), ("revisions",)) for r in revised]
    return found


_lagged = ("sheltered.positive_lagged", "sheltered.placement_pct")


def _columns(prefix: str, categories: Iterable[str] = ("wajong", "pwet", "wsw")) -> tuple[str, ...]:
    return tuple(f"{prefix}_{category}" for category in categories)


def _job_uses(data: Dataset, chart: tuple[Quarter, ...]) -> list[Use]:
    """jobs.py: the count now, the comparisons and year-ends, the charts (the jobs added per
    quarter need each quarter's previous one), the targets and the correction."""
    period, year = data.period, data.period.year
    end_1, end_2 = year_end(year - 1), year_end(year - 2)
    years = [int(y) for y in data.targets.index]
    shown = tuple(y for y in years if y < year and lookup.known(data, year_end(y)))
    kinds = ("banen_markt", "banen_overheid", "banen_uitzend")
    return [
        Use("nulmeting", ("banen",), (None,), ("jobs.*",)),
        Use("kwartaalcijfers", ("banen",), (period,), ("jobs.*",)),
        Use(
            "kwartaalcijfers",
            ("banen",),
            (period.previous,),
            _jobs("previous", "quarter_change", "organic_change", "comparisons"),
        ),
        Use("kwartaalcijfers", ("banen",), (period.shift(-4),), _jobs("year_ago", "comparisons")),
        Use(
            "kwartaalcijfers",
            ("banen",),
            (end_1, end_2),
            _jobs(
                "growth_this_year",
                "growth_last_year",
                "growth_vs_indicated",
                "history",
                "last_year_span",
            ),
        ),
        Use(
            "kwartaalcijfers",
            ("banen",),
            (end_2, period.shift(-4)),
            _jobs("growth_last_year_to_date"),
        ),
        Use(
            "kwartaalcijfers",
            ("banen",),
            (end_1,),
            _jobs("needed_this_year", "shortfall_last_year"),
        ),
        Use(
            "kwartaalcijfers",
            ("banen",),
            chart,
            _jobs("extra_series", "count_series", "added_series"),
        ),
        Use(
            "kwartaalcijfers",
            ("banen",),
            tuple(quarter.previous for quarter in chart),
            _jobs("added_series"),
        ),
        Use("kwartaalcijfers", ("banen",), tuple(year_end(y) for y in shown), _jobs("yearly")),
        Use("kwartaalcijfers", kinds, (period,), _jobs("by_type")),
        Use("kwartaalcijfers", kinds, chart, _jobs("by_type_series")),
        Use("doelstellingen", ("totaal",), (year,), ("jobs.*",)),
        Use(
            "doelstellingen",
            ("totaal",),
            (year - 1,),
            _jobs(
                "target_previous",
                "target_growth",
                "growth_vs_indicated",
                "yearly",
                "shortfall_last_year",
            ),
        ),
        Use(
            "doelstellingen",
            ("totaal",),
            (year + 1,),
            _jobs("target_next", "needed_for_next", "yearly"),
        ),
        Use(
            "doelstellingen",
            ("totaal",),
            tuple(sorted({q.year for q in chart})),
            _jobs("target_series", "extra_series"),
        ),
        Use("doelstellingen", ("totaal",), shown, _jobs("yearly")),
        Use(
            "correcties",
            ("banen", "omschrijving"),
            (period,),
            _jobs("correction", "correction_text", "organic_change"),
        ),
    ]


def _national_uses(data: Dataset) -> list[Use]:
    """The national figures of the period each part compares with; those of beschut werk
    only when section 5 is written."""
    period = data.period
    pairs = [
        ("doel_bereikt_pct", "jobs.national_target_pct"),
        ("groei_nulmeting_pct", "jobs.national_growth_pct"),
        ("aandeel_overheid_pct", "jobs.national_government_pct"),
        ("aandeel_pwet_pct", "target_group.national_pwet_pct"),
        ("werkzaam_pct", "target_group.national_working_pct"),
        ("werkzaam_pwet_pct", "target_group.national_working_pwet_pct"),
        ("werkzaam_wajong_pct", "target_group.national_working_wajong_pct"),
        ("beste_regio", "target_group.best_region"),
        ("beste_regio_werkzaam_pct", "target_group.best_region_pct"),
        *(
            (f"praktijkroute_koploper_{n}{part}", "praktijkroute.leaders")
            for n in (1, 2)
            for part in ("", "_aantal")
        ),
    ]
    if period in data.sheltered.index:
        pairs += [
            ("beschut_werkzaam", "sheltered.national_working"),
            ("beschut_plaatsing_pct", "sheltered.national_placement_pct"),
        ]
    return [Use("landelijk", (field,), (period,), (feeds,)) for field, feeds in pairs]


def reads(document: str, feeds: Iterable[str]) -> bool:
    """Whether the document reads any of the fields of Figures a Use feeds."""
    read = READS[document]
    if read is None:
        return True
    for feed in feeds:
        if feed.endswith(".*"):
            if any(path.startswith(feed[:-1]) for path in read):
                return True
        elif feed in read:
            return True
    return False


def _marked(data: Dataset, table: str, key: Key) -> frozenset[str] | None:
    """The illustrative columns of a table's row of the region with `key`; None when the
    data has no such row."""
    if table == "nulmeting":
        row = data.baseline
    elif table == "landelijk":
        row = data.national if key == data.period else None
    elif (
        table == "kandidatenverkenner"
        and data.candidates is not None
        and (key == data.candidates["kwartaal"])
    ):
        row = data.candidates  # the latest known before publication: maybe after the period
    else:
        rows = {"doelstellingen": data.targets, "arbeidsvermogen": data.assessments}.get(
            table, data.by_quarter.get(table)
        )
        row = rows.loc[key] if rows is not None and key in rows.index else None
    return None if row is None else frozenset(row.get(tables.ILLUSTRATIVE) or ())


def compute(data: Dataset, revised: Iterable[Revision] = ()) -> Illustrative:
    """The illustrative values each document of the period uses, as the list it prints."""
    found = uses(data, revised)
    documents = {}
    for document in READS:
        cells: Cells = {}
        for use in found:
            if not reads(document, use.feeds):
                continue
            for key in use.keys:
                marked = _marked(data, use.table, key)
                if marked is None:
                    continue
                read, illustrative = cells.setdefault((use.table, key), (set(), set()))
                read.update(use.fields)
                illustrative.update(marked & set(use.fields))
        listed = items(cells)
        documents[document] = Listed(used=bool(listed), items=listed, topics=topics(cells))
    return Illustrative(
        documents=documents,
        used=any(listed.used for listed in documents.values()),
        published=_published(data),
    )


def _published(data: Dataset) -> dict[str, tuple[str, ...]]:
    """The period's illustrative figures per region-quarter table, for its record."""
    found = {}
    for table in tables.REGION_QUARTER:
        frame = data.by_quarter.get(table.name)
        if frame is None or frame.empty or data.period not in frame.index:
            continue
        marked = frame.loc[data.period, tables.ILLUSTRATIVE] or frozenset()
        found[table.name] = tuple(field for field in tables.fields(table) if field in marked)
    return found
