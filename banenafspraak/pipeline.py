"""The build, stage by stage: config -> data -> figures -> charts -> documents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import charts, dataset, documents, figures
from .config import Config
from .problems import Collector

TITLES = {
    "kwartaalrapportage": "Kwartaalrapportage Banenafspraak {region} {month}",
    "factsheet": "Factsheet banenafspraak arbeidsmarktregio {region}, {quarter}",
    "agendavoorstel": "Agendavoorstel Werkkamer: kwartaalcijfers banenafspraak {quarter}",
}


@dataclass(frozen=True)
class Written:
    path: Path
    pages: int


def load_data(config: Config, config_path: Path, problems: Collector) -> dataset.Dataset | None:
    return dataset.load(config, config_path.parent, str(config_path), problems)


def title(name: str, config: Config) -> str:
    from .formatting import month_year

    return TITLES[name].format(
        region=config.regio,
        month=month_year(config.publicatiedatum),
        quarter=config.quarter.text,
    )


def build(data: dataset.Dataset, config: Config, output: Path, names: list[str]) -> list[Written]:
    """Write the named documents; each lands whole or not at all."""
    numbers = figures.compute(data)
    charts.setup()
    drawn = charts.report_charts(numbers)
    env = documents.environment()
    written = []
    for name in names:
        document = documents.Document(name, title(name, config))
        html = documents.render_html(env, document, numbers, config, drawn)
        target = documents.output_path(output, config, name)
        pages = documents.write_pdf(html, target, config.publicatiedatum)
        written.append(Written(target, pages))
    return written
