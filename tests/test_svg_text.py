"""Chart labels drawn as whole runs (svg_text): in the same place as WeasyPrint's own
letter-by-letter drawing, anchored without a form XObject each, and read back as words."""

from __future__ import annotations

import base64
import re
import subprocess
from pathlib import Path

import pikepdf
import pypdf
import pytest
import weasyprint.svg
from weasyprint import HTML

from banenafspraak.render import documents
from banenafspraak.render.weasyprint_internals import svg_text


def _label(word: str, x: int, y: int, anchor: str, angle: int = 0, bold: bool = False) -> str:
    """A label as Matplotlib writes it: one x and y, the anchor in the style."""
    weight = "font-weight: 700; " if bold else ""
    style = f"{weight}font-size: 10px; font-family: 'Lato'; text-anchor: {anchor}; fill: #222222"
    return (
        f'<text style="{style}" x="{x}" y="{y}" transform="rotate(-{angle} {x} {y})">{word}</text>'
    )


LABELS = (
    '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" width="300pt" height="120pt" viewBox="0 0 300 120">'
    + _label("Wajong", 150, 20, "start")
    + _label("Participatiewet", 150, 50, "middle")
    + _label("1.777", 150, 80, "end", bold=True)
    + _label("Banen", 40, 100, "middle", angle=90)
    + "</svg>"
)
WORDS = ["Wajong", "Participatiewet", "1.777", "Banen"]


def _plain(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _pdf(tmp_path: Path, url: str, name: str) -> Path:
    """A page with only the SVG, at its corner, in the documents' Lato."""
    html = (
        '<html lang="nl"><head><style>@page { margin: 0 } body { margin: 0 }'
        "@font-face { font-family: Lato; src: url(fonts/Lato-Regular.ttf) }"
        "@font-face { font-family: Lato; font-weight: bold; src: url(fonts/Lato-Bold.ttf) }"
        f'</style></head><body><img src="{url}" alt="Labels"></body></html>'
    )
    path = tmp_path / name
    HTML(string=html, base_url=str(documents.TEMPLATES) + "/").write_pdf(path)
    return path


def _boxes(path: Path) -> dict[str, tuple[float, float, float, float]]:
    """Each word's box (xMin, yMin, xMax, yMax) in points, as pdftotext reads the page."""
    page = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)</word>',
        page,
    )
    return {word: tuple(map(float, box)) for *box, word in found}


def _forms(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return sum(
            1
            for item in pdf.objects
            if isinstance(item, pikepdf.Stream) and item.get("/Subtype") == "/Form"
        )


@pytest.fixture
def letter_by_letter(monkeypatch):
    """WeasyPrint's own SVG text drawing, for comparison."""
    for tag, function in list(weasyprint.svg.TAGS.items()):
        if function is svg_text.text:
            monkeypatch.setitem(weasyprint.svg.TAGS, tag, svg_text._letter_by_letter)
    monkeypatch.setattr(weasyprint.svg, "text", svg_text._letter_by_letter)


def test_installed_by_the_documents_module():
    assert weasyprint.svg.TAGS["text"] is svg_text.text
    assert weasyprint.svg.text is svg_text.text


def test_labels_stand_where_weasyprint_puts_them(tmp_path, letter_by_letter):
    theirs = _boxes(_pdf(tmp_path, _plain(LABELS), "theirs.pdf"))
    # Installed again for the second drawing: the fixture undoes itself only after the test.
    weasyprint.svg.TAGS["text"] = weasyprint.svg.text = svg_text.text
    ours = _boxes(_pdf(tmp_path, svg_text.for_pdf(LABELS.encode()), "ours.pdf"))
    assert set(WORDS) <= set(theirs) and set(WORDS) <= set(ours)
    anchors = {"Wajong": 0, "Participatiewet": 0.5, "1.777": 1}  # start, middle, end
    for word, share in anchors.items():
        ours_x0, ours_y0, ours_x1, ours_y1 = ours[word]
        their_x0, their_y0, their_x1, their_y1 = theirs[word]
        # The run is kerned ("Wa"), the letters one by one are not: the anchor point stays,
        # the width may differ by a few per cent.
        assert ours_x0 + share * (ours_x1 - ours_x0) == pytest.approx(
            their_x0 + share * (their_x1 - their_x0), abs=0.4
        ), word
        assert ours_x1 - ours_x0 == pytest.approx(their_x1 - their_x0, rel=0.03), word
        assert (ours_y0, ours_y1) == pytest.approx((their_y0, their_y1), abs=0.1), word
    rotated_ours, rotated_theirs = ours["Banen"], theirs["Banen"]
    assert rotated_ours == pytest.approx(rotated_theirs, abs=0.6)


def test_anchors_follow_the_svg(tmp_path):
    boxes = _boxes(_pdf(tmp_path, svg_text.for_pdf(LABELS.encode()), "ankers.pdf"))
    anchor = 150  # x=150 in a 300pt-wide SVG at the page's corner: 150 pt
    start, middle, end = boxes["Wajong"], boxes["Participatiewet"], boxes["1.777"]
    assert start[0] == pytest.approx(anchor, abs=0.6)
    assert (middle[0] + middle[2]) / 2 == pytest.approx(anchor, abs=0.6)
    assert end[2] == pytest.approx(anchor, abs=0.6)
    # The rotated label still stands upright along the axis: taller than wide.
    rotated = boxes["Banen"]
    assert rotated[3] - rotated[1] > rotated[2] - rotated[0]


def test_no_form_xobject_per_anchored_label(tmp_path, letter_by_letter):
    assert _forms(_pdf(tmp_path, _plain(LABELS), "theirs.pdf")) >= 3
    weasyprint.svg.TAGS["text"] = weasyprint.svg.text = svg_text.text
    assert _forms(_pdf(tmp_path, svg_text.for_pdf(LABELS.encode()), "ours.pdf")) == 0


def test_for_pdf_moves_only_the_anchor_of_labels():
    url = svg_text.for_pdf(LABELS.encode())
    svg = base64.b64decode(url.split(",", 1)[1]).decode()
    assert "text-anchor" not in svg
    assert svg.count('data-anchor="middle"') == 2  # also the rotated label's
    assert 'data-anchor="end"' in svg and 'data-anchor="start"' in svg
    assert "rotate(-0 " not in svg
    assert 'transform="rotate(-90 40 100)"' in svg


def test_letters_with_positions_of_their_own_keep_them(tmp_path):
    """SVG may place every letter: such text still goes through WeasyPrint's own code."""
    spaced = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="300pt" height="60pt" viewBox="0 0 300 60">'
        '<text style="font-size: 10px; font-family: Lato" x="10 60 110" y="30">ABC</text></svg>'
    )
    boxes = _boxes(_pdf(tmp_path, _plain(spaced), "letters.pdf"))
    # Three letters 50 units apart are three words to pdftotext, each where x put it.
    lefts = sorted(box[0] for box in boxes.values())
    assert len(lefts) == 3
    assert lefts[1] - lefts[0] == pytest.approx(50, abs=1)


def test_labels_on_one_baseline_read_as_separate_numbers(tmp_path):
    """Matplotlib writes a stacked chart row by row: the last label of one row and the first
    of the next can share a baseline, the second far to the left. Read back, they must stay
    two numbers (pypdf once joined '272' and '90' into '27290')."""
    row_end = _label("272", 250, 50, "middle")
    row_start = _label("90", 20, 51, "middle")
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="300pt" height="80pt" viewBox="0 0 300 80">'
        f"{row_end}{row_start}</svg>"
    )
    path = _pdf(tmp_path, svg_text.for_pdf(svg.encode()), "rij.pdf")
    text = pypdf.PdfReader(path).pages[0].extract_text()
    assert re.findall(r"\d+", text) == ["272", "90"]
