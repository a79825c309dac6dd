"""Near-duplicate stories: the same wire story under other URLs is stored once, with every URL it appeared under."""

from __future__ import annotations

import hashlib
import json

import numpy as np

from eventwire import neardup

from .conftest import jsonl, voa_lines


def _edited(text: str) -> str:
    """A syndicated copy: one sentence dropped and a few words changed."""
    sentences = text.split(". ")
    return ". ".join(sentences[:2] + sentences[3:]).replace(" said ", " told reporters ", 1)


def test_signatures_are_stable_and_similarity_tracks_overlap():
    text = json.loads(voa_lines(1)[0])["text"]
    sig = neardup.signature(text)
    assert sig.dtype == np.uint32 and sig.shape == (neardup.NUM_PERM,)
    assert np.array_equal(sig, neardup.signature(text))
    assert np.array_equal(neardup.from_bytes(neardup.to_bytes(sig)), sig)
    copy = neardup.similarity(sig, neardup.signature(_edited(text)))
    other = neardup.similarity(sig, neardup.signature(json.loads(voa_lines(1, start=1)[0])["text"]))
    assert copy >= neardup.NEAR_DUPLICATE > 0.3 > other
    assert len(neardup.bands(sig)) == neardup.BANDS and all(0 <= b < 2**63 for b in neardup.bands(sig))


def test_signatures_are_those_stores_already_hold():
    # A store keeps signatures and band keys from earlier versions: a faster way of computing them must give the
    # same values (pinned from the first version's straightforward modulo).
    sig = neardup.signature("Gunmen ambushed a Malian army convoy near the border with Niger on Tuesday, killing 12 "
                            "soldiers, officials said.")
    assert hashlib.sha256(neardup.to_bytes(sig)).hexdigest() == \
        "79229c73f8c1101e565d6329eedfa80a3c0e6366461b83fd3fa63e656efa1905"
    assert neardup.bands(sig)[:2] == [2465027115449236149, 2355665821066360308]


def test_signature_of_nothing_and_of_few_words():
    assert neardup.shingles("") == set()
    assert neardup.shingles("Troops  withdrew.") == {"troops withdrew"}
    assert neardup.signature("").shape == (neardup.NUM_PERM,)


def test_a_copy_under_another_url_is_one_more_source(store, voa_records):
    original = voa_records[0]
    assert store.add(original) == "new"
    copy = original.model_copy(update={"id": "c0" * 8, "url": "https://example.org/syndicated",
                                       "source": "example.org", "text": _edited(original.text)})
    assert store.add(copy) == "duplicate"
    assert store.counts()["stories"] == 1
    sources = store.story(original.id)["sources"]
    assert [s["url"] for s in sources] == [original.url, "https://example.org/syndicated"]
    assert sources[0]["similarity"] == 1.0 and neardup.NEAR_DUPLICATE <= sources[1]["similarity"] < 1.0
    assert store.add(copy) == "duplicate" and len(store.story(original.id)["sources"]) == 2  # listed once
    same_text = original.model_copy(update={"url": "https://mirror.example/same"})
    assert store.add(same_text) == "stored"
    assert len(store.story(original.id)["sources"]) == 3
    assert store.near_duplicate(_edited(original.text), "https://third.example/x")[0] == original.id
    assert store.near_duplicate(original.text, original.url) is None  # the same URL again is a new version


def test_an_unrelated_story_is_new(store, voa_records):
    for record in voa_records[:3]:
        assert store.add(record) == "new"
    assert store.counts()["stories"] == 3


def test_ingest_stores_a_syndicated_copy_once(db_url, tmp_path, pipeline, monkeypatch):
    from click.testing import CliRunner

    from eventwire.cli import cli
    from eventwire.store import Store

    monkeypatch.setattr("eventwire.load_pipeline", lambda min_confidence=None: pipeline)
    story = json.loads(voa_lines(1)[0])
    copy = {**story, "id": "copy", "url": "https://example.org/wire/1", "title": "Another headline",
            "text": _edited(story["text"])}
    path = jsonl(tmp_path / "wire.jsonl", [json.dumps(story), json.dumps(copy)])
    result = CliRunner().invoke(cli, ["ingest", str(path), "--db", db_url])
    assert result.exit_code == 0, result.stderr
    assert "1 new, 1 already stored (1 of them near-duplicates under another URL), 0 failed" in result.stderr
    with Store.open(db_url) as store:
        assert store.counts()["stories"] == 1 and store.counts()["story_sources"] == 2
