"""Reading config.yaml's YAML strictly, with Dutch problems: keys given twice are noted (not
the last one silently winning), an impossible date such as 2019-02-30 stays text for the schema
to name, nesting too deep for Python's stack is refused, and control characters are found."""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable

import yaml

from banenafspraak.problems import Problem

# A config is at most four levels deep (kwartalen > 2018-Q4 > voorstellen > a proposal);
# PyYAML composes nested lists and mappings recursively, so a file nested hundreds of levels
# deep would exhaust Python's stack. Deeper than this is refused with a message instead.
MAX_DEPTH = 100


class TooDeep(yaml.YAMLError):
    """YAML nested deeper than MAX_DEPTH; `mark` is where the level too many begins."""

    def __init__(self, mark: yaml.Mark | None):
        super().__init__(f"nested deeper than {MAX_DEPTH} levels")
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """SafeLoader that notes keys given twice (instead of letting the last one win), keeps
    an impossible date such as 2019-02-30 as text, for the schema to reject by name, and
    refuses nesting deeper than MAX_DEPTH."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.duplicates: list[tuple[str, int, int]] = []  # key, first line, second line
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            if isinstance(key, Hashable) and key in seen:
                self.duplicates.append((str(key), seen[key], line))
            elif isinstance(key, Hashable):
                seen[key] = line
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> object:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def parse(content: str) -> tuple[object, list[tuple[str, int, int]]]:
    """The YAML's value and the keys it gives twice."""
    loader = _Loader(content)
    try:
        return loader.get_single_data(), loader.duplicates
    except RecursionError:  # not expected below MAX_DEPTH, but never an internal error
        raise TooDeep(None) from None
    finally:
        loader.dispose()


def yaml_problem(name: str, error: yaml.YAMLError) -> Problem:
    if isinstance(error, TooDeep):
        where = f", vanaf kolom {error.mark.column + 1}" if error.mark else ""
        return Problem(
            name,
            f"dit is geen geldige YAML: de gegevens zijn te diep genest (meer dan {MAX_DEPTH} "
            f"niveaus{where})",
            row=error.mark.line + 1 if error.mark else None,
            hint="een configuratie gaat hoogstens vier niveaus diep, zoals kwartalen, een "
            "kwartaal, voorstellen en een voorstel; staan er te veel haken [ of { ?",
        )
    mark = getattr(error, "problem_mark", None)
    reason = getattr(error, "problem", None) or "onleesbare YAML"
    if mark is None:
        return Problem(name, f"dit is geen geldige YAML ({reason})")
    return Problem(
        name,
        f"dit is geen geldige YAML bij kolom {mark.column + 1} ({reason})",
        row=mark.line + 1,
        hint="let op inspringen, dubbele punten en aanhalingstekens",
    )


# Newline, tab and carriage return belong in text; every other control character (C0, DEL,
# C1) is invisible, reaches the HTML and the PDF's text as it is, and on a terminal can
# change what the user sees. YAML writes them as escapes such as "\x1b", "\e" or "\u0007".
_ALLOWED_CONTROLS = frozenset("\n\t\r")


def _controls(text: str) -> list[str]:
    """The control characters in a text that do not belong there, each once, in order."""
    found = [
        char
        for char in text
        if unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS
    ]
    return list(dict.fromkeys(found))


def _control_message(chars: list[str]) -> str:
    points = [f"U+{ord(char):04X}" for char in chars]
    if len(points) == 1:
        return (
            f"het onzichtbare stuurteken {points[0]}, dat niet in een rapport hoort; haal het weg"
        )
    listed = ", ".join(points[:-1]) + " en " + points[-1]
    return f"de onzichtbare stuurtekens {listed}, die niet in een rapport horen; haal ze weg"


_HINT = "tussen dubbele aanhalingstekens schrijft YAML zo'n teken als \\x1b, \\e of \\u0007"


def control_characters(name: str, raw: object, options: set[str]) -> list[Problem]:
    """Every text in the config (at any depth, keys too) holding a control character other
    than newline, tab and carriage return; the field is named as _pydantic_problems names it.
    `options` are the fields given on the command line, where YAML's escapes do not apply."""
    problems: list[Problem] = []

    def walk(value: object, path: list[str], open_: set[int]) -> None:
        field = ".".join(path) or None
        if isinstance(value, str):
            if chars := _controls(value):
                message = "de tekst bevat " + _control_message(chars)
                hint = None if field in options else _HINT
                problems.append(Problem(name, message, field=field, hint=hint))
            return
        if id(value) in open_:  # an alias that contains itself (&a [*a])
            return
        if isinstance(value, dict):
            items = [(str(key), item) for key, item in value.items()]
        elif isinstance(value, list):
            items = [(str(index), item) for index, item in enumerate(value)]
        else:
            return
        for key, item in items:
            if chars := _controls(key):
                problems.append(
                    Problem(
                        name,
                        f"een veldnaam {'hierin ' if field else ''}bevat {_control_message(chars)}",
                        field=field,
                        hint=_HINT,
                    )
                )
                continue
            walk(item, [*path, key], open_ | {id(value)})

    walk(raw, [], set())
    return problems


def unflagged(problems: list[Problem], flagged: list[Problem]) -> list[Problem]:
    """The schema's problems with the fields that have no control characters: a message about
    a flagged field could repeat its text, control characters and all."""
    fields = {problem.field for problem in flagged}

    def flagged_field(field: str | None) -> bool:
        return any(field == other or (field or "").startswith(f"{other}.") for other in fields)

    return [p for p in problems if not flagged_field(p.field) and not _controls(p.field or "")]
