"""Loading the data folder, checking it, and picking out one region and period."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from banenafspraak.input import checks, history, tables, workbook
from banenafspraak.input.config import Config
from banenafspraak.problems import Collector, did_you_mean
from banenafspraak.quarters import Quarter


@dataclass(frozen=True)
class Dataset:
    """The checked figures of one region, as typed tables; only figures.py reads this."""

    region: str
    period: Quarter
    baseline: pd.Series
    targets: pd.DataFrame  # one target series, indexed by year
    quarterly: pd.DataFrame  # indexed by Quarter, up to and including the period
    corrections: pd.DataFrame  # indexed by Quarter
    flows: pd.DataFrame  # indexed by Quarter
    national: pd.Series | None  # the period's national comparison figures, if given
    sheltered: pd.DataFrame  # indexed by Quarter; empty when not given
    candidates: pd.Series | None
    assessments: pd.DataFrame | None  # indexed by year
    # Every region-quarter table (tables.REGION_QUARTER) by name, indexed by Quarter, up to
    # and including the period: what is published of a quarter, and compared with it later.
    by_quarter: dict[str, pd.DataFrame] = field(default_factory=dict)
    # The report's own date: no fact dated after it may be stated (the newest sheltered-work
    # advices, for instance, when an earlier quarter is built from today's data).
    report_date: date | None = None

    def advices_in_time(self) -> bool:
        """Whether the period's newest sheltered-work advices are dated on or before the
        report's own date, so that the report may state them."""
        if self.period not in self.sheltered.index or self.report_date is None:
            return True
        return self.sheltered.loc[self.period, "adviezen_tot"] <= self.report_date


def read_all(folder: Path, problems: Collector) -> dict[str, pd.DataFrame]:
    """Every table in the folder, typed; problems collected along the way."""
    if folder.exists() and not folder.is_dir():
        problems.add(str(folder), "de gegevensmap is een bestand, geen map")
        return {}
    if not folder.is_dir():
        problems.add(str(folder), "de gegevensmap bestaat niet")
        return {}
    book = workbook.path_in(folder)
    if book is not None:
        return workbook.read_tables(book, problems)
    return tables.read_files(folder, problems)


def leave_out_unfilled(
    frames: dict[str, pd.DataFrame], period: Quarter, problems: Collector
) -> None:
    """Rows of a quarter after `period` that are still empty (prepared by --nieuw-kwartaal)
    are left out, with their empty cells: an earlier quarter builds while the new one is
    being filled in. Said once per file, as a warning."""
    for name, frame in frames.items():
        lines = set(frame.attrs.get(tables.UNFILLED, ()))
        if not lines or "kwartaal" not in frame.columns:
            continue
        after = frame["kwartaal"].map(lambda quarter: quarter is not None and quarter > period)
        later = frame[frame[tables.ROW].isin(lines) & after]
        if later.empty:
            continue
        file = str(later[tables.FILE].iloc[0])
        dropped = {(file, int(line)) for line in later[tables.ROW]}
        problems.problems[:] = [p for p in problems.problems if (p.file, p.row) not in dropped]
        frames[name] = _whole_again(frame.drop(later.index), name)
        quarters = " en ".join(sorted({str(quarter) for quarter in later["kwartaal"]}))
        said = (
            f"de regel van {quarters} is nog niet ingevuld en telt"
            if len(later) == 1
            else f"de regels van {quarters} zijn nog niet ingevuld en tellen"
        )
        problems.warn(file, f"{said} niet mee voor {period}", row=int(later[tables.ROW].iloc[0]))


def _whole_again(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Counts as whole numbers again once the empty row is gone: pandas held the column as
    floats (962.0) for its empty cells, a file without that row gives integers."""
    table = next(table for table in tables.ALL if table.name == name)
    for column, kind in table.columns.items():
        whole = kind in ("count", "signed", "year") and frame[column].dtype.kind == "f"
        if whole and frame[column].notna().all():
            frame[column] = frame[column].astype("int64")
    return frame


def check_folder(folder: Path, problems: Collector) -> None:
    """Every check that needs no config: the files, their cells and their sums."""
    frames = read_all(folder, problems)
    checks.check_tables(frames, problems)
    workbook.name_cells(frames, problems)


def load(config: Config, base: Path, config_name: str, problems: Collector) -> Dataset | None:
    """Read, check and select; None (with problems) when the data cannot be built from."""
    folder = base / config.gegevensmap
    frames = read_all(folder, problems)
    leave_out_unfilled(frames, config.quarter, problems)
    checks.check_tables(frames, problems)
    workbook.name_cells(frames, problems)
    if problems.problems:
        return None
    return select(frames, config, base, config_name, problems)


def select(
    frames: dict[str, pd.DataFrame],
    config: Config,
    base: Path,
    config_name: str,
    problems: Collector,
) -> Dataset | None:
    """The config's region from tables already read and checked (`check_tables`), so that a
    batch reads the folder once and selects each region from it."""
    folder = str(base / config.gegevensmap)
    dataset = _select(frames, config, folder, config_name, problems)
    if dataset is not None:
        checks.check_changes(dataset.quarterly, problems)
        workbook.name_cells(frames, problems)
    return None if problems.problems else dataset


def _rows(frame: pd.DataFrame | None, region: str) -> pd.DataFrame:
    if frame is None:
        return pd.DataFrame()
    return frame[frame["regio"] == region]


def _select(
    frames: dict[str, pd.DataFrame],
    config: Config,
    folder: str,
    config_name: str,
    problems: Collector,
) -> Dataset | None:
    files = {name: str(frame[tables.FILE].iloc[0]) for name, frame in frames.items()}
    regions = frames["regios"]
    names = list(regions["naam"])
    if config.regio not in names:
        problems.add(
            config_name,
            f"de regio '{config.regio}' staat niet in {files['regios']}",
            field="regio",
            hint=did_you_mean(config.regio, names),
        )
        return None
    region, period = config.regio, config.quarter

    baseline = _rows(frames["nulmeting"], region)
    if baseline.empty:
        problems.add(files["nulmeting"], f"er is geen nulmeting voor {region}")

    targets = _rows(frames["doelstellingen"], region)
    series = sorted(set(targets["reeks"])) if not targets.empty else []
    targets = targets[targets["reeks"] == config.doelstelling].set_index("jaar")
    if targets.empty:
        problems.add(
            config_name,
            f"er is geen reeks doelstellingen '{config.doelstelling}' voor {region}"
            + (f"; wel: {', '.join(series)}" if series else ""),
            field="doelstelling",
            hint=did_you_mean(config.doelstelling, series),
        )
    elif period.year not in targets.index:
        problems.add(
            files["doelstellingen"],
            f"de doelstelling voor {period.year} ontbreekt in reeks '{config.doelstelling}'",
        )
    elif period.year - 1 not in targets.index:
        problems.warn(
            files["doelstellingen"],
            f"de doelstelling voor {period.year - 1} ontbreekt in reeks "
            f"'{config.doelstelling}'; de documenten laten de groei weg die de doelstellingen "
            f"voor {period.year} aangeven",
        )

    quarterly = _by_quarter(_rows(frames["kwartaalcijfers"], region), period)
    _check_history(quarterly, period, files["kwartaalcijfers"], region, problems)

    flows = _by_quarter(_rows(frames["stromen"], region), period)
    if period not in flows.index:
        problems.warn(
            files["stromen"],
            f"de stromen van {region} in {period} ontbreken; de factsheet laat de stromen "
            "tussen de kwartalen (grafiek 4) weg",
        )
    sheltered = _by_quarter(_rows(frames.get("beschut_werk"), region), period)
    if not sheltered.empty and period not in sheltered.index:
        problems.warn(
            files["beschut_werk"],
            f"de cijfers over nieuw beschut werk van {region} in {period} ontbreken; de "
            "kwartaalrapportage laat dat onderdeel weg",
        )

    national = _by_quarter(frames["landelijk"], period)
    if period not in national.index:
        problems.warn(
            files["landelijk"],
            f"de landelijke cijfers van {period} ontbreken; de documenten laten de vergelijking "
            "met heel Nederland weg",
        )

    candidate_rows = _rows(frames.get("kandidatenverkenner"), region)
    candidates = _latest_published(candidate_rows, config.publicatiedatum)
    if candidates is None and not candidate_rows.empty:
        problems.warn(
            files["kandidatenverkenner"],
            f"er zijn geen cijfers van de Kandidatenverkenner voor {region} die vóór de "
            f"publicatiedatum bekend waren; de kwartaalrapportage laat dat onderdeel weg",
        )

    if problems.problems:
        return None
    data = Dataset(
        region=region,
        period=period,
        baseline=baseline.iloc[0],
        targets=targets,
        quarterly=quarterly,
        corrections=_by_quarter(_rows(frames.get("correcties"), region), period),
        flows=flows,
        national=national.loc[period] if period in national.index else None,
        sheltered=sheltered,
        candidates=candidates,
        assessments=_assessments(_rows(frames.get("arbeidsvermogen"), region), period),
        by_quarter={
            table.name: _by_quarter(_rows(frames.get(table.name), region), period)
            for table in tables.REGION_QUARTER
        },
        report_date=config.publicatiedatum,
    )
    if not data.advices_in_time():
        problems.warn(
            files["beschut_werk"],
            f"de adviezen beschut werk van {region} in {period} lopen tot en met "
            f"{sheltered.loc[period, 'adviezen_tot']:%d-%m-%Y}, na de publicatiedatum van de "
            "rapportage; de kwartaalrapportage laat die adviezen weg",
        )
    return data


def _by_quarter(frame: pd.DataFrame, period: Quarter) -> pd.DataFrame:
    """Rows up to and including the period, indexed and sorted by quarter."""
    if frame.empty:
        return frame
    frame = frame[frame["kwartaal"].map(lambda quarter: quarter <= period)]
    return frame.set_index("kwartaal").sort_index()


def _check_history(
    frame: pd.DataFrame, period: Quarter, name: str, region: str, problems: Collector
) -> None:
    """The period itself and every quarter the documents use from the region's first row on
    must be there (a gap is an error); what lies before the first row is left out, with a
    warning per part of the documents that needs it."""
    first = min(frame.index) if len(frame) else period
    needed = {q for q in history.all_needed(period) if q >= first} | {period}
    missing = sorted(quarter for quarter in needed if quarter not in frame.index)
    if missing:
        problems.add(
            name,
            f"voor {region} ontbreken de kwartalen {', '.join(map(str, missing))}; "
            "die zijn nodig voor de grafieken en vergelijkingen",
        )
        return
    for quarters, left_out in history.gaps(period, set(frame.index)):
        problems.warn(
            name,
            f"de cijfers van {region} beginnen bij {first}; zonder "
            f"{history.quarters_text(quarters)} {left_out}",
        )


def _latest_published(frame: pd.DataFrame, published: object) -> pd.Series | None:
    """The newest row whose quarter had ended by the publication date."""
    if frame.empty:
        return None
    frame = frame[frame["kwartaal"].map(lambda quarter: quarter.end_date <= published)]
    return None if frame.empty else frame.sort_values("kwartaal").iloc[-1]


def _assessments(frame: pd.DataFrame, period: Quarter) -> pd.DataFrame | None:
    if frame.empty:
        return None
    frame = frame[frame["jaar"] <= period.year]
    return None if frame.empty else frame.set_index("jaar").sort_index()
