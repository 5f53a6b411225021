"""The data files: what columns each holds, and reading them from CSV or XLSX.

Every file is one table with a header row. A file may be CSV (comma or semicolon, UTF-8)
or XLSX (sheet named like the file). Lines starting with '#' above a CSV header are
comments. Instead of a file per table, the folder may hold the one workbook WORKBOOK with a
sheet per table (read by `workbook.py`).

Every table of figures takes the optional last column ILLUSTRATIVE, in which a row names
which of its figures are illustrative (invented for an example, not published by UWV):
empty for a published row, ALL_FIGURES, or the names of its columns separated by commas. A
file without the column holds published figures only. The typed frame holds each row's
illustrative columns as a frozenset (`figures/illustrative.py` reads it).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from banenafspraak.input import cells, files, sheets
from banenafspraak.problems import Collector, did_you_mean

if TYPE_CHECKING:  # imported where a table is read (see sheets.py)
    import pandas as pd

ILLUSTRATIVE = "illustratief"  # the optional column naming a row's illustrative figures
ALL_FIGURES = "alle"  # in ILLUSTRATIVE: every figure of the row
_MARKED = {ILLUSTRATIVE: "illustrative"}  # the column, as a table of figures lists it last


@dataclass(frozen=True)
class Table:
    name: str
    columns: dict[str, str]  # column name -> cell kind (cells.PARSERS; ILLUSTRATIVE its own)
    key: tuple[str, ...]
    optional: bool = False  # the whole file may be absent
    blank_allowed: tuple[str, ...] = ()  # columns whose cells may be empty


def _counts(*names: str) -> dict[str, str]:
    return {name: "count" for name in names}


def _groups(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}_{group}" for group in ("pwet", "wajong", "wsw"))


REASONS = (
    "geen_arbeidsvermogen",
    "vertrek_regio",
    "wsw_beschut",
    "aow",
    "overlijden",
    "beschut_werk",
    "overig",
)
STAYER_GROUPS = ("behoudt_werk", "verliest_werk", "geen_werk", "vindt_werk")

REGIONS = Table("regios", {"nummer": "count", "naam": "text"}, key=("naam",))
BASELINE = Table(
    "nulmeting",
    {"regio": "text", **_counts("banen", "personen", "werkzaam"), **_MARKED},
    key=("regio",),
)
TARGETS = Table(
    "doelstellingen",
    {
        "regio": "text",
        "reeks": "text",
        "jaar": "year",
        **_counts("markt", "overheid", "totaal"),
        **_MARKED,
    },
    key=("regio", "reeks", "jaar"),
)
QUARTERLY = Table(
    "kwartaalcijfers",
    {
        "regio": "text",
        "kwartaal": "quarter",
        **_counts("banen", "banen_markt", "banen_overheid", "banen_uitzend"),
        **_counts("personen", "personen_wajong", "personen_pwet", "personen_wsw"),
        **_counts("werkzaam", "werkzaam_wajong", "werkzaam_pwet", "werkzaam_wsw"),
        **_counts("praktijkroute", "werkvinders", "werkverliezers"),
        **_MARKED,
    },
    key=("regio", "kwartaal"),
)
CORRECTIONS = Table(
    "correcties",
    {
        "regio": "text",
        "kwartaal": "quarter",
        "banen": "signed",
        "omschrijving": "text",
        **_MARKED,
    },
    key=("regio", "kwartaal"),
    optional=True,
)
FLOWS = Table(
    "stromen",
    {
        "regio": "text",
        "kwartaal": "quarter",
        **_counts("uitstroom_werkend", "uitstroom_niet_werkend"),
        **_counts("instroom_werkend", "instroom_niet_werkend"),
        **_counts(*(name for group in STAYER_GROUPS for name in _groups(group))),
        **{f"reden_{reason}": "pct" for reason in REASONS},
        **_MARKED,
    },
    key=("regio", "kwartaal"),
)
NATIONAL = Table(
    "landelijk",
    {
        "kwartaal": "quarter",
        "doel_bereikt_pct": "ratio",
        "groei_nulmeting_pct": "ratio",
        "aandeel_overheid_pct": "pct",
        "aandeel_pwet_pct": "pct",
        "werkzaam_pct": "pct",
        "werkzaam_pwet_pct": "pct",
        "werkzaam_wajong_pct": "pct",
        "beste_regio": "text",
        "beste_regio_werkzaam_pct": "pct",
        "praktijkroute_koploper_1": "text",
        "praktijkroute_koploper_1_aantal": "count",
        "praktijkroute_koploper_2": "text",
        "praktijkroute_koploper_2_aantal": "count",
        "beschut_werkzaam": "count",
        "beschut_plaatsing_pct": "pct",
        **_MARKED,
    },
    key=("kwartaal",),
)
SHELTERED = Table(
    "beschut_werk",
    {
        "regio": "text",
        "kwartaal": "quarter",
        **_counts("taakstelling", "positieve_adviezen", "werkzaam"),
        "adviezen_tot": "date",
        **_counts("adviezen_positief", "adviezen_negatief", "adviezen_op_verzoek"),
        **_MARKED,
    },
    key=("regio", "kwartaal"),
    optional=True,
)
CANDIDATES = Table(
    "kandidatenverkenner",
    {
        "regio": "text",
        "kwartaal": "quarter",
        **_counts("profielen_uwv", "doelgroep_uwv", "profielen_gemeente", "doelgroep_gemeente"),
        **_MARKED,
    },
    key=("regio", "kwartaal"),
    optional=True,
)
ASSESSMENTS = Table(
    "arbeidsvermogen",
    {
        "regio": "text",
        "jaar": "year",
        **_counts("wajong_2015", "banenafspraak", "beschut_werk"),
        **_MARKED,
    },
    key=("regio", "jaar"),
    optional=True,
)

ALL = (
    REGIONS,
    BASELINE,
    TARGETS,
    QUARTERLY,
    CORRECTIONS,
    FLOWS,
    NATIONAL,
    SHELTERED,
    CANDIDATES,
    ASSESSMENTS,
)

# The tables with a row per region and quarter: what a build publishes of its quarter, and what
# UWV may revise later (see input/records.py and figures/revisions.py).
REGION_QUARTER = tuple(t for t in ALL if "regio" in t.columns and "kwartaal" in t.columns)


def fields(table: Table) -> list[str]:
    """A region-quarter table's figures: every column but the region, the quarter and
    ILLUSTRATIVE."""
    return [column for column in table.columns if column not in ("regio", "kwartaal", ILLUSTRATIVE)]


def figures(table: Table) -> list[str]:
    """The columns a row's ILLUSTRATIVE may name: every column but the key and ILLUSTRATIVE."""
    return [column for column in table.columns if column not in (*table.key, ILLUSTRATIVE)]


def illustrative_text(table: Table, names: frozenset[str]) -> str:
    """A row's illustrative columns as the ILLUSTRATIVE cell writes them: '' for none,
    ALL_FIGURES for every figure, else the names in the table's order."""
    if not names:
        return ""
    if names >= set(figures(table)):
        return ALL_FIGURES
    return ", ".join(column for column in figures(table) if column in names)


ROW = "_regel"  # the line (CSV) or row (XLSX) each record came from
FILE = "_bestand"
# The one workbook that may hold every table, one sheet each, instead of a file per table.
WORKBOOK = "banenafspraak.xlsx"
# frame.attrs key: each column's place in its sheet (0 is column A), to name a cell.
LAYOUT = "kolommen"
# frame.attrs key: the lines of rows whose figures are all still empty (--nieuw-kwartaal).
UNFILLED = "niet_ingevuld"


def loose_files(folder: Path) -> list[Path]:
    """The files of single tables (<name>.csv or <name>.xlsx) in `folder`."""
    paths = (folder / f"{table.name}.{ext}" for table in ALL for ext in ("csv", "xlsx"))
    return [path for path in paths if path.exists()]


def find(folder: Path, table: Table, problems: Collector) -> Path | None:
    """The file that holds `table`: the folder's workbook (a sheet named like the table),
    or else <name>.csv or <name>.xlsx in `folder`."""
    if (folder / WORKBOOK).exists():
        return folder / WORKBOOK
    found = [folder / f"{table.name}.{ext}" for ext in ("csv", "xlsx")]
    found = [path for path in found if path.exists()]
    if len(found) == 2:
        problems.add(
            str(found[0]),
            f"er staan twee versies van '{table.name}' in de map; "
            "laat alleen de .csv of alleen de .xlsx staan",
        )
        return None
    if not found:
        if not table.optional:
            problems.add(
                str(folder / f"{table.name}.csv"),
                "dit gegevensbestand ontbreekt (ook als .xlsx niet gevonden)",
            )
        return None
    return found[0]


def read(folder: Path, table: Table, problems: Collector) -> pd.DataFrame | None:
    """Read and type one table; every bad cell becomes a problem and a None."""
    path = find(folder, table, problems)
    if path is None:
        return None
    try:
        data = files.read_bytes(path)
    except files.Unreadable as error:
        problems.problems.append(error.problem)
        return None
    raw = (
        sheets.read_xlsx(data, path, table.name, problems)
        if path.suffix == ".xlsx"
        else _read_csv(data, path, problems)
    )
    if raw is None:
        return None
    return from_raw(raw, table, str(path), problems)


def read_files(folder: Path, problems: Collector) -> dict[str, pd.DataFrame]:
    """Every table from the folder's single files (CSV or XLSX), a missing optional one left
    out."""
    found = {}
    for table in ALL:
        frame = read(folder, table, problems)
        if frame is not None:
            found[table.name] = frame
    return found


def from_raw(raw: sheets.Raw, table: Table, name: str, problems: Collector) -> pd.DataFrame | None:
    """The rows of one file or sheet typed by `table`; `name` names it in problems. The
    frame's attrs[LAYOUT] gives each column's place in the file's header."""
    frame, lines = raw
    if frame.empty:
        problems.add(name, "het bestand bevat geen gegevensregels onder de kopregel")
        return None
    if not _check_header(frame, table, name, problems):
        return None
    given = frame
    if ILLUSTRATIVE in table.columns and ILLUSTRATIVE not in frame.columns:
        given = frame.assign(**{ILLUSTRATIVE: None})  # an older file: every figure published
    typed = _type_cells(given[list(table.columns)], table, name, lines, problems)
    _check_duplicates(typed, table, name, problems)
    typed.attrs[LAYOUT] = {column: index for index, column in enumerate(frame.columns)}
    typed.attrs[UNFILLED] = _unfilled(frame, table, lines)
    return typed


def _unfilled(frame: pd.DataFrame, table: Table, lines: list[int]) -> list[int]:
    """The lines of rows that give their key (region, quarter) but no figure yet."""
    given = [column for column in figures(table) if column in frame.columns]
    if "kwartaal" not in table.key or not given:
        return []
    return [
        line
        for line, (_, row) in zip(lines, frame.iterrows(), strict=True)
        if all(cells.is_empty(row[column]) for column in given)
    ]


def _read_csv(data: bytes, path: Path, problems: Collector) -> sheets.Raw | None:
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.add(
            str(path),
            "het bestand is niet in UTF-8 opgeslagen",
            row=line,
            hint="kies in Excel 'Opslaan als' > 'CSV UTF-8 (door komma's gescheiden)'",
        )
        return None
    lines = content.splitlines(keepends=True)
    hint = re.fullmatch(r"sep=(.)\s*", lines[0]) if lines else None  # Excel's "sep=;" line
    skip = 1 if hint else 0
    while skip < len(lines) and (lines[skip].startswith("#") or not lines[skip].strip()):
        skip += 1
    if skip == len(lines):
        problems.add(str(path), "het bestand is leeg: er is geen kopregel met kolomnamen")
        return None
    header = lines[skip]
    # Semicolon or comma as Excel saves it; a tab when the cells were pasted from Excel.
    separator = hint[1] if hint else max(";,\t", key=header.count)
    reader = csv.reader(lines[skip:], delimiter=separator)
    rows: list[tuple[int, list[str]]] = []  # the line each row starts on, and its cells
    line = skip + 1
    try:
        for row in reader:
            rows.append((line, row))
            line = skip + reader.line_num + 1  # a quoted cell may span lines
    except csv.Error:  # in practice: a quoted cell that runs on to the end of the file
        problems.add(str(path), "deze regel is niet te lezen", row=line, hint=sheets.UNCLOSED_QUOTE)
        return None
    return sheets.frame(str(path), rows, problems)


def _check_header(frame: pd.DataFrame, table: Table, name: str, problems: Collector) -> bool:
    present = list(frame.columns)
    unknown = [column for column in present if column not in table.columns and column]
    missing = [c for c in table.columns if c not in present and c != ILLUSTRATIVE]
    for column in missing:
        problems.add(
            name,
            f"de kolom '{column}' ontbreekt in de kopregel",
            field=column,
            hint=did_you_mean(column, unknown),
        )
    for column in unknown:
        if not did_you_mean(column, missing):
            problems.warn(name, f"de kolom '{column}' is onbekend en wordt overgeslagen")
    return not missing


def _type_cells(
    frame: pd.DataFrame, table: Table, name: str, lines: list[int], problems: Collector
) -> pd.DataFrame:
    records = []
    for line, (_, row) in zip(lines, frame.iterrows(), strict=True):
        record: dict[str, object] = {FILE: name, ROW: line}
        for column, kind in table.columns.items():
            value = row[column]
            if kind == "illustrative":
                record[column] = _illustrative(value, table, name, line, problems)
                continue
            if cells.is_empty(value):
                if column not in table.blank_allowed:
                    problems.add(name, cells.EMPTY_CELL, row=line, field=column)
                record[column] = None
                continue
            try:
                record[column] = cells.parse(kind, value)
            except ValueError as error:
                problems.add(name, str(error), row=line, field=column)
                record[column] = None
                continue
            number = record[column]
            if kind in ("pct", "ratio") and cells.looks_like_fraction(number):
                problems.warn(
                    name,
                    f"{_decimal(number)} procent lijkt een breuk; bedoelt u "
                    f"{_decimal(number * 100)} procent? Zo komt er 0 of 1 procent in de "
                    "documenten",
                    row=line,
                    field=column,
                )
        records.append(record)
    import pandas as pd

    return pd.DataFrame.from_records(records, columns=[FILE, ROW, *table.columns])


def _illustrative(
    value: object, table: Table, name: str, line: int, problems: Collector
) -> frozenset[str]:
    """The columns an ILLUSTRATIVE cell names; each name that is not a column of figures of
    the table is a problem."""
    if cells.is_empty(value):
        return frozenset()
    try:
        text = cells.parse("text", value)
    except ValueError as error:
        problems.add(name, str(error), row=line, field=ILLUSTRATIVE)
        return frozenset()
    known = figures(table)
    found = set()
    for word in (word for word in re.split(r"[,;\s]+", str(text)) if word):
        if word.lower() == ALL_FIGURES:
            found.update(known)
        elif word in known:
            found.add(word)
        else:
            problems.add(
                name,
                f"'{word}' in de kolom '{ILLUSTRATIVE}' is geen kolom met cijfers van "
                f"'{table.name}'",
                row=line,
                field=ILLUSTRATIVE,
                hint=did_you_mean(word, [ALL_FIGURES, *known])
                or f"schrijf '{ALL_FIGURES}' of de namen van de kolommen met illustratieve "
                "cijfers, gescheiden door komma's",
            )
    return frozenset(found)


def _decimal(number: Decimal) -> str:
    """0.430 -> '0,43' (for messages)."""
    text = f"{number:f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text).replace(".", ",")


def _check_duplicates(frame: pd.DataFrame, table: Table, name: str, problems: Collector) -> None:
    keys = frame[list(table.key)]
    complete = keys.notna().all(axis=1)
    seen: dict[tuple, int] = {}
    for (_, key_row), line, ok in zip(keys.iterrows(), frame[ROW], complete, strict=True):
        if not ok:
            continue
        key = tuple(str(value) for value in key_row)
        if key in seen:
            problems.add(
                name,
                f"{' / '.join(key)} staat er twee keer in (ook op regel {seen[key]})",
                row=int(line),
            )
        else:
            seen[key] = int(line)
