"""Extraction in worker processes: records in input order, the same as in one process, and a story that kills its
worker fails alone while the run goes on."""

from __future__ import annotations

import json
import os

from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.errors import InputError
from eventwire.model import Article, InputRef
from eventwire.workers import Workers

from .store.conftest import jsonl, voa_lines
from .workers_helpers import KILL, echo_pipeline, pid_pipeline


def _article(i: int, text: str | None = None) -> Article:
    return Article(id=f"story{i:03d}", text=text or f"Story number {i} tells of something.",
                   input=InputRef(path="<test>", line=i))


def test_workers_are_recycled_after_so_many_stories_with_nothing_lost():
    """After ``recycle_after`` stories the pool is drained and replaced by fresh processes: every story comes back
    once, in order, and later stories are read by other processes than the first ones."""
    items = [_article(i) for i in range(40)]
    with Workers(2, factory=pid_pipeline, recycle_after=8) as workers:
        records = list(workers.process(iter(items)))
    assert [r.id for r in records] == [a.id for a in items]
    assert workers.recycled == 4 and workers.restarts == 0  # after stories 8, 16, 24 and 32
    pids = [r.unpack().metadata["pid"] for r in records]  # packed for the store: the record is its JSON
    first, last = set(pids[:8]), set(pids[-8:])
    assert first and last and not first & last


def test_records_come_back_in_input_order_with_errors_in_place():
    items = [_article(i) for i in range(23)]
    items.insert(5, InputError("not a story", source="<test>", line=99))
    with Workers(2, factory=echo_pipeline) as workers:
        records = list(workers.process(iter(items)))
    assert len(records) == 24
    assert records[5].id is None and records[5].errors[0].code == "input_error"
    assert [r.id for r in records if r.id] == [f"story{i:03d}" for i in range(23)]


def test_a_story_that_kills_its_worker_fails_alone():
    items = [_article(i) for i in range(20)]
    items[7] = _article(7, f"This story ends the process: {KILL}.")
    with Workers(2, factory=echo_pipeline) as workers:
        records = list(workers.process(iter(items)))
        assert workers.restarts >= 3  # the batch's death, then the story's two deaths alone
    assert [r.id for r in records] == [a.id for a in items]
    assert [r.id for r in records if r.errors] == ["story007"]
    (error,) = records[7].errors
    assert error.stage == "worker" and "died" in error.message


def test_ingest_with_two_workers_stores_what_one_process_stores(tmp_path):
    stories = jsonl(tmp_path / "five.jsonl", voa_lines(5))
    counts = {}
    for n in (1, 2):
        db = f"sqlite:///{tmp_path / f'w{n}.db'}"
        result = CliRunner().invoke(cli, ["ingest", str(stories), "--db", db, "--workers", str(n)],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        summary = json.loads(result.stderr.strip().splitlines()[-1])
        assert summary["text"] == "5 new, 0 already stored, 0 failed"
        assert 0 <= summary["seconds"]["storing"] <= summary["seconds"]["total"]
        query = CliRunner().invoke(cli, ["query", "--db", db, "--format", "jsonl", "--limit", "1000"])
        events = map(json.loads, query.stdout.splitlines())
        counts[n] = sorted((e["story_id"], e["type"], e["evidence"]) for e in events)
    assert counts[1] and counts[1] == counts[2]


def test_kill_minus_nine_leaves_no_worker_behind_and_a_rerun_finishes(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    import psutil

    from eventwire.store import Store

    # 40 stories, so that the kill comes mid-run: records reach the writer in input order, and a slow first batch
    # can release all that the workers hold at once (6 tasks of 4); the writer stores at most 16 a transaction.
    stories = jsonl(tmp_path / "forty.jsonl", voa_lines(40))
    db = f"sqlite:///{tmp_path / 'k.db'}"
    proc = subprocess.Popen([sys.executable, "-m", "eventwire", "ingest", str(stories), "--db", db, "-q",
                             "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    with Store.open(db) as store:
        while store.counts()["stories"] < 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        children = psutil.Process(proc.pid).children(recursive=True)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert store.counts()["stories"] < 40, "the run ended before the kill: the test proves nothing"
    assert len(children) >= 3  # two workers and the writer
    _, alive = psutil.wait_procs(children, timeout=30)
    assert not alive, f"left running after the parent died: {[p.cmdline()[-1] for p in alive]}"
    rerun = subprocess.run([sys.executable, "-m", "eventwire", "ingest", str(stories), "--db", db, "--workers", "2"],
                           capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    with Store.open(db) as store:
        assert store.counts()["stories"] == 40


def test_dask_local_cluster_extracts_in_order_and_survives_a_killing_story():
    import pytest

    pytest.importorskip("distributed")
    from eventwire.cluster import DaskWorkers

    items = [_article(i) for i in range(14)]
    items[3] = _article(3, f"This story ends the process: {KILL}.")
    items.insert(9, InputError("not a story", source="<test>", line=99))
    with DaskWorkers("local", 2, factory=echo_pipeline) as cluster:
        records = list(cluster.process(iter(items)))
        again = list(cluster.process(iter([_article(100)])))  # the cluster goes on after a death
        cluster.client.wait_for_workers(2, timeout=120)  # the nanny restarts the killed worker in its own time
        trim = cluster.client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_")  # glibc's own malloc thresholds
        quiet = cluster.client.run(_dask_setting, "distributed.worker.profile.enabled")  # no profiler to see
    assert [r.id for r in records] == [getattr(a, "id", None) for a in items]
    assert [r.id for r in records if r.errors and r.id] == ["story003"]
    assert records[3].errors[0].stage == "worker"
    assert records[9].errors[0].code == "input_error"
    assert again[0].id == "story100" and not again[0].errors
    assert list(trim.values()) == [None, None]
    assert list(quiet.values()) == [False, False]


def _dask_setting(key: str):
    import dask

    return dask.config.get(key)
