"""RSS and Atom feeds: each entry becomes one article (title, link, published, content or summary)."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import EmptyInput, EventwireError, MalformedInput
from ..model import Article, InputRef
from .article import build_article


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one paragraph per line.

    >>> html_to_text("<p>One <b>two</b></p><p>Three</p>")
    'One two\\nThree'
    """
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on junk; fall back to the raw string
        return fragment.strip()
    for el in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def looks_like_feed(head: str) -> bool:
    """Whether the start of a document is an RSS, RDF or Atom feed."""
    h = head[:2000].lower()
    return "<rss" in h or "<feed" in h or "<rdf:rdf" in h


def read_feed(data: bytes, input_ref: InputRef) -> Iterator[Article | EventwireError]:
    """Yield one article per feed entry, or an error for an entry with no text.

    Raises:
        MalformedInput: the document is not an RSS or Atom feed.
    """
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = f" ({parsed.bozo_exception})" if parsed.get("bozo") and parsed.get("bozo_exception") else ""
        kind = "an empty feed" if parsed.get("version") else "not RSS or Atom"
        raise MalformedInput(f"{kind}{why}: no entries to read. Check the file, or pass --input-format html or txt.",
                             source=input_ref.path)
    site = parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries):
        ref = input_ref.model_copy(update={"entry": i})
        content = ""
        if entry.get("content"):
            content = "\n".join(c.get("value", "") for c in entry.content)
        content = content or entry.get("summary", "")
        body = html_to_text(content)
        try:
            if not body.strip():
                raise EmptyInput(f"feed entry {i} ('{entry.get('title', '')}') has no content or summary.",
                                 source=input_ref.path)
            yield build_article(
                body, input_ref=ref, title=entry.get("title"), url=entry.get("link"), source=site,
                published=entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("published"),
                author=entry.get("author"),
                metadata={k: entry[k] for k in ("id", "tags") if entry.get(k)} | (
                    {"tags": [t.get("term") for t in entry.get("tags", [])]} if entry.get("tags") else {}),
            )
        except EventwireError as exc:
            exc.source = exc.source or input_ref.path
            yield exc
