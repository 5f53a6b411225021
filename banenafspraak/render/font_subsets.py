"""The Lato subsets the web edition embeds, made once and shipped in `templates/fonts/`.

A subset depends only on the font files, the characters and the options below (no data), so
a build reads the shipped WOFF files instead of subsetting half a second at every cold start.
After changing the characters, the options, the fonts or fontTools, `make fonts` makes them
again; `tests/test_web.py` checks that the shipped files equal a fresh subset.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from banenafspraak.locations import FONTS

FONT_DIR = FONTS
# ASCII, the accented letters of Dutch (and of names it borrows) and the typographic marks
# the documents use; anything else falls back to the next font in the stack.
FONT_CHARACTERS = (
    "".join(chr(code) for code in range(0x20, 0x7F))
    + "\u00a0áàâäéèêëíìîïóòôöúùûüçñÁÀÄÉÈËÍÏÓÖÚÜÇ©°×–—‘’“”„…•€"
)
# The source font, its web subset, and the weight and style it has in CSS.
FONT_FACES = (
    ("Lato-Regular.ttf", "Lato-Regular.subset.woff", "normal", "normal"),
    ("Lato-Bold.ttf", "Lato-Bold.subset.woff", "bold", "normal"),
)


def subset(source: Path) -> bytes:
    """The WOFF subset of a font file: the characters above, kerning, no hinting."""
    from fontTools import subset as fonttools_subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # notes about Lato's old timestamps
    options = fonttools_subset.Options()
    options.flavor = "woff"
    options.layout_features = ["kern"]
    options.hinting = False  # screens of today render without it; halves the size
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    # A fixed head.modified keeps the bytes the same from build to build.
    font = TTFont(source, recalcTimestamp=False)
    subsetter = fonttools_subset.Subsetter(options)
    subsetter.populate(text=FONT_CHARACTERS)
    subsetter.subset(font)
    font.flavor = options.flavor
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def main() -> None:
    """Write every subset next to its font (`make fonts`)."""
    for source, target, _, _ in FONT_FACES:
        (FONT_DIR / target).write_bytes(subset(FONT_DIR / source))
        print(f"Geschreven: {FONT_DIR / target}")


if __name__ == "__main__":
    main()
