"""Metric code on tiny hand-made gold with scores worked out by hand."""

import pytest

from eventwire.eval.metrics import PRF, classification_report, span_prf


def test_metrics_classification_by_hand():
    gold = ["ASSAULT", "ASSAULT", "ASSAULT", "PROTEST", "AID"]
    pred = ["ASSAULT", "ASSAULT", "PROTEST", "PROTEST", "ASSAULT"]
    r = classification_report(gold, pred)
    # ASSAULT: tp 2, fp 1, fn 1 -> P 2/3, R 2/3, F1 2/3. PROTEST: tp 1, fp 1, fn 0 -> P 1/2, R 1, F1 2/3.
    # AID: tp 0, fn 1 -> F1 0.
    assert r["per_class"]["ASSAULT"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["per_class"]["PROTEST"]["precision"] == 0.5 and r["per_class"]["PROTEST"]["recall"] == 1.0
    assert r["per_class"]["AID"]["f1"] == 0.0
    assert r["accuracy"] == 0.6 and r["micro_f1"] == 0.6
    assert r["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3, abs=1e-4)
    assert r["weighted_f1"] == pytest.approx((2 / 3 * 3 + 2 / 3 * 1 + 0) / 5, abs=1e-4)
    assert r["confusion"]["ASSAULT"] == {"ASSAULT": 2, "PROTEST": 1}


def test_metrics_restricted_labels():
    # Only a and b are scored; the gold "x" predicted as "a" is still a false positive for "a".
    r = classification_report(["a", "b", "x"], ["a", "b", "a"], labels=["a", "b"])
    assert set(r["per_class"]) == {"a", "b"}
    assert r["per_class"]["a"]["precision"] == 0.5
    assert r["per_class"]["a"]["support"] == 1


def test_metrics_length_mismatch():
    with pytest.raises(ValueError):
        classification_report(["a"], [])


def test_metrics_span_exact_and_overlap():
    gold = [(0, 10), (20, 30)]
    pred = [(0, 10), (22, 30), (40, 45)]
    exact = span_prf(gold, pred)
    assert (exact.tp, exact.fp, exact.fn) == (1, 2, 1)
    ov = span_prf(gold, pred, mode="overlap")
    # predicted chars 10 + 8 + 5 = 23, inside gold 18; gold chars 20, covered 18.
    assert (ov.tp, ov.fp, ov.fn) == (18, 5, 2)
    assert ov.precision == pytest.approx(18 / 23) and ov.recall == pytest.approx(18 / 20)


def test_metrics_empty_cases():
    assert PRF(0, 0, 0).f1 == 0.0
    assert span_prf([], []).f1 == 0.0
    with pytest.raises(ValueError):
        span_prf([], [], mode="fuzzy")
