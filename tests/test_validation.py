"""Bad input: one case per check, each with its own Dutch message and exit code, and the
earlier reports left byte-identical."""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import build, copy_project, pdf_text, to_xlsx

from banenafspraak.input import cells

# A change to the copied project; it may return extra command-line options.
Mutation = Callable[[Path], list[str] | None]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def config_edit(old: str, new: str) -> Callable[[Path], None]:
    return lambda root: edit(root / "config.yaml", old, new)


def period_with_settings_but_no_data(root: Path) -> None:
    """A quarter with its own section in config.yaml, but no figures in data/."""
    edit(root / "config.yaml", "periode: 2018-Q4", "periode: 2019-Q1")
    with (root / "config.yaml").open("a", encoding="utf-8") as config:
        config.write("  2019-Q1:\n    publicatiedatum: 2019-07-30\n")
        config.write("    bron_publicatiedatum: 2019-07-25\n")


def data_edit(name: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda root: edit(root / "data" / f"{name}.csv", old, new)


def drop_line(name: str, start: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        path = root / "data" / f"{name}.csv"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not line.startswith(start)]
        assert len(kept) == len(lines) - 1
        path.write_text("".join(kept), encoding="utf-8")

    return mutate


def duplicate_last_line(name: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        path = root / "data" / f"{name}.csv"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(lines) + lines[-1], encoding="utf-8")

    return mutate


def write_file(name: str, content: bytes) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / "data" / name).write_bytes(content)

    return mutate


def remove_file(name: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / "data" / name).unlink()

    return mutate


def xlsx_with_wrong_sheet(root: Path) -> None:
    from openpyxl import Workbook

    (root / "data" / "landelijk.csv").unlink()
    book = Workbook()
    book.active.title = "Landelijk cijfers"
    book.active.append(["kwartaal"])
    book.save(root / "data" / "landelijk.xlsx")


REGION_FOLDER = Path("reports", "2018-Q4", "gooi-en-vechtstreek")
FACTSHEET = REGION_FOLDER / "factsheet-gooi-en-vechtstreek-2018-Q4.pdf"


def output_elsewhere(*parts: str, file: bool = False) -> Mutation:
    """Point --uitvoer at root/parts; with `file`, put a file there first."""

    def mutate(root: Path) -> list[str]:
        target = root.joinpath(*parts)
        if file:
            target.write_bytes(b"geen map")
        return ["--uitvoer", str(target)]

    return mutate


def region_folder_read_only(root: Path) -> None:
    (root / REGION_FOLDER).mkdir(parents=True, exist_ok=True)
    (root / REGION_FOLDER).chmod(0o555)


def factsheet_read_only(root: Path) -> None:
    path = root / FACTSHEET
    if not path.exists():
        path.parent.mkdir(parents=True)
        path.write_bytes(b"%PDF oude factsheet")
    path.chmod(0o444)


def period_given_twice(root: Path) -> None:
    """A copied 'periode:' line at the top: the file's own one comes later."""
    path = root / "config.yaml"
    path.write_text("periode: 2018-Q3\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


def stromen_is_a_folder(root: Path) -> None:
    (root / "data" / "stromen.csv").unlink()
    (root / "data" / "stromen.csv").mkdir()


def data_folder_is_a_file(root: Path) -> None:
    shutil.rmtree(root / "data")
    (root / "data").write_text("geen map", encoding="utf-8")


def huge_file(root: Path) -> None:
    path = root / "data" / "landelijk.csv"
    filler = "# " + "x" * 98 + "\n"
    path.write_text(filler * 55_000 + path.read_text(encoding="utf-8"), encoding="utf-8")


def flood(root: Path) -> None:
    """Every count in kwartaalcijfers mistyped: far more than 50 problems."""
    path = root / "data" / "kwartaalcijfers.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(
        "".join(
            line if line.startswith(("#", "regio")) else line.replace("1", "l") for line in lines
        ),
        encoding="utf-8",
    )


def multi_line_cell_then_a_wrong_row(root: Path) -> None:
    """A quoted cell spanning two lines (3-4), then a row with a field too many (line 5)."""
    edit(root / "data" / "correcties.csv", "het terugdraaien van de", '"het terugdraaien van\nde')
    edit(
        root / "data" / "correcties.csv",
        "t+2-maatregel",
        't+2-maatregel"\nGooi en Vechtstreek;2018-Q3;1;x;y',
    )


def xlsx_formula_without_result(root: Path) -> None:
    """landelijk as a workbook made by a program that saves formulas without their result."""
    from openpyxl import load_workbook

    path = to_xlsx(root / "data" / "landelijk.csv")
    book = load_workbook(path)
    book.active["F3"] = "=42+1"  # werkzaam_pct of 2018-Q4
    book.save(path)


LATIN1 = (
    "regio;banen;personen;werkzaam\nGooi en Vechtstreek;515;2.299;492\nBr\xe9da;1;1;1\n".encode(
        "latin-1"
    )
)
Q4 = "Gooi en Vechtstreek;2018-Q4;962;779;58;125;1.777;1.124;555;98;864;517;272;75;1;56;47"
Q4_FLOW = "Gooi en Vechtstreek;2018-Q4;25;25;21;48;"

CASES = [
    # name, mutation, expected exit code, fragments that the message must hold
    (
        "duplicate-config-key",
        period_given_twice,
        1,
        ["veld 'periode': dit veld staat er twee keer in (ook op regel 1)"],
    ),
    (
        "impossible-config-date",
        config_edit("publicatiedatum: 2019-04-30", "publicatiedatum: 2019-02-30"),
        1,
        [
            "config.yaml, veld 'kwartalen.2018-Q4.publicatiedatum': '2019-02-30' is geen "
            "bestaande datum"
        ],
    ),
    (
        "config-month-13",
        config_edit("werkkamer_vergadering: 2019-05-15", "werkkamer_vergadering: 2019-13-15"),
        1,
        ["veld 'kwartalen.2018-Q4.werkkamer_vergadering': '2019-13-15' is geen bestaande datum"],
    ),
    (
        "config-is-a-folder",
        lambda root: ["--config", str(root / "data")],
        1,
        ["data: dit is een map, geen bestand"],
    ),
    (
        "data-file-is-a-folder",
        stromen_is_a_folder,
        1,
        ["stromen.csv: dit is een map, geen bestand"],
    ),
    (
        "data-folder-is-a-file",
        data_folder_is_a_file,
        1,
        ["data: de gegevensmap is een bestand, geen map"],
    ),
    (
        "number-too-large",
        data_edit("kwartaalcijfers", Q4, Q4.replace(";1.777;", ";1777777777777777777777;")),
        1,
        ["regel 19, veld 'personen': 1777777777777777777777 is te groot voor een aantal"],
    ),
    (
        "period-option",
        lambda root: ["--periode", "2018-Q5"],
        1,
        ["de optie --periode: '2018-Q5' is geen kwartaal"],
    ),
    (
        "empty-period-option",
        lambda root: ["--periode="],
        1,
        ["de optie --periode: '' is geen kwartaal"],
    ),
    (
        "config-is-a-device",
        lambda root: ["--config", "/dev/zero"],
        1,
        ["/dev/zero: dit is geen gewoon bestand"],
    ),
    (
        "region-option",
        lambda root: ["--regio", "Gooi en Vechtstraek"],
        1,
        ["de optie --regio: de regio 'Gooi en Vechtstraek' staat niet in", "bedoelde u"],
    ),
    (
        "csv-line-with-a-field-too-many",
        multi_line_cell_then_a_wrong_row,
        1,
        ["correcties.csv, regel 5: deze regel heeft 5 velden, de kopregel 4"],
    ),
    (
        "quarter-missing-from-quarterly-figures",
        drop_line("kwartaalcijfers", "Gooi en Vechtstreek;2018-Q3;"),
        1,
        ["kwartaalcijfers.csv: voor Gooi en Vechtstreek ontbreekt 2018-Q3", "stromen.csv, regel 6"],
    ),
    (
        "count-with-decimals",
        data_edit("kwartaalcijfers", Q4, Q4.replace(";1.777;", ";1.777,0;")),
        1,
        ["regel 19, veld 'personen': '1.777,0' is geen geheel getal; schrijf een aantal als 1777"],
    ),
    (
        "xlsx-formula-without-result",
        xlsx_formula_without_result,
        1,
        [
            "landelijk.xlsx, regel 3, veld 'werkzaam_pct': de cel bevat de formule =42+1 zonder "
            "opgeslagen uitkomst; open het bestand in Excel en sla het daar op"
        ],
    ),
    ("huge-data-file", huge_file, 1, ["landelijk.csv: het bestand is 5,3 MB groot"]),
    ("flood-of-problems", flood, 1, ["... en nog ", "fouten, die hier niet worden getoond"]),
    (
        "output-folder-is-a-file",
        output_elsewhere("uit.pdf", file=True),
        1,
        ["uit.pdf: de uitvoermap is een bestand, geen map"],
    ),
    (
        "output-folder-parent-missing",
        output_elsewhere("bestaat-niet", "reports"),
        1,
        ["reports: de map waarin de uitvoermap moet komen", "bestaat-niet) bestaat niet"],
    ),
    (
        "output-folder-not-writable",
        region_folder_read_only,
        1,
        ["gooi-en-vechtstreek: in deze map mag niet worden geschreven"],
    ),
    (
        "read-only-earlier-report",
        factsheet_read_only,
        1,
        ["factsheet-gooi-en-vechtstreek-2018-Q4.pdf: dit bestaande bestand is alleen-lezen"],
    ),
    (
        "yaml-syntax",
        config_edit("regio: Gooi en Vechtstreek", "regio: [Gooi"),
        1,
        ["config.yaml, regel", "geen geldige YAML bij kolom"],
    ),
    (
        "unknown-config-field",
        config_edit("doelstelling:", "doelstellnig:"),
        1,
        ["veld 'doelstellnig': dit veld is onbekend", "bedoelde u 'doelstelling'?"],
    ),
    (
        "missing-config-field",
        config_edit("    publicatiedatum: 2019-04-30\n", ""),
        1,
        ["veld 'kwartalen.2018-Q4.publicatiedatum': dit verplichte veld ontbreekt"],
    ),
    (
        "wrongly-typed-config-field",
        config_edit("publicatiedatum: 2019-04-30", "publicatiedatum: morgen"),
        1,
        ["veld 'kwartalen.2018-Q4.publicatiedatum': 'morgen' is geen datum"],
    ),
    (
        "unknown-commentary-section",
        config_edit("  banen_kwartaal: |", "  banen_kwartal: |"),
        1,
        ["veld 'kwartalen.2018-Q4.duiding.banen_kwartal'", "bedoelde u 'banen_kwartaal'?"],
    ),
    (
        "unknown-region",
        config_edit("regio: Gooi en Vechtstreek", "regio: Gooi en Vechtstraek"),
        1,
        ["veld 'regio'", "staat niet in", "bedoelde u 'Gooi en Vechtstreek'?"],
    ),
    (
        "invalid-quarter",
        config_edit("periode: 2018-Q4", "periode: 2018-Q5"),
        1,
        ["veld 'periode'", "'2018-Q5' is geen kwartaal"],
    ),
    (
        "period-not-in-data",
        period_with_settings_but_no_data,
        1,
        ["kwartaalcijfers", "ontbreken de kwartalen 2019-Q1"],
    ),
    (
        "quarter-missing-for-chart",
        drop_line("kwartaalcijfers", "Gooi en Vechtstreek;2017-Q2;"),
        1,
        ["kwartaalcijfers.csv", "ontbreken de kwartalen 2017-Q2"],
    ),
    (
        "duplicate-row",
        duplicate_last_line("kwartaalcijfers"),
        1,
        [
            "kwartaalcijfers.csv, regel 20",
            "Gooi en Vechtstreek / 2018-Q4 staat er twee keer in (ook op regel 19)",
        ],
    ),
    (
        "empty-cell",
        data_edit("kwartaalcijfers", Q4, Q4.replace(";1.777;", ";;")),
        1,
        ["kwartaalcijfers.csv, regel 19, veld 'personen': de cel is leeg"],
    ),
    (
        "non-numeric-cell",
        data_edit("kwartaalcijfers", Q4, Q4.replace(";962;", ";9b2;")),
        1,
        ["regel 19, veld 'banen': '9b2' is geen getal"],
    ),
    (
        "ambiguous-number",
        data_edit("kwartaalcijfers", Q4, Q4.replace(";1.777;", ";1,777;")),
        1,
        ["veld 'personen': '1,777' is geen geheel getal"],
    ),
    (
        "negative-count",
        data_edit("nulmeting", ";515;", ";-515;"),
        1,
        ["nulmeting.csv, regel 3, veld 'banen': -515 is negatief"],
    ),
    (
        "split-does-not-add-up",
        data_edit("kwartaalcijfers", Q4, Q4.replace(";779;58;", ";780;58;")),
        1,
        [
            "regel 19, veld 'banen': banen_markt + banen_overheid + banen_uitzend = 963, "
            "maar banen is 962"
        ],
    ),
    (
        "flow-identity",
        data_edit("stromen", Q4_FLOW, "Gooi en Vechtstreek;2018-Q4;25;25;21;49;"),
        1,
        [
            "stromen.csv, regel 6",
            "personen dit kwartaal (1777) is niet gelijk aan blijvers + instroom (1778)",
        ],
    ),
    (
        "percentage-out-of-range",
        data_edit("landelijk", ";43;46;41;", ";43;146;41;"),
        1,
        ["landelijk.csv, regel 4, veld 'werkzaam_pwet_pct': 146 ligt niet tussen 0 en 100 procent"],
    ),
    (
        "publication-before-quarter-end",
        config_edit("publicatiedatum: 2019-04-30", "publicatiedatum: 2018-12-15"),
        1,
        [
            "veld 'kwartalen.2018-Q4.publicatiedatum'",
            "ligt niet na het einde van het kwartaal (31-12-2018)",
        ],
    ),
    ("missing-file", remove_file("stromen.csv"), 1, ["stromen.csv: dit gegevensbestand ontbreekt"]),
    ("empty-file", write_file("nulmeting.csv", b""), 1, ["nulmeting.csv: het bestand is leeg"]),
    (
        "not-utf8",
        write_file(
            "nulmeting.csv",
            LATIN1,
        ),
        1,
        ["nulmeting.csv, regel 3: het bestand is niet in UTF-8 opgeslagen", "CSV UTF-8"],
    ),
    (
        "xlsx-without-sheet",
        xlsx_with_wrong_sheet,
        1,
        ["landelijk.xlsx: het werkblad 'landelijk' ontbreekt", "'Landelijk cijfers'", "bedoelde u"],
    ),
    (
        "missing-column",
        data_edit("nulmeting", "regio;banen;personen;werkzaam", "regio;banen;persoonen;werkzaam"),
        1,
        ["de kolom 'personen' ontbreekt", "bedoelde u 'persoonen'?"],
    ),
    (
        "unknown-region-in-data",
        data_edit("nulmeting", "Gooi en Vechtstreek;515", "Gooi en Vechtstreak;515"),
        1,
        ["nulmeting.csv, regel 3, veld 'regio': de regio 'Gooi en Vechtstreak' is onbekend"],
    ),
]


@pytest.fixture(scope="module")
def earlier(example: Path) -> Path:
    """A previous build's output, as it must survive every failed build."""
    return example.parent.parent


def _run(tmp_path: Path, earlier: Path, mutate: Mutation) -> tuple[Path, Path, list[str]]:
    config = copy_project(tmp_path)
    output = tmp_path / "reports"
    shutil.copytree(earlier, output)
    extra = mutate(tmp_path) or []
    return config, output, extra


def _files(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _same_files(one: Path, other: Path) -> bool:
    return _files(one) == _files(other)


@pytest.mark.parametrize(("name", "mutate", "code", "fragments"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_named_and_nothing_is_damaged(
    name, mutate, code, fragments, tmp_path, earlier, capsys
):
    config, output, extra = _run(tmp_path, earlier, mutate)
    assert build(config, output, *extra) == code
    err = capsys.readouterr().err
    for fragment in fragments:
        assert fragment in err
    assert "Traceback" not in err
    assert "er is niets gebouwd" in err
    assert _same_files(earlier, output)


@pytest.mark.parametrize(("name", "mutate", "code", "fragments"), CASES, ids=[c[0] for c in CASES])
def test_check_reports_the_same(name, mutate, code, fragments, tmp_path, capsys):
    config = copy_project(tmp_path)
    extra = mutate(tmp_path) or []
    before = _files(tmp_path)
    assert build(config, tmp_path / "reports", "--check", *extra) == code
    err = capsys.readouterr().err
    assert all(fragment in err for fragment in fragments)
    assert _files(tmp_path) == before


def test_all_problems_are_listed_at_once(tmp_path, capsys):
    config = copy_project(tmp_path)
    for mutate in (
        config_edit("doelstelling:", "doelstellnig:"),
        data_edit(
            "kwartaalcijfers", Q4, Q4.replace(";962;", ";9b2;").replace(";1.777;", ";1,777;")
        ),
        data_edit("landelijk", ";43;46;41;", ";43;146;41;"),
    ):
        mutate(tmp_path)
    assert build(config, tmp_path / "reports", "--check") == 1
    err = capsys.readouterr().err
    assert len(re.findall(r"^Fout: ", err, flags=re.M)) == 5  # unknown + now missing field, 3 cells
    assert "5 problemen gevonden" in err


def test_suspicious_change_warns_but_builds(tmp_path, capsys):
    config = copy_project(tmp_path)
    data_edit("kwartaalcijfers", Q4, Q4.replace(";962;779;", ";1.962;1.779;"))(tmp_path)
    assert build(config, tmp_path / "reports", "--check") == 0
    err = capsys.readouterr().err
    assert "Waarschuwing:" in err and "banen veranderde in 2018-Q4 met 1039" in err
    assert "tikfout" in err


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--onbekend"], "onbekende optie(s): --onbekend"),
        (["--document", "jaarverslag"], "geen geldige keuze voor --document"),
        (["--periode"], "de optie --periode verwacht een waarde"),
    ],
)
def test_wrong_usage_exits_2(args, fragment, capsys):
    with pytest.raises(SystemExit) as stop:
        build(Path("config.yaml"), Path("reports"), *args)
    assert stop.value.code == 2
    assert fragment in capsys.readouterr().err


def test_missing_config_file(tmp_path, capsys):
    assert build(tmp_path / "geen.yaml", tmp_path / "reports") == 1
    assert "geen.yaml: het configuratiebestand bestaat niet" in capsys.readouterr().err


def test_region_and_period_cannot_steer_output_outside_reports(tmp_path):
    from banenafspraak.input.config import Config
    from banenafspraak.render.paths import output_path

    settings = Config.model_validate(
        {
            "regio": "../../etc/passwd",
            "periode": "2018Q4",
            "publicatiedatum": "2019-04-30",
            "bron_publicatiedatum": "2019-04-25",
            "opgesteld_door": "x",
            "doelstelling": "convenant",
        }
    )
    path = output_path(tmp_path / "reports", settings, "kwartaalrapportage")
    assert path.resolve().is_relative_to((tmp_path / "reports").resolve())
    assert path.name == "kwartaalrapportage-etc-passwd-2018-Q4.pdf"


@pytest.mark.parametrize(
    ("parser", "text", "value"),
    [
        (cells.count, "1.777", 1777),
        (cells.count, "1777", 1777),
        (cells.count, "12.345.678", 12345678),
        (cells.count, "1\u00a0777", 1777),
        (cells.count, " 1\u202f777 ", 1777),
        (cells.day, 43555, cells.date(2019, 3, 31)),
        (cells.percentage, cells.Decimal("43.00"), 43),
        (cells.count, 1777.0, 1777),
        (cells.percentage, "46,5", cells.Decimal("46.5")),
        (cells.percentage, "46%", 46),
        (cells.ratio, "123", 123),
        (cells.signed, "-9", -9),
        (cells.quarter, "2018 Q4", cells.Quarter(2018, 4)),
        (cells.day, "25-04-2019", cells.date(2019, 4, 25)),
    ],
)
def test_dutch_cells_are_read(parser, text, value):
    assert parser(text) == value


@pytest.mark.parametrize(
    ("parser", "text", "fragment"),
    [
        (cells.count, "1,777", "geen geheel getal"),
        (cells.count, "1.77", "geen geheel getal"),
        (cells.count, "17.77.7", "schrijf een aantal als 1777 of 1.777"),
        (cells.count, "1.777,0", "schrijf een aantal als 1777 of 1.777"),
        (cells.count, "99.999.999.999", "te groot voor een aantal"),
        (cells.ratio, "1e400", "te groot voor een percentage"),
        (cells.day, 12.5, "geen datum"),
        (cells.count, "-3", "negatief"),
        (cells.count, 2.5, "geen geheel getal"),
        (cells.percentage, "46.5", "dubbelzinnig"),
        (cells.percentage, "101", "niet tussen 0 en 100"),
        (cells.percentage, "nan", "geen percentage"),
        (cells.day, "2019-02-30", "geen bestaande datum"),
        (cells.quarter, "Q4 2018", "geen kwartaal"),
    ],
)
def test_ambiguous_or_wrong_cells_are_rejected(parser, text, fragment):
    with pytest.raises(ValueError, match=fragment):
        parser(text)


def test_a_failure_while_rendering_replaces_no_file(tmp_path, earlier, monkeypatch, capsys):
    """The first document renders, the second fails: neither may replace the earlier ones."""
    from banenafspraak.render import documents
    from banenafspraak.run import forked

    config, output, _ = _run(tmp_path, earlier, lambda root: None)
    real = documents.render_pdf
    calls = []

    def failing_second(*args, **kwargs):
        calls.append(args[1])
        if len(calls) == 2:
            raise OSError("schijf vol")
        return real(*args, **kwargs)

    monkeypatch.setattr(documents, "render_pdf", failing_second)
    # Every document in this process, so that `calls` sees each (no forked renderer).
    monkeypatch.setattr(forked, "available", lambda: False)
    assert build(config, output) == 3
    assert "Interne fout (OSError: schijf vol)" in capsys.readouterr().err
    assert len(calls) == 2
    assert _same_files(earlier, output)


def test_an_interrupted_replace_restores_the_earlier_set(tmp_path, earlier, monkeypatch, capsys):
    """The second file cannot be replaced (disk full): the first, already replaced by a
    different new report, is put back, and the message says so."""
    from banenafspraak.run import output as output_module

    config, output, _ = _run(
        tmp_path,
        earlier,
        config_edit("opgesteld_door: adviseur", "opgesteld_door: senior adviseur"),
    )
    real = os.replace
    replaced: list[Path] = []

    def full_on_second(source, target):
        if Path(target).suffix == ".pdf" and not Path(source).name.endswith(".old"):
            replaced.append(Path(target))
            if len(replaced) == 2:
                raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return real(source, target)

    monkeypatch.setattr(output_module.os, "replace", full_on_second)
    assert build(config, output) == 1
    err = capsys.readouterr().err
    assert "Fout: Het schrijven is mislukt" in err and "de schijf is vol" in err
    assert "De al vervangen bestanden zijn teruggezet" in err
    assert len(replaced) == 2 and replaced[0].name.startswith("kwartaalrapportage")
    assert _same_files(earlier, output)


@pytest.mark.parametrize(
    "stage",
    [
        "banenafspraak.input.config:load",
        "banenafspraak.charts.drawing:setup",
        "banenafspraak.render.documents:render_pdf",
    ],
)
def test_ctrl_c_at_any_stage_exits_130_with_one_line(stage, tmp_path, earlier, monkeypatch, capsys):
    import importlib

    module, name = stage.split(":")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(importlib.import_module(module), name, interrupted)
    config, output, _ = _run(tmp_path, earlier, lambda root: None)
    assert build(config, output) == 130
    err = capsys.readouterr().err
    assert err == "Afgebroken. Er is niets vervangen: eerdere rapporten zijn ongewijzigd.\n"
    assert _same_files(earlier, output)


@pytest.mark.parametrize("module", ["banenafspraak.run.cli", "banenafspraak.run.pipeline"])
def test_ctrl_c_while_importing_exits_130(module, monkeypatch, capsys):
    import builtins
    import runpy
    import sys

    real = builtins.__import__

    def interrupted(name, globals=None, locals=None, fromlist=(), level=0):
        # The package imports absolutely: `from banenafspraak.run import cli` names the
        # module in its fromlist.
        if module in {name, *(f"{name}.{item}" for item in fromlist or ())}:
            raise KeyboardInterrupt
        return real(name, globals, locals, fromlist, level)

    for loaded in ("banenafspraak.run.cli", "banenafspraak.run.pipeline"):
        monkeypatch.delitem(sys.modules, loaded, raising=False)
    monkeypatch.setattr(builtins, "__import__", interrupted)
    monkeypatch.setattr(sys, "argv", ["build.py", "--check"])

    def exit_now(code: int) -> None:  # build.py leaves by os._exit; here it must not
        raise SystemExit(code)

    monkeypatch.setattr(os, "_exit", exit_now)
    handler = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(SystemExit) as stop:
            runpy.run_path(str(Path(__file__).parent.parent / "build.py"), run_name="__main__")
    finally:
        signal.signal(signal.SIGINT, handler)
    assert stop.value.code == 130
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("Afgebroken.")


def test_a_flood_shows_fifty_problems_and_counts_the_rest(tmp_path, capsys):
    config = copy_project(tmp_path)
    flood(tmp_path)
    assert build(config, tmp_path / "reports", "--check") == 1
    err = capsys.readouterr().err
    shown = len(re.findall(r"^Fout: ", err, flags=re.M))
    rest = int(re.search(r"en nog (\d+) fouten", err)[1])
    assert shown == 50 and rest > 0
    assert f"{shown + rest} problemen gevonden" in err


def test_a_fraction_in_a_percentage_column_is_warned_about(tmp_path, capsys):
    config = copy_project(tmp_path)
    data_edit("landelijk", ";43;46;41;", ";0,43;46;41;")(tmp_path)
    assert build(config, tmp_path / "reports", "--check") == 0
    err = capsys.readouterr().err
    assert "Waarschuwing: " in err
    assert "landelijk.csv, regel 4, veld 'werkzaam_pct': 0,43 procent lijkt een breuk" in err
    assert "bedoelt u 43 procent?" in err


def test_dollar_signs_in_names_reach_the_charts_as_text(tmp_path, capsys):
    """Matplotlib must not read '$...$' in a region or leader name as mathtext."""
    config = copy_project(tmp_path)
    name = "Gooi $\\nietbestaand{x}$ Vecht"
    for path in [config, *(tmp_path / "data").glob("*.csv")]:
        path.write_text(path.read_text(encoding="utf-8").replace("Gooi en Vechtstreek", name))
    assert build(config, tmp_path / "reports", "--document", "kwartaalrapportage") == 0, (
        capsys.readouterr().err
    )
    pdf = next((tmp_path / "reports").rglob("*.pdf"))
    assert name in pdf_text(pdf)


def test_long_words_in_commentary_wrap_inside_the_page(tmp_path):
    """A 500-character token and a long URL in the duiding stay within the page's width."""
    config = copy_project(tmp_path)
    url = "https://www.uwv.nl/" + "/".join(["dashboard-banenafspraak-regionale-cijfers"] * 4)
    edit(
        config,
        "      banen_kwartaal: |\n",
        f"      banen_kwartaal: |\n        Zie {url}.\n        {'Lang' * 125}\n\n",
    )
    assert build(config, tmp_path / "reports", "--document", "kwartaalrapportage") == 0
    pdf = next((tmp_path / "reports").rglob("*.pdf"))
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    width = float(re.search(r'<page width="([\d.]+)"', boxes)[1])
    words = re.findall(r'xMax="([\d.]+)"[^>]*>([^<]*)</word>', boxes)
    assert any("LangLang" in word for _, word in words)
    assert all(float(right) <= width - 30 for right, _ in words), "text runs off the page"


def test_an_unreadable_file_is_named(tmp_path, monkeypatch, capsys):
    """Permissions cannot be taken from root, who runs the tests here: refuse the read instead."""
    config = copy_project(tmp_path)
    real = Path.read_bytes

    def refused(path: Path) -> bytes:
        if path.name == "stromen.csv":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", refused)
    assert build(config, tmp_path / "reports", "--check") == 1
    err = capsys.readouterr().err
    assert "stromen.csv: het bestand mag niet worden gelezen (geen leesrechten)" in err


def test_ctrl_c_after_the_set_is_written_says_so(tmp_path, monkeypatch, capsys):
    """Stopped while the CLI reports: the new set is in place, and the message must say that."""
    from banenafspraak.run import pipeline

    config = copy_project(tmp_path)
    real = pipeline.build

    def then_interrupted(*args, **kwargs):
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "build", then_interrupted)
    output = tmp_path / "reports"
    assert build(config, output, "--document", "agendavoorstel") == 130
    err = capsys.readouterr().err
    assert err.startswith("Afgebroken. De nieuwe rapporten in ") and err.count("\n") == 1
    assert "gooi-en-vechtstreek waren al volledig geschreven" in err
    assert len(list(output.rglob("*.pdf"))) == 1
