"""The manifest a batch writes next to its reports (`reports/<periode>/manifest.json`): per
region and document the file, its pages, bytes and SHA-256, the hashes of every input file and
the builder's version, so that a web editor sees what belongs together and a rebuild can be
verified. It holds no timestamps: the same input gives the same manifest."""

from __future__ import annotations

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

MANIFEST = "manifest.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def input_files(config: Config, config_path: Path) -> list[Path]:
    """The config and every data file it read."""
    folder = config_path.parent / config.gegevensmap
    found = [tables.find(folder, table, Collector()) for table in tables.ALL]
    return [config_path, *(path for path in found if path is not None)]


def manifest(job: Job, config_path: Path, found: list[Region], outcomes: list[Outcome]) -> dict:
    """Per region every file written (PDFs and web edition): its document, path, pages, bytes
    and sha256; the inputs' hashes; the builder's version. Regions in the order of `regios`,
    so the same build gives the same manifest."""
    config = job.config
    folder = job.output / str(config.quarter)
    by_region = {outcome.region: outcome for outcome in outcomes}
    built, failed = {}, {}
    for region in found:
        outcome = by_region.get(region.name)
        if outcome is None:
            if region.problems:
                failed[region.name] = [str(problem) for problem in region.problems]
            continue  # not built: interrupted before its turn
        if outcome.failed:
            problems = [str(problem) for problem in outcome.problems]
            failed[region.name] = problems or [f"interne fout: {outcome.error}"]
            continue
        built[region.name] = [_entry(item.path, item.pages, folder) for item in outcome.written]
    base = config_path.parent
    return {
        "periode": str(config.quarter),
        "rapportbouwer": _version(),
        "invoer": {
            _relative(path, base): sha256(path) for path in input_files(config, config_path)
        },
        "regios": built,
        "mislukt": failed,
    }


def _entry(path: Path, pages: int | None, folder: Path) -> dict:
    """One file: the document it belongs to (not the web index and style sheet), where it is,
    its pages (PDFs only), size and hash."""
    entry: dict[str, object] = {}
    document = next((name for name in DOCUMENTS if path.name.startswith(f"{name}-")), None)
    if document:
        entry["document"] = document
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
    job: Job, config_path: Path, found: list[Region], outcomes: list[Outcome]
) -> Path:
    target = job.output / str(job.config.quarter) / MANIFEST
    content = manifest(job, config_path, found, outcomes)
    write_set([(target, (json.dumps(content, ensure_ascii=False, indent=2) + "\n").encode())])
    return target
