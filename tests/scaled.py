"""A national-size copy of the example data: every count times SCALE, every check intact."""

from __future__ import annotations

from pathlib import Path

from banenafspraak.input import tables

# 1.777 persons become 888.500: the widest six-digit counts the documents must hold.
SCALE = 500
_SCALED_KINDS = ("count", "signed")


def _scaled_cell(text: str) -> str:
    return str(int(text.replace(".", "")) * SCALE)


def scale_data(folder: Path) -> None:
    """Multiply every count in the CSVs of `folder` by SCALE, in place.

    Splits and flow identities are linear, so they stay exact; percentages are left alone.
    The convenant's targets round their parts separately, so the government part is set to
    the total minus the market part, which keeps the one-off difference within tolerance.
    """
    for table in tables.ALL:
        path = folder / f"{table.name}.csv"
        if not path.exists():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        start = next(i for i, line in enumerate(lines) if not line.startswith("#"))
        header = lines[start].split(";")
        scaled = [i for i, name in enumerate(header) if table.columns.get(name) in _SCALED_KINDS]
        if table.name == "regios":
            scaled = []
        out = lines[: start + 1]
        for line in lines[start + 1 :]:
            if not line.strip():
                continue
            cells = line.split(";")
            for index in scaled:
                cells[index] = _scaled_cell(cells[index])
            if table.name == "doelstellingen":
                row = dict(zip(header, cells, strict=True))
                cells[header.index("overheid")] = str(int(row["totaal"]) - int(row["markt"]))
            out.append(";".join(cells))
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
