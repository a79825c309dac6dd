"""Alembic migrations: up and down on both back ends, and a store made by an older revision keeps its stories."""

from __future__ import annotations

from alembic import command
from sqlalchemy import JSON, column, func, insert, select, table, text

from eventwire import neardup
from eventwire.store import Store
from eventwire.store.db import _alembic_config, head_revision, make_engine, store_url
from eventwire.store.schema import story_bands, story_sources


def _to(engine, revision: str, *, down: bool = False) -> None:
    with engine.execution_options(writer=True).begin() as conn:
        (command.downgrade if down else command.upgrade)(_alembic_config(conn), revision)


def test_every_revision_goes_up_and_down(db_url):
    engine = make_engine(store_url(db_url))
    _to(engine, "head")
    _to(engine, "base", down=True)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 0
    _to(engine, "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
        if engine.dialect.name == "sqlite":  # no revision may rebuild stories and lose the full-text triggers
            triggers = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars().all()
            assert set(triggers) == {"stories_fts_insert", "stories_fts_delete", "stories_fts_update"}
    engine.dispose()


def test_a_store_from_revision_0002_gets_signatures_and_sources(db_url, voa_records):
    engine = make_engine(store_url(db_url))
    _to(engine, "0002")
    record = voa_records[0]
    old_stories = table("stories", *(column(c) for c in ("id", "url", "outlet", "title", "text", "errors",
                                                          "eventwire_version", "pipeline_hash", "ingested_at")),
                        column("record", JSON()))
    with engine.execution_options(writer=True).begin() as conn:
        conn.execute(insert(old_stories).values(
            id=record.id, url=record.url, outlet=record.source, title=record.title, text=record.text,
            record=record.model_dump(mode="json"), errors=0, eventwire_version="0", pipeline_hash="old",
            ingested_at="2026-01-01T00:00:00+00:00"))
    engine.dispose()
    with Store.open(db_url) as store:  # migrates to the head
        with store.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(story_bands)).scalar_one() == neardup.BANDS
            assert conn.execute(select(story_sources.c.url)).scalars().all() == [record.url]
        assert store.add(record) == "stored"
        assert store.story(record.id)["record"] == record.model_dump(mode="json")  # 0006 compressed it
        copy = record.model_copy(update={"id": "d1" * 8, "url": "https://example.org/copy"})
        assert store.add(copy.model_copy(update={"text": record.text + " More."})) == "duplicate"


def _open_store(path: str) -> str:
    from eventwire.store import Store

    try:
        with Store.open(path):
            return "ok"
    except Exception as exc:  # reported to the test, which names it
        return str(exc)


def test_processes_opening_a_new_sqlite_store_at_once_all_succeed(tmp_path):
    """Four processes create the same SQLite store at once (two ingests started together): none is refused with
    "database is locked", which SQLite can answer at once, whatever the busy timeout, while the file turns to WAL
    mode. Found as one failure in about thirty such openings."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(4) as pool:
        for k in range(6):
            path = str(tmp_path / f"events-{k}.db")
            assert list(pool.map(_open_store, [path] * 4)) == ["ok"] * 4
