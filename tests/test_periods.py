"""Earlier quarters: every quarter of the example data builds or is refused by name, and parts
whose own data is missing are left out with a warning instead of stopping the build."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import ROOT, build, copy_project, pdf_text

REGION = "Gooi en Vechtstreek"


def example_quarters() -> list[str]:
    lines = (ROOT / "data" / "kwartaalcijfers.csv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader([line for line in lines if not line.startswith("#")], delimiter=";")
    return [row["kwartaal"] for row in rows if row["regio"] == REGION]


# The charts look back nine quarters and the comparisons need the fourth quarter of the two
# years before; the example data starts in 2016-Q1, so these are the quarters it can build.
BUILDABLE = {"2018-Q1", "2018-Q2", "2018-Q3", "2018-Q4"}


def drop_rows(path: Path, start: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(start)]
    assert len(kept) < len(lines), f"no line starts with {start!r}"
    path.write_text("".join(kept), encoding="utf-8")


@pytest.mark.parametrize("quarter", example_quarters())
def test_every_example_quarter_builds_or_names_what_it_lacks(quarter, tmp_path, capsys):
    config = copy_project(tmp_path)
    output = tmp_path / "reports"
    code = build(config, output, "--periode", quarter)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Interne fout" not in err
    if quarter in BUILDABLE:
        assert code == 0, err
        pdfs = sorted(output.rglob(f"*-{quarter}.pdf"))
        assert len(pdfs) == 3
        assert quarter.replace("-Q", " Q") in pdf_text(pdfs[1])  # the factsheet's tables
    else:
        assert code == 1
        assert f"kwartaalcijfers.csv: voor {REGION} ontbreken de kwartalen" in err
        assert not output.exists()


def test_a_quarter_without_national_figures_leaves_the_comparison_out(tmp_path, capsys):
    config = copy_project(tmp_path)
    drop_rows(tmp_path / "data" / "landelijk.csv", "2018-Q4;")
    assert build(config, tmp_path / "reports", "--document", "kwartaalrapportage") == 0
    err = capsys.readouterr().err
    assert "landelijk.csv: de landelijke cijfers van 2018-Q4 ontbreken" in err
    report = pdf_text(next((tmp_path / "reports").rglob("*.pdf")))
    # Only the two sentences about the yearly national measurement may still say 'landelijk'.
    told = report.replace("jaarlijkse landelijke meting", "").replace("de landelijke meting", "")
    assert "landelijk" not in told
    for national in ("Haaglanden", "Noordoost-Brabant", "2.428"):
        assert national not in report
    assert "Aandeel werkenden, regio, 2018 Q4" in report
    assert "werkt 47%" in report or "ofwel 47%" in report  # the region's own share stays


def test_a_quarter_without_flows_or_sheltered_work_builds_without_them(tmp_path, capsys):
    config = copy_project(tmp_path)
    data = tmp_path / "data"
    drop_rows(data / "stromen.csv", f"{REGION};2018-Q4;")
    drop_rows(data / "beschut_werk.csv", f"{REGION};2018-Q4;")
    (data / "kandidatenverkenner.csv").write_text(
        "regio;kwartaal;profielen_uwv;doelgroep_uwv;profielen_gemeente;doelgroep_gemeente\n"
        f"{REGION};2019-Q3;721;1.127;121;550\n",
        encoding="utf-8",
    )
    assert build(config, tmp_path / "reports") == 0
    err = capsys.readouterr().err
    assert "Waarschuwing: " in err
    assert "stromen.csv: de stromen van Gooi en Vechtstreek in 2018-Q4 ontbreken" in err
    assert "beschut_werk.csv: de cijfers over nieuw beschut werk" in err
    assert "kandidatenverkenner.csv: er zijn geen cijfers van de Kandidatenverkenner" in err
    folder = tmp_path / "reports" / "2018-Q4" / "gooi-en-vechtstreek"
    factsheet = pdf_text(folder / "factsheet-gooi-en-vechtstreek-2018-Q4.pdf")
    assert "Grafiek 4" not in factsheet and "uitstroom" not in factsheet.lower()
    assert "werkvinders" in factsheet  # from kwartaalcijfers, still known
    report = pdf_text(folder / "kwartaalrapportage-gooi-en-vechtstreek-2018-Q4.pdf")
    assert "Nieuw beschut werk" not in report and "Kandidatenverkenner" not in report
