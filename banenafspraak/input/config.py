"""The config (config.yaml): its schema, and loading it with Dutch messages.

The file holds the settings that are the same every quarter at the top and, under `kwartalen:`,
a section per quarter with its dates, commentary, proposals and sources. load() resolves the
section of the quarter built into one `Config`, so that the rest of the package reads
config.publicatiedatum, config.duiding and so on of that quarter only, never another's."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from banenafspraak.input import cells, config_dates, config_yaml, files
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
# The settings of one quarter, under `kwartalen:` in config.yaml; everything else is the same
# every quarter. A build reads only the section of the quarter it builds.
QUARTERS_KEY = "kwartalen"
QUARTER_FIELDS = (
    "publicatiedatum",
    "bron_publicatiedatum",
    "werkkamer_vergadering",
    "duiding",
    "voorstellen",
    "bronnen",
)
REQUIRED_QUARTER_FIELDS = ("publicatiedatum", "bron_publicatiedatum")

DOCUMENTS = ("kwartaalrapportage", "factsheet", "agendavoorstel")


def _lines(value: list[str]) -> list[str]:
    if any(not line.strip() for line in value):
        raise ValueError("een regel in deze lijst mag niet leeg zijn")
    return [line.strip() for line in value]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("mag niet leeg zijn")
    return value.strip()


def _date(value: object) -> object:
    # Text (2019-02-30, 30-04-2019) is read as a spreadsheet cell is, with the same message.
    return cells.day(value) if isinstance(value, str) else value


def _quarter_key(value: str) -> str:
    return str(Quarter.parse(value))


QuarterKey = Annotated[str, AfterValidator(_quarter_key)]


class QuarterSettings(BaseModel):
    """One quarter's section under `kwartalen:`: its dates, commentary, proposals and
    sources. Every field may be absent here; load() asks for the required dates only of the
    quarter it builds, so that a section being written does not stop another quarter."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    publicatiedatum: date | None = Field(default=None, description="datum van de rapportage")
    bron_publicatiedatum: date | None = Field(
        default=None, description="publicatiedatum van de UWV-factsheet"
    )
    werkkamer_vergadering: date | None = Field(
        default=None, description="datum van de Werkkamer waarvoor het agendavoorstel is"
    )
    duiding: dict[Section, str] = Field(default_factory=dict)  # type: ignore[valid-type]
    voorstellen: list[str] = Field(
        default_factory=list,
        description="eigen voorstellen aan de Werkkamer, na de drie vaste voorstellen",
    )
    bronnen: list[str] | None = Field(
        default=None,
        description="de bronnen, één per regel; zonder dit veld de bronnen van de periode",
    )

    _dates = field_validator(
        "publicatiedatum", "bron_publicatiedatum", "werkkamer_vergadering", mode="before"
    )(_date)

    @field_validator("voorstellen", mode="before")
    @classmethod
    def _proposals_as_list(cls, value: object) -> object:
        if isinstance(value, dict):
            raise ValueError(
                "zet de voorstellen direct als lijst onder 'voorstellen:', zonder 'periode:' en "
                "'lijst:'; de sectie van het kwartaal zegt al voor welk kwartaal ze zijn"
            )
        return value

    @field_validator("voorstellen")
    @classmethod
    def _clean_lines(cls, value: list[str]) -> list[str]:
        # The agendavoorstel punctuates the list itself (';' between, '.' at the end).
        return [line.rstrip(";.,").rstrip() for line in _lines(value)]

    @field_validator("bronnen")
    @classmethod
    def _no_blank_sources(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _lines(value)


class Werkbedrijf(BaseModel):
    """The region's Werkbedrijf: its name differs per region (the Werkkamer in Gooi en
    Vechtstreek), and so do its partners."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    naam: str = Field(description="naam van het regionale Werkbedrijf, bijv. Werkkamer")
    lidwoord: Literal["de", "het"] = Field(
        default="de", description="het lidwoord van de naam: de Werkkamer, het Werkbedrijf"
    )
    partners: list[str] = Field(
        default_factory=lambda: list(DEFAULT_PARTNERS),
        description="de partijen die in het Werkbedrijf samenwerken, één per regel",
    )

    _name = field_validator("naam")(_not_blank)

    @field_validator("partners")
    @classmethod
    def _partners(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("noem ten minste één partij")
        return _lines(value)


# The least a Werkbedrijf holds by law (Besluit regionale Werkbedrijven): the social
# partners, the municipalities and UWV.
DEFAULT_PARTNERS = ("de werkgeversorganisaties", "de vakbonden", "de gemeenten", "UWV")


class ConfigFile(BaseModel):
    """config.yaml as written: the settings of every quarter, and per quarter its own."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    regio: str = Field(description="naam van de arbeidsmarktregio, zoals in data/regios")
    periode: str = Field(description="het kwartaal dat standaard wordt gebouwd, bijv. 2018-Q4")
    opgesteld_door: str = Field(description="functie van wie de rapportage opstelde")
    auteur: str | None = Field(default=None, description="naam van wie de rapportage opstelde")
    doelstelling: str = Field(description="welke reeks doelstellingen geldt, zoals in data")
    doelstelling_bron: str | None = Field(
        default=None, description="titel van het document waaruit de doelstellingen komen"
    )
    werkbedrijf: Werkbedrijf | None = Field(
        default=None, description="naam en partners van het regionale Werkbedrijf"
    )
    gegevensmap: str = Field(default="data", description="map met de kwartaalcijfers")
    uitvoermap: str = Field(default="reports", description="map waarin de PDF's komen")
    kwartalen: dict[QuarterKey, QuarterSettings] = Field(
        default_factory=dict, description="per kwartaal zijn datums, duiding, voorstellen, bronnen"
    )

    @field_validator("periode")
    @classmethod
    def _valid_quarter(cls, value: str) -> str:
        return str(Quarter.parse(value))

    _filled = field_validator(
        "regio", "opgesteld_door", "doelstelling", "gegevensmap", "uitvoermap"
    )(_not_blank)

    @field_validator("auteur", "doelstelling_bron")
    @classmethod
    def _name_or_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator("kwartalen", mode="before")
    @classmethod
    def _each_quarter_once(cls, value: object) -> object:
        if not isinstance(value, dict):
            return value
        seen: dict[str, str] = {}
        for key in value:
            try:
                quarter = str(Quarter.parse(key))
            except ValueError:
                continue  # named by the key's own check
            if quarter in seen:
                raise ValueError(
                    f"het kwartaal {quarter} staat er twee keer in (als '{seen[quarter]}' en "
                    f"'{key}'); laat er één staan, anders is niet zeker welke instellingen gelden"
                )
            seen[quarter] = str(key)
        return value


class Config(BaseModel):
    """The settings of one build: config.yaml's common settings with the section of the
    quarter built (`periode`) resolved into them, so that the rest of the package and the
    templates read config.publicatiedatum, config.duiding and so on for that quarter only."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    regio: str
    periode: str
    publicatiedatum: date
    bron_publicatiedatum: date
    opgesteld_door: str
    auteur: str | None = None
    doelstelling: str
    doelstelling_bron: str | None = None
    werkbedrijf: Werkbedrijf = None  # type: ignore[assignment]  # filled in from regio below
    gegevensmap: str = "data"
    uitvoermap: str = "reports"
    werkkamer_vergadering: date | None = None
    duiding: dict[Section, str] = Field(default_factory=dict)  # type: ignore[valid-type]
    voorstellen: list[str] = Field(default_factory=list)
    bronnen: list[str] | None = None

    @model_validator(mode="before")
    @classmethod
    def _werkbedrijf(cls, values: object) -> object:
        """Without a werkbedrijf setting, the region's Werkbedrijf with its least partners."""
        if isinstance(values, dict) and not values.get("werkbedrijf"):
            values = {
                **values,
                "werkbedrijf": {"naam": f"Werkbedrijf {values.get('regio')}", "lidwoord": "het"},
            }
        return values

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
        raw, duplicates = config_yaml.parse(content)
    except yaml.YAMLError as error:
        raise InputError([config_yaml.yaml_problem(name, error)]) from None
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
    flat: list[Problem] = []
    if isinstance(raw, dict):
        raw = {str(key): value for key, value in raw.items()}
        flat = _flat_form(name, raw)
        raw = {key: value for key, value in raw.items() if key not in QUARTER_FIELDS}
        raw.update(given)
    unprintable = config_yaml.control_characters(name, raw, set(given))
    try:
        settings = ConfigFile.model_validate(raw)
    except ValidationError as error:
        problems = unprintable + config_yaml.unflagged(_pydantic_problems(name, error), unprintable)
        raise InputError(blame_options(flat + problems, name, set(given))) from None
    if unprintable or flat:
        raise InputError(flat + blame_options(unprintable, name, set(given)))
    config_dates.check(name, settings.kwartalen, QUARTERS_KEY)
    return _resolve(name, settings)


def _flat_form(name: str, raw: dict[str, object]) -> list[Problem]:
    """The settings of one quarter written at the top, as config.yaml had them before it
    held a section per quarter: one problem that says how to move them."""
    found = [key for key in QUARTER_FIELDS if key in raw]
    if not found:
        return []
    written_for = [
        value.get("periode")
        for value in (raw.get("duiding"), raw.get("voorstellen"))
        if isinstance(value, dict)
    ]
    quarter = next(
        (str(q) for q in [*written_for, raw.get("periode")] if _is_quarter(q)), "2018-Q4"
    )
    many = len(found) > 1
    listed = ", ".join(found[:-1]) + " en " + found[-1] if many else found[0]
    return [
        Problem(
            name,
            f"{listed} {'gelden' if many else 'geldt'} voor één kwartaal en "
            f"{'horen' if many else 'hoort'} daarom onder '{QUARTERS_KEY}:', in de sectie van "
            "dat kwartaal",
            hint=f"zet '{QUARTERS_KEY}:' bovenaan een regel, daaronder '  {quarter}:' en "
            f"daaronder, vier spaties ingesprongen, {'deze velden' if many else 'dit veld'}; "
            "haal 'periode:' onder 'duiding' weg en zet de voorstellen zonder 'periode:' en "
            "'lijst:' direct onder 'voorstellen:'; zie de README",
        )
    ]


def _is_quarter(value: object) -> bool:
    try:
        Quarter.parse(str(value))
    except ValueError:
        return False
    return True


def _resolve(name: str, settings: ConfigFile) -> Config:
    """The settings of the quarter built: the common ones and that quarter's section.
    Raises InputError naming each required date the section lacks (or the whole section)."""
    quarter = settings.periode
    section = settings.kwartalen.get(quarter)
    if section is None:
        raise InputError(
            [
                Problem(
                    name,
                    f"de instellingen van {quarter} ontbreken: er staat geen sectie '{quarter}:' "
                    f"onder '{QUARTERS_KEY}:'",
                    field=f"{QUARTERS_KEY}.{quarter}",
                    hint=f"voeg die toe met ten minste {' en '.join(REQUIRED_QUARTER_FIELDS)}; "
                    f"de datums van een ander kwartaal gelden niet voor {quarter}",
                )
            ]
        )
    missing = [key for key in REQUIRED_QUARTER_FIELDS if getattr(section, key) is None]
    if missing:
        raise InputError(
            [
                Problem(
                    name,
                    f"dit verplichte veld ontbreekt; de documenten over {quarter} hebben een "
                    f"eigen {key} nodig",
                    field=f"{QUARTERS_KEY}.{quarter}.{key}",
                )
                for key in missing
            ]
        )
    common = settings.model_dump(exclude={QUARTERS_KEY})
    return Config(**common, **section.model_dump())


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
        raw, _ = config_yaml.parse(content)
    except yaml.YAMLError:
        raw = None
    folder = raw.get("gegevensmap") if isinstance(raw, dict) else None
    default = ConfigFile.model_fields["gegevensmap"].default
    return path.parent / (folder if isinstance(folder, str) and folder.strip() else default)


def _pydantic_problems(name: str, error: ValidationError) -> list[Problem]:
    collector = Collector()
    for item in error.errors():
        location = [str(part) for part in item["loc"] if part != "[key]"]
        field = ".".join(location) or None
        kind = item["type"]
        in_quarter = location[:1] == [QUARTERS_KEY] and len(location) > 2
        if kind == "extra_forbidden":
            model = ConfigFile
            if in_quarter:
                model = QuarterSettings
            elif location[:1] == ["werkbedrijf"]:
                model = Werkbedrijf
            fields = list(model.model_fields)
            collector.add(
                name, "dit veld is onbekend", field=field, hint=did_you_mean(location[-1], fields)
            )
        elif kind == "literal_error" and in_quarter and location[2] == "duiding":
            hint = (
                "binnen een kwartaal heeft de duiding geen eigen periode nodig; haal deze regel weg"
                if location[-1] == "periode"
                else did_you_mean(location[-1], list(SECTIONS))
            )
            collector.add(
                name,
                "dit onderdeel kent geen duiding; kies uit " + ", ".join(SECTIONS),
                field=field,
                hint=hint,
            )
        elif kind == "value_error":
            collector.add(name, str(item["ctx"]["error"]), field=field)
        else:
            collector.add(name, _TYPE_MESSAGES.get(kind, "ongeldige waarde"), field=field)
    return collector.problems
