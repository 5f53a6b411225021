"""The batch's worker processes: each prepares once (imports the rendering libraries) and then
does task after task, until it has done `per_worker` of them and a fresh one takes its place
(WeasyPrint keeps caches between documents; so memory stays flat however long the batch).

Not multiprocessing.Pool: a pool whose worker is killed waits forever for that worker's task,
and its workers print a traceback each when Ctrl-C reaches them. Here the parent watches every
worker's pipe and process at once, so a worker that dies is noticed with its task; and a
worker takes Ctrl-C, SIGTERM and SIGHUP as `interrupts` does: its task stops between steps
(a set being written is finished first) and it leaves without a word.
"""

from __future__ import annotations

import collections
import multiprocessing
import multiprocessing.connection
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from banenafspraak.run import interrupts, scratch

T = TypeVar("T")
R = TypeVar("R")

# How long a stopped worker may take to finish its step before it is killed.
STOP_SECONDS = 30.0
# How often the parent looks at its own stop signals while it waits for the workers.
POLL_SECONDS = 0.2


class WorkerDied(Exception):
    """A worker ended before it had done its task (killed, out of memory, a crash)."""

    def __init__(self, task: Any, exitcode: int | None):
        super().__init__(f"worker died ({exitcode}) with {task!r}")
        self.task = task
        self.exitcode = exitcode

    def cause(self) -> str:
        """'gestopt door signaal 9 (SIGKILL)', 'gestopt met afsluitcode 1', in Dutch."""
        code = self.exitcode
        if code is not None and code < 0:
            try:
                name = f" ({signal.Signals(-code).name})"
            except ValueError:
                name = ""
            return f"gestopt door signaal {-code}{name}"
        return f"gestopt met afsluitcode {code}"


@dataclass
class _Worker:
    process: Any  # multiprocessing.process.BaseProcess
    connection: multiprocessing.connection.Connection
    task: Any = None  # the task it is doing; None while idle
    done: int = 0

    @property
    def busy(self) -> bool:
        return self.task is not None


class Workers(Generic[T, R]):
    """`count` processes that run `prepare()` once and then `work(task)` for each task given."""

    def __init__(
        self,
        count: int,
        prepare: Callable[[], None],
        work: Callable[[T], R],
        per_worker: int,
    ) -> None:
        # Fork where it is safe (Linux): workers then start with what the parent imported.
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        self._context = multiprocessing.get_context(method)
        self._prepare, self._work, self._per_worker = prepare, work, per_worker
        self._workers: list[_Worker] = []
        self._size = count
        for _ in range(count):
            self._start()

    def __len__(self) -> int:
        return len(self._workers)

    def _start(self) -> None:
        here, there = self._context.Pipe()
        process = self._context.Process(
            target=_serve,
            args=(there, self._prepare, self._work, self._per_worker, scratch.current()),
            daemon=True,
        )
        process.start()
        there.close()
        self._workers.append(_Worker(process, here))

    def keep(self, count: int) -> None:
        """Stop the idle workers beyond `count` (fewer tasks than workers)."""
        self._size = min(self._size, count)
        for worker in [w for w in self._workers if not w.busy][: max(0, len(self) - count)]:
            self._end(worker, kill=True)

    def run(self, tasks: Iterable[T]) -> Iterator[R]:
        """Each task's result as it comes in. Raises WorkerDied when a worker ends without
        its result, and KeyboardInterrupt when this process gets a stop signal (checked while
        it waits); `stop()` then ends the workers."""
        todo = collections.deque(tasks)
        while todo or any(worker.busy for worker in self._workers):
            while todo and len(self) < self._count_wanted(len(todo)):
                self._start()
            for worker in self._workers:
                if not worker.busy and todo:
                    worker.task = todo.popleft()
                    _send(worker)
            multiprocessing.connection.wait(
                [w.connection for w in self._workers] + [w.process.sentinel for w in self._workers],
                timeout=POLL_SECONDS,
            )
            interrupts.check()
            for worker in list(self._workers):
                result = self._collect(worker)
                if result is not _NOTHING:
                    yield result

    def _count_wanted(self, todo: int) -> int:
        busy = sum(worker.busy for worker in self._workers)
        return min(self._size, busy + todo)

    def _collect(self, worker: _Worker) -> Any:
        """The worker's result if it sent one; retires a worker that has done its share."""
        if worker.busy and worker.connection.poll():
            try:
                result = worker.connection.recv()
            except (EOFError, OSError):
                raise WorkerDied(worker.task, self._end(worker)) from None
            worker.task = None
            worker.done += 1
            if worker.done >= self._per_worker:
                self._end(worker)
            return result
        if not worker.process.is_alive():
            raise WorkerDied(worker.task, self._end(worker))
        return _NOTHING

    def stop(self) -> list[R]:
        """End every worker: each stops its task between steps (SIGTERM, taken as Ctrl-C) and
        is killed if it has not left after STOP_SECONDS. Returns the results that came in
        meanwhile (a region whose files were already being written)."""
        results = []
        for worker in self._workers:
            worker.process.terminate()  # nothing happens to one that has already left
        for worker in list(self._workers):
            if worker.busy and worker.connection.poll(STOP_SECONDS):
                try:
                    results.append(worker.connection.recv())
                except (EOFError, OSError):
                    pass
            self._end(worker, kill=not worker.busy)
        return results

    def _end(self, worker: _Worker, kill: bool = False) -> int | None:
        """Close the worker's pipe (an idle worker then leaves), wait for it, and forget it.
        Returns its exit code."""
        worker.connection.close()
        if kill:
            worker.process.kill()
        worker.process.join(STOP_SECONDS)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        self._workers.remove(worker)
        return worker.process.exitcode


_NOTHING = object()


def _send(worker: _Worker) -> None:
    try:
        worker.connection.send(worker.task)
    except (BrokenPipeError, OSError):
        pass  # the worker is gone: its process says so next


def _serve(
    connection: multiprocessing.connection.Connection,
    prepare: Callable[[], None],
    work: Callable[[Any], Any],
    per_worker: int,
    temporary: Path | None = None,
) -> None:
    """In the worker: prepare, then do tasks until `per_worker` are done, the pipe closes or
    a stop signal came; leave quietly either way."""
    scratch.adopt(temporary)  # a forked worker has it already
    with interrupts.deferred():
        try:
            prepare()
            for _ in range(per_worker):
                if interrupts.pending():
                    break
                task = connection.recv()
                connection.send(work(task))
        except (EOFError, OSError, KeyboardInterrupt):
            pass  # the parent closed the pipe or is stopping the batch
        finally:
            connection.close()
