"""The named tests of the events stage's rules (``test NAME`` in ``ontologies/event_rules.toml``): what
the predicates of :mod:`eventwire.rules` cannot say, each a small function of the rule context.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ...ontologies import word_class
from ..cameo import CameoMatch
from ..dates import MONTHS

if TYPE_CHECKING:
    from spacy.tokens import Token

from .detection import _arguments, _cameo_trusted, _Context, _is_event, _lexical_type, _reading, _trigger_for
from .roles import ONE_PERSON, _agent, _governing_verb, _subject

FUTURE_HEADS = word_class("FUTURE_HEADS")
CONFLICTUAL = word_class("CONFLICTUAL")
SIGN_VERBS = word_class("SIGN_VERBS")
PEACEKEEPING = re.compile(r"\bpeace-?keep", re.IGNORECASE)
WEAPON_NOUNS = word_class("WEAPON_NOUNS")
BASE_NOUNS = word_class("BASE_NOUNS")
UNIT_NOUNS = word_class("UNIT_NOUNS")
TERRITORY_NOUNS = word_class("TERRITORY_NOUNS")
MEETINGS = word_class("MEETINGS")
PROTEST_WORDS = word_class("PROTEST_WORDS")
BURNED_PEOPLE = word_class("BURNED_PEOPLE")
PROTESTERS = word_class("PROTESTERS")
OBSTRUCTORS = word_class("OBSTRUCTORS")
AROUSED = word_class("AROUSED")
SECURITY_FORCES = word_class("SECURITY_FORCES")
CLOSED_PASSAGES = word_class("CLOSED_PASSAGES")
UTILITIES = word_class("UTILITIES")
TRADED = word_class("TRADED")
WITHDRAWN_MISSIONS = word_class("WITHDRAWN_MISSIONS")
PUBLISHED = word_class("PUBLISHED")
EASED_MEASURES = word_class("EASED_MEASURES")
EASING = word_class("EASING")
ADMITTED = word_class("ADMITTED")
SEVERING = word_class("SEVERING")
TIES = word_class("TIES")
SHARED_GOODS = word_class("SHARED_GOODS")
RESUMED_EXCHANGE = word_class("RESUMED_EXCHANGE")
OPENED_TO_TRADE = word_class("OPENED_TO_TRADE")
HOSTILITIES = word_class("HOSTILITIES")
REPRESSION = word_class("REPRESSION")
SENT_FORCES = word_class("SENT_FORCES")
ARMED_STRIKES = word_class("ARMED_STRIKES")
PAY_WORDS = word_class("PAY_WORDS")
WITHDRAWN_FROM = word_class("WITHDRAWN_FROM")
AID_GOODS = word_class("AID_GOODS")
ALERTS = word_class("ALERTS")
POSTURE = word_class("POSTURE")
SCOURGES = word_class("SCOURGES")
TRADE_STAKES = word_class("TRADE_STAKES")
VIOLENCE_WORDS = word_class("VIOLENCE_WORDS")
HARDSHIPS = word_class("HARDSHIPS")
SPEECH_CONTEXT = word_class("SPEECH_CONTEXT")
GAME_WORDS = word_class("GAME_WORDS")
GAME_MOVES = word_class("GAME_MOVES")
ELECTION_WORDS = word_class("ELECTION_WORDS")
MARKETS = word_class("MARKETS")
ANIMALS = word_class("ANIMALS")
NATURAL_FORCES = word_class("NATURAL_FORCES")
HARM_CONTEXT = word_class("HARM_CONTEXT")
FILMS = word_class("FILMS")
JOBS = word_class("JOBS")
FUGITIVES = word_class("FUGITIVES")
CHARACTERIZING = frozenset("""see view describe regard characterize characterise denounce condemn brand consider call
deem label decry portray term""".split())
CAUGHT_IDIOMS = frozenset("fire surprise eye attention glimpse breath cold flu virus wind imagination".split())
SHARES = frozenset("respondent majority most half third quarter three-quarters two-thirds percent %".split())
CHARGED_FOR = frozenset("rent fee service room meal use access parking admission ticket".split())
REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "myself", "yourself", "ourselves"})
SCORE = re.compile(r"(?<![\d\-/.:])\d{1,3}-\d{1,3}(?![\d\-/.:])")  # "2-0", "5-4"; not a date
DISMISSED = frozenset("""minister chief coach director employee worker staff manager head justice judge secretary
adviser advisor aide editor executive official""".split())
SIGNED_TEXTS = frozenset({"statement", "letter", "report", "communique", "article", "op-ed", "column", "petition",
                          "motion"})
DISSENT = word_class("DISSENT")
GATHERINGS = word_class("GATHERINGS")
ALLOWED_DISSENT = word_class("ALLOWED_DISSENT")
LEGALIZED = word_class("LEGALIZED")
WANTED = word_class("WANTED")
NEEDS_OBJECT = {
    "find": (WEAPON_NOUNS, ""), "discover": (WEAPON_NOUNS, ""), "uncover": (WEAPON_NOUNS, ""),
    "intercept": (WEAPON_NOUNS, ""), "defuse": (WEAPON_NOUNS, ""),
    "set": (BASE_NOUNS | UNIT_NOUNS, "up"), "establish": (BASE_NOUNS | UNIT_NOUNS | {"tie", "relation"}, ""),
    "form": (UNIT_NOUNS, ""),
    # "cut ties", "cut aid", "cut the power", "cut off the road"; not "firefighters cut the door from his car"
    "cut": (TIES | AID_GOODS | UTILITIES | RESUMED_EXCHANGE | SHARED_GOODS | CLOSED_PASSAGES | {
        "funding", "assistance", "supply", "supplies", "contact", "communication", "route"}, ""),
    "hand": (TERRITORY_NOUNS | WEAPON_NOUNS | {"control", "authority", "swathe", "camp", "province", "land",
                                               "property", "body", "remains", "prisoner", "hostage", "captive",
                                               "detainee"} | WANTED, ""),  # "handed back the land", "the bodies"
    "drop": (WEAPON_NOUNS | {"gas", "container", "barrel"}, ""),  # not "dropped leaflets", "dropped the charges"
    "cancel": (MEETINGS, ""), "postpone": (MEETINGS, ""),  # "cancelled a planned visit": refusing to meet (125)
    "return": (frozenset(), ""),  # any object: "returned the artifacts" yes, "returned home" no
    # "dispersed the crowd", "broke up a rally": pushing protesters back short of crowd-control weapons is
    # COERCE restrict (PLOVER manual, ASSAULT crowd-control); not "the clouds dispersed", "broke up with".
    "disperse": (GATHERINGS, ""),
    "break": (GATHERINGS, "up"),
    "shut": (UTILITIES | CLOSED_PASSAGES, ""),
    "close": (UTILITIES | CLOSED_PASSAGES | WITHDRAWN_MISSIONS | {"embassy", "consulate"}, ""),
    "share": (SHARED_GOODS, ""), "resume": (RESUMED_EXCHANGE, ""),  # intelligence (064), trade (061)
    "sever": (TIES, ""), "downgrade": (TIES, ""), "give": (AID_GOODS | SHARED_GOODS, ""), "sell": (WEAPON_NOUNS, ""),
    "recall": (WITHDRAWN_MISSIONS, ""),  # "recalled its high commissioner" (CAMEO 161)
    "exchange": (SHARED_GOODS, ""),  # "exchanged intelligence" (064); "exchanged fire" keeps CAMEO's reading
    "expand": (RESUMED_EXCHANGE | TIES | POSTURE, ""), "deepen": (RESUMED_EXCHANGE | TIES, ""),
    "strengthen": (RESUMED_EXCHANGE | TIES | POSTURE, ""),
    "test": (WEAPON_NOUNS | {"warhead", "weapon", "system"}, ""),  # "tested a missile": PLOVER MOBILIZE weapons
    "end": (EASED_MEASURES | TIES | HOSTILITIES | DISSENT | REPRESSION | {"ban", "restriction", "restrictions"}, ""),
    # "legalized the opposition party" (CAMEO 0812), not "legalized cannabis"
    "legalize": (LEGALIZED, ""), "legalise": (LEGALIZED, ""), "unban": (LEGALIZED, ""),
}
EMERGENCIES = word_class("EMERGENCIES")
TRUCES = word_class("TRUCES")
OFFICIALDOM = word_class("OFFICIALDOM")
VENGEANCE = word_class("VENGEANCE")
RETALIATING = word_class("RETALIATING")
LAW_ENFORCERS = word_class("LAW_ENFORCERS")
FIGHTING = re.compile(r"\b(kill\w*|dead|deaths?|died|shot|shoot\w*|gun ?fights?|firefights?|clash\w*|"
                      r"exchange of fire|wound\w*|injur\w*|bomb\w*|grenades?)\b", re.IGNORECASE)
HARMING = word_class("HARMING")
HELPERS = word_class("HELPERS")
HELPING = word_class("HELPING")
AUDIENCES = word_class("AUDIENCES")
OFFICIALS = word_class("OFFICIALS")
ARMED_GROUPS = word_class("ARMED_GROUPS")
WRONGFUL = word_class("WRONGFUL")
MEASURES = word_class("MEASURES")
CONTENT_VERBS = word_class("CONTENT_VERBS")
DEMANDING = word_class("DEMANDING")
MATERIAL_SUPPORT = word_class("MATERIAL_SUPPORT")
CALL_TALKS = word_class("CALL_TALKS")
CALL_PURPOSES = word_class("CALL_PURPOSES")
REVOKED = word_class("REVOKED")


def _halted(verb: Token, args: set[str]) -> tuple[bool, bool]:
    """Whether a halting verb stops hostilities, and whether it stops repression: by its object ("halted the
    offensive", "ended its crackdown") or by the act it stops ("stopped shelling the city", "stopped arresting
    protesters")."""
    acts = {_lexical_type(c) for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG"}
    return bool(args & HOSTILITIES) or "ASSAULT" in acts, bool(args & REPRESSION) or "COERCE" in acts


def _raider_words(raid: Token) -> set[str]:
    """The lemmas naming who raids: the verb's subject ("police raided"), the noun's compound, "by" phrase or
    governing verb's subject ("a police raid", "a raid by customs officers", "police carried out a raid")."""
    if raid.pos_ == "VERB":
        heads = [_agent(raid) or _subject(raid)]
    else:
        by = [p for c in raid.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]
        verb = _governing_verb(raid)
        heads = [c for c in raid.children if c.dep_ == "compound"] + by + [_subject(verb) if verb is not None else None]
    return {t.lemma_.lower() for h in heads if h is not None for t in (h, *h.children) if t.dep_ != "det"}


def _official(subj: Token | None) -> bool:
    """Whether a subject is a named person or an office holder ("the foreign minister", "the delegation")."""
    return subj is not None and (subj.ent_type_ == "PERSON" or subj.lemma_.lower() in OFFICIALS)


def _joint(drill: Token) -> bool:
    """Whether an exercise is held by two parties or more: "joint" or "combined" exercises, "with" another
    army, or a coordinated subject ("Russia and Belarus began exercises", "American and Jordanian troops")."""
    if any(c.lower_ in ("joint", "combined") for c in drill.children):
        return True
    verb = _governing_verb(drill)
    holders = [drill] + ([verb] if verb is not None else [])
    if any(c.dep_ == "prep" and c.lower_ == "with" for h in holders for c in h.children):
        return True
    holder = (_agent(verb) or _subject(verb)) if verb is not None else None  # "staged by X and Y"
    return holder is not None and any(t.dep_ == "conj" for t in holder.subtree)


def _phone_call(verb: Token, purposes: frozenset[str] = CALL_PURPOSES) -> bool:
    """ "called Lavrov to discuss ...", "called him on Saturday, discussing ...": a call to someone, for one of
    the ``purposes``."""
    callee = any(c.dep_ == "dobj" and (c.pos_ in ("PROPN", "PRON") or c.ent_type_) or
                 c.dep_ in ("prt", "prep") and c.lower_ == "on" for c in verb.children)
    if not callee:
        return False
    return any(c.dep_ in ("xcomp", "advcl", "ccomp") and c.lemma_.lower() in purposes for c in verb.children)


def _set_alight(verb: Token) -> bool:
    """ "set fire to", "set ... ablaze", "set ... on fire", "set ... alight"."""
    for c in verb.children:
        if c.lower_ in ("ablaze", "alight") or c.dep_ == "dobj" and c.lower_ == "fire":
            return True
        if c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ == "fire" for g in c.children):
            return True
    return False


def _ended(noun: Token) -> bool:
    """Whether a protest noun is the object of a verb ending it ("called off the strike", "ended the sit-in")."""
    verb = noun.head
    if noun.dep_ != "dobj":
        return False
    lemma = verb.lemma_.lower()
    return lemma in ("end", "suspend", "halt", "abandon", "cancel", "lift", "stop") or lemma == "call" and any(
        c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)


def _labour_strike(noun: Token) -> bool:
    """ "Strike" as a stoppage of work: "on strike", "a hunger/general strike", "went on/staged/called a strike",
    "a strike for increased wages"."""
    mods = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")}
    if mods & ARMED_STRIKES:
        return False
    return bool(mods & {"hunger", "general", "labour", "labor", "national", "nationwide", "teacher", "worker",
                        "rail", "wildcat", "indefinite", "sit-down", "actor", "writer", "doctor", "nurse", "driver",
                        "miner", "union", "student", "employee", "staff", "transport", "trucker"}) or \
        (noun.dep_ == "pobj" and noun.head.lower_ == "on") or \
        any(c.lower_ == "for" and any(t.lemma_.lower() in PAY_WORDS for t in c.subtree) for c in noun.children) or \
        noun.head.lemma_.lower() in ("stage", "call", "launch", "hold", "begin", "end", "join", "announce")


def _state_voice(node: Token | None) -> bool:
    """Whether a subject speaks for a state: "the foreign ministry", "Beijing", "the Chinese government", "the
    ambassador"."""
    return node is not None and (node.ent_type_ == "GPE" or node.lemma_.lower() in OFFICIALDOM | OFFICIALS)


def _state_boycott(verb: Token) -> bool:
    """A boycott that is an economic sanction: a state boycotting goods, trade or a firm ("Arab states boycotted
    Israeli goods", CAMEO 163); any other boycott is a protest ("boycotted the session", "consumers boycotted
    the brand")."""
    if _arguments(verb) & TRADED:
        subj = _subject(verb) if verb.pos_ == "VERB" else next((c for c in verb.children if c.dep_ == "poss"), None)
        return subj is not None and (subj.ent_type_ in ("GPE", "NORP") or subj.lemma_.lower() in (
            "government", "state", "country", "administration", "ministry", "league"))
    return False


def _crowd(subj: Token) -> Token:
    """The people a subject counts ("hundreds of villagers" → villagers), else the subject itself."""
    if subj.lemma_.lower() in ("hundred", "thousand", "dozen", "group", "crowd", "number"):
        return next((t for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"
                     for t in c.children if t.dep_ == "pobj"), subj)
    return subj


def _aroused(head: Token) -> bool:
    """ "striking workers", "angry residents", "protesting farmers": people in protest whoever they are."""
    return any(c.lower_ in AROUSED for c in head.children if c.dep_ == "amod")


def _own_object(verb: Token) -> bool:
    """Whether a verb's object is its subject's own: "Syria destroyed its stockpile", "the rebels destroyed their
    weapons" (not "the army destroyed their weapons": a plural owner for a singular subject is someone else)."""
    subj = _subject(verb)
    if subj is None:
        return False
    plural = subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
    own = "their" if plural else "its"
    return any(c.dep_ == "poss" and c.lower_ == own
               for o in verb.children if o.dep_ == "dobj" for c in o.subtree)


def _obstructor(subj: Token | None) -> bool:
    """Whether the subject of "blocked", "occupied" is a crowd of civilians (protesters, "striking workers",
    "angry residents") rather than the state or an armed group."""
    if subj is None:
        return False
    head = _crowd(subj)
    lemmas = {head.lemma_.lower()} | {c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod")}
    people = head.ent_type_ == "NORP" and head.tag_ == "NNPS"  # "Palestinians blocked the road": a people
    return bool(lemmas & OBSTRUCTORS) or _aroused(head) or people


def _rioters(subj: Token | None) -> bool:
    """Whether the subject of an attack is a crowd in protest ("demonstrators", "angry villagers", "opposition
    supporters"): their violence is a riot (PLOVER PROTEST, mode riot), not an armed attack. A mob is not: its
    violence is ACLED's mob violence, and PLOVER's ASSAULT."""
    if subj is None:
        return False
    head = _crowd(subj)
    return head.lemma_.lower() in PROTESTERS - {"mob", "crowd"} or _aroused(head)


def _opened_for(verb: Token) -> set[str]:
    """What a border or a market is opened to or for: the lemmas of the "to" and "for" objects of the verb or
    of its object ("reopened a border crossing for trade")."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    return {p.lemma_.lower() for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in ("to", "for")
            for p in c.children if p.dep_ == "pobj"}


def _phrasal(verb: Token, match: CameoMatch) -> bool:
    """Whether ``match`` reads ``verb`` as a phrasal verb: its pattern starts with the verb's particle."""
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    first = match.pattern.after[0].words if match.pattern.after else frozenset()
    return bool(particles & (first | {match.pattern.particle}))


# Named tests of the rules (``test NAME`` in ontologies/event_rules.toml): what the predicates of eventwire.rules
# cannot say. Each takes the rule context (_Context).
TESTS: dict[str, Callable[[_Context], bool]] = {}


def _test(name: str):
    def register(fn):
        TESTS[name] = fn
        return fn
    return register


def _objects_subtree(ctx: _Context) -> Iterator[Token]:
    return (t for o in ctx.objects for t in o.subtree)


_test("joint")(lambda ctx: _joint(ctx.tok))
_test("weapon-test")(lambda ctx: any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in WEAPON_NOUNS | {"nuclear"}
                                     for c in ctx.tok.children))
# phrase stage
_test("rolled-back")(lambda ctx: ctx.lemma != "roll" or any(c.lower_ == "back" for c in ctx.tok.children))
_test("state-of-emergency")(lambda ctx: not ctx.named.isdisjoint(EMERGENCIES) or any(
    o.lemma_.lower() == "law" and any(c.lower_ == "martial" for c in o.children) for o in ctx.objects))
_test("on-alert")(lambda ctx: any(c.dep_ == "prep" and c.lower_ == "on" and any(
    t.lemma_.lower() in ALERTS for t in c.subtree) for c in ctx.tok.children))
_test("raises-alert")(lambda ctx: any(t.lemma_.lower() in ALERTS for t in _objects_subtree(ctx)))
# "let free 20 prisoners": the model parses "free" as the object's modifier or as the verb's complement
_test("let-free")(lambda ctx: any(c.dep_ == "amod" and c.lower_ == "free" for o in ctx.objects for c in o.children) or
                  any(c.dep_ in ("ccomp", "xcomp", "acomp") and c.lower_ == "free" for c in ctx.tok.children))
_test("as-shields")(lambda ctx: any(c.dep_ == "prep" and c.lower_ == "as" and any(
    p.lemma_.lower() == "shield" for p in c.children) for c in ctx.tok.children))
_test("found-guilty")(lambda ctx: any(c.dep_ in ("oprd", "ccomp", "xcomp", "acomp") and c.lower_ in ("guilty", "liable")
                                      for t in (ctx.tok, *ctx.objects) for c in t.children))
_test("truce-object")(lambda ctx: not (ctx.lemmas | {c.lemma_.lower() for o in ctx.objects for c in o.children
                                                     if c.dep_ == "compound"}).isdisjoint(TRUCES))
# ("yielded to pressure" is at times parsed as an infinitive, "to pressure")
_test("gave-in")(lambda ctx: ("in" in ctx.particles or any(
    c.dep_ == "prep" and c.lower_ == "to" or c.dep_ == "xcomp" and c.lemma_.lower() in ("pressure", "demand")
    for c in ctx.tok.children)) and (ctx.lemma != "give" or "in" in ctx.particles))
# "vowed an investigation": the investigation is the event
_test("vowed-object")(lambda ctx: bool(ctx.objects) and "support" not in ctx.lemmas and not any(
    c.dep_ in ("xcomp", "ccomp") for c in ctx.tok.children) and not any(
        _trigger_for(o) is not None for o in ctx.objects))
_test("vowed-hostile")(lambda ctx: not ctx.lemmas.isdisjoint(VENGEANCE) or any(
    _lexical_type(o) in CONFLICTUAL for o in ctx.objects))
_test("refused-food")(lambda ctx: not ctx.lemmas.isdisjoint({"food", "meal", "meals"}) or any(
    c.dep_ == "xcomp" and c.lemma_.lower() == "eat" for c in ctx.tok.children))
_test("object-hostilities")(lambda ctx: _halted(ctx.tok, ctx.lemmas | ctx.measured)[0])
_test("object-repression")(lambda ctx: _halted(ctx.tok, ctx.lemmas | ctx.measured)[1])
_test("stripped-of")(lambda ctx: any(c.dep_ == "prep" and c.lower_ == "of" and any(
    p.lemma_.lower() in REVOKED for p in c.children) for c in ctx.tok.children))
_test("official-object")(lambda ctx: any(o.ent_type_ == "PERSON" or o.lemma_.lower() in OFFICIALS
                                         for o in ctx.objects))
_test("toured-country")(lambda ctx: any(o.ent_type_ in ("GPE", "LOC") for o in ctx.objects))


@_test("official-trip")
def _official_trip(ctx: _Context) -> bool:
    """ "the minister flew to Beijing", "arrived in Moscow" (a named person or an office holder)."""
    subj = _subject(ctx.tok)
    if not (_official(subj) if ctx.lemma != "arrive" else subj is not None and subj.lemma_.lower() in OFFICIALS):
        return False
    return any(c.dep_ == "prep" and c.lower_ in (("in", "at") if ctx.lemma == "arrive" else ("to",))
               and any(p.ent_type_ == "GPE" for p in c.children) for c in ctx.tok.children)


_test("military-action")(lambda ctx: any(o.lemma_.lower() == "action" and any(
    c.lower_ == "military" or c.lemma_ == "armed" for c in o.subtree) for o in ctx.objects))
_test("phone-call-object")(lambda ctx: any(o.lemma_.lower() in ("call", "conversation") and any(
    c.lower_ in ("phone", "telephone") for c in o.children) for o in ctx.objects))
_test("by-phone")(lambda ctx: any(c.dep_ == "prep" and c.lower_ in ("by", "over", "on") and any(
    p.lemma_.lower() in ("phone", "telephone", "videoconference", "video") for p in c.children)
    for c in ctx.tok.children))
_test("talked-with")(lambda ctx: (any(c.dep_ == "prep" and c.lower_ == "with" for c in ctx.tok.children) or any(
    c.dep_ == "nsubj" and (c.tag_ == "NNS" or any(t.dep_ == "conj" for t in c.children))
    for c in ctx.tok.children)) and not any(
        p.lemma_.lower() in AUDIENCES for c in ctx.tok.children if c.dep_ == "prep" for p in c.children))
_test("has-object")(lambda ctx: bool(ctx.objects))
_test("opened-for-trade")(lambda ctx: not _opened_for(ctx.tok).isdisjoint(OPENED_TO_TRADE))
# reading stage
_test("cameo-phrasal")(lambda ctx: ctx.trig is not None and not ctx.phrase and ctx.cameo is not None and
                       ctx.cameo.plover is not None and _phrasal(ctx.tok, ctx.cameo))


@_test("territory-taken")
def _territory_taken(ctx: _Context) -> bool:
    """ "seized the town": a place or a territory noun to the right of the verb."""
    return any(c.lemma_.lower() in TERRITORY_NOUNS for r in ctx.tok.rights for c in r.subtree)


@_test("took-control")
def _took_control(ctx: _Context) -> bool:
    """ "took control of Garma", "took over the village"."""
    if not ("control" in ctx.args or any(c.dep_ == "prt" and c.lower_ == "over" for c in ctx.tok.children)):
        return False
    return any(c.lemma_.lower() in TERRITORY_NOUNS or c.idx in ctx.places or c.ent_type_ in ("GPE", "LOC", "FAC")
               for r in ctx.tok.rights for c in r.subtree)


_test("pushed-out")(lambda ctx: any(c.dep_ == "prt" and c.lower_ in ("out", "back") or
                                    c.dep_ == "prep" and c.lower_ == "out" for c in ctx.tok.children))
_test("territory-object")(lambda ctx: any(t.lemma_.lower() in TERRITORY_NOUNS or t.idx in ctx.places
                                          for c in ctx.tok.children if c.dep_ in ("dobj", "nsubjpass")
                                          for t in c.subtree))
_test("cameo-travel")(lambda ctx: ctx.cameo is not None and ctx.cameo.code.startswith("036"))
_test("phone-call")(lambda ctx: _phone_call(ctx.tok))
_test("phone-call-talks")(lambda ctx: _phone_call(ctx.tok, CALL_TALKS))
_test("set-alight")(lambda ctx: _set_alight(ctx.tok))


@_test("person-set-alight")
def _person_set_alight(ctx: _Context) -> bool:
    """ "set ablaze by an angry mob", "set fire to the police station": a person, or property."""
    victim = next((c for c in ctx.tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    return victim is not None and (victim.ent_type_ == "PERSON" or victim.lemma_.lower() in BURNED_PEOPLE)


@_test("lacks-object")
def _lacks_object(ctx: _Context) -> bool:
    """A verb of NEEDS_OBJECT without the object (or particle) that makes it an event."""
    if ctx.lemma not in NEEDS_OBJECT:
        return False
    wanted, particle = NEEDS_OBJECT[ctx.lemma]
    return not (ctx.args & wanted if wanted else ctx.args) or bool(particle) and not any(
        c.dep_ == "prt" and c.lower_ == particle for c in ctx.tok.children)


_test("other-cameo")(lambda ctx: ctx.cameo is not None and ctx.cameo.plover is not None and
                     _cameo_trusted(ctx.cameo) and ctx.cameo.plover.type != ctx.type)
_test("trusted-cameo")(lambda ctx: ctx.cameo is not None and ctx.cameo.plover is not None and
                       _cameo_trusted(ctx.cameo))
_test("only-wanted")(lambda ctx: ctx.tok.dep_ == "pobj" and ctx.tok.head.lower_ in ("to", "for") and
                     ctx.tok.head.head.lemma_.lower() in CONTENT_VERBS or ctx.tok.dep_ == "dobj" and
                     ctx.tok.head.lemma_.lower() in DEMANDING | {"cancel", "postpone"})
_test("release-of-published")(lambda ctx: (ctx.lemma == "release" or "release" in ctx.args) and not {
    t.lemma_.lower() for t in ctx.tok.subtree}.isdisjoint(PUBLISHED))
_test("law-enforcement-raid")(lambda ctx: not _raider_words(ctx.tok).isdisjoint(LAW_ENFORCERS) and
                              not FIGHTING.search(ctx.tok.sent.text))


def _stopped(ctx: _Context) -> set[str]:
    """What a cessation or suspension is of ("a cessation of hostilities")."""
    return {t.lemma_.lower() for c in ctx.tok.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree}


_test("ceased-hostilities")(lambda ctx: not _stopped(ctx).isdisjoint(HOSTILITIES))
_test("stops-nothing-political")(lambda ctx: ctx.lemma == "cessation" or _stopped(ctx).isdisjoint(
    TIES | RESUMED_EXCHANGE | AID_GOODS | {"membership"}))
_test("let-free-retreat")(lambda ctx: ctx.lemma == "let" and ctx.type == "RETREAT")


def _let_in(ctx: _Context) -> set[str]:
    return {t.lemma_.lower() for c in ctx.tok.children if c.dep_ in ("ccomp", "xcomp", "dobj", "dative")
            for t in (c, *c.children)}


_test("lets-in-admitted")(lambda ctx: not _let_in(ctx).isdisjoint(ADMITTED))
_test("lets-dissent")(lambda ctx: not _let_in(ctx).isdisjoint(GATHERINGS | DISSENT | ALLOWED_DISSENT))


@_test("own-arms")
def _own_arms(ctx: _Context) -> bool:
    """ "laid down their arms", "hundreds of fighters handed over": one's own weapons (else given to another)."""
    own = any(c.dep_ == "poss" for o in ctx.tok.children if o.dep_ in ("dobj", "nsubjpass") for c in o.children)
    giver = _subject(ctx.tok)
    return ctx.lemma not in ("hand", "give") or own or giver is not None and any(
        t.lemma_.lower() in ARMED_GROUPS for t in giver.subtree)


_test("broke-off")(lambda ctx: ctx.lemma != "break" or any(c.dep_ == "prt" and c.lower_ == "off"
                                                          for c in ctx.tok.children))
_test("eased-or-severed")(lambda ctx: ctx.type in ("SANCTION", "COERCE") and ctx.tok.head.lemma_.lower() in EASING or
                          ctx.type in ("CONSULT", "COOPERATE") and ctx.tok.head.lemma_.lower() in SEVERING)
_test("threat-of-retaliation")(lambda ctx: any(
    c.dep_ == "ccomp" and c.lemma_.lower() in RETALIATING and
    any(a.dep_ == "aux" and a.lower_ in ("would", "will", "could", "might", "may", "'ll", "wo") for a in c.children)
    for c in ctx.tok.children))
_test("question-asked")(lambda ctx: any(
    c.dep_ in ("ccomp", "parataxis", "advcl") and (
        any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children) or
        any(t.text == "?" for t in c.subtree) or
        next(iter(c.subtree)).tag_ in ("WDT", "WP", "WP$", "WRB"))
    for c in ctx.tok.children))  # "asked the elder Lai if he agreed", "What ... has a child, she asked"
_test("attributes-a-quote")(lambda ctx: any(
    c.dep_ in ("ccomp", "parataxis") and any(t.text in ('"', "“", "”") for t in c.subtree)
    for c in ctx.tok.children) or ctx.tok.doc[max(0, ctx.tok.i - 1)].text in ('"', "“", "”", ","))


def _warned_of(ctx: _Context) -> tuple[Token, Token] | None:
    """What a warning says, and that clause's subject: the clause the warning verb governs ("warned that the
    situation could get worse"); where the parse took a subject with no "that" for the verb's object ("cautioned the
    proposed ban should not add"), that object."""
    modal = ("should", "could", "would", "will", "may", "might", "can", "must")
    for c in ctx.tok.children:
        own = next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
        if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX") and own is not None:
            return c, own
        if c.dep_ in ("ccomp", "conj") and own is None and any(
                a.dep_ == "aux" and a.lower_ in modal for a in c.children):
            taken = next((o for o in ctx.tok.children if o.dep_ == "dobj" and o.i < c.i), None)
            if taken is not None:
                return c, taken
    return None


# A warning that something is dangerous or illegal judges it (ACCUSE); one that a state of things will come about,
# with no one to bring it about, threatens no one: "warned that the situation could get worse", "cautioned the
# proposed ban should not add any burden" (but "sanctions could follow", "troops would respond" threaten).
_test("called-it-wrong")(lambda ctx: any(c.dep_ in ("oprd", "xcomp", "ccomp") and (c.lemma_.lower() in WRONGFUL or any(
    a.dep_ == "amod" and a.lemma_.lower() in WRONGFUL for a in c.children)) for c in ctx.tok.children))
# "called Chinese subsidies unbearable", "called the decision a blatant case of judicial weaponization"
_test("warns-it-is-wrong")(lambda ctx: (w := _warned_of(ctx)) is not None and any(
    a.dep_ == "acomp" and a.lemma_.lower() in WRONGFUL for a in w[0].children))
_test("warns-of-a-state")(lambda ctx: (w := _warned_of(ctx)) is not None and w[1].pos_ == "NOUN" and
                          w[1].dep_ != "nsubjpass" and  # "terrorists will not be spared": by the one who warns
                          w[1].lemma_.lower() not in SECURITY_FORCES | ARMED_GROUPS | MEASURES)
_test("for-doing")(lambda ctx: any(c.dep_ == "prep" and c.lower_ == "for" and any(
    p.dep_ == "pcomp" and p.tag_ == "VBG" for p in c.children) for c in ctx.tok.children))  # "attacked X for refusing"
_test("after-for")(lambda ctx: ctx.tok.i > 0 and ctx.tok.doc[ctx.tok.i - 1].lower_ == "for")
_test("head-adjective")(lambda ctx: ctx.tok.head.pos_ == "ADJ")
_test("suggests-fact")(lambda ctx: any(
    c.dep_ == "ccomp" and ((c.tag_ in ("VBD", "VBZ") or c.lower_ == "are") and not any(
        a.dep_ == "aux" and a.lower_ in ("should", "must", "would") for a in c.children) or any(
        a.dep_ in ("aux", "auxpass") and a.lower_ in ("could", "might", "may", "can") for a in c.children))
    for c in ctx.tok.children))  # ("suggested the base could be used": a possibility, not a proposal)
_test("object-is-event")(lambda ctx: any(c.dep_ == "dobj" and _trigger_for(c) is not None for c in ctx.tok.children))


def _sent(ctx: _Context) -> set[str]:
    """What was sent: the verb's objects, and what they count ("hundreds of forces", "a team of doctors")."""
    objects = [c for c in ctx.tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return {o.lemma_.lower() for o in objects} | {
        g.lemma_.lower() for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children if g.dep_ == "pobj"}


_test("sent-forces")(lambda ctx: not _sent(ctx).isdisjoint(SENT_FORCES))
_test("to-help")(lambda ctx: any(c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in HELPING
                                 for c in ctx.tok.children))
_test("sent-helpers")(lambda ctx: not _sent(ctx).isdisjoint(HELPERS) or "team" in _sent(ctx) and
                      not ctx.args.isdisjoint(HELPERS))
_test("purpose-is-event")(lambda ctx: any(c.dep_ in ("xcomp", "advcl") and _trigger_for(c) is not None
                                          for c in ctx.tok.children))
_test("sent-aid-goods")(lambda ctx: not _sent(ctx).isdisjoint(AID_GOODS))


def _signing_verb(tok: Token) -> Token | None:
    verb = _governing_verb(tok)
    return verb if verb is not None and verb.lemma_.lower() in SIGN_VERBS else None


_test("signed-by-event-verb")(lambda ctx: (verb := _signing_verb(ctx.tok)) is not None and
                              _trigger_for(verb) is not None and ctx.tok.dep_ == "dobj" and
                              ctx.tok.head.i == verb.i)
_test("signing-verb")(lambda ctx: _signing_verb(ctx.tok) is not None)
# "had lunch with Tsai", "had dinner with his counterpart": "with" someone, on the verb or on the meal
_test("with-someone")(lambda ctx: any(
    c.dep_ == "prep" and c.lower_ == "with" and any(p.dep_ == "pobj" and p.pos_ in ("PROPN", "PRON", "NOUN")
                                                   for p in c.children)
    for t in (ctx.tok, *ctx.objects) for c in t.children))
# the refused act tells the refusal only when the trigger lexicon reads it ("refused to lift sanctions"): an act read
# by a CAMEO verb's default code alone ("refused to enroll her daughter") makes no REJECT of its own, so the
# refusal is read from the refusing verb (rule refused-to-act)
_test("refuses-event")(lambda ctx: any(c.dep_ == "xcomp" and _trigger_for(c) is not None and _is_event(c, ctx.places)
                                       for c in ctx.tok.children))
_test("orders-event")(lambda ctx: any(c.dep_ in ("xcomp", "dobj", "ccomp") and _trigger_for(c)
                                      for c in ctx.tok.children))
_test("defends-ground")(lambda ctx: any(c.dep_ == "dobj" and (c.idx in ctx.places or c.lemma_.lower() in
                                                              TERRITORY_NOUNS | BASE_NOUNS) for c in ctx.tok.children))
_test("entered-place")(lambda ctx: any(c.dep_ == "dobj" and (c.idx in ctx.places or c.lemma_.lower() in TERRITORY_NOUNS)
                                       for c in ctx.tok.children))
_test("peacekeeping")(lambda ctx: PEACEKEEPING.search(ctx.tok.sent.text) is not None)


def _halted_acts(ctx: _Context) -> set[str]:
    """What a halting verb halts: its object, and the act it stops ("stopped arresting protesters")."""
    return ctx.args | {c.lemma_.lower() for c in ctx.tok.children if c.dep_ == "xcomp" and c.tag_ == "VBG"}


@_test("dissent-halted")
def _dissent_halted(ctx: _Context) -> bool:
    halted = _halted_acts(ctx)
    return not halted.isdisjoint(DISSENT) and not ("strike" in halted and not halted.isdisjoint(ARMED_STRIKES))


_test("security-halter")(lambda ctx: (halter := _subject(ctx.tok)) is not None and
                         halter.lemma_.lower() in SECURITY_FORCES)
_test("halted-hostilities")(lambda ctx: _halted(ctx.tok, _halted_acts(ctx))[0])
_test("halted-repression")(lambda ctx: _halted(ctx.tok, _halted_acts(ctx))[1])
_test("fights-scourge")(lambda ctx: not (ctx.args | {
    t.lemma_.lower() for c in ctx.tok.children if c.dep_ == "prep" and c.lower_ == "against"
    for t in c.children}).isdisjoint(SCOURGES))
# "called for a ceasefire", "called on Russia to withdraw"; not a call made "on Thursday"
_test("called-for-or-on")(lambda ctx: any(
    c.dep_ in ("prep", "prt") and (c.lower_ == "for" or c.lower_ == "on" and not any(
        p.ent_type_ in ("DATE", "TIME") for p in c.children)) for c in ctx.tok.children))
_test("hit-by-hardship")(lambda ctx: (by := _agent(ctx.tok)) is not None and by.lemma_.lower() in HARDSHIPS)
# "a statement he signed", "signed a letter": what is signed is published, no agreement
_test("signed-statement")(lambda ctx: any(o.dep_ == "dobj" and o.lemma_.lower() in SIGNED_TEXTS
                                          for o in ctx.tok.children) or
                          ctx.tok.dep_ == "relcl" and ctx.tok.head.lemma_.lower() in SIGNED_TEXTS)
# "Charles Barkley blasted the FBI's investigation": a named person, and no weapon, force or harm in the sentence
_test("words-of-a-person")(lambda ctx: (subj := _subject(ctx.tok)) is not None and subj.ent_type_ == "PERSON" and
                           not _names_violence(ctx))
_test("speech-context")(lambda ctx: any(t.lemma_.lower() in SPEECH_CONTEXT for t in ctx.tok.sent))
_test("names-a-person")(lambda ctx: ctx.tok.head.ent_type_ == "PERSON" and ctx.tok.head.i != ctx.tok.i)
# "fired Chaudhry", "fired its coach": a person dismissed (a weapon or a round fired is no person)
_test("dismissed-person")(lambda ctx: any(
    c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.lemma_.lower() in DISMISSED or any(
        a.dep_ == "appos" and a.like_num for a in c.children)) for c in ctx.tok.children))  # "Chaudhry, 60,"
_test("for-comment")(lambda ctx: any(t.lower_ in ("comment", "comments") and t.head.lower_ == "for"
                                     for t in ctx.tok.subtree))


def _other_lemmas(ctx: _Context) -> set[str]:
    """The lemmas of the trigger's sentence, the trigger aside."""
    return {t.lemma_.lower() for t in ctx.tok.sent if t.i != ctx.tok.i}


def _names_violence(ctx: _Context) -> bool:
    """Whether the trigger's sentence, the trigger aside, names a weapon, force or harm."""
    return not _other_lemmas(ctx).isdisjoint(VIOLENCE_WORDS)


@_test("economic-contest")
def _economic_contest(ctx: _Context) -> bool:
    """ "China vowed to fight the U.S. at any cost" in a sentence about tariffs: a sentence that tells of trade and
    names no weapon, force or harm."""
    return not _other_lemmas(ctx).isdisjoint(TRADE_STAKES) and not _names_violence(ctx)


def _a_score(text: str, m: re.Match) -> bool:
    """ "beat Hungary 2-0", not a span of days ("on October 19-20") or of anything counted ("3-4 years")."""
    before = text[:m.start()].split()[-1:]
    after = text[m.end():].split()[:1]
    return not (before and before[0].rstrip(".").lower() in MONTHS or
                after and after[0].strip(".,;").lower() in TIME_UNITS)


TIME_UNITS = frozenset("""year years month months week weeks day days hour hours minute minutes percent per cent
times km kilometers kilometres miles""".split())


@_test("game-played")
def _game_played(ctx: _Context) -> bool:
    """ "Wales beat Hungary 2-0", "Minnesota beat Buffalo" after goals and saves, "fired a shot at the goaltender":
    a score or two words of a game in the sentence, and no weapon, force or harm but what players do."""
    sent = ctx.tok.sent
    signs = {t.lower_ for t in sent if t.i != ctx.tok.i} & GAME_WORDS
    if len(signs) < 2 and not any(_a_score(sent.text, m) for m in SCORE.finditer(sent.text)):
        return False
    return _other_lemmas(ctx).isdisjoint(VIOLENCE_WORDS - GAME_MOVES)


# "Kentucky Democrats beat incumbent Gov. Matt Bevin in a state Trump won": a named rival (or "him") beaten in a
# sentence of a vote, and no weapon, force or harm
_test("rival-beaten")(lambda ctx: any(
    o.dep_ == "dobj" and (o.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or o.pos_ == "PRON" or
                          o.lemma_.lower() in ELECTION_WORDS)
    for o in ctx.tok.children) and not _other_lemmas(ctx).isdisjoint(ELECTION_WORDS) and not _names_violence(ctx))


@_test("only-self")
def _only_self(ctx: _Context) -> bool:
    """ "hanged himself", "hurt herself by stumbling through questions": the doer's only object is the doer ("killed
    himself and four others" harms others too)."""
    objects = [c for c in ctx.tok.children if c.dep_ == "dobj"]
    return bool(objects) and all(o.lower_ in REFLEXIVES and not any(c.dep_ == "conj" for c in o.children)
                                 for o in objects)


# "killed a rabbit", "killed and ate a wild rabbit" (an object shared with the next verb)
_test("animal-object")(lambda ctx: any(
    o.dep_ == "dobj" and o.lemma_.lower() in ANIMALS
    for v in (ctx.tok, *(c for c in ctx.tok.children if c.dep_ == "conj" and c.pos_ == "VERB" and not any(
        d.dep_ == "dobj" for d in ctx.tok.children))) for o in v.children))
_test("names-violence")(_names_violence)
# "Lewandowski was dismissed on Monday as campaign manager", "was dismissed after sharing a post": a person let go
_test("person-let-go")(lambda ctx: any(
    o.dep_ in ("nsubjpass", "dobj") and (o.ent_type_ == "PERSON" or o.pos_ == "PROPN" and not o.ent_type_ or
                                         o.lemma_.lower() in DISMISSED) for o in ctx.tok.children) or any(
    c.dep_ == "prep" and c.lower_ == "as" and any(
        p.dep_ == "pobj" and p.lemma_.lower() in DISMISSED | {"manager", "analyst", "spokesman", "spokeswoman"}
        for p in c.children) for c in ctx.tok.children))
# "he was fired in part because ...": a person fired, at whom nothing is fired ("fired upon", "fired at") and no
# weapon or harm in the sentence
_test("person-was-fired")(lambda ctx: any(c.dep_ == "auxpass" for c in ctx.tok.children) and any(
    o.dep_ == "nsubjpass" and (o.ent_type_ == "PERSON" or o.pos_ == "PROPN" and not o.ent_type_ or
                               o.lower_ in ("he", "she", "i", "they", "we")) for o in
    ctx.tok.children) and not any(c.dep_ in ("prep", "agent") and c.lower_ in ("at", "on", "upon", "into", "by")
                                  for c in ctx.tok.children) and not _names_violence(ctx))
# "Wednesday's statewide drill is meant to prepare Ohioans for tornado season": a drill for a disaster
_test("disaster-drill")(lambda ctx: not _other_lemmas(ctx).isdisjoint(
    NATURAL_FORCES | {"tornado", "earthquake", "fire", "evacuation", "emergency", "disaster", "safety", "lockdown"}))
# "seen by the EU as an attack on democratic freedoms", "called the law an attack on press freedom": an event noun
# that characterizes a thing, indefinite, as what a verb of judging or naming makes it
_test("characterized-as")(lambda ctx: ctx.tok.pos_ == "NOUN" and any(
    c.dep_ == "det" and c.lower_ in ("a", "an") for c in ctx.tok.children) and (
    ctx.tok.dep_ == "pobj" and ctx.tok.head.lower_ == "as" and ctx.tok.head.head.lemma_.lower() in CHARACTERIZING or
    ctx.tok.dep_ in ("oprd", "attr") and ctx.tok.head.lemma_.lower() in CHARACTERIZING | {"be"}))
# "a gunman who marched into a company Christmas party": one person walks in; a march is a crowd's
_test("one-marcher")(lambda ctx: (subj := _subject(ctx.tok)) is not None and subj.tag_ in ("NN", "NNP", "PRP") and (
    subj.lemma_.lower() in ONE_PERSON or subj.ent_type_ == "PERSON" or subj.lower_ in ("he", "she")))
# "Hardwicke clashed with Summit Entertainment during production": a named person or firm at odds with another,
# with no violence, custody or accident told
_test("named-at-odds")(lambda ctx: (subj := _subject(ctx.tok)) is not None and subj.ent_type_ in ("PERSON", "ORG")
                       and not _harm_context(ctx))
# "deeply saddened by the tragic death of our president": grief, no disapproval
_test("grief")(lambda ctx: any(c.dep_ in ("agent", "prep") and c.lower_ == "by" and any(
    t.lemma_.lower() in ("death", "loss", "passing", "tragedy", "news", "killing", "murder", "accident")
    for t in c.subtree) for c in ctx.tok.children))
# "came to the rescue of a merchant vessel"
_test("came-to-help")(lambda ctx: any(c.dep_ == "prep" and c.lower_ == "to" and any(
    p.dep_ == "pobj" and p.lemma_.lower() in ("rescue", "aid", "help", "assistance") for p in c.children)
    for c in ctx.tok.children))
# "caught fire", "caught prosecutors by surprise"
_test("caught-idiom")(lambda ctx: not ctx.args.isdisjoint(CAUGHT_IDIOMS) or any(
    c.dep_ == "prep" and c.lower_ == "by" and any(p.lemma_.lower() == "surprise" for p in c.children)
    for c in ctx.tok.children))
# "a column in the newspaper attacked the comment", "Super PAC ad hits Trump": a text or a show that attacks
_test("text-subject")(lambda ctx: (subj := _subject(ctx.tok)) is not None and subj.lemma_.lower() in (
    SPEECH_CONTEXT | {"ad", "advertisement", "commercial", "statement", "report", "editorial", "letter", "post",
                      "video", "article", "book", "film", "show", "spot"}) and not _names_violence(ctx))
# "three-quarters of Republican voters support a ban", "Clinton was backed by a majority of women", "6 in 10 white men
# supported Sanders": a share of an electorate or of a poll's respondents
_test("poll-share")(lambda ctx: (s := _subject(ctx.tok) or _agent(ctx.tok)) is not None and (
    s.lemma_.lower() in SHARES or s.like_num and s.ent_type_ not in ("DATE", "TIME", "MONEY") or any(
        c.dep_ == "nummod" and any(q.lower_ == "in" for q in c.children) for c in s.children)))  # "6 in 10 men"
# "seized on the controversy" (not "seized weapons on Monday", "seized a tanker on suspicion")
_test("seized-on")(lambda ctx: not any(c.dep_ == "dobj" for c in ctx.tok.children) and any(
    c.dep_ == "prep" and c.lower_ in ("on", "upon") and any(
        p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME") and p.idx not in ctx.places for p in c.children)
    for c in ctx.tok.children))
# "charged his campaign for rent": a price asked ("for" on the verb or on its object)
_test("charged-price")(lambda ctx: any(
    c.dep_ == "prep" and c.lower_ == "for" and any(p.dep_ == "pobj" and p.lemma_.lower() in CHARGED_FOR
                                                   for p in c.children)
    for t in (ctx.tok, *(o for o in ctx.tok.children if o.dep_ == "dobj")) for c in t.children))


@_test("hardship-subject")
def _hardship_subject(ctx: _Context) -> bool:
    """ "the biggest tragedy ever to hit our department", "a scandal that hit the ministry": a hardship hits."""
    subj = _subject(ctx.tok)
    if subj is None and ctx.tok.dep_ in ("relcl", "acl"):
        subj = ctx.tok.head
    return subj is not None and subj.lemma_.lower() in HARDSHIPS


# "police captured the escaped inmates", "three inmates captured in Nebraska": an arrest
_test("captured-fugitive")(lambda ctx: any(o.dep_ in ("dobj", "nsubjpass") and o.lemma_.lower() in FUGITIVES
                                           for o in ctx.tok.children) or
                           ctx.tok.dep_ == "acl" and ctx.tok.head.lemma_.lower() in FUGITIVES)
@_test("harm-context")
def _harm_context(ctx: _Context) -> bool:
    """ "died on Friday", "before she dies from COVID": whether the sentence, or the one before or after it ("A
    soldier was killed by a roadside bomb ... A US serviceman died alongside him"), tells of violence, a clash,
    custody or an accident."""
    if not _other_lemmas(ctx).isdisjoint(HARM_CONTEXT):
        return True
    sent, doc = ctx.tok.sent, ctx.tok.doc
    near = [doc[sent.start - 1].sent] if sent.start > 0 else []
    if sent.end < len(doc):
        near.append(doc[sent.end].sent)
    return any(t.lemma_.lower() in HARM_CONTEXT for s in near for t in s)
# "most films have already been shot", "shot a video"
_test("film-shot")(lambda ctx: any(o.dep_ in ("dobj", "nsubjpass") and o.lemma_.lower() in FILMS
                                   for o in ctx.tok.children))
# "was fired from his job", "fired from Gordon Advisors" (an organisation with no weapon named)
_test("fired-from-job")(lambda ctx: any(
    c.dep_ == "prep" and c.lower_ == "from" and any(
        p.dep_ == "pobj" and (p.tag_ == "NN" and p.lemma_.lower() in JOBS or p.ent_type_ == "ORG" and
                              not _names_violence(ctx)) for p in c.children) for c in ctx.tok.children))
# "was captured on video", "caught on camera": filmed, not seized
_test("on-camera")(lambda ctx: any(c.dep_ == "prep" and c.lower_ == "on" and any(
    t.lemma_.lower() in ("video", "camera", "film", "tape", "footage", "cctv") for t in c.subtree)
    for c in ctx.tok.children))
# "withdrew $1,273.80 from her bank account": money, no retreat
_test("money-object")(lambda ctx: any(o.dep_ == "dobj" and (o.ent_type_ == "MONEY" or o.lemma_.lower() in (
    "money", "cash", "fund", "funds", "savings", "deposit")) for o in ctx.tok.children))
# "whose name has been withheld", "withheld the names of the victims"
_test("name-withheld")(lambda ctx: any(o.dep_ in ("dobj", "nsubjpass") and o.lemma_.lower() in (
    "name", "identity") for o in ctx.tok.children))
# "pleaded guilty", "pleaded not guilty", "pleads no contest" (the parser may hang "guilty" on the next word)
_test("plea")(lambda ctx: any(t.lower_ in ("guilty", "innocent", "contest")
                              for t in ctx.tok.doc[ctx.tok.i + 1:min(ctx.tok.i + 4, ctx.tok.sent.end)]))
_test("market-subject")(lambda ctx: (subj := _subject(ctx.tok)) is not None and subj.lower_ in MARKETS)


_test("halted-act")(lambda ctx: ctx.tok.pos_ == "NOUN" and ctx.tok.dep_ == "dobj" and
                    ctx.lemma in HOSTILITIES | REPRESSION or ctx.tok.dep_ == "xcomp" and ctx.tok.tag_ == "VBG" and
                    ctx.type in ("ASSAULT", "COERCE"))
_test("with-harm")(lambda ctx: any(c.dep_ in ("advcl", "xcomp", "conj") and c.lemma_.lower() in HARMING
                                   for c in ctx.tok.children))
_test("announces-plan")(lambda ctx: any(o.dep_ == "dobj" and o.lemma_.lower() in FUTURE_HEADS and any(
    a.dep_ == "acl" and _trigger_for(a) is not None for a in o.children) for o in ctx.tok.children))
_test("no-trigger")(lambda ctx: ctx.trig is None)


@_test("carries-other-event")
def _carries_other_event(ctx: _Context) -> bool:
    """ "filed charges against", "led the attacks": the object names an event the verb only carries out (when both
    say the same, the verb tells it)."""
    for o in ctx.tok.children:
        if o.dep_ == "dobj" and o.pos_ == "NOUN" and (carried := _trigger_for(o)) is not None:
            reading = _reading(o, carried, None, ctx.places)
            if (reading.type if reading is not None else ctx.type) != ctx.type:
                return True
    return False


_test("disbanded-own")(lambda ctx: not ctx.args or any(c.dep_ == "poss" for o in ctx.tok.children if o.dep_ == "dobj"
                                                       for c in o.children))


@_test("pledged-hostile")
def _pledged_hostile(ctx: _Context) -> bool:
    """ "pledged to rekindle the bombing campaign": a threat; "pledged to invest 15 billion yen" an intent."""
    aim = _aim(ctx.tok)
    return aim is not None and any(_lexical_type(t) in CONFLICTUAL for t in aim.subtree)


def _aim(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)


_test("pledged-aim")(lambda ctx: _aim(ctx.tok) is not None)
_test("withdrew-from-body")(lambda ctx: any(
    t.lemma_.lower() in WITHDRAWN_FROM or t.ent_type_ == "ORG" for c in ctx.tok.children
    if c.dep_ == "prep" and c.lower_ in ("from", "of") for t in c.children if t.dep_ == "pobj"))
_test("pulled-forces")(lambda ctx: not ctx.args.isdisjoint({"troop", "force", "soldier", "unit", "army"}) or any(
    c.dep_ in ("prt", "advmod") and c.lower_ in ("out", "back") for c in ctx.tok.children))
_test("labour-strike")(lambda ctx: _labour_strike(ctx.tok))
_test("closed-passage")(lambda ctx: not ctx.args.isdisjoint(
    CLOSED_PASSAGES | UTILITIES if ctx.lemma != "cut" else UTILITIES) and not _obstructor(_subject(ctx.tok)))
_test("state-boycott")(lambda ctx: _state_boycott(ctx.tok))
_test("obstructor-subject")(lambda ctx: _obstructor(_subject(ctx.tok)))
_test("walked-out-of-meeting")(lambda ctx: not ctx.args.isdisjoint(MEETINGS) or any(
    t.lemma_.lower() in MEETINGS for c in ctx.tok.children if c.dep_ == "prep" for t in c.subtree))
_test("state-protest")(lambda ctx: _state_voice(
    _subject(ctx.tok) if ctx.tok.pos_ == "VERB" else _subject(ctx.tok.head) if ctx.tok.dep_ == "dobj" and
    ctx.tok.head.lemma_.lower() in ("lodge", "file", "deliver", "register") else None))
_test("pledged-support")(lambda ctx: any(
    c.dep_ == "dobj" and c.lemma_.lower() in ("support", "backing", "solidarity") and
    {m.lemma_.lower() for m in c.children}.isdisjoint(MATERIAL_SUPPORT) for c in ctx.tok.children))
_test("own-object")(lambda ctx: _own_object(ctx.tok))
_test("opened-to-trade")(lambda ctx: ctx.lemma == "open" and not _opened_for(ctx.tok).isdisjoint(OPENED_TO_TRADE))
_test("opened-or-not-open")(lambda ctx: ctx.lemma != "open" or bool(_opened_for(ctx.tok)))
_test("joins-protest")(lambda ctx: any(t.lower_ in PROTEST_WORDS for c in ctx.tok.children
                                       if c.dep_ in ("dobj", "prep") for t in c.subtree))
_test("trained-together")(lambda ctx: any(c.lower_ in ("together", "jointly") or c.dep_ == "prep" and
                                          c.lower_ == "with" for c in ctx.tok.children))
_test("rioters-subject")(lambda ctx: _rioters(_subject(ctx.tok)))
_test("ended-protest")(lambda ctx: _ended(ctx.tok))
