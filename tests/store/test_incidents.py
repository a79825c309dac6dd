"""Cross-story events: stories that tell one happening share an incident; a person's merges and splits hold."""

from __future__ import annotations

import json
import math

import pytest

from eventwire.store import Filters, incidents

from .conftest import jsonl

STORIES = [
    {"url": "https://a.example/1", "source": "a.example", "published": "2025-03-12", "title": "Hotel attack",
     "text": "Al-Shabab militants stormed a hotel in Beledweyne, Somalia, on Tuesday, killing at least 12 people, "
             "police said."},
    {"url": "https://b.example/2", "source": "b.example", "published": "2025-03-12", "title": "Somalia: 12 killed",
     "text": "At least 12 people died when al-Shabab fighters attacked a hotel in the central Somali town of "
             "Beledweyne on Tuesday, officials said. The group claimed the assault."},
    {"url": "https://c.example/3", "source": "c.example", "published": "2025-03-12", "title": "Police station hit",
     "text": "Gunmen attacked a police station in Kismayo, Somalia, on Tuesday, killing three officers, a police "
             "spokesman said."},
]


@pytest.fixture(scope="module")
def three_records(pipeline, tmp_path_factory):
    from eventwire.readers import read_inputs

    path = jsonl(tmp_path_factory.mktemp("inc") / "three.jsonl", [json.dumps(s) for s in STORIES])
    return list(pipeline.process(read_inputs([str(path)])))


def _assaults(store):
    return {e["story_id"]: e for e in store.iter_events() if e["type"] == "ASSAULT"}


def _row(**kw):
    base = {"date_start": "2025-03-11", "lat": 4.7, "lon": 45.2, "country": "SOM", "geo_precision": 1,
            "fatalities": None, "names": set(), "named": False, "evidence": ""}
    return {**base, **kw}


def test_score_weighs_the_clues_and_vetoes_distance():
    same_day_town, clues = incidents.score(_row(), _row(lat=4.75))
    assert same_day_town >= incidents.THRESHOLD and set(clues) == {"date", "place"}
    assert incidents.score(_row(), _row(date_start="2025-03-14"))[0] < incidents.THRESHOLD  # a date alone
    assert incidents.score(_row(), _row(lat=-0.36, lon=42.5))[0] == -math.inf  # 600 km away
    assert incidents.score(_row(), _row(country="KEN"))[0] == -math.inf
    rivals = incidents.score(_row(names={"a"}, named=True), _row(names={"b"}, named=True))[1]
    assert rivals["parties"] < 0
    assert incidents.score(_row(fatalities=12), _row(fatalities=40))[1]["counts"] < 0


def test_a_follow_up_dated_to_the_month_joins_only_a_day_of_that_month_with_a_shared_party():
    """"Last April" in a story of July: the month's own days are its candidates, and it must name a party of the
    event it joins (a month and a town alone would join any attack there that month)."""
    later = _row(date_start="2025-03-01", date_granularity="month", names={"al-shabab"}, named=True)
    told = _row(date_start="2025-03-11", date_granularity="day", type="ASSAULT", names={"al-shabab"}, named=True,
                seq=1, id="e1", story_id="s1", incident_id=7)
    points, clues = incidents.score(later, told)
    assert points >= incidents.THRESHOLD and clues["date"] == incidents.MONTH_POINTS
    assert incidents.score(later, {**told, "names": set(), "named": False})[0] == -math.inf  # no shared party
    assert incidents.score(later, {**told, "date_start": "2025-04-02"})[0] == -math.inf  # another month
    row = {**later, "type": "ASSAULT"}
    assert incidents._best(row, [dict(told)])[2]["id"] == "e1"
    assert incidents._best(row, [{**told, "date_start": "2025-04-01"}]) is None  # the next month is not this one
    assert incidents._best({**row, "date_granularity": "year"}, [dict(told)]) is None  # a year says too little


def test_two_stories_of_one_attack_share_an_incident(store, three_records):
    for record in three_records:
        assert store.add(record) == "new"
    a, b, c = (_assaults(store)[r.id] for r in three_records)
    assert a["incident_id"] == b["incident_id"] != c["incident_id"]
    shared = store.incident(a["incident_id"])
    assert shared["stories"] == 2 and shared["events"] == 2
    assert shared["fatalities"] == 12 and shared["place"] == "Beledweyne"
    assert {s["outlet"] for s in shared["sources"]} == {"a.example", "b.example"}
    joined = next(s for s in shared["sources"] if s["score"] is not None)
    assert joined["score"] >= incidents.THRESHOLD and joined["why"]["date"] == 2.0
    assert shared["actor_names"].casefold().count("al-shabab") == 1


def test_stats_count_incidents_once(store, three_records):
    for record in three_records:
        store.add(record)
    events = {r["key"]: r["count"] for r in store.stats(by="type")}
    happenings = {r["key"]: r["count"] for r in store.stats(by="type", unit="incidents")}
    assert happenings["ASSAULT"] == events["ASSAULT"] - 1  # two stories, one attack
    assert store.stats(Filters(type="ASSAULT"), by="day", unit="incidents") == [{"key": "2025-03-11", "count": 2}]
    assert store.stats(Filters(type="ASSAULT"), by="day") == [{"key": "2025-03-11", "count": 3}]
    assert store.stats(by="actor", unit="incidents")


def test_merge_and_split_hold_across_re_extraction(store, three_records):
    for record in three_records:
        store.add(record)
    a, b, c = (_assaults(store)[r.id] for r in three_records)
    store.split(b["id"])
    store.merge([a["id"], c["id"]])
    after = _assaults(store)
    assert after[a["story_id"]]["incident_id"] == after[c["story_id"]]["incident_id"]
    assert after[b["story_id"]]["incident_id"] != after[a["story_id"]]["incident_id"]
    for record in three_records:  # re-extraction deletes and re-inserts the events: the decisions come back
        assert store.add(record, replace=True) == "replaced"
    again = _assaults(store)
    assert again[a["story_id"]]["incident_id"] == again[c["story_id"]]["incident_id"]
    assert again[b["story_id"]]["incident_id"] != again[a["story_id"]]["incident_id"]
    merged = store.incident(again[a["story_id"]]["incident_id"])
    assert merged["fatalities"] == 3 and merged["fatalities_max"] == 12  # the lowest figure, the highest beside it
    with pytest.raises(KeyError):
        store.merge([a["id"], "nope:V1"])


def test_relink_gives_older_events_an_incident(store, three_records):
    from sqlalchemy import update

    from eventwire.store.schema import events

    for record in three_records:
        store.add(record)
    with store.writer.begin() as conn:
        conn.execute(update(events).values(incident_id=None))
    assert store.relink() > 0
    a, b, _ = (_assaults(store)[r.id] for r in three_records)
    assert a["incident_id"] is not None and a["incident_id"] == b["incident_id"]


def test_future_and_negated_events_get_no_incident(filled):
    for e in filled.iter_events():
        assert (e["incident_id"] is None) == (e["status"] not in incidents.LINKED_STATUSES)


def test_events_commands(db_url, three_records):
    from click.testing import CliRunner

    from eventwire.cli import cli
    from eventwire.store import Store

    with Store.open(db_url) as store:
        for record in three_records:
            store.add(record)
        a, b, c = (_assaults(store)[r.id] for r in three_records)
    run = CliRunner().invoke
    shown = run(cli, ["events", "show", str(a["incident_id"]), "--db", db_url, "--format", "json"])
    assert shown.exit_code == 0 and len(json.loads(shown.stdout)["sources"]) == 2
    assert run(cli, ["events", "show", str(a["incident_id"]), "--db", db_url, "--format", "table"]).exit_code == 0
    assert run(cli, ["events", "split", b["id"], "--db", db_url]).exit_code == 0
    assert run(cli, ["events", "merge", a["id"], c["id"], "--db", db_url]).exit_code == 0
    assert run(cli, ["events", "merge", a["id"], "--db", db_url]).exit_code == 2
    missing = run(cli, ["events", "split", "nope:V9", "--db", db_url])
    assert missing.exit_code == 1 and "no such event" in missing.stderr
    assert run(cli, ["events", "show", "999999", "--db", db_url]).exit_code == 1
    assert run(cli, ["events", "relink", "--db", db_url]).exit_code == 0
    with Store.open(db_url) as store:
        after = _assaults(store)
        assert after[a["story_id"]]["incident_id"] == after[c["story_id"]]["incident_id"]
