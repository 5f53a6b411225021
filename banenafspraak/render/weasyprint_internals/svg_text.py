"""Chart text drawn a label at a time instead of a letter at a time.

WeasyPrint 70 draws every SVG `<text>` one letter at a time: each letter gets its own Pango
layout, position and text operator, because SVG lets every letter carry its own x, y, dx, dy
and rotation. Our charts' labels never do (Matplotlib writes one x and y per label), and
laying them out letter by letter took about 0.4 CPU seconds per region, a ninth of a build.
`install()` makes WeasyPrint lay such a label out once, as one run of text, like any line of
the document: the same glyphs in the same place, kerned as in the body text, and a label
reads as one word when copied or read aloud. Text that does use per-letter positions,
spacing or a set length still goes through WeasyPrint's own code.

WeasyPrint also centres or right-aligns a label (`text-anchor`) by drawing it into a form
XObject of its own and moving that: over 300 extra PDF objects per region to write, compress
and read back in the structure repair. `for_pdf()` hands such a label's anchor to `text`
instead, which moves the run by its own measured width before drawing it.
"""

from __future__ import annotations

import base64
import re
from math import cos, inf, radians, sin

import weasyprint
import weasyprint.svg
from weasyprint.css.properties import INITIAL_VALUES
from weasyprint.draw.text import draw_emojis, draw_first_line
from weasyprint.matrix import Matrix
from weasyprint.svg.bounding_box import extend_bounding_box
from weasyprint.svg.text import Style, TextBox
from weasyprint.svg.utils import normalize, size
from weasyprint.text.line_break import split_first_line

# The code below follows WeasyPrint 70.0's svg/text.py; another version may differ.
WEASYPRINT = "70.0"

_letter_by_letter = weasyprint.svg.text


def installed() -> bool:
    return weasyprint.svg.text is text


def install() -> None:
    """Let WeasyPrint's SVG drawing use `text` for every tag it drew with its own function."""
    if weasyprint.__version__ != WEASYPRINT or installed():
        return
    for tag, function in weasyprint.svg.TAGS.items():
        if function is _letter_by_letter:
            weasyprint.svg.TAGS[tag] = text
    # svg/__init__.py also compares TAGS' entries with this name to find text nodes.
    weasyprint.svg.text = text


# A Matplotlib label: its style, and one x and one y (never per-letter positions).
_LABEL = re.compile(r'<text style="([^"]*)" (x="[-0-9.e]+" y="[-0-9.e]+")')
_ANCHOR = re.compile(r";? ?text-anchor: (start|middle|end)")
# Matplotlib rotates every label, by -0 degrees when it is level: nothing to draw.
_LEVEL = re.compile(r' transform="rotate\(-0 [-0-9.e]+ [-0-9.e]+\)"')


def for_pdf(svg: bytes) -> str:
    """The chart as a data: URL for WeasyPrint, each label's anchor as `data-anchor`."""
    text = _LEVEL.sub("", svg.decode("utf-8"))
    text = _LABEL.sub(_anchor_apart, text)
    return "data:image/svg+xml;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")


def _anchor_apart(label: re.Match) -> str:
    style, position = label.groups()
    anchor = _ANCHOR.search(style)
    if anchor is None:
        return label.group(0)
    style = (style[: anchor.start()] + style[anchor.end() :]).strip("; ")
    return f'<text style="{style}" data-anchor="{anchor.group(1)}" {position}'


def text(svg, node, font_size: float) -> None:
    """Draw a text node as one run when its letters have no positions of their own."""
    positions = _positions(svg, node, font_size)
    if positions is None or not node.text:
        _letter_by_letter(svg, node, font_size)
        return
    x, y, dx, dy, angle = positions
    style = _style(svg, node, font_size)
    layout, _, _, width, height, baseline = split_first_line(node.text, style, svg.context, inf, 0)

    svg.cursor_d_position[0] = dx if x is not None else svg.cursor_d_position[0] + dx
    svg.cursor_d_position[1] = dy if y is not None else svg.cursor_d_position[1] + dy
    x = svg.cursor_position[0] if x is None else x
    y = svg.cursor_position[1] if y is None else y
    svg.cursor_position = x + width, y
    # Where for_pdf left the anchor: WeasyPrint itself saw none and made no XObject.
    shift = {"middle": width / 2, "end": width}.get(node.get("data-anchor"), 0)
    x_position = x + svg.cursor_d_position[0] - shift
    y_position = y + svg.cursor_d_position[1] + _baseline_shift(node, font_size, height)
    node.text_bounding_box = extend_bounding_box(
        node.text_bounding_box,
        (
            (x_position, y_position - baseline),
            (x_position + width, y_position - baseline + height),
        ),
    )

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    matrix = Matrix(a=1, d=-1, e=x_position, f=y_position)
    if angle:
        matrix = Matrix(cos(angle), -sin(angle), sin(angle), cos(angle)) @ matrix
    box = TextBox(layout, style)
    box.baseline = baseline
    emojis = draw_first_line(svg.stream, box, "none", "none", matrix)
    # A move that draws nothing, so that the label ends its own line of text: extractors
    # that join text on one baseline (pypdf) read two labels side by side as one number.
    svg.stream.move_text_to(0, -2 * font_size)
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)


def _positions(svg, node, font_size: float) -> tuple | None:
    """x, y (None when not given), dx, dy and the rotation of a run whose letters carry no
    positions, spacing or length of their own; None for any other text."""
    if node.get("textLength") or svg.length(node.get("letter-spacing"), font_size):
        return None
    values = []
    for name, length in (("x", svg.inner_width), ("y", svg.inner_height)):
        given = normalize(node.attrib.get(name, "")).split()
        if len(given) > 1:
            return None
        values.append(size(given[0], font_size, length) if given else None)
    for name, length in (("dx", svg.inner_width), ("dy", svg.inner_height)):
        given = normalize(node.attrib.get(name, "")).split()
        if len(given) > 1:
            return None
        values.append(size(given[0], font_size, length) if given else 0)
    rotate = normalize(node.attrib.get("rotate", "")).split()
    if len(rotate) > 1:
        return None
    values.append(radians(float(rotate[0])) if rotate else 0)
    return tuple(values)


def _style(svg, node, font_size: float) -> Style:
    """The text style WeasyPrint's own SVG text code builds from a node."""
    style = Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [
        font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")
    ]
    style["font_style"] = node.get("font-style", "normal")
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    weight = node.get("font-weight", 400)
    try:
        style["font_weight"] = {"normal": 400, "bold": 700}.get(weight) or int(weight)
    except ValueError:
        style["font_weight"] = 400
    return style


def _baseline_shift(node, font_size: float, height: float) -> float:
    """How far the baseline moves for display-anchor and dominant-baseline, as WeasyPrint
    computes it (from a fixed ascent and descent)."""
    ascent, descent = font_size * 0.8, font_size * 0.2
    anchor = node.get("display-anchor")
    baseline = node.get("dominant-baseline", node.get("alignment-baseline"))
    if anchor == "middle":
        return -height / 2
    if anchor == "top":
        return 0
    if anchor == "bottom":
        return -height
    if baseline in ("central", "middle"):
        return (ascent + descent) / 2 - descent
    if baseline in ("text-before-edge", "before_edge", "top", "hanging", "text-top"):
        return ascent
    if baseline in ("text-after-edge", "after_edge", "bottom", "text-bottom"):
        return -descent
    return 0
