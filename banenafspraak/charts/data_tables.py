"""The numbers behind each chart, as a table a screen reader can walk cell by cell.

A chart's alt text is short (what it shows and its latest value); the full series lives in a
DataTable, built here from the Figures object only. The PDFs print these tables in an appendix,
the web edition under each figure; both render them with the `datatabel` macro.
"""

from __future__ import annotations

from dataclasses import dataclass

from banenafspraak.figures.compute import Figures
from banenafspraak.figures.shapes import Split

CATEGORIES = (("wajong", "Wajong"), ("pwet", "Participatiewet"), ("wsw", "WSW/WIW-ID"))
TYPES = (("markt", "Markt"), ("overheid", "Overheid"), ("uitzend", "Uitzend/detachering"))


@dataclass(frozen=True)
class DataTable:
    caption: str  # Dutch, e.g. "Extra banen per kwartaal"
    row_header: str  # header of the first column, e.g. "Kwartaal"
    columns: tuple[str, ...]  # headers of the value columns
    rows: tuple[tuple[str, tuple[int | None, ...]], ...]  # row label, values
    percent: tuple[bool, ...]  # per column: values are whole percentages

    def __post_init__(self) -> None:
        if len(self.percent) != len(self.columns):
            raise ValueError(f"{self.caption}: one percent flag per column")
        for label, values in self.rows:
            if len(values) != len(self.columns):
                raise ValueError(f"{self.caption}: row {label} has the wrong number of values")


def _counts(
    caption: str, row_header: str, columns: tuple[str, ...], rows: list[tuple[str, tuple]]
) -> DataTable:
    """A table of counts only (no percentages)."""
    return DataTable(caption, row_header, columns, tuple(rows), (False,) * len(columns))


def _shares(caption: str, row_header: str, split: Split, labels: tuple) -> DataTable:
    """A split as rows of count and share, with the total last."""
    rows = [(label, (split.parts[key].count, split.parts[key].pct)) for key, label in labels]
    rows.append(("Totaal", (split.total, 100)))
    return DataTable(caption, row_header, ("Aantal", "Aandeel"), tuple(rows), (False, True))


# --- The kwartaalrapportage -------------------------------------------------------------


def extra_jobs(f: Figures) -> DataTable:
    jobs = f.jobs
    rows = [
        (point.quarter.label, (point.value, target.value))
        for point, target in zip(jobs.extra_series, jobs.target_series, strict=True)
    ]
    return _counts(
        "Extra banen sinds de nulmeting per kwartaal, met de doelstelling van het jaar",
        "Kwartaal",
        ("Extra banen", "Doelstelling"),
        rows,
    )


def year_label(f: Figures, year: int) -> str:
    """A year of Figure 2 as its chart, table and alt text name it: the period's year, when
    the period is not its last quarter, only up to the period ('2018 t/m Q3'), so that what
    it realised is never read as the whole year's."""
    if year == f.period.year and f.period.number < 4:
        return f"{year} t/m Q{f.period.number}"
    return str(year)


def yearly_targets(f: Figures) -> DataTable:
    rows = [(year_label(f, year), (target, real)) for year, target, real in f.jobs.yearly]
    return _counts(
        "Doelstelling en gerealiseerde extra banen per jaar",
        "Jaar",
        ("Doelstelling", "Gerealiseerd"),
        rows,
    )


def jobs_added(f: Figures) -> DataTable:
    jobs = f.jobs
    if not jobs.correction:
        rows = [(p.quarter.label, (p.value,)) for p in jobs.added_series]
        return _counts("Banengroei per kwartaal", "Kwartaal", ("Banengroei",), rows)
    last = len(jobs.added_series) - 1
    rows = [
        (p.quarter.label, (p.value, jobs.correction if index == last else None))
        for index, p in enumerate(jobs.added_series)
    ]
    return _counts(
        "Banengroei per kwartaal",
        "Kwartaal",
        ("Banengroei", "Waarvan eenmalige correctie"),
        rows,
    )


def jobs_by_type(f: Figures) -> DataTable:
    return _shares(f"Banen naar soort werkgever, {f.period.label}", "Soort", f.jobs.by_type, TYPES)


def register(f: Figures) -> DataTable:
    return _shares(
        f"Personen in het register naar doelgroep, {f.period.label}",
        "Doelgroep",
        f.target_group.categories,
        CATEGORIES,
    )


def categories_over_time(f: Figures) -> DataTable:
    rows = [(q.label, (a, b, c)) for q, a, b, c in f.target_group.category_series]
    return _counts(
        "Personen per doelgroep per kwartaal",
        "Kwartaal",
        tuple(label for _, label in CATEGORIES),
        rows,
    )


def working_shares(f: Figures) -> DataTable:
    group = f.target_group
    if group.national_working_pct is None:  # no national figures for the period
        return DataTable(
            f"Aandeel werkenden, {f.period.label}",
            "Groep",
            (f.region,),
            (
                ("Wajong", (group.working_wajong_pct,)),
                ("Participatiewet", (group.working_pwet_pct,)),
                ("Samen", (group.working_pct,)),
            ),
            (True,),
        )
    rows = (
        ("Wajong", (group.working_wajong_pct, group.national_working_wajong_pct, None)),
        ("Participatiewet", (group.working_pwet_pct, group.national_working_pwet_pct, None)),
        ("Samen", (group.working_pct, group.national_working_pct, group.best_region_pct)),
    )
    return DataTable(
        f"Aandeel werkenden, {f.period.label}",
        "Groep",
        (f.region, "Nederland", f"Beste regio ({group.best_region})"),
        rows,
        (True, True, True),
    )


def finders_and_losers(f: Figures) -> DataTable:
    rows = [(q.label, (found, lost)) for q, found, lost in f.flows.series]
    return _counts(
        "Werkvinders en werkverliezers per kwartaal",
        "Kwartaal",
        ("Werkvinders", "Werkverliezers"),
        rows,
    )


# --- The factsheet ----------------------------------------------------------------------


def needed_label(f: Figures) -> str:
    """What the hatched top of the factsheet's last bar stands for: while the year runs, the
    jobs still needed; after its last quarter, the difference that remained."""
    if f.period.number == 4:
        return f"Verschil met de doelstelling {f.jobs.target_year}"
    return f"Nog nodig voor de doelstelling {f.jobs.target_year}"


def jobs_per_quarter(f: Figures) -> DataTable:
    jobs = f.jobs
    columns = tuple(label for _, label in TYPES) + ("Totaal",)
    rows = [
        (q.label, (markt, overheid, uitzend, total.value))
        for (q, markt, overheid, uitzend), total in zip(
            jobs.by_type_series, jobs.count_series, strict=True
        )
    ]
    if jobs.still_needed > 0:
        last = len(rows) - 1
        columns += (needed_label(f),)
        rows = [
            (label, (*values, jobs.still_needed if i == last else None))
            for i, (label, values) in enumerate(rows)
        ]
    return _counts("Banen per kwartaal, naar soort werkgever", "Kwartaal", columns, rows)


def _per_category(caption: str, series: list, counts: list) -> DataTable:
    rows = [
        (q.label, (a, b, c, total.value))
        for (q, a, b, c), total in zip(series, counts, strict=True)
    ]
    columns = tuple(label for _, label in CATEGORIES) + ("Totaal",)
    return _counts(caption, "Kwartaal", columns, rows)


def persons_per_quarter(f: Figures) -> DataTable:
    group = f.target_group
    return _per_category(
        "Personen in het doelgroepregister per kwartaal, naar doelgroep",
        group.category_series,
        group.count_series,
    )


def working_per_quarter(f: Figures) -> DataTable:
    group = f.target_group
    return _per_category(
        "Werkzame personen per kwartaal, naar doelgroep",
        group.working_series,
        group.working_count_series,
    )


FLOW_GROUPS = (
    ("behoudt_werk", "Blijft, behoudt werk"),
    ("verliest_werk", "Blijft, verliest werk"),
    ("vindt_werk", "Blijft, vindt werk"),
    ("geen_werk", "Blijft, zonder werk"),
)


def flows(f: Figures) -> DataTable:
    """Persons per state. The outflow, the inflow and the register are known as working or not;
    the stayers' groups by target group (their group name says whether they work now)."""
    fl = f.flows.movement
    assert fl is not None, "made only when the period has flows"
    none3 = (None, None, None)
    rows: list[tuple[str, tuple]] = [
        (
            f"Register {f.previous.label}",
            (*none3, fl.working_before, fl.idle_before, fl.persons_before),
        ),
        ("Uitstroom", (*none3, fl.outflow_working, fl.outflow_idle, fl.outflow)),
    ]
    for key, label in FLOW_GROUPS:
        split = fl.groups[key]
        parts = tuple(split.parts[k].count for k in ("pwet", "wajong", "wsw"))
        rows.append((label, (*parts, None, None, split.total)))
    rows += [
        ("Instroom", (*none3, fl.inflow_working, fl.inflow_idle, fl.inflow)),
        (f"Register {f.period.label}", (*none3, fl.working_now, fl.idle_now, fl.persons_now)),
    ]
    return _counts(
        f"Stromen van personen tussen {f.previous.label} en {f.period.label}",
        "Groep",
        ("Pwet", "Wajong", "WSW", "Werkend", "Niet werkend", "Totaal"),
        rows,
    )
