"""Store fixtures: every store test runs on SQLite, and on PostgreSQL when $EVENTWIRE_TEST_POSTGRES_URL names a server
(.ci/run starts a throwaway one). Each test gets a new empty database."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VOA = ROOT / "examples" / "voa" / "voa_stories.jsonl"
POSTGRES_URL = os.environ.get("EVENTWIRE_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"]


def voa_lines(n: int, start: int = 0) -> list[str]:
    """The first ``n`` bundled VOA stories (JSON lines), from ``start``."""
    return VOA.read_text(encoding="utf-8").splitlines()[start:start + n]


@pytest.fixture(scope="session")
def voa_records(pipeline, tmp_path_factory):
    """Records of six bundled VOA stories (public domain), read as `eventwire ingest` reads them."""
    from eventwire.readers import read_inputs

    path = jsonl(tmp_path_factory.mktemp("voa") / "six.jsonl", voa_lines(6))
    return list(pipeline.process(read_inputs([str(path)])))


def _postgres_database():
    """A new database on the test server; yields its URL and drops it afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from eventwire.store import store_url

    server = make_url(store_url(POSTGRES_URL))
    name = f"ew_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """The URL of a new, empty store on each back end."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'events.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL server: set EVENTWIRE_TEST_POSTGRES_URL (.ci/run does)")
    yield from _postgres_database()


@pytest.fixture
def store(db_url):
    from eventwire.store import Store

    s = Store.open(db_url)
    yield s
    s.close()


@pytest.fixture
def filled(store, voa_records):
    for record in voa_records:
        assert store.add(record) == "new"
    return store


def jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def story_json(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)
