"""Repairs inside the pages' content streams: running headers and footers as artifacts,
the space at line ends, and the words that describe each link. Each names the WeasyPrint
shortcoming it covers."""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name, Operator, String

from banenafspraak.render.pdf_repair.pdf_text import FontCodes, PageContent
from banenafspraak.render.pdf_repair.pdf_tree import INLINE, RunKey, Tree, kids, runs


def repair_content(tree: Tree, contents: dict[tuple[int, int], PageContent]) -> None:
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


def _line_pairs(tree: Tree) -> list[tuple[RunKey, RunKey]]:
    """Consecutive text runs of each block element."""
    pairs = []
    for element in tree.elements:
        if element.S in INLINE:
            continue
        own = list(runs(element))
        pairs += list(zip(own, own[1:], strict=False))
    return pairs


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
