"""Seats of institutions (pipeline/seats.py): an institution's own meeting, vote or statement happens where it sits
when the text says no more; nothing else is placed there, and a seat no event takes is no place of the record."""

import pytest

from eventwire.pipeline.seats import institutions, is_institution, seats


def _placed(record) -> dict[str, tuple[str | None, str | None]]:
    names = {p.id: p.name for p in record.places}
    return {record.text[slice(*v.evidence.trigger)]: (names.get(v.place), v.place_basis) for v in record.events}


@pytest.mark.parametrize("text,trigger,place", [
    # in the event's noun phrase
    ("Wood spoke ahead of a meeting of the U.N. Security Council to discuss North Korea's arms transfers.",
     "meeting", "New York City"),
    ("Russia then used its Security Council veto to shut down the panel, U.N. diplomats said.", "veto",
     "New York City"),
    # "of" hung on the verb by the parse, a day between
    ("The United States called a private meeting Wednesday of the U.N. Security Council to discuss Iran.",
     "meeting", "New York City"),
    # its doer
    ("The White House accused China of stealing trade secrets on Monday.", "accused", "Washington"),
    # where the event's clause says it was held
    ("Trump hosted Erdogan in the White House for what he called a wonderful meeting.", "meeting", "Washington"),
])
def test_seats_an_institutions_own_event_is_placed_where_it_sits(extract_text, text, trigger, place):
    record = extract_text(text)
    assert _placed(record)[trigger] == (place, "seat")
    seat = next(p for p in record.places if p.name == place)
    assert seat.mentions == [] and seat.geonames_id and seat.country


@pytest.mark.parametrize("text,trigger", [
    # another body of the same name: a country's Security Council, a state's General Assembly
    ("Russia's Security Council condemned the attack on Monday.", "condemned"),
    ("The Virginia General Assembly rejected the bill on Monday.", "rejected"),
    # a bare name in a story that never names the United Nations
    ("The Security Council rejected the plan on Monday.", "rejected"),
    # not the institution's own event: what it is told, asked or said about
    ("Protesters demanded that the White House release the files.", "demanded"),
])
def test_seats_not_the_institutions_own_event_is_not_placed_there(extract_text, text, trigger):
    record = extract_text(text)
    assert _placed(record).get(trigger, (None, None))[1] != "seat"


def test_seats_a_seat_no_event_takes_is_no_place_of_the_record_and_the_name_is_no_town(extract_text):
    record = extract_text("Reporters waited outside the White House for hours.")
    assert [p.name for p in record.places] == []  # not White House, Tennessee, nor Casablanca
    assert is_institution("the White House") and not is_institution("White House Road")


def test_seats_a_seat_the_story_names_is_its_own_place(extract_text):
    record = extract_text("Putin met Xi in Moscow on Friday. The Kremlin denounced the sanctions on Saturday.")
    moscow = [p for p in record.places if p.geonames_id == 524901]
    assert len(moscow) == 1 and moscow[0].mentions  # one record, the named one
    assert _placed(record)["denounced"] == ("Moscow", "seat")


def test_seats_table_is_whole():
    rows = seats()
    assert rows and all(r.names and r.seat and r.geonames_id > 0 for r in rows)
    found = institutions("The U.N. Security Council met. The Security Council voted.")
    assert [t for s, e, _ in found for t in ["The U.N. Security Council met. The Security Council voted."[s:e]]] == [
        "U.N. Security Council", "Security Council"]
