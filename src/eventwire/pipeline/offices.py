"""Offices named without their holder: "the president" after "President Mohamed Abdullahi Mohamed".

A story names a person once with a title ("Somali President Mohamed Abdullahi Mohamed", "Prime Minister Hamza
Barre", "Mohamed, the president") and then often by the office alone ("the president said", "the prime minister
met ..."). :func:`people` lists every mention of a person in text order with the title said with it; an office
phrase ("the president", "the foreign minister": an office of the lexicon's ``OFFICES`` with "the") stands for the
last person named before it whose title holds its words (:func:`holder`), and is itself listed as a mention of
that person, so that a later "the president" or "he" can follow it. The events stage reads actors and recipients
through it, the quotes stage speakers.
"""

from __future__ import annotations

from bisect import insort
from typing import TYPE_CHECKING, NamedTuple

from ..ontologies import word_class

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..model import Entity

OFFICES = word_class("OFFICES")
TITLES = word_class("TITLES")

__all__ = ["Named", "holder", "people"]


class Named(NamedTuple):
    """A mention of a person: where it starts, the entity, its dependency ("nsubj", "dobj", "pobj", ...), and its
    title's words."""

    start: int
    entity: str
    dep: str
    title: frozenset[str]


def title_words(span: Span) -> frozenset[str]:
    """The words of the title said before a person's name ("prime", "minister" in "Prime Minister Mohammed Shia
    al-Sudani"), or of an office in apposition ("Mohamed, the president"), lower case."""
    doc, words = span.doc, []
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in TITLES:
        words.append(doc[i].lower_)
        i -= 1
    for c in span.root.children:
        if c.dep_ == "appos" and c.lower_ in OFFICES:
            words += office_words(c)
    return frozenset(words)


def office_words(head: Token) -> frozenset[str]:
    """An office noun with the words that narrow it ("prime minister", "foreign minister")."""
    return frozenset({head.lower_} | {c.lower_ for c in head.children if c.dep_ == "compound"})


def is_office(head: Token) -> bool:
    """Whether ``head`` names an office on its own: "the president", "the prime minister" (not "President
    Putin", where the title is part of a name, nor "a minister"; nor an office said of a country the story need
    not have named its holder for: "the president of France", "Russia's president", "the U.S. president")."""
    if head.lower_ not in OFFICES or head.tag_ != "NN" or head.dep_ == "compound":
        return False
    of_whom = any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") or
                  (c.dep_ in ("amod", "compound", "nmod") and c.text[:1].isupper()) for c in head.children)
    return not of_whom and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)


def holder(named: list[Named], head: Token) -> str | None:
    """The person an office phrase at ``head`` stands for: the last one named before it with that title."""
    if not is_office(head):
        return None
    wanted = office_words(head)
    return next((n.entity for n in reversed(named) if n.start < head.idx and wanted <= n.title), None)


def people(doc: Doc, entities: list[Entity]) -> list[Named]:
    """Every mention of a person in text order, the office phrases that stand for one included."""
    named: list[Named] = []
    for ent in entities:
        if ent.type == "PERSON":
            for s, e in ent.mentions:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is not None:
                    named.append(Named(s, ent.id, span.root.dep_, title_words(span)))
    named.sort()
    for tok in doc:
        if tok.lower_ in OFFICES and (who := holder(named, tok)) is not None:
            insort(named, Named(tok.idx, who, tok.dep_, office_words(tok)))
    return named
