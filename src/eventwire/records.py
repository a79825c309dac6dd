"""The only bridge from an article and its extractions to the output record."""

from __future__ import annotations

from collections.abc import Sequence

from .errors import EventwireError
from .model import Article, ArticleRecord, Entity, ErrorInfo, Event, InputRef, Place, Quote, TimeRef


def error_info(err: EventwireError) -> ErrorInfo:
    """The JSON form of an error."""
    return ErrorInfo(code=err.code, message=err.message, source=err.source, line=err.line)


def to_record(article: Article, *, entities: Sequence[Entity] = (), quotes: Sequence[Quote] = (),
              places: Sequence[Place] = (), dates: Sequence[TimeRef] = (), events: Sequence[Event] = (),
              errors: Sequence[EventwireError] = ()) -> ArticleRecord:
    """An output record for an analysed article; checks that every mention offset lies inside the text."""
    n = len(article.text)
    spans = [(ent.id, s, e) for ent in entities for s, e in ent.mentions]
    spans += [(d.id, d.start_char, d.end_char) for d in dates]
    spans += [(p.id, s, e) for p in places for s, e in p.mentions]
    spans += [(q.id, q.start, q.end) for q in quotes]
    spans += [(q.id, *q.speaker_span) for q in quotes if q.speaker_span]
    spans += [(q.id, *q.cue_span) for q in quotes if q.cue_span]
    for what, s, e in spans:
        if not 0 <= s < e <= n:
            raise ValueError(f"{what} span [{s}, {e}] is outside the text (length {n})")
    return ArticleRecord(
        id=article.id, title=article.title, source=article.source, url=article.url, published=article.published,
        language=article.language, author=article.author, dateline=article.dateline, input=article.input,
        metadata=article.metadata, text=article.text, entities=list(entities), quotes=list(quotes),
        places=list(places), dates=list(dates), events=list(events), errors=[error_info(e) for e in errors],
    )


def failure_record(err: EventwireError) -> ArticleRecord:
    """The output record for an input that could not be read."""
    return ArticleRecord(id=None, input=InputRef(path=err.source or "?", line=err.line), errors=[error_info(err)])
