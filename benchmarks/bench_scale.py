"""Scaling figures: stories/s and words/s of `eventwire ingest` with 1 and 2 local workers (and a 2-worker Dask
LocalCluster when dask is installed), each beside the bare spaCy parse rate measured in the same run (the model as
it ships, and as eventwire loads it); the store's write rate; the peak memory of every process of a run.

Usage:
    python scripts/scale_corpus.py -o /tmp/scale.jsonl
    python benchmarks/bench_scale.py /tmp/scale.jsonl [--stories 1000] [--runs workers1,workers2,dask2]
                                     [--repeat 3] [--postgres URL] [--json]

The stories are a fixed sample of the corpus: every k-th line, so each source is represented in its share. Each run
ingests them into a new store (SQLite unless --postgres) from the command line, as a user would, and a sampler
reads the resident memory of the command and of each of its child processes (workers, writer) twice a second.
Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from scale_corpus import sample  # noqa: E402


def bare_spacy(path: Path, stock: bool = True) -> float:
    """Seconds spaCy alone takes to parse the stories' texts (nlp.pipe, one process): the pinned model as it ships
    (``stock``), or as eventwire loads it (its sentence cap and lemma fixes added, its attribute ruler and
    lemmatizer replaced by table lookups and its entity recognizer decoded in array operations, with the same
    annotations: eventwire.pipeline.attributes, eventwire.pipeline.recognizer)."""
    from eventwire.pipeline.nlp import load_shipped, load_spacy

    nlp = load_shipped() if stock else load_spacy()
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    list(nlp.pipe(texts[:8]))
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - t0


class MemorySampler:
    """The peak RSS of a process and of each of its descendants, sampled every half second."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.peak: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _name(self, proc) -> str:
        if proc.pid == self.root.pid:
            return "client"
        cmd = " ".join(proc.cmdline())
        kind = "resource_tracker" if "resource_tracker" in cmd else "child"
        return f"{kind}:{proc.pid}"

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for p in procs:
                try:
                    name, rss = self._name(p), p.memory_info().rss
                except psutil.Error:
                    continue
                self.peak[name] = max(self.peak.get(name, 0), rss)
            self._stop.wait(0.5)

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        return {k: round(v / 2**20) for k, v in sorted(self.peak.items()) if not k.startswith("resource_tracker")}


def ingest(path: Path, db: str, extra: list[str]) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "eventwire", "ingest", str(path), "--db", db, *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sampler = MemorySampler(proc.pid)
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - t0
    peaks = sampler.stop()
    # the summary line, whatever follows it (a warning the interpreter prints at exit is reported, not fatal)
    lines = stderr.strip().splitlines()
    at = max((i for i, line in enumerate(lines) if line.startswith('{"summary"')), default=None)
    if at is None:
        raise RuntimeError(f"no summary from `eventwire ingest {' '.join(extra)}`: {stderr[-2000:]}")
    summary = json.loads(lines[at])
    return {"seconds": round(seconds, 1), "summary": summary["summary"], "storing_s": summary["seconds"]["storing"],
            "peak_rss_mb": peaks, "exit": proc.returncode, "after_summary": lines[at + 1:]}


def fresh_db(args, tmp: str, name: str) -> str:
    if not args.postgres:
        return f"sqlite:///{tmp}/{name}.db"
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_store import fresh_postgres

    return fresh_postgres(args.postgres, f"ew_scale_{name}")


def write_rate(source_db: str, target_db: str) -> dict:
    """How fast one writer stores: the records of ``source_db`` added again, in transactions of up to GROUP stories
    as ingest's writer does when records wait for it (near-duplicate check and cross-story linking included), into
    the new store ``target_db``."""
    from sqlalchemy import func, select

    from eventwire.store import Store
    from eventwire.store import schema as t
    from eventwire.store.writer import GROUP

    with Store.open(source_db) as source:
        records = list(source.records())
    with Store.open(target_db) as target:
        target.seed_actors()
        t0 = time.perf_counter()
        for i in range(0, len(records), GROUP):
            target.add_many([(record, None) for record in records[i:i + GROUP]])
        seconds = time.perf_counter() - t0
        with target.engine.connect() as conn:
            rows = sum(conn.execute(select(func.count()).select_from(table)).scalar_one()
                       for table in (t.stories, t.story_sources, t.story_bands, t.events, t.event_parties,
                                     t.entities, t.places, t.quotes, t.incidents, t.incident_links))
    return {"stories": len(records), "seconds": round(seconds, 1), "stories_per_s": round(len(records) / seconds, 1),
            "rows_per_s": round(rows / seconds), "ms_per_story": round(1000 * seconds / len(records), 1)}


RUNS = {"workers1": ["--workers", "1"], "workers2": ["--workers", "2"], "dask2": ["--dask", "local", "--workers", "2"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="JSON Lines of stories (scripts/scale_corpus.py)")
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--runs", default="workers1,workers2", help=f"comma-separated, of {', '.join(RUNS)}")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each kind this many times, interleaved; the run of median time is reported")
    parser.add_argument("--postgres", help="store in a scratch database on this PostgreSQL server")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare spaCy run (memory runs)")
    parser.add_argument("--write-rate", action="store_true",
                        help="also time one writer storing the records of the first run again (SQLite)")
    parser.add_argument("--write-postgres", metavar="URL", help="... and on this PostgreSQL server")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.jsonl"
        stories, words = sample(args.corpus, args.stories, path)
        figures: dict = {"corpus": str(args.corpus), "stories": stories, "words": words,
                         "cores": os.cpu_count(), "store": "postgresql" if args.postgres else "sqlite"}
        if not args.no_bare:
            for key, stock in (("bare_spacy", True), ("eventwire_parse", False)):
                spacy_s = bare_spacy(path, stock)
                figures[key] = {"seconds": round(spacy_s, 1), "stories_per_s": round(stories / spacy_s, 2),
                                "words_per_s": round(words / spacy_s)}
        names = args.runs.split(",")
        trials: dict[str, list[dict]] = {name: [] for name in names}
        for trial in range(args.repeat):  # interleaved, so that a slow spell of the machine touches every kind
            for name in names:
                run = ingest(path, fresh_db(args, tmp, f"{name}_{trial}"), RUNS[name])
                run["stories_per_s"] = round(stories / run["seconds"], 2)
                run["words_per_s"] = round(words / run["seconds"])
                if "bare_spacy" in figures:
                    run["of_bare_spacy"] = round(run["stories_per_s"] / figures["bare_spacy"]["stories_per_s"], 2)
                    run["of_eventwire_parse"] = round(
                        run["stories_per_s"] / figures["eventwire_parse"]["stories_per_s"], 2)
                trials[name].append(run)
                print(f"[{name} {trial + 1}/{args.repeat}] {json.dumps(run)}", file=sys.stderr)
        for name, runs in trials.items():
            # The run of median time stands for the kind; every run's seconds are kept beside it.
            figures[name] = {**sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2],
                             "seconds_each": [r["seconds"] for r in runs]}
        if args.write_rate:
            first = f"sqlite:///{tmp}/{names[0]}_0.db" if not args.postgres else None
            if first:
                figures["write_sqlite"] = write_rate(first, f"sqlite:///{tmp}/rewrite.db")
                if args.write_postgres:
                    sys.path.insert(0, str(Path(__file__).parent))
                    from bench_store import fresh_postgres

                    figures["write_postgresql"] = write_rate(first, fresh_postgres(args.write_postgres, "ew_rewrite"))
        for name in names:
            if name != "workers1" and "workers1" in figures:
                # over the median one-worker run, and trial by trial (runs of one trial are minutes apart)
                figures[name]["speedup_over_1"] = round(figures["workers1"]["seconds"] / figures[name]["seconds"], 2)
                figures[name]["speedup_over_1_each"] = [
                    round(one["seconds"] / run["seconds"], 2) for one, run in zip(trials["workers1"], trials[name],
                                                                                  strict=True)]
        if "workers2" in figures and "dask2" in figures:
            figures["dask2"]["of_workers2"] = round(figures["workers2"]["seconds"] / figures["dask2"]["seconds"], 2)
            figures["dask2"]["of_workers2_each"] = [
                round(w["seconds"] / d["seconds"], 2) for w, d in zip(trials["workers2"], trials["dask2"], strict=True)]
    print(json.dumps(figures, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
