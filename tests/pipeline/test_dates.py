import datetime as dt

import pytest

from eventwire.model import Published
from eventwire.pipeline.dates import resolve_date, resolve_dates, story_anchor

FRI = dt.date(2013, 3, 22)  # a Friday
THU = dt.date(2024, 3, 21)  # a Thursday


@pytest.mark.parametrize("text,anchor,tense,value", [
    # Weekdays: the news convention includes the story's own day; past looks back, future forward.
    ("on Thursday", THU, "past", "2024-03-21"),
    ("Thursday", FRI, "past", "2013-03-21"),
    ("Friday", FRI, "past", "2013-03-22"),
    ("Monday", FRI, "future", "2013-03-25"),
    ("Friday", FRI, "future", "2013-03-22"),
    ("last Friday", FRI, "past", "2013-03-15"),
    ("next Friday", FRI, None, "2013-03-29"),
    ("Sunday night", FRI, "past", "2013-03-17"),
    ("yesterday", FRI, None, "2013-03-21"),
    ("today", FRI, None, "2013-03-22"),
    # Weeks, months, years relative to the story.
    ("last week", FRI, None, "2013-W11"),
    ("the past week", FRI, None, "2013-W11"),
    ("this week", FRI, None, "2013-W12"),
    ("next week", FRI, None, "2013-W13"),
    ("earlier this month", FRI, None, "2013-03"),
    ("last month", dt.date(2013, 1, 10), None, "2012-12"),
    ("this year", FRI, None, "2013"),
    ("next year", FRI, "future", "2014"),
    ("three days ago", FRI, None, "2013-03-19"),
    ("two years ago", FRI, None, "2011"),
    # Month names: the most recent one in the past tense, the next one in the future tense.
    ("August", FRI, "past", "2012-08"),
    ("in March", FRI, "past", "2013-03"),
    ("in August", FRI, "future", "2013-08"),
    ("last July", FRI, None, "2012-07"),
    ("early December", FRI, "past", "2012-12"),
    ("March 14", FRI, "past", "2013-03-14"),
    ("December 20", FRI, "past", "2012-12-20"),
    ("May 2010", FRI, None, "2010-05"),
    ("14 March 2024", FRI, None, "2024-03-14"),
    ("March 14, 2024", FRI, None, "2024-03-14"),
    # Seasons.
    ("last summer", FRI, None, "2012-SU"),
    ("last summer", dt.date(2024, 7, 15), None, "2023-SU"),
    ("last summer", dt.date(2024, 10, 1), None, "2024-SU"),
    ("this summer", FRI, "future", "2013-SU"),
    ("the summer of 2023", FRI, None, "2023-SU"),
    ("winter", dt.date(2024, 1, 20), "past", "2023-WI"),
    # Years, decades, centuries, quarters.
    ("2009", FRI, None, "2009"),
    ("in 2023", FRI, None, "2023"),
    ("the 1990s", FRI, None, "199"),
    ("the 20th century", FRI, None, "19"),
    ("the first quarter", FRI, None, "2013-Q1"),
    ("now", FRI, None, "PRESENT_REF"),
    # Ranges.
    ("since 2023", dt.date(2024, 3, 21), None, "2023/2024-03-21"),
    ("between 2020 and 2022", FRI, None, "2020/2022"),
])
def test_dates_resolve(text, anchor, tense, value):
    got = resolve_date(text, anchor, tense)
    assert got is not None and got.value == value


@pytest.mark.parametrize("text,anchor,interval", [
    # A modifier names a third of the month or year: its value stays the month's or year's, its interval narrows.
    ("in early September", dt.date(2024, 10, 3), ("2024-09-01", "2024-09-10")),
    ("mid-September", dt.date(2024, 10, 3), ("2024-09-11", "2024-09-20")),
    ("late September", dt.date(2024, 10, 3), ("2024-09-21", "2024-09-30")),
    ("late February", dt.date(2024, 3, 3), ("2024-02-21", "2024-02-29")),
    ("early 2024", FRI, ("2024-01-01", "2024-04-30")),
    ("mid-2023", FRI, ("2023-05-01", "2023-08-31")),
    ("late last year", FRI, ("2012-09-01", "2012-12-31")),
    # "earlier this month" ends the day before the story's; "later this week" starts the day after.
    ("earlier this month", FRI, ("2013-03-01", "2013-03-21")),
    ("later this week", THU, ("2024-03-22", "2024-03-24")),
    # ... unless nothing of the unit is left: on the first of a month, "earlier this month" is the month
    ("earlier this month", dt.date(2024, 10, 1), ("2024-10-01", "2024-10-31")),
])
def test_dates_modifiers_narrow_the_interval(text, anchor, interval):
    got = resolve_date(text, anchor, "past")
    assert (got.start.isoformat(), got.end.isoformat()) == interval


@pytest.mark.parametrize("text", ["every week", "a decade", "two days", "each season", "daily"])
def test_dates_durations_and_sets_are_not_dates(text):
    assert resolve_date(text, FRI, "past") is None


def test_dates_intervals():
    got = resolve_date("last summer", FRI, None)
    assert (got.start, got.end, got.granularity) == (dt.date(2012, 6, 1), dt.date(2012, 8, 31), "season")
    got = resolve_date("last week", FRI, None)
    assert (got.start, got.end) == (dt.date(2013, 3, 11), dt.date(2013, 3, 17))
    assert resolve_date("winter 2023", FRI, None).end == dt.date(2024, 2, 29)
    assert resolve_date("summer 2023", FRI, None, southern=True).value == "2023-WI"


def test_dates_year_anchor_keeps_seasons_but_not_days():
    anchor = story_anchor(Published(date="2024", precision="year", source="copyright"))
    assert anchor == (dt.date(2024, 7, 1), "year")


def test_dates_in_a_story(nlp):
    doc = nlp("A coalition of fighters on Thursday vowed to continue their raids. Last summer, they entered the "
              "Bryansk region. Russia has reinforced the border since the fighters began their incursions in 2023.")
    by_day = {d.text: d for d in resolve_dates(doc, Published(date="2024-03-21", precision="day", source="metadata"))}
    assert by_day["Thursday"].value == "2024-03-21"
    assert by_day["Last summer"].value == "2023-SU" and by_day["Last summer"].granularity == "season"
    assert by_day["2023"].value == "2023"
    for d in by_day.values():
        assert doc.text[d.start_char:d.end_char] == d.text
    by_year = {d.text: d for d in resolve_dates(doc, Published(date="2024", precision="year", source="copyright"))}
    assert by_year["Thursday"].value == "2024" and by_year["Thursday"].granularity == "year"
    assert by_year["Last summer"].value == "2023-SU"
    undated = resolve_dates(doc, None)
    assert [d.value for d in undated] == [None, None, None]


@pytest.mark.parametrize("text,tense,value", [
    ("the end of year", "past", "2012"),  # told in March 2013: the end of year that has passed
    ("by the end of the year", "future", "2013"),
    ("the end of the month", "past", "2013-02"),
    ("the start of the year", "past", "2013"),
])
def test_dates_parts_of_a_year_or_month(text, tense, value):
    assert resolve_date(text, FRI, tense).value == value


def test_dates_today_as_nowadays(nlp):
    doc = nlp("The machine could solve problems millions of times faster than can be done today. It was shown "
              "to reporters today.")
    values = [d.value for d in resolve_dates(doc, Published(date="2013-03-22", precision="day", source="metadata"))]
    assert values == ["PRESENT_REF", "2013-03-22"]
