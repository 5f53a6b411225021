"""Loading WeasyPrint's system libraries (Pango, HarfBuzz) without a slow search for them,
and without the parts of fontTools that a build never uses."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import sys
import types
from collections.abc import Iterator


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
        with contextlib.redirect_stdout(io.StringIO()), _font_tools_on_first_use():
            import weasyprint  # noqa: F401
    except OSError:
        pass
    finally:
        ctypes.util.find_library = search
    import weasyprint  # noqa: F401, F811


# What `weasyprint.pdf.fonts` imports from fontTools and uses only for fonts a build never
# embeds: the subsetter serves where HarfBuzz-subset is missing (WeasyPrint prefers HarfBuzz),
# the instancer variable fonts (Lato is static). Together with the variable-font library
# they load, they are about 0.1 s of each process's imports, a seventh of WeasyPrint's.
SUBSET = "fontTools.subset"
INSTANCER = "fontTools.varLib.instancer"


@contextlib.contextmanager
def _font_tools_on_first_use() -> Iterator[None]:
    """While WeasyPrint is imported, `from fontTools import subset` gets a module that loads
    when first used (importlib's LazyLoader) and `from fontTools.varLib.instancer import
    instantiateVariableFont` a function that imports the real one when first called; after
    the import, the instancer's name is free again for anyone who imports it."""
    if SUBSET in sys.modules or INSTANCER in sys.modules:  # loaded already: nothing to spare
        yield
        return
    spec = importlib.util.find_spec(SUBSET)
    if spec is None or spec.loader is None:
        yield
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    subset = importlib.util.module_from_spec(spec)
    sys.modules[SUBSET] = subset
    spec.loader.exec_module(subset)
    # As an import sets it: `from fontTools import subset` then takes the attribute and
    # looks no further (the import system's look at `__spec__` would load the module).
    fonttools = sys.modules["fontTools"]
    fonttools.subset = subset  # type: ignore[attr-defined]
    instancer = types.ModuleType(INSTANCER)
    instancer.instantiateVariableFont = _instantiate_variable_font  # type: ignore[attr-defined]
    sys.modules[INSTANCER] = instancer
    try:
        yield
    finally:
        if sys.modules.get(INSTANCER) is instancer:
            del sys.modules[INSTANCER]


def _instantiate_variable_font(*args, **kwargs):
    from fontTools.varLib.instancer import instantiateVariableFont

    return instantiateVariableFont(*args, **kwargs)


def _not_found(name: str) -> None:
    return None
