"""Copies of the example region under other region names, for batch tests and the benchmark."""

from __future__ import annotations

from pathlib import Path

from banenafspraak.input import tables

EXAMPLE = "Gooi en Vechtstreek"


def region_names(folder: Path) -> list[str]:
    """Every region name in `regios.csv`, in its order."""
    lines = (folder / "regios.csv").read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line.strip() and not line.startswith("#")][1:]
    return [row.split(";", 1)[1] for row in rows]


def copy_example(folder: Path, names: list[str]) -> None:
    """Give each named region the example region's rows, in every CSV of `folder` that has
    regions, in place. The copies' figures equal the example's, so their checks all hold."""
    for table in tables.ALL:
        path = folder / f"{table.name}.csv"
        if "regio" not in table.columns or not path.exists():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        example = [line for line in lines if line.startswith(f"{EXAMPLE};")]
        copies = [
            line.replace(EXAMPLE, name, 1) for name in names if name != EXAMPLE for line in example
        ]
        path.write_text("\n".join(lines + copies) + "\n", encoding="utf-8")
