"""Reading one spreadsheet cell the way a Dutch adviser types it.

Counts may carry dots between thousands ("1.777"); decimals use a comma ("110,92").
Every parser returns a value or raises ValueError with a Dutch message.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from banenafspraak.quarters import Quarter

_PLAIN_INT = re.compile(r"^[+-]?\d+$")
_DOTTED_INT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_COMMA_DECIMAL = re.compile(r"^[+-]?\d+,\d+$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


# The largest count any real file holds is a few hundred thousand (the national register);
# a bigger one is a typo, and would overflow the tables' integer columns.
MAX_COUNT = 100_000_000
MAX_RATIO = 10_000  # percent
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]")  # incl. the non-breaking ones Excel copies
_NUMBER_LIKE = re.compile(r"^[+-]?[\d.,]*\d[\d.,]*$")
_EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!")
EMPTY_CELL = "de cel is leeg"  # the message for a required cell left empty
_EXCEL_EPOCH = date(1899, 12, 30)  # serial day 0 of Excel's dates (1900 system)


@dataclass(frozen=True)
class Uncalculated:
    """An Excel cell with a formula whose result was never saved (made by another program)."""

    formula: str


@dataclass(frozen=True)
class Percent:
    """A number in an Excel cell formatted as a percentage: `fraction` 0.43 is shown as 43%.
    Only a percentage column reads it as 43; in any other column it is a mistake."""

    fraction: Decimal
    number_format: str = "0%"

    @property
    def percent(self) -> Decimal:
        return self.fraction * 100

    def __str__(self) -> str:
        """As Excel shows it, with a decimal comma: 1777%, 43,5%."""
        decimals = re.search(r"\.(0+)", self.number_format.split(";")[0].split("%")[0])
        places = Decimal(1).scaleb(-len(decimals[1])) if decimals else Decimal(1)
        try:
            shown = self.percent.quantize(places, rounding=ROUND_HALF_UP)
        except InvalidOperation:  # too many digits to round, or not finite
            shown = self.percent
        return f"{shown:f}".replace(".", ",") + "%"


# What a column of each kind holds, for the message about a percent-formatted cell there.
_NOT_A_PERCENTAGE = {
    "count": "een aantal",
    "signed": "een aantal",
    "year": "een jaartal",
    "quarter": "een kwartaal",
    "date": "een datum",
    "text": "een tekst",
}


def is_empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def parse(kind: str, value: object) -> object:
    """One cell read as `kind` (see PARSERS); ValueError with a Dutch message."""
    if isinstance(value, Uncalculated):
        raise ValueError(
            f"de cel bevat de formule {value.formula} zonder opgeslagen uitkomst; open het "
            "bestand in Excel en sla het daar op, dan wordt de uitkomst bewaard"
        )
    if isinstance(value, str) and value.strip() in _EXCEL_ERRORS:
        raise ValueError(f"de formule in deze cel geeft in Excel de fout {value.strip()}")
    if isinstance(value, Percent):
        if kind not in ("pct", "ratio"):
            raise ValueError(
                f"de cel is in Excel als percentage opgemaakt en toont {value}; "
                f"{_NOT_A_PERCENTAGE.get(kind, 'deze kolom')} is geen percentage: geef de cel "
                "in Excel de getalnotatie Getal of Standaard"
            )
        value = value.percent  # Excel shows 0.43 as 43%
    return PARSERS[kind](value)


def _integer(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is geen getal")
    if isinstance(value, datetime | date):
        raise ValueError(
            f"de cel is in Excel als datum opgemaakt ({value:%d-%m-%Y}); maak er een getal van"
        )
    if isinstance(value, int):
        return _within_limit(value)
    if isinstance(value, float | Decimal):
        if math.isfinite(value) and value == int(value):
            return _within_limit(int(value))
        raise ValueError(f"'{value}' is geen geheel getal")
    text = _SPACES.sub("", str(value))
    if _PLAIN_INT.match(text):
        return _within_limit(int(text))
    if _DOTTED_INT.match(text):
        return _within_limit(int(text.replace(".", "")))
    if _NUMBER_LIKE.match(text):
        raise ValueError(
            f"'{text}' is geen geheel getal; schrijf een aantal als 1777 of 1.777 "
            "(punt tussen de duizendtallen, geen komma en geen decimalen)"
        )
    raise ValueError(f"'{text}' is geen getal")


def _within_limit(number: int) -> int:
    if abs(number) > MAX_COUNT:
        raise ValueError(
            f"{number} is te groot voor een aantal (hoogstens "
            f"{MAX_COUNT:,}); is er een cijfer te veel getypt?".replace(",", ".")
        )
    return number


def count(value: object) -> int:
    """A count of jobs or persons: a whole number, zero or more."""
    number = _integer(value)
    if number < 0:
        raise ValueError(f"{number} is negatief; een aantal kan niet kleiner zijn dan 0")
    return number


def signed(value: object) -> int:
    """A whole number that may be negative (a correction)."""
    return _integer(value)


def percentage(value: object) -> Decimal:
    """A share from 0 to 100 percent: '46', '46%', '46,5'."""
    number = ratio(value)
    if not 0 <= number <= 100:
        raise ValueError(f"{value} ligt niet tussen 0 en 100 procent")
    return number


def ratio(value: object) -> Decimal:
    """A percentage that may pass 100 or be negative (target reached, growth): '123'."""
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is geen percentage")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        text = _SPACES.sub("", str(value)).removesuffix("%")
        if re.match(r"^[+-]?\d+\.\d+$", text):
            raise ValueError(
                f"'{text}' is dubbelzinnig: schrijf een decimaal percentage met een komma (46,5)"
            )
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValueError(f"'{text}' is geen percentage") from None
    if not number.is_finite():
        raise ValueError(f"'{value}' is geen percentage")
    if abs(number) > MAX_RATIO:
        raise ValueError(f"{value} is te groot voor een percentage")
    return number


def looks_like_fraction(number: Decimal) -> bool:
    """A percentage such as 0,43 that is probably a fraction (43%) typed or formatted wrongly:
    it would show as 0% or 1%."""
    return 0 < abs(number) < Decimal("1.5") and number != number.to_integral_value()


def year(value: object) -> int:
    number = _integer(value)
    if not 2000 <= number <= 2100:
        raise ValueError(f"{number} is geen geldig jaartal")
    return number


def quarter(value: object) -> Quarter:
    return Quarter.parse(str(value).strip())


def day(value: object) -> date:
    """A date as 2019-04-25 or 25-04-2019 (or a date cell in a spreadsheet)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _excel_serial(value)
    text = str(value).strip()
    try:
        if match := _ISO_DATE.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DUTCH_DATE.match(text):
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        raise ValueError(f"'{text}' is geen bestaande datum") from None
    raise ValueError(f"'{text}' is geen datum; schrijf die als 2019-04-25")


def _excel_serial(value: float) -> date:
    """A date Excel stored as a plain number (the cell lost its date format): 43555."""
    if not (36526 <= value <= 73415 and float(value).is_integer()):  # 2000 to 2100
        raise ValueError(f"'{value}' is geen datum; schrijf die als 2019-04-25")
    return _EXCEL_EPOCH + timedelta(days=int(value))


def text(value: object) -> str:
    return str(value).strip()


PARSERS = {
    "count": count,
    "signed": signed,
    "pct": percentage,
    "ratio": ratio,
    "year": year,
    "quarter": quarter,
    "date": day,
    "text": text,
}
