"""CAMEO verb patterns: the CAMEO code a verb carries in its clause, read with the PETRARCH2 dictionary.

A verb's dictionary entry holds patterns of words that must come before and after it ("accuse * (OF TORTURE)"
→ 1122, "file * lawsuit" → 115) and, for many verbs, a default code. The most specific pattern whose words are
all found, in order, wins; a dictionary word matches the words it begins ("attack" matches "attacks") unless
it ends in ``_``. Words after the verb are looked for in the verb's own clause (its right-hand subtree, leaving
out coordinated and subordinate clauses); words before it, in the five tokens before it.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> from eventwire.ontologies import CameoPattern
>>> doc = nlp("filed a lawsuit against the paper")
>>> _in_order((frozenset({"lawsuit"}), frozenset({"against"})), list(doc))
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..ontologies import CameoPattern, PloverCode, cameo_verbs, plover_for_cameo

if TYPE_CHECKING:
    from spacy.tokens import Token

CLAUSE_DEPS = frozenset({"conj", "advcl", "ccomp", "parataxis", "relcl", "csubj"})
WINDOW = 12


@dataclass(frozen=True, slots=True)
class CameoMatch:
    code: str  # "---": a pattern that rules the event out
    plover: PloverCode | None
    pattern: CameoPattern


def _word_matches(slot: frozenset[str], tok: Token) -> bool:
    low = tok.lower_
    for w in slot:
        if w.endswith("_"):
            if low == w[:-1]:
                return True
        elif low == w or (len(w) >= 4 and low.startswith(w)) or tok.lemma_.lower() == w:
            return True
    return False


def _in_order(slots: tuple[frozenset[str], ...], tokens: list[Token]) -> bool:
    k = 0
    for tok in tokens:
        if k == len(slots):
            break
        if _word_matches(slots[k], tok):
            k += 1
    return k == len(slots)


def _after(verb: Token) -> list[Token]:
    """Tokens of the verb's own clause to its right."""
    skip: set[int] = set()
    for child in verb.rights:
        if child.dep_ in CLAUSE_DEPS and child.pos_ in ("VERB", "AUX"):
            skip.update(t.i for t in child.subtree)
    return [t for t in verb.subtree if t.i > verb.i and t.i not in skip][:WINDOW]


def _has_particle(verb: Token, particle: str) -> bool:
    nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    return any(c.dep_ in ("prt", "prep") and c.lower_ == particle for c in verb.children) or \
        (nxt is not None and nxt.lower_ == particle)


def match_cameo(verb: Token) -> CameoMatch | None:
    """The CAMEO pattern ``verb`` matches in its sentence, or None."""
    patterns = cameo_verbs().get(verb.lemma_.lower()) or cameo_verbs().get(verb.lower_)
    if not patterns:
        return None
    after = _after(verb)
    before = list(verb.doc[max(verb.sent.start, verb.i - 5):verb.i])
    for p in patterns:
        if p.particle and not _has_particle(verb, p.particle):
            continue
        if _in_order(p.after, after) and _in_order(p.before, before):
            return CameoMatch(p.code, None if p.code == "---" else plover_for_cameo(p.code), p)
    return None
