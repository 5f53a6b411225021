"""Reading the data files: CSV with either separator, XLSX, several regions per file."""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import compute_figures, copy_project
from openpyxl import Workbook


def rows(path: Path, separator: str = ";") -> list[list[str]]:
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    return list(csv.reader(lines, delimiter=separator))


def to_xlsx(csv_path: Path) -> None:
    """What Excel makes of the file: numbers as numbers, '1.777' typed as text stays text."""
    book = Workbook()
    sheet = book.active
    sheet.title = csv_path.stem
    for row in rows(csv_path):
        sheet.append([int(cell) if cell.isdigit() else cell for cell in row])
    book.save(csv_path.with_suffix(".xlsx"))
    csv_path.unlink()


def test_xlsx_gives_the_same_figures(tmp_path: Path):
    config_path = copy_project(tmp_path)
    expected = compute_figures(config_path)
    for name in ("kwartaalcijfers", "stromen", "landelijk", "beschut_werk"):
        to_xlsx(tmp_path / "data" / f"{name}.csv")
    assert compute_figures(config_path) == expected


def test_comma_separated_csv_and_a_second_region(tmp_path: Path):
    config_path = copy_project(tmp_path)
    expected = compute_figures(config_path)
    path = tmp_path / "data" / "kwartaalcijfers.csv"
    table = rows(path)
    other = [["Twente", *row[1:]] for row in table[1:]]
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(table + other)  # comma-separated, "1.777" quoted as needed
    assert compute_figures(config_path) == expected
