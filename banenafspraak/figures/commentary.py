"""The adviser's own text: commentary (duiding) and proposals, each tied to its quarter;
commentary in a little Markdown, made safe.

Commentary is written for one quarter (`duiding.periode`). A build for another quarter, or
commentary that does not say its quarter, leaves all of it out and warns, so that last
quarter's words never stand next to this quarter's numbers.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from banenafspraak.input.config import PERIOD_KEY, Config
from banenafspraak.problems import Collector

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
    """The commentary per section, or nothing when it was not written for this quarter."""
    if period_mismatch(config) is not None:
        return {}
    return {key: text for key, text in config.duiding.items() if key != PERIOD_KEY}


def period_mismatch(config: Config) -> str | None:
    """Why the commentary cannot be used for the config's quarter (Dutch), or None."""
    sections = [key for key in config.duiding if key != PERIOD_KEY]
    if not sections:
        return None
    written_for = config.duiding.get(PERIOD_KEY)
    if written_for is None:
        return (
            "de duiding zegt niet voor welk kwartaal ze is geschreven en is daarom weggelaten; "
            f"zet 'periode: {config.periode}' onder 'duiding' als de teksten bij dit kwartaal horen"
        )
    if written_for != config.periode:
        return (
            f"de duiding is geschreven voor {written_for}, maar deze documenten gaan over "
            f"{config.periode}; alle duiding is weggelaten. Schrijf de duiding voor "
            f"{config.periode} en zet 'periode: {config.periode}' erboven"
        )
    return None


def proposals(config: Config) -> list[str]:
    """The adviser's own proposals, or none when they were written for another quarter."""
    given = config.voorstellen
    return given.lijst if given is not None and given.periode == config.periode else []


def check_period(config: Config, config_name: str, problems: Collector) -> None:
    """Warn when the commentary or the proposals are left out because their quarter differs."""
    reason = period_mismatch(config)
    if reason is not None:
        problems.warn(config_name, reason, field=f"duiding.{PERIOD_KEY}")
    given = config.voorstellen
    if given is not None and given.periode != config.periode:
        problems.warn(
            config_name,
            f"de eigen voorstellen zijn geschreven voor {given.periode}, maar het agendavoorstel "
            f"gaat over {config.periode}; ze zijn weggelaten. Schrijf de voorstellen voor "
            f"{config.periode} en zet 'periode: {config.periode}' erboven",
            field=f"voorstellen.{PERIOD_KEY}",
        )
