"""Output edge: records to JSON Lines or a JSON array, written as they come so nothing is lost."""

from __future__ import annotations

from typing import Literal, TextIO

from .model import ArticleRecord

OutputFormat = Literal["json", "jsonl"]


class RecordWriter:
    """Write records one by one; ``json`` makes one array, ``jsonl`` one object per line."""

    def __init__(self, stream: TextIO, fmt: OutputFormat = "jsonl") -> None:
        self.stream = stream
        self.fmt = fmt
        self.count = 0

    def write(self, record: ArticleRecord) -> None:
        if self.fmt == "jsonl":
            self.stream.write(record.model_dump_json() + "\n")
        else:
            self.stream.write(("[\n" if self.count == 0 else ",\n") + record.model_dump_json(indent=2))
        self.count += 1
        self.stream.flush()

    def close(self) -> None:
        if self.fmt == "json":
            self.stream.write("[]\n" if self.count == 0 else "\n]\n")
        self.stream.flush()

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
