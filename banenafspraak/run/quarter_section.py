"""A new quarter's section in `config.yaml`, added as text for `--nieuw-kwartaal`.

The file is not read and dumped again: that would lose the adviser's comments and layout.
The section is inserted after the last line of the last quarter under `kwartalen:` (before
any top-level key or comment that follows), and every other line stays byte-identical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from banenafspraak.quarters import Quarter

_TOP_KEY = re.compile(r"^kwartalen\s*:\s*(#.*)?$")
_QUARTER_KEY = re.compile(r"""^(\s+)['"]?\d{4}\s*-?\s*[Qq]\s*[1-4]['"]?\s*:""")


class NoQuarters(Exception):
    """config.yaml has no top-level `kwartalen:` to add a section under."""


@dataclass(frozen=True)
class Section:
    """The new text and where the section landed (1-based, inclusive)."""

    text: str
    first_line: int
    last_line: int


def add(content: str, quarter: Quarter) -> Section:
    """`content` with a section for `quarter` added under `kwartalen:`."""
    newline = "\r\n" if "\r\n" in content else "\n"
    lines = content.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if _TOP_KEY.match(line.rstrip("\r\n"))), None)
    if start is None:
        raise NoQuarters
    end = start + 1  # the line after the block's last indented line
    indented: list[str] = []
    for index in range(start + 1, len(lines)):
        line = lines[index].rstrip("\r\n")
        if not line.strip() or (not line[0].isspace() and line.startswith("#")):
            continue  # a blank line, or a comment at the margin: the block may go on
        if not line[0].isspace():
            break  # the next top-level key
        end = index + 1
        if not line.lstrip().startswith("#"):
            indented.append(line)
    key_indent, child_indent = _indents(indented)
    if end == len(lines) and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline  # the section goes below the file's last line
    new = [line + newline for line in _section(quarter, key_indent, child_indent)]
    result = lines[:end] + new + lines[end:]
    return Section("".join(result), end + 1, end + len(new))


def _indents(lines: list[str]) -> tuple[str, str]:
    """The indent of the quarter keys and of their fields, as the file has them."""
    keys = [match.group(1) for line in lines if (match := _QUARTER_KEY.match(line))]
    if not keys:
        return "  ", "    "
    key = keys[0]
    deeper = (_indent(line) for line in lines if len(_indent(line)) > len(key))
    return key, next(deeper, key + "  ")


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _section(quarter: Quarter, key: str, child: str) -> list[str]:
    ended = quarter.end_date.strftime("%d-%m-%Y")
    return [
        f"{key}{quarter}:",
        f"{child}# Verplicht: de datum van de rapportage (na {ended}) en de datum waarop UWV",
        f"{child}# de cijfers publiceerde (niet na de publicatiedatum), als JJJJ-MM-DD.",
        f"{child}publicatiedatum:",
        f"{child}bron_publicatiedatum:",
        f"{child}# Optioneel (haal het #-teken weg om een veld te gebruiken):",
        f"{child}# werkkamer_vergadering: JJJJ-MM-DD  # niet vóór de bron_publicatiedatum",
        f"{child}# voorstellen:  # eigen voorstellen aan de Werkkamer, als '... te ...'",
        f"{child}#   - de gemeenten te vragen ...",
        f"{child}# duiding:  # eigen toelichting per onderdeel; de onderdelen staan in de README",
        f"{child}#   banen_kwartaal: |",
        f"{child}#     ...",
        f"{child}# bronnen:  # alleen als u andere bronnen wilt noemen dan die van de periode",
        f"{child}#   - ...",
    ]


# The fields the adviser must fill in, as the summary names them.
REQUIRED = ("publicatiedatum", "bron_publicatiedatum")
