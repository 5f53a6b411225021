"""What a document may read and show: only the allowed formatting, only files under templates/."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import build, copy_project, pdf_text

from banenafspraak.figures import commentary
from banenafspraak.render import documents

HOSTILE = """Gewone **tekst** blijft.

<img src="file:///etc/passwd"> en ![plaatje](http://127.0.0.1:9/beeld.png)

Een [link](file:///etc/passwd) houdt alleen zijn tekst.

<script>alert(1)</script>
"""


def test_commentary_keeps_only_the_allowed_formatting():
    html = str(commentary.to_html(HOSTILE))
    assert "<strong>tekst</strong>" in html
    assert "Een link houdt alleen zijn tekst." in html
    for forbidden in ("<img", "<script", "<a", 'passwd"', "http://", "src="):
        assert forbidden not in html


@pytest.fixture()
def fetched(monkeypatch) -> list[str]:
    """Every URL that WeasyPrint actually opens, past our fetcher's refusal."""
    seen: list[str] = []
    original = documents.URLFetcher.fetch

    def spy(self, url, headers=None):
        seen.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(documents.URLFetcher, "fetch", spy)
    return seen


def test_fetcher_refuses_everything_outside_templates(fetched, tmp_path: Path):
    html = (
        '<html lang="nl-NL"><head><title>t</title><link rel="stylesheet" href="style.css"></head>'
        '<body><p>Tekst</p><img src="file:///etc/passwd" alt="a">'
        '<img src="http://127.0.0.1:9/beeld.png" alt="b">'
        '<img src="../pyproject.toml" alt="c"></body></html>'
    )
    pdf, _ = documents.render_pdf(html, "t.pdf", created=date(2019, 4, 30))
    (tmp_path / "t.pdf").write_bytes(pdf)
    templates = documents.TEMPLATES.as_uri()
    assert fetched, "the stylesheet and fonts should have been read"
    assert all(url.startswith((templates + "/", "data:")) for url in fetched), fetched
    assert "root:" not in pdf_text(tmp_path / "t.pdf")


def test_hostile_commentary_in_a_real_build(fetched, tmp_path: Path):
    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8")
    indented = "\n".join("        " + line for line in HOSTILE.splitlines())
    # Under 2018-Q4's duiding, the last section of the file.
    config.write_text(text + f"      inleiding: |\n{indented}\n", encoding="utf-8")
    assert build(config, tmp_path / "reports", "--document", "kwartaalrapportage") == 0
    pdf = next((tmp_path / "reports").rglob("kwartaalrapportage-*.pdf"))
    shown = pdf_text(pdf)
    assert "Gewone tekst blijft." in shown and "Een link houdt alleen zijn tekst." in shown
    assert "root:" not in shown and "passwd" not in shown and "127.0.0.1" not in shown
    templates = documents.TEMPLATES.as_uri()
    assert all(url.startswith((templates + "/", "data:")) for url in fetched)
