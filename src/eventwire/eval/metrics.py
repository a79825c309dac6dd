"""Classification and span metrics, computed from (gold, predicted) pairs so any score can be recomputed from a
``--predictions`` file alone.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 with the counts behind them."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def classification_report(gold: Sequence[Hashable], predicted: Sequence[Hashable],
                          labels: Iterable[Hashable] | None = None) -> dict:
    """Per-class P/R/F1, micro/macro/weighted F1, accuracy and a confusion table for single-label items.

    ``labels`` restricts the averaged classes (e.g. the 25 ACLED types): items whose gold label is outside it
    still count as false positives for the predicted class. Weighted F1 weights each class by its gold support.

    >>> r = classification_report(["a", "a", "b", "c"], ["a", "b", "b", "c"])
    >>> r["per_class"]["a"]["f1"], r["micro_f1"], round(r["macro_f1"], 4)
    (0.6667, 0.75, 0.7778)
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    support = Counter(gold)
    classes = list(labels) if labels is not None else sorted(set(gold) | set(predicted), key=str)
    per_class = {}
    for c in classes:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == c and p != c)
        per_class[c] = PRF(tp, fp, fn)
    total = PRF(sum(x.tp for x in per_class.values()), sum(x.fp for x in per_class.values()),
                sum(x.fn for x in per_class.values()))
    n_support = sum(support[c] for c in classes)
    confusion: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, predicted, strict=True):
        row = confusion.setdefault(str(g), {})
        row[str(p)] = row.get(str(p), 0) + 1
    return {
        "n": len(gold),
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold), 4) if gold else 0.0,
        "micro_f1": round(total.f1, 4),
        "macro_f1": round(sum(x.f1 for x in per_class.values()) / len(per_class), 4) if per_class else 0.0,
        "weighted_f1": round(sum(per_class[c].f1 * support[c] for c in classes) / n_support, 4) if n_support else 0.0,
        "per_class": {str(c): {**per_class[c].as_dict(), "support": support[c]} for c in classes},
        "confusion": confusion,
    }


Span = tuple[int, int]


def span_prf(gold: Iterable[Span], predicted: Iterable[Span], *, mode: str = "exact",
             tokens: Sequence[Span] | None = None) -> PRF:
    """Span P/R/F1 in one document.

    ``exact``: a predicted span counts when it equals a gold span (each gold span matched once).
    ``overlap``: overlap credit as citron scores PARC: true positives are the units both in a gold and in a
    predicted span, false positives those only predicted, false negatives those only gold. The units are the
    ``tokens`` (``(start, end)`` offsets, e.g. a spaCy doc's) when given, as citron counts them, else characters.

    >>> span_prf([(0, 10)], [(0, 10), (20, 25)]).as_dict()["f1"]
    0.6667
    >>> round(span_prf([(0, 10)], [(5, 15)], mode="overlap").f1, 2)
    0.5
    >>> span_prf([(0, 10)], [(0, 4)], mode="overlap", tokens=[(0, 4), (5, 10)]).as_dict()["recall"]
    0.5
    """
    gold, predicted = set(gold), set(predicted)
    if mode == "exact":
        matched = gold & predicted
        return PRF(len(matched), len(predicted) - len(matched), len(gold) - len(matched))
    if mode != "overlap":
        raise ValueError(f"mode must be 'exact' or 'overlap', not {mode!r}")
    units = _chars if tokens is None else partial(_tokens, tokens)
    gold_units, pred_units = units(gold), units(predicted)
    return PRF(len(gold_units & pred_units), len(pred_units - gold_units), len(gold_units - pred_units))


def _tokens(tokens: Sequence[Span], spans: Iterable[Span]) -> set[int]:
    """The indices of the ``tokens`` that overlap any of ``spans`` (``tokens`` sorted by offset)."""
    starts = [s for s, _ in tokens]
    out: set[int] = set()
    for s, e in spans:
        i = max(bisect_right(starts, s) - 1, 0)
        while i < len(tokens) and tokens[i][0] < e:
            if tokens[i][1] > s:
                out.add(i)
            i += 1
    return out


def _chars(spans: Iterable[Span]) -> set[int]:
    """The character positions inside any of ``spans``."""
    return {i for s, e in spans for i in range(s, e)}


SEAL_SALT = "eventwire-seal:"


def hash_fold(key: str, folds: int) -> int:
    """A stable fold number (0 to ``folds - 1``) for ``key`` (salted by the caller): SHA-256 of the key, modulo."""
    import hashlib

    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % folds


def sealed(key: str) -> bool:
    """Whether an item is in the sealed fold of its data set: a third of the items, by SHA-256 of the salted key (a
    story, document or row id), fixed before rules are tuned on the rest; its errors are never read, and every
    figure is reported for both folds.

    >>> [sealed(k) for k in ("8008152", "8006651")]
    [False, True]
    """
    return hash_fold(SEAL_SALT + key, 3) == 0


def components(pairs: Iterable[tuple[str, str]], ids: Sequence[str]) -> dict[str, int]:
    """The connected groups of ``ids`` linked by ``pairs`` (union-find), numbered in the order of ``ids``.

    >>> components({("a", "c")}, ["a", "b", "c"])
    {'a': 0, 'b': 1, 'c': 0}
    """
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    roots: dict[str, int] = {}
    return {i: roots.setdefault(find(i), len(roots)) for i in ids}
