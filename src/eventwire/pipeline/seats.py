"""Seats of institutions: where an institution's own meetings, votes and statements happen when the text says no
more. "Wood spoke ahead of a meeting of the U.N. Security Council": the meeting is in New York; "the Kremlin
rejected the claim": in Moscow. An analyst codes these where the institution sits; eventwire did not place them
at all, since their sentences name no place.

The institutions and their seats are data (``ontologies/seats.tsv``). :func:`seat_places` (places stage) gives
each seat the story implies a place record of its own, with no mentions, unless the story names it already;
:func:`seat_of` (events stage) places an event at a seat only where the institution is the event's own: its
doer ("the Kremlin rejected"), in the event's noun phrase ("a meeting of the U.N. Security Council", "its Security
Council veto", "a meeting of the Security Council requested by ...") or where the event's clause says it was
held ("hosted Erdogan in the White House for a meeting"); and only for meetings, agreements and things said
(CONSULT, AGREE and the speech acts). Its ``place_basis`` is ``seat``; places no event took are dropped from the
record (:func:`drop_unused_seats`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Place
from ..ontologies import _rows, word_class
from .event_location import ancestor_ids

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..geo.gazetteer import Gazetteer

__all__ = ["SEAT_TYPES", "Seat", "drop_unused_seats", "institutions", "is_institution", "seat_of", "seat_places",
           "seats"]

SEAT_TYPES = word_class("SPEECH_ACTS") | {"CONSULT", "AGREE"}
"""The types an institution's seat can place: what it says, meets about and agrees (not what it orders done
elsewhere)."""


@dataclass(frozen=True, slots=True)
class Seat:
    names: tuple[str, ...]
    seat: str
    geonames_id: int
    needs: tuple[str, ...]  # words one of which the story must contain (a bare "Security Council")
    line: int


@lru_cache(maxsize=1)
def seats() -> tuple[Seat, ...]:
    """The rows of ``ontologies/seats.tsv``."""
    return tuple(Seat(tuple(n for n in c[0].split("|") if n), c[1], int(c[2]),
                      tuple(w for w in c[3].split("|") if w), lineno) for lineno, c in _rows("seats.tsv", 4))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    names = sorted({n for s in seats() for n in s.names}, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def _seat_named(name: str) -> Seat:
    return next(s for s in seats() if name in s.names)


# A capitalised word or a possessive just before a bare name makes it another body: "Russia's Security Council",
# "the National Security Council", "the Virginia General Assembly" (but "its Security Council veto").
_OTHER_BODY = re.compile(r"(?:\b(?!The\b|A\b)[A-Z][\w.-]*|['’]s)\s+$")


def is_institution(name: str) -> bool:
    """Whether a name is one of the table's institutions ("the White House" is no place: not White House,
    Tennessee, nor Casablanca)."""
    return bool(_pattern().fullmatch(name.removeprefix("the ").removeprefix("The ")))


def institutions(text: str) -> list[tuple[int, int, Seat]]:
    """Every mention of an institution of the table in ``text`` (start, end, its row); a bare name only where the
    story also says what it belongs to (the table's ``needs``) and no other body's name comes just before it."""
    out = []
    for m in _pattern().finditer(text):
        seat = _seat_named(m.group())
        if seat.needs:
            before = text[max(0, m.start() - 40):m.start()]
            if _OTHER_BODY.search(before) or not any(
                    re.search(r"(?<![\w.])" + re.escape(w) + r"(?!\w)", text) for w in seat.needs):
                continue
        out.append((m.start(), m.end(), seat))
    return out


def seat_places(text: str, places: list[Place], gazetteer: Gazetteer) -> list[Place]:
    """Place records for the seats of the institutions the story names, where the story does not name them itself
    (no mentions: the institution's words are the evidence, in each event's sentence)."""
    known = {p.geonames_id for p in places if p.geonames_id}
    out: list[Place] = []
    for seat in dict.fromkeys(s for _, _, s in institutions(text)):
        if seat.geonames_id in known:
            continue
        found = next((p for p in gazetteer.lookup(seat.seat) if p.geonames_id == seat.geonames_id), None)
        if found is None:
            continue  # a gazetteer without it (a test's small one)
        known.add(seat.geonames_id)
        out.append(Place(id=f"P{len(places) + len(out) + 1}", name=found.name, mentions=[],
                         geonames_id=found.geonames_id, lat=round(found.lat, 5) if found.lat is not None else None,
                         lon=round(found.lon, 5) if found.lon is not None else None, country=found.country,
                         admin1=found.admin1, feature="city", precision=1))
    return out


def _owns(tok: Token, inst: Token) -> bool:
    """Whether the institution (its head word ``inst``) is the event's own (module docstring)."""
    if inst.head.i == tok.i and inst.dep_ in ("nsubj", "nsubjpass", "compound", "poss", "nmod"):
        return True  # the Kremlin rejected; its Security Council veto; the council's vote
    if inst.dep_ == "pobj" and inst.head.dep_ == "agent" and inst.head.head.i == tok.i:
        return True  # was rejected by the Kremlin
    nouns = [tok] + ([tok.head] if tok.dep_ in ("acl", "relcl", "amod") else [])
    for noun in nouns:  # a meeting of the U.N. Security Council (requested by ...)
        if inst.dep_ == "pobj" and inst.head.lower_ == "of" and inst.head.head.i == noun.i:
            return True
    if inst.dep_ == "pobj" and inst.head.lower_ == "of" and tok.dep_ == "dobj" and inst.head.head.i == tok.head.i \
            and all(t.dep_ in ("npadvmod", "punct") for t in tok.doc[tok.i + 1:inst.head.i]):
        return True  # "called a meeting Wednesday of the U.N. Security Council": "of" hung on the verb by the parse
    # hosted Erdogan in the White House for a meeting: the clause the event is told in was held there
    return inst.dep_ == "pobj" and inst.head.lower_ in ("in", "at") and \
        inst.head.head.i in ancestor_ids(tok)[:HELD_STEPS]


HELD_STEPS = 6
"""How far up from the event's word the verb of a place it was held in may be (itself included)."""


def seat_of(tok: Token, sentence: Span, type_: str, named: list[tuple[int, int, Seat]], places: list[Place]
            ) -> tuple[Place, str] | None:
    """The seat of the institution whose event ``tok`` (of ``sentence``) tells (module docstring), with the rule's
    id, or None. ``named`` is the story's :func:`institutions`."""
    if type_ not in SEAT_TYPES or not named:
        return None
    doc = tok.doc
    by_id = {p.geonames_id: p for p in places if p.geonames_id}
    for start, end, seat in named:
        if start < sentence.start_char or end > sentence.end_char:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        place = by_id.get(seat.geonames_id)
        if span is not None and place is not None and _owns(tok, span.root):
            return place, f"seat:{seat.names[0]}"
    return None


def drop_unused_seats(places: list[Place], events: list) -> list[Place]:
    """The places without the seats no event took (a seat is a place of the record only as an event's)."""
    used = {e.place for e in events}
    return [p for p in places if p.mentions or p.id in used]
