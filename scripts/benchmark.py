"""Build the example cold several times and print how long each stage takes.

Each run is a fresh Python process, so imports and font loading count as a user sees them.
Usage: .venv/bin/python scripts/benchmark.py [--runs 5] [--config config.yaml]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("imports", "loading", "figures", "charts", "html", "pdf", "write")


def one_run(config: str, output: str) -> dict[str, float]:
    """Runs in the child process: times every stage of one build."""
    import resource

    times: dict[str, float] = {}
    started = mark = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        times[stage] = times.get(stage, 0.0) + now - mark
        mark = now

    import matplotlib  # noqa: F401
    import pandas  # noqa: F401
    import weasyprint  # noqa: F401

    from banenafspraak import config as config_module
    from banenafspraak import pipeline
    from banenafspraak.config import DOCUMENTS
    from banenafspraak.problems import Collector

    lap("imports")
    config_path = Path(config)
    settings = config_module.load(config_path)
    problems = Collector()
    data = pipeline.load_data(settings, config_path, problems)
    if data is None:
        raise SystemExit("\n".join(map(str, problems.problems)))
    lap("loading")
    pipeline.build(data, settings, Path(output), list(DOCUMENTS), lap=lap)
    times["total"] = time.perf_counter() - started
    times["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--config", default=str(ROOT / "config.yaml"))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one_run(args.config, args.output)))
        return

    results = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as output:
            started = time.perf_counter()
            child = subprocess.run(
                [sys.executable, __file__, "--child", "--config", args.config, "--output", output],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            wall = time.perf_counter() - started
        result = json.loads(child.stdout)
        result["wall"] = wall
        results.append(result)

    print(f"{args.runs} koude builds van het voorbeeld (alle documenten)")
    print(f"{'stap':<10}{'mediaan':>10}{'min':>10}{'max':>10}")
    for key in ("wall", "total", *STAGES):
        values = [r.get(key, 0.0) for r in results]
        print(
            f"{key:<10}{statistics.median(values):>9.2f}s{min(values):>9.2f}s{max(values):>9.2f}s"
        )
    peak = [r["peak_mb"] for r in results]
    print(f"{'piekgeheugen':<10}{statistics.median(peak):>8.0f} MB")


if __name__ == "__main__":
    main()
