"""The extraction pipeline: spaCy's parse, then eventwire's stages, one story at a time.

Stages are plain functions over a parsed ``Doc`` (see each module); :class:`Pipeline` runs spaCy over batches
for speed and the stages per story, so that a crash on one story becomes an error record for that story only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..errors import EventwireError, ProcessingError, TooLarge
from ..geo.gazetteer import Gazetteer, load_gazetteer
from ..model import Article, ArticleRecord
from ..records import failure_record, to_record
from .actors import describe_actors
from .aliases import group_mentions
from .dates import resolve_dates
from .events import find_events, link_quotes
from .groups import find_groups
from .mentions import find_mentions
from .nlp import MODEL_PACKAGE, load_spacy
from .places import resolve_places
from .quotes import find_quotes

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

__all__ = ["Pipeline", "analyze", "find_entities"]

BATCH_SIZE = 16
MAX_STORY_CHARS = 200_000
"""Longer texts are refused before parsing: the longest news stories run to about 60,000 characters, and spaCy's
parser needs memory in proportion to length (a file may still hold many stories: see --max-bytes)."""


def find_entities(doc: Doc, gazetteer: Gazetteer) -> list:
    """The entity stages: names found, grouped into entities, actors described, unnamed actors added."""
    entities = describe_actors(doc, group_mentions(find_mentions(doc, gazetteer)), gazetteer)
    return entities + find_groups(doc, entities, gazetteer)


def analyze(doc: Doc, article: Article, gazetteer: Gazetteer) -> ArticleRecord:
    """Run every stage on one parsed story and build its record."""
    entities = find_entities(doc, gazetteer)
    places = resolve_places(doc, entities, gazetteer, article.dateline.place if article.dateline else None)
    dates = resolve_dates(doc, article.published)
    quotes = find_quotes(doc, entities)
    events = find_events(doc, entities, quotes, places, dates, article.published)
    return to_record(article, entities=entities, quotes=link_quotes(quotes, events), places=places, dates=dates,
                     events=events)


class Pipeline:
    """spaCy plus eventwire's stages, loaded once.

    Args:
        nlp: a loaded spaCy pipeline (default: the pinned English model).
        gazetteer: the place index (default: built or read from the disk cache).
        batch_size: stories parsed together by ``nlp.pipe``.
    """

    def __init__(self, nlp: Language | None = None, gazetteer: Gazetteer | None = None,
                 batch_size: int = BATCH_SIZE) -> None:
        self.nlp = nlp if nlp is not None else load_spacy(MODEL_PACKAGE)
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.batch_size = batch_size

    def __repr__(self) -> str:
        return f"<Pipeline {self.nlp.meta.get('name')} {self.nlp.meta.get('version')}>"

    def process_article(self, article: Article) -> ArticleRecord:
        return next(self.process([article]))

    def process(self, items: Iterable[Article | EventwireError]) -> Iterator[ArticleRecord]:
        """One record per item, in order: articles are analysed, errors become error records."""
        batch: list[Article | EventwireError] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _parse(self, articles: list[Article]) -> list[Doc | Exception]:
        """Parse in one batch; if spaCy fails on the batch, parse one by one so only the culprit fails."""
        try:
            return list(self.nlp.pipe([a.text for a in articles], batch_size=self.batch_size))
        except Exception:
            docs: list[Doc | Exception] = []
            for a in articles:
                try:
                    docs.append(self.nlp(a.text))
                except Exception as exc:
                    docs.append(exc)
            return docs

    def _run(self, batch: list[Article | EventwireError]) -> Iterator[ArticleRecord]:
        for i, item in enumerate(batch):
            if isinstance(item, Article) and len(item.text) > MAX_STORY_CHARS:
                batch[i] = TooLarge(f"the story has {len(item.text):,} characters, above the {MAX_STORY_CHARS:,} "
                                    "that one story may have. Split it into stories.", source=item.input.path,
                                    line=item.input.line)
        articles = [a for a in batch if isinstance(a, Article)]
        docs = iter(self._parse(articles))
        for item in batch:
            if not isinstance(item, Article):
                yield failure_record(item)
                continue
            doc = next(docs)
            try:
                if isinstance(doc, Exception):
                    raise doc
                yield analyze(doc, item, self.gazetteer)
            except Exception as exc:  # a stage bug must not stop the batch: report it for this story
                log.exception("stage failure on %s", item.input.path)
                err = ProcessingError(f"a pipeline stage failed ({type(exc).__name__}: {exc}). This is a bug: "
                                      "please report it with the input.", source=item.input.path,
                                      line=item.input.line)
                yield to_record(item, errors=[err])
