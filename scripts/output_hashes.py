"""Fingerprints of every file the example data builds: each quarter of the example region,
all three documents, PDF and web edition. A change that should not alter the output (a move,
a refactoring, a faster path) is checked by comparing this list before and after it:

    .venv/bin/python scripts/output_hashes.py > /tmp/before.txt
    (change the code)
    .venv/bin/python scripts/output_hashes.py --against /tmp/before.txt

With --against it prints only the files that differ, and exits 1 when any does. The quarters
are those of the example's kwartaalcijfers; extra arguments (--regio, --config) are passed on
to build.py for every quarter.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def example_quarters(region: str) -> list[str]:
    lines = (ROOT / "data" / "kwartaalcijfers.csv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader([line for line in lines if not line.startswith("#")], delimiter=";")
    return sorted({row["kwartaal"] for row in rows if row["regio"] == region})


def fingerprints(quarters: list[str], extra: list[str]) -> dict[str, str]:
    """sha256 of every file built, by its path under the output folder."""
    found: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as output:
        for quarter in quarters:
            command = [sys.executable, "build.py", "--periode", quarter, "--uitvoer", output]
            done = subprocess.run(command + extra, cwd=ROOT, capture_output=True, text=True)
            if done.returncode != 0:
                raise SystemExit(f"{quarter}: build.py faalde\n{done.stdout}{done.stderr}")
        for path in sorted(Path(output).rglob("*")):
            if path.is_file():
                name = path.relative_to(output).as_posix()
                found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def read_list(path: Path) -> dict[str, str]:
    pairs = (line.split("  ", 1) for line in path.read_text(encoding="utf-8").splitlines())
    return {name: digest for digest, name in pairs}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", type=Path, help="an earlier list to compare with")
    parser.add_argument("--region", default="Gooi en Vechtstreek")
    args, extra = parser.parse_known_args()
    now = fingerprints(example_quarters(args.region), extra)
    if args.against is None:
        for name, digest in now.items():
            print(f"{digest}  {name}")
        return 0
    before = read_list(args.against)
    names = before.keys() | now.keys()
    differ = sorted(name for name in names if before.get(name) != now.get(name))
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(now)} files built, {len(differ)} differ from {args.against}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
