"""Bouwt de rapporten Banenafspraak. Gebruik: python build.py --help"""

import gc
import sys

# Paused while the libraries are imported, and frozen after (see banenafspraak/preload.py).
gc.disable()

try:
    from banenafspraak.cli import main
except KeyboardInterrupt:  # Ctrl-C while the program is still starting
    # Said here in full: the module that words it was not loaded yet.
    print("Afgebroken. Er is niets vervangen: eerdere rapporten zijn ongewijzigd.", file=sys.stderr)
    sys.exit(130)

if __name__ == "__main__":
    sys.exit(main())
