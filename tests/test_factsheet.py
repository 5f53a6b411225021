"""The factsheet PDF, read back as a user's PDF reader would."""

import re
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, build, copy_project, figure_alts, pdf_text

from banenafspraak.charts.drawing import ALT_LIMIT
from banenafspraak.run import pipeline

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
    assert "stroomden 69 personen het doelgroepregister in en 50 personen het register uit" in text
    assert (
        "Zowel in het derde als in het vierde kwartaal van 2018 stonden 1.708 personen in het "
        "register." in text
    )
    assert (
        "De uitstroom uit het register (50 personen) had de volgende redenen: vertrek uit de "
        "regio (90%), AOW-leeftijd (4%), overlijden (4%) en duurzaam geen arbeidsvermogen (2%). "
        "Er was geen uitstroom wegens WSW beschut, een beschikking beschut werk of een andere "
        "reden."
    ) in text


def test_three_pages_each_with_its_part_then_the_appendix(pdf: Path, pages: list[str]):
    assert len(pypdf.PdfReader(pdf).pages) == 4
    assert "Cijfers in het kort" in pages[0] and "Grafiek 1." in pages[0]
    assert all(part in pages[1] for part in ("Grafiek 2.", "Grafiek 3.", "Wie in welke doelgroep"))
    assert "Grafiek 4." in pages[2] and "Over deze cijfers" in pages[2]
    # The numbers behind the four charts fit one page.
    assert "Bijlage: cijfers bij de figuren" in pages[3]
    for number, page in enumerate(pages, start=1):
        assert f"Pagina {number} van 4" in page


def test_category_legend_says_who_is_in_each_group(pages: list[str]):
    legend = pages[1][pages[1].index("Wie in welke doelgroep valt") :]
    for words in ["Wajong", "praktijkroute", "VSO", "PrO", "WSW", "WIW- of ID-baan"]:
        assert words in legend


def test_sources_copyright_and_disclaimer(text: str):
    # UWV's factsheet names the registrations behind its figures, not itself
    assert "Alle aantallen personen komen uit het doelgroepregister" in text
    assert "polisadministratie van UWV" in text and "Panteia" in text and "CBS" in text
    assert "Landelijke cijfers: UWV, Trendrapportage banenafspraak, vierde kwartaal 2018." in text
    assert "Doelstellingen: Convenant Inclusieve Arbeidsmarkt" in text
    assert "Factsheet banenafspraak arbeidsmarktregio Gooi en Vechtstreek, vierde" not in text
    assert "© UWV april 2019. Bronvermelding bij overname is verplicht." in text
    assert "geen beleidsstandpunt" in text


def test_still_needed_is_drawn_on_the_last_column(text: str):
    # after the year's last quarter the hatched block is what remained, not what is still needed
    assert "verschil 46" in text and "nog 46 nodig" not in text
    assert "Verschil met de doelstelling 2018" in text


def test_metadata_title_and_language(pdf: Path):
    reader = pypdf.PdfReader(pdf)
    assert reader.metadata.title == (
        "Factsheet banenafspraak arbeidsmarktregio Gooi en Vechtstreek, vierde kwartaal 2018"
    )
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


def test_every_chart_has_a_short_alt_text_from_its_data(pdf: Path):
    alts = figure_alts(pdf)
    assert len(alts) == 4
    assert all(alt and len(alt) <= ALT_LIMIT for alt in alts)
    jobs, persons, working, flow = alts
    assert (
        "In 2018 Q4: 962 banen" in jobs and "46 banen onder het niveau van de doelstelling" in jobs
    )
    assert (
        "In 2018 Q4: 1.777, van wie Wajong 1.124, Participatiewet 555 en WSW/WIW-ID 98" in persons
    )
    assert "In 2018 Q4: 864, van wie Wajong 517, Participatiewet 272 en WSW/WIW-ID 75" in working
    assert "50 uitgestroomd, 69 ingestroomd en 1.708 gebleven" in flow
    assert "vonden er 56 werk en verloren er 47 hun werk" in flow


def test_every_chart_has_its_numbers_in_the_appendix(pages: list[str]):
    appendix = pages[3]
    assert "Grafiek 1. Banen per kwartaal, naar soort werkgever. Cijfers in de bijlage." in pages[0]
    assert "2018 Q4 779 58 125 962 46" in appendix  # markt, overheid, uitzend, total, needed
    assert "2017 Q1 1.112 280 112 1.504" in appendix
    assert "2018 Q4 517 272 75 864" in appendix
    assert "Blijft, behoudt werk 236 477 74 – – 787" in appendix
    assert "Register 2018 Q3 – – – 859 899 1.758" in appendix


def test_one_document_alone_draws_only_its_charts(tmp_path: Path, monkeypatch):
    def not_needed(figures):
        raise AssertionError("the factsheet does not show the report's charts")

    monkeypatch.setitem(pipeline.CHART_SETS, "kwartaalrapportage", not_needed)
    assert build(ROOT / "config.yaml", tmp_path, "--document", "factsheet") == 0
    written = sorted(path.name for path in (tmp_path / "2018-Q4" / "gooi-en-vechtstreek").iterdir())
    # The PDF and the web edition of the factsheet, the web edition's index and styles, and
    # the record of the figures published.
    stem = NAME.removesuffix(".pdf")
    record = stem.replace("factsheet", "cijfers")
    assert written == sorted(
        [NAME, f"{stem}.html", f"{stem}-fragment.html", "index.html", "banenafspraak-web.css"]
        + [f"{record}.json", f"{record}.csv"]
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
    assert "met de doelstelling 2018" not in text and "gearceerde" not in text
    assert "Het aantal extra banen ligt 7 banen boven de doelstelling." in text
    assert "gehaald" not in text  # the factsheet states, it does not judge
    assert "boven het niveau van de doelstelling van eind 2018" in figure_alts(pdf)[0]
    assert len(pypdf.PdfReader(pdf).pages) == 4
