"""The period config (config.yaml): its schema, and loading it with Dutch messages."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .problems import Collector, InputError, Problem, did_you_mean
from .quarters import Quarter

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
    voorstellen: list[str] = Field(
        default_factory=list,
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

    @field_validator("bronnen", "voorstellen")
    @classmethod
    def _no_blank_lines(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and any(not line.strip() for line in value):
            raise ValueError("een regel in deze lijst mag niet leeg zijn")
        return None if value is None else [line.strip() for line in value]

    @field_validator("voorstellen")
    @classmethod
    def _without_closing_mark(cls, value: list[str]) -> list[str]:
        # The agendavoorstel punctuates the list itself (';' between, '.' at the end).
        return [line.rstrip(";.,").rstrip() for line in value]

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


def load(path: Path, overrides: dict[str, str] | None = None) -> Config:
    """Read and validate the config; InputError lists everything that is wrong."""
    name = str(path)
    try:
        content = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem(name, "het configuratiebestand bestaat niet")]) from None
    except UnicodeDecodeError:
        raise InputError([Problem(name, "het bestand is niet in UTF-8 opgeslagen")]) from None
    try:
        raw = yaml.safe_load(content)
    except yaml.YAMLError as error:
        raise InputError([_yaml_problem(name, error)]) from None
    if raw is None:
        raw = {}
    if isinstance(raw, dict):
        raw = {str(key): value for key, value in raw.items()}
        raw.update({key: value for key, value in (overrides or {}).items() if value is not None})
    try:
        config = Config.model_validate(raw)
    except ValidationError as error:
        raise InputError(_pydantic_problems(name, error)) from None
    _check_dates(name, config)
    return config


def data_folder(path: Path) -> Path:
    """The data folder a config names, read leniently: for checking data when the config
    itself is broken. Falls back to the default."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        raw = None
    folder = raw.get("gegevensmap") if isinstance(raw, dict) else None
    default = Config.model_fields["gegevensmap"].default
    return path.parent / (folder if isinstance(folder, str) and folder.strip() else default)


def _yaml_problem(name: str, error: yaml.YAMLError) -> Problem:
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
    collector.raise_if_any()
