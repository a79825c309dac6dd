"""A capital that acts is its country: "Tehran rejected the proposal", "Ankara threatened sanctions".

News names a government by its capital. As a place the capital stays a place; as an actor or recipient of an
event it stands for its country, as CAMEO and the PETRARCH dictionaries code it ("TEHRAN" is Iran's government).
:func:`capitals_as_countries` puts the country's entity in the capital's place in an event's parties when the
story names the country too (else the capital's entity stays: it still carries the country's code).

The other way round, a country named only as the owner of its capital is that capital as a place: "in the Afghan
capital", "in Cameroon's capital", "the capital of Somalia" are Kabul, Yaounde and Mogadishu, not the whole
country (:func:`capital_places`), unless the capital is named beside it ("the Somali capital, Mogadishu").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..geo.gazetteer import capital_of, capitals
from ..model import Entity, Event, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..geo.gazetteer import Gazetteer
    from ..geo.gazetteer import Place as GazetteerPlace

__all__ = ["capital_of", "capital_places", "capitals", "capitals_as_countries"]


def capitals_as_countries(events: list[Event], entities: list[Entity], places: list[Place]) -> list[Event]:
    """The events with each capital that acts or is acted on replaced by its country's entity, where the story
    names the country."""
    country_entity: dict[str, str] = {}
    for p in places:
        if p.feature == "country" and p.entity and p.country:
            country_entity.setdefault(p.country, p.entity)
    table = capitals()
    stands_for = {e.id: country_entity[e.country] for e in entities
                  if e.type == "GPE" and e.country in country_entity and table.get(e.name.casefold()) == e.country
                  and country_entity[e.country] != e.id}
    if not stands_for:
        return events

    def swap(ids: list[str]) -> list[str]:
        return list(dict.fromkeys(stands_for.get(i, i) for i in ids))

    return [ev.model_copy(update={"actor": swap(ev.actor), "recipient": swap(ev.recipient)})
            if set(ev.actor + ev.recipient) & stands_for.keys() else ev for ev in events]


def _capital_word(doc: Doc, start: int, end: int) -> Token | None:
    """The word "capital" a country's mention owns, where the capital is not named beside it: "the Afghan capital",
    "Cameroon's capital", "the capital of Somalia" (not "the Somali capital, Mogadishu", nor "Chinese capital",
    money)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of":
        head = head.head
    if head.lemma_.lower() != "capital" or head.pos_ != "NOUN" or head.i == root.i:
        return None
    if root.dep_ == "amod" and not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None  # "Chinese capital" flowing into Japan is money
    if root.dep_ not in ("amod", "poss", "compound", "pobj"):
        return None
    if any(c.dep_ == "appos" for c in head.children) or head.i + 2 < len(doc) and doc[head.i + 1].text == "," and \
            doc[head.i + 2].ent_type_ in ("GPE", "LOC"):
        return None  # "the Somali capital, Mogadishu": the capital is named, and a place of its own
    return head


Resolved = tuple[Entity, list[tuple[int, int]], "GazetteerPlace"]
"""A place the places stage resolved: its entity (no id for a place no entity names), the spans that name it, and
its gazetteer record."""


def capital_places(doc: Doc, found: list[Resolved], gazetteer: Gazetteer) -> list[Resolved]:
    """The resolved places with each country's mention that only owns its capital ("the Afghan capital") moved to
    the capital (the words from the country's name to "capital", or from "capital" to the name): to the story's own
    record of it, else to a new one with no entity. A country left with no mention is dropped; one whose capital the
    gazetteer lacks keeps its mentions."""
    out: list[Resolved] = []
    for ent, spans, place in found:
        owned = {(s, e): word for s, e in spans
                 if place.kind == "country" and place.country in capital_of()
                 and (word := _capital_word(doc, s, e)) is not None}
        city = max((c for c in gazetteer.lookup(capital_of()[place.country]) if c.kind == "city" and
                    c.country == place.country), key=lambda c: c.population, default=None) if owned else None
        if city is None:
            out.append((ent, spans, place))
            continue
        if len(owned) < len(spans):
            out.append((ent, [sp for sp in spans if sp not in owned], place))
        moved = [(min(s, w.idx), max(e, w.idx + len(w))) for (s, e), w in owned.items()]
        # the story's own record of the capital (its spans list is the one the output keeps), or one made here
        same = next((f for f in (*found, *out) if city.geonames_id and f[2].geonames_id == city.geonames_id), None)
        if same is not None:
            same[1].extend(moved)
        else:
            out.append((Entity(id="", name=city.name, type="GPE", aliases=[], mentions=moved), moved, city))
    return out
