"""Which pages of a rendered document hold footnotes, and which elements run on from one page
to the next: read from WeasyPrint's page boxes, for the PDF/UA repair."""

from __future__ import annotations

from weasyprint.formatting_structure.boxes import FootnoteAreaBox, LineBox

from banenafspraak.render.pdf_repair import pdf_structure


def page_layout(rendered) -> pdf_structure.Layout:
    """What the structure repair needs to know of WeasyPrint's pages."""
    pages = [page._page_box for page in rendered.pages]
    footnotes = frozenset(
        number
        for number, page in enumerate(pages)
        for box in page.children
        if isinstance(box, FootnoteAreaBox) and box.children
    )
    bodies = [_body(page) for page in pages]
    continued = tuple(_continued(a, b) for a, b in zip(bodies, bodies[1:], strict=False))
    return pdf_structure.Layout(footnotes, continued)


def _body(page) -> list:
    """The boxes of the body's children on a page."""
    root = page.children[0]
    body = next((box for box in root.children if box.element_tag == "body"), None)
    return [] if body is None else body.children


def _continued(before: list, after: list) -> int:
    """How many levels of elements run on from one page to the next."""
    depth = 0
    while before and after:
        last, first = before[-1], after[0]
        if last.element is None or last.element is not first.element:
            break
        depth += 1
        if isinstance(last, LineBox) or any(isinstance(c, LineBox) for c in last.children):
            break  # lines hold text, and every line is an element of its own
        before, after = last.children, first.children
    return depth
