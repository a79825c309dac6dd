"""The store: idempotent adds, versions under one URL, every filter, cursors, stats, and hostile filter values."""

from __future__ import annotations

import pytest

from eventwire.errors import StoreError
from eventwire.model import ErrorInfo
from eventwire.store import Filters, Store


def test_add_is_idempotent_and_keeps_the_whole_record(store, voa_records):
    record = voa_records[0]
    assert store.add(record) == "new"
    assert store.add(record) == "stored"
    counts = store.counts()
    assert counts["stories"] == 1
    assert counts["events"] == len(record.events)
    assert counts["entities"] == len(record.entities)
    assert counts["places"] == len(record.places)
    assert counts["quotes"] == len(record.quotes)
    stored = store.story(record.id)
    assert stored["record"] == record.model_dump(mode="json")
    assert stored["url"] == record.url and stored["pipeline_hash"] and stored["eventwire_version"]


def test_event_rows_keep_spans_into_the_text(filled, voa_records):
    texts = {r.id: r.text for r in voa_records}
    for event in filled.iter_events():
        text = texts[event["story_id"]]
        assert event["evidence"] == text[event["evidence_start"]:event["evidence_end"]]
        if event["trigger_start"] is not None:
            assert event["evidence_start"] <= event["trigger_start"] < event["trigger_end"] <= event["evidence_end"]


def test_replace_re_extracts_in_place(store, voa_records):
    record = voa_records[1]
    store.add(record)
    before = store.counts()
    assert store.add(record, replace=True) == "replaced"
    assert store.counts() == before


def test_a_new_text_under_the_same_url_supersedes_the_old(store, voa_records):
    old = voa_records[0]
    new = old.model_copy(update={"id": "f" * 16, "text": old.text + " Updated."})
    store.add(old)
    store.add(new)
    assert store.story(old.id)["superseded_by"] == new.id
    current = {e["story_id"] for e in store.iter_events()}
    assert current == {new.id}
    every = {e["story_id"] for e in store.iter_events(Filters(include_superseded=True))}
    assert every == {old.id, new.id}
    assert len(list(store.records())) == 1  # only the current version is re-extracted


def test_failures_are_recorded(store):
    store.add_failure(ErrorInfo(code="empty_input", message="empty", source="a.txt", line=3))
    assert store.counts()["failures"] == 1


def test_filters_each_narrow_the_events(filled):
    every = list(filled.iter_events())
    assert len(every) == filled.counts()["events"]

    def ids(**kw):
        return {e["id"] for e in filled.iter_events(Filters(**kw))}

    kinds = {e["type"] for e in every}
    kind = sorted(kinds)[0]
    assert ids(type=kind) == {e["id"] for e in every if e["type"] == kind}
    assert ids(type=kind.lower()) == ids(type=kind)
    country = next(e["country"] for e in every if e["country"])
    assert ids(country=country) == {e["id"] for e in every if e["country"] == country}
    status = next(e["status"] for e in every if e["status"])
    assert ids(status=status) == {e["id"] for e in every if e["status"] == status}
    named = next(e for e in every if e["actors"])
    part = named["actors"][0]["name"][1:5].upper()
    assert named["id"] in ids(actor=part)
    assert all(any(part.casefold() in p["name"].casefold() for p in e["actors"] + e["recipients"])
               for e in filled.iter_events(Filters(actor=part)))
    day = next(e["date_start"] for e in every if e["date_start"] and e["date_granularity"] == "day")
    window = ids(since=day, until=day)
    assert window and all(e["date_start"] <= day <= (e["date_end"] or e["date_start"])
                          for e in every if e["id"] in window)
    placed = next(e for e in every if e["lat"] is not None)
    box = f"{placed['lon'] - 0.5},{placed['lat'] - 0.5},{placed['lon'] + 0.5},{placed['lat'] + 0.5}"
    assert placed["id"] in ids(bbox=box)
    assert all(abs(e["lat"] - placed["lat"]) <= 0.5 for e in every if e["id"] in ids(bbox=box))
    story = every[0]["story_id"]
    assert ids(story=story) == {e["id"] for e in every if e["story_id"] == story}


def test_min_confidence_keeps_the_surer_events(filled):
    """Every stored event keeps its confidence; ``min_confidence`` keeps those at or above it, in queries and stats."""
    every = list(filled.iter_events())
    assert all(e["confidence"] is not None and 0 <= e["confidence"] <= 1 for e in every)
    cut = sorted(e["confidence"] for e in every)[len(every) // 2]
    sure = {e["id"] for e in filled.iter_events(Filters(min_confidence=cut))}
    assert sure == {e["id"] for e in every if e["confidence"] >= cut} and 0 < len(sure) < len(every)
    assert sum(s["count"] for s in filled.stats(Filters(min_confidence=cut), by="type")) == len(sure)
    with pytest.raises(ValueError):
        Filters(min_confidence=1.5)


def test_text_filter_finds_the_stories_with_every_word(filled, voa_records):
    record = voa_records[2]
    words = [w for w in record.title.split() if len(w) > 4][:2]
    found = {e["story_id"] for e in filled.iter_events(Filters(text=" ".join(words)))}
    assert record.id in found or not record.events
    assert not list(filled.iter_events(Filters(text="zzyzxnotaword")))


def test_cursor_pages_cover_every_event_once(filled):
    seen, cursor = [], None
    while True:
        page = filled.events(limit=7, cursor=cursor)
        seen += [e["id"] for e in page["items"]]
        assert page["total"] == filled.counts()["events"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == filled.counts()["events"]
    dates = [e["date_start"] or "" for e in filled.iter_events()]
    assert dates == sorted(dates, reverse=True)


def test_bad_cursor_is_a_value_error(filled):
    with pytest.raises(ValueError):
        filled.events(cursor="not-a-cursor")


HOSTILE = ["'", "\"", "%", "_", "';--", "\"; DROP TABLE events; --", "NEAR(a b)", "a OR b", "title:x", "*", "^",
           "\\", "ü" * 10, "x" * 200, "(", "\"unterminated", "AND", "-", "1=1"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_filter_values_are_just_values(filled, value):
    for field in ("actor", "text", "acled", "story", "type"):
        page = filled.events(Filters(**{field: value}), limit=5)
        assert isinstance(page["items"], list)
    assert filled.actors(value) is not None
    assert filled.counts()["events"] > 0  # nothing was dropped


def test_filters_refuse_bad_values():
    from pydantic import ValidationError

    for bad in ({"country": "Nigeria"}, {"bbox": "1,2,3"}, {"bbox": "0,100,1,101"}, {"since": "yesterday"},
                {"since": "2025-02-01", "until": "2025-01-01"}, {"actor": "x" * 10_000}, {"status": "rumoured"},
                {"actor": "a\x00b"}, {"text": "\x1b[31m"}):
        with pytest.raises(ValidationError):
            Filters(**bad)


def test_stats_count_under_the_filters(filled):
    every = list(filled.iter_events())
    by_type = {r["key"]: r["count"] for r in filled.stats(by="type")}
    assert sum(by_type.values()) == len(every)
    days = filled.stats(by="day")
    assert sum(r["count"] for r in days) == sum(1 for e in every if e["date_granularity"] == "day")
    weeks = filled.stats(by="week")
    assert sum(r["count"] for r in weeks) >= sum(r["count"] for r in days)
    assert all(len(r["key"]) == 10 for r in weeks)
    kind = max(by_type, key=by_type.get)
    assert filled.stats(Filters(type=kind), by="type") == [{"key": kind, "count": by_type[kind]}]
    assert filled.stats(by="actor")[0]["count"] >= filled.stats(by="actor")[-1]["count"]


def test_actors_lists_names_with_counts(filled):
    top = filled.actors()
    assert top and top[0]["events"] >= top[-1]["events"]
    name = top[0]["name"]
    assert name in {a["name"] for a in filled.actors(name[:3].lower())}


def test_open_refuses_what_is_not_a_store(tmp_path):
    with pytest.raises(StoreError):
        Store.open("mysql://u@h/db")
    with pytest.raises(StoreError):
        Store.open(str(tmp_path / "no" / "such" / "folder" / "x.db"))
    with pytest.raises(StoreError):
        Store.open(str(tmp_path / "missing.db"), create=False)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError):
        Store.open(str(garbage))


def test_stats_by_actor_under_an_actor_filter(filled):
    name = filled.actors()[0]["name"]
    rows = filled.stats(Filters(actor=name), by="actor")
    assert rows and name in {r["key"] for r in rows}


def test_grid_counts_every_placed_event(filled):
    placed = sum(1 for e in filled.iter_events() if e["lat"] is not None)
    for cell in (0.5, 5, 45):
        cells = filled.grid(cell=cell)
        assert sum(c["count"] for c in cells) == placed
        assert all(-90 <= c["lat"] <= 90 and -180 <= c["lon"] <= 180 for c in cells)


def test_add_many_stores_a_group_as_add_would_one_by_one(store, db_url, voa_records, tmp_path):
    from eventwire.store import Store

    copy = voa_records[0].model_copy(update={"id": "c0" * 8, "url": "https://example.org/copy",
                                             "text": voa_records[0].text + " (Syndicated.)"})
    group = [(r, None) for r in voa_records[:3]] + [(voa_records[0], None), (copy, None)]
    # Each story sees the ones before it in the group: the same text again is stored, a copy is a duplicate.
    assert store.add_many(group) == ["new", "new", "new", "stored", "duplicate"]
    other = Store.open(f"sqlite:///{tmp_path / 'one-by-one.db'}") if db_url.startswith("sqlite") else None
    if other is not None:
        assert [other.add(r) for r, _ in group] == ["new", "new", "new", "stored", "duplicate"]
        assert other.counts() == store.counts()
        other.close()
    linked = [e for e in store.iter_events() if e["incident_id"] is not None]
    assert linked and store.counts()["stories"] == 3


def test_add_many_is_all_or_nothing(store, voa_records, monkeypatch):
    real = Store._add

    def failing(self, conn, record, *args):
        if record.id == voa_records[2].id:
            raise RuntimeError("the disk is full")
        return real(self, conn, record, *args)

    monkeypatch.setattr(Store, "_add", failing)
    with pytest.raises(RuntimeError):
        store.add_many([(r, None) for r in voa_records[:3]])
    assert store.counts()["stories"] == 0 and store.counts()["events"] == 0


def test_add_many_falls_back_to_one_story_a_transaction_when_another_writer_stored_one(store, voa_records,
                                                                                         monkeypatch):
    from sqlalchemy.exc import IntegrityError

    real, raised = Store._add, []

    def racing(self, conn, record, *args):
        if record.id == voa_records[1].id and not raised:  # as if another ingest had just committed it
            raised.append(record.id)
            raise IntegrityError("INSERT INTO stories", {}, Exception("UNIQUE constraint failed: stories.id"))
        return real(self, conn, record, *args)

    monkeypatch.setattr(Store, "_add", racing)
    assert store.add_many([(r, None) for r in voa_records[:3]]) == ["new", "new", "new"]
    assert raised and store.counts()["stories"] == 3
    assert store.counts()["events"] == sum(len(r.events) for r in voa_records[:3])


def test_the_writer_stores_waiting_records_in_one_transaction(db_url, voa_records):
    from eventwire.packed import pack
    from eventwire.store.writer import Writer

    with Store.open(db_url) as store:
        start = store.generation()  # every write transaction adds one
    writer = Writer(db_url)
    for record in voa_records:  # all queued before the writer has opened its store
        writer.put(pack(record))
    assert writer.close() == ["new"] * len(voa_records)
    with Store.open(db_url) as store:
        assert store.counts()["stories"] == len(voa_records)
        # seeding the actors, the records in fewer transactions than there are records, the closing ANALYZE (all
        # six records in one when nothing delays their way to the writer, which the test cannot promise)
        assert 1 + 1 + 1 <= store.generation() - start <= 1 + len(voa_records) // 2 + 1


class _Deadlock(Exception):
    sqlstate = "40P01"  # as psycopg's DeadlockDetected carries it


def test_a_deadlock_with_another_writer_is_tried_again(store, voa_records, monkeypatch):
    from sqlalchemy.exc import OperationalError

    real, raised = Store._add, []

    def deadlocking(self, conn, record, *args):
        if len(raised) < 2 and record.id == voa_records[1].id:  # in the group, then alone once more
            raised.append(record.id)
            raise OperationalError("UPDATE incidents", {}, _Deadlock("deadlock detected"))
        return real(self, conn, record, *args)

    monkeypatch.setattr(Store, "_add", deadlocking)
    assert store.add_many([(r, None) for r in voa_records[:3]]) == ["new", "new", "new"]
    assert len(raised) == 2 and store.counts()["stories"] == 3


def test_other_store_errors_are_not_tried_again(store, voa_records, monkeypatch):
    from sqlalchemy.exc import OperationalError

    calls = []

    def failing(self, conn, record, *args):
        calls.append(record.id)
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(Store, "_add", failing)
    with pytest.raises(OperationalError):
        store.add_many([(r, None) for r in voa_records[:2]])
    assert len(calls) == 1


def test_a_command_whose_writer_died_with_records_queued_still_exits(tmp_path):
    import subprocess
    import sys

    script = f"""
import os, signal
from eventwire.model import Article, InputRef
from eventwire.store.writer import Writer
writer = Writer("sqlite:///{tmp_path / 'w.db'}")
os.kill(writer.process.pid, signal.SIGKILL)
writer.process.join()
article = Article(id="a" * 16, text="word " * 40_000, input=InputRef(path="x.jsonl", line=1))
for _ in range(3):  # 600 KB for a pipe of 64 KB that no one reads any more
    writer.inbox.put(("copy", ("a" * 16, article.model_dump_json(), 1.0), None, None))
writer.abort()
"""
    done = subprocess.run([sys.executable, "-c", script], timeout=60, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_numbering_asks_the_table_once_a_transaction(store):
    """SQLite's keys are given after the table's highest: asked once in a transaction, then counted on; a new
    transaction, or a row numbered by the database meanwhile (forget_numbering), asks again."""
    from sqlalchemy import insert

    from eventwire.store.db import forget_numbering, insert_numbered
    from eventwire.store.schema import incidents

    asked = []

    def trace(conn) -> None:  # every statement SQLite runs, through SQLAlchemy or the driver (eventwire.store.driver)
        if store.dialect == "sqlite":
            conn.connection.driver_connection.set_trace_callback(
                lambda statement: asked.append(statement) if "max(incidents.id)" in statement else None)

    row = {"type": "ASSAULT", "events": 0, "stories": 0, "updated_at": "2025-01-01T00:00:00Z"}
    with store._write() as conn:
        trace(conn)
        first = insert_numbered(conn, incidents, [row, row], "id")
        second = insert_numbered(conn, incidents, [row], "id")
        conn.execute(insert(incidents).values(**row))  # numbered by the database
        forget_numbering(conn, incidents)
        third = insert_numbered(conn, incidents, [row], "id")
    with store._write() as conn:
        trace(conn)
        fourth = insert_numbered(conn, incidents, [row], "id")
    assert first + second == [first[0], first[0] + 1, first[0] + 2]
    assert third == [second[0] + 2] and fourth == [third[0] + 1]
    if store.dialect == "sqlite":
        assert len(asked) == 3  # once a transaction, and after forget_numbering


def test_a_text_with_nul_is_stored_with_every_row_scrubbed(store, pipeline):
    """NUL has no place in PostgreSQL's text: a story whose text holds one has it as U+FFFD in every row (the
    record's JSON keeps the text as it is), on both back ends; the rows of texts without one are stored as built."""
    from eventwire.model import Article, InputRef

    text = ("Gunmen attacked the\x00 village of Kidal on Monday, killing five people, the army said. "
            "\"We will find them,\x00\" the governor of Kidal said.")
    record = next(pipeline.process([Article(id="nul0nul0nul0nul0", text=text, input=InputRef(path="nul.txt"))]))
    assert record.events and any("\x00" in e.evidence.text for e in record.events)
    assert store.add(record) == "new"
    rows = list(store.iter_events())
    assert rows and all("\x00" not in (r["evidence"] or "") for r in rows)
    assert any("\ufffd" in r["evidence"] for r in rows)
    assert store.story(record.id)["record"]["text"] == text


def test_storing_more_stories_compiles_no_new_statements(store, voa_records):
    """The writer's statements have one shape whatever the story: SQLAlchemy compiles each once and keeps it, so a
    statement whose shape follows the story (an OR of one term per event type and day, say) grows the writer's
    memory with the run, 54 KB a shape."""
    def shapes() -> set[str]:  # (one statement run for one row and for several is compiled twice, with one text)
        return {compiled.string for compiled in store.engine._compiled_cache.values()}

    for record in voa_records[:2]:
        store.add(record)
    known = shapes()
    for record in voa_records[2:]:
        store.add(record)
    assert sum(len(r.events) for r in voa_records[2:]) > 10
    assert shapes() == known
