"""Reading the data files: CSV with either separator, XLSX, several regions per file."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

from conftest import ROOT, compute_figures, copy_project, plain_cell, to_xlsx
from openpyxl import load_workbook


def rows(path: Path, separator: str = ";") -> list[list[str]]:
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    return list(csv.reader(lines, delimiter=separator))


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


def as_excel_shows(column: str, cell: str) -> tuple[object, str | None]:
    """A cell as an adviser's workbook holds it: percentages as fractions in a percent-formatted
    cell, dates as bare serial numbers, counts as text with a non-breaking space."""
    if column.endswith("_pct") and cell:
        return float(cell.replace(",", ".")) / 100, "0%"
    if column == "adviezen_tot":
        return (date.fromisoformat(cell) - date(1899, 12, 30)).days, "General"
    if "." in cell and cell.replace(".", "").isdigit():
        return cell.replace(".", "\u00a0"), "@"  # text, as pasted from a web page
    return (int(cell) if cell.isdigit() else cell), None


def test_xlsx_cells_are_read_as_excel_shows_them(tmp_path: Path):
    config_path = copy_project(tmp_path)
    expected = compute_figures(config_path)
    for name in ("kwartaalcijfers", "landelijk", "beschut_werk", "stromen"):
        to_xlsx(tmp_path / "data" / f"{name}.csv", as_excel_shows)
    book = load_workbook(tmp_path / "data" / "landelijk.xlsx")
    assert book["landelijk"]["F3"].value == 0.43  # werkzaam_pct 2018-Q4, shown as 43%
    assert compute_figures(config_path) == expected


def test_excel_separator_line_and_tab_separated_text(tmp_path: Path):
    """Excel may write 'sep=;' above the header; cells pasted from Excel are tab-separated."""
    config_path = copy_project(tmp_path)
    expected = compute_figures(config_path)
    path = tmp_path / "data" / "kwartaalcijfers.csv"
    path.write_text("sep=;\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    national = tmp_path / "data" / "landelijk.csv"
    national.write_text(national.read_text(encoding="utf-8").replace(";", "\t"), encoding="utf-8")
    assert compute_figures(config_path) == expected


def test_an_unreadable_date_cell_is_named_in_dutch_only(tmp_path: Path):
    """A date cell holding a number no date can have: openpyxl warns in English and reads an
    error; the user sees only the Dutch problem with its place (a real process: pytest would
    catch the warning itself)."""
    config_path = copy_project(tmp_path)

    def impossible_date(column: str, text: str) -> tuple[object, str | None]:
        if column == "banen" and text == "962":
            return 5.9e16, "dd-mm-yyyy"
        return plain_cell(column, text)

    to_xlsx(tmp_path / "data" / "kwartaalcijfers.csv", impossible_date)
    command = [sys.executable, str(ROOT / "build.py"), "--config", str(config_path)]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 1
    assert "kwartaalcijfers.xlsx, regel 13, veld 'banen'" in done.stderr
    assert "Warning" not in done.stderr and "site-packages" not in done.stderr
