"""Speed and memory of the full pipeline against a bare ``nlp.pipe`` of the same spaCy model, as eventwire loads it
(the stages' cost) and as the model ships (what a user gains or loses against spaCy alone: eventwire's parse sets
the same annotations faster, see eventwire.pipeline.attributes and eventwire.pipeline.recognizer).

Usage:
    python benchmarks/bench_pipeline.py [--repeats 3] [--json]

Stories: ../shared/examples/voa/voa_stories.jsonl when present (89 VOA stories), else the bundled example
repeated 50 times. Both runs see the same texts in the same batches; the timed full run starts from articles
already read (reading is timed on its own). Cold start is one `eventwire extract` of the bundled example in a
fresh process, gazetteer cache warm. Not a test: timings vary by machine, so nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT.parent / "shared" / "examples" / "voa" / "voa_stories.jsonl"
EXAMPLE = ROOT / "examples" / "sahel-convoy-attack.txt"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed rounds of each run (best is kept)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    from eventwire.model import Article
    from eventwire.pipeline import BATCH_SIZE, Pipeline
    from eventwire.readers import read_inputs

    t0 = time.perf_counter()
    if VOA.exists():
        corpus = f"{VOA.name} ({VOA.parent})"
        articles = [a for a in read_inputs([str(VOA)]) if isinstance(a, Article)]
    else:
        corpus = f"{EXAMPLE.name} x 50"
        articles = [a for a in read_inputs([str(EXAMPLE)]) if isinstance(a, Article)] * 50
    read_s = time.perf_counter() - t0
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)

    from eventwire.pipeline.nlp import load_shipped

    pipeline = Pipeline()
    nlp = pipeline.nlp
    stock = load_shipped()
    list(pipeline.process(articles[:4]))  # warm-up: caches, lazy imports
    list(stock.pipe(texts[:4]))

    bare, full, shipped = [], [], []
    for _ in range(args.repeats):
        t = time.perf_counter()
        for _doc in stock.pipe(texts, batch_size=BATCH_SIZE):
            pass
        shipped.append(time.perf_counter() - t)
        t = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        records = list(pipeline.process(articles))
        full.append(time.perf_counter() - t)
    assert all(not r.errors for r in records)

    # Each stage on its own, over documents parsed once (what each adds to the parse).
    from eventwire.pipeline.actors import describe_actors
    from eventwire.pipeline.aliases import group_mentions
    from eventwire.pipeline.dates import resolve_dates
    from eventwire.pipeline.events import find_events
    from eventwire.pipeline.groups import find_groups
    from eventwire.pipeline.mentions import find_mentions
    from eventwire.pipeline.places import resolve_places
    from eventwire.pipeline.quotes import find_quotes

    docs = list(nlp.pipe(texts, batch_size=BATCH_SIZE))
    stage_s = {"entities": 0.0, "actors": 0.0, "groups": 0.0, "places": 0.0, "dates": 0.0, "quotes": 0.0,
               "events": 0.0}
    for doc, article in zip(docs, articles, strict=True):
        t = time.perf_counter()
        entities = group_mentions(find_mentions(doc, pipeline.gazetteer))
        stage_s["entities"] += time.perf_counter() - t
        t = time.perf_counter()
        entities = describe_actors(doc, entities, pipeline.gazetteer)
        stage_s["actors"] += time.perf_counter() - t
        t = time.perf_counter()
        entities = entities + find_groups(doc, entities, pipeline.gazetteer)
        stage_s["groups"] += time.perf_counter() - t
        t = time.perf_counter()
        places = resolve_places(doc, entities, pipeline.gazetteer)
        stage_s["places"] += time.perf_counter() - t
        t = time.perf_counter()
        dates = resolve_dates(doc, article.published)
        stage_s["dates"] += time.perf_counter() - t
        t = time.perf_counter()
        quotes = find_quotes(doc, entities)
        stage_s["quotes"] += time.perf_counter() - t
        t = time.perf_counter()
        find_events(doc, entities, quotes, places, dates, article.published)
        stage_s["events"] += time.perf_counter() - t

    cold = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "eventwire", "extract", "-q", str(EXAMPLE)], check=True,
                       stdout=subprocess.DEVNULL)
        cold.append(time.perf_counter() - t)

    n = len(texts)
    b, f, m = min(bare), min(full), min(shipped)
    figures = {
        "corpus": corpus, "stories": n, "words": words,
        "shipped_nlp_pipe": {"seconds": round(m, 3), "stories_per_s": round(n / m, 1),
                             "words_per_s": round(words / m)},
        "bare_nlp_pipe": {"seconds": round(b, 3), "stories_per_s": round(n / b, 1), "words_per_s": round(words / b)},
        "full_pipeline": {"seconds": round(f, 3), "stories_per_s": round(n / f, 1), "words_per_s": round(words / f)},
        "ratio_full_to_bare": round(b / f, 3),
        "ratio_full_to_shipped": round(m / f, 3),
        "reading_seconds": round(read_s, 3),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "cold_start_s_median": round(statistics.median(cold), 2),
        "stage_share_of_parse": {k: round(v / b, 3) for k, v in stage_s.items()},
        "entities": sum(len(r.entities) for r in records),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"corpus: {corpus}: {n} stories, {words:,} words")
    print(f"shipped model : {n / m:7.1f} stories/s {words / m:9,.0f} words/s (nlp.pipe of the model as it ships)")
    print(f"bare nlp.pipe : {n / b:7.1f} stories/s {words / b:9,.0f} words/s (the model as eventwire loads it)")
    print(f"full pipeline : {n / f:7.1f} stories/s {words / f:9,.0f} words/s")
    print(f"ratio         : {b / f:.3f} (goal >= 0.8); {m / f:.3f} of the shipped model's rate")
    print(f"peak RSS      : {peak_rss_mb():.0f} MB (goal < 1024)")
    print(f"cold start    : {statistics.median(cold):.2f} s median of 3 (goal < 3 s)")
    for k, v in stage_s.items():
        print(f"stage {k:9s}: {v / b:6.1%} of the bare parse time")


if __name__ == "__main__":
    main()
