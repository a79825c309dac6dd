"""The pipeline keeps going when one story breaks a stage or is too long to parse."""

from eventwire.errors import EmptyInput
from eventwire.model import InputRef
from eventwire.pipeline import MAX_STORY_CHARS
from eventwire.readers.article import build_article

TEXT = "Soldiers clashed with gunmen near Maiduguri on Wednesday, the army said, and five attackers were killed."


def _article(text, path="t.txt"):
    return build_article(text, input_ref=InputRef(path=path))


def test_pipeline_order_and_errors_pass_through(pipeline):
    items = [_article(TEXT, "a"), EmptyInput("empty.", source="b"), _article(TEXT.replace("five", "six"), "c")]
    recs = list(pipeline.process(items))
    assert [r.input.path for r in recs] == ["a", "b", "c"]
    assert [bool(r.errors) for r in recs] == [False, True, False]


def test_pipeline_too_long_story_fails_alone(pipeline):
    long_text = (TEXT + " ") * (MAX_STORY_CHARS // len(TEXT) + 2)
    recs = list(pipeline.process([_article(long_text, "long"), _article(TEXT, "ok")]))
    assert recs[0].errors[0].code == "too_large" and recs[0].entities == []
    assert not recs[1].errors and recs[1].entities


def test_pipeline_stage_crash_is_an_error_record(pipeline, monkeypatch):
    import eventwire.pipeline as pl

    def boom(doc, gazetteer):
        if "six" in doc.text:
            raise RuntimeError("boom")
        return []

    monkeypatch.setattr(pl, "find_mentions", boom)
    recs = list(pipeline.process([_article(TEXT.replace("five", "six"), "bad"), _article(TEXT, "good")]))
    assert recs[0].errors[0].code == "processing_error" and "boom" in recs[0].errors[0].message
    assert recs[0].errors[0].stage == "entities"
    assert recs[0].text  # the story itself is kept
    assert not recs[1].errors


def test_pipeline_failing_stage_loses_only_its_own_fields(pipeline, monkeypatch):
    import eventwire.pipeline as pl

    def boom(*args):
        raise KeyError("x")

    monkeypatch.setattr(pl, "find_events", boom)
    (rec,) = pipeline.process([_article(TEXT)])
    assert [(e.code, e.stage) for e in rec.errors] == [("processing_error", "events")]
    assert rec.events == [] and rec.entities and rec.places and rec.dates and rec.quotes


def test_pipeline_stage_with_a_span_outside_the_text_fails_alone(pipeline, monkeypatch):
    import eventwire.pipeline as pl
    from eventwire.model import TimeRef

    monkeypatch.setattr(pl, "resolve_dates", lambda doc, published: [
        TimeRef(id="T1", text="x", start_char=5, end_char=10_000)])
    (rec,) = pipeline.process([_article(TEXT)])
    assert [e.stage for e in rec.errors] == ["dates"] and "outside the text" in rec.errors[0].message
    assert rec.dates == [] and rec.events and rec.entities


def _slow_quotes(doc, entities):
    import time

    time.sleep(30)
    return []


def test_pipeline_story_over_its_time_budget_keeps_earlier_stages(nlp, gazetteer, monkeypatch):
    import eventwire.pipeline as pl

    monkeypatch.setattr(pl, "find_quotes", _slow_quotes)
    pipeline = pl.Pipeline(nlp=nlp, gazetteer=gazetteer, time_budget=0.2)
    rec, ok = pipeline.process([_article(TEXT, "slow"), _article(TEXT.replace("five", "six"), "next")])
    assert [(e.code, e.stage) for e in rec.errors] == [("timeout", "quotes")]
    assert "time budget" in rec.errors[0].message
    assert rec.entities and rec.places and rec.dates and rec.quotes == [] and rec.events == []
    assert ok.input.path == "next" and ok.errors[0].code == "timeout"  # the batch went on


def test_pipeline_time_budget_outside_the_main_thread(nlp, gazetteer, monkeypatch):
    """No SIGALRM off the main thread: the budget is checked between stages."""
    import threading
    import time

    import eventwire.pipeline as pl

    monkeypatch.setattr(pl, "find_quotes", lambda doc, entities: time.sleep(0.3) or [])
    pipeline = pl.Pipeline(nlp=nlp, gazetteer=gazetteer, time_budget=0.1)
    out = []
    thread = threading.Thread(target=lambda: out.extend(pipeline.process([_article(TEXT)])))
    thread.start()
    thread.join()
    assert [(e.code, e.stage) for e in out[0].errors] == [("timeout", "events")]
    assert out[0].entities and out[0].events == []


def test_pipeline_cuts_a_sentence_without_end_before_parsing(pipeline, nlp):
    from eventwire.pipeline.nlp import MAX_SENTENCE_TOKENS

    clause = "the rebels attacked the village near the river and the soldiers fired at the fighters in Goma "
    text = clause * 200  # 3,600 words, no full stop
    doc = nlp(text)
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS
    (rec,) = pipeline.process([_article(text.strip() + ".")])
    assert not rec.errors and sum(len(e.mentions) for e in rec.events) >= 200


def test_pipeline_normal_sentences_are_not_cut(nlp):
    from eventwire.pipeline.nlp import cap_sentences

    long_sentence = ("Soldiers, police officers, militia fighters, volunteers and medics from the town of Goma, "
                     "where the rebels had attacked on Monday, ") * 5 + "said that the road was closed."
    doc = cap_sentences(nlp.make_doc(long_sentence))
    assert 100 < len(doc) and not any(t.is_sent_start for t in doc[1:])
    doc = cap_sentences(nlp.make_doc(" ".join([long_sentence] * 3)))  # each full stop starts the count again
    assert len(doc) > 300 and not any(t.is_sent_start for t in doc[1:])
    doc = cap_sentences(nlp.make_doc(" ".join([long_sentence.rstrip(".")] * 3)))
    cuts = [t.i for t in doc[1:] if t.is_sent_start]
    assert cuts and all(doc[i - 1].text == "," or doc[i].lower_ == "and" for i in cuts)


def test_pipeline_a_sentence_ends_after_the_platform_x(nlp):
    doc = nlp("The spokesman said in a statement posted on X. Militants attacked a passenger train. "
              "The book by George W. Bush sold well.")
    starts = [s[0].text for s in doc.sents]
    assert starts[:2] == ["The", "Militants"] and "Bush" not in starts


def test_pipeline_record_failure_is_the_storys_error(pipeline, monkeypatch):
    import eventwire.pipeline as pl

    def boom(view, **parts):
        raise ValueError("cannot map")

    monkeypatch.setattr(pl, "map_record_parts", boom)
    bad, good = pipeline.process([_article(TEXT, "bad"), _article(TEXT.replace("five", "six"), "next")])
    assert [(e.code, e.stage) for e in bad.errors] == [("processing_error", "record")] and bad.text
    assert good.input.path == "next" and good.errors[0].stage == "record"  # the batch went on
