"""Quarters: parsing, arithmetic and the ways the documents write them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(r"^\s*(\d{4})\s*[-\s]?\s*[Qq]\s*([1-4])\s*$")
_ORDINALS = {1: "eerste", 2: "tweede", 3: "derde", 4: "vierde"}


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Read '2018-Q4' (also '2018 Q4', '2018Q4'); ValueError otherwise."""
        match = _PATTERN.match(str(text))
        if not match:
            raise ValueError(f"'{text}' is geen kwartaal; schrijf het als 2018-Q4")
        return cls(int(match.group(1)), int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    def shift(self, quarters: int) -> Quarter:
        index = self.year * 4 + (self.number - 1) + quarters
        return Quarter(index // 4, index % 4 + 1)

    @property
    def previous(self) -> Quarter:
        return self.shift(-1)

    @property
    def end_date(self) -> date:
        month = self.number * 3
        day = 31 if month in (3, 12) else 30
        return date(self.year, month, day)

    @property
    def label(self) -> str:
        """As in tables and charts: '2018 Q4'."""
        return f"{self.year} Q{self.number}"

    @property
    def ordinal(self) -> str:
        """The quarter's place in its year, as a word: 'vierde'."""
        return _ORDINALS[self.number]

    @property
    def name(self) -> str:
        """Without the year: 'vierde kwartaal'."""
        return f"{self.ordinal} kwartaal"

    @property
    def text(self) -> str:
        """As in titles and source names: 'vierde kwartaal 2018'."""
        return f"{self.name} {self.year}"

    @property
    def in_sentence(self) -> str:
        """As in running text, after 'het': 'vierde kwartaal van 2018'."""
        return f"{self.name} van {self.year}"


def year_end(year: int) -> Quarter:
    return Quarter(year, 4)


def span(last: Quarter, count: int) -> list[Quarter]:
    """The `count` consecutive quarters ending with `last`, oldest first."""
    return [last.shift(offset) for offset in range(1 - count, 1)]
