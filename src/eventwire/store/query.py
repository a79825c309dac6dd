"""Filters and the queries over the store, shared by ``eventwire query``, ``export`` and the HTTP API.

Every value reaches the database as a bound parameter; free text for full-text search is cut into words and
quoted, so no filter can inject SQL or FTS syntax.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Integer,
    String,
    and_,
    cast,
    false,
    func,
    literal_column,
    or_,
    select,
    text,
)

from .schema import actor_names, event_parties, events, incidents, stories

MAX_LIMIT = 1000
MAX_FILTER_CHARS = 200
STATUSES = ("reported", "future", "threatened", "hypothetical", "negated", "historical")
StatBy = Literal["day", "week", "type", "country", "actor", "status", "acled"]
StatUnit = Literal["events", "incidents"]

_Short = Annotated[str, Field(max_length=MAX_FILTER_CHARS)]


class Filters(BaseModel):
    """Which events: every filter given must hold (superseded versions of a story are left out unless asked)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: _Short | None = Field(default=None, description="PLOVER event type, e.g. ASSAULT, PROTEST.")
    acled: _Short | None = Field(default=None, description="ACLED sub-event type, e.g. 'Armed clash'.")
    status: Literal["reported", "future", "threatened", "hypothetical", "negated", "historical"] | None = None
    country: _Short | None = Field(default=None, description="ISO 3166-1 alpha-3 of the event's place, e.g. NGA.")
    actor: _Short | None = Field(default=None, description="Part of an actor's or recipient's name.")
    since: date | None = Field(default=None, description="Events that start on or after this day (YYYY-MM-DD).")
    until: date | None = Field(default=None, description="Events that start on or before this day.")
    bbox: _Short | None = Field(default=None, description="W,S,E,N in degrees (W > E crosses the antimeridian).")
    text: _Short | None = Field(default=None, description="Words that the event's story contains (all of them).")
    story: _Short | None = Field(default=None, description="Only the events of this story id.")
    actor_id: int | None = Field(default=None, ge=1, le=2**62, description="Events with this actor (as actor or "
                                 "recipient) of the registry across stories.")
    include_superseded: bool = Field(default=False, description="Also events of older versions of a story.")
    min_confidence: float | None = Field(default=None, ge=0, le=1, description=(
        "Only events the happening model scores at least this (0-1; events stored without a score are left out)."))

    @field_validator("type", "acled", "country", "actor", "bbox", "text", "story")
    @classmethod
    def _no_controls(cls, v: str | None) -> str | None:
        if v and re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", v):
            raise ValueError("a filter may not hold control characters")
        return v

    @field_validator("type")
    @classmethod
    def _upper(cls, v: str | None) -> str | None:
        return v.strip().upper() if v else None

    @field_validator("country")
    @classmethod
    def _iso3(cls, v: str | None) -> str | None:
        if v and not re.fullmatch(r"[A-Za-z]{3}", v.strip()):
            raise ValueError("country is an ISO 3166-1 alpha-3 code such as NGA")
        return v.strip().upper() if v else None

    @field_validator("bbox")
    @classmethod
    def _bbox(cls, v: str | None) -> str | None:
        if v:
            parse_bbox(v)
        return v

    @model_validator(mode="after")
    def _window(self) -> Filters:
        if self.since and self.until and self.since > self.until:
            raise ValueError("since is after until")
        return self


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``W,S,E,N`` as four floats in range.

    >>> parse_bbox("-10, 0, 20.5, 15")
    (-10.0, 0.0, 20.5, 15.0)
    """
    try:
        w, s, e, n = (float(x) for x in value.split(","))
    except ValueError:
        raise ValueError("bbox is W,S,E,N: four numbers in degrees") from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise ValueError("bbox is W,S,E,N with longitudes in [-180, 180] and latitudes in [-90, 90], S <= N")
    return w, s, e, n


def fts_words(value: str) -> list[str]:
    """The words of a full-text filter, each to be quoted: FTS operators in user text are taken as words.

    >>> fts_words('gaza "OR" NEAR(x) ;-- 50%')
    ['gaza', 'OR', 'NEAR', 'x', '50']
    """
    return re.findall(r"\w+", value)[:32]


def _text_condition(value: str, dialect: str) -> ColumnElement[bool]:
    words = fts_words(value)
    if not words:
        return false()
    if dialect == "sqlite":
        query = " ".join('"' + w + '"' for w in words)
        ids = text("SELECT s.id FROM stories AS s JOIN stories_fts ON stories_fts.rowid = s.rowid "
                   "WHERE stories_fts MATCH :fts").bindparams(fts=query).columns(stories.c.id)
        return events.c.story_id.in_(select(ids.subquery().c.id))
    match = literal_column("stories.tsv").op("@@")(func.plainto_tsquery("english", " ".join(words)))
    return events.c.story_id.in_(select(stories.c.id).where(match))


def _like(value: str) -> str:
    return "%" + value.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def conditions(f: Filters, dialect: str) -> list[ColumnElement[bool]]:
    """The WHERE clauses of ``f`` on the events table."""
    c = events.c
    out: list[ColumnElement[bool]] = []
    if not f.include_superseded:
        out.append(c.superseded.is_(False))
    if f.type:
        out.append(c.type == f.type)
    if f.min_confidence is not None:
        out.append(c.confidence >= f.min_confidence)
    if f.acled:
        out.append(func.lower(c.acled_sub_event_type) == f.acled.strip().casefold())
    if f.status:
        out.append(c.status == f.status)
    if f.country:
        out.append(c.country == f.country)
    if f.story:
        out.append(c.story_id == f.story)
    if f.actor:  # the names first (a short table), then their parties by index; an alias, as stats join parties
        p = event_parties.alias("named").c
        names = select(actor_names.c.name_key).where(actor_names.c.name_key.like(_like(f.actor), escape="\\"))
        out.append(c.seq.in_(select(p.event_seq).where(p.name_key.in_(names))))
    if f.actor_id:
        p = event_parties.alias("by_id").c
        out.append(c.seq.in_(select(p.event_seq).where(p.actor_id == f.actor_id)))
    if f.since:  # by the start date, as ACLED's event_date: an index range
        out.append(c.date_key >= f.since.isoformat())
    if f.until:
        out.append(c.date_key.between("0001-01-01", f.until.isoformat()))
    if f.bbox:
        w, s, e, n = parse_bbox(f.bbox)
        lon = c.lon.between(w, e) if w <= e else or_(c.lon >= w, c.lon <= e)
        out.append(and_(c.lat.between(s, n), lon))
    if f.text:
        out.append(_text_condition(f.text, dialect))
    return out


def encode_cursor(date_key: str, seq: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([date_key, seq]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, int]:
    """The position an opaque cursor stands for; ValueError if it is not one of ours."""
    try:
        date_key, seq = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ValueError("not a cursor this API gave") from None
    if not isinstance(date_key, str) or not isinstance(seq, int) or isinstance(seq, bool):
        raise ValueError("not a cursor this API gave")
    return date_key, seq


def event_page(conn: Connection, f: Filters, *, limit: int = 100, cursor: str | None = None,
               total: bool = True) -> dict[str, Any]:
    """``{items, next_cursor, total}``: events newest first (by start date, then by ingest), at most ``limit``."""
    limit = max(1, min(limit, MAX_LIMIT))
    where = conditions(f, conn.dialect.name)
    query = select(events).where(*where)
    if cursor:
        date_key, seq = decode_cursor(cursor)
        query = query.where(or_(events.c.date_key < date_key,
                                and_(events.c.date_key == date_key, events.c.seq < seq)))
    rows = conn.execute(query.order_by(events.c.date_key.desc(), events.c.seq.desc()).limit(limit + 1)).mappings()
    rows = list(rows)
    found = parties(conn, [r["seq"] for r in rows[:limit]])
    items = [event_dict(r, found.get(r["seq"], [])) for r in rows[:limit]]
    more = len(rows) > limit
    out: dict[str, Any] = {"items": items,
                           "next_cursor": encode_cursor(rows[limit - 1]["date_key"], rows[limit - 1]["seq"])
                           if more else None}
    if total:
        out["total"] = conn.execute(select(func.count()).select_from(events).where(*where)).scalar_one()
    return out


def iter_events(conn: Connection, f: Filters, *, limit: int | None = None, batch: int = 1000):
    """Every event under ``f`` (or the first ``limit``), as dicts, in the order of :func:`event_page`."""
    cursor, left = None, limit
    while left is None or left > 0:
        page = event_page(conn, f, limit=min(batch, left or batch), cursor=cursor, total=False)
        yield from page["items"]
        if left is not None:
            left -= len(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return


def parties(conn: Connection, seqs: list[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    if not seqs:
        return out
    p = event_parties.c
    rows = conn.execute(select(event_parties).where(p.event_seq.in_(seqs)).order_by(p.event_seq, p.role, p.position))
    for r in rows.mappings():
        out.setdefault(r["event_seq"], []).append(
            {"role": r["role"], "entity": r["entity_id"], "actor_id": r["actor_id"], "name": r["name"],
             "type": r["type"], "country": r["country"], "sector": r["sector"]})
    return out


_HIDDEN = {"seq", "date_key"}


def event_dict(row: Any, party_rows: list[dict[str, Any]]) -> dict[str, Any]:
    """An event as the API and ``query --format jsonl`` give it: its columns, with its actors and recipients."""
    out = {k: v for k, v in dict(row).items() if k not in _HIDDEN}
    out["actors"] = [{k: v for k, v in p.items() if k != "role"} for p in party_rows if p["role"] == "actor"]
    out["recipients"] = [{k: v for k, v in p.items() if k != "role"} for p in party_rows if p["role"] == "recipient"]
    return out


def get_event(conn: Connection, event_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(events).where(events.c.id == event_id)).mappings().first()
    if row is None:
        return None
    return event_dict(row, parties(conn, [row["seq"]]).get(row["seq"], []))


def _week(conn: Connection, day):
    if conn.dialect.name == "sqlite":
        return func.date(day, "weekday 1", "-7 days")
    return func.to_char(func.date_trunc("week", cast(day, Date)), "YYYY-MM-DD")


def stats(conn: Connection, f: Filters, by: StatBy, *, unit: StatUnit = "events", limit: int = 1000
          ) -> list[dict[str, Any]]:
    """Counts per day, week (Monday), type, country, actor, status or ACLED sub-event under ``f``: of events, or of
    incidents (real happenings, however many stories and tellings: docs/identity.md#across-stories).

    By day only events dated to the day count, by week those dated to the day or week: a date known to the month is
    never spread over days it may not be on. Counting incidents, the day, week, type and country are the incident's
    own (its earliest day, its most precise place), so an incident is counted once even when its sources differ.
    """
    c = events.c
    where = conditions(f, conn.dialect.name)
    source = events
    counter = func.count(func.distinct(c.seq)) if by == "actor" else func.count()
    own = {"day": c.date_start, "type": c.type, "country": c.country}
    if unit == "incidents":
        i = incidents.c
        source = events.join(incidents, i.id == c.incident_id)
        counter = func.count(func.distinct(c.incident_id))
        own = {"day": i.date_start, "type": i.type, "country": i.country}
    if by == "actor":
        p = event_parties.c
        key = p.name
        source = source.join(event_parties, p.event_seq == c.seq)
        where = [*where, p.role == "actor"]
    elif by == "day":
        key, where = own["day"], [*where, c.date_granularity == "day"]
    elif by == "week":
        key, where = _week(conn, own["day"]), [*where, c.date_granularity.in_(("day", "week"))]
    else:
        key = {"type": own["type"], "country": own["country"], "status": c.status,
               "acled": c.acled_sub_event_type}[by]
        where = [*where, key.is_not(None)]
    query = select(key.label("key"), counter.label("count")).select_from(source).where(*where)
    query = query.group_by(literal_column("key") if by == "week" else key)
    if by in ("day", "week"):
        query = query.order_by(literal_column("key"))
    else:
        query = query.order_by(literal_column("count").desc(), literal_column("key"))
    return [{"key": r.key, "count": r.count} for r in conn.execute(query.limit(limit))]


def grid(conn: Connection, f: Filters, cell: float) -> list[dict[str, Any]]:
    """Placed events per grid cell of ``cell`` degrees: the count, the mean position and the commonest type."""
    c = events.c
    if conn.dialect.name == "sqlite":  # lat + 90 and lon + 180 are never negative: the cast is a floor
        y, x = cast((c.lat + 90) / cell, Integer), cast((c.lon + 180) / cell, Integer)
    else:
        y, x = func.floor((c.lat + 90) / cell), func.floor((c.lon + 180) / cell)
    query = (select(y.label("y"), x.label("x"), c.type, func.count().label("n"), func.sum(c.lat).label("lat"),
                    func.sum(c.lon).label("lon"))
             .where(*conditions(f, conn.dialect.name), c.lat.is_not(None), c.lon.is_not(None))
             .group_by(literal_column("y"), literal_column("x"), c.type))
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for r in conn.execute(query):
        cur = cells.setdefault((int(r.y), int(r.x)), {"count": 0, "lat": 0.0, "lon": 0.0, "top": (0, "")})
        cur["count"] += r.n
        cur["lat"] += r.lat
        cur["lon"] += r.lon
        cur["top"] = max(cur["top"], (r.n, r.type))
    return [{"lat": round(v["lat"] / v["count"], 5), "lon": round(v["lon"] / v["count"], 5), "count": v["count"],
             "type": v["top"][1]} for v in cells.values()]


def actors(conn: Connection, q: str | None, *, limit: int = 50) -> list[dict[str, Any]]:
    """Actors most frequent first (the registry's, by id; an unnamed group by its name), with event counts."""
    p = event_parties.c
    who = func.coalesce(cast(p.actor_id, String), "name:" + p.name_key)
    query = (select(who.label("who"), func.min(p.actor_id).label("actor_id"), func.min(p.name).label("name"),
                    func.count(func.distinct(p.event_seq)).label("events"), func.max(p.type).label("type"),
                    func.max(p.country).label("country"), func.max(p.sector).label("sector"))
             .select_from(event_parties.join(events, events.c.seq == p.event_seq))
             .where(events.c.superseded.is_(False)))
    if q:
        names = select(actor_names.c.name_key).where(
            actor_names.c.name_key.like(_like(q[:MAX_FILTER_CHARS]), escape="\\"))
        query = query.where(p.name_key.in_(names))
    query = query.group_by(literal_column("who")).order_by(literal_column("events").desc(), literal_column("name"))
    rows = conn.execute(query.limit(max(1, min(limit, 500)))).mappings().all()
    return [{k: v for k, v in r.items() if k != "who"} for r in rows]
