"""Extraction in worker processes: each loads the pipeline once, stories go to them in small batches, and records
come back in input order, packed for the store (:class:`eventwire.packed.Packed`: the record's JSON, its id and
errors; ``unpack()`` gives the record).

    with Workers(2) as workers:
        for packed in workers.process(read_inputs(["stories/"])):
            ...

At most a few batches per worker are out at a time, so a reader of a 5 GB file is never read ahead of the workers
by more than that. A worker that dies (killed, out of memory, a crash in compiled code) takes its batch with it: the
stories that were out are read again one at a time in a new worker, and a story that kills a worker twice becomes a
``worker`` error of its own while the run goes on. Errors the pipeline catches (a parse failure, the time budget)
are the records' own, as in one process.

Workers are started with ``spawn``: a fresh interpreter, no inherited connections, no copy of the parent's model.
``factory`` (a module-level function, so that it pickles by name) makes each worker's pipeline; the default loads
eventwire's.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .errors import EventwireError, ProcessingError
from .model import Article
from .packed import Packed, pack
from .records import failure_record, to_record

log = logging.getLogger(__name__)

BATCH = 4
"""Stories per task: enough for the parser's batching to help, few enough that a dead worker loses little."""
IN_FLIGHT = 3
"""Tasks out per worker: one at work, the next ones waiting, so no worker idles while the parent reads."""
ATTEMPTS = 2
"""Times a story may kill a worker before it is given up as failed."""
RECYCLE_AFTER = 10_000
"""Stories after which local workers are replaced by fresh ones: a worker's memory grows slowly with the words it
has seen (spaCy's string store keeps them all; +28% from 10,000 to 100,000 stories), and a fresh pipeline starts
from the same size again. The pool is drained first, so no story is in flight. (Not the pool's own
``max_tasks_per_child``: it deadlocks on Python 3.11 to 3.13, cpython issue 115634.)"""

_pipeline: Any = None


def default_pipeline(time_budget: float | None, min_confidence: float | None = None) -> Any:
    """The default pipeline with a time budget (and the happening model's cut: ``functools.partial`` it in)."""
    from . import load_pipeline

    pipeline = load_pipeline(min_confidence)
    pipeline.time_budget = time_budget
    return pipeline


def _start(factory: Callable[[float | None], Any], time_budget: float | None, parent: int) -> None:
    global _pipeline
    watch_parent(parent)
    _pipeline = factory(time_budget)


def watch_parent(parent: int) -> None:
    """End this child process within a second of its parent's end, whatever it is doing. A parent killed with
    ``kill -9`` can die halfway through sending a message, and a child reading from a queue would then wait for the
    rest forever: no timeout covers a message already begun."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="eventwire-parent-watch", daemon=True).start()


def _run(batch: list[Article]) -> list[Packed]:
    return [pack(record) for record in _pipeline.process(batch)]


def _died(article: Article) -> Packed:
    return pack(to_record(article, errors=[ProcessingError(
        f"the worker process died {ATTEMPTS} times on this story (killed, out of memory, or a crash in compiled "
        "code); it was left out. If nothing killed the workers, this is a bug: please report it with the input.",
        source=article.input.path, line=article.input.line, stage="worker")]))


class _Window:
    """The order-keeping, bounded submission both back ends share: batches out, records back in input order, and
    stories whose worker died read again one at a time. A back end says how to submit, which exception means a dead
    worker, which tasks a death takes with it, and how to start afresh."""

    n: int
    lost: tuple[type[BaseException], ...] = ()
    restarts = 0
    recycle_after: int | None = None
    recycled = 0

    def _submit(self, batch: list[Article]) -> Any:
        raise NotImplementedError

    def _after_loss(self, out: deque) -> list[Article | EventwireError]:
        """The items to read again after the oldest task's worker died (and out holds only what goes on)."""
        raise NotImplementedError

    def _recycle(self) -> None:
        """Replace the workers by fresh ones (nothing is in flight)."""

    def process(self, items: Iterable[Article | EventwireError]) -> Iterator[Packed]:
        """One packed record per item, in input order (an error item becomes its error record without visiting a
        worker)."""
        out: deque[tuple[list[Article | EventwireError], Any]] = deque()
        batch: list[Article | EventwireError] = []
        sent = 0  # stories sent to the workers since they were started

        def send() -> None:
            nonlocal sent
            articles = [a for a in batch if isinstance(a, Article)]
            out.append((list(batch), self._submit(articles) if articles else None))
            sent += len(articles)
            batch.clear()

        for item in items:
            batch.append(item)
            if len(batch) >= BATCH:
                if self.recycle_after and sent >= self.recycle_after:  # fresh workers for the stories to come
                    while out:
                        yield from self._take(out)
                    self._recycle()
                    self.recycled += 1
                    sent = 0
                send()
                while len(out) >= self.n * IN_FLIGHT:
                    yield from self._take(out)
        if batch:
            send()
        while out:
            yield from self._take(out)

    def _take(self, out: deque) -> Iterator[Packed]:
        items, future = out[0]
        try:
            records = iter(future.result() if future is not None else [])
        except self.lost:
            suspects = self._after_loss(out)
            log.warning("a worker died; reading %d stories again, one at a time", len(suspects))
            yield from self._one_by_one(suspects)
            return
        out.popleft()
        for item in items:
            yield pack(failure_record(item)) if not isinstance(item, Article) else next(records)

    def _one_by_one(self, items: list[Article | EventwireError]) -> Iterator[Packed]:
        """Each story alone, so that a death is the story's own; a story that kills ``ATTEMPTS`` workers is given
        up."""
        for item in items:
            if not isinstance(item, Article):
                yield pack(failure_record(item))
                continue
            for attempt in range(1, ATTEMPTS + 1):
                try:
                    (record,) = self._submit([item]).result()
                except self.lost:
                    self._lost_alone()
                    if attempt == ATTEMPTS:
                        yield _died(item)
                    continue
                yield record
                break

    def _lost_alone(self) -> None:
        """After a task of one story lost its worker."""

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        raise NotImplementedError


class Workers(_Window):
    """``n`` local worker processes, each with its own pipeline. Use as a context manager, or call :meth:`close`."""

    lost = (BrokenProcessPool,)

    def __init__(self, n: int, *, time_budget: float | None = None,
                 factory: Callable[[float | None], Any] = default_pipeline,
                 recycle_after: int | None = RECYCLE_AFTER) -> None:
        if n < 1:
            raise ValueError("at least one worker")
        self.n = n
        self.recycle_after = recycle_after
        self._init = (factory, time_budget, os.getpid())
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.n, mp_context=mp.get_context("spawn"), initializer=_start,
                                   initargs=self._init)

    def _restart(self) -> None:
        self._recycle()
        self.restarts += 1

    def _recycle(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._new_pool()

    def _submit(self, batch: list[Article]) -> Future:
        return self._pool.submit(_run, batch)

    def _after_loss(self, out: deque) -> list[Article | EventwireError]:
        # A broken pool fails every task it holds, and cannot tell whose story killed it: all are suspects.
        suspects = [it for its, _ in out for it in its]
        out.clear()
        self._restart()
        return suspects

    def _lost_alone(self) -> None:
        self._restart()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
