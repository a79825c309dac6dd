"""JSON and JSON Lines: objects with ``text`` (or ``body``/``content``) and optional metadata.

Recognised fields: ``title``, ``published`` (or ``date``), ``url``, ``source``, ``author``; every other field
(``id`` included) is kept in the article's ``metadata``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..errors import EventwireError, MalformedInput, TooLarge
from ..model import Article, InputRef
from .article import _LONE_SURROGATE, build_article
from .decode import decode_bytes

TEXT_FIELDS = ("text", "body", "content")
KNOWN_FIELDS = {"title", "published", "date", "url", "source", "author", *TEXT_FIELDS}


def scrub(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings (JSON may escape one, "\\ud800", which no UTF-8 text can
    hold) replaced by U+FFFD, the replacement character; keys likewise.

    >>> scrub({"text": "a\\ud800b", "tags": ["\\udfff"]}) == {"text": "a\\ufffdb", "tags": ["\\ufffd"]}
    True
    """
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [scrub(v) for v in value]
    if isinstance(value, dict):
        return {scrub(k): scrub(v) for k, v in value.items()}
    return value


def _bug(exc: Exception, input_ref: InputRef, line: int | None) -> MalformedInput:
    return MalformedInput(f"could not be read ({type(exc).__name__}: {exc}). This is a bug: please report it with "
                          "the input.", source=input_ref.path, line=line)


def article_from_object(obj: Any, input_ref: InputRef) -> Article:
    """Turn one decoded JSON object into an article.

    Raises:
        MalformedInput: not an object, or no text field.
    """
    where = input_ref.path
    obj = scrub(obj)
    if not isinstance(obj, dict):
        raise MalformedInput(f"expected a JSON object, found {type(obj).__name__}.", source=where,
                             line=input_ref.line)
    text = next((obj[k] for k in TEXT_FIELDS if isinstance(obj.get(k), str) and obj[k].strip()), None)
    if text is None:
        raise MalformedInput("no story text: the object needs a non-empty 'text', 'body' or 'content' string.",
                             source=where, line=input_ref.line)
    meta = {k: v for k, v in obj.items() if k not in KNOWN_FIELDS}
    source = obj.get("source")
    return build_article(
        text, input_ref=input_ref, title=obj.get("title") if isinstance(obj.get("title"), str) else None,
        url=obj.get("url") if isinstance(obj.get("url"), str) else None,
        source=source if isinstance(source, str) else None,
        published=obj.get("published") or obj.get("date"),
        author=obj.get("author") if isinstance(obj.get("author"), str) else None,
        metadata=meta,
    )


def read_jsonl(text: str, input_ref: InputRef) -> Iterator[Article | EventwireError]:
    """One article per non-blank line; a broken line is an error for that line, and reading goes on."""
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _jsonl_line(line, lineno, input_ref)


def _jsonl_line(line: str, lineno: int, input_ref: InputRef) -> Article | EventwireError:
    ref = input_ref.model_copy(update={"line": lineno})
    try:
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise MalformedInput(f"malformed JSON ({exc.msg} at column {exc.colno}). Fix or drop the line.",
                                 source=input_ref.path, line=lineno) from exc
        return article_from_object(obj, ref)
    except EventwireError as exc:
        exc.line = exc.line or lineno
        return exc
    except Exception as exc:  # one line's bug must not cost the file
        return _bug(exc, input_ref, lineno)


def stream_jsonl(fh: BinaryIO, input_ref: InputRef, max_bytes: int) -> Iterator[Article | EventwireError]:
    """:func:`read_jsonl` for a file of any size, a line at a time: memory holds one line, never the file.

    ``max_bytes`` bounds each line (one story) instead of the file; a longer line is an error for that line, skipped
    without being held, and reading goes on. Each line is UTF-8, else decoded as :func:`decode_bytes` decodes a
    file (its encoding is then in the article's metadata).
    """
    lineno = 0
    while True:
        raw = fh.readline(max_bytes + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # the rest of the overlong line, in pieces
                raw = fh.readline(1 << 20)
            yield TooLarge(f"the line is more than {max_bytes:,} bytes. Split the story, or raise --max-bytes.",
                           source=input_ref.path, line=lineno)
            continue
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            line, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                line, encoding = decode_bytes(raw, input_ref.path)
            except EventwireError as exc:
                exc.line = lineno
                yield exc
                continue
        item = _jsonl_line(line, lineno, input_ref)
        if isinstance(item, Article) and encoding != "utf-8":
            item = item.model_copy(update={"metadata": {**item.metadata, "encoding": encoding}})
        yield item


def read_json(text: str, input_ref: InputRef) -> Iterator[Article | EventwireError]:
    """A JSON document: one object, or an array of objects (each one article)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if text.lstrip().startswith("{") and "\n{" in text.strip():
            yield from read_jsonl(text, input_ref)  # JSON Lines saved as .json
            return
        raise MalformedInput(f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}).",
                             source=input_ref.path, line=exc.lineno) from exc
    items = data if isinstance(data, list) else [data]
    for i, obj in enumerate(items):
        ref = input_ref.model_copy(update={"entry": i}) if isinstance(data, list) else input_ref
        try:
            yield article_from_object(obj, ref)
        except EventwireError as exc:
            yield exc
        except Exception as exc:  # one entry's bug must not cost the file
            yield _bug(exc, input_ref, None)
