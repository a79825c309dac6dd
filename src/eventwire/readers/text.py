"""Plain-text stories: the first line is the headline, then the body, maybe a dateline and a copyright line."""

from __future__ import annotations

from ..model import Article, InputRef
from .article import build_article

# A first line longer than this is a paragraph, not a headline.
MAX_HEADLINE_CHARS = 300


def read_text(text: str, input_ref: InputRef) -> Article:
    """Read a plain-text story.

    The first non-empty line is the headline when more text follows and it is short enough to be one.

    >>> a = read_text("Rebels Seize Town\\nGOMA (AFP) - Rebels seized the town of Kiwanja on Monday, "
    ...               "officials said, as the army withdrew from the area for the first time.\\n"
    ...               "© Copyright AFP 2024", InputRef(path="x.txt"))
    >>> (a.title, a.source, a.published.date, a.text[:6])
    ('Rebels Seize Town', 'AFP', '2024', 'Rebels')
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    title = None
    if len(lines) > 1 and len(lines[0].strip()) <= MAX_HEADLINE_CHARS:
        first = lines[0].strip()
        if not first.endswith((".", ":")) or first.istitle():
            title, lines = first, lines[1:]
    return build_article("\n".join(lines), input_ref=input_ref, title=title)
