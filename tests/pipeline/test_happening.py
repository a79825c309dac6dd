"""The happening model: each telling's confidence, and the tellings below the model's threshold left out."""

import importlib.util
import json
import math

import pytest

from eventwire.model import InputRef
from eventwire.pipeline.happening import MODEL_PATH, HappeningModel, happening_model
from eventwire.readers.article import build_article

from ..conftest import ROOT

STORY = ("Gunmen stormed a hotel in Beledweyne on Tuesday, killing five people, police said. "
         "Security forces ended the siege on Wednesday. "
         "Residents asked for more police in the town. "
         "The group frequently conducts bombings.")
# Every feature telling_features can name: a fixed name, or a prefix with a value after it.
FEATURE_NAMES = {"bias", "claimed", "date_in_text", "place_in_text", "count", "same_type_tellings", "type_in_lead",
                 "sentence_position", "first_sentence", "negated", "under_reporting_verb", "in_quotation",
                 "in_reported_speech", "year_in_sentence", "since_in_sentence", "short_sentence", "no_final_stop",
                 "trigger_in_title", "title_overlap", "pos=other", "weekday_in_sentence"}
FEATURE_PREFIXES = ("type=", "status=", "actor=", "recipient=", "origin=", "how=", "verb=", "noun=", "dep=")


def _run(pipe, text, title=None):
    return pipe.process_article(build_article(text, input_ref=InputRef(path="<test>"), published="2025-03-12",
                                              title=title))


def _tellings(record):
    return {(m.evidence.trigger[0], m.evidence.trigger[1]): m.confidence for v in record.events for m in v.mentions}


def test_happening_shipped_model_is_what_its_script_writes():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert set(data) == {"about", "threshold", "weights"}
    assert 0 < data["threshold"] < 1
    assert data["about"]["trained_by"] == "scripts/train_happening.py"
    assert "sealed fold never read" in data["about"]["trained_on"]
    for name, weight in data["weights"].items():
        assert name in FEATURE_NAMES or name.startswith(FEATURE_PREFIXES), name
        assert math.isfinite(weight)
    assert str(data["threshold"]) in data["about"]["story_figures_cv"]


def test_happening_confidence_is_a_logistic_of_named_weights():
    model = HappeningModel({"bias": 0.0, "type=ASSAULT": 2.0, "noun=plural": -1.0}, 0.5, {})
    assert model.confidence({"bias": 1.0}) == 0.5
    assert model.confidence({"bias": 1.0, "type=ASSAULT": 1.0}) == pytest.approx(1 / (1 + math.exp(-2)))
    assert model.confidence({"bias": 1.0, "unknown feature": 1.0}) == 0.5  # a name the model lacks weighs nothing
    assert model.confidence({"type=ASSAULT": 1e6}) == pytest.approx(1.0)  # no overflow
    keep_all = model.with_threshold(0.0)
    assert (keep_all.threshold, keep_all.weights, model.threshold) == (0.0, model.weights, 0.5)


def test_happening_events_and_mentions_carry_confidence(default_pipeline):
    rec = _run(default_pipeline, STORY)
    threshold = happening_model().threshold
    assert rec.events
    for ev in rec.events:
        assert ev.confidence is not None and ev.confidence >= threshold
        assert ev.confidence == max(m.confidence for m in ev.mentions)


def test_happening_cut_leaves_out_only_events_no_telling_of_which_is_likely(nlp, gazetteer, pipeline, default_pipeline):
    """The shipped pipeline, and one cut higher, keep the events of the keep-all pipeline that have a telling at or
    above the threshold, with all their tellings."""
    from eventwire.pipeline import Pipeline

    every = _run(pipeline, STORY)
    lowest = min(ev.confidence for ev in every.events)
    higher = Pipeline(nlp=nlp, gazetteer=gazetteer, happening=happening_model().with_threshold(lowest + 0.001))
    for pipe, threshold in ((default_pipeline, happening_model().threshold), (higher, lowest + 0.001)):
        kept = _run(pipe, STORY)
        likely = [ev for ev in every.events if ev.confidence >= threshold]
        assert [[m.evidence.trigger for m in ev.mentions] for ev in kept.events] == \
            [[m.evidence.trigger for m in ev.mentions] for ev in likely]
    assert len(kept.events) == len(every.events) - 1  # the least likely event has gone, whole
    storming = kept.events[0]
    assert [kept.text[s:e] for s, e in (m.evidence.trigger for m in storming.mentions)] == ["stormed", "killing"]


def test_happening_doubtful_telling_of_a_sure_event_stays_its_mention():
    from eventwire.model import Event, EventMention, Evidence
    from eventwire.pipeline.happening import keep_likely

    def event(eid, *scores):
        mentions = [EventMention(evidence=Evidence(text="x", start=0, end=1, trigger=(0, 1)), confidence=p)
                    for p in scores]
        return Event(id=eid, type="ASSAULT", confidence=max(scores), mentions=mentions)

    model = HappeningModel({}, 0.2, {})
    kept = keep_likely([event("V1", 0.9, 0.1), event("V2", 0.15, 0.1), event("V3", 0.2)], model)
    assert [(e.id, len(e.mentions)) for e in kept] == [("V1", 2), ("V3", 1)]
    assert keep_likely([event("V2", 0.15)], model.with_threshold(0.0))[0].id == "V2"


def test_happening_specific_happening_outscores_background(pipeline):
    rec = _run(pipeline, STORY)
    scores = {rec.text[s:e]: p for (s, e), p in _tellings(rec).items()}
    assert scores["stormed"] > scores["asked"]  # Tuesday's storming of one hotel, against residents' wish


def test_happening_title_is_read(pipeline):
    """A telling whose trigger the headline names scores higher than the same telling under another headline."""
    text = "Police arrested two journalists in Harare on Friday. Officials met in Bulawayo on Friday."
    scores = {}
    for title in ("Zimbabwe police arrest two journalists", "Officials meet in Bulawayo"):
        rec = _run(pipeline, text, title=title)
        scores[title] = {rec.text[s:e]: p for (s, e), p in _tellings(rec).items()}
    assert scores["Zimbabwe police arrest two journalists"]["arrested"] > \
        scores["Officials meet in Bulawayo"]["arrested"]


def _script():
    spec = importlib.util.spec_from_file_location("train_happening", ROOT / "scripts" / "train_happening.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_happening_training_fits_the_signs_and_folds_by_story():
    from eventwire.logistic import auc, fit

    train = _script()
    data = [({"bias": 1.0, "good": 1.0} if i % 2 else {"bias": 1.0, "bad": 1.0}, i % 2) for i in range(40)]
    data += [({"bias": 1.0, "good": 1.0}, 0), ({"bias": 1.0, "bad": 1.0}, 1)]
    weights = fit(data, l2=1.0)
    assert weights["good"] > 0 > weights["bad"]
    assert train.fold_of("8008152", 5) == train.fold_of("8008152", 5)
    assert len({train.fold_of(f"story{i}", 5) for i in range(50)}) == 5
    assert auc([0.9, 0.8, 0.1], [1, 1, 0]) == 1.0
    assert auc([0.5, 0.5], [1, 0]) == 0.5
    assert auc([0.1, 0.9, 0.5], [1, 0, 1]) == 0.0
