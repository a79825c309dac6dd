"""Readers: files, directories and stdin in; :class:`~eventwire.model.Article` or an error out, per item.

A reader never raises for a bad input: it yields the :class:`~eventwire.errors.EventwireError` in place of
the article, so a batch always goes on::

    for item in read_inputs(["stories/", "feed.xml"]):
        ...  # an Article, or an EventwireError for that input, file line or feed entry
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Literal

from ..errors import EmptyInput, EventwireError, MalformedInput, MissingPath, TooLarge
from ..model import Article, InputRef
from .decode import DEFAULT_MAX_BYTES, check_not_binary, decode_bytes, wide_bom
from .feed import looks_like_feed, read_feed
from .html import read_html
from .json import read_json, read_jsonl, stream_jsonl
from .text import read_text

Format = Literal["txt", "html", "feed", "json", "jsonl"]
FORMATS: tuple[str, ...] = ("txt", "html", "feed", "json", "jsonl")

EXTENSIONS: dict[str, Format] = {
    ".txt": "txt", ".text": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}

STDIN = "-"

__all__ = ["EXTENSIONS", "FORMATS", "Item", "expand_paths", "read_bytes", "read_inputs", "sniff_format"]

Item = Article | EventwireError


def sniff_format(text: str) -> Format:
    """Guess a format from content, for stdin and unknown extensions.

    >>> sniff_format('{"text": "a"}\\n{"text": "b"}')
    'jsonl'
    >>> sniff_format("<?xml version='1.0'?><rss><channel></channel></rss>")
    'feed'
    """
    head = text.lstrip()[:2000]
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        lines = [ln for ln in text.strip().splitlines() if ln.strip()]
        return "jsonl" if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines[:5]) else "json"
    if head.startswith("<"):
        return "feed" if looks_like_feed(head) else "html"
    return "txt"


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Directories recursively (files with a known extension, sorted, hidden ones skipped), else as given."""
    for p in paths:
        if p != STDIN and os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [os.path.join(root, f) for f in files
                          if not f.startswith(".") and Path(f).suffix.lower() in EXTENSIONS]
            yield from sorted(found)
        else:
            yield p


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None) -> bytes:
    """Read a whole input, refusing one above ``max_bytes``.

    Raises:
        MissingPath: no such file, a directory, or no permission.
        TooLarge: larger than ``max_bytes``.
    """
    if path == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        name = "<stdin>"
    else:
        name = path
        try:
            size = os.stat(path).st_size
        except FileNotFoundError:
            raise MissingPath("no such file or directory. Check the path.", source=path) from None
        except OSError as exc:
            raise MissingPath(f"cannot be read ({exc.strerror}).", source=path) from None
        if size > max_bytes:
            raise TooLarge(f"{size:,} bytes is above the limit of {max_bytes:,}. Split the file, or raise "
                           "--max-bytes.", source=path)
        with _open(path) as fh:
            try:
                data = fh.read(max_bytes + 1)
            except OSError as exc:
                raise MissingPath(f"cannot be read ({exc.strerror}). Check its permissions.", source=path) from None
    if len(data) > max_bytes:
        raise TooLarge(f"more than {max_bytes:,} bytes. Split the input, or raise --max-bytes.", source=name)
    return data


def _open(path: str) -> BinaryIO:
    """A file opened for reading bytes, or the reason it cannot be, as :class:`MissingPath`."""
    try:
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    except FileNotFoundError:
        raise MissingPath("no such file or directory. Check the path.", source=path) from None
    except IsADirectoryError:
        raise MissingPath("is a directory with no readable stories in it.", source=path) from None
    except OSError as exc:
        raise MissingPath(f"cannot be read ({exc.strerror}). Check its permissions.", source=path) from None


def read_path(path: str, *, fmt: Format | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
              stdin: BinaryIO | None = None) -> Iterator[Item]:
    """All articles (and per-item errors) in one input."""
    name = "<stdin>" if path == STDIN else path
    if (fmt or EXTENSIONS.get(Path(path).suffix.lower())) == "jsonl":
        yield from _stream_jsonl(path, name, max_bytes, stdin)
        return
    try:
        data = read_bytes(path, max_bytes, stdin)
        text, encoding = decode_bytes(data, name)
        kind = fmt or EXTENSIONS.get(Path(path).suffix.lower()) or sniff_format(text)
        ref = InputRef(path=name, format=kind)
        if kind == "feed":
            if not looks_like_feed(text):
                raise MalformedInput("not RSS or Atom (no <rss>, <feed> or <rdf:RDF> element). Check the file, "
                                     "or pass --input-format html.", source=name)
            items: Iterable[Item] = read_feed(data, ref)
        elif kind == "json":
            items = read_json(text, ref)
        elif kind == "jsonl":
            items = read_jsonl(text, ref)
        elif kind == "html":
            items = [read_html(text, ref)]
        else:
            items = [read_text(text, ref)]
        for item in items:
            if isinstance(item, Article) and encoding not in ("utf-8", "utf-8-sig", "ascii"):
                item = item.model_copy(update={"metadata": {**item.metadata, "encoding": encoding}})
            yield item
    except EventwireError as exc:
        exc.source = exc.source or name
        yield exc
    except Exception as exc:  # a reader's bug costs this input only, never the batch
        yield MalformedInput(f"could not be read ({type(exc).__name__}: {exc}). This is a bug: please report it "
                             "with the input.", source=name)


def _stream_jsonl(path: str, name: str, max_bytes: int, stdin: BinaryIO | None) -> Iterator[Item]:
    """A JSON Lines input a line at a time (:func:`.json.stream_jsonl`), so that no file is too large to read;
    ``max_bytes`` bounds each line. A file in UTF-16 or UTF-32 is read whole, as other formats are."""
    ref = InputRef(path=name, format="jsonl")
    if path == STDIN:
        yield from stream_jsonl(stdin if stdin is not None else sys.stdin.buffer, ref, max_bytes)
        return
    try:
        fh = _open(path)
    except MissingPath as exc:
        yield exc
        return
    with fh:
        start = fh.read(8192)
        if wide_bom(start):
            try:
                text, _ = decode_bytes(read_bytes(path, max_bytes), name)
                yield from read_jsonl(text, ref)
            except EventwireError as exc:
                yield exc
            return
        if not start.strip() and not fh.read(1 << 16).strip():
            yield EmptyInput("the input is empty. Check the file, or leave it out of the batch.", source=name)
            return
        try:
            check_not_binary(start, name)
        except EventwireError as exc:
            yield exc
            return
        fh.seek(0)
        try:
            yield from stream_jsonl(fh, ref, max_bytes)
        except OSError as exc:
            yield MissingPath(f"could not be read to the end ({exc.strerror}).", source=name)


def read_inputs(paths: Iterable[str], *, fmt: Format | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Every article in every input, in order; bad inputs come out as errors in their place."""
    for path in expand_paths(paths):
        yield from read_path(path, fmt=fmt, max_bytes=max_bytes, stdin=stdin)
