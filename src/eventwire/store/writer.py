"""One writer process for an ingest: records go to it through a bounded queue and are stored while the next stories are
extracted, so on a machine with a second core storing costs the run almost no time.

The writer opens its own store (never a connection of the parent's), stores the records waiting in its queue
together, in one transaction (:meth:`eventwire.store.Store.add_many`), and answers each record with what happened to
it. If the parent dies (even by ``kill -9``) the writer stores nothing more: it checks before each group, and a
watcher ends it within a second even while it waits (:func:`eventwire.workers.watch_parent`); stories it had not
written yet are simply not stored, and the next run stores them (each story is written whole or not at all).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import time
from typing import Any

from ..errors import StoreError
from ..model import Article, ArticleRecord, ErrorInfo
from ..packed import Packed

Mark = tuple[str, int, bool]

QUEUE_SIZE = 32
GROUP = 16
"""Most records stored in one transaction (all or none). The writer takes, with each record, those waiting behind
it: a writer that keeps up stores a few stories a transaction (about five with two workers on 2 cores), one that
falls behind (the limit of a large cluster) catches up with one commit for 16, a quarter to a third more stories a
second on SQLite (docs/benchmarks.md#scale)."""
GATHER_S = 0.05
"""How long the writer waits for the next record of a group. A queue's records reach the writer one at a time
through a pipe, so "waiting" records are often not there yet at the instant it asks; this is time enough for the
next one to arrive when there is a next one, and nothing against the time a story takes to extract."""


ANALYZE_FIRST = 64
"""The writer refreshes the planner's statistics when a run has stored this many stories, and again at every
doubling: a store that grew tenfold since its last ANALYZE may get plans for the small store it was."""
PROGRESS_EVERY_S = 1.0
"""How often the writer saves a run's progress (it counts stories already committed, so it may only lag)."""


def _serve(url: str, replace: bool, run_id: int | None, inbox: Any, outbox: Any, parent: int) -> None:
    from ..workers import watch_parent
    from . import Store

    watch_parent(parent)  # a story in the middle of its transaction is rolled back: never half-written

    try:
        store = Store.open(url)
        store.seed_actors()
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which decides
        outbox.put(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    changed = 0
    progress: dict[str, tuple[int, bool]] = {}
    saved = time.monotonic()

    def save_progress() -> None:
        nonlocal saved
        if run_id is not None and progress:
            store.record_progress(run_id, progress)
            progress.clear()
        saved = time.monotonic()

    def answer(items: list[tuple], results: list[str]) -> None:
        for (_, _, _, mark), result in zip(items, results, strict=True):
            if mark is not None:
                progress[mark[0]] = (mark[1], mark[2])
            outbox.put(("done", result))

    try:
        ending = False
        while not ending:
            try:
                item = inbox.get(timeout=1.0)
            except queue.Empty:
                save_progress()
                continue
            group = []
            while item is not None:  # and the records waiting behind it (many only when the writer is behind)
                group.append(item)
                if len(group) >= GROUP:
                    break
                try:
                    item = inbox.get(timeout=GATHER_S)
                except queue.Empty:
                    break
            ending = item is None
            if os.getppid() != parent:  # the run was killed: what is still queued is stored by the next run
                os._exit(0)
            try:
                for kind, items in _runs(group):
                    if kind == "record":
                        results = store.add_many([(ArticleRecord.model_validate_json(payload), fingerprint)
                                                  for _, payload, fingerprint, _ in items], replace=replace)
                        before = changed
                        changed += sum(r in ("new", "replaced") for r in results)
                        if changed >= ANALYZE_FIRST and changed.bit_length() > before.bit_length():
                            store.analyze()  # 64, 128, 256... stories in: the planner's statistics keep up
                    else:
                        results = [_store_other(store, kind, payload) for _, payload, _, _ in items]
                    answer(items, results)
                if time.monotonic() - saved >= PROGRESS_EVERY_S:
                    save_progress()
            except Exception as exc:  # noqa: BLE001 - the store failed: the parent stops the run
                outbox.put(("fatal", f"{type(exc).__name__}: {str(exc).splitlines()[0]}"))
                return
        save_progress()
        if changed:
            store.analyze()
        outbox.put(("closed", None))
    finally:
        store.close()


def _runs(group: list[tuple]) -> list[tuple[str, list[tuple]]]:
    """The group's items as runs of one kind, in order: consecutive records are stored in one transaction.

    >>> [(k, len(items)) for k, items in _runs([("record",) * 4, ("record",) * 4, ("mark",) * 4, ("record",) * 4])]
    [('record', 2), ('mark', 1), ('record', 1)]
    """
    runs: list[tuple[str, list[tuple]]] = []
    for item in group:
        if runs and runs[-1][0] == item[0] == "record":
            runs[-1][1].append(item)
        else:
            runs.append((item[0], [item]))
    return runs


def _store_other(store: Any, kind: str, payload: Any) -> str:
    """A failure, a copy of a stored story, or an input's end (nothing to store but its progress)."""
    if kind == "failure":
        store.add_failure(ErrorInfo.model_validate_json(payload))
        return "failure"
    if kind == "copy":
        story_id, article, similarity = payload
        store.add_copy(story_id, Article.model_validate_json(article), similarity)
        return "copy"
    return "mark"


class Writer:
    """The parent's end: ``put`` records, read ``results`` as they come, ``close`` at the end."""

    def __init__(self, url: str, *, replace: bool = False, run_id: int | None = None) -> None:
        ctx = mp.get_context("spawn")  # a fresh interpreter: no inherited connections or model
        self.inbox, self.outbox = ctx.Queue(QUEUE_SIZE), ctx.Queue()
        self.process = ctx.Process(target=_serve, args=(url, replace, run_id, self.inbox, self.outbox, os.getpid()),
                                   name="eventwire-store-writer", daemon=True)
        self.process.start()
        self.results: list[str] = []

    def _drain(self, block: bool = False) -> bool:
        """Collect the writer's answers; False once it has closed."""
        while True:
            try:
                kind, value = self.outbox.get(timeout=1.0) if block else self.outbox.get_nowait()
            except queue.Empty:
                if block and not self.process.is_alive():
                    raise StoreError("the store writer stopped without a word") from None
                if block:
                    continue
                return True
            if kind == "fatal":
                self.process.join(timeout=5)
                raise StoreError(f"the store failed: {value}")
            if kind == "closed":
                return False
            self.results.append(value)

    def put(self, record: Packed, fingerprint: tuple[Any, int] | None = None, mark: Mark | None = None) -> None:
        """Queue a record for the store (waiting while the queue is full), with its text's fingerprint if known.
        ``mark`` (input path, items done, finished) is the run's progress once it is stored."""
        if record.id is not None:
            self._send([("record", record.json, fingerprint, mark)])
        else:
            errors = [e.model_dump_json() for e in record.errors]
            self._send([("failure", e, None, mark if i == len(errors) - 1 else None) for i, e in enumerate(errors)])

    def put_copy(self, story_id: str, article: Article, similarity: float, mark: Mark | None = None) -> None:
        """Record that ``article`` is one more source of the stored story ``story_id``."""
        self._send([("copy", (story_id, article.model_dump_json(), similarity), None, mark)])

    def put_mark(self, mark: Mark) -> None:
        """The run's progress, once everything queued before it is stored (the end of an input)."""
        self._send([("mark", None, None, mark)])

    def _send(self, items: list[tuple]) -> None:
        for it in items:
            while True:
                self._drain()
                try:
                    self.inbox.put(it, timeout=1.0)
                    break
                except queue.Full:
                    if not self.process.is_alive():
                        raise StoreError("the store writer stopped") from None

    def close(self) -> list[str]:
        """Wait until every record is stored; returns what happened to each, in order."""
        self.inbox.put(None)
        while self._drain(block=True):
            pass
        self.process.join(timeout=30)
        return self.results

    def abort(self) -> None:
        # Records still queued for a writer that is gone would keep this process from exiting: the queue's feeder
        # thread waits to hand them over, and the interpreter waits for it.
        self.inbox.cancel_join_thread()
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(timeout=5)
