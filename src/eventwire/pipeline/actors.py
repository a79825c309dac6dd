"""Who the actors are: a sector (military, government, rebels, police, ...) and a country for each entity.

For each person and organisation, the words that describe it are read: its own name ("Malian Armed Forces"),
the title before a mention ("Defence Minister Rustem Umerov", "Colonel Ibrahim Maiga") and an apposition after
it ("Alexei Baranovsky, a drone operator"). Agent nouns from the PLOVER/CAMEO agents dictionary
(``ontologies/agents.tsv``, MIT) give the sector, the most frequent code winning; a demonym or country name among
them gives the country ("Russian Volunteer Corps" → RUS, "Iraqi Prime Minister ..." → IRQ).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..geo.gazetteer import Gazetteer
from ..model import Entity
from ..ontologies import agents, word_class

if TYPE_CHECKING:
    from spacy.tokens import Doc

TITLE_WINDOW = 4  # tokens before a mention read as its title
COUNTRY_KINDS = frozenset({"country", "demonym"})
WEAK_CODES = word_class("WEAK_CODES")


def _words(doc: Doc, ent: Entity) -> list[str]:
    words = ent.name.split()
    for s, e in ent.mentions:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        before = doc[max(span.sent.start, span.start - TITLE_WINDOW):span.start]
        words += [t.text for t in before if not t.is_punct]
        root = span.root
        for child in root.children:
            if child.dep_ == "appos" and ent.type == "PERSON":
                words += [t.text for t in child.subtree if t.i < child.i + 6]
    return words


def _sector(words: list[str]) -> str | None:
    lex = agents()
    low = [w.lower().rstrip(".,") for w in words]
    codes: Counter[str] = Counter()
    for n in (3, 2, 1):
        for i in range(len(low) - n + 1):
            phrase = " ".join(low[i:i + n])
            found = lex.get(phrase) or (lex.get(phrase[:-1]) if phrase.endswith("s") else None)
            if found:
                codes.update(c for c in found if c not in WEAK_CODES)
    return codes.most_common(1)[0][0] if codes else None


def describe_actors(doc: Doc, entities: list[Entity], gazetteer: Gazetteer) -> list[Entity]:
    """The entities with ``sector`` (and, for people and organisations, ``country``) filled where the text says."""
    out = []
    for ent in entities:
        if ent.type not in ("PERSON", "ORG"):
            out.append(ent)
            continue
        words = _words(doc, ent)
        update: dict = {"sector": _sector(words)}
        if ent.country is None:
            country = country_named(words, gazetteer)
            if country is not None:
                update["country"] = country
        out.append(ent.model_copy(update=update))
    return out


def country_named(words: Iterable[str], gazetteer: Gazetteer) -> str | None:
    """The ISO3 code of the first capitalised word that names a country or its people ("Malian" → MLI)."""
    for w in dict.fromkeys(w for w in words if w[:1].isupper()):  # demonyms and countries are capitalised
        place = gazetteer.best(w, COUNTRY_KINDS)
        if place is not None and place.country:
            return place.country
    return None
