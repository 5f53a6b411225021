"""One private temporary folder per command, removed when the command ends.

WeasyPrint writes the fonts of each FontConfiguration into a `weasyprint-*` folder of about
2,7 MB that only its `__del__` removes. A build leaves by `os._exit` (build.py, forked
children, batch workers), so that never ran and every build left such folders behind. Now
every temporary file of the command and of every process it forks lands in one folder of its
own (`tempfile.tempdir`; a worker that is spawned rather than forked is handed it, see
`adopt`), and the process that made it removes the whole folder as it leaves (build.py, or at
exit): also after a failed or interrupted build, and after a worker was killed. TMPDIR is left
alone, so that programs the tests start see the system's temporary folder.

The folder lives as long as the process, not as one build: a process that builds more than
once (the tests) keeps WeasyPrint's fonts, which point into it, between builds.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

PREFIX = "banenafspraak-"

_folder: Path | None = None
_owner = 0  # the process that made the folder; forked children leave it to that process
_system = ""  # the system's temporary folder, before this module changed it


def begin() -> Path:
    """Make this process's folder (once) and send every temporary file there."""
    global _folder, _owner, _system
    if _folder is None:
        _system = tempfile.gettempdir()
        _folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=_system))
        _owner = os.getpid()
        tempfile.tempdir = str(_folder)
        atexit.register(end)
    return _folder


def current() -> Path | None:
    """The folder in use, to hand to a spawned worker."""
    return _folder


def adopt(folder: Path | None) -> None:
    """In a spawned worker: use the folder of the process that started it (which removes it)."""
    if folder is not None and _folder is None:
        tempfile.tempdir = str(folder)


def end() -> None:
    """Remove the folder with everything in it, if this process made it; in a forked child
    this does nothing."""
    global _folder
    if _folder is None or _owner != os.getpid():
        return
    shutil.rmtree(_folder, ignore_errors=True)
    _folder = None
    tempfile.tempdir = None


def system_folder() -> str:
    """The system's temporary folder, whatever this module has set."""
    return _system if _folder is not None else tempfile.gettempdir()
