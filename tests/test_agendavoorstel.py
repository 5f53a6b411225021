"""The agendavoorstel for the Werkkamer: one page that points to the other two documents."""

from pathlib import Path

import pypdf
from conftest import ROOT, build, copy_project, figure_alts, pdf_text

from banenafspraak import pipeline

DOCUMENT = "agendavoorstel"
NAME = f"{DOCUMENT}-gooi-en-vechtstreek-2018-Q4.pdf"


def test_one_page(pdf: Path, text: str):
    assert len(pypdf.PdfReader(pdf).pages) == 1
    assert "Pagina 1 van 1" in text


def test_meeting_details(text: str):
    assert "Aan Werkkamer Gooi en Vechtstreek" in text
    assert "Vergadering 15 mei 2019" in text
    assert "Datum 30 april 2019" in text


def test_parts_in_order(text: str):
    parts = ["Voorstel", "Toelichting", "Stand van zaken", "Bijlagen"]
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions)


def test_numbered_proposals(pdf: Path, text: str):
    proposals = text[text.index("Voorstel") : text.index("Toelichting")]
    assert "kennis te nemen van de kwartaalrapportage" in proposals
    assert "kennis te nemen van de factsheet" in proposals
    assert "bespreken" in proposals
    # The numbers are list markers, so a screen reader announces a list of three.
    lists = [node for node in _structure(pdf) if node.get("/S") == "/L" and len(_kids(node)) == 3]
    assert lists


def test_state_of_affairs_from_the_figures(text: str):
    state = text[text.index("Stand van zaken") : text.index("Bijlagen")]
    for expected in [
        "447 extra banen sinds de nulmeting",
        "91% van de doelstelling voor 2018 (493)",
        "niet gehaald: er ontbreken 46 banen",
        "De banengroei in 2018 bedraagt +103 banen; in heel 2017 was dat +206.",
        "toegenomen (+39): 30 door gewone groei en 9 door het terugdraaien van de t+2-maatregel",
        "In het doelgroepregister staan 1.777 personen; van hen werken er 864.",
        "samen werkt 47%, landelijk 43%",
        "56 personen werk (werkvinders)",
        "47 personen hun werk (werkverliezers)",
    ]:
        assert expected in state


def test_attachments_by_the_titles_of_the_other_documents(example: Path, text: str):
    attachments = text[text.index("Bijlagen") :]
    for other in ("kwartaalrapportage", "factsheet"):
        title = pypdf.PdfReader(example / f"{other}-gooi-en-vechtstreek-2018-Q4.pdf").metadata.title
        assert f"{title} (PDF)" in attachments


def test_metadata_and_no_charts(pdf: Path):
    reader = pypdf.PdfReader(pdf)
    assert reader.metadata.title == (
        "Agendavoorstel Werkkamer: kwartaalcijfers banenafspraak vierde kwartaal 2018"
    )
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    assert figure_alts(pdf) == []


def test_without_a_meeting_date(tmp_path: Path, monkeypatch):
    config = copy_project(tmp_path)
    config.write_text(
        "".join(
            line
            for line in config.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith("werkkamer_vergadering:")
        ),
        encoding="utf-8",
    )

    def not_needed(figures):
        raise AssertionError("the agendavoorstel shows no charts")

    for name in pipeline.CHART_SETS:
        monkeypatch.setitem(pipeline.CHART_SETS, name, not_needed)
    assert build(config, tmp_path / "out", "--document", "agendavoorstel") == 0
    folder = tmp_path / "out" / "2018-Q4" / "gooi-en-vechtstreek"
    assert [path.name for path in folder.iterdir()] == [NAME]
    assert "Vergadering eerstvolgende vergadering van de Werkkamer" in pdf_text(folder / NAME)


def test_same_input_gives_identical_bytes(pdf: Path, tmp_path: Path):
    assert build(ROOT / "config.yaml", tmp_path, "--document", "agendavoorstel") == 0
    again = tmp_path / "2018-Q4" / "gooi-en-vechtstreek" / NAME
    assert again.read_bytes() == pdf.read_bytes()


def _kids(node) -> list:
    kids = node.get("/K")
    return kids if isinstance(kids, list) else [] if kids is None else [kids]


def _structure(pdf: Path) -> list[dict]:
    """Every node of the PDF's structure tree."""
    found = []

    def walk(node) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if not isinstance(node, dict):
            return
        found.append(node)
        for kid in _kids(node):
            walk(kid)

    walk(pypdf.PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"])
    return found
