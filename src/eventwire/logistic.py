"""Logistic regression over named features: the small models eventwire fits on CPU and ships as JSON (the happening
model, the mention-pair model of cross-document coreference).

A row is a dict of feature names to values; weights are a dict of the same names (a name a model lacks weighs
nothing). :func:`fit` finds the weights by Newton's method with an L2 penalty on every weight but the bias, which is
fast and exact for the few hundred features these models have; :func:`probability` applies them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

__all__ = ["auc", "fit", "probability"]


def probability(weights: Mapping[str, float], features: Mapping[str, float]) -> float:
    """The logistic of the weighted sum of ``features`` (no overflow: the sum is clipped to +-30)."""
    z = sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def fit(rows: Iterable[tuple[Mapping[str, float], int]], l2: float, unpenalised: Sequence[str] = ("bias",),
        iterations: int = 50) -> dict[str, float]:
    """Weights that fit the labelled ``rows`` (features, 0 or 1), rounded to four places."""
    import numpy as np

    rows = list(rows)
    names = sorted({n for f, _ in rows for n in f})
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, (f, _) in enumerate(rows):
        for n, v in f.items():
            x[r, index[n]] = v
    y = np.array([label for _, label in rows], dtype=float)
    penalty = np.full(len(names), l2)
    for name in unpenalised:
        if name in index:
            penalty[index[name]] = 0.0
    w = np.zeros(len(names))
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(len(names))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {n: round(float(w[index[n]]), 4) for n in names}


def auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """The area under the ROC curve: how often a positive row scores above a negative one (ties count half)."""
    pos = sorted(s for s, y in zip(scores, labels, strict=True) if y)
    neg = sorted(s for s, y in zip(scores, labels, strict=True) if not y)
    if not pos or not neg:
        return 0.0
    import bisect

    wins = sum(bisect.bisect_left(neg, p) + 0.5 * (bisect.bisect_right(neg, p) - bisect.bisect_left(neg, p))
               for p in pos)
    return wins / (len(pos) * len(neg))
