"""From rows of cells (a CSV's lines, an Excel sheet's rows) to one frame of text and values,
keeping the line each row came from.

An Excel cell is read as Excel shows it: a number formatted as a percentage (0.43 shown as
43%) becomes a cells.Percent, which a percentage column reads as 43 and any other column
refuses, and a formula whose result was never saved is told apart from an empty cell.
"""

from __future__ import annotations

import io
import warnings
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from banenafspraak.input import cells
from banenafspraak.problems import Collector, did_you_mean

if TYPE_CHECKING:
    import pandas as pd

# pandas is imported where a sheet is read, not with this module: the figures and the
# renderers import the tables' names through `tables` and never read a sheet.

UNCLOSED_QUOTE = (
    'hier begint een aanhalingsteken (") dat niet wordt gesloten; alles erna is als één cel gelezen'
)
Raw = tuple["pd.DataFrame", list[int]]  # the rows as cells, and the line each came from
Row = tuple[int, list[object]]


def frame(name: str, rows: list[Row], problems: Collector, pad: bool = False) -> Raw | None:
    """The first row names the columns; rows with every cell empty are left out. A row with
    more or fewer cells than the header is a problem, unless `pad` (Excel leaves out empty
    cells at a row's end) or the extra cells are empty (a separator too many at the end)."""
    import pandas as pd

    if not rows:
        return pd.DataFrame(), []
    header_line, header = rows[0]
    columns = [str(cell).strip() if cell is not None else "" for cell in header]
    while columns and not columns[-1]:
        columns.pop()
    doubled = sorted({column for column in columns if column and columns.count(column) > 1})
    for column in doubled:
        problems.add(name, f"de kolom '{column}' staat twee keer in de kopregel", row=header_line)
    if doubled:
        return None
    kept: list[list[object]] = []
    lines: list[int] = []
    for line, row in rows[1:]:
        if all(cells.is_empty(cell) for cell in row):
            continue
        extra = row[len(columns) :]
        if (len(row) < len(columns) and not pad) or not all(cells.is_empty(c) for c in extra):
            problems.add(
                name,
                f"deze regel heeft {len(row)} velden, de kopregel {len(columns)}",
                row=line,
                hint=UNCLOSED_QUOTE
                if any("\n" in str(cell) for cell in row)
                else "staat er een scheidingsteken te veel of te weinig, of een getal met een "
                "komma zonder aanhalingstekens?",
            )
            continue
        kept.append(list(row[: len(columns)]) + [None] * (len(columns) - len(row)))
        lines.append(line)
    return pd.DataFrame(kept, columns=columns, dtype=object), lines


def read_xlsx(data: bytes, path: Path, sheet: str, problems: Collector) -> Raw | None:
    """The named sheet of a workbook, each cell as Excel shows it."""
    book = Book.open(data, str(path), problems)
    if book is None:
        return None
    try:
        return book.read(sheet, str(path), problems)
    finally:
        book.close()


class Book:
    """A workbook opened twice, once for what each cell shows and once for its formulas, so
    that several sheets can be read from one opening."""

    def __init__(self, name: str, shown, formulas):
        self.name = name
        self.shown = shown
        self.formulas = formulas

    @classmethod
    def open(cls, data: bytes, name: str, problems: Collector) -> Book | None:
        from openpyxl import load_workbook  # only XLSX input needs it

        # openpyxl warns in English about what it cannot read (a date cell holding a number
        # no date can have); the checks name such a cell in Dutch, so its warnings are not
        # shown.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                shown = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
                formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            except Exception as error:  # openpyxl raises many kinds for a broken workbook
                problems.add(name, f"het Excel-bestand kan niet worden gelezen ({error})")
                return None
        return cls(name, shown, formulas)

    @property
    def sheetnames(self) -> list[str]:
        return list(self.shown.sheetnames)

    def read(self, sheet: str, place: str, problems: Collector) -> Raw | None:
        """The sheet's rows from its header on; `place` names the sheet in problems."""
        if sheet not in self.shown.sheetnames:
            problems.add(
                self.name,
                f"het werkblad '{sheet}' ontbreekt; gevonden: "
                + ", ".join(f"'{found}'" for found in self.shown.sheetnames),
                hint=did_you_mean(sheet, self.sheetnames),
            )
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                rows = _rows(self.shown[sheet], self.formulas[sheet])
            except Exception as error:  # a sheet that lies about its size or styles
                problems.add(self.name, f"het werkblad '{sheet}' kan niet worden gelezen ({error})")
                return None
        start = next((i for i, (_, row) in enumerate(rows) if _is_header(row)), len(rows))
        return frame(place, rows[start:], problems, pad=True)

    def close(self) -> None:
        self.shown.close()
        self.formulas.close()


def _rows(shown, formulas) -> list[Row]:
    # A sheet may claim a size up to XFD1048576 (formatted whole columns); read only the cells
    # it really holds, or every row would be padded to 16.384 empty cells.
    shown.reset_dimensions()
    formulas.reset_dimensions()
    rows = []
    for number, (values, sources) in enumerate(
        zip(shown.iter_rows(), formulas.iter_rows(), strict=False), start=1
    ):
        rows.append(
            (number, [_cell(value, source) for value, source in zip(values, sources, strict=False)])
        )
    return rows


def _is_header(row: list[object]) -> bool:
    first = row[0] if row else None
    return not cells.is_empty(first) and not str(first).startswith("#")


def _cell(shown, source) -> object:
    value = getattr(shown, "value", None)
    formula = getattr(source, "value", None)
    if value is None and isinstance(formula, str) and formula.startswith("="):
        return cells.Uncalculated(formula)
    number_format = getattr(shown, "number_format", None) or ""
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        return cells.Percent(Decimal(repr(value)), number_format)  # Excel shows 0.43 as 43%
    return value
