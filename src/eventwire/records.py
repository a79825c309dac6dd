"""The only bridge from an article and its extractions to the output record."""

from __future__ import annotations

from collections.abc import Sequence

from .errors import EventwireError
from .model import Article, ArticleRecord, Entity, ErrorInfo, Event, InputRef, Place, Quote, TimeRef


def error_info(err: EventwireError) -> ErrorInfo:
    """The JSON form of an error."""
    return ErrorInfo(code=err.code, message=err.message, source=err.source, line=err.line,
                     stage=getattr(err, "stage", None))


def spans(item: Entity | Quote | Place | TimeRef | Event) -> list[tuple[int, int]]:
    """Every ``[start, end)`` span an extracted item points at in the text."""
    if isinstance(item, (Entity, Place)):
        return [tuple(m) for m in item.mentions]
    if isinstance(item, TimeRef):
        return [(item.start_char, item.end_char)]
    if isinstance(item, Quote):
        return [(item.start, item.end)] + [tuple(s) for s in (item.speaker_span, item.cue_span) if s]
    out: list[tuple[int, int]] = []
    for told in (item, *item.mentions):
        out += [(c.start, c.end) for c in told.counts.values()]
        if told.evidence is not None:
            out.append((told.evidence.start, told.evidence.end))
            if told.evidence.trigger:
                out.append(tuple(told.evidence.trigger))
        if told.date is not None and told.date.start_char is not None and told.date.end_char is not None:
            out.append((told.date.start_char, told.date.end_char))
    return out


def check_spans(items: Sequence[Entity | Quote | Place | TimeRef | Event], length: int) -> None:
    """Raise ValueError if a span of ``items`` is empty or outside a text of ``length`` characters."""
    for item in items:
        for s, e in spans(item):
            if not 0 <= s < e <= length:
                raise ValueError(f"{item.id} span [{s}, {e}] is outside the text (length {length})")


def to_record(article: Article, *, entities: Sequence[Entity] = (), quotes: Sequence[Quote] = (),
              places: Sequence[Place] = (), dates: Sequence[TimeRef] = (), events: Sequence[Event] = (),
              errors: Sequence[EventwireError] = ()) -> ArticleRecord:
    """An output record for an analysed article; checks that every offset lies inside the text."""
    for part in (entities, dates, places, quotes, events):
        check_spans(part, len(article.text))
    return ArticleRecord(
        id=article.id, title=article.title, source=article.source, url=article.url, published=article.published,
        language=article.language, author=article.author, dateline=article.dateline, input=article.input,
        metadata=article.metadata, text=article.text, entities=list(entities), quotes=list(quotes),
        places=list(places), dates=list(dates), events=list(events), errors=[error_info(e) for e in errors],
    )


def failure_record(err: EventwireError) -> ArticleRecord:
    """The output record for an input that could not be read."""
    return ArticleRecord(id=None, input=InputRef(path=err.source or "?", line=err.line), errors=[error_info(err)])
