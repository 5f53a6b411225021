"""The parts of sections 3 to 5, each present only when its data is given: nieuw beschut
werk (with UWV's three-month lag), the Kandidatenverkenner, and the assessments of
arbeidsvermogen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from banenafspraak.figures import lookup
from banenafspraak.figures.shapes import Share, percent
from banenafspraak.quarters import Quarter

if TYPE_CHECKING:  # pandas is imported with the dataset; rendering never needs it
    from banenafspraak.input.dataset import Dataset


@dataclass(frozen=True)
class Advices:
    until: object
    positive: int
    negative: int
    total: int
    on_request: int


@dataclass(frozen=True)
class Sheltered:
    target: int
    working: int
    working_change: int | None
    # UWV's placement rate: the people working at the peildatum against the positive advices
    # up to three months earlier (a placement takes about that long). None when the data
    # lacks the previous quarter's advices.
    lagged_until: object  # the end of the previous quarter
    positive_lagged: int | None
    placement_pct: int | None
    target_pct: int  # the people working against the places of the taakstelling
    # The newest advices, up to a date; None when that date lies after the report's own.
    advices: Advices | None
    national_working: int | None  # None without national figures
    national_placement_pct: int | None  # None without national figures


@dataclass(frozen=True)
class Candidates:
    quarter: Quarter
    uwv: Share
    municipal: Share


def sheltered(data: Dataset) -> Sheltered | None:
    """Section 5 is only written when the period itself has a row."""
    rows, period = data.sheltered, data.period
    if period not in rows.index:
        return None
    row = rows.loc[period]
    before = rows.loc[period.previous] if period.previous in rows.index else None
    lagged = None if before is None else int(before["positieve_adviezen"])
    return Sheltered(
        target=int(row["taakstelling"]),
        working=int(row["werkzaam"]),
        working_change=None if before is None else int(row["werkzaam"]) - int(before["werkzaam"]),
        lagged_until=period.previous.end_date,
        positive_lagged=lagged,
        placement_pct=None if not lagged else percent(row["werkzaam"], lagged),
        target_pct=percent(row["werkzaam"], row["taakstelling"]),
        advices=_advices(row) if data.advices_in_time() else None,
        national_working=lookup.national(data, "beschut_werkzaam"),
        national_placement_pct=lookup.national(data, "beschut_plaatsing_pct"),
    )


def _advices(row) -> Advices:
    positive, negative = int(row["adviezen_positief"]), int(row["adviezen_negatief"])
    return Advices(
        until=row["adviezen_tot"],
        positive=positive,
        negative=negative,
        total=positive + negative,
        on_request=int(row["adviezen_op_verzoek"]),
    )


def candidates(data: Dataset) -> Candidates | None:
    row = data.candidates
    if row is None:
        return None
    return Candidates(
        quarter=row["kwartaal"],
        uwv=Share(int(row["profielen_uwv"]), percent(row["profielen_uwv"], row["doelgroep_uwv"])),
        municipal=Share(
            int(row["profielen_gemeente"]),
            percent(row["profielen_gemeente"], row["doelgroep_gemeente"]),
        ),
    )


def assessments(data: Dataset) -> list[tuple[int, int, int, int]] | None:
    if data.assessments is None:
        return None
    return [
        (int(year), int(row["wajong_2015"]), int(row["banenafspraak"]), int(row["beschut_werk"]))
        for year, row in data.assessments.iterrows()
    ]
