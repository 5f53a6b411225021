"""One region's build renders in a child forked before the data is read (forked.Standby),
which forks once more to render the kwartaalrapportage on a second core: the files are
byte-identical to a sequential build, an error or Ctrl-C in either renderer is reported as it
would be without them, a child that gets no work (bad data, --check) is gone when the command
ends, and a child never outlives the process that forked it."""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from conftest import ROOT, build, copy_project

from banenafspraak.input import config, dataset
from banenafspraak.input.config import DOCUMENTS
from banenafspraak.problems import Collector
from banenafspraak.render import documents
from banenafspraak.run import forked, pipeline

pytestmark = pytest.mark.skipif(not forked.available(), reason="needs fork and two cores")


@pytest.fixture()
def children(monkeypatch) -> list[forked.Standby]:
    """Every child a build forks, with the tasks given to it."""
    started: list[forked.Standby] = []

    class Counted(forked.Standby):
        def __init__(self, prepare) -> None:
            super().__init__(prepare)
            self.given: list[str] = []
            self.pid = self._pid
            started.append(self)

        def give(self, work, *args) -> None:
            self.given.append(work.__name__)
            super().give(work, *args)

    monkeypatch.setattr(forked, "Standby", Counted)
    return started


def _files(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_parallel_build_equals_a_sequential_one_byte_for_byte(tmp_path, children):
    config_path = ROOT / "config.yaml"
    settings = config.load(config_path)
    data = dataset.load(settings, ROOT, str(config_path), Collector())
    pipeline.build(data, settings, tmp_path / "False", list(DOCUMENTS))
    beside = forked.Standby(lambda: None)
    pipeline.build(data, settings, tmp_path / "True", list(DOCUMENTS), beside=beside)
    assert len(children) == 1 and children[0].given == ["_render_all"]
    sequential, parallel = _files(tmp_path / "False"), _files(tmp_path / "True")
    # Three PDFs, two pages and their fragments, index, styles, and the two records.
    assert len(sequential) == 11
    assert parallel == sequential


@pytest.fixture()
def earlier(tmp_path: Path, example: Path) -> tuple[Path, Path]:
    """A project and an output folder holding a previous build."""
    output = tmp_path / "reports"
    shutil.copytree(example.parent.parent, output)
    return copy_project(tmp_path), output


def _failing_in_the_child(monkeypatch, error: BaseException) -> None:
    real = documents.render_pdf

    def render_pdf(html, file_name, *rest):
        if file_name.startswith(pipeline.APART):
            raise error
        return real(html, file_name, *rest)

    monkeypatch.setattr(documents, "render_pdf", render_pdf)


def test_an_error_in_the_child_is_an_internal_error_and_replaces_nothing(
    earlier, children, monkeypatch, capsys
):
    config_path, output = earlier
    before = _files(output)
    _failing_in_the_child(monkeypatch, OSError("schijf vol"))
    assert build(config_path, output) == 3
    assert "Interne fout (OSError: schijf vol)" in capsys.readouterr().err
    assert len(children) == 1
    assert _files(output) == before


class Unpicklable(Exception):
    def __init__(self, first: str, second: str) -> None:
        super().__init__(f"{first} {second}")


def test_an_error_that_cannot_travel_keeps_its_name_and_text(earlier, monkeypatch, capsys):
    config_path, output = earlier
    _failing_in_the_child(monkeypatch, Unpicklable("kapot", "object"))
    assert build(config_path, output) == 3
    assert "Interne fout (Unpicklable: kapot object)" in capsys.readouterr().err


def test_ctrl_c_in_the_child_alone_stops_the_build_with_one_line(earlier, monkeypatch, capsys):
    config_path, output = earlier
    before = _files(output)
    _failing_in_the_child(monkeypatch, KeyboardInterrupt())
    assert build(config_path, output) == 130
    err = capsys.readouterr().err
    assert err == "Afgebroken. Er is niets vervangen: eerdere rapporten zijn ongewijzigd.\n"
    assert _files(output) == before


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_a_child_without_work_is_gone_when_the_data_is_wrong(earlier, children, capsys):
    config_path, output = earlier
    before = _files(output)
    figures_file = config_path.parent / "data" / "kwartaalcijfers.csv"
    figures_file.write_text(figures_file.read_text(encoding="utf-8").replace(";1.777;", ";veel;"))
    assert build(config_path, output) == 1
    assert "kwartaalcijfers.csv" in capsys.readouterr().err
    assert len(children) == 1 and children[0].given == []
    assert _gone(children[0].pid)
    assert _files(output) == before


def test_check_starts_no_child_and_a_single_document_renders_in_the_child(earlier, children):
    config_path, output = earlier
    assert build(config_path, output, "--check") == 0
    assert children == []
    # The agendavoorstel alone: the child, which has loaded the libraries, renders it.
    assert build(config_path, output, "--document", "agendavoorstel", "--formaat", "pdf") == 0
    assert len(children) == 1 and children[0].given == ["_render_all"]
    assert _gone(children[0].pid)


def _added_to_what_comes_later(number: int) -> int:
    return number + forked.receive()


def test_a_standby_child_prepares_then_does_its_task_with_what_is_sent_later(tmp_path):
    marker = tmp_path / "voorbereid"
    beside = forked.Standby(lambda: marker.write_text("ja"))
    try:
        beside.give(_added_to_what_comes_later, 40)
        beside.send(2)
        assert beside.result() == 42
    finally:
        beside.stop()
    assert marker.read_text() == "ja"  # prepare() ran in the child before the task


def _never_called() -> None:
    raise AssertionError("the task ran although prepare failed")


def test_a_child_whose_preparation_fails_reports_that_error():
    def prepare() -> None:
        raise OSError("cannot load library 'libpango-1.0-0'")

    beside = forked.Standby(prepare)
    try:
        os.waitpid(beside._pid, 0)  # gone before the task is given: the pipe is broken
        beside._pid = None
        beside.give(_never_called)
        beside.send("meer")
        with pytest.raises(OSError, match="libpango"):
            beside.result()
    finally:
        beside.stop()


def _grandchild_then_wait(marker: str) -> None:
    """Fork a child of this child and give it long work, say its pid, then stay until
    killed."""
    beside = forked.Standby(lambda: None)
    beside.give(_slow, 30)
    Path(marker).write_text(str(beside._pid))
    signal.pause()


def test_a_child_stopped_part_way_takes_its_own_child_with_it(tmp_path):
    marker = tmp_path / "kleinkind"
    beside = forked.Standby(lambda: None)
    beside.give(_grandchild_then_wait, str(marker))
    for _ in range(200):
        if marker.exists() and marker.read_text():
            break
        time.sleep(0.01)
    grandchild = int(marker.read_text())
    beside.stop()
    for _ in range(200):
        if _gone(grandchild) or _zombie(grandchild):
            break
        time.sleep(0.01)
    assert _gone(grandchild) or _zombie(grandchild)


def _zombie(pid: int) -> bool:
    """Killed, but not yet reaped by init (its parent is gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True


def _stopped_while_waiting() -> None:
    raise KeyboardInterrupt


def _slow(seconds: float) -> str:
    time.sleep(seconds)
    return "klaar"


def test_a_stop_signal_while_waiting_for_the_child_ends_it_at_once():
    beside = forked.Standby(lambda: None)
    pid = beside._pid
    beside.give(_slow, 30)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        beside.result(while_waiting=_stopped_while_waiting)
    assert time.monotonic() - started < 5
    assert _gone(pid)
