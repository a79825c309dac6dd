"""Wire copy in capitals is read in ordinary case; the record keeps the text as it came."""

import pytest

from eventwire.pipeline.textview import text_view
from eventwire.pipeline.truecase import Truecaser, all_capitals

CAPS = ("GUNMEN AMBUSHED A MALIAN ARMY CONVOY NEAR THE BORDER WITH NIGER ON TUESDAY, KILLING AT LEAST 12 SOLDIERS IN "
        "MALI, MILITARY SOURCES SAID. THE LIPTAKO LIBERATION FRONT CLAIMED THE ATTACK. COLONEL IBRAHIM MAIGA TOLD "
        "REPORTERS THE U.N. AND THE US WERE INFORMED.")


@pytest.fixture(scope="module")
def truecaser(nlp, gazetteer):
    return Truecaser(nlp, gazetteer)


def test_truecase_reads_capitals_as_ordinary_case(truecaser):
    cased = truecaser(CAPS)
    assert len(cased) == len(CAPS) and cased.upper() == CAPS
    for phrase in ("Gunmen ambushed a Malian", "Niger on Tuesday", "in Mali", "The Liptako Liberation Front claimed",
                   "Colonel Ibrahim Maiga told reporters the U.N. and the US were"):
        assert phrase in cased, cased


def test_truecase_only_for_text_in_capitals(truecaser):
    assert not all_capitals("Gunmen ambushed a convoy near the border with Niger on Tuesday, officials said.")
    view = text_view("Gunmen ambushed a convoy near the border with Niger on Tuesday.", truecaser)
    assert view.identity and not view.truecased


def test_truecase_story_in_capitals_keeps_its_text_and_offsets(pipeline):
    from eventwire.model import InputRef
    from eventwire.readers.article import build_article

    rec = pipeline.process_article(build_article(CAPS, input_ref=InputRef(path="<caps>"), published="2025-10-03"))
    assert rec.text == CAPS and not rec.errors
    names = {e.name: e for e in rec.entities}
    assert {"Liptako Liberation Front", "Ibrahim Maiga", "Niger"} <= set(names)
    assert [rec.text[s:e] for s, e in names["Ibrahim Maiga"].mentions] == ["IBRAHIM MAIGA"]
    assert [v.type for v in rec.events][:1] == ["ASSAULT"] and rec.events[0].date.start == "2025-09-30"
