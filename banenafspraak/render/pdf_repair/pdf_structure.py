"""Repairs to the tagged structure WeasyPrint 70 writes, applied to the PDF after write_pdf.

WeasyPrint writes PDF/UA-1 but does not guarantee it. Each repair below (and in pdf_content,
for those inside the content streams) names the WeasyPrint shortcoming it covers, so that it
can go when WeasyPrint fixes it. The repairs keep the output
deterministic: they depend on the PDF alone and pikepdf writes a content-derived /ID.

What is left as WeasyPrint made it is listed in the README ("Accessibility (PDF/UA-1)").
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from banenafspraak.render.pdf_repair.pdf_content import repair_content
from banenafspraak.render.pdf_repair.pdf_text import read_page
from banenafspraak.render.pdf_repair.pdf_tree import Tree, is_element, kids, runs, same, set_kids


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
        repair_content(tree, contents)
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
    header: bool  # a TH; read once, as every lookup in a pikepdf object costs


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
            header = element.S == Name.TH
            cells.append(Cell(element, r, c, height, width, in_head, header))
            c += width
    return cells


def _repair_tables(tree: Tree) -> None:
    """WeasyPrint writes no /Scope on TH, and builds /Headers on a grid that ignores rowspan
    and colspan (in the factsheet every cell named the wrong header). Scope and Headers are
    rebuilt here from the real grid, with IDs unique in the document."""
    for number, table in enumerate(tree.of_type("/Table"), start=1):
        cells = table_cells(table)
        ids = {}
        for cell in cells:
            attributes = _table_attributes(cell.element)
            if cell.header:
                attributes.Scope = Name.Column if cell.in_head else Name.Row
                ids[cell.row, cell.column] = f"tabel{number}-r{cell.row}-k{cell.column}"
                cell.element.ID = String(ids[cell.row, cell.column])
        for cell in cells:
            if cell.header:
                continue
            attributes = _table_attributes(cell.element)
            headers = [String(ids[h.row, h.column]) for h in headers_of(cell, cells)]
            if headers:
                attributes.Headers = Array(headers)
            elif "/Headers" in attributes:
                del attributes["/Headers"]


def _table_attributes(element: Dictionary) -> Dictionary:
    if "/A" not in element:
        element.A = Dictionary(O=Name.Table)
    return element.A


def headers_of(cell: Cell, cells: list[Cell]) -> list[Cell]:
    """The row headers left of a data cell, then the column headers above it (a header in
    the head rows has column scope, any other row scope, as _repair_tables sets them)."""
    if cell.in_head:  # an empty corner cell in the header rows describes nothing
        return []

    def overlaps(start: int, size: int, other_start: int, other_size: int) -> bool:
        return start < other_start + other_size and other_start < start + size

    rows = sorted(
        (
            h
            for h in cells
            if h.header
            and not h.in_head
            and h.column < cell.column
            and overlaps(h.row, h.rows, cell.row, cell.rows)
        ),
        key=lambda h: h.column,
    )
    columns = sorted(
        (
            h
            for h in cells
            if h.header
            and h.in_head
            and h.row < cell.row
            and overlaps(h.column, h.columns, cell.column, cell.columns)
        ),
        key=lambda h: h.row,
    )
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
        set_kids(area, [kid for kid in kids(area) if not same(kid, note)])
        siblings = kids(parent)
        at = next(i for i, kid in enumerate(siblings) if same(kid, element)) + 1
        element.S = Name.Reference
        note.P = parent
        set_kids(parent, siblings[:at] + [note] + siblings[at:])
        number += 1
    document = tree.pdf.Root.StructTreeRoot.K[0]
    set_kids(document, [k for k in kids(document) if not (is_element(k) and not kids(k))])


def _text(element: Dictionary, contents: dict) -> str:
    return "".join(
        run.text
        for page, mcid in runs(element)
        if (run := contents[page].runs.get(mcid)) is not None
    )


def _raised(element: Dictionary, parent: Dictionary, contents: dict) -> bool:
    """Whether an inline element starts above the text before it (a superscript)."""
    siblings = kids(parent)
    at = next(i for i, kid in enumerate(siblings) if same(kid, element))
    before = [key for kid in siblings[:at] if is_element(kid) for key in runs(kid)]
    own = list(runs(element))
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
            set_kids(container, [k for k in kids(container) if not same(k, second)])
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
