"""`--alle-regios`: every region built by worker processes, a broken region reported under its
name without stopping the others, and a manifest that matches the files."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from importlib import metadata
from pathlib import Path

import pypdf
import pytest
from conftest import build, copy_project
from regions import copy_example

from banenafspraak.run import batch_report, pipeline

# Groningen and Friesland get the example's figures; Friesland's jobs then no longer add up.
COPIES = ["Groningen", "Friesland"]
GOOD = ["Groningen", "Gooi en Vechtstreek"]  # in the order of regios.csv
BROKEN_ROW = ("Friesland;2018-Q4;962;779;", "Friesland;2018-Q4;962;780;")
BROKEN_MESSAGE = "banen_markt + banen_overheid + banen_uitzend = 963, maar banen is 962"
DOCUMENTS = ("kwartaalrapportage", "factsheet", "agendavoorstel")


def _project(root: Path, broken: bool) -> Path:
    root.mkdir()
    config = copy_project(root)
    copy_example(root / "data", COPIES)
    if broken:
        path = root / "data" / "kwartaalcijfers.csv"
        text = path.read_text(encoding="utf-8")
        assert BROKEN_ROW[0] in text
        path.write_text(text.replace(*BROKEN_ROW), encoding="utf-8")
    return config


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = build(*args)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int, str]:
    """The batch built once: (config, output, exit code, everything it printed)."""
    root = tmp_path_factory.mktemp("batch")
    config = _project(root / "project", broken=True)
    output = root / "reports"
    code, printed = _run(config, output, "--alle-regios", "--werkers", "2")
    return config, output, code, printed


def _files(output: Path, region: str) -> dict[str, bytes]:
    """Every file of a region's folder: PDFs, web pages, index and style sheet."""
    folder = output / "2018-Q4" / region
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_a_broken_region_is_named_with_its_problem_and_fails_the_batch(batch):
    _, output, code, printed = batch
    assert code == 1
    assert "Friesland: niet gebouwd" in printed
    assert BROKEN_MESSAGE in printed.split("Friesland: niet gebouwd", 1)[1].splitlines()[1]
    assert "2 regio's gebouwd, 1 regio mislukt: Friesland." in printed
    # The records of the figures published are counted apart from the web files.
    assert "Groningen: 3 PDF's (" in printed and "6 webbestanden, 2 cijferbestanden" in printed
    assert not (output / "2018-Q4" / "friesland").exists()
    # The example config's commentary, written for one region, would reach every region.
    assert "de duiding komt in de kwartaalrapportage van elke regio" in printed


def test_good_regions_match_a_single_region_build_byte_for_byte(batch, example, tmp_path):
    _, output, _, _ = batch
    config = _project(tmp_path / "clean", broken=False)
    assert build(config, tmp_path / "single", "--regio", "Groningen") == 0
    single = _files(tmp_path / "single", "groningen")
    assert len([name for name in single if name.endswith(".pdf")]) == 3
    assert _files(output, "groningen") == single
    # The example region, built alone from the project's own data, is the same too.
    expected = {path.name: path.read_bytes() for path in sorted(example.iterdir())}
    assert _files(output, "gooi-en-vechtstreek") == expected


def test_the_manifest_describes_the_files_and_inputs(batch):
    config, output, _, _ = batch
    folder = output / "2018-Q4"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["periode"] == "2018-Q4"
    assert manifest["rapportbouwer"] == metadata.version("banenafspraak")
    assert list(manifest["regios"]) == GOOD
    for region, entries in manifest["regios"].items():
        files = {entry["bestand"] for entry in entries}
        slug = region.lower().replace(" ", "-")
        assert files == {f"{slug}/{name}" for name in _files(output, slug)}
        assert {entry.get("document") for entry in entries} == {*DOCUMENTS, None}
        records = sorted(entry["bestand"] for entry in entries if entry.get("soort") == "cijfers")
        assert records == [f"{slug}/cijfers-{slug}-2018-Q4{suffix}" for suffix in (".csv", ".json")]
        for entry in entries:
            content = (folder / entry["bestand"]).read_bytes()
            assert entry["bytes"] == len(content)
            assert entry["sha256"] == hashlib.sha256(content).hexdigest()
            if entry["bestand"].endswith(".pdf"):
                assert entry["paginas"] == len(pypdf.PdfReader(folder / entry["bestand"]).pages)
            else:
                assert "paginas" not in entry
    inputs = manifest["invoer"]
    assert {"config.yaml", "data/kwartaalcijfers.csv", "data/regios.csv"} <= set(inputs)
    for name, digest in inputs.items():
        assert digest == hashlib.sha256((config.parent / name).read_bytes()).hexdigest()
    assert list(manifest["mislukt"]) == ["Friesland"]
    assert BROKEN_MESSAGE in manifest["mislukt"]["Friesland"][0]


def test_checking_every_region_names_each_problem_under_its_region(tmp_path):
    config = _project(tmp_path / "project", broken=True)
    # A bad cell in Groningen's rows stops Groningen alone.
    path = config.parent / "data" / "stromen.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Groningen;2018-Q4;25;", "Groningen;2018-Q4;2x;"),
        encoding="utf-8",
    )
    code, printed = _run(config, tmp_path / "reports", "--alle-regios", "--check")
    assert code == 1
    lines = printed.splitlines()
    assert "[1/3] Groningen: niet in orde" in lines
    assert "stromen.csv" in lines[lines.index("[1/3] Groningen: niet in orde") + 1]
    assert "[2/3] Friesland: niet in orde" in lines
    assert "[3/3] Gooi en Vechtstreek: in orde" in lines
    assert "1 regio in orde, 2 regio's mislukt: Groningen, Friesland." in printed
    assert not (tmp_path / "reports").exists()


def test_a_problem_every_region_shares_stops_the_batch_before_building(tmp_path):
    config = _project(tmp_path / "project", broken=False)
    (config.parent / "data" / "landelijk.csv").unlink()
    code, printed = _run(config, tmp_path / "reports", "--alle-regios")
    assert code == 1
    assert "landelijk.csv: dit gegevensbestand ontbreekt" in printed
    assert "er is niets gebouwd" in printed
    assert not (tmp_path / "reports").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--alle-regios", "--regio", "Groningen"], "kies --regio of --alle-regios"),
        (["--alle-regios", "--werkers", "0"], "--werkers verwacht een aantal van 1 of meer"),
        (["--werkers", "2"], "samen met --alle-regios"),
        (["--alle-regios", "--werkers", "twee"], "--werkers verwacht een geheel getal"),
    ],
)
def test_batch_options_are_checked(args, message, tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        build(tmp_path / "config.yaml", tmp_path / "reports", *args)
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_the_progress_bar_counts_failed_regions_and_lists_their_problems(capsys):
    with batch_report.Progress(2, bar=True) as progress:
        progress.region("Groningen", "3 documenten", ["Waarschuwing: iets"], failed=False)
        progress.region("Friesland", "mislukt", ["Fout: iets anders"], failed=True)
        assert (progress.done, progress.failed) == (2, 1)
    printed = capsys.readouterr()
    assert "Friesland: mislukt\n    Fout: iets anders" in printed.out
    assert "2/2" in printed.err and "mislukt: 1" in printed.err


def test_an_internal_error_in_one_region_leaves_the_others_built(tmp_path, monkeypatch):
    config = _project(tmp_path / "project", broken=False)
    real = pipeline.build

    def build_or_fail(data, settings, *rest, **named):
        if settings.regio == "Groningen":
            raise RuntimeError("kapot")
        return real(data, settings, *rest, **named)

    # Workers are forked from this process, so they build through the replacement.
    monkeypatch.setattr(pipeline, "build", build_or_fail)
    output = tmp_path / "reports"
    code, printed = _run(
        config, output, "--alle-regios", "--werkers", "2", "--document", "agendavoorstel"
    )
    assert code == 1
    assert "Groningen: mislukt\n    Interne fout: RuntimeError: kapot" in printed
    assert "Friesland: 1 PDF (1 pagina)" in printed
    assert "2 regio's gebouwd, 1 regio mislukt: Groningen." in printed
    assert not (output / "2018-Q4" / "groningen").exists()
    assert len(list((output / "2018-Q4").glob("*/agendavoorstel-*.pdf"))) == 2


def test_a_row_of_an_unknown_region_is_reported_apart_and_stops_no_region(tmp_path):
    config = _project(tmp_path / "project", broken=False)
    path = config.parent / "data" / "nulmeting.csv"
    path.write_text(path.read_text(encoding="utf-8") + "Atlantis;1;2;1\n", encoding="utf-8")
    code, printed = _run(config, tmp_path / "reports", "--alle-regios", "--check")
    assert code == 1
    assert "[3/3] Gooi en Vechtstreek: in orde" in printed
    overige = printed.split("Overige gegevens", 1)[1]
    assert "de regio 'Atlantis' is onbekend" in overige
    assert "3 regio's in orde; 1 probleem in overige gegevens." in printed
