"""The record of the figures a build published, and reading the records of earlier quarters.

Every build writes beside its documents `cijfers-<regio>-<periode>.json` (and a `.csv` for
Excel): the values of that quarter's rows of the region-quarter tables (`tables.REGION_QUARTER`)
and the revisions its report named. A later build reads them back here as input, so that the
figures stage can name what UWV has revised since (`figures/revisions.py`). A record that is
missing, unreadable or not of this region is no record: there is then nothing to compare.

    {"regio": "...", "kwartaal": "2018-Q3",
     "tabellen": {"kwartaalcijfers": {"banen": 923, ...}, ...},
     "herzieningen": [{"kwartaal": "2018-Q2", "tabel": ..., "veld": ..., "oud": ..., "nieuw": ...}]}
"""

from __future__ import annotations

import json
import math
import numbers
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from banenafspraak.input import tables
from banenafspraak.quarters import Quarter

RECORD = "cijfers"  # the records' name, as a document's: cijfers-<regio>-<periode>.json
LARGEST = 1_000_000  # bytes; a record is a few kB, anything far larger is not one of ours

Value = int | Decimal | str
Values = dict[str, dict[str, Value]]  # table -> field -> value


@dataclass(frozen=True)
class Named:
    """A revision a report named: the figure of `quarter` went from `old` to `new`."""

    quarter: Quarter
    table: str
    field: str
    old: Value
    new: Value


@dataclass(frozen=True)
class Record:
    quarter: Quarter
    values: Values
    named: tuple[Named, ...] = ()


def value(cell: object) -> Value | None:
    """A cell as a record holds it: whole numbers as int, other numbers as the Decimal that a
    JSON number reads back as, dates as ISO text; None for an empty cell."""
    if cell is None or isinstance(cell, bool):
        return None
    if isinstance(cell, Decimal):
        if cell == cell.to_integral_value():
            return int(cell)
        return Decimal(repr(float(cell)))
    if isinstance(cell, numbers.Integral):  # also numpy's integers, as pandas keeps them
        return int(cell)
    if isinstance(cell, float):
        return None if math.isnan(cell) else value(Decimal(repr(float(cell))))  # numpy's too
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)


def record_path(output: Path, slug: str, quarter: Quarter, suffix: str = ".json") -> Path:
    """Where the record of a region (by its folder's slug) and quarter is."""
    return output / str(quarter) / slug / f"{RECORD}-{slug}-{quarter}{suffix}"


def earlier(output: Path, slug: str, region: str, period: Quarter) -> dict[Quarter, Record]:
    """The records of the quarters before `period` that the output folder holds for the region,
    by quarter; a missing, unreadable or foreign record is left out."""
    found: dict[Quarter, Record] = {}
    try:
        names = sorted(entry.name for entry in output.iterdir() if entry.is_dir())
    except OSError:
        return found
    for name in names:
        try:
            quarter = Quarter.parse(name)
        except ValueError:
            continue
        if quarter >= period or str(quarter) != name:
            continue
        record = read(record_path(output, slug, quarter), region, quarter)
        if record is not None:
            found[quarter] = record
    return found


def read(path: Path, region: str, quarter: Quarter) -> Record | None:
    """One record, or None when it is missing, broken or not the region's and quarter's."""
    try:
        if path.stat().st_size > LARGEST:
            return None
        content = json.loads(path.read_bytes().decode("utf-8"), parse_float=Decimal)
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(content, dict):
        return None
    if content.get("regio") != region or content.get("kwartaal") != str(quarter):
        return None
    values = _values(content.get("tabellen"))
    if values is None:
        return None
    return Record(quarter, values, tuple(_named(content.get("herzieningen"))))


def _values(found: object) -> Values | None:
    if not isinstance(found, dict):
        return None
    known = {table.name: set(tables.fields(table)) for table in tables.REGION_QUARTER}
    values: Values = {}
    for table, row in found.items():
        if table not in known or not isinstance(row, dict):
            continue
        kept = {field: cell for field, cell in row.items() if field in known[table]}
        values[table] = {field: cell for field, cell in kept.items() if _is_value(cell)}
    return values


def _named(found: object) -> list[Named]:
    named = []
    for item in found if isinstance(found, list) else []:
        if not isinstance(item, dict):
            continue
        try:
            quarter = Quarter.parse(item["kwartaal"])
            parts = (str(item["tabel"]), str(item["veld"]), item["oud"], item["nieuw"])
        except (KeyError, TypeError, ValueError):
            continue
        if _is_value(parts[2]) and _is_value(parts[3]):
            named.append(Named(quarter, *parts))
    return named


def _is_value(cell: object) -> bool:
    return isinstance(cell, int | Decimal | str) and not isinstance(cell, bool)
