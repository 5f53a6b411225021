"""Ctrl-C during a build: noted at once, acted on between the build's own steps.

Raised at an arbitrary moment, KeyboardInterrupt can land in a library's clean-up code (a
weakref callback, a __del__), where Python prints "Exception ignored" and drops it. The
library is then left half-done and the build carries on: seen here as a factsheet whose
chart had lost its legend text, written with exit 0. So while the command runs, SIGINT
only sets a flag, and `check()` raises KeyboardInterrupt where that is safe: between steps,
before anything is written. A forked child inherits the handler and checks its own flag.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

INTERRUPTED = 130  # what a shell reports for a program stopped by Ctrl-C

_pending = False
_depth = 0  # deferrals may nest (the build, then writing its set); the outermost owns the flag


def _note(signum: int, frame: object) -> None:
    global _pending
    _pending = True


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold Ctrl-C back as a flag for the duration (only the main thread can do this)."""
    global _pending, _depth
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if _depth == 0:
        _pending = False
    previous = signal.signal(signal.SIGINT, _note)
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        signal.signal(signal.SIGINT, previous)
        if _depth == 0:
            _pending = False


def pending() -> bool:
    """Whether Ctrl-C was pressed since the outermost deferral began."""
    return _pending


def check() -> None:
    """Stop here if Ctrl-C was pressed since the build began."""
    if _pending:
        raise KeyboardInterrupt
