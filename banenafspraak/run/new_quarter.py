"""`python build.py --nieuw-kwartaal 2019-Q1`: a new quarter prepared for the adviser to fill in.

For the config's region it adds the row to fill to every table that needs one per quarter
(`kwartaalcijfers`, `stromen`, `landelijk`, and `beschut_werk` and `kandidatenverkenner` when
the region has rows there), with the region and the quarter filled in and the figures empty;
`correcties` only when there is one, so it gets no row. What carries over unchanged is filled
in and marked: `beschut_werk`'s taakstelling within one year (SZW sets it per year). It adds
the quarter's section to `config.yaml` (`quarter_section`), writes every file at once
(`output.write_set`), and says what is left to fill in and which command checks it.

The rows go into the workbook `banenafspraak.xlsx` when the data folder holds it (a cell
comment marks what was carried over), else into the CSVs (a comment line at the top of the
file marks it: the CSV reader takes '#' lines above the header only).
"""

from __future__ import annotations

import csv
import io
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from banenafspraak.input import config, config_yaml, files, tables, workbook, workbook_writer
from banenafspraak.problems import Collector
from banenafspraak.quarters import Quarter
from banenafspraak.run import quarter_section
from banenafspraak.run.output import write_set

REFUSED = 1
# The tables that get a row per quarter, in the order they are reported.
PER_QUARTER = (
    tables.QUARTERLY,
    tables.FLOWS,
    tables.NATIONAL,
    tables.SHELTERED,
    tables.CANDIDATES,
)
# Tables that get a row only when the region already has rows in them.
WHEN_USED = ("beschut_werk", "kandidatenverkenner")
SHOWN_PROBLEMS = 50
CARRIED = "taakstelling"


@dataclass
class NewRow:
    """One row to add: its table, its filled cells, and what the adviser is told."""

    table: tables.Table
    values: dict[str, object]
    carried_from: Quarter | None = None  # where the taakstelling came from
    note: str = ""  # said under the row (why the taakstelling is empty)
    place: str = ""  # where it landed, set on writing
    empty: list[str] = field(default_factory=list)  # where the empty cells are, per run


def run(config_path: Path, text: str) -> int:
    """Prepare the quarter `text`; 0 when done, 1 when refused (nothing is written then)."""
    try:
        quarter = Quarter.parse(text)
    except ValueError:
        return _refuse(f"'{text}' is geen kwartaal; schrijf het als 2019-Q1.")
    settings = config.load(config_path)  # an InputError is reported as for a build
    original = files.read_bytes(config_path)
    bom = "\ufeff" if original.startswith(b"\xef\xbb\xbf") else ""
    content = original.decode("utf-8-sig")
    raw, _ = config_yaml.parse(content)
    if quarter in _configured(raw):
        return _refuse(
            f"{config_path} heeft al een sectie '{quarter}:' onder 'kwartalen:'; het kwartaal "
            f"{quarter} is dus al aangemaakt. Er is niets veranderd."
        )
    folder = config_path.parent / settings.gegevensmap
    book = workbook.path_in(folder)
    problems = Collector()
    frames = (
        workbook.read_tables(book, problems)
        if book is not None
        else {t.name: f for t in PER_QUARTER if (f := tables.read(folder, t, problems)) is not None}
    )
    region = settings.regio
    existing = _rows_of(frames.get("kwartaalcijfers"), region, quarter)
    if existing:
        where = _where(frames["kwartaalcijfers"], existing[0])
        return _refuse(
            f"{where}: {region} heeft al een regel voor {quarter}; het kwartaal bestaat al. "
            "Er is niets veranderd."
        )
    if problems.problems:
        for problem in problems.problems[:SHOWN_PROBLEMS]:
            print(f"Fout: {problem}", file=sys.stderr)
        return _refuse(
            "Los eerst deze problemen in de gegevens op; er is niets veranderd.", prefix=""
        )
    rows, skipped = _plan(frames, region, quarter)
    try:
        section = quarter_section.add(content, quarter)
    except quarter_section.NoQuarters:
        return _refuse(f"{config_path} heeft geen 'kwartalen:'; zie de README, 'De configuratie'.")
    if book is not None:
        written = [(book, _workbook(book, rows, frames))]
    else:
        by_table = {row.table.name: row.table for row in rows}.values()
        written = [_csv_file(folder, t, [r for r in rows if r.table is t]) for t in by_table]
    write_set([*written, (config_path, (bom + section.text).encode("utf-8"))])
    _say(config_path, region, quarter, rows, skipped, section, frames)
    return 0


def _refuse(message: str, prefix: str = "Fout: ") -> int:
    print(f"{prefix}{message}", file=sys.stderr)
    return REFUSED


def _configured(raw: object) -> set[Quarter]:
    quarters = raw.get("kwartalen") if isinstance(raw, dict) else None
    found = set()
    for key in quarters if isinstance(quarters, dict) else ():
        try:
            found.add(Quarter.parse(str(key)))
        except ValueError:
            continue
    return found


def _rows_of(frame: pd.DataFrame | None, region: str | None, quarter: Quarter) -> list[int]:
    """The lines (rows) holding `quarter` (and `region`, when given) in a table."""
    if frame is None or frame.empty:
        return []
    match = frame["kwartaal"] == quarter
    if region is not None:
        match &= frame["regio"] == region
    return [int(line) for line in frame.loc[match, tables.ROW]]


def _where(frame: pd.DataFrame, line: int) -> str:
    """A row as a problem names it: file and line, or sheet and row."""
    name = str(frame[tables.FILE].iloc[0])
    return f"{name}, {'rij' if frame.attrs.get(workbook.SHEET) else 'regel'} {line}"


def _plan(
    frames: dict[str, pd.DataFrame], region: str, quarter: Quarter
) -> tuple[list[NewRow], list[str]]:
    """The rows to add, and what is said of the tables that get none."""
    rows, skipped = [], []
    for table in PER_QUARTER:
        frame = frames.get(table.name)
        national = "regio" not in table.columns
        mine = frame if national or frame is None else frame[frame["regio"] == region]
        if table.name in WHEN_USED and (mine is None or mine.empty):
            continue  # the region does not use this part
        present = _rows_of(frame, None if national else region, quarter)
        if present:
            skipped.append(
                f"{_where(frame, present[0])}: de regel van {quarter} staat er al; "
                "er is niets toegevoegd."
            )
            continue
        values: dict[str, object] = {"kwartaal": str(quarter)}
        if not national:
            values = {"regio": region, **values}
        row = NewRow(table, values)
        if table is tables.SHELTERED:
            _carry_target(row, mine, quarter)
        rows.append(row)
    return rows, skipped


def _carry_target(row: NewRow, frame: pd.DataFrame, quarter: Quarter) -> None:
    """The taakstelling of the region's latest earlier quarter in the same year."""
    same_year = frame[
        frame["kwartaal"].map(lambda q: q.year == quarter.year and q < quarter)
        & frame[CARRIED].notna()
    ]
    if same_year.empty:
        row.note = (
            f"de taakstelling is niet overgenomen: SZW stelt haar per jaar vast en er is nog "
            f"geen taakstelling voor {quarter.year}; vul die van {quarter.year} in"
        )
        return
    latest = same_year.sort_values("kwartaal").iloc[-1]
    row.values[CARRIED] = int(latest[CARRIED])
    row.carried_from = latest["kwartaal"]
    row.note = (
        f"taakstelling {row.values[CARRIED]} is overgenomen uit {row.carried_from} "
        f"(SZW stelt haar per jaar vast); controleer haar"
    )


def mark(row: NewRow, quarter: Quarter) -> str:
    """The words that mark a carried-over value, in the CSV's comment line or the cell."""
    return f"{quarter}: taakstelling overgenomen uit {row.carried_from}; controleer"


def _csv_file(folder: Path, table: tables.Table, rows: list[NewRow]) -> tuple[Path, bytes]:
    """The CSV with the rows added at its end; a carried-over value marked at its top."""
    path = folder / f"{table.name}.csv"
    data = files.read_bytes(path)
    content = data.decode("utf-8-sig")
    bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
    newline = "\r\n" if "\r\n" in content else "\n"
    lines = content.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    header_at = _header_index(lines)
    separator = _separator(lines, header_at)
    header = next(csv.reader([lines[header_at]], delimiter=separator))
    header = [column.strip() for column in header]
    for row in rows:
        if row.carried_from is not None:
            # Above the header: the reader takes '#' lines there only.
            lines.insert(
                header_at, f"# {mark(row, Quarter.parse(row.values['kwartaal']))}{newline}"
            )
            header_at += 1
    for row in rows:
        cells = io.StringIO()
        writer = csv.writer(cells, delimiter=separator, lineterminator=newline)
        writer.writerow(["" if row.values.get(c) is None else row.values[c] for c in header])
        lines.append(cells.getvalue())
        row.place = f"{path}, regel {len(lines)}"
        row.empty = [
            _fields([c for c in header if c not in row.values and c != tables.ILLUSTRATIVE])
        ]
    return path, (bom + "".join(lines)).encode("utf-8")


def _to_fill(table: tables.Table) -> list[str]:
    """The columns of a new row the adviser fills in: not ILLUSTRATIVE, which stays empty
    (the new quarter's figures are UWV's)."""
    return [column for column in table.columns if column != tables.ILLUSTRATIVE]


def _fields(columns: list[str]) -> str:
    count = "1 leeg veld" if len(columns) == 1 else f"{len(columns)} lege velden"
    return f"{count}: {', '.join(columns)}"


def _workbook(path: Path, rows: list[NewRow], frames: dict[str, pd.DataFrame]) -> bytes:
    """The workbook with the rows added below each sheet's last figures. openpyxl keeps
    only the validations it knows on loading, so every table's validations are written
    anew as `--maak-werkmap` writes them, over each table's whole range."""
    from openpyxl import load_workbook
    from openpyxl.comments import Comment

    book = load_workbook(io.BytesIO(files.read_bytes(path)))
    for row in rows:
        sheet = book[row.table.name]
        header = [cell.value for cell in sheet[1]]
        frame = frames.get(row.table.name)
        number = 2 if frame is None or frame.empty else int(frame[tables.ROW].max()) + 1
        columns = {name: index + 1 for index, name in enumerate(header) if name}
        for name, value in row.values.items():
            cell = sheet.cell(row=number, column=columns[name], value=value)
            if name == CARRIED and row.carried_from is not None:
                quarter = Quarter.parse(str(row.values["kwartaal"]))
                cell.comment = Comment(mark(row, quarter), "rapportbouwer")
        _grow(sheet, row.table, number)
        row.place = f"{workbook.sheet_place(path, row.table.name)}, rij {number}"
        empty = [name for name in _to_fill(row.table) if name not in row.values and name in columns]
        row.empty = [f"{_ranges([columns[name] for name in empty], number)} ({_fields(empty)})"]
    for table in tables.ALL:
        if table.name in book.sheetnames:
            _validations(book[table.name], table)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _ranges(columns: list[int], row: int) -> str:
    """Columns 3-17 and 19 of row 20 as 'cellen C20:Q20 en S20'."""
    runs: list[list[int]] = []
    for column in sorted(columns):
        if runs and column == runs[-1][-1] + 1:
            runs[-1].append(column)
        else:
            runs.append([column])
    parts = [
        f"{workbook.column_letter(run[0] - 1)}{row}"
        + (f":{workbook.column_letter(run[-1] - 1)}{row}" if len(run) > 1 else "")
        for run in runs
    ]
    word = "cel" if len(columns) == 1 else "cellen"
    return (
        f"{word} {' en '.join(parts)}"
        if len(parts) < 3
        else (f"{word} {', '.join(parts[:-1])} en {parts[-1]}")
    )


def _table_end(sheet, table: tables.Table) -> int | None:
    excel = sheet.tables.get(table.name)
    if excel is None:
        return None
    return int("".join(ch for ch in excel.ref.split(":")[-1] if ch.isdigit()))


def _grow(sheet, table: tables.Table, row: int) -> None:
    """A row beyond the Excel table's range: the range taken that far, the cells formatted
    and unlocked as `--maak-werkmap` makes the rows for input."""
    from openpyxl.styles import Protection

    end = _table_end(sheet, table)
    if end is None or row <= end:
        return
    excel = sheet.tables[table.name]
    start = excel.ref.split(":")[0]
    columns = _columns(sheet, table)
    last = workbook.column_letter(columns[-1][0])
    excel.ref = f"{start}:{last}{row}"
    if excel.autoFilter is not None:
        excel.autoFilter.ref = excel.ref
    for index, _, kind in columns:
        for number in range(end + 1, row + 1):
            cell = sheet.cell(row=number, column=index + 1)
            cell.number_format = workbook_writer.NUMBER_FORMATS[kind]
            cell.protection = Protection(locked=False)


def _columns(sheet, table: tables.Table) -> list[tuple[int, str, str]]:
    """The table's columns as the sheet's header row has them: place (0 is column A), name
    and kind. A workbook made before a column was added (ILLUSTRATIVE) lacks it."""
    header = [cell.value for cell in sheet[1]]
    return [
        (index, name, table.columns[name])
        for index, name in enumerate(header)
        if name in table.columns
    ]


def _validations(sheet, table: tables.Table) -> None:
    end = _table_end(sheet, table)
    if end is None:
        return
    sheet.data_validations.dataValidation = []
    for index, column, kind in _columns(sheet, table):
        letter = workbook.column_letter(index)
        workbook_writer._validate(sheet, kind, column, f"{letter}2:{letter}{end}", f"{letter}2")


def _header_index(lines: list[str]) -> int:
    """As `tables._read_csv` finds it: after Excel's 'sep=' line, comments and blank lines."""
    skip = 1 if lines and lines[0].startswith("sep=") else 0
    while skip < len(lines) and (lines[skip].startswith("#") or not lines[skip].strip()):
        skip += 1
    return skip


def _separator(lines: list[str], header_at: int) -> str:
    if lines and lines[0].startswith("sep=") and len(lines[0].rstrip("\r\n")) > 4:
        return lines[0][4]
    return max(";,\t", key=lines[header_at].count)


def _say(
    config_path: Path,
    region: str,
    quarter: Quarter,
    rows: list[NewRow],
    skipped: list[str],
    section: quarter_section.Section,
    frames: dict[str, pd.DataFrame],
) -> None:
    print(f"Het kwartaal {quarter} is aangemaakt voor {region}. Nog in te vullen:")
    for row in rows:
        for run in row.empty:
            print(f"  {row.place}:")
            _print(run, "    ")
        if row.note:
            _print(f"Let op: {row.note}.", "    ")
    for line in skipped:
        _print(line, "  ")
    fields = " en ".join(quarter_section.REQUIRED)
    print(f"  {config_path}, regels {section.first_line}-{section.last_line}:")
    _print(
        f"sectie '{quarter}:' onder 'kwartalen:'; vul {fields} in (werkkamer_vergadering, "
        "voorstellen, duiding en bronnen zijn optioneel).",
        "    ",
    )
    gap = _gap(frames.get("kwartaalcijfers"), region, quarter)
    if gap:
        _print(f"Let op: in kwartaalcijfers ontbreken voor {region} nog {gap}.", "")
    command = ".venv/bin/python build.py"
    if config_path.name != "config.yaml" or config_path.parent.resolve() != Path.cwd():
        command += f" --config {config_path}"
    print("Vul de cellen in en controleer daarna de invoer met:")
    print(f"  {command} --check --periode {quarter}")
    _print(
        "Eerdere kwartalen bouwen intussen zoals eerder; de nog lege regels tellen daarvoor niet "
        "mee.",
        "",
    )


def _print(text: str, indent: str) -> None:
    print(textwrap.fill(text, width=96, initial_indent=indent, subsequent_indent=indent + "  "))


def _gap(frame: pd.DataFrame | None, region: str, quarter: Quarter) -> str:
    """The quarters between the region's latest in `kwartaalcijfers` and `quarter`."""
    if frame is None:
        return ""
    earlier = [q for q in frame.loc[frame["regio"] == region, "kwartaal"] if q < quarter]
    if not earlier:
        return ""
    missing = []
    between = max(earlier).shift(1)
    while between < quarter:
        missing.append(str(between))
        between = between.shift(1)
    return ", ".join(missing)
