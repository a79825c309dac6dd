"""How likely each telling is a happening an analyst would code: the happening model.

The rules of :mod:`.events` read every trigger that can tell an event, and :mod:`.specificity` leaves out the
kinds of non-event that a rule can name (bylines, habits, aggregates, denials). Read as whole stories, most of
what is left is still no event an analyst would count: background in passing ("since 2009, hundreds have been
killed"), what a party does in general ("the group opposes Chinese investment"), plans and purposes ("to discuss
peace"), rescues and releases told as the aftermath of the one attack. No single word tells these apart; many
weak signs together do: the trigger's form (a past verb, a plural noun, an infinitive), its clause (a relative
clause, the complement of "said"), what the telling names (a named actor, a date, a place, a count), where it
stands in the story and how often the story returns to a happening of its type.

:func:`telling_features` describes a telling by such signs, by name: shapes, not the vocabulary of the stories
the model was fitted on. (Until 2026-12-08 the trigger's lemma was one of them: it added 0.008 to the
cross-validated AUC of telling against no telling, 0.806 -> 0.813, but nothing to the cross-validated story F1 at
the threshold each model chose, 0.566 with it against 0.569 without, and 336 of the 493 weights were words of 64
stories.) A logistic regression over them
(``data/happening_model.json``, fitted by ``scripts/train_happening.py`` on the dev fold of the story gold,
benchmarks/stories, whose sealed fold it never saw) gives each telling its ``confidence``. The tellings of one
happening are then merged (:mod:`.identity`), and an event none of whose tellings reaches the model's threshold is
left out (:func:`keep_likely`): a doubtful telling of a happening told more surely elsewhere stays one of its
mentions. ``min_confidence=0`` keeps every event.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from ..logistic import probability
from ..model import Entity, Event, Quote
from .nlp import doc_text
from .specificity import trigger_token

__all__ = ["HappeningModel", "happening_model", "keep_likely", "score_happenings", "telling_features"]

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "happening_model.json"
_DEPS = frozenset("ROOT conj ccomp xcomp advcl relcl acl pcomp dobj pobj nsubj nsubjpass compound appos "
                  "attr amod npadvmod".split())
_REPORTING = frozenset("say tell announce report claim add state confirm accord".split())
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SINCE = re.compile(r"\b(?:since|over the (?:past|last)|in the (?:past|last)|so far this"
                    r"|in recent (?:years|months|weeks|decades))\b", re.IGNORECASE)
_BACKREF = frozenset({"the", "this", "that", "these", "those"})
_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_FINAL = frozenset('.!?"”’\')')


def _verb_form(tok: Token) -> str:
    """How a verb trigger is told: past, perfect, present, progressive, passive participle, infinitive, modal."""
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "would", "can", "could", "may", "might", "must", "should", "wo", "ca"}:
        return "modal"
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) or tok.dep_ == "xcomp" and tok.tag_ == "VB":
        return "infinitive"
    if aux & {"has", "have", "had", "'ve", "'s"} and tok.tag_ == "VBN":
        return "perfect"
    if tok.tag_ == "VBG":
        return "progressive" if aux else "gerund"
    if tok.tag_ == "VBN":
        return "passive" if any(c.dep_ == "auxpass" for c in tok.children) else "participle"
    return {"VBD": "past", "VBZ": "present", "VBP": "present", "VB": "base"}.get(tok.tag_, "other")


def _noun_form(tok: Token) -> str:
    """How a noun trigger is determined: "the attack", "Tuesday's attack", "an attack", "attacks", "504 attacks"."""
    kids = list(tok.children)
    if any(c.dep_ == "nummod" for c in kids):
        return "counted"
    if any(c.dep_ == "poss" for c in kids):
        return "possessed"
    dets = {c.lower_ for c in kids if c.dep_ == "det"}
    if dets & _BACKREF:
        return "definite"
    if dets:
        return "indefinite"
    return "plural" if tok.tag_ in ("NNS", "NNPS") else "bare"


def _inside(span: tuple[int, int], quotes: list[Quote], kinds: tuple[str, ...]) -> bool:
    return any(q.kind in kinds and q.start <= span[0] and span[1] <= q.end for q in quotes)


@dataclass(frozen=True)
class _Story:
    """What the features of every telling read from the story once."""

    kinds: dict[str, str]
    sentence_starts: list[int]
    types: Counter
    lead_types: frozenset
    title: frozenset


def _stems(text: str) -> frozenset:
    """Word stems (the first five letters) of a text's longer words: "attacked", "attacks" -> "attac"."""
    return frozenset(w[:5] for w in re.findall(r"[a-z]{4,}", text.casefold()))


def _story(doc: Doc, events: list[Event], entities: list[Entity], title: str | None) -> _Story:
    starts = [s.start_char for s in doc.sents]
    lead_end = starts[2] if len(starts) > 2 else len(doc_text(doc))
    return _Story(kinds={e.id: e.type for e in entities}, sentence_starts=starts,
                  types=Counter(ev.type for ev in events),
                  lead_types=frozenset(ev.type for ev in events if ev.evidence and ev.evidence.start < lead_end),
                  title=_stems(title or ""))


def _parties(prefix: str, ids: list[str], kinds: dict[str, str]) -> dict[str, float]:
    if not ids:
        return {f"{prefix}=none": 1.0}
    named = any(kinds.get(i, "GROUP") != "GROUP" for i in ids)
    return {f"{prefix}={'named' if named else 'group'}": 1.0}


def telling_features(doc: Doc, event: Event, story: _Story, quotes: list[Quote]) -> dict[str, float]:
    """The signs of one telling, by name (value 1.0 unless said otherwise)."""
    f: dict[str, float] = {"bias": 1.0, f"type={event.type}": 1.0, f"status={event.status or 'reported'}": 1.0}
    f.update(_parties("actor", event.actor, story.kinds))
    f.update(_parties("recipient", event.recipient, story.kinds))
    if event.source:
        f["claimed"] = 1.0
    if event.date is not None and event.date.text is not None:
        f["date_in_text"] = 1.0
    if event.place_basis == "text":
        f["place_in_text"] = 1.0
    if event.counts:
        f["count"] = 1.0
    rule = event.evidence.rule[0] if event.evidence and event.evidence.rule else ""
    f[f"origin={rule.split(':')[0] if ':' in rule else 'rule' if rule else 'none'}"] = 1.0
    for how in (event.evidence.rule[1:] if event.evidence and event.evidence.rule else []):
        f[f"how={how}"] = 1.0
    others = story.types[event.type] - 1
    f["same_type_tellings"] = math.log1p(others)
    if event.type in story.lead_types:
        f["type_in_lead"] = 1.0
    tok = trigger_token(doc, event)
    if tok is None:
        return f
    sent = tok.sent
    index = bisect_right(story.sentence_starts, sent.start_char) - 1
    f["sentence_position"] = index / max(1, len(story.sentence_starts) - 1)
    if index == 0:
        f["first_sentence"] = 1.0
    if tok.pos_ in ("VERB", "AUX"):
        f[f"verb={_verb_form(tok)}"] = 1.0
    elif tok.pos_ in ("NOUN", "PROPN"):
        f[f"noun={_noun_form(tok)}"] = 1.0
    else:
        f["pos=other"] = 1.0
    f[f"dep={tok.dep_ if tok.dep_ in _DEPS else 'other'}"] = 1.0
    text = doc_text(doc)[sent.start_char:sent.end_char]  # Span.text would build it again from the tokens
    if story.title:
        if tok.lower_[:5] in story.title or tok.lemma_.lower()[:5] in story.title:
            f["trigger_in_title"] = 1.0
        words = _stems(text)
        f["title_overlap"] = len(words & story.title) / max(1, len(story.title))
    if any(c.dep_ == "neg" for c in tok.children):
        f["negated"] = 1.0
    head = tok
    while head.dep_ in ("conj", "xcomp", "advcl", "acl", "relcl", "ccomp", "pcomp", "pobj", "prep", "dobj") and \
            head.head.i != head.i:
        head = head.head
        if head.lemma_ in _REPORTING:
            f["under_reporting_verb"] = 1.0
            break
    trigger = (tok.idx, tok.idx + len(tok.text))
    if _inside(trigger, quotes, ("direct", "partial")):
        f["in_quotation"] = 1.0
    elif _inside(trigger, quotes, ("indirect",)):
        f["in_reported_speech"] = 1.0
    if _YEAR.search(text):
        f["year_in_sentence"] = 1.0
    if _WEEKDAY.search(text):
        f["weekday_in_sentence"] = 1.0
    if _SINCE.search(text):
        f["since_in_sentence"] = 1.0
    if len(sent) < 8:
        f["short_sentence"] = 1.0
    if text.rstrip()[-1:] not in _FINAL:
        f["no_final_stop"] = 1.0
    return f


@dataclass(frozen=True)
class HappeningModel:
    """A logistic regression over named features, with the threshold below which a telling is left out."""

    weights: dict[str, float]
    threshold: float
    about: dict

    def confidence(self, features: dict[str, float]) -> float:
        return probability(self.weights, features)

    def with_threshold(self, threshold: float) -> HappeningModel:
        """The same model with the cut at ``threshold`` (0 keeps every event)."""
        return HappeningModel(self.weights, threshold, self.about)

    @classmethod
    def from_json(cls, data: dict) -> HappeningModel:
        return cls(weights=dict(data["weights"]), threshold=float(data["threshold"]), about=data.get("about", {}))

    @classmethod
    def read(cls, path: str | Path) -> HappeningModel:
        return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def happening_model() -> HappeningModel | None:
    """The shipped model (None when the package carries none, so that every telling is kept)."""
    return HappeningModel.read(MODEL_PATH) if MODEL_PATH.exists() else None


def story_features(doc: Doc, events: list[Event], out: dict[str, list], title: str | None = None
                   ) -> list[dict[str, float]]:
    """Every telling's features, in order."""
    story = _story(doc, events, out["entities"], title)
    return [telling_features(doc, ev, story, out["quotes"]) for ev in events]


def score_happenings(doc: Doc, events: list[Event], out: dict[str, list], title: str | None = None,
                     model: HappeningModel | None = None) -> list[Event]:
    """The tellings, each with its ``confidence`` (``model``: default the shipped one)."""
    model = model or happening_model()
    if model is None or not events:
        return events
    return [ev.model_copy(update={"confidence": round(model.confidence(feats), 3)})
            for ev, feats in zip(events, story_features(doc, events, out, title), strict=True)]


def keep_likely(events: list[Event], model: HappeningModel | None = None) -> list[Event]:
    """The events (tellings merged) with a telling at or above the model's threshold: a doubtful telling of a
    happening told more surely elsewhere stays one of its mentions."""
    model = model or happening_model()
    if model is None:
        return events
    return [ev for ev in events if ev.confidence is None or ev.confidence >= model.threshold]
