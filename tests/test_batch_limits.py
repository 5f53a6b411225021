"""`--alle-regios` under limits and signals, each a real batch run as a user runs it (a
separate process, `python build.py`), with real signals: a worker killed with SIGKILL,
SIGTERM and SIGHUP to the command, Ctrl-C to the whole process group. Besides: too many
workers, colliding region folders, a manifest that cannot be written, a full disk, two builds
into one folder, and no temporary file left behind by any of them."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, build, copy_project
from regions import copy_example, region_names

from banenafspraak.run import output

REGIONS = 8  # enough that a batch is still busy when a signal comes


def _project(root: Path, regions: int = REGIONS) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    config = copy_project(root)
    copy_example(root / "data", region_names(root / "data")[:regions])
    # The example's commentary is written for one region; a batch warns about it.
    text = config.read_text(encoding="utf-8")
    config.write_text(text.split("\n    duiding:", 1)[0] + "\n", encoding="utf-8")
    return config


def _command(config: Path, out: Path) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "--config", str(config), "--uitvoer", str(out)]


def _start(config: Path, out: Path, temp: Path, *extra: str) -> subprocess.Popen:
    """The batch as its own process group, as a terminal starts it, with its own temp folder."""
    temp.mkdir(exist_ok=True)
    return subprocess.Popen(
        [*_command(config, out), "--alle-regios", "--werkers", "2", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "TMPDIR": str(temp)},
    )


def _first_region(batch: subprocess.Popen) -> list[str]:
    """Read the batch's output up to its first built region (the workers are busy then)."""
    lines = []
    for line in batch.stdout:
        lines.append(line)
        if line.startswith("[1/"):
            return lines
    raise AssertionError(f"the batch ended before any region: {lines} {batch.stderr.read()}")


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in found]


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return status != "Z"


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in folder.rglob("*")
        if path.is_file()
    }


def _manifest(out: Path) -> dict:
    return json.loads((out / "2018-Q4" / "manifest.json").read_text(encoding="utf-8"))


def _left_behind(temp: Path) -> list[str]:
    return sorted(str(path.relative_to(temp)) for path in temp.rglob("*"))


def test_a_killed_worker_fails_its_region_and_ends_the_batch(tmp_path):
    config = _project(tmp_path / "project")
    out, temp = tmp_path / "reports", tmp_path / "tmp"
    batch = _start(config, out, temp, "--document", "agendavoorstel")
    _first_region(batch)
    worker = _children(batch.pid)[0]
    os.kill(worker, signal.SIGKILL)
    try:
        rest, err = batch.communicate(timeout=120)  # it used to wait for that worker forever
    except subprocess.TimeoutExpired:
        os.killpg(batch.pid, signal.SIGKILL)
        raise AssertionError("the batch hangs after a worker was killed") from None
    assert batch.returncode == 1, err
    assert "Traceback" not in err
    assert "het bouwproces is onverwacht gestopt door signaal 9 (SIGKILL)" in rest
    assert "Fout: de batch is gestopt omdat een bouwproces niet meer werkte." in err
    manifest = _manifest(out)
    assert manifest["status"] == "deels mislukt"
    assert len(manifest["mislukt"]) == 1
    named = set(manifest["regios"]) | set(manifest["mislukt"]) | set(manifest["niet_gebouwd"])
    assert named == {*region_names(config.parent / "data")[:REGIONS], "Gooi en Vechtstreek"}
    assert _left_behind(temp) == []


@pytest.mark.parametrize(
    ("stop", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)], ids=["SIGTERM", "SIGHUP"]
)
def test_sigterm_and_sighup_stop_the_workers_before_the_command_ends(tmp_path, stop, code):
    config = _project(tmp_path / "project")
    out, temp = tmp_path / "reports", tmp_path / "tmp"
    batch = _start(config, out, temp)
    _first_region(batch)
    workers = _children(batch.pid)
    assert workers
    batch.send_signal(stop)  # to the command alone, as a service manager or `kill` does
    _, err = batch.communicate(timeout=120)
    assert batch.returncode == code, err
    assert "Traceback" not in err and "BrokenPipe" not in err
    assert err.strip().splitlines()[-1].startswith("Afgebroken na "), err
    assert not [pid for pid in workers if _alive(pid)], "workers outlived the command"
    written = _snapshot(out)
    time.sleep(3)
    assert _snapshot(out) == written, "files were written after the command ended"
    manifest = _manifest(out)
    assert manifest["status"] == "afgebroken"
    assert manifest["regios"] and manifest["niet_gebouwd"]
    for entries in manifest["regios"].values():
        for entry in entries:  # every region it lists is there in full
            assert (out / "2018-Q4" / entry["bestand"]).stat().st_size == entry["bytes"]
    assert _left_behind(temp) == []


def test_ctrl_c_in_a_batch_says_one_dutch_line(tmp_path):
    config = _project(tmp_path / "project")
    out, temp = tmp_path / "reports", tmp_path / "tmp"
    batch = _start(config, out, temp)
    _first_region(batch)
    os.killpg(batch.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches every worker too
    _, err = batch.communicate(timeout=120)
    assert batch.returncode == 130, err
    assert err.strip().splitlines() == [err.strip().splitlines()[-1]], err
    assert err.startswith("Afgebroken na ") and "van de andere regio's is niets vervangen" in err
    assert _manifest(out)["status"] == "afgebroken"
    assert _left_behind(temp) == []


def test_too_many_workers_are_capped_and_the_cap_is_said(tmp_path, capsys):
    config = _project(tmp_path / "project", regions=1)  # Groningen and the example region
    out = tmp_path / "reports"
    code = build(config, out, "--alle-regios", "--werkers", "999", "--document", "agendavoorstel")
    assert code == 0
    printed = capsys.readouterr()
    workers = min(2, len(os.sched_getaffinity(0)))
    assert f"Let op: --werkers 999 is teruggebracht tot {workers}, want " in printed.err
    plural = "1 werker" if workers == 1 else f"{workers} werkers"
    assert f"Alle regio's bouwen voor 2018-Q4: 2 regio's, {plural}" in printed.out


def test_regions_that_share_a_folder_are_refused_before_building(tmp_path, capsys):
    config = _project(tmp_path / "project", regions=1)
    data = config.parent / "data"
    with (data / "regios.csv").open("a", encoding="utf-8") as regios:
        regios.write("99;GRONINGEN\n")
    copy_example(data, ["GRONINGEN"])
    out = tmp_path / "reports"
    assert build(config, out, "--alle-regios") == 1
    err = capsys.readouterr().err
    assert "de regio's 'Groningen' en 'GRONINGEN' komen in dezelfde map" in err
    assert not out.exists()


def test_a_manifest_that_cannot_be_written_stops_the_batch_before_building(tmp_path, capsys):
    config = _project(tmp_path / "project", regions=1)
    out = tmp_path / "reports"
    (out / "2018-Q4" / "manifest.json").mkdir(parents=True)
    assert build(config, out, "--alle-regios") == 1
    err = capsys.readouterr().err
    assert "manifest.json: hier staat een map waar het bestand moet komen" in err
    assert [path.name for path in (out / "2018-Q4").iterdir()] == ["manifest.json"]


def test_a_full_disk_in_a_batch_is_an_error_not_an_internal_one(tmp_path, monkeypatch, capsys):
    config = _project(tmp_path / "project", regions=1)
    out = tmp_path / "reports"
    assert build(config, out, "--alle-regios", "--document", "agendavoorstel") == 0
    before = _snapshot(out)
    complete = _manifest(out)
    capsys.readouterr()

    def full(target: Path, content: bytes) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    # Workers are forked from this process, so they write through the replacement.
    monkeypatch.setattr(output, "_write_temporary", full)
    assert build(config, out, "--alle-regios", "--document", "agendavoorstel") == 1
    printed = capsys.readouterr()
    assert "Interne fout" not in printed.out + printed.err
    assert "Fout: Het schrijven is mislukt" in printed.out and "de schijf is vol" in printed.out
    assert _snapshot(out) == before
    assert _manifest(out) == complete  # the manifest could not be written either: kept


def test_the_manifest_keeps_regions_whose_files_are_unchanged(tmp_path, capsys):
    config = _project(tmp_path / "project", regions=1)
    out = tmp_path / "reports"
    assert build(config, out, "--alle-regios", "--document", "agendavoorstel") == 0
    complete = _manifest(out)
    assert complete["status"] == "volledig" and len(complete["regios"]) == 2
    # Groningen's figures no longer add up: it fails, and its earlier files stay.
    path = config.parent / "data" / "kwartaalcijfers.csv"
    text = path.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("Groningen;2018-Q4;"))
    cells = row.split(";")
    cells[2] = str(int(cells[2]) + 1)
    path.write_text(text.replace(row, ";".join(cells)), encoding="utf-8")
    assert build(config, out, "--alle-regios", "--document", "agendavoorstel") == 1
    capsys.readouterr()
    manifest = _manifest(out)
    assert manifest["status"] == "deels mislukt"
    assert list(manifest["mislukt"]) == ["Groningen"]
    assert manifest["eerder_gebouwd"] == ["Groningen"]
    assert manifest["regios"]["Groningen"] == complete["regios"]["Groningen"]


def test_a_second_build_into_the_same_folder_waits_for_the_first(tmp_path):
    from banenafspraak.run import folder_lock

    config = _project(tmp_path / "project", regions=1)
    out = tmp_path / "reports"
    with folder_lock.held(out):  # a build that is still writing
        second = subprocess.Popen(
            [*_command(config, out), "--document", "agendavoorstel"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        said = second.stderr.readline() or second.communicate()[1]
        assert said.startswith(f"Er wordt al gebouwd in {out} (proces {os.getpid()})"), said
        time.sleep(2)
        assert second.poll() is None and not out.exists(), "the second build did not wait"
    _, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert len(list(out.rglob("*.pdf"))) == 1
    assert not folder_lock.lock_file(out).exists()


@pytest.mark.parametrize("kind", ["gebouwd", "foute gegevens", "afgebroken"])
def test_no_temporary_file_outlives_a_single_build(tmp_path, kind):
    config = _project(tmp_path / "project", regions=0)
    if kind == "foute gegevens":
        path = config.parent / "data" / "landelijk.csv"
        path.write_text(path.read_text(encoding="utf-8") + "onzin;;\n", encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    run = subprocess.Popen(
        _command(config, tmp_path / "reports"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(temp)},
    )
    if kind == "afgebroken":
        time.sleep(1.5)
        run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=120)
    # Interrupted at 1,5 s, a build on a fast machine may just have finished.
    expected = {"gebouwd": {0}, "foute gegevens": {1}, "afgebroken": {0, 130}}[kind]
    assert run.returncode in expected, err
    assert _left_behind(temp) == []


def test_a_full_standard_output_is_an_error_with_exit_1(tmp_path):
    config = _project(tmp_path / "project", regions=0)
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [*_command(config, tmp_path / "reports"), "--document", "agendavoorstel"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith("Fout: Het schrijven is mislukt: de schijf is vol."), run.stderr
    assert len(list((tmp_path / "reports").rglob("*.pdf"))) == 1
