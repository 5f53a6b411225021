"""ARCHITECTURE.md stays true: every path it names exists, and every module of the package is
named in it (or its folder is)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

DOC = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "banenafspraak"
PATH = re.compile(r"^[\w./-]+(/|\.(py|j2|md|css|yaml|toml|json))$")


def named_paths() -> list[tuple[Path, str]]:
    """Each path in backquotes with the folder it is relative to: in a table row, the
    folder in its first cell; elsewhere the project or the package folder."""
    found = []
    for line in DOC.splitlines():
        folder = re.match(r"^\| `([\w/]+/)`", line)
        for token in re.findall(r"`([^`\s]+)`", line):
            if PATH.match(token):
                found.append((ROOT / folder.group(1) if folder else ROOT, token))
    return found


def resolve(base: Path, token: str) -> Path | None:
    """The path a token names: relative to its row's folder, the project or the package."""
    found = [where / token for where in (base, ROOT, PACKAGE) if (where / token).exists()]
    return found[0].resolve() if found else None


def test_the_doc_names_paths():
    names = [token for _, token in named_paths()]
    assert "banenafspraak/render/weasyprint_internals/" in names and "compute.py" in names


def test_every_path_named_exists():
    missing = [token for base, token in named_paths() if resolve(base, token) is None]
    assert missing == []


def test_a_missing_path_would_be_found():
    assert resolve(PACKAGE / "figures", "figures.py") is None
    assert resolve(PACKAGE / "figures", "compute.py") == PACKAGE / "figures" / "compute.py"


def test_every_module_is_named():
    """By its file name; a module in a folder below a stage (pdf_repair/) may be named by its
    folder instead."""
    named = {resolve(base, token) for base, token in named_paths()}
    unnamed = [
        path.relative_to(ROOT).as_posix()
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "__init__.py"
        and path.resolve() not in named
        and not (len(path.relative_to(PACKAGE).parts) > 2 and path.parent in named)
    ]
    assert unnamed == []
