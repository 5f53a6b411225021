"""Reading a page's content stream as runs of marked content: where each starts, its font
and its text (decoded through the fonts' ToUnicode maps). Used by the structure repair."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property

import pikepdf
from pikepdf import Dictionary

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m x n in PDF's row-vector convention (apply m, then n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


@dataclass(frozen=True)
class Position:
    x: float
    y: float  # in default user space: larger is higher on the page
    size: float  # font size in user space units


@dataclass
class FontCodes:
    codes: dict[bytes, str]
    width: int  # bytes per code

    @property
    def space(self) -> bytes | None:
        return next((code for code, text in sorted(self.codes.items()) if text == " "), None)

    def decode(self, data: bytes) -> str:
        """The text of the codes, unknown codes left out. Each code is read as one character
        (latin-1 for one byte, UTF-16 with lone surrogates kept for two) and str.translate
        maps it, which is far quicker than looking the codes up one by one."""
        if self.width == 1:
            return data.decode("latin-1").translate(self._table)
        data = data[: len(data) - len(data) % 2]  # a trailing half code is no code
        return data.decode("utf-16-be", "surrogatepass").translate(self._table)

    @cached_property
    def _table(self) -> _Translation:
        return _Translation(
            {
                int.from_bytes(code, "big"): text
                for code, text in self.codes.items()
                if len(code) == self.width
            }
        )


class _Translation(dict):
    """A str.translate table that drops characters it does not hold."""

    def __missing__(self, key: int) -> str:
        return ""


@dataclass
class Run:
    """One marked-content sequence with an MCID."""

    begin: int  # index of its BDC operation
    start: Position | None = None  # where its first text is shown
    font: str | None = None  # the font in effect at its last text
    font_size: float = 0.0
    text: str = ""
    last_text_end: int | None = None  # index of the ET closing its last text object


@dataclass
class PageContent:
    operations: list
    fonts: dict[str, FontCodes]
    runs: dict[int, Run] = field(default_factory=dict)


_HEX = re.compile(rb"<([0-9a-fA-F]+)>")


def font_codes(font: Dictionary) -> FontCodes | None:
    """A font's code -> text map from its ToUnicode CMap (bfchar and bfrange)."""
    if "/ToUnicode" not in font:
        return None
    cmap = font.ToUnicode.read_bytes()
    codes: dict[bytes, str] = {}
    width = 2 if font.get("/Subtype") == "/Type0" else 1
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        values = _HEX.findall(block)
        for source, target in zip(values[::2], values[1::2], strict=True):
            codes[bytes.fromhex(source.decode())] = _utf16(target)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for line in block.strip().splitlines():
            values = _HEX.findall(line)
            if len(values) < 3:
                continue
            low, high = int(values[0], 16), int(values[1], 16)
            size = len(values[0]) // 2
            targets = values[2:]
            for offset, code in enumerate(range(low, high + 1)):
                if b"[" in line:
                    text = _utf16(targets[offset])
                else:
                    base = bytes.fromhex(targets[0].decode())
                    text = (base[:-1] + bytes([base[-1] + offset])).decode("utf-16-be")
                codes[code.to_bytes(size, "big")] = text
    return FontCodes(codes, width)


def _utf16(hex_text: bytes) -> str:
    return bytes.fromhex(hex_text.decode()).decode("utf-16-be", errors="replace")


def page_fonts(page: pikepdf.Page) -> dict[str, FontCodes]:
    fonts = page.Resources.get("/Font", Dictionary())
    found = {}
    for name, font in fonts.items():
        codes = font_codes(font)
        if codes is not None:
            found[name] = codes
    return found


# The operators read_page follows; it passes over the rest (paths, colours) at once.
_TRACKED = frozenset(
    ("q", "Q", "cm", "BT", "Tm", "Td", "TD", "Tf", "BDC", "BMC", "EMC", "Tj", "TJ", "'", '"', "ET")
)


def read_page(page: pikepdf.Page) -> PageContent:
    """Walk the page's operations, tracking the graphics and text state far enough to know
    where each marked-content run starts, its font and its text."""
    operations = list(pikepdf.parse_content_stream(page))
    content = PageContent(operations, page_fonts(page))
    ctm_stack: list[Matrix] = []
    ctm = IDENTITY
    line = text_matrix = IDENTITY
    font: str | None = None
    size = 0.0
    marks: list[int | None] = []  # the MCID of each open marked-content sequence

    def current() -> Run | None:
        mcid = next((m for m in reversed(marks) if m is not None), None)
        return None if mcid is None else content.runs[mcid]

    # The attributes, not tuple unpacking: unpacking an instruction converts its operands,
    # which made this loop the repair's slowest part.
    for index, instruction in enumerate(operations):
        op = str(instruction.operator)
        if op not in _TRACKED:
            continue
        operands = instruction.operands
        if op == "q":
            ctm_stack.append(ctm)
        elif op == "Q":
            ctm = ctm_stack.pop() if ctm_stack else IDENTITY
        elif op == "cm":
            ctm = multiply(tuple(float(v) for v in operands), ctm)
        elif op == "BT":
            line = text_matrix = IDENTITY
        elif op == "Tm":
            line = text_matrix = tuple(float(v) for v in operands)
        elif op in ("Td", "TD"):
            tx, ty = (float(v) for v in operands)
            line = text_matrix = multiply((1, 0, 0, 1, tx, ty), line)
        elif op == "Tf":
            font, size = str(operands[0]), float(operands[1])
        elif op in ("BDC", "BMC"):
            properties = operands[1] if op == "BDC" else None
            mcid = properties.get("/MCID") if isinstance(properties, Dictionary) else None
            marks.append(None if mcid is None else int(mcid))
            if mcid is not None:
                content.runs[int(mcid)] = Run(index)
        elif op == "EMC":
            if marks:
                marks.pop()
        elif op in ("Tj", "TJ", "'", '"'):
            run = current()
            if run is None:
                continue
            if run.start is None:
                m = multiply(text_matrix, ctm)
                run.start = Position(m[4], m[5], size * math.hypot(m[2], m[3]))
            run.font, run.font_size = font, size
            codes = content.fonts.get(font or "")
            if codes is not None:
                shown = operands[-1]
                items = shown if op == "TJ" else [shown]
                # Every string holds whole codes: joined, they are decoded in one go.
                shown_bytes = b"".join(
                    bytes(item) for item in items if isinstance(item, pikepdf.String)
                )
                run.text += codes.decode(shown_bytes)
        elif op == "ET":
            run = current()
            if run is not None and run.start is not None:
                run.last_text_end = index
    return content
