"""Places: the story's toponyms resolved to GeoNames records with coordinates.

Reads the entities (GPE, LOC and FAC mentions; demonyms that modify a place noun, "Russian border regions" →
Russia) and the gazetteer; writes one :class:`~eventwire.model.Place` per resolved entity. A name followed by a
region word ("the Bryansk region", "Belgorod and Kursk border regions", "Kherson oblast") is resolved among
admin-1 units first; "X County" or "X district" among admin-2 units.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from ..geo.gazetteer import Gazetteer
from ..geo.gazetteer import Place as PlaceRecord
from ..geo.resolve import STRAY_TOWN_MAX_POPULATION, Context, part_of, resolve_story, stray_town
from ..model import Entity, Place
from ..ontologies import word_class
from .capitals import capital_places
from .nlp import doc_text
from .seats import is_institution, seat_places

if TYPE_CHECKING:
    from spacy.tokens import Doc

DIRECTION_WORDS = word_class("DIRECTION_WORDS")
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


# The word that ends a public body's name, or stands before its "of", when the body is named for its place: "the
# Athens Police Department", "Butler County Coroner's Office", "Rock Hill Public Schools", "the U.S. Department of
# Health". Not newspapers, firms, teams, or schools, hospitals and universities, often named for a person
# ("Lincoln High School", "Harvard University").
LOCAL_BODIES = frozenset("""police sheriff sheriff's department dept office council commission commissioners board court
authority government library hall district schools coroner coroner's prosecutor prosecutor's attorney attorney's
assembly legislature senate house congress parliament ministry bureau census service agency embassy consulate
army navy patrol administration""".split())
# "University of North Carolina", "the Hospital of the University of Pennsylvania"
_OF_PLACE = re.compile(r"\b(?:University|College|Hospital|Government|City|Town|County|State|Commonwealth|Port) of "
                       r"(?:the )?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})")
EMBEDDED_KINDS = frozenset({"city", "admin1", "admin2", "country"})
EMBEDDED_MIN_POPULATION = 1000
AGAIN_MIN_POPULATION = 10_000
# Words between a place and the body named for it: "the Tega Cay Volunteer Fire Department", "Prince William
# Circuit Court", "Alexandria City Public Schools" (a place's own "County" or "Parish" is part of its name).
BODY_WORDS = LOCAL_BODIES | frozenset("""city town public fire volunteer school circuit superior municipal magistrate
general sessions regional state health area development housing water parks planning zoning transit
transportation education metropolitan unified independent community juvenile family probate common chancery
criminal civil trial appeals emergency coastal turnpike port election elections police sheriff's""".split())
_WORDS = re.compile(r"[\w.'’-]+")
# Words of bodies' names that are also the names of small towns somewhere: never a place inside a name.
_TITLE_WORDS = frozenset("""supreme federal national central general regional circuit district superior municipal
public state union independence liberty unity exchange grave high royal city county law justice lake commerce
interior defence defense foreign home health finance education energy agriculture trade labor labour transport
transportation haven""".split())


def _embedded_places(text: str, entities: list[Entity],
                     gazetteer: Gazetteer) -> list[tuple[Entity, list[tuple[int, int]]]]:
    """Places named only inside the names of public bodies ("the Athens Police Department", "University of
    Oklahoma", "Douglas County Public Works"; "Western Pennsylvania Kennel Association" is not one), also where NER
    took the name for a person ("McMinn County Sheriff"), and the known start of a place name NER ran on into a
    title ("Las Vegas City Marshal"), as place entities of their own with no id. A place the story also names on
    its own is left to :func:`_places_inside_names`."""
    named = {n.lower() for e in entities if e.type in PLACE_TYPES for n in (e.name, *e.aliases)}
    found: dict[str, list[tuple[int, int]]] = {}
    for ent in entities:
        if ent.type in PLACE_TYPES and ent.type != "FAC":
            # A place name NER ran on into the next words ("Las Vegas City Marshal", "Madison County Parks"):
            # its longest known start
            if not any(gazetteer.lookup(n) for n in (ent.name, *ent.aliases)):
                for s, e in ent.mentions:
                    words = list(_WORDS.finditer(text, s, e))
                    span = _known_prefix(text, words, gazetteer, whole=False) if len(words) > 1 else None
                    after = next((w.group(0).lower() for w in words if span and w.start() >= span[1]), "")
                    if span and after in BODY_WORDS:  # not "Memphis St.", "the Bekaa Valley"
                        found.setdefault(text[span[0]:span[1]], []).append(span)
            continue
        if ent.type not in ("ORG", "FAC", "PERSON"):  # ("McMinn County Sheriff" is no person)
            continue
        for s, e in ent.mentions:
            for start, end in _embedded_spans(text, s, e, gazetteer):
                name = text[start:end]
                if name.lower() not in named:
                    found.setdefault(name, []).append((start, end))
    return [(Entity(id="", name=name, type="GPE", aliases=[], mentions=spans), spans)
            for name, spans in found.items()]


def _embedded_spans(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """The place names inside one organisation mention at ``start``:``end`` (see :func:`_embedded_places`)."""
    name = text[start:end]
    out = []
    for m in _OF_PLACE.finditer(name):
        run = m.group(1)
        if "-" in run.split()[-1]:  # "University of Nebraska-Lincoln": the state
            run = run[:run.rindex("-")]
        words = list(_WORDS.finditer(name, m.start(1), m.start(1) + len(run)))
        span = _known_prefix(name, words, gazetteer, whole=True)  # not "Southern" of "Southern California"
        if span:
            out.append((start + span[0], start + span[1]))
    words = list(_WORDS.finditer(name))
    of = next((k for k, w in enumerate(words) if w.group(0) == "of"), None)
    words = words[:of] if of else words  # "the U.S. Department of Health": the body is the Department
    head = words[-1].group(0).lower() if words else ""
    first = 1 if words and words[0].group(0).lower() == "the" else 0
    county = next((k for k in range(first + 1, len(words) - 1) if words[k].group(0) in ("County", "Parish")), None)
    if not out and county is not None:  # a county's name starts any body of it: "Douglas County Public Works"
        span = _known_prefix(name, words[first:county + 1], gazetteer, whole=True)
        if span:
            return [(start + span[0], start + span[1])]
    if out or len(words) < 2 or head not in LOCAL_BODIES or head == "court" and len(words) < 3:
        return out  # ("Rye Court" is a street)
    body = next((k for k in range(first, len(words)) if words[k].group(0).lower() in BODY_WORDS), len(words))
    for lead in (first, first + 1):  # "North Las Vegas Police", else "Western Pennsylvania Kennel Association"
        if lead < body and (lead == first or words[first].group(0).lower() in DIRECTION_WORDS):
            span = _known_prefix(name, words[lead:body], gazetteer, whole=True)
            if span:
                out.append((start + span[0], start + span[1]))
                break
    return out


def _known_prefix(name: str, words: list[re.Match], gazetteer: Gazetteer, whole: bool) -> tuple[int, int] | None:
    """The offsets in ``name`` of the longest run of ``words`` from the first (all of them when ``whole``: "Charles
    Beatley Library" is no library of Charles) that the gazetteer knows by its own name or an alias as a town,
    county, state or country."""
    for k in range(len(words), 0, -1):
        if whole and k < len(words):
            break
        if not all(w.group(0)[0].isupper() for w in words[:k]):
            continue
        raw = name[words[0].start():words[k - 1].end()]
        for candidate in dict.fromkeys((raw, raw.rstrip("."))):  # "U.S.", else "Mass" of "Mass."
            if candidate.lower() in _TITLE_WORDS or candidate.isupper() and len(candidate) <= 4 and \
                    "." not in candidate:
                continue  # ("the Supreme Court", "SRF Authority")
            if any(p.kind in EMBEDDED_KINDS and p.quality <= 1 for p in gazetteer.lookup(candidate)):
                return words[0].start(), words[0].start() + len(candidate)
    return None


def _place_mentions(doc: Doc, entities: list[Entity],
                    gazetteer: Gazetteer) -> list[tuple[Entity, list[tuple[int, int]]]]:
    out = []
    text = doc_text(doc)
    inside = _places_inside_names(text, entities)
    for ent in entities:
        if ent.type in PLACE_TYPES:
            out.append((ent, sorted([*ent.mentions, *inside.get(ent.id, [])])))
        elif ent.type == "NORP" and part_of(ent.name, gazetteer):
            # "in Central Mali", which the entity recognizer may type as a nationality (as it does truecased wire
            # copy's "IN CENTRAL MALI"): a part of a country is a place
            out.append((ent, sorted(ent.mentions)))
        elif ent.type == "NORP" and ent.country:
            spans = []
            for s, e in ent.mentions:
                nxt = re.match(r"\s+([a-z]+)", text[e:e + 20])
                if nxt and nxt.group(1) in PLACE_NOUNS:
                    spans.append((s, e))
            if spans:
                out.append((ent, spans))
    return out + _embedded_places(text, entities, gazetteer)


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
    out: dict[str, list[tuple[int, int]]] = {}
    for ent in entities:
        if ent.type not in ("ORG", "FAC"):
            continue
        for s, e in ent.mentions:
            for start, end in _names_within(text, s, e, names):
                place = names[text[start:end].lower()]
                if place != ent.id and text[start].isupper():  # a facility's own name is no place inside it
                    out.setdefault(place, []).append((start, end))
    return out


def _names_within(text: str, start: int, end: int, names: dict[str, str]) -> list[tuple[int, int]]:
    """Where the keys of ``names`` (lower case) stand as whole words in ``text[start:end]``, case aside: from the
    left, the longest name at each place, none overlapping. A plain search of the lowered span (no pattern built
    for each story); a span whose lower case changes its length ("İ") is searched with a pattern instead."""
    span = text[start:end]
    lowered = span.lower()
    if len(lowered) != len(span):
        pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                             + r")(?![\w])", re.IGNORECASE)
        return [(m.start(), m.end()) for m in pattern.finditer(text, start, end)
                if m.group(1).lower() in names]
    found = []
    for name in names:
        at = lowered.find(name)
        while at >= 0:
            stop = at + len(name)
            before = text[start + at - 1] if start + at > 0 else " "
            after = text[start + stop] if stop < len(span) else " "  # the span's end is the text's, as for a pattern
            if not (before.isalnum() or before in "._") and not (after.isalnum() or after == "_"):
                found.append((at, -len(name)))
            at = lowered.find(name, at + 1)
    out, reached = [], 0
    for at, negative in sorted(found):
        if at >= reached:
            out.append((start + at, start + at - negative))
            reached = at - negative
    return out


def _named_again(text: str, entities: list[Entity], found: list) -> None:
    """Add to each well-known place the story names (a country, a state, a county named as one, a town of
    ``AGAIN_MIN_POPULATION`` or more) the other occurrences of its name where no entity stands: "Roselle officers",
    "the Kanawha County track", which the parse left unnamed. A name written in capitals ("NICE to tidy ...") is
    not taken again; an occurrence goes to one place only."""
    taken = sorted(span for ent in entities for span in ent.mentions)
    starts = [s for s, _ in taken]
    claimed: set[tuple[int, int]] = set()
    for ent, spans, place in found:
        if not ent.id or place.kind == "city" and place.population < AGAIN_MIN_POPULATION or \
                place.kind not in ("city", "admin1", "admin2", "country"):
            continue
        for name in {ent.name, *ent.aliases}:
            if len(name) < 4 or name.isupper() or not name[0].isupper() or place.kind == "admin2" and " " not in name:
                continue  # (a county by its own name alone, "Human", "Refuge": no)
            for m in re.finditer(r"(?<![\w.])" + re.escape(name) + r"(?![\w])", text):
                k = bisect_right(starts, m.start()) - 1
                if k >= 0 and taken[k][1] > m.start() or k + 1 < len(taken) and taken[k + 1][0] < m.end():
                    continue
                if (m.start(), m.end()) not in claimed:
                    claimed.add((m.start(), m.end()))
                    spans.append((m.start(), m.end()))


def _the_name(doc: Doc, spans: list[tuple[int, int]], place: PlaceRecord) -> bool:
    """Whether a small town's name is every time a name with "the" ("the White House said", "at the White
    House"), which a town's name is not (White House, Tennessee); "the Alexandria City Council" names the town."""
    if place.kind != "city" or place.population >= STRAY_TOWN_MAX_POPULATION or place.name.startswith("The "):
        return False
    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or span.start == 0 or doc[span.start - 1].lower_ != "the" or \
                span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "PROPN"):
            return False
    return True


def story_context(entities: list[Entity], gazetteer: Gazetteer, dateline_place: str | None = None) -> Context:
    """Countries the story names or implies: countries' names, demonyms, the dateline's country; and the admin-1
    unit of the dateline's city, as if the story named it ("PHILADELPHIA (CBS) -" and "his Kensington home": the
    Kensington of Pennsylvania, not Brooklyn's)."""
    ctx = Context()
    for ent in entities:
        if ent.country and ent.type in ("GPE", "NORP"):
            best = gazetteer.best(ent.name, frozenset({"country", "demonym"}))
            if best is not None and best.country:
                ctx.countries.add(best.country)
    if dateline_place:
        parts = [part.strip().title() for part in dateline_place.split(",")]
        for part in parts:
            best = gazetteer.best(part, frozenset({"country", "admin1"}))
            if best is not None and best.country:
                ctx.countries.add(best.country)
        city = gazetteer.best(parts[0], frozenset({"city"}))
        if city is not None and city.admin1 and (len(parts) == 1 or city.country in ctx.countries):
            ctx.countries.add(city.country)
            ctx.admin1.add(city.admin1)
    return ctx


def resolve_places(doc: Doc, entities: list[Entity], gazetteer: Gazetteer,
                   dateline_place: str | None = None) -> list[Place]:
    """One resolved place per place entity, in order of first mention."""
    ctx = story_context(entities, gazetteer, dateline_place)
    # The mentions of one entity may name two places: "south of Gao" (the city), "the Gao region".
    groups: list[tuple[Entity, str | None, list[tuple[int, int]]]] = []
    text = doc_text(doc)
    for ent, spans in _place_mentions(doc, entities, gazetteer):
        if is_institution(ent.name):
            continue  # "the White House" is where the presidency sits (see seat_places), not a town
        by_hint: dict[str | None, list[tuple[int, int]]] = {}
        for s, e in spans:
            by_hint.setdefault(region_hint(text, e), []).append((s, e))
        groups += [(ent, hint, group) for hint, group in by_hint.items()]
    found: list[tuple[Entity, list[tuple[int, int]], PlaceRecord]] = []
    resolved = resolve_story([((ent.name, *ent.aliases), hint) for ent, hint, _ in groups], gazetteer, ctx)
    # A place named only inside a body's name stands when the story's own places are in its country: "the Supreme
    # Court" in a story about India is not Supreme, Louisiana.
    countries = ctx.countries | {p.country for (ent, _h, _s), p in zip(groups, resolved, strict=True)
                                 if p is not None and ent.id}
    # ... or, in a story that names no place of its own, the country of the counties and states its bodies name
    # ("the Athens Police Department" and "Henderson County Crimestoppers": Texas)
    countries = countries or {p.country for p in resolved if p is not None and p.kind in ("admin1", "admin2")}
    for (ent, _hint, spans), place in zip(groups, resolved, strict=True):
        if place is None or not ent.id and (place.country not in countries or place.kind == "city" and
                                             place.population < EMBEDDED_MIN_POPULATION):
            continue
        if stray_town(place, ctx.without(ent.name)) or _the_name(doc, spans, place):
            continue
        # One record per place, whatever names it: "Gaza" and "the Gaza Strip", "U.S." and "U.S", the Balochistan
        # of the table and "Balochistan province" (one GeoNames id)
        same = next((f for f in found if f[2].id == place.id and (place.kind != "site" or f[0].id == ent.id) or
                     place.geonames_id and f[2].geonames_id == place.geonames_id), None)  # (sites share no id)
        if same is not None:
            same[1].extend(spans)
            if not same[0].id and ent.id:
                found[found.index(same)] = (ent, same[1], same[2])  # a named place's entity, not a body's word
        else:
            found.append((ent, list(spans), place))
    _named_again(text, entities, found)
    found = capital_places(doc, found, gazetteer)  # "the Afghan capital" is Kabul (pipeline/capitals.py)
    found.sort(key=lambda f: min(f[1]))
    named = [
        Place(id=f"P{n}", name=place.name, mentions=sorted(spans), geonames_id=place.geonames_id,
              lat=round(place.lat, 5) if place.lat is not None else None,
              lon=round(place.lon, 5) if place.lon is not None else None,
              country=place.country, admin1=place.admin1 if place.kind != "admin1" else place.name,
              feature=FEATURE.get(place.kind, "other"), precision=PRECISION.get(place.kind, 3), entity=ent.id or None)
        for n, (ent, spans, place) in enumerate(found, start=1)
    ]
    return named + seat_places(text, named, gazetteer)  # the seats of the institutions it names (pipeline/seats.py)
