"""How the documents name the illustrative values they use (`illustrative.py` finds them):
per group of figures, with its quarters or years, in the order of the data files.

A row's illustrative values among those read are named by their table when all of them are
(and the table has a name here), else by each group whose columns are all read and
illustrative, else column by column; each name then with the keys of the rows it is said of.
"""

from __future__ import annotations

from dataclasses import dataclass

from banenafspraak.formatting import and_list
from banenafspraak.quarters import Quarter

Key = Quarter | int | None  # a row's quarter, its year (targets, assessments), or none
Cells = dict[tuple[str, Key], tuple[set[str], set[str]]]  # (table, key) -> read, illustrative


@dataclass(frozen=True)
class Group:
    label: str  # said when a document reads every figure of the group, all illustrative
    fields: dict[str, str]  # column -> its own words, said when only some are


def _one(field: str, label: str) -> Group:
    return Group(label, {field: label})


_SHORT = {"pwet": "Participatiewet", "wajong": "Wajong", "wsw": "WSW"}
_REASONS = {
    "geen_arbeidsvermogen": "duurzaam geen arbeidsvermogen",
    "vertrek_regio": "vertrek uit de regio",
    "wsw_beschut": "WSW beschut",
    "aow": "AOW-leeftijd",
    "overlijden": "overlijden",
    "beschut_werk": "een beschikking beschut werk",
    "overig": "een andere reden",
}
_CATEGORIES = {
    "wajong": "met Wajong",
    "pwet": "uit de doelgroep Participatiewet",
    "wsw": "met een WSW-indicatie of WIW/ID-baan",
}

# Per table, in the order the list names them: the groups of its figures. TABLE_LABELS names
# a table whose every figure a document reads of a row is illustrative.
GROUPS: dict[str, tuple[Group, ...]] = {
    "nulmeting": (
        Group(
            "nulmeting",
            {
                "banen": "banen bij de nulmeting",
                "personen": "personen bij de nulmeting",
                "werkzaam": "werkzame personen bij de nulmeting",
            },
        ),
    ),
    "doelstellingen": (
        Group(
            "doelstellingen",
            {
                "totaal": "doelstellingen",
                "markt": "doelstellingen voor de markt",
                "overheid": "doelstellingen voor de overheid",
            },
        ),
    ),
    "kwartaalcijfers": (
        _one("banen", "banen"),
        Group(
            "banen naar soort werkgever",
            {
                "banen_markt": "banen bij werkgevers in de markt",
                "banen_overheid": "banen bij de overheid",
                "banen_uitzend": "banen via uitzending of detachering",
            },
        ),
        _one("personen", "personen in het doelgroepregister"),
        Group(
            "personen in het doelgroepregister naar doelgroep",
            {f"personen_{c}": f"personen {words}" for c, words in _CATEGORIES.items()},
        ),
        _one("werkzaam", "werkzame personen"),
        Group(
            "werkzame personen naar doelgroep",
            {f"werkzaam_{c}": f"werkzame personen {words}" for c, words in _CATEGORIES.items()},
        ),
        _one("praktijkroute", "instroom via de praktijkroute"),
        Group(
            "werkvinders en werkverliezers",
            {"werkvinders": "werkvinders", "werkverliezers": "werkverliezers"},
        ),
    ),
    "correcties": (
        Group(
            "eenmalige correctie in het aantal banen",
            {"banen": "eenmalige correctie in het aantal banen", "omschrijving": "omschrijving"},
        ),
    ),
    "stromen": (
        Group(
            "uitstroom en instroom van personen",
            {
                "uitstroom_werkend": "uitstroom van werkende personen",
                "uitstroom_niet_werkend": "uitstroom van niet-werkende personen",
                "instroom_werkend": "instroom van werkende personen",
                "instroom_niet_werkend": "instroom van niet-werkende personen",
            },
        ),
        Group(
            "blijvers in het register naar werk",
            {
                f"{group}_{c}": f"blijvers {words} ({_SHORT[c]})"
                for group, words in (
                    ("behoudt_werk", "die hun werk behouden"),
                    ("verliest_werk", "die hun werk verliezen"),
                    ("geen_werk", "zonder werk"),
                    ("vindt_werk", "die werk vinden"),
                )
                for c in ("pwet", "wajong", "wsw")
            },
        ),
        Group(
            "redenen van uitstroom",
            {
                f"reden_{reason}": f"aandeel uitstroom wegens {words}"
                for reason, words in _REASONS.items()
            },
        ),
    ),
    "landelijk": (
        Group(
            "landelijke cijfers over de banen",
            {
                "doel_bereikt_pct": "landelijk aandeel van de doelstelling dat is gerealiseerd",
                "groei_nulmeting_pct": "landelijke groei sinds de nulmeting",
                "aandeel_overheid_pct": "landelijk aandeel overheidsbanen",
            },
        ),
        Group(
            "landelijke cijfers over de doelgroep",
            {
                "aandeel_pwet_pct": "landelijk aandeel van de doelgroep Participatiewet",
                "werkzaam_pct": "landelijk aandeel werkenden",
                "werkzaam_pwet_pct": "landelijk aandeel werkenden in de doelgroep Participatiewet",
                "werkzaam_wajong_pct": "landelijk aandeel werkenden met Wajong",
            },
        ),
        Group(
            "regio met het hoogste aandeel werkenden",
            {
                "beste_regio": "regio met het hoogste aandeel werkenden",
                "beste_regio_werkzaam_pct": "hoogste aandeel werkenden van een regio",
            },
        ),
        Group(
            "regio's met de meeste instroom via de praktijkroute",
            {
                f"praktijkroute_koploper_{n}{part}": f"{words} van de praktijkroute"
                for n in (1, 2)
                for part, words in (("", f"{n}e koploper"), ("_aantal", f"instroom {n}e koploper"))
            },
        ),
        Group(
            "landelijke cijfers over nieuw beschut werk",
            {
                "beschut_werkzaam": "landelijk aantal werkenden in nieuw beschut werk",
                "beschut_plaatsing_pct": "landelijk plaatsingspercentage nieuw beschut werk",
            },
        ),
    ),
    "beschut_werk": (
        _one("taakstelling", "taakstelling nieuw beschut werk"),
        _one("positieve_adviezen", "positieve adviezen beschut werk tot het kwartaaleinde"),
        _one("werkzaam", "personen in nieuw beschut werk"),
        Group(
            "adviezen beschut werk in de nieuwste stand",
            {
                "adviezen_tot": "datum van de nieuwste stand van de adviezen beschut werk",
                "adviezen_positief": "positieve adviezen beschut werk in de nieuwste stand",
                "adviezen_negatief": "negatieve adviezen beschut werk in de nieuwste stand",
                "adviezen_op_verzoek": "adviezen beschut werk op verzoek van de burger",
            },
        ),
    ),
    "kandidatenverkenner": (
        Group(
            "kandidaatprofielen in de Kandidatenverkenner",
            {
                "profielen_uwv": "kandidaatprofielen van UWV",
                "profielen_gemeente": "kandidaatprofielen van gemeenten",
            },
        ),
        Group(
            "doelgroepen van de Kandidatenverkenner",
            {
                "doelgroep_uwv": "doelgroep van UWV voor de Kandidatenverkenner",
                "doelgroep_gemeente": "doelgroep van de gemeenten voor de Kandidatenverkenner",
            },
        ),
    ),
    "arbeidsvermogen": (
        Group(
            "indicaties na een beoordeling arbeidsvermogen",
            {
                "wajong_2015": "indicaties Wajong 2015",
                "banenafspraak": "indicaties banenafspraak",
                "beschut_werk": "indicaties beschut werk",
            },
        ),
    ),
}
TABLE_LABELS = {
    "landelijk": "landelijke vergelijkingscijfers",
    "stromen": "stromen van personen tussen het vorige en dit kwartaal",
    "kandidatenverkenner": "Kandidatenverkenner",
}


def items(cells: Cells) -> tuple[str, ...]:
    """The list a document prints: 'banen naar soort werkgever, 2016 Q3 tot en met 2018 Q4'."""
    said: dict[str, list[Key]] = {}  # a name -> the keys it is said of
    for (table, key), (read, illustrative) in sorted(cells.items(), key=_order):
        for label in _labels(table, read, illustrative):
            said.setdefault(label, []).append(key)
    order = {label: n for n, label in enumerate(_all_labels())}
    return tuple(
        _item(label, keys) for label, keys in sorted(said.items(), key=lambda i: order[i[0]])
    )


def topics(cells: Cells) -> tuple[str, ...]:
    """The same list without its quarters, for a page with little room: 'banen, banen naar
    soort werkgever, ...'."""
    said = {
        label for (table, _), (read, ill) in cells.items() for label in _labels(table, read, ill)
    }
    return tuple(label for label in _all_labels() if label in said)


def _order(entry: tuple[tuple[str, Key], tuple[set[str], set[str]]]) -> tuple:
    (table, key), _ = entry
    return (list(GROUPS).index(table), key if key is not None else 0)


def _labels(table: str, used: set[str], illustrative: set[str]) -> list[str]:
    """The words for a row's illustrative values among those used: its table's when all are,
    else each group's whose columns all are, else column by column."""
    if not illustrative:
        return []
    if illustrative == used and table in TABLE_LABELS:
        return [TABLE_LABELS[table]]
    labels = []
    for group in GROUPS[table]:
        group_illustrative = illustrative & set(group.fields)
        if not group_illustrative:
            continue
        if group_illustrative == set(group.fields):
            labels.append(group.label)
        else:
            labels += [words for field, words in group.fields.items() if field in illustrative]
    return labels


def _all_labels() -> list[str]:
    labels: list[str] = []
    for table, groups in GROUPS.items():
        if table in TABLE_LABELS:
            labels.append(TABLE_LABELS[table])
        for group in groups:
            labels += [group.label, *group.fields.values()]
    return list(dict.fromkeys(labels))


def _item(label: str, keys: list[Key]) -> str:
    """'banen, 2016 Q1 tot en met 2016 Q3 en 2017 Q4'; the nulmeting has no quarter."""
    known = sorted({key for key in keys if key is not None})
    return f"{label}, {keys_text(known)}" if known else label


def keys_text(keys: list) -> str:
    """Quarters or years in runs: '2016 Q1 tot en met 2016 Q4, 2017 Q4 en 2018 Q2'."""
    runs: list[list] = []
    for key in sorted(keys):
        step = key.shift(-1) if isinstance(key, Quarter) else key - 1
        if runs and runs[-1][-1] == step:
            runs[-1].append(key)
        else:
            runs.append([key])
    parts = []
    for run in runs:
        names = [key.label if isinstance(key, Quarter) else str(key) for key in run]
        parts += [f"{names[0]} tot en met {names[-1]}"] if len(run) > 2 else names
    return and_list(parts)
