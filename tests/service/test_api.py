"""The HTTP API: filters as the CLI has them, pages and cursors, 404 and 422 for what is not there or not valid, and
schemathesis over the whole OpenAPI document (in process) finding no server error."""

from __future__ import annotations

import time

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from eventwire.model import ErrorInfo


@pytest.fixture(scope="module")
def client(app):
    return TestClient(app)


def test_health_and_openapi(client, served_store):
    health = client.get("/healthz").json()
    assert health["ok"] is True and health["version"]
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/events.geojson", "/api/stories/{story_id}",
            "/api/stats", "/api/actors", "/api/incidents/{incident_id}", "/healthz"} <= set(paths)


def test_events_pages_follow_the_cursor(client, served_store):
    seen, cursor = [], None
    while True:
        body = client.get("/api/events", params={"limit": 9, **({"cursor": cursor} if cursor else {})}).json()
        assert set(body) == {"items", "next_cursor", "total"}
        seen += [e["id"] for e in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == served_store.counts()["events"]


def test_filters_match_the_store(client, served_store):
    from eventwire.store import Filters

    kind = served_store.stats(by="type")[0]["key"]
    body = client.get("/api/events", params={"type": kind.lower(), "limit": 1000}).json()
    assert body["total"] == served_store.events(Filters(type=kind))["total"]
    assert {e["type"] for e in body["items"]} == {kind}
    stats = client.get("/api/stats", params={"by": "type", "type": kind}).json()
    assert stats == [{"key": kind, "count": body["total"]}]
    geo = client.get("/api/events.geojson", params={"type": kind}).json()
    assert geo["type"] == "FeatureCollection"
    assert all(f["properties"]["type"] == kind for f in geo["features"])


def test_min_confidence_filter(client, served_store):
    every = client.get("/api/events", params={"limit": 1000}).json()["items"]
    cut = sorted(e["confidence"] for e in every)[len(every) // 2]
    sure = client.get("/api/events", params={"limit": 1000, "min_confidence": cut}).json()
    assert {e["id"] for e in sure["items"]} == {e["id"] for e in every if e["confidence"] >= cut}
    assert client.get("/api/events", params={"min_confidence": 2}).status_code == 422


def test_answers_are_cached_until_the_store_changes(client, served_store, voa_records):
    url = "/api/stats?by=type&status=reported"
    first, again = client.get(url), client.get(url)
    assert again.headers["x-cache"] == "hit" and again.content == first.content
    served_store.add_failure(ErrorInfo(code="empty_input", message="a write", source="x.txt"))
    time.sleep(0.3)  # the generation is read at most every 0.25 s
    fresh = client.get(url)
    assert fresh.headers["x-cache"] == "miss" and fresh.json() == first.json()


def test_one_event_and_its_story(client, served_store):
    event = served_store.events(limit=1)["items"][0]
    assert client.get(f"/api/events/{event['id']}").json()["id"] == event["id"]
    story = client.get(f"/api/stories/{event['story_id']}").json()
    assert story["text"][event["evidence_start"]:event["evidence_end"]] == event["evidence"]
    assert story["record"]["id"] == event["story_id"] and any(e["id"] == event["id"] for e in story["events"])


def test_an_incident_lists_its_sources(client, served_store):
    event = next(e for e in served_store.iter_events() if e["incident_id"] is not None)
    body = client.get(f"/api/incidents/{event['incident_id']}").json()
    assert body["id"] == event["incident_id"] and event["id"] in {s["id"] for s in body["sources"]}


@pytest.mark.parametrize("url", ["/api/events/nope", "/api/stories/nope", "/api/events/" + "x" * 50,
                                 "/api/incidents/999999"])
def test_unknown_ids_are_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("params", [{"country": "Nigeria"}, {"since": "2025-13-01"}, {"bbox": "1,2"},
                                    {"limit": 5000}, {"limit": 0}, {"cursor": "garbage"}, {"status": "rumoured"},
                                    {"since": "2025-02-02", "until": "2025-01-01"}, {"actor": "x" * 10_000},
                                    {"text": "a\x00b"}])
def test_bad_parameters_are_422_with_a_message(client, params):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    assert r.json()["detail"][0]["msg"]


@pytest.mark.parametrize("value", ["'", "%", "';--", "NEAR(a b)", "\"", "a OR b*", "ü" * 30])
def test_hostile_values_get_results_not_errors(client, value):
    for field in ("actor", "text", "acled", "type", "story"):
        assert client.get("/api/events", params={field: value}).status_code == 200
    assert client.get("/api/actors", params={"q": value}).status_code == 200


def test_stats_by_every_key(client):
    for by in ("day", "week", "type", "country", "actor", "status", "acled"):
        r = client.get("/api/stats", params={"by": by})
        assert r.status_code == 200 and isinstance(r.json(), list)
    assert client.get("/api/stats", params={"by": "planet"}).status_code == 422
    assert client.get("/api/stats", params={"by": "week", "unit": "incidents"}).status_code == 200
    assert client.get("/api/stats", params={"unit": "mentions"}).status_code == 422


def test_no_request_makes_a_server_error(app):
    """schemathesis generates requests for every operation from the OpenAPI document and checks every answer: no 5xx,
    each status and body as documented. Its positive-data check is left out: some rules are not in the schema (since
    before until, a cursor this API gave), and such a request rightly gets 422."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None,
                  derandomize=True)
        def check(case):
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        check()


def test_edits_only_when_allowed(served_store):
    from eventwire.service import create_app

    read_only = TestClient(create_app(served_store))
    assert read_only.post("/api/incidents/split", json={"event": "x:V1"}).status_code in (404, 405)
    editable = TestClient(create_app(served_store, allow_edits=True))
    linked = [e for e in served_store.iter_events() if e["incident_id"] is not None][:2]
    split = editable.post("/api/incidents/split", json={"event": linked[0]["id"]})
    assert split.status_code == 200 and served_store.event(linked[0]["id"])["incident_id"] == split.json()["incident"]
    merged = editable.post("/api/incidents/merge", json={"events": [linked[0]["id"], linked[1]["id"]]})
    assert merged.status_code == 200
    assert served_store.event(linked[1]["id"])["incident_id"] == served_store.event(linked[0]["id"])["incident_id"]
    assert editable.post("/api/incidents/merge", json={"events": ["nope:V1", "nope:V2"]}).status_code == 404
    assert editable.post("/api/incidents/merge", json={"events": ["one"]}).status_code == 422
