"""Bouwt de rapporten Banenafspraak. Gebruik: python build.py --help"""

import sys

from banenafspraak.cli import main

if __name__ == "__main__":
    sys.exit(main())
