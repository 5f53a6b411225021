"""Where the project's own files lie, for every stage: the templates (with their fonts), and
the system's temporary folder for what should outlive a command."""

from __future__ import annotations

import tempfile
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
FONTS = TEMPLATES / "fonts"

# The system's temporary folder, noted by run/scratch.py before it sends the command's
# temporary files to a folder of their own (removed as the command ends).
_system_temporary = ""


def system_temporary_folder() -> str:
    """The system's temporary folder, also while the command's temporary files go elsewhere:
    for what should outlive the command (Jinja's compiled templates)."""
    return _system_temporary or tempfile.gettempdir()


def note_system_temporary_folder(folder: str) -> None:
    global _system_temporary
    _system_temporary = folder
