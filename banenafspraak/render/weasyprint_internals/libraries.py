"""Loading WeasyPrint's system libraries (Pango, HarfBuzz) without a slow search for them."""

from __future__ import annotations

import contextlib
import io
import sys


def load_weasyprint() -> None:
    """Import WeasyPrint, sparing the library search its import would otherwise start.

    WeasyPrint names each library several ways ('libpango-1.0-0', 'pango-1.0', ...,
    'libpango-1.0.so.0') and cffi hands every name the loader cannot open directly to
    `ctypes.util.find_library`, which on Linux starts ldconfig, gcc and ld subprocesses: about
    twenty searches per process. Each list also holds the Linux file name (soname) that the
    loader opens by itself, so on Linux every search is answered 'not found' during the
    import. Where that is not enough (libraries outside the loader's path), the import is
    repeated with the real search.
    """
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        return
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = _not_found
    try:
        # WeasyPrint prints installation advice before it gives up; the second try shows it.
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint  # noqa: F401
    except OSError:
        pass
    finally:
        ctypes.util.find_library = search
    import weasyprint  # noqa: F401, F811


def _not_found(name: str) -> None:
    return None
