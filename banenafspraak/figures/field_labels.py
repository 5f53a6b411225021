"""The Dutch name of every figure of the region-quarter tables, as running text says it after
'UWV heeft ... herzien' ('het aantal banen'), and in the published records' CSV.
`tests/test_revisions.py` checks that every field of `tables.REGION_QUARTER` has one."""

from __future__ import annotations

from banenafspraak.input import tables

_GROUPS = {"pwet": "doelgroep Participatiewet", "wajong": "Wajong", "wsw": "WSW/WIW-ID"}
_STAYERS = {
    "behoudt_werk": "blijvers die hun werk behouden",
    "verliest_werk": "blijvers die hun werk verliezen",
    "geen_werk": "blijvers zonder werk",
    "vindt_werk": "blijvers die werk vinden",
}
_REASONS = {
    "geen_arbeidsvermogen": "duurzaam geen arbeidsvermogen",
    "vertrek_regio": "vertrek uit de regio",
    "wsw_beschut": "WSW beschut",
    "aow": "het bereiken van de AOW-leeftijd",
    "overlijden": "overlijden",
    "beschut_werk": "een beschikking beschut werk",
    "overig": "een andere reden",
}

LABELS: dict[str, dict[str, str]] = {
    "kwartaalcijfers": {
        "banen": "het aantal banen",
        "banen_markt": "het aantal banen bij marktwerkgevers",
        "banen_overheid": "het aantal banen bij de overheid",
        "banen_uitzend": "het aantal banen via uitzending of detachering",
        "personen": "het aantal personen in het doelgroepregister",
        "personen_wajong": "het aantal personen met Wajong in het doelgroepregister",
        "personen_pwet": "het aantal personen uit de doelgroep Participatiewet in het register",
        "personen_wsw": "het aantal personen met WSW/WIW-ID in het doelgroepregister",
        "werkzaam": "het aantal werkende personen uit het doelgroepregister",
        "werkzaam_wajong": "het aantal werkende personen met Wajong",
        "werkzaam_pwet": "het aantal werkende personen uit de doelgroep Participatiewet",
        "werkzaam_wsw": "het aantal werkende personen met WSW/WIW-ID",
        "praktijkroute": "de instroom via de praktijkroute",
        "werkvinders": "het aantal werkvinders",
        "werkverliezers": "het aantal werkverliezers",
    },
    "correcties": {
        "banen": "de eenmalige correctie in het aantal banen",
        "omschrijving": "de omschrijving van de eenmalige correctie",
    },
    "stromen": {
        "uitstroom_werkend": "de uitstroom van werkende personen",
        "uitstroom_niet_werkend": "de uitstroom van niet-werkende personen",
        "instroom_werkend": "de instroom van werkende personen",
        "instroom_niet_werkend": "de instroom van niet-werkende personen",
        **{
            f"{stayers}_{group}": f"het aantal {words} ({_GROUPS[group]})"
            for stayers, words in _STAYERS.items()
            for group in _GROUPS
        },
        **{
            f"reden_{reason}": f"het aandeel van de uitstroom wegens {words}"
            for reason, words in _REASONS.items()
        },
    },
    "beschut_werk": {
        "taakstelling": "de taakstelling voor nieuw beschut werk",
        "positieve_adviezen": "het aantal positieve adviezen voor beschut werk",
        "werkzaam": "het aantal personen in nieuw beschut werk",
        "adviezen_tot": "de datum van de nieuwste stand van de adviezen beschut werk",
        "adviezen_positief": "het aantal positieve adviezen beschut werk in de nieuwste stand",
        "adviezen_negatief": "het aantal negatieve adviezen beschut werk in de nieuwste stand",
        "adviezen_op_verzoek": "het aantal adviezen beschut werk op verzoek van de burger",
    },
    "kandidatenverkenner": {
        "profielen_uwv": "het aantal kandidaatprofielen van UWV in de Kandidatenverkenner",
        "doelgroep_uwv": "de doelgroep van UWV voor de Kandidatenverkenner",
        "profielen_gemeente": "het aantal kandidaatprofielen van gemeenten",
        "doelgroep_gemeente": "de doelgroep van de gemeenten voor de Kandidatenverkenner",
    },
}

# Each field's cell kind (count, pct, date, text...), which says how a document writes it.
KINDS: dict[str, dict[str, str]] = {
    table.name: {name: table.columns[name] for name in tables.fields(table)}
    for table in tables.REGION_QUARTER
}


def label(table: str, field: str) -> str:
    return LABELS.get(table, {}).get(field, f"het cijfer ‘{field}’ uit ‘{table}’")
