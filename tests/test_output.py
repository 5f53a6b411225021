"""Writing a set of files all or nothing (output.write_set), with failures simulated."""

from __future__ import annotations

import errno
import os
import signal
import stat
from pathlib import Path

import pytest

from banenafspraak.run import output

NAMES = ("kwartaalrapportage.pdf", "factsheet.pdf", "agendavoorstel.pdf")


@pytest.fixture()
def old_set(tmp_path: Path) -> dict[Path, bytes]:
    """An earlier set of three files, each with its own content."""
    folder = tmp_path / "reports" / "2018-Q4"
    folder.mkdir(parents=True)
    files = {folder / name: f"oud {name}".encode() for name in NAMES}
    for path, content in files.items():
        path.write_bytes(content)
    return files


def new_set(old: dict[Path, bytes]) -> list[tuple[Path, bytes]]:
    return [(path, b"nieuw " + content) for path, content in old.items()]


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file in the folder, leftovers (temporary, backup) included."""
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def failing_on(call: int, monkeypatch: pytest.MonkeyPatch, error: OSError) -> list[tuple]:
    """Make the n-th os.replace in output fail; returns the calls made."""
    real = os.replace
    calls: list[tuple] = []

    def replace(source, target):
        calls.append((source, target))
        if len(calls) == call:
            raise error
        return real(source, target)

    monkeypatch.setattr(output.os, "replace", replace)
    return calls


def test_the_whole_set_is_written_with_the_usual_permissions(old_set):
    output.write_set(new_set(old_set))
    folder = next(iter(old_set)).parent
    assert folder_state(folder) == {p.name: b"nieuw " + c for p, c in old_set.items()}
    umask = os.umask(0o022)
    os.umask(umask)
    for path in old_set:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_a_failed_second_replace_puts_the_first_back(old_set, monkeypatch):
    folder = next(iter(old_set)).parent
    before = folder_state(folder)
    calls = failing_on(2, monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    with pytest.raises(output.OutputError) as failed:
        output.write_set(new_set(old_set))
    # The first file had really been replaced before the second failed.
    assert calls[0][1] == next(iter(old_set))
    assert folder_state(folder) == before  # byte for byte, and no leftovers
    assert "de schijf is vol" in failed.value.message
    assert failed.value.state == output.RESTORED


def test_a_new_file_is_removed_again_when_the_set_fails(old_set, monkeypatch):
    folder = next(iter(old_set)).parent
    first = next(iter(old_set))
    first.unlink()
    before = folder_state(folder)
    failing_on(2, monkeypatch, OSError(errno.EIO, "Input/output error"))
    with pytest.raises(output.OutputError):
        output.write_set(new_set(old_set))
    assert folder_state(folder) == before
    assert not first.exists()


def test_a_failed_restore_is_told_truthfully(old_set, monkeypatch):
    # Replace 1 works, replace 2 fails, and so does putting file 1 back (call 3).
    real = os.replace
    calls = []

    def replace(source, target):
        calls.append(target)
        if len(calls) in (2, 3):
            raise OSError(errno.EIO, "Input/output error")
        return real(source, target)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(output.OutputError) as failed:
        output.write_set(new_set(old_set))
    first, second, third = old_set
    assert (
        str(first) in failed.value.state and "konden niet worden teruggezet" in failed.value.state
    )
    assert first.read_bytes() == b"nieuw " + old_set[first]
    assert second.read_bytes() == old_set[second] and third.read_bytes() == old_set[third]


def test_a_failure_while_writing_the_temporary_files_changes_nothing(old_set, monkeypatch):
    folder = next(iter(old_set)).parent
    before = folder_state(folder)
    real = os.fsync
    calls = []

    def fsync(handle):
        calls.append(handle)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(handle)

    monkeypatch.setattr(output.os, "fsync", fsync)
    with pytest.raises(output.OutputError) as failed:
        output.write_set(new_set(old_set))
    assert failed.value.state == output.UNCHANGED
    assert folder_state(folder) == before


def test_ctrl_c_while_replacing_restores_the_old_set(old_set, monkeypatch):
    folder = next(iter(old_set)).parent
    before = folder_state(folder)
    real = os.replace
    calls = []

    def replace(source, target):
        calls.append(target)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)  # arrives between two replaces
        return real(source, target)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        output.write_set(new_set(old_set))
    assert len(calls) >= 3  # the swap was finished, then undone
    assert folder_state(folder) == before
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_ctrl_c_while_writing_temporary_files_leaves_no_leftovers(old_set, monkeypatch):
    folder = next(iter(old_set)).parent
    before = folder_state(folder)

    def interrupted(handle):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output.write_set(new_set(old_set))
    assert folder_state(folder) == before


def test_a_read_only_target_is_not_replaced(old_set):
    folder = next(iter(old_set)).parent
    second = list(old_set)[1]
    second.chmod(0o444)
    before = folder_state(folder)
    with pytest.raises(output.OutputError) as failed:
        output.write_set(new_set(old_set))
    assert "alleen-lezen" in failed.value.message and str(second) in failed.value.message
    assert folder_state(folder) == before


@pytest.mark.parametrize(
    ("arrange", "fragment"),
    [
        (lambda root: (root / "uit").write_text("x"), "de uitvoermap is een bestand"),
        (lambda root: None, "bestaat niet"),  # 'uit' sits in a missing folder
        (lambda root: (root / "uit").mkdir(mode=0o555), "mag niet worden geschreven"),
    ],
    ids=["folder-is-a-file", "missing-parent", "not-writable"],
)
def test_an_unusable_output_folder_is_found_before_writing(tmp_path, arrange, fragment):
    arrange(tmp_path)
    folder = tmp_path / "uit" if (tmp_path / "uit").exists() else tmp_path / "geen" / "uit"
    problems = output.folder_problems(folder, [folder / "2018-Q4" / "a.pdf"])
    assert len(problems) == 1 and fragment in str(problems[0])


def test_a_usable_output_folder_has_no_problems(tmp_path):
    folder = tmp_path / "uit"
    assert output.folder_problems(folder, [folder / "2018-Q4" / "regio" / "a.pdf"]) == []
    (folder / "2018-Q4" / "regio" / "a.pdf").mkdir(parents=True)
    [problem] = output.folder_problems(folder, [folder / "2018-Q4" / "regio" / "a.pdf"])
    assert "hier staat een map" in str(problem)
