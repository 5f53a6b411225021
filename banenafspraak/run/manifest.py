"""The manifest a batch writes next to its reports (`reports/<periode>/manifest.json`): per
region and document the file, its pages, bytes and SHA-256, the hashes of every input file and
the builder's version, so that a web editor sees what belongs together and a rebuild can be
verified. It holds no timestamps: the same input gives the same manifest.

It tells the truth about the folder: whether the run was complete, interrupted or partly
failed, and which regions were not built. A region this run did not build (it failed, or the
run stopped first) whose files an earlier manifest lists, and which are still on disk
unchanged, stays in it, named under `eerder_gebouwd`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from banenafspraak.input import tables
from banenafspraak.input.config import DOCUMENTS, Config
from banenafspraak.problems import Collector
from banenafspraak.run.output import write_set

if TYPE_CHECKING:
    from banenafspraak.run.batch_job import Job, Outcome, Region
    from banenafspraak.run.pipeline import Written

MANIFEST = "manifest.json"
# The run's status, as the manifest names it.
MANIFEST_COMPLETE = "volledig"
MANIFEST_PARTLY_FAILED = "deels mislukt"
MANIFEST_INTERRUPTED = "afgebroken"


def manifest_path(job: Job) -> Path:
    return job.output / str(job.config.quarter) / MANIFEST


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def input_files(config: Config, config_path: Path) -> list[Path]:
    """The config and every data file it read."""
    folder = config_path.parent / config.gegevensmap
    found = [tables.find(folder, table, Collector()) for table in tables.ALL]
    return [config_path, *(path for path in found if path is not None)]


def manifest(
    job: Job,
    config_path: Path,
    found: list[Region],
    outcomes: list[Outcome],
    status: str = MANIFEST_COMPLETE,
) -> dict:
    """Per region every file written (PDFs and web edition): its document, path, pages, bytes
    and sha256; the inputs' hashes; the builder's version; the run's status, the regions that
    failed and those not built. Regions in the order of `regios`, so the same build gives the
    same manifest."""
    config = job.config
    folder = job.output / str(config.quarter)
    by_region = {outcome.region: outcome for outcome in outcomes}
    built, failed, left = {}, {}, []
    for region in found:
        outcome = by_region.get(region.name)
        if region.problems:
            failed[region.name] = [str(problem) for problem in region.problems]
        elif outcome is not None and outcome.failed:
            failed[region.name] = _reasons(outcome)
        elif outcome is None or not outcome.built:
            left.append(region.name)  # the run stopped before it was written
        else:
            built[region.name] = [_entry(item, folder) for item in outcome.written]
    earlier = _unchanged(_earlier_regions(manifest_path(job)), folder, set(built))
    base = config_path.parent
    return {
        "periode": str(config.quarter),
        "status": status,
        "rapportbouwer": _version(),
        "invoer": {
            _relative(path, base): sha256(path) for path in input_files(config, config_path)
        },
        "regios": {**built, **earlier},
        "eerder_gebouwd": list(earlier),
        "mislukt": failed,
        "niet_gebouwd": left,
    }


def _reasons(outcome: Outcome) -> list[str]:
    reasons = [str(problem) for problem in outcome.problems]
    if outcome.failure:
        reasons.append(outcome.failure)
    if outcome.error:
        reasons.append(f"interne fout: {outcome.error}")
    return reasons


def _earlier_regions(path: Path) -> dict:
    """The regions an earlier manifest in this place lists; nothing when there is none or it
    cannot be read."""
    try:
        earlier = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    regions = earlier.get("regios") if isinstance(earlier, dict) else None
    return regions if isinstance(regions, dict) else {}


def _unchanged(earlier: dict, folder: Path, built: set[str]) -> dict:
    """The earlier regions not built now whose every file is still there, byte for byte."""
    kept = {}
    for region, entries in earlier.items():
        if region in built or not isinstance(entries, list) or not entries:
            continue
        with contextlib.suppress(TypeError, KeyError, ValueError, OSError):
            if all(sha256(folder / entry["bestand"]) == entry["sha256"] for entry in entries):
                kept[region] = entries
    return kept


def _entry(written: Written, folder: Path) -> dict:
    """One file: the document it belongs to (not the web index and style sheet) or, for the
    record of the figures published, `"soort": "cijfers"`; where it is, its pages (PDFs only),
    size and hash."""
    path, pages = written.path, written.pages
    entry: dict[str, object] = {}
    document = next((name for name in DOCUMENTS if path.name.startswith(f"{name}-")), None)
    if document:
        entry["document"] = document
    if written.record:
        entry["soort"] = "cijfers"
    entry["bestand"] = path.relative_to(folder).as_posix()
    if pages is not None:
        entry["paginas"] = pages
    entry.update(bytes=path.stat().st_size, sha256=sha256(path))
    return entry


def _relative(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _version() -> str:
    try:
        return metadata.version("banenafspraak")
    except metadata.PackageNotFoundError:
        return "onbekend"


def write_manifest(
    job: Job,
    config_path: Path,
    found: list[Region],
    outcomes: list[Outcome],
    status: str = MANIFEST_COMPLETE,
) -> Path:
    target = manifest_path(job)
    content = manifest(job, config_path, found, outcomes, status)
    write_set([(target, (json.dumps(content, ensure_ascii=False, indent=2) + "\n").encode())])
    return target
