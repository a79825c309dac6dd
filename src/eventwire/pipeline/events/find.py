"""The events stage's chain: every event of a story, one per trigger, with its type, roles, status, source,
place, date, counts and the rules that made it (``evidence.rule``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from ...model import AcledView, Count, Entity, Event, EventDate, Evidence, Place, Quote, TimeRef
from ...ontologies import Trigger, plover_types, word_class
from ..acled import acled_view
from ..cameo import CameoMatch, match_cameo
from ..capitals import capitals
from ..dates import published_period
from ..event_location import ancestor_ids, choose_location, clause_head, is_origin
from ..nlp import doc_text
from ..seats import institutions, seat_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ...model import Published
from .claims import BLAMED, _only_asked_for, _said_of
from .counts import _event_counts
from .detection import (
    Reading,
    _arguments,
    _cameo_trusted,
    _hyphen_start,
    _lexical_type,
    _reading,
    _trigger_for,
)
from .roles import _agent, _governing_verb, _Resolver, _subject
from .status import _plover_reading, _status

BACKREF_PREPS = word_class("BACKREF_PREPS")
HOME_WORDS = frozenset("base based headquarter headquartered headquarters hideout haven sanctuary".split())
RECIPIENT_PREPS = word_class("RECIPIENT_PREPS")
WITH_COUNTERPART = word_class("WITH_COUNTERPART")
NATURAL_FORCES = word_class("NATURAL_FORCES")
SPEECH_ACTS = word_class("SPEECH_ACTS")  # types told by saying
CHARGING = word_class("CHARGING")  # "charged with shooting": the shooting is not dated by the charge
DYING = word_class("DYING_VERBS")  # who dies is whom a happening was done to
ALWAYS_TRANSITIVE = frozenset("""arrest detain jail imprison abduct kidnap injure wound execute sentence convict indict
deport expel kill murder assassinate behead""".split())  # a headline's "X arrested" is X's arrest
RECEIVED_PUNISHMENTS = frozenset("sentence term fine penalty punishment probation ban suspension".split())
UNDERGOING = frozenset({"face"})  # "faces charges": the subject is whom the object names is done to
# Deaths and damage told with no one who caused them, in a sentence about a disaster or an accident and with no
# word of violence: "a volcano erupted ..., several people were injured", "19 people were killed when their bus
# plunged off a bridge", "a furnace exploded". Not political events (ACLED codes none of them). Lower case only:
# "Storm Corps" is a unit.
MISHAP = re.compile(
    r"\b(earthquakes?|quakes?|tremors?|aftershocks?|floods?|flooding|landslides?|mudslides?|avalanches?|tsunamis?|"
    r"volcano(es)?|volcanic|erupt\w*|cyclones?|hurricanes?|typhoons?|storms?|tornado(es)?|droughts?|lightning|"
    r"downpours?|torrential|poison(ing|ed)|toxins?|accident\w*|crash\w*|collision|collided|plunged|derail\w*|"
    r"capsiz\w*|sank|collaps\w*|spill\w*|spilt|leak\w*|stampede|wildfires?|furnace|boiler|cylinder|"
    r"(chemical|oil|power|petrochemical|fertili[sz]er|fireworks?) (plant|factory|depot|warehouse))\b")
VIOLENCE = re.compile(
    r"\b(attack\w*|gunm[ae]n|militants?|rebels?|insurgents?|bomb\w*|shot|shoot\w*|gunfire|troops|soldiers|"
    r"police|forces|terror\w*|suicide|grenades?|IEDs?|fighters|kidnap\w*|assault\w*|raid\w*|clash\w*|"
    r"militia\w*|army|jihadists?|mob|rioters?|sabotage\w*|arson\w*)\b", re.IGNORECASE)
WEAPON_NOUNS = word_class("WEAPON_NOUNS")
MUTUAL_FIGHTING = word_class("MUTUAL_FIGHTING")
SECURITY_FORCES = word_class("SECURITY_FORCES")
PATIENT_NOUNS = word_class("PATIENT_NOUNS")
TIES = word_class("TIES")
RESUMED_EXCHANGE = word_class("RESUMED_EXCHANGE")
REACTIONS = word_class("REACTIONS")
CARRIERS = word_class("CARRIERS")
HARMING = word_class("HARMING")
GENERIC_ACLED = frozenset({"Attack", "Peaceful protest", "Change to group/activity", "Other", None})
COPULAS = word_class("COPULAS")
REPORTING_VERBS = word_class("REPORTING_VERBS")
SEQUENCE_PREPS = word_class("SEQUENCE_PREPS")  # "a day after an attack": another happening, another doer
TELLING_OF = (REPORTING_VERBS | word_class("OBJECT_REPORTING") | {"share"}) - {"announce", "claim", "admit",
                                                                                 "acknowledge"}
"""Verbs whose subject tells of an attack their object names, not its doer ("confirmed the killing", "shared word of
the strike"; but who announces an offensive, claims an attack or admits it did it)."""
# Nouns of talk about a happening: who "had no comment on the attack" or "gave details of the raid" did not do it
TALK_NOUNS = word_class("PARTICULARS") | frozenset(
    "statement remark word news report question reaction response condolence information".split())
SAID_AT = frozenset({"in", "at", "from"})
# What a title names that is no happening: "the ... Sanctions Act", "the Sanctions Committee", "the Protest Party"
TITLE_HEADS = frozenset("act law bill resolution committee council commission agency office department ministry "
                        "program programme fund court tribunal party movement front centre center institute "
                        "foundation".split())
COUNTS_FOR = {"ASSAULT": ("killed", "injured", "displaced"), "COERCE": ("arrested",),
              "PROTEST": ("killed", "injured", "arrested")}


def story_place(places: list[Place]) -> Place | None:
    """The place a story is about, for events whose sentence says not where: the place it names most often; on a
    tie, the one in the country the story's place mentions fall in most, then the first named. (Not the dateline:
    a story filed from Kyiv about raids in Russia is about Russia.)"""
    places = [p for p in places if p.mentions]  # not an institution's seat the story does not name (..seats)
    if not places:
        return None
    by_country: dict[str, int] = {}
    for p in places:
        if p.country:
            by_country[p.country] = by_country.get(p.country, 0) + len(p.mentions)
    return min(places, key=lambda p: (-len(p.mentions), -by_country.get(p.country or "", 0),
                                      min(s for s, _ in p.mentions) if p.mentions else 0))


class _Story:
    """What the events stage reads of a whole story, worked out once: the entity resolver, the places by character
    and by sentence, each entity's places, the clause of each date, the story's place and year."""

    def __init__(self, doc: Doc, entities: list[Entity], quotes: list[Quote], places: list[Place],
                 dates: list[TimeRef], published: Published | None) -> None:
        self.doc, self.dates, self.published = doc, dates, published
        self.resolver = _Resolver(doc, entities, quotes,
                                  frozenset(s for p in places if p.feature == "country" for s, _ in p.mentions))
        self.text = doc_text(doc)
        self.entity_chars = set(self.resolver.by_char)
        self.place_by_char = {s: p for p in places for s, _ in p.mentions}
        self.places = places
        self.entities = {e.id: e for e in entities}
        self.countries = {p.country: p for p in places if p.feature == "country" and p.country}
        self.institutions = institutions(self.text)
        self.spans_by_sent: dict[int, list] = {}  # each sentence's place mentions, found once ("Span.sent" is slow)
        for p in places:
            for s, e in p.mentions:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is not None and not _home_of_a_party(span):
                    self.spans_by_sent.setdefault(span.sent.start, []).append(span)
        self.story_year = int(published.date[:4]) if published is not None else None
        self.date_clause = {}
        self.date_owner: dict[str, int] = {}  # a date qualifying a noun: "Tuesday's announcement", "the 2014 abduction"
        for d in dates:
            span = doc.char_span(d.start_char, d.end_char, alignment_mode="expand")
            self.date_clause[d.id] = clause_head(span.root).i if span is not None else -1
            if span is not None and span.root.dep_ in ("poss", "compound", "amod", "nummod") and \
                    span.root.head.pos_ in ("NOUN", "PROPN"):
                owner = span.root.head
                while owner.dep_ == "compound" and owner.head.i != owner.i:
                    owner = owner.head  # "last year's Columbia University protests": the protests'
                self.date_owner[d.id] = owner.i
            elif span is not None and span.root.dep_ == "pobj" and span.root.head.lower_ == "since" and \
                    span.root.head.head.pos_ == "NOUN":
                self.date_owner[d.id] = span.root.head.head.i  # "the fourth such incident since December"
            elif span is not None and (born := clause_head(span.root)).lower_ == "born":
                self.date_owner[d.id] = born.i  # "Mohammad al-Wahab, born in 1952, was found dead": his birth's
        self.counts_by_sent: dict[int, dict[str, Count]] = {}
        self.main_place = story_place(places)
        self.kinds = {s: {"other": "admin2"}.get(p.feature or "", p.feature or "")
                      for s, p in self.place_by_char.items()}
        # Each entity's places, by its mentions (a place record holds the mentions of all the entities that name
        # it: "Gaza" and "the Gaza Strip").
        place_by_span = {(s, e): p for p in places for s, e in p.mentions}
        self.places_of: dict[str, list[Place]] = {}
        for ent in entities:
            for span in ent.mentions:
                place = place_by_span.get(tuple(span))
                if place is not None and place not in self.places_of.setdefault(ent.id, []):
                    self.places_of[ent.id].append(place)
        # Places below the country level are where things happen, not who they happen to; but a national capital
        # stands for its state ("urged Beijing to use its influence": China, :mod:`..capitals`).
        table = capitals()
        self.local_places = {e for e, ps in self.places_of.items() if any(
            p.feature not in ("country", None) for p in ps)} - {
            e for e, ps in self.places_of.items() if any(p.feature == "country" for p in ps)} - {
            e.id for e in entities if e.type == "GPE" and e.country and table.get(e.name.casefold()) == e.country}


class _Candidate(NamedTuple):
    trig: Trigger | None
    cameo: CameoMatch | None  # None for a claim told as speech
    found: CameoMatch | None  # the CAMEO match as found (for evidence.rule)
    said: tuple | None  # (type, reporting verb, the other party) of a claim told as speech


class _Status(NamedTuple):
    type: str  # the type after PLOVER's readings of the status
    status: str
    decided: list[str]  # the ids of the Python rules that decided (BUILT_IN_RULES)
    cameo: CameoMatch | None  # None once the status changed the type
    dates: list[TimeRef]  # the clause's dates, else the sentence's


_MAY_TRIGGER = frozenset({"VERB", "AUX", "NOUN", "PROPN"})
"""The parts of speech a trigger, a CAMEO verb or a demand can have; other words are passed over at once."""
CLAIM_WORDS = BLAMED | {"behind"}
"""The other words a claim is read from ("the army said the rebels were responsible for it", "were behind it")."""


class _Parties(NamedTuple):
    subj: Token | None
    obj: Token | None
    roles: tuple[str, str]  # the ids of the rules that chose them (BUILT_IN_RULES)


def find_events(doc: Doc, entities: list[Entity], quotes: list[Quote], places: list[Place],
                dates: list[TimeRef], published: Published | None) -> list[Event]:
    """Every event in ``doc`` (see the package docstring for the rules)."""
    story = _Story(doc, entities, quotes, places, dates, published)
    events: list[Event] = []
    trigger_tokens: list[Token] = []  # the trigger of each event in ``events``
    for tok in doc:
        candidate = _candidate(tok, story)
        if candidate is None:
            continue
        trig, cameo, _, said = candidate
        reading = Reading(said[0], False, ()) if said is not None else \
            _reading(tok, trig, cameo, story.place_by_char)
        if reading is None:
            continue
        parties = _parties(tok, said, reading.type, story)
        if _no_political_event(tok, trig, parties.subj, reading.type):
            continue
        actor, recipient, role_rules = _roles(tok, parties, reading.type, story)
        status = _status_of(tok, candidate, reading.type, story)
        if _told_already(tok, status.type, recipient, actor, events, trigger_tokens):
            continue
        events.append(_event(f"V{len(events) + 1}", tok, candidate, reading, status, parties.subj, actor,
                             recipient, role_rules, story))
        trigger_tokens.append(tok)
    return events


def _candidate(tok: Token, story: _Story) -> _Candidate | None:
    """Whether ``tok`` may trigger an event: its trigger, CAMEO match or claim, else None (a state told of a
    participant, a reference back, a generic use, what CAMEO rules out, what is only asked for)."""
    if tok.pos_ not in _MAY_TRIGGER and tok.lower_ not in CLAIM_WORDS and not (
            tok.idx and story.text[tok.idx - 1] == "-"):
        return None  # no trigger, CAMEO verb or claim is read from it (but the "in" of "sit-in" may end one)
    doc = tok.doc
    if tok.idx in story.entity_chars or _in_title(tok):
        return None  # a name, or a word of the title of a law or a body ("... Through Sanctions Act", "the
        # Sanctions Committee"; but "the Treaty on Comprehensive Strategic Partnership" is the treaty)
    if tok.dep_ == "amod" and tok.tag_ in ("VBN", "VBG") and not (tok.i > 0 and doc[tok.i - 1].pos_ == "CCONJ"):
        return None  # "a captured soldier", "striking miners": a state told of a participant, not an event
        # (but "destroyed vehicles and seized weapons", where the parser took a verb for an adjective)
    if tok.tag_ == "VBN" and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and \
            not any(c.dep_ in ("agent", "prep", "dobj", "aux", "auxpass", "advmod") for c in tok.children):
        return None  # "treated dozens of injured", "the wounded were taken to hospital": people, not an event
    trig = _trigger_for(tok)
    cameo = found = match_cameo(tok) if tok.pos_ == "VERB" else None
    if cameo is not None and cameo.code == "---" and not _arguments(tok) & WEAPON_NOUNS and not (
            tok.lemma_.lower() in HARMING and any(c.dep_ == "dobj" for c in tok.children)):
        return None  # CAMEO rules the event out ("seized drugs", "wounded in an accident"), unless weapons are in
        # it too, or someone harmed someone ("gunmen wounded two policemen in Kabul": CAMEO's "in" pattern is
        # for the passive victim)
    said = _said_of(tok)  # "Russia says Israel must end attacks": a request by Russia of Israel
    if said is not None:
        trig, cameo = None, None
    elif trig is None and (cameo is None or cameo.plover is None or not _cameo_trusted(cameo)):
        return None
    if _only_asked_for(tok):
        return None
    if tok.pos_ == "NOUN":
        if tok.head.lower_ in BACKREF_PREPS and tok.dep_ == "pobj" and \
                not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
            return None  # "following the raids": a reference to an event already told ("after a meeting earlier
            # this month" tells one)
        has_det = any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)
        if tok.dep_ in ("nsubj", "nsubjpass") and not has_det and (tok.tag_ != "NNS" or
                                                                  tok.head.lemma_.lower() in COPULAS):
            return None  # generic use: "peaceful protest doesn't work" (but "protests erupted", "rallies were held")
        if tok.dep_ == "compound":
            return None
        if any(c.tag_ == "JJS" for c in tok.children):
            return None  # "the deadliest attack in the region since ...": a comparison, not a new event
    return _Candidate(trig, cameo, found, said)


def _reduced_passive(tok: Token) -> bool:
    """A past participle that tells a clause of its own with no auxiliary or subject: "is dead, killed in an
    airstrike" (an adverbial clause), "schoolgirls kidnapped in Zamfara" (a noun's modifier)."""
    return tok.tag_ == "VBN" and (tok.dep_ == "advcl" or tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN")) \
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "dobj") for c in tok.children)


def _headline_passive(tok: Token) -> bool:
    """A headline's passive without its auxiliary: "Councilwoman arrested after incident at mayor's home", "Two
    killed in Kabul blast": a verb that always takes an object, in the past, with a subject and nothing after it
    that could be the object."""
    return tok.dep_ == "ROOT" and tok.tag_ in ("VBD", "VBN") and tok.lemma_.lower() in ALWAYS_TRANSITIVE and \
        any(c.dep_ == "nsubj" and c.pos_ != "PRON" for c in tok.children) and \
        not any(c.dep_ in ("dobj", "aux", "auxpass", "ccomp", "xcomp", "dative", "attr", "prt", "oprd")
                for c in tok.children)


def _in_title(tok: Token) -> bool:
    """A capitalised word inside the title of a law or a body: every word up to the title's head is capitalised,
    and the head is one of TITLE_HEADS ("Adversaries Through Sanctions Act", "the Sanctions Committee")."""
    if not tok.is_title or tok.is_sent_start or tok.pos_ not in ("PROPN", "NOUN"):
        return False
    node = tok
    for _ in range(4):
        if node.head.i == node.i or not node.head.is_title:
            return False
        node = node.head
        if node.lemma_.lower() in TITLE_HEADS and node.i > tok.i:
            return True
    return False


def _parties(tok: Token, said: tuple | None, type_: str, story: _Story) -> _Parties:
    """The words for who acts and who is acted on, and the ids of the rules that chose them."""
    if said is not None:
        _type, speaking, obj = said
        return _Parties(_subject(speaking), obj, ("actor-speaker", "recipient-said-of"))
    if tok.pos_ == "VERB" and tok.lemma_.lower() in DYING:
        # "21 passengers died in the attack": who died is whom it was done to, not its doer
        return _Parties(_agent(tok), _subject(tok), ("actor-agent", "recipient-died"))
    if tok.pos_ == "VERB" and tok.lemma_.lower() in UNDERGOING and any(c.dep_ == "dobj" for c in tok.children):
        # "She faces charges", "he faces trial": who faces what the object names is whom it is done to
        return _Parties(None, _subject(tok), ("actor-agent", "recipient-faces"))
    if tok.pos_ == "VERB" and tok.lemma_.lower() == "receive" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in RECEIVED_PUNISHMENTS for c in tok.children):
        # "Tynes received a suspended 24-month sentence": who receives a sentence or a fine is whom it is given to
        return _Parties(None, _subject(tok), ("actor-agent", "recipient-receives"))
    if tok.pos_ == "VERB" and _headline_passive(tok):
        return _Parties(None, _subject(tok), ("actor-agent", "recipient-headline-passive"))
    if tok.pos_ == "VERB" and _reduced_passive(tok):
        # "One of the group's leaders is dead, killed in an airstrike", "schoolgirls kidnapped in Zamfara": whom a
        # participle with no auxiliary or subject of its own describes is whom it was done to
        return _Parties(_agent(tok), tok.head if tok.dep_ == "acl" else _subject(tok),
                        ("actor-agent", "recipient-reduced-passive"))
    if tok.pos_ == "VERB":
        passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        agent = _agent(tok)
        subj = agent if passive is not None else (agent or _subject(tok))
        obj = passive or next((c for c in tok.children if c.dep_ in ("dobj",)), None)
        if passive is not None and passive.lower_ in ("who", "whom") and tok.dep_ == "relcl":
            obj = tok.head  # "Daphne Caruana Galizia, who was killed in Malta": whom the relative stands for
        return _Parties(subj, obj, (
            "actor-agent" if agent is not None and subj is not None and subj.i == agent.i else "actor-subject",
            "recipient-passive-subject" if passive is not None else "recipient-object"))
    verb = _governing_verb(tok)
    if verb is not None and verb.lemma_.lower() == "come" and tok.dep_ == "pobj" and tok.head.lower_ == "under" \
            and tok.head.head.i == verb.i:
        # "the convoy came under attack": the subject is whom it was done to, not its doer
        by_whom = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children
                        if g.dep_ == "pobj"), None)
        target = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
        return _Parties(by_whom, target, ("actor-by", "recipient-came-under"))
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    by_obj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if by_obj is None and type_ in SPEECH_ACTS:
        # "calls from the opposition", "drew criticism from rights groups": who said it ("from" on the noun, or on
        # the verb whose object it is)
        holders = [tok] + ([tok.head] if tok.dep_ == "dobj" else [])
        by_obj = next((g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
                       for g in c.children if g.dep_ == "pobj"), None)
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    of_obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    patient = tok.lemma_.lower() in PATIENT_NOUNS
    if patient and poss is not None:
        obj, poss = poss, None  # "the tanker's release", "Navalny's arrest": whom it was done to
    else:
        obj = of_obj if patient else None  # "the release of former President Temer"
    # The subject of the verb that governs the noun does it ("carried out raids"), unless that verb is an event of
    # its own kind: who condemns or investigates violence did not commit it.
    between = [] if verb is None else [t for t in tok.ancestors if t.i != verb.i and verb.is_ancestor(t)]
    inherits = verb is not None and (verb.lemma_.lower() in CARRIERS or _lexical_type(verb) not in (
        REACTIONS - {type_})) and not any(t.pos_ == "NOUN" and _trigger_for(t) is not None for t in between) \
        and verb.lemma_.lower() not in DYING \
        and not (type_ != "CONSULT" and any(t.lower_ in SEQUENCE_PREPS for t in between)) \
        and not (type_ == "ASSAULT" and verb.lemma_.lower() in TELLING_OF) \
        and not any(t.pos_ == "NOUN" and t.lemma_.lower() in TALK_NOUNS for t in between)
    # ("21 passengers died in the attack": victims, not attackers; "killed 30 terrorists a day after an attack on a
    # train", "passengers arrived at the station after the attack": what came before or after is another's doing,
    # but not a meeting: "the governor, after a meeting with activists, told ..." was at it; nor who tells of an
    # attack: "Trump confirmed al-Rufay'i's killing", "Sudani was first to share word of the strike")
    # (nor did who investigates the killings: "launched an investigation into the killings")
    own = _subject(verb) if inherits else None
    if own is not None and own.i == tok.i:
        own = None  # "their raids forced Russia to divert troops": the noun is the verb's own subject
    if poss is not None and poss.pos_ == "PRON" and own is not None:
        poss = None  # "the army intensified its bombardment": "its" is the army, the verb's subject
    subj = by_obj or (poss if poss is not None and _speaks(poss, type_, story) else None) or own
    adjective = None
    if subj is None and not patient and type_ == "ASSAULT":
        # "Israeli airstrikes killed 40 people": the nation an attack's adjective names made it (not so for what
        # is done to people: "Palestinian deaths", "the Russian detainees' release")
        adjective = subj = next((c for c in tok.children if c.dep_ == "amod" and c.i < tok.i and
                                 story.resolver.type_at(c) in ("NORP", "GPE")), None)
    return _Parties(subj, obj, (
        "actor-by" if by_obj is not None else "actor-adjective" if adjective is not None else
        "actor-possessor" if subj is not None and (poss is not None and subj.i == poss.i) else
        "actor-governing-subject",
        "recipient-possessor" if patient and obj is not None and obj.dep_ == "poss" else "recipient-of"))


def _speaks(poss: Token, type_: str, story: _Story) -> bool:
    """Whether the possessor of an event noun does it: not a place ("Balochistan's attack"), unless a country says
    it ("Pakistan's allegation", "China's demand")."""
    place = story.place_by_char.get(poss.idx)
    return place is None or type_ in SPEECH_ACTS and place.feature == "country"


def _no_political_event(tok: Token, trig: Trigger | None, subj: Token | None, type_: str) -> bool:
    """A disaster, an accident, or the consequence of an event already told."""
    if subj is not None and (subj.lemma_.lower() in NATURAL_FORCES or any(
            c.dep_ == "compound" and c.lemma_.lower() in NATURAL_FORCES for c in subj.children)):
        return True  # "floods destroyed hundreds of homes", "Tropical Cyclone Jude slammed into ...": a disaster
    if trig is None and subj is not None and _trigger_for(subj) is not None:
        return True  # "their raids forced Russia to divert troops": a consequence of an event, not one more
    sent = tok.sent
    return type_ in ("ASSAULT", "COERCE") and (subj is None or subj.pos_ != "PROPN") and \
        MISHAP.search(sent.text[:1].lower() + sent.text[1:]) is not None and not VIOLENCE.search(sent.text)
    # (a disaster or an accident: "the bus plunged off a bridge, killing 19")


def _roles(tok: Token, parties: _Parties, type_: str, story: _Story) -> tuple[list[str], list[str], list[str]]:
    """The actor's and recipient's entity ids, and the ids of the rules that gave them."""
    subj, obj, roles = parties
    actor = story.resolver.resolve(subj) if subj is not None else []
    if subj is not None and story.resolver.at(subj) is None:
        actor = [a for a in actor if a not in story.local_places]  # "a Salt Lake man shot ...": where he is from

    def others(ids: list[str]) -> list[str]:
        return [r for r in ids if r not in actor and r not in story.local_places]

    recipient = others(story.resolver.resolve(obj)) if obj is not None else []
    role_rules = ([roles[0]] if actor else []) + ([roles[1]] if recipient else [])
    preps = RECIPIENT_PREPS | ({"with"} if type_ in WITH_COUNTERPART else set()) | \
        ({"to"} if type_ == "AID" else set())  # "sold S-400 missiles to Turkey"
    # "with" may hang on the object: "severed [relations with Cuba]".
    holders = [tok] + ([obj] if obj is not None and obj.lemma_.lower() in TIES | RESUMED_EXCHANGE else []) + \
        ([tok.head] if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in CARRIERS else [])
    if type_ == "THREATEN" and tok.pos_ == "VERB" and not recipient:
        # "threatened to use force against North Korea": what is threatened is done to its complement's target;
        # "threatened to kill the hostages": to its object
        done = [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        holders += done
        recipient = others([r for c in done for o in c.children if o.dep_ == "dobj" for r in story.resolver.resolve(o)])
        role_rules += ["recipient-threatened-object"] if recipient else []
    # ("filed charges against Temer": the verb that carries the noun's event holds its recipient)
    for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            # "strikes on Ukraine's border regions": the possessor is the recipient.
            target = next((c for c in pobj.children if c.dep_ == "poss"), None) or pobj
            found = [ent for ent in story.resolver.resolve(target) if ent not in recipient]
            recipient += found
            if found and "recipient-prep" not in role_rules:
                role_rules.append("recipient-prep")
    recipient = others(recipient)
    return actor, recipient, role_rules


def _status_of(tok: Token, candidate: _Candidate, type_: str, story: _Story) -> _Status:
    """The event's status from its clause, and PLOVER's reading of it."""
    sent = tok.sent
    # a date that qualifies another noun is that noun's, and of what the noun tells ("welcomed Tuesday's
    # announcement that Ukraine had agreed": the agreement, not the welcome, was on Tuesday)
    owners = set(ancestor_ids(tok))  # the trigger and its heads
    sent_dates = [d for d in story.dates if sent.start_char <= d.start_char < sent.end_char and
                  story.date_owner.get(d.id, tok.i) in owners]
    head = clause_head(tok)
    clauses = {head.i} | _shared_clauses(head)
    clause_dates = [d for d in sent_dates if story.date_clause[d.id] in clauses]
    status, status_rule = _status(tok, clause_dates, story.story_year, story.text) \
        if candidate.said is None else ("reported", None)
    plover_type, status, plover_rule = _plover_reading(type_, status)
    return _Status(plover_type, status, [r for r in (status_rule, plover_rule) if r],
                   candidate.cameo if plover_type == type_ else None,
                   [d for d in sent_dates if story.date_owner.get(d.id) == tok.i]
                   if _named_in_passing(tok) or _charged_act(tok) else
                   clause_dates or (_within(tok, sent_dates) if _told_of_a_subject(tok) else sent_dates))


def _charged_act(tok: Token) -> bool:
    """An act told as what someone is charged with, arrested for or admits ("charged Tuesday with shooting his
    daughter", "confessed early Sunday morning to shooting", "arrested for the killing"): the day of the charge or
    the confession is not the act's, which keeps only a date of its own ("Saturday's shooting")."""
    if tok.tag_ != "VBG" and tok.pos_ != "NOUN":
        return False
    node = tok
    for _ in range(4):  # through nouns: "charged with aggravated assault in the shooting of a friend"
        if node.dep_ in ("pcomp", "pobj") and node.head.dep_ == "prep":
            node = node.head.head
        elif node.dep_ in ("xcomp", "dobj") and node.head.i != node.i:
            node = node.head
        else:
            return False
        if node.lemma_.lower() in CHARGING:
            return True
        if node.pos_ != "NOUN":
            return False
    return False


def _within(tok: Token, dates: list[TimeRef]) -> list[TimeRef]:
    """The dates inside the phrase ``tok`` heads ("who were expelled to make way for the base in the 1960s")."""
    start, end = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    return [d for d in dates if start <= d.start_char < end]


def _told_of_a_subject(tok: Token) -> bool:
    """A participle after the subject of another verb that tells what was done to it before ("more than 270
    schoolgirls kidnapped in Zamfara state were freed Tuesday"): a date of the sentence outside its own phrase is
    that verb's, not its own (but "a call of shots fired" on Thursday, in no subject, came when they were fired).
    Relative clauses with a verb of their own are left to the sentence's dates: read so, a list of headlines run
    into one sentence lost the dates a Gun Violence Corpus article was joined to its incident by."""
    return tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.dep_ in ("nsubj", "nsubjpass") and \
        not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


# Nouns through which a sentence names a happening told elsewhere: "the scene of the attack", "the victims of the
# Kabul attack", "word of the strike", "the anniversary of the start of the protests".
_PASSING_HEADS = frozenset("scene site victim anniversary start word news aftermath wake footage image video "
                           "detail".split())


def _named_in_passing(tok: Token) -> bool:
    """An event noun named through another noun ("shared word of the strike, announcing on Friday that ...",
    "declared Tuesday a day of mourning for the victims of the Kabul attack"): the sentence's dates are of what
    it tells, not of the happening it names, which keeps only a date of its own ("the victims of Saturday's
    attack")."""
    return tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
        tok.head.head.lemma_.lower() in _PASSING_HEADS


def _shared_clauses(verb: Token) -> set[int]:
    """The verbs coordinated with ``verb`` that share its subject, whose dates are its own: "killed and injured
    1,000 fighters in the past week"."""
    out: set[int] = set()
    for conj in (c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
            out.add(conj.i)
    if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        out.add(verb.head.i)
    return out


def _told_already(tok: Token, type_: str, recipient: list[str], actor: list[str], events: list[Event],
                  trigger_tokens: list[Token]) -> bool:
    """Whether the event of ``tok`` is one told just before: a noun or purpose clause of the same type ("will
    hold a protest", "called Lavrov to discuss"), a dispersal by the attack it is for, or the demand of a protest
    (whose recipients it then joins; ``events`` is updated)."""
    purpose_of = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "for" else tok.head
    if (tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj") or
            tok.tag_ == "VB" and tok.dep_ in ("xcomp", "advcl")) and \
            any(e.type == type_ and e.evidence.trigger[0] == purpose_of.idx for e in events[-3:]):
        # "will hold a protest", "staged a strike", "called Lavrov to discuss", "flew to Tehran for
        # consultations": one event. ("ambushed a convoy, killing 12" stays two: the killing is told apart.)
        return True
    if tok.lemma_.lower() == "disperse" and tok.dep_ in ("advcl", "xcomp") and any(
            trigger_tokens[k].i == tok.head.i and events[k].type == "ASSAULT" for k in range(len(events))):
        return True  # "fired tear gas to disperse the crowd": the crowd-control attack is the event
    if type_ == "REQUEST" and tok.dep_ in ("advcl", "xcomp", "acl"):
        # "marched through the capital demanding the resignation of ...", "staged a sit-in to demand ...": the
        # demand is what the protest is for (CAMEO 141x), told once, by the protest.
        sent = tok.sent
        protest = next((k for k in range(len(events) - 1, max(-1, len(events) - 4), -1)
                        if events[k].type == "PROTEST" and trigger_tokens[k].sent.start == sent.start and
                        tok.head.i in (trigger_tokens[k].i, trigger_tokens[k].head.i)), None)
        if protest is not None:
            kept = events[protest].recipient
            events[protest] = events[protest].model_copy(
                update={"recipient": kept + [r for r in recipient if r not in kept and r not in actor]})
            return True
    return False


def _event(event_id: str, tok: Token, candidate: _Candidate, reading: Reading, status: _Status,
           subj: Token | None, actor: list[str], recipient: list[str], role_rules: list[str], story: _Story) -> Event:
    """The event ``tok`` triggers, with its source, place, date, ACLED view, counts and the rules that made it
    (``evidence.rule``: where the trigger comes from, the reading, status and role rules)."""
    decided = list(status.decided)
    trig, agreement = candidate.trig, reading.agreement
    type_, cameo, sent = status.type, status.cameo, tok.sent
    quote = story.resolver.quote_at(tok.idx)
    first = _hyphen_start(tok)
    place, basis, where = _place(tok, first, type_, actor, story)
    decided += [where] if where else []
    acled = _acled(tok, type_, agreement, trig, story.text)
    riot = acled.sub_event_type == "Violent demonstration" and not (
        subj is not None and subj.lemma_.lower() in SECURITY_FORCES and tok.lemma_.lower() not in MUTUAL_FIGHTING)
    # ("riot police used water cannon" is the police's act; "police clashed with rioters" is the riot)
    if riot and type_ != "PROTEST":
        type_, cameo = "PROTEST", None  # PLOVER codes a riot as PROTEST, mode riot
        decided.append("riot-is-protest")
    agrees = cameo is not None and cameo.plover is not None and cameo.plover.type == type_
    code = cameo.code if agrees else "057" if agreement and type_ == "SUPPORT" else plover_types()[type_].cameo_root
    mode = cameo.plover.mode if agrees else "riot" if riot else reading.mode if type_ == reading.type else None
    return Event(
        id=event_id, type=type_, mode=mode, acled=acled, cameo=code, actor=actor,
        recipient=recipient, place=place.id if place else None, place_basis=basis,
        date=None if not status.dates and _undated_past(tok, type_) else _date((status.dates or [None])[0],
                                                                              story.published),
        status=status.status,
        source=quote.speaker if quote is not None else None,
        counts=_event_counts(sent, COUNTS_FOR.get(type_, ()), story.counts_by_sent),
        evidence=Evidence(text=sent.text, start=sent.start_char, end=sent.end_char,
                          trigger=(first.idx, tok.idx + len(tok)),
                          rule=[_origin(trig, candidate.found, candidate.said), *reading.rules, *decided,
                                *role_rules]))


def _place(tok: Token, first: Token, type_: str, actor: list[str], story: _Story
           ) -> tuple[Place | None, str | None, str | None]:
    """The event's place, what it rests on and the rule that chose it when a rule did: the place its clause
    governs (text), the acting country for forces mobilised or a state's coercion (actor), the seat of the
    institution whose meeting or word it is (seat, :mod:`..seats`), else the story's place (story)."""
    sent = tok.sent
    chosen = choose_location(tok.doc[first.i:tok.i + 1], story.spans_by_sent.get(sent.start, []), story.kinds)
    place = story.place_by_char.get(chosen.start_char) if chosen is not None else None
    if place is not None and is_origin(chosen.root) and story.main_place is not None and \
            place.country != story.main_place.country:
        place = None  # "a US serviceman ... of Austin, Texas, died" in a story about Syria: his home, not the blast's
    if type_ in SPEECH_ACTS and (place is None or not _said_at(tok, chosen)):
        # "accusing India of backing militants in Afghanistan" was not said in Afghanistan; another place of the
        # sentence may be where it was ("in Washington, senators of the U.S. Congress led a group in calling on")
        said = next((span for span in story.spans_by_sent.get(sent.start, []) if _said_at(tok, span)), None)
        place = story.place_by_char.get(said.start_char) if said is not None else None
    basis = "text" if place is not None else None
    if place is None and type_ == "MOBILIZE":
        # Forces are mobilised on the actor's own ground unless the text says where ("Russia has reinforced the
        # border"): a country acting is not where things happen (event_location), except here.
        place = _acting_country(actor, story)
        basis = "actor" if place is not None else None
    if place is None and type_ == "COERCE":
        # A state coerces on its own ground ("Thailand deported 173 Uyghurs", "Bosnian state prosecutors ordered
        # the arrest"): its country, unless the story's place lies in it and says more
        ground = _acting_country(actor, story, state_bodies=True)
        main = story.main_place
        if ground is not None and not (main is not None and main.country == ground.country and
                                       main.feature != "country"):
            return ground, "actor", "place-state-ground"
    if place is None:
        seat = seat_of(tok, sent, type_, story.institutions, story.places)
        if seat is not None:
            return seat[0], "seat", seat[1]
    if place is None and story.main_place is not None:
        place, basis = story.main_place, "story"  # the sentence says not where: the place the story is about
    return place, basis, None


STATE_SECTORS = frozenset({"GOV", "COP", "JUD", "MIL"})


def _acting_country(actor: list[str], story: _Story, state_bodies: bool = False) -> Place | None:
    """The first actor's country that the story names as a place: a country acting ("Russia has reinforced",
    "Thailand deported"), or with ``state_bodies`` a government, police, court or army described with its country
    ("Bosnian state prosecutors")."""
    for a in actor:
        ent = story.entities.get(a)
        country = next((p for p in story.places_of.get(a, []) if p.feature == "country"), None)
        if country is None and state_bodies and ent is not None and ent.sector in STATE_SECTORS and ent.country:
            country = story.countries.get(ent.country)
        if country is not None:
            return country
    return None


def _home_of_a_party(span) -> bool:
    """A place where a party is based, not where anything happened: "militants with bases in Afghanistan",
    "those involved are based in Afghanistan", "a group headquartered in Copenhagen"."""
    prep = span.root.head
    if span.root.dep_ != "pobj" or prep.lower_ not in ("in", "inside"):
        return False
    home = prep.head
    if home.tag_ == "VBN":  # "based in", "headquartered in"
        return home.lemma_.lower() in HOME_WORDS or home.lower_ in HOME_WORDS
    # a noun only as what a party has: "militants with bases in Afghanistan" (not "attacked a base in Gao")
    return home.lemma_.lower() in HOME_WORDS and (home.head.lower_ == "with" or home.head.lemma_ == "have")


def _said_at(tok: Token, span) -> bool:
    """Whether a place is where a speech act was made: its own word governs the place through "in", "at" or
    "from" ("told reporters in Kabul", "In Doha, the envoy urged ..."), or through the occasion it was made at
    ("accused Pakistan at a meeting in Doha"); not a place its words are about ("accusing India of backing
    militants in Afghanistan", "urged Kabul to act"). On the dev stories no speech act placed any other way was
    placed right (0 of 12). Also where its speaker is said to be ("Macron in Berlin called ..."), where the word it
    was said with says so ("rejected the warrant, telling journalists
    in the regional capital, Banja Luka"), or the verb it completes ("Meanwhile, in Washington, senators led a
    group in calling on ...")."""
    root = span.root.head if span.root.dep_ == "appos" else span.root  # "in the regional capital, Banja Luka"
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in SAID_AT:
        return False
    head = prep.head
    if head.i == tok.i:
        return True
    if head.head.i == tok.i and head.dep_ == "nsubj":
        return True  # the speaker where they spoke: "Macron in Berlin called Chinese subsidies unbearable"
    if head.head.i == tok.i and head.dep_ in ("advcl", "conj") and head.lemma_.lower() in REPORTING_VERBS:
        return True  # rejected ..., telling journalists in Banja Luka
    node = tok  # led a group in calling on: the speech act completes the verb the place is said of
    while node.dep_ in ("pcomp", "xcomp") and node.head.i != node.i:
        node = node.head.head if node.dep_ == "pcomp" else node.head
        if node.i == head.i:
            return True
    return head.dep_ == "pobj" and head.head.lower_ in ("at", "in", "during") and head.head.head.i == tok.i


def _undated_past(tok: Token, type_: str) -> bool:
    """Whether a verb tells a done thing at no time it names: "recently" ("recently convened a meeting"), or a
    statement in the present perfect ("have condemned Mhlanga's arrest and urged the government", "have accused
    Beijing of genocide"), a stance held over time. Such an event has no date rather than the story's: it may have
    happened any day before it. (A material act in the present perfect, "police have arrested two men", is the
    story's news of the day and keeps the story's date: on the GVC articles it is what joins their reports.)"""
    if tok.pos_ != "VERB":
        return False
    verbs = [tok, tok.head] if tok.dep_ == "conj" and tok.head.pos_ == "VERB" else [tok]
    return any(c.dep_ == "advmod" and c.lower_ == "recently" for v in verbs for c in v.children) or \
        type_ in SPEECH_ACTS and tok.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ") for v in verbs for c in v.children)


def _date(ref: TimeRef | None, published: Published | None) -> EventDate | None:
    """The date of the clause or sentence, else the story's period."""
    if ref is not None:
        return EventDate(start=ref.start, end=ref.end, granularity=ref.granularity, text=ref.text,
                         start_char=ref.start_char, end_char=ref.end_char)
    if published is not None:
        period = published_period(published)
        return EventDate(start=period.start.isoformat() if period.start else None,
                         end=period.end.isoformat() if period.end else None, granularity=period.granularity)
    return None


def _acled(tok: Token, type_: str, agreement: bool, trig: Trigger | None, text: str) -> AcledView:
    """The ACLED view of the event: the trigger's own, else the rules of acl.tsv over its sentence (and the next
    one where this one says only that it happened)."""
    sent, lemma, doc = tok.sent, tok.lemma_.lower(), tok.doc
    own = AcledView(event_type=trig.acled_event_type, sub_event_type=trig.acled_sub_event_type) \
        if trig is not None and type_ == trig.type else None
    if agreement and type_ == "SUPPORT":
        return AcledView(event_type="Strategic developments", sub_event_type="Agreement")
    said = text[sent.start_char:sent.end_char]  # Span.text would build it again from the tokens
    acled = acled_view(type_, lemma, text[sent.start_char:tok.idx], said, own)
    if acled.sub_event_type in GENERIC_ACLED and sent.end < len(doc):
        # The sentence says only that it happened; the next one often says how ("mostly using grenades").
        nxt = doc[sent.end].sent
        wider = acled_view(type_, lemma, text[sent.start_char:tok.idx],
                           f"{said} {text[nxt.start_char:nxt.end_char]}", own)
        if wider.sub_event_type not in GENERIC_ACLED:
            acled = wider
    if acled.sub_event_type == "Violent demonstration" and type_ != "PROTEST":
        # "A curfew was imposed after the riots": a riot told only as what came before is not this event
        told = _told_before(sent, tok)
        if told != said:
            alt = acled_view(type_, lemma, told[:tok.idx - sent.start_char], told, own)
            if alt.sub_event_type != "Violent demonstration":
                acled = alt
    return acled


# The rules of the events stage that stay Python (how a trigger was found, status, roles), by the id an event's
# ``evidence.rule`` gives them: stage and reason. ``eventwire rules`` lists them beside event_rules.toml.
BUILT_IN_RULES = {
    "lexicon:LEMMA/POS": ("trigger", "a trigger of ontologies/triggers.tsv, with the type it gives"),
    "cameo:CODE": ("trigger", "a CAMEO verb pattern (ontologies/cameo_verbs.tsv), typed by cameo2plover.tsv"),
    "said-request": ("trigger", "what a speaker says another must do: a request of that other (CAMEO 02)"),
    "said-accusation": ("trigger", "a speaker saying another is behind or responsible for a harm (CAMEO 112)"),
    "status-no": ("status", "\"no arrests have been made\": negated"),
    "status-nobody": ("status", "\"nobody was arrested\", \"no one was hurt\": negated"),
    "status-planned-noun": ("status", "\"announced plans to build a base\", \"preparations for launching a missile\": "
                                      "future"),
    "status-threatened": ("status", "\"threatened to strike\": threatened"),
    "status-warned": ("status", "\"warned that it would execute the hostages\": threatened"),
    "status-intent": ("status", "\"vowed to retaliate\", \"ready to strike\" (FUTURE_HEADS): future"),
    "status-denied": ("status", "\"denied deploying troops\": negated"),
    "status-not": ("status", "a negation on the trigger or a verb governing it in its clause: negated"),
    "status-negating-verb": ("status", "\"declined to\", \"failed to\" (NEGATING_HEADS): negated"),
    "status-will": ("status", "will, shall: future"),
    "status-reported-would": ("status", "\"said they would boycott the vote\": future"),
    "status-hypothetical": ("status", "if, unless, could, would, may, might, should: hypothetical"),
    "status-purpose": ("status", "an adverbial to-infinitive, what an act was for (\"sent soldiers into Somalia to "
                                 "combat the militant group\"): hypothetical"),
    "status-possible-noun": ("status", "an event noun qualified as possible or potential (POSSIBLE_ADJECTIVES): "
                                       "hypothetical"),
    "status-conditional": ("status", "a word anywhere inside an if or unless clause (\"if there is a prospect of "
                                     "making a deal\"): hypothetical"),
    "status-historical-date": ("status", "a date in the clause that ended before the story's year: historical"),
    "plover-refused-concession": ("status", "a cooperative act negated is a refusal: REJECT (PLOVER)"),
    "plover-intent-to-cooperate": ("status", "a future act of cooperation or a meeting is an intent: AGREE"),
    "plover-intent-to-restrict": ("status", "a future sanction, protest or coercion is a threat: THREATEN"),
    "plover-threat": ("status", "a threatened act of conflict is a threat: THREATEN"),
    "riot-is-protest": ("status", "a riot, as ACLED reads the sentence, is PROTEST (mode riot)"),
    "actor-subject": ("roles", "the actor is the verb's subject (through control, relatives and coordination)"),
    "place-state-ground": ("place", "a state's coercion whose sentence says not where is on the acting country's "
                                    "ground (\"Thailand deported 173 Uyghurs\"; place_basis actor)"),
    "actor-agent": ("roles", "the actor is the agent of a passive (\"killed by gunmen\")"),
    "actor-by": ("roles", "the actor of an event noun is its \"by\" object (\"a raid by customs officers\"), or "
                          "the \"from\" object of a speech act's noun (\"criticism from rights groups\")"),
    "actor-possessor": ("roles", "the actor of an event noun is its possessor (\"Russia's attack\")"),
    "actor-adjective": ("roles", "the actor of an attack noun with no other is the nation its adjective names "
                                 "(\"Israeli airstrikes killed 40 people\")"),
    "recipient-came-under": ("roles", "\"came under attack\": the subject is whom it was done to"),
    "recipient-headline-passive": ("roles", "a headline's passive without \"was\" (\"Councilwoman arrested after "
                                            "incident\"): the subject is whom it was done to"),
    "recipient-faces": ("roles", "\"faces charges\", \"faces trial\": the subject is whom it is done to"),
    "actor-governing-subject": ("roles", "the actor of an event noun is the subject of the verb that carries it "
                                         "(\"militants carried out raids\")"),
    "actor-speaker": ("roles", "the actor of a request or accusation told as speech is the speaker"),
    "recipient-object": ("roles", "the recipient is the verb's object"),
    "recipient-threatened-object": ("roles", "the recipient of a threat is the object of what is threatened "
                                    "(\"threatened to kill the hostages\")"),
    "recipient-died": ("roles", "the recipient of dying is who died (\"21 passengers died in the attack\")"),
    "recipient-passive-subject": ("roles", "the recipient is the subject of a passive (\"he was arrested\"; for a "
                                           "relative pronoun, whom it stands for: \"Galizia, who was killed\")"),
    "recipient-reduced-passive": ("roles", "the recipient is whom a participle with no auxiliary describes (\"is "
                                           "dead, killed in an airstrike\", \"schoolgirls kidnapped in Zamfara\")"),
    "recipient-possessor": ("roles", "the recipient of a patient noun is its possessor (\"Navalny's arrest\")"),
    "recipient-of": ("roles", "the recipient of a patient noun is its \"of\" object (\"the release of Temer\")"),
    "recipient-said-of": ("roles", "the recipient of a request or accusation told as speech is who it is of"),
    "recipient-prep": ("roles", "the recipient is the object of on, against, at, into, toward; with for "
                                "sanctions and cooperation, to for aid (\"strikes on Ukraine\")"),
}


def _origin(trig: Trigger | None, cameo: CameoMatch | None, said) -> str:
    """Where an event's trigger comes from: a rule of event_rules.toml, the trigger lexicon, a claim told as
    what another says, or a CAMEO verb pattern."""
    if said is not None:
        return "said-request" if said[0] == "REQUEST" else "said-accusation"
    if trig is not None:
        return trig.rule or f"lexicon:{trig.lemma}/{trig.pos}"
    return f"cameo:{cameo.code}" if cameo is not None else "cameo"


def _told_before(sent: Span, trigger: Token) -> str:
    """``sent``'s text with blanks for its phrases that name an earlier event ("after the riots", "following
    clashes"), but for any that hold ``trigger``."""
    chars = list(sent.text)
    for tok in sent:
        if tok.dep_ == "pobj" and tok.pos_ in ("NOUN", "PROPN") and tok.head.lower_ in BACKREF_PREPS:
            phrase = list(tok.head.subtree)
            if trigger in phrase:
                continue
            for i in range(phrase[0].idx - sent.start_char, phrase[-1].idx + len(phrase[-1]) - sent.start_char):
                chars[i] = " "
    return "".join(chars)
