"""The switch that turns off everything reaching into WeasyPrint's private modules
(banenafspraak/render/weasyprint_internals): the example still builds, with the same text and
the same pages, and nothing of that folder but its switchboard is loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import page
import pypdf
import pytest
from conftest import ROOT, pdf_text
from pdf_checks import structure_problems

from banenafspraak.render.weasyprint_internals import SWITCH

DOCUMENTS = ("kwartaalrapportage", "factsheet", "agendavoorstel")
STEM = "gooi-en-vechtstreek-2018-Q4"


def build_without_internals(output: Path) -> dict:
    """Build the example in a fresh process with the switch off; report what it loaded. On
    one core, so that this process renders every document itself (a parallel build renders
    in child processes; see forked.available)."""
    code = (
        "import json, os, sys\n"
        "os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})\n"
        "from banenafspraak.run import cli\n"
        f"code = cli.main(['--uitvoer', {str(output)!r}])\n"
        "import weasyprint.svg\n"
        "print(json.dumps({'code': code, 'modules': sorted(m for m in sys.modules\n"
        "    if m.startswith('banenafspraak.render.weasyprint_internals')),\n"
        "    'text': weasyprint.svg.text.__module__}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, SWITCH: "0"},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def without(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    output = tmp_path_factory.mktemp("zonder")
    loaded = build_without_internals(output)
    return output / "2018-Q4" / "gooi-en-vechtstreek", loaded


def test_the_switch_loads_nothing_but_the_switchboard(without):
    _, loaded = without
    assert loaded["code"] == 0
    assert loaded["modules"] == ["banenafspraak.render.weasyprint_internals"]
    assert loaded["text"] == "weasyprint.svg.text"  # WeasyPrint's own label drawing


@pytest.mark.parametrize("document", DOCUMENTS)
def test_without_internals_the_text_and_pages_are_the_same(document, without, example):
    folder, _ = without
    ours, theirs = example / f"{document}-{STEM}.pdf", folder / f"{document}-{STEM}.pdf"
    assert len(pypdf.PdfReader(theirs).pages) == len(pypdf.PdfReader(ours).pages)
    # Compared without spaces: drawn letter by letter, a chart label's words may be read
    # with other spacing.
    assert pdf_text(theirs).replace(" ", "") == pdf_text(ours).replace(" ", "")
    # The internals draw the charts (and tag footnotes): there, and only there, they show.
    charted = document != "agendavoorstel"
    assert (theirs.read_bytes() != ours.read_bytes()) == charted


def test_without_internals_the_web_pages_are_the_same(without, example):
    folder, _ = without
    pages = [path for path in sorted(example.glob("*.html")) if path.name != "index.html"]
    assert len(pages) == 4  # index.html differs: it names each PDF's size
    for path in pages:
        assert (folder / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize("document", DOCUMENTS)
def test_without_internals_the_pdfs_are_still_pdf_ua(document, without):
    """Still PDF/UA-1 by the validator and our own checks; what is lost is named in the
    folder's docstring (a section split by a page stays two elements)."""
    folder, _ = without
    path = folder / f"{document}-{STEM}.pdf"
    report = page.validate_pdf(path, profile="ua1")
    assert (report.rules.failed, report.checks.failed) == (0, 0)
    assert structure_problems(path) == []
