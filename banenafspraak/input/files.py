"""Reading an input file (the config or a data file) with a Dutch reason for every way the
file system can refuse: a folder where a file belongs, no permission, a file far too big."""

from __future__ import annotations

from pathlib import Path

from banenafspraak.problems import Problem

# The largest real data file holds a few hundred lines (35 regions, ten years of quarters);
# anything this big is a wrong file, and reading it would take minutes.
MAX_BYTES = 5 * 1024 * 1024


class Unreadable(Exception):
    """The file cannot be read; `problem` says why in Dutch."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def read_bytes(path: Path, missing: str = "dit bestand bestaat niet") -> bytes:
    """The whole file, or Unreadable with the reason."""
    name = str(path)
    try:
        if path.is_dir():
            raise Unreadable(Problem(name, "dit is een map, geen bestand"))
        if path.exists() and not path.is_file():  # a device or a pipe never ends
            raise Unreadable(Problem(name, "dit is geen gewoon bestand"))
        size = path.stat().st_size
        if size > MAX_BYTES:
            megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
            raise Unreadable(
                Problem(
                    name,
                    f"het bestand is {megabytes} MB groot; een invoerbestand is nooit groter "
                    f"dan {MAX_BYTES // 1024 // 1024} MB, dus dit is waarschijnlijk een "
                    "verkeerd bestand",
                )
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise Unreadable(Problem(name, missing)) from None
    except PermissionError:
        raise Unreadable(
            Problem(name, "het bestand mag niet worden gelezen (geen leesrechten)")
        ) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise Unreadable(Problem(name, f"het bestand kan niet worden gelezen ({reason})")) from None
