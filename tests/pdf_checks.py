"""Accessibility checks on a built PDF, each returning the problems it finds (none: passes).

The structure checks read the PDF with pikepdf; the text checks read it as poppler does
(`pdfinfo -struct-text` for the tagged text, `pdftotext` for the page text), so that they
do not share code with the repair they check."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from banenafspraak.charts.drawing import ALT_LIMIT


def _kids(node: Dictionary) -> list:
    k = node.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def elements(pdf: pikepdf.Pdf) -> list[tuple[Dictionary, list[Dictionary]]]:
    """Every structure element reachable from the root, with its ancestors."""
    found = []

    def walk(node: Dictionary, ancestors: list[Dictionary]) -> None:
        for kid in _kids(node):
            if isinstance(kid, Dictionary) and "/S" in kid:
                found.append((kid, ancestors))
                walk(kid, [*ancestors, kid])

    walk(pdf.Root.StructTreeRoot, [])
    return found


def catalog_problems(pdf: pikepdf.Pdf) -> list[str]:
    root, problems = pdf.Root, []
    if "/StructTreeRoot" not in root:
        problems.append("no StructTreeRoot")
    if str(root.get("/Lang", "")) != "nl-NL":
        problems.append(f"Lang is {root.get('/Lang')!r}, not nl-NL")
    if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False):
        problems.append("DisplayDocTitle is not true: viewers show the file name")
    if not root.get("/MarkInfo", {}).get("/Marked", False):
        problems.append("MarkInfo /Marked is not true")
    with pdf.open_metadata() as meta:
        if not meta.get("dc:title"):
            problems.append("no dc:title in the XMP metadata")
    return problems


def figure_problems(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    for element, _ in elements(pdf):
        if element.S == Name.Figure:
            alt = str(element.get("/Alt", "")).strip()
            if not alt:
                problems.append("a Figure without Alt")
            elif len(alt) > ALT_LIMIT:
                problems.append(f"Alt of {len(alt)} characters: {alt[:60]}...")
    return problems


def scope_problems(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    for element, _ in elements(pdf):
        if element.S == Name.TH:
            scope = element.get("/A", Dictionary()).get("/Scope")
            if scope not in (Name.Row, Name.Column, Name.Both):
                problems.append(f"TH {element.get('/ID')} has no valid Scope ({scope})")
    return problems


def headers_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Every data cell names its headers, and each name is the ID of a TH."""
    tree = pdf.Root.StructTreeRoot
    if "/IDTree" not in tree:
        return ["no IDTree: the IDs in /Headers cannot be looked up"]
    names = list(tree.IDTree.Names)
    ids = {bytes(key): value for key, value in zip(names[::2], names[1::2], strict=True)}
    problems = []
    for element, ancestors in elements(pdf):
        if element.S != Name.TD or any(a.S == Name.THead for a in ancestors):
            continue
        headers = element.get("/A", Dictionary()).get("/Headers", Array())
        if not len(headers):
            problems.append("a TD in the table body names no headers")
        for header in headers:
            target = ids.get(bytes(header))
            if target is None or target.S != Name.TH:
                problems.append(f"a TD names {header}, which is no TH")
    return problems


def _target(link: Dictionary) -> str | None:
    for part in _kids(link):
        if isinstance(part, Dictionary) and part.get("/Type") == Name.OBJR:
            return str(part.Obj.get("/Dest", ""))
    return None


def link_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Every link describes itself in words (its /Contents), not with the target's anchor
    name, and a link that wraps onto the next line is still one link."""
    problems = []
    for pdf_page in pdf.pages:
        for annotation in pdf_page.get("/Annots", []):
            if annotation.get("/Subtype") != Name.Link:
                continue
            contents = str(annotation.get("/Contents", "")).strip()
            if not contents or contents == str(annotation.get("/Dest")):
                problems.append(f"a link described as {contents!r}")
    for element, _ in elements(pdf):
        links = [
            kid
            for kid in _kids(element)
            if isinstance(kid, Dictionary) and kid.get("/S") == Name.Link
        ]
        for a, b in zip(links, links[1:], strict=False):
            if _target(a) == _target(b):
                problems.append(f"one link to {_target(a)} split in two")
    return problems


def marked_content_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Text is either in the structure tree (its MCID owned by a reachable element) or an
    artifact; every MCID in the parent tree belongs to a reachable element."""
    reachable = {element.objgen for element, _ in elements(pdf)}
    numbers = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    owners = dict(zip((int(n) for n in numbers[::2]), numbers[1::2], strict=True))
    problems = []
    for number, page in enumerate(pdf.pages, start=1):
        mapped = owners.get(int(page.obj.get("/StructParents", -1)))
        stack: list[str] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                properties = operands[1] if op == "BDC" else None
                mcid = properties.get("/MCID") if isinstance(properties, Dictionary) else None
                if mcid is not None:
                    owner = None
                    if mapped is not None and int(mcid) < len(mapped):
                        owner = mapped[int(mcid)]
                    if not isinstance(owner, Dictionary) or owner.objgen not in reachable:
                        problems.append(f"page {number}: MCID {mcid} ({tag}) outside the tree")
                    tag = "tagged"
                stack.append(tag)
            elif op == "EMC" and stack:
                stack.pop()
            elif op in ("Tj", "TJ", "'", '"'):
                if not any(tag in ("tagged", "/Artifact") for tag in stack):
                    problems.append(f"page {number}: text neither tagged nor an artifact")
    return sorted(set(problems))


def structure_problems(path: Path) -> list[str]:
    """All the pikepdf checks of one PDF."""
    with pikepdf.open(path) as pdf:
        return (
            catalog_problems(pdf)
            + figure_problems(pdf)
            + scope_problems(pdf)
            + headers_problems(pdf)
            + link_problems(pdf)
            + marked_content_problems(pdf)
        )


# --- The tagged text, as poppler reads it -----------------------------------------------


@dataclass
class Node:
    kind: str
    id: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    children: list = field(default_factory=list)  # Node or str

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()


_NODE = re.compile(r"^(\w+)(?: <([^>]*)>)?:?(?: \((?:inline|block)\))?$")


def struct_tree(path: Path) -> Node:
    """The structure tree with its text, as `pdfinfo -struct-text` prints it."""
    printed = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
    ).stdout
    root = Node("root")
    stack: list[tuple[int, Node]] = [(-1, root)]
    for line in printed.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        content = line.strip()
        while stack[-1][0] >= indent and len(stack) > 1:
            stack.pop()
        parent = stack[-1][1]
        if content.startswith('"'):
            parent.children.append(content[1:-1])
        elif content.startswith("/"):
            key, _, value = content.partition(" ")
            parent.attributes[key] = value
        elif (match := _NODE.match(content)) is not None:
            node = Node(match.group(1), match.group(2))
            parent.children.append(node)
            stack.append((indent, node))
    return root


INLINE = {"Span", "Link", "NonStruct", "Lbl", "Reference"}


def inline_text(node: Node) -> str:
    """The text a block reads out as one run: its own strings and those of its inline
    parts, without the blocks inside it (and without a Figure's drawn labels)."""
    return "".join(
        c if isinstance(c, str) else inline_text(c)
        for c in node.children
        if isinstance(c, str) or c.kind in INLINE
    )


def block_texts(tree: Node) -> list[str]:
    """The tagged text of every block (paragraph, cell, list body...)."""
    texts = []
    for node in tree.walk():
        if node.kind not in INLINE and node.kind != "Figure":
            text = inline_text(node)
            if text.strip():
                texts.append(text)
    return texts


def _words(text: str) -> set[str]:
    return {w.strip(".,;:()'\"") for w in text.split()} - {""}


def glued_words(path: Path) -> list[str]:
    """Words of the tagged text that the page text does not have: two words of consecutive
    lines read as one ('Vechtstreekop')."""
    page_text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    known = _words(page_text)
    tagged = set().union(*(_words(text) for text in block_texts(struct_tree(path))))
    # pdftotext drops the hyphen of a compound broken after it ('t+2-' / 'maatregel').
    return sorted(w for w in tagged - known if w.replace("-", "") not in known)
