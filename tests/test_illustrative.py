"""Illustrative figures: the data's column 'illustratief' names the values invented for the
example, and every document built from them says so, on every PDF page and at the top of
every web page, and lists them in its sources part. Data without illustrative values shows
nothing; a wrong column name in the column is refused by file and line."""

from __future__ import annotations

import csv
import dataclasses
import re
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, build, copy_project, workbook_only

from banenafspraak.charts.factsheet_charts import factsheet_charts
from banenafspraak.figures import illustrative
from banenafspraak.figures.compute import Figures, compute
from banenafspraak.input import config, dataset, tables
from banenafspraak.problems import Collector
from banenafspraak.quarters import Quarter
from banenafspraak.render import documents

REGION, SLUG = "Gooi en Vechtstreek", "gooi-en-vechtstreek"
QUARTERS = [f"{year}-Q{n}" for year in (2016, 2017, 2018) for n in (1, 2, 3, 4)]
DOCUMENTS = ("kwartaalrapportage", "factsheet", "agendavoorstel")
WEB_PAGES = ("kwartaalrapportage", "factsheet")
# The running notice on every PDF page, and the start of the web pages' notice.
NOTICE = "Voorbeeld met illustratieve cijfers: niet alle cijfers zijn door UWV gepubliceerd"
WEB_NOTICE = '<div class="bnf-illustratief-melding" role="note">'
MAIN = re.compile(r'<main id="bnf-inhoud"[^>]*>\s*')


def pages(path: Path) -> list[str]:
    """The text of each page of a PDF (pdftotext), whitespace folded."""
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [re.sub(r"\s+", " ", page).strip() for page in text.split("\f")[:-1]]


def web_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&nbsp;", " ")


def figures_of(config_path: Path, quarter: str) -> Figures:
    settings = config.load(config_path, {"periode": quarter})
    problems = Collector()
    data = dataset.load(settings, config_path.parent, str(config_path), problems)
    assert problems.problems == []
    return compute(data)


@pytest.fixture(scope="module")
def every_quarter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All documents of the example's twelve quarters, PDF and web."""
    output = tmp_path_factory.mktemp("kwartalen")
    for quarter in QUARTERS:
        assert build(ROOT / "config.yaml", output, "--periode", quarter) == 0
    return output


def _file(output: Path, quarter: str, name: str, suffix: str = ".pdf") -> Path:
    return output / quarter / SLUG / f"{name}-{SLUG}-{quarter}{suffix}"


# --- The example data -------------------------------------------------------------------


@pytest.mark.parametrize("quarter", QUARTERS)
def test_every_pdf_page_carries_the_notice(every_quarter: Path, quarter: str):
    for name in DOCUMENTS:
        found = pages(_file(every_quarter, quarter, name))
        assert found, name
        for number, text in enumerate(found, start=1):
            assert NOTICE in text, f"{name}, pagina {number}"


@pytest.mark.parametrize("quarter", QUARTERS)
def test_every_web_page_starts_with_the_notice(every_quarter: Path, quarter: str):
    folder = every_quarter / quarter / SLUG
    found = [
        _file(every_quarter, quarter, n, s) for n in WEB_PAGES for s in (".html", "-fragment.html")
    ]
    for path in [*found, folder / "index.html"]:
        html = path.read_text("utf-8")
        start = MAIN.search(html)
        assert start, path.name
        # The first thing inside <main> (and so in the fragment a site pastes) is the notice.
        assert html[start.end() :].startswith(WEB_NOTICE), path.name
        assert "Voorbeeld: deze" in web_text(html[start.end() : start.end() + 600]), path.name
    report = found[0].read_text("utf-8")
    assert '<a href="#bnf-illustratief">' in report and 'id="bnf-illustratief"' in report


@pytest.mark.parametrize("quarter", QUARTERS)
def test_the_sources_part_lists_the_illustrative_figures(every_quarter: Path, quarter: str):
    listed = figures_of(ROOT / "config.yaml", quarter).illustrative.documents
    for name in ("kwartaalrapportage", "factsheet"):
        # the report lists each group with its quarters; the factsheet, with less room, the
        # groups alone and points to the report for the quarters
        items = listed[name].items if name == "kwartaalrapportage" else listed[name].topics
        assert items, name
        pdf = " ".join(pages(_file(every_quarter, quarter, name)))
        web = web_text(_file(every_quarter, quarter, name, ".html").read_text("utf-8"))
        for text in (pdf, web):
            assert "Illustratieve cijfers" in text
            for item in items:  # a line may break after a hyphen ('WSW-' / 'indicatie')
                assert item.replace("-", "") in text.replace("-", ""), (name, item)
    assert set(listed["factsheet"].topics) <= {
        i.split(", 20")[0] for i in listed["factsheet"].items
    }
    # The agendavoorstel points to the list in its first attachment.
    agenda = " ".join(pages(_file(every_quarter, quarter, "agendavoorstel")))
    assert (
        "Een deel van de cijfers is verzonnen voor dit voorbeeld; bijlage 1 noemt welke." in agenda
    )


def test_the_lists_name_what_each_document_shows():
    """Quarters and fields as the data marks them (data/*.csv), each document only what it
    uses: the factsheet leaves out the Kandidatenverkenner and the praktijkroute."""
    q4 = figures_of(ROOT / "config.yaml", "2018-Q4").illustrative.documents
    assert q4["kwartaalrapportage"].items[:2] == (
        "banen, 2017 Q1 tot en met 2017 Q3 en 2018 Q1",
        "banen naar soort werkgever, 2017 Q1 tot en met 2018 Q4",
    )
    assert "doelgroepen van de Kandidatenverkenner, 2019 Q1" in q4["kwartaalrapportage"].items
    assert not any("Kandidatenverkenner" in item for item in q4["factsheet"].items)
    # 2018-Q4's stromen and national figures are UWV's; those of 2018-Q3 are not.
    assert not any("stromen" in item or "landelijk" in item for item in q4["factsheet"].items)
    q3 = figures_of(ROOT / "config.yaml", "2018-Q3").illustrative.documents
    for item in (
        "stromen van personen tussen het vorige en dit kwartaal, 2018 Q3",
        "landelijke vergelijkingscijfers, 2018 Q3",
        "werkvinders, 2018 Q3",  # its werkverliezers (49) are published
    ):
        assert item in q3["kwartaalrapportage"].items and item in q3["factsheet"].items
    # 2018-Q3's advices run to after its report date, so the report leaves them out (and
    # does not list them); what the agendavoorstel's one sentence on beschut werk uses is listed
    assert not any(
        "adviezen beschut werk in de nieuwste" in i for i in q3["kwartaalrapportage"].items
    )
    assert q3["agendavoorstel"].items[-2:] == (
        "landelijke vergelijkingscijfers, 2018 Q3",
        "positieve adviezen beschut werk tot het kwartaaleinde, 2018 Q2",
    )


# --- Data without illustrative values -----------------------------------------------------


def _rewrite_column(folder: Path, change) -> None:
    """Every CSV of the folder with its column 'illustratief' changed by `change(header,
    rows)`; comment lines stay as they are."""
    for path in sorted(folder.glob("*.csv")):
        lines = path.read_text("utf-8").splitlines()
        comments = [line for line in lines if line.startswith("#")]
        header, *rows = list(
            csv.reader([line for line in lines if not line.startswith("#")], delimiter=";")
        )
        if tables.ILLUSTRATIVE not in header:
            continue
        header, rows = change(header, rows)
        body = [";".join(row) for row in [header, *rows]]
        path.write_text("\n".join([*comments, *body]) + "\n", "utf-8")


def _emptied(header: list[str], rows: list[list[str]]):
    at = header.index(tables.ILLUSTRATIVE)
    return header, [[*row[:at], ""] for row in rows]


def _removed(header: list[str], rows: list[list[str]]):
    at = header.index(tables.ILLUSTRATIVE)
    return header[:at], [row[:at] for row in rows]


def test_without_illustrative_values_nothing_is_said(tmp_path: Path):
    config_path = copy_project(tmp_path)
    _rewrite_column(tmp_path / "data", _emptied)
    output = tmp_path / "reports"
    assert build(config_path, output, "--periode", "2018-Q3") == 0
    folder = output / "2018-Q3" / SLUG
    for name in DOCUMENTS:
        for number, text in enumerate(pages(_file(output, "2018-Q3", name)), start=1):
            assert "illustratie" not in text.lower() and "Voorbeeld" not in text, (name, number)
    for path in sorted(folder.glob("*.html")):
        html = re.sub(r"<style>.*?</style>", "", path.read_text("utf-8"), flags=re.DOTALL)
        assert "illustratie" not in html.lower() and "Voorbeeld" not in html, path.name
    record = (folder / f"cijfers-{SLUG}-2018-Q3.json").read_text("utf-8")
    assert '"illustratief": {}' in record
    rows = list(
        csv.reader(
            (folder / f"cijfers-{SLUG}-2018-Q3.csv").read_text("utf-8-sig").splitlines(),
            delimiter=";",
        )
    )
    assert {row[-1] for row in rows[1:]} == {"nee"}


def test_files_without_the_column_hold_published_figures(tmp_path: Path):
    """Data files from before the column load as they did; nothing is illustrative."""
    config_path = copy_project(tmp_path)
    _rewrite_column(tmp_path / "data", _removed)
    header = (tmp_path / "data" / "kwartaalcijfers.csv").read_text("utf-8").splitlines()[6]
    assert header.startswith("regio;") and tables.ILLUSTRATIVE not in header
    listed = figures_of(config_path, "2018-Q3").illustrative
    assert not listed.used and all(not d.used and not d.items for d in listed.documents.values())


# --- Refused input --------------------------------------------------------------------------


def _mark(path: Path, quarter: str, text: str) -> int:
    """The illustratief cell of the region's row of `quarter` set to `text`; its line."""
    lines = path.read_text("utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if line.startswith(f"{REGION};{quarter};"):
            lines[number - 1] = line.rsplit(";", 1)[0] + f";{text}"
            path.write_text("\n".join(lines) + "\n", "utf-8")
            return number
    raise AssertionError(quarter)


def test_an_unknown_column_in_the_column_is_refused_by_file_and_line(tmp_path: Path, capsys):
    config_path = copy_project(tmp_path)
    path = tmp_path / "data" / "kwartaalcijfers.csv"
    line = _mark(path, "2018-Q2", "banen_mrkt, personen, kwartaal")
    assert build(config_path, tmp_path / "reports") == 1
    err = capsys.readouterr().err
    assert (
        f"Fout: {path}, regel {line}, veld 'illustratief': 'banen_mrkt' in de kolom "
        "'illustratief' is geen kolom met cijfers van 'kwartaalcijfers' (bedoelde u "
        "'banen_markt'?)"
    ) in err
    # The key of the row is no figure either; 'personen' is.
    assert f"regel {line}, veld 'illustratief': 'kwartaal' in de kolom" in err
    assert "'personen' in de kolom" not in err
    assert "Traceback" not in err and "Interne fout" not in err
    assert not (tmp_path / "reports").exists()


def test_in_the_workbook_the_column_is_kept_and_checked_by_cell(tmp_path: Path, capsys):
    from openpyxl import load_workbook

    config_path = copy_project(tmp_path)
    problems = Collector()
    from_csv = tables.read_files(tmp_path / "data", problems)
    book = workbook_only(config_path)
    from_book = dataset.read_all(book.parent, problems)
    assert problems.problems == []
    for name, frame in from_csv.items():
        if tables.ILLUSTRATIVE in frame:
            assert list(from_book[name][tables.ILLUSTRATIVE]) == list(frame[tables.ILLUSTRATIVE])
    sheet = load_workbook(book)["kwartaalcijfers"]
    header = [cell.value for cell in sheet[1]]
    assert header[-1] == tables.ILLUSTRATIVE and sheet["R2"].value == "alle"
    assert sheet["R13"].value == (
        "banen_markt, banen_overheid, banen_uitzend, personen_wajong, personen_pwet, "
        "personen_wsw, werkzaam_wsw"
    )

    written = load_workbook(book)
    written["stromen"]["Z3"] = "uitstroom"
    written.save(book)
    capsys.readouterr()
    assert build(config_path, tmp_path / "reports", "--check") == 1
    err = capsys.readouterr().err
    assert (
        f"{book}, blad 'stromen', cel Z3: 'uitstroom' in de kolom 'illustratief' is geen kolom "
        "met cijfers van 'stromen'"
    ) in err
    assert "Traceback" not in err


# --- The uses and the reads behind the lists ------------------------------------------------


def _changed(value: object) -> object | None:
    """A clearly different value of the same kind, or None for a cell not to change."""
    if value is None or isinstance(value, bool | Quarter | frozenset):
        return None
    if isinstance(value, int):  # also numpy's
        return int(value) * 2 + 7
    if isinstance(value, Decimal):
        return value * 2 + 7
    if isinstance(value, date):
        return value + timedelta(days=40)
    if isinstance(value, str):
        return value + " X"
    try:
        return int(value) * 2 + 7
    except (TypeError, ValueError):
        return None


def _sources(data: dataset.Dataset):
    """Each source of the dataset's cells: its table, its rows by key and how to put a
    changed copy back."""
    found = [
        ("nulmeting", {None: data.baseline}, lambda rows: {"baseline": rows[None]}),
        ("doelstellingen", data.targets, lambda frame: {"targets": frame}),
        ("kwartaalcijfers", data.quarterly, lambda frame: {"quarterly": frame}),
        ("correcties", data.corrections, lambda frame: {"corrections": frame}),
        ("stromen", data.flows, lambda frame: {"flows": frame}),
        ("beschut_werk", data.sheltered, lambda frame: {"sheltered": frame}),
    ]
    if data.national is not None:
        found.append(
            (
                "landelijk",
                {data.period: data.national},
                lambda rows: {"national": rows[data.period]},
            )
        )
    if data.candidates is not None:
        key = data.candidates["kwartaal"]
        found.append(
            ("kandidatenverkenner", {key: data.candidates}, lambda rows: {"candidates": rows[key]})
        )
    return found


PARTS = (
    "jobs",
    "target_group",
    "praktijkroute",
    "flows",
    "sheltered",
    "candidates",
    "assessments",
    "revisions",
)


def _fields_of(figures: Figures) -> dict[str, object]:
    """Figures as 'part.field' (a part that is no record, by its name) -> value."""
    found = {}
    for part in PARTS:
        value = getattr(figures, part)
        if dataclasses.is_dataclass(value):
            for field in dataclasses.fields(value):
                found[f"{part}.{field.name}"] = getattr(value, field.name)
        else:
            found[part] = value
    return found


def _fed(path: str, feeds: set[str]) -> bool:
    return path in feeds or any(f.endswith(".*") and path.startswith(f[:-1]) for f in feeds)


@pytest.mark.parametrize("quarter", ["2016-Q1", "2017-Q4", "2018-Q3", "2018-Q4"])
def test_every_cell_the_figures_read_is_a_use(quarter: str, monkeypatch):
    """Each cell of the region's data changed in turn: every field of Figures that changes
    with it is fed by a use of that cell. So no figure can draw on an illustrative value
    that its document does not list."""
    settings = config.load(ROOT / "config.yaml", {"periode": quarter})
    problems = Collector()
    data = dataset.load(settings, ROOT, "config.yaml", problems)
    uses = illustrative.uses(data)
    monkeypatch.setattr(illustrative, "compute", lambda *args: None)  # not what is checked
    before = _fields_of(compute(data))
    checked = 0
    for table, rows, put_back in _sources(data):
        for key in list(rows.index if isinstance(rows, pd.DataFrame) else rows):
            row = rows.loc[key] if isinstance(rows, pd.DataFrame) else rows[key]
            for column in row.index:
                new = _changed(row[column])
                if new is None or column.startswith("_"):
                    continue
                if isinstance(rows, pd.DataFrame):
                    changed = rows.astype(object).copy()
                    changed.loc[key, column] = new
                else:
                    copy = row.copy().astype(object)
                    copy[column] = new
                    changed = {**rows, key: copy}
                after = _fields_of(compute(dataclasses.replace(data, **put_back(changed))))
                moved = {path for path, value in after.items() if value != before[path]}
                feeds = {
                    feed
                    for use in uses
                    if use.table == table and column in use.fields and key in use.keys
                    for feed in use.feeds
                }
                unfed = sorted(path for path in moved if not _fed(path, feeds))
                assert unfed == [], (table, key, column)
                checked += 1
    assert checked > 50


class Unreadable:
    """A part of Figures that lets a document read only the fields of its READS."""

    def __init__(self, value: object, name: str, allowed: set[str]):
        self._value, self._name, self._allowed = value, name, allowed

    def __getattr__(self, field: str):
        path = f"{self._name}.{field}"
        if path not in self._allowed:
            raise RuntimeError(f"{path} is niet in READS van dit document")
        return getattr(self._value, field)

    def __bool__(self) -> bool:
        return bool(self._value)


@pytest.mark.parametrize("document", ["factsheet", "agendavoorstel"])
@pytest.mark.parametrize("quarter", ["2016-Q1", "2018-Q3", "2018-Q4"])
def test_the_documents_read_only_what_they_list(document: str, quarter: str):
    """Rendered (and their charts drawn) with every field of Figures outside their READS
    unreadable, the factsheet and the agendavoorstel still build: their lists cannot miss a
    figure they use."""
    settings = config.load(ROOT / "config.yaml", {"periode": quarter})
    figures = figures_of(ROOT / "config.yaml", quarter)
    allowed = set(illustrative.READS[document])
    guarded = {}
    for part in PARTS:
        whole = getattr(figures, part)
        if whole is not None:  # whether a part is there is no figure: it may be asked
            guarded[part] = Unreadable(whole, part, allowed)
    shown = dataclasses.replace(figures, **guarded)
    charts = factsheet_charts(shown) if document == "factsheet" else {}
    for medium in ("pdf", "web"):
        env = documents.environment(medium)
        env.globals.update(titles={name: name for name in DOCUMENTS}, stijl="")
        html = documents.render_html(
            env, documents.Document(document, document), shown, settings, charts
        )
        assert "verzonnen voor dit voorbeeld" in html
