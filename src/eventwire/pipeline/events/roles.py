"""Roles: the actor and recipient of a trigger, and the entities the words that name them stand for
(pronouns and group nouns resolve within the story, as quote speakers do).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from ...model import Entity, Quote
from ...ontologies import pronouns, word_class
from ..offices import holder, people
from ..quotes import main_organisation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

from .detection import _trigger_for

ARMED_GROUP_NOUNS = word_class("ARMED_GROUP_NOUNS")
GROUP_NOUNS = word_class("GROUP_NOUNS")
RELATIVE = word_class("RELATIVE")
PAIR_NOUNS = word_class("PAIR_NOUNS")
ONE_PERSON = word_class("ONE_PERSON")
PRONOUNS = pronouns()
# Types whose verbs, as a participle after a noun, say what was done to it ("those killed", "the men arrested").
DONE_TO_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
REPORTING_VERBS = word_class("REPORTING_VERBS")
_CORE = _SUBJECTS | {"dobj"}  # a person named as a subject or an object, not in a phrase ("before Judge X")


def _governing_verb(tok: Token) -> Token | None:
    """For a noun trigger, the verb it is an argument of ("carried out attacks", "responding with strikes")."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def _subject(verb: Token) -> Token | None:
    """The active subject of a verb, looking through control ("forced Russia to divert" → Russia), relative
    pronouns ("Ukraine, which provides" → Ukraine) and coordination."""
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and (verb.head.tag_ in ("NNS", "NNPS", "NNP") or verb.head.tag_ == "NN"
                                                      and verb.head.lemma_.lower() in ONE_PERSON) and \
            _trigger_for(verb.head) is None:
        # "demonstrators blocking the entrance", "gunmen firing on the crowd", "a man threatening people" (but "a
        # resolution calling for" is the act of who passed it)
        return verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and (trig := _trigger_for(verb)) is not None and \
            trig.type in DONE_TO_TYPES:
        return None  # "those killed in the attack", "civilians detained": the noun is who it was done to
    if verb.dep_ == "pcomp" and verb.head.lower_ in ("of", "for", "against") and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        blamed = next((c for c in verb.head.head.children if c.dep_ == "dobj"), None)
        if blamed is not None:
            return blamed  # "accused India of violating the ceasefire", "blamed Russia for attacking": India, Russia
    node = verb
    for _ in range(6):
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and not _label(c)), None) or \
            next((a for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and _label(c) for a in c.children
                  if a.dep_ == "appos"), None)  # "VOA: Russia's President Vladimir Putin", parsed as the label's
        if subj is not None and subj.lower_ in RELATIVE and node.dep_ == "relcl":
            # "Ukraine, which provides" -> Ukraine; but "the girls, who were kidnapped ... during a raid" were not
            # its doers: a passive relative's antecedent is who it was done to
            return None if subj.dep_ == "nsubjpass" else node.head
        if subj is None and node.dep_ == "xcomp":
            controller = next((c for c in node.head.children if c.dep_ == "dobj"), None) or next(
                (p for c in node.head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") and
                 c.i == node.head.i + 1 for p in c.children if p.dep_ == "pobj"), None)  # "called on Russia to"
            if controller is not None:
                return controller
        if subj is not None and not (subj.dep_ == "nsubjpass" and verb.dep_ != "relcl"):
            return subj
        if node.dep_ == "acl" and node.head.pos_ == "NOUN" and _trigger_for(node.head) is not None:
            return None  # "allegations linking the attack to Afghanistan": who rejects them did not attack
        if node.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl", "ccomp") and node.head.i != node.i:
            if node.dep_ == "ccomp" and node.head.lemma_.lower() in REPORTING_VERBS:
                return None  # "police say a neighbor ... found a man shooting a woman": who says did not shoot
            if node.dep_ == "relcl":
                return node.head
            node = node.head
            if node.pos_ not in ("VERB", "AUX"):
                node = _governing_verb(node) or node
            continue
        if node.dep_ == "relcl":
            return node.head
        return subj if subj is not None and subj.dep_ == "nsubj" else None
    return None


def _label(tok: Token) -> bool:
    """A speaker's label of an interview, "VOA:" or "Armitage:" opening a sentence or a line, which the parser may
    take for the subject of the sentence after it ("VOA: Russia's President Vladimir Putin recently visited
    China")."""
    doc = tok.doc
    return tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":" and (
        tok.i == 0 or doc[tok.i - 1].is_space or doc[tok.i - 1].text in (".", "?", "!", '"', "”"))


def _agent(verb: Token) -> Token | None:
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


class _Resolver:
    """Tokens to entity ids, with pronouns and group nouns resolved as for quote speakers."""

    def __init__(self, doc: Doc, entities: list[Entity], quotes: list[Quote],
                 country_chars: frozenset[int] = frozenset()) -> None:
        self.doc = doc
        self.by_char: dict[int, str] = {}
        for ent in entities:
            for s, e in ent.mentions:
                for i in range(s, e):
                    self.by_char[i] = ent.id
        self.types = {ent.id: ent.type for ent in entities}
        self.main_org = main_organisation(entities)
        self.armed_org = main_organisation(entities, armed=True)  # for "the rebels": never the UN or a newswire
        self.mentions = sorted((s, ent.id) for ent in entities for s, _ in ent.mentions)
        self.quotes = quotes
        self.country_of = {ent.id: ent.country for ent in entities if ent.country}
        self.country_chars = country_chars  # where a place that is a country is named
        self.sentence_starts = [sent.start_char for sent in doc.sents]
        self.people = people(doc, entities)  # every mention of a person, "the president" after "President X" too

    def _sentence_start(self, char: int, back: int = 0) -> int:
        """Where the sentence holding ``char`` starts (``back`` sentences earlier: 1 the one before)."""
        k = bisect_right(self.sentence_starts, char) - 1 - back
        return self.sentence_starts[k] if k >= 0 else -1

    def person_for_pronoun(self, char: int) -> str | None:
        """Whom "he" or "she" at ``char`` stands for: the last person named before it in its sentence as a subject
        or an object ("warned the envoy that he"; "Murphy appeared before Judge Motznik on charges that he
        killed": Murphy, not the judge), else the last person named there; else the subject of the sentence
        before ("X met Y. He said": X), else the last person the story named."""
        start = self._sentence_start(char)
        before = self._sentence_start(char, 1)
        here = [(n.entity, n.dep in _CORE) for n in self.people if start <= n.start < char]
        if here:
            return next((ent for ent, core in reversed(here) if core), here[-1][0])
        subjects = [n.entity for n in self.people if before <= n.start < start and n.dep in _SUBJECTS]
        return subjects[-1] if subjects else self.last_before(char, ("PERSON",))

    def last_countries(self, char: int, n: int) -> list[str]:
        """The entities of the last ``n`` countries named before ``char``, one each, latest first."""
        out: list[str] = []
        codes: set[str] = set()
        for s, ent_id in reversed(self.mentions):
            code = self.country_of.get(ent_id)
            if s < char and (s in self.country_chars or self.types[ent_id] == "NORP") and code and code not in codes:
                codes.add(code)
                out.append(ent_id)
                if len(out) == n:
                    break
        return out if len(out) == n else []

    def at(self, tok: Token) -> str | None:
        return self.by_char.get(tok.idx)

    def type_at(self, tok: Token) -> str | None:
        """The type of the entity named at ``tok`` ("NORP", "GROUP", ...), or None."""
        ent = self.at(tok)
        return self.types.get(ent) if ent else None

    def last_before(self, char: int, kinds: tuple[str, ...]) -> str | None:
        for s, ent_id in reversed(self.mentions):
            if s < char and self.types[ent_id] in kinds:
                return ent_id
        return None

    def quote_at(self, char: int) -> Quote | None:
        return next((q for q in self.quotes if q.start <= char < q.end), None)

    def resolve(self, head: Token) -> list[str]:
        """Entity ids for a noun phrase head, its coordinated heads included."""
        heads = [head] + [c for c in head.subtree if c.dep_ == "conj" and c.head.i in {head.i}]
        out: list[str] = []
        for h in heads:
            # "a passenger train": the passengers; "a military convoy": the military (a group only before a thing
            # attacked, see groups.TARGET_NOUNS)
            ent = self.at(h) or next((self.at(t) for t in h.subtree if self.at(t) and (
                t.dep_ == "compound" or t.dep_ == "amod" and self.type_at(t) == "GROUP")), None)
            low = h.lower_
            if ent is None and low in PRONOUNS:
                q = self.quote_at(h.idx)
                if low in ("we", "us") and q is not None and q.speaker:
                    # "we" in a quote is the speaker's group: the speaker if a group, else the story's group.
                    ent = q.speaker if self.types.get(q.speaker) != "PERSON" else (self.main_org or q.speaker)
                elif low in ("it", "they") and q is not None and q.kind == "indirect" and q.speaker and \
                        self.types.get(q.speaker) != "PERSON":
                    ent = q.speaker  # "the government said it would send reinforcements": the government
                elif low in ("it", "they") and q is not None and q.kind == "indirect" and q.speaker is None:
                    ent = None  # "Security forces in Somalia say they killed ...": the unnamed speakers, not a guess
                elif PRONOUNS[low] == "PERSON":
                    ent = self.person_for_pronoun(h.idx)
                else:
                    ent = self.main_org or self.last_before(h.idx, ("ORG", "NORP"))
            elif ent is None and low in ("their", "our", "its") and self.main_org:
                ent = self.main_org
            elif ent is None and h.lemma_.lower() in PAIR_NOUNS and h.tag_ == "NNS" and any(
                    c.lower_ in ("both", "two") and c.dep_ in ("det", "predet", "nummod") for c in h.children):
                # "both countries withdrew their ambassadors": the last two countries the story named
                out += [e for e in self.last_countries(h.idx, 2) if e not in out]
                continue
            elif ent is None and (h.lower_ in GROUP_NOUNS or h.lemma_.lower() + "s" in GROUP_NOUNS):
                armed = h.lower_ in ARMED_GROUP_NOUNS or h.lemma_.lower() + "s" in ARMED_GROUP_NOUNS
                ent = self.armed_org if armed else self.main_org
            elif ent is None and (office := holder(self.people, h)) is not None:
                ent = office  # "the president" after "President X": X
            elif ent is None:
                # a name inside the phrase ("Russian officials"), not in a clause on it ("attackers who laid siege
                # to a hotel in Kismayo" are not Kismayo)
                clauses = {t.i for c in h.children if c.dep_ == "relcl" for t in c.subtree}
                ent = next((self.at(t) for t in h.subtree if t.i not in clauses and self.at(t) and
                            self.type_at(t) in ("ORG", "PERSON", "NORP", "GPE")), None)
            if ent and ent not in out:
                out.append(ent)
        return out
