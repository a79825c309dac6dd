"""Records on their way to the store.

An ingest's record goes from the process that extracted it (a local worker, a Dask worker) through the command to
the store's writer. It travels as its JSON, which is what the writer reads, with the two fields the command looks
at on the way (its id, and its errors to report): made once where it was extracted, passed on as a string by the
processes in between instead of being unpickled and pickled again whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import ArticleRecord, ErrorInfo


@dataclass(frozen=True, slots=True)
class Packed:
    """A record as its JSON, with its id and errors (a record unpickled costs the command of a parallel ingest
    1.3 ms a story, the string next to nothing)."""

    id: str | None
    json: str
    errors: tuple[ErrorInfo, ...]

    def unpack(self) -> ArticleRecord:
        return ArticleRecord.model_validate_json(self.json)


def pack(record: ArticleRecord) -> Packed:
    """The record as it travels to the store.

    >>> from eventwire.errors import EventwireError
    >>> from eventwire.records import failure_record
    >>> packed = pack(failure_record(EventwireError("unreadable", source="feed.xml", line=3)))
    >>> packed.id, packed.errors[0].line, packed.unpack().input.path
    (None, 3, 'feed.xml')
    """
    return Packed(record.id, record.model_dump_json(), tuple(record.errors))
