"""The record of the figures a build published (cijfers-….json and .csv), and the revisions a
later build names when UWV changed a figure that was already published."""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import build, copy_project, pdf_text

from banenafspraak import formatting
from banenafspraak.figures.field_labels import LABELS
from banenafspraak.input import tables

SLUG = "gooi-en-vechtstreek"
REGION = "Gooi en Vechtstreek"
HEADING = "Herziene cijfers"


def folder(output: Path, quarter: str) -> Path:
    return output / quarter / SLUG


def record(output: Path, quarter: str, suffix: str = ".json") -> Path:
    return folder(output, quarter) / f"cijfers-{SLUG}-{quarter}{suffix}"


def report_text(output: Path, quarter: str) -> str:
    return pdf_text(folder(output, quarter) / f"kwartaalrapportage-{SLUG}-{quarter}.pdf")


def page_text(output: Path, quarter: str) -> str:
    """The web page's text, tags left out and whitespace folded."""
    page = (folder(output, quarter) / f"kwartaalrapportage-{SLUG}-{quarter}.html").read_text(
        encoding="utf-8"
    )
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def change_row(config: Path, quarter: str, old: str, new: str) -> None:
    """Replace the start of the region's row of `quarter` in kwartaalcijfers.csv."""
    path = config.parent / "data" / "kwartaalcijfers.csv"
    text = path.read_text(encoding="utf-8")
    start = f"\n{REGION};{quarter};{old};"
    assert text.count(start) == 1
    path.write_text(text.replace(start, f"\n{REGION};{quarter};{new};"), encoding="utf-8")


@pytest.fixture(scope="module")
def third(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The project copied, and an output folder holding its build of 2018-Q3."""
    base = tmp_path_factory.mktemp("revisions")
    config = copy_project(base)
    output = base / "reports"
    assert build(config, output, "--periode", "2018-Q3") == 0
    return config, output


@pytest.fixture()
def project(third: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A fresh copy of the project and of the 2018-Q3 build, for a test to change."""
    config, output = third
    shutil.copytree(config.parent / "data", tmp_path / "data")
    shutil.copy(config, tmp_path / "config.yaml")
    shutil.copytree(output, tmp_path / "reports")
    return tmp_path / "config.yaml", tmp_path / "reports"


def test_every_figure_of_a_region_quarter_table_has_a_dutch_label():
    assert [table.name for table in tables.REGION_QUARTER] == [
        "kwartaalcijfers",
        "correcties",
        "stromen",
        "beschut_werk",
        "kandidatenverkenner",
    ]
    for table in tables.REGION_QUARTER:
        assert list(LABELS[table.name]) == tables.fields(table)
        for label in LABELS[table.name].values():
            assert label.startswith(("het ", "de ")), label


def _data_row(config: Path, table: str, quarter: str) -> dict[str, str] | None:
    lines = (config.parent / "data" / f"{table}.csv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader([line for line in lines if not line.startswith("#")], delimiter=";")
    found = [row for row in rows if row["regio"] == REGION and row["kwartaal"] == quarter]
    return found[0] if found else None


def _typed(text: str, kind: str) -> object:
    """A data file's cell as the record holds it (only the forms the example data uses)."""
    if kind in ("count", "signed"):
        return int(text.replace(".", ""))
    if kind == "pct":
        number = Decimal(text.rstrip("%").replace(",", "."))
        return int(number) if number == number.to_integral_value() else number
    return text


def test_the_records_hold_the_quarters_values_from_the_data(third):
    config, output = third
    content = json.loads(record(output, "2018-Q3").read_text("utf-8"), parse_float=Decimal)
    assert content["regio"] == REGION and content["kwartaal"] == "2018-Q3"
    assert content["herzieningen"] == []
    published = content["tabellen"]
    # Every region-quarter table with a row for 2018-Q3 in the data, and no other.
    expected = {
        table.name
        for table in tables.REGION_QUARTER
        if _data_row(config, table.name, "2018-Q3") is not None
    }
    assert set(published) == expected and "kwartaalcijfers" in expected
    assert published["kwartaalcijfers"]["banen"] == 923
    assert published["kwartaalcijfers"]["personen"] == 1758
    for table in tables.REGION_QUARTER:
        row = _data_row(config, table.name, "2018-Q3")
        if row is None:
            continue
        assert list(published[table.name]) == tables.fields(table)
        for field in tables.fields(table):
            assert published[table.name][field] == _typed(row[field], table.columns[field])

    # The CSV: semicolons, UTF-8 with the mark Excel needs, one row per figure of the JSON.
    raw = record(output, "2018-Q3", ".csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == [
        *("regio", "kwartaal", "tabel", "veld", "omschrijving", "waarde", "illustratief")
    ]
    # The last column says whether the data marks the figure illustrative (not UWV's).
    marked = content["illustratief"]
    flat = [
        [
            *(REGION, "2018-Q3", table, field, LABELS[table][field]),
            str(value).replace(".", ","),
            "ja" if field in marked.get(table, []) else "nee",
        ]
        for table, values in published.items()
        for field, value in values.items()
    ]
    assert rows[1:] == flat
    assert [REGION, "2018-Q3", "kwartaalcijfers", "banen", "het aantal banen", "923", "nee"] in rows
    assert marked["kwartaalcijfers"][:3] == ["banen_markt", "banen_overheid", "banen_uitzend"]
    assert marked["stromen"] == tables.fields(tables.FLOWS)  # the whole row: 'alle'
    assert "landelijk" not in marked  # not a table of the region's own figures


def test_the_records_are_the_same_bytes_in_every_build(third, tmp_path):
    config, output = third
    assert build(config, tmp_path, "--periode", "2018-Q3", "--formaat", "pdf") == 0
    for suffix in (".json", ".csv"):
        assert record(tmp_path, "2018-Q3", suffix).read_bytes() == (
            record(output, "2018-Q3", suffix).read_bytes()
        )


def test_without_a_change_no_revision_is_named(project, capsys):
    config, output = project
    assert build(config, output, "--periode", "2018-Q4") == 0
    assert HEADING not in report_text(output, "2018-Q4")
    assert HEADING not in page_text(output, "2018-Q4")
    content = json.loads(record(output, "2018-Q4").read_text("utf-8"))
    assert content["herzieningen"] == []
    assert "herzien" not in capsys.readouterr().err


def test_a_revised_figure_is_named_with_both_values_in_the_pdf_and_on_the_web(project, capsys):
    config, output = project
    # UWV revises 2018-Q3: two more jobs with market employers (the parts still add up).
    change_row(config, "2018-Q3", "923;744", "925;746")
    assert build(config, output, "--periode", "2018-Q4") == 0
    assert "herzien" not in capsys.readouterr().err  # no warning: a revision is no error
    said = (
        "UWV heeft 2 cijfers van eerdere kwartalen herzien. Deze rapportage gaat uit van de "
        "herziene cijfers: het aantal banen van het derde kwartaal van 2018: van 923 naar 925; "
        "het aantal banen bij marktwerkgevers van het derde kwartaal van 2018: van 744 naar 746."
    )
    assert said in report_text(output, "2018-Q4")
    assert said in page_text(output, "2018-Q4")
    content = json.loads(record(output, "2018-Q4").read_text("utf-8"))
    assert content["herzieningen"] == [
        {
            "kwartaal": "2018-Q3",
            "tabel": "kwartaalcijfers",
            "veld": "banen",
            "oud": 923,
            "nieuw": 925,
        },
        {
            "kwartaal": "2018-Q3",
            "tabel": "kwartaalcijfers",
            "veld": "banen_markt",
            "oud": 744,
            "nieuw": 746,
        },
    ]
    # The earlier quarter's record is what was published then: the build leaves it alone.
    earlier = json.loads(record(output, "2018-Q3").read_text("utf-8"))
    assert earlier["tabellen"]["kwartaalcijfers"]["banen"] == 923


def test_one_revision_is_one_sentence(project):
    config, output = project
    path = record(output, "2018-Q3")
    content = json.loads(path.read_text("utf-8"))
    content["tabellen"]["kwartaalcijfers"]["banen"] = 921
    path.write_text(json.dumps(content), encoding="utf-8")
    assert build(config, output, "--periode", "2018-Q4", "--formaat", "pdf") == 0
    said = "UWV heeft het aantal banen van het derde kwartaal van 2018 herzien van 921 naar 923."
    assert said in report_text(output, "2018-Q4")


@pytest.mark.parametrize(
    "content",
    [
        None,  # missing
        b"{ niet af",
        b"\xff\xfe kapot",
        b"[]",
        b'{"regio": "Gooi en Vechtstreek", "kwartaal": "2018-Q3", "tabellen": []}',
        b'{"regio": "Friesland", "kwartaal": "2018-Q3", "tabellen": {}}',
        b'{"regio": "Gooi en Vechtstreek", "kwartaal": "2018-Q3", '
        b'"tabellen": {"kwartaalcijfers": {"banen": [1], "personen": true}, "x": 1}, '
        b'"herzieningen": [{"kwartaal": "2018-Q9"}, 3]}',
    ],
    ids=["missing", "unfinished", "not-utf8", "a-list", "tables-a-list", "other-region", "odd"],
)
def test_a_missing_or_broken_record_is_no_record_and_no_error(project, content, capsys):
    config, output = project
    path = record(output, "2018-Q3")
    if content is None:
        path.unlink()
    else:
        path.write_bytes(content)
    assert build(config, output, "--periode", "2018-Q4", "--formaat", "pdf") == 0
    assert "Waarschuwing" not in capsys.readouterr().err
    assert HEADING not in report_text(output, "2018-Q4")


def test_a_named_revision_is_not_named_again_in_a_later_report(project):
    config, output = project
    assert build(config, output, "--periode", "2018-Q2", "--formaat", "pdf") == 0
    markt = int(_data_row(config, "kwartaalcijfers", "2018-Q2")["banen_markt"])
    change_row(config, "2018-Q2", f"902;{markt}", f"903;{markt + 1}")
    assert build(config, output, "--periode", "2018-Q3", "--formaat", "pdf") == 0
    assert "het aantal banen van het tweede kwartaal van 2018: van 902 naar 903" in (
        report_text(output, "2018-Q3")
    )
    # The 2018-Q3 record says the revision was named: 2018-Q4 does not name it again.
    assert build(config, output, "--periode", "2018-Q4", "--formaat", "pdf") == 0
    assert HEADING not in report_text(output, "2018-Q4")


def test_a_figure_is_written_the_dutch_way_by_its_kind():
    assert formatting.figure(1777, "count") == "1.777"
    assert formatting.figure(Decimal("46.5"), "pct") == "46,5%"
    assert formatting.figure(90, "pct") == "90%"
    assert formatting.figure("2019-03-31", "date") == "31 maart 2019"
    assert formatting.figure("t+2", "text") == "‘t+2’"
