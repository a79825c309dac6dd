"""How often the events stage finds a story's labelled PLOVER type in its lead: a third dev signal for the rules,
beside PLV and CASE, on text no rule was written from before this script existed.

Usage:
    python benchmarks/synthetic_lead_recall.py [--limit N] [--json]

Data: ../shared/data/events/ngec-synthetic-and-codebook/gpt_synthetic_events_2023-10-19_19.csv.zip (MIT; 4,500
LLM-written stories, one POLECAT type each, read as they are from the zip). Each story's lead (its first two
sentences) goes through the full pipeline; a story counts as found when any event of the lead has the story's
type, and as first when the first event of the first sentence has it. Per-class and macro figures.

Caveats: the labels follow the 2023 POLECAT codebook, which differs from CAMEO2PLOVER (and so from PLV and the
Gold Standard Records) on some readings: a promise to yield is CONCEDE there, AGREE here; a conviction SANCTION
there, ACCUSE here; a cyber attack COERCE there, ASSAULT in PLV. Many stories drift from their headline's event.
So the figure is a recall floor for finding lexical gaps, not an accuracy. Takes about 100 s on two cores.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SYNTHETIC = ROOT.parent / "shared" / "data" / "events" / "ngec-synthetic-and-codebook" / \
    "gpt_synthetic_events_2023-10-19_19.csv.zip"


def lead(text: str) -> str:
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", text.strip().replace("\n", " "))
    return " ".join(sentences[:2])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from eventwire import load_pipeline
    from eventwire.errors import EventwireError
    from eventwire.model import InputRef
    from eventwire.readers.article import build_article

    with zipfile.ZipFile(SYNTHETIC) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".csv"))
        rows = list(csv.DictReader(io.TextIOWrapper(zf.open(name), encoding="utf-8")))[:args.limit]
    labels, items = [], []
    for row in rows:
        try:
            items.append(build_article(lead(row["text"]), input_ref=InputRef(path="<synthetic>"), languages=None))
            labels.append(row["label"])
        except EventwireError:
            continue  # an empty or non-English lead: not scored
    by_class: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for label, rec in zip(labels, load_pipeline().process(items), strict=True):
        types = [e.type for e in rec.events]
        first = [e.type for e in rec.events if e.evidence and e.evidence.start == 0][:1]
        counts = by_class[label]
        counts[0] += 1
        counts[1] += label in types
        counts[2] += first == [label]
    per_class = {c: {"n": n, "found": round(f / n, 3), "first": round(t / n, 3)}
                 for c, (n, f, t) in sorted(by_class.items())}
    out = {"stories": sum(v["n"] for v in per_class.values()),
           "macro_found": round(sum(v["found"] for v in per_class.values()) / len(per_class), 3),
           "macro_first": round(sum(v["first"] for v in per_class.values()) / len(per_class), 3),
           "per_class": per_class}
    if args.json:
        print(json.dumps(out))
    else:
        for c, v in per_class.items():
            print(f"{c:10} n={v['n']:4}  found in lead {v['found']:.3f}  first event {v['first']:.3f}")
        print(f"{out['stories']} stories: macro found {out['macro_found']:.3f}, macro first {out['macro_first']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
