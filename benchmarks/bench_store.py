"""Store and service figures: what storing adds to extraction, query latency on a large store, requests per second,
the map page's render time, and store size.

Usage:
    python benchmarks/bench_store.py [--events 1000000] [--map-events 100000] [--postgres URL] [--json]
    python benchmarks/bench_store.py --only-wall [--wall-rounds 5] [--wall-input PATH]... [--postgres URL]

The large stores are generated from real records: the bundled 90 example stories are extracted once, then copied
under new ids with dates shifted by whole weeks and places moved by up to a degree, until the store holds the
asked number of events (events, their parties and the stories' text; no entities, places or quotes, which no event
query reads). Not a test: timings vary by machine, so nothing here asserts. Load is on 127.0.0.1 only, bounded in
count and time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def extract_examples():
    from eventwire.pipeline import Pipeline
    from eventwire.readers import read_inputs

    pipeline = Pipeline()
    articles = list(read_inputs([str(EXAMPLES)]))
    list(pipeline.process(articles[:5]))  # warm up
    t0 = time.perf_counter()
    records = list(pipeline.process(articles))
    return records, time.perf_counter() - t0


def time_storing(records, url: str) -> tuple[float, int]:
    """Seconds to store ``records`` (one transaction each), and the bytes they added to the store."""
    from eventwire.store import Store

    with Store.open(url) as store:
        empty = db_size(url)
        t0 = time.perf_counter()
        for r in records:
            store.add(r)
        store.analyze()
        return time.perf_counter() - t0, db_size(url) - empty


def wall_overhead(inputs: list[str], url_for, rounds: int) -> dict:
    """What storing adds to the wall time of a run, from the command line as a user runs it: ``eventwire extract
    INPUTS -o /dev/null`` against ``eventwire ingest INPUTS --workers 1`` (extraction in the command's process, as
    ``extract`` does) into a new store, in ``rounds`` interleaved pairs. This machine's speed drifts by 10% between
    runs of one command, more than the effect, so each ingest also reports the seconds it spent on the store (its
    summary's ``storing``: opening it, the checks before extraction, handing records over, waiting at the end), set
    against the rest of its run. Reports both, per pair and their medians."""
    cli = [sys.executable, "-m", "eventwire"]

    def run(args: list[str]) -> tuple[float, str]:
        t0 = time.perf_counter()
        done = subprocess.run(cli + args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        return time.perf_counter() - t0, done.stderr

    pairs = []
    for k in range(rounds):
        extract, _ = run(["extract", "-q", *inputs, "-o", os.devnull])
        ingest, stderr = run(["ingest", *inputs, "--db", url_for(f"wall{k}"), "--workers", "1"])
        seconds = json.loads(stderr.strip().splitlines()[-1])["seconds"]
        pairs.append({"extract_s": round(extract, 2), "ingest_s": round(ingest, 2),
                      "overhead_pct": round(100 * (ingest / extract - 1), 1),
                      "storing_s": seconds["storing"],
                      "storing_pct": round(100 * seconds["storing"] / (seconds["total"] - seconds["storing"]), 1)})
    return {"inputs": inputs, "pairs": pairs,
            "median_overhead_pct": statistics.median(p["overhead_pct"] for p in pairs),
            "median_storing_pct": statistics.median(p["storing_pct"] for p in pairs)}


def _shift(day: str | None, weeks: int) -> str | None:
    if not day or len(day) != 10:
        return day
    return (date.fromisoformat(day) + timedelta(weeks=weeks)).isoformat()


def generate(records, url: str, n_events: int, batch: int = 20_000) -> dict:
    """A store of about ``n_events`` events made from ``records`` (see the module's docstring)."""
    from sqlalchemy import func, insert, select

    from eventwire import __version__
    from eventwire.provenance import pipeline_hash
    from eventwire.store import Store
    from eventwire.store.rows import event_row, party_rows, scrub, story_row
    from eventwire.store.schema import event_parties, events, stories

    rng = random.Random(7)
    base = []
    for r in records:
        ents, places = {e.id: e for e in r.entities}, {p.id: p for p in r.places}
        base.append((story_row(r, version=__version__, pipeline_hash=pipeline_hash(), now="2026-01-01T00:00:00"),
                     [(scrub(event_row(r, e, ents, places)), party_rows(e, ents)) for e in r.events]))
    per_copy = sum(len(evs) for _, evs in base)
    copies = max(1, round(n_events / per_copy))
    t0 = time.perf_counter()
    with Store.open(url) as store, store.writer.begin() as conn:
        seq = conn.execute(select(func.coalesce(func.max(events.c.seq), 0))).scalar_one()
        s_rows, e_rows, p_rows = [], [], []

        def flush():
            for table, rows in ((stories, s_rows), (events, e_rows), (event_parties, p_rows)):
                if rows:
                    conn.execute(insert(table), rows)
                    rows.clear()

        for k in range(copies):
            for story, evs in base:
                sid = hashlib.sha256(f"{story['id']}:{k}".encode()).hexdigest()[:16]
                s_rows.append({**story, "id": sid, "url": f"{story['url']}#copy{k}" if story["url"] else None,
                               "record_z": zlib.compress(json.dumps({"id": sid, "copy_of": story["id"]}).encode())})
                dlat, dlon = rng.uniform(-1, 1), rng.uniform(-1, 1)
                for ev, parties in evs:
                    seq += 1
                    row = {**ev, "seq": seq, "id": f"{sid}:{ev['id'].split(':')[1]}", "story_id": sid,
                           "date_start": _shift(ev["date_start"], k), "date_end": _shift(ev["date_end"], k)}
                    row["date_key"] = row["date_start"] or ""
                    if row["lat"] is not None:
                        row["lat"] = max(-89.9, min(89.9, row["lat"] + dlat))
                        row["lon"] = ((row["lon"] + dlon + 180) % 360) - 180
                    e_rows.append(row)
                    p_rows += [{**p, "event_seq": seq} for p in parties]
                if len(e_rows) >= batch:
                    flush()
        flush()
    with Store.open(url) as store:
        store.analyze()
    return {"events": copies * per_copy, "stories": copies * len(base), "seconds": time.perf_counter() - t0}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``eventwire serve`` in a subprocess (one uvicorn worker)."""

    def __init__(self, url: str) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", url, "--port",
                                      str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        import httpx

        for _ in range(200):
            try:
                httpx.get(self.base + "/healthz", timeout=2)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def latency(server: Server, paths: list[str], rounds: int = 3) -> dict:
    """Milliseconds per request: ``uncached`` (each request made distinct by an extra parameter the API ignores, so
    the response cache cannot answer) and ``cached`` (the same URLs again)."""
    import httpx

    def summary(times: list[float]) -> dict:
        times.sort()
        return {"n": len(times), "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1), "max_ms": round(times[-1], 1)}

    out: dict[str, list[float]] = {"uncached": [], "cached": []}
    with httpx.Client(base_url=server.base, timeout=30) as client:
        for path in paths[:20]:
            client.get(f"{path}&warm=1")
        for r in range(rounds):
            for i, path in enumerate(paths):
                for kind, url in (("uncached", f"{path}&nocache={r}-{i}"), ("cached", path)):
                    t0 = time.perf_counter()
                    resp = client.get(url)
                    out[kind].append((time.perf_counter() - t0) * 1000)
                    assert resp.status_code == 200, (url, resp.status_code, resp.text[:200])
    return {kind: summary(times) for kind, times in out.items()}


def three_filter_paths(url: str, n: int = 100) -> list[str]:
    """``/api/events?limit=100`` with a type, a country and a since date that occur together in the store."""
    from sqlalchemy import func, select

    from eventwire.store import Store
    from eventwire.store.schema import events

    with Store.open(url) as store, store.engine.connect() as conn:
        combos = conn.execute(select(events.c.type, events.c.country, func.min(events.c.date_start),
                                     func.max(events.c.date_start), func.count())
                              .where(events.c.country.is_not(None), events.c.date_start.is_not(None))
                              .group_by(events.c.type, events.c.country).order_by(func.count().desc())
                              .limit(40)).all()
    rng = random.Random(3)
    paths = []
    for i in range(n):
        kind, country, first, last, _ = combos[i % len(combos)]
        a, b = date.fromisoformat(first), date.fromisoformat(last)
        since = a + timedelta(days=rng.randint(0, max(0, (b - a).days)))
        paths.append(f"/api/events?limit=100&type={kind}&country={country}&since={since.isoformat()}")
    return paths


def wrk(server: Server, path: str, seconds: int = 10) -> dict | None:
    if not shutil.which("wrk"):
        return None
    out = subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", server.base + path],
                         capture_output=True, text=True, timeout=seconds + 30).stdout
    rps = next((float(line.split()[1]) for line in out.splitlines() if line.startswith("Requests/sec")), None)
    errors = next((line.strip() for line in out.splitlines() if "Non-2xx" in line or "Socket errors" in line), "")
    return {"requests_per_s": rps, "path": path, "errors": errors}


def map_render(url: str) -> dict | None:
    chromium = os.environ.get("EVENTWIRE_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        return None
    from playwright.sync_api import sync_playwright

    server = Server(url)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=[
                "--headless=new", "--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"])
            page = browser.new_page(viewport={"width": 1400, "height": 850})
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                page.goto(server.base + "/")
                page.wait_for_function("document.body.dataset.ready === '1'", timeout=60_000)
                times.append(time.perf_counter() - t0)
            status = page.inner_text("#status")
            browser.close()
    finally:
        server.stop()
    return {"seconds_best": round(min(times), 2), "seconds_all": [round(t, 2) for t in times], "status": status}


def db_size(url: str) -> int:
    """Bytes on disk: the SQLite file after a checkpoint (no WAL), or PostgreSQL's database size."""
    from sqlalchemy import text

    from eventwire.store import Store

    with Store.open(url) as store:
        if url.startswith("sqlite:///"):
            with store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            path = Path(url.removeprefix("sqlite:///"))
            return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
        with store.engine.connect() as conn:
            return conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()


def fresh_postgres(server_url: str, name: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from eventwire.store import store_url

    server = make_url(store_url(server_url))
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


def bench_backend(label: str, url_for, records, extract_s: float, args) -> dict:
    out: dict = {}
    if args.wall_rounds:
        out["wall"] = wall_overhead(args.wall_input or [str(EXAMPLES)], url_for, args.wall_rounds)
        if args.only_wall:
            print(f"[{label}] {json.dumps(out)}", file=sys.stderr)
            return out
    seconds, added = time_storing(records, url_for("small"))
    out["store_seconds"] = round(seconds, 2)
    out["store_overhead_pct"] = round(100 * seconds / extract_s, 1)
    out["bytes_per_1000_stories"] = round(added * 1000 / len(records))
    big = url_for("big")
    out["generated"] = generate(records, big, args.events)
    out["bytes_per_1000_stories_large"] = round(db_size(big) * 1000 / out["generated"]["stories"])
    server = Server(big)
    try:
        out["events_3_filters"] = latency(server, three_filter_paths(big))
        out["stats_by_day"] = latency(server, ["/api/stats?by=day"], rounds=30)
        out["stats_by_day_filtered"] = latency(server, [p.replace("/api/events?limit=100", "/api/stats?by=day")
                                                        for p in three_filter_paths(big, 30)])
        out["stats_by_week_filtered"] = latency(server, [p.replace("/api/events?limit=100", "/api/stats?by=week")
                                                         for p in three_filter_paths(big, 30)])
        out["wrk_cached"] = wrk(server, three_filter_paths(big, 1)[0])
    finally:
        server.stop()
    print(f"[{label}] {json.dumps(out)}", file=sys.stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the large store")
    parser.add_argument("--map-events", type=int, default=100_000, help="events in the map page's store")
    parser.add_argument("--postgres", default=os.environ.get("EVENTWIRE_TEST_POSTGRES_URL"),
                        help="a PostgreSQL server to measure too (a scratch database is made on it)")
    parser.add_argument("--wall-rounds", type=int, default=5,
                        help="pairs of extract and ingest runs timed from the command line (0: none)")
    parser.add_argument("--wall-input", action="append", metavar="PATH",
                        help="what those runs read (default: the bundled examples); may be repeated")
    parser.add_argument("--only-wall", action="store_true", help="measure only what storing adds to a run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    records, extract_s = extract_examples() if not args.only_wall else ([], 0.0)
    figures: dict = {"stories": len(records), "events": sum(len(r.events) for r in records),
                     "extract_seconds": round(extract_s, 2)}
    with tempfile.TemporaryDirectory() as tmp:
        figures["sqlite"] = bench_backend("sqlite", lambda name: f"sqlite:///{tmp}/{name}.db", records, extract_s,
                                          args)
        if args.only_wall:
            if args.postgres:
                figures["postgresql"] = bench_backend(
                    "postgresql", lambda name: fresh_postgres(args.postgres, f"ew_bench_{name}"), records, extract_s,
                    args)
            print(json.dumps(figures, indent=None if args.json else 2))
            return
        map_url = f"sqlite:///{tmp}/map.db"
        figures["map_store"] = generate(records, map_url, args.map_events)
        figures["map_render"] = map_render(map_url)
    if args.postgres:
        figures["postgresql"] = bench_backend(
            "postgresql", lambda name: fresh_postgres(args.postgres, f"ew_bench_{name}"), records, extract_s, args)
    print(json.dumps(figures, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
