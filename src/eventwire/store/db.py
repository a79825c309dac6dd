"""Open a store: the URL, the engine and its settings per back end, and the migrations.

The URL comes from ``--db``, else ``$EVENTWIRE_DB``, else ``eventwire.db`` in the working directory. A bare path
is a SQLite file. SQLite runs in WAL mode with a busy timeout and takes its write lock at ``BEGIN`` (``BEGIN
IMMEDIATE`` for writers), so two ingests into one file wait for each other instead of failing; PostgreSQL is reached by
``postgresql+psycopg://`` URLs (psycopg 3).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, Table, create_engine, event, func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from ..errors import StoreError
from .driver import Prepared, insert_rows

DEFAULT_DB = "eventwire.db"
BUSY_TIMEOUT_S = 60


def store_url(db: str | None = None) -> str:
    """The store's SQLAlchemy URL: ``db``, else ``$EVENTWIRE_DB``, else ``eventwire.db`` here; a path means SQLite.

    >>> store_url("events.db")
    'sqlite:///events.db'
    >>> store_url("postgresql://u@127.0.0.1:5433/ew")
    'postgresql+psycopg://u@127.0.0.1:5433/ew'
    """
    db = db or os.environ.get("EVENTWIRE_DB") or DEFAULT_DB
    if "://" not in db:
        return f"sqlite:///{db}"
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


def _sqlite_settings(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy, not the driver, says when a transaction begins
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        # A writer takes the write lock at once, so two writers queue instead of failing on lock upgrade; readers
        # begin deferred and never wait in WAL mode.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writer") else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with eventwire's settings for its back end."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r} ({exc})", source=url) from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).parent
            if not folder.is_dir():
                raise StoreError(f"the folder of the store {parsed.database!r} does not exist", source=url)
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_S})
        _sqlite_settings(engine)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, pool_pre_ping=True)
    raise StoreError(f"eventwire stores events in SQLite or PostgreSQL, not {parsed.get_backend_name()!r}",
                     source=url)


def _alembic_config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("eventwire.store") / "migrations"))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    config = Config()
    config.set_main_option("script_location", str(resources.files("eventwire.store") / "migrations"))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def migrate(engine: Engine) -> None:
    """Bring the store's schema to the newest revision (nothing to do when it is there already)."""
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current == head_revision():
        return
    with engine.execution_options(writer=True).begin() as conn:
        if engine.dialect.name == "postgresql":  # one migrator at a time
            conn.execute(text("SELECT pg_advisory_xact_lock(4207081)"))
        command.upgrade(_alembic_config(conn), "head")


def insert_numbered(conn: Connection, table: Table, rows: list[dict], key: str) -> list[int]:
    """Insert ``rows`` in one statement and return the integer keys the store gave them, in the rows' order.

    PostgreSQL numbers them in one ``INSERT ... RETURNING``. SQLite cannot say which returned key is which row's
    without a statement per row, so the keys are given here, after the highest one: safe because a SQLite writer
    holds the file's write lock from ``BEGIN IMMEDIATE`` to commit, and the same numbers SQLite itself would pick.
    """
    if not rows:
        return []
    top_of, returning = _numbering(table, key)
    if conn.dialect.name == "sqlite":
        tops = per_transaction(conn, "numbering", dict)
        top = tops[table.name] if table.name in tops else top_of.run(conn).scalar_one()
        keys = list(range(top + 1, top + 1 + len(rows)))
        insert_rows(conn, table, [{**r, key: k} for r, k in zip(rows, keys, strict=True)])
        tops[table.name] = keys[-1]  # the transaction's next rows follow these without asking again
        return keys
    return list(conn.execute(returning, rows).scalars())


def forget_numbering(conn: Connection, table: Table) -> None:
    """After rows went into ``table`` other than through :func:`insert_numbered` (numbered by the database), in the
    same transaction: its next keys are asked of the table again."""
    per_transaction(conn, "numbering", dict).pop(table.name, None)


def per_transaction(conn: Connection, name: str, make: Callable[[], Any]) -> Any:
    """A value kept on the connection for the transaction under way, made by ``make`` on first use in it: what a
    writer would otherwise ask the database again for every story of a transaction of several (the highest key of a
    table it numbers, whether a person ever made a decision)."""
    transaction = conn.get_transaction()
    held = conn.info.get(name)
    if held is None or held[0] is not transaction:
        held = conn.info[name] = (transaction, make())
    return held[1]


@functools.cache
def _numbering(table: Table, key: str) -> tuple[Prepared, Any]:
    """:func:`insert_numbered`'s statements for a table, built once (building them cost as much as running them)."""
    column = table.c[key]
    return (Prepared(select(func.coalesce(func.max(column), 0))),
            insert(table).returning(column, sort_by_parameter_order=True))
