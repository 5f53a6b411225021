"""The record of the figures a build published, beside its documents: `cijfers-…json` for
machines (and for the next build, see `input/records.py`) and `cijfers-…csv` for Excel
(semicolons, UTF-8 with a byte-order mark so that Dutch Excel reads it, decimal commas).
Written by every build, whatever its format and documents: one record per region and quarter.
Deterministic: no timestamps, the tables and fields in a fixed order."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from banenafspraak.figures.compute import Figures
from banenafspraak.figures.field_labels import label
from banenafspraak.input.config import Config
from banenafspraak.input.records import RECORD, Value
from banenafspraak.render import paths
from banenafspraak.render.writers import Output

SUFFIXES = (".json", ".csv")
CSV_HEADER = ("regio", "kwartaal", "tabel", "veld", "omschrijving", "waarde", "illustratief")
# The last column: whether the data marked the figure illustrative (not published by UWV).
ILLUSTRATIVE = {True: "ja", False: "nee"}


def targets(folder: Path, config: Config) -> list[Path]:
    return [paths.output_path(folder, config, RECORD, suffix) for suffix in SUFFIXES]


def outputs(figures: Figures, config: Config, folder: Path) -> list[Output]:
    json_path, csv_path = targets(folder, config)
    return [Output(json_path, as_json(figures)), Output(csv_path, as_csv(figures))]


def as_json(figures: Figures) -> bytes:
    content = {
        "regio": figures.region,
        "kwartaal": str(figures.period),
        "tabellen": {
            table: {field: _json(value) for field, value in row.items()}
            for table, row in figures.published.items()
        },
        "herzieningen": [
            {
                "kwartaal": str(revision.quarter),
                "tabel": revision.table,
                "veld": revision.field,
                "oud": _json(revision.old),
                "nieuw": _json(revision.new),
            }
            for revision in figures.revisions
        ],
        # Per table the figures the data marked illustrative (not published by UWV).
        "illustratief": {
            table: list(names) for table, names in figures.illustrative.published.items() if names
        },
    }
    return (json.dumps(content, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def as_csv(figures: Figures) -> bytes:
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    marked = figures.illustrative.published
    for table, row in figures.published.items():
        for field, value in row.items():
            writer.writerow(
                (
                    figures.region,
                    str(figures.period),
                    table,
                    field,
                    label(table, field),
                    _csv(value),
                    ILLUSTRATIVE[field in marked.get(table, ())],
                )
            )
    return stream.getvalue().encode("utf-8-sig")


def _json(value: Value) -> int | float | str:
    """A Decimal as the JSON number it was read from (records.value made it one)."""
    return float(value) if isinstance(value, Decimal) else value


def _csv(value: Value) -> str:
    """As Dutch Excel reads a number: a decimal comma, no thousands separator."""
    return str(value).replace(".", ",") if isinstance(value, Decimal) else str(value)
