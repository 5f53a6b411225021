"""Where a build's files go: light to import, so that checking needs no PDF library."""

from __future__ import annotations

from pathlib import Path

from banenafspraak.input.config import Config


def slug(text: str) -> str:
    """'Gooi en Vechtstreek' -> 'gooi-en-vechtstreek'; only a-z, 0-9 and '-' survive."""
    kept = "".join(char if char.isalnum() and char.isascii() else "-" for char in text.lower())
    return "-".join(part for part in kept.split("-") if part) or "regio"


def output_path(folder: Path, config: Config, document: str, suffix: str = ".pdf") -> Path:
    """reports/<period>/<region-slug>/<document>-<region-slug>-<period><suffix>"""
    region = slug(config.regio)
    period = str(config.quarter)
    return folder / period / region / f"{document}-{region}-{period}{suffix}"
