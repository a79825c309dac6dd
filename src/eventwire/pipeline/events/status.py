"""Status: whether an event is reported, negated, future, threatened, hypothetical or historical, and
PLOVER's readings of a status (a refused concession is REJECT, a stated intent to yield AGREE).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...model import TimeRef
from ...ontologies import word_class
from ..dates import WEEKDAYS
from ..event_location import ancestors

if TYPE_CHECKING:
    from spacy.tokens import Token


REPORTING_VERBS = word_class("REPORTING_VERBS")
FUTURE_HEADS = word_class("FUTURE_HEADS")
NEGATING_HEADS = word_class("NEGATING_HEADS")
HYPOTHETICAL_AUX = word_class("HYPOTHETICAL_AUX")
POSSIBLE_ADJECTIVES = word_class("POSSIBLE_ADJECTIVES")
COOPERATIVE = word_class("COOPERATIVE")
MATERIAL_COOPERATION = word_class("MATERIAL_COOPERATION")
CONFLICTUAL = word_class("CONFLICTUAL")
WARNING_VERBS = word_class("WARNING_VERBS")  # what they say one would do is threatened


def _to(node: Token) -> bool:
    """Whether ``node`` is a to-infinitive."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)


def _infinitive(node: Token) -> bool:
    """A to-infinitive complement ("expects North Korea to launch a missile") belongs to the clause of the verb
    that governs it: its intent or negation governs the complement too."""
    return node.dep_ == "ccomp" and _to(node)


def _purpose(node: Token) -> bool:
    """Whether ``node`` heads a purpose clause, an adverbial to-infinitive ("sent soldiers into Somalia to combat the
    militant group", "brought the campaign to secure his father's release"): it tells what an act was for, not that
    it happened. Not after "be", where it is often the business of a stay, which happened ("were in Washington this
    week to meet with Trump officials")."""
    return node.dep_ == "advcl" and node.head.lemma_.lower() != "be" and _to(node)


def _conditional(node: Token) -> bool:
    """Whether ``node`` heads an if or unless clause."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in node.children)


def _own_act(clause: Token) -> bool:
    """Whether a warning's clause tells what the one who warns would do: its subject a pronoun ("warned that it
    would execute the hostages") or the warning's own subject word; not another's act ("officials warned that the
    rebels would attack")."""
    subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    own = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.pos_ == "PRON" and subj.lower_ not in ("you", "i") or
                                 own is not None and subj.lemma_.lower() == own.lemma_.lower())


# A date told by a weekday or as a day or two back is this week's news, even across New Year
LAST_DAYS = re.compile(r"\b(" + "|".join(WEEKDAYS) + r"|yesterday|today|tonight|last night|this week|last week)\b",
                       re.IGNORECASE)


def _status(trig: Token, clause_dates: list[TimeRef], story_year: int | None, text: str) -> tuple[str, str | None]:
    """The event's status from the words that govern its trigger, up to the nearest clause boundary (a noun, a
    relative or adverbial clause, or a reporting verb: "declined to say how many ... had been killed" does not
    negate the killing). With the status, the id of the rule that decided it (STATUS_RULES); None for "reported"."""

    path = ancestors(trig)
    if trig.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in trig.children):
        return "negated", "status-no"  # "no arrests have been made"
    if any(c.dep_ in ("nsubjpass", "nsubj") and c.lower_ in ("nobody", "none") or
           c.dep_ in ("nsubjpass", "nsubj") and c.lower_ == "one" and any(d.lower_ == "no" for d in c.children)
           for c in trig.children):
        return "negated", "status-nobody"  # "nobody was arrested", "no one was hurt"
    if trig.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lemma_.lower() in POSSIBLE_ADJECTIVES for c in trig.children):
        return "hypothetical", "status-possible-noun"  # "a possible attack", "a potential ceasefire"
    for k, node in enumerate(path[:6]):
        if k and path[k - 1].dep_ == "acl" and node.pos_ == "NOUN" and node.lemma_.lower() in FUTURE_HEADS:
            # "expressed willingness to host the talks", "announced plans to build a base"
            return "future", "status-planned-noun"
        if k and path[k - 1].dep_ in ("acl", "relcl", "advcl"):
            break
        if _purpose(node):
            return "hypothetical", "status-purpose"  # "sent soldiers into Somalia to combat the group"
        lemma = node.lemma_.lower()
        if k > 1 and node.pos_ == "NOUN" and lemma in FUTURE_HEADS and path[k - 1].dep_ == "prep" and \
                path[k - 1].lower_ in ("for", "to", "toward", "towards"):
            return "future", "status-planned-noun"  # "preparations for launching a missile", "plans for an attack"
        if node.i != trig.i and lemma == "threaten":
            return "threatened", "status-threatened"
        if node.i != trig.i and lemma in FUTURE_HEADS and not (lemma == "due" and path[k - 1].lower_ == "to"):
            return "future", "status-intent"  # not "due to its crackdown" (because of), but "due to meet"
        if node.i != trig.i and lemma == "deny" and node.pos_ == "VERB":
            return "negated", "status-denied"  # "denied deploying troops", "denied that it had moved troops"
        if node.i != trig.i and (node.pos_ in ("NOUN", "PROPN", "PRON") or lemma in REPORTING_VERBS):
            break
        if any(c.dep_ == "neg" for c in node.children):
            return "negated", "status-not"
        if node.i != trig.i and node.lemma_.lower() in NEGATING_HEADS:
            return "negated", "status-negating-verb"
        aux = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
        if aux & {"will", "would", "'ll", "could"} and node.dep_ == "ccomp" and \
                node.head.lemma_.lower() in WARNING_VERBS and node.head.i != trig.i and _own_act(node):
            return "threatened", "status-warned"  # "warned that it would execute security personnel"
        if aux & {"will", "shall", "'ll"}:
            return "future", "status-will"
        if "would" in aux and node.dep_ == "ccomp" and node.head.lemma_.lower() in REPORTING_VERBS and \
                not _conditional(node):
            return "future", "status-reported-would"  # "said they would boycott the vote": reported speech
        if aux & HYPOTHETICAL_AUX or _conditional(node):
            return "hypothetical", "status-hypothetical"
        if node.dep_ in ("advcl", "ROOT", "ccomp", "relcl") and node.i != trig.i and not _infinitive(node):
            break
    if any(node.dep_ == "advcl" and node.i != trig.i and _conditional(node) for node in path):
        return "hypothetical", "status-conditional"  # "would meet Kim if there is a prospect of making a deal"
    if story_year is not None:
        for d in clause_dates:
            since = text[max(0, d.start_char - 6):d.start_char].lower().strip().endswith("since")
            if d.end and d.value and d.value[:1].isdigit() and int(d.end[:4]) < story_year and not since and \
                    not LAST_DAYS.search(d.text or ""):
                # "since 2012" is ongoing, not historical; nor is "on Monday" in a story of January 1st
                return "historical", "status-historical-date"
    return "reported", None


def _plover_reading(type_: str, status: str) -> tuple[str, str, str | None]:
    """PLOVER codes a refused concession as REJECT ("will not lift the ban", "refused to release") and a
    stated intent to give, yield, cooperate or meet as AGREE ("is willing to withdraw its troops", "will release",
    "will meet Erdogan in Ankara": CAMEO 03), a stated intent to sanction, boycott, protest or restrict, and any
    threat of force or coercion, as THREATEN. With the id of the rule that changed the reading (STATUS_RULES)."""
    if status == "negated" and type_ in COOPERATIVE:
        return "REJECT", "reported", "plover-refused-concession"
    if status == "future" and type_ in MATERIAL_COOPERATION | {"CONSULT"}:
        return "AGREE", "reported", "plover-intent-to-cooperate"
    if status == "future" and type_ in ("SANCTION", "PROTEST", "COERCE"):
        # "would boycott the conference", "will impose sanctions" (CAMEO 1312); "will hold a protest", "called
        # a strike for Monday", "will extend the curfew": PLOVER's THREATEN modes restrict and arrest.
        return "THREATEN", "reported", "plover-intent-to-restrict"
    if status == "threatened" and type_ in CONFLICTUAL:
        # "threatened to shell Hezbollah positions", "threatened to close the borders": the threat is the event
        # (PLOVER: a threat is THREATEN, never ASSAULT with a mode of its own).
        return "THREATEN", "reported", "plover-threat"
    return type_, status, None
