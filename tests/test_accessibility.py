"""PDF/UA-1: a validator and our own checks on every built PDF, and proof that each check
can fail (a broken PDF, and each repair of pdf_structure left out)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import page
import pikepdf
import pytest
from conftest import ROOT, build, compute_figures
from pdf_checks import (
    block_texts,
    catalog_problems,
    elements,
    figure_problems,
    glued_words,
    headers_problems,
    marked_content_problems,
    scope_problems,
    struct_tree,
    structure_problems,
)
from pikepdf import Array, Dictionary, Name

from banenafspraak.charts import drawing
from banenafspraak.charts.drawing import ALT_LIMIT
from banenafspraak.charts.factsheet_charts import factsheet_charts
from banenafspraak.charts.report_charts import report_charts
from banenafspraak.render import documents
from banenafspraak.render.pdf_repair import pdf_content, pdf_structure
from banenafspraak.run import forked

DOCUMENTS = ["kwartaalrapportage", "factsheet", "agendavoorstel"]
REGION = "gooi-en-vechtstreek"


@pytest.fixture(scope="session")
def other_quarter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All documents for 2018-Q3: other numbers, other line breaks."""
    output = tmp_path_factory.mktemp("q3")
    assert build(ROOT / "config.yaml", output, "--periode", "2018-Q3") == 0
    return output / "2018-Q3" / REGION


@pytest.fixture(params=[(d, q) for q in ("2018-Q4", "2018-Q3") for d in DOCUMENTS], ids=str)
def built(request: pytest.FixtureRequest, example: Path) -> Path:
    document, quarter = request.param
    folder = example if quarter == "2018-Q4" else request.getfixturevalue("other_quarter")
    return folder / f"{document}-{REGION}-{quarter}.pdf"


def _validate(path: Path) -> list[str]:
    report = page.validate_pdf(path, profile="ua1")
    failures = [f"{f.rule_id}: {f.message}" for f in report.failures]
    if report.rules.failed or report.checks.failed:
        failures.append(f"{report.rules.failed} rules, {report.checks.failed} checks failed")
    return failures


def test_validator_passes(built: Path):
    assert _validate(built) == []


def test_structure_checks_pass(built: Path):
    assert structure_problems(built) == []


def test_no_words_run_together_across_lines(built: Path):
    assert glued_words(built) == []


def test_alt_texts_stay_short_for_the_longest_region_name():
    figures = compute_figures(ROOT / "config.yaml")
    figures = dataclasses.replace(figures, region="Stedendriehoek en Noordwest Veluwe")
    drawing.setup()
    drawn = {**report_charts(figures), **factsheet_charts(figures)}
    assert len(drawn) == 12
    assert max(len(chart.alt) for chart in drawn.values()) <= ALT_LIMIT
    # Each chart's table holds every point the chart draws, not only the latest.
    assert len(drawn["extra-banen"].table.rows) == len(figures.jobs.extra_series)


def section_problems(path: Path) -> list[str]:
    """Each section is one element that opens with its heading: a Sect that opens with
    anything else is the rest of a section that a page break split."""
    sections = [node for node in struct_tree(path).walk() if node.kind == "Sect"]
    return [
        f"a Sect opens with {opening.kind}: {opening.text()[:40]}"
        for section in sections
        if (opening := next(c for c in section.children if not isinstance(c, str))).kind
        not in ("H1", "H2", "H3")
    ]


def note_problems(path: Path) -> list[str]:
    """Each Note sits in the paragraph that calls it."""
    tree = struct_tree(path)
    parents = {id(c): n for n in tree.walk() for c in n.children if not isinstance(c, str)}
    return [
        f"{note.id} is in a {parents[id(note)].kind}"
        for note in tree.walk()
        if note.kind == "Note" and parents[id(note)].kind != "P"
    ]


@pytest.mark.parametrize("quarter", ["2018-Q4", "2018-Q3"])
@pytest.mark.parametrize("document", ["kwartaalrapportage", "factsheet"])
def test_a_section_split_by_a_page_is_one_element(document, quarter, example, request):
    folder = example if quarter == "2018-Q4" else request.getfixturevalue("other_quarter")
    assert section_problems(folder / f"{document}-{REGION}-{quarter}.pdf") == []


def test_line_end_space_in_the_tagged_text(tmp_path: Path):
    # A narrow paragraph breaks after every word or two.
    html = (
        '<!DOCTYPE html><html lang="nl-NL"><head><title>Proef</title></head><body>'
        '<p style="width: 2.2cm">Gooi en Vechtstreek op een rij gezet</p></body></html>'
    )
    pdf, _ = documents.render_pdf(html, "proef.pdf", date(2019, 4, 30))
    path = tmp_path / "proef.pdf"
    path.write_bytes(pdf)
    (paragraph,) = [node for node in struct_tree(path).walk() if node.kind == "P"]
    assert len([c for c in paragraph.children if not isinstance(c, str)]) >= 3  # lines
    assert paragraph.text().strip() == "Gooi en Vechtstreek op een rij gezet"


# The factsheet's "Cijfers in het kort": each value with its row and column headers.
KORT_ROWS = {
    "Banen": ["962", "515", "+447", "859", "+103", "923", "+39"],
    "Personen": ["1.777", "2.299", "-522", "1.641", "+136", "1.758", "+19"],
    "Werkzame personen": ["864", "492", "+372", "781", "+83", "859", "+5"],
}
KORT_COLUMNS = [
    ["2018 Q4"],
    ["Nulmeting (eind 2012)", "aantal"],
    ["Nulmeting (eind 2012)", "verschil"],
    ["Een jaar eerder (2017 Q4)", "aantal"],
    ["Een jaar eerder (2017 Q4)", "verschil"],
    ["Vorig kwartaal (2018 Q3)", "aantal"],
    ["Vorig kwartaal (2018 Q3)", "verschil"],
]


def test_factsheet_table_cells_name_their_headers(example: Path):
    tree = struct_tree(example / f"factsheet-{REGION}-2018-Q4.pdf")
    table = next(node for node in tree.walk() if node.kind == "Table")
    headers = {node.id: node.text().strip() for node in table.walk() if node.kind == "TH"}
    body = next(node for node in table.walk() if node.kind == "TBody")
    announced = [
        (cell.text().strip(), [headers[i] for i in re.findall(r"\(([^)]*)\)", ids)])
        for cell in body.walk()
        if cell.kind == "TD" and (ids := cell.attributes.get("/Headers")) is not None
    ]
    expected = [
        (value, [row, *column])
        for row, values in KORT_ROWS.items()
        for value, column in zip(values, KORT_COLUMNS, strict=True)
    ]
    assert announced == expected
    assert ("962", ["Banen", "2018 Q4"]) in announced


def test_factsheet_legend_is_a_list_of_terms_and_descriptions(example: Path):
    tree = struct_tree(example / f"factsheet-{REGION}-2018-Q4.pdf")
    (legend,) = [node for node in tree.walk() if node.kind == "L"]
    items = [child for child in legend.children if not isinstance(child, str)]
    assert [item.kind for item in items] == ["LI", "LI", "LI"]
    assert [[part.kind for part in item.children] for item in items] == [["Lbl", "LBody"]] * 3
    assert items[0].children[0].text() == "Wajong"


def test_footnotes_are_notes_right_after_their_call(example: Path):
    tree = struct_tree(example / f"kwartaalrapportage-{REGION}-2018-Q4.pdf")
    notes = [node for node in tree.walk() if node.kind == "Note"]
    assert [note.id for note in notes] == [f"voetnoot{n}" for n in range(1, 5)]
    assert "Eén baan staat voor 25,5 betaalde uren per week." in notes[1].text()
    for number, note in enumerate(notes, start=1):
        assert note.text().startswith(f"{number}. ")
        # The paragraph that calls the note holds it, right after the call.
        (paragraph,) = [n for n in tree.walk() if note in n.children]
        parts = [c for c in paragraph.children if not isinstance(c, str)]
        call = parts[parts.index(note) - 1]
        assert (paragraph.kind, call.kind, call.text()) == ("P", "Reference", str(number))


def test_running_headers_and_footers_are_pagination_artifacts(example: Path):
    path = example / f"kwartaalrapportage-{REGION}-2018-Q4.pdf"
    with pikepdf.open(path) as pdf:
        kinds = []
        for pdf_page in pdf.pages:
            found = [
                str(operands[1].Subtype)
                for operands, operator in pikepdf.parse_content_stream(pdf_page)
                if str(operator) == "BDC"
                and operands[0] == Name.Artifact
                and operands[1].get("/Type") == Name.Pagination
            ]
            kinds.append(sorted(found))
    # The first page has no running title; every page has 'UWV', its page number and the
    # notice that the example holds illustrative figures (templates/_illustratief.html.j2).
    assert kinds[0] == ["/Footer", "/Footer", "/Footer"]
    assert all(k == ["/Footer", "/Footer", "/Footer", "/Header", "/Header"] for k in kinds[1:])
    tagged = " ".join(block_texts(struct_tree(path)))
    assert "Pagina 1 van" not in tagged and "Pagina 2 van" not in tagged
    assert "niet alle cijfers zijn door UWV gepubliceerd" not in tagged


# --- Each check can fail ------------------------------------------------------------------


def _first(pdf: pikepdf.Pdf, tag: str) -> Dictionary:
    return next(element for element, _ in elements(pdf) if element.S == Name(tag))


def _drop_alt(pdf):
    del _first(pdf, "/Figure")["/Alt"]


def _long_alt(pdf):
    _first(pdf, "/Figure").Alt = pikepdf.String("Een grafiek. " * 30)


def _drop_scope(pdf):
    del _first(pdf, "/TH").A["/Scope"]


def _wrong_header(pdf):
    cell = next(e for e, _ in elements(pdf) if e.S == Name.TD and "/Headers" in e.A)
    cell.A.Headers = Array([pikepdf.String("bestaat-niet")])


def _drop_lang(pdf):
    del pdf.Root["/Lang"]


def _hide_title(pdf):
    pdf.Root.ViewerPreferences.DisplayDocTitle = False


def _drop_from_tree(pdf):
    paragraph = _first(pdf, "/P")
    paragraph.K = Array(list(paragraph.K)[1:])  # its first line is no longer in the tree


def _untag_text(pdf):
    first = pdf.pages[0]
    operations = [
        item
        for item in pikepdf.parse_content_stream(first)
        if str(item[1]) not in ("BDC", "BMC", "EMC")
    ]
    first.Contents = pdf.make_stream(pikepdf.unparse_content_stream(operations))


BREAKS: dict[str, tuple[Callable, Callable, str]] = {
    "alt removed": (_drop_alt, figure_problems, "a Figure without Alt"),
    "alt too long": (_long_alt, figure_problems, "Alt of 389 characters"),
    "scope dropped": (_drop_scope, scope_problems, "has no valid Scope"),
    "header wrong": (_wrong_header, headers_problems, "names bestaat-niet, which is no TH"),
    "language dropped": (_drop_lang, catalog_problems, "not nl-NL"),
    "title hidden": (_hide_title, catalog_problems, "DisplayDocTitle"),
    "line out of the tree": (_drop_from_tree, marked_content_problems, "outside the tree"),
    "text untagged": (_untag_text, marked_content_problems, "neither tagged nor an artifact"),
}


@pytest.mark.parametrize("name", BREAKS)
def test_each_check_fails_on_a_broken_pdf(name: str, example: Path):
    breaker, check, message = BREAKS[name]
    with pikepdf.open(example / f"factsheet-{REGION}-2018-Q4.pdf") as pdf:
        assert check(pdf) == []
        breaker(pdf)
        problems = check(pdf)
    assert any(message in problem for problem in problems), problems


@pytest.fixture(scope="module")
def unrepaired(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The documents as WeasyPrint writes them, before the repair, with the layout the
    repair is given."""
    captured = []

    def keep(pdf: bytes, layout: pdf_structure.Layout) -> bytes:
        captured.append((pdf, layout))
        return pdf

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_structure, "repair", keep)
        # Every document in this process, so that `keep` sees each (no forked child).
        patch.setattr(forked, "available", lambda: False)
        output = tmp_path_factory.mktemp("raw")
        assert build(ROOT / "config.yaml", output) == 0
    return dict(zip(DOCUMENTS, captured, strict=True))


def _left_out(part: str):
    """A repair step that does nothing (the content edits return no edits)."""
    return (lambda *args: []) if part.endswith("_edits") else (lambda *args: None)


WITHOUT = {
    "_repair_definition_lists": ("factsheet", _validate),
    "_repair_tables": ("factsheet", structure_problems),
    "_write_id_tree": ("factsheet", structure_problems),
    "_join_split_elements": ("kwartaalrapportage", section_problems),
    "_join_split_links": ("kwartaalrapportage", structure_problems),
    "_place_notes": ("kwartaalrapportage", note_problems),
    "pdf_content._artifact_edits": ("factsheet", structure_problems),
    "pdf_content._space_edits": ("factsheet", glued_words),
    "pdf_content._describe_links": ("kwartaalrapportage", structure_problems),
}


@pytest.mark.parametrize("part", WITHOUT)
def test_each_repair_is_needed(part: str, unrepaired, tmp_path: Path):
    document, check = WITHOUT[part]
    raw, layout = unrepaired[document]
    path = tmp_path / f"{document}.pdf"
    path.write_bytes(pdf_structure.repair(raw, layout))
    assert check(path) == []
    module, _, name = part.rpartition(".")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_content if module else pdf_structure, name, _left_out(name))
        path.write_bytes(pdf_structure.repair(raw, layout))
    assert check(path) != []


def test_repair_keeps_the_output_deterministic(unrepaired):
    raw, layout = unrepaired["kwartaalrapportage"]
    assert pdf_structure.repair(raw, layout) == pdf_structure.repair(raw, layout)
