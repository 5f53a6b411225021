"""One build at a time into an output folder.

Two builds into one folder (two batches started by a scheduler and by hand) would each
write whole sets, but interleaved: the folder and its manifest would mix two runs. So a
build holds a lock on its output folder while it builds and writes; a second build waits
for it, says so, and then builds.

The lock is an flock on a file in the system's temporary folder, named after the output
folder's full path, so that nothing is added to the folder a web editor publishes. The file
is removed when the lock is released; a build that finds its lock file replaced meanwhile
takes the new one (the usual check of the inode), so two builds never both hold a lock.
An flock ends with its process, so a build that was killed leaves no lock that blocks.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from banenafspraak.run import interrupts, scratch

try:
    import fcntl
except ImportError:  # Windows: no flock; builds are not locked there
    fcntl = None  # type: ignore[assignment]

POLL_SECONDS = 0.2


def lock_file(folder: Path) -> Path:
    """Where the lock on this output folder lives."""
    digest = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return Path(scratch.system_folder()) / f"banenafspraak-{digest}.lock"


@contextlib.contextmanager
def held(folder: Path) -> Iterator[None]:
    """Hold the output folder's lock for the duration, waiting for another build that holds
    it (Ctrl-C stops the wait)."""
    if fcntl is None:
        yield
        return
    path = lock_file(folder)
    handle = _acquire(path, folder)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(handle)


def _acquire(path: Path, folder: Path) -> int:
    said = False
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not said:
                print(_waiting(path, folder), file=sys.stderr, flush=True)
                said = True
            os.close(handle)
            interrupts.check()
            time.sleep(POLL_SECONDS)
            interrupts.check()
            continue
        if _same_file(handle, path):
            os.ftruncate(handle, 0)
            os.write(handle, f"{os.getpid()}\n".encode())
            return handle
        os.close(handle)  # released and removed by its holder meanwhile: try the new one


def _same_file(handle: int, path: Path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(handle).st_ino
    except FileNotFoundError:
        return False


def _waiting(path: Path, folder: Path) -> str:
    try:
        holder = path.read_text().strip()
    except OSError:
        holder = ""
    by = f" (proces {holder})" if holder.isdigit() else ""
    return (
        f"Er wordt al gebouwd in {folder}{by}. Deze opdracht wacht tot die bouw klaar is; "
        "met Ctrl-C stopt u het wachten."
    )
