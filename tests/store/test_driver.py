"""The writer's statements run through the driver (eventwire.store.driver) store and read exactly what SQLAlchemy's
own execution does, on both back ends, and fail with SQLAlchemy's errors."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from eventwire.store.driver import Prepared, insert_rows
from eventwire.store.schema import actor_names, entities, events, incident_links, stories

STORY = {"id": "s" * 16, "url": None, "outlet": "VOA", "title": "T", "author": None, "published": "2025-03-10",
         "published_precision": "day", "language": "en", "text": "Rebels seized Goma.", "record_z": b"\x00\x01z",
         "errors": 0, "input_path": "x.jsonl", "input_line": 1, "eventwire_version": "0", "pipeline_hash": "h" * 16,
         "ingested_at": "2025-03-10T00:00:00+00:00", "superseded_by": None, "minhash": b"\xff" * 8, "shingles": 3}


def _entity(i: int, aliases: list[str]) -> dict:
    return {"story_id": STORY["id"], "id": f"e{i}", "name": f"Name {i}", "name_key": f"name {i}", "type": "ORG",
            "aliases": aliases, "country": None, "sector": None, "mentions": i}


def _event(seq: int, superseded: bool) -> dict:
    return {"seq": seq, "id": f"{STORY['id']}:v{seq}", "story_id": STORY["id"], "type": "ASSAULT", "mode": None,
            "acled_event_type": None, "acled_sub_event_type": None, "cameo": None, "status": "reported",
            "date_start": "2025-03-09", "date_end": None, "date_granularity": "day", "date_basis": "text",
            "date_key": "2025-03-09", "place": None, "place_basis": None, "geonames_id": None, "lat": 1.5, "lon": 2,
            "country": "COD", "admin1": None, "geo_precision": None, "fatalities": None, "injured": None,
            "arrested": None, "actor_names": "M23", "recipient_names": None, "claimant": None, "evidence": "seized",
            "evidence_start": 0, "evidence_end": 6, "trigger_start": 0, "trigger_end": 6, "mentions": 1,
            "confidence": 0.9, "superseded": superseded, "named_party": True}


@contextmanager
def _rolled_back(store):
    """A write transaction on the store's writer connection, rolled back at the end."""
    with store.writer.connect() as conn:
        conn.begin()
        yield conn
        conn.rollback()


def _table(conn, table) -> list[tuple]:
    return sorted(conn.execute(select(table)).all(), key=repr)


def test_rows_stored_through_the_driver_are_sqlalchemys_rows(store):
    """Binary, JSON (a list, an empty list), booleans, NULL and an integer in a float column, through insert_rows
    and through SQLAlchemy's insert, read back the same."""
    rows = {stories: [STORY], entities: [_entity(1, ["A", "B"]), _entity(2, [])],
            events: [_event(1, False), _event(2, True)],
            incident_links: [{"event_id": "x:v1", "incident_id": 1, "score": 2.5, "evidence": {"date": 1.0},
                              "decided_by": "rule", "at": "t"}]}
    read = []
    for way in ("driver", "sqlalchemy"):
        with _rolled_back(store) as conn:
            for table, table_rows in rows.items():
                if way == "driver":
                    insert_rows(conn, table, table_rows)
                else:
                    conn.execute(insert(table), table_rows)
            read.append({t.name: _table(conn, t) for t in rows})
    assert read[0] == read[1]
    assert read[0]["entities"][0][5] == ["A", "B"] and read[0]["events"][1][-2] is True


def test_a_driver_error_is_sqlalchemys(store):
    with _rolled_back(store) as conn:
        insert_rows(conn, stories, [STORY])
        with pytest.raises(IntegrityError):
            insert_rows(conn, stories, [STORY])


def test_insert_or_skip_keeps_the_first_row(store):
    with _rolled_back(store) as conn:
        insert_rows(conn, actor_names, [{"name_key": "m23", "name": "M23"}], skip_conflict_on="name_key")
        insert_rows(conn, actor_names, [{"name_key": "m23", "name": "m23"}, {"name_key": "isis", "name": "ISIS"}],
                    skip_conflict_on="name_key")
        assert _table(conn, actor_names) == [("isis", "ISIS"), ("m23", "M23")]


def test_prepared_statements_read_and_write_as_sqlalchemy_does(store):
    by_seq = Prepared(select(events).where(events.c.seq.in_(bindparam("b_seqs", expanding=True)))
                      .order_by(events.c.seq))
    set_place = Prepared(update(events).where(events.c.seq == bindparam("b_seq"))
                         .values(place=bindparam("b_place"), lat=bindparam("b_lat")))
    with _rolled_back(store) as conn:
        insert_rows(conn, stories, [STORY])
        insert_rows(conn, events, [_event(1, False), _event(2, True), _event(3, False)])
        got = by_seq.run(conn, {"b_seqs": [3, 1]}).mappings()
        want = [dict(r) for r in conn.execute(by_seq.statement, {"b_seqs": [3, 1]}).mappings()]
        assert got == want and [r["seq"] for r in got] == [1, 3] and got[0]["superseded"] is False
        assert by_seq.run(conn, {"b_seqs": [2]}).first() == conn.execute(by_seq.statement, {"b_seqs": [2]}).first()
        assert list(by_seq.run(conn, {"b_seqs": []}).all()) == []  # an empty list: SQLAlchemy's way
        assert by_seq.run(conn, {"b_seqs": [1, 2, 3]}).scalars().all() == [1, 2, 3]
        set_place.run(conn, [{"b_seq": 1, "b_place": "Goma", "b_lat": 1}, {"b_seq": 3, "b_place": "Bukavu",
                                                                          "b_lat": -2.5}])
        placed = conn.execute(select(events.c.seq, events.c.place, events.c.lat).order_by(events.c.seq)).all()
        assert [tuple(r) for r in placed] == [(1, "Goma", 1.0), (2, None, 1.5), (3, "Bukavu", -2.5)]
        with pytest.raises(ValueError):
            by_seq.run(conn, {"b_seqs": [1, 3]}).scalar_one()
