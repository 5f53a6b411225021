"""Reading one spreadsheet cell the way a Dutch adviser types it.

Counts may carry dots between thousands ("1.777"); decimals use a comma ("110,92").
Every parser returns a value or raises ValueError with a Dutch message.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from .quarters import Quarter

_PLAIN_INT = re.compile(r"^[+-]?\d+$")
_DOTTED_INT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_COMMA_DECIMAL = re.compile(r"^[+-]?\d+,\d+$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


def is_empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def _integer(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is geen getal")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(f"'{value}' is geen geheel getal")
    text = str(value).strip().replace(" ", "")
    if _PLAIN_INT.match(text):
        return int(text)
    if _DOTTED_INT.match(text):
        return int(text.replace(".", ""))
    if _COMMA_DECIMAL.match(text) or re.match(r"^[+-]?\d+\.\d+$", text):
        raise ValueError(
            f"'{text}' is geen geheel getal; schrijf een aantal als 1777 of 1.777 "
            "(punt tussen de duizendtallen, geen komma)"
        )
    raise ValueError(f"'{text}' is geen getal")


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
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        text = str(value).strip().replace(" ", "").removesuffix("%")
        if re.match(r"^[+-]?\d+\.\d+$", text):
            raise ValueError(
                f"'{text}' is dubbelzinnig: schrijf een decimaal percentage met een komma (46,5)"
            )
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValueError(f"'{text}' is geen percentage") from None
        if not number.is_finite():
            raise ValueError(f"'{text}' is geen percentage")
    return number


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
    text = str(value).strip()
    try:
        if match := _ISO_DATE.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DUTCH_DATE.match(text):
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        raise ValueError(f"'{text}' is geen bestaande datum") from None
    raise ValueError(f"'{text}' is geen datum; schrijf die als 2019-04-25")


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
