"""Claims: requests and accusations told as what someone says of another ("Russia says Israel must end
attacks"), what is only asked for, and the quotes that tell an event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...model import Event, Quote
from ...ontologies import word_class

if TYPE_CHECKING:
    from spacy.tokens import Token

from .detection import _trigger_for

REPORTING_VERBS = word_class("REPORTING_VERBS")
ASKING = word_class("ASKING")
REQUEST_NOUNS = word_class("REQUEST_NOUNS")
BLAMED = word_class("BLAMED")
WRONGFUL = word_class("WRONGFUL")
ACCUSED_AS = word_class("ACCUSED_AS")
PARTY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
HARMS = word_class("HARMS")
DEMANDING = word_class("DEMANDING")
PERMISSIONS = word_class("PERMISSIONS")
# "calls to impose sanctions", "efforts to impose sanctions", "an agreement to jointly combat criminality": what is
# asked, tried or agreed to has not happened yet (the agreement is the event)
ASKED_OR_TRIED = REQUEST_NOUNS | {"effort"} | word_class("AGREEMENT_NOUNS")
BRINGING_ABOUT = frozenset("impose launch conduct hold stage sign reach introduce adopt declare".split())


def _only_asked_for(tok: Token) -> bool:
    """Whether ``tok`` names what someone asks, demands or allows, which has not (yet) happened: "rejected calls
    to halt uranium enrichment", "the request for talks", "granted the police permission to detain him", "asked
    Israel to end its blockade", "pressuring the workers to call off the strike", "demanding that authorities
    release a fellow student". Not a telephone call's purpose ("called Erdogan to apologize")."""
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in BRINGING_ABOUT and \
            tok.head.dep_ in ("acl", "relcl", "xcomp") and _only_asked_for(tok.head):
        return True  # what the act asked for would bring about: "efforts to impose sanctions" (not "efforts to
        # halt his deportation", which is under way)
    head = tok.head.lemma_.lower()
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if tok.dep_ in ("acl", "relcl", "xcomp") and tok.head.pos_ == "NOUN" and head in ASKED_OR_TRIED and to:
        return True
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ == "for" and \
            tok.head.head.lemma_.lower() in REQUEST_NOUNS | {"offer", "proposal"}:
        return True
    if tok.dep_ in ("acl", "relcl") and head in PERMISSIONS and to:
        return True
    asked = tok.head if tok.dep_ == "dobj" and tok.head.dep_ == "xcomp" else tok  # "to call off the strike"
    if asked.dep_ == "xcomp" and asked.pos_ == "VERB" and asked.head.lemma_.lower() in ASKING and (
            asked.head.lemma_.lower() != "call" or any(c.dep_ == "prep" and c.lower_ in ("on", "upon") and
                                                       c.i == asked.head.i + 1 for c in asked.head.children)):
        return True
    return tok.dep_ == "ccomp" and tok.pos_ == "VERB" and head in DEMANDING | ASKING and _demanded_by(tok) is None


def _said_of(tok: Token) -> tuple[str, Token, Token | None] | None:
    """A request or an accusation told as what someone says of another: its type, the reporting verb and the
    other party. "Russia says Israel must end attacks": REQUEST by Russia of Israel (CAMEO 02); "the army said
    the rebels were behind the bombing", "... were responsible for it": ACCUSE by the army of the rebels (112);
    "Crow said Putin is the aggressor", "said the detention was arbitrary": ACCUSE by the speaker of what it judges
    (WRONGFUL, ACCUSED_AS; CAMEO 111), a party or a party's act."""
    demand = _demanded_by(tok)
    if demand is not None:
        return "REQUEST", demand, next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    claim = tok.head
    judged = tok.dep_ in ("acomp", "attr") and (tok.lemma_.lower() in WRONGFUL or tok.lemma_.lower() in ACCUSED_AS)
    if not (judged or tok.lower_ in BLAMED and tok.dep_ == "acomp" and all(
                c.lower_ == "for" and any(p.lemma_.lower() in HARMS or _trigger_for(p) is not None
                                          for p in c.children if p.dep_ == "pobj")
                for c in tok.children if c.dep_ == "prep")
            or tok.lower_ == "behind" and tok.dep_ == "prep" and any(
                c.dep_ == "pobj" and _trigger_for(c) is not None for c in tok.children)):
        return None
    if claim.lemma_ != "be" or claim.dep_ != "ccomp" or claim.head.lemma_.lower() not in REPORTING_VERBS or \
            any(c.dep_ == "neg" for c in claim.children):
        return None
    accused = next((c for c in claim.children if c.dep_ == "nsubj"), None)
    if accused is None or accused.lower_ in ("we", "i", "it", "there", "this", "that", "who"):
        return None
    if judged and not any(t.ent_type_ in PARTY_LABELS for t in accused.subtree):
        return None  # what is judged must be a party's or its act: not "said the weather was dangerous"
    return "ACCUSE", claim.head, accused


def _demanded_by(verb: Token) -> Token | None:
    """The reporting verb when ``verb`` is what someone says another must do ("Russia says Israel must end
    attacks", "said the government should resign"): a request (CAMEO 02) by the speaker of the one who must act.
    Not when the speakers bind themselves ("we must"), nor with no speaker."""
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in REPORTING_VERBS:
        return None
    if not any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children):
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in ("we", "i", "us", "it", "there", "this", "that"):
        return None
    speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.lower_ in ("it", "there"):
        return None
    return verb.head


def link_quotes(quotes: list[Quote], events: list[Event]) -> list[Quote]:
    """Each quote with the ids of the events inside its content."""
    out = []
    for q in quotes:
        ids = [e.id for e in events if any(m.evidence.trigger and q.start <= m.evidence.trigger[0] < q.end
                                            for m in (e.mentions or [e]) if m.evidence)]
        out.append(q.model_copy(update={"events": ids}) if ids else q)
    return out
