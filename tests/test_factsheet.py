"""The factsheet PDF, read back as a user's PDF reader would."""

import re
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, build, copy_project, figure_alts, pdf_text

from banenafspraak import pipeline

DOCUMENT = "factsheet"
NAME = f"{DOCUMENT}-gooi-en-vechtstreek-2018-Q4.pdf"


@pytest.fixture(scope="module")
def pages(pdf: Path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in pypdf.PdfReader(pdf).pages]


@pytest.mark.parametrize(
    "row",
    [
        "Banen 962 515 +447 859 +103 923 +39",
        "Personen 1.777 2.299 -522 1.641 +136 1.758 +19",
        "Werkzame personen 864 492 +372 781 +83 859 +5",
    ],
)
def test_cijfers_in_het_kort(text: str, row: str):
    assert row in text


def test_table_columns_name_their_moment(text: str):
    header = "2018 Q4 Nulmeting (eind 2012) Een jaar eerder (2017 Q4) Vorig kwartaal (2018 Q3)"
    assert header in text
    assert "aantal verschil aantal verschil aantal verschil" in text


def test_header_names_quarter_and_region(text: str):
    assert text.startswith(
        "Factsheet banenafspraak arbeidsmarktregio Vierde kwartaal 2018 Gooi en Vechtstreek"
    )


def test_flow_numbers_are_on_the_diagram(pages: list[str]):
    flow_page = pages[2]
    for expected in [
        "Uitstroom 50 personen",
        "2018 Q3 1.758 personen",
        "Blijven in het register 1.708 personen",
        "2018 Q4 1.777 personen",
        "Instroom 69 personen",
        "Behoudt werk 787 Pwet 236 Wajong 477 WSW 74",
        "Verliest werk 47 Pwet 22 Wajong 24 WSW 1",
        "Vindt werk 56 Pwet 28 Wajong 28 WSW 0",
        "Blijft zonder werk 818 Pwet 240 Wajong 562 WSW 16",
    ]:
        assert expected in flow_page
    # Working and not working on both sides, and in the outflow and inflow.
    for state in ["werkend 859", "niet werkend 899", "werkend 864", "niet werkend 913"]:
        assert state in flow_page
    for state in ["werkend 25 niet werkend 25", "werkend 21 niet werkend 48"]:
        assert state in flow_page


def test_flow_sentences(text: str):
    assert "de instroom in het doelgroepregister 69 personen en de uitstroom 50 personen" in text
    assert "een groep van 1.708 personen" in text
    assert (
        "De uitstroom uit het register (50 personen) had deze redenen: vertrek uit de regio "
        "(90%), AOW-leeftijd (4%), overlijden (4%), duurzaam geen arbeidsvermogen (2%), WSW "
        "beschut (0%), beschikking beschut werk (0%) en overige redenen (0%)."
    ) in text


def test_three_pages_each_with_its_part(pdf: Path, pages: list[str]):
    assert len(pypdf.PdfReader(pdf).pages) == 3
    assert "Cijfers in het kort" in pages[0] and "Grafiek 1." in pages[0]
    assert all(part in pages[1] for part in ("Grafiek 2.", "Grafiek 3.", "Wie in welke doelgroep"))
    assert "Grafiek 4." in pages[2] and "Over deze cijfers" in pages[2]
    for number, page in enumerate(pages, start=1):
        assert f"Pagina {number} van 3" in page


def test_category_legend_says_who_is_in_each_group(pages: list[str]):
    legend = pages[1][pages[1].index("Wie in welke doelgroep valt") :]
    for words in ["Wajong", "praktijkroute", "VSO", "PrO", "WSW", "WIW- of ID-baan"]:
        assert words in legend


def test_sources_copyright_and_disclaimer(text: str):
    assert "Bronnen: UWV, Dashboard Banenafspraak, stand 2018 Q4" in text
    assert "© UWV april 2019. Bronvermelding bij overname is verplicht." in text
    assert "geen beleidsstandpunt" in text


def test_still_needed_is_drawn_on_the_last_column(text: str):
    assert "nog 46 nodig" in text
    assert "Nog nodig voor de doelstelling 2018" in text


def test_metadata_title_and_language(pdf: Path):
    reader = pypdf.PdfReader(pdf)
    assert reader.metadata.title == (
        "Factsheet banenafspraak arbeidsmarktregio Gooi en Vechtstreek, vierde kwartaal 2018"
    )
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


def test_every_chart_has_alt_text_from_its_data(pdf: Path):
    alts = figure_alts(pdf)
    assert len(alts) == 4
    assert all(alt and len(alt) > 80 for alt in alts)
    jobs, persons, working, flow = alts
    assert "2018 Q4: 962 (uitzend/detachering 125, markt 779, overheid 58)" in jobs
    assert "de 46 banen die nog nodig zijn" in jobs and "1.008 banen" in jobs
    assert "2018 Q4: 1.777 (Wajong 1.124, Participatiewet 555, WSW/WIW-ID 98)" in persons
    assert "2018 Q4: 864 (Wajong 517, Participatiewet 272, WSW/WIW-ID 75)" in working
    for expected in [
        "1.758 personen",
        "Uitgestroomd zijn 50 personen (25 werkend, 25 niet werkend)",
        "ingestroomd zijn 69 personen (21 werkend, 48 niet werkend)",
        "Van de 1.708 personen",
        "behielden 787 hun werk (Pwet 236, Wajong 477, WSW 74)",
        "verloren 47 hun werk",
        "vonden 56 werk",
        "bleven 818 zonder werk",
        "1.777 personen",
    ]:
        assert expected in flow


def test_one_document_alone_draws_only_its_charts(tmp_path: Path, monkeypatch):
    def not_needed(figures):
        raise AssertionError("the factsheet does not show the report's charts")

    monkeypatch.setitem(pipeline.CHART_SETS, "kwartaalrapportage", not_needed)
    assert build(ROOT / "config.yaml", tmp_path, "--document", "factsheet") == 0
    written = sorted(path.name for path in (tmp_path / "2018-Q4" / "gooi-en-vechtstreek").iterdir())
    # The PDF and the web edition of the factsheet, and the web edition's index and styles.
    stem = NAME.removesuffix(".pdf")
    assert written == sorted(
        [NAME, f"{stem}.html", f"{stem}-fragment.html", "index.html", "banenafspraak-web.css"]
    )


def test_same_input_gives_identical_bytes(pdf: Path, tmp_path: Path):
    assert build(ROOT / "config.yaml", tmp_path, "--document", "factsheet") == 0
    again = tmp_path / "2018-Q4" / "gooi-en-vechtstreek" / NAME
    assert again.read_bytes() == pdf.read_bytes()


def test_a_passed_target_draws_no_needed_area(tmp_path: Path):
    # A 2018 target of 440 is below the 447 extra jobs reached: nothing is needed any more.
    config = copy_project(tmp_path)
    targets = tmp_path / "data" / "doelstellingen.csv"
    targets.write_text(
        targets.read_text(encoding="utf-8").replace(
            "convenant;2018;388;106;493", "convenant;2018;340;100;440"
        ),
        encoding="utf-8",
    )
    assert build(config, tmp_path / "out", "--document", "factsheet") == 0
    pdf = tmp_path / "out" / "2018-Q4" / "gooi-en-vechtstreek" / NAME
    text = pdf_text(pdf)
    assert "Nog nodig voor de doelstelling" not in text and "gearceerde" not in text
    assert "De regio zit 7 banen boven de doelstelling voor eind 2018." in text
    assert "De doelstelling van eind 2018 is gehaald." in figure_alts(pdf)[0]
    assert len(pypdf.PdfReader(pdf).pages) == 3
