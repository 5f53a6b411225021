"""One workbook for every table (`--maak-werkmap`): what it holds, that a folder with only
the workbook builds byte-identical PDFs, also after LibreOffice saved it, and that every
problem in it names its sheet and cell."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from conftest import build, copy_project, workbook_only
from openpyxl import load_workbook

from banenafspraak.input import tables
from banenafspraak.input.workbook import column_letter
from banenafspraak.input.workbook_writer import NOTES, SPARE_ROWS
from banenafspraak.run import cli

PERIODS = ("2018-Q4", "2018-Q2")


def make_workbook(config_path: Path) -> Path:
    assert cli.main(["--config", str(config_path), "--maak-werkmap"]) == 0
    return config_path.parent / "data" / tables.WORKBOOK


def pdfs(output: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(output)): path.read_bytes() for path in sorted(output.rglob("*.pdf"))
    }


def build_pdfs(config_path: Path, output: Path) -> dict[str, bytes]:
    for period in PERIODS:
        assert build(config_path, output, "--formaat", "pdf", "--periode", period) == 0
    return pdfs(output)


@pytest.fixture(scope="module")
def from_csv(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("csv")
    return build_pdfs(copy_project(root), root / "reports")


@pytest.fixture
def workbook_project(tmp_path: Path) -> Path:
    """A project whose data folder holds only the workbook made from the example's CSVs."""
    config_path = copy_project(tmp_path)
    workbook_only(config_path)
    return config_path


def test_the_workbook_holds_every_table_as_an_excel_table(tmp_path: Path, capsys):
    config_path = copy_project(tmp_path)
    path = make_workbook(config_path)
    out = capsys.readouterr().out
    assert f"Geschreven: {path}" in out and "Verplaats nu de losse gegevensbestanden" in out
    book = load_workbook(path)
    assert book.sheetnames == [NOTES, *(table.name for table in tables.ALL)]
    for table in tables.ALL:
        sheet = book[table.name]
        header = [cell.value for cell in sheet[1]]
        assert header == list(table.columns)
        last = column_letter(len(header) - 1)
        csv_path = tmp_path / "data" / f"{table.name}.csv"
        rows = (
            sum(1 for line in csv_path.read_text().splitlines() if not line.startswith("#")) - 1
            if csv_path.exists()
            else 0
        )
        end = 1 + rows + SPARE_ROWS
        (excel_table,) = sheet.tables.values()
        assert excel_table.ref == f"A1:{last}{end}", table.name
        assert sheet.freeze_panes == "A2"
        assert sheet.protection.sheet and not sheet.protection.password
        assert sheet["A1"].protection.locked
        assert not sheet["A2"].protection.locked and not sheet[f"{last}{end}"].protection.locked
        validations = {
            str(validation.sqref): validation
            for validation in sheet.data_validations.dataValidation
        }
        for index, column in enumerate(table.columns):
            letter = column_letter(index)
            validation = validations[f"{letter}2:{letter}{end}"]
            assert validation.promptTitle == column and validation.prompt
    quarterly = book["kwartaalcijfers"]
    by_column = {cell.value: cell.column_letter for cell in quarterly[1]}
    assert quarterly[f"{by_column['kwartaal']}2"].value == "2016-Q1"
    assert quarterly[f"{by_column['personen']}2"].value == 1360  # '1.360' in the CSV
    rules = {str(v.sqref).split(":")[0][:-1]: v for v in quarterly.data_validations.dataValidation}
    assert (rules["A"].type, rules["A"].formula1) == ("list", "regionamen")
    assert (rules["C"].type, rules["C"].operator, rules["C"].formula1) == (
        "whole",
        "greaterThanOrEqual",
        "0",
    )
    assert rules["C"].prompt.startswith("Aantal banen (geheel getal, 0 of meer)")
    assert rules["D"].prompt.startswith("Aantal banen marktsector (geheel getal")
    assert rules["B"].type == "custom" and '"-Q"' in rules["B"].formula1
    assert book.defined_names["regionamen"].attr_text.startswith("regios!$B$2:$B$")
    landelijk = book["landelijk"]
    assert [landelijk["B2"].value, landelijk["F3"].value] == [112, 43]  # percentages as in CSV
    assert landelijk["F3"].number_format == "General"
    assert {v.type for v in landelijk.data_validations.dataValidation} >= {"decimal"}
    assert book["beschut_werk"]["F2"].value == datetime(2018, 9, 30)
    notes = {row[0].value: row[1].value for row in book[NOTES].iter_rows(min_row=2)}
    assert notes["kwartaalcijfers"].startswith("Kwartaalcijfers per regio")


def test_an_existing_workbook_is_never_overwritten(tmp_path: Path, capsys):
    config_path = copy_project(tmp_path)
    path = make_workbook(config_path)
    before = path.read_bytes()
    assert cli.main(["--config", str(config_path), "--maak-werkmap"]) == 1
    err = capsys.readouterr().err
    assert f"Fout: {path} bestaat al; de werkmap wordt niet overschreven" in err
    assert path.read_bytes() == before


def test_a_cell_that_cannot_be_read_stops_the_workbook(tmp_path: Path, capsys):
    config_path = copy_project(tmp_path)
    path = tmp_path / "data" / "kwartaalcijfers.csv"
    path.write_text(path.read_text().replace(";2018-Q3;923;744;", ";2018-Q3;923;7,44;"))
    assert cli.main(["--config", str(config_path), "--maak-werkmap"]) == 1
    err = capsys.readouterr().err
    assert f"Fout: {path}, regel 18, veld 'banen_markt': '7,44' is geen geheel getal" in err
    assert err.endswith("1 probleem gevonden; de werkmap is niet gemaakt.\n")
    assert not (tmp_path / "data" / tables.WORKBOOK).exists()


def test_the_workbook_gives_the_same_pdfs(from_csv, workbook_project: Path):
    built = build_pdfs(workbook_project, workbook_project.parent / "reports")
    assert len(built) == 6 and built == from_csv


def test_workbook_beside_single_files_is_refused(tmp_path: Path, capsys):
    config_path = copy_project(tmp_path)
    path = make_workbook(config_path)
    assert build(config_path, tmp_path / "reports") == 1
    err = capsys.readouterr().err
    assert f"Fout: {path}: naast de werkmap staan ook losse gegevensbestanden (regios.csv" in err
    assert not (tmp_path / "reports").exists()


def test_every_problem_names_sheet_and_cell(workbook_project: Path, capsys):
    path = workbook_project.parent / "data" / tables.WORKBOOK
    book = load_workbook(path)
    quarterly = book["kwartaalcijfers"]
    quarterly["C13"].value = None  # banen of 2018-Q4: a required cell left empty
    quarterly["H5"].value = "veel"  # personen_wajong
    quarterly["D12"].value += 1  # banen_markt of 2018-Q3: the split no longer adds up
    book["stromen"]["X3"].value = 150  # reden_overig
    book.save(path)
    assert build(workbook_project, workbook_project.parent / "reports") == 1
    err = capsys.readouterr().err
    place = f"Fout: {path}, blad 'kwartaalcijfers', cel"
    assert f"{place} C13: de cel is leeg" in err
    assert f"{place} H5: 'veel' is geen getal" in err
    assert f"{place} C12: banen_markt + banen_overheid + banen_uitzend = " in err
    assert f"Fout: {path}, blad 'stromen', cel X3: 150 ligt niet tussen 0 en 100 procent" in err
    assert "regel" not in err


def test_a_batch_names_a_regions_problem_by_sheet_and_cell(workbook_project: Path, capsys):
    path = workbook_project.parent / "data" / tables.WORKBOOK
    book = load_workbook(path)
    book["kwartaalcijfers"]["C13"].value += 1  # banen of 2018-Q4 no longer adds up
    book.save(path)
    output = workbook_project.parent / "reports"
    assert build(workbook_project, output, "--alle-regios", "--check") == 1
    printed = capsys.readouterr().out
    assert "Gooi en Vechtstreek: niet in orde" in printed
    assert f"Fout: {path}, blad 'kwartaalcijfers', cel C13: banen_markt + " in printed
    assert "regel" not in printed


def test_a_missing_sheet_and_a_missing_column_are_named(workbook_project: Path, capsys):
    path = workbook_project.parent / "data" / tables.WORKBOOK
    book = load_workbook(path)
    del book["nulmeting"]
    book["landelijk"]["C1"].value = "groei"  # groei_nulmeting_pct renamed
    book.save(path)
    assert build(workbook_project, workbook_project.parent / "reports", "--check") == 1
    err = capsys.readouterr().err
    assert f"Fout: {path}: het werkblad 'nulmeting' ontbreekt" in err
    assert (
        f"Fout: {path}, blad 'landelijk', kolom 'groei_nulmeting_pct': de kolom "
        "'groei_nulmeting_pct' ontbreekt in de kopregel"
    ) in err


def require_soffice() -> None:
    if shutil.which("soffice") is None:
        # A developer without LibreOffice may still run the rest; CI must run this.
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) ontbreekt; scripts/system-libraries installeert het")
        pytest.skip("LibreOffice (soffice) ontbreekt")


def test_a_workbook_saved_by_libreoffice_gives_the_same_pdfs(
    from_csv, workbook_project: Path, tmp_path_factory: pytest.TempPathFactory
):
    require_soffice()
    path = workbook_project.parent / "data" / tables.WORKBOOK
    converted = tmp_path_factory.mktemp("libreoffice")
    profile = tmp_path_factory.mktemp("profiel")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(converted),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    resaved = (converted / tables.WORKBOOK).read_bytes()
    assert resaved != path.read_bytes()
    path.write_bytes(resaved)
    assert load_workbook(path)["kwartaalcijfers"].protection.sheet  # still protected
    assert build_pdfs(workbook_project, workbook_project.parent / "reports") == from_csv


def test_the_prompts_say_what_an_unclear_column_means(tmp_path: Path):
    path = make_workbook(copy_project(tmp_path))
    book = load_workbook(path)
    prompts = {
        (name, validation.promptTitle): validation.prompt
        for name in ("kandidatenverkenner", "beschut_werk")
        for validation in book[name].data_validations.dataValidation
    }
    assert (
        "aan het einde waarvan de stand is gemeten" in prompts[("kandidatenverkenner", "kwartaal")]
    )
    assert "de burger zelf aanvroeg" in prompts[("beschut_werk", "adviezen_op_verzoek")]
