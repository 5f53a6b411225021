"""The command line: `python build.py [opties]`. Messages are Dutch; exit codes are
0 done, 1 invalid input, 2 wrong usage, 3 internal error."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from banenafspraak.input.cells import EMPTY_CELL
from banenafspraak.input.config import DOCUMENTS
from banenafspraak.problems import Collector, InputError, Problem
from banenafspraak.run import folder_lock, interrupts, scratch
from banenafspraak.run.output import (
    COMPLETED,
    MACHINE_ERRORS,
    UNCHANGED,
    OutputError,
    describe,
    folder_problems,
)

if TYPE_CHECKING:
    from banenafspraak.input.config import Config
    from banenafspraak.run.forked import Standby
    from banenafspraak.run.pipeline import Written

# What --formaat chooses: the PDFs, the web edition, or both.
FORMATS = {"pdf": ("pdf",), "html": ("html",), "beide": ("pdf", "html")}

DONE, INVALID, USAGE, INTERNAL = 0, 1, 2, 3


class DutchParser(argparse.ArgumentParser):
    """argparse with its usage errors said in Dutch."""

    _TRANSLATIONS = (
        (r"unrecognized arguments: (.*)", r"onbekende optie(s): \1"),
        (r"argument (\S+): expected one argument", r"de optie \1 verwacht een waarde"),
        (
            r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)",
            r"\2 is geen geldige keuze voor \1; kies uit \3",
        ),
        (r"argument (\S+): invalid int value: (\S+)", r"\1 verwacht een geheel getal, niet \2"),
    )

    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, replacement in self._TRANSLATIONS:
            message = re.sub(pattern, replacement, message)
        self.print_usage(sys.stderr)
        print(f"Fout in de opdracht: {message}", file=sys.stderr)
        sys.exit(USAGE)


def parser() -> argparse.ArgumentParser:
    p = DutchParser(
        prog="python build.py",
        description="Bouwt de rapporten Banenafspraak van een kwartaal als PDF en als webpagina.",
        add_help=False,
    )
    p.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    p.add_argument(
        "--config", default="config.yaml", help="het configuratiebestand (standaard: config.yaml)"
    )
    p.add_argument(
        "--regio", help="bouw voor deze regio in plaats van de regio uit de configuratie"
    )
    p.add_argument("--periode", help="bouw voor dit kwartaal, bijvoorbeeld 2018-Q3")
    p.add_argument(
        "--uitvoer", help="map voor de uitvoer (standaard: uitvoermap uit de configuratie)"
    )
    p.add_argument("--document", choices=DOCUMENTS, help="bouw alleen dit document")
    p.add_argument(
        "--formaat",
        choices=FORMATS,
        default="beide",
        help="pdf, html (de webversie) of beide (standaard: beide)",
    )
    p.add_argument(
        "--check", action="store_true", help="controleer alleen configuratie en gegevens"
    )
    p.add_argument(
        "--alle-regios",
        action="store_true",
        help="bouw elke regio die kwartaalcijfers voor de periode heeft",
    )
    p.add_argument(
        "--werkers",
        type=int,
        metavar="N",
        help="met --alle-regios: bouw met N processen tegelijk (standaard: één per kern)",
    )
    p.add_argument(
        "--maak-werkmap",
        action="store_true",
        help="zet de gegevensbestanden in één Excel-werkmap, banenafspraak.xlsx in de "
        "gegevensmap; bouwt niets",
    )
    p.add_argument(
        "--nieuw-kwartaal",
        metavar="KWARTAAL",
        help="maak een nieuw kwartaal klaar om in te vullen, bijvoorbeeld 2019-Q1: lege regels "
        "in de gegevens en een sectie in de configuratie; bouwt niets",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    already = len(COMPLETED)  # sets written earlier in this process (tests call main often)
    scratch.begin()  # every temporary file in one folder, removed as the process leaves
    try:
        with interrupts.listening():
            args = _parse(argv)
            return _run(args)
    except InputError as error:
        _report(error.problems, "Fout")
        print(f"\n{_count(len(error.problems))}; er is niets gebouwd.", file=sys.stderr)
        return INVALID
    except OutputError as error:
        print(f"Fout: {error.message}\n{error.state}", file=sys.stderr)
        return INVALID
    except KeyboardInterrupt:
        print(interrupted_message(COMPLETED[already:]), file=sys.stderr)
        return interrupts.exit_code()
    except Exception as error:  # a bug of ours, not the user's input
        state_now = _written(COMPLETED[already:])
        if isinstance(error, OSError) and error.errno in MACHINE_ERRORS:
            # `> /dev/full`, a full temporary folder, a pipe that closed: the machine's
            # state, not a bug; the reports were written whole or not at all.
            print(f"Fout: {describe(error)} {state_now or UNCHANGED}", file=sys.stderr)
            return INVALID
        if os.environ.get("BANENAFSPRAAK_DEBUG"):
            traceback.print_exc()
        state_now = state_now or "Eerdere rapporten zijn niet aangeraakt."
        print(
            f"Interne fout ({type(error).__name__}: {error}). {state_now} Meld dit aan de "
            "beheerder van de rapportbouwer; met BANENAFSPRAAK_DEBUG=1 ziet u de technische "
            "details.",
            file=sys.stderr,
        )
        return INTERNAL


def _parse(argv: list[str] | None) -> argparse.Namespace:
    options = parser()
    args = options.parse_args(argv)
    if args.alle_regios and args.regio:
        options.error("kies --regio of --alle-regios, niet allebei")
    if args.maak_werkmap and (args.check or args.alle_regios):
        options.error("--maak-werkmap gaat niet samen met --check of --alle-regios")
    others = ("check", "alle_regios", "maak_werkmap", "periode", "regio", "document", "uitvoer")
    if args.nieuw_kwartaal is not None and any(getattr(args, name) for name in others):
        options.error(
            "--nieuw-kwartaal gaat alleen samen met --config (het kwartaal staat achter "
            "--nieuw-kwartaal, niet bij --periode)"
        )
    if args.werkers is not None and (args.werkers < 1 or not args.alle_regios):
        options.error("--werkers verwacht een aantal van 1 of meer, samen met --alle-regios")
    return args


def interrupted_message(written: list[tuple[Path, ...]] | None = None) -> str:
    """The one line said when the user stops the build with Ctrl-C."""
    return "Afgebroken. " + (
        _written(written or []) or "Er is niets vervangen: eerdere rapporten zijn ongewijzigd."
    )


def _written(sets: list[tuple[Path, ...]]) -> str:
    """What this run had already put in place, for a message about stopping part-way."""
    if not sets:
        return ""
    folders = sorted({str(path.parent) for files in sets for path in files})
    return (
        f"De nieuwe rapporten in {', '.join(folders)} waren al volledig geschreven; "
        "verder is niets vervangen."
    )


def _count(problems: int) -> str:
    return "1 probleem gevonden" if problems == 1 else f"{problems} problemen gevonden"


# More problems than this are usually one mistake repeated (a wrong file, a shifted column).
SHOWN_PROBLEMS = 50


def _report(problems: list[Problem], label: str) -> None:
    """Every problem up to SHOWN_PROBLEMS; empty cells are always all named, since a new
    quarter's rows (--nieuw-kwartaal) have dozens of cells to fill in."""
    shown = 0
    for problem in problems:
        empty = problem.message == EMPTY_CELL
        if empty or shown < SHOWN_PROBLEMS:
            print(f"{label}: {problem}", file=sys.stderr)
            shown += not empty
    rest = sum(problem.message != EMPTY_CELL for problem in problems) - shown
    if rest > 0:
        kind = "fout" if label == "Fout" else "waarschuwing"
        plural = {"fout": "fouten", "waarschuwing": "waarschuwingen"}[kind] if rest > 1 else kind
        print(f"... en nog {rest} {plural}, die hier niet worden getoond", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    # Imported here so that `--help` and usage errors answer at once. Not pandas yet: the
    # renderer is forked first, and imports what it needs while this process reads the data.
    from banenafspraak.input import config
    from banenafspraak.run import forked, pipeline, preload

    config_path = Path(args.config)
    if args.maak_werkmap:
        from banenafspraak.run import make_workbook

        return make_workbook.run(config_path)
    if args.nieuw_kwartaal is not None:
        from banenafspraak.run import new_quarter

        return new_quarter.run(config_path, args.nieuw_kwartaal)
    problems = Collector()
    try:
        settings = config.load(config_path, {"regio": args.regio, "periode": args.periode})
    except InputError as error:
        # Check the data files too, so that one run names every problem there is.
        problems.problems.extend(error.problems)
        folder = config.data_folder(config_path)
        if folder is not None:
            from banenafspraak.input import dataset

            dataset.check_folder(folder, problems)
        _report(problems.warnings, "Waarschuwing")
        raise InputError(problems.problems) from None
    output = Path(args.uitvoer) if args.uitvoer else config_path.parent / settings.uitvoermap
    documents = [args.document] if args.document else list(DOCUMENTS)
    formats = FORMATS[args.formaat]
    targets = pipeline.targets(output, settings, documents, formats)
    if not targets:
        print(
            "Fout in de opdracht: het agendavoorstel is er alleen als PDF; kies --formaat pdf.",
            file=sys.stderr,
        )
        return USAGE
    if args.alle_regios:
        from banenafspraak.run import batch
        from banenafspraak.run.batch_job import Job

        job = Job(settings, output, tuple(documents), formats)
        with _locked(output, args.check):
            return batch.run(job, config_path, args.werkers, args.check)
    # From here Ctrl-C is acted on between steps only (see `interrupts`).
    with _locked(output, args.check), interrupts.deferred():
        beside = None
        if not args.check and forked.available():
            # Imports the rendering libraries while this process reads and checks the data,
            # then renders (see pipeline.build).
            beside = forked.Standby(preload.load)
        try:
            built = _check_and_build(
                args, settings, problems, output, documents, formats, targets, beside
            )
        finally:
            if beside is not None:
                beside.stop()
        # A stop signal just before the set went in: the message says it is whole.
        interrupts.check()
    if built is None:
        return DONE
    for written in built:
        if written.pages is None:
            print(f"Geschreven: {written.path}")
        else:
            pages = "1 pagina" if written.pages == 1 else f"{written.pages} pagina's"
            print(f"Geschreven: {written.path} ({pages})")
    print(f"Klaar in {time.perf_counter() - started:.1f} s".replace(".", ","))
    return DONE


def _locked(output: Path, check: bool) -> contextlib.AbstractContextManager:
    """One build at a time into an output folder (see `folder_lock`); checking writes nothing."""
    return contextlib.nullcontext() if check else folder_lock.held(output)


def _check_and_build(
    args: argparse.Namespace,
    settings: Config,
    problems: Collector,
    output: Path,
    documents: list[str],
    formats: tuple[str, ...],
    targets: list[Path],
    beside: Standby | None,
) -> list[Written] | None:
    """Read and check the data, then build (None for --check, which builds nothing)."""
    from banenafspraak.input import config
    from banenafspraak.run import pipeline

    config_path = Path(args.config)
    data = pipeline.load_data(settings, config_path, problems)
    interrupts.check()
    options = {name for name in ("regio", "periode") if getattr(args, name) is not None}
    problems.problems[:] = config.blame_options(problems.problems, str(config_path), options)
    # Before any rendering: a folder that cannot take the files fails now, not later.
    problems.problems.extend(folder_problems(output, targets))
    _report(problems.warnings, "Waarschuwing")
    problems.raise_if_any()
    if args.check:
        print(f"Configuratie en gegevens zijn in orde ({settings.regio}, {settings.periode}).")
        return None
    return pipeline.build(data, settings, output, documents, formats=formats, beside=beside)
