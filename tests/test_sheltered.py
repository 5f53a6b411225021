"""Nieuw beschut werk: UWV's placement rate, with its three-month lag."""

from datetime import date
from pathlib import Path

from conftest import ROOT, build, compute_figures, copy_project, pdf_text

REPORT = "kwartaalrapportage-gooi-en-vechtstreek-2018-Q4.pdf"


def _rows(folder: Path, *rows: str) -> None:
    path = folder / "data" / "beschut_werk.csv"
    header = path.read_text(encoding="utf-8").splitlines()
    header = [line for line in header if line.startswith("regio;")]
    # The rows are published figures: their last cell, 'illustratief', stays empty.
    path.write_text("\n".join([*header, *(f"{row};" for row in rows)]) + "\n", encoding="utf-8")


def test_the_example_divides_by_the_advices_up_to_september():
    sheltered = compute_figures(ROOT / "config.yaml").sheltered
    # 18 working on 31-12-2018 against 32 positive advices up to 30-09-2018; the naive
    # ratio against the 34 advices at the peildatum would give 53%.
    assert (sheltered.working, sheltered.positive_lagged) == (18, 32)
    assert sheltered.lagged_until == date(2018, 9, 30)
    assert sheltered.placement_pct == 56


def test_the_lagged_rate_differs_from_the_naive_one(tmp_path: Path):
    config = copy_project(tmp_path)
    _rows(
        tmp_path,
        "Gooi en Vechtstreek;2018-Q3;31;20;9;2018-12-31;30;5;20",
        "Gooi en Vechtstreek;2018-Q4;31;40;15;2019-03-31;44;6;30",
    )
    sheltered = compute_figures(config).sheltered
    assert sheltered.placement_pct == 75  # 15 / 20; the naive 15 / 40 would be 38%
    assert build(config, tmp_path, "--document", "kwartaalrapportage") == 0
    text = pdf_text(tmp_path / "2018-Q4" / "gooi-en-vechtstreek" / REPORT)
    assert "Tot en met 30 september 2018 had UWV 20 positieve adviezen uitgebracht" in text
    assert "het plaatsingspercentage komt daarmee op 75%" in text
    assert "38%" not in text
    # The newest count of advices stays in the text.
    assert "Tot en met 31 maart 2019 bracht UWV 44 positieve en 6 negatieve adviezen uit" in text


def test_without_the_previous_quarter_the_rate_is_left_out(tmp_path: Path):
    config = copy_project(tmp_path)
    _rows(tmp_path, "Gooi en Vechtstreek;2018-Q4;31;34;18;2019-03-31;37;12;38")
    sheltered = compute_figures(config).sheltered
    assert (sheltered.placement_pct, sheltered.positive_lagged) == (None, None)
    assert sheltered.working_change is None
    assert build(config, tmp_path, "--document", "kwartaalrapportage") == 0
    text = pdf_text(tmp_path / "2018-Q4" / "gooi-en-vechtstreek" / REPORT)
    assert "Het plaatsingspercentage is niet berekend" in text
    assert "tot en met 30 september 2018 ontbreekt in de gegevens" in text
    assert "18 personen in nieuw beschut werk." in text


def test_the_example_report_explains_the_lag(example: Path):
    text = pdf_text(example / REPORT)
    assert (
        "werkten 18 personen in nieuw beschut werk, 2 personen meer dan een kwartaal eerder" in text
    )
    assert "tot drie maanden vóór de peildatum" in text
    assert "Tot en met 30 september 2018 had UWV 32 positieve adviezen uitgebracht" in text
    assert "plaatsingspercentage komt daarmee op 56%" in text
    assert "Tot en met 31 maart 2019 bracht UWV 37 positieve en 12 negatieve adviezen uit" in text


def test_no_positive_advices_a_quarter_earlier_gives_no_rate(tmp_path: Path):
    config = copy_project(tmp_path)
    _rows(
        tmp_path,
        "Gooi en Vechtstreek;2018-Q3;31;0;0;2018-12-31;3;1;2",
        "Gooi en Vechtstreek;2018-Q4;31;3;1;2019-03-31;5;1;4",
    )
    sheltered = compute_figures(config).sheltered
    assert (sheltered.positive_lagged, sheltered.placement_pct) == (0, None)
    assert build(config, tmp_path, "--document", "kwartaalrapportage") == 0
    text = pdf_text(tmp_path / "2018-Q4" / "gooi-en-vechtstreek" / REPORT)
    assert "tot en met 30 september 2018 had UWV nog geen positief advies uitgebracht" in text
    assert "werkte 1 persoon in nieuw beschut werk, 1 persoon meer dan een kwartaal eerder" in text


def test_an_unchanged_number_working_reads_as_evenveel(tmp_path: Path):
    config = copy_project(tmp_path)
    _rows(
        tmp_path,
        "Gooi en Vechtstreek;2018-Q3;31;32;18;2018-12-31;34;10;30",
        "Gooi en Vechtstreek;2018-Q4;31;34;18;2019-03-31;37;12;38",
    )
    assert build(config, tmp_path, "--document", "kwartaalrapportage") == 0
    text = pdf_text(tmp_path / "2018-Q4" / "gooi-en-vechtstreek" / REPORT)
    assert "18 personen in nieuw beschut werk, evenveel personen als een kwartaal eerder." in text
    assert "0 personen" not in text
