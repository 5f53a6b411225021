"""`--nieuw-kwartaal`: a new quarter's empty rows and config section, in the CSVs and in the
workbook; what `--check` then names; that the previous quarter rebuilds byte-identical and
the new one builds once it is filled in; refusals; the workbook keeping its validations."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from conftest import build, copy_project, workbook_only
from openpyxl import load_workbook

from banenafspraak.input import config, dataset, tables
from banenafspraak.input.workbook import column_letter
from banenafspraak.problems import Collector
from banenafspraak.quarters import Quarter
from banenafspraak.run import cli, quarter_section

REGION = "Gooi en Vechtstreek"
# 2019-Q1 filled in with 2018-Q4's values, changed where the flows must balance against
# the same counts in both quarters (as many find work as lose it; inflow equals outflow).
CHANGED = {
    "kwartaalcijfers": {"werkvinders": 47, "werkverliezers": 47},
    "stromen": {
        "instroom_werkend": 25,
        "instroom_niet_werkend": 25,
        "behoudt_werk_pwet": 241,
        "geen_werk_pwet": 263,
        "vindt_werk_pwet": 22,
        "vindt_werk_wajong": 24,
        "vindt_werk_wsw": 1,
    },
    "beschut_werk": {"taakstelling": 31},
}
DATES = {"publicatiedatum": "2019-06-11", "bron_publicatiedatum": "2019-06-06"}


def new_quarter(config_path: Path, quarter: str = "2019-Q1") -> int:
    return cli.main(["--config", str(config_path), "--nieuw-kwartaal", quarter])


def pdfs(output: Path) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted(output.rglob("*.pdf"))}


def previous_quarter_pdfs(config_path: Path, output: Path) -> dict[str, bytes]:
    assert build(config_path, output, "--formaat", "pdf", "--periode", "2018-Q4") == 0
    return {name: pdf for name, pdf in pdfs(output).items() if name.startswith("2018-Q4/")}


def only_inserted(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`; fails if any line of `before` changed."""
    matcher = difflib.SequenceMatcher(a=before.splitlines(True), b=after.splitlines(True))
    ops = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert len(ops) == 1 and ops[0][0] == "insert", ops
    return after.splitlines(True)[ops[0][3] : ops[0][4]]


def fill_dates(config_path: Path) -> None:
    text = config_path.read_text(encoding="utf-8")
    for name, value in DATES.items():
        assert text.count(f"\n    {name}:\n") == 1
        text = text.replace(f"\n    {name}:\n", f"\n    {name}: {value}\n")
    config_path.write_text(text, encoding="utf-8")


def fill_csvs(folder: Path) -> None:
    """Each 2019-Q1 row given 2018-Q4's values (see CHANGED)."""
    for name, changed in [*CHANGED.items(), ("landelijk", {})]:
        path = folder / f"{name}.csv"
        lines = path.read_text(encoding="utf-8").splitlines(True)
        header = next(line for line in lines if line.startswith(("regio;", "kwartaal;")))
        columns = header.strip().split(";")
        prefix = "2019-Q1;" if name == "landelijk" else f"{REGION};2019-Q1;"
        old = next(line for line in lines if line.startswith(prefix.replace("2019-Q1", "2018-Q4")))
        cells = dict(zip(columns, old.strip().split(";"), strict=True))
        cells.update({"kwartaal": "2019-Q1", **{k: str(v) for k, v in changed.items()}})
        new = ";".join(cells[column] for column in columns) + "\n"
        (index,) = [i for i, line in enumerate(lines) if line.startswith(prefix)]
        assert lines[index].strip().strip(";").count(";") <= 2  # still as it was added
        lines[index] = new
        path.write_text("".join(lines), encoding="utf-8")


def fill_workbook(path: Path) -> None:
    book = load_workbook(path)
    for name, changed in [*CHANGED.items(), ("landelijk", {})]:
        sheet = book[name]
        header = [cell.value for cell in sheet[1]]
        rows = {
            row[header.index("kwartaal")].value: row
            for row in sheet.iter_rows(min_row=2)
            if row[header.index("kwartaal")].value
            and ("regio" not in header or row[header.index("regio")].value == REGION)
        }
        for old, new in zip(rows["2018-Q4"], rows["2019-Q1"], strict=True):
            column = header[new.column - 1]
            if column not in ("regio", "kwartaal"):
                new.value = changed.get(column, old.value)
    book.save(path)


def csv_row(folder: Path, name: str, quarter: str) -> str:
    lines = (folder / f"{name}.csv").read_text(encoding="utf-8").splitlines()
    (row,) = [line for line in lines if f";{quarter};" in line or line.startswith(quarter)]
    return row


def test_a_new_quarter_in_the_csvs(tmp_path: Path, capsys):
    config_path = copy_project(tmp_path)
    data = tmp_path / "data"
    before = previous_quarter_pdfs(config_path, tmp_path / "voor")
    config_before = config_path.read_text(encoding="utf-8")
    capsys.readouterr()

    assert new_quarter(config_path) == 0
    out = capsys.readouterr().out
    assert f"Het kwartaal 2019-Q1 is aangemaakt voor {REGION}. Nog in te vullen:" in out
    assert f"{data}/kwartaalcijfers.csv, regel 20:\n    15 lege velden: banen, banen_markt" in out
    assert f"{data}/stromen.csv, regel 7:" in out and f"{data}/landelijk.csv, regel 5:" in out
    assert "de taakstelling is niet overgenomen" in out  # a new year: SZW sets a new one
    assert "kandidatenverkenner.csv, regel 5: de regel van 2019-Q1 staat er al" in " ".join(
        out.split()
    )
    assert "--check --periode 2019-Q1" in out
    # The last cell, 'illustratief', stays empty: the new quarter's figures are UWV's, and
    # it is not among the cells to fill in.
    assert csv_row(data, "kwartaalcijfers", "2019-Q1") == f"{REGION};2019-Q1" + ";" * 16
    assert csv_row(data, "landelijk", "2019-Q1") == "2019-Q1" + ";" * 16
    assert csv_row(data, "beschut_werk", "2019-Q1") == f"{REGION};2019-Q1" + ";" * 8
    assert "illustratief" not in out
    assert "2019-Q1" not in (data / "correcties.csv").read_text(encoding="utf-8")

    added = only_inserted(config_before, config_path.read_text(encoding="utf-8"))
    assert added[:5] == [
        "  2019-Q1:\n",
        "    # Verplicht: de datum van de rapportage (na 31-03-2019) en de datum waarop UWV\n",
        "    # de cijfers publiceerde (niet na de publicatiedatum), als JJJJ-MM-DD.\n",
        "    publicatiedatum:\n",
        "    bron_publicatiedatum:\n",
    ]
    assert any("# werkkamer_vergadering:" in line for line in added)
    assert any("# duiding:" in line for line in added) and any(
        "# bronnen:" in line for line in added
    )
    assert config.load(config_path, {"periode": "2018-Q4"}) == config.load(
        copy_project(tmp_path / "voor").parent.joinpath("config.yaml"), {"periode": "2018-Q4"}
    )

    assert cli.main(["--config", str(config_path), "--check", "--periode", "2019-Q1"]) == 1
    err = capsys.readouterr().err
    assert "veld 'kwartalen.2019-Q1.publicatiedatum': dit verplichte veld ontbreekt" in err
    assert "veld 'kwartalen.2019-Q1.bron_publicatiedatum': dit verplichte veld ontbreekt" in err
    # Every empty cell is named, none hidden behind "... en nog 12 fouten".
    lines = (("kwartaalcijfers", 20), ("stromen", 7), ("landelijk", 5), ("beschut_werk", 13))
    for name, line in lines:
        for column in tables.fields(next(t for t in tables.ALL if t.name == name)):
            assert f"{name}.csv, regel {line}, veld '{column}': de cel is leeg" in err
    assert "die hier niet worden getoond" not in err
    assert "62 problemen gevonden; er is niets gebouwd." in err
    # Before anything is filled in, the previous quarter builds as it did, with a warning.
    assert previous_quarter_pdfs(config_path, tmp_path / "meteen") == before
    warned = capsys.readouterr().err
    assert "kwartaalcijfers.csv, regel 20: de regel van 2019-Q1 is nog niet ingevuld" in warned

    assert new_quarter(config_path) == 1  # the second time: it exists
    assert "heeft al een sectie '2019-Q1:' onder 'kwartalen:'" in capsys.readouterr().err

    fill_csvs(data)
    fill_dates(config_path)
    assert build(config_path, tmp_path / "na", "--formaat", "pdf", "--periode", "2019-Q1") == 0
    assert previous_quarter_pdfs(config_path, tmp_path / "na") == before

    # Within a year the taakstelling carries over, marked above the header.
    capsys.readouterr()
    assert new_quarter(config_path, "2019-Q2") == 0
    out = capsys.readouterr().out
    assert "taakstelling 31 is overgenomen uit 2019-Q1" in out
    text = (data / "beschut_werk.csv").read_text(encoding="utf-8")
    assert "# 2019-Q2: taakstelling overgenomen uit 2019-Q1; controleer\nregio;kwartaal;" in text
    assert csv_row(data, "beschut_werk", "2019-Q2") == f"{REGION};2019-Q2;31" + ";" * 7
    assert csv_row(data, "kandidatenverkenner", "2019-Q2") == f"{REGION};2019-Q2" + ";" * 5
    # The data's own check finds every empty cell too.
    problems = Collector()
    dataset.check_folder(data, problems)
    found = "\n".join(str(problem) for problem in problems.problems)
    assert "beschut_werk.csv, regel 15, veld 'werkzaam': de cel is leeg" in found
    assert "beschut_werk.csv, regel 15, veld 'taakstelling'" not in found
    assert "velden, de kopregel" not in found  # the marking comment is read as a comment


def test_a_new_quarter_in_the_workbook(tmp_path: Path, capsys):
    config_path = copy_project(tmp_path)
    path = workbook_only(config_path)
    before = previous_quarter_pdfs(config_path, tmp_path / "voor")
    capsys.readouterr()

    assert new_quarter(config_path) == 0
    out = capsys.readouterr().out
    assert f"{path}, blad 'kwartaalcijfers', rij 14:\n    cellen C14:Q14 (15 lege velden" in out
    assert f"{path}, blad 'beschut_werk', rij 5:\n    cellen C5:I5" in out
    book = load_workbook(path)
    for table in tables.ALL:
        sheet = book[table.name]
        assert sheet.protection.sheet and sheet["A1"].protection.locked, table.name
        (excel_table,) = sheet.tables.values()
        end = excel_table.ref.split(":")[1][len(column_letter(len(table.columns) - 1)) :]
        ranges = {str(v.sqref) for v in sheet.data_validations.dataValidation}
        assert ranges == {
            f"{column_letter(i)}2:{column_letter(i)}{end}" for i in range(len(table.columns))
        }, table.name
    quarterly = book["kwartaalcijfers"]
    assert [quarterly[f"{c}14"].value for c in "ABC"] == [REGION, "2019-Q1", None]
    assert not quarterly["C14"].protection.locked

    assert cli.main(["--config", str(config_path), "--check", "--periode", "2019-Q1"]) == 1
    err = capsys.readouterr().err
    for letter in "CDEFGHIJKLMNOPQ":
        assert f"blad 'kwartaalcijfers', cel {letter}14: de cel is leeg" in err

    fill_workbook(path)
    fill_dates(config_path)
    assert build(config_path, tmp_path / "na", "--formaat", "pdf", "--periode", "2019-Q1") == 0
    assert previous_quarter_pdfs(config_path, tmp_path / "na") == before

    capsys.readouterr()
    assert new_quarter(config_path, "2019-Q2") == 0
    assert "taakstelling 31 is overgenomen uit 2019-Q1" in capsys.readouterr().out
    sheet = load_workbook(path)["beschut_werk"]
    assert [sheet[f"{c}6"].value for c in "ABC"] == [REGION, "2019-Q2", 31]
    assert sheet["C6"].comment.text == "2019-Q2: taakstelling overgenomen uit 2019-Q1; controleer"


@pytest.mark.parametrize(
    ("quarter", "message"),
    [
        ("2019-Q5", "'2019-Q5' is geen kwartaal; schrijf het als 2019-Q1."),
        ("2018-Q4", "heeft al een sectie '2018-Q4:' onder 'kwartalen:'"),
    ],
)
def test_a_quarter_that_exists_or_is_no_quarter_is_refused(tmp_path, capsys, quarter, message):
    config_path = copy_project(tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert new_quarter(config_path, quarter) == 1
    assert message in capsys.readouterr().err
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_a_quarter_with_rows_but_no_section_is_refused(tmp_path: Path, capsys):
    config_path = copy_project(tmp_path)
    path = tmp_path / "data" / "kwartaalcijfers.csv"
    with path.open("a", encoding="utf-8") as file:
        file.write(f"{REGION};2019-Q1" + ";1" * 15 + ";\n")
    before = config_path.read_bytes()
    assert new_quarter(config_path) == 1
    err = capsys.readouterr().err
    assert f"Fout: {path}, regel 20: {REGION} heeft al een regel voor 2019-Q1" in err
    assert config_path.read_bytes() == before


@pytest.mark.parametrize(
    "extra", [["--nieuw-kwartaal"], ["--nieuw-kwartaal", "2019-Q1", "--check"]]
)
def test_usage_errors(tmp_path: Path, capsys, extra):
    config_path = copy_project(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--config", str(config_path), *extra])
    assert stopped.value.code == 2
    assert "Fout in de opdracht:" in capsys.readouterr().err


def test_the_section_goes_after_the_last_quarter_and_keeps_every_other_byte():
    before = (
        "regio: X\r\nkwartalen:\r\n    '2018-Q4':\r\n        publicatiedatum: 2019-04-30\r\n"
        "        duiding:\r\n            inleiding: |\r\n                a\r\n\r\n"
        "                b\r\n# over de uitvoer\r\nuitvoermap: reports"
    )
    section = quarter_section.add(before, Quarter(2019, 1))
    lines = section.text.splitlines(True)
    assert lines[9] == "    2019-Q1:\r\n" and section.first_line == 10
    assert lines[12] == "        publicatiedatum:\r\n"
    assert lines[section.last_line :] == ["# over de uitvoer\r\n", "uitvoermap: reports"]
    assert only_inserted(before, section.text)[0] == "    2019-Q1:\r\n"


def test_a_quarter_after_a_gap_is_made_with_a_warning(tmp_path: Path, capsys):
    config_path = copy_project(tmp_path)
    assert new_quarter(config_path, "2019-Q3") == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"Let op: in kwartaalcijfers ontbreken voor {REGION} nog 2019-Q1, 2019-Q2." in out
