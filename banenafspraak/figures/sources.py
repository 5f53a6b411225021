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


def default(region: str, period: Quarter, published: date, sheltered: bool) -> list[str]:
    """The sources UWV's figures for `period` came from; the main source first.

    `published` is the date UWV published (or last updated) the regional figures;
    `sheltered` says whether the document reports on nieuw beschut werk."""
    if period >= DASHBOARDS_FROM:
        found = [
            f"UWV, Dashboard Banenafspraak, arbeidsmarktregio {region}, {period.text} "
            f"(geraadpleegd op {long_date(published)})."
        ]
        if sheltered:
            found.append(f"UWV, Dashboard Beschut werk, arbeidsmarktregio {region}, {period.text}.")
        return found
    found = [
        f"UWV, Factsheet banenafspraak arbeidsmarktregio {region}, {period.text} "
        f"(gepubliceerd op {long_date(published)}).",
        f"UWV, Weekoverzicht transparantie banenafspraak, arbeidsmarktregio {region}.",
    ]
    if sheltered:
        found += [
            "Ministerie van SZW, taakstelling en cijfers nieuw beschut werk per arbeidsmarktregio.",
            f"UWV, Rapportage beschut werk, {period.text}.",
        ]
    return found


def for_document(
    configured: list[str] | None, region: str, period: Quarter, published: date, sheltered: bool
) -> list[str]:
    """The configured list when the adviser gave one, else the period's default."""
    if configured:
        return list(configured)
    return default(region, period, published, sheltered)
