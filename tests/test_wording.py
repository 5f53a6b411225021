"""The documents read as a careful adviser writes: neutral where UWV speaks, formal, and
every sentence adapting to its figures (direction, singular or plural)."""

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, compute_figures, pdf_text

from banenafspraak import documents, figures
from banenafspraak.quarters import Quarter, span
from banenafspraak.trends import Point, growth_history, trend

DOCUMENTS = ("kwartaalrapportage", "factsheet", "agendavoorstel")
VERDICT = re.compile(
    r"niet gehaald|wel gehaald|\bgehaald\b|ontbreken|achterstand|tekort|helaas|gelukkig|"
    r"zorgelijk|onvoldoende|teleurstellend|goed nieuws",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def texts(example: Path) -> dict[str, str]:
    return {
        name: pdf_text(example / f"{name}-gooi-en-vechtstreek-2018-Q4.pdf") for name in DOCUMENTS
    }


@pytest.fixture(scope="module")
def f() -> figures.Figures:
    return compute_figures(ROOT / "config.yaml")


def say(macro: str, f: figures.Figures, *args) -> str:
    """A shared sentence macro rendered for `f`, whitespace folded."""
    macros = documents.environment().get_template("_macros.html.j2").module
    return re.sub(r"\s+", " ", html.unescape(str(getattr(macros, macro)(f, *args)))).strip()


# --- point 3: the factsheet states, the report weighs once ---------------------------


def test_the_factsheet_states_the_target_without_a_verdict(texts):
    factsheet = texts["factsheet"]
    assert not VERDICT.search(factsheet), VERDICT.search(factsheet)
    assert "De doelstelling voor eind 2018 is 493 extra banen; daarvan is 91% gerealiseerd" in (
        factsheet
    )
    assert "Het verschil met de doelstelling is 46 banen." in factsheet


def test_the_agendavoorstel_states_without_a_verdict(texts):
    assert not VERDICT.search(texts["agendavoorstel"])


def test_the_report_weighs_the_target_once_in_the_advisers_voice(texts):
    report = texts["kwartaalrapportage"]
    verdicts = VERDICT.findall(report)
    assert verdicts == ["niet gehaald", "ontbreken"]  # one sentence, in 1.1
    assert "Volgens deze kwartaalcijfers heeft de regio de doelstelling voor eind 2018 niet " in (
        report
    )


# --- point 4: who attributes agency jobs ----------------------------------------------


def test_szw_attributes_agency_jobs_once_a_year_nationally(texts):
    report, factsheet = texts["kwartaalrapportage"], texts["factsheet"]
    assert "Het ministerie van SZW verdeelt ze eenmaal per jaar, bij de landelijke meting" in (
        report
    )
    assert "het ministerie van SZW verdeelt ze eenmaal per jaar, bij de landelijke meting" in (
        factsheet
    )
    for text in texts.values():
        assert "UWV deelt" not in text


# --- point 6: interpretation derived from the series --------------------------------


def test_the_multi_year_view_is_derived_from_year_end_counts(f, texts):
    spans = [(s.first_year, s.last_year, s.growth, s.catch_up) for s in f.jobs.history]
    assert spans == [(2013, 2016, 138, False), (2017, 2017, 206, True), (2018, 2018, 103, False)]
    assert f.jobs.history[0].average == 35  # 138 over four years, rounded half up
    report = texts["kwartaalrapportage"]
    assert "Van 2013 tot en met 2016 kwamen er 138 banen bij, gemiddeld 35 per jaar." in report
    assert "2017 was een inhaaljaar: er kwamen 206 banen bij" in report


def test_a_steady_year_is_no_catch_up_year(f):
    history = growth_history(Quarter(2018, 4), 515, 653, 700, 760)
    assert [s.catch_up for s in history] == [False, False, False]
    assert "inhaaljaar" not in _meerjarig(f, history)


def test_a_shrinking_first_span_is_said_so(f):
    history = growth_history(Quarter(2018, 4), 515, 503, 600, 640)
    assert "Van 2013 tot en met 2016 gingen er per saldo 12 banen verloren" in _meerjarig(
        f, history
    )


def _meerjarig(f: figures.Figures, history) -> str:
    return say("zin_meerjarig", replace(f, jobs=replace(f.jobs, history=history)))


def test_rising_werkverliezers_are_named(texts):
    sentence = "Het aantal werkverliezers is sinds het derde kwartaal 2016 gestegen, van 33 naar 47"
    assert sentence in texts["kwartaalrapportage"]
    assert sentence in texts["agendavoorstel"]
    assert "al daalde het in het laatste kwartaal met 2" in texts["kwartaalrapportage"]
    for text in texts.values():
        assert not re.search(r"In \d+ van de laatste \d+ kwartalen", text)


def _series(*values: int) -> list[Point]:
    quarters = span(Quarter(2018, 4), len(values))
    return [Point(q, v) for q, v in zip(quarters, values, strict=True)]


@pytest.mark.parametrize(
    ("values", "direction", "words"),
    [
        ((33, 36, 38, 40, 41, 44, 45, 48, 49, 47), 1, "gestegen, van 33 naar 47, al daalde het"),
        ((60, 58, 55, 50, 48, 44), -1, "gedaald, van 60 naar 44."),
        ((60, 57, 55, 52, 50, 53), -1, "gedaald, van 60 naar 53, al steeg het in het laatste"),
        ((40, 41, 40, 39, 40, 41), 0, "geen duidelijke stijging of daling zien (40 toen, 41 nu)"),
    ],
)
def test_trend_words_follow_the_series(f, values, direction, words):
    found = trend(_series(*values))
    assert found.direction == direction
    flows = replace(f.flows, losers_trend=found)
    assert words in say("zin_werkverliezers_trend", replace(f, flows=flows))


# --- point 6 and 7: sentences that flip with their data ------------------------------


def _jobs(f, **changes) -> figures.Figures:
    return replace(f, jobs=replace(f.jobs, **changes))


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"quarter_change": 39, "correction": 0}, "per saldo met 39 toegenomen."),
        ({"quarter_change": -1, "correction": 0}, "per saldo met 1 afgenomen."),
        ({"quarter_change": 0, "correction": 0}, "per saldo gelijk gebleven."),
        (
            {"quarter_change": 5, "correction": -1, "organic_change": 6},
            "kostte daarbij eenmalig 1 baan; zonder deze correctie is het aantal banen met 6 "
            "toegenomen.",
        ),
    ],
)
def test_quarter_sentence_flips(f, changes, words):
    assert words in say("zin_kwartaal", _jobs(f, **changes))


@pytest.mark.parametrize(
    ("this_year", "last_year", "words"),
    [
        (103, 206, "In 2018 kwamen er 103 banen bij, tegen 206 in heel 2017."),
        (1, 2, "In 2018 kwam er 1 baan bij, tegen 2 in heel 2017."),
        (-2, 5, "In 2018 gingen er per saldo 2 banen verloren; in heel 2017 kwamen er 5 banen"),
        (0, -1, "In 2018 bleef het aantal banen gelijk; in heel 2017 ging er per saldo 1 baan"),
    ],
)
def test_year_growth_sentence_flips(f, this_year, last_year, words):
    changed = _jobs(f, growth_this_year=this_year, growth_last_year=last_year)
    assert words in say("zin_jaargroei", changed)


@pytest.mark.parametrize(
    ("gap", "words"),
    [
        (46, "Het verschil met de doelstelling is 46 banen."),
        (1, "Het verschil met de doelstelling is 1 baan."),
        (-7, "Het aantal extra banen ligt 7 boven de doelstelling."),
        (0, "Het aantal extra banen is gelijk aan de doelstelling."),
    ],
)
def test_target_gap_sentence_flips(f, gap, words):
    assert say("zin_verschil", _jobs(f, target_gap=gap)) == words


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (136, "In een jaar tijd groeide het register met 136 personen."),
        (-1, "In een jaar tijd kromp het register met 1 persoon."),
        (0, "In een jaar tijd bleef het register even groot."),
    ],
)
def test_register_year_sentence_flips(f, change, words):
    changed = replace(f, target_group=replace(f.target_group, year_change=change))
    assert say("zin_register_jaar", changed) == words


def test_finders_and_losers_agree_in_number(f):
    one = replace(f, flows=replace(f.flows, finders=1, losers=1))
    assert "vond 1 persoon werk (werkvinders) en verloor 1 persoon zijn of haar werk" in say(
        "zin_werkvinders", one
    )
    group = replace(f.target_group, now=1, working_now=1)
    assert say("zin_register", replace(f, target_group=group)) == (
        "In het doelgroepregister staat 1 persoon; van hen werkt er 1."
    )


def test_growth_since_the_nulmeting_flips(f):
    assert "met 5% gedaald, tegen 71% landelijk" in say("zin_nulmeting", _jobs(f, growth_pct=-5))


# --- point 7: register and grammar ---------------------------------------------------


def test_no_slang_for_the_target_groups(texts):
    for name, text in texts.items():
        for slang in ("Participatiewetter", "Wajonger"):
            assert slang not in text, name


def test_no_signs_inside_running_text(texts):
    # Signs belong in the factsheet's comparison table only.
    for name in ("kwartaalrapportage", "agendavoorstel"):
        assert not re.search(r"(?<![\w+])[+-]\d", texts[name]), name
    factsheet = texts["factsheet"]
    running = factsheet[factsheet.index("Personen in het doelgroepregister") :]
    assert not re.search(r"(?<![\w+])[+-]\d", running)


def test_no_ambiguous_dat_sentences(texts):
    for name, text in texts.items():
        assert not re.search(r"\bDat (is|zijn)\b", text), name


def test_equal_to_the_national_share_is_said_so(f):
    same = replace(f, target_group=replace(f.target_group, working_pct=43))
    assert say("zin_werkzaam", same).endswith("samen werkt 43%, net als landelijk.")
    assert say("zin_werkzaam", f).endswith("samen werkt 47%, tegen 43% landelijk.")
