"""The documents read as a careful adviser writes: neutral where UWV speaks, formal, and
every sentence adapting to its figures (direction, singular or plural)."""

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, compute_figures, figure_alts, pdf_text

from banenafspraak.charts import report_charts
from banenafspraak.figures.compute import Figures
from banenafspraak.figures.trends import Point, growth_history, trend
from banenafspraak.quarters import Quarter, span
from banenafspraak.render import documents

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
def f() -> Figures:
    return compute_figures(ROOT / "config.yaml")


def say(macro: str, f: Figures, *args) -> str:
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
    assert verdicts == ["niet gehaald", "tekort"]  # one sentence, in 1.1
    assert "Volgens deze kwartaalcijfers heeft de regio de doelstelling voor eind 2018 niet " in (
        report
    )


# --- point 4: who attributes agency jobs ----------------------------------------------


def test_szw_attributes_agency_jobs_once_a_year_nationally(texts):
    report, factsheet = texts["kwartaalrapportage"], texts["factsheet"]
    for text in (report, factsheet):
        assert (
            "Alleen bij de jaarlijkse landelijke meting verdeelt het ministerie van SZW deze banen "
            "over markt en overheid, en dan voor Nederland als geheel" in text
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
    assert "Het jaar 2017 was een inhaaljaar: er kwamen 206 banen bij" in report
    # No sentence opens with a figure.
    assert not re.search(r"[.:] \d{4} (was|is)\b", report)


def test_a_steady_year_is_no_catch_up_year(f):
    history = growth_history(Quarter(2018, 4), 515, 653, 700, 760)
    assert [s.catch_up for s in history] == [False, False, False]
    assert "inhaaljaar" not in _meerjarig(f, history)


def test_a_shrinking_first_span_is_said_so(f):
    history = growth_history(Quarter(2018, 4), 515, 503, 600, 640)
    assert "Van 2013 tot en met 2016 gingen er per saldo 12 banen verloren" in _meerjarig(
        f, history
    )


def _meerjarig(f: Figures, history) -> str:
    return say("zin_meerjarig", replace(f, jobs=replace(f.jobs, history=history)))


def test_rising_werkverliezers_are_named(texts):
    sentence = (
        "Het aantal werkverliezers is sinds het derde kwartaal van 2016 gestegen van 33 naar 47"
    )
    assert sentence in texts["kwartaalrapportage"]
    # the quarter's own fall is named before the rising trend, in every document
    for text in texts.values():
        assert "daalde het aantal werkverliezers van 49 naar 47" in text
    for text in texts.values():
        assert not re.search(r"In \d+ van de laatste \d+ kwartalen", text)


def _series(*values: int) -> list[Point]:
    quarters = span(Quarter(2018, 4), len(values))
    return [Point(q, v) for q, v in zip(quarters, values, strict=True)]


@pytest.mark.parametrize(
    ("values", "direction", "words"),
    [
        (
            (33, 36, 38, 40, 41, 44, 45, 48, 49, 47),
            1,
            "gestegen van 33 naar 47.",
        ),
        ((60, 58, 55, 50, 48, 44), -1, "gedaald van 60 naar 44."),
        (
            (60, 57, 55, 52, 50, 53),
            -1,
            "gedaald van 60 naar 53.",
        ),
        ((40, 41, 40, 39, 40, 41), 0, "geen duidelijke stijging of daling zien (40 toen, 41 nu)"),
    ],
)
def test_trend_words_follow_the_series(f, values, direction, words):
    found = trend(_series(*values))
    assert found.direction == direction
    flows = replace(f.flows, losers_trend=found)
    assert words in say("zin_werkverliezers_trend", replace(f, flows=flows))


# --- point 6 and 7: sentences that flip with their data ------------------------------


def _jobs(f, **changes) -> Figures:
    return replace(f, jobs=replace(f.jobs, **changes))


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"quarter_change": 39, "correction": 0}, "per saldo met 39 toegenomen."),
        ({"quarter_change": -1, "correction": 0}, "per saldo met 1 afgenomen."),
        ({"quarter_change": 0, "correction": 0}, "per saldo gelijk gebleven."),
        (
            {"quarter_change": 5, "correction": -1, "organic_change": 6},
            "kostte daarbij eenmalig 1 baan; zonder deze correctie was de toename 6 banen.",
        ),
        (
            {"quarter_change": 1, "correction": 2, "organic_change": -1},
            "leverde daarbij eenmalig 2 banen op; zonder deze correctie was de afname 1 baan.",
        ),
        (
            {"quarter_change": 3, "correction": 3, "organic_change": 0},
            "zonder deze correctie was het aantal banen gelijk gebleven.",
        ),
    ],
)
def test_quarter_sentence_flips(f, changes, words):
    assert words in say("zin_kwartaal", _jobs(f, **changes))


@pytest.mark.parametrize(
    ("this_year", "last_year", "words"),
    [
        (103, 206, "In 2018 kwamen er 103 banen bij, tegen 206 in het inhaaljaar 2017."),
        (1, 2, "In 2018 kwam er 1 baan bij, tegen 2 in het inhaaljaar 2017."),
        (-2, 5, "In 2018 gingen er per saldo 2 banen verloren; in het inhaaljaar 2017 kwamen er 5"),
        (
            0,
            -1,
            "In 2018 bleef het aantal banen gelijk; in het inhaaljaar 2017 ging er per saldo 1",
        ),
    ],
)
def test_year_growth_sentence_flips(f, this_year, last_year, words):
    changed = _jobs(f, growth_this_year=this_year, growth_last_year_to_date=last_year)
    assert words in say("zin_jaargroei", changed)


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (447, "Op 31 december 2018 waren er in de regio 447 extra banen ten opzichte van"),
        (1, "Op 31 december 2018 was er in de regio 1 extra baan ten opzichte van"),
        (-5, "Op 31 december 2018 telde de regio 5 banen minder dan bij de nulmeting."),
    ],
)
def test_jobs_since_the_nulmeting_agree_and_carry_no_sign(f, extra, words):
    assert say("zin_extra_banen", _jobs(f, extra=extra)).startswith(words)


@pytest.mark.parametrize(
    ("gap", "words"),
    [
        (46, "Het verschil met de doelstelling is 46 banen."),
        (1, "Het verschil met de doelstelling is 1 baan."),
        (-7, "Het aantal extra banen ligt 7 banen boven de doelstelling."),
        (-1, "Het aantal extra banen ligt 1 baan boven de doelstelling."),
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
        "Op 31 december 2018 stond 1 persoon in het doelgroepregister; van hen werkte er 1."
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


def test_alt_texts_read_as_the_running_text(example: Path):
    # A screen reader hears the alt texts as sentences: same register, no signs.
    for name in ("kwartaalrapportage", "factsheet"):
        for alt in figure_alts(example / f"{name}-gooi-en-vechtstreek-2018-Q4.pdf"):
            assert not re.search(r"(?<![\w+])[+-]\d", alt), alt
            for slang in ("Participatiewetter", "Wajonger", "Van wie bleef"):
                assert slang not in alt, alt


def test_a_quarter_that_lost_jobs_is_said_without_a_sign(f):
    lost = _jobs(f, quarter_change=-1, correction=-3, organic_change=2)
    alt = report_charts.jobs_added(lost).alt
    assert "In 2018 Q4: 1 baan minder; een eenmalige correctie kostte 3 banen." in alt


def test_no_ambiguous_dat_sentences(texts):
    for name, text in texts.items():
        assert not re.search(r"\bDat (is|zijn)\b", text), name


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (1, "In het eerste kwartaal van 2018"),
        (2, "In het eerste halfjaar van 2018"),
        (3, "In de eerste drie kwartalen van 2018"),
        (4, "In 2018"),
    ],
)
def test_the_year_so_far_is_named_as_a_reader_would(f, number, words):
    assert say("in_het_jaar", replace(f, period=Quarter(2018, number))) == words


def test_running_text_names_the_quarter_of_its_year(texts):
    for name, text in texts.items():
        assert "het vierde kwartaal van 2018" in text, name
        assert not re.search(r"\bhet (eerste|tweede|derde|vierde) kwartaal \d{4}", text), name


@pytest.mark.parametrize(
    ("period", "words"),
    [
        (Quarter(2018, 4), "Stromen tussen het derde en het vierde kwartaal van 2018"),
        (
            Quarter(2019, 1),
            "Stromen tussen het vierde kwartaal van 2018 en het eerste kwartaal van 2019",
        ),
    ],
)
def test_the_flow_heading_names_the_year_once_when_it_can(f, period, words):
    assert say("kop_stromen", replace(f, period=period, previous=period.previous)) == words


@pytest.mark.parametrize(
    ("n", "words"), [(22, "zijn zo 22 personen"), (1, "is zo 1 persoon"), (0, "is zo niemand")]
)
def test_praktijkroute_count_agrees_and_never_says_zero_persons(n, words):
    macros = documents.environment().get_template("_macros.html.j2").module
    assert str(macros.personen_opgenomen(n, "zo")) == words


def test_outflow_reasons_that_did_not_occur_are_named_once(f, texts):
    assert "(0%)" not in texts["factsheet"]
    every = dict.fromkeys(("vertrek_regio", "aow", "overlijden"), 33)
    movement = replace(f.flows.movement, reasons={**every, "vertrek_regio": 34}, reasons_absent=[])
    flows = replace(f.flows, movement=movement)
    said = say("zin_uitstroom", replace(f, flows=flows))
    assert said.endswith("vertrek uit de regio (34%), AOW-leeftijd (33%) en overlijden (33%).")
    assert "geen uitstroom" not in said
    single = replace(f.flows.movement, reasons={"overig": 100}, reasons_absent=["aow"])
    one = replace(f.flows, movement=single)
    assert say("zin_uitstroom", replace(f, flows=one)) == (
        "De uitstroom uit het register (50 personen) had deze reden: overige redenen (100%). "
        "Er was geen uitstroom wegens het bereiken van de AOW-leeftijd."
    )


def test_equal_to_the_national_share_is_said_so(f):
    same = replace(f, target_group=replace(f.target_group, working_pct=43))
    assert say("zin_werkzaam", same).endswith("samen werkt 43%, net als landelijk.")
    assert say("zin_werkzaam", f).endswith("samen werkt 47%, tegen 43% landelijk.")
