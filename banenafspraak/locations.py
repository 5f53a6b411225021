"""Where the project's own files lie, for every stage: the templates (with their fonts)."""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
FONTS = TEMPLATES / "fonts"
