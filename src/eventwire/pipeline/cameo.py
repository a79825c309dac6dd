"""CAMEO verb patterns: the CAMEO code a verb carries in its clause, read with the PETRARCH2 dictionary.

A verb's dictionary entry holds patterns of words that must come before and after it ("accuse * (OF TORTURE)"
→ 1122, "file * lawsuit" → 115) and, for many verbs, a default code. The most specific pattern whose words are
all found, in order, wins; a dictionary word matches the words it begins ("attack" matches "attacks") unless
it ends in ``_``. Words after the verb are looked for in the verb's own clause (its right-hand subtree, leaving
out coordinated and subordinate clauses); words before it, in the five tokens before it.

>>> from eventwire.ontologies import Slot
>>> words = [("filed", "file"), ("a", "a"), ("lawsuits", "lawsuit"), ("against", "against")]
>>> _in_order((Slot.parse("lawsuit"), Slot.parse("against")), words), _in_order((Slot.parse("suit_"),), words)
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..ontologies import CameoPattern, PloverCode, Slot, cameo_verbs, plover_for_cameo

if TYPE_CHECKING:
    from spacy.tokens import Token

CLAUSE_DEPS = frozenset({"conj", "advcl", "ccomp", "parataxis", "relcl", "csubj"})
# Light verbs mean little without their object: their dictionary default ("take" → 171, seize; "express" → 110,
# disapprove, whatever is expressed) is not used, only their patterns ("take * territory" → 192).
LIGHT_VERBS = frozenset("take make give get have go come put set hold keep do run see move turn bring open leave "
                        "carry lay draw play stand let send express voice".split())
WINDOW = 12


@dataclass(frozen=True, slots=True)
class CameoMatch:
    code: str  # "---": a pattern that rules the event out
    plover: PloverCode | None
    pattern: CameoPattern


def _in_order(slots: tuple[Slot, ...], words: list[tuple[str, str]]) -> bool:
    """Whether the slots match, in order, words given as (lowercase form, lowercase lemma)."""
    k = 0
    for low, lemma in words:
        if k == len(slots):
            break
        slot = slots[k]
        if low in slot.words or lemma in slot.words or (slot.prefixes and low.startswith(slot.prefixes)):
            k += 1
    return k == len(slots)


def _words(tokens) -> list[tuple[str, str]]:
    return [(t.lower_, t.lemma_.lower()) for t in tokens]


def _after(verb: Token) -> list[Token]:
    """The first tokens (``WINDOW``) of the verb's own clause to its right: its right dependents' subtrees, in order,
    but for clauses of their own."""
    out: list[Token] = []
    for child in verb.rights:
        if child.dep_ in CLAUSE_DEPS and child.pos_ in ("VERB", "AUX"):
            continue
        for t in child.subtree:
            if t.i > verb.i:
                out.append(t)
                if len(out) == WINDOW:
                    return out
    return out


def _has_particle(verb: Token, particle: str) -> bool:
    nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    return any(c.dep_ in ("prt", "prep") and c.lower_ == particle for c in verb.children) or \
        (nxt is not None and nxt.lower_ == particle)


def match_cameo(verb: Token) -> CameoMatch | None:
    """The CAMEO pattern ``verb`` matches in its sentence, or None."""
    patterns = cameo_verbs().get(verb.lemma_.lower()) or cameo_verbs().get(verb.lower_)
    if not patterns:
        return None
    after = _words(_after(verb))
    start = verb.i  # up to five tokens back, not past the sentence start (Token.sent is slow)
    while start > 0 and start > verb.i - 5 and not verb.doc[start].is_sent_start:
        start -= 1
    before = _words(verb.doc[start:verb.i])
    light = verb.lemma_.lower() in LIGHT_VERBS
    for p in patterns:
        if p.particle and not _has_particle(verb, p.particle):
            continue
        if light and not p.before and not p.after:
            continue
        if _in_order(p.after, after) and _in_order(p.before, before):
            return CameoMatch(p.code, None if p.code == "---" else plover_for_cameo(p.code), p)
    return None
