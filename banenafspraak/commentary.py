"""The adviser's own commentary (duiding): a little Markdown, made safe for the PDF."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

# Paragraphs, bold, italic and lists; everything else (images, links, raw HTML) is dropped.
ALLOWED_TAGS = {"p", "strong", "em", "ul", "ol", "li", "br"}

# Raw HTML, images and links are parsed (not shown as literal markup) so that the
# sanitiser can drop them whole: an image disappears, a link keeps only its text.
_markdown = MarkdownIt("commonmark", {"html": True}).disable(["heading"])
# Accept every link target while parsing (markdown-it would leave file: links as literal
# text); no target survives sanitising anyway.
_markdown.validateLink = lambda url: True


def to_html(text: str) -> Markup:
    """Markdown to HTML that holds only the allowed tags, without any attributes."""
    rendered = _markdown.render(text)
    clean = nh3.clean(rendered, tags=ALLOWED_TAGS, attributes={}, url_schemes=set())
    return Markup(clean)
