"""HTML pages: trafilatura finds the article body and its metadata (favouring precision)."""

from __future__ import annotations

from ..errors import NoArticleBody
from ..model import Article, InputRef
from .article import build_article

# Bodies shorter than this are navigation, cookie banners or captions, not a story.
MIN_BODY_CHARS = 80


def read_html(html: str, input_ref: InputRef, url: str | None = None) -> Article:
    """Extract the article in an HTML page.

    Raises:
        NoArticleBody: trafilatura found no article text (an index page, an empty or broken page).
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, favor_precision=True, with_metadata=True, include_comments=False,
        include_tables=False, deduplicate=False,
    )
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(body) < MIN_BODY_CHARS:
        raise NoArticleBody("no article body found in this HTML page (it may be an index, a login wall or "
                            "empty). Check the page, or pass its text as .txt.", source=input_ref.path)
    title = getattr(doc, "title", None)
    first, _, rest = body.partition("\n")
    if title and first.strip() == title.strip() and rest.strip():
        body = rest  # the page's <h1> repeats the headline
    meta = {k: getattr(doc, k) for k in ("description", "hostname", "sitename", "categories", "tags")
            if getattr(doc, k, None)}
    return build_article(
        body,
        input_ref=input_ref,
        title=title,
        source=getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
        url=getattr(doc, "url", None) or url,
        published=getattr(doc, "date", None),
        author=getattr(doc, "author", None),
        metadata=meta,
    )
