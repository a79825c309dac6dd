"""eventwire ingest, query and export from the command line: idempotent runs, bad inputs, kill -9 and two writers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import psutil
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.store import Store

from .conftest import jsonl, voa_lines


def _summary(stderr: str) -> dict:
    return json.loads([line for line in stderr.splitlines() if line.startswith('{"summary"')][-1])


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_ingest_twice_adds_nothing_the_second_time(db_url, tmp_path, pipeline, monkeypatch):
    monkeypatch.setattr("eventwire.load_pipeline", lambda min_confidence=None: pipeline)
    stories = jsonl(tmp_path / "four.jsonl", voa_lines(4))
    first = _run("ingest", str(stories), "--db", db_url)
    assert first.exit_code == 0, first.stderr
    assert _summary(first.stderr)["text"] == "4 new, 0 already stored, 0 failed"
    again = _run("ingest", str(stories), "--db", db_url)
    assert _summary(again.stderr)["text"] == "0 new, 4 already stored, 0 failed"
    with Store.open(db_url) as store:
        assert store.counts()["stories"] == 4


def test_bad_inputs_are_recorded_and_the_batch_goes_on(db_url, tmp_path, pipeline, monkeypatch):
    monkeypatch.setattr("eventwire.load_pipeline", lambda min_confidence=None: pipeline)
    stories = jsonl(tmp_path / "mixed.jsonl", [voa_lines(1)[0], "{not json", json.dumps({"text": ""}),
                                               voa_lines(1, start=1)[0]])
    result = _run("ingest", str(stories), str(tmp_path / "missing.txt"), "--db", db_url)
    assert result.exit_code == 1
    summary = _summary(result.stderr)["summary"]
    assert summary["new"] == 2 and summary["failed"] == 3
    errors = [json.loads(line) for line in result.stderr.splitlines() if line.startswith('{"code"')]
    assert {e["code"] for e in errors} >= {"malformed_input", "missing_path"}
    with Store.open(db_url) as store:
        assert store.counts()["stories"] == 2
        assert store.counts()["failures"] == 3


def test_query_and_export_read_what_ingest_wrote(filled, db_url, tmp_path):
    result = _run("query", "--db", db_url, "--format", "jsonl", "--limit", "5")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 5 and all("evidence" in e for e in lines)
    table = _run("query", "--db", db_url, "--format", "table", "--limit", "3")
    assert "events" in table.stdout
    csv_out = _run("query", "--db", db_url, "--format", "csv", "--limit", "3")
    assert csv_out.stdout.splitlines()[0].startswith("id,date_start,type")
    bad = _run("query", "--db", db_url, "--country", "Nigeria")
    assert bad.exit_code == 2 and "country" in bad.stderr
    out = tmp_path / "events.csv"
    done = _run("export", "--db", db_url, "--format", "acled-csv", "-o", str(out))
    assert done.exit_code == 0 and _summary(done.stderr)["summary"]["events"] == filled.counts()["events"]


def test_query_without_a_store_says_so(tmp_path):
    result = _run("query", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1 and "no store" in result.stderr


def _eventwire(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "eventwire", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, **kw)


def _consistent(store: Store) -> None:
    """Every stored story has exactly the events its record lists: nothing half-written."""
    with store.engine.connect() as conn:
        from sqlalchemy import func, select

        from eventwire.store.schema import events

        per_story = dict(conn.execute(select(events.c.story_id, func.count()).group_by(events.c.story_id)).all())
    for record in store.records():
        assert per_story.get(record.id, 0) == len(record.events)


def test_kill_minus_nine_then_rerun_stores_each_story_once(db_url, tmp_path):
    # 40 stories, so that the kill comes mid-run: records reach the writer in input order, and a slow first batch
    # can release all that the workers hold at once (3 tasks of 4 a worker); the writer stores at most 16 at a time.
    stories = jsonl(tmp_path / "forty.jsonl", voa_lines(40))
    proc = _eventwire("ingest", str(stories), "--db", db_url, "-q")
    deadline = time.monotonic() + 300
    with Store.open(db_url) as store:
        while store.counts()["stories"] < 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        writer = psutil.Process(proc.pid).children()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        psutil.wait_procs(writer, timeout=30)  # it may commit the story it holds, then stores no more
        assert store.counts()["stories"] < 40, "the run ended before the kill: the test proves nothing"
        _consistent(store)
        stored_before = store.counts()["stories"]
        (killed,) = store.runs()
        assert killed["status"] == "running"
    rerun = _eventwire("ingest", str(stories), "--db", db_url)
    _, stderr = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, stderr
    summary = _summary(stderr)
    assert summary["run"] == killed["id"] and summary["resumed"] is True
    assert summary["summary"]["new"] == 40 - stored_before  # each story stored once, nothing lost
    with Store.open(db_url) as store:
        assert store.counts()["stories"] == 40
        _consistent(store)
        (run,) = store.runs()
        assert run["status"] == "done" and run["inputs_finished"] == 1 and run["items_done"] == 40


def test_resume_by_run_id_reads_nothing_twice(db_url, tmp_path, pipeline, monkeypatch):
    """A run whose progress says its first items are stored goes on from the next one (--resume RUN, no inputs)."""
    monkeypatch.setattr("eventwire.load_pipeline", lambda min_confidence=None: pipeline)
    stories = jsonl(tmp_path / "five.jsonl", voa_lines(5))
    with Store.open(db_url) as store:  # as if a run had stored three stories and then been killed
        run_id, resumed, _ = store.start_run({"paths": [str(stories)], "input_format": None,
                                              "max_bytes": 5_000_000})
        store.record_progress(run_id, {str(stories): (3, False)})
    assert not resumed
    result = _run("ingest", "--resume", str(run_id), "--db", db_url)
    assert result.exit_code == 0, result.stderr
    summary = _summary(result.stderr)
    assert (summary["run"], summary["resumed"]) == (run_id, True)
    assert summary["text"] == "2 new, 0 already stored, 0 failed"  # items 4 and 5 only
    with Store.open(db_url) as store:
        assert store.runs()[0]["items_done"] == 5
    assert _run("ingest", "--resume", "999", "--db", db_url).exit_code == 2
    listed = _run("runs", "--db", db_url, "--format", "json")
    assert listed.exit_code == 0, listed.stderr
    (run,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert (run["id"], run["status"], run["items_done"], run["inputs_finished"]) == (run_id, "done", 5, 1)
    assert "done" in _run("runs", "--db", db_url, "--format", "table").stdout


def test_two_ingests_into_one_store_at_once(db_url, tmp_path):
    a = jsonl(tmp_path / "a.jsonl", voa_lines(5))
    b = jsonl(tmp_path / "b.jsonl", voa_lines(5, start=3))  # two stories in both
    runs = [_eventwire("ingest", str(p), "--db", db_url) for p in (a, b)]
    for run in runs:
        _, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr
    with Store.open(db_url) as store:
        assert store.counts()["stories"] == 8
        _consistent(store)


def test_reprocess_re_extracts_stale_stories(db_url, tmp_path, pipeline, monkeypatch):
    monkeypatch.setattr("eventwire.load_pipeline", lambda min_confidence=None: pipeline)
    stories = jsonl(tmp_path / "two.jsonl", voa_lines(2))
    _run("ingest", str(stories), "--db", db_url)
    with Store.open(db_url) as store:
        from sqlalchemy import update

        from eventwire.store.schema import stories as table

        with store.writer.begin() as conn:
            conn.execute(update(table).values(pipeline_hash="old"))
        before = store.counts()
    result = _run("ingest", "--reprocess", "--db", db_url)
    assert result.exit_code == 0
    assert _summary(result.stderr)["summary"]["replaced"] == 2
    with Store.open(db_url) as store:
        assert store.counts() == before
    assert _summary(_run("ingest", "--reprocess", "--db", db_url).stderr)["summary"]["replaced"] == 0


def test_ingest_needs_inputs():
    result = _run("ingest")
    assert result.exit_code == 2
