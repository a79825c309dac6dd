"""The text the stages read: a normalised view of the story, with a map from its offsets back to the original's.

The record keeps the story's text as it came in, and every offset indexes that text. But the parser and the rules
read a cleaner view of it, in which

- invisible formatting characters are gone: NUL, the soft hyphen, zero-width spaces and joiners, the word joiner,
  a byte-order mark inside the text, and the bidirectional marks and embeddings (LRM, RLM, ALM, LRE ... PDI);
- other white space is a plain space (no-break and narrow no-break spaces, the em and en spaces, the ideographic
  space), the Unicode line and paragraph separators are newlines, and stray control characters are spaces;
- Turkish capital dotted I is I, whose lower case is one character as it is for every other letter ("İstanbul"
  lowercases to nine characters in Python, which broke offset arithmetic in the stages);
- each base character and its combining marks are in NFC ("Moi\\u0308se" reads as "Moïse");
- square brackets are spaces: an editor's words in a quote read as the quote's ("[We] urge ..." parsed to nothing);
- a story written in capitals is read in ordinary case (:mod:`.truecase`), letter for letter.

Text that needs none of this, nearly all of it, is its own view at no cost (:attr:`TextView.identity`). Otherwise
the stages run on the view, and :func:`map_record_parts` moves every span of their output back onto the original
text and takes each span's text from there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import Count, Entity, Event, EventDate, EventMention, Evidence, Place, Quote, TimeRef
from .truecase import all_capitals

__all__ = ["TextView", "clean_name", "map_record_parts", "text_view"]

_DROPPED = "\x00\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e" \
           "\u2066\u2067\u2068\u2069"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_CONTROLS = "".join(chr(c) for c in [*range(1, 9), 0x0B, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)])
_REPLACED = {**{c: " " for c in _SPACES + _CONTROLS}, "\u2028": "\n", "\u2029": "\n", "\u0130": "I",
             "[": " ", "]": " "}

_SPECIAL = re.compile("[" + re.escape(_DROPPED + "".join(_REPLACED)) + "]")


@dataclass(frozen=True, slots=True)
class TextView:
    """What the stages read (``text``) and, where it differs from ``original``, where each of its characters
    came from: character ``i`` of the view stands for ``original[starts[i]:ends[i]]``."""

    text: str
    original: str
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()
    truecased: bool = False

    @property
    def identity(self) -> bool:
        return self.text is self.original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original's offsets for the view's ``[start, end)`` (a non-empty span)."""
        if self.identity:
            return start, end
        return self.starts[start], self.ends[end - 1]


def text_view(text: str, truecase: Callable[[str], str] | None = None) -> TextView:
    """The normalised view of ``text`` (see the module's docstring).

    >>> v = text_view("Police in \\u200bİstanbul\\u00a0said")
    >>> v.text
    'Police in Istanbul said'
    >>> s, e = v.span(10, 18)
    >>> "Police in \\u200bİstanbul\\u00a0said"[s:e]
    'İstanbul'
    >>> text_view("Plain text.").identity
    True
    """
    view = _normalised(text)
    if truecase is not None and all_capitals(view.text):
        cased = truecase(view.text)
        if len(cased) == len(view.text):  # letter for letter: the map to the original stays as it is
            n = len(text)
            starts, ends = (view.starts, view.ends) if not view.identity else (tuple(range(n)), tuple(range(1, n + 1)))
            return TextView(cased, text, starts, ends, truecased=True)
    return view


def _normalised(text: str) -> TextView:
    if not _SPECIAL.search(text) and unicodedata.is_normalized("NFC", text):
        return TextView(text, text)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        j = i + 1
        while j < n and unicodedata.combining(text[j]):  # a base character and its combining marks: one unit
            j += 1
        if ch in _DROPPED:
            i += 1
            continue
        unit = _REPLACED.get(ch, ch) + text[i + 1:j]
        if j - i > 1 or not unicodedata.is_normalized("NFC", unit):
            unit = unicodedata.normalize("NFC", unit)
        out.append(unit)
        starts += [i] * len(unit)
        ends += [j] * len(unit)
        i = j
    view = "".join(out)
    if view == text:
        return TextView(text, text)
    return TextView(view, text, tuple(starts), tuple(ends))


def clean_name(text: str) -> str:
    """A name as the story spells it, in NFC and without invisible characters: "Go\u200bma" is "Goma", and
    "İstanbul" stays "İstanbul".

    >>> clean_name("Moi\u0308se\u00a0Katumbi")
    'Moïse Katumbi'
    """
    if not _SPECIAL.search(text) and unicodedata.is_normalized("NFC", text):
        return text
    kept = "".join(_REPLACED.get(ch, ch) if ch != "\u0130" else ch for ch in text if ch not in _DROPPED)
    return unicodedata.normalize("NFC", kept)


def _pair(view: TextView, span: Sequence[int] | None) -> tuple[int, int] | None:
    return None if span is None else view.span(span[0], span[1])


def _entity(view: TextView, ent: Entity) -> Entity:
    mentions = [view.span(s, e) for s, e in ent.mentions]
    # A name is written as the story writes it wherever one of its mentions spells it (a story in capitals: as
    # its ordinary-case view spells it).
    spelled = {view.text[s:e]: view.text[s:e] if view.truecased else clean_name(view.original[a:b])
               for (s, e), (a, b) in zip(ent.mentions, mentions, strict=True)}
    return ent.model_copy(update={"mentions": mentions, "name": spelled.get(ent.name, ent.name),
                                  "aliases": [spelled.get(a, a) for a in ent.aliases]})


def _quote(view: TextView, q: Quote) -> Quote:
    start, end = view.span(q.start, q.end)
    speaker_span, cue_span = _pair(view, q.speaker_span), _pair(view, q.cue_span)
    update = {"start": start, "end": end, "text": view.original[start:end], "speaker_span": speaker_span,
              "cue_span": cue_span}
    if speaker_span and q.speaker_text == view.text[q.speaker_span[0]:q.speaker_span[1]]:
        update["speaker_text"] = clean_name(view.original[speaker_span[0]:speaker_span[1]])
    if cue_span and q.cue == view.text[q.cue_span[0]:q.cue_span[1]]:
        update["cue"] = clean_name(view.original[cue_span[0]:cue_span[1]])
    return q.model_copy(update=update)


def _place(view: TextView, place: Place) -> Place:
    return place.model_copy(update={"mentions": [view.span(s, e) for s, e in place.mentions]})


def _time(view: TextView, t: TimeRef) -> TimeRef:
    start, end = view.span(t.start_char, t.end_char)
    return t.model_copy(update={"start_char": start, "end_char": end, "text": view.original[start:end]})


def _event_date(view: TextView, d: EventDate | None) -> EventDate | None:
    if d is None or d.start_char is None or d.end_char is None:
        return d
    start, end = view.span(d.start_char, d.end_char)
    return d.model_copy(update={"start_char": start, "end_char": end, "text": view.original[start:end]})


def _evidence(view: TextView, ev: Evidence | None) -> Evidence | None:
    if ev is None:
        return None
    start, end = view.span(ev.start, ev.end)
    return ev.model_copy(update={"start": start, "end": end, "text": view.original[start:end],
                                 "trigger": _pair(view, ev.trigger)})


def _count(view: TextView, c: Count) -> Count:
    start, end = view.span(c.start, c.end)
    return c.model_copy(update={"start": start, "end": end})


def _event(view: TextView, ev: Event | EventMention) -> Event | EventMention:
    update = {"date": _event_date(view, ev.date), "evidence": _evidence(view, ev.evidence),
              "counts": {k: _count(view, c) for k, c in ev.counts.items()}}
    if isinstance(ev, Event):
        update["mentions"] = [_event(view, m) for m in ev.mentions]
    return ev.model_copy(update=update)


def map_record_parts(view: TextView, *, entities: Sequence[Entity] = (), quotes: Sequence[Quote] = (),
                     places: Sequence[Place] = (), dates: Sequence[TimeRef] = (), events: Sequence[Event] = ()
                     ) -> dict[str, list]:
    """The stages' output with every span on the original text (and every span's text taken from it)."""
    if view.identity:
        return {"entities": list(entities), "quotes": list(quotes), "places": list(places), "dates": list(dates),
                "events": list(events)}
    return {"entities": [_entity(view, e) for e in entities], "quotes": [_quote(view, q) for q in quotes],
            "places": [_place(view, p) for p in places], "dates": [_time(view, d) for d in dates],
            "events": [_event(view, e) for e in events]}
