"""Speakers: the entity an attribution's source names, or the one a pronoun, a description or a group noun
stands for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...geo.build import fold_accents
from ...geo.gazetteer import name_key
from ...model import Entity
from ...ontologies import pronouns, word_class
from ..mentions import armed_groups
from ..nlp import doc_text
from ..offices import holder, people

if TYPE_CHECKING:
    from spacy.tokens import Doc
from .frames import Attribution

GROUP_NOUNS = word_class("GROUP_NOUNS")
ARMED_GROUP_NOUNS = word_class("ARMED_GROUP_NOUNS")
NEWS_OUTLETS = word_class("NEWS_OUTLETS")
OUTLET_HEADS = word_class("OUTLET_HEADS")
CIVIL_BODIES = word_class("CIVIL_BODIES")
CIVIL_HEADS = word_class("CIVIL_HEADS")
PERSON_NOUNS = word_class("PERSON_NOUNS")
GOVERNMENT_NOUNS = word_class("GOVERNMENT_NOUNS")
COLLECTIVE = word_class("COLLECTIVE")
PRONOUNS = pronouns()


CONFIDENCE = {"name": 0.95, "pronoun": 0.7, "description": 0.6, "group": 0.5, "none": 0.0}


SPEAKER_TYPE_ORDER = {"PERSON": 0, "ORG": 1, "NORP": 2, "GPE": 3, "LOC": 4, "FAC": 5}


def _entity_at(entities: list[Entity], span: tuple[int, int], overlap: bool = False) -> Entity | None:
    """The entity mentioned inside ``span`` (or overlapping it), people first, then organisations."""
    s, e = span
    hits = [ent for ent in entities for (ms, me) in ent.mentions
            if ((ms < e and s < me) if overlap else (s <= ms and me <= e))]
    return min(hits, key=lambda ent: SPEAKER_TYPE_ORDER.get(ent.type, 9)) if hits else None


def main_organisation(entities: list[Entity], armed: bool = False) -> str | None:
    """The story's group: its most-mentioned organisation ("they" when nothing closer fits), never a news outlet
    that reports the story ("AFP reported that the fighters shelled the town"). With ``armed``, the group that
    "the fighters" or "the rebels" can be: not a civil or intergovernmental body ("the UN", "the African Union",
    "Amnesty International"), and a group known to fight (data/armed_groups.tsv) before any other ("Militants
    attacked the Jaffar Express ... The Baloch Liberation Army claimed responsibility": not the train); None when
    the story names no such group, rather than a wrong guess."""
    counts = {ent.id: len(ent.mentions) for ent in entities if ent.type == "ORG" and not _news_outlet(ent.name)
              and not (armed and _civil_body(ent.name))}
    if armed:
        known = armed_groups()
        fighting = {ent.id for ent in entities if ent.id in counts and any(
            fold_accents(name_key(name)) in known for name in (ent.name, *ent.aliases))}
        counts = {i: n for i, n in counts.items() if i in fighting} or counts
    return max(counts, key=counts.__getitem__) if counts else None


def _news_outlet(name: str) -> bool:
    low = name.lower().removeprefix("the ")
    return low in NEWS_OUTLETS or (low.split() or [""])[-1] in OUTLET_HEADS


def _civil_body(name: str) -> bool:
    """An intergovernmental or civil body: by acronym, with or without its stops ("UN", "U.N.", "the U.N."), or by
    the head word of its name ("African Union", "Amnesty International")."""
    words = name.lower().replace("-", " ").split()
    acronym = name.removeprefix("the ").replace(".", "")
    return acronym in CIVIL_BODIES or bool(words) and (words[-1] in CIVIL_HEADS or "international" in words)


def _office_holder(doc: Doc, named: list, span: tuple[int, int]) -> str | None:
    """The person an office phrase as a source stands for ("the president said"; :mod:`..offices`)."""
    words = doc.char_span(span[0], span[1], alignment_mode="expand")
    return holder(named, words.root) if words is not None else None


def resolve_speakers(doc: Doc, attributions: list[Attribution], entities: list[Entity]) -> None:
    """Fill each attribution's speaker (entity id) and confidence, in text order."""
    text = doc_text(doc)
    mentions = sorted(((s, e, ent) for ent in entities for s, e in ent.mentions), key=lambda m: m[0])
    main_org = main_organisation(entities)
    armed_org = main_organisation(entities, armed=True)
    last_person: str | None = None
    last_group: str | None = None
    named = people(doc, entities)  # "the president" after "President X" stands for X
    by_id = {ent.id: ent for ent in entities}
    for a in attributions:
        if "continues" in a.extra:
            prev = a.extra["continues"]
            a.speaker, a.confidence, a.source = prev.speaker, min(prev.confidence, 0.8), None
            a.extra["speaker_text"] = prev.extra.get("speaker_text")
            continue
        if a.source is None:
            continue
        src_text = text[a.source[0]:a.source[1]]
        a.extra["speaker_text"] = src_text
        low = src_text.lower().strip()
        anchor = a.source[0]
        head = a.extra.get("head")  # _head(): start, end, lemma and lower-case form of the source's head word
        at_head = _entity_at(entities, head[:2], overlap=True) if head else None
        inside = _entity_at(entities, a.source)
        head_word, head_lemma = (head[3], head[2]) if head else ("", "")
        if at_head is not None:
            a.speaker, a.confidence = at_head.id, CONFIDENCE["name"] if at_head.type in ("PERSON", "ORG") else 0.8
        elif inside is not None and inside.type == "PERSON" and head_lemma in PERSON_NOUNS:
            # "a masked fighter from the Siberian Battalion with the call sign Kholod" -> Kholod
            a.speaker, a.confidence = inside.id, CONFIDENCE["description"]
        elif head_word in GROUP_NOUNS and (group := armed_org if head_word in ARMED_GROUP_NOUNS else main_org) and (
                head_lemma in COLLECTIVE or not low.startswith(("a ", "an ", "some ", "many ", "two ", "three ",
                                                                 "several "))):
            a.speaker, a.confidence = group, CONFIDENCE["group"]
        elif inside is not None and low not in PRONOUNS and (
                inside.type in ("PERSON", "ORG", "NORP") or head_lemma in GOVERNMENT_NOUNS):
            # "Russian officials" -> Russian; "the government in Bamako" -> Bamako; not "residents of Gao".
            a.speaker, a.confidence = inside.id, CONFIDENCE["description"]
        elif head and (office := _office_holder(doc, named, head[:2])) is not None:
            a.speaker, a.confidence = office, CONFIDENCE["description"]
        elif low in PRONOUNS:
            want = PRONOUNS[low]
            before = [m for m in mentions if m[1] <= anchor]
            if want == "PERSON":
                cand = last_person or next((m[2].id for m in reversed(before) if m[2].type == "PERSON"), None)
            elif low == "we" or low == "us":
                cand = last_group
            else:
                cand = last_group or next((m[2].id for m in reversed(before) if m[2].type in ("ORG", "NORP")), None)
            a.speaker, a.confidence = cand, CONFIDENCE["pronoun"] if cand else CONFIDENCE["none"]
        else:
            a.speaker, a.confidence = None, CONFIDENCE["none"]
        if a.speaker and by_id[a.speaker].type == "PERSON":
            last_person = a.speaker
        elif a.speaker:
            last_group = a.speaker
