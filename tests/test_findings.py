"""Findings of a review of the input checks and the layout: each case ends in a Dutch message
with exit 1 or in a correct reading, never in an internal error or in text off the page."""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import build, copy_project, plain_cell, to_xlsx

from banenafspraak.input import config as config_module

CM = 72 / 2.54  # PDF points in a centimetre


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# 1. A config nested hundreds of levels deep exhausted Python's stack (exit 3).


@pytest.mark.parametrize(
    "nested",
    [
        "duiding: " + "[" * 600 + "]" * 600 + "\n",
        "duiding:\n" + "".join(" " * (4 + level) + f"k{level}:\n" for level in range(1, 500)),
        "duiding: " + "{a: " * 600 + "1" + "}" * 600 + "\n",
    ],
    ids=["lists", "mappings", "flow-mappings"],
)
def test_a_config_nested_too_deep_is_refused_in_dutch(tmp_path, capsys, nested):
    config = copy_project(tmp_path)
    edit(config, "duiding:\n", nested + "oude_duiding:\n")
    assert build(config, tmp_path / "reports", "--check") == 1
    err = capsys.readouterr().err
    assert "Interne fout" not in err
    assert re.search(
        r"^Fout: \S*config\.yaml, regel \d+: dit is geen geldige YAML: de gegevens zijn te "
        r"diep genest \(meer dan 100 niveaus, vanaf kolom \d+\)",
        err,
        flags=re.M,
    ), err
    # The lenient reading that finds the data folder for a broken config survives it too.
    assert config_module.data_folder(config) == tmp_path / "data"


# 2. Control characters written as YAML escapes reached the HTML and the PDF's text.

OPGESTELD = "opgesteld_door: adviseur Werkgeversdienstverlening UWV in de regio Gooi en Vechtstreek"
VOORSTEL = (
    "      - de leden uit te nodigen toe te lichten welke acties zij in 2019 ondernemen om de"
)
MEETING = "    werkkamer_vergadering: 2019-05-15\n"
CONTROL_CASES = [
    (
        OPGESTELD,
        'opgesteld_door: "adviseur\\x1b[31m Werkgeversdienstverlening UWV"',
        "opgesteld_door",
        "U+001B",
    ),
    ("auteur: M. Jansen", 'auteur: "M. Jansen\\u0007"', "auteur", "U+0007"),
    ("regio: Gooi en Vechtstreek", 'regio: "Gooi en Vechtstreek\\x00"', "regio", "U+0000"),
    (
        "      banen_kwartaal: |\n",
        '      inleiding: "Zie \\x9b de cijfers"\n      banen_kwartaal: |\n',
        "kwartalen.2018-Q4.duiding.inleiding",
        "U+009B",
    ),
    (
        VOORSTEL,
        f'      - "\\ede gemeenten te vragen"\n{VOORSTEL}',
        "kwartalen.2018-Q4.voorstellen.0",
        "U+001B",
    ),
    (
        MEETING,
        MEETING + '    bronnen: ["UWV \\x7f", "Eigen telling"]\n',
        "kwartalen.2018-Q4.bronnen.0",
        "U+007F",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "field", "code"), CONTROL_CASES, ids=[case[2] for case in CONTROL_CASES]
)
def test_control_characters_in_the_config_are_refused(tmp_path, capsys, old, new, field, code):
    config = copy_project(tmp_path)
    edit(config, old, new)
    assert build(config, tmp_path / "reports", "--check") == 1
    err = capsys.readouterr().err
    assert (
        f"config.yaml, veld '{field}': de tekst bevat het onzichtbare stuurteken {code}, dat "
        "niet in een rapport hoort; haal het weg" in err
    ), err
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", err), "raw control character"


def test_newlines_and_tabs_in_the_config_are_still_text(tmp_path, capsys):
    config = copy_project(tmp_path)
    edit(config, "auteur: M. Jansen", 'auteur: "M.\\tJansen"')
    assert build(config, tmp_path / "reports", "--check") == 0, capsys.readouterr().err


# 3. A Werkkamer meeting before UWV published the figures was accepted silently.


def test_a_meeting_before_the_figures_were_published_is_refused(tmp_path, capsys):
    config = copy_project(tmp_path)
    edit(config, "werkkamer_vergadering: 2019-05-15", "werkkamer_vergadering: 2019-04-24")
    assert build(config, tmp_path / "reports", "--check") == 1
    err = capsys.readouterr().err
    assert (
        "config.yaml, veld 'kwartalen.2018-Q4.werkkamer_vergadering': de vergadering van de "
        "Werkkamer "
        "(24-04-2019) ligt vóór de datum waarop UWV de cijfers publiceerde (25-04-2019, "
        "bron_publicatiedatum); de Werkkamer kan geen cijfers bespreken die nog niet zijn "
        "gepubliceerd" in err
    ), err


def test_a_meeting_on_the_day_of_publication_is_accepted(tmp_path, capsys):
    config = copy_project(tmp_path)
    edit(config, "werkkamer_vergadering: 2019-05-15", "werkkamer_vergadering: 2019-04-25")
    assert build(config, tmp_path / "reports", "--check") == 0, capsys.readouterr().err


# 4. A percent-formatted count cell was read as a hundred times its value.


def test_a_percent_formatted_count_is_refused(tmp_path, capsys):
    config = copy_project(tmp_path)

    def count_as_percent(column: str, text: str) -> tuple[object, str | None]:
        if column == "banen" and text == "962":
            return 17.77, "0%"
        return plain_cell(column, text)

    to_xlsx(tmp_path / "data" / "kwartaalcijfers.csv", count_as_percent)
    assert build(config, tmp_path / "reports", "--check") == 1
    err = capsys.readouterr().err
    assert (
        "kwartaalcijfers.xlsx, regel 13, veld 'banen': de cel is in Excel als percentage "
        "opgemaakt en toont 1777%; een aantal is geen percentage: geef de cel in Excel de "
        "getalnotatie Getal of Standaard" in err
    ), err


def test_a_percent_formatted_percentage_is_read_as_shown(tmp_path, capsys):
    """The other side of the same rule: in a percentage column 0,435 shown as 43,5% is 43,5."""
    from banenafspraak.input import cells

    assert cells.parse("pct", cells.Percent(Decimal("0.435"), "0.0%")) == Decimal("43.5")
    assert str(cells.Percent(Decimal("17.77"))) == "1777%"
    assert str(cells.Percent(Decimal("0.435"), "0.0%")) == "43,5%"


# 5. A long word in the adviser's own lines ran off the PDF page.

WORDS = {
    "auteur": "Auteur" * 20,
    "opgesteld_door": "Opsteller" * 13 + "Ops",
    "voorstel": "Voorstel" * 15,
    "bron": "Bronvermelding" * 8 + "Bronvers",
}


def right_edges(pdf: Path) -> tuple[float, list[tuple[float, str]]]:
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    width = float(re.search(r'<page width="([\d.]+)"', boxes)[1])
    words = re.findall(r'xMax="([\d.]+)"[^>]*>([^<]*)</word>', boxes)
    return width, [(float(right), word) for right, word in words]


@pytest.mark.parametrize(
    ("document", "right_margin", "fields"),
    [
        ("agendavoorstel", 2 * CM, ("auteur", "opgesteld_door", "voorstel")),
        ("kwartaalrapportage", 2 * CM, ("auteur", "opgesteld_door", "bron")),
        ("factsheet", 1.8 * CM, ("bron",)),
    ],
)
def test_long_words_in_the_advisers_lines_wrap_inside_the_page(
    tmp_path, capsys, document, right_margin, fields
):
    assert all(len(word) == 120 for word in WORDS.values())
    config = copy_project(tmp_path)
    edit(config, "auteur: M. Jansen", f"auteur: {WORDS['auteur']}")
    edit(config, "opgesteld_door: adviseur", f"opgesteld_door: {WORDS['opgesteld_door']} adviseur")
    edit(config, "    - de gemeenten te", f"    - {WORDS['voorstel']} de gemeenten te")
    edit(
        config,
        MEETING,
        f"{MEETING}    bronnen:\n      - UWV, {WORDS['bron']}.\n      - Eigen telling.\n",
    )
    output = tmp_path / "reports"
    assert build(config, output, "--document", document, "--formaat", "pdf") == 0, (
        capsys.readouterr().err
    )
    width, words = right_edges(next(output.rglob("*.pdf")))
    for field in fields:
        assert any(WORDS[field][:20] in word for _, word in words), f"{field} not in the PDF"
    beyond = [word for right, word in words if right > width - right_margin + 0.5]
    assert not beyond, f"text runs into the right margin: {beyond}"


def test_a_sum_message_shows_whole_numbers_beside_an_empty_cell(tmp_path, capsys):
    """An empty cell makes pandas hold the column as floats: the message said '923.0'."""
    config = copy_project(tmp_path)
    path = tmp_path / "data" / "kwartaalcijfers.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Gooi en Vechtstreek;2018-Q3;923;", "Gooi en Vechtstreek;2018-Q3;;")
    text = text.replace("Gooi en Vechtstreek;2018-Q4;962;", "Gooi en Vechtstreek;2018-Q4;963;")
    path.write_text(text, encoding="utf-8")
    assert build(config, tmp_path / "reports", "--check") == 1
    err = capsys.readouterr().err
    assert "banen_markt + banen_overheid + banen_uitzend = 962, maar banen is 963" in err, err
    assert ".0" not in err
