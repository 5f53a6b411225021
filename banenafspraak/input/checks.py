"""Reconciliation: the sums and identities that must hold in any input (domain.md)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from banenafspraak.input.tables import FILE, REASONS, ROW, STAYER_GROUPS
from banenafspraak.problems import Collector, did_you_mean

if TYPE_CHECKING:  # imported where a table is read (see sheets.py)
    import pandas as pd

GROUPS = ("pwet", "wajong", "wsw")

# total column -> the columns that must add up to it, per table
SPLITS: dict[str, dict[str, tuple[str, ...]]] = {
    "kwartaalcijfers": {
        "banen": ("banen_markt", "banen_overheid", "banen_uitzend"),
        "personen": ("personen_wajong", "personen_pwet", "personen_wsw"),
        "werkzaam": ("werkzaam_wajong", "werkzaam_pwet", "werkzaam_wsw"),
    },
    "doelstellingen": {"totaal": ("markt", "overheid")},
}
# The convenant rounds its market and government targets separately (2018: 388 + 106 = 494
# against a total of 493), so a target's parts may miss the total by one.
SPLIT_TOLERANCE = {"doelstellingen": 1}
# part column -> the column it cannot exceed
AT_MOST: dict[str, dict[str, str]] = {
    "kwartaalcijfers": {
        "werkzaam": "personen",
        **{f"werkzaam_{group}": f"personen_{group}" for group in GROUPS},
    },
    "nulmeting": {"werkzaam": "personen"},
    "kandidatenverkenner": {
        "profielen_uwv": "doelgroep_uwv",
        "profielen_gemeente": "doelgroep_gemeente",
    },
}
REASONS_TOLERANCE = 2  # rounded percentages may add up to 98-102


def check_tables(frames: dict[str, pd.DataFrame], problems: Collector) -> None:
    """Every check that one file, or one row, can fail on its own or against another."""
    _check_region_names(frames, problems)
    for name, splits in SPLITS.items():
        if name in frames:
            _check_splits(frames[name], splits, SPLIT_TOLERANCE.get(name, 0), problems)
    for name, limits in AT_MOST.items():
        if name in frames:
            _check_at_most(frames[name], limits, problems)
    if "stromen" in frames:
        _check_reasons(frames["stromen"], problems)
        if "kwartaalcijfers" in frames:
            _check_flows(frames["stromen"], frames["kwartaalcijfers"], problems)


def _where(row: pd.Series) -> dict[str, object]:
    return {"row": int(row[ROW])}


def _known(value: object) -> bool:
    """False for a cell that failed to parse (None, or NaN once pandas has held it)."""
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _complete(row: pd.Series, columns: tuple[str, ...] | list[str]) -> bool:
    return all(_known(row[column]) for column in columns)


def _check_region_names(frames: dict[str, pd.DataFrame], problems: Collector) -> None:
    if "regios" not in frames:
        return
    known = [str(name) for name in frames["regios"]["naam"] if _known(name)]
    for frame in frames.values():
        if "regio" not in frame.columns:
            continue
        for _, row in frame.iterrows():
            region = row["regio"]
            if _known(region) and region not in known:
                problems.add(
                    row[FILE],
                    f"de regio '{region}' is onbekend (zie regios)",
                    field="regio",
                    hint=did_you_mean(region, known),
                    **_where(row),
                )


def _shown(value: object) -> str:
    """A figure as a message shows it: 923, not the 923.0 a column with an empty cell holds;
    a decimal with a comma."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace(".", ",")


def _check_splits(
    frame: pd.DataFrame, splits: dict[str, tuple[str, ...]], tolerance: int, problems: Collector
) -> None:
    for _, row in frame.iterrows():
        for total, parts in splits.items():
            if not _complete(row, [total, *parts]):
                continue
            added = sum(row[part] for part in parts)
            if abs(added - row[total]) > tolerance:
                problems.add(
                    row[FILE],
                    f"{' + '.join(parts)} = {_shown(added)}, maar {total} is {_shown(row[total])}",
                    field=total,
                    **_where(row),
                )


def _check_at_most(frame: pd.DataFrame, limits: dict[str, str], problems: Collector) -> None:
    for _, row in frame.iterrows():
        for part, whole in limits.items():
            if _complete(row, [part, whole]) and row[part] > row[whole]:
                problems.add(
                    row[FILE],
                    f"{part} ({_shown(row[part])}) is groter dan {whole} ({_shown(row[whole])})",
                    field=part,
                    **_where(row),
                )


def _check_reasons(flows: pd.DataFrame, problems: Collector) -> None:
    columns = [f"reden_{reason}" for reason in REASONS]
    for _, row in flows.iterrows():
        if not _complete(row, columns):
            continue
        total = sum(row[column] for column in columns)
        if abs(total - 100) > REASONS_TOLERANCE:
            problems.add(
                row[FILE],
                f"de redenen van uitstroom tellen op tot {total}%, niet tot 100%",
                field="reden_*",
                **_where(row),
            )


def stayer_total(row: pd.Series, group: str) -> int:
    return sum(row[f"{group}_{category}"] for category in GROUPS)


def _check_flows(flows: pd.DataFrame, quarterly: pd.DataFrame, problems: Collector) -> None:
    """The flow identities of domain.md, against this and the previous quarter's counts."""
    counts = {
        (row["regio"], row["kwartaal"]): row
        for _, row in quarterly.iterrows()
        if _complete(row, ["regio", "kwartaal"])
    }
    for _, flow in flows.iterrows():
        if not _complete(flow, list(flows.columns.drop([FILE, ROW]))):
            continue
        now = counts.get((flow["regio"], flow["kwartaal"]))
        before = counts.get((flow["regio"], flow["kwartaal"].previous))
        if now is None or before is None:
            missing = [
                str(quarter)
                for quarter, row in ((flow["kwartaal"].previous, before), (flow["kwartaal"], now))
                if row is None
            ]
            problems.add(
                str(quarterly[FILE].iloc[0]) if len(quarterly) else "kwartaalcijfers",
                f"voor {flow['regio']} ontbreekt {' en '.join(missing)}; de stromen van "
                f"{flow['kwartaal']} ({flow[FILE]}, regel {flow[ROW]}) hebben "
                f"{'dat kwartaal' if len(missing) == 1 else 'die kwartalen'} nodig",
            )
            continue
        for message in _flow_identities(flow, before, now):
            problems.add(flow[FILE], message, **_where(flow))


def _flow_identities(flow: pd.Series, before: pd.Series, now: pd.Series) -> list[str]:
    keeps, loses, idle, finds = (stayer_total(flow, group) for group in STAYER_GROUPS)
    stayers = keeps + loses + idle + finds
    outflow = flow["uitstroom_werkend"] + flow["uitstroom_niet_werkend"]
    inflow = flow["instroom_werkend"] + flow["instroom_niet_werkend"]
    rules = [
        (before["personen"], stayers + outflow, "personen vorig kwartaal", "blijvers + uitstroom"),
        (now["personen"], stayers + inflow, "personen dit kwartaal", "blijvers + instroom"),
        (
            before["werkzaam"],
            keeps + loses + flow["uitstroom_werkend"],
            "werkzaam vorig kwartaal",
            "behoudt werk + verliest werk + werkende uitstroom",
        ),
        (
            now["werkzaam"],
            keeps + finds + flow["instroom_werkend"],
            "werkzaam dit kwartaal",
            "behoudt werk + vindt werk + werkende instroom",
        ),
        (now["werkvinders"], finds, "werkvinders in kwartaalcijfers", "vindt werk"),
        (now["werkverliezers"], loses, "werkverliezers in kwartaalcijfers", "verliest werk"),
    ]
    if not all(_known(expected) for expected, *_ in rules):
        return []
    return [
        f"{left} ({_shown(expected)}) is niet gelijk aan {right} ({_shown(found)})"
        for expected, found, left, right in rules
        if expected != found
    ]


# A change this many times the largest of the previous eight is probably a typo.
SUSPICIOUS_FACTOR = 3
CHANGE_COLUMNS = ("banen", "personen", "werkzaam")


def check_changes(quarterly: pd.DataFrame, problems: Collector) -> None:
    """Warn (not fail) on a quarter's change far outside the usual range."""
    if len(quarterly) < 3:
        return
    latest = quarterly.index[-1]
    for column in CHANGE_COLUMNS:
        changes = quarterly[column].astype(int).diff().dropna().abs()
        if len(changes) < 2:
            continue
        usual = changes.iloc[-9:-1].max()
        last = changes.iloc[-1]
        if usual > 0 and last > SUSPICIOUS_FACTOR * usual:
            row = quarterly.loc[latest]
            problems.warn(
                row[FILE],
                f"{column} veranderde in {latest} met {int(last)}, meer dan "
                f"{SUSPICIOUS_FACTOR} keer de grootste verandering van de kwartalen ervoor "
                f"({int(usual)}); is dit een tikfout?",
                row=int(row[ROW]),
                field=column,
            )
