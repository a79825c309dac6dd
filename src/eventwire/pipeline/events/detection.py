"""Detection: which tokens are triggers (the trigger lexicon, and the rules of stages "trigger" and
"phrase" of ``ontologies/event_rules.toml``), and their reading in context (stage "reading").
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING, NamedTuple

from ...model import Place
from ...ontologies import Trigger, plover_for_cameo, triggers, word_class
from ...rules import Rule, RuleBook, load_rules
from ..cameo import CameoMatch, match_cameo
from ..nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


LOOSE_DEFAULTS = word_class("LOOSE_DEFAULTS")
CAMEO_DEFAULT_TYPES = word_class("CAMEO_DEFAULT_TYPES")
PARTICLES = word_class("PARTICLES")


_reading = threading.local()
"""The tokens whose rules are being read in this thread: a rule may ask about its own word again ("official-trip"
asks for the verb's subject, and the subject of a participle asks what the participle is), and then gets the
lexicon's answer instead of reading the same rules again without end."""


def _trigger_for(tok: Token, trace: list[str] | None = None) -> Trigger | None:
    """The trigger ``tok`` is: a rule of stage "trigger" or "phrase" that reads it in context, else its entry in
    the trigger lexicon (``trace`` collects the id of a rule that applied)."""
    reading = _reading.__dict__.setdefault("tokens", set())
    key = (id(tok.doc), tok.i)
    if key in reading:
        return _read_trigger(tok, trace, rules=False)
    reading.add(key)
    try:
        return _read_trigger(tok, trace)
    finally:
        reading.discard(key)


def _read_trigger(tok: Token, trace: list[str] | None, *, rules: bool = True) -> Trigger | None:
    """:func:`_trigger_for`'s reading; without ``rules``, the lexicon's entry alone."""
    lex = triggers()
    word = _hyphenated(tok)
    if word is not None:  # spaCy splits "sit-in" and "walk-out" at the hyphen: look the whole word up
        words = (word, word.replace("-", ""))  # "cease-fire" is the lexicon's "ceasefire"
        return next((lex[(w, "n")] for w in words if (w, "n") in lex), None) or \
            next((lex[(w[:-1], "n")] for w in words if w.endswith("s") and (w[:-1], "n") in lex), None)
    pos = "v" if tok.pos_ in ("VERB",) else "n" if tok.pos_ in ("NOUN", "PROPN") else None
    if pos is None:
        return None
    lemma = tok.lemma_.lower()
    if rules:
        book = event_rules()
        stage = "phrase" if pos == "v" else "trigger"  # a verb read with its object; a noun read in context
        if lemma in book.lemmas(stage):
            rule = book.first(stage, lemma, _Context(tok, None, None, None, phrase_stage=pos == "v"))
            if rule is not None:
                if trace is not None:
                    trace.append(rule.id)
                return None if rule.veto else _made_trigger(lemma, rule)
    trig = lex.get((lemma, pos)) or (lex.get((tok.lower_, pos)) if pos == "n" else None)
    if trig is None and lemma.endswith("s") and pos == "n":
        trig = lex.get((lemma[:-1], pos))
    if trig is None and pos == "n":
        # a compound the lexicon writes as one word: "war games" (wargame)
        before = next((c for c in tok.children if c.dep_ == "compound" and c.i == tok.i - 1), None)
        if before is not None:
            trig = lex.get((before.lower_ + lemma, pos))
    return trig


@functools.cache
def _made_trigger(lemma: str, rule: Rule) -> Trigger:
    acled = rule.acled or (None, None)
    return Trigger(lemma, "phrase", rule.type, acled[0], acled[1], rule.id)


class _Context:
    """What the rules read of a trigger: the token, its lexicon trigger and CAMEO match, the story's places by
    character, the type read so far, and (computed when a rule first asks) the lemmas of its object. For a verb
    read with its object (stage "phrase"): the objects' lemmas, the words they name or measure ("13 tons of
    medicine", "a state of emergency") and the verb's particles."""

    def __init__(self, tok: Token, trig: Trigger | None, cameo: CameoMatch | None,
                 places: dict[int, Place] | None, *, phrase_stage: bool = False) -> None:
        self.tok, self.trig, self.cameo, self.places = tok, trig, cameo, places or {}
        self.lemma = tok.lemma_.lower()
        self.phrase = trig is not None and trig.pos == "phrase"
        self.type = trig.type if trig is not None else cameo.plover.type if cameo is not None else None
        self.agreement = False
        self._args: set[str] | None = None
        if phrase_stage:
            objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")] or [
                s for c in tok.children if c.dep_ == "ccomp" and c.tag_ == "VB" for s in c.children
                if s.dep_ == "nsubj"]  # "declared a state of siege in Bolivia to begin at midnight", as a clause
            objects += [c for o in objects for c in o.children if c.dep_ == "conj"]
            # "the number of police"; "$50 billion in duties": an amount's "in" names what it counts
            named = objects + [t for o in objects for c in o.children if c.dep_ == "prep" and (
                c.lower_ == "of" or c.lower_ == "in" and o.tag_ == "CD") for t in c.children]
            self.objects = objects
            self.named = {t.lower_ for t in named}
            self.lemmas = {o.lemma_.lower() for o in objects}
            self.measured = {t.lemma_.lower() for t in named}  # "the number of police"
            self.particles = {c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod")}

    @property
    def args(self) -> set[str]:
        if self._args is None:
            self._args = _arguments(self.tok)
        return self._args


class Reading(NamedTuple):
    type: str
    agreement: bool
    rules: tuple[str, ...]  # the ids of the reading rules that applied
    mode: str | None = None  # the PLOVER mode of the rule that gave the type (its CAMEO code's, cameo2plover.tsv)


@functools.cache
def rule_mode(rule_id: str) -> str | None:
    """The PLOVER mode a rule gives with its type: the mode CAMEO2PLOVER gives the CAMEO code the rule follows,
    when that code's type is the rule's ("laid down their arms", CAMEO 0873: RETREAT, mode disarm)."""
    rule = event_rules().rule(rule_id)
    code = plover_for_cameo(rule.cameo) if rule.cameo else None
    return code.mode if code is not None and code.type == rule.type else None


def _reading(tok: Token, trig: Trigger | None, cameo: CameoMatch | None,
             place_by_char: dict[int, Place], trace: list[str] | None = None) -> Reading | None:
    """The PLOVER type of the event ``tok`` triggers, read in its context by the rules of stage "reading"
    (``ontologies/event_rules.toml``), whether it is the signing or reaching of a formal agreement, and the rules
    that decided; None when, in this context, the trigger is no event ("found a way", "called him a liar",
    "agreed to a ceasefire"). ``trace`` collects the ids of the rules that applied, a veto included."""
    ctx = _Context(tok, trig, cameo, place_by_char)
    mode = rule_mode(trig.rule) if trig is not None and trig.rule else None  # a verb read with its object
    fired: list[str] = []
    for rule in event_rules().fired("reading", ctx.lemma, ctx):
        fired.append(rule.id)
        if trace is not None:
            trace.append(rule.id)
        if rule.veto:
            return None
        if rule.type == "cameo":
            ctx.type, mode = ctx.cameo.plover.type, ctx.cameo.plover.mode
        else:
            ctx.type, mode = rule.type, rule_mode(rule.id)
        ctx.agreement = ctx.agreement or rule.agreement
        if rule.final:
            break
    return Reading(ctx.type, ctx.agreement, tuple(fired), mode)


def explain(doc: Doc, places: list[Place] = ()) -> dict[int, list[str]]:
    """The rules of ``event_rules.toml`` that apply to each token of ``doc``, by token index: the rule that read
    it as a trigger, then the reading rules, a veto included, before any of the events stage's other filters.
    What a rule's examples are tested with (tests/test_rules.py)."""
    place_by_char = {s: p for p in places for s, _ in p.mentions}
    out: dict[int, list[str]] = {}
    for tok in doc:
        fired: list[str] = []
        trig = _trigger_for(tok, fired)
        cameo = match_cameo(tok) if tok.pos_ == "VERB" else None
        if trig is not None or cameo is not None and cameo.plover is not None:
            _reading(tok, trig, cameo, place_by_char, fired)
        if fired:
            out[tok.i] = fired
    return out


def _is_event(tok: Token, place_by_char: dict[int, Place]) -> bool:
    """Whether ``tok`` triggers an event of its own, read in context ("refused to give interviews": no)."""
    trig, cameo = _trigger_for(tok), match_cameo(tok) if tok.pos_ == "VERB" else None
    if trig is None and (cameo is None or cameo.plover is None):
        return False
    return _reading(tok, trig, cameo, place_by_char) is not None


def _lexical_type(tok: Token) -> str | None:
    """The PLOVER type the trigger lexicon, else a CAMEO pattern, gives ``tok`` out of context."""
    trig = _trigger_for(tok)
    if trig is not None:
        return trig.type
    cameo = match_cameo(tok) if tok.pos_ == "VERB" else None
    return cameo.plover.type if cameo is not None and cameo.plover is not None else None


def _hyphen_start(tok: Token) -> Token:
    """The first part of a hyphenated word ``tok`` ends ("sit" for the "in" of "sit-in"), else ``tok``."""
    if tok.i < 2 or doc_text(tok.doc)[tok.idx - 1] != "-" or tok.doc[tok.i - 1].text != "-" or \
            tok.doc[tok.i - 1].whitespace_ or tok.doc[tok.i - 2].whitespace_:
        return tok
    return tok.doc[tok.i - 2]


def _hyphenated(tok: Token) -> str | None:
    """The whole hyphenated word, lower-cased, that ``tok`` ends ("sit-in" for its "in"), else None."""
    first = _hyphen_start(tok)
    return None if first is tok else doc_text(tok.doc)[first.idx:tok.idx + len(tok)].lower()


def _arguments(verb: Token) -> set[str]:
    """Lemmas of a verb's object or passive subject, with their conjuncts, compounds and "of" phrases ("a stash
    of firearms and ammunition was found" → stash, firearm, ammunition); a hyphenated head as one word
    ("suspended their sit-in" → sit-in)."""
    heads = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] or [
        p for c in verb.children if c.dep_ == "prep" and c.lower_ in PARTICLES for p in c.children
        if p.dep_ == "pobj"]  # "closed down the newspaper", with the particle parsed as a preposition
    out: set[str] = set()
    for h in heads:
        if (word := _hyphenated(h)) is not None:
            out.add(word)
        for t in h.subtree:
            if t.i == h.i or t.dep_ in ("conj", "compound", "pobj") and t.i - h.i < 8:
                out.add(t.lemma_.lower())
    return out


def _cameo_trusted(match: CameoMatch) -> bool:
    """Whether a CAMEO match alone makes an event: a pattern with words around the verb, or a verb's default
    code when it is a request or a conflict. The defaults of cooperative verbs are too loose ("mean" → 030,
    "go" → 040): PLV macro-F1 is 0.604 with them left out, 0.592 with them in."""
    words = len(match.pattern.before) + len(match.pattern.after)  # a particle alone ("go to") is no context
    return words > 0 or (match.plover is not None and match.plover.type in CAMEO_DEFAULT_TYPES
                         and match.pattern.verb not in LOOSE_DEFAULTS)


@functools.cache
def event_rules() -> RuleBook:
    """The events stage's rules (``ontologies/event_rules.toml``) with the named tests above."""
    from .predicates import TESTS  # the tests read detection: imported when the rules load

    return load_rules("event_rules.toml", TESTS, ("trigger", "phrase", "reading"))
