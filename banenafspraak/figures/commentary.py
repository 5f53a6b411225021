"""The adviser's own text: commentary (duiding) and proposals; commentary in a little
Markdown, made safe.

Both are written in config.yaml in the section of their quarter (`kwartalen: 2018-Q4:`), and
input/config.py gives a build only the section of the quarter it builds: last quarter's words
never stand next to this quarter's numbers, and a quarter without a section has none.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from banenafspraak.input.config import Config

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


def texts(config: Config) -> dict[str, str]:
    """The commentary per section of the quarter built."""
    return dict(config.duiding)


def proposals(config: Config) -> list[str]:
    """The adviser's own proposals for the quarter built."""
    return list(config.voorstellen)
