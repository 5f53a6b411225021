"""Running part of a build in a forked child process, on a second core, and taking its
result back: its value, or its exception raised again in the parent, or Ctrl-C.

Only where fork is available and safe (Linux) and the process may use two cores
(`available()`); elsewhere the caller does all the work itself. The child writes no file: it
sends its result through a pipe, so that the parent still writes the whole set at once.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def cores() -> int:
    """How many cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def available() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork") and cores() >= 2


class Child(Generic[T]):
    """A forked child doing `work()`. `result()` waits for it; `stop()` ends it unheard."""

    def __init__(self, work: Callable[[], T]) -> None:
        reading, writing = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(reading)
            _child(work, writing)
        os.close(writing)
        self._pid: int | None = pid
        self._pipe = os.fdopen(reading, "rb")

    def result(self) -> T:
        try:
            payload = self._pipe.read()
        finally:
            status = self._reap()
        if not payload:
            raise RuntimeError(f"het tweede renderproces stopte onverwacht ({status})")
        kind, value = pickle.loads(payload)
        if kind == "done":
            return value
        if kind == "interrupted":
            raise KeyboardInterrupt
        raise _exception(*value)

    def stop(self) -> None:
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap()

    def _reap(self) -> str:
        self._pipe.close()
        if self._pid is None:
            return ""
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        return f"exitcode {os.waitstatus_to_exitcode(status)}"


def _child(work: Callable[[], T], writing: int) -> None:
    """Do the work and send the outcome; leave without running the parent's exit handlers."""
    try:
        try:
            outcome: tuple = ("done", work())
        except KeyboardInterrupt:
            outcome = ("interrupted", None)
        except BaseException as error:  # sent to the parent, which raises it there
            outcome = ("error", _described(error))
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(pickle.dumps(outcome))
    except BaseException:  # Ctrl-C while sending, a broken pipe: the parent says what matters
        pass
    finally:
        os._exit(0)


def _described(error: BaseException) -> tuple[bytes | None, str, str]:
    """The exception pickled when it can be, with its type name and text when it cannot."""
    try:
        pickled: bytes | None = pickle.dumps(error)
        pickle.loads(pickled)
    except Exception:
        pickled = None
    return pickled, type(error).__name__, str(error)


def _exception(pickled: bytes | None, name: str, text: str) -> BaseException:
    if pickled is not None:
        return pickle.loads(pickled)
    return type(name, (Exception,), {})(text)
