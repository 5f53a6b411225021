"""Each quarter's dates, commentary, proposals and sources come from its own section under
`kwartalen:` in config.yaml; a build never borrows another quarter's settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, build, copy_project, pdf_text

from banenafspraak.input import config as config_module
from banenafspraak.quarters import Quarter

SLUG = "gooi-en-vechtstreek"
EXAMPLE_QUARTERS = [
    str(Quarter(year, number)) for year in (2016, 2017, 2018) for number in (1, 2, 3, 4)
]
# What only 2018-Q4's settings say: its dates, its commentary and its own proposals.
Q4_TEXTS = [
    "april 2019",
    "mei 2019",
    "Het register groeide in 2018 met 136 personen",
    "de leden uit te nodigen toe te lichten welke acties zij in 2019 ondernemen",
]


def _pdfs(folder: Path, period: str) -> dict[str, str]:
    where = folder / period / SLUG
    return {
        name: pdf_text(where / f"{name}-{SLUG}-{period}.pdf")
        for name in ("kwartaalrapportage", "factsheet", "agendavoorstel")
    }


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_an_earlier_quarter_shows_its_own_dates_and_nothing_of_2018_q4(tmp_path, capsys):
    config = copy_project(tmp_path)
    assert build(config, tmp_path / "reports", "--periode", "2018-Q3", "--formaat", "pdf") == 0
    assert "config.yaml" not in capsys.readouterr().err  # no warning about the settings
    texts = _pdfs(tmp_path / "reports", "2018-Q3")
    report, factsheet, agenda = (
        texts["kwartaalrapportage"],
        texts["factsheet"],
        texts["agendavoorstel"],
    )
    assert "Kwartaalrapportage Banenafspraak december 2018" in report
    assert "Deze rapportage is op 18 december 2018 opgesteld door" in report
    assert "(gepubliceerd op 13 december 2018)" in report
    assert "Trendrapportage banenafspraak, derde kwartaal 2018" in factsheet
    assert "Vergadering 16 januari 2019" in agenda
    assert "Kwartaalrapportage Banenafspraak Gooi en Vechtstreek december 2018 (PDF)" in agenda
    for name, text in texts.items():
        for words in Q4_TEXTS:
            assert words not in text, f"{name} says {words!r}"
    assert "Duiding" not in report


def test_a_quarter_without_a_section_is_refused_in_dutch(tmp_path, capsys):
    config = copy_project(tmp_path)
    assert build(config, tmp_path / "reports", "--periode", "2019-Q1") == 1
    err = capsys.readouterr().err
    assert (
        "config.yaml, veld 'kwartalen.2019-Q1': de instellingen van 2019-Q1 ontbreken: er staat "
        "geen sectie '2019-Q1:' onder 'kwartalen:' (voeg die toe met ten minste publicatiedatum "
        "en bron_publicatiedatum; de datums van een ander kwartaal gelden niet voor 2019-Q1)"
    ) in err
    assert "1 probleem gevonden; er is niets gebouwd." in err
    assert not (tmp_path / "reports").exists()


def test_a_section_without_its_dates_names_each_missing_field(tmp_path, capsys):
    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8")
    section = "  2018-Q3:\n    publicatiedatum: 2018-12-18\n    bron_publicatiedatum: 2018-12-13\n"
    assert section in text
    config.write_text(text.replace(section, "  2018-Q3:\n"), encoding="utf-8")
    assert build(config, tmp_path / "reports", "--periode", "2018-Q3", "--check") == 1
    err = capsys.readouterr().err
    for field in ("publicatiedatum", "bron_publicatiedatum"):
        assert (
            f"config.yaml, veld 'kwartalen.2018-Q3.{field}': dit verplichte veld ontbreekt; de "
            f"documenten over 2018-Q3 hebben een eigen {field} nodig"
        ) in err
    # A section still being written does not stop another quarter's build.
    assert build(config, tmp_path / "reports", "--check") == 0, capsys.readouterr().err


def test_a_wrong_date_in_any_section_is_named_by_its_quarter(tmp_path, capsys):
    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8")
    old = "    publicatiedatum: 2017-06-06\n"
    assert old in text
    config.write_text(text.replace(old, "    publicatiedatum: 2017-03-06\n"), encoding="utf-8")
    assert build(config, tmp_path / "reports", "--check") == 1
    assert (
        "config.yaml, veld 'kwartalen.2017-Q1.publicatiedatum': de publicatiedatum 06-03-2017 "
        "ligt niet na het einde van het kwartaal (31-03-2017)"
    ) in capsys.readouterr().err


def test_adding_a_quarter_leaves_an_earlier_build_byte_identical(tmp_path):
    config = copy_project(tmp_path)
    assert build(config, tmp_path / "before") == 0
    with config.open("a", encoding="utf-8") as stream:
        stream.write(
            "  2019-Q1:\n"
            "    publicatiedatum: 2019-07-30\n"
            "    bron_publicatiedatum: 2019-07-25\n"
            "    voorstellen:\n"
            "      - de gemeenten te vragen om een nieuw overzicht\n"
            "    duiding:\n"
            "      inleiding: Het eerste kwartaal van 2019.\n"
        )
    assert build(config, tmp_path / "after") == 0
    before, after = _files(tmp_path / "before"), _files(tmp_path / "after")
    assert len(before) == 11  # 3 PDFs, 6 web files, the record of the figures as CSV and JSON
    assert before == after


OLD_FLAT_FORM = """\
regio: Gooi en Vechtstreek
periode: 2018-Q4
publicatiedatum: 2019-04-30
bron_publicatiedatum: 2019-04-25
opgesteld_door: adviseur Werkgeversdienstverlening UWV in de regio Gooi en Vechtstreek
doelstelling: convenant
werkkamer_vergadering: 2019-05-15
voorstellen:
  periode: 2018-Q4
  lijst:
    - de gemeenten te vragen na te gaan waarom het aantal werkverliezers oploopt
duiding:
  periode: 2018-Q4
  banen_kwartaal: Dertig banen erbij.
"""


def test_the_old_flat_form_is_refused_with_a_hint(tmp_path, capsys):
    config = copy_project(tmp_path)
    config.write_text(OLD_FLAT_FORM, encoding="utf-8")
    assert build(config, tmp_path / "reports") == 1
    err = capsys.readouterr().err
    assert err.startswith(
        f"Fout: {config}: publicatiedatum, bron_publicatiedatum, werkkamer_vergadering, "
        "duiding en voorstellen gelden voor één kwartaal en horen daarom onder 'kwartalen:', in "
        "de sectie van dat kwartaal (zet 'kwartalen:' bovenaan een regel, daaronder '  2018-Q4:' "
        "en daaronder, vier spaties ingesprongen, deze velden;"
    ), err
    assert "1 probleem gevonden; er is niets gebouwd." in err
    assert not (tmp_path / "reports").exists()


def test_one_flat_field_is_named_alone(tmp_path, capsys):
    config = copy_project(tmp_path)
    with config.open("a", encoding="utf-8") as stream:
        stream.write("bronnen:\n  - Eigen telling.\n")
    assert build(config, tmp_path / "reports", "--check") == 1
    assert (
        "config.yaml: bronnen geldt voor één kwartaal en hoort daarom onder 'kwartalen:'"
    ) in capsys.readouterr().err


def test_a_quarter_given_twice_is_refused(tmp_path, capsys):
    config = copy_project(tmp_path)
    with config.open("a", encoding="utf-8") as stream:
        stream.write(
            "  2018q3:\n    publicatiedatum: 2018-12-20\n    bron_publicatiedatum: 2018-12-14\n"
        )
    assert build(config, tmp_path / "reports", "--check") == 1
    assert (
        "veld 'kwartalen': het kwartaal 2018-Q3 staat er twee keer in (als '2018-Q3' en '2018q3')"
    ) in capsys.readouterr().err


@pytest.mark.parametrize("period", EXAMPLE_QUARTERS)
def test_every_example_quarter_has_true_dates_of_its_own(period):
    """The example's dates are illustrative but possible: after the quarter's end, the source
    before the report, the Werkkamer after the source."""
    settings = config_module.load(ROOT / "config.yaml", {"periode": period})
    end = Quarter.parse(period).end_date
    assert end < settings.bron_publicatiedatum <= settings.publicatiedatum
    assert settings.werkkamer_vergadering is not None
    assert settings.werkkamer_vergadering >= settings.bron_publicatiedatum
    if period != "2018-Q4":
        assert settings.duiding == {} and settings.voorstellen == [] and settings.bronnen is None
