"""The sources a document names follow the period and the configuration, in every place."""

from datetime import date
from pathlib import Path

from conftest import build, copy_project, pdf_text

from banenafspraak.figures import sources
from banenafspraak.quarters import Quarter

REGION = "Gooi en Vechtstreek"


def test_a_2018_quarter_names_the_factsheet_and_weekoverzicht_not_the_dashboards():
    named = " ".join(sources.default(REGION, Quarter(2018, 4), date(2019, 4, 25), True))
    assert "Factsheet banenafspraak arbeidsmarktregio Gooi en Vechtstreek, vierde kwartaal" in named
    assert "gepubliceerd op 25 april 2019" in named
    assert "Weekoverzicht transparantie banenafspraak" in named
    assert "Ministerie van SZW" in named and "Rapportage beschut werk, vierde kwartaal" in named
    assert "Dashboard" not in named


def test_a_2022_quarter_names_the_dashboards_only():
    named = " ".join(sources.default(REGION, Quarter(2022, 2), date(2022, 7, 28), True))
    assert "Dashboard Banenafspraak" in named and "Dashboard Beschut werk" in named
    assert "Factsheet" not in named and "Weekoverzicht" not in named


def test_the_dashboards_start_in_the_fourth_quarter_of_2021():
    before = sources.default(REGION, Quarter(2021, 3), date(2021, 11, 1), False)
    after = sources.default(REGION, Quarter(2021, 4), date(2022, 2, 1), False)
    assert "Factsheet" in before[0] and "Dashboard" in after[0]


def test_beschut_werk_sources_only_when_the_report_has_that_section():
    named = " ".join(sources.default(REGION, Quarter(2018, 4), date(2019, 4, 25), False))
    assert "beschut" not in named.lower()


def test_the_example_documents_agree_on_the_sources(example: Path):
    report = pdf_text(example / "kwartaalrapportage-gooi-en-vechtstreek-2018-Q4.pdf")
    factsheet = pdf_text(example / "factsheet-gooi-en-vechtstreek-2018-Q4.pdf")
    main = (
        "UWV, Factsheet banenafspraak arbeidsmarktregio Gooi en Vechtstreek, vierde kwartaal "
        "2018 (gepubliceerd op 25 april 2019)"
    )
    # Footnote 1 and the list of sources; the factsheet does not cite a factsheet (itself).
    assert report.count(main) == 2
    assert main not in factsheet
    assert "Weekoverzicht transparantie banenafspraak" in report
    assert "Rapportage beschut werk" in report and "Rapportage beschut werk" not in factsheet
    national = "UWV, Trendrapportage banenafspraak, vierde kwartaal 2018"
    assert national in report and national in factsheet
    for text in (report, factsheet):
        assert "Dashboard" not in text


def test_configured_sources_replace_the_default_everywhere(tmp_path: Path):
    config = copy_project(tmp_path)
    with config.open("a", encoding="utf-8") as stream:
        stream.write(
            "    bronnen:\n"  # in 2018-Q4's section, the last in the file
            "      - UWV, Trendrapportage banenafspraak, vierde kwartaal 2018.\n"
            "      - Eigen telling van de Werkkamer.\n"
        )
    assert build(config, tmp_path) == 0
    folder = tmp_path / "2018-Q4" / "gooi-en-vechtstreek"
    report = pdf_text(folder / "kwartaalrapportage-gooi-en-vechtstreek-2018-Q4.pdf")
    factsheet = pdf_text(folder / "factsheet-gooi-en-vechtstreek-2018-Q4.pdf")
    assert report.count("UWV, Trendrapportage banenafspraak, vierde kwartaal 2018") == 2
    assert "Eigen telling van de Werkkamer" in report
    assert (
        "Bronnen: UWV, Trendrapportage banenafspraak, vierde kwartaal 2018; Eigen telling van "
        "de Werkkamer." in factsheet
    )
    assert "Weekoverzicht" not in report + factsheet
