"""Which of the events found are happenings an analyst would count.

The events stage reads every trigger word as an event. Read as whole stories, many are not: a byline ("X
contributed to this report"), a question ("Who is dead?"), an aggregate or a habit ("504 attacks in 2024",
"routinely deny", "regular attacks by militias"), a state told in passing ("resistance workers held in
Balochistan prisons"), a force of nature ("the cyclone struck"), a denial ("denies the allegations", "deny
providing sanctuary": a statement), or a possibility ("you can be killed", "must vote against the plan").
:func:`keep_happenings` drops the first kinds and marks the possibilities ``hypothetical``
and the happenings with a negated subject ("no passengers were killed") ``negated``, so that counts leave them
out. Each rule below names the words it reads; they were written from the dev fold of the story gold
(benchmarks/stories) and checked on the sentence-level sets.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..model import Event
from ..ontologies import triggers, word_class

__all__ = ["keep_happenings", "trigger_token"]

# "Murtaza Zehri of VOA's Urdu Service contributed to this report", "This story originated in VOA's Somali Service"
CREDIT = re.compile(r"\bcontributed (?:to )?(?:this |the )?(?:report|reporting|story)|\breported from\b|"
                    r"\b(?:this|the) (?:story|report) (?:originated|was reported)\b|\bcontributed reporting\b",
                    re.IGNORECASE)
# Adverbs of habit: "Afghan Taliban routinely deny providing sanctuary", "the group frequently conducts bombings".
HABIT_ADVERBS = frozenset("routinely frequently often regularly usually typically traditionally habitually "
                          "repeatedly constantly sometimes occasionally rarely seldom annually yearly daily weekly "
                          "monthly nightly".split())
# Adverbs that tell what a doer's acts are mostly about, in the present or a participle: a generality.
FOCUS_ADVERBS = word_class("FOCUS_ADVERBS")
# Words that count or qualify a plural event noun as many happenings: "several recent attacks", "regular attacks".
AGGREGATE_WORDS = frozenset("several many numerous multiple countless dozens hundreds thousands frequent regular "
                            "repeated recent past previous earlier various some more most further other such "
                            "few".split())
ANYONE = frozenset("those anyone anybody whoever everyone everybody people".split())
HELD_OR_SENT = frozenset("hold keep detain jail imprison house send deport transfer".split())
WARNING_VERBS = word_class("WARNING_VERBS")  # what a warning says one would do is the threat, no possibility
AGGREGATE_HEADS = word_class("AGGREGATE_HEADS")
# Auxiliaries and verbs of ability or obligation that make a happening a possibility, not a fact.
MODAL_AUX = frozenset({"can", "could", "may", "might", "must", "should", "would", "ca"})
# "for fear of attack", "the risk of being deported", "threats of sanctions", "judges are likely to find him guilty",
# "terrified of being forced back to China"
OBLIGATION_HEADS = frozenset("have need authority right power ability able risk chance danger possibility fear threat"
                             " likely unlikely terrify afraid scare frighten fearful".split())
# Forces of nature and disease as the doer: "Cyclone Jude battered Malawi", "before she dies from COVID".
NATURAL_FORCES = word_class("NATURAL_FORCES")
AGGREGATE_MIN = 10
# Periods that a count or a plural is taken over. CUMULATIVE: a running total since a year or over months ("since
# 2009", "in the last 15 months", "so far this year", "annually"); LONG adds a calendar year ("504 attacks in 2024").
_MONTHS = "january february march april may june july august september october november december".split()
_CUMULATIVE = (
    r"since (?:(?:early|late|mid-?)\s*)?(?:(?:" + "|".join(_MONTHS) + r")\s+)?(?:19|20)\d\d\b|"
    r"since the (?:beginning|start) of|"
    r"(?:in|over|during) the (?:last|past) (?:\d+|few|several|two|three|four|five|six|seven|eight|nine|ten|twelve)"
    r"\s+(?:months|years|decades)\b|(?:in|over|during) the (?:last|past) (?:year|decade)\b|"
    r"so far this year|this year so far|annually|every year|each year|per year")
CUMULATIVE_PERIOD = re.compile(r"\b(?:" + _CUMULATIVE + ")", re.IGNORECASE)
LONG_PERIOD = re.compile(r"\b(?:in (?:19|20)\d\d\b|" + _CUMULATIVE + ")", re.IGNORECASE)
# Words for many events taken together that a verb can carry: "launched 504 attacks", "conducted 11,654 operations",
# "13 rounds of missile tests".
EVENT_COUNT_NOUNS = frozenset("round operation incident case".split())
CARRIERS = word_class("CARRIERS")
# Plurals that name one act: "ramped up sanctions on North Korea in 2016", "talks in 2019".
PLURAL_ONE = frozenset("sanction talk negotiation consultation hostility tariff restriction measure".split())
CLAUSES = frozenset("advcl ccomp conj relcl parataxis".split())
CONFINEMENT = word_class("CONFINEMENT")  # "remains in detention": a state
# "remains blocked", "stayed closed", "stands accused" (the tagger sometimes leaves "remains" unlemmatised)
STATE_VERBS = word_class("STATE_VERBS")
WAR_NOUNS = frozenset("war conflict insurgency unrest crisis civil-war".split())
ABSTRACT_NOUNS = frozenset({"violence"})  # a condition, not a happening: "a surge in violence", "inciting violence"
WISHES = frozenset({"need", "hope"})
THREAT_VERBS = frozenset("issue make repeat renew carry voice send deliver".split())  # "issued a threat"
# A denial of a deed or a charge is a statement (CAMEO 016 "deny responsibility", which CAMEO2PLOVER maps to no
# event). PLOVER's REJECT takes "all rejections and refusals", and PLV codes "rejected the suggestion" and "refuted
# reports" REJECT: only "deny" is read so.
DENYING_VERBS = frozenset({"deny"})
ACCUSATIONS = frozenset("allegation accusation charge claim assertion report link involvement responsibility "
                        "wrongdoing suggestion".split())


def trigger_token(doc: Doc, event: Event) -> Token | None:
    """The head token of an event's trigger (None without one)."""
    if event.evidence is None or event.evidence.trigger is None:
        return None
    s, e = event.evidence.trigger
    span: Span | None = doc.char_span(s, e, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _clause_head(tok: Token) -> Token:
    """The verb whose clause the trigger is in (the trigger itself if a verb; a noun's governing verb)."""
    head = tok
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and head.dep_ not in ("ROOT",):
        head = head.head
    return head


def _sentence_is_not_news(sent: Span) -> bool:
    """A credit line or a question ("Who is dead?", a heading such as "Mineral deal?")."""
    text = sent.text
    return bool(CREDIT.search(text)) or text.rstrip().rstrip("\"'”’").endswith("?")


def _habit(tok: Token) -> bool:
    """An adverb of habit ("routinely deny", "killed annually") or of focus in the present ("mainly targets
    security vehicles"), a campaign under way since a time ("has been attacking Kenyan troops since 2011"), what
    "those who" do in a simple present ("the risk is to those who capture the dogs"), or a "when" clause of a
    present that holds in general ("rebels escape to Cameroon when attacked by government forces", "people lose
    their green cards when they're convicted"; not "he was killed when gunmen attacked", "they are searching when
    ...")."""
    head = _clause_head(tok)
    if any(c.dep_ == "advmod" and c.lower_ in HABIT_ADVERBS for c in (*tok.children, *head.children)):
        return True
    if tok.tag_ in ("VBZ", "VBP", "VBG") and any(c.dep_ == "advmod" and c.lower_ in FOCUS_ADVERBS
                                                 for c in tok.children):
        return True  # "the terror group mainly targets our security vehicles", "attacks, primarily targeting ..."
    base = head.head if head.dep_ == "conj" else head  # "has been attacking and fighting ... since 2011"
    verbs = [base, *(c for c in base.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    if tok.tag_ == "VBG" and {"has", "have"} & {c.lower_ for c in base.children if c.dep_ == "aux"} and \
            any(c.dep_ == "prep" and c.lower_ == "since" for v in verbs for c in v.children):
        return True  # a campaign under way: "al-Shabab has been attacking and fighting Kenyan troops since 2011"
    if head.dep_ == "relcl" and head.head.lower_ in ANYONE and _general_present(head):
        return True  # "the risk is to those who capture the dogs": whoever does, in general
    marks = {c.lower_ for c in head.children if c.dep_ in ("mark", "advmod")}
    if head.dep_ != "advcl" or not marks & {"when", "whenever"}:
        return False
    return "whenever" in marks or _general_present(head.head) and _general_present(head, own_clause=True)


def _general_present(verb: Token, own_clause: bool = False) -> bool:
    """A verb in the simple present, active or passive ("escape", "lose", "are killed"), with no future or modal;
    in a "when" clause also one with no tense of its own ("when attacked")."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "would", "'ll") or a.tag_ in ("VBD", "MD") for a in aux):
        return False
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head.i != verb.i:
        return _general_present(verb.head)  # "attempt to pass through when attacked"
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    if verb.tag_ == "VBN":
        passive = [a for a in aux if a.dep_ == "auxpass"]
        return bool(passive) and all(a.tag_ in ("VBZ", "VBP") for a in passive) or own_clause and not aux
    return False


def _aggregate(tok: Token) -> bool:
    """Many happenings told as one figure, not one happening (the codebook's statistics and aggregates): a plural
    event noun counted or qualified as many ("504 attacks", "several recent attacks"), or taken over a year or
    more ("deaths in the attacks surged from 88 in 2023"); a verb that carries a count of such nouns ("launched 504
    attacks", "conducted 11,654 operations", "killed 400 people in over 500 attacks"); a verb whose parties are
    counted in tens or more since a year or over months ("1,250 terrorists have been killed in the last 15 months",
    "hundreds have been killed since 2009"; not "killed 50 militants since Tuesday", nor "arrested 100 mob members in
    2011", which may be one raid); a war's toll (:func:`_toll_of_a_war`); or an abstract noun of violence."""
    if tok.pos_ == "NOUN":
        if tok.lemma_.lower() in ABSTRACT_NOUNS:
            return True
        return _many_events(tok, AGGREGATE_WORDS) or tok.tag_ == "NNS" and \
            tok.lemma_.lower() not in PLURAL_ONE and (_over_period(tok, LONG_PERIOD) or _of_a_quantity(tok))
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    carried = [c for c in tok.children if c.dep_ == "dobj" and tok.lemma_.lower() in CARRIERS]
    carried += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children
                if g.dep_ == "pobj"]
    if any(_many_events(o) for o in carried):
        return True
    parties = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and not _event_noun(c)]
    if any(_counted_many(p) for p in parties) and _over_period(tok, CUMULATIVE_PERIOD):
        return True
    return _toll_of_a_war(tok)


def _of_a_quantity(tok: Token) -> bool:
    """A plural noun that a noun of quantity or trend counts: "the number of attacks", "a wave of kidnappings"."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in AGGREGATE_HEADS


def _toll_of_a_war(tok: Token) -> bool:
    """A war's or an insurgency's toll: "the conflict has killed more than 40,000 people", "a war that lasted three
    years and killed 100,000 people" (not "the fighting killed five soldiers on Tuesday", which is one clash)."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if tok.dep_ == "relcl" or (tok.dep_ == "conj" and tok.head.dep_ == "relcl"):
        subjects.append((tok if tok.dep_ == "relcl" else tok.head).head)
    elif tok.dep_ == "conj":
        subjects += [c for c in tok.head.children if c.dep_ == "nsubj"]
    return any(s.lemma_.lower() in WAR_NOUNS for s in subjects) and \
        any(c.dep_ == "dobj" and _counted_many(c) for c in tok.children)


def _many_events(tok: Token, words: frozenset[str] = frozenset()) -> bool:
    """A plural event noun counted in tens or more ("504 attacks", "13 rounds") or qualified by one of ``words``
    ("several recent attacks")."""
    if tok.tag_ != "NNS" or not _event_noun(tok):
        return False
    return any(c.dep_ in ("nummod", "amod", "det", "quantmod") and (c.lower_ in words or _many(c))
               for c in tok.children)


def _event_noun(tok: Token) -> bool:
    """A noun that names happenings ("attacks", "detentions", "operations"), not parties."""
    return tok.pos_ == "NOUN" and (tok.lemma_.lower() in EVENT_COUNT_NOUNS or (tok.lemma_.lower(), "n") in triggers())


def _counted_many(tok: Token) -> bool:
    """People or groups counted in tens or more ("1,250 terrorists", "nearly 400 people", "hundreds of people"); not
    money, shares or quantities ("$400 million", "94% of the equipment")."""
    if tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
        return False
    return _many(tok) or any(c.dep_ in ("nummod", "quantmod") and _many(c) and
                             c.ent_type_ not in ("MONEY", "PERCENT", "QUANTITY") for c in tok.children)


def _over_period(tok: Token, period: re.Pattern) -> bool:
    """The trigger's own clause, without the clauses it governs ("killed 81 people since April, while 67 have been
    abducted since the start of the year"), is taken over the period ``period`` matches."""
    head = _clause_head(tok)
    inner = {t.i for c in head.children if c.dep_ in CLAUSES and c.i != tok.i for t in c.subtree}
    words = [t.text for t in head.subtree if t.i not in inner]
    return bool(period.search(" ".join(words)))


def _many(tok: Token) -> bool:
    """A number of ten or more: "504 attacks" are many happenings, "three grenade attacks" on Monday a few."""
    digits = tok.text.replace(",", "")
    return digits.isdecimal() and int(digits) >= AGGREGATE_MIN or \
        tok.lower_ in ("dozens", "hundreds", "thousands", "millions", "billions")


def _threat_as_danger(tok: Token) -> bool:
    """ "A security threat", "the threat posed by terrorist groups": a danger, not a threat someone made, which has
    its maker ("Pyongyang's threat", "a threat by the rebels") or is made ("issued a threat")."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() != "threat":
        return False
    made = tok.dep_ == "dobj" and tok.head.lemma_.lower() in THREAT_VERBS
    return not made and not any(c.dep_ in ("poss", "agent") or c.dep_ == "prep" and c.lower_ == "by"
                                for c in tok.children)


def _assertion(tok: Token) -> bool:
    """A claim asserts, it does not accuse ("Nairobi claims the frontier should head east", "claimed to be holding
    200 hostages", "past attacks were claimed by Islamic State"): the CAMEO dictionary's "claim" (110, disapprove)
    is no ACCUSE in a news story; an accusation says so ("accused", "blamed")."""
    return tok.lemma_.lower() == "claim"


def _wish(tok: Token) -> bool:
    """A need or a hope is no request ("more renewable energy is needed", "we need to closely monitor", "China
    hopes there can be a new deal"): the CAMEO dictionary's "need" (100) and "hope" (020) made one of each."""
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in WISHES


STRIVING = word_class("STRIVING")


def _striven_for(tok: Token) -> bool:
    """What someone is struggling or striving to do, an ongoing aim and no happening: "security forces are still
    struggling to stamp out the militants" (but "tried to storm the building" is an attempt made)."""
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in STRIVING


def _denial(tok: Token) -> bool:
    """ "Afghan Taliban deny providing sanctuary", "Beijing denies the allegations", "denied that it had moved
    troops"; not "denied entry to a journalist", nor any rejection ("rejected the allegation" is PLOVER's REJECT)."""
    if tok.lemma_.lower() not in DENYING_VERBS or tok.pos_ != "VERB":
        return False
    if tok.dep_ == "relcl" and tok.head.lemma_.lower() in ACCUSATIONS:
        return True
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in ACCUSATIONS or
               c.dep_ in ("xcomp", "ccomp") or c.dep_ == "dobj" and c.tag_ == "VBG" for c in tok.children)


CALLING_VERBS = frozenset("call describe label term brand".split())
UNFOUNDED = frozenset("baseless groundless unfounded false fabricated untrue lie lies nonsense absurd fake ridiculous "
                      "slander smear fiction".split())


def _called_unfounded(tok: Token) -> bool:
    """A charge called unfounded is a denial, not an accusation: "called Pakistan's assertions 'baseless'", "called
    the allegations false and fabricated" (the calling, and the charge as a telling of its own). ("Dismissed the
    claims as groundless" is PLOVER's REJECT, kept.)"""
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "oprd"):
        tok = tok.head
    if tok.lemma_.lower() not in CALLING_VERBS or tok.pos_ != "VERB":
        return False
    kids = [c for c in tok.children if c.dep_ in ("dobj", "oprd", "ccomp", "xcomp")]
    return any(c.lemma_.lower() in ACCUSATIONS for c in kids) and \
        any(t.lower_ in UNFOUNDED or t.lemma_.lower() in UNFOUNDED for c in kids for t in c.subtree)


def _state_in_passing(tok: Token) -> bool:
    """A past participle of holding or sending that only describes a noun ("workers held in prisons", "migrants
    sent to the base"); not one with its doer or its own clause ("soldiers massacred by ISIL", "people killed when
    forces used chlorine gas"), nor an arrest or a killing ("foreigners arrested granted bail")."""
    return tok.tag_ == "VBN" and tok.dep_ == "acl" and tok.lemma_.lower() in HELD_OR_SENT and \
        not any(c.dep_ in ("agent", "advcl", "npadvmod") for c in tok.children)


def _state_kept(tok: Token) -> bool:
    """A participle told as a state that lasts ("the train remains blocked", "he remains detained", "the border
    stayed closed", "stands accused", "has been held since late 2020"), or someone "in detention" or "in custody":
    the act that began it is told elsewhere, or not at all."""
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in CONFINEMENT and tok.dep_ == "pobj" and tok.head.lower_ == "in":
        return True  # "remains in detention in Louisiana", "three in immigration detention without charge"
    if tok.tag_ != "VBN":
        return False
    if any(c.dep_ in ("auxpass", "aux") and c.lower_ in STATE_VERBS for c in tok.children):
        return True
    if tok.lemma_.lower() in HELD_OR_SENT and any(c.lower_ == "been" for c in tok.children) and \
            any(c.dep_ == "prep" and c.lower_ == "since" for c in tok.children):
        return True  # "has been held in solitary confinement since late 2020"
    return tok.dep_ in ("acomp", "advcl", "xcomp", "oprd") and tok.head.lower_ in STATE_VERBS


def _natural_force(tok: Token) -> bool:
    head = _clause_head(tok)
    doers = [c for c in (*tok.children, *head.children) if c.dep_ in ("nsubj", "agent")]
    doers += [g for c in doers if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    causes = [g for c in (*tok.children, *head.children) if c.dep_ == "prep" and c.lower_ in ("from", "of")
              for g in c.children if g.dep_ == "pobj"] if tok.lemma_.lower() in ("die", "death") else []
    return any(d.lower_ in NATURAL_FORCES or d.lemma_.lower() in NATURAL_FORCES for d in (*doers, *causes))


def _possibility(tok: Token) -> bool:
    """Under a modal ("can be killed", "must vote"), or the complement of an ability or obligation ("has the
    authority to revoke", "have to ask", "the risk of being deported"). Not what a warning says one would do:
    that is the threat, made ("warned that it would execute the hostages")."""
    if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in WARNING_VERBS:
        return False
    node = tok
    for _ in range(4):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODAL_AUX for c in node.children):
            return True
        if node.dep_ in ("xcomp", "acl", "pcomp", "pobj") and node.head.lemma_.lower() in OBLIGATION_HEADS:
            return True
        if node.dep_ in ("pcomp", "pobj") and node.head.dep_ == "prep" and \
                node.head.head.lemma_.lower() in OBLIGATION_HEADS:
            return True
        if node.dep_ not in ("xcomp", "conj", "pcomp", "pobj", "prep", "aux") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _said_request(event: Event) -> bool:
    """A request told as what one must do ("Russia says Israel must end attacks"): its modal is the request,
    made, not a possibility of it."""
    return event.evidence is not None and "said-request" in event.evidence.rule


def _definition(tok: Token) -> bool:
    """A kind defined, not a happening: an indefinite event noun on either side of a present "is" ("an attack on
    one is an attack on all")."""
    return tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "attr") and tok.head.lemma_ == "be" and \
        tok.head.tag_ in ("VBZ", "VBP") and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)


SPEECH_ACTS = word_class("SPEECH_ACTS")


def _said_of_someone(tok: Token, event: Event) -> bool:
    """What a party is described as having said, in a relative clause with no date of its own: background about
    someone, not a happening the story tells ("a war veteran-turned-politician who criticized the country's
    president", "foreign bloggers who praise China"). "The U.N., which condemned the attack on Monday" keeps its
    day and stays an event. (Dev stories: 27 such tellings of speech acts, one of them coded.)"""
    if event.type not in SPEECH_ACTS:
        return False
    node = tok
    while node.dep_ in ("xcomp", "conj") and node.head.i != node.i:
        node = node.head
    return node.dep_ == "relcl" and node.head.pos_ in ("NOUN", "PROPN", "PRON") and \
        not any(t.ent_type_ in ("DATE", "TIME") for t in node.subtree)


_QUESTION_MARKS = frozenset({"if", "whether"})


def _question(tok: Token) -> bool:
    """A question asked, not a request made: a reporter's ("Asked by VOA whether the U.S. would resume aid, Rubio
    said", "When asked about the attack, ..."), or one asked of someone ("asked the elder Lai if he agreed", "'Who
    is dead?' he asked"). "Asked Iran to stop", "asked for the return of 45 nationals" and "asked that the talks
    resume" are requests."""
    if tok.lemma_.lower() != "ask" or tok.pos_ != "VERB":
        return False
    if tok.tag_ == "VBN" and tok.dep_ == "advcl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return True  # the press asking: "Asked by VOA ..., Rubio said"
    for c in tok.children:
        if c.dep_ in ("ccomp", "advcl"):
            words = [t for t in c.subtree if not t.is_punct]
            if any(m.dep_ == "mark" and m.lower_ in _QUESTION_MARKS for m in c.children) or \
                    (words and words[0].tag_ in ("WDT", "WP", "WP$", "WRB")):
                return True
    return False


def _negated_subject(tok: Token) -> bool:
    """ "No passengers were killed", "no arrests were made"."""
    head = _clause_head(tok)
    return any(c.dep_ in ("nsubj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
               for c in head.children)


DROPS = (("habit", _habit), ("aggregate", _aggregate), ("danger", _threat_as_danger), ("assertion", _assertion),
         ("wish", _wish), ("striven_for", _striven_for), ("state_kept", _state_kept),
         ("state_in_passing", _state_in_passing), ("natural_force", _natural_force), ("denial", _denial),
         ("called_unfounded", _called_unfounded),
         ("definition", _definition), ("question", _question))
"""(reason, test) pairs: an event whose trigger passes any test is no happening (as is one in a credit line or a
question, which are read once per sentence)."""


def keep_happenings(doc: Doc, events: list[Event]) -> list[Event]:
    """The events that are happenings, renumbered ``V1``, ``V2``, ...; possibilities are ``hypothetical`` and
    happenings with a negated subject ``negated``."""
    kept: list[Event] = []
    not_news: dict[int, bool] = {}  # by sentence start: each sentence is read once
    for event in events:
        tok = trigger_token(doc, event)
        if tok is not None:
            sent = tok.sent
            if sent.start not in not_news:
                not_news[sent.start] = _sentence_is_not_news(sent)
            if not_news[sent.start] or any(test(tok) for _, test in DROPS) or _said_of_someone(tok, event):
                continue
            if event.status in (None, "reported", "historical"):
                if _negated_subject(tok):
                    event = event.model_copy(update={"status": "negated"})
                elif _possibility(tok) and not _said_request(event):
                    event = event.model_copy(update={"status": "hypothetical"})
        kept.append(event)
    return [e if e.id == f"V{i}" else e.model_copy(update={"id": f"V{i}"}) for i, e in enumerate(kept, start=1)]
