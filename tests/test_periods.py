"""Earlier quarters: every quarter of the example data builds or is refused by name, and parts
whose own data is missing are left out with a warning instead of stopping the build."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from conftest import ROOT, build, copy_project, pdf_text

from banenafspraak.figures.compute import compute
from banenafspraak.formatting import number
from banenafspraak.input import config, dataset
from banenafspraak.problems import Collector
from banenafspraak.quarters import Quarter

REGION = "Gooi en Vechtstreek"


def example_rows() -> dict[Quarter, dict[str, str]]:
    """The region's rows of the example kwartaalcijfers, by quarter."""
    lines = (ROOT / "data" / "kwartaalcijfers.csv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader([line for line in lines if not line.startswith("#")], delimiter=";")
    return {Quarter.parse(row["kwartaal"]): row for row in rows if row["regio"] == REGION}


def count(row: dict[str, str], column: str) -> int:
    return int(row[column].replace(".", ""))


def drop_rows(path: Path, start: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(start)]
    assert len(kept) < len(lines), f"no line starts with {start!r}"
    path.write_text("".join(kept), encoding="utf-8")


ROWS = example_rows()


@pytest.mark.parametrize("quarter", sorted(ROWS), ids=str)
def test_every_example_quarter_builds(quarter, tmp_path, capsys):
    """Each quarter the example data holds builds all three PDFs; what needs a quarter from
    before the data's first row is left out with a warning that names it."""
    config = copy_project(tmp_path)
    output = tmp_path / "reports"
    code = build(config, output, "--periode", str(quarter), "--formaat", "pdf")
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Traceback" not in err and "Interne fout" not in err
    folder = output / str(quarter) / "gooi-en-vechtstreek"
    texts = {
        name: pdf_text(folder / f"{name}-gooi-en-vechtstreek-{quarter}.pdf")
        for name in ("kwartaalrapportage", "factsheet", "agendavoorstel")
    }
    row = ROWS[quarter]
    for name, text in texts.items():
        assert not re.search(r"\bNone\b|\bnan\b|\bNaN\b", text), name
    jobs = number(count(row, "banen"))
    assert f"Van de {jobs} banen" in texts["kwartaalrapportage"]
    assert f"Banen {jobs} " in texts["factsheet"]  # the first row of Cijfers in het kort
    persons = number(count(row, "personen"))
    assert f"stonden {persons} personen in het doelgroepregister" in texts["agendavoorstel"]

    report, factsheet = texts["kwartaalrapportage"], texts["factsheet"]
    warned = f"kwartaalcijfers.csv: de cijfers van {REGION} beginnen bij {min(ROWS)}; zonder "
    previous, year_ago = quarter.previous, quarter.shift(-4)
    if previous in ROWS:
        assert f"Vorig kwartaal ({previous.label})" in factsheet
        change = count(row, "banen") - count(ROWS[previous], "banen")
        assert f"tegen {number(count(ROWS[previous], 'banen'))} een kwartaal eerder" in report
        assert "Banengroei per kwartaal" in report and f"+{change}" in factsheet
    else:
        assert (
            f"{warned}{previous} laten de documenten de vergelijking met het vorige kwartaal weg"
            in err
        )
        assert "Vorig kwartaal (" not in factsheet and "Banengroei per kwartaal" not in report
        assert "Hoeveel banen er in dit kwartaal bijkwamen, is niet bekend" in report
    if year_ago in ROWS:
        assert f"Een jaar eerder ({year_ago.label})" in factsheet
    else:
        assert (
            f"{warned}{year_ago} laten de documenten de vergelijking met een jaar eerder weg" in err
        )
        assert "Een jaar eerder (" not in factsheet and "een jaar eerder" not in report
    year_end = Quarter(quarter.year - 1, 4)
    if year_end in ROWS:
        growth = count(row, "banen") - count(ROWS[year_end], "banen")
        assert f"kwamen er {number(growth)} banen bij" in report
    else:
        assert (
            f"{warned}{year_end} laten de documenten de groei in {quarter.year} en de meerjarige "
            "ontwikkeling weg"
        ) in err
        assert f"Hoeveel banen er in {quarter.year} bijkwamen, is niet bekend" in report
        assert "Meerjarig" not in report or "Van 2013" not in report
    last_year = [Quarter(quarter.year - 1, n) for n in range(1, 5)]
    if not all(q in ROWS for q in last_year):
        assert f"via de praktijkroute met {quarter.year - 1} weg" in err
        assert "opgenomen, tegen" not in report
    elif quarter.year == 2017:
        # the route exists since 2017: no comparison with 2016, whose column shows dashes
        assert "Met 2016 valt dit niet te vergelijken: toen bestond de praktijkroute nog niet" in (
            report
        )
    else:
        assert m_vorig_jaar(quarter) in report


def m_vorig_jaar(quarter: Quarter) -> str:
    """The praktijkroute's comparison with last year, as the report words it."""
    if quarter.number == 4:
        return f"in {quarter.year - 1}"
    return f"in dezelfde periode van {quarter.year - 1}"


def test_a_gap_inside_the_data_is_still_an_error(tmp_path, capsys):
    """Quarters before the region's first row are history that is not there; a quarter missing
    between rows is a mistake, and building would shorten the charts without reason."""
    config = copy_project(tmp_path)
    drop_rows(tmp_path / "data" / "kwartaalcijfers.csv", f"{REGION};2017-Q4;")
    assert build(config, tmp_path / "reports", "--periode", "2018-Q2") == 1
    err = capsys.readouterr().err
    assert f"kwartaalcijfers.csv: voor {REGION} ontbreken de kwartalen 2017-Q4" in err
    assert not (tmp_path / "reports").exists()


def test_a_missing_target_of_last_year_is_a_warning(tmp_path, capsys):
    config = copy_project(tmp_path)
    drop_rows(tmp_path / "data" / "doelstellingen.csv", f"{REGION};convenant;2015;")
    assert build(config, tmp_path / "reports", "--periode", "2016-Q3", "--formaat", "pdf") == 0
    err = capsys.readouterr().err
    assert (
        "doelstellingen.csv: de doelstelling voor 2015 ontbreekt in reeks 'convenant'; de "
        "documenten laten de groei weg die de doelstellingen voor 2016 aangeven"
    ) in err
    report = pdf_text(next((tmp_path / "reports").rglob("kwartaalrapportage-*.pdf")))
    assert "De doelstellingen gaan" not in report and "De doelstellingen gingen" not in report


def test_without_this_years_target_nothing_is_built(tmp_path, capsys):
    config = copy_project(tmp_path)
    drop_rows(tmp_path / "data" / "doelstellingen.csv", f"{REGION};convenant;2016;")
    assert build(config, tmp_path / "reports", "--periode", "2016-Q3") == 1
    err = capsys.readouterr().err
    assert "doelstellingen.csv: de doelstelling voor 2016 ontbreekt in reeks 'convenant'" in err
    assert not (tmp_path / "reports").exists()


def test_a_short_history_shortens_the_series_and_the_multi_year_view():
    problems = Collector()
    settings = config.load(ROOT / "config.yaml", {"periode": "2017-Q2"})
    data = dataset.load(settings, ROOT, "config.yaml", problems)
    assert data is not None, problems.problems
    f = compute(data)
    first = min(ROWS)
    assert [p.quarter for p in f.jobs.extra_series][0] == first
    assert len(f.jobs.extra_series) == 6 and len(f.jobs.added_series) == 5
    assert [(s.first_year, s.last_year) for s in f.jobs.history] == [(2013, 2016), (2017, 2017)]
    assert f.jobs.growth_last_year is None and f.target_group.pwet_growth_last_year is None
    assert f.jobs.growth_this_year == count(ROWS[Quarter(2017, 2)], "banen") - count(
        ROWS[Quarter(2016, 4)], "banen"
    )
    assert [c.moment for c in f.jobs.comparisons] == ["nulmeting", "jaar", "kwartaal"]


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


@pytest.mark.parametrize("period, drawn", [("2016-Q1", False), ("2016-Q2", True)])
def test_line_charts_need_two_quarters(period, drawn):
    """A line over one quarter is a lone dot with colliding labels: leave it out until the
    data has a second quarter."""
    from banenafspraak.charts.report_charts import report_charts

    problems = Collector()
    settings = config.load(ROOT / "config.yaml", {"periode": period})
    data = dataset.load(settings, ROOT, "config.yaml", problems)
    assert data is not None, problems.problems
    names = set(report_charts(compute(data)))
    lines = {"doelgroepen-in-de-tijd", "werkvinders-en-werkverliezers"}
    assert (lines <= names) is drawn and not (lines & names and not drawn)
    assert "register-naar-doelgroep" in names
