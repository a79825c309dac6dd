"""Extraction on a Dask distributed cluster (``eventwire ingest --dask ADDRESS``, or ``--dask local``).

A :class:`PipelinePlugin` (a ``WorkerPlugin``) loads the pipeline once in every worker, when the worker joins; tasks
are :func:`extract_batch` on a few stories, defined here in the package so that they pickle by name (a function
defined in ``__main__`` is pickled by value and would drag the model along with it). Batches are streamed: at most
a few per worker are out at a time, as with local workers (:mod:`eventwire.workers`), and records come back to the
client in input order. The client stores them through its one writer process: see docs/deploy.md for why the
workers do not write to the store themselves.

A worker that dies takes its running task with it; the scheduler gives the task to another worker, and after
``distributed.scheduler.allowed-failures`` deaths (the client sets 1 for a local cluster) gives it up: its stories
are then sent again one at a time, and a story that kills two workers alone becomes a ``worker`` error while the
run goes on. ``dask[distributed]`` is an optional extra: ``pip install 'eventwire[dask]'``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from .errors import ConfigError, EventwireError
from .model import Article
from .packed import Packed, pack
from .workers import _Window, default_pipeline

PLUGIN = "eventwire-pipeline"
KEEP_MALLOC = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
"""Dask configuration that leaves glibc's malloc thresholds alone in the workers a nanny starts (deploy/dask.yaml
says the same for a cluster of your own)."""
QUIET = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
         "distributed.worker.memory.monitor-interval": "1s", "distributed.admin.system-monitor.interval": "5s"}
"""A local cluster's diagnostics, which no one sees (it has no dashboard), made rare: the workers' statistical
profiler (a sample every 10 ms), the event loops' tick (every 20 ms) and the memory and system monitors (every
100 and 500 ms) each wake a thread that takes the interpreter from the task's. Over the same 500 stories, two
alternated pairs: the workers' CPU 27-28 s against 28-31 s, the client's 4.0-4.2 s against 5.0-5.2 s
(docs/benchmarks.md#scale). Set around the cluster's start, and given to its nannies as a copy: a nanny starts a
worker again (after a death) with the configuration it was given, which would otherwise be a view of the global one,
back to Dask's defaults by then."""

try:
    from distributed import Client, LocalCluster, get_worker
    from distributed.diagnostics.plugin import WorkerPlugin
    from distributed.scheduler import KilledWorker
except ImportError:  # the optional extra is not installed: DaskWorkers says so when asked for
    Client = LocalCluster = get_worker = KilledWorker = None  # type: ignore[assignment,misc]
    WorkerPlugin = object  # type: ignore[assignment,misc]


class PipelinePlugin(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads the pipeline once per worker (the tasks find it on the worker by the plugin's name)."""

    name = PLUGIN
    idempotent = True

    def __init__(self, factory: Callable[[float | None], Any], time_budget: float | None) -> None:
        self.factory, self.time_budget = factory, time_budget
        self.pipeline: Any = None

    def setup(self, worker) -> None:
        self.pipeline = self.factory(self.time_budget)


def extract_batch(batch: list[Article]) -> list[Packed]:
    """A task: the records of a few stories, from the worker's own pipeline, packed for the store."""
    return [pack(record) for record in get_worker().plugins[PLUGIN].pipeline.process(batch)]


class DaskWorkers(_Window):
    """Extraction on the Dask cluster at ``address`` (``tcp://host:8786``), or on a new ``LocalCluster`` of ``n``
    single-threaded worker processes for ``"local"``."""

    def __init__(self, address: str, n: int = 2, *, time_budget: float | None = None,
                 factory: Callable[[float | None], Any] = default_pipeline) -> None:
        if Client is None:
            raise ConfigError("--dask needs Dask: pip install 'eventwire[dask]'")
        import dask

        self.lost = (KilledWorker,)
        self.cluster = None
        if address == "local":
            # Dask's nanny sets MALLOC_TRIM_THRESHOLD_ in its workers, which fixes glibc's malloc thresholds: every
            # large array the parse makes is then a fresh mmap, and a worker spent a fifth more CPU than a local one
            # (docs/deploy.md). eventwire's workers keep glibc's own thresholds, and their diagnostics are rare.
            with dask.config.set({"distributed.scheduler.allowed-failures": 1, **KEEP_MALLOC, **QUIET}):
                self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                            dashboard_address=None, host="127.0.0.1",
                                            config=dask.config.merge(dask.config.config))  # a copy, not a view
            self.client = Client(self.cluster)
        else:
            self.client = Client(address, timeout=30)
        self.client.register_plugin(PipelinePlugin(factory, time_budget))
        self.n = max(1, len(self.client.scheduler_info().get("workers", {})) or n)

    def _submit(self, batch: list[Article]) -> Any:
        return self.client.submit(extract_batch, batch, pure=False)

    def _after_loss(self, out: deque) -> list[Article | EventwireError]:
        # Only the task that was given up is lost; the others are still running or done elsewhere.
        items, _ = out.popleft()
        self.restarts += 1
        return items

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
