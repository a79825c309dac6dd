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
    # A place that acts or owns is not where: the subject of the verb, a possessor of a thing.
    ("Washington and its allies killed scores of fighters in the opening hours of air strikes.", "killed", None),
    ("Militants detonated a roadside bomb under Israel's armored vehicles, killing six soldiers.", "detonated", None),
    # ... but a place that owns a site locates the event there.
    ("A monk was shot on Wednesday at Bethlehem's Church of the Nativity.", "shot", "Bethlehem"),
    # Proper names before a place noun, and Arabic names after a lowercase article.
    ("The blast targeted a busy car market in the predominately Shiite al-Bayaa district.", "targeted", "al-Bayaa"),
    ("The army began a new offensive on the city of al-Tall on Monday.", "began", "al-Tall"),
    # Who a passive's "by" names, or who a measure is "on", is no place of it.
    ("The alliance was sanctioned by Beijing earlier this year.", "sanctioned", None),
    ("The Security Council ramped up sanctions on North Korea in 2016.", "sanctions", None),
    ("The European Union imposed new sanctions on Turkey on Monday.", "imposed", None),
    # What an event is about is not where it happened: "about", "regarding", a happening "over" names ...
    ("Students held protests over the war in Gaza on Tuesday.", "protests", None),
    ("Diplomats held talks about the fighting in Sudan on Monday.", "talks", None),
    # ... but a place "over" names, or a thing over it, is where: airstrikes over a town hit it.
    ("The air force carried out airstrikes over the town of Deir Khabiyeh on Friday.", "airstrikes",
     "Deir Khabiyeh"),
    # Where a named person is from yields to where the sentence puts the event.
    ("John Smith, 45, of Leeds, was arrested in London on Friday.", "arrested", "London"),
])
def test_event_location_rules(nlp, gazetteer, text, trigger, expected):
    doc = nlp(text)
    start = text.index(trigger)
    span = doc.char_span(start, start + len(trigger))
    chosen = choose_location(span, *place_spans(doc, find_mentions(doc, gazetteer)))
    assert (chosen.text if chosen is not None else None) == expected or (
        expected is not None and chosen is not None and chosen.text.startswith(expected))


def test_event_location_model_is_shipped_and_reads_no_words_but_the_trigger():
    import re

    from eventwire.pipeline.event_location import location_model

    model = location_model()
    assert model is not None
    weights, none_weights = model
    # Structure (tiers, prepositions, dependency labels, gazetteer kinds, distances) and the trigger's lemma; no
    # other word of any text.
    allowed = re.compile(r"^(tier=\d(,(prep|via|dep|kind|trigger)=[\w-]+)?|prep=[\w-]+|dep=[\w-]+|kind=[\w-]+|"
                         r"trigger=[a-z-]+|[a-z_]+)$")
    assert weights and all(allowed.match(k) for k in weights), [k for k in weights if not allowed.match(k)]
    assert none_weights and "bias" in none_weights
    # Triggers that recur in the training records have weights of their own: where a statement was made is seldom
    # annotated, where a shooting happened often is.
    assert none_weights["trigger=say"] > 0 > none_weights["trigger=shoot"]


@pytest.mark.parametrize("text,trigger,stated", [
    ("Two soldiers were killed in Baquba on Monday.", "killed", True),
    ("Mobile police units patrolled the outskirts of Nicosia.", "patrolled", False),
    ("The army said rebels had fled to Bangui.", "fled", False),
])
def test_event_location_a_place_the_text_puts_the_event_in_is_kept_by_a_margin(nlp, gazetteer, text, trigger,
                                                                               stated):
    from eventwire.pipeline.event_location import location_candidates, said_where

    doc = nlp(text)
    start = text.index(trigger)
    candidates, rule = location_candidates(doc.char_span(start, start + len(trigger)),
                                           *place_spans(doc, find_mentions(doc, gazetteer)))
    assert said_where(next((f for place, f in candidates if place is rule), None)) is stated


def test_event_location_a_place_taken_is_where_it_was_taken(nlp, gazetteer):
    from eventwire.pipeline.event_location import is_actor, location_candidates

    text = "Kisangani was captured by the rebels last month."
    doc = nlp(text)
    assert not is_actor(doc[0], doc[2])
    candidates, rule = location_candidates(doc[2:3], *place_spans(doc, find_mentions(doc, gazetteer)))
    assert rule is not None and rule.text == "Kisangani"
    doc = nlp("Kisangani was attacked by the rebels last month.")  # a city attacked may be a target, not the site
    assert is_actor(doc[0], doc[2])


def test_event_location_place_in_a_report_is_never_the_events(nlp, gazetteer):
    doc = nlp("Police arrested three suspects, a spokesman in Bogota told reporters.")
    span = doc.char_span(7, 15)
    assert choose_location(span, *place_spans(doc, find_mentions(doc, gazetteer))) is None


def test_event_location_a_name_ner_mistook_after_in_or_near_is_a_candidate(nlp, gazetteer):
    from eventwire.pipeline.event_location import place_spans
    from eventwire.pipeline.mentions import find_mentions

    for text, name in [("He was killed in Mayadeen in the eastern province of Deir Ezzor.", "Mayadeen"),
                       ("Fighting raged near Najarah on Monday.", "Najarah"),
                       ("Government troops stormed Najarah on Monday.", "Najarah")]:  # what is stormed is a place
        doc = nlp(text)
        spans, _ = place_spans(doc, find_mentions(doc, gazetteer))
        assert name in [s.text for s in spans], text
    doc = nlp("John Smith spoke in Washington. Later Smith arrived in Moscow. The rally was held in March.")
    spans, _ = place_spans(doc, find_mentions(doc, gazetteer))
    assert [s.text for s in spans] == ["Washington", "Moscow"]  # a person named before, a month: no place


@pytest.mark.parametrize("text,name", [
    ("Gunmen attacked and killed 56 fishermen in Doron-Baga, a fishing community in Kukawa.", "Doron-Baga"),
    ("The army began its long-anticipated assault on Taqsis, striking the town's northern perimeter.", "Taqsis"),
    ("The army launched another assault inside the Sheikh Saeed District on Tuesday.", "Sheikh Saeed District"),
    ("Grozny's streets are still heavily patrolled by troops.", "Grozny"),
    ("Militants bombarded a marketplace in central Maree.", "Maree"),
    ("The army launched a counter-assault to recapture Kafr Saghir on Monday.", "Kafr Saghir"),
    ("Israeli forces shelled the hills of Ein Tini on Monday.", "Ein Tini"),
    ("A policeman was killed in the capital Grozny when his vehicle hit a roadside bomb.", "Grozny"),
])
def test_event_location_names_only_a_place_can_be(nlp, gazetteer, text, name):
    # Names the gazetteer does not know, which NER often takes for people or organisations, named as places by
    # the words around them: candidates for where an event happened
    doc = nlp(text)
    spans, _ = place_spans(doc, find_mentions(doc, gazetteer))
    assert any(name in s.text or s.text in name for s in spans), [s.text for s in spans]


def test_event_location_a_person_captured_is_no_place(nlp, gazetteer):
    doc = nlp("Rebels captured John Smith near the border on Monday.")
    spans, _ = place_spans(doc, find_mentions(doc, gazetteer))
    assert "John Smith" not in [s.text for s in spans]
