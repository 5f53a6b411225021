"""Shared helpers: build the example once per session and read PDFs back."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pypdf
import pytest

from banenafspraak.figures.compute import Figures, compute
from banenafspraak.input import config, dataset
from banenafspraak.problems import Collector
from banenafspraak.run import cli

ROOT = Path(__file__).resolve().parent.parent


def pdf_text(path: Path) -> str:
    """All text of a PDF with whitespace folded, as a reader would copy it."""
    reader = pypdf.PdfReader(path)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def figure_alts(path: Path) -> list[str | None]:
    """The alt text of every Figure in the PDF's structure tree, in reading order."""
    root = pypdf.PdfReader(path).trailer["/Root"]
    found: list[str | None] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if not isinstance(node, dict):
            return
        if node.get("/S") == "/Figure":
            found.append(node.get("/Alt"))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(root["/StructTreeRoot"])
    return found


def workbook_only(config_path: Path) -> Path:
    """The project's data as one workbook (--maak-werkmap), its single files moved aside as
    the command asks, so that the build reads the workbook."""
    from banenafspraak.input import tables

    assert cli.main(["--config", str(config_path), "--maak-werkmap"]) == 0
    folder = config_path.parent / "data"
    aside = config_path.parent / "losse-bestanden"
    aside.mkdir()
    for path in tables.loose_files(folder):
        path.rename(aside / path.name)
    return folder / tables.WORKBOOK


def copy_project(target: Path) -> Path:
    """A copy of the config and data, so that a test can change them freely."""
    shutil.copy(ROOT / "config.yaml", target / "config.yaml")
    shutil.copytree(ROOT / "data", target / "data")
    return target / "config.yaml"


def plain_cell(column: str, text: str) -> tuple[object, str | None]:
    """A CSV cell as typed into Excel: whole numbers become numbers, the rest stays text."""
    return (int(text) if text.isdigit() else text), None


def to_xlsx(csv_path: Path, cell=plain_cell) -> Path:
    """The CSV (comment lines left out) as a workbook with one sheet named like the file;
    `cell(column, text)` gives each cell's value and number format. The CSV is removed."""
    from openpyxl import Workbook

    lines = csv_path.read_text(encoding="utf-8").splitlines()
    header, *body = csv.reader([line for line in lines if not line.startswith("#")], delimiter=";")
    book = Workbook()
    sheet = book.active
    sheet.title = csv_path.stem
    sheet.append(header)
    for number, row in enumerate(body, start=2):
        for index, (column, text) in enumerate(zip(header, row, strict=True), start=1):
            value, number_format = cell(column, text)
            written = sheet.cell(row=number, column=index, value=value)
            if number_format:
                written.number_format = number_format
    xlsx_path = csv_path.with_suffix(".xlsx")
    book.save(xlsx_path)
    csv_path.unlink()
    return xlsx_path


def build(config: Path, output: Path, *extra: str) -> int:
    return cli.main(["--config", str(config), "--uitvoer", str(output), *extra])


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built once from the project's own config.yaml and data/."""
    output = tmp_path_factory.mktemp("reports")
    assert build(ROOT / "config.yaml", output) == 0
    return output / "2018-Q4" / "gooi-en-vechtstreek"


def compute_figures(config_path: Path) -> Figures:
    """The figures of a config, asserting its data is clean."""
    settings = config.load(config_path)
    problems = Collector()
    data = dataset.load(settings, config_path.parent, str(config_path), problems)
    assert problems.problems == []
    return compute(data)


@pytest.fixture(scope="module")
def pdf(request: pytest.FixtureRequest, example: Path) -> Path:
    """The example PDF of the test module's DOCUMENT."""
    return example / f"{request.module.DOCUMENT}-gooi-en-vechtstreek-2018-Q4.pdf"


@pytest.fixture(scope="module")
def text(pdf: Path) -> str:
    return pdf_text(pdf)
