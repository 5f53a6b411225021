"""Problems found in the input, collected so that all of them are reported at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, in Dutch, pointing at where it is."""

    file: str
    message: str
    row: int | None = None  # line in a CSV, row in a sheet
    field: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        place = self.file
        if self.row is not None:
            place += f", regel {self.row}"
        if self.field:
            place += f", veld '{self.field}'"
        text = f"{place}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(Exception):
    """Raised when the input cannot be built from; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Collector:
    """Gathers problems and warnings while the input is read and checked."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def add(self, file: str, message: str, **where: object) -> None:
        self.problems.append(Problem(file, message, **where))  # type: ignore[arg-type]

    def warn(self, file: str, message: str, **where: object) -> None:
        self.warnings.append(Problem(file, message, **where))  # type: ignore[arg-type]

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)


def did_you_mean(word: str, options: list[str]) -> str | None:
    """A 'bedoelde u ...?' hint for a misspelt name, or None."""
    match = get_close_matches(word, options, n=1, cutoff=0.6)
    return f"bedoelde u '{match[0]}'?" if match else None
