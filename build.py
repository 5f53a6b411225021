"""Bouwt de rapporten Banenafspraak. Gebruik: python build.py --help"""

import gc
import os
import signal
import sys

# Paused while the libraries are imported, and frozen after (see banenafspraak/run/preload.py).
gc.disable()

try:
    from banenafspraak.run.cli import main
except KeyboardInterrupt:  # Ctrl-C while the program is still starting
    # Said here in full: the module that words it was not loaded yet.
    print("Afgebroken. Er is niets vervangen: eerdere rapporten zijn ongewijzigd.", file=sys.stderr)
    sys.exit(130)


def _leave(code: int) -> None:
    """Exit without the interpreter's teardown: every file is written and closed by now, and
    freeing the libraries' objects one by one took 0.06 s. A Ctrl-C now has nothing left to
    stop; during the teardown it would have killed the process with a signal. The command's
    temporary folder goes first (os._exit runs no clean-up, see banenafspraak/run/scratch.py)."""
    from banenafspraak.run import interrupts, output, scratch

    for number in interrupts.STOP_SIGNALS:
        signal.signal(number, signal.SIG_IGN)
    scratch.end()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # a closed pipe (`| head`): nothing more can be said there
        pass
    except OSError as error:  # a full disk (`> /dev/full`): the reports are written, the log not
        print(f"Fout: {output.describe(error)}", file=sys.stderr)
        code = code or 1
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)


if __name__ == "__main__":
    _leave(main())
