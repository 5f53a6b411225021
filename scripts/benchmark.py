"""How fast the builder is, measured against the cost of its imports on the same machine.

Prints, each as the median of several cold runs (a fresh Python process each time):
- the import floor: `python -c "import pandas, matplotlib, weasyprint"`;
- one region's full set (three PDFs and the web edition, as `python build.py` makes it) and
  its ratio to that floor, with CPU seconds per stage of one extra run;
- `--check`, and how far it lies above the floor of what it imports (pandas, pydantic, yaml);
- a batch of 35 regions (`--alle-regios`, copies of the example region in a temporary folder)
  and the peak memory of each worker after its first and its last region.
Wall-clock seconds depend on what else the machine does; the CPU seconds (user + system,
subprocesses included) much less so. Usage:

    .venv/bin/python scripts/benchmark.py [--runs 5] [--regios 35] [--werkers 2]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # regions.py: copies of the example region

FLOOR = "import pandas, matplotlib, weasyprint"
CHECK_FLOOR = "import pandas, pydantic, yaml"
STAGES = ("imports", "loading", "figures", "charts", "html", "pdf", "write")


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds (this child and its children) of one command, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} faalde:\n{done.stdout}{done.stderr}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, done.stdout


def medians(command: list[str], runs: int, fresh_output: bool = False) -> tuple[float, float]:
    """Medians of `runs` timed runs, after one untimed run that brings the files each run
    reads into the page cache (a new process each time, but not a cold disk)."""
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as output:
        timed(command + (["--uitvoer", output] if fresh_output else []))
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as output:
            wall, cpu, _ = timed(command + (["--uitvoer", output] if fresh_output else []))
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def stages_child(config: str, output: str) -> None:
    """In a child process: CPU seconds per stage of one full build."""
    times: dict[str, float] = {}
    mark = time.process_time()

    def lap(stage: str) -> None:
        nonlocal mark
        now = time.process_time()
        times[stage] = times.get(stage, 0.0) + now - mark
        mark = now

    import gc

    gc.disable()  # as build.py does
    from banenafspraak.input import config as config_module
    from banenafspraak.input import dataset
    from banenafspraak.input.config import DOCUMENTS
    from banenafspraak.problems import Collector
    from banenafspraak.run import pipeline, preload

    preload.load()  # as the command line does before a build
    lap("imports")
    config_path = Path(config)
    settings = config_module.load(config_path)
    problems = Collector()
    data = dataset.load(settings, config_path.parent, str(config_path), problems)
    if data is None:
        raise SystemExit("\n".join(map(str, problems.problems)))
    lap("loading")
    pipeline.build(data, settings, Path(output), list(DOCUMENTS), lap=lap)
    print(json.dumps(times))


def batch_child(config: str, output: str, workers: int) -> None:
    """In a child process: build every region as `--alle-regios` does, and report per worker
    its peak memory after each region."""
    from banenafspraak.input import config as config_module
    from banenafspraak.input.config import DOCUMENTS
    from banenafspraak.run import batch
    from banenafspraak.run.batch_job import Job
    from banenafspraak.run.cli import FORMATS

    config_path = Path(config)
    settings = config_module.load(config_path)
    job = Job(settings, Path(output), DOCUMENTS, FORMATS["beide"])
    with batch.pool(job, workers) as started:  # as `batch.run` does
        found, _ = batch.regions(settings, config_path)
        outcomes = list(batch.build_all(found, started))
    batch.write_manifest(job, config_path, found, outcomes)
    memory: dict[int, list[float]] = {}
    for outcome in outcomes:
        memory.setdefault(outcome.worker, []).append(outcome.peak_mb)
    failed = [outcome.region for outcome in outcomes if outcome.failed]
    print(json.dumps({"regions": len(outcomes), "failed": failed, "memory": list(memory.values())}))


def example_regions(folder: Path, count: int) -> Path:
    """A copy of the project whose data gives `count` regions the example's figures."""
    from regions import copy_example, region_names

    shutil.copy(ROOT / "config.yaml", folder / "config.yaml")
    shutil.copytree(ROOT / "data", folder / "data")
    copy_example(folder / "data", region_names(folder / "data")[:count])
    return folder / "config.yaml"


def show(label: str, wall: float, cpu: float, extra: str = "") -> None:
    print(f"{label:<34}{wall:>8.2f} s{cpu:>10.2f} s{extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="koude runs per meting")
    parser.add_argument("--regios", type=int, default=35, help="regio's in de batch")
    parser.add_argument("--werkers", type=int, default=2, help="werkers in de batch")
    parser.add_argument("--stages-child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--batch-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stages_child:
        return stages_child(*args.stages_child)
    if args.batch_child:
        config, output, workers = args.batch_child
        return batch_child(config, output, int(workers))

    python, build = sys.executable, str(ROOT / "build.py")
    print(f"Mediaan van {args.runs} koude runs; CPU = user + system, subprocessen meegeteld.")
    print(f"{'':<34}{'wandklok':>10}{'CPU':>12}")
    floor = medians([python, "-c", FLOOR], args.runs)
    show("importvloer (pandas, mpl, wp)", *floor)
    full = medians([python, build], args.runs, fresh_output=True)
    show(
        "één regio, volledige set",
        *full,
        f"   = {full[0] / floor[0]:.2f} x vloer (wandklok), {full[1] / floor[1]:.2f} x (CPU)",
    )
    with tempfile.TemporaryDirectory() as output:
        _, _, stages = timed([python, __file__, "--stages-child", "config.yaml", output])
    print("   CPU per stap: " + ", ".join(f"{k} {v:.2f}" for k, v in json.loads(stages).items()))
    check_floor = medians([python, "-c", CHECK_FLOOR], args.runs)
    show("importvloer --check (pandas, ...)", *check_floor)
    check = medians([python, build, "--check"], args.runs)
    show(
        "--check",
        *check,
        f"   = vloer + {check[0] - check_floor[0]:.2f} s (wandklok), "
        f"+ {check[1] - check_floor[1]:.2f} s (CPU)",
    )
    with tempfile.TemporaryDirectory() as folder:
        config = example_regions(Path(folder), args.regios)
        output = str(Path(folder) / "reports")
        wall, cpu, printed = timed(
            [python, __file__, "--batch-child", str(config), output, str(args.werkers)]
        )
    result = json.loads(printed)
    show(f"{result['regions']} regio's, {args.werkers} werkers", wall, cpu)
    if result["failed"]:
        print(f"   mislukt: {', '.join(result['failed'])}")
    for number, peaks in enumerate(result["memory"], start=1):
        print(
            f"   werker {number}: {len(peaks)} regio's, piekgeheugen {peaks[0]:.0f} MB na de "
            f"eerste, {max(peaks):.0f} MB hoogst, {peaks[-1]:.0f} MB na de laatste"
        )


if __name__ == "__main__":
    main()
