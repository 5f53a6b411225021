"""One region's build renders the kwartaalrapportage in a child forked before the data is read
(forked.Standby), on a second core: the files are byte-identical to a sequential build, an
error or Ctrl-C in the child is reported as it would be without it, and a child that gets no
work (bad data, --check) is gone when the command ends."""

from __future__ import annotations

import os
import shutil
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
    assert len(children) == 1 and children[0].given == ["_render_apart"]
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


def test_check_and_a_single_document_start_no_child_or_give_it_nothing(earlier, children):
    config_path, output = earlier
    assert build(config_path, output, "--check") == 0
    assert children == []
    # The agendavoorstel alone: nothing to render beside it, so the child is stopped unused.
    assert build(config_path, output, "--document", "agendavoorstel", "--formaat", "pdf") == 0
    assert len(children) == 1 and children[0].given == []
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
