"""Wire copy in capitals read in ordinary case, so that the parser and NER see names as names.

Some wires and scanned archives send a whole story in capitals ("GUNMEN AMBUSHED A MALIAN ARMY CONVOY ..."), on
which spaCy's tagger and NER fail (KILLING as an organisation, no person found). :class:`Truecaser` rewrites such
a text in ordinary case, letter for letter (the offsets do not move): a word starts a sentence, is a known place
or acronym (the gazetteer: "MALI", "US", "U.N."), or is no English word the English pipeline's lemmatizer knows
(LIPTAKO, MAIGA): a capital; every other word is lower case.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..geo.gazetteer import OWN
from ..language import INFLECTIONS, stems
from ..ontologies import word_class
from .mentions import _prominent

if TYPE_CHECKING:
    from spacy.language import Language

    from ..geo.gazetteer import Gazetteer

TITLES = word_class("TITLES")
__all__ = ["Truecaser", "all_capitals"]

ALL_CAPS_SHARE = 0.9
"""Share of the letters that are capitals above which a text (of 40 letters or more) is written in capitals."""

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.-](?=[^\W\d_]))*")
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"”’)]?\s+|\n\s*|[-–—]\s+(?=\S)|[\"“]\s*)$")
_FUNCTION = frozenset("a an the of in on at to for from by with and or but as is was were be been are it its "
                      "he she they we you i his her their our this that these those said says".split())
_ABBREVIATION = re.compile(r"\b[A-Z]\.(?:[A-Z]\.)+\s+$")  # "THE U.N. AND": no sentence ends there
_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                      "june july august september october november december jan feb mar apr jun jul aug sep sept "
                      "oct nov dec".split())
# Words that end an organisation's name after a name: "Liptako Liberation Front", "Malian Armed Forces".
_NAME_PARTS = frozenset("front army forces force movement party council union alliance brigade brigades group "
                        "liberation revolutionary national democratic islamic popular people's republic state "
                        "ministry agency committee commission corps guard police service court assembly "
                        "organization organisation coalition federation league".split())
_SUFFIXES = (*INFLECTIONS, ("'s", ""), ("’s", ""), ("ers", "er"), ("ly", ""))


def all_capitals(text: str) -> bool:
    """Whether ``text`` is written in capitals.

    >>> all_capitals("GUNMEN AMBUSHED A MALIAN ARMY CONVOY NEAR THE BORDER ON TUESDAY.")
    True
    >>> all_capitals("Gunmen ambushed a convoy near the border with Niger on Tuesday, officials said.")
    False
    """
    letters = [c for c in text[:5000] if c.isalpha()]
    return len(letters) >= 40 and sum(c.isupper() for c in letters) >= ALL_CAPS_SHARE * len(letters)


class Truecaser:
    """Ordinary case for a text in capitals, from the English pipeline's word lists and the gazetteer."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.lexicon: set[str] = set()
        if "lemmatizer" in nlp.pipe_names:
            lookups = nlp.get_pipe("lemmatizer").lookups
            for table in ("lemma_index", "lemma_exc"):
                if lookups.has_table(table):
                    for words in lookups.get_table(table).values():
                        self.lexicon.update(words)
            if lookups.has_table("lemma_exc"):
                for forms in lookups.get_table("lemma_exc").values():
                    self.lexicon.update(forms)  # inflected irregular forms: "gunmen"

    def english(self, word: str) -> bool:
        """Whether a lower-case word is an English word (or an inflection of one) of the lexicon."""
        if word in _FUNCTION or word in self.lexicon:
            return True
        return any(stem in self.lexicon for stem in stems(word, _SUFFIXES, undouble=False))

    def _case(self, word: str, starts_sentence: bool, after_name: bool) -> str:
        low = word.lower()
        if "." in word.strip(".") and len(word) <= 6:
            return word  # "U.N.", "U.S."
        title = low[:1].upper() + low[1:]
        if len(word) <= 4 and not any(p.kind == "country" and p.quality == OWN for p in self.gazetteer.lookup(title)) \
                and any(p.kind == "country" for p in self.gazetteer.lookup(word)):
            return word  # "US", "UK", "DRC"; but "MALI" is Mali
        if starts_sentence or low in _CALENDAR or not self.english(low.strip(".")) or \
                after_name and low in _NAME_PARTS or _prominent(self.gazetteer.lookup(title)) is not None:
            return title
        return low

    def __call__(self, text: str) -> str:
        """``text`` in ordinary case, of the same length.

        A word after a hyphen is cased on its own ("AL-SHABAB" is "Al-Shabab"). After a title, the words of a name
        are capitals while an unknown word is still to come ("COLONEL IBRAHIM MAIGA TOLD" is "Colonel Ibrahim
        Maiga told"); after a name, the words that end an organisation's name are too ("Liptako Liberation
        Front").
        """
        out = list(text.lower())
        words = list(_WORD.finditer(text))
        lows = [m.group(0).lower() for m in words]
        named = False  # the word before was cased as a name
        for i, m in enumerate(words):
            word = m.group(0)
            before = text[max(0, m.start() - 6):m.start()]
            start = bool(_SENTENCE_START.search(before)) and not _ABBREVIATION.search(before)
            titled = i > 0 and lows[i - 1] in TITLES and any(not self.english(w) for w in lows[i:i + 3])
            cased = "-".join(self._case(part, k == 0 and (start or titled), named) if part else part
                             for k, part in enumerate(word.split("-")))
            if len(cased) == len(word):
                out[m.start():m.end()] = cased
            named = cased[:1].isupper() and not start or titled
        return "".join(out)
