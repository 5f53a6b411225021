"""What a batch says while it runs: the headline, a line or a progress bar per region, the
problems of rows that belong to no region built, and the summary."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from banenafspraak.problems import Problem
from banenafspraak.quarters import Quarter
from banenafspraak.run.batch_job import Outcome, Region


def plural(count: int) -> str:
    return "1 regio" if count == 1 else f"{count} regio's"


def headline(quarter: Quarter, regions: int, workers: int | None) -> None:
    """'Alle regio's bouwen voor 2018-Q4: 3 regio's, 2 werkers' (`workers` None: checking)."""
    verb = "controleren" if workers is None else "bouwen"
    text = f"Alle regio's {verb} voor {quarter}: {plural(regions)}"
    if workers is not None:
        text += f", {workers} {'werker' if workers == 1 else 'werkers'}"
    print(text, flush=True)


class Progress:
    """A progress bar on a terminal, one plain line per region otherwise (logs, tests)."""

    def __init__(self, total: int, bar: bool) -> None:
        self.total, self.done, self.failed = total, 0, 0
        self._bar = None
        if bar and total:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="regio", file=sys.stderr, dynamic_ncols=True)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *_: object) -> None:
        if self._bar is not None:
            self._bar.close()

    def region(self, name: str, summary: str, lines: Iterable[str], failed: bool) -> None:
        """One region is done: built or failed (`summary`), with its problems or warnings."""
        self.done += 1
        lines = list(lines)
        self.failed += failed
        if self._bar is None:
            width = len(str(self.total))
            print(f"[{self.done:>{width}}/{self.total}] {name}: {summary}", flush=True)
            for line in lines:
                print(f"    {line}", flush=True)
            return
        if lines:
            self._bar.write("\n".join([f"{name}: {summary}", *(f"    {x}" for x in lines)]))
        self._bar.set_postfix_str(f"mislukt: {self.failed}" if self.failed else "")
        self._bar.update()


class Tally:
    """The outcomes that came in and the regions that failed, in the order they came."""

    def __init__(self, found: list[Region]) -> None:
        self.warnings = {region.name: region.warnings for region in found}
        self.outcomes: list[Outcome] = []
        self.failed: list[str] = []

    def add(self, outcome: Outcome, progress: Progress) -> None:
        """Note and report an outcome; one stopped before its set was written is neither
        built nor failed (the batch was interrupted) and is only noted."""
        self.outcomes.append(outcome)
        if outcome.interrupted and not outcome.failed:
            return
        if outcome.failed:
            self.failed.append(outcome.region)
        progress.region(outcome.region, *_reported(outcome, self.warnings.get(outcome.region, ())))

    def left(self, found: list[Region]) -> list[str]:
        """Regions with data that were neither built nor failed: the batch ended first."""
        done = {outcome.region for outcome in self.outcomes if outcome.built or outcome.failed}
        return [region.name for region in found if region.data and region.name not in done]


def problem_lines(problems: Iterable[Problem], warnings: Iterable[Problem] = ()) -> list[str]:
    return [f"Fout: {p}" for p in problems] + [f"Waarschuwing: {p}" for p in warnings]


def _reported(outcome: Outcome, warnings: Iterable[Problem]) -> tuple[str, list[str], bool]:
    """What the progress says of a built region: summary, lines under it, failed or not."""
    if not outcome.failed:
        return _built(outcome), problem_lines((), warnings), False
    lines = problem_lines(outcome.problems)
    if outcome.failure:
        lines.append(f"Fout: {outcome.failure}")
    if outcome.error:
        lines.append(f"Interne fout: {outcome.error}")
    return "mislukt", lines, True


def _built(outcome: Outcome) -> str:
    """'3 PDF's (11 pagina's), 6 webbestanden, 2 cijferbestanden'."""
    pdfs = [written for written in outcome.written if written.pages is not None]
    kept = sum(1 for written in outcome.written if written.record)
    web = len(outcome.written) - len(pdfs) - kept
    pages = sum(written.pages for written in pdfs)
    parts = []
    if pdfs:
        count = "1 PDF" if len(pdfs) == 1 else f"{len(pdfs)} PDF's"
        paged = "1 pagina" if pages == 1 else f"{pages} pagina's"
        parts.append(f"{count} ({paged})")
    if web:
        parts.append("1 webbestand" if web == 1 else f"{web} webbestanden")
    if kept:
        parts.append("1 cijferbestand" if kept == 1 else f"{kept} cijferbestanden")
    return ", ".join(parts)


def other_problems(others: list[Problem]) -> None:
    """Problems in rows of regions that are not built (a name not in data/regios)."""
    if not others:
        return
    print("Overige gegevens (regels van regio's die niet gebouwd worden):", file=sys.stderr)
    for line in problem_lines(others):
        print(f"    {line}", file=sys.stderr)


def summary(
    found: list[Region],
    failed: list[str],
    others: list[Problem],
    check: bool,
    seconds: float,
    left: list[str] | None = None,
) -> None:
    order = [region.name for region in found]
    failed = sorted(failed, key=order.index)
    left = left or []
    good = len(found) - len(failed) - len(left)
    done = "in orde" if check else "gebouwd"
    text = f"Klaar in {seconds:.1f} s: {plural(good)} {done}".replace(".", ",", 1)
    if failed:
        text += f", {plural(len(failed))} mislukt: {', '.join(failed)}"
    if left:
        text += f", {plural(len(left))} niet gebouwd: {', '.join(left)}"
    if others:
        text += f"; {len(others)} {'probleem' if len(others) == 1 else 'problemen'} in overige"
        text += " gegevens"
    print(text + ".")
