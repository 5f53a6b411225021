"""The build, stage by stage: config -> data -> figures -> charts -> documents."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from banenafspraak.figures.compute import Figures, compute
from banenafspraak.formatting import month_year
from banenafspraak.input import records
from banenafspraak.input.config import Config
from banenafspraak.problems import Collector
from banenafspraak.render import paths, writers
from banenafspraak.render import records as record_files
from banenafspraak.run.interrupts import check as stop_if_interrupted
from banenafspraak.run.output import write_set

if TYPE_CHECKING:
    from banenafspraak.charts.drawing import Chart
    from banenafspraak.input.dataset import Dataset
    from banenafspraak.run.forked import Standby

TITLES = {
    "kwartaalrapportage": "Kwartaalrapportage Banenafspraak {region} {month}",
    "factsheet": "Factsheet banenafspraak arbeidsmarktregio {region}, {quarter}",
    "agendavoorstel": "Agendavoorstel {body}: kwartaalcijfers banenafspraak {quarter}",
}


@dataclass(frozen=True)
class Written:
    path: Path
    pages: int | None  # PDFs only
    record: bool = False  # the record of the figures published (cijfers-…json and .csv)


def load_data(config: Config, config_path: Path, problems: Collector) -> Dataset | None:
    # Imported here: pandas is for reading data, and a parallel build forks its renderer
    # before it is loaded (see `build`).
    from banenafspraak.input import dataset

    return dataset.load(config, config_path.parent, str(config_path), problems)


def targets(
    folder: Path, config: Config, names: list[str], formats: tuple[str, ...] = writers.FORMATS
) -> list[Path]:
    """The files a build of these documents in these formats writes: the documents' files
    and, whenever there are any, the record of the figures published (none: nothing is built)."""
    found = [
        path for kind in formats for path in writers.WRITERS[kind].targets(folder, config, names)
    ]
    return [*found, *record_files.targets(folder, config)] if found else []


def title(name: str, config: Config) -> str:
    return TITLES[name].format(
        region=config.regio,
        month=month_year(config.publicatiedatum),
        quarter=config.quarter.text,
        body=config.werkbedrijf.naam,
    )


# A document's chart module is imported only when its charts are drawn: loading and checking
# data (`--check`) never need Matplotlib.
def _report_charts(numbers: Figures) -> dict[str, Chart]:
    from banenafspraak.charts.report_charts import report_charts

    return report_charts(numbers)


def _factsheet_charts(numbers: Figures) -> dict[str, Chart]:
    from banenafspraak.charts.factsheet_charts import factsheet_charts

    return factsheet_charts(numbers)


# The charts each document shows; a set is drawn only when a document needing it is built.
CHART_SETS: dict[str, Callable[[Figures], dict[str, Chart]]] = {
    "kwartaalrapportage": _report_charts,
    "factsheet": _factsheet_charts,
}


def _no_timing(stage: str) -> None:
    pass


def build(
    data: Dataset,
    config: Config,
    output: Path,
    names: list[str],
    lap: Callable[[str], None] = _no_timing,
    formats: tuple[str, ...] = writers.FORMATS,
    beside: Standby | None = None,
) -> list[Written]:
    """Write the named documents in the given formats ("pdf", "html"). Every writer renders
    every file first; then all are written as one set (all or nothing), so a failure part-way
    leaves every earlier report as it was. `lap(stage)` is called as each stage ends (for the
    benchmark). With `beside` (a child forked before the data was read, see forked.Standby,
    which has imported Matplotlib and WeasyPrint meanwhile) every document renders there, on
    two cores (`_render_all`), and this process never loads those libraries; the bytes are
    the same either way."""
    # The records of earlier builds are input: what was published then, to name revisions.
    earlier = records.earlier(output, paths.slug(config.regio), data.region, data.period)
    numbers = compute(data, earlier)
    lap("figures")
    # Documents name each other (the agendavoorstel lists its attachments) by these titles.
    titles = {name: title(name, config) for name in TITLES}
    jobs = [(kind, name) for kind in formats for name in names if writers.shows(kind, name)]
    # The record of what this build published, whatever its documents and formats; the web
    # index offers it for download.
    kept = record_files.outputs(numbers, config, output)
    try:
        if beside is not None:
            beside.give(_render_all, jobs, titles, numbers, config, output, formats, kept, True)
            rendered = beside.result(while_waiting=stop_if_interrupted)
        else:
            rendered = _render_all(jobs, titles, numbers, config, output, formats, kept, lap=lap)
        stop_if_interrupted()
    finally:
        if beside is not None:
            beside.stop()
    write_set([(item.path, item.content) for item in [*rendered, *kept]])
    lap("write")
    # A stop signal that came while the set went in is left to the caller: the set is whole.
    return [Written(item.path, item.pages) for item in rendered] + [
        Written(item.path, None, record=True) for item in kept
    ]


def _render_all(
    jobs: list[Job],
    titles: dict[str, str],
    numbers: Figures,
    config: Config,
    output: Path,
    formats: tuple[str, ...],
    kept: list[writers.Output],
    parallel: bool = False,
    lap: Callable[[str], None] = _no_timing,
) -> list[writers.Output]:
    """Every job's outputs and what the writers add once all are rendered, in the order of
    a sequential build. `parallel` (in the child a parallel build forked): the
    kwartaalrapportage renders in a child of this one, on the second core, while this
    process draws three of its charts for it and renders the rest."""
    from banenafspraak.run import forked, preload

    preload.load()
    from banenafspraak.charts import drawing

    drawing.setup()
    apart = [job for job in jobs if job[1] == APART] if parallel else []
    here = [job for job in jobs if job not in apart]
    if not apart or not here:
        apart, here = [], jobs
    second = forked.Standby(_ready) if apart else None
    try:
        if second is not None:
            second.give(_render_apart, apart, titles, numbers, config, output)
            # The child has more to do: this process draws part of its charts for it.
            from banenafspraak.charts.report_charts import first_report_charts

            second.send(first_report_charts(numbers))
        chosen = _writers(formats, titles)
        done = _render(here, chosen, numbers, config, output, lap)
        if second is not None:
            done.update(second.result())
        stop_if_interrupted()
    finally:
        if second is not None:
            second.stop()
    # In the order of a sequential build, so that the index and the set are the same.
    rendered = [item for job in jobs for item in done[job]]
    for writer in chosen.values():
        rendered += writer.finish([*rendered, *kept], numbers, config, output)
    stop_if_interrupted()
    return rendered


def _ready() -> None:
    """The second renderer's preparation: none, it is forked with everything loaded."""


# The document rendered beside the others in a parallel build: the longest, with most charts.
APART = "kwartaalrapportage"

Job = tuple[str, str]  # a writer's kind ("pdf", "html") and a document's name


def _writers(kinds: Iterable[str], titles: dict[str, str]) -> dict[str, writers.Writer]:
    return {kind: writers.WRITERS[kind](titles) for kind in kinds}


def _render_apart(
    jobs: list[Job], titles: dict[str, str], numbers: Figures, config: Config, output: Path
) -> dict[Job, list[writers.Output]]:
    """The jobs rendered by the second renderer, with writers of its own. The
    kwartaalrapportage's first charts come from the process that forked it (forked.receive),
    drawn while this one draws the rest."""
    from banenafspraak.charts.report_charts import other_report_charts
    from banenafspraak.run import forked

    others = other_report_charts(numbers)
    drawn = {APART: {**forked.receive(), **others}}
    chosen = _writers({kind for kind, _ in jobs}, titles)
    return _render(jobs, chosen, numbers, config, output, drawn=drawn)


def _render(
    jobs: list[Job],
    chosen: dict[str, writers.Writer],
    numbers: Figures,
    config: Config,
    output: Path,
    lap: Callable[[str], None] = _no_timing,
    drawn: dict[str, dict[str, Chart]] | None = None,
) -> dict[Job, list[writers.Output]]:
    """Each job's outputs; each document's charts (unless `drawn` holds them) are drawn
    once, when first needed."""
    from banenafspraak.render import documents

    drawn = dict(drawn or {})
    done = {}
    for kind, name in jobs:
        stop_if_interrupted()
        if name in CHART_SETS and name not in drawn:
            drawn[name] = CHART_SETS[name](numbers)
            lap("charts")
            stop_if_interrupted()
        writer = chosen[kind]
        document = documents.Document(name, writer.env.globals["titles"][name])
        done[(kind, name)] = writer.render(
            document, numbers, config, drawn.get(name, {}), output, lap
        )
    stop_if_interrupted()
    return done
