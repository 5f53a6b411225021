"""Ctrl-C, SIGTERM and SIGHUP during a build: noted at once, acted on between the build's own
steps.

Raised at an arbitrary moment, KeyboardInterrupt can land in a library's clean-up code (a
weakref callback, a __del__), where Python prints "Exception ignored" and drops it. The
library is then left half-done and the build carries on: seen here as a factsheet whose
chart had lost its legend text, written with exit 0. So while the command runs, a stop
signal only sets a flag, and `check()` raises KeyboardInterrupt where that is safe: between
steps, before anything is written. A forked child inherits the handlers and checks its own
flag.

SIGTERM (a service manager, `kill`) and SIGHUP (the terminal closed) are handled the way
Ctrl-C is, so that the workers of a batch stop too and every file is whole; only the exit
code tells them apart (128 + the signal's number, as a shell reports it).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

# The signals that stop a build; SIGHUP does not exist on Windows.
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)

_pending = False
_received = signal.SIGINT  # the last stop signal, for the exit code
_depth = 0  # deferrals may nest (the build, then writing its set); the outermost owns the flag


def _note(signum: int, frame: object) -> None:
    global _pending, _received
    _pending = True
    _received = signum


def _raise(signum: int, frame: object) -> None:
    global _received
    _received = signum
    raise KeyboardInterrupt


@contextlib.contextmanager
def listening() -> Iterator[None]:
    """For the command's duration, outside a deferral, let SIGTERM and SIGHUP stop it as
    Ctrl-C does: at once, with KeyboardInterrupt (only the main thread can do this)."""
    global _received
    _received = signal.SIGINT
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, _raise) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold the stop signals back as a flag for the duration (only the main thread can)."""
    global _pending, _depth
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if _depth == 0:
        _pending = False
    previous = {number: signal.signal(number, _note) for number in STOP_SIGNALS}
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        for number, handler in previous.items():
            signal.signal(number, handler)
        if _depth == 0:
            _pending = False


def pending() -> bool:
    """Whether a stop signal came since the outermost deferral began."""
    return _pending


def check() -> None:
    """Stop here if a stop signal came since the build began."""
    if _pending:
        raise KeyboardInterrupt


def acted() -> None:
    """The stop signal has been acted on (the work stopped); what follows, such as a record
    of what was done, may be written. A new signal counts again."""
    global _pending
    _pending = False


def exit_code() -> int:
    """128 + the signal that stopped the command: 130 Ctrl-C, 143 SIGTERM, 129 SIGHUP."""
    return 128 + int(_received)
