"""Fit the mention-pair model of cross-document event coreference: how likely two event mentions of one document
cluster tell one happening.

Usage:
    python scripts/train_coref_pairs.py [ECBPLUS_DIR] [--out PATH] [--folds 5] [--l2 1.0] [--thresholds ...]

Data: ECB+ as ``eventwire eval coref ecbplus`` reads it (../shared/data/coref/ecbplus; CC BY 3.0, train ok),
**dev fold only**: the topics that ``eval.metrics.sealed`` seals are never read here. The documents are clustered
within their gold topic as the evaluation clusters them (``cluster_documents``); every pair of gold event
mentions in one document cluster is a row, labelled 1 when the two share a gold chain. Its features are
:func:`eventwire.eval.coref.pair_features`: whether the two event words are one (``event_stem``) or the same
lemma, the MiniLM cosine of the words and of the sentences, the same document or sentence, the names and numbers
the sentences share, and the documents' TF-IDF cosine. It needs the ``embeddings`` extra.

Model: logistic regression (``eventwire.logistic``), L2 ``--l2`` on all but the bias. The threshold of the average
link is chosen by cross-validation by topic: for each of ``--folds`` folds of the dev topics, a model fitted on
the others clusters the fold's mentions at each threshold, and the threshold with the best CoNLL F1 over all the
out-of-fold clusters is written with the weights (fitted on every dev topic) to
``src/eventwire/data/coref_pair_model.json``. About two minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventwire.eval.coref import (  # noqa: E402
    PAIR_MODEL_PATH,
    cluster_documents,
    cluster_mentions,
    conll,
    document_similarity,
    document_vectors,
    head_lemmas,
    link_pairs,
    load_ecbplus,
    mention_views,
    pair_features,
    pair_probabilities,
)
from eventwire.eval.metrics import hash_fold, sealed  # noqa: E402
from eventwire.logistic import fit  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "coref" / "ecbplus"


def fold_of(topic: str, folds: int) -> int:
    return hash_fold(f"eventwire-coref-pairs:{topic}", folds)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--out", default=str(PAIR_MODEL_PATH))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--thresholds", default="0.15,0.2,0.25,0.3,0.35,0.4")
    args = ap.parse_args(argv)

    from eventwire.pipeline.nlp import load_spacy

    docs, mentions = load_ecbplus(args.path, {})
    docs = [d for d in docs if not sealed(f"ecbplus:{d.topic}")]
    kept = {d.id for d in docs}
    mentions = [m for m in mentions if m.doc in kept]
    head_lemmas(mentions, load_spacy())
    topic = {d.id: d.topic for d in docs}
    by_topic: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        by_topic[d.topic].append(d.id)
    doc_cluster = cluster_documents(docs, by_topic.values())
    similarity = document_similarity(document_vectors(docs))
    views = mention_views(mentions)
    groups: dict[str, list] = defaultdict(list)
    for m in mentions:
        groups[doc_cluster[m.doc]].append(m)
    rows = []  # (topic, features, label)
    for group in groups.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                f = pair_features(a, b, views[a.id], views[b.id], similarity(a.doc, b.doc))
                rows.append((topic[a.doc], f, int(a.gold == b.gold)))
    print(f"{len(by_topic)} dev topics, {len(docs)} documents, {len(mentions)} mentions, {len(rows)} pairs "
          f"({sum(y for *_, y in rows)} coreferent)", file=sys.stderr)

    thresholds = [float(t) for t in args.thresholds.split(",")]
    out_of_fold: dict[float, dict[str, str]] = {t: {} for t in thresholds}
    for k in range(args.folds):
        weights = fit(((f, y) for t, f, y in rows if fold_of(t, args.folds) != k), args.l2)
        part = [m for m in mentions if fold_of(topic[m.doc], args.folds) == k]
        linkable = pair_probabilities(part, doc_cluster, views, similarity, weights)
        for t in thresholds:
            out_of_fold[t].update(link_pairs(linkable, t))
    key = {m.id: m.gold for m in mentions}
    rule = cluster_mentions(mentions, doc_cluster)
    curve = {str(t): conll(key, out_of_fold[t]) for t in thresholds}
    for t, scores in curve.items():
        print(f"threshold {t}: CoNLL F1 {scores['conll_f1']}", file=sys.stderr)
    rule_f1 = conll(key, rule)["conll_f1"]
    print(f"the event-word rule on the same mentions: CoNLL F1 {rule_f1}", file=sys.stderr)
    best = max(thresholds, key=lambda t: (curve[str(t)]["conll_f1"], -t))
    weights = fit(((f, y) for _, f, y in rows), args.l2)
    about = {
        "what": "Logistic regression: how likely two gold event mentions of one document cluster tell one happening "
                "(eventwire.eval.coref.pair_features); mentions joined by average link down to the threshold.",
        "trained_by": "scripts/train_coref_pairs.py",
        "trained_on": f"the dev fold of ECB+ (CC BY 3.0): {len(by_topic)} topics, {len(mentions)} mentions, "
                      f"{len(rows)} pairs; the sealed topics never read",
        "l2": args.l2,
        "conll_f1_cv": {t: c["conll_f1"] for t, c in curve.items()},
        "rule_conll_f1_same_mentions": rule_f1,
        "threshold_chosen_by": f"best CoNLL F1, {args.folds}-fold cross-validation by topic",
    }
    Path(args.out).write_text(json.dumps({"about": about, "threshold": best, "weights": weights}, indent=1) + "\n",
                              encoding="utf-8")
    print(f"threshold {best}; wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
