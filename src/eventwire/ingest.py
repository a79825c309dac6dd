"""The ingest run between the readers and the store: which items need extracting, and the run's progress.

    ledger = Ledger(writer)
    items = not_stored(numbered(files, progress), store, ledger, counts, clock)
    for packed in extract(items):          # in process, local workers or Dask: records in input order
        ledger.stored(packed)              # to the writer, with the progress it completes
    ledger.finish()

Every item of every input is numbered as it is read (:func:`numbered`). An item whose story the store holds, as the
same text or as a near-duplicate under another URL, becomes one more source of that story and is never extracted
(:func:`not_stored`); the others are extracted. The :class:`Ledger` keeps the items in input order, so that the
progress it hands the writer ("the first N items of this input are stored") is only ever true: a mark goes to the
writer after every item before it, and the writer saves it after committing them.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from . import neardup
from .errors import EventwireError
from .model import Article
from .packed import Packed
from .readers import read_inputs

CHECK_BATCH = 64
"""Items checked against the store at once (one query for their ids, one connection for their near-duplicates)."""


@dataclass
class InputEnd:
    """Every item of ``path`` has been read: ``items`` in all."""

    path: str
    items: int


Numbered = tuple[Article | EventwireError, tuple[str, int]] | InputEnd


def numbered(files: list[str], done: dict[str, tuple[int, bool]], *, fmt: str | None, max_bytes: int,
             advance=None) -> Iterator[Numbered]:
    """The items of each input with their place in it (path, 1-based number), then the input's end. An input a
    resumed run finished is not read again; one it was part-way through is read from its next item."""
    for path in files:
        skip, finished = done.get(path, (0, False))
        if not finished:
            n = 0
            for item in read_inputs([path], fmt=fmt, max_bytes=max_bytes):  # type: ignore[arg-type]
                n += 1
                if n > skip:
                    yield item, (path, n)
            yield InputEnd(path, n)
        if advance is not None:
            advance()


class Stopwatch:
    """The wall time of a run, and the part of it the run spent on the store rather than on reading and
    extracting: opening it, asking what it holds, handing records to the writer and waiting for it to finish."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.store = 0.0

    @contextmanager
    def storing(self) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.store += time.perf_counter() - t0

    def report(self) -> dict[str, float]:
        return {"total": round(time.perf_counter() - self.start, 3), "storing": round(self.store, 3)}


class Ledger:
    """The items between the reader and the writer, in input order: those out for extraction (with their text's
    fingerprint, made for the near-duplicate check and handed on so that the writer need not make it again), and
    the progress of items that needed none. Consecutive items that needed no extraction take one entry, so the
    ledger stays as short as the extraction's read-ahead however many stored stories a rerun passes."""

    def __init__(self, writer, clock: Stopwatch | None = None) -> None:
        self.writer = writer
        self.clock = clock or Stopwatch()
        self._entries: deque[list[Any]] = deque()  # ["out", mark, fingerprint] or ["done", path, n, finished]

    def out(self, mark: tuple[str, int] | None, fingerprint: Any) -> None:
        self._entries.append(["out", mark, fingerprint])

    def done(self, path: str, n: int, finished: bool = False) -> None:
        last = self._entries[-1] if self._entries else None
        if last is not None and last[0] == "done" and last[1] == path:
            last[2], last[3] = n, finished
        else:
            self._entries.append(["done", path, n, finished])
        self._release()

    def _release(self) -> None:
        """Hand the writer the progress of the items that need nothing more."""
        while self._entries and self._entries[0][0] == "done":
            _, path, n, finished = self._entries.popleft()
            with self.clock.storing():
                self.writer.put_mark((path, n, finished))

    def stored(self, record: Packed) -> None:
        """The next extracted record, to the writer with the progress it completes (and the fingerprint of the text
        it was extracted from)."""
        _, mark, fingerprint = self._entries.popleft()  # the front is always out: done ones go at once
        with self.clock.storing():
            self.writer.put(record, fingerprint, (mark[0], mark[1], False) if mark else None)
        self._release()

    def finish(self) -> None:
        if self._entries:
            raise RuntimeError(f"{len(self._entries)} items were sent for extraction and never came back")


def tally(counts: dict[str, int], added: str) -> None:
    """Count what happened to one story (Store.add's answer); a near-duplicate is also one already stored."""
    if added == "duplicate":
        counts["stored"] += 1
        counts["duplicates"] += 1
    elif added in counts:
        counts[added] += 1


def not_stored(items: Iterable[Numbered | Article | EventwireError], store, ledger: Ledger, counts: dict[str, int],
               ) -> Iterator[Article | EventwireError]:
    """The items whose story the store does not hold yet, neither as the same text nor as a near-duplicate under
    another URL; those are recorded as sources of the stored story (through the writer) and never extracted.
    ``items`` are :func:`numbered` items, or bare items (re-extraction, stdin: no progress is kept)."""
    pending: list[tuple[Article | EventwireError, tuple[str, int] | None] | InputEnd] = []

    def check() -> Iterator[Article | EventwireError]:
        with ledger.clock.storing():
            articles = [e[0] for e in pending if isinstance(e, tuple) and isinstance(e[0], Article)]
            held = store.stored_ids([a.id for a in articles])
            fresh = {a.id: a for a in articles if a.id not in held}
            fingerprints = {i: neardup.fingerprint(a.text) for i, a in fresh.items()}
            twins = dict(zip(fresh, store.near_duplicates([(fingerprints[i], a.url) for i, a in fresh.items()]),
                             strict=True))
        for entry in pending:
            if isinstance(entry, InputEnd):
                ledger.done(entry.path, entry.items, True)
                continue
            item, mark = entry
            twin = None
            if isinstance(item, Article):
                twin = (item.id, 1.0) if item.id in held else twins[item.id]
            if twin is None:
                ledger.out(mark, fingerprints.get(item.id) if isinstance(item, Article) else None)
                yield item
                continue
            tally(counts, "stored" if twin[0] == item.id else "duplicate")
            with ledger.clock.storing():
                ledger.writer.put_copy(twin[0], item, twin[1])
            if mark is not None:
                ledger.done(*mark)
        pending.clear()

    for entry in items:
        pending.append(entry if isinstance(entry, tuple | InputEnd) else (entry, None))
        if len(pending) >= CHECK_BATCH:
            yield from check()
    yield from check()


def unchecked(items: Iterable[Article | EventwireError], ledger: Ledger) -> Iterator[Article | EventwireError]:
    """Every item out for extraction, none checked against the store (re-extraction of stored stories)."""
    for item in items:
        ledger.out(None, None)
        yield item
