"""Which earlier quarters each part of the documents needs, and what is left out without them.

Any quarter with its own row in kwartaalcijfers builds. A comparison or series that needs a
quarter from before the region's first row is left out or shortened (figures.py gives None or
the quarters there are), and dataset.py warns once per part, naming the missing quarters.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from banenafspraak.quarters import Quarter, span, year_end

# How many quarters the charts and tables look back, this one included.
CHART_QUARTERS = 8
FLOW_CHART_QUARTERS = 10
TABLE_QUARTERS = 4
# The fewest quarters a trend (rising, falling) is read from.
TREND_QUARTERS = 3


@dataclass(frozen=True)
class Need:
    quarters: tuple[Quarter, ...]
    left_out: str  # Dutch, follows "zonder <quarters>": what the documents do without them
    unless_missing: Quarter | None = None  # no warning when this quarter is missing too


def needs(period: Quarter) -> list[Need]:
    year, previous = period.year, period.previous
    return [
        Need(
            (previous,),
            "laten de documenten de vergelijking met het vorige kwartaal weg, ook de "
            "banengroei in het kwartaal en de grafiek daarvan",
        ),
        Need((period.shift(-4),), "laten de documenten de vergelijking met een jaar eerder weg"),
        Need(
            (year_end(year - 1),),
            f"laten de documenten de groei in {year} en de meerjarige ontwikkeling weg",
        ),
        Need(
            (year_end(year - 2), year_end(year - 1)),
            f"laten de documenten de groei in {year - 1} weg",
        ),
        Need(
            tuple(Quarter(year - 1, n) for n in range(1, 5)),
            "laat de kwartaalrapportage de vergelijking van de instroom via de praktijkroute "
            f"met {year - 1} weg",
        ),
        Need(
            tuple(Quarter(year, n) for n in range(1, period.number + 1)),
            f"laat de kwartaalrapportage de instroom via de praktijkroute in {year} weg",
        ),
        Need(
            tuple(span(period, CHART_QUARTERS)),
            "tonen de grafieken per kwartaal van banen en personen minder kwartalen dan gewoonlijk",
        ),
        Need(
            tuple(span(period, CHART_QUARTERS + 1)),
            "toont de grafiek met de banengroei per kwartaal minder kwartalen dan gewoonlijk",
            unless_missing=previous,
        ),
        Need(
            tuple(span(period, TABLE_QUARTERS)),
            "toont de tabel met de werkenden minder dan de laatste vier kwartalen",
        ),
        Need(
            tuple(span(period, FLOW_CHART_QUARTERS)),
            "toont de grafiek met werkvinders en werkverliezers minder kwartalen dan gewoonlijk",
        ),
        Need(
            tuple(span(period, TREND_QUARTERS)),
            "noemen de documenten geen ontwikkeling van het aantal werkvinders en werkverliezers",
        ),
    ]


def all_needed(period: Quarter) -> set[Quarter]:
    return {quarter for need in needs(period) for quarter in need.quarters}


def gaps(period: Quarter, known: Collection[Quarter]) -> list[tuple[list[Quarter], str]]:
    """Per part that lacks quarters: the missing quarters and what is left out (Dutch)."""
    found = []
    for need in needs(period):
        missing = [quarter for quarter in need.quarters if quarter not in known]
        if missing and (need.unless_missing is None or need.unless_missing in known):
            found.append((missing, need.left_out))
    return found


def available(period: Quarter, count: int, known: Collection[Quarter]) -> list[Quarter]:
    """Up to `count` consecutive known quarters ending with the period, oldest first."""
    run: list[Quarter] = []
    for quarter in reversed(span(period, count)):
        if quarter not in known:
            break
        run.insert(0, quarter)
    return run


def quarters_text(quarters: list[Quarter]) -> str:
    """'2015-Q4', '2014-Q4 en 2015-Q4', '2015-Q1 tot en met 2015-Q4'."""
    quarters = sorted(quarters)
    if len(quarters) > 2 and quarters == span(quarters[-1], len(quarters)):
        return f"{quarters[0]} tot en met {quarters[-1]}"
    names = [str(quarter) for quarter in quarters]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"
