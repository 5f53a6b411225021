"""The structure tree of a tagged PDF as the repair walks it (pikepdf objects)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name

# Structure types whose text runs on inside the parent's lines (ISO 32000-1 §14.8.4.4).
INLINE = {"/Span", "/Link", "/NonStruct", "/Reference", "/Quote", "/Code", "/Lbl"}


@dataclass
class Tree:
    """The structure tree: every element reachable from the root, in reading order."""

    pdf: pikepdf.Pdf
    elements: list[Dictionary] = field(default_factory=list)
    parents: dict[tuple[int, int], Dictionary] = field(default_factory=dict)

    @classmethod
    def read(cls, pdf: pikepdf.Pdf) -> Tree:
        tree = cls(pdf)
        tree._walk(pdf.Root.StructTreeRoot)
        return tree

    def _walk(self, node: Dictionary) -> None:
        for kid in kids(node):
            if is_element(kid):
                self.elements.append(kid)
                self.parents[kid.objgen] = node
                self._walk(kid)

    def reachable(self) -> set[tuple[int, int]]:
        return {element.objgen for element in self.elements}

    def of_type(self, tag: str) -> list[Dictionary]:
        return [element for element in self.elements if element.get("/S") == tag]


def kids(node: Dictionary) -> list:
    """The /K entries of a structure element as a list (elements, MCIDs, MCRs, OBJRs)."""
    k = node.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def is_element(node: object) -> bool:
    return isinstance(node, Dictionary) and "/S" in node


def set_kids(node: Dictionary, items: list) -> None:
    node.K = Array(items)


def same(a: object, b: Dictionary) -> bool:
    return isinstance(a, Dictionary) and a.is_indirect and a.objgen == b.objgen


# A text run: the page (object id) and the MCID of one line's piece of text.
RunKey = tuple[tuple[int, int], int]


def runs(element: Dictionary) -> Iterator[RunKey]:
    """The MCIDs of a block's own text, in order, without those of blocks inside it."""
    page = element.get("/Pg")
    for kid in kids(element):
        if isinstance(kid, int) and page is not None:
            yield page.objgen, int(kid)
        elif is_element(kid) and kid.S in INLINE:
            yield from runs(kid)
        elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
            yield kid.Pg.objgen, int(kid.MCID)
