"""No text in the PDFs is printed smaller than 7 pt, the charts' text above all.

A chart is SVG with real text, so its text reaches the PDF as text: its printed size is the SVG
font size times the scale at which WeasyPrint lays the chart out. The checks here read every
text run of every page from the content stream (the Tf size, through the text matrix and the
current transformation matrix), as printed, and tell a chart's text by the /Figure marked
content around it. Three quarters, each with all three documents: the last of the example
data, a quarter that is not a year's last, and an early one with short series.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT, build

from banenafspraak.render.pdf_repair.pdf_text import IDENTITY, Matrix, multiply

SMALLEST = 7.0  # points, as printed
DOCUMENTS = ("kwartaalrapportage", "factsheet", "agendavoorstel")
QUARTERS = ("2018-Q4", "2018-Q3", "2016-Q2")
REGION = "gooi-en-vechtstreek"


@dataclass(frozen=True)
class Run:
    """One text-showing operator: its printed size in points, page and text."""

    size: float
    page: int
    text: str
    in_figure: bool


def _unicode_map(font: pikepdf.Dictionary) -> dict[int, str]:
    """The font's ToUnicode CMap as code -> text (bfchar and bfrange entries)."""
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    data = stream.read_bytes().decode("latin-1")
    table: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            table[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, text in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block
        ):
            start = int(text, 16)
            for offset in range(int(high, 16) - int(low, 16) + 1):
                table[int(low, 16) + offset] = chr(start + offset)
    return table


class _Reader:
    def __init__(self) -> None:
        self.maps: dict[tuple[int, int], dict[int, str]] = {}
        self.runs: list[Run] = []

    def decode(self, font: pikepdf.Dictionary, raw: bytes) -> str:
        key = font.objgen
        if key not in self.maps:
            self.maps[key] = _unicode_map(font)
        table = self.maps[key]
        if font.get("/Subtype") == "/Type0":  # WeasyPrint's fonts: two-byte codes
            codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
        else:
            codes = list(raw)
        return "".join(table.get(code, "\ufffd") for code in codes)

    def read(self, owner, resources, ctm: Matrix, page: int, tags: list[str]) -> None:
        saved: list[Matrix] = []
        tm = line = IDENTITY
        font, size, leading = None, 0.0, 0.0
        tags = list(tags)
        for operands, operator in pikepdf.parse_content_stream(owner):
            op = str(operator)
            if op == "q":
                saved.append(ctm)
            elif op == "Q":
                ctm = saved.pop()
            elif op == "cm":
                ctm = multiply(tuple(float(x) for x in operands), ctm)
            elif op in ("BDC", "BMC"):
                tags.append(str(operands[0]))
            elif op == "EMC":
                tags.pop()
            elif op == "BT":
                tm = line = IDENTITY
            elif op == "Tf":
                font, size = resources.Font[operands[0]], float(operands[1])
            elif op == "TL":
                leading = float(operands[0])
            elif op == "Tm":
                tm = line = tuple(float(x) for x in operands)
            elif op in ("Td", "TD"):
                tx, ty = (float(x) for x in operands)
                if op == "TD":
                    leading = -ty
                tm = line = multiply((1, 0, 0, 1, tx, ty), line)
            elif op in ("T*", "'", '"'):
                tm = line = multiply((1, 0, 0, 1, 0, -leading), line)
            if op in ("Tj", "TJ", "'", '"'):
                if op == "TJ":
                    raw = b"".join(bytes(x) for x in operands[0] if isinstance(x, pikepdf.String))
                else:
                    raw = bytes(operands[-1])
                m = multiply(tm, ctm)
                # The glyphs' height: the text space's vertical unit as printed.
                printed = size * math.hypot(m[2], m[3])
                self.runs.append(Run(printed, page, self.decode(font, raw), "/Figure" in tags))
            elif op == "Do":
                xobject = resources.XObject[operands[0]]
                if xobject.get("/Subtype") == "/Form":
                    matrix = tuple(float(x) for x in xobject.get("/Matrix", IDENTITY))
                    inner = xobject.get("/Resources", resources)
                    self.read(xobject, inner, multiply(matrix, ctm), page, tags)


def text_runs(path: Path) -> list[Run]:
    """Every text run of the PDF with its printed size; empty runs (spaces) left out."""
    reader = _Reader()
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            reader.read(page, page.Resources, IDENTITY, number, [])
    return [run for run in reader.runs if run.text.strip()]


def _too_small(runs: list[Run]) -> list[Run]:
    return [run for run in runs if round(run.size, 2) < SMALLEST]


def _describe(path: Path, runs: list[Run]) -> str:
    words = sum(len(run.text.split()) for run in runs)
    shown = ", ".join(f"p{r.page} {r.size:.2f} pt {r.text!r}" for r in runs[:12])
    return f"{path.name}: {len(runs)} runs ({words} words) under {SMALLEST} pt: {shown}"


@pytest.fixture(scope="module")
def built(example: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The output folder of each quarter: the session's example for 2018-Q4, the others
    built here (PDF only)."""
    folders = {"2018-Q4": example}
    output = tmp_path_factory.mktemp("text-size")
    for quarter in QUARTERS[1:]:
        assert build(ROOT / "config.yaml", output, "--periode", quarter, "--formaat", "pdf") == 0
        folders[quarter] = output / quarter / REGION
    return folders


@pytest.fixture(scope="module")
def runs(built: dict[str, Path]) -> dict[Path, list[Run]]:
    return {
        path: text_runs(path)
        for quarter, folder in built.items()
        for document in DOCUMENTS
        for path in [folder / f"{document}-{REGION}-{quarter}.pdf"]
    }


def test_the_reader_sees_the_charts_and_the_text(runs):
    for path, found in runs.items():
        assert any(not run.in_figure and 9 <= run.size <= 11 for run in found), path.name
        if not path.name.startswith("agendavoorstel"):
            assert sum(run.in_figure for run in found) > 50, path.name
    factsheet = runs[next(p for p in runs if p.name == f"factsheet-{REGION}-2018-Q4.pdf")]
    assert "Uitzend/detachering" in [run.text for run in factsheet if run.in_figure]


def test_no_chart_text_is_printed_under_7_pt(runs):
    problems = [
        _describe(path, small)
        for path, found in runs.items()
        if (small := _too_small([run for run in found if run.in_figure]))
    ]
    assert not problems, "\n".join(problems)


def test_no_other_text_is_printed_under_7_pt(runs):
    """The text around the charts too, footnote calls among it (::footnote-call is 7 pt)."""
    problems = [
        _describe(path, small)
        for path, found in runs.items()
        if (small := _too_small([r for r in found if not r.in_figure]))
    ]
    assert not problems, "\n".join(problems)
