"""The ledger between reader and writer: progress marks reach the writer only after every item before them."""

from __future__ import annotations

from eventwire.ingest import InputEnd, Ledger, not_stored
from eventwire.model import Article, InputRef
from eventwire.packed import pack
from eventwire.records import to_record


class FakeWriter:
    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def put(self, record, fingerprint=None, mark=None):
        self.calls.append(("record", record.id, mark, fingerprint is not None))

    def put_copy(self, story_id, article, similarity, mark=None):
        self.calls.append(("copy", article.id))

    def put_mark(self, mark):
        self.calls.append(("mark", mark))


class FakeStore:
    """Holds the stories whose ids it is given; no near-duplicates."""

    def __init__(self, held: set[str]) -> None:
        self.held = held

    def stored_ids(self, ids):
        return {i for i in ids if i in self.held}

    def near_duplicates(self, items):
        return [None] * len(items)


def _article(i: int) -> Article:
    return Article(id=f"s{i}", text=f"Story {i} has its own words, number {i}.", input=InputRef(path="f", line=i))


def test_marks_follow_the_items_they_count():
    items = [(_article(1), ("f", 1)), (_article(2), ("f", 2)), (_article(3), ("f", 3)), (_article(4), ("f", 4)),
             InputEnd("f", 4)]
    writer = FakeWriter()
    ledger = Ledger(writer)
    counts = {"stored": 0, "duplicates": 0}
    read_ahead = list(not_stored(items, FakeStore({"s2", "s4"}), ledger, counts))  # as a batch being extracted
    assert [a.id for a in read_ahead] == ["s1", "s3"]
    for article in read_ahead:  # extraction: one record per item, in order
        ledger.stored(pack(to_record(article)))
    ledger.finish()
    assert writer.calls == [
        ("copy", "s2"), ("copy", "s4"),  # copies go at once: they need no extraction
        ("record", "s1", ("f", 1, False), True),
        ("mark", ("f", 2, False)),  # s2 is done, but only after s1 is queued
        ("record", "s3", ("f", 3, False), True),
        ("mark", ("f", 4, True)),  # s4, then the end of the input, in one mark
    ]
    assert counts == {"stored": 2, "duplicates": 0}


def test_a_rerun_over_stored_stories_keeps_one_entry():
    writer = FakeWriter()
    ledger = Ledger(writer)
    items = [(_article(i), ("f", i)) for i in range(1, 200)]
    list(not_stored(items, FakeStore({f"s{i}" for i in range(1, 200)}), ledger, {"stored": 0, "duplicates": 0}))
    marks = [c for c in writer.calls if c[0] == "mark"]
    assert marks and marks[-1] == ("mark", ("f", 199, False))
    assert len(ledger._entries) == 0
