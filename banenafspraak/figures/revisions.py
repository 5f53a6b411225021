"""What a build publishes of its quarter, and what UWV has revised since earlier builds.

The published values are the period's rows of the region-quarter tables (`tables.REGION_QUARTER`),
as `input/records.py` writes and reads them. A revision is a figure of an earlier quarter whose
value now differs from the last value published of it: the one in that quarter's record, or
the new value of a revision a later record already named (so that a revision is named once,
not again in every later report).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from banenafspraak.figures.field_labels import KINDS, label
from banenafspraak.input import records, tables
from banenafspraak.input.records import Record, Value, Values
from banenafspraak.quarters import Quarter

if TYPE_CHECKING:  # pandas is imported with the dataset; rendering never needs it
    from banenafspraak.input.dataset import Dataset


@dataclass(frozen=True)
class Revision:
    quarter: Quarter
    table: str
    field: str
    label: str  # 'het aantal banen'
    kind: str  # the cell kind (count, pct, date, text ...): how the value is written
    old: Value
    new: Value


def values(data: Dataset, quarter: Quarter) -> Values:
    """The values of one quarter's rows of the region-quarter tables, by table and field;
    a table without a row for the quarter is left out."""
    found: Values = {}
    for table in tables.REGION_QUARTER:
        frame = data.by_quarter.get(table.name)
        if frame is None or frame.empty or quarter not in frame.index:
            continue
        row = frame.loc[quarter]
        cells = {name: records.value(row[name]) for name in tables.fields(table)}
        found[table.name] = {name: cell for name, cell in cells.items() if cell is not None}
    return found


def compute(data: Dataset, earlier: dict[Quarter, Record]) -> tuple[Revision, ...]:
    """Every figure of an earlier quarter whose last published value differs from the data's,
    oldest quarter first, in the order of the tables and their columns."""
    published: dict[tuple[Quarter, str, str], Value] = {}
    for quarter in sorted(earlier):
        for table, row in earlier[quarter].values.items():
            for field, cell in row.items():
                published[(quarter, table, field)] = cell
    for quarter in sorted(earlier):  # a later record's named revision is published later
        for named in earlier[quarter].named:
            published[(named.quarter, named.table, named.field)] = named.new
    found = []
    for quarter in sorted({key[0] for key in published}):
        now = values(data, quarter)
        for table in tables.REGION_QUARTER:
            for field in tables.fields(table):
                old = published.get((quarter, table.name, field))
                new = now.get(table.name, {}).get(field)
                kind = KINDS[table.name][field]
                # Text (a correction's description) is the adviser's own wording, not UWV's.
                if kind == "text" or old is None or new is None or _same(old, new):
                    continue
                found.append(
                    Revision(quarter, table.name, field, label(table.name, field), kind, old, new)
                )
    return tuple(found)


def _same(old: Value, new: Value) -> bool:
    if isinstance(old, str) or isinstance(new, str):
        return str(old) == str(new)
    return old == new
