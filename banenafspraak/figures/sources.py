"""The sources a document names: a fact of its period and of the data it shows.

Up to the third quarter of 2021 UWV published the regional figures as PDF factsheets and
weekly transparency overviews, and SZW and UWV reported on sheltered work separately; from
the fourth quarter of 2021 on, UWV shows them on its dashboards. The adviser may replace the
list in config.yaml (`bronnen`). The kwartaalrapportage's footnote, its list of sources and
the factsheet's paragraph all read this one list, so they cannot disagree.
"""

from __future__ import annotations

from datetime import date

from banenafspraak.formatting import long_date
from banenafspraak.quarters import Quarter

# The first quarter UWV reported on its Dashboard Banenafspraak and Dashboard Beschut werk.
DASHBOARDS_FROM = Quarter(2021, 4)


NATIONAL_FIGURES = "de landelijke cijfers en die van andere regio's"

# Where the figures of UWV's regional factsheet come from: the registrations that fill the
# doelgroepregister. The factsheet names these, not a publication (it is one itself).
REGISTRATIONS = (
    "de mensen met een Wajong-recht of een indicatie banenafspraak uit de administratie van UWV",
    "de mensen met een WSW-indicatie halfjaarlijks van de gemeenten, via onderzoeksbureau Panteia",
    "de mensen met een WIW- of ID-baan halfjaarlijks van het CBS",
    "de woonplaats, die bepaalt bij welke arbeidsmarktregio iemand hoort, uit de "
    "Basisregistratie Personen",
)


def default(
    region: str, period: Quarter, published: date, sheltered: bool, national: bool = False
) -> list[str]:
    """The sources UWV's figures for `period` came from; the main source first.

    `published` is the date UWV published (or last updated) the regional figures;
    `sheltered` says whether the document reports on nieuw beschut werk, `national` whether
    it compares with the national figures and other regions."""
    if period >= DASHBOARDS_FROM:
        found = [
            f"UWV, Dashboard Banenafspraak, arbeidsmarktregio {region}, {period.text} "
            f"(geraadpleegd op {long_date(published)})."
        ]
        if national:
            found.append(f"{national_source(period)}: {NATIONAL_FIGURES}.")
        if sheltered:
            found.append(f"UWV, Dashboard Beschut werk, arbeidsmarktregio {region}, {period.text}.")
        return found
    found = [
        f"UWV, Factsheet banenafspraak arbeidsmarktregio {region}, {period.text} "
        f"(gepubliceerd op {long_date(published)}).",
        f"UWV, Weekoverzicht transparantie banenafspraak, arbeidsmarktregio {region}.",
    ]
    if national:
        found.append(f"{national_source(period)}: {NATIONAL_FIGURES}.")
    if sheltered:
        found += [
            "Ministerie van SZW, taakstelling en cijfers nieuw beschut werk per arbeidsmarktregio.",
            f"UWV, Rapportage beschut werk, {period.text}"
            + (", met de landelijke cijfers." if national else "."),
        ]
    return found


def national_source(period: Quarter) -> str:
    """Where the national figures and those of other regions of `period` were published."""
    if period >= DASHBOARDS_FROM:
        return f"UWV, Dashboard Banenafspraak, heel Nederland en alle regio's, {period.text}"
    return f"UWV, Trendrapportage banenafspraak, {period.text}"


def targets(title: str | None, region: str) -> str:
    """The source of the yearly targets: the document the adviser names, else the region."""
    if title:
        return f"Doelstellingen: {title.rstrip('.')}."
    return (
        f"Doelstellingen: de afspraken over extra banen per jaar in de arbeidsmarktregio {region}."
    )


def for_document(
    configured: list[str] | None,
    region: str,
    period: Quarter,
    published: date,
    sheltered: bool,
    national: bool = False,
) -> list[str]:
    """The configured list when the adviser gave one, else the period's default."""
    if configured:
        return list(configured)
    return default(region, period, published, sheltered, national)


def for_factsheet(configured: list[str] | None, period: Quarter, national: bool) -> list[str]:
    """The factsheet's sentences on its sources besides the registrations: the adviser's list
    when given, else the national figures' source. Never the factsheet itself, and nothing
    on sheltered work, which it does not show."""
    if configured:
        return ["Bronnen: " + "; ".join(line.rstrip(".") for line in configured) + "."]
    return [f"Landelijke cijfers: {national_source(period)}."] if national else []
