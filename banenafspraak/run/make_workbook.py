"""`python build.py --maak-werkmap`: the data folder's tables as one workbook,
`banenafspraak.xlsx`, for the adviser to fill in Excel (see `input/workbook_writer.py`)."""

from __future__ import annotations

import sys
from pathlib import Path

from banenafspraak.input import config, tables, workbook_writer
from banenafspraak.problems import Collector
from banenafspraak.run.output import write_set

SHOWN_PROBLEMS = 50  # as the build shows them


def run(config_path: Path) -> int:
    """Write the workbook; 0 when written, 1 when it exists already or the data is wrong.
    An existing workbook is never overwritten: it holds what the adviser typed."""
    problems = Collector()
    folder = config.data_folder(config_path)
    if folder is None:
        missing = "bestaat niet" if not config_path.exists() else "kan niet worden gelezen"
        problems.add(str(config_path), f"het configuratiebestand {missing}")
    elif (folder / tables.WORKBOOK).exists():
        print(
            f"Fout: {folder / tables.WORKBOOK} bestaat al; de werkmap wordt niet overschreven, "
            "want daarin staat uw invoer. Verwijder of hernoem het bestand als u een nieuwe "
            "werkmap wilt maken.",
            file=sys.stderr,
        )
        return 1
    elif not folder.is_dir():
        problems.add(str(folder), "de gegevensmap bestaat niet")
    else:
        frames = tables.read_files(folder, problems)
    for warning in problems.warnings:
        print(f"Waarschuwing: {warning}", file=sys.stderr)
    if problems.problems or folder is None:
        # A cell that cannot be read would be lost on the way: the files are fixed first.
        for problem in problems.problems[:SHOWN_PROBLEMS]:
            print(f"Fout: {problem}", file=sys.stderr)
        count = len(problems.problems)
        found = "1 probleem" if count == 1 else f"{count} problemen"
        print(f"\n{found} gevonden; de werkmap is niet gemaakt.", file=sys.stderr)
        return 1
    target = folder / tables.WORKBOOK
    write_set([(target, workbook_writer.make(frames, workbook_writer.comments(folder)))])
    loose = ", ".join(path.name for path in tables.loose_files(folder))
    print(f"Geschreven: {target} ({len(tables.ALL)} werkbladen en een blad 'toelichting')")
    print(
        f"Verplaats nu de losse gegevensbestanden uit {folder} ({loose}) naar een andere map: "
        "de rapportbouwer leest de werkmap alleen als die losse bestanden er niet naast staan."
    )
    return 0
