"""Places: the story's toponyms resolved to GeoNames records with coordinates.

Reads the entities (GPE, LOC and FAC mentions; demonyms that modify a place noun, "Russian border regions" →
Russia) and the gazetteer; writes one :class:`~eventwire.model.Place` per resolved entity. A name followed by a
region word ("the Bryansk region", "Belgorod and Kursk border regions", "Kherson oblast") is resolved among
admin-1 units first; "X County" or "X district" among admin-2 units.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..geo.gazetteer import Gazetteer
from ..geo.gazetteer import Place as PlaceRecord
from ..geo.resolve import Context, resolve_story
from ..model import Entity, Place
from .nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

ADMIN1_WORDS = frozenset("region regions oblast oblasts province provinces governorate governorates state states "
                         "krai kray prefecture prefectures".split())
ADMIN2_WORDS = frozenset("county counties district districts parish parishes raion rayon municipality".split())
# A demonym before one of these names the country as a place: "Russian border regions", "on Ukrainian soil".
PLACE_NOUNS = frozenset("border borders region regions territory territories soil side city cities town towns "
                        "village villages capital coast waters airspace frontier province provinces".split())
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# Words that may stand between a name and its region word: "Belgorod and Kursk border regions".
_BRIDGE = re.compile(
    r"^(?:\s*(?:,|and|&|border|frontier|southern|northern|eastern|western|central|[A-Z][\w'’-]+))*\s*$")

FEATURE = {"country": "country", "admin1": "admin1", "city": "city", "region": "region", "admin2": "other",
           "site": "other"}
PRECISION = {"site": 1, "city": 1, "admin2": 2, "region": 3, "admin1": 3, "country": 4}  # a site: in its town


def region_hint(text: str, end: int) -> str | None:
    """'admin1' or 'admin2' when a region word follows the name ending at ``end`` (within a few words)."""
    window = text[end:end + 60]
    for m in re.finditer(r"[A-Za-z]+", window):
        word = m.group(0).lower()
        if word in ADMIN1_WORDS or word in ADMIN2_WORDS:
            if _BRIDGE.match(window[:m.start()]):
                return "admin1" if word in ADMIN1_WORDS else "admin2"
            return None
    return None


def _place_mentions(doc: Doc, entities: list[Entity]) -> list[tuple[Entity, list[tuple[int, int]]]]:
    out = []
    text = doc_text(doc)
    inside = _places_inside_names(text, entities)
    for ent in entities:
        if ent.type in PLACE_TYPES:
            out.append((ent, sorted([*ent.mentions, *inside.get(ent.id, [])])))
        elif ent.type == "NORP" and ent.country:
            spans = []
            for s, e in ent.mentions:
                nxt = re.match(r"\s+([a-z]+)", text[e:e + 20])
                if nxt and nxt.group(1) in PLACE_NOUNS:
                    spans.append((s, e))
            if spans:
                out.append((ent, spans))
    return out


def _places_inside_names(text: str, entities: list[Entity]) -> dict[str, list[tuple[int, int]]]:
    """Mentions of the story's places inside the names of its organisations and facilities ("according to the
    Texas Department of State Health Services" in a story that names Texas; "the University of Ohio"), by the
    place entity's id: a place named is a place mentioned, as geoparsing corpora count it. Only places the story
    also names on their own are taken, so an organisation's name alone never adds a place."""
    names = {}
    for ent in entities:
        if ent.type in PLACE_TYPES:
            for name in (ent.name, *ent.aliases):
                if len(name) > 1 and name[0].isupper():
                    names.setdefault(name.lower(), ent.id)  # "ALLENDALE, N.J." in a dateline; "Allendale" inside
    if not names:
        return {}
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                         + r")(?![\w])", re.IGNORECASE)
    out: dict[str, list[tuple[int, int]]] = {}
    for ent in entities:
        if ent.type not in ("ORG", "FAC"):
            continue
        for s, e in ent.mentions:
            for m in pattern.finditer(text, s, e):
                place = names[m.group(1).lower()]
                if place != ent.id and m.group(1)[0].isupper():  # a facility's own name is no place inside it
                    out.setdefault(place, []).append((m.start(), m.end()))
    return out


def story_context(entities: list[Entity], gazetteer: Gazetteer, dateline_place: str | None = None) -> Context:
    """Countries the story names or implies: countries' names, demonyms, the dateline's country."""
    ctx = Context()
    for ent in entities:
        if ent.country and ent.type in ("GPE", "NORP"):
            best = gazetteer.best(ent.name, frozenset({"country", "demonym"}))
            if best is not None and best.country:
                ctx.countries.add(best.country)
    if dateline_place:
        for part in dateline_place.split(","):
            best = gazetteer.best(part.strip().title(), frozenset({"country", "admin1"}))
            if best is not None and best.country:
                ctx.countries.add(best.country)
    return ctx


def resolve_places(doc: Doc, entities: list[Entity], gazetteer: Gazetteer,
                   dateline_place: str | None = None) -> list[Place]:
    """One resolved place per place entity, in order of first mention."""
    ctx = story_context(entities, gazetteer, dateline_place)
    # The mentions of one entity may name two places: "south of Gao" (the city), "the Gao region".
    groups: list[tuple[Entity, str | None, list[tuple[int, int]]]] = []
    text = doc_text(doc)
    for ent, spans in _place_mentions(doc, entities):
        by_hint: dict[str | None, list[tuple[int, int]]] = {}
        for s, e in spans:
            by_hint.setdefault(region_hint(text, e), []).append((s, e))
        groups += [(ent, hint, group) for hint, group in by_hint.items()]
    found: list[tuple[Entity, list[tuple[int, int]], PlaceRecord]] = []
    resolved = resolve_story([((ent.name, *ent.aliases), hint) for ent, hint, _ in groups], gazetteer, ctx)
    for (ent, _hint, spans), place in zip(groups, resolved, strict=True):
        if place is None:
            continue
        same = next((f for f in found if f[0].id == ent.id and f[2].id == place.id), None)
        if same is not None:
            same[1].extend(spans)
        else:
            found.append((ent, list(spans), place))
    found.sort(key=lambda f: min(f[1]))
    return [
        Place(id=f"P{n}", name=place.name, mentions=sorted(spans), geonames_id=place.geonames_id,
              lat=round(place.lat, 5) if place.lat is not None else None,
              lon=round(place.lon, 5) if place.lon is not None else None,
              country=place.country, admin1=place.admin1 if place.kind != "admin1" else place.name,
              feature=FEATURE.get(place.kind, "other"), precision=PRECISION.get(place.kind, 3), entity=ent.id)
        for n, (ent, spans, place) in enumerate(found, start=1)
    ]
