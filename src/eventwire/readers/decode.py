"""Bytes to text: size limit, binary detection, encoding detection."""

from __future__ import annotations

import codecs
import unicodedata

from ..errors import BinaryInput, DecodeError, EmptyInput

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
"""Inputs larger than this (5 MB) are refused; a news story is rarely above 100 kB."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Share of control characters (other than tab, newline, carriage return, form feed) above which decoded
# "text" is really binary data.
_MAX_CONTROL_SHARE = 0.05
# Share of NUL bytes above which the input is binary (or UTF-16 without a byte-order mark). A few NULs in text are
# debris of a bad export: the text is read, and the stages read it without them (pipeline.textview).
_MAX_NUL_SHARE = 0.01
# Bytes other than the C0 controls (which no encoding of text but UTF-16 and UTF-32 uses for letters).
_TEXT_BYTES = bytes([0, 9, 10, 11, 12, 13, *range(0x20, 0x100)])
_TEXT_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


def _control_share(text: str) -> float:
    sample = text[:8192]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if (0 < ord(ch) < 32 and ch not in _TEXT_CONTROLS) or 0x7F <= ord(ch) < 0xA0)
    return bad / len(sample)


def wide_bom(head: bytes) -> bool:
    """Whether an input starts with a UTF-16 or UTF-32 byte-order mark (text that is not read a byte line at a time)."""
    return any(head.startswith(bom) for bom, encoding in _BOMS if encoding != "utf-8-sig")


def check_not_binary(head: bytes, source: str) -> None:
    """Raise :class:`BinaryInput` if the first bytes of an input hold NULs or control characters no text has."""
    if head.count(b"\x00") > _MAX_NUL_SHARE * len(head):
        raise BinaryInput("binary data, not text (NUL bytes). Pass text, HTML, a feed or JSON.", source=source)
    if len(head.translate(None, _TEXT_BYTES)) > _MAX_CONTROL_SHARE * len(head):
        raise BinaryInput("binary data, not text (control characters). Pass text, HTML, a feed or JSON.",
                          source=source)


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode ``data`` to text and name the encoding used.

    UTF-8 (with or without BOM) and BOM-marked UTF-16/32 are taken as they are; anything else is
    detected with charset-normalizer.

    Raises:
        EmptyInput: no bytes, or only white space.
        BinaryInput: NUL bytes or control characters that no text has.
        DecodeError: no encoding gives plausible text.
    """
    if not data.strip():
        raise EmptyInput("the input is empty. Check the file, or leave it out of the batch.", source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding), source), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {encoding} byte-order mark but is not {encoding} ({exc.reason})."
                                  " Re-save the file as UTF-8.", source=source) from exc
    check_not_binary(data[:8192], source)
    try:
        return _check_text(data.decode("utf-8"), source), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise DecodeError("not valid UTF-8 and no other encoding fits. Re-save the file as UTF-8.", source=source)
    encoding = _western_or(best.encoding, data)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError(f"not valid UTF-8 and not {encoding} either. Re-save the file as UTF-8.",
                          source=source) from exc
    return _check_text(text, source), encoding


# Single-byte code pages that charset-normalizer may offer for text written in Windows-1252 (Western Europe), whose
# bytes they all decode, to other letters: "São" read as cp1250 is "Săo", "naïve" "naďve".
_LATIN_PAGES = frozenset({"cp1250", "cp1254", "cp1257", "cp1258", "iso8859_1", "iso8859_2", "iso8859_4",
                          "iso8859_9", "iso8859_13", "iso8859_15", "iso8859_16", "mac_roman", "mac_latin2"})


def _implausible(text: str) -> int:
    """How many signs a decoding puts against a letter, as a wrong single-byte code page does ("odwiedzi³",
    "¿o³nierz": Polish "ł" and "ż" read as Windows-1252); ordinary punctuation does not count."""
    bad = 0
    for i, ch in enumerate(text):
        if 0x80 <= ord(ch) <= 0xFF and not ch.isalpha() and unicodedata.category(ch)[0] in "NPS" and (
                i > 0 and text[i - 1].isalpha() or i + 1 < len(text) and text[i + 1].isalpha()):
            bad += 1
    return bad


def _western_or(encoding: str, data: bytes) -> str:
    """Among Windows-1252, the Latin code page offered and Windows-1250, the one that puts the fewest signs against
    letters, in that order on a tie (Windows-1252 is the commonest: "São" read as cp1250 is "Săo", "naïve" "naďve";
    Polish read as cp1252 is "odwiedzi³").

    >>> _western_or("cp1250", "São Paulo’s naïve café".encode("cp1252"))
    'cp1252'
    >>> _western_or("cp1252", "Łódź i Kraków, które odwiedził prezydent z żołnierzami".encode("cp1250"))
    'cp1250'
    """
    if codecs.lookup(encoding).name.replace("-", "_") not in _LATIN_PAGES | {"cp1252"}:
        return encoding
    sample = data[:200_000]
    scores = []
    for rank, candidate in enumerate(dict.fromkeys(("cp1252", encoding, "cp1250"))):
        try:
            scores.append((_implausible(sample.decode(candidate)), rank, candidate))
        except UnicodeDecodeError:
            continue
    return min(scores)[2] if scores else encoding


def _check_text(text: str, source: str) -> str:
    if not text.strip():
        raise EmptyInput("the input holds only white space. Check the file, or leave it out of the batch.",
                         source=source)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise BinaryInput("binary data, not text (control characters). Pass text, HTML, a feed or JSON.",
                          source=source)
    return text
