"""The ingest writer's memory over many stories: the real writer process (eventwire.store.writer.Writer) fed the
records of a store again and again, each pass under new ids and URLs, and its resident memory read as it goes.

Usage:
    eventwire ingest /tmp/scale.jsonl --db /tmp/full.db          # the records to feed (any store)
    python benchmarks/bench_writer_memory.py /tmp/full.db --passes 12 [--dense] [--db sqlite:////tmp/wm.db]

Each pass after the first shifts every date of every record by 40 days a pass (``--dense``: not at all, so that each
pass lands on the same days and every event's cross-story candidates grow with every pass), and salts the records'
near-duplicate signatures, so that no pass is taken for a copy of another and every story is stored as new. The
records are fed as fast as the writer takes them: a writer that is behind, as at the limit of a cluster.
Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
import tempfile
import time
from pathlib import Path

DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
SHIFT_DAYS = 40


def shifted(match: re.Match, days: int) -> str:
    try:
        return (dt.date(int(match[1]), int(match[2]), int(match[3])) + dt.timedelta(days=days)).isoformat()
    except ValueError:  # not a date after all
        return match[0]


def main() -> None:
    import numpy as np
    import psutil

    from eventwire import neardup
    from eventwire.model import ArticleRecord
    from eventwire.packed import pack
    from eventwire.store import Store
    from eventwire.store.writer import Writer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="the store whose records are fed")
    parser.add_argument("--passes", type=int, default=12)
    parser.add_argument("--dense", action="store_true", help="do not shift the dates between passes")
    parser.add_argument("--db", help="the store written (default: a new SQLite file in a temporary directory)")
    parser.add_argument("--every", type=int, default=2000, help="read the writer's memory every N stories")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        target = args.db or f"sqlite:///{Path(tmp) / 'writer.db'}"
        with Store.open(args.source, create=False) as source:
            texts = [record.model_dump_json() for record in source.records()]
        writer = Writer(target)
        process = psutil.Process(writer.process.pid)
        readings, n, t0 = [], 0, time.perf_counter()
        for p in range(args.passes):
            salt = np.random.default_rng(p).integers(0, 2**32, neardup.NUM_PERM, dtype=np.uint64).astype(np.uint32)
            for text in texts:
                old = json.loads(text)["id"]
                new = hashlib.sha1(f"{p}:{old}".encode()).hexdigest()[:16]
                text = text.replace(old, new)
                if p and not args.dense:
                    text = DATE.sub(lambda m, p=p: shifted(m, SHIFT_DAYS * p), text)
                record = ArticleRecord.model_validate_json(text)
                if record.url:
                    record = record.model_copy(update={"url": f"{record.url}#pass{p}"})
                sig, size = neardup.fingerprint(record.text)
                writer.put(pack(record), (sig ^ salt if p else sig, size))
                n += 1
                if n % args.every == 0:
                    readings.append({"stories": n, "rss_mb": process.memory_info().rss >> 20,
                                     "seconds": round(time.perf_counter() - t0)})
                    print(json.dumps(readings[-1]), file=sys.stderr, flush=True)
        results = writer.close()
        seconds = time.perf_counter() - t0
    print(json.dumps({"stories": n, "results": {k: results.count(k) for k in sorted(set(results))},
                      "stories_per_s": round(n / seconds, 1), "dense": args.dense, "readings": readings}))


if __name__ == "__main__":
    main()
