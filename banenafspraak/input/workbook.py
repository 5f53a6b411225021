"""One workbook for every table: `banenafspraak.xlsx` in the data folder, with one sheet per
table named like it (see `workbook_writer` for how `--maak-werkmap` makes it).

A folder holds either this workbook or the single files (<name>.csv, <name>.xlsx), never
both. Every problem in the workbook names its sheet and cell ("blad 'kwartaalcijfers',
cel C14"): the tables are read with the sheet as their file name, and `name_cells` turns a
row and a column into the cell once the checks are done.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from banenafspraak.input import files, sheets, tables
from banenafspraak.problems import Collector, Problem

SHEET = "blad"  # frame.attrs key: the sheet a table was read from


def path_in(folder: Path) -> Path | None:
    """The folder's workbook, if it has one."""
    path = folder / tables.WORKBOOK
    return path if path.exists() else None


def sheet_place(path: Path, sheet: str) -> str:
    """How problems name a sheet of the workbook: its file and the sheet."""
    return f"{path}, blad '{sheet}'"


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class SheetProblem(Problem):
    """A problem in a sheet of the workbook, named by cell ('cel C14') instead of line and
    field; `file`, `row` and `field` stay as they were, so a batch still finds its region."""

    place: str = ""

    def __str__(self) -> str:
        text = f"{self.place}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


def read_tables(path: Path, problems: Collector) -> dict[str, pd.DataFrame]:
    """Every table from its sheet; the folder's single files are not read. A sheet of an
    optional table may be missing or hold no rows."""
    loose = tables.loose_files(path.parent)
    if loose:
        problems.add(
            str(path),
            "naast de werkmap staan ook losse gegevensbestanden ("
            + ", ".join(found.name for found in loose)
            + "); de rapportbouwer leest de werkmap óf de losse bestanden",
            hint="verplaats de losse bestanden naar een andere map, of de werkmap",
        )
        return {}
    try:
        data = files.read_bytes(path)
    except files.Unreadable as error:
        problems.problems.append(error.problem)
        return {}
    book = sheets.Book.open(data, str(path), problems)
    if book is None:
        return {}
    found = {}
    layouts: dict[str, dict[str, int]] = {}  # every sheet read, also one with a bad header
    try:
        for table in tables.ALL:
            if table.optional and table.name not in book.sheetnames:
                continue
            place = sheet_place(path, table.name)
            raw = book.read(table.name, place, problems)
            if raw is None:
                continue
            layouts[place] = {column: index for index, column in enumerate(raw[0].columns)}
            if raw[0].empty:
                if not table.optional:
                    problems.add(place, "het werkblad bevat geen gegevens onder de kopregel")
                continue
            frame = tables.from_raw(raw, table, place, problems)
            if frame is not None:
                frame.attrs[SHEET] = table.name
                found[table.name] = frame
    finally:
        book.close()
    _name_cells(layouts, problems)
    return found


def name_cells(frames: dict[str, pd.DataFrame], problems: Collector) -> None:
    """Every problem and warning in a sheet of the workbook, named by its cell."""
    layouts = {
        str(frame[tables.FILE].iloc[0]): frame.attrs.get(tables.LAYOUT, {})
        for frame in frames.values()
        if frame.attrs.get(SHEET) and len(frame)
    }
    _name_cells(layouts, problems)


def _name_cells(layouts: dict[str, dict[str, int]], problems: Collector) -> None:
    if not layouts:
        return
    for found in (problems.problems, problems.warnings):
        found[:] = [_by_cell(problem, layouts) for problem in found]


def _by_cell(problem: Problem, layouts: dict[str, dict[str, int]]) -> Problem:
    if isinstance(problem, SheetProblem):
        return problem
    layout = layouts.get(problem.file)
    if layout is None:
        return problem
    column = layout.get(problem.field) if problem.field else None
    place = problem.file
    if problem.row is not None and column is not None:
        place += f", cel {column_letter(column)}{problem.row}"
    elif problem.row is not None:
        place += f", rij {problem.row}"
        if problem.field:
            place += f", kolom '{problem.field}'"
    elif problem.field:
        place += (
            f", kolom {column_letter(column)} ('{problem.field}')"
            if column is not None
            else f", kolom '{problem.field}'"
        )
    return SheetProblem(
        problem.file, problem.message, problem.row, problem.field, problem.hint, place=place
    )
