"""The agendavoorstel for the Werkkamer: one page that points to the other two documents."""

from pathlib import Path

import pypdf
from conftest import ROOT, build, copy_project, figure_alts, pdf_text

from banenafspraak.run import pipeline

DOCUMENT = "agendavoorstel"
NAME = f"{DOCUMENT}-gooi-en-vechtstreek-2018-Q4.pdf"


def test_one_page(pdf: Path, text: str):
    assert len(pypdf.PdfReader(pdf).pages) == 1
    assert "Pagina 1 van 1" in text


def test_meeting_details(text: str):
    assert "Aan Werkkamer regio Gooi en Vechtstreek" in text
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
    # The adviser's own proposals from config.yaml follow the three fixed ones: discussing
    # the state of affairs stays, whatever the adviser adds.
    assert (
        "(bijlage 2); de stand van zaken te bespreken en daarbij na te gaan wat deze betekent voor "
        "de inzet van de partners in de komende maanden; de leden uit te nodigen" in proposals
    )
    assert "die het convenant voor eind 2019 onder hun verantwoordelijkheid noemt." in proposals
    # The numbers are list markers, so a screen reader announces a list of five.
    lists = [node for node in _structure(pdf) if node.get("/S") == "/L" and len(_kids(node)) == 5]
    assert lists


def test_state_of_affairs_from_the_figures(text: str):
    state = text[text.index("Stand van zaken") : text.index("Bijlagen")]
    for expected in [
        "447 extra banen ten opzichte van de nulmeting",
        "De doelstelling voor eind 2018 is 493 extra banen; daarvan is 91% gerealiseerd",
        "Het verschil met de doelstelling is 46 banen.",
        "In 2018 kwamen er 103 banen bij, tegen 206 in het inhaaljaar 2017.",
        "Sinds de nulmeting is het aantal banen in de regio met 87% gegroeid, tegen 71% landelijk.",
        "per saldo met 39 toegenomen. Het terugdraaien van de t+2-maatregel leverde daarbij",
        "Op 31 december 2018 stonden 1.777 personen in het doelgroepregister; van hen werkten",
        "In een jaar tijd groeide het register met 136 personen.",
        "samen werkt 47%, tegen 43% landelijk",
        "steeg het aantal werkvinders van 51 naar 56 en daalde het aantal werkverliezers van 49",
        "18 personen in nieuw beschut werk; de taakstelling voor eind 2018 is 31 plaatsen en het",
        "plaatsingspercentage volgens UWV 56%.",
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
        "Agendavoorstel Werkkamer regio Gooi en Vechtstreek: kwartaalcijfers banenafspraak "
        "vierde kwartaal 2018"
    )
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    assert figure_alts(pdf) == []


def test_without_a_meeting_date(tmp_path: Path, monkeypatch):
    config = copy_project(tmp_path)
    config.write_text(
        "".join(
            line
            for line in config.read_text(encoding="utf-8").splitlines(keepends=True)
            if line != "    werkkamer_vergadering: 2019-05-15\n"
        ),
        encoding="utf-8",
    )

    def not_needed(figures):
        raise AssertionError("the agendavoorstel shows no charts")

    for name in pipeline.CHART_SETS:
        monkeypatch.setitem(pipeline.CHART_SETS, name, not_needed)
    assert build(config, tmp_path / "out", "--document", "agendavoorstel") == 0
    folder = tmp_path / "out" / "2018-Q4" / "gooi-en-vechtstreek"
    records = [f"cijfers-gooi-en-vechtstreek-2018-Q4{suffix}" for suffix in (".csv", ".json")]
    assert sorted(path.name for path in folder.iterdir()) == [NAME, *records]
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


def test_author_name_and_role(text: str, example: Path):
    role = "adviseur Werkgeversdienstverlening UWV in de regio Gooi en Vechtstreek"
    assert f"Van M. Jansen, {role}" in text
    report = pdf_text(example / "kwartaalrapportage-gooi-en-vechtstreek-2018-Q4.pdf")
    assert f"Deze rapportage is op 30 april 2019 opgesteld door M. Jansen, {role}." in report


def test_without_own_proposals_the_discussion_item_closes_the_list(tmp_path: Path):
    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8")
    start = text.index("voorstellen:")
    end = text.index("# Eigen duiding")
    text = text[:start] + text[end:]
    config.write_text(text.replace("auteur: M. Jansen\n", ""), encoding="utf-8")
    assert build(config, tmp_path, "--document", "agendavoorstel") == 0
    shown = pdf_text(tmp_path / "2018-Q4" / "gooi-en-vechtstreek" / NAME)
    proposals = shown[shown.index("Voorstel") : shown.index("Toelichting")]
    assert "(bijlage 2); de stand van zaken te bespreken" in proposals
    assert "Van adviseur Werkgeversdienstverlening UWV" in shown  # no name given


def test_another_quarter_has_only_its_own_proposals(tmp_path: Path, capsys):
    """2018-Q3's section in the example has no proposals: none of 2018-Q4's, and no warning."""
    config = copy_project(tmp_path)
    period = ("--periode", "2018-Q3", "--document", "agendavoorstel")
    assert build(config, tmp_path, *period) == 0
    assert "voorstellen" not in capsys.readouterr().err
    shown = pdf_text(tmp_path / "2018-Q3" / "gooi-en-vechtstreek" / NAME.replace("Q4", "Q3"))
    proposals = shown[shown.index("Voorstel") : shown.index("Toelichting")]
    assert "werkverliezers" not in proposals
    assert "de stand van zaken te bespreken" in proposals


def test_proposals_with_a_period_and_a_list_are_refused_in_dutch(tmp_path: Path, capsys):
    """The old form (periode + lijst) inside a quarter's section: the section says the quarter."""
    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8").replace(
        "    voorstellen:\n", "    voorstellen:\n      periode: 2018-Q4\n      lijst:\n", 1
    )
    config.write_text(text, encoding="utf-8")
    assert build(config, tmp_path, "--check") == 1
    message = capsys.readouterr().err
    assert "veld 'kwartalen.2018-Q4.voorstellen'" in message
    assert "zet de voorstellen direct als lijst onder 'voorstellen:'" in message
