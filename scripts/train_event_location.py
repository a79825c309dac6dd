"""Train the event-location model: which place mention of a sentence (or none) is where a given event happened.

Usage:
    python scripts/train_event_location.py [RECORDS] [--out PATH] [--epochs 400]

Data: Halterman's event-location records (``../shared/data/events/event-location/records.jsonl``; labels MIT,
github.com/ahalterman/event_location), read with eventwire's own loader. The model sees one word, the trigger's
lemma, and only where it recurs (in at least MIN_TRIGGER_ROWS training records: "patrol" rarely says where, "kill"
often does). Each candidate place is described by where it stands to the event's trigger in the dependency tree
(the rule's clause tier, the preposition before it, its dependency label, tree and token distance, its gazetteer
kind, whether it qualifies an actor or acts itself, and whether the dependency rule of
``pipeline/event_location.py`` would choose it), and the option "no location" by the number of candidates, the
trigger's part of speech and its lemma. A conditional logit (softmax over the candidates and "no location", L2
1e-3, full-batch Adam, numpy) learns one weight per feature.

Split: records whose id hashes into fold 0 of 5 (:func:`eventwire.eval.event_location.held_out`) are never
trained on; the script reports the model's and the rule's accuracy on them, and writes the weights with those
figures to ``src/eventwire/data/event_location_model.json``. About two minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventwire.eval.event_location import held_out, read_records  # noqa: E402
from eventwire.geo import load_gazetteer  # noqa: E402
from eventwire.pipeline.event_location import (  # noqa: E402
    location_candidates,
    no_location_features,
    pick,
    place_spans,
    said_where,
)
from eventwire.pipeline.mentions import find_mentions  # noqa: E402
from eventwire.pipeline.nlp import load_spacy  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "events" / "event-location" / "records.jsonl"
OUT = ROOT / "src" / "eventwire" / "data" / "event_location_model.json"
MIN_TRIGGER_ROWS = 10  # records a trigger lemma must appear in to get weights of its own
NONE = "none:"  # prefix of the "no location" option's features in the shared vocabulary


def options(records: list[dict]) -> list[dict]:
    """Per record: the options' feature dicts (candidates, then "no location"), which options are right, and
    which one the rule picks."""
    nlp, gazetteer = load_spacy(), load_gazetteer()
    out = []
    for rec, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        trigger = doc.char_span(*rec["verb"], alignment_mode="expand")
        if trigger is None:
            continue
        spans, kinds = place_spans(doc, find_mentions(doc, gazetteer))
        cands, rule = location_candidates(trigger, spans, kinds)
        feats = [f for _, f in cands] + [{NONE + k: v for k, v in no_location_features(trigger, cands, rule).items()}]
        gold = rec["locations"]
        right = [any(p.start_char < e and s < p.end_char for s, e in gold) for p, _ in cands] + [not gold]
        rule_index = next((i for i, (p, _) in enumerate(cands) if p is rule), len(cands))
        out.append({"id": rec["id"], "feats": feats, "right": right, "rule": rule_index})
    return out


def matrix(rows: list[dict], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = sum(len(r["feats"]) for r in rows)
    x = np.zeros((n, len(vocab)), dtype=np.float64)
    group = np.zeros(n, dtype=np.int64)
    right = np.zeros(n, dtype=np.float64)
    k = 0
    for g, r in enumerate(rows):
        for f, ok in zip(r["feats"], r["right"], strict=True):
            for name, v in f.items():
                if name in vocab:
                    x[k, vocab[name]] = v
            group[k], right[k] = g, ok
            k += 1
    return x, group, right


def group_softmax(scores: np.ndarray, group: np.ndarray, groups: int) -> np.ndarray:
    top = np.full(groups, -np.inf)
    np.maximum.at(top, group, scores)
    e = np.exp(scores - top[group])
    total = np.zeros(groups)
    np.add.at(total, group, e)
    return e / total[group]


def train(rows: list[dict], epochs: int) -> dict[str, float]:
    rows = [r for r in rows if any(r["right"])]  # a gold place no candidate covers teaches nothing
    seen = Counter(k for r in rows for k in {k for f in r["feats"] for k in f})
    # a trigger's own word is learned only where it recurs: a rare verb keeps the features that generalise
    names = {k for k, n in seen.items() if n >= MIN_TRIGGER_ROWS or "trigger=" not in k}
    vocab = {name: i for i, name in enumerate(sorted(names))}
    x, group, right = matrix(rows, vocab)
    w = np.zeros(len(vocab))
    m, v = np.zeros_like(w), np.zeros_like(w)
    for step in range(1, epochs + 1):
        p = group_softmax(x @ w, group, len(rows))
        gold_mass = np.zeros(len(rows))
        np.add.at(gold_mass, group, p * right)
        q = p * right / gold_mass[group]  # the posterior over the right options
        grad = x.T @ (p - q) / len(rows) + 1e-3 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad ** 2
        w -= 0.05 * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return {name: round(float(w[i]), 4) for name, i in vocab.items() if abs(w[i]) >= 1e-4}


def split(weights: dict[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """The candidates' weights and the "no location" option's (its prefix removed)."""
    return ({k: v for k, v in weights.items() if not k.startswith(NONE)},
            {k[len(NONE):]: v for k, v in weights.items() if k.startswith(NONE)})


def accuracy(rows: list[dict], weights: dict[str, float] | None) -> float:
    """The share of rows right, deciding as choose_location does (the rule alone when ``weights`` is None)."""
    model = split(weights) if weights is not None else None
    right = 0
    for r in rows:
        none = len(r["feats"]) - 1
        if model is None:
            chosen = r["rule"]
        else:
            no_location = {k[len(NONE):]: v for k, v in r["feats"][none].items()}
            stated = said_where(r["feats"][r["rule"]] if r["rule"] != none else None)
            chosen = pick(r["feats"][:none], no_location, stated, *model)
        right += r["right"][none if chosen is None else chosen]
    return right / len(rows) if rows else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("records", nargs="?", default=str(DEFAULT))
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--epochs", type=int, default=400)
    args = ap.parse_args()

    rows = options(read_records(Path(args.records), {}))
    train_rows = [r for r in rows if not held_out(r["id"])]
    test_rows = [r for r in rows if held_out(r["id"])]
    weights = train(train_rows, args.epochs)
    report = {"trained_on": f"{len(train_rows)} Halterman event-location records (folds 1-4 of 5 by id hash)",
              "held_out_records": len(test_rows),
              "held_out_accuracy": round(accuracy(test_rows, weights), 4),
              "held_out_accuracy_rule_alone": round(accuracy(test_rows, None), 4),
              "train_accuracy": round(accuracy(train_rows, weights), 4)}
    print(json.dumps(report, indent=1))
    candidate, no_location = split(weights)
    Path(args.out).write_text(json.dumps(
        {"about": "Event-location model (conditional logit over place candidates and 'no location'); trained by "
                  "scripts/train_event_location.py on labels from github.com/ahalterman/event_location (MIT). "
                  "Features of where each place stands, and the trigger's lemma where it recurs.", **report,
         "candidate_weights": dict(sorted(candidate.items())),
         "no_location_weights": dict(sorted(no_location.items()))}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(weights)} weights to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
