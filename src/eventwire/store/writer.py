"""One writer process for an ingest: records go to it through a bounded queue and are stored while the next stories are
extracted, so on a machine with a second core storing costs the run almost no time.

The writer opens its own store (never a connection of the parent's), writes each story in its own transaction as
:meth:`eventwire.store.Store.add` does, and answers each record with what happened to it. If the parent dies (even by
``kill -9``) the writer stores nothing more: it checks before each story, and a watcher ends it within a second even
while it waits (:func:`eventwire.workers.watch_parent`); stories it had not written yet are simply not stored, and
the next run stores them (each story is written whole or not at all).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import time
from typing import Any

from ..errors import StoreError
from ..model import Article, ArticleRecord, ErrorInfo

Mark = tuple[str, int, bool]

QUEUE_SIZE = 32


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

    try:
        while True:
            try:
                item = inbox.get(timeout=1.0)
            except queue.Empty:
                save_progress()
                continue
            if item is None:
                break
            if os.getppid() != parent:  # the run was killed: what is still queued is stored by the next run
                os._exit(0)
            kind, payload, fingerprint, mark = item
            try:
                if kind == "record":
                    result = store.add(ArticleRecord.model_validate_json(payload), replace=replace,
                                       fingerprint=fingerprint)
                    if result in ("new", "replaced"):
                        changed += 1
                        if changed >= ANALYZE_FIRST and changed & (changed - 1) == 0:
                            store.analyze()  # 64, 128, 256... stories in: the planner's statistics keep up
                elif kind == "failure":
                    store.add_failure(ErrorInfo.model_validate_json(payload))
                    result = "failure"
                elif kind == "copy":
                    story_id, article, similarity = payload
                    store.add_copy(story_id, Article.model_validate_json(article), similarity)
                    result = "copy"
                else:  # "mark": the end of an input
                    result = "mark"
                if mark is not None:
                    progress[mark[0]] = (mark[1], mark[2])
                if time.monotonic() - saved >= PROGRESS_EVERY_S:
                    save_progress()
            except Exception as exc:  # noqa: BLE001 - the store failed: the parent stops the run
                outbox.put(("fatal", f"{type(exc).__name__}: {str(exc).splitlines()[0]}"))
                return
            outbox.put(("done", result))
        save_progress()
        if changed:
            store.analyze()
        outbox.put(("closed", None))
    finally:
        store.close()


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

    def put(self, record: ArticleRecord, fingerprint: tuple[Any, int] | None = None, mark: Mark | None = None
            ) -> None:
        """Queue a record for the store (waiting while the queue is full), with its text's fingerprint if known.
        ``mark`` (input path, items done, finished) is the run's progress once it is stored."""
        if record.id is not None:
            self._send([("record", record.model_dump_json(), fingerprint, mark)])
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
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(timeout=5)
