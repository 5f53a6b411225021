"""Dutch formatting of numbers, dates and words that follow a number (Babel does the locale)."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "nl_NL"


def number(value: int) -> str:
    """1777 -> '1.777'."""
    return format_decimal(int(value), locale=LOCALE, group_separator=True)


def signed(value: int) -> str:
    """A change: '+447', '-522', '0'."""
    value = int(value)
    return f"+{number(value)}" if value > 0 else number(value)


def pct(value: int) -> str:
    return f"{int(value)}%"


def signed_pct(value: int) -> str:
    return f"{signed(value)}%"


def long_date(value: date) -> str:
    """'30 april 2019'."""
    return format_date(value, "d MMMM y", locale=LOCALE)


def month_year(value: date) -> str:
    """'april 2019'."""
    return format_date(value, "MMMM y", locale=LOCALE)


def counted(value: int, one: str, many: str) -> str:
    """'1 baan', '2 banen', '1.777 personen'."""
    return f"{number(value)} {one if abs(int(value)) == 1 else many}"


def word(value: int, one: str, many: str) -> str:
    """The word that agrees with a count: 'is' / 'zijn', 'vond' / 'vonden'."""
    return one if abs(int(value)) == 1 else many


def direction(value: int, up: str, down: str, same: str = "gelijk gebleven") -> str:
    """The word for a change: toegenomen / afgenomen / gelijk gebleven."""
    return up if value > 0 else down if value < 0 else same


def than(value: int, other: int, higher: str = "hoger", lower: str = "lager") -> str:
    """'hoger dan' / 'lager dan' / 'gelijk aan' for value against other."""
    if value > other:
        return f"{higher} dan"
    if value < other:
        return f"{lower} dan"
    return "gelijk aan"


def side(value: int, other: int) -> str:
    """Where value stands against other: 'boven' / 'onder' / 'precies op'."""
    return "boven" if value > other else "onder" if value < other else "precies op"


def figure(value: object, kind: str) -> str:
    """A figure of a data file as a sentence writes it, by its cell kind: '1.777', '46,5%',
    '31 maart 2019', ‘tekst’ (a record's value: int, Decimal or ISO date text)."""
    if kind in ("count", "signed", "year"):
        return number(int(value))
    if kind in ("pct", "ratio"):
        return f"{format_decimal(value, locale=LOCALE)}%"
    if kind == "date":
        try:
            return long_date(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return f"‘{value}’"


WORDS = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien")


def in_words(value: int) -> str:
    """Small counts in words, as running text writes them ('vijf keer', 'zes jaar')."""
    return WORDS[value] if 0 <= value < len(WORDS) else number(value)


def share_word(pct: int) -> str:
    """Words for a share that follow the share itself: 'vrijwel iedereen' only at 90% or more,
    'het grootste deel' from 75%, and so on down."""
    if pct >= 100:
        return "iedereen"
    if pct >= 90:
        return "vrijwel iedereen"
    if pct >= 75:
        return "het grootste deel"
    if pct > 50:
        return "meer dan de helft"
    if pct == 50:
        return "de helft"
    if pct > 0:
        return "minder dan de helft"
    return "niemand"


def and_list(items: list[str]) -> str:
    """'a, b en c': a list in running text."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


FILTERS = {
    "and_list": and_list,
    "in_words": in_words,
    "share_word": share_word,
    "figure": figure,
    "side": side,
    "number": number,
    "signed": signed,
    "pct": pct,
    "signed_pct": signed_pct,
    "long_date": long_date,
    "month_year": month_year,
    "counted": counted,
    "word": word,
    "direction": direction,
    "than": than,
}
