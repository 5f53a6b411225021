"""Every derived number of the documents, computed once from the checked dataset.

Templates and charts only read a Figures object; nothing below them computes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from banenafspraak.figures import (
    flows,
    illustrative,
    instruments,
    jobs,
    praktijkroute,
    revisions,
    target_group,
)
from banenafspraak.figures.flows import Flows
from banenafspraak.figures.illustrative import Illustrative
from banenafspraak.figures.instruments import Candidates, Sheltered
from banenafspraak.figures.jobs import Jobs
from banenafspraak.figures.praktijkroute import Praktijkroute
from banenafspraak.figures.revisions import Revision
from banenafspraak.figures.target_group import TargetGroup
from banenafspraak.input.records import Record, Values
from banenafspraak.quarters import Quarter

if TYPE_CHECKING:  # pandas is imported with the dataset; rendering never needs it
    from banenafspraak.input.dataset import Dataset


@dataclass(frozen=True)
class Figures:
    region: str
    year: int
    last_year: int
    next_year: int
    period: Quarter
    previous: Quarter
    year_ago: Quarter
    jobs: Jobs
    target_group: TargetGroup
    praktijkroute: Praktijkroute
    flows: Flows
    sheltered: Sheltered | None
    candidates: Candidates | None
    assessments: list[tuple[int, int, int, int]] | None  # year, wajong 2015, banenafspraak, beschut
    published: Values  # the period's figures, as its record holds them (input/records.py)
    revisions: tuple[Revision, ...]  # earlier quarters' figures changed since their records
    illustrative: Illustrative  # the illustrative values the documents use, as they list them


def compute(data: Dataset, earlier: dict[Quarter, Record] | None = None) -> Figures:
    """The figures of the dataset; `earlier` are the records of earlier builds of the region
    (`records.earlier`), whose figures UWV may have revised since."""
    period = data.period
    revised = revisions.compute(data, earlier or {})
    counted = jobs.compute(data)
    return Figures(
        region=data.region,
        year=period.year,
        last_year=period.year - 1,
        next_year=period.year + 1,
        period=period,
        previous=period.previous,
        year_ago=period.shift(-4),
        jobs=counted,
        target_group=target_group.compute(data),
        praktijkroute=praktijkroute.compute(
            data, counted.growth_this_year, counted.growth_last_year_to_date
        ),
        flows=flows.compute(data),
        sheltered=instruments.sheltered(data),
        candidates=instruments.candidates(data),
        assessments=instruments.assessments(data),
        published=revisions.values(data, period),
        revisions=revised,
        illustrative=illustrative.compute(data, revised),
    )
