"""The rules that keep the documents true for any region and quarter (issue 17): compare like
with like, show no figure for a time before its measure existed, state no fact dated after the
report, let a word about a share follow the share, keep every statement consistent with the
figures, and name the strongest movement of the quarter. Each rule is checked on the web
pages of all twelve example quarters (the PDFs come from the same templates; test_periods
reads those) and on data changed to flip it."""

from __future__ import annotations

import csv
import html
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, build, copy_project, pdf_text

from banenafspraak.formatting import number, share_word
from banenafspraak.input import config as config_module
from banenafspraak.quarters import Quarter

SLUG = "gooi-en-vechtstreek"
REGION = "Gooi en Vechtstreek"
QUARTERS = [Quarter(year, n) for year in (2016, 2017, 2018) for n in (1, 2, 3, 4)]
DOCUMENTS = ("kwartaalrapportage", "factsheet", "agendavoorstel")
MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


def read_rows(folder: Path, name: str = "kwartaalcijfers") -> dict[Quarter, dict[str, str]]:
    lines = (folder / f"{name}.csv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader([line for line in lines if not line.startswith("#")], delimiter=";")
    return {Quarter.parse(row["kwartaal"]): row for row in rows if row["regio"] == REGION}


def count(rows: dict[Quarter, dict[str, str]], quarter: Quarter, column: str) -> int:
    return int(rows[quarter][column].replace(".", ""))


def page_text(path: Path) -> str:
    """A web page's text, tags and whitespace folded, as a reader sees it."""
    body = path.read_text(encoding="utf-8")
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def build_texts(config: Path, output: Path, quarter: Quarter) -> dict[str, str]:
    """The web pages' text, and the agendavoorstel's (a PDF only)."""
    period = ["--periode", str(quarter)]
    assert build(config, output, *period, "--formaat", "html") == 0
    assert build(config, output, *period, "--document", "agendavoorstel", "--formaat", "pdf") == 0
    folder = output / str(quarter) / SLUG
    texts = {name: page_text(folder / f"{name}-{SLUG}-{quarter}.html") for name in DOCUMENTS[:2]}
    texts["agendavoorstel"] = pdf_text(folder / f"agendavoorstel-{SLUG}-{quarter}.pdf")
    return texts


@pytest.fixture(scope="module")
def example_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[Quarter, dict[str, str]]:
    output = tmp_path_factory.mktemp("alle-kwartalen")
    return {q: build_texts(ROOT / "config.yaml", output, q) for q in QUARTERS}


def flipped(tmp_path: Path, change) -> Path:
    """A copy of the project whose data file lines are changed by `change(name, lines)`."""
    config = copy_project(tmp_path)
    for path in (tmp_path / "data").glob("*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(change(path.stem, lines)), encoding="utf-8")
    return config


def set_cells(name: str, quarter: str, values: dict[str, str]):
    """A `change` for flipped(): set columns of the region's row of one quarter in one file."""

    def change(stem: str, lines: list[str]) -> list[str]:
        if stem != name:
            return lines
        header = next(line for line in lines if not line.startswith("#")).rstrip("\n").split(";")
        out = []
        for line in lines:
            cells = line.rstrip("\n").split(";")
            if cells[:2] == [REGION, quarter]:
                for column, value in values.items():
                    cells[header.index(column)] = value
                line = ";".join(cells) + "\n"
            out.append(line)
        return out

    return change


# Compare like with like --------------------------------------------------------------------


def growth_to_date(rows, quarter: Quarter, column: str) -> int:
    """Growth from the end of the year before to `quarter`, from the data itself."""
    return count(rows, quarter, column) - count(rows, Quarter(quarter.year - 1, 4), column)


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_a_year_still_running_is_set_against_the_same_part_of_last_year(example_texts, quarter):
    rows, report = read_rows(ROOT / "data"), example_texts[quarter]["kwartaalrapportage"]
    last = quarter.shift(-4)
    if Quarter(last.year - 1, 4) not in rows:
        return  # no growth of last year to compare with (the data starts later)
    jobs = growth_to_date(rows, last, "banen")
    pwet = growth_to_date(rows, last, "personen_pwet")
    if quarter.number == 4:
        # "tegen 206 in het inhaaljaar 2017" names a catch-up year as such
        assert re.search(rf"tegen {number(jobs)} in (het inhaaljaar )?{last.year}\b", report)
        assert f"tegen {number(pwet)} in {last.year}" in report
    else:
        assert f"tegen {number(jobs)} in dezelfde periode van {last.year}" in report
        assert f"tegen {number(pwet)} in dezelfde periode van {last.year}" in report
        # a part of this year is never set against the whole of last year
        assert f"heel {last.year}" not in report


def test_the_same_part_of_last_year_follows_the_data(tmp_path):
    """Flipped: 2017-Q3 with ten more jobs makes 2018-Q3's comparison ten larger."""
    rows = read_rows(ROOT / "data")
    before = growth_to_date(rows, Quarter(2017, 3), "banen")
    more = str(count(rows, Quarter(2017, 3), "banen") + 10)
    markt = str(count(rows, Quarter(2017, 3), "banen_markt") + 10)
    config = flipped(
        tmp_path, set_cells("kwartaalcijfers", "2017-Q3", {"banen": more, "banen_markt": markt})
    )
    report = build_texts(config, tmp_path / "uit", Quarter(2018, 3))["kwartaalrapportage"]
    assert f"tegen {number(before + 10)} in dezelfde periode van 2017" in report


def test_a_full_year_gets_the_long_view_not_only_last_year(example_texts):
    report = example_texts[Quarter(2018, 4)]["kwartaalrapportage"]
    # 447 extra jobs over the six years since the nulmeting: 74,5 a year, rounded half up
    assert "Sinds de nulmeting kwamen er gemiddeld 75 banen per jaar bij" in report
    assert "tegen 206 in het inhaaljaar 2017" in report
    # the catch-up year is measured against the years before it, not an average holding itself
    # 206 against 35 a year in 2013-2016: about six times
    assert "ongeveer zes keer zoveel als gemiddeld per jaar in de jaren daarvoor (35)" in report
    assert "gemiddeld per jaar sinds de nulmeting" not in report
    # 121 is the step the targets take; from 28 short at end 2017, 149 were needed (493 - 344)
    assert (
        "Eind 2017 zat de regio 28 extra banen onder de doelstelling voor dat jaar; daarom was "
        "in 2018 een groei van 149 banen nodig" in report
    )
    # fewer praktijkroute entries (22 against 70) beside lower growth (103 against 206)
    assert (
        "Dat de praktijkroute minder werd gebruikt, kan ertoe hebben bijgedragen dat de "
        "banengroei achterbleef bij die in 2017." in report
    )


# No figure for a time before its measure existed -------------------------------------------


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_the_praktijkroute_has_no_figure_before_2017(example_texts, quarter):
    report = example_texts[quarter]["kwartaalrapportage"]
    if quarter.year == 2016:
        assert "praktijkroute" not in report
        return
    assert "Sinds 1 januari 2017" in report and "loonwaardemeting" in report
    if quarter.year == 2017:
        table = report[report.index("Tabel 2.") : report.index("Werkvinders en werkverliezers")]
        assert re.search(r"Q1 – \d+ Q2 – ", table), table  # the 2016 column: dashes, no zeros
        assert "tegen 0" not in report and "in dezelfde periode van 2016" not in table
        assert "Met 2016 valt dit niet te vergelijken" in report


def test_figures_given_for_before_the_route_existed_are_not_shown(tmp_path):
    """Flipped: praktijkroute figures typed in for 2016 still give dashes in 2017's table."""
    config = flipped(tmp_path, set_cells("kwartaalcijfers", "2016-Q2", {"praktijkroute": "7"}))
    report = build_texts(config, tmp_path / "uit", Quarter(2017, 2))["kwartaalrapportage"]
    table = report[report.index("Tabel 2.") : report.index("Werkvinders en werkverliezers")]
    assert "Q2 – " in table and " 7 " not in table


# No fact dated after the report ------------------------------------------------------------

DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")


def dates_in(text: str) -> list[date]:
    return [date(int(y), MONTHS.index(m) + 1, int(d)) for d, m, y in DATE.findall(text)]


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_no_document_states_a_fact_dated_after_it(example_texts, quarter):
    settings = config_module.load(ROOT / "config.yaml", {"periode": str(quarter)})
    texts = example_texts[quarter]
    for name in ("kwartaalrapportage", "factsheet"):
        late = [d for d in dates_in(texts[name]) if d > settings.publicatiedatum]
        assert late == [], (name, late)
    # the agendavoorstel may name its meeting, which lies ahead; nothing else
    agenda = texts["agendavoorstel"].replace(
        f"Vergadering {settings.werkkamer_vergadering.day} "
        f"{MONTHS[settings.werkkamer_vergadering.month - 1]} {settings.werkkamer_vergadering.year}",
        "",
    )
    assert [d for d in dates_in(agenda) if d > settings.publicatiedatum] == []


def test_a_later_report_date_lets_the_newest_advices_in(tmp_path):
    """Flipped: 2018-Q3 dated after 31 December 2018 may state the advices up to that day;
    dated before it, it leaves them out."""
    report = build_texts(ROOT / "config.yaml", tmp_path / "a", Quarter(2018, 3))
    assert "Tot en met 31 december 2018 bracht UWV" not in report["kwartaalrapportage"]
    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8").replace(
        "publicatiedatum: 2018-12-18", "publicatiedatum: 2019-01-10"
    )
    config.write_text(text, encoding="utf-8")
    later = build_texts(config, tmp_path / "b", Quarter(2018, 3))
    assert "Tot en met 31 december 2018 bracht UWV 34 positieve" in later["kwartaalrapportage"]


# A word about a share follows the share ----------------------------------------------------


def half_up(part: int, whole: int) -> int:
    """A whole percentage rounded half up, as the reports round."""
    return (200 * part + whole) // (2 * whole)


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_the_word_for_who_works_in_the_wsw_group_follows_its_share(example_texts, quarter):
    rows = read_rows(ROOT / "data")
    working, persons = count(rows, quarter, "werkzaam_wsw"), count(rows, quarter, "personen_wsw")
    pct = half_up(working, persons)
    report = example_texts[quarter]["kwartaalrapportage"]
    assert f"werkt {share_word(pct)}: {number(working)} personen ({pct}%)" in report
    assert "vrijwel iedereen" not in report or pct >= 90


@pytest.mark.parametrize(
    ("working", "word"), [(100, "vrijwel iedereen"), (40, "minder dan de helft")]
)
def test_the_share_word_flips_with_the_share(tmp_path, working, word):
    rows = read_rows(ROOT / "data")
    quarter = Quarter(2017, 2)  # no flows rest on this quarter's working persons
    total = count(rows, quarter, "werkzaam") - count(rows, quarter, "werkzaam_wsw") + working
    persons = count(rows, quarter, "personen_wsw")
    config = flipped(
        tmp_path,
        set_cells(
            "kwartaalcijfers", str(quarter), {"werkzaam_wsw": str(working), "werkzaam": str(total)}
        ),
    )
    report = build_texts(config, tmp_path / "uit", quarter)["kwartaalrapportage"]
    assert f"werkt {word}: {working} personen ({half_up(working, persons)}%)" in report


# Every statement consistent with the figures -----------------------------------------------


def numbers_in(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d{3})*(?:,\d+)?", text))


def unmatched(commentary: str, document: str) -> set[str]:
    """Numbers in the adviser's text that no figure of the document states (years left out)."""
    return {
        n for n in numbers_in(commentary) - numbers_in(document) if not re.fullmatch(r"20\d\d", n)
    }


def example_commentary(quarter: Quarter) -> str:
    settings = config_module.load(ROOT / "config.yaml", {"periode": str(quarter)})
    return " ".join([*settings.duiding.values(), *settings.voorstellen])


def without_commentary(text: str, quarter: Quarter) -> str:
    settings = config_module.load(ROOT / "config.yaml", {"periode": str(quarter)})
    for part in [*settings.duiding.values(), *settings.voorstellen]:
        for line in part.split("\n"):
            text = text.replace(re.sub(r"\s+", " ", line.strip(" -")), "")
    return text


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_the_example_commentary_and_proposals_rest_on_figures_of_the_documents(
    example_texts, quarter
):
    commentary = example_commentary(quarter)
    if not commentary:
        return
    texts = example_texts[quarter]
    figures = " ".join(without_commentary(texts[name], quarter) for name in DOCUMENTS)
    # 127: the convenant's government target for 2019 (its source is named)
    assert unmatched(commentary, figures) <= {"127"}, unmatched(commentary, figures)


def test_commentary_that_no_longer_fits_the_figures_is_found(example_texts):
    """Flipped: were the quarter's 47 werkverliezers 50, the commentary's 47 would fit no
    figure, and the check above would say so."""
    quarter = Quarter(2018, 4)
    document = without_commentary(example_texts[quarter]["kwartaalrapportage"], quarter)
    assert "47" not in unmatched(example_commentary(quarter), document)
    changed = re.sub(r"\b47\b", "50", document)
    assert "47" in unmatched(example_commentary(quarter), changed)


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_the_agendavoorstel_states_only_what_the_report_states(example_texts, quarter):
    texts = example_texts[quarter]
    agenda = texts["agendavoorstel"]
    stand = agenda[agenda.index("Stand van zaken") : agenda.index("Bijlagen")]
    assert unmatched(stand, texts["kwartaalrapportage"]) == set()
    # the Werkkamer is always asked to discuss, whatever the adviser adds
    assert "de stand van zaken te bespreken" in agenda


# The strongest movement of the quarter -----------------------------------------------------


def steps(rows, quarter: Quarter) -> list[tuple[str, int, int]]:
    found = [
        (noun, count(rows, quarter.previous, noun), count(rows, quarter, noun))
        for noun in ("werkvinders", "werkverliezers")
    ]
    return sorted(found, key=lambda step: -abs(step[2] - step[1]))


def step_text(noun: str, before: int, now: int) -> str:
    if now == before:
        return f"bleef het aantal {noun} gelijk ({now})"
    return f"{'steeg' if now > before else 'daalde'} het aantal {noun} van {before} naar {now}"


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_the_strongest_movement_of_the_quarter_is_named_first(example_texts, quarter):
    rows = read_rows(ROOT / "data")
    if quarter.previous not in rows:
        return
    first, second = steps(rows, quarter)
    (noun_a, a0, a1), (noun_b, b0, b1) = first, second
    if (a1 - a0) * (b1 - b0) > 0:  # both the same way: one verb for both
        verb = "stegen" if a1 > a0 else "daalden"
        sentence = (
            f"Ten opzichte van het vorige kwartaal {verb} zowel het aantal {noun_a} (van {a0} "
            f"naar {a1}) als het aantal {noun_b} (van {b0} naar {b1})."
        )
    else:
        sentence = (
            f"Ten opzichte van het vorige kwartaal {step_text(*first)} en {step_text(*second)}."
        )
    for name in DOCUMENTS:
        assert sentence in example_texts[quarter][name], name


def test_a_fall_is_not_hidden_behind_a_rising_trend(example_texts):
    report = example_texts[Quarter(2018, 3)]["kwartaalrapportage"]
    assert "daalde het aantal werkvinders van 62 naar 51" in report


def test_the_strongest_movement_flips_with_the_data(tmp_path):
    """Flipped: 2018-Q2 with 60 werkverliezers makes their fall the larger move in 2018-Q3."""
    config = flipped(tmp_path, set_cells("kwartaalcijfers", "2018-Q2", {"werkverliezers": "70"}))
    report = build_texts(config, tmp_path / "uit", Quarter(2018, 3))["kwartaalrapportage"]
    assert (
        "Ten opzichte van het vorige kwartaal daalden zowel het aantal werkverliezers (van 70 "
        "naar 49) als het aantal werkvinders (van 62 naar 51)." in report
    )


# Sources, the region's own body ------------------------------------------------------------


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_sources_name_documents_not_settings(example_texts, quarter):
    texts = example_texts[quarter]
    for name in DOCUMENTS:
        assert "reeks ‘" not in texts[name]
    report, factsheet = texts["kwartaalrapportage"], texts["factsheet"]
    assert (
        "Convenant Inclusieve Arbeidsmarkt" in report
        and "Convenant Inclusieve Arbeidsmarkt" in factsheet
    )
    # the national figures' source, when the quarter has national figures
    national = f"Trendrapportage banenafspraak, {quarter.text}"
    has_national = quarter in read_national_quarters()
    assert (national in report, national in factsheet) == (has_national, has_national)
    # the factsheet names the registrations it draws on, not itself, nor sheltered work
    assert "polisadministratie" in factsheet and "Basisregistratie Personen" in factsheet
    assert f"arbeidsmarktregio {REGION}, {quarter.text} (gepubliceerd" not in factsheet
    assert "Rapportage beschut werk" not in factsheet and "nieuw beschut werk" not in factsheet


def read_national_quarters() -> set[Quarter]:
    lines = (ROOT / "data" / "landelijk.csv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader([line for line in lines if not line.startswith("#")], delimiter=";")
    return {Quarter.parse(row["kwartaal"]) for row in rows}


def test_the_werkbedrijf_is_a_setting_of_the_region(tmp_path, example_texts):
    texts = example_texts[Quarter(2018, 4)]
    assert (
        "bedoeld voor de Werkkamer regio Gooi en Vechtstreek, het regionale Werkbedrijf"
        in (texts["kwartaalrapportage"])
    )
    assert "De Werkkamer regio Gooi en Vechtstreek wordt gevraagd" in texts["agendavoorstel"]
    assert "werkgevers, vakbonden" not in texts["kwartaalrapportage"]
    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8")
    start = text.index("werkbedrijf:")
    end = text.index("    - UWV\n", start) + len("    - UWV\n")
    config.write_text(text[:start] + text[end:], encoding="utf-8")
    plain = build_texts(config, tmp_path / "uit", Quarter(2018, 4))
    assert (
        "bedoeld voor het Werkbedrijf Gooi en Vechtstreek, en de partijen"
        in (plain["kwartaalrapportage"])
    )
    assert "Het Werkbedrijf Gooi en Vechtstreek wordt gevraagd" in plain["agendavoorstel"]
    assert "Werkkamer" not in plain["agendavoorstel"]


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_the_factsheet_says_still_needed_only_while_the_year_runs(example_texts, quarter):
    """Like with like in Grafiek 1: after the year's last quarter the hatched block is what
    remained short of the target, not what is still needed."""
    rows, factsheet = read_rows(ROOT / "data"), example_texts[quarter]["factsheet"]
    targets = read_targets()
    baseline = 515
    short = targets[quarter.year] - (count(rows, quarter, "banen") - baseline)
    if short <= 0:
        assert "Nog nodig voor" not in factsheet and "Verschil met de doelstelling" not in factsheet
    elif quarter.number == 4:  # the column of the chart's numbers, under the chart
        assert f"Verschil met de doelstelling {quarter.year}" in factsheet
        assert "Nog nodig voor" not in factsheet
    else:
        assert f"Nog nodig voor de doelstelling {quarter.year}" in factsheet
        assert "Verschil met de doelstelling" not in factsheet


def read_targets() -> dict[int, int]:
    lines = (ROOT / "data" / "doelstellingen.csv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader([line for line in lines if not line.startswith("#")], delimiter=";")
    return {
        int(row["jaar"]): int(row["totaal"].replace(".", ""))
        for row in rows
        if row["regio"] == REGION and row["reeks"] == "convenant"
    }
