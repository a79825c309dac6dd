"""PLOVER macro-F1 on sentences the events rules were never tuned on: the PLOVER Gold Standard Records that are not
also in PLV.

The rules were refined by reading errors on PLV, CASE 2021 and IndiaPoliceEvents, so their figures are dev figures.
The 322 Gold Standard Records (CAMEO manual sentences, CC BY-SA 4.0) overlap the full PLV corpus, but almost none
of them is in the PLV file used here (``PLV_train.tsv``): they were never read while writing rules. This script
scores them from a predictions file, so anyone can recompute the figure:

    eventwire eval events plover-gsr ../shared/data/events/plover-gsr --predictions gsr.jsonl
    python benchmarks/plover_gsr_heldout.py gsr.jsonl [--json]

The type scored is that of the event at the words the record's markup marks as the event (EVT), else of the
event between source and target; the second figure printed is the one between source and target alone, the
reading before the EVT words were used (kept in each prediction line as ``unmarked``).

A record counts as held out when no PLV sentence starts with the record's first six words (lower-cased, runs of
non-letters made one space): this catches PLV's lightly edited copies too.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventwire.eval.metrics import classification_report  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "events"


def _key(text: str) -> str:
    return re.sub(r"[^a-z]+", " ", text.lower()).strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("predictions", help="the --predictions file of `eventwire eval events plover-gsr`")
    ap.add_argument("--gsr", default=str(DATA / "plover-gsr" / "PLOVER_GSR_CAMEO.json"))
    ap.add_argument("--plv", default=str(DATA / "plv" / "PLV_train.tsv"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    csv.field_size_limit(sys.maxsize)
    with open(args.plv, encoding="utf-8", newline="") as f:
        plv = {" ".join(_key(row["sentence"]).split()[:6]) for row in csv.DictReader(f, delimiter="\t")
               if row.get("sentence")}
    gsr = json.loads(Path(args.gsr).read_text(encoding="utf-8"))
    held_out = {r["id"] for r in gsr if r.get("event") != "DOCUMENT" and
                " ".join(_key(r.get("text") or "").split()[:6]) not in plv}
    rows = [json.loads(line) for line in open(args.predictions, encoding="utf-8") if line.strip()]
    scored = [r for r in rows if r["id"] in held_out]
    gold = [r["gold"] for r in scored]
    report = classification_report(gold, [r["predicted"] for r in scored], labels=sorted(set(gold)))
    out = {"records": len(rows), "held_out": len(scored), "macro_f1": report["macro_f1"],
           "micro_f1": report["micro_f1"], "accuracy": report["accuracy"]}
    if all("unmarked" in r for r in scored):
        unmarked = classification_report(gold, [r["unmarked"] for r in scored], labels=sorted(set(gold)))
        out["unmarked_macro_f1"] = unmarked["macro_f1"]
    if args.json:
        print(json.dumps(out))
    else:
        print(f"PLOVER GSR records not in PLV: {len(scored)} of {len(rows)}; macro-F1 {report['macro_f1']:.3f}, "
              f"micro-F1 {report['micro_f1']:.3f} over {len(set(gold))} gold classes")
        if "unmarked_macro_f1" in out:
            print(f"  the event chosen between source and target alone, without the marked event words: "
                  f"macro-F1 {out['unmarked_macro_f1']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
