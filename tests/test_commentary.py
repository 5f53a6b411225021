"""The adviser's commentary appears only under the numbers of the quarter it was written for."""

from pathlib import Path

from conftest import build, copy_project, pdf_text

EXAMPLE_WORDS = "Het register groeide in 2018 met 136 personen"


def _report(folder: Path, period: str) -> str:
    slug = "gooi-en-vechtstreek"
    return pdf_text(folder / period / slug / f"kwartaalrapportage-{slug}-{period}.pdf")


def test_the_example_commentary_is_shown_for_its_own_quarter(example: Path):
    text = pdf_text(example / "kwartaalrapportage-gooi-en-vechtstreek-2018-Q4.pdf")
    assert EXAMPLE_WORDS in text
    assert "Duiding" in text


def test_another_quarter_has_its_own_commentary_and_none_of_2018_q4(tmp_path: Path, capsys):
    """2018-Q3's section in the example has no duiding: its report has none, without warning."""
    config = copy_project(tmp_path)
    assert build(config, tmp_path, "--periode", "2018-Q3", "--document", "kwartaalrapportage") == 0
    assert "duiding" not in capsys.readouterr().err
    text = _report(tmp_path, "2018-Q3")
    assert EXAMPLE_WORDS not in text and "Duiding" not in text
    assert "de grootste groei van 2018" not in text


def test_commentary_written_in_an_earlier_quarters_section_shows_there_only(tmp_path: Path):
    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8").replace(
        "  2018-Q3:\n",
        "  2018-Q3:\n    duiding:\n      inleiding: Eigen woorden over het derde kwartaal.\n",
    )
    config.write_text(text, encoding="utf-8")
    for period in ("2018-Q3", "2018-Q4"):
        assert build(config, tmp_path, "--periode", period, "--document", "kwartaalrapportage") == 0
    assert "Eigen woorden over het derde kwartaal" in _report(tmp_path, "2018-Q3")
    assert EXAMPLE_WORDS not in _report(tmp_path, "2018-Q3")
    assert "Eigen woorden over het derde kwartaal" not in _report(tmp_path, "2018-Q4")


def test_matching_quarter_gives_no_warning(tmp_path: Path, capsys):
    config = copy_project(tmp_path)
    assert build(config, tmp_path, "--check") == 0
    assert "Waarschuwing" not in capsys.readouterr().err


def test_a_period_under_the_commentary_is_refused_with_a_hint(tmp_path: Path, capsys):
    """Inside a quarter's section the commentary needs no 'periode' of its own."""
    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8").replace(
        "    duiding:\n", "    duiding:\n      periode: 2018-Q4\n"
    )
    config.write_text(text, encoding="utf-8")
    assert build(config, tmp_path, "--check") == 1
    err = capsys.readouterr().err
    assert "veld 'kwartalen.2018-Q4.duiding.periode'" in err
    assert "binnen een kwartaal heeft de duiding geen eigen periode nodig" in err
