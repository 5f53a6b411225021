"""Running part of a build in a forked child process, on a second core, and taking its
result back: its value, or its exception raised again in the parent, or Ctrl-C.

The child is forked early, before the parent has work for it (`Standby`): while the parent
reads and checks the data, the child imports the rendering libraries; then the parent gives
it one task (a build's rendering, which forks a second renderer of its own). Only where fork
is available and safe (Linux) and the process may use two cores (`available()`); elsewhere
the caller does all the work itself. The child writes no file: it sends its result through a
pipe, so that the parent still writes the whole set at once. A child never outlives the
process that forked it (`_end_with_parent`).
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
from collections.abc import Callable
from typing import Any, BinaryIO, Generic, TypeVar

T = TypeVar("T")


def cores() -> int:
    """How many cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def available() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork") and cores() >= 2


class Standby(Generic[T]):
    """A forked child that runs `prepare()` at once, then waits for the one task `give()`
    sends it; while it works, `send()` can hand it more (the task takes it with `receive()`).
    `result()` waits for the task's outcome; `stop()` ends the child unheard, also one that
    never got a task (the data had errors, or there was nothing to do beside)."""

    def __init__(self, prepare: Callable[[], None]) -> None:
        tasks_out, tasks_in = os.pipe()
        later_out, later_in = os.pipe()
        results_out, results_in = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: never returns, not even by an exception into the parent's
            try:  # code (whose `finally`s would, for one, release the output folder's lock)
                _end_with_parent(parent)
                for end in (tasks_in, later_in, results_out):
                    os.close(end)
                _stand_by(prepare, tasks_out, later_out, results_in)
            finally:
                os._exit(1)
        for end in (tasks_out, later_out, results_in):
            os.close(end)
        self._pid: int | None = pid
        self._tasks = os.fdopen(tasks_in, "wb")
        self._later = os.fdopen(later_in, "wb")
        self._results = os.fdopen(results_out, "rb")

    def give(self, work: Callable[..., T], *args: Any) -> None:
        """Send the task: a module-level function and its arguments, pickled."""
        try:
            with self._tasks:
                self._tasks.write(pickle.dumps((work, args)))
        except BrokenPipeError:  # the child is gone (prepare failed): result() says why
            pass

    def send(self, value: Any) -> None:
        """Hand the working child a value, which its task takes with `receive()`."""
        try:
            pickle.dump(value, self._later)
            self._later.flush()
        except BrokenPipeError:  # the child is gone: result() says why
            pass

    def result(self, while_waiting: Callable[[], None] | None = None) -> T:
        """The task's outcome. `while_waiting` is called every few hundredths of a second
        until it comes; what it raises (a stop signal acted on) ends the child and the wait."""
        if while_waiting is not None:
            try:
                while not select.select([self._results], [], [], WAKE_UP)[0]:
                    while_waiting()
            except BaseException:
                self.stop()
                raise
        try:
            payload = self._results.read()
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
        for pipe in (self._tasks, self._later, self._results):
            try:
                pipe.close()
            except BrokenPipeError:  # unsent bytes for a child that is gone: nothing lost
                pass
        if self._pid is None:
            return ""
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        return f"exitcode {os.waitstatus_to_exitcode(status)}"


# Seconds between two calls of `result`'s `while_waiting`.
WAKE_UP = 0.05


def _end_with_parent(parent: int) -> None:
    """In a child just forked: be killed when the process that forked it ends, so that a
    child whose parent was stopped (its task cut short) does not work on alone (Linux's
    PR_SET_PDEATHSIG)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except Exception:  # not Linux after all (or no ctypes): the pipes still end the child
        return
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(0)


_inbox: BinaryIO | None = None  # in a Standby child: what the parent sends while it works


def receive() -> Any:
    """In a Standby child's task: the next value the parent sent with `Standby.send()`,
    waiting for it if need be."""
    assert _inbox is not None, "receive() works only in a Standby child"
    return pickle.load(_inbox)


def _stand_by(prepare: Callable[[], None], tasks: int, later: int, results: int) -> None:
    """Prepare, wait for the task, do it and send the outcome; leave without running the
    parent's exit handlers. Without a task (the parent closed the pipe) leave quietly."""
    global _inbox
    _inbox = os.fdopen(later, "rb")
    try:
        try:
            prepare()
            with os.fdopen(tasks, "rb") as pipe:
                payload = pipe.read()
            if not payload:
                return
            work, args = pickle.loads(payload)
            outcome: tuple = ("done", work(*args))
        except KeyboardInterrupt:
            outcome = ("interrupted", None)
        except BaseException as error:  # sent to the parent, which raises it there
            outcome = ("error", _described(error))
        with os.fdopen(results, "wb") as pipe:
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
