"""Places and dates the text supports: a story-wide fallback only where the story is about one place, and never
a date after the story was published for a thing already done.

The events stage gives an event whose sentence says not where the place the story names most (``place_basis:
"story"``) and one whose text gives no date the publication date. Read as whole stories, that is right for the
happening a story is about and wrong for most others: a statement is not made where the story's fighting is, and
an arrest told in passing years back did not happen on the publication day. :func:`ground_events` keeps

- the story's place only for a material happening, told as news (not as background), in a story about one
  country (:func:`about_one_place`); otherwise the place is null. Where the text puts a happening of the same type
  told as news in a narrower place inside the story's (a town in its country), that place is taken instead: "the
  attack" in a story about one hotel in Beledweyne is in Beledweyne (dev stories: place accuracy 0.672 -> 0.683);
- for a happening told as news whose text gives no date, the date of the happening told as news nearest before it
  in the story that the text dates to a day (``date_basis: "context"``: a reader carries the story's time on from
  "militants attacked the base on Tuesday" to "the army said it killed 12"), else the publication date (an
  undated lead is the newest news; dev stories: date accuracy 0.632 -> 0.654); a background one (``historical``)
  whose text gives no date has none;

records each event's ``date_basis`` (``text``, ``context`` or ``story``), ends the interval of a done thing at the
publication date ("this week" in a story of Wednesday is Monday to Wednesday), and reads a date after "since" as
the range from it to the publication date ("protests have continued since Feb. 1").
"""

from __future__ import annotations

import datetime as dt
import re

from ..geo.gazetteer import continent_of
from ..model import Event, EventDate, Place, Published
from ..ontologies import word_class

__all__ = ["SPEECH_ACTS", "about_one_place", "ground_events", "nested_places"]

_SINCE = re.compile(r"\b(?:since|ever since)\s+(?:the\s+)?$", re.IGNORECASE)

SPEECH_ACTS = word_class("SPEECH_ACTS")
"""Types told by saying: where they were said is not where the story's happenings are."""

ONE_PLACE_SHARE = 0.5
"""Share of the story's place mentions that the places in its main place's country must hold."""


def about_one_place(places: list[Place], main: Place | None) -> bool:
    """Whether the story is about ``main``'s country: the places in that country hold at least half of the story's
    place mentions, and no other country's places are named as often."""
    if main is None or main.country is None:
        return False
    by_country: dict[str | None, int] = {}
    for p in places:
        by_country[p.country] = by_country.get(p.country, 0) + len(p.mentions)
    own = by_country.pop(main.country, 0)
    total = own + sum(by_country.values())
    return total > 0 and own >= ONE_PLACE_SHARE * total and max(by_country.values(), default=0) < own


HISTORICAL_DAYS = 30
"""A happening told as news whose own date (its text's) ended this many days or more before the story was published
is background: ``historical`` ("In 2022, he and a colleague were arrested", "the Hanoi summit in February" in a story
of December). On the dev stories: status accuracy 0.757 -> 0.767; 14 days gave 0.777 and was not taken, a month
being the line an analyst's weekly counts can bear."""


def days_between(day: str, later: str) -> int:
    """Days from ``day`` to ``later`` (ISO dates; 0 when either is not one)."""
    try:
        return (dt.date.fromisoformat(later) - dt.date.fromisoformat(day[:10])).days
    except ValueError:
        return 0


def nested_places(a: Place | None, b: Place | None) -> bool:
    """The same place, or one inside the other: a town and its province or country ("near Sibi" and "in
    Balochistan province")."""
    if a is None or b is None:
        return False
    if a.id == b.id:
        return True
    for wide, narrow in ((a, b), (b, a)):  # "in Athens" and "the most powerful blast in Europe"
        if wide.country is None and narrow.country is not None and wide.geonames_id is not None and \
                continent_of().get(narrow.country) == wide.geonames_id:
            return True
    if a.country is None or a.country != b.country:
        return False
    for wide, narrow in ((a, b), (b, a)):
        if wide.feature == "country" and narrow.feature != "country":
            return True
        if wide.feature in ("admin1", "region") and narrow.feature == "city" and narrow.admin1 and \
                _region_name(wide.admin1 or wide.name) == _region_name(narrow.admin1):
            return True
    return False


_REGION_WORDS = frozenset("province state region oblast governorate district county department division".split())


def _region_name(name: str) -> str:
    """A first-level division's name without its kind: "Balochistan Province" and "Balochistan" are one."""
    return " ".join(w for w in name.lower().split() if w not in _REGION_WORDS)


def _focal_place(events: list[Event], by_id: dict[str, Place], main: Place, day: str | None) -> Place | None:
    """The place inside the story's own place where the text puts the likeliest happening of one type told as news:
    where the story's other happenings of that type whose sentences say not where are ("the attack" in a story
    about one hotel in Beledweyne is in Beledweyne, as benchmarks/stories codes it)."""
    best: tuple[float, Place] | None = None
    for ev in events:
        if ev.place_basis != "text" or ev.status not in (None, "reported") or day and ev.date is not None and \
                ev.date.text is not None and days_between(ev.date.end, day) >= HISTORICAL_DAYS:
            continue
        p = by_id.get(ev.place or "")
        if p is None or p.id == main.id or not nested_places(p, main) or (p.precision or 9) >= (main.precision or 9):
            continue
        if best is None or (ev.confidence or 0.0) > best[0]:
            best = (ev.confidence or 0.0, p)
    return best[1] if best else None


def _after_since(date: EventDate, text: str) -> bool:
    """Whether the text says "since" (or "ever since") just before the date: "protests have continued since Feb. 1"."""
    return date.start_char is not None and bool(_SINCE.search(text[max(0, date.start_char - 12):date.start_char]))


def _published_day(published: Published | None) -> str | None:
    return published.date if published is not None and published.precision == "day" else None


def _told_at(ev: Event) -> int:
    return ev.evidence.trigger[0] if ev.evidence and ev.evidence.trigger else ev.evidence.start if ev.evidence else 0


def _context_dates(events: list[Event], day: str | None) -> list[tuple[int, EventDate]]:
    """The days the text gives happenings told as news, by where they are told: each happening's own date, to the
    day, within :data:`HISTORICAL_DAYS` before the story's publication."""
    if not day:
        return []
    return sorted((_told_at(e), e.date) for e in events
                  if e.date is not None and e.date.text is not None and e.date.granularity == "day" and e.date.start
                  and e.status in (None, "reported") and 0 <= days_between(e.date.start, day) < HISTORICAL_DAYS)


def _context_date(ev: Event, dated: list[tuple[int, EventDate]]) -> EventDate | None:
    """The date of the happening told as news nearest before ``ev`` in the story, with that telling's span
    (:func:`_context_dates`); None when none is told before it (a story's undated lead is its newest news)."""
    at = _told_at(ev)
    before = [d for told, d in dated if told <= at]
    return before[-1] if before else None


def ground_events(events: list[Event], places: list[Place], published: Published | None,
                  text: str = "") -> list[Event]:
    """The events with the story-wide fallbacks kept only where the story supports them (module docstring)."""
    by_id = {p.id: p for p in places}
    story_places = {e.place for e in events if e.place_basis == "story"}
    main = by_id.get(next(iter(story_places))) if len(story_places) == 1 else None
    one_place = about_one_place(places, main)
    day = _published_day(published)
    focal = {t: _focal_place([e for e in events if e.type == t], by_id, main, day)
             for t in {e.type for e in events} - SPEECH_ACTS} if one_place and main is not None else {}
    dated = _context_dates(events, day)
    out = []
    for ev in events:
        update: dict = {}
        if day and ev.status in (None, "reported") and ev.date is not None and ev.date.text is not None and \
                ev.date.end and days_between(ev.date.end, day) >= HISTORICAL_DAYS and not _after_since(ev.date, text):
            ev = ev.model_copy(update={"status": "historical"})  # not "since Feb. 1", which runs to the story's day
        news = ev.status in (None, "reported")
        if ev.place_basis == "story":
            keep = one_place and news and ev.type not in SPEECH_ACTS
            place = focal.get(ev.type) or main  # one_place: main is a place
            update.update(place=place.id if keep else None, place_basis="story" if keep else None)
        date, basis = ev.date, None
        if date is not None:
            basis = "text" if date.text is not None else "story"
            if basis == "story" and not news:
                date, basis = None, None
            elif basis == "story" and (context := _context_date(ev, dated)) is not None:
                date, basis = context, "context"
            elif day and basis == "text" and date.start and date.start <= day and _after_since(date, text) and \
                    ev.evidence and ev.evidence.trigger and ev.evidence.trigger[0] < date.start_char:
                # "protests have continued since Feb. 1": from that day to the story's (not "since 2011, when the
                # government sent soldiers", where the sending is the date)
                date = date.model_copy(update={"end": day, "granularity": "range"})
            elif day and ev.status in (None, "reported", "historical") and date.start and date.end and \
                    date.start <= day < date.end:
                date = date.model_copy(update={"end": day})
        update.update(date=date, date_basis=basis)
        out.append(ev.model_copy(update=update))
    return out
