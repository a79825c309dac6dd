import pytest

from eventwire.pipeline.event_location import choose_location, place_spans
from eventwire.pipeline.mentions import find_mentions


@pytest.mark.parametrize("text,trigger,expected", [
    ("The fighters held a press conference in Kyiv after carrying out armed attacks in Russia's Belgorod and Kursk "
     "border regions.", "conference", "Kyiv"),
    ("The fighters held a press conference in Kyiv after carrying out armed attacks in Russia's Belgorod and Kursk "
     "border regions.", "attacks", "Belgorod"),
    ("U.S. forces captured the commander on Friday in Tikrit, officials said.", "captured", "Tikrit"),
    ("In the West Bank city of Nablus, a man was shot and killed on Saturday.", "shot", "Nablus"),
    ("Police arrested three suspects, a spokesman in Bogota told reporters.", "arrested", None),
    ("Gunmen killed five villagers, the army said.", "killed", None),
])
def test_event_location_rules(nlp, gazetteer, text, trigger, expected):
    doc = nlp(text)
    start = text.index(trigger)
    span = doc.char_span(start, start + len(trigger))
    chosen = choose_location(span, *place_spans(doc, find_mentions(doc, gazetteer)))
    assert (chosen.text if chosen is not None else None) == expected or (
        expected is not None and chosen is not None and chosen.text.startswith(expected))
