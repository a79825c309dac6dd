"""The story-level scorer: one record per real event, duplicates and spurious records against precision."""

import json

import pytest

from eventwire.eval.stories import evaluate_stories, load_gold, sealed
from eventwire.model import InputRef
from eventwire.readers.article import build_article

from ..conftest import ROOT

GOLD = ROOT / "benchmarks" / "stories" / "voa-events.jsonl"

TEXT = ("Gunmen stormed a hotel in the Somali town of Beledweyne on Tuesday, killing five people. The attack "
        "lasted hours. Police arrested two men in Mogadishu on Wednesday. Officials said the country is calm.")


def _story(events):
    return {"id": "t1", "title": "t", "url": None, "published": "2025-03-12", "text": TEXT, "events": events}


def _mention(phrase):
    start = TEXT.index(phrase)
    return {"text": phrase, "start": start, "end": start + len(phrase)}


def _event(eid, typ, mentions, place, date, actor=(), status="reported"):
    return {"id": eid, "type": typ, "mentions": [_mention(m) for m in mentions], "actor": list(actor),
            "recipient": [], "place": place, "date": date, "status": status}


def test_stories_scorer_counts_found_duplicates_and_spurious(tmp_path, pipeline):
    gold = [
        _event("E1", "ASSAULT", ["stormed a hotel", "The attack"], {"name": "Beledweyne", "alt": [], "country": "SOM"},
               {"start": "2025-03-11", "end": "2025-03-11"}, actor=["Gunmen"]),
        _event("E2", "COERCE", ["arrested two men"], {"name": "Mogadishu", "alt": [], "country": "SOM"},
               {"start": "2025-03-12", "end": "2025-03-12"}),
        _event("E3", "PROTEST", ["Officials said"], None, None),  # a gold event eventwire cannot find
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(_story(gold)) + "\n")
    record = pipeline.process_article(build_article(TEXT, input_ref=InputRef(path="t"), published="2025-03-12"))
    result = evaluate_stories(str(path), pipeline)
    m = result.metrics["all"]
    kinds = {r["id"]: r["kind"] for r in result.predictions if r["kind"] != "gold"}
    assert len(kinds) == m["records"] == len([e for e in record.events if e.status not in ("hypothetical", "negated")])
    assert m["found"] == 2 and m["gold_events"] == 3 and m["recall"] == round(2 / 3, 4)
    assert m["precision"] == round(2 / m["records"], 4)
    assert list(kinds.values()).count("found") == 2
    assert m["records_per_found_event"] == round((2 + m["duplicates"]) / 2, 4)
    gold_rows = {r["id"]: r for r in result.predictions if r["kind"] == "gold"}
    assert gold_rows["t1:E3"]["predicted"] is None
    assert gold_rows["t1:E1"]["right"]["place"] and gold_rows["t1:E1"]["right"]["date"]
    assert gold_rows["t1:E2"]["right"]["place"]
    assert result.metrics[("sealed" if sealed("t1") else "dev")]["stories"] == 1


def test_stories_scorer_place_and_date_rules():
    from eventwire.eval.stories import _date_right
    from eventwire.model import Event, EventDate

    ev = Event(id="V1", type="ASSAULT", date=EventDate(start="2025-03-11", end="2025-03-11"))
    assert _date_right({"start": "2025-03-01", "end": "2025-03-31"}, ev)  # a day inside a month the text gives
    assert not _date_right({"start": "2025-03-12", "end": "2025-03-12"}, ev)
    assert not _date_right(None, ev)  # the story does not say: no date is right
    assert _date_right(None, Event(id="V2", type="ASSAULT"))


def test_stories_scorer_takes_the_gazetteers_names_for_an_unnamed_place(pipeline):
    """An institution's seat is named as GeoNames names it ("New York City"); gold naming the same place another
    way ("New York") is right, another place of that name is not."""
    from eventwire.eval.stories import _place_right
    from eventwire.model import ArticleRecord, Event, Place

    nyc = Place(id="P1", name="New York City", mentions=[], geonames_id=5128581, country="USA", feature="city")
    record = ArticleRecord(id="a1", text="A meeting of the U.N. Security Council.", places=[nyc])
    event = Event(id="V1", type="CONSULT", place="P1")
    gold = {"name": "New York", "alt": [], "country": "USA"}
    assert not _place_right(gold, record, event)  # by the names alone
    assert _place_right(gold, record, event, pipeline.gazetteer)
    assert not _place_right({"name": "Washington", "alt": [], "country": "USA"}, record, event, pipeline.gazetteer)


def test_stories_scorer_takes_a_country_by_any_of_its_names_for_a_party(pipeline):
    """A party the record names "U.S." or "Turkish" is the gold's "United States" or "Turkey"; an organisation
    described with the country ("U.S. military") is not the country."""
    from eventwire.eval.stories import _parties_right
    from eventwire.model import ArticleRecord, Entity

    text = "U.S. and Turkish officials met U.S. military officers."
    record = ArticleRecord(id="a1", text=text, entities=[
        Entity(id="E1", name="U.S.", type="GPE", aliases=[], mentions=[], country="USA"),
        Entity(id="E2", name="Turkish", type="NORP", aliases=[], mentions=[], country="TUR"),
        Entity(id="E3", name="U.S. military", type="ORG", aliases=[], mentions=[], country="USA")])
    g = pipeline.gazetteer
    assert not _parties_right(["United States"], record, ["E1"])  # by the names alone
    assert _parties_right(["United States"], record, ["E1"], g)
    assert _parties_right(["Turkey"], record, ["E2"], g) and not _parties_right(["Turkey"], record, ["E1"], g)
    assert not _parties_right(["United States"], record, ["E3"], g)
    assert not _parties_right([], record, ["E1"], g) and _parties_right([], record, [], g)


@pytest.mark.parametrize("story_id,fold", [("8008152", False), ("8006651", True)])
def test_stories_sealed_fold_is_fixed(story_id, fold):
    assert sealed(story_id) is fold


def test_stories_gold_file_is_consistent():
    stories = load_gold(GOLD)  # checks every mention's offsets
    assert len(stories) >= 40 and sum(len(s["events"]) for s in stories) >= 200
    assert sum(sealed(s["id"]) for s in stories) >= len(stories) // 4
    types = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "SANCTION", "THREATEN", "REQUEST", "ACCUSE", "REJECT",
             "CONSULT", "AGREE", "SUPPORT", "AID", "COOPERATE", "RETREAT", "CONCEDE"}
    for s in stories:
        assert "voanews.com" in s["url"] and s["credit"]
        for ev in s["events"]:
            assert ev["type"] in types and ev["mentions"] and ev["status"] in ("reported", "future", "historical")
            assert ev["date"] is None or ev["date"]["start"] <= ev["date"]["end"]


def test_stories_scorer_counts_a_record_joining_several_happenings(tmp_path, pipeline):
    """A record whose tellings fall in the phrases of two gold events of its type stands for two happenings."""
    gold = [_event("E1", "ASSAULT", ["stormed a hotel"], None, None),
            _event("E2", "ASSAULT", ["The attack"], None, None)]  # coded apart here, though the story tells one
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(_story(gold)) + "\n")
    result = evaluate_stories(str(path), pipeline)
    (row,) = [r for r in result.predictions if r["kind"] != "gold" and r["predicted"]["type"] == "ASSAULT"]
    assert row["joins"] == ["E1", "E2"]
    assert result.metrics["all"]["records_joining_happenings"] == 1
