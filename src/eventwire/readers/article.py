"""From a body of text and whatever metadata came with it to an :class:`~eventwire.model.Article`.

Every reader ends here, so datelines, copyright lines, publication dates, ids and the language check work the
same for .txt, HTML, feeds and JSON.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..errors import EmptyInput, UnsupportedLanguage
from ..language import detect_language
from ..model import Article, Dateline, InputRef, Published, article_id

SUPPORTED_LANGUAGES = frozenset({"en"})

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MONTH_RE = (r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
             r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")

# KYIV, March 14 (AFP) -   |   WASHINGTON (Reuters) —   |   GAZA CITY, Palestinian Territories, Jan. 3 (AP) --
# The place is written in capitals (the wire convention), which keeps ordinary first sentences out.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z\.'’\- ]{1,40}?)"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z\.'’\- ]{1,40}?))?"
    r"(?:,\s*(?P<date>" + _MONTH_RE + r"\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z\.&/ -]{0,30})\))?"
    r"\s*(?:-{1,2}|–|—)\s+"
)

# "© Copyright AFP 2024. All rights reserved."  "Copyright 2024 The Associated Press."  "(c) 2023 Reuters"
COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright)\s*(?:copyright\s*)?"
    r"(?:(?P<agency1>[^\d\n]{1,60}?)\s*)?(?P<year>(?:19|20)\d\d)\b[.,]?\s*(?P<agency2>[^\n.]{0,60})",
    re.IGNORECASE,
)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # no UTF-8 text holds one: U+FFFD takes its place
_RIGHTS = re.compile(r"all rights reserved\.?", re.IGNORECASE)


def split_dateline(body: str) -> tuple[Dateline | None, str]:
    """Split a wire dateline off the start of ``body``.

    >>> d, rest = split_dateline("KYIV, March 14 (AFP) - Fighters said ...")
    >>> (d.place, d.date, d.agency, rest)
    ('KYIV', 'March 14', 'AFP', 'Fighters said ...')
    >>> d, rest = split_dateline("BAMAKO, MALI, OCT 3 (REUTERS) - GUNMEN KILLED ...")
    >>> (d.place, d.date, d.agency, rest)
    ('BAMAKO, MALI', 'OCT 3', 'REUTERS', 'GUNMEN KILLED ...')
    """
    m = DATELINE.match(body)
    if not m:
        return None, body
    place = m.group("place").strip()
    # Require a real dateline: a capitalised place of letters, plus a date or an agency or a long dash.
    if len(place) < 2 or not any(c.isalpha() for c in place) or place.lower() == place:
        return None, body
    words = place.split()
    if len(words) > 4 or any(len(w) == 1 and w not in {"-"} for w in words):
        return None, body
    # With neither a date nor an agency, only a long dash after a real place name makes a dateline
    # ("BEIRUT — ..."), not "US - China talks".
    if not m.group("date") and not m.group("agency"):
        dash = m.group(0).rstrip()[-1]
        if dash == "-" and not m.group(0).rstrip().endswith("--") or len(place.replace(" ", "")) < 4:
            return None, body
    region = m.group("region")
    dateline = Dateline(
        text=m.group(0).strip(),
        place=place + (f", {region.strip()}" if region else ""),
        date=m.group("date"),
        agency=(m.group("agency") or "").strip() or None,
    )
    return dateline, body[m.end():]


def split_copyright(body: str) -> tuple[int | None, str | None, str]:
    """Remove a trailing copyright line; return (year, agency, body without it).

    >>> split_copyright("Text.\\n© Copyright AFP 2024. All rights reserved.")
    (2024, 'AFP', 'Text.')
    """
    lines = body.rstrip().split("\n")
    last = lines[-1]
    m = COPYRIGHT.match(last)
    if not m or len(last) > 200:
        return None, None, body
    agency = (m.group("agency1") or "").strip(" ,.") or _RIGHTS.sub("", m.group("agency2") or "").strip(" ,.")
    return int(m.group("year")), agency or None, "\n".join(lines[:-1]).rstrip()


def _dateline_date(text: str | None, year: int | None) -> str | None:
    if not text or year is None:
        return None
    m = re.match(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:,\s*(\d{4}))?", text)
    if not m:
        return None
    month = _MONTHS.get(m.group(1)[:3].lower())
    if month is None:
        return None
    try:
        return dt.date(int(m.group(3) or year), month, int(m.group(2))).isoformat()
    except ValueError:
        return None


def _local_day(moment: dt.datetime, zone: str | None) -> str:
    """The day of ``moment`` where the outlet is: a UTC timestamp is moved to the outlet's zone when it is known;
    a timestamp with another offset is already local."""
    if zone and moment.tzinfo is not None and moment.utcoffset() == dt.timedelta(0):
        from zoneinfo import ZoneInfo

        moment = moment.astimezone(ZoneInfo(zone))
    return moment.date().isoformat()


def _timestamp(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None


def parse_published(value: Any, zone: str | None = None) -> Published | None:
    """Read a metadata date (ISO string, 'YYYY-MM-DD HH:MM:SSZ', RFC 2822, struct_time, datetime). A UTC timestamp
    is read as a day in ``zone``, the outlet's time zone, when it is given (``data/outlet_timezones.tsv``).

    >>> parse_published("2025-03-14 20:30:26Z")
    Published(date='2025-03-14', precision='day', source='metadata')
    >>> parse_published("2025-03-13 02:40:11Z", "America/New_York").date
    '2025-03-12'
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return Published(date=_local_day(value, zone), precision="day", source="metadata")
    if isinstance(value, dt.date):
        return Published(date=value.isoformat(), precision="day", source="metadata")
    if hasattr(value, "tm_year"):  # time.struct_time from feedparser
        return Published(date=dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat(),
                         precision="day", source="metadata")
    if isinstance(value, (int, float)) and 1900 <= value <= 2100:
        return Published(date=str(int(value)), precision="year", source="metadata")
    text = str(value).strip()
    if re.fullmatch(r"(19|20)\d\d", text):
        return Published(date=text, precision="year", source="metadata")
    if re.fullmatch(r"(19|20)\d\d-\d\d", text):
        return Published(date=text, precision="month", source="metadata")
    m = re.match(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", text)
    if m and (moment := _timestamp(text)) is not None:
        return Published(date=_local_day(moment, zone), precision="day", source="metadata")
    if m:
        try:
            return Published(date=dt.date(*map(int, m.groups())).isoformat(), precision="day", source="metadata")
        except ValueError:
            return None
    from email.utils import parsedate_to_datetime

    try:
        return Published(date=_local_day(parsedate_to_datetime(text), zone), precision="day", source="metadata")
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow to import: only for dates in unusual formats

    parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})
    if parsed is None:
        return None
    return Published(date=parsed.date().isoformat(), precision="day", source="metadata")


def outlet_timezone(source: str | None, url: str | None) -> str | None:
    """The time zone of the outlet a story comes from, by its web host or its source name, when the table knows
    it (``data/outlet_timezones.tsv``)."""
    from ..data import outlet_timezones

    table = outlet_timezones()
    host = _host(url)
    for key in (host, source):
        if key and key.casefold() in table:
            return table[key.casefold()]
    return None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def build_article(
    body: str,
    *,
    input_ref: InputRef,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: Any = None,
    author: str | None = None,
    metadata: dict[str, Any] | None = None,
    languages: frozenset[str] | None = SUPPORTED_LANGUAGES,
) -> Article:
    """Finish an article: normalise newlines, split dateline and copyright, date it, id it, check language
    (``languages=None`` skips the check: for evaluation snippets too short to identify).

    Raises:
        EmptyInput: the body is empty once the dateline and copyright are removed.
        UnsupportedLanguage: the story is not in one of ``languages``.
    """
    where = input_ref.path
    text = _LONE_SURROGATE.sub("\ufffd", body).replace("\r\n", "\n").replace("\r", "\n").strip()
    year, copyright_agency, text = split_copyright(text)
    dateline, text = split_dateline(text.strip())
    text = text.strip()
    if not text:
        raise EmptyInput("no story text once the headline, dateline and copyright are removed.",
                         source=where, line=input_ref.line)
    language = detect_language(text)
    if languages is not None and language not in languages:
        raise UnsupportedLanguage(
            f"unsupported language: the story is in '{language}', eventwire reads English only. "
            "Leave it out or translate it first.", source=where, line=input_ref.line)
    pub = parse_published(published, outlet_timezone(source, url))
    if pub is None and dateline is not None:
        date = _dateline_date(dateline.date, year)
        if date:
            pub = Published(date=date, precision="day", source="dateline")
    if pub is None and year is not None:
        pub = Published(date=str(year), precision="year", source="copyright")
    meta = dict(metadata or {})
    return Article(
        id=article_id(text),
        title=(title or "").strip() or None,
        text=text,
        source=source or (dateline.agency if dateline else None) or copyright_agency or _host(url),
        url=url or None,
        published=pub,
        language=language,
        author=(author or "").strip() or None,
        dateline=dateline,
        input=input_ref,
        metadata=meta,
    )
