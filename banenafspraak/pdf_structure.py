"""Repairs to the tagged structure WeasyPrint 70 writes, applied to the PDF after write_pdf.

WeasyPrint writes PDF/UA-1 but does not guarantee it. Each repair below names the WeasyPrint
shortcoming it covers, so that it can go when WeasyPrint fixes it. The repairs keep the output
deterministic: they depend on the PDF alone and pikepdf writes a content-derived /ID.

What is left as WeasyPrint made it is listed in the README ("Accessibility (PDF/UA-1)").
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, Operator, String

from .pdf_text import FontCodes, PageContent, read_page

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


@dataclass(frozen=True)
class Layout:
    """What the PDF does not say about its layout, taken from WeasyPrint's pages."""

    # The (0-based) pages whose footnote area holds footnotes; WeasyPrint tags that area as
    # the page's last element.
    footnote_pages: frozenset[int] = frozenset()
    # Per page after the first: how many levels of elements (from the body down) run on from
    # the previous page, e.g. 2 for a paragraph of a section that a page break splits.
    continued: tuple[int, ...] = ()


def repair(pdf_bytes: bytes, layout: Layout = Layout()) -> bytes:
    """The PDF with the structure repaired."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        contents = {page.objgen: read_page(page) for page in pdf.pages}
        tree = Tree.read(pdf)
        _repair_definition_lists(tree)
        _repair_tables(tree)
        notes = _tag_footnotes(tree, layout.footnote_pages)
        _join_split_elements(tree, layout)
        _join_split_links(tree)
        _place_notes(Tree.read(pdf), notes, contents)
        tree = Tree.read(pdf)  # the repairs above left elements out of the tree
        _repair_content(tree, contents)
        _write_id_tree(tree)
        out = io.BytesIO()
        pdf.save(
            out,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            deterministic_id=True,
        )
        return out.getvalue()


# --- Lists ------------------------------------------------------------------------------


def _repair_definition_lists(tree: Tree) -> None:
    """WeasyPrint tags a <div> that groups a <dt> with its <dd> inside a <dl> as Div, which
    gives L > Div > LI (not allowed: PDF/UA LI-PARENT, L-KIDS), and it makes dt and dd each
    an LI of its own. Each such Div becomes one LI: the term as Lbl, the description as
    LBody."""
    for lst in tree.of_type("/L"):
        items = []
        for kid in kids(lst):
            if is_element(kid) and kid.get("/S") == "/Div":
                items.extend(_div_as_items(kid, lst))
            else:
                items.append(kid)
        set_kids(lst, items)


def _div_as_items(div: Dictionary, lst: Dictionary) -> list[Dictionary]:
    entries = kids(div)
    if not entries or not all(is_element(e) and e.get("/S") == "/LI" for e in entries):
        return [div]  # not what WeasyPrint makes of <dl><div>: left as it is
    for entry in entries:
        entry.P = lst
    if len(entries) != 2 or len(kids(entries[0])) != 1 or len(kids(entries[1])) != 1:
        return entries  # not a dt/dd pair: the items move up into the list as they are
    term, description = entries
    (label,) = kids(term)
    (body,) = kids(description)
    label.S = Name.Lbl
    body.P = term
    set_kids(term, [label, body])
    return [term]


# --- Tables -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    element: Dictionary
    row: int
    column: int
    rows: int
    columns: int
    in_head: bool

    @property
    def header(self) -> bool:
        return self.element.S == Name.TH


def table_cells(table: Dictionary) -> list[Cell]:
    """Every TH and TD placed on the table's grid, as HTML places them (rowspan, colspan)."""
    rows: list[tuple[Dictionary, bool]] = []
    for part in kids(table):
        if not is_element(part):
            continue
        if part.S == Name.TR:
            rows.append((part, False))
        elif part.S in (Name.THead, Name.TBody, Name.TFoot):
            rows += [(row, part.S == Name.THead) for row in kids(part) if is_element(row)]
    taken: set[tuple[int, int]] = set()
    cells = []
    for r, (row, in_head) in enumerate(rows):
        c = 0
        for element in kids(row):
            if not is_element(element) or element.S not in (Name.TH, Name.TD):
                continue
            while (r, c) in taken:
                c += 1
            attributes = element.get("/A", Dictionary())
            height = int(attributes.get("/RowSpan", 1))
            width = int(attributes.get("/ColSpan", 1))
            taken |= {(r + i, c + j) for i in range(height) for j in range(width)}
            cells.append(Cell(element, r, c, height, width, in_head))
            c += width
    return cells


def _repair_tables(tree: Tree) -> None:
    """WeasyPrint writes no /Scope on TH, and builds /Headers on a grid that ignores rowspan
    and colspan (in the factsheet every cell named the wrong header). Scope and Headers are
    rebuilt here from the real grid, with IDs unique in the document."""
    for number, table in enumerate(tree.of_type("/Table"), start=1):
        cells = table_cells(table)
        for cell in cells:
            attributes = _table_attributes(cell.element)
            if cell.header:
                attributes.Scope = Name.Column if cell.in_head else Name.Row
                cell.element.ID = String(f"tabel{number}-r{cell.row}-k{cell.column}")
        for cell in cells:
            if cell.header:
                continue
            attributes = _table_attributes(cell.element)
            headers = [String(str(h.element.ID)) for h in headers_of(cell, cells)]
            if headers:
                attributes.Headers = Array(headers)
            elif "/Headers" in attributes:
                del attributes["/Headers"]


def _table_attributes(element: Dictionary) -> Dictionary:
    if "/A" not in element:
        element.A = Dictionary(O=Name.Table)
    return element.A


def headers_of(cell: Cell, cells: list[Cell]) -> list[Cell]:
    """The row headers left of a data cell, then the column headers above it."""
    if cell.in_head:  # an empty corner cell in the header rows describes nothing
        return []

    def overlaps(start: int, size: int, other_start: int, other_size: int) -> bool:
        return start < other_start + other_size and other_start < start + size

    def heads(h: Cell, scope: Name) -> bool:
        if not h.header or h.element.A.Scope != scope:
            return False
        if scope == Name.Row:
            return h.column < cell.column and overlaps(h.row, h.rows, cell.row, cell.rows)
        return h.row < cell.row and overlaps(h.column, h.columns, cell.column, cell.columns)

    rows = sorted((h for h in cells if heads(h, Name.Row)), key=lambda h: h.column)
    columns = sorted((h for h in cells if heads(h, Name.Column)), key=lambda h: h.row)
    return rows + columns


# --- Footnotes --------------------------------------------------------------------------


def _tag_footnotes(tree: Tree, footnote_pages: frozenset[int]) -> list[Dictionary]:
    """WeasyPrint tags the footnote area as an untyped NonStruct and each footnote as a Span.
    Each footnote becomes a Note (with the ID PDF/UA asks of a Note) and its number a Lbl."""
    document = tree.pdf.Root.StructTreeRoot.K[0]
    pages = [page.objgen for page in tree.pdf.pages]
    top = [kid for kid in kids(document) if is_element(kid)]
    number = 0
    notes: list[Dictionary] = []
    for index in sorted(footnote_pages):
        on_page = [kid for kid in top if kid.Pg.objgen == pages[index]]
        if not on_page or on_page[-1].S != Name.NonStruct:
            continue
        for note in kids(on_page[-1]):
            if not is_element(note) or note.S != Name.Span:
                continue
            number += 1
            note.S = Name.Note
            note.ID = String(f"voetnoot{number}")
            first = (kids(note) or [None])[0]
            if is_element(first) and first.S == Name.NonStruct:
                first.S = Name.Lbl
            notes.append(note)
    return notes


def _place_notes(tree: Tree, notes: list[Dictionary], contents: dict) -> None:
    """WeasyPrint leaves the footnote call an untyped NonStruct and puts the notes after the
    page's content. Each call (the raised number n, the n-th such call in reading order)
    becomes a Reference, with its Note right after it, where a screen reader wants it."""
    number = 1
    for element in tree.elements:
        if number > len(notes):
            break
        if element.S != Name.NonStruct or _text(element, contents).strip() != str(number):
            continue
        parent = tree.parents[element.objgen]
        if not _raised(element, parent, contents):
            continue
        note = notes[number - 1]
        area = tree.parents[note.objgen]
        set_kids(area, [kid for kid in kids(area) if not _same(kid, note)])
        siblings = kids(parent)
        at = next(i for i, kid in enumerate(siblings) if _same(kid, element)) + 1
        element.S = Name.Reference
        note.P = parent
        set_kids(parent, siblings[:at] + [note] + siblings[at:])
        number += 1
    document = tree.pdf.Root.StructTreeRoot.K[0]
    set_kids(document, [k for k in kids(document) if not (is_element(k) and not kids(k))])


def _text(element: Dictionary, contents: dict) -> str:
    return "".join(
        run.text
        for page, mcid in _runs(element)
        if (run := contents[page].runs.get(mcid)) is not None
    )


def _raised(element: Dictionary, parent: Dictionary, contents: dict) -> bool:
    """Whether an inline element starts above the text before it (a superscript)."""
    siblings = kids(parent)
    at = next(i for i, kid in enumerate(siblings) if _same(kid, element))
    before = [key for kid in siblings[:at] if is_element(kid) for key in _runs(kid)]
    own = list(_runs(element))
    if not before or not own:
        return False
    (page_a, a), (page_b, b) = before[-1], own[0]
    first, second = contents[page_a].runs.get(a), contents[page_b].runs.get(b)
    if not first or not second or not first.start or not second.start:
        return False
    return second.start.y - first.start.y > 0.15 * first.start.size


# --- Elements split by a page break ----------------------------------------------------


def _join_split_elements(tree: Tree, layout: Layout) -> None:
    """WeasyPrint builds the structure page by page, so a section (and a paragraph in it)
    that a page break splits becomes two sibling elements. The parts are joined again, level
    by level, as far as the layout says the same HTML element runs on."""
    document = tree.pdf.Root.StructTreeRoot.K[0]
    pages = [page.objgen for page in tree.pdf.pages]
    # From the last page back, so that each part still carries the page it was made on.
    for index, depth in reversed(list(enumerate(layout.continued, start=1))):
        top = [kid for kid in kids(document) if is_element(kid)]
        before = [kid for kid in top if kid.Pg.objgen == pages[index - 1]]
        after = [kid for kid in top if kid.Pg.objgen == pages[index]]
        if index - 1 in layout.footnote_pages:
            before = before[:-1]  # the footnote area comes after the page's content
        if not before or not after or depth < 1:
            continue
        container, first, second = document, before[-1], after[0]
        for level in range(depth):
            if not _joinable(first, second):
                break
            parts, moved = kids(first), kids(second)
            for kid in moved:
                kid.P = first
            set_kids(first, parts + moved)
            set_kids(container, [k for k in kids(container) if not _same(k, second)])
            if level + 1 == depth or not parts or not moved:
                break
            container, first, second = first, parts[-1], moved[0]


def _joinable(first: object, second: object) -> bool:
    """Two parts of one element: same type, no marked content of their own (an MCID belongs
    to its element's page), and not a table (WeasyPrint repeats its header on each page)."""
    return (
        is_element(first)
        and is_element(second)
        and first.S == second.S
        and first.S != Name.Table
        and all(is_element(kid) for kid in kids(first) + kids(second))
    )


def _same(a: object, b: Dictionary) -> bool:
    return isinstance(a, Dictionary) and a.is_indirect and a.objgen == b.objgen


# --- Links ------------------------------------------------------------------------------


def _join_split_links(tree: Tree) -> None:
    """WeasyPrint makes a link that wraps onto a second line two Link elements, each with
    half the words ('Cijfers in de', 'bijlage.'). Neighbouring Links on one page that go to
    the same place become one Link holding both annotations and both pieces of text."""
    replaced: dict[tuple[int, int], Dictionary] = {}
    for element in tree.elements:
        merged: list = []
        for kid in kids(element):
            last = merged[-1] if merged else None
            if _same_link(last, kid):
                for part in kids(kid):
                    if is_element(part):
                        part.P = last
                set_kids(last, kids(last) + kids(kid))
                replaced[kid.objgen] = last
            else:
                merged.append(kid)
        if len(merged) != len(kids(element)):
            set_kids(element, merged)
    if replaced:
        _repoint_parent_tree(tree, replaced)


def _same_link(a: object, b: object) -> bool:
    if not (is_element(a) and is_element(b) and a.S == Name.Link and b.S == Name.Link):
        return False
    if a.get("/Pg") is None or b.get("/Pg") is None or a.Pg.objgen != b.Pg.objgen:
        return False
    targets = [_link_target(a), _link_target(b)]
    return targets[0] is not None and targets[0] == targets[1]


def _link_target(link: Dictionary) -> str | None:
    for part in kids(link):
        if isinstance(part, Dictionary) and part.get("/Type") == Name.OBJR:
            annotation = part.Obj
            return str(annotation.get("/Dest", annotation.get("/A", {}).get("/URI", "")))
    return None


def _repoint_parent_tree(tree: Tree, replaced: dict[tuple[int, int], Dictionary]) -> None:
    """MCIDs and annotations of a removed element now belong to the one it joined."""
    numbers = tree.pdf.Root.StructTreeRoot.ParentTree.Nums
    for index in range(1, len(numbers), 2):
        entry = numbers[index]
        if isinstance(entry, Array):
            for position, owner in enumerate(entry):
                if isinstance(owner, Dictionary) and owner.objgen in replaced:
                    entry[position] = replaced[owner.objgen]
        elif isinstance(entry, Dictionary) and entry.objgen in replaced:
            numbers[index] = replaced[entry.objgen]


# --- Content streams: pagination artifacts and line-end spaces --------------------------


def _repair_content(tree: Tree, contents: dict[tuple[int, int], PageContent]) -> None:
    reachable = tree.reachable()
    lines = _line_pairs(tree)
    links = tree.of_type("/Link")
    parent_tree = tree.pdf.Root.StructTreeRoot.ParentTree
    numbers = parent_tree.Nums
    slots = {int(numbers[i]): i + 1 for i in range(0, len(numbers), 2)}
    for page in tree.pdf.pages:
        slot = slots.get(int(page.obj.get("/StructParents", -1)))
        if slot is None or not isinstance(numbers[slot], Array):
            continue  # a page without marked content
        owners = numbers[slot]
        content = contents[page.objgen]
        orphans = {
            mcid
            for mcid, owner in enumerate(owners)
            if isinstance(owner, Dictionary)
            and owner.objgen not in reachable
            and mcid in content.runs
        }
        operations = list(content.operations)
        edits = _artifact_edits(content, orphans, float(page.mediabox[3]))
        edits += _space_edits(content, lines, page.objgen)
        for index, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
            operations[index : index + 1] = replacement
        page.obj.Contents = tree.pdf.make_stream(pikepdf.unparse_content_stream(operations))
        _describe_links(links, content, page.objgen)
        for mcid in orphans:
            owners[mcid] = None
        while len(owners) and owners[len(owners) - 1] is None:
            del owners[len(owners) - 1]


def _describe_links(links: list[Dictionary], content: PageContent, page: tuple[int, int]) -> None:
    """WeasyPrint gives a link annotation the target's anchor name as its /Contents (the
    alternate description PDF/UA asks of a link), e.g. 'cijfers-banen-per-soort'. The link's
    own text replaces it."""
    for link in links:
        if link.get("/Pg") is None or link.Pg.objgen != page:
            continue
        parts = kids(link)
        text = "".join(
            content.runs[k].text for k in parts if isinstance(k, int) and k in content.runs
        )
        for part in parts:
            if isinstance(part, Dictionary) and part.get("/Type") == Name.OBJR and text.strip():
                part.Obj.Contents = String(text.strip())


def _artifact_edits(
    content: PageContent, orphans: set[int], height: float
) -> list[tuple[int, list]]:
    """WeasyPrint tags the text of page margin boxes (running title, 'UWV', 'Pagina x van
    y') as Spans that it leaves out of the tree (an artifact in the tree needs PDF 2.0), so
    that content is tagged but belongs nowhere. It becomes /Artifact /Pagination."""
    edits = []
    for mcid in sorted(orphans):
        run = content.runs[mcid]
        subtype = Name.Header if run.start and run.start.y > height / 2 else Name.Footer
        properties = Dictionary(Type=Name.Pagination, Subtype=subtype)
        edits.append((run.begin, [([Name.Artifact, properties], Operator("BDC"))]))
    return edits


# A text run: the page (object id) and the MCID of one line's piece of text.
RunKey = tuple[tuple[int, int], int]


def _line_pairs(tree: Tree) -> list[tuple[RunKey, RunKey]]:
    """Consecutive text runs of each block element."""
    pairs = []
    for element in tree.elements:
        if element.S in INLINE:
            continue
        runs = list(_runs(element))
        pairs += list(zip(runs, runs[1:], strict=False))
    return pairs


def _runs(element: Dictionary) -> Iterator[RunKey]:
    """The MCIDs of a block's own text, in order, without those of blocks inside it."""
    page = element.get("/Pg")
    for kid in kids(element):
        if isinstance(kid, int) and page is not None:
            yield page.objgen, int(kid)
        elif is_element(kid) and kid.S in INLINE:
            yield from _runs(kid)
        elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
            yield kid.Pg.objgen, int(kid.MCID)


def _space_edits(
    content: PageContent, pairs: list[tuple[RunKey, RunKey]], page: tuple[int, int]
) -> list[tuple[int, list]]:
    """WeasyPrint drops the space at the end of each line, so that tagged text reads
    'Vechtstreekop' (ISO 32000-1 §14.8.2.5 asks for a space between words that a line break
    separates). A space glyph is shown after the last glyph of each line that ends in the
    middle of a block: it draws nothing and every text extractor reads it."""
    edits = []
    runs = content.runs
    for (page_a, a), (page_b, b) in pairs:
        if page_a != page or a not in runs:
            continue
        run = runs[a]
        if not run.text or run.text[-1] in " \u00a0-\u00ad\u2010\u2011":
            continue
        if page_b == page:
            if b not in runs or not runs[b].start or not run.start:
                continue
            next_start = runs[b].start
            if run.start.y - next_start.y < 0.8 * run.start.size:
                continue  # same line (or a superscript): no line break between them
            if runs[b].text[:1] in (" ", ".", ",", ";", ":", ")"):
                continue
        space = _space_code(content.fonts, run.font)
        if space is None or run.last_text_end is None:
            continue
        font, code = space
        show = [([Array([String(code)])], Operator("TJ"))]
        if font != run.font:
            show = [([Name(font), run.font_size], Operator("Tf")), *show]
        edits.append((run.last_text_end, [*show, content.operations[run.last_text_end]]))
    return edits


def _space_code(fonts: dict[str, FontCodes], current: str | None) -> tuple[str, bytes] | None:
    """The font and code that show a space: the current font's, else any on the page."""
    if current in fonts and fonts[current].space is not None:
        return current, fonts[current].space
    for name in sorted(fonts):
        if fonts[name].space is not None:
            return name, fonts[name].space
    return None


# --- IDs --------------------------------------------------------------------------------


def _write_id_tree(tree: Tree) -> None:
    """WeasyPrint gives TH elements an /ID for /Headers but writes no /IDTree, so a reader
    cannot look the IDs up (ISO 32000-1 §14.7.2). The name tree maps every ID to its
    element."""
    named = sorted((bytes(e.ID), e) for e in tree.elements if "/ID" in e)
    entries: list = []
    for key, element in named:
        entries += [String(key), element]
    tree.pdf.Root.StructTreeRoot.IDTree = Dictionary(Names=Array(entries))
