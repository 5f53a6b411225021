"""The charts' colours, and the WCAG contrast rule their text must meet.

Fills come from the Okabe-Ito palette (distinguishable with every common form of colour
blindness). Several of them are too light for text on white (the green is 3.4:1), so text
that names or labels a series uses that series' dark variant, which keeps the hue and
reaches WCAG AA for normal text (4.5:1) on white.
"""

from __future__ import annotations

BLUE, ORANGE, GREEN, SKY, VERMILION, PURPLE, YELLOW, GREY = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#56B4E9",
    "#D55E00",
    "#CC79A7",
    "#F0E442",
    "#7A7A7A",
)
INK = "#222222"
WHITE = "#FFFFFF"

# WCAG 2.1 AA, success criterion 1.4.3: normal-size text against its background.
AA_TEXT = 4.5

# Each fill's text colour for text on white: the same hue, darkened to about 5:1.
DARK = {
    BLUE: BLUE,  # 5.2:1 as it is
    ORANGE: "#946700",
    GREEN: "#007F5D",
    SKY: "#1674A9",
    VERMILION: "#B65000",
    GREY: "#6F6F6F",
}


def luminance(colour: str) -> float:
    """WCAG relative luminance of '#RRGGBB'."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(fill: str) -> str:
    """White or ink, whichever reads better on `fill`."""
    return WHITE if contrast(WHITE, fill) > contrast(INK, fill) else INK
