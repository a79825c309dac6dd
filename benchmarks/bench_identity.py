"""What identity resolution costs an ingest: one event per happening within a story, near-duplicate stories, actors
across stories and cross-story incidents, against the same ingest without them (issue: ingest within 10%).

Usage:
    python benchmarks/bench_identity.py /tmp/scale.jsonl [--stories 1000] [--group 8] [--json]

The stories (the first ``--stories`` of a scale corpus, scripts/scale_corpus.py) are read once by the pipeline in
this process, with the time spent in within-story identity (``merge_tellings``) and in the texts' MinHash
fingerprints counted apart; the records are then stored twice into fresh SQLite stores in groups of ``--group``
stories a transaction (as the ingest's writer does): once as shipped, counting the time spent in the near-duplicate
lookup, the actor registry and the incidents (linking and headline values), and once with those three left out.
With identity = extraction + fingerprints + the first store; without = extraction less ``merge_tellings`` + the
second store. The candidate lookup's query plan is printed, to show it reads an index range, not every event.
Not a test: timings vary by machine and by run, so nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


class Clock:
    """Seconds spent inside wrapped functions, by name (a wrapped call inside another counts in both)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)

    def wrap(self, owner, attribute: str, name: str, replace=None):
        original = getattr(owner, attribute)

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return (replace or original)(*args, **kwargs)
            finally:
                self.spent[name] += time.perf_counter() - start

        setattr(owner, attribute, timed)
        return original


def extract(path: str, stories: int, clock: Clock) -> tuple[list, float]:
    import eventwire.pipeline as pipeline_module
    from eventwire import neardup
    from eventwire.pipeline import Pipeline
    from eventwire.readers import read_inputs

    pipe = Pipeline()
    clock.wrap(pipeline_module, "merge_tellings", "within-story identity")
    items = list(islice(read_inputs([path]), stories))
    start = time.perf_counter()
    records = [r for r in pipe.process(items) if r.id is not None]
    extraction = time.perf_counter() - start
    start = time.perf_counter()
    prints = [neardup.fingerprint(r.text) for r in records]
    clock.spent["fingerprints"] += time.perf_counter() - start
    return list(zip(records, prints, strict=True)), extraction


def store_all(pairs: list, group: int, clock: Clock, identity: bool) -> float:
    from eventwire.store import Store, actors, incidents

    # (owner, attribute, what its time counts as, what it gives when left out)
    parts = [(incidents, "link", "incidents", set()), (incidents, "refresh", "incidents", None),
             (actors, "resolve", "actor registry", {}), (Store, "_near_duplicate", "near-duplicate lookup", None)]
    saved = [(owner, attribute, clock.wrap(owner, attribute, name if identity else "-",
                                           None if identity else lambda *a, _v=value, **k: _v))
             for owner, attribute, name, value in parts]
    try:
        with tempfile.TemporaryDirectory() as tmp, Store.open(f"{tmp}/identity.db") as store:
            store.seed_actors()
            start = time.perf_counter()
            for i in range(0, len(pairs), group):
                store.add_many(pairs[i:i + group])
            spent = time.perf_counter() - start
            if identity:
                print(query_plan(store), file=sys.stderr)
            return spent
    finally:
        for owner, attribute, original in saved:
            setattr(owner, attribute, original)


def query_plan(store) -> str:
    """SQLite's plan for the candidate lookup of one event: an index range of ix_events_live_type."""
    from eventwire.store import incidents

    with store.engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT story_id, type, date_start, country, date_granularity FROM events WHERE "
                                   "date_start IS NOT NULL AND date_granularity = 'day' LIMIT 1").mappings().first()
        if row is None:
            return "no dated event to plan a lookup for"
        captured = []
        original = conn.execute

        def capture(statement, *args, **kwargs):
            captured.append(statement)
            return original(statement, *args, **kwargs)

        conn.execute = capture
        incidents._candidates(conn, [dict(row)])
        conn.execute = original
        compiled = captured[0].compile(conn, compile_kwargs={"literal_binds": True})
        plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").all()
        return "candidate lookup plan: " + "; ".join(str(p[-1]) for p in plan)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--stories", type=int, default=1000)
    ap.add_argument("--group", type=int, default=8, help="stories a transaction (the writer's group)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    clock = Clock()
    pairs, extraction = extract(args.corpus, args.stories, clock)
    with_store = store_all(pairs, args.group, clock, identity=True)
    without_store = store_all(pairs, args.group, clock, identity=False)
    within = clock.spent["within-story identity"]
    with_identity = extraction + clock.spent["fingerprints"] + with_store
    without_identity = extraction - within + without_store
    out = {
        "stories": len(pairs),
        "extraction_s": round(extraction, 2),
        "store_s": {"with_identity": round(with_store, 2), "without": round(without_store, 2)},
        "identity_s": {name: round(s, 2) for name, s in sorted(clock.spent.items()) if name != "-"},
        "ingest_s": {"with_identity": round(with_identity, 2), "without": round(without_identity, 2)},
        "slowdown": round(with_identity / without_identity - 1, 4),
    }
    if args.json:
        print(json.dumps(out))
    else:
        print(f"{out['stories']} stories: ingest {with_identity:.1f} s with identity, {without_identity:.1f} s "
              f"without ({out['slowdown']:+.1%}; target within +10%)")
        for name, spent in out["identity_s"].items():
            print(f"  {name:24} {spent:7.2f} s")
        print(f"  store: {with_store:.2f} s with identity, {without_store:.2f} s without")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
