"""The stages read a normalised view of the text; every offset of the record still indexes the original."""

import pytest

from eventwire.pipeline.textview import clean_name, text_view

CLEAN = ("Rebels attacked the town of Goma on Monday, killing five people, Moïse Katumbi said. "
         "Istanbul police arrested three men.")
# The same story with a no-break space, a zero-width space inside a name, a decomposed ï, a soft hyphen,
# bidirectional marks, a NUL byte and the Turkish capital dotted I.
DIRTY = ("Rebels\u00a0attacked the town of Go\u200bma on Monday,\u200e killing five peo\u00adple, Moi\u0308se "
         "Katumbi said.\x00 \u200fİstanbul police arrested three men.")


def test_textview_plain_text_is_its_own_view():
    view = text_view(CLEAN)
    assert view.identity and view.text is CLEAN and view.span(3, 9) == (3, 9)


@pytest.mark.parametrize("text,expected", [
    ("a\u00a0b\u2009c\u3000d", "a b c d"),
    ("Go\u200bma\ufeff\u2060", "Goma"),
    ("\u202bKyiv\u202c \u2066x\u2069", "Kyiv x"),
    ("İstanbul İzmir", "Istanbul Izmir"),
    ("Moi\u0308se Cafe\u0301", "Moïse Café"),
    ("line\u2028next", "line\nnext"),
    ("a\x00b\x07c", "ab c"),
    ("\"[We] urge [the] parties\"", "\" We  urge  the  parties\""),
])
def test_textview_normalises(text, expected):
    assert text_view(text).text == expected


def test_textview_maps_spans_back_around_what_it_removed():
    view = text_view(DIRTY)
    assert view.text == CLEAN
    for word in ("Goma", "Moïse", "people", "Istanbul", "Rebels attacked"):
        s = view.text.index(word)
        a, b = view.span(s, s + len(word))
        assert text_view(DIRTY[a:b]).text == word


def test_clean_name_keeps_letters_and_drops_invisible_marks():
    assert clean_name("Go\u200bma") == "Goma"
    assert clean_name("İstanbul\u00a0Bar") == "İstanbul Bar"
    assert clean_name("Moi\u0308se") == "Moïse"


def _spans_and_texts(record):
    """(span, the text a field says it holds) for every span whose text the record repeats."""
    out = []
    for q in record.quotes:
        out.append(((q.start, q.end), q.text))
    for d in record.dates:
        out.append(((d.start_char, d.end_char), d.text))
    for ev in record.events:
        out.append(((ev.evidence.start, ev.evidence.end), ev.evidence.text))
        if ev.date and ev.date.start_char is not None:
            out.append(((ev.date.start_char, ev.date.end_char), ev.date.text))
    return out


def test_dirty_story_reads_like_the_clean_one(extract_text):
    clean, dirty = extract_text(CLEAN), extract_text(DIRTY)
    assert not dirty.errors
    assert dirty.text == DIRTY  # the record keeps the text as it came
    assert [(e.type, e.name) for e in dirty.entities] == \
        [(e.type, e.name.replace("Istanbul", "İstanbul")) for e in clean.entities]
    assert {"Goma", "Moïse Katumbi"} <= {e.name for e in dirty.entities}
    assert [(ev.type, ev.counts.get("killed") and ev.counts["killed"].value) for ev in dirty.events] == \
        [(ev.type, ev.counts.get("killed") and ev.counts["killed"].value) for ev in clean.events]
    for (s, e), text in _spans_and_texts(dirty):
        assert dirty.text[s:e] == text
    goma = next(e for e in dirty.entities if e.name == "Goma")
    assert [dirty.text[s:e] for s, e in goma.mentions] == ["Go\u200bma"]
    for ev in dirty.events:
        s, e = ev.evidence.trigger
        assert text_view(dirty.text[s:e]).text in {"attacked", "killing", "arrested"}


def test_an_editors_words_in_square_brackets_are_read_as_the_quote_s(extract_text):
    """ "[We] urge ...": the bracketed word an editor put into a quote is read as part of it (the parser read
    nothing in the sentence before); the record keeps the brackets and its spans index them."""
    text = '"[We] urge Pakistani side to focus on its own security problems," the Taliban spokesperson said.'
    rec = extract_text(text)
    assert rec.text == text
    (urge,) = [v for v in rec.events if v.type == "REQUEST"]
    assert text[slice(*urge.evidence.trigger)] == "urge"
    assert text[urge.evidence.start:urge.evidence.end] == urge.evidence.text


def test_issue_turkish_dotted_i_inside_an_organisation_name(extract_text):
    # "İstanbul".lower() has nine characters: the places stage lost the whole story to a KeyError.
    record = extract_text("Police in Istanbul detained five members of the İstanbul Bar Association on Monday, "
                          "officials said.")
    assert not record.errors
    assert "İstanbul Bar Association" in {e.name for e in record.entities}
