"""The extraction pipeline: spaCy's parse, then eventwire's stages, one story at a time.

Stages are plain functions over a parsed ``Doc`` (see each module); :class:`Pipeline` runs spaCy over batches
for speed and the stages per story, so that a crash on one story becomes an error record for that story only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..budget import STORY_TIME_BUDGET, Budget, OutOfTime
from ..errors import EventwireError, ProcessingError, StoryTimeout, TooLarge
from ..geo.gazetteer import Gazetteer, load_gazetteer
from ..model import Article, ArticleRecord
from ..records import check_spans, failure_record, to_record
from .actors import describe_actors
from .aliases import group_mentions
from .capitals import capitals_as_countries
from .claimants import speakers_act
from .dates import resolve_dates
from .events import find_events, link_quotes
from .grounding import ground_events
from .groups import find_groups, join_named
from .happening import HappeningModel, keep_likely, score_happenings
from .identity import merge_tellings
from .mentions import find_mentions
from .nlp import MODEL_PACKAGE, load_spacy
from .places import resolve_places
from .quotes import find_quotes
from .seats import drop_unused_seats
from .specificity import keep_happenings
from .textview import TextView, map_record_parts, text_view
from .truecase import Truecaser

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

__all__ = ["STAGES", "Pipeline", "analyze", "find_entities", "read_events", "read_tellings", "stage_steps"]

BATCH_SIZE = 16
MAX_STORY_CHARS = 200_000
"""Longer texts are refused before parsing: the longest news stories run to about 60,000 characters, and spaCy's
parser needs memory in proportion to length (a file may still hold many stories: see --max-bytes)."""


def find_entities(doc: Doc, gazetteer: Gazetteer) -> list:
    """The entity stages: names found, grouped into entities, actors described, unnamed actors added."""
    entities = describe_actors(doc, group_mentions(find_mentions(doc, gazetteer)), gazetteer)
    return join_named(entities, find_groups(doc, entities, gazetteer))


STAGES = ("entities", "places", "dates", "quotes", "events")
"""The stages in the order they run; each one's output is the record field of its name."""

def read_tellings(doc: Doc, out: dict[str, list], article: Article) -> list:
    """Every telling of a happening, one event each: every trigger read (:mod:`.events`), those that tell no
    happening left out (:mod:`.specificity`), speech acts given their speakers (:mod:`.claimants`), and capitals
    that act standing for their countries (:mod:`.capitals`)."""
    events = find_events(doc, out["entities"], out["quotes"], out["places"], out["dates"], article.published)
    events = speakers_act(keep_happenings(doc, events))
    return capitals_as_countries(events, out["entities"], out["places"])


def read_events(doc: Doc, out: dict[str, list], article: Article, view: TextView,
                happening: HappeningModel | None = None) -> list:
    """The events stage: the tellings read (:func:`read_tellings`), each scored by the happening model (default:
    the shipped one; :mod:`.happening`), the tellings of one happening merged (:mod:`.identity`), the events none of
    whose tellings reaches the model's threshold left out, and places and dates kept where the text supports them
    (:mod:`.grounding`)."""
    events = score_happenings(doc, read_tellings(doc, out, article), out, article.title, happening)
    events = keep_likely(merge_tellings(doc, events, out["places"], out["entities"]), happening)
    return ground_events(events, out["places"], article.published, view.text)


def stage_steps(doc: Doc, article: Article, gazetteer: Gazetteer, out: dict[str, list], view: TextView,
                happening: HappeningModel | None = None) -> dict:
    """Each stage as a call that reads the stages before it from ``out``, in the order they run."""
    dateline = article.dateline.place if article.dateline else None
    return {
        "entities": lambda: find_entities(doc, gazetteer),
        "places": lambda: resolve_places(doc, out["entities"], gazetteer, dateline),
        "dates": lambda: resolve_dates(doc, article.published),
        "quotes": lambda: find_quotes(doc, out["entities"]),
        "events": lambda: read_events(doc, out, article, view, happening),
    }


def analyze(doc: Doc, article: Article, gazetteer: Gazetteer, view: TextView | None = None,
            time_budget: float | None = None, happening: HappeningModel | None = None) -> ArticleRecord:
    """Run every stage on one parsed story and build its record.

    ``doc`` is the parse of ``view.text`` (by default the article's own text). A stage that fails, or returns a
    span outside the text, loses its own fields only: the record keeps the others and names the stage in
    ``errors``. Past ``time_budget`` seconds the running stage and those after it are given up the same way.
    """
    view = view or text_view(article.text)
    out: dict[str, list] = {name: [] for name in STAGES}
    errors: list[EventwireError] = []
    where = {"source": article.input.path, "line": article.input.line}
    steps = stage_steps(doc, article, gazetteer, out, view, happening)
    stage = STAGES[0]
    try:
        with Budget(time_budget) as budget:
            for stage, step in steps.items():
                budget.check()
                try:
                    result = step()
                    check_spans(result, len(view.text))
                except Exception as exc:  # a stage bug must not cost the story: report it, keep the rest
                    log.debug("stage %s failed on %s", stage, article.input.path, exc_info=True)
                    errors.append(ProcessingError(
                        f"the {stage} stage failed ({type(exc).__name__}: {exc}); the record has no {stage}. "
                        "This is a bug: please report it with the input.", stage=stage, **where))
                    continue
                out[stage] = result
            out["quotes"] = link_quotes(out["quotes"], out["events"])
    except OutOfTime:
        errors.append(StoryTimeout(
            f"the story used up its time budget of {time_budget:g} s in the {stage} stage; the record has no "
            f"{', '.join(STAGES[STAGES.index(stage):])}. Split the story, or raise --time-budget.",
            stage=stage, **where))
        for later in STAGES[STAGES.index(stage):]:
            out[later] = []
    out["places"] = drop_unused_seats(out["places"], out["events"])  # a seat is a place only as an event's
    return to_record(article, **map_record_parts(view, **out), errors=errors)


class Pipeline:
    """spaCy plus eventwire's stages, loaded once.

    Args:
        nlp: a loaded spaCy pipeline (default: the pinned English model).
        gazetteer: the place index (default: built or read from the disk cache).
        batch_size: stories parsed together by ``nlp.pipe``.
        happening: the happening model that scores each telling; an event none of whose tellings reaches its
            threshold is left out (default: the shipped one; ``happening_model().with_threshold(0)`` keeps every
            event).
    """

    def __init__(self, nlp: Language | None = None, gazetteer: Gazetteer | None = None,
                 batch_size: int = BATCH_SIZE, time_budget: float | None = STORY_TIME_BUDGET,
                 happening: HappeningModel | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_spacy(MODEL_PACKAGE)
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.batch_size = batch_size
        self.time_budget = time_budget
        self.happening = happening

    def _truecase(self, text: str) -> str:
        """Ordinary case for a story in capitals (the truecaser is built on the first such story)."""
        if getattr(self, "_truecaser", None) is None:
            self._truecaser = Truecaser(self.nlp, self.gazetteer)
        return self._truecaser(text)

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

    def _parse(self, texts: list[str]) -> list[Doc | Exception]:
        """Parse in one batch; if spaCy fails on the batch, parse one by one so only the culprit fails."""
        try:
            return list(self.nlp.pipe(texts, batch_size=self.batch_size))
        except Exception:
            docs: list[Doc | Exception] = []
            for text in texts:
                try:
                    docs.append(self.nlp(text))
                except Exception as exc:
                    docs.append(exc)
            return docs

    def _run(self, batch: list[Article | EventwireError]) -> Iterator[ArticleRecord]:
        for i, item in enumerate(batch):
            if isinstance(item, Article) and len(item.text) > MAX_STORY_CHARS:
                batch[i] = TooLarge(f"the story has {len(item.text):,} characters, above the {MAX_STORY_CHARS:,} "
                                    "that one story may have. Split it into stories.", source=item.input.path,
                                    line=item.input.line)
        views = [text_view(a.text, self._truecase) for a in batch if isinstance(a, Article)]
        docs = iter(zip(self._parse([v.text for v in views]), views, strict=True))
        for item in batch:
            if not isinstance(item, Article):
                yield failure_record(item)
                continue
            doc, view = next(docs)
            if isinstance(doc, Exception):
                yield to_record(item, errors=[ProcessingError(
                    f"the parser failed ({type(doc).__name__}: {doc}). This is a bug: please report it with the "
                    "input.", source=item.input.path, line=item.input.line, stage="parse")])
                continue
            try:
                yield analyze(doc, item, self.gazetteer, view, self.time_budget, self.happening)
            except Exception as exc:  # building the record failed: the story's error, never the batch's
                log.debug("record failed on %s", item.input.path, exc_info=True)
                yield to_record(item, errors=[ProcessingError(
                    f"the record could not be built ({type(exc).__name__}: {exc}). This is a bug: please report it "
                    "with the input.", source=item.input.path, line=item.input.line, stage="record")])
