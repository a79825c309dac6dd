"""Temporal expressions resolved against the story's date.

Spans come from spaCy's DATE entities and a few patterns of our own ("last summer" when NER misses it);
values come from rules for what news writes most (weekdays, "last week", month names, seasons, years, "since
2023", "three days ago") and from dateparser for explicit calendar dates. Values follow TimeML (``2013-03-22``,
``2013-03``, ``2013-W12``, ``2012-SU``, ``2013``, ``199`` for the 1990s, ``PRESENT_REF``), so they can be scored
against TempEval-3.

News conventions (see docs/dates.md):

- a weekday in a past-tense clause is the most recent such day, the story's own day included ("on Thursday" in
  a Thursday story is that day); in a future clause, the next one (the story's day included);
- a month or season without a year is the most recent one that has begun (past tense) or the next one not yet
  over (future tense);
- seasons are northern-hemisphere unless the story is placed south of the equator (``southern=True``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

Tense = Literal["past", "present", "future"]
Granularity = Literal["day", "week", "month", "season", "year", "range"]

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {name: i for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS.update({"sept": 9})
# TimeML season codes and the months they cover (northern hemisphere); winter starts in December of its year.
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9), "winter": ("WI", 12)}
SOUTHERN = {"SP": "FA", "SU": "WI", "FA": "SP", "WI": "SU"}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None}

_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
            r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_LEAD = re.compile(r"^(?:(?:on|in|at|during|by|until|till|for|of|around|about|as of|from|the|this past|"
                   r"early|late|mid-?|the end of|the beginning of|the start of|the middle of|end of|start of)\s+)+")


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A resolved temporal expression: a TimeML value and the calendar interval it covers."""

    value: str
    granularity: Granularity
    start: dt.date | None
    end: dt.date | None


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _day(d: dt.date) -> TimeValue:
    return TimeValue(d.isoformat(), "day", d, d)


def _month(year: int, month: int) -> TimeValue:
    return TimeValue(f"{year:04d}-{month:02d}", "month", dt.date(year, month, 1), _month_end(year, month))


def _year(year: int) -> TimeValue:
    return TimeValue(f"{year:04d}", "year", dt.date(year, 1, 1), dt.date(year, 12, 31))


def _week(d: dt.date) -> TimeValue:
    y, w, _ = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    return TimeValue(f"{y:04d}-W{w:02d}", "week", monday, monday + dt.timedelta(days=6))


def _season(year: int, code: str, southern: bool = False) -> TimeValue:
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    start = dt.date(year, start_month, 1)
    end_month = (start_month + 2 - 1) % 12 + 1
    end = _month_end(year + (end_month < start_month), end_month)
    return TimeValue(f"{year:04d}-{SOUTHERN[code] if southern else code}", "season", start, end)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBERS.get(word)


# "early September", "mid-2024", "late last year": the third of the month or year meant (TimeML's START, MID and
# END modifiers, read as days 1-10, 11-20 and 21 to the end of a month, or January-April, May-August and
# September-December of a year).
_PART = re.compile(r"^(?:(?:in|during|by|around|about|from|of|the|until)\s+)*(early|mid-?|middle of|late)\s*(?=\S)")
_THIRDS = {"early": 0, "mid": 1, "middle of": 1, "late": 2}
# "earlier this month", "later this week": the part of the unit before or after the story's day.
_EARLIER = re.compile(r"^(?:(?:in|during|by)\s+)?(earlier|later)\s+this\s+(?:week|month|year)$")


def _narrowed(value: TimeValue, text: str, anchor: dt.date) -> TimeValue:
    """``value`` cut to the part of it the expression's modifier names (see :data:`_PART` and
    :data:`_EARLIER`); otherwise ``value`` itself."""
    if value.start is None or value.end is None:
        return value
    start, end = value.start, value.end
    m = _EARLIER.match(text)
    if m:
        if m.group(1) == "earlier":
            end = min(end, anchor - dt.timedelta(days=1))
        else:
            start = max(start, anchor + dt.timedelta(days=1))
    else:
        m = _PART.match(text)
        if not m or value.granularity not in ("month", "year"):
            return value
        third = _THIRDS[m.group(1).rstrip("-")]
        if value.granularity == "month":
            start = start.replace(day=(1, 11, 21)[third])
            end = end if third == 2 else start.replace(day=start.day + 9)
        else:
            start = start.replace(month=(1, 5, 9)[third])
            end = _month_end(start.year, start.month + 3)
    if start > end:
        return value
    return TimeValue(value.value, "range", start, end)


def resolve_date(text: str, anchor: dt.date, tense: Tense | None = None, *, southern: bool = False) -> TimeValue | None:
    """Resolve one temporal expression against ``anchor`` (the story's date): :func:`_resolve`, narrowed to the part
    its modifier names ("early September": the 1st to the 10th; "earlier this month": up to the day before the
    story's)."""
    value = _resolve(text, anchor, tense, southern=southern)
    if value is None:
        return None
    return _narrowed(value, _normalised(text), anchor)


def _normalised(text: str) -> str:
    """An expression in lower case, with straight apostrophes, no commas and single spaces."""
    return " ".join(text.lower().replace("’", "'").replace(",", " ").split())


def _resolve(text: str, anchor: dt.date, tense: Tense | None = None, *, southern: bool = False) -> TimeValue | None:
    """Resolve one temporal expression against ``anchor`` (the story's date).

    Args:
        text: the expression as written ("on Thursday", "last summer", "March 14", "since 2023").
        anchor: the story's date.
        tense: the tense of the clause it sits in; decides "Thursday" and "March" without a year.
        southern: the story is about the southern hemisphere (seasons flip).

    Returns:
        The value, or None for expressions that name no date (durations, "every week").

    >>> a = dt.date(2013, 3, 22)  # a Friday
    >>> [resolve_date(t, a, "past").value for t in ["Thursday", "on Friday", "last summer", "the last week",
    ...                                               "August", "May 2010", "this week", "2009", "the 1990s"]]
    ['2013-03-21', '2013-03-22', '2012-SU', '2013-W11', '2012-08', '2010-05', '2013-W12', '2009', '199']
    >>> resolve_date("next Tuesday", a).value, resolve_date("Sunday", a, "future").value
    ('2013-03-26', '2013-03-24')
    >>> [resolve_date(t, a, "past").value for t in ["the end of year", "the end of the month", "the start of the year"]]
    ['2012', '2013-02', '2013']
    >>> resolve_date("March 3-4", a, "past").value, resolve_date("7-9 February 2012", a, "past").value
    ('2013-03-03/2013-03-04', '2012-02-07/2012-02-09')
    """
    t = _normalised(text)
    t = re.sub(r"'s$", "", t)
    raw = t
    if re.search(r"\b(?:every|each|per|a day|daily|weekly|monthly|annually)\b", t):
        return None
    future = tense == "future"
    # "the end of the year", "by the end of year", "the start of the month": the year or month meant. Told in the
    # past, a part that has not yet come this year (or month) is last year's ("peaked by the end of year" in a
    # March story is the end of the previous year).
    m = re.match(r"^(?:(?:by|at|until|before|after|since|in|from|toward|towards)\s+)?(?:the\s+)?"
                 r"(end|close|beginning|start|middle|turn)\s+of\s+(?:the\s+|this\s+)?(year|month)$", t)
    if m:
        part, unit = m.groups()
        late = part in ("end", "close", "turn")
        if unit == "year":
            not_yet = late and anchor.month < 12 or part == "middle" and anchor.month < 6
            return _year(anchor.year - 1 if tense == "past" and not_yet else anchor.year)
        not_yet = late and anchor.day < 25 or part == "middle" and anchor.day < 15
        return _month(*_shift_month(anchor.year, anchor.month, -1 if tense == "past" and not_yet else 0))
    t = _LEAD.sub("", re.sub(r"\bmid-(?=[a-z\d])", "mid ", t)).strip()  # "mid-September"
    if not t:
        return None

    # Ranges: "since 2023", "between 2020 and 2022", "from 2019 to 2021".
    m = re.match(r"^(?:since|from|between)\s+(.+?)\s+(?:to|and|until|through|-|–)\s+(.+)$", raw)
    if m:
        a, b = resolve_date(m.group(1), anchor, tense), resolve_date(m.group(2), anchor, tense)
        if a and b and a.start and b.end:
            return TimeValue(f"{a.value}/{b.value}", "range", a.start, b.end)
    m = re.match(r"^since\s+(.+)$", raw)
    if m:
        a = resolve_date(m.group(1), anchor, "past")
        if a and a.start:
            return TimeValue(f"{a.value}/{anchor.isoformat()}", "range", a.start, anchor)

    if t in ("today", "tonight", "this morning", "this afternoon", "this evening", "today's"):
        return _day(anchor)
    if t in ("yesterday", "last night", "yesterday's"):
        return _day(anchor - dt.timedelta(days=1))
    if t in ("tomorrow", "tomorrow's"):
        return _day(anchor + dt.timedelta(days=1))
    if t in ("now", "currently", "present", "the present", "at present", "nowadays", "these days", "recently",
             "current"):
        return TimeValue("PRESENT_REF", "day", anchor, anchor)
    if t in ("past", "the past", "formerly", "previously", "once"):
        return TimeValue("PAST_REF", "range", None, anchor)
    if t in ("future", "the future", "soon"):
        return TimeValue("FUTURE_REF", "range", anchor, None)

    m = re.match(r"^(this|last|next|previous|past|coming|current)\s+(week|month|year|weekend)$", t) or \
        re.match(r"^(earlier|later)\s+this\s+(week|month|year)$", t)
    if m:
        rel, unit = m.groups()
        delta = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
        if unit == "week" or unit == "weekend":
            return _week(anchor + dt.timedelta(weeks=delta))
        if unit == "month":
            return _month(*_shift_month(anchor.year, anchor.month, delta))
        return _year(anchor.year + delta)

    m = re.match(r"^(\w+)\s+(day|week|month|year)s?\s+(ago|earlier|before|later|from now|hence)$", t)
    if m:
        n = _number(m.group(1))
        if n is None:
            return None
        sign = -1 if m.group(3) in ("ago", "earlier", "before") else 1
        unit = m.group(2)
        if unit == "day":
            return _day(anchor + dt.timedelta(days=sign * n))
        if unit == "week":
            return _week(anchor + dt.timedelta(weeks=sign * n))
        if unit == "month":
            return _month(*_shift_month(anchor.year, anchor.month, sign * n))
        return _year(anchor.year + sign * n)

    # Seasons: "last summer", "this spring", "summer 2023", "the summer of 2023", "winter".
    m = re.match(r"^(?:(last|this|next|past|coming)\s+)?(spring|summer|autumn|fall|winter)"
                 r"(?:\s+(?:of\s+)?(\d{4}))?$", t)
    if m:
        rel, name, year = m.groups()
        code, start_month = SEASONS[name]
        if year:
            return _season(int(year), code, southern)
        # y0: the year of the latest such season that has begun by the anchor (winter counts from December).
        y0 = anchor.year if dt.date(anchor.year, start_month, 1) <= anchor else anchor.year - 1
        ongoing = anchor <= _season(y0, code).end  # type: ignore[operator]
        if rel in ("last", "past"):
            year_ = y0 - 1 if ongoing else y0
        elif rel in ("next", "coming"):
            year_ = y0 + 1
        elif rel == "this":
            year_ = y0 if ongoing or y0 == anchor.year else y0 + 1
        else:
            year_ = y0 + 1 if future and not ongoing else y0
        return _season(year_, code, southern)

    # Decades and years.
    m = re.match(r"^(?:the\s+)?(\d{3})0'?s$", t)
    if m:
        d = int(m.group(1))
        return TimeValue(m.group(1), "range", dt.date(d * 10, 1, 1), dt.date(d * 10 + 9, 12, 31))
    m = re.match(r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)[\s-]+century$", t)
    if m:
        c = int(m.group(1)) - 1
        return TimeValue(f"{c:02d}", "range", dt.date(max(c * 100, 1), 1, 1), dt.date(c * 100 + 99, 12, 31))
    m = re.match(r"^(?:the\s+)?(?:year\s+)?((?:1[5-9]|20)\d\d)$", t)
    if m:
        return _year(int(m.group(1)))
    m = re.match(r"^(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|last)\s+quarter(?:\s+(?:of\s+)?(\d{4}))?$", t)
    if m:
        q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "last": 4}[m.group(1)]
        year = int(m.group(2)) if m.group(2) else anchor.year
        start = dt.date(year, 3 * q - 2, 1)
        return TimeValue(f"{year:04d}-Q{q}", "range", start, _month_end(year, 3 * q))

    # Weekdays: "Thursday", "last Monday", "next Tuesday", "Sunday night".
    m = re.match(r"^(?:(last|this|next|coming|past)\s+)?(" + _WEEKDAY_RE + r")(?:\s+(?:morning|afternoon|evening|"
                 r"night))?$", t)
    if m:
        rel, name = m.groups()
        wd = WEEKDAYS.index(name)
        if rel in ("next", "coming") or (rel is None and future) or (rel == "this" and future):
            ahead = (wd - anchor.weekday()) % 7
            if rel in ("next", "coming") and ahead == 0:
                ahead = 7
            return _day(anchor + dt.timedelta(days=ahead))
        back = (anchor.weekday() - wd) % 7
        if rel in ("last", "past") and back == 0:
            back = 7
        return _day(anchor - dt.timedelta(days=back))

    # Spans of days in one month: "October 19-20", "March 3 to 5, 2024", "7-9 February" (never a year "1920").
    m = re.match(r"^(" + _MONTH_RE + r")\s+(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*(\d{1,2})(?:st|nd|rd|th)?"
                 r"(?:\s+(\d{4}))?$", t) or \
        re.match(r"^(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + _MONTH_RE +
                 r")(?:\s+(\d{4}))?$", t)
    if m:
        g = m.groups()
        month_word, d1, d2, year = (g[0], g[1], g[2], g[3]) if not g[0].isdigit() else (g[2], g[0], g[1], g[3])
        first = resolve_date(f"{month_word} {d1}" + (f" {year}" if year else ""), anchor, tense)
        if first is not None and first.start is not None and int(d2) > int(d1):
            try:
                end = first.start.replace(day=int(d2))
            except ValueError:
                return first
            return TimeValue(f"{first.value}/{end.isoformat()}", "range", first.start, end)
        return first
    # Month, day and year in any order: "March 14, 2024", "14 March 2024", "March 14", "March 2024", "March".
    m = re.match(r"^(" + _MONTH_RE + r")\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(\d{4}))?$", t) or \
        re.match(r"^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + _MONTH_RE + r")(?:\s+(\d{4}))?$", t)
    if m:
        a, b, year = m.groups()
        month_word, day = (a, b) if not a.isdigit() else (b, a)
        month = MONTHS[month_word.rstrip(".")]
        try:
            if year:
                return _day(dt.date(int(year), month, int(day)))
            cand = dt.date(anchor.year, month, int(day))
        except ValueError:
            return None
        if future and cand < anchor:
            cand = cand.replace(year=cand.year + 1)
        elif not future and cand > anchor + dt.timedelta(days=1) and (cand - anchor).days > 31:
            cand = cand.replace(year=cand.year - 1)
        return _day(cand)
    m = re.match(r"^(?:(last|this|next|past|coming)\s+)?(" + _MONTH_RE + r")(?:\s+(?:of\s+)?(\d{4}))?$", t)
    if m:
        rel, month_word, year = m.groups()
        month = MONTHS[month_word.rstrip(".")]
        if year:
            return _month(int(year), month)
        y = anchor.year
        if rel in ("next", "coming") or (rel is None and future):
            if month < anchor.month or (rel in ("next", "coming") and month == anchor.month):
                y += 1
        elif rel in ("last", "past"):
            if month >= anchor.month:
                y -= 1
        elif rel != "this" and month > anchor.month:
            y -= 1
        return _month(y, month)

    m = re.match(r"^(\d{4})-(\d\d)-(\d\d)$", t) or re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", t)
    if m and m.re.pattern.startswith("^(\\d{4})"):
        try:
            return _day(dt.date(*map(int, m.groups())))
        except ValueError:
            return None
    if re.search(r"\d", t) and re.search(_MONTH_RE, t):
        return _dateparser(t, anchor, future)
    return None


def _dateparser(text: str, anchor: dt.date, future: bool) -> TimeValue | None:
    import dateparser

    settings = {"RELATIVE_BASE": dt.datetime(anchor.year, anchor.month, anchor.day),
                "PREFER_DATES_FROM": "future" if future else "past", "REQUIRE_PARTS": ["month"],
                "RETURN_AS_TIMEZONE_AWARE": False}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return _day(parsed.date()) if parsed else None


_FUTURE_AUX = {"will", "'ll", "shall", "going"}
# Words whose "to" clause is yet to come: "due to resume on Friday", "set to meet on Tuesday", "plans to travel".
_FUTURE_HEADS = frozenset("going plan plans planned vowed vow vows expected due set scheduled slated poised "
                          "intend intends intended aim aims hope hopes promised pledged agreed ready".split())


def clause_tense(span: Span) -> Tense | None:
    """The tense of the clause a span sits in, from its governing verb and auxiliaries."""
    node = span.root
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("amod",):
            break
        if node.head.i == node.i:
            break
        node = node.head
    if node.pos_ not in ("VERB", "AUX"):
        return None
    words = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")} | {node.lower_}
    if words & _FUTURE_AUX or any(c.lower_ == "to" and node.head.lower_ in _FUTURE_HEADS for c in node.children):
        return "future"
    if node.tag_ in ("VBD", "VBN") or words & {"was", "were", "had", "did"}:
        return "past"
    if node.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"
    return None


# Expressions that spaCy's NER sometimes misses; matched on the text and added when no DATE covers them.
EXTRA_DATE = re.compile(
    r"\b(?:(?:last|this|next|past)\s+(?:spring|summer|autumn|fall|winter|week|month|year|weekend)|"
    r"(?:earlier|later)\s+this\s+(?:week|month|year)|yesterday|today|tomorrow|"
    r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b", re.IGNORECASE)


def find_date_spans(doc: Doc) -> list[Span]:
    """DATE entities, plus the patterns above where NER found nothing; in text order, without overlaps."""
    spans = [e for e in doc.ents if e.label_ == "DATE"]
    taken = [(s.start_char, s.end_char) for s in spans]
    for m in EXTRA_DATE.finditer(doc_text(doc)):
        s, e = m.span()
        if m.group(0).lower().startswith("on "):
            s += 3
        if any(a < e and s < b for a, b in taken):
            continue
        span = doc.char_span(s, e, alignment_mode="contract")
        if span is not None and len(span):
            spans.append(span)
            taken.append((s, e))
    return sorted(spans, key=lambda s: s.start_char)


def story_anchor(published) -> tuple[dt.date, str] | None:
    """The date relative expressions are resolved against, and how precise it is.

    A story dated to the year only is anchored mid-year (so "last summer" in a 2024 story is summer 2023); one
    dated to the month, mid-month. Days and weeks relative to such an anchor ("on Thursday" in a story dated
    only 2024) are then given the anchor's period, never a made-up day; months and seasons are kept.
    """
    if published is None:
        return None
    parts = [int(x) for x in published.date.split("-")]
    if published.precision == "day":
        return dt.date(*parts), "day"
    if published.precision == "month":
        return dt.date(parts[0], parts[1], 15), "month"
    return dt.date(parts[0], 7, 1), "year"


def published_period(published) -> TimeValue:
    """The calendar period a publication date covers: its day, month or year."""
    parts = [int(x) for x in published.date.split("-")]
    if published.precision == "day":
        return _day(dt.date(*parts))
    if published.precision == "month":
        return _month(parts[0], parts[1])
    return _year(parts[0])


def resolve_span(span: Span, anchor: dt.date) -> TimeValue | None:
    """:func:`resolve_date` for a span of a parsed story: the tense of its clause, and "today" in the sense of
    "nowadays" (``PRESENT_REF``), are read from the parse."""
    value = resolve_date(span.text, anchor, clause_tense(span))
    if value is not None and span.text.lower() == "today" and _generic_today(span):
        return TimeValue("PRESENT_REF", "day", anchor, anchor)
    return value


def _generic_today(span: Span) -> bool:
    """ "Today" in the sense of "nowadays": in a comparison ("faster than can be done today") or with "even"."""
    before = span.doc[max(span.sent.start, span.start - 6):span.start]
    return any(t.lower_ == "than" for t in before) or (len(before) > 0 and before[-1].lower_ in ("even", "still"))


def resolve_dates(doc: Doc, published) -> list:
    """Every temporal expression in ``doc`` as a :class:`~eventwire.model.TimeRef`, resolved against the story's
    date when it has one (without one, the expressions are kept with no value)."""
    from ..model import TimeRef

    anchor = story_anchor(published)
    day, precision = anchor if anchor is not None else (dt.date(2000, 7, 1), "none")
    refs = []
    for span in find_date_spans(doc):
        value = resolve_span(span, day)
        if value is None:
            continue  # durations, sets and vague phrases ("two days", "every week") name no date
        if precision == "none":
            value = None
        elif value.granularity in ("day", "week") and precision != "day" and value.value[:1].isdigit() \
                and not re.search(r"\b(1[5-9]|20)\d\d\b", span.text):
            value = _month(day.year, day.month) if precision == "month" else _year(day.year)
        refs.append(TimeRef(
            id=f"T{len(refs) + 1}", text=span.text, start_char=span.start_char, end_char=span.end_char,
            value=value.value if value else None,
            start=value.start.isoformat() if value and value.start else None,
            end=value.end.isoformat() if value and value.end else None,
            granularity=value.granularity if value else None))
    return refs
