"""Exports: ACLED's exact header, GDELT's 61 and 16 columns, RFC 7946 GeoJSON, PLOVER fields, a Parquet round trip."""

from __future__ import annotations

import csv
import json

import pytest

from eventwire import exports
from eventwire.store import Filters


def _export(store, fmt, path, **filters):
    return exports.export(store, fmt, str(path), Filters(**filters))


def test_acled_csv_has_acleds_columns_in_acleds_order(filled, tmp_path):
    out = tmp_path / "events.csv"
    n = _export(filled, "acled-csv", out)
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
        "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
        "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
    assert len(rows) == n + 1 and n == filled.counts()["events"]
    body = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert len({r["event_id_cnty"] for r in body}) == n
    for r in body:
        assert r["time_precision"] in ("", "1", "2", "3") and r["geo_precision"] in ("", "1", "2", "3")
        assert r["fatalities"].isdigit()
        if r["latitude"]:
            assert -90 <= float(r["latitude"]) <= 90 and r["iso"].isdigit() and r["country"]


def test_geojson_is_rfc_7946_lon_lat(filled, tmp_path):
    out = tmp_path / "events.geojson"
    _export(filled, "geojson", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    placed = {e["id"]: e for e in filled.iter_events() if e["lat"] is not None}
    assert len(data["features"]) == len(placed) > 0
    for feature in data["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert (lat, lon) == pytest.approx((placed[feature["id"]]["lat"], placed[feature["id"]]["lon"]), abs=1e-6)
        assert feature["properties"]["type"]


def test_gdelt_tables_have_gdelts_columns(filled, tmp_path):
    out = tmp_path / "events.export.CSV"
    n = _export(filled, "gdelt", out)
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == n and {len(r) for r in rows} == {61} and len(exports.GDELT_COLUMNS) == 61
    mentions = [line.split("\t") for line in (tmp_path / "events.mentions.CSV").read_text().splitlines()]
    assert mentions and {len(r) for r in mentions} == {16}
    ids = {r[0] for r in rows}
    assert {m[0] for m in mentions} == ids
    for r in rows:
        row = dict(zip(exports.GDELT_COLUMNS, r, strict=True))
        if row["EventCode"]:
            assert row["EventRootCode"] == row["EventCode"][:2] and row["QuadClass"] in "1234"


def test_plover_json_lines_have_the_manuals_fields(filled, tmp_path):
    out = tmp_path / "events.jsonl"
    _export(filled, "plover-json", out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows
    for r in rows:
        assert {"id", "date", "enddate", "actor", "recipient", "event", "mode", "context", "event_loc",
                "event_text", "size", "text_info", "cite_info", "story_id"} <= set(r)
        assert set(r["size"]) == {"dead", "injured", "arrested"}
        assert set(r["cite_info"]) == {"url", "title", "publication"}
        assert r["cite_info"]["url"].startswith("https://www.voanews.com/")


def test_parquet_round_trip_keeps_nested_types(filled, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    n = _export(filled, "parquet", out)
    table = pq.read_table(out)
    assert table.num_rows == n
    assert str(table.schema.field("date_start").type) == "date32[day]"
    assert str(table.schema.field("actors").type).startswith("list<element: struct<entity: string")
    rows = table.to_pylist()
    by_id = {e["id"]: e for e in filled.iter_events()}
    for row in rows:
        event = by_id[row["id"]]
        assert [a["name"] for a in row["actors"]] == [a["name"] for a in event["actors"]]
        assert row["fatalities"] == event["fatalities"]


def test_filters_apply_to_exports(filled, tmp_path):
    kind = filled.stats(by="type")[0]["key"]
    out = tmp_path / "one-type.jsonl"
    n = _export(filled, "plover-json", out, type=kind)
    assert n == filled.stats(by="type")[0]["count"]
    assert {json.loads(line)["event"] for line in out.read_text().splitlines()} == {kind}
