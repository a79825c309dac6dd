"""Does a classifier trained on the NGEC synthetic stories help on real news? (It does not; see docs/events.md.)

Usage:
    python benchmarks/synthetic_classifier.py [--epochs 150] [--json]

Training data: ../shared/data/events/ngec-synthetic-and-codebook/gpt_synthetic_events_2023-10-19_19.csv.zip (MIT;
4,500 LLM-written stories with one PLOVER label each). Each story gives its first two sentences of five words or
more, labelled with the story's type (CONCEDE and RETREAT as PLV's YIELD). Features: word unigrams and bigrams
seen in at least three training sentences, binary, L2-normalised. Model: multinomial logistic regression
(softmax, L2 1e-5), full-batch Adam, in numpy. Test: PLV (``PLV_train.tsv``, never trained on), the sentence
alone, macro-F1 over its gold classes. Takes about six minutes on two cores; not a test.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "events"
SYNTHETIC = DATA / "ngec-synthetic-and-codebook" / "gpt_synthetic_events_2023-10-19_19.csv.zip"
PLV = DATA / "plv" / "PLV_train.tsv"
YIELD = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}


def features(sentence: str) -> set[str]:
    words = re.findall(r"[a-z]+", sentence.lower())
    return set(words) | {f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)}


def synthetic_sentences() -> tuple[list[str], list[str]]:
    with zipfile.ZipFile(SYNTHETIC) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".csv"))
        rows = list(csv.DictReader(io.TextIOWrapper(zf.open(name), encoding="utf-8")))
    texts, labels = [], []
    for row in rows:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", row["text"].strip()) if len(s.split()) > 4]
        for s in sentences[:2]:
            texts.append(s)
            labels.append(YIELD.get(row["label"], row["label"]))
    return texts, labels


def matrix(texts: list[str], vocab: dict[str, int]) -> np.ndarray:
    m = np.zeros((len(texts), len(vocab)), dtype=np.float32)
    for i, t in enumerate(texts):
        for f in features(t):
            j = vocab.get(f)
            if j is not None:
                m[i, j] = 1.0
    return m / np.maximum(1.0, np.sqrt(m.sum(axis=1, keepdims=True)))


def train(x: np.ndarray, y: np.ndarray, classes: int, epochs: int) -> tuple[np.ndarray, np.ndarray]:
    w = np.zeros((x.shape[1], classes), dtype=np.float32)
    b = np.zeros(classes, dtype=np.float32)
    onehot = np.eye(classes, dtype=np.float32)[y]
    moments = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    for step in range(1, epochs + 1):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) / len(y)
        grads = (x.T @ g + 1e-5 * w, g.sum(axis=0))
        for k, (param, grad) in enumerate(zip((w, b), grads, strict=True)):
            m, v = moments[2 * k], moments[2 * k + 1]
            m[:] = 0.9 * m + 0.1 * grad
            v[:] = 0.999 * v + 0.001 * grad * grad
            param -= 0.05 * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return w, b


def macro_f1(gold: list[str], pred: list[str]) -> float:
    scores = []
    for c in sorted(set(gold)):
        tp = sum(g == c and p == c for g, p in zip(gold, pred, strict=True))
        fp = sum(g != c and p == c for g, p in zip(gold, pred, strict=True))
        fn = sum(g == c and p != c for g, p in zip(gold, pred, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=150)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not SYNTHETIC.exists() or not PLV.exists():
        sys.exit(f"needs {SYNTHETIC} and {PLV}")
    texts, labels = synthetic_sentences()
    df = Counter(f for t in texts for f in features(t))
    vocab = {f: i for i, f in enumerate(f for f, n in df.items() if n >= 3)}
    classes = sorted(set(labels))
    index = {c: i for i, c in enumerate(classes)}
    x = matrix(texts, vocab)
    y = np.array([index[c] for c in labels])
    w, b = train(x, y, len(classes), args.epochs)
    train_acc = float(((x @ w + b).argmax(axis=1) == y).mean())
    csv.field_size_limit(sys.maxsize)
    with open(PLV, encoding="utf-8", newline="") as fh:
        plv = [r for r in csv.DictReader(fh, delimiter="\t") if r.get("sentence") and r.get("gold_root")]
    scores = matrix([r["sentence"] for r in plv], vocab) @ w + b
    pred = [classes[i] for i in scores.argmax(axis=1)]
    result = {"training_sentences": len(texts), "features": len(vocab), "training_accuracy": round(train_acc, 4),
              "plv_n": len(plv), "plv_macro_f1": round(macro_f1([r["gold_root"] for r in plv], pred), 4)}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for k, v in result.items():
            print(f"{k:20s} {v}")


if __name__ == "__main__":
    main()
