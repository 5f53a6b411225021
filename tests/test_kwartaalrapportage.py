"""The kwartaalrapportage PDF, read back as a user's PDF reader would."""

from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, build, copy_project, figure_alts, pdf_text

from banenafspraak.charts.drawing import ALT_LIMIT

DOCUMENT = "kwartaalrapportage"
NAME = f"{DOCUMENT}-gooi-en-vechtstreek-2018-Q4.pdf"


@pytest.mark.parametrize(
    "expected",
    [
        "447 extra banen",
        "daarvan is 91% gerealiseerd",
        "met 87% gegroeid",
        "962 banen",
        "1.777 personen",
        "per saldo met 39 toegenomen. Het terugdraaien van de t+2-maatregel leverde daarbij "
        "eenmalig 9 banen op; zonder deze correctie was de toename 30 banen.",
        "In 2018 kwamen er 103 banen bij, tegen 206 in het inhaaljaar 2017.",
        "Sinds de nulmeting kwamen er gemiddeld 75 banen per jaar bij.",
        "samen werkt 47%",
        "56 personen werk (werkvinders)",
        "47 personen hun werk (werkverliezers)",
    ],
)
def test_reference_figures_are_in_the_text(text: str, expected: str):
    assert expected in text


def test_sentences_follow_the_data(text: str):
    assert "per saldo met 39 toegenomen" in text
    assert "Dit percentage is lager dan het landelijke (123%)." in text  # 91% against 123%
    assert "hoger dan het landelijke aandeel van 43%" in text
    assert (
        "heeft de regio de doelstelling voor eind 2018 niet gehaald; het tekort is 46 banen" in text
    )


def test_parts_in_order(text: str):
    headings = [
        "Inleiding",
        "Hoofdpunten",
        "1 Banen",
        "1.1 ",
        "1.2 ",
        "1.3 ",
        "2 Doelgroep",
        "2.1 ",
        "2.2 ",
        "2.3 ",
        "2.4 ",
        "2.5 ",
        "3 Kandidatenverkenner",
        "4 Nieuw beschut werk",
        "Verantwoording",
        "Bronnen",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "Beoordeling arbeidsvermogen" not in text  # no data given for it


def test_page_count_and_running_footer(pdf: Path, text: str):
    pages = len(pypdf.PdfReader(pdf).pages)
    assert 5 <= pages <= 7
    assert f"Pagina {pages} van {pages}" in text


def test_metadata_title_and_language(pdf: Path):
    reader = pypdf.PdfReader(pdf)
    assert (
        reader.metadata.title == "Kwartaalrapportage Banenafspraak Gooi en Vechtstreek april 2019"
    )
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert [item["/Title"] for item in reader.outline if isinstance(item, dict)][:3] == [
        "Kwartaalrapportage Banenafspraak april 2019"
    ]


def test_every_chart_has_a_short_alt_text_from_its_data(pdf: Path):
    alts = figure_alts(pdf)
    assert len(alts) == 8
    assert all(alt and len(alt) <= ALT_LIMIT for alt in alts)
    assert "In 2018 Q4: 447 extra banen, doelstelling 493." in alts[0]
    assert "In 2018 Q4: 39 banen erbij, waarvan 9 door een eenmalige correctie." in alts[2]
    assert "markt 779 (81%)" in alts[3]


def test_every_chart_has_its_numbers_in_the_appendix(text: str):
    appendix = text[text.index("Bijlage: cijfers bij de figuren") :]
    assert text.count("Cijfers in de bijlage.") == 8
    for row in [
        "2018 Q4 447 493",  # extra jobs and the year's target
        "2018 493 447",  # yearly target and realised
        "2018 Q4 39 9",  # jobs added, of which the correction
        "Markt 779 81%",
        "Samen 47% 43% 55%",
        "2018 Q4 56 47",  # werkvinders, werkverliezers
    ]:
        assert row in appendix


def test_chart_text_is_real_text(text: str):
    # Tick labels of the charts are text, not glyph outlines.
    assert "2017 Q1" in text and "Werkverliezers" in text


def test_same_input_gives_identical_bytes(pdf: Path, tmp_path: Path):
    assert build(ROOT / "config.yaml", tmp_path, "--document", "kwartaalrapportage") == 0
    again = tmp_path / "2018-Q4" / "gooi-en-vechtstreek" / NAME
    assert again.read_bytes() == pdf.read_bytes()


def test_an_earlier_quarter_from_the_same_data(tmp_path: Path):
    assert build(ROOT / "config.yaml", tmp_path, "--periode", "2018-Q3") == 0
    pdf = (
        tmp_path
        / "2018-Q3"
        / "gooi-en-vechtstreek"
        / "kwartaalrapportage-gooi-en-vechtstreek-2018-Q3.pdf"
    )
    text = pdf_text(pdf)
    assert "Cijfers tot en met het derde kwartaal van 2018" in text
    assert "408 extra banen" in text  # 923 - 515
    assert "daarvan is 83% gerealiseerd" in text  # 408 / 493
    assert "per saldo met 21 toegenomen." in text  # 923 - 902, no correction this quarter
    assert "1.758 personen" in text
    assert "51 personen werk (werkvinders)" in text
    assert (
        "In de eerste drie kwartalen van 2018 zijn langs deze weg 21 personen in het register"
        in text
    )  # year to date
    assert "962" not in text  # nothing of 2018-Q4 leaks into the earlier report
    # During the year the gap is what is still needed, not what was missed.
    assert "Om de doelstelling voor eind 2018 te halen, zijn in de rest van het jaar nog 85" in text
    # like with like: three quarters against the same three quarters of 2017 (810 - 653)
    assert (
        "In de eerste drie kwartalen van 2018 kwamen er 64 banen bij, tegen 157 in dezelfde "
        "periode van 2017." in text
    )
    assert "tegen 52 in dezelfde periode van 2017" in text  # praktijkroute, same quarters


def test_assessment_section_only_when_its_data_is_given(tmp_path: Path):
    config = copy_project(tmp_path)
    (tmp_path / "data" / "arbeidsvermogen.csv").write_text(
        "regio;jaar;wajong_2015;banenafspraak;beschut_werk\n"
        "Gooi en Vechtstreek;2017;12;85;20\n"
        "Gooi en Vechtstreek;2018;9;1.104;23\n",
        encoding="utf-8",
    )
    assert build(config, tmp_path, "--document", "kwartaalrapportage") == 0
    text = pdf_text(next(tmp_path.rglob("kwartaalrapportage-*.pdf")))
    assert "3 Beoordeling arbeidsvermogen" in text
    assert "2018 9 1.104 23" in text
    # The sections after it are numbered on.
    assert "4 Kandidatenverkenner banenafspraak" in text and "5 Nieuw beschut werk" in text
