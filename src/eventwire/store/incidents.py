"""Cross-story events ("incidents"): the events of different stories that tell one happening, joined at ingest.

Each event the store takes is compared with the current events of other stories of the same type dated within three
days of it, and scored on date, place, parties, counts and words (:func:`score`). It joins the incident of the best
candidate that reaches :data:`THRESHOLD`, else it opens an incident of its own. Nothing is re-clustered: an event is
placed once, when it arrives, and every join keeps its score and evidence in ``incident_links``. A person can merge
and split (:func:`merge`, :func:`split`); those decisions are kept by the event's *anchor* (story, trigger span,
type) and applied again whenever the story is stored or re-extracted. An incident's headline values follow stated
rules (:func:`refresh`): the earliest day a source gives, the most precise place, the lowest fatality figure (ACLED's
most conservative estimate) with the highest beside it, and the parties of every source.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, or_, select, update

from ..geo.distance import haversine_km
from .db import insert_numbered, per_transaction
from .driver import Prepared, insert_rows
from .schema import events, incident_decisions, incident_links, incidents, stories

THRESHOLD = 3.0
"""Points a candidate needs: the same day and the same town (4), the same day and a shared party in the same
country (3.8), the next day and the same town (3.2) pass; a date alone (2) does not."""
WINDOW_DAYS = 3
MONTH_POINTS = 0.5
"""Points for an event dated to a month only ("in April", in a follow-up story months later) against one dated to a
day of that month: it joins only with a shared party and a place within 100 km (0.5 + 1.5 + 1 or 2)."""
LINKED_STATUSES = ("reported", "historical")
"""Events of these statuses are happenings and get an incident; future, threatened, hypothetical and negated ones
do not."""
_STOP = frozenset("that this with from were have been their they there which about after said says told also would "
                  "could into than them more other some over when where while what most only such year years".split())


# Statements every story runs, built once (see eventwire.store: building one costs as much as running it).
_EVENTS_BY_SEQ = Prepared(select(events).where(events.c.seq.in_(bindparam("b_seqs", expanding=True)))
                          .order_by(events.c.seq))
_ANY_DECISION = Prepared(select(incident_decisions.c.seq).limit(1))
_EVENTS_OF_INCIDENTS = Prepared(select(events).where(events.c.incident_id.in_(bindparam("b_ids", expanding=True))))
_HEADLINE = ("date_start", "date_end", "place", "lat", "lon", "country", "admin1", "fatalities", "fatalities_max",
             "actor_names", "recipient_names", "events", "stories", "updated_at")
_UPDATE_INCIDENT = Prepared(update(incidents).where(incidents.c.id == bindparam("b_id"))
                            .values({k: bindparam(f"b_{k}") for k in _HEADLINE}))
_SET_INCIDENT = Prepared(update(events).where(events.c.seq == bindparam("b_seq"))
                         .values(incident_id=bindparam("b_inc")))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", (text or "").casefold()) if w not in _STOP}


def score(new: dict[str, Any], old: dict[str, Any]) -> tuple[float, dict[str, float]]:
    """How strongly two events of different stories look like one happening, and the points of each clue.

    Each event is a dict of its row plus ``names`` (the lower-cased names of its actors and recipients), ``named``
    (whether it has a named, non-group party) and ``words`` (of its evidence sentence), as :func:`_with_names`
    gives them. A place more than 300 km away, or another country, vetoes.

    >>> a = {"date_start": "2025-03-12", "lat": 2.04, "lon": 45.34, "country": "SOM", "geo_precision": 1,
    ...      "fatalities": 12, "names": {"al-shabab"}, "named": True, "evidence": "Militants stormed a hotel"}
    >>> b = {**a, "lat": 2.05, "fatalities": 12, "evidence": "Al-Shabab fighters stormed the hotel in Mogadishu"}
    >>> round(score(a, b)[0], 1), score(a, {**b, "lat": 9.5})[0]
    (7.3, -inf)
    """
    points: dict[str, float] = {}
    if new.get("date_granularity") == "month":  # a later story dates it to its month only: it must name a party
        if _first_day(old["date_start"]) != new["date_start"]:
            return -math.inf, {"date": -math.inf}
        if not new["names"] & old["names"]:
            return -math.inf, {"parties": -math.inf}
        points["date"] = MONTH_POINTS
    else:
        days = abs((date.fromisoformat(new["date_start"]) - date.fromisoformat(old["date_start"])).days)
        points["date"] = {0: 2.0, 1: 1.2}.get(days, 0.5 if days <= WINDOW_DAYS else 0.0)
    if new.get("country") and old.get("country") and new["country"] != old["country"]:
        return -math.inf, {"country": -math.inf}
    coarse = 4 in (new.get("geo_precision"), old.get("geo_precision"))
    if new.get("lat") is not None and old.get("lat") is not None and not coarse:
        km = haversine_km(new["lat"], new["lon"], old["lat"], old["lon"])
        if km > 300:
            return -math.inf, {"place": -math.inf}
        points["place"] = 2.0 if km <= 30 else 1.0 if km <= 100 else 0.0
    elif new.get("country") and new.get("country") == old.get("country"):
        points["place"] = 0.3
    shared = new["names"] & old["names"]
    if shared:
        points["parties"] = 1.5
    elif new["named"] and old["named"]:
        points["parties"] = -1.0
    if new.get("fatalities") is not None and old.get("fatalities") is not None:
        a, b = new["fatalities"], old["fatalities"]
        points["counts"] = 1.0 if a == b else -0.5 if max(a, b) > 1.5 * max(1, min(a, b)) else 0.3
    wa = new["words"] if "words" in new else _words(new.get("evidence"))
    wb = old["words"] if "words" in old else _words(old.get("evidence"))
    if wa and wb:
        jaccard = len(wa & wb) / len(wa | wb)
        if jaccard >= 0.1:
            points["words"] = round(min(1.0, jaccard / 0.4), 2)
    return sum(points.values()), points


def anchor(row: dict[str, Any]) -> str:
    """An event's key for a person's decisions: its story, its trigger (or sentence) span and its type."""
    start, end = row.get("trigger_start"), row.get("trigger_end")
    if start is None:
        start, end = row.get("evidence_start"), row.get("evidence_end")
    return f"{row['story_id']}:{start}-{end}:{row['type']}"


def _with_names(rows: list[dict[str, Any]], words: bool = True) -> list[dict[str, Any]]:
    """Each event with what :func:`score` compares: its parties' names, whether one is named, and (unless not
    ``words``: :func:`_best` adds them to the candidates it scores) its words."""
    return [{**r, "names": {n.casefold() for col in ("actor_names", "recipient_names")
                            for n in (r.get(col) or "").split("; ") if n},
             "named": bool(r.get("named_party")), **({"words": _words(r.get("evidence"))} if words else {})}
            for r in rows]


def _first_day(day: str) -> str:
    return day[:8] + "01"


def _days(row: dict[str, Any]) -> tuple[date, date]:
    """The days a candidate's date may fall on: within :data:`WINDOW_DAYS` of the row's day (or week), or inside
    its month when the row is dated to a month only."""
    d = date.fromisoformat(row["date_start"])
    if row["date_granularity"] == "month":
        following = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
        return d, following - timedelta(days=1)
    span = timedelta(days=WINDOW_DAYS)
    return d - span, d + span


def _candidates(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The current, linked events of other stories that any of ``rows`` could join: an index range of
    ix_events_live_type per distinct (type, days, country) of the rows, so that what is read is what each row could
    join (the same type, within the window, in its country or unplaced), not every type of the batch on every day.

    One statement of one shape for every range (a statement that ORed the ranges took a new shape for every
    count and mix of them: SQLAlchemy compiled and kept each, 54 KB apiece, and the writer's memory grew with the
    run until its cache of 500 was full)."""
    found: dict[int, dict[str, Any]] = {}
    for kind, (first, last), country in sorted({(r["type"], _days(r), r["country"] or "") for r in rows}):
        span = {"b_type": kind, "b_first": first.isoformat(), "b_last": last.isoformat()}
        ranged = (_CANDIDATES_IN.run(conn, {**span, "b_country": country}) if country  # another country vetoes
                  else _CANDIDATES.run(conn, span))
        for r in ranged.mappings():
            found.setdefault(r["seq"], r)
        if len(found) >= CANDIDATES_READ:
            break
    stories_ = {r["story_id"] for r in rows}
    return _with_names([r for r in list(found.values())[:CANDIDATES_READ]
                        if r["incident_id"] is not None and r["story_id"] not in stories_
                        and r["date_granularity"] in ("day", "week")][:5000], words=False)


_CANDIDATE_COLUMNS = ("seq", "id", "story_id", "type", "date_start", "lat", "lon", "country", "geo_precision",
                      "fatalities", "evidence", "incident_id", "actor_names", "recipient_names", "named_party")
CANDIDATES_READ = 20_000
"""Most candidate rows read for one story (a bound on a day of thousands of stories of one type)."""
_IN_RANGE = select(*(events.c[k] for k in _CANDIDATE_COLUMNS), events.c.date_granularity).where(
    events.c.superseded.is_(False), events.c.type == bindparam("b_type"),
    events.c.date_key.between(bindparam("b_first"), bindparam("b_last")))
_CANDIDATES = Prepared(_IN_RANGE.limit(CANDIDATES_READ))
_CANDIDATES_IN = Prepared(_IN_RANGE.where(or_(events.c.country == bindparam("b_country"), events.c.country.is_(None)))
                          .limit(CANDIDATES_READ))


def _eligible(row: dict[str, Any]) -> bool:
    """Events dated to a day or week join and are joined; one dated to a month only may join one of a day of its
    month (it is never a candidate: two months say too little)."""
    return bool(row["date_start"]) and row["date_granularity"] in ("day", "week", "month")


def _best(row: dict[str, Any], candidates: list[dict[str, Any]]):
    """The best-scoring candidate at or above the threshold, as (points, clues, candidate), or None."""
    best = None
    if not _eligible(row):
        return None
    (first, last), country = _days(row), row.get("country")
    for cand in candidates:
        if cand["type"] != row["type"] or (country and cand["country"] and cand["country"] != country):
            continue  # another type, or another country (a veto): not worth scoring
        if "day" not in cand:
            cand["day"] = date.fromisoformat(cand["date_start"])
        if not first <= cand["day"] <= last:
            continue
        if "words" not in cand:
            cand["words"] = _words(cand["evidence"])
        points, clues = score(row, cand)
        if points >= THRESHOLD and (best is None or points > best[0]):
            best = (points, clues, cand)
    return best


def _open_many(conn: Connection, rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    return insert_numbered(conn, incidents, [{"type": r["type"], "events": 0, "stories": 0, "updated_at": _now()}
                                             for r in rows], "id")


def _open(conn: Connection, row: dict[str, Any]) -> int:
    return _open_many(conn, [row])[0]


def _join_many(conn: Connection, joins: list[tuple[dict[str, Any], int, float | None, dict | None, str]],
               fresh: bool = False) -> None:
    """Put each event into its incident and record why: (row, incident, score, clues, decided_by). ``fresh``: the
    events are a new story's, with no links to replace."""
    if not joins:
        return
    _SET_INCIDENT.run(conn, [{"b_seq": row["seq"], "b_inc": inc} for row, inc, *_ in joins])
    if not fresh:
        conn.execute(delete(incident_links).where(incident_links.c.event_id.in_([row["id"] for row, *_ in joins])))
    now = _now()
    insert_rows(conn, incident_links, [{"event_id": row["id"], "incident_id": inc, "score": points, "evidence": clues,
                                        "decided_by": by, "at": now} for row, inc, points, clues, by in joins])


def _join(conn: Connection, row: dict[str, Any], incident_id: int, score_: float | None,
          evidence: dict[str, Any] | None, decided_by: str) -> None:
    _join_many(conn, [(row, incident_id, score_, evidence, decided_by)])


def _decided(conn: Connection, row: dict[str, Any]) -> tuple[str, str | None] | None:
    """The newest decision a person made about this event, if any: ("split", None) or ("merge", other anchor)."""
    d = incident_decisions.c
    hit = conn.execute(select(d.kind, d.with_anchor).where(d.anchor == anchor(row)).order_by(d.seq.desc())
                       .limit(1)).first()
    return (hit.kind, hit.with_anchor) if hit else None


def _event_by_anchor(conn: Connection, key: str) -> dict[str, Any] | None:
    story_id, span, kind = key.split(":", 2)
    start, end = (int(x) if x != "None" else None for x in span.split("-"))
    c = events.c
    found = conn.execute(select(events).where(c.story_id == story_id, c.type == kind, c.superseded.is_(False),
                                              ((c.trigger_start == start) & (c.trigger_end == end))
                                              | ((c.trigger_start.is_(None)) & (c.evidence_start == start)))
                         .limit(1)).mappings().first()
    return dict(found) if found else None


def link(conn: Connection, seqs: list[int], fresh: bool = False) -> set[int]:
    """Give each event in ``seqs`` an incident (a person's decision first, else the best match, else a new one).
    Returns the incidents touched. The events come from one story (or any batch); the work is a few queries for
    the batch, whatever its size, unless a person has made decisions about some of its events. ``fresh``: they are
    a new story's events, never linked before."""
    rows = [dict(r) for r in _EVENTS_BY_SEQ.run(conn, {"b_seqs": seqs}).mappings()
            if r["status"] in LINKED_STATUSES]
    if not rows:
        return set()
    rows = _with_names(rows)
    dated = [r for r in rows if _eligible(r)]
    candidates = _candidates(conn, dated) if dated else []
    decisions = per_transaction(conn, "any-decision", lambda: _ANY_DECISION.run(conn).first() is not None)
    touched: set[int] = set()
    joins, opening = [], []
    for row in rows:
        decision = _decided(conn, row) if decisions else None
        if decision and decision[0] == "merge" and (other := _event_by_anchor(conn, decision[1] or "")) \
                and other["incident_id"] is not None:
            joins.append((row, other["incident_id"], None, {"manual": "merge"}, "manual"))
            continue
        best = None if decision else _best(row, candidates)
        if best is not None:
            joins.append((row, best[2]["incident_id"], round(best[0], 2), {**best[1], "with": best[2]["id"]},
                          "auto"))
        else:
            opening.append((row, decision))
    for (row, decision), incident_id in zip(opening, _open_many(conn, [r for r, _ in opening]), strict=True):
        joins.append((row, incident_id, None, {"manual": decision[0]} if decision else None,
                      "manual" if decision else "auto"))
    _join_many(conn, joins, fresh)
    touched |= {inc for _, inc, *_ in joins}
    if decisions:  # events a person merged into one of these earlier come back to it
        d = incident_decisions.c
        for row, incident_id, *_ in joins:
            for (key,) in conn.execute(select(d.anchor).where(d.kind == "merge", d.with_anchor == anchor(row))):
                other = _event_by_anchor(conn, key)
                if other is not None and other["incident_id"] != incident_id:
                    if other["incident_id"] is not None:
                        touched.add(other["incident_id"])
                    _join(conn, other, incident_id, None, {"manual": "merge"}, "manual")
    return touched


def refresh(conn: Connection, incident_ids: set[int]) -> None:
    """Recompute each incident's headline values from its current events; an incident left empty is removed."""
    if not incident_ids:
        return
    by_incident: dict[int, list[dict[str, Any]]] = {i: [] for i in incident_ids}
    # Superseded events are left out here, not in SQL: with a condition on `superseded`, SQLite without fresh
    # statistics read a whole `superseded`-led index (every live event) instead of the few rows of these incidents.
    for r in _EVENTS_OF_INCIDENTS.run(conn, {"b_ids": list(incident_ids)}).mappings():
        if not r["superseded"]:
            by_incident[r["incident_id"]].append(dict(r))
    empty = [i for i, rows in by_incident.items() if not rows]
    if empty:
        conn.execute(delete(incidents).where(incidents.c.id.in_(empty)))
    # In id order, so that two writers refreshing the same incidents lock them in the same order (no deadlock).
    values = [{"b_id": i, **{f"b_{k}": v for k, v in _headline(rows).items()}}
              for i, rows in sorted(by_incident.items()) if rows]
    if values:
        _UPDATE_INCIDENT.run(conn, values)


def _headline(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """An incident's values from its events: the earliest day, the most precise place, the lowest and highest
    fatality figures, the parties of every source."""
    days = sorted(r["date_start"] for r in rows if r["date_start"] and r["date_granularity"] == "day")
    dated = days or sorted(r["date_start"] for r in rows if r["date_start"])
    placed = sorted((r for r in rows if r["lat"] is not None), key=lambda r: (r["geo_precision"] or 9))
    place = placed[0] if placed else {}
    deaths = [r["fatalities"] for r in rows if r["fatalities"] is not None]
    return {"date_start": dated[0] if dated else None,
            "date_end": max(r["date_end"] or r["date_start"] or "" for r in rows) or None,
            "place": place.get("place"), "lat": place.get("lat"), "lon": place.get("lon"),
            "country": place.get("country") or next((r["country"] for r in rows if r["country"]), None),
            "admin1": place.get("admin1"), "fatalities": min(deaths) if deaths else None,
            "fatalities_max": max(deaths) if deaths else None,
            "actor_names": _names(rows, "actor_names"), "recipient_names": _names(rows, "recipient_names"),
            "events": len(rows), "stories": len({r["story_id"] for r in rows}), "updated_at": _now()}


def _names(rows: list[dict[str, Any]], column: str, most: int = 8) -> str | None:
    """The parties every source names, most often named first, each once whatever its case."""
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for r in rows:
        for name in (r[column] or "").split("; "):
            if name:
                counts[name.casefold()] += 1
                surface.setdefault(name.casefold(), name)
    return "; ".join(surface[k] for k, _ in counts.most_common(most)) or None


def merge(conn: Connection, event_ids: list[str]) -> int:
    """Put the events ``event_ids`` into the incident of the first, as a person's decision that re-ingest keeps."""
    rows = _rows(conn, event_ids)
    target = rows[0]
    incident_id = target["incident_id"] if target["incident_id"] is not None else _open(conn, target)
    touched = {incident_id}
    if target["incident_id"] is None:
        _join(conn, target, incident_id, None, {"manual": "merge"}, "manual")
    for row in rows[1:]:
        if row["incident_id"] is not None:
            touched.add(row["incident_id"])
        _join(conn, row, incident_id, None, {"manual": "merge", "with": target["id"]}, "manual")
        conn.execute(insert(incident_decisions).values(kind="merge", anchor=anchor(row), with_anchor=anchor(target),
                                                       at=_now()))
    refresh(conn, touched)
    return incident_id


def split(conn: Connection, event_id: str) -> int:
    """Take the event out of its incident into one of its own, as a person's decision that re-ingest keeps."""
    (row,) = _rows(conn, [event_id])
    old = row["incident_id"]
    incident_id = _open(conn, row)
    _join(conn, row, incident_id, None, {"manual": "split"}, "manual")
    conn.execute(insert(incident_decisions).values(kind="split", anchor=anchor(row), at=_now()))
    refresh(conn, {incident_id} | ({old} if old is not None else set()))
    return incident_id


def _rows(conn: Connection, event_ids: list[str]) -> list[dict[str, Any]]:
    found = {r["id"]: dict(r) for r in conn.execute(select(events).where(events.c.id.in_(event_ids))).mappings()}
    missing = [i for i in event_ids if i not in found]
    if missing:
        raise KeyError(f"no such event: {', '.join(missing)}")
    return [found[i] for i in event_ids]


def unlinked(conn: Connection) -> list[int]:
    """Current events of a linked status that have no incident yet (stored before incidents existed)."""
    c = events.c
    return list(conn.scalars(select(c.seq).where(c.superseded.is_(False), c.incident_id.is_(None),
                                                 c.status.in_(LINKED_STATUSES)).order_by(c.seq)))


def incident(conn: Connection, incident_id: int) -> dict[str, Any] | None:
    """An incident with every source's own account: its events, each with its story's outlet, date and URL."""
    head = conn.execute(select(incidents).where(incidents.c.id == incident_id)).mappings().first()
    if head is None:
        return None
    e, s, link_ = events.c, stories.c, incident_links.c
    rows = conn.execute(
        select(e.id, e.story_id, e.date_start, e.date_granularity, e.place, e.country, e.fatalities, e.injured,
               e.arrested, e.claimant, e.actor_names, e.recipient_names, e.evidence, e.superseded, s.url, s.outlet,
               s.title, s.published, link_.score, link_.evidence.label("why"), link_.decided_by)
        .select_from(events.join(stories, s.id == e.story_id).outerjoin(incident_links, link_.event_id == e.id))
        .where(e.incident_id == incident_id).order_by(s.published, e.seq)).mappings().all()
    return {**dict(head), "sources": [dict(r) for r in rows], "events_total": len(rows)}
