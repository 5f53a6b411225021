"""Every region of a quarter in one run (`--alle-regios`).

The parent reads and checks the data folder once, selects each region from it, and hands the
regions to worker processes that imported the builder once and build one region after another.
Each region is all-or-nothing; the batch is not: a region with bad data is reported under its
name and the others are built. A manifest next to the reports says what belongs together.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.pool
import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from banenafspraak.figures import commentary
from banenafspraak.input import checks, dataset, tables
from banenafspraak.input.config import Config
from banenafspraak.problems import Collector, InputError, Problem
from banenafspraak.run import forked, pipeline, preload
from banenafspraak.run.batch_job import Job, Outcome, Region
from banenafspraak.run.interrupts import INTERRUPTED
from banenafspraak.run.manifest import write_manifest
from banenafspraak.run.output import folder_problems

# WeasyPrint keeps caches between documents; a worker is replaced after this many regions so
# that its memory stays flat however many regions there are.
REGIONS_PER_WORKER = 18


# --- Reading and checking once, in the parent ----------------------------------------------


def regions(config: Config, config_path: Path) -> tuple[list[Region], list[Problem]]:
    """Every region with quarterly figures for the period, each with its data or its problems,
    and the problems that belong to no region to be built. Raises InputError when a problem
    stops every region (a missing file, a bad header, the national figures)."""
    problems = Collector()
    commentary.check_period(config, str(config_path), problems)
    if commentary.texts(config):
        problems.warn(
            str(config_path),
            "de duiding komt in de kwartaalrapportage van elke regio; laat haar weg als ze "
            "voor één regio is geschreven",
            field="duiding",
        )
    frames = dataset.read_all(config_path.parent / config.gegevensmap, problems)
    checks.check_tables(frames, problems)
    names = _names(frames, config)
    if not names and not problems.problems:
        problems.add(
            str(config_path.parent / config.gegevensmap),
            f"geen enkele regio heeft kwartaalcijfers voor {config.quarter}",
        )
    owners = _row_owners(frames)
    blocking, others = [], []
    found: dict[str, list[Problem]] = {name: [] for name in names}
    for problem in problems.problems:
        owner = owners.get((problem.file, problem.row))
        if owner is None:
            blocking.append(problem)
        else:
            found.get(owner, others).append(problem)
    for problem in problems.warnings:
        print(f"Waarschuwing: {problem}", file=sys.stderr)
    if blocking:
        raise InputError(problems.problems)
    return [_region(name, found[name], frames, config, config_path) for name in names], others


def _check_output(regions: list[Region], job: Job) -> None:
    """Before any work: an output folder that cannot take the files stops the batch."""
    names = list(job.documents)
    targets = [
        target
        for region in regions
        for target in pipeline.targets(
            job.output, for_region(job.config, region.name), names, job.formats
        )
    ]
    problems = folder_problems(job.output, targets)
    if problems:
        raise InputError(problems)


def _names(frames: dict[str, pd.DataFrame], config: Config) -> list[str]:
    """The regions, in the order of `regios`, that have quarterly figures for the period."""
    if "regios" not in frames or "kwartaalcijfers" not in frames:
        return []
    quarterly = frames["kwartaalcijfers"]
    present = set(quarterly.loc[quarterly["kwartaal"] == config.quarter, "regio"])
    return [name for name in frames["regios"]["naam"] if name in present]


def _row_owners(frames: dict[str, pd.DataFrame]) -> dict[tuple[str, int], str]:
    """(file, row) -> the region that row is about, for the tables that have regions."""
    owners = {}
    for frame in frames.values():
        if "regio" not in frame.columns:
            continue
        rows = zip(frame[tables.FILE], frame[tables.ROW], frame["regio"], strict=True)
        owners.update(
            {(file, int(row)): region for file, row, region in rows if isinstance(region, str)}
        )
    return owners


def _region(
    name: str,
    problems: list[Problem],
    frames: dict[str, pd.DataFrame],
    config: Config,
    config_path: Path,
) -> Region:
    if problems:
        return Region(name, None, tuple(problems))
    collector = Collector()
    data = dataset.select(
        frames, for_region(config, name), config_path.parent, str(config_path), collector
    )
    return Region(name, data, tuple(collector.problems), tuple(collector.warnings))


def for_region(config: Config, name: str) -> Config:
    """The config as `--regio NAME` would make it."""
    return config.model_copy(update={"regio": name})


# --- Building in worker processes ---------------------------------------------------------

_job: Job | None = None


def _start_worker(job: Job) -> None:
    """In each worker, as it starts: import the rendering libraries (see `preload`); a
    worker forked from a parent that already did finds them there."""
    global _job
    _job = job
    preload.load()


def _build(task: tuple[Region, bool]) -> Outcome:
    """Build one region; `beside` for the batch's last regions, whose worker would otherwise
    leave a core idle once the other workers have nothing left: it renders the
    kwartaalrapportage in a child of its own, as a single-region build does."""
    region, beside = task
    assert _job is not None and region.data is not None
    config = for_region(_job.config, region.name)
    child = forked.Standby(preload.load) if beside and forked.available() else None
    try:
        written = pipeline.build(
            region.data,
            config,
            _job.output,
            list(_job.documents),
            formats=_job.formats,
            beside=child,
        )
    except InputError as error:
        return _outcome(region.name, problems=tuple(error.problems))
    except Exception as error:  # a bug of ours: reported, and the other regions go on
        return _outcome(region.name, error=f"{type(error).__name__}: {error}")
    finally:
        if child is not None:
            child.stop()
    return _outcome(region.name, written=tuple(written))


def _outcome(region: str, **found: object) -> Outcome:
    return Outcome(region, worker=os.getpid(), peak_mb=peak_memory_mb(), **found)  # type: ignore[arg-type]


def peak_memory_mb() -> float:
    """This process's peak resident memory, or 0 where the platform cannot tell."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


@contextlib.contextmanager
def pool(job: Job, workers: int) -> Iterator[multiprocessing.pool.Pool]:
    """The worker processes, started before the parent reads and checks the data, so that
    they import the rendering libraries meanwhile; each builds region after region."""
    # Fork where it is safe (Linux): workers then start with what the parent imported.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    with context.Pool(
        workers,
        initializer=_start_worker,
        initargs=(job,),
        maxtasksperchild=REGIONS_PER_WORKER,
    ) as started:
        yield started


def build_all(
    regions: list[Region], workers: multiprocessing.pool.Pool, count: int
) -> Iterator[Outcome]:
    """Build the regions that have data on `count` workers, yielding each outcome as it
    comes in."""
    todo = [region for region in regions if region.data is not None]
    last = len(todo) - count
    yield from workers.imap_unordered(_build, [(r, i >= last) for i, r in enumerate(todo)])


def default_workers() -> int:
    """One worker per core this process may use."""
    return forked.cores()


# --- Reporting ------------------------------------------------------------------------------


class Progress:
    """A progress bar on a terminal, one plain line per region otherwise (logs, tests)."""

    def __init__(self, total: int, bar: bool) -> None:
        self.total, self.done, self.failed = total, 0, 0
        self._bar = None
        if bar and total:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="regio", file=sys.stderr, dynamic_ncols=True)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *_: object) -> None:
        if self._bar is not None:
            self._bar.close()

    def region(self, name: str, summary: str, lines: Iterable[str], failed: bool) -> None:
        """One region is done: built or failed (`summary`), with its problems or warnings."""
        self.done += 1
        lines = list(lines)
        self.failed += failed
        if self._bar is None:
            width = len(str(self.total))
            print(f"[{self.done:>{width}}/{self.total}] {name}: {summary}", flush=True)
            for line in lines:
                print(f"    {line}", flush=True)
            return
        if lines:
            self._bar.write("\n".join([f"{name}: {summary}", *(f"    {x}" for x in lines)]))
        self._bar.set_postfix_str(f"mislukt: {self.failed}" if self.failed else "")
        self._bar.update()


def _problem_lines(problems: Iterable[Problem], warnings: Iterable[Problem] = ()) -> list[str]:
    return [f"Fout: {p}" for p in problems] + [f"Waarschuwing: {p}" for p in warnings]


def _reported(outcome: Outcome, warnings: Iterable[Problem]) -> tuple[str, list[str], bool]:
    """What the progress says of a built region: summary, lines under it, failed or not."""
    if not outcome.failed:
        return _built(outcome), _problem_lines((), warnings), False
    lines = _problem_lines(outcome.problems)
    if outcome.error:
        lines.append(f"Interne fout: {outcome.error}")
    return "mislukt", lines, True


def _interrupted(job: Job, config_path: Path, found: list[Region], outcomes: list[Outcome]) -> int:
    """Ctrl-C: regions already built stay complete, the others are untouched."""
    built = [outcome for outcome in outcomes if not outcome.failed]
    if built:
        write_manifest(job, config_path, found, outcomes)
    print(
        f"Afgebroken na {_plural(len(built))}. Die zijn volledig geschreven; van de andere "
        "regio's is niets vervangen.",
        file=sys.stderr,
    )
    return INTERRUPTED


def _built(outcome: Outcome) -> str:
    """'3 PDF's (11 pagina's), 6 webbestanden'."""
    pdfs = [written for written in outcome.written if written.pages is not None]
    web = len(outcome.written) - len(pdfs)
    pages = sum(written.pages for written in pdfs)
    parts = []
    if pdfs:
        count = "1 PDF" if len(pdfs) == 1 else f"{len(pdfs)} PDF's"
        paged = "1 pagina" if pages == 1 else f"{pages} pagina's"
        parts.append(f"{count} ({paged})")
    if web:
        parts.append("1 webbestand" if web == 1 else f"{web} webbestanden")
    return ", ".join(parts)


def _plural(count: int) -> str:
    return "1 regio" if count == 1 else f"{count} regio's"


def run(
    job: Job, config_path: Path, workers: int | None, check: bool = False, bar: bool | None = None
) -> int:
    """`--alle-regios`: check, build and report every region; 0 when all went well, else 1."""
    started = time.perf_counter()
    workers = workers or default_workers()
    with contextlib.ExitStack() as stack:
        # Started first: the workers import the rendering libraries while this process reads
        # and checks the data.
        started_pool = None if check else stack.enter_context(pool(job, workers))
        return _run(job, config_path, workers, started_pool, bar, started)


def _run(
    job: Job,
    config_path: Path,
    workers: int,
    started_pool: multiprocessing.pool.Pool | None,
    bar: bool | None,
    started: float,
) -> int:
    check = started_pool is None
    config = job.config
    found, others = regions(config, config_path)
    _check_output(found, job)
    failed: list[str] = []
    verb = "controleren" if check else "bouwen"
    print(
        f"Alle regio's {verb} voor {config.quarter}: {_plural(len(found))}"
        + ("" if check else f", {workers} {'werker' if workers == 1 else 'werkers'}"),
        flush=True,
    )
    bar = sys.stderr.isatty() if bar is None else bar
    outcomes: list[Outcome] = []
    with Progress(len(found), bar and not check) as progress:
        # Regions that cannot be built are reported first; they need no worker.
        for region in found:
            if region.problems:
                failed.append(region.name)
                stopped = "niet in orde" if check else "niet gebouwd"
                progress.region(region.name, stopped, _problem_lines(region.problems), True)
            elif check:
                lines = _problem_lines((), region.warnings)
                progress.region(region.name, "in orde", lines, False)
        if not check:
            warnings = {region.name: region.warnings for region in found}
            try:
                for outcome in build_all(found, started_pool, workers):
                    outcomes.append(outcome)
                    if outcome.failed:
                        failed.append(outcome.region)
                    progress.region(outcome.region, *_reported(outcome, warnings[outcome.region]))
            except KeyboardInterrupt:
                return _interrupted(job, config_path, found, outcomes)
    if others:
        print("Overige gegevens (regels van regio's die niet gebouwd worden):", file=sys.stderr)
        for line in _problem_lines(others):
            print(f"    {line}", file=sys.stderr)
    if not check and outcomes:
        written = write_manifest(job, config_path, found, outcomes)
        print(f"Overzicht: {written}")
    _summary(found, failed, others, check, time.perf_counter() - started)
    return 1 if failed or others else 0


def _summary(
    found: list[Region], failed: list[str], others: list[Problem], check: bool, seconds: float
) -> None:
    order = [region.name for region in found]
    failed = sorted(failed, key=order.index)
    good = len(found) - len(failed)
    done = "in orde" if check else "gebouwd"
    text = f"Klaar in {seconds:.1f} s: {_plural(good)} {done}".replace(".", ",", 1)
    if failed:
        text += f", {_plural(len(failed))} mislukt: {', '.join(failed)}"
    if others:
        text += f"; {len(others)} {'probleem' if len(others) == 1 else 'problemen'} in overige"
        text += " gegevens"
    print(text + ".")
