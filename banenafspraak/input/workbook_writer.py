"""Making the one workbook (`python build.py --maak-werkmap`) from a folder of single files.

Each table becomes a sheet named like it, with the same columns in the same order and the
same values: counts and years as whole numbers, percentages as the number the CSV holds (46
for 46%, in a cell without percent format, so that reading it back gives 46 again), dates as
dates, quarters as text ('2018-Q4'). Every sheet is an Excel table whose range takes in
SPARE_ROWS empty rows below the figures: a table on a protected sheet cannot grow, so the
rows for new input are in it from the start. The header row is frozen and locked, every cell
below it unlocked (the sheet is protected without a password), and each column has a Dutch
input prompt and a data validation. The CSVs' comment lines go to the sheet 'toelichting'.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pandas as pd

from banenafspraak.input import tables
from banenafspraak.input.workbook import column_letter

SPARE_ROWS = 200  # empty rows in each table for new input (35 regions, several quarters)
NOTES = "toelichting"
REGION_NAMES = "regionamen"  # the defined name of the regios sheet's names
REGION_COLUMNS = ("regio",)  # columns whose cells are a region from the list

NUMBER_FORMATS = {
    "count": "#,##0",
    "signed": "#,##0",
    "year": "0",
    "pct": "General",
    "ratio": "General",
    "date": "yyyy-mm-dd",
    "quarter": "@",
    "text": "@",
    "illustrative": "@",
}
# kind -> (validation type, operator, formula1, formula2, prompt, error)
_QUARTER = (
    'AND(LEN({c})=7,MID({c},5,2)="-Q",ISNUMBER(VALUE(LEFT({c},4))),'
    'OR(RIGHT({c},1)="1",RIGHT({c},1)="2",RIGHT({c},1)="3",RIGHT({c},1)="4"))'
)
RULES = {
    "count": (
        "whole",
        "greaterThanOrEqual",
        "0",
        None,
        "Aantal {label} (geheel getal, 0 of meer), bijvoorbeeld 1777.",
        "Vul een geheel getal van 0 of meer in.",
    ),
    "signed": (
        "whole",
        "between",
        "-100000000",
        "100000000",
        "Aantal {label} (geheel getal, mag negatief zijn), bijvoorbeeld -9.",
        "Vul een geheel getal in.",
    ),
    "year": (
        "whole",
        "between",
        "2000",
        "2100",
        "Jaartal, bijvoorbeeld 2019.",
        "Vul een jaartal van 2000 tot en met 2100 in.",
    ),
    "pct": (
        "decimal",
        "between",
        "0",
        "100",
        "Percentage als getal van 0 tot en met 100: 46 voor 46%, of 46,5.",
        "Vul een percentage van 0 tot en met 100 in, bijvoorbeeld 46 of 46,5.",
    ),
    "ratio": (
        "decimal",
        "between",
        "-10000",
        "10000",
        "Percentage als getal, ook boven 100: 123 voor 123%.",
        "Vul een percentage in als getal, bijvoorbeeld 123.",
    ),
    "date": (
        "date",
        "between",
        "36526",  # 2000-01-01
        "73415",  # 2100-12-31
        "Datum, bijvoorbeeld 31-03-2019.",
        "Vul een datum in, bijvoorbeeld 31-03-2019.",
    ),
    "quarter": (
        "custom",
        None,
        _QUARTER,
        None,
        "Kwartaal als jaar-Q en nummer, bijvoorbeeld 2019-Q1.",
        "Schrijf het kwartaal als 2019-Q1.",
    ),
    "illustrative": (
        None,
        None,
        None,
        None,
        f"Welke cijfers van deze regel illustratief zijn (niet door UWV gepubliceerd): leeg als "
        f"alles is gepubliceerd, '{tables.ALL_FIGURES}', of de namen van de kolommen, gescheiden "
        "door komma's.",
        "",
    ),
}
# Words of a column name said in full in a prompt: 'personen_pwet' is 'personen Participatiewet'.
WORDS = {
    "pwet": "Participatiewet",
    "wajong": "Wajong",
    "wsw": "WSW",
    "uwv": "UWV",
    "markt": "marktsector",
    "uitzend": "uitzend/detachering",
}


def label(column: str) -> str:
    """A column's name as words for a prompt: 'banen_markt' -> 'banen marktsector'."""
    return " ".join(WORDS.get(word, word) for word in column.split("_"))


# Columns whose meaning is not clear from their name alone (findings of a new user).
PROMPTS = {
    ("kandidatenverkenner", "kwartaal"): (
        "Het kwartaal aan het einde waarvan de stand is gemeten: de stand van 31-03-2019 staat "
        "op 2019-Q1, ook als de rapportage over 2018-Q4 gaat."
    ),
    ("beschut_werk", "adviezen_op_verzoek"): (
        "Adviezen die de burger zelf aanvroeg, niet de gemeente (geheel getal, 0 of meer)."
    ),
}

REGION_RULE = (
    "list",
    None,
    REGION_NAMES,
    None,
    "Naam van de arbeidsmarktregio; kies uit de lijst (blad 'regios').",
    "Kies een regio uit de lijst; de namen staan op het blad 'regios'.",
)


def comments(folder: Path) -> dict[str, str]:
    """Each CSV's comment lines ('# ...' above the header), one text per table."""
    found = {}
    for table in tables.ALL:
        path = folder / f"{table.name}.csv"
        if not path.is_file():
            continue
        lines = []
        for line in path.read_text(encoding="utf-8-sig", errors="replace").splitlines():
            if line.startswith("#"):
                lines.append(line[1:].strip())
            elif line.strip() and not line.startswith("sep="):
                break
        if lines:
            found[table.name] = "\n".join(lines)
    return found


def make(frames: dict[str, pd.DataFrame], notes: dict[str, str]) -> bytes:
    """The workbook's bytes: the sheet 'toelichting', then one sheet per table."""
    from openpyxl import Workbook  # only --maak-werkmap needs it
    from openpyxl.workbook.defined_name import DefinedName

    book = Workbook()
    _notes(book.active, notes)
    for table in tables.ALL:
        _sheet(book.create_sheet(table.name), table, frames.get(table.name))
    names = list(tables.REGIONS.columns).index("naam")
    letter = column_letter(names)
    book.defined_names[REGION_NAMES] = DefinedName(
        REGION_NAMES, attr_text=f"regios!${letter}$2:${letter}${_end(frames.get('regios'))}"
    )
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _end(frame: pd.DataFrame | None) -> int:
    """The last row of a table's range: header, figures and the empty rows for input."""
    return 1 + (0 if frame is None else len(frame)) + SPARE_ROWS


def _notes(sheet, notes: dict[str, str]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.title = NOTES
    sheet.append(["blad", "toelichting"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for table in tables.ALL:
        if table.name in notes:
            sheet.append([table.name, notes[table.name]])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 100
    sheet.freeze_panes = "A2"


def _sheet(sheet, table: tables.Table, frame: pd.DataFrame | None) -> None:
    from openpyxl.styles import Protection
    from openpyxl.worksheet.table import Table, TableStyleInfo

    columns = list(table.columns)
    sheet.append(columns)
    records = [] if frame is None else frame[columns].to_dict("records")
    end = _end(frame)
    unlocked = Protection(locked=False)
    widths = [len(column) for column in columns]
    for row, record in enumerate(records, start=2):
        for index, column in enumerate(columns):
            kind = table.columns[column]
            value = (
                tables.illustrative_text(table, record[column]) or None
                if kind == "illustrative"
                else _value(kind, record[column])
            )
            sheet.cell(row=row, column=index + 1, value=value)
            widths[index] = max(widths[index], len(str(value if value is not None else "")))
    for index, column in enumerate(columns):
        kind = table.columns[column]
        for row in range(2, end + 1):
            cell = sheet.cell(row=row, column=index + 1)
            cell.number_format = NUMBER_FORMATS[kind]
            cell.protection = unlocked
        letter = column_letter(index)
        sheet.column_dimensions[letter].width = max(widths[index], 8) + 3
        _validate(sheet, kind, column, f"{letter}2:{letter}{end}", f"{letter}2")
    last = column_letter(len(columns) - 1)
    excel_table = Table(displayName=table.name, ref=f"A1:{last}{end}")
    excel_table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(excel_table)
    sheet.freeze_panes = "A2"
    protection = sheet.protection
    protection.sheet = True  # no password: the header is protected against slips only
    protection.autoFilter = False  # filtering, sorting and column widths stay allowed
    protection.sort = False
    protection.formatColumns = False


def _validate(sheet, kind: str, column: str, cells: str, first: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    rule = REGION_RULE if column in REGION_COLUMNS else RULES.get(kind)
    if rule is None:  # free text
        rule = (None, None, None, None, "Tekst.", "")
    kind_of, operator, formula1, formula2, prompt, error = rule
    prompt = PROMPTS.get((sheet.title, column), prompt)
    validation = DataValidation(
        type=kind_of,
        operator=operator,
        formula1=formula1.format(c=first) if formula1 else None,
        formula2=formula2,
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=kind_of is not None,
        promptTitle=column[:32],  # Excel's limits: 32 characters, 255 for the prompt
        prompt=prompt.format(label=label(column))[:255],
        errorTitle="Ongeldige invoer" if kind_of else None,
        error=error or None,
    )
    validation.add(cells)
    sheet.add_data_validation(validation)


def _value(kind: str, value: object) -> object:
    """A typed cell as the workbook holds it."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if kind in ("count", "signed", "year"):
        return int(value)
    if kind in ("pct", "ratio"):
        number = Decimal(value) if not isinstance(value, Decimal) else value
        return int(number) if number == number.to_integral_value() else float(number)
    if kind == "quarter":
        return str(value)
    if kind == "date":
        return value
    return str(value)
