import pytest

from eventwire.model import InputRef
from eventwire.readers.article import parse_published, split_copyright, split_dateline
from eventwire.readers.text import read_text

REF = InputRef(path="t.txt")


def test_text_headline_dateline_copyright(fixtures):
    a = read_text((fixtures / "story.txt").read_text(), REF)
    assert a.title == "Rebels Seize Border Town After Two Days Of Fighting"
    assert a.dateline is not None
    assert (a.dateline.place, a.dateline.date, a.dateline.agency) == ("GOMA, Congo", "March 14", "Eventwire Wire")
    assert a.text.startswith("Rebels of the March 23 Movement")
    assert "Copyright" not in a.text and "GOMA" not in a.text
    assert a.source == "Eventwire Wire"
    # Dateline month and day plus the copyright year give a full date.
    assert a.published.model_dump() == {"date": "2024-03-14", "precision": "day", "source": "dateline"}


def test_text_copyright_year_only():
    a = read_text("Headline\nA body sentence of the story that the army said was true.\n"
                  "© Copyright AFP 2024. All rights reserved.", REF)
    assert a.published.model_dump() == {"date": "2024", "precision": "year", "source": "copyright"}
    assert a.source == "AFP"
    assert a.text == "A body sentence of the story that the army said was true."


@pytest.mark.parametrize("body,place,date,agency", [
    ("KYIV, March 14 (AFP) - Text", "KYIV", "March 14", "AFP"),
    ("WASHINGTON (Reuters) — Text", "WASHINGTON", None, "Reuters"),
    ("GAZA CITY, Jan. 3 (AP) -- Text", "GAZA CITY", "Jan. 3", "AP"),
    ("BEIRUT — Text", "BEIRUT", None, None),
])
def test_text_dateline_shapes(body, place, date, agency):
    d, rest = split_dateline(body)
    assert (d.place, d.date, d.agency, rest) == (place, date, agency, "Text")


@pytest.mark.parametrize("body", [
    "A coalition of fighters said - on Thursday - that raids would go on.",
    "US - China talks resumed.",
    "I - for one - disagree.",
])
def test_text_no_false_dateline(body):
    assert split_dateline(body) == (None, body)


@pytest.mark.parametrize("line,year,agency", [
    ("© Copyright AFP 2024. All rights reserved.", 2024, "AFP"),
    ("Copyright 2023 The Associated Press. All rights reserved.", 2023, "The Associated Press"),
    ("(c) 2022 Reuters", 2022, "Reuters"),
])
def test_text_copyright_shapes(line, year, agency):
    assert split_copyright("Body.\n" + line) == (year, agency, "Body.")


@pytest.mark.parametrize("value,expected", [
    ("2025-03-14 20:30:26Z", ("2025-03-14", "day")),
    ("2024-06-25T10:00:00+00:00", ("2024-06-25", "day")),
    ("Mon, 05 Feb 2024 09:30:00 GMT", ("2024-02-05", "day")),
    ("2024-05", ("2024-05", "month")),
    ("2024", ("2024", "year")),
    ("14 March 2024", ("2024-03-14", "day")),
    ("", None),
    ("not a date at all", None),
])
def test_text_published_formats(value, expected):
    p = parse_published(value)
    assert (None if p is None else (p.date, p.precision)) == expected


@pytest.mark.parametrize("value,zone,day", [
    ("2025-03-13 02:40:11Z", "America/New_York", "2025-03-12"),  # Wednesday evening in Washington
    ("2025-03-13 15:42:56Z", "America/New_York", "2025-03-13"),
    ("Thu, 13 Mar 2025 02:40:11 GMT", "America/New_York", "2025-03-12"),
    ("2025-03-13T02:40:11+05:00", "America/New_York", "2025-03-13"),  # an offset of its own is already local
    ("2025-03-13T23:30:00Z", "Asia/Karachi", "2025-03-14"),
    ("2025-03-13 02:40:11Z", None, "2025-03-13"),  # an outlet of unknown zone: the UTC day
    ("2025-03-13", "America/New_York", "2025-03-13"),  # a day without a time stays that day
])
def test_text_published_utc_timestamp_is_the_outlets_day(value, zone, day):
    assert parse_published(value, zone).date == day


def test_text_outlet_timezone_by_host_or_source():
    from eventwire.model import InputRef
    from eventwire.readers.article import build_article, outlet_timezone

    assert outlet_timezone(None, "https://www.voanews.com/a/story.html") == "America/New_York"
    assert outlet_timezone("VOA", None) == "America/New_York"
    assert outlet_timezone("Reuters", "https://www.reuters.com/x") is None  # files from everywhere: no zone
    article = build_article("Rebels attacked the town of Goma on Wednesday.", input_ref=InputRef(path="<test>"),
                            url="https://www.voanews.com/a/x.html", published="2025-03-13 02:40:11Z")
    assert article.published.date == "2025-03-12"
