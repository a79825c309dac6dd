"""Choosing the place a toponym refers to, among the gazetteer's candidates.

Each candidate gets a score from a few features, in the spirit of Mordecai's ranking but with weights set by
hand (see docs/places.md for the dev scores they give):

- what kind of place it is (countries and regions are what news names most; admin-2 units least), and whether
  the text calls it a region ("the Bryansk region", "Kursk border regions" prefer admin-1 units);
- how the name matched (the place's own name, an alias, or a derived core name);
- its population (log scale);
- the story's other places: a candidate in a country the story names, or in an admin-1 unit the story names
  ("Alexandria" with "Louisiana" is Alexandria, Louisiana), or in the admin-1 unit where most of the story's
  names have a town or county, or in a county the story names ("Paris" with "Henry County": Tennessee).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..ontologies import word_class
from .gazetteer import ALIAS, OWN, Gazetteer, Place, capitals, name_key

# Feature weights, set by hand, then checked by a small grid on the first 150 LGL and GeoWebNews articles
# (docs/places.md): the scores barely move within +-0.5 of these values.
KIND_PRIOR = {"country": 3.0, "demonym": 3.0, "region": 2.5, "admin1": 1.5, "city": 0.0, "admin2": -0.5}
QUALITY_BONUS = {0: 1.0, 1: 0.3, 2: 0.0}
POPULATION_WEIGHT = 0.7  # per power of ten
# The regions and seas of eventwire's own table have no population; each is there because the press names it,
# so it counts as a place of a million people (log10 = 6): "Gaza" is the Gaza Strip before Mozambique's Gaza
# province, "the Atlantic" the ocean before Atlantic, Iowa.
CURATED_REGION_PROMINENCE = 6.0
IN_STORY_COUNTRY = 1.5
DEMONYM_TOWN_MAX_POPULATION = 100_000
IN_STORY_ADMIN1 = 2.5
# An admin-1 unit known only because another toponym of the story is a city in it ("Chicago" → Illinois) is
# weaker evidence than one the story names: Atlanta, Illinois must not beat Atlanta, Georgia. LGL acc@161:
# 0.765 at 2.5 (as if named), 0.769 at 2.0, 0.774 at 1.5, 0.773 at 1.0, 0.756 at 0.5; GeoWebNews 0.724 -> 0.726.
VIA_CITY_ADMIN1 = 1.5
# Resolutions inform each other: each toponym learns from those resolved before it, in this pass and the last
# ("Georgia", read as the country until Atlanta is resolved, is the US state by the time Atlanta is read again).
# Learning as each is resolved, not after the pass: LGL acc@161 0.807 -> 0.812, end-to-end F1 +0.004; GeoWebNews
# -0.0015 / +0.001. (A third pass adds 0.001; a bonus by the share of the story's toponyms in the candidate's
# country cost 0.002-0.003 acc@161 on LGL.)
PASSES = 2
# Towns and counties in the admin-1 unit where most of the story's names have one ("Palestine", "Anderson County",
# "Freestone County": Texas), when two or more do. Chosen on all of LGL and GeoWebNews: acc@161 LGL / GWN 0.780 /
# 0.727 without, 0.788 / 0.730 at 0.3, 0.790 / 0.730 at 0.5, 0.792 / 0.730 at 0.75, 0.793 / 0.725 at 1.0.
SHARED_ADMIN1 = 0.5
# Towns in a county the story names, and that county: "Paris" and "Henry County" are Paris, Tennessee and its county
# (Henry County, Illinois has no Paris; Paris, Illinois is in Edgar County). Stronger than a named state: with a
# town of the story in it, a named county outweighs a country's prominence ("Lebanon Police" and "the Boone County
# Jail": Lebanon, Indiana). Chosen on all of LGL and GeoWebNews: LGL acc@161 0.812 without, 0.822 at 0.5, 0.826 at
# 1.0, 0.828 at 2.5 and 3.0, 0.831 at 4.0 and 5.0; GeoWebNews 0.758 at each.
SHARED_ADMIN2 = 4.0
# The last word of a site's name: a building, a square, a campus ("Barclays Center", "Al-Shifa Hospital"; not
# streets, which LGL does not mark as places).
SITE_WORDS = frozenset("""square plaza bridge center centre hospital university college school academy stadium arena
airport park station church mosque temple cathedral hotel mall market building tower prison jail estate campus museum
library courthouse theatre theater""".split())
HINTED_KIND = 4.0  # "X region" and an admin-1 candidate
# A country's capital (its largest town of that name), when the story names the country: "In Washington, Russian
# diplomats boarded a bus" in a story of British towns is the US capital, not Washington, Tyne and Wear (whose
# admin-1 unit the story's English towns lie in).
CAPITAL_OF_STORY_COUNTRY = 1.5
CITY_WHEN_REGION_HINTED = -1.0
# An admin unit that shares its name with a large city of its country (Bamako, Kyiv Oblast, New York, Belgorod
# Oblast) yields to the city when the text does not say "region": news means the city.
UNIT_NAMED_AFTER_ITS_CITY = -2.5
NAMESAKE_CITY_MIN_POPULATION = 100_000
SEAT_MIN_POPULATION = 20_000  # a town inside the admin-1 unit of its name (Kherson): see rank()
# Towns below this many people are doubtful when the text alone names them (stray_town). On LGL, 1 in 12 of the
# small towns in another country than the story's other places was right; 4 in 53 of those known only by an
# alternate name. End-to-end F1, LGL / GeoWebNews: 0.683 / 0.726 without; 0.688 / 0.728 at 30,000; 0.691 / 0.730
# at 100,000; 0.692 / 0.729 at 300,000 (all also for stories that name no other place; keeping those costs LGL
# 0.0005, and spares the lone town of a conflict report).
STRAY_TOWN_MAX_POPULATION = 100_000
COMPASS_ADJECTIVES = word_class("COMPASS_ADJECTIVES")
DIRECTION_WORDS = word_class("DIRECTION_WORDS")
PART_OF_KINDS = frozenset({"country", "admin1", "region"})


@dataclass
class Context:
    """What the rest of the story says about where it is: countries, admin-1 units it names, and admin-1 units
    its cities lie in (``admin1_via_city``).

    What a toponym's own resolution taught is kept apart (``learned``), so that a name never supports its own
    reading: "Alexandria" resolved to Egypt's governorate must not then vote for Alexandria, Egypt.
    """

    countries: set[str] = field(default_factory=set)
    admin1: set[str] = field(default_factory=set)
    admin1_via_city: set[str] = field(default_factory=set)
    # name key -> (country, admin-1 unit, whether the toponym is that admin-1 unit itself)
    learned: dict[str, tuple[str | None, str | None, bool]] = field(default_factory=dict)
    # (country, admin-1 unit) pairs where two or more of the story's ambiguous names have a town or county
    shared_admin1: set[tuple[str, str]] = field(default_factory=set)
    # (country, admin-1 unit, county) of counties the story names in which another of its names has a town
    shared_admin2: set[tuple[str, str, str]] = field(default_factory=set)

    def learn(self, name: str, place: Place) -> None:
        """Record a resolved toponym's country and admin-1 unit as context for the others."""
        admin1 = place.name if place.kind == "admin1" else place.admin1 if place.kind in ("admin2", "city") else None
        self.learned[name_key(name)] = (place.country, admin1, place.kind == "admin1")

    def without(self, name: str) -> Context:
        """The context for resolving ``name``: everything but what ``name`` itself taught."""
        key = name_key(name)
        others = [v for k, v in self.learned.items() if k != key]
        named = self.admin1 | {a for _, a, is_unit in others if a and is_unit}
        return Context(self.countries | {c for c, _, _ in others if c}, named,
                       admin1_via_city={a for _, a, is_unit in others if a and not is_unit} - named,
                       shared_admin1=self.shared_admin1, shared_admin2=self.shared_admin2)


def score(place: Place, ctx: Context, hint: str | None = None) -> float:
    s = KIND_PRIOR.get(place.kind, 0.0) + QUALITY_BONUS.get(place.quality, 0.0)
    s += POPULATION_WEIGHT * (CURATED_REGION_PROMINENCE if place.kind == "region" and not place.population
                              else math.log10(place.population + 1))
    if place.country and place.country in ctx.countries:
        s += IN_STORY_COUNTRY
    if place.kind in ("city", "admin2") and place.admin1 and place.admin1 in ctx.admin1:
        s += IN_STORY_ADMIN1
    elif place.kind in ("city", "admin2") and place.admin1 and place.admin1 in ctx.admin1_via_city:
        s += VIA_CITY_ADMIN1
    elif place.kind in ("city", "admin2") and (place.country, place.admin1) in ctx.shared_admin1:
        s += SHARED_ADMIN1
    if _county_of(place) in ctx.shared_admin2:
        s += SHARED_ADMIN2
    if hint is not None:
        if place.kind == hint:
            s += HINTED_KIND
        elif place.kind == "city":
            s += CITY_WHEN_REGION_HINTED
    return s


def rank(candidates: tuple[Place, ...], ctx: Context, hint: str | None = None) -> list[Place]:
    """Candidates best first. Demonym records are left out: they resolve through their country."""
    usable = [c for c in candidates if c.kind != "demonym"]
    # A curated region that is an admin-1 unit of its country (Tigray, Chechnya, the West Bank: the builder gave it
    # the unit's GeoNames id) stands for the unit, which is not ranked against it.
    regions = {c.geonames_id for c in usable if c.kind == "region" and c.geonames_id}
    usable = [c for c in usable if not (c.kind == "admin1" and c.geonames_id in regions)]
    namesakes = [c for c in usable if c.kind == "city" and c.quality <= ALIAS
                 and c.population >= NAMESAKE_CITY_MIN_POPULATION]
    namesake_countries = {c.country for c in namesakes}
    # ... or a city of another country with more people than the unit: Jerusalem, not the West Bank's governorate
    biggest_namesake = max((c.population for c in namesakes), default=0)
    # ... or a town of the name inside the unit itself, whatever its size: Kherson (GeoNames' figure for the city
    # is 66,000) is the city, not Kherson Oblast
    seats = {(c.country, c.admin1) for c in usable if c.kind == "city" and c.quality == OWN
             and c.population >= SEAT_MIN_POPULATION}
    table = capitals()
    capital = max((c for c in usable if c.kind == "city" and c.country in ctx.countries and
                   table.get(c.name.casefold()) == c.country), key=lambda c: c.population, default=None)

    def total(c: Place) -> float:
        s = score(c, ctx, hint)
        named_after_a_city = c.country in namesake_countries or c.population < biggest_namesake or \
            c.kind == "admin1" and (c.country, c.name) in seats
        if hint is None and c.kind in ("admin1", "admin2") and named_after_a_city:
            s += UNIT_NAMED_AFTER_ITS_CITY
        elif c.kind == "admin1" and (c.name in ctx.admin1_via_city or c.name in ctx.admin1):
            # the story's cities lie in it, or it names a part of it: "Georgia" with Atlanta or "North Georgia"
            # is the US state
            s += VIA_CITY_ADMIN1
        if c is capital:
            s += CAPITAL_OF_STORY_COUNTRY
        return s

    return sorted(usable, key=lambda c: -total(c))


def resolve_story(toponyms: list[tuple[tuple[str, ...], str | None]], gazetteer: Gazetteer,
                  ctx: Context) -> list[Place | None]:
    """Resolve a story's toponyms together: each is (its names, the first being the one it is known by; a kind
    hint). Each toponym learns the country and admin-1 unit of those resolved before it, in this pass and the last
    (``PASSES`` passes); the counties and admin-1 units the story's names share are found once, before the passes."""
    resolved: list[Place | None] = [None] * len(toponyms)
    ctx.shared_admin1 = _shared_admin1(toponyms, gazetteer)
    ctx.shared_admin2 = _shared_admin2(toponyms, gazetteer)
    for _ in range(PASSES):
        for k, (names, hint) in enumerate(toponyms):
            resolved[k] = place = next(filter(None, (resolve(n, gazetteer, ctx, hint) for n in names)), None)
            if place is not None:
                ctx.learn(names[0], place)
    return _place_sites(toponyms, resolved)


def stray_town(place: Place, ctx: Context) -> bool:
    """Whether a name the parse found is too doubtful a town to be taken as a place, in a story whose other places
    say where it is: a town of fewer than ``STRAY_TOWN_MAX_POPULATION`` people in a country none of them is in
    ("Titan" in a Texas story, a "Toyota" car), or known by this name only as an alternate name ("Ismaili" for
    Ismayilli). A story that names no other place keeps its town ("the fighters entered Afrin"). Checked on what
    the text names, not on toponyms given as such (the gold-span evaluation resolves those regardless)."""
    if place.kind != "city" or place.population >= STRAY_TOWN_MAX_POPULATION or not ctx.countries:
        return False
    return place.country not in ctx.countries or place.quality != OWN


def _place_sites(toponyms: list[tuple[tuple[str, ...], str | None]], resolved: list[Place | None]
                 ) -> list[Place | None]:
    """Buildings and other sites no gazetteer has ("Barclays Center", "Manila Cathedral", "Al-Shifa Hospital")
    are placed in the story's town: the city its toponyms name most often (the first on a tie), at that
    town's point, with no GeoNames id of their own. None stays None when the story names no town."""
    towns = [p for p in resolved if p is not None and p.kind == "city"]
    if not towns:
        return resolved
    town = max(towns, key=lambda p: (sum(q.id == p.id for q in towns), -towns.index(p)))
    out = list(resolved)
    for k, ((names, _hint), place) in enumerate(zip(toponyms, resolved, strict=True)):
        last = names[0].split()[-1].lower().rstrip(".") if names[0].split() else ""
        if place is None and len(names[0].split()) > 1 and last in SITE_WORDS:
            out[k] = Place(names[0], "site", town.country, 0, None, town.lat, town.lon, town.admin1, ALIAS, 0)
    return out


def _shared_admin1(toponyms: list[tuple[tuple[str, ...], str | None]], gazetteer: Gazetteer) -> set[tuple[str, str]]:
    """The admin-1 units where most of the story's distinct names have a town or county candidate, when that is two
    or more names ("Palestine", "Anderson County" and "Freestone County" all have one in Texas)."""
    names_by_unit: dict[tuple[str, str], set[str]] = {}
    for names, _hint in toponyms:
        key = name_key(names[0])
        for c in gazetteer.lookup(names[0]):
            if c.kind in ("city", "admin2") and c.country and c.admin1:
                names_by_unit.setdefault((c.country, c.admin1), set()).add(key)
    best = max((len(v) for v in names_by_unit.values()), default=0)
    return {unit for unit, v in names_by_unit.items() if len(v) == best} if best >= 2 else set()


def _county_of(place: Place) -> tuple[str, str, str] | None:
    """(country, admin-1 unit, county) of a town, or of a county itself."""
    county = place.admin2 if place.kind == "city" else place.name if place.kind == "admin2" else None
    return (place.country, place.admin1, county) if county and place.country and place.admin1 else None


def _shared_admin2(toponyms: list[tuple[tuple[str, ...], str | None]], gazetteer: Gazetteer
                   ) -> set[tuple[str, str, str]]:
    """The counties the story names by their own name ("Henry County", not "Henry") in which most of its other
    distinct names have a town, when one or more do ("Paris" and "Henry County": Henry County, Tennessee). Towns
    alone sharing a county prove little: Brussels and Washington Island are both in Door County, Wisconsin."""
    names_by_county: dict[tuple[str, str, str], set[str]] = {}
    named: set[tuple[str, str, str]] = set()
    for names, _hint in toponyms:
        key = name_key(names[0])
        for c in gazetteer.lookup(names[0]):
            county = _county_of(c)
            if county is not None:
                names_by_county.setdefault(county, set()).add(key)
                if c.kind == "admin2" and c.quality == OWN:
                    named.add(county)
    shared = {county: v for county, v in names_by_county.items() if county in named and len(v) >= 2}
    best = max((len(v) for v in shared.values()), default=0)
    return {county for county, v in shared.items() if len(v) == best}


def part_of(name: str, gazetteer: Gazetteer) -> tuple[Place, ...]:
    """The countries, states and regions a name of a part of one, by a direction word, lies in: "North Texas" is
    in Texas, "Central Mali" in Mali (none for a name without such a word)."""
    first, _, rest = name.partition(" ")
    if first.lower() not in DIRECTION_WORDS or not rest:
        return ()
    return tuple(c for c in gazetteer.lookup(rest) if c.kind in PART_OF_KINDS)


def resolve(name: str, gazetteer: Gazetteer, ctx: Context, hint: str | None = None) -> Place | None:
    """The best place for ``name``, or None when the gazetteer has no candidate. A name with its state or country
    after a comma ("Washington, D.C.", "Paris, Texas", "Vancouver, BC") is its first part, inside the second."""
    candidates = gazetteer.lookup(name)
    if not candidates and "." in name and not name.endswith("."):
        candidates = gazetteer.lookup(name + ".")  # "W.Va" with its last period read as the sentence's
    if not candidates and name.count(",") == 1:
        head, tail = (part.strip() for part in name.split(","))
        within = gazetteer.best(tail, frozenset({"country", "admin1"})) or gazetteer.best(tail)  # "D.C."
        inside = [c for c in gazetteer.lookup(head) if within is not None and c.country == within.country
                  and (within.kind == "country" or c.admin1 == within.name or c.id == within.id)]
        if inside:
            return rank(tuple(inside), ctx.without(name), hint)[0]
    if name.isalpha() and name.isupper() and len(name) <= 3:
        # An acronym is not the short place it spells: "UN" is not Un, India; "OAS" not Oas, "EST" not Burkina
        # Faso's Est region (an alias such as "NYC" or "UAE" still names its place)
        candidates = tuple(c for c in candidates if c.quality != OWN)
    if not candidates:
        candidates = part_of(name, gazetteer)
    ranked = rank(candidates, ctx.without(name), hint)
    top = ranked[0] if ranked else None
    demonym = next((c for c in candidates if c.kind == "demonym"), None)
    if demonym is not None and demonym.country and (
            top is None or top.kind in ("city", "admin2") and top.population < DEMONYM_TOWN_MAX_POPULATION):
        # "Canadian" is Canada, not Canadian, Texas: a nationality word names a small town far less often.
        return gazetteer.country(demonym.country) or top
    return top
