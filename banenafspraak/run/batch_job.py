"""What a batch works with: the job that is the same for every region, each region with its
checked data, and what a worker did with it. Shared by the batch and its manifest."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from banenafspraak.input import dataset
from banenafspraak.input.config import Config
from banenafspraak.problems import Problem


@dataclass(frozen=True)
class Region:
    """One region of the batch: its checked data, or the problems that stop it."""

    name: str
    data: dataset.Dataset | None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """What a worker did with one region."""

    region: str
    written: tuple = ()  # pipeline.Written, one per document
    problems: tuple[Problem, ...] = ()
    error: str | None = None  # an internal error: a bug of ours, not the region's data
    failure: str | None = None  # why it failed, in Dutch, when not its data (a full disk)
    interrupted: bool = False  # a stop signal reached the worker before the set was written
    worker: int = 0  # process id
    peak_mb: float = 0.0  # the worker's peak memory so far

    @property
    def failed(self) -> bool:
        return bool(self.problems) or self.error is not None or self.failure is not None

    @property
    def built(self) -> bool:
        return not self.failed and not self.interrupted


@dataclass(frozen=True)
class Job:
    """What every worker needs besides the region: the same for the whole batch."""

    config: Config
    output: Path
    documents: tuple[str, ...]
    formats: tuple[str, ...]  # "pdf", "html"
