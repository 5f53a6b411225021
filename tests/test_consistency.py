"""The three documents never contradict each other: a figure that more than one of them
states is stated identically in each, at the reference data and at national size."""

import html
import re
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, build, compute_figures, copy_project, pdf_text
from scaled import scale_data

from banenafspraak.figures.compute import Figures
from banenafspraak.formatting import number
from banenafspraak.render import documents

DOCUMENTS = ("kwartaalrapportage", "factsheet", "agendavoorstel")
N = r"([\d.]+)"  # a Dutch count
S = r"([+-]?[\d.]+)"  # a signed change


def _texts(folder: Path) -> dict[str, str]:
    return {
        name: pdf_text(folder / f"{name}-gooi-en-vechtstreek-2018-Q4.pdf") for name in DOCUMENTS
    }


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example with every count times 500 (1.777 persons become 888.500), built whole."""
    root = tmp_path_factory.mktemp("national")
    config_path = copy_project(root)
    scale_data(root / "data")
    assert build(config_path, root / "reports") == 0
    return config_path, root / "reports" / "2018-Q4" / "gooi-en-vechtstreek"


@pytest.fixture(scope="module", params=["reference", "national"])
def case(request, example: Path) -> tuple[Figures, dict[str, str], Path]:
    if request.param == "reference":
        return compute_figures(ROOT / "config.yaml"), _texts(example), example
    config_path, folder = request.getfixturevalue("national")
    return compute_figures(config_path), _texts(folder), folder


def _stated(f: Figures) -> dict[str, tuple[str, dict[str, list[str]]]]:
    """Each figure: its expected wording, and per document the patterns that state it."""
    jobs, group, flows = f.jobs, f.target_group, f.flows
    all_three = dict.fromkeys(DOCUMENTS)
    return {
        "extra banen": (
            number(jobs.extra),
            {
                name: [rf"waren er in de regio {N} extra banen ten opzichte van de nulmeting"]
                for name in all_three
            },
        ),
        "aandeel van de doelstelling": (
            f"{jobs.target_pct}",
            {name: [r"daarvan is (\d+)% gerealiseerd"] for name in all_three},
        ),
        "doelstelling": (
            number(jobs.target),
            {
                name: [rf"De doelstelling voor eind \d{{4}} is {N} extra banen"]
                for name in all_three
            },
        ),
        "nog nodig": (
            number(jobs.still_needed),
            {
                "kwartaalrapportage": [
                    rf"het tekort is {N} banen",
                    rf"Het verschil met de doelstelling is {N} banen",
                ],
                "agendavoorstel": [rf"Het verschil met de doelstelling is {N} banen"],
                "factsheet": [
                    rf"Het verschil met de doelstelling is {N} banen",
                    rf"verschil {N}\b",
                ],
            },
        ),
        "banen nu": (
            number(jobs.now),
            {
                "kwartaalrapportage": [
                    rf"telde de regio {N} banen",
                    # Not the example commentary's "Van de 39 banen die ...".
                    rf"Van de {N} banen (?:is|zijn er)",
                ],
                "factsheet": [rf"Banen {N} "],
            },
        ),
        "banengroei in het kwartaal": (
            number(jobs.quarter_change),
            {
                "kwartaalrapportage": [rf"per saldo met {N} toegenomen"],
                "agendavoorstel": [rf"per saldo met {N} toegenomen"],
                "factsheet": [
                    rf"per saldo met {N} toegenomen",
                    rf"Banen {N} {N} {S} {N} {S} {N} \+{N} Personen",
                ],
            },
        ),
        "personen in het register": (
            number(group.now),
            {
                "kwartaalrapportage": [
                    rf"stonden {N} personen in het doelgroepregister",
                    rf"stonden er {N} personen in het doelgroepregister",
                ],
                "factsheet": [rf"stonden {N} personen in het doelgroepregister", rf"Personen {N} "],
                "agendavoorstel": [rf"stonden {N} personen in het doelgroepregister"],
            },
        ),
        "werkzame personen": (
            number(group.working_now),
            {
                **{name: [rf"van hen werkten er {N}\."] for name in all_three},
                "factsheet": [rf"van hen werkten er {N}\.", rf"Werkzame personen {N} "],
            },
        ),
        "aandeel werkenden": (
            f"{group.working_pct}",
            {name: [r"samen werkt (\d+)%"] for name in all_three},
        ),
        "werkvinders": (
            number(flows.finders),
            {
                **{name: [rf"{N} personen? werk \(werkvinders\)"] for name in all_three},
                "factsheet": [rf"{N} personen? werk \(werkvinders\)", rf"Vindt werk {N} "],
            },
        ),
        "werkverliezers": (
            number(flows.losers),
            {
                **{
                    name: [rf"{N} personen? (?:hun|zijn of haar) werk \(werkverliezers\)"]
                    for name in all_three
                },
                "factsheet": [
                    rf"{N} personen? (?:hun|zijn of haar) werk \(werkverliezers\)",
                    rf"Verliest werk {N} ",
                ],
            },
        ),
    }


def test_every_shared_figure_is_stated_identically(case):
    f, texts, _ = case
    for figure, (expected, patterns) in _stated(f).items():
        assert len(patterns) > 1, figure
        for name, regexes in patterns.items():
            found = set()
            for regex in regexes:
                matches = re.findall(regex, texts[name])
                assert matches, f"{figure}: '{regex}' not found in the {name}"
                found |= {m[-1] if isinstance(m, tuple) else m for m in matches}
            assert found == {expected}, f"{figure} in the {name}: {found}, expected {expected}"


# The shared sentence macros and the documents that use each.
SENTENCES = {
    "zin_extra_banen": DOCUMENTS,
    "zin_verschil": DOCUMENTS,
    "zin_nulmeting": ("kwartaalrapportage", "agendavoorstel"),
    "zin_register_jaar": ("kwartaalrapportage", "agendavoorstel"),
    "zin_werkverliezers_trend": ("kwartaalrapportage",),
    "zin_herbeoordeling": ("kwartaalrapportage", "factsheet"),
    "zin_beschut": ("kwartaalrapportage", "agendavoorstel"),
    "zin_register": DOCUMENTS,
    "zin_werkzaam": DOCUMENTS,
    "zin_werkvinders": DOCUMENTS,
    "zin_kwartaal": DOCUMENTS,
    "zin_soort": ("kwartaalrapportage", "factsheet"),
    "zin_jaargroei": ("kwartaalrapportage", "agendavoorstel"),
}


def test_shared_sentences_are_word_for_word_the_same(case):
    f, texts, _ = case
    macros = documents.environment().get_template("_macros.html.j2").module
    for macro, users in SENTENCES.items():
        sentence = re.sub(r"\s+", " ", html.unescape(str(getattr(macros, macro)(f)))).strip()
        for name in users:
            # A line may break after a hyphen ("t+2-" / "maatregel"); a reader joins it.
            shown = re.sub(r"(?<=\w-) ", "", texts[name])
            assert sentence in shown, f"{macro} differs in the {name}: {sentence}"


def test_page_counts_hold_at_any_size(case):
    _, _, folder = case
    pages = {
        name: len(pypdf.PdfReader(folder / f"{name}-gooi-en-vechtstreek-2018-Q4.pdf").pages)
        for name in DOCUMENTS
    }
    assert pages["factsheet"] == 4  # three pages and the appendix with the charts' numbers
    assert pages["agendavoorstel"] == 1
    assert 5 <= pages["kwartaalrapportage"] <= 7


def test_national_size_factsheet_table(national):
    _, folder = national
    text = pdf_text(folder / "factsheet-gooi-en-vechtstreek-2018-Q4.pdf")
    assert "Banen 481.000 257.500 +223.500 429.500 +51.500 461.500 +19.500" in text
    assert "Personen 888.500 1.149.500 -261.000 820.500 +68.000 879.000 +9.500" in text
    assert "Werkzame personen 432.000 246.000 +186.000 390.500 +41.500 429.500 +2.500" in text
    assert "Behoudt werk 393.500 Pwet 118.000 Wajong 238.500 WSW 37.000" in text
