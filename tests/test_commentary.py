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


def test_another_quarter_warns_and_leaves_all_commentary_out(tmp_path: Path, capsys):
    config = copy_project(tmp_path)
    assert build(config, tmp_path, "--periode", "2018-Q3", "--document", "kwartaalrapportage") == 0
    warning = capsys.readouterr().err
    assert "Waarschuwing:" in warning
    assert "de duiding is geschreven voor 2018-Q4, maar deze documenten gaan over 2018-Q3" in (
        warning
    )
    assert "alle duiding is weggelaten" in warning
    text = _report(tmp_path, "2018-Q3")
    assert EXAMPLE_WORDS not in text and "Duiding" not in text
    assert "de grootste groei van 2018" not in text


def test_commentary_without_a_quarter_is_left_out_with_a_warning(tmp_path: Path, capsys):
    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8").replace(
        "duiding:\n  periode: 2018-Q4\n", "duiding:\n"
    )
    config.write_text(text, encoding="utf-8")
    assert build(config, tmp_path, "--document", "kwartaalrapportage") == 0
    warning = capsys.readouterr().err
    assert "de duiding zegt niet voor welk kwartaal ze is geschreven" in warning
    assert "zet 'periode: 2018-Q4' onder 'duiding'" in warning
    assert EXAMPLE_WORDS not in _report(tmp_path, "2018-Q4")


def test_matching_quarter_gives_no_warning(tmp_path: Path, capsys):
    config = copy_project(tmp_path)
    assert build(config, tmp_path, "--check") == 0
    assert "Waarschuwing" not in capsys.readouterr().err


def test_a_commentary_period_that_is_no_quarter_is_an_error(tmp_path: Path, capsys):
    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8").replace(
        "periode: 2018-Q4\n  banen", "periode: Q4\n  banen"
    )
    config.write_text(text, encoding="utf-8")
    assert build(config, tmp_path, "--check") == 1
    assert "veld 'duiding'" in capsys.readouterr().err
