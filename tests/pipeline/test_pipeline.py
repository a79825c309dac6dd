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
    assert recs[0].text  # the story itself is kept
    assert not recs[1].errors
