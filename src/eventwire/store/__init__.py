"""The event store: records in, typed and indexed rows out; SQLite by default, PostgreSQL by URL.

    store = Store.open("eventwire.db")          # or "postgresql://user@host/db"; migrates on open
    store.add(record)                            # "new" or "stored"; one transaction per call (add_many: several)
    store.events(Filters(type="ASSAULT"), limit=10)

docs/store.md describes the tables; :mod:`eventwire.store.query` the filters every reader shares.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from .. import __version__, neardup
from ..errors import StoreError
from ..model import ArticleRecord, ErrorInfo
from ..provenance import pipeline_hash
from . import actors as registry
from . import incidents
from . import query as q
from . import runs as runlog
from .db import BUSY_TIMEOUT_S, insert_numbered, make_engine, migrate, store_url
from .driver import Prepared, insert_rows
from .query import Filters
from .rows import entity_rows, event_row, party_rows, place_rows, quote_rows, story_row, unpack
from .rows import scrub as scrub_row
from .schema import (
    actor_names,
    entities,
    event_parties,
    events,
    failures,
    incident_links,
    places,
    quotes,
    store_meta,
    stories,
    story_bands,
    story_sources,
)

__all__ = ["Filters", "Store", "store_url"]

Added = Literal["new", "stored", "replaced", "duplicate"]


def _as_is(row: dict[str, Any]) -> dict[str, Any]:
    return row


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_SHARING = Prepared(select(story_bands.c.story_id).distinct()
                    .where(or_(*(and_(story_bands.c.band == i, story_bands.c.bucket == bindparam(f"k{i}"))
                                 for i in range(neardup.BANDS)))).limit(200))
"""The stories that share a band with a signature: an OR of (band, bucket) pairs, one index read each (a row-value
IN made SQLite scan the band table), built once (building its 32 terms cost more than running it)."""


_TRANSIENT = ("40P01", "40001")
"""PostgreSQL's deadlock and serialization failures: the transaction is worth trying again."""
RETRIES = 3


# The statements every story runs, built once and run through the driver (eventwire.store.driver): SQLAlchemy's
# execution of them cost the writer more CPU than the database did.
_STORY_EXISTS = Prepared(select(stories.c.id).where(stories.c.id == bindparam("b_id")))
_SOURCE_WITH_URL = Prepared(select(story_sources.c.seq)
                            .where(story_sources.c.story_id == bindparam("b_story"),
                                   story_sources.c.url == bindparam("b_url"))
                            .limit(1))
_SOURCE_WITHOUT_URL = Prepared(select(story_sources.c.seq)
                               .where(story_sources.c.story_id == bindparam("b_story"), story_sources.c.url.is_(None),
                                      story_sources.c.input_path.is_not_distinct_from(bindparam("b_path")),
                                      story_sources.c.input_line.is_not_distinct_from(bindparam("b_line")))
                               .limit(1))
_URL_OLDER = Prepared(select(stories.c.id).where(stories.c.url == bindparam("b_url"), stories.c.id != bindparam("b_id"),
                                                 stories.c.superseded_by.is_(None)))
_BUMP = Prepared(update(store_meta).where(store_meta.c.key == "generation").values(value=store_meta.c.value + 1))


class Store:
    """One event database. Open it with :meth:`open`; every method is safe to call from several processes."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.writer = engine.execution_options(writer=True)
        self.url = url

    @classmethod
    def open(cls, db: str | None = None, *, create: bool = True) -> Store:
        """Open the store at ``db``, ``$EVENTWIRE_DB`` or ``eventwire.db``, migrated to the newest schema.

        Without ``create``, a SQLite file that does not exist is an error rather than a new empty store.
        """
        url = store_url(db)
        engine = make_engine(url)
        database = engine.url.database
        if not create and engine.dialect.name == "sqlite" and database not in (None, "", ":memory:") \
                and not Path(database).exists():
            raise StoreError(f"there is no store at {database}: run `eventwire ingest` first, or give --db",
                             source=database)
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                migrate(engine)
                break
            except SQLAlchemyError as exc:
                reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
                # Two processes opening a new SQLite store at once: switching it to WAL mode, or upgrading a
                # lock, can fail at once with "database is locked" whatever the busy timeout. Try again.
                if engine.dialect.name == "sqlite" and "locked" in reason and time.monotonic() < deadline:
                    engine.dispose()
                    time.sleep(0.05 + random.random() / 5)
                    continue
                engine.dispose()
                raise StoreError(f"cannot open the store ({reason})", source=_safe(url)) from None
        return cls(engine, url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {_safe(self.url)}>"

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # --- writing -------------------------------------------------------------------------------------------------

    def has(self, story_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(stories.c.id).where(stories.c.id == story_id)).first() is not None

    def stored_ids(self, ids: list[str]) -> set[str]:
        """Which of ``ids`` the store holds."""
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                found |= set(conn.scalars(select(stories.c.id).where(stories.c.id.in_(ids[i:i + 500]))))
        return found

    def add(self, record: ArticleRecord, *, replace: bool = False,
            fingerprint: tuple[Any, int] | None = None) -> Added:
        """Store one story and everything extracted from it, in one transaction.

        A story already stored (same content id) is left as it is ("stored"; a new URL for it is added to its
        sources), unless ``replace`` (re-extraction) swaps in the new record ("replaced"). A near-duplicate of a
        stored story under another URL (eventwire.neardup) is not stored again: it becomes one more source of that
        story ("duplicate"). An earlier, different text under the same URL is marked superseded by this one, with
        its events; nothing is deleted. ``fingerprint`` is the text's :func:`eventwire.neardup.fingerprint`, when
        the caller has it already.
        """
        return self.add_many([(record, fingerprint)], replace=replace)[0]

    def add_many(self, items: list[tuple[ArticleRecord, tuple[Any, int] | None]], *, replace: bool = False
                 ) -> list[Added]:
        """:meth:`add` for several stories (each with its fingerprint, or None) in one transaction: all of them are
        stored or none. Each story is checked against those before it in the list as against the store (a
        near-duplicate of an earlier one is a source of it; events link across them). If another process stored
        one of them meanwhile, the transaction is rolled back and each story is added in a transaction of its own.
        One commit for many stories: a quarter to a third more stories a second on SQLite (docs/benchmarks.md#scale).
        """
        for record, _ in items:
            if record.id is None:
                raise ValueError("a failed input has no story to store: use add_failure")
        prints = [fingerprint or neardup.fingerprint(record.text) for record, fingerprint in items]
        for attempt in range(1, RETRIES + 1):
            try:
                with self._write() as conn:
                    return [self._add(conn, record, replace, sig, size)
                            for (record, _), (sig, size) in zip(items, prints, strict=True)]
            except IntegrityError:
                if len(items) > 1:
                    break
                if self.has(items[0][0].id):  # another ingest stored it first
                    return ["stored"]
                raise
            except OperationalError as exc:
                # A deadlock with another writer (PostgreSQL gives up one of the two): a group is stored again one
                # story a transaction, a single story again after a pause.
                if getattr(getattr(exc, "orig", None), "sqlstate", None) not in _TRANSIENT or attempt == RETRIES:
                    raise
                if len(items) > 1:
                    break
                time.sleep(0.05 + random.random() / 5)
        return [self.add_many([(record, fp)], replace=replace)[0] for (record, _), fp in zip(items, prints,
                                                                                             strict=True)]

    def _add(self, conn, record: ArticleRecord, replace: bool, sig, size: int) -> Added:
        exists = _STORY_EXISTS.run(conn, {"b_id": record.id}).first() is not None
        if exists and not replace:
            self._add_source(conn, record.id, record, 1.0)
            return "stored"
        if exists:
            before = self._delete_children(conn, record.id)
            conn.execute(update(stories).where(stories.c.id == record.id).values(
                **{k: v for k, v in self._story_row(record).items() if k not in ("id", "superseded_by")}))
            seqs = self._insert_children(conn, record)
            incidents.refresh(conn, before | incidents.link(conn, seqs))
            return "replaced"
        buckets = neardup.bands(sig)
        twin = self._near_duplicate(conn, sig, size, record.url, buckets)
        if twin is not None:
            self._add_source(conn, twin[0], record, twin[1])
            return "duplicate"
        insert_rows(conn, stories, [{**self._story_row(record), "minhash": neardup.to_bytes(sig), "shingles": size}])
        self._add_source(conn, record.id, record, 1.0, first=True)
        insert_rows(conn, story_bands, [{"band": i, "bucket": b, "story_id": record.id}
                                        for i, b in enumerate(buckets)])
        seqs = self._insert_children(conn, record)
        touched = self._supersede(conn, record.url, record.id) if record.url else set()
        incidents.refresh(conn, touched | incidents.link(conn, seqs, fresh=True))
        return "new"

    # --- cross-story events ----------------------------------------------------------------------------------------

    def merge(self, event_ids: list[str]) -> int:
        """Put these events into the incident of the first (a person's decision, kept across re-ingest)."""
        with self._write() as conn:
            return incidents.merge(conn, event_ids)

    def split(self, event_id: str) -> int:
        """Give this event an incident of its own (a person's decision, kept across re-ingest)."""
        with self._write() as conn:
            return incidents.split(conn, event_id)

    def relink(self, batch: int = 500) -> int:
        """Give every current event that has none an incident (events stored before incidents existed)."""
        done = 0
        while True:
            with self._write() as conn:
                seqs = incidents.unlinked(conn)[:batch]
                if not seqs:
                    return done
                story_of = dict(conn.execute(select(events.c.seq, events.c.story_id)
                                             .where(events.c.seq.in_(seqs))).all())
                for story_id in dict.fromkeys(story_of[s] for s in seqs):  # story by story, in ingest order
                    incidents.refresh(conn, incidents.link(conn, [s for s in seqs if story_of[s] == story_id]))
            done += len(seqs)

    # --- ingest runs -------------------------------------------------------------------------------------------

    def start_run(self, command: dict[str, Any], run_id: int | None = None) -> tuple[int, bool, runlog.Progress]:
        """The ingest run to go on with (:func:`eventwire.store.runs.start`): id, resumed, progress so far."""
        with self._write() as conn:
            return runlog.start(conn, command, run_id)

    def run_command(self, run_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return runlog.command(conn, run_id)

    def record_progress(self, run_id: int, progress: runlog.Progress) -> None:
        with self._write() as conn:
            runlog.record(conn, run_id, progress)

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        with self._write() as conn:
            runlog.finish(conn, run_id, counts)

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return runlog.listing(conn, limit)

    def seed_actors(self) -> int:
        """Put the seed armed groups in the actor registry (idempotent); returns how many were added."""
        with self._write() as conn:
            return registry.seed(conn)

    def actor(self, actor_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return registry.actor(conn, actor_id)

    def incident(self, incident_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return incidents.incident(conn, incident_id)

    def near_duplicate(self, text: str, url: str | None) -> tuple[str, float] | None:
        """The current stored story that ``text`` nearly repeats under another URL, with the similarity; or None."""
        return self.near_duplicates([(neardup.fingerprint(text), url)])[0]

    def near_duplicates(self, items: list[tuple[tuple[Any, int], str | None]]) -> list[tuple[str, float] | None]:
        """:meth:`near_duplicate` for many stories at once, given as (fingerprint, url): one connection for all."""
        with self.engine.connect() as conn:
            return [self._near_duplicate(conn, *fingerprint, url) for fingerprint, url in items]

    def add_copy(self, story_id: str, article, similarity: float) -> None:
        """Record that ``article`` (an Article or a record) is a copy of the stored story ``story_id``."""
        with self._write() as conn:
            self._add_source(conn, story_id, article, similarity)

    def _near_duplicate(self, conn, sig, size: int, url: str | None, buckets: list[int] | None = None
                        ) -> tuple[str, float] | None:
        keys = list(enumerate(buckets if buckets is not None else neardup.bands(sig)))
        # Two steps, each an index read whatever the planner knows (one join was a 60 ms scan on a new store that
        # PostgreSQL had no statistics for yet): the stories sharing a band, then those stories.
        sharing = _SHARING.run(conn, {f"k{i}": k for i, k in keys}).scalars().all()
        if not sharing:
            return None
        candidates = list(conn.execute(
            select(stories.c.id, stories.c.minhash, stories.c.shingles, stories.c.url)
            .where(stories.c.id.in_(sharing), stories.c.superseded_by.is_(None)).limit(50)))
        best: tuple[str, float] | None = None
        for story_id, minhash, shingles, stored_url in candidates:
            if minhash is None or (url and stored_url == url):  # the same URL again is a new version, not a copy
                continue
            sim = neardup.same_story(sig, size, neardup.from_bytes(minhash), shingles or 0)
            if sim is not None and (best is None or sim > best[1]):
                best = (story_id, sim)
        return best

    def _add_source(self, conn, story_id: str, item, similarity: float, first: bool = False) -> None:
        """One more place the story appeared (skipped when that URL, or the URL-less input, is already listed;
        ``first``: the story was stored just now, with no source yet)."""
        url = item.url
        input_ref = item.input
        if not first:
            if url:
                held = _SOURCE_WITH_URL.run(conn, {"b_story": story_id, "b_url": url})
            else:
                held = _SOURCE_WITHOUT_URL.run(conn, {"b_story": story_id,
                                                      "b_path": input_ref.path if input_ref else None,
                                                      "b_line": input_ref.line if input_ref else None})
            if held.first() is not None:
                return
        published = item.published
        insert_rows(conn, story_sources, [scrub_row({
            "story_id": story_id, "url": url, "outlet": item.source, "title": item.title,
            "published": published.date if published else None,
            "input_path": input_ref.path if input_ref else None, "input_line": input_ref.line if input_ref else None,
            "similarity": round(similarity, 4), "seen_at": _now()})])

    def add_failure(self, error: ErrorInfo) -> None:
        with self._write() as conn:
            conn.execute(insert(failures).values(scrub_row(dict(
                input_path=error.source, input_line=error.line, code=error.code, message=error.message,
                stage=error.stage, at=_now()))))

    @contextmanager
    def _write(self) -> Iterator[Any]:
        """A write transaction that bumps the store's generation, so readers (the API's cache) see the change."""
        with self.writer.begin() as conn:
            yield conn
            _BUMP.run(conn)

    def generation(self) -> int:
        """A number that changes whenever anything is written to the store."""
        with self.engine.connect() as conn:
            return conn.execute(select(store_meta.c.value).where(store_meta.c.key == "generation")).scalar_one()

    def analyze(self) -> None:
        """Refresh the planner's statistics (after an ingest): without them SQLite may count a text or actor filter
        by scanning every event instead of reading the few that match."""
        with self._write() as conn:
            # PostgreSQL's autovacuum keeps the other tables' statistics; these are the ones queries filter on.
            conn.exec_driver_sql("ANALYZE" if self.dialect == "sqlite" else
                                 "ANALYZE events, event_parties, stories, story_sources, incidents, actors")

    def _story_row(self, record: ArticleRecord) -> dict[str, Any]:
        return scrub_row(story_row(record, version=__version__, pipeline_hash=pipeline_hash(), now=_now()))

    def _insert_children(self, conn, record: ArticleRecord) -> list[int]:
        by_id = {e.id: e for e in record.entities}
        place_by_id = {p.id: p for p in record.places}
        # What these rows hold is spans and names from the text, or eventwire's own codes and dictionaries: only a
        # text with a NUL needs them scrubbed (a tenth of the writer's CPU otherwise, for nothing).
        scrub = scrub_row if "\x00" in record.text else _as_is
        for rows, table in ((entity_rows(record), entities), (place_rows(record), places),
                            (quote_rows(record, by_id), quotes)):
            if rows:
                insert_rows(conn, table, [scrub(r) for r in rows])
        if not record.events:
            return []
        parties_named = {i for e in record.events for i in (*e.actor, *e.recipient)}
        actor_of = registry.resolve(conn, [by_id[i] for i in sorted(parties_named) if i in by_id])
        rows = [scrub(event_row(record, e, by_id, place_by_id)) for e in record.events]
        seqs = insert_numbered(conn, events, rows, "seq")
        parties = [scrub({**r, "event_seq": seq, "actor_id": actor_of.get(r["entity_id"])})
                   for seq, event in zip(seqs, record.events, strict=True) for r in party_rows(event, by_id)]
        if parties:
            insert_rows(conn, event_parties, parties)
            names = {r["name_key"]: r["name"] for r in parties}
            insert_rows(conn, actor_names, [{"name_key": k, "name": v} for k, v in names.items()],
                        skip_conflict_on="name_key")
        return seqs

    def _delete_children(self, conn, story_id: str) -> set[int]:
        """Delete a story's extracted rows; returns the incidents its events were in (to refresh)."""
        seqs = select(events.c.seq).where(events.c.story_id == story_id).scalar_subquery()
        touched = self._incidents_of(conn, [story_id])
        ids = select(events.c.id).where(events.c.story_id == story_id).scalar_subquery()
        conn.execute(delete(incident_links).where(incident_links.c.event_id.in_(ids)))
        conn.execute(delete(event_parties).where(event_parties.c.event_seq.in_(seqs)))
        for table in (events, entities, places, quotes):
            conn.execute(delete(table).where(table.c.story_id == story_id))
        return touched

    def _supersede(self, conn, url: str, story_id: str) -> set[int]:
        """Mark older texts under ``url`` superseded; returns the incidents their events were in."""
        older = list(_URL_OLDER.run(conn, {"b_url": url, "b_id": story_id}).scalars())
        if not older:
            return set()
        conn.execute(update(stories).where(stories.c.id.in_(older)).values(superseded_by=story_id))
        conn.execute(update(events).where(events.c.story_id.in_(older)).values(superseded=True))
        return self._incidents_of(conn, older)

    @staticmethod
    def _incidents_of(conn, story_ids: list[str]) -> set[int]:
        """The incidents the events of these stories are in."""
        return set(conn.scalars(select(events.c.incident_id).where(events.c.story_id.in_(story_ids),
                                                                   events.c.incident_id.is_not(None))))

    # --- reading -------------------------------------------------------------------------------------------------

    def events(self, filters: Filters | None = None, *, limit: int = 100, cursor: str | None = None,
               total: bool = True) -> dict[str, Any]:
        with self.engine.connect() as conn:
            return q.event_page(conn, filters or Filters(), limit=limit, cursor=cursor, total=total)

    def iter_events(self, filters: Filters | None = None, *, limit: int | None = None) -> Iterator[dict[str, Any]]:
        with self.engine.connect() as conn:
            yield from q.iter_events(conn, filters or Filters(), limit=limit)

    def event(self, event_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return q.get_event(conn, event_id)

    def story(self, story_id: str, *, record: bool = True) -> dict[str, Any] | None:
        """The stored story: its columns, and (unless ``record`` is False, for a caller that wants the columns only)
        the full record (text and every span) and every source it appeared under."""
        with self.engine.connect() as conn:
            row = conn.execute(select(stories).where(stories.c.id == story_id)).mappings().first()
            if row is None:
                return None
            out = {k: v for k, v in row.items() if k not in ("minhash", "record_z")}
            if record:
                sources = conn.execute(select(story_sources).where(story_sources.c.story_id == story_id)
                                       .order_by(story_sources.c.seq)).mappings().all()
                out["record"] = json.loads(unpack(row["record_z"]))
                out["sources"] = [{k: v for k, v in s.items() if k not in ("seq", "story_id")} for s in sources]
        return out

    def records(self, *, stale_only: bool = False) -> Iterator[ArticleRecord]:
        """The stored (current) records; with ``stale_only``, those another pipeline made."""
        where = [stories.c.superseded_by.is_(None)]
        if stale_only:
            where.append(stories.c.pipeline_hash != pipeline_hash())
        with self.engine.connect() as conn:
            ids = list(conn.scalars(select(stories.c.id).where(*where).order_by(stories.c.ingested_at, stories.c.id)))
        for story_id in ids:
            with self.engine.connect() as conn:
                data = conn.execute(select(stories.c.record_z).where(stories.c.id == story_id)).scalar_one_or_none()
            if data is not None:
                yield ArticleRecord.model_validate_json(unpack(data))

    def stats(self, filters: Filters | None = None, by: q.StatBy = "type", unit: q.StatUnit = "events"
              ) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return q.stats(conn, filters or Filters(), by, unit=unit)

    def grid(self, filters: Filters | None = None, cell: float = 1.0) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return q.grid(conn, filters or Filters(), cell)

    def actors(self, text: str | None = None, *, limit: int = 50) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return q.actors(conn, text, limit=limit)

    def stories_by_url(self) -> dict[str, str]:
        """Every URL a current story appeared under (its own and its copies'), to the story's id."""
        with self.engine.connect() as conn:
            return dict(conn.execute(select(story_sources.c.url, story_sources.c.story_id)
                                     .where(story_sources.c.url.is_not(None))).all())

    def ping(self) -> bool:
        with self.engine.connect() as conn:
            return conn.exec_driver_sql("SELECT 1").scalar_one() == 1

    def counts(self) -> dict[str, int]:
        """How many rows each table holds (current and superseded stories alike)."""
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (stories, story_sources, events, event_parties, actor_names, entities, places, quotes,
                              failures)}


def _safe(url: str) -> str:
    """A URL fit to print: no password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<url>"
