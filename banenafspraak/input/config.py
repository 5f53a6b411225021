"""The period config (config.yaml): its schema, and loading it with Dutch messages."""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from banenafspraak.input import cells, files
from banenafspraak.problems import Collector, InputError, Problem, did_you_mean
from banenafspraak.quarters import Quarter

# The places in the kwartaalrapportage where the adviser may add commentary (duiding).
SECTIONS = (
    "inleiding",
    "banen_doelstelling",
    "banen_kwartaal",
    "banen_soort",
    "doelgroep_omvang",
    "doelgroep_participatiewet",
    "doelgroep_werkzaam",
    "praktijkroute",
    "werkvinders",
    "arbeidsvermogen",
    "kandidatenverkenner",
    "beschut_werk",
    "afsluiting",
)
Section = Literal[SECTIONS]  # type: ignore[valid-type]
# Under `duiding`, besides the sections: the quarter the commentary was written for.
PERIOD_KEY = "periode"
COMMENTARY_KEYS = (PERIOD_KEY, *SECTIONS)
CommentaryKey = Literal[COMMENTARY_KEYS]  # type: ignore[valid-type]

DOCUMENTS = ("kwartaalrapportage", "factsheet", "agendavoorstel")


def _lines(value: list[str]) -> list[str]:
    if any(not line.strip() for line in value):
        raise ValueError("een regel in deze lijst mag niet leeg zijn")
    return [line.strip() for line in value]


class Proposals(BaseModel):
    """The adviser's own proposals to the Werkkamer, written for one quarter like the
    commentary, so that last quarter's proposals never go out with this quarter's figures."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    periode: str = Field(description="het kwartaal waarvoor de voorstellen zijn geschreven")
    lijst: list[str] = Field(description="de voorstellen, elk als '... te ...'")

    @field_validator("periode")
    @classmethod
    def _valid_quarter(cls, value: str) -> str:
        return str(Quarter.parse(value))

    @field_validator("lijst")
    @classmethod
    def _clean_lines(cls, value: list[str]) -> list[str]:
        # The agendavoorstel punctuates the list itself (';' between, '.' at the end).
        return [line.rstrip(";.,").rstrip() for line in _lines(value)]


class Config(BaseModel):
    """Everything that differs from one quarter's build to the next."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    regio: str = Field(description="naam van de arbeidsmarktregio, zoals in data/regios")
    periode: str = Field(description="het kwartaal van de rapportage, bijvoorbeeld 2018-Q4")
    publicatiedatum: date = Field(description="datum van de rapportage")
    bron_publicatiedatum: date = Field(description="publicatiedatum van de UWV-factsheet")
    opgesteld_door: str = Field(description="functie van wie de rapportage opstelde")
    auteur: str | None = Field(default=None, description="naam van wie de rapportage opstelde")
    doelstelling: str = Field(description="welke reeks doelstellingen geldt, zoals in data")
    gegevensmap: str = Field(default="data", description="map met de kwartaalcijfers")
    uitvoermap: str = Field(default="reports", description="map waarin de PDF's komen")
    werkkamer_vergadering: date | None = Field(
        default=None, description="datum van de Werkkamer waarvoor het agendavoorstel is"
    )
    duiding: dict[CommentaryKey, str] = Field(default_factory=dict)  # type: ignore[valid-type]
    voorstellen: Proposals | None = Field(
        default=None,
        description="eigen voorstellen aan de Werkkamer, na de twee vaste voorstellen",
    )
    bronnen: list[str] | None = Field(
        default=None,
        description="de bronnen, één per regel; zonder dit veld de bronnen van de periode",
    )

    @field_validator("periode")
    @classmethod
    def _valid_quarter(cls, value: str) -> str:
        return str(Quarter.parse(value))

    @field_validator(
        "publicatiedatum", "bron_publicatiedatum", "werkkamer_vergadering", mode="before"
    )
    @classmethod
    def _existing_date(cls, value: object) -> object:
        # Text (2019-02-30, 30-04-2019) is read as a spreadsheet cell is, with the same message.
        return cells.day(value) if isinstance(value, str) else value

    @field_validator("regio", "opgesteld_door", "doelstelling", "gegevensmap", "uitvoermap")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("mag niet leeg zijn")
        return value.strip()

    @field_validator("duiding")
    @classmethod
    def _commentary_period(cls, value: dict[str, str]) -> dict[str, str]:
        if PERIOD_KEY in value:
            return {**value, PERIOD_KEY: str(Quarter.parse(value[PERIOD_KEY]))}
        return value

    @field_validator("bronnen")
    @classmethod
    def _no_blank_sources(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _lines(value)

    @field_validator("voorstellen", mode="before")
    @classmethod
    def _proposals_with_period(cls, value: object) -> object:
        if isinstance(value, list):
            raise ValueError(
                "zet de voorstellen onder 'lijst:' en het kwartaal waarvoor ze zijn geschreven "
                "erboven, onder 'periode:' (zie de README)"
            )
        return value

    @field_validator("auteur")
    @classmethod
    def _name_or_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @property
    def quarter(self) -> Quarter:
        return Quarter.parse(self.periode)


_TYPE_MESSAGES = {
    "missing": "dit verplichte veld ontbreekt",
    "string_type": "verwacht tekst",
    "date_type": "verwacht een datum, zoals 2019-04-30",
    "date_parsing": "verwacht een datum, zoals 2019-04-30",
    "date_from_datetime_parsing": "verwacht een datum, zoals 2019-04-30",
    "date_from_datetime_inexact": "verwacht een datum zonder tijd, zoals 2019-04-30",
    "dict_type": "verwacht een lijst van onderdelen met hun tekst",
    "list_type": "verwacht een lijst, elke regel beginnend met '- '",
    "model_type": "het bestand moet velden met een waarde bevatten (veld: waarde)",
}


# A config is at most four levels deep (voorstellen > lijst > a proposal); PyYAML composes
# nested lists and mappings recursively, so a file nested hundreds of levels deep would
# exhaust Python's stack. Deeper than this is refused with a message instead.
MAX_DEPTH = 100


class _TooDeep(yaml.YAMLError):
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
                raise _TooDeep(self.peek_event().start_mark)
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


def _parse(content: str) -> tuple[object, list[tuple[str, int, int]]]:
    """The YAML's value and the keys it gives twice."""
    loader = _Loader(content)
    try:
        return loader.get_single_data(), loader.duplicates
    except RecursionError:  # not expected below MAX_DEPTH, but never an internal error
        raise _TooDeep(None) from None
    finally:
        loader.dispose()


def load(path: Path, overrides: dict[str, str | None] | None = None) -> Config:
    """Read and validate the config; InputError lists everything that is wrong.
    `overrides` are the command-line options (--regio, --periode), named in messages as such."""
    name = str(path)
    try:
        content = files.read_bytes(path, missing="het configuratiebestand bestaat niet").decode(
            "utf-8-sig"
        )
    except files.Unreadable as error:
        raise InputError([error.problem]) from None
    except UnicodeDecodeError:
        raise InputError([Problem(name, "het bestand is niet in UTF-8 opgeslagen")]) from None
    try:
        raw, duplicates = _parse(content)
    except yaml.YAMLError as error:
        raise InputError([_yaml_problem(name, error)]) from None
    if duplicates:
        raise InputError(
            [
                Problem(
                    name,
                    f"dit veld staat er twee keer in (ook op regel {first}); laat er één "
                    "staan, anders is niet zeker welke waarde geldt",
                    row=second,
                    field=key,
                )
                for key, first, second in duplicates
            ]
        )
    if raw is None:
        raw = {}
    given = {key: value for key, value in (overrides or {}).items() if value is not None}
    if isinstance(raw, dict):
        raw = {str(key): value for key, value in raw.items()}
        raw.update(given)
    unprintable = _control_characters(name, raw, set(given))
    try:
        config = Config.model_validate(raw)
    except ValidationError as error:
        problems = unprintable + _unflagged(_pydantic_problems(name, error), unprintable)
        raise InputError(blame_options(problems, name, set(given))) from None
    if unprintable:
        raise InputError(blame_options(unprintable, name, set(given)))
    _check_dates(name, config)
    return config


def blame_options(problems: list[Problem], name: str, options: set[str]) -> list[Problem]:
    """Problems with a config field that was given as a command-line option (--regio,
    --periode) name that option instead of the config file."""
    return [
        Problem(f"de optie --{p.field}", p.message, hint=p.hint)
        if p.file == name and p.field in options
        else p
        for p in problems
    ]


def data_folder(path: Path) -> Path | None:
    """The data folder a config names, read leniently: for checking data when the config
    itself is broken. Falls back to the default; None when the config cannot be read at all."""
    try:
        content = files.read_bytes(path).decode("utf-8-sig")
    except (files.Unreadable, UnicodeDecodeError):
        return None
    try:
        raw, _ = _parse(content)
    except yaml.YAMLError:
        raw = None
    folder = raw.get("gegevensmap") if isinstance(raw, dict) else None
    default = Config.model_fields["gegevensmap"].default
    return path.parent / (folder if isinstance(folder, str) and folder.strip() else default)


def _yaml_problem(name: str, error: yaml.YAMLError) -> Problem:
    if isinstance(error, _TooDeep):
        where = f", vanaf kolom {error.mark.column + 1}" if error.mark else ""
        return Problem(
            name,
            f"dit is geen geldige YAML: de gegevens zijn te diep genest (meer dan {MAX_DEPTH} "
            f"niveaus{where})",
            row=error.mark.line + 1 if error.mark else None,
            hint="een configuratie gaat hoogstens vier niveaus diep, zoals voorstellen, lijst "
            "en een voorstel; staan er te veel haken [ of { ?",
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


def _pydantic_problems(name: str, error: ValidationError) -> list[Problem]:
    collector = Collector()
    fields = list(Config.model_fields)
    for item in error.errors():
        location = [str(part) for part in item["loc"] if part != "[key]"]
        field = ".".join(location) or None
        kind = item["type"]
        if kind == "extra_forbidden":
            collector.add(
                name, "dit veld is onbekend", field=field, hint=did_you_mean(location[-1], fields)
            )
        elif kind == "literal_error" and location[:1] == ["duiding"]:
            collector.add(
                name,
                "dit onderdeel kent geen duiding; kies uit " + ", ".join(COMMENTARY_KEYS),
                field=field,
                hint=did_you_mean(location[-1], list(COMMENTARY_KEYS)),
            )
        elif kind == "value_error":
            collector.add(name, str(item["ctx"]["error"]), field=field)
        else:
            collector.add(name, _TYPE_MESSAGES.get(kind, "ongeldige waarde"), field=field)
    return collector.problems


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


def _control_characters(name: str, raw: object, options: set[str]) -> list[Problem]:
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


def _unflagged(problems: list[Problem], flagged: list[Problem]) -> list[Problem]:
    """The schema's problems with the fields that have no control characters: a message about
    a flagged field could repeat its text, control characters and all."""
    fields = {problem.field for problem in flagged}

    def flagged_field(field: str | None) -> bool:
        return any(field == other or (field or "").startswith(f"{other}.") for other in fields)

    return [p for p in problems if not flagged_field(p.field) and not _controls(p.field or "")]


def _check_dates(name: str, config: Config) -> None:
    collector = Collector()
    end = config.quarter.end_date
    if config.publicatiedatum <= end:
        collector.add(
            name,
            f"de publicatiedatum {config.publicatiedatum:%d-%m-%Y} ligt niet na het einde van "
            f"het kwartaal ({end:%d-%m-%Y})",
            field="publicatiedatum",
        )
    if config.bron_publicatiedatum <= end:
        collector.add(
            name,
            f"UWV kan zijn cijfers niet vóór het einde van het kwartaal ({end:%d-%m-%Y}) "
            "hebben gepubliceerd",
            field="bron_publicatiedatum",
        )
    elif config.bron_publicatiedatum > config.publicatiedatum:
        collector.add(
            name,
            "de bron is later gepubliceerd dan de rapportage zelf",
            field="bron_publicatiedatum",
        )
    meeting = config.werkkamer_vergadering
    if meeting is not None and meeting < config.bron_publicatiedatum:
        collector.add(
            name,
            f"de vergadering van de Werkkamer ({meeting:%d-%m-%Y}) ligt vóór de datum waarop "
            f"UWV de cijfers publiceerde ({config.bron_publicatiedatum:%d-%m-%Y}, "
            "bron_publicatiedatum); de Werkkamer kan geen cijfers bespreken die nog niet zijn "
            "gepubliceerd",
            field="werkkamer_vergadering",
        )
    collector.raise_if_any()
