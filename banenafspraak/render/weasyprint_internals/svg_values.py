"""A chart's style attributes and lengths parsed once per process instead of once per element.

WeasyPrint 70 parses the `style` attribute of every SVG element with tinycss2 and every
length and coordinate with `size()`, and a Matplotlib chart repeats the same few dozen styles
and few hundred lengths all over: the kwartaalrapportage's charts hold about 430 styles of 40
kinds and ask for 6600 lengths of 440. Both are functions of their arguments alone, so
`install()` lets WeasyPrint keep their results (about 4 per cent of rendering a document with
charts): the same values, so the same drawing.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module

import weasyprint
import weasyprint.svg
from weasyprint.svg.css import parse_declarations
from weasyprint.svg.utils import size

# The names below are those WeasyPrint 70.0's svg/ modules import; another version may differ.
WEASYPRINT = "70.0"

# Enough for every distinct value of a batch worker's regions, and a bound on its memory.
KEPT = 4096

# The modules of WeasyPrint that call `size` by that name (imported by name: the package's
# attribute `text` is a function, not its module).
_SIZE_USERS = tuple(
    import_module(name) for name in ("weasyprint.svg", "weasyprint.svg.defs", "weasyprint.svg.text")
)


def installed() -> bool:
    return weasyprint.svg.parse_declarations is declarations


def install() -> None:
    if weasyprint.__version__ != WEASYPRINT or installed():
        return
    weasyprint.svg.parse_declarations = declarations
    for module in _SIZE_USERS:
        if module.size is size:
            module.size = length


def declarations(text):
    """WeasyPrint's `parse_declarations` of a style attribute, kept; its callers only read
    the two lists, so each call gets lists of its own that share the kept pairs."""
    if not isinstance(text, str):  # a style sheet's tokens: parsed as before
        return parse_declarations(text)
    normal, important = _declarations(text)
    return list(normal), list(important)


@lru_cache(maxsize=KEPT)
def _declarations(text: str) -> tuple[tuple, tuple]:
    normal, important = parse_declarations(text)
    return tuple(normal), tuple(important)


def length(string, font_size=None, percentage_reference=None):
    """WeasyPrint's `size`, kept: a number from a length, a percentage or a font size."""
    try:
        return _length(string, font_size, percentage_reference)
    except TypeError:  # an argument that cannot be a key: computed as before
        return size(string, font_size, percentage_reference)


@lru_cache(maxsize=KEPT)
def _length(string, font_size, percentage_reference) -> float:
    return size(string, font_size, percentage_reference)
