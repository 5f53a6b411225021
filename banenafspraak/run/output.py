"""Writing a set of output files all or nothing.

Every file is first written in full to a temporary name beside its target; only then are the
targets replaced, one by one, each old file kept under a backup name until the whole set is in
place. If a replace fails (or Ctrl-C arrives while replacing), every file already replaced is put
back, so a failed build never leaves a new report beside an old one. Whatever happens, the
raised `OutputError` says truthfully what state the folder is in.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from banenafspraak.problems import Problem
from banenafspraak.run import interrupts

_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


class OutputError(Exception):
    """Writing the set failed; `message` says why and `state` what the folder holds now."""

    def __init__(self, message: str, state: str):
        super().__init__(f"{message} {state}")
        self.message = message
        self.state = state


# Every set this process has put in place, in order: a message about a run stopped part-way
# (Ctrl-C, an internal error) can then say truthfully what was already written.
COMPLETED: list[tuple[Path, ...]] = []

UNCHANGED = "Er is niets vervangen: eerdere bestanden zijn ongewijzigd."
RESTORED = "De al vervangen bestanden zijn teruggezet: eerdere bestanden zijn ongewijzigd."


def folder_problems(folder: Path, targets: list[Path]) -> list[Problem]:
    """What would stop the set from being written to `folder`, found before any work is done:
    a folder that is a file, whose parent is missing or that may not be written in, and
    targets that are folders or read-only files."""
    problem = _folder_problem(folder)
    if problem:
        return [problem]
    problems: list[Problem] = []
    for target in targets:
        problems.extend(_subfolder_problems(target.parent) or _target_problems(target))
    return list(dict.fromkeys(problems))


def _folder_problem(folder: Path) -> Problem | None:
    if folder.exists() and not folder.is_dir():
        return Problem(str(folder), "de uitvoermap is een bestand, geen map")
    if not folder.exists() and not folder.parent.is_dir():
        if folder.parent.exists():
            return Problem(str(folder.parent), "dit is een bestand, geen map")
        return Problem(
            str(folder),
            f"de map waarin de uitvoermap moet komen ({folder.parent}) bestaat niet",
            hint="maak die map eerst aan of kies met --uitvoer een andere",
        )
    existing = folder if folder.exists() else folder.parent
    if not _writable(existing):
        return Problem(
            str(existing), "in deze map mag niet worden geschreven (geen schrijfrechten)"
        )
    return None


def _subfolder_problems(folder: Path) -> list[Problem]:
    """A folder made inside the output folder when missing (period, region)."""
    existing = _first_existing(folder)
    if not existing.is_dir():
        return [
            Problem(str(existing), f"dit is een bestand, dus de map {folder} kan er niet komen")
        ]
    if not _writable(existing):
        return [Problem(str(existing), "in deze map mag niet worden geschreven")]
    return []


def _target_problems(target: Path) -> list[Problem]:
    if target.is_dir():
        return [Problem(str(target), "hier staat een map waar het bestand moet komen")]
    if target.exists() and not target.stat().st_mode & _WRITE_BITS:
        return [
            Problem(
                str(target),
                "dit bestaande bestand is alleen-lezen en wordt niet vervangen",
                hint="maak het eerst schrijfbaar of verwijder het als het weg mag",
            )
        ]
    if target.exists() and not _writable(target.parent):
        return [Problem(str(target.parent), "in deze map mag niet worden geschreven")]
    return []


def _first_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _writable(folder: Path) -> bool:
    # Root may write anywhere; a folder without any write bit is still taken as meant read-only.
    mode = folder.stat().st_mode
    return os.access(folder, os.W_OK | os.X_OK) and bool(mode & _WRITE_BITS)


@dataclass
class _Swap:
    target: Path
    temporary: Path
    backup: Path | None = None  # the old file, kept until the whole set is in place
    done: bool = False


def write_set(files: list[tuple[Path, bytes]]) -> None:
    """Write every (target, content) pair, or none of them; raise OutputError on failure."""
    problems = [problem for target, _ in files for problem in _target_problems(target)]
    if problems:
        raise OutputError("; ".join(str(p) for p in problems) + ".", UNCHANGED)
    swaps: list[_Swap] = []
    try:
        for target, content in files:
            target.parent.mkdir(parents=True, exist_ok=True)
            swaps.append(_Swap(target, _write_temporary(target, content)))
    except BaseException as error:
        _remove([swap.temporary for swap in swaps])
        if isinstance(error, OSError):
            raise OutputError(describe(error), UNCHANGED) from error
        raise
    # Ctrl-C is held back while files are swapped, so that the swap and any restore finish.
    with interrupts.deferred():
        failure = _swap_all(swaps)
        if failure is None and not interrupts.pending():
            _remove([swap.backup for swap in swaps if swap.backup])
            COMPLETED.append(tuple(swap.target for swap in swaps))
            return
        unrestored = _restore(swaps)
    if unrestored:
        raise OutputError(
            describe(failure) if failure else "Afgebroken tijdens het vervangen.",
            "Let op: deze bestanden zijn al vervangen en konden niet worden teruggezet: "
            + ", ".join(str(path) for path in unrestored)
            + ". De andere zijn ongewijzigd.",
        ) from failure
    if failure is None:
        raise KeyboardInterrupt
    if not isinstance(failure, OSError):
        raise failure  # a bug of ours; the earlier files are back in place
    raise OutputError(describe(failure), RESTORED if any(s.done for s in swaps) else UNCHANGED)


def _write_temporary(target: Path, content: bytes) -> Path:
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    # Created like any new file (0666 less the umask, so usually 0644), never mkstemp's 0600.
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _swap_all(swaps: list[_Swap]) -> Exception | None:
    """Replace the targets in order; the first failure stops and is returned."""
    try:
        for swap in swaps:
            if swap.target.exists():
                swap.backup = _backup(swap.target)
            os.replace(swap.temporary, swap.target)
            swap.done = True
    except Exception as error:
        return error
    return None


def _backup(target: Path) -> Path:
    backup = target.with_name(f".{target.name}.{secrets.token_hex(4)}.old")
    try:
        os.link(target, backup)  # costs no disk space and keeps the file exactly
    except OSError:
        shutil.copy2(target, backup)
    return backup


def _restore(swaps: list[_Swap]) -> list[Path]:
    """Put back what was there before; returns the targets that could not be restored."""
    unrestored = []
    for swap in swaps:
        try:
            if swap.done and swap.backup:
                os.replace(swap.backup, swap.target)
            elif swap.done:
                swap.target.unlink()
        except OSError:
            unrestored.append(swap.target)
    _remove([swap.temporary for swap in swaps if not swap.done])
    _remove([swap.backup for swap in swaps if swap.backup and not swap.done])
    return unrestored


def _remove(paths: list[Path | None]) -> None:
    for path in paths:
        if path is not None:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)


def describe(error: Exception) -> str:
    """A Dutch sentence for an error of the file system."""
    if not isinstance(error, OSError):
        return f"Het schrijven is mislukt ({type(error).__name__}: {error})."
    where = f" ({error.filename})" if error.filename else ""
    return f"Het schrijven is mislukt{where}: {reason(error)}."


_REASONS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quotum) is op",
    errno.EACCES: "er zijn geen schrijfrechten",
    errno.EPERM: "er zijn geen schrijfrechten",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.EISDIR: "er staat een map waar een bestand moet komen",
    errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
    errno.ENAMETOOLONG: "de naam van het bestand of de map is te lang",
    errno.ENOENT: "de map is tijdens het schrijven verdwenen",
    errno.EPIPE: "de opdracht die de meldingen las, is gestopt",
}
# Errors of the machine rather than of the builder: said as "Fout:", never "Interne fout".
MACHINE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EPIPE, errno.EROFS})


def reason(error: OSError) -> str:
    """Why writing failed, in Dutch where the reason is a common one: 'de schijf is vol'."""
    return _REASONS.get(error.errno or 0, error.strerror or str(error))
