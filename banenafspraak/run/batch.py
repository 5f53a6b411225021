"""Every region of a quarter in one run (`--alle-regios`).

The parent reads and checks the data folder once, selects each region from it, and hands the
regions to worker processes that imported the builder once and build one region after another.
Each region is all-or-nothing; the batch is not: a region with bad data is reported under its
name and the others are built. A manifest next to the reports says what belongs together.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from banenafspraak.figures import commentary
from banenafspraak.input import checks, dataset, tables, workbook
from banenafspraak.input.config import Config
from banenafspraak.problems import Collector, InputError, Problem
from banenafspraak.run import batch_report as report
from banenafspraak.run import forked, interrupts, pipeline, preload
from banenafspraak.run.batch_job import Job, Outcome, Region
from banenafspraak.run.manifest import (
    MANIFEST_COMPLETE,
    MANIFEST_INTERRUPTED,
    MANIFEST_PARTLY_FAILED,
    manifest_path,
    write_manifest,
)
from banenafspraak.run.output import OutputError, folder_problems
from banenafspraak.run.workers import WorkerDied, Workers

# WeasyPrint keeps caches between documents; a worker is replaced after this many regions so
# that its memory stays flat however many regions there are.
REGIONS_PER_WORKER = 18


# --- Reading and checking once, in the parent ----------------------------------------------


def regions(config: Config, config_path: Path) -> tuple[list[Region], list[Problem]]:
    """Every region with quarterly figures for the period, each with its data or its problems,
    and the problems that belong to no region to be built. Raises InputError when a problem
    stops every region (a missing file, a bad header, the national figures)."""
    problems = Collector()
    if commentary.texts(config):
        problems.warn(
            str(config_path),
            "de duiding komt in de kwartaalrapportage van elke regio; laat haar weg als ze "
            "voor één regio is geschreven",
            field="duiding",
        )
    frames = dataset.read_all(config_path.parent / config.gegevensmap, problems)
    dataset.leave_out_unfilled(frames, config.quarter, problems)
    checks.check_tables(frames, problems)
    workbook.name_cells(frames, problems)  # a problem keeps its row, so its region is known
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
    """Before any work: an output folder that cannot take the files or the manifest, or two
    regions whose files would land in one folder, stop the batch."""
    names = list(job.documents)
    by_region = {
        region.name: pipeline.targets(
            job.output, for_region(job.config, region.name), names, job.formats
        )
        for region in regions
    }
    targets = [target for found in by_region.values() for target in found]
    problems = folder_problems(job.output, [*targets, manifest_path(job)])
    problems += _collisions(by_region)
    if problems:
        raise InputError(problems)


def _collisions(by_region: dict[str, list[Path]]) -> list[Problem]:
    """Regions whose names give the same folder ('Groningen', 'GRONINGEN'): the second would
    overwrite the first one's documents."""
    owner: dict[str, str] = {}
    problems = []
    for name, targets in by_region.items():
        for target in targets:
            other = owner.setdefault(str(target).casefold(), name)
            if other != name:
                problems.append(
                    Problem(
                        str(target.parent),
                        f"de regio's '{other}' en '{name}' komen in dezelfde map, zodat de "
                        "documenten van de een die van de ander zouden overschrijven",
                        hint="geef een van beide in data/regios een naam die meer verschilt",
                    )
                )
                break
    return problems


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
    except OutputError as error:  # a full disk: the region's earlier files are as they were
        return _outcome(region.name, failure=f"{error.message} {error.state}")
    except KeyboardInterrupt:  # stopped before its set was written: nothing replaced
        return _outcome(region.name, interrupted=True)
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
def pool(job: Job, count: int) -> Iterator[Workers]:
    """The worker processes, started before the parent reads and checks the data, so that
    they import the rendering libraries meanwhile; each builds region after region. Leaving
    the block stops every worker and waits for it."""
    started = Workers(count, functools.partial(_start_worker, job), _build, REGIONS_PER_WORKER)
    try:
        yield started
    finally:
        started.stop()


def build_all(regions: list[Region], workers: Workers) -> Iterator[Outcome]:
    """Build the regions that have data, yielding each outcome as it comes in."""
    todo = [region for region in regions if region.data is not None]
    workers.keep(len(todo))
    last = len(todo) - len(workers)
    yield from workers.run([(r, i >= last) for i, r in enumerate(todo)])


def default_workers() -> int:
    """One worker per core this process may use."""
    return forked.cores()


def worker_count(requested: int | None) -> int:
    """The workers to start: as many as asked, but not more than there are cores (more would
    only share them, at about 200 MB each); fewer still once the regions are known."""
    return min(requested or default_workers(), default_workers())


def _say_capped(requested: int | None, workers: int, regions: int) -> None:
    """Say so when the workers are fewer than --werkers asked, and why."""
    if requested is None or workers >= requested or not regions:
        return
    cores = default_workers()
    reasons = []
    if cores == workers:
        kernels = "1 processorkern" if cores == 1 else f"{cores} processorkernen"
        reasons.append(f"er {'is' if cores == 1 else 'zijn'} {kernels}")
    if regions == workers:
        reasons.append(f"er {'is' if regions == 1 else 'zijn'} {report.plural(regions)} te bouwen")
    print(
        f"Let op: --werkers {requested} is teruggebracht tot {workers}, want "
        + " en ".join(reasons)
        + "; meer werkers maken het niet sneller.",
        file=sys.stderr,
    )


# --- Running -------------------------------------------------------------------------------


def run(
    job: Job, config_path: Path, workers: int | None, check: bool = False, bar: bool | None = None
) -> int:
    """`--alle-regios`: check, build and report every region; 0 when all went well, else 1
    (or 128 + the signal that stopped it). Stop signals are held back as a flag meanwhile
    (see `interrupts`), so that the workers are stopped and waited for before the manifest is
    written and the command ends."""
    started = time.perf_counter()
    with interrupts.deferred(), contextlib.ExitStack() as stack:
        # Started first: the workers import the rendering libraries while this process reads
        # and checks the data.
        started_pool = None if check else stack.enter_context(pool(job, worker_count(workers)))
        return _run(job, config_path, workers, started_pool, bar, started)


def _run(
    job: Job,
    config_path: Path,
    requested: int | None,
    started_pool: Workers | None,
    bar: bool | None,
    started: float,
) -> int:
    check = started_pool is None
    config = job.config
    found, others = regions(config, config_path)
    interrupts.check()
    _check_output(found, job)
    todo = [region for region in found if region.data is not None]
    if started_pool is not None:
        started_pool.keep(len(todo))
        _say_capped(requested, len(started_pool), len(todo))
    report.headline(config.quarter, len(found), None if check else len(started_pool or ()))
    bar = sys.stderr.isatty() if bar is None else bar
    batch = report.Tally(found)
    with report.Progress(len(found), bar and not check) as progress:
        # Regions that cannot be built are reported first; they need no worker.
        for region in found:
            if region.problems:
                batch.failed.append(region.name)
                stopped = "niet in orde" if check else "niet gebouwd"
                progress.region(region.name, stopped, report.problem_lines(region.problems), True)
            elif check:
                lines = report.problem_lines((), region.warnings)
                progress.region(region.name, "in orde", lines, False)
        if started_pool is not None:
            try:
                ended = _build_regions(found, started_pool, batch, progress)
            except KeyboardInterrupt:
                for outcome in started_pool.stop():
                    batch.add(outcome, progress)
                return _interrupted(job, config_path, found, batch.outcomes)
    report.other_problems(others)
    if not check and batch.outcomes:
        status = MANIFEST_PARTLY_FAILED if batch.failed or ended else MANIFEST_COMPLETE
        written = write_manifest(job, config_path, found, batch.outcomes, status)
        print(f"Overzicht: {written}")
    seconds = time.perf_counter() - started
    left = [] if check else batch.left(found)
    report.summary(found, batch.failed, others, check, seconds, left)
    return 1 if batch.failed or others or (not check and ended) else 0


def _build_regions(
    found: list[Region], workers: Workers, batch: report.Tally, progress: report.Progress
) -> bool:
    """Build every region with data, reporting each outcome; True when the batch had to end
    early because a worker died or was stopped on its own."""
    try:
        for outcome in build_all(found, workers):
            if outcome.interrupted:  # a stop signal to that worker alone
                reason = (
                    "het bouwproces kreeg een stopsignaal; er is niets van deze regio vervangen"
                )
                batch.add(_failed(outcome.region, reason), progress)
                break
            batch.add(outcome, progress)
        else:
            return False
    except WorkerDied as died:
        region = died.task[0].name if died.task else None
        if region is not None:
            batch.add(_failed(region, f"het bouwproces is onverwacht {died.cause()}"), progress)
        else:
            print(f"Fout: een bouwproces is onverwacht {died.cause()}.", file=sys.stderr)
    for outcome in workers.stop():
        batch.add(outcome, progress)
    print("Fout: de batch is gestopt omdat een bouwproces niet meer werkte.", file=sys.stderr)
    return True


def _failed(region: str, reason: str) -> Outcome:
    return Outcome(region, failure=reason)


def _interrupted(job: Job, config_path: Path, found: list[Region], outcomes: list[Outcome]) -> int:
    """Stopped by a signal: regions already built stay complete, the others are untouched,
    and the manifest says so (an earlier one stays as it is when nothing was built)."""
    built = [outcome for outcome in outcomes if outcome.built]
    interrupts.acted()  # the workers are stopped; the manifest may now be written
    if built:
        write_manifest(job, config_path, found, outcomes, MANIFEST_INTERRUPTED)
        said = (
            f"Afgebroken na {report.plural(len(built))}. Die zijn volledig geschreven; van de "
            "andere regio's is niets vervangen."
        )
    else:
        said = "Afgebroken. Er is niets vervangen: eerdere rapporten zijn ongewijzigd."
    print(said, file=sys.stderr)
    return interrupts.exit_code()
