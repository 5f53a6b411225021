"""The dates of each quarter's section in config.yaml, checked against the quarter: a report
and its source are published after the quarter ends, the source not after the report, and
the Werkkamer meets only once the figures are out."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from banenafspraak.problems import Collector
from banenafspraak.quarters import Quarter


class QuarterDates(Protocol):
    publicatiedatum: date | None
    bron_publicatiedatum: date | None
    werkkamer_vergadering: date | None


def check(name: str, sections: dict[str, QuarterDates], key: str) -> None:
    """Each quarter's dates against its own quarter, in every section (under `key`) that
    gives them; InputError names each date that cannot be right."""
    collector = Collector()
    for period, section in sections.items():
        _check_quarter_dates(name, Quarter.parse(period), section, collector, key)
    collector.raise_if_any()


def _check_quarter_dates(
    name: str, quarter: Quarter, section: QuarterDates, collector: Collector, key: str
) -> None:
    end = quarter.end_date
    prefix = f"{key}.{quarter}."
    published, source = section.publicatiedatum, section.bron_publicatiedatum
    if published is not None and published <= end:
        collector.add(
            name,
            f"de publicatiedatum {published:%d-%m-%Y} ligt niet na het einde van "
            f"het kwartaal ({end:%d-%m-%Y})",
            field=prefix + "publicatiedatum",
        )
    if source is not None and source <= end:
        collector.add(
            name,
            f"UWV kan zijn cijfers niet vóór het einde van het kwartaal ({end:%d-%m-%Y}) "
            "hebben gepubliceerd",
            field=prefix + "bron_publicatiedatum",
        )
    elif source is not None and published is not None and source > published:
        collector.add(
            name,
            "de bron is later gepubliceerd dan de rapportage zelf",
            field=prefix + "bron_publicatiedatum",
        )
    meeting = section.werkkamer_vergadering
    if meeting is not None and source is not None and meeting < source:
        collector.add(
            name,
            f"de vergadering van de Werkkamer ({meeting:%d-%m-%Y}) ligt vóór de datum waarop "
            f"UWV de cijfers publiceerde ({source:%d-%m-%Y}, "
            "bron_publicatiedatum); de Werkkamer kan geen cijfers bespreken die nog niet zijn "
            "gepubliceerd",
            field=prefix + "werkkamer_vergadering",
        )
