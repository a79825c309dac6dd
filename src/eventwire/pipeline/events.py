"""Events: who did what to whom, typed in PLOVER (with ACLED and CAMEO views), with status, source, place and date.

Rules over the parse, one event per trigger (a verb or an event noun from ``ontologies/triggers.tsv``, or a verb
whose CAMEO pattern matches, :mod:`~eventwire.pipeline.cameo`), so one sentence can hold several ("crossing the
border in a tank, firing on Russian army vehicles and blowing up buildings"):

- **type**: the trigger's, read in context (``_reading``: "fight alongside" is COOPERATE, "went on strike" is
  PROTEST, "reached an agreement" SUPPORT, "found a way" no event), then PLOVER's readings of status (a refused
  concession is REJECT, a stated intent to yield AGREE); the ACLED view from :mod:`~eventwire.pipeline.acled`;
- **actor**: the trigger's subject (a noun trigger takes the subject of the verb that governs it: "carried out
  attacks", "responding with strikes"), or the agent of a passive; coordinated subjects give compound actors;
  pronouns and group nouns resolve as quote speakers do ("they", "the fighters" → the story's group; "we" in
  a quote → the speaker);
- **recipient**: the object, or the object of "on", "against", "at", "into" ("strikes on Ukraine's border
  regions" → Ukraine);
- **status**: ``negated`` (not, never, failed to, declined to), ``future`` (will, vowed/planned/promised to,
  ready to), ``threatened`` (threatened to), ``hypothetical`` (if, could, would, may, might), ``historical``
  (a date in the sentence that ended before the story's period: "last summer", "in 2023"), else ``reported``;
- **source**: the speaker of the quote or reported speech that contains the trigger (null when the story itself
  states the event);
- **place**: the place the trigger's clause governs (:mod:`~eventwire.pipeline.event_location`); **date**: the
  clause's date, else the sentence's, else the story's;
- **counts**: killed, injured, arrested, displaced where a number is stated in the sentence ("killing at least
  12 soldiers"); "declined to say how many" is no count.

Nouns that only refer back to an event already told ("following the raids", "after the attack") are not new
events. Known limits: no event coreference across sentences. Actors' sectors and countries come from
:mod:`eventwire.pipeline.actors`, unnamed actors ("gunmen", "troops") from :mod:`eventwire.pipeline.groups`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from ..model import AcledView, Count, Entity, Event, EventDate, Evidence, Place, Quote, TimeRef
from ..ontologies import Trigger, plover_types, pronouns, triggers, word_class
from ..rules import Rule, RuleBook, load_rules
from .acled import acled_view
from .cameo import CameoMatch, match_cameo
from .dates import published_period
from .event_location import ancestors, choose_location, clause_head
from .nlp import doc_text
from .numbers import NUMBER, read_number
from .quotes import main_organisation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..model import Published

ARMED_GROUP_NOUNS = word_class("ARMED_GROUP_NOUNS")
GROUP_NOUNS = word_class("GROUP_NOUNS")
RELATIVE = word_class("RELATIVE")
REPORTING_VERBS = word_class("REPORTING_VERBS")
PRONOUNS = pronouns()
FUTURE_HEADS = word_class("FUTURE_HEADS")
NEGATING_HEADS = word_class("NEGATING_HEADS")
HYPOTHETICAL_AUX = word_class("HYPOTHETICAL_AUX")
BACKREF_PREPS = word_class("BACKREF_PREPS")
RECIPIENT_PREPS = word_class("RECIPIENT_PREPS")
WITH_COUNTERPART = word_class("WITH_COUNTERPART")
COOPERATIVE = word_class("COOPERATIVE")
MATERIAL_COOPERATION = word_class("MATERIAL_COOPERATION")
CONFLICTUAL = word_class("CONFLICTUAL")
AGREEMENT_NOUNS = word_class("AGREEMENT_NOUNS")
TRAINEES = word_class("TRAINEES")
SIGN_VERBS = word_class("SIGN_VERBS")
REFUSING = word_class("REFUSING")
NATURAL_FORCES = word_class("NATURAL_FORCES")
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
PEACEKEEPING = re.compile(r"\bpeace-?keep", re.IGNORECASE)
VIOLENCE = re.compile(
    r"\b(attack\w*|gunm[ae]n|militants?|rebels?|insurgents?|bomb\w*|shot|shoot\w*|gunfire|troops|soldiers|"
    r"police|forces|terror\w*|suicide|grenades?|IEDs?|fighters|kidnap\w*|assault\w*|raid\w*|clash\w*|"
    r"militia\w*|army|jihadists?|mob|rioters?|sabotage\w*|arson\w*)\b", re.IGNORECASE)
LOOSE_DEFAULTS = word_class("LOOSE_DEFAULTS")
CAMEO_DEFAULT_TYPES = word_class("CAMEO_DEFAULT_TYPES")
WEAPON_NOUNS = word_class("WEAPON_NOUNS")
ARSENALS = word_class("ARSENALS")
BASE_NOUNS = word_class("BASE_NOUNS")
UNIT_NOUNS = word_class("UNIT_NOUNS")
TERRITORY_NOUNS = word_class("TERRITORY_NOUNS")
MEETINGS = word_class("MEETINGS")
PROTEST_WORDS = word_class("PROTEST_WORDS")
BURNED_PEOPLE = word_class("BURNED_PEOPLE")
BALLOTS = word_class("BALLOTS")
PROTESTERS = word_class("PROTESTERS")
OBSTRUCTORS = word_class("OBSTRUCTORS")
AROUSED = word_class("AROUSED")
OBSTRUCT_VERBS = word_class("OBSTRUCT_VERBS")
MUTUAL_FIGHTING = word_class("MUTUAL_FIGHTING")
SECURITY_FORCES = word_class("SECURITY_FORCES")
CLOSED_PASSAGES = word_class("CLOSED_PASSAGES")
UTILITIES = word_class("UTILITIES")
TRADED = word_class("TRADED")
WITHDRAWN_MISSIONS = word_class("WITHDRAWN_MISSIONS")
PUBLISHED = word_class("PUBLISHED")
EASED_MEASURES = word_class("EASED_MEASURES")
PATIENT_NOUNS = word_class("PATIENT_NOUNS")
TRAVEL = word_class("TRAVEL")
EASING = word_class("EASING")
ADMITTED = word_class("ADMITTED")
VISITING_MISSIONS = word_class("VISITING_MISSIONS")
MEDIA = word_class("MEDIA")
SEVERING = word_class("SEVERING")
TIES = word_class("TIES")
SHARED_GOODS = word_class("SHARED_GOODS")
RESUMED_EXCHANGE = word_class("RESUMED_EXCHANGE")
OPENED_TO_TRADE = word_class("OPENED_TO_TRADE")
DRILLS = word_class("DRILLS")
HALTING = word_class("HALTING")
HOSTILITIES = word_class("HOSTILITIES")
REPRESSION = word_class("REPRESSION")
SENT_FORCES = word_class("SENT_FORCES")
ARMED_STRIKES = word_class("ARMED_STRIKES")
PAY_WORDS = word_class("PAY_WORDS")
WITHDRAWN_FROM = word_class("WITHDRAWN_FROM")
AID_GOODS = word_class("AID_GOODS")
BUILDING_UP = word_class("BUILDING_UP")
ALERTS = word_class("ALERTS")
POSTURE = word_class("POSTURE")
SCOURGES = word_class("SCOURGES")
GIVING = word_class("GIVING")
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
TARIFFS = word_class("TARIFFS")
RAISING = word_class("RAISING")
LOWERING = word_class("LOWERING")
DECLARING = word_class("DECLARING")
EMERGENCIES = word_class("EMERGENCIES")
SHIELDING = word_class("SHIELDING")
LENT = word_class("LENT")
CALLED_UP = word_class("CALLED_UP")
VIOLATING = word_class("VIOLATING")
TRUCES = word_class("TRUCES")
DISAPPROVAL = word_class("DISAPPROVAL")
APPROVAL = word_class("APPROVAL")
GOALS = word_class("GOALS")
PARTICULARS = word_class("PARTICULARS")
OFFICIALDOM = word_class("OFFICIALDOM")
NORMS = word_class("NORMS")
MOVING = word_class("MOVING")
MOVED_FORCES = word_class("MOVED_FORCES")
VENGEANCE = word_class("VENGEANCE")
LAW_ENFORCERS = word_class("LAW_ENFORCERS")
FIGHTING = re.compile(r"\b(kill\w*|dead|deaths?|died|shot|shoot\w*|gun ?fights?|firefights?|clash\w*|"
                      r"exchange of fire|wound\w*|injur\w*|bomb\w*|grenades?)\b", re.IGNORECASE)
STOPPAGES = word_class("STOPPAGES")
VERBAL = word_class("VERBAL")
REACTIONS = word_class("REACTIONS")
CARRIERS = word_class("CARRIERS")
DECREES = word_class("DECREES")
ANNOUNCING = word_class("ANNOUNCING")
PARTICLES = word_class("PARTICLES")
HARMING = word_class("HARMING")
HELPERS = word_class("HELPERS")
ASKING = word_class("ASKING")
HELPING = word_class("HELPING")
AUDIENCES = word_class("AUDIENCES")
HONOURS = word_class("HONOURS")
OFFICIALS = word_class("OFFICIALS")
EVACUEES = word_class("EVACUEES")
REQUEST_NOUNS = word_class("REQUEST_NOUNS")
ARMED_GROUPS = word_class("ARMED_GROUPS")
BLAMED = word_class("BLAMED")
HARMS = word_class("HARMS")
CONTENT_VERBS = word_class("CONTENT_VERBS")
DEMANDING = word_class("DEMANDING")
MATERIAL_SUPPORT = word_class("MATERIAL_SUPPORT")
REDUCING = word_class("REDUCING")
PERMISSIONS = word_class("PERMISSIONS")
REFUGE = word_class("REFUGE")
CALL_TALKS = word_class("CALL_TALKS")
CALL_PURPOSES = word_class("CALL_PURPOSES")
DEPORTED = word_class("DEPORTED")
REVOKED = word_class("REVOKED")
GENERIC_ACLED = frozenset({"Attack", "Peaceful protest", "Change to group/activity", "Other", None})
COPULAS = word_class("COPULAS")
COUNTS_FOR = {"ASSAULT": ("killed", "injured", "displaced"), "COERCE": ("arrested",),
              "PROTEST": ("killed", "injured", "arrested")}
COUNT_PATTERNS = {
    "killed": r"(kill(?:ed|ing)|dead|died|death toll of)",
    "injured": r"(injur(?:ed|ing)|wound(?:ed|ing)|hurt)",
    "arrested": r"(arrest(?:ed|ing)|detain(?:ed|ing))",
    "displaced": r"(displac(?:ed|ing)|fled|flee(?:ing)?)",
}


def _trigger_for(tok: Token, trace: list[str] | None = None) -> Trigger | None:
    """The trigger ``tok`` is: a rule of stage "trigger" or "phrase" that reads it in context, else its entry in
    the trigger lexicon (``trace`` collects the id of a rule that applied)."""
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
    book = event_rules()
    if pos == "v":
        if lemma in book.lemmas("phrase"):  # a verb read with its object (rules of stage "phrase")
            rule = book.first("phrase", lemma, _Context(tok, None, None, None, phrase_stage=True))
            if rule is not None:
                if trace is not None:
                    trace.append(rule.id)
                return _made_trigger(lemma, rule)
    elif lemma in book.lemmas("trigger"):  # a noun read in context (stage "trigger")
        rule = book.first("trigger", lemma, _Context(tok, None, None, None))
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
            named = objects + [t for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                               for t in c.children]
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


def _halted(verb: Token, args: set[str]) -> tuple[bool, bool]:
    """Whether a halting verb stops hostilities, and whether it stops repression: by its object ("halted the
    offensive", "ended its crackdown") or by the act it stops ("stopped shelling the city", "stopped arresting
    protesters")."""
    acts = {_lexical_type(c) for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG"}
    return bool(args & HOSTILITIES) or "ASSAULT" in acts, bool(args & REPRESSION) or "COERCE" in acts


def _lexical_type(tok: Token) -> str | None:
    """The PLOVER type the trigger lexicon, else a CAMEO pattern, gives ``tok`` out of context."""
    trig = _trigger_for(tok)
    if trig is not None:
        return trig.type
    cameo = match_cameo(tok) if tok.pos_ == "VERB" else None
    return cameo.plover.type if cameo is not None and cameo.plover is not None else None


def _hyphen_start(tok: Token) -> Token:
    """The first part of a hyphenated word ``tok`` ends ("sit" for the "in" of "sit-in"), else ``tok``."""
    if tok.i < 2 or tok.doc[tok.i - 1].text != "-" or tok.doc[tok.i - 1].whitespace_ or tok.doc[tok.i - 2].whitespace_:
        return tok
    return tok.doc[tok.i - 2]


def _hyphenated(tok: Token) -> str | None:
    """The whole hyphenated word, lower-cased, that ``tok`` ends ("sit-in" for its "in"), else None."""
    first = _hyphen_start(tok)
    return None if first is tok else doc_text(tok.doc)[first.idx:tok.idx + len(tok)].lower()


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
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.tag_ in ("NNS", "NNPS", "NNP") and \
            _trigger_for(verb.head) is None:
        return verb.head  # "demonstrators blocking the entrance", "gunmen firing on the crowd"
    if verb.dep_ == "pcomp" and verb.head.lower_ in ("of", "for", "against") and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        blamed = next((c for c in verb.head.head.children if c.dep_ == "dobj"), None)
        if blamed is not None:
            return blamed  # "accused India of violating the ceasefire", "blamed Russia for attacking": India, Russia
    node = verb
    for _ in range(6):
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ in RELATIVE and node.dep_ == "relcl":
            return node.head
        if subj is None and node.dep_ == "xcomp":
            controller = next((c for c in node.head.children if c.dep_ == "dobj"), None) or next(
                (p for c in node.head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") and
                 c.i == node.head.i + 1 for p in c.children if p.dep_ == "pobj"), None)  # "called on Russia to"
            if controller is not None:
                return controller
        if subj is not None and not (subj.dep_ == "nsubjpass" and verb.dep_ != "relcl"):
            return subj
        if node.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl", "ccomp") and node.head.i != node.i:
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


def _agent(verb: Token) -> Token | None:
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


class _Resolver:
    """Tokens to entity ids, with pronouns and group nouns resolved as for quote speakers."""

    def __init__(self, doc: Doc, entities: list[Entity], quotes: list[Quote]) -> None:
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

    def at(self, tok: Token) -> str | None:
        return self.by_char.get(tok.idx)

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
            ent = self.at(h) or next((self.at(t) for t in h.subtree if t.dep_ == "compound" and self.at(t)), None)
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
                    ent = self.last_before(h.idx, ("PERSON",))
                else:
                    ent = self.main_org or self.last_before(h.idx, ("ORG", "NORP"))
            elif ent is None and low in ("their", "our", "its") and self.main_org:
                ent = self.main_org
            elif ent is None and (h.lower_ in GROUP_NOUNS or h.lemma_.lower() + "s" in GROUP_NOUNS):
                armed = h.lower_ in ARMED_GROUP_NOUNS or h.lemma_.lower() + "s" in ARMED_GROUP_NOUNS
                ent = self.armed_org if armed else self.main_org
            elif ent is None:
                # a name inside the phrase ("Russian officials"), not in a clause on it ("attackers who laid siege
                # to a hotel in Kismayo" are not Kismayo)
                clauses = {t.i for c in h.children if c.dep_ == "relcl" for t in c.subtree}
                ent = next((self.at(t) for t in h.subtree if t.i not in clauses and self.at(t) and
                            self.types.get(self.at(t) or "") in ("ORG", "PERSON", "NORP", "GPE")), None)
            if ent and ent not in out:
                out.append(ent)
        return out


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
    for k, node in enumerate(path[:6]):
        if k and path[k - 1].dep_ == "acl" and node.pos_ == "NOUN" and node.lemma_.lower() in FUTURE_HEADS:
            # "expressed willingness to host the talks", "announced plans to build a base"
            return "future", "status-planned-noun"
        if k and path[k - 1].dep_ in ("acl", "relcl", "advcl"):
            break
        lemma = node.lemma_.lower()
        if node.i != trig.i and lemma == "threaten":
            return "threatened", "status-threatened"
        if node.i != trig.i and lemma in FUTURE_HEADS:
            return "future", "status-intent"
        if node.i != trig.i and lemma == "deny" and node.pos_ == "VERB":
            return "negated", "status-denied"  # "denied deploying troops", "denied that it had moved troops"
        if node.i != trig.i and (node.pos_ in ("NOUN", "PROPN", "PRON") or lemma in REPORTING_VERBS):
            break
        if any(c.dep_ == "neg" for c in node.children):
            return "negated", "status-not"
        if node.i != trig.i and node.lemma_.lower() in NEGATING_HEADS:
            return "negated", "status-negating-verb"
        if node.i != trig.i and node.lemma_.lower() == "threaten":
            return "threatened", "status-threatened"
        if node.i != trig.i and node.lemma_.lower() in FUTURE_HEADS:
            return "future", "status-intent"
        aux = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
        if aux & {"will", "shall", "'ll"}:
            return "future", "status-will"
        if "would" in aux and node.dep_ == "ccomp" and node.head.lemma_.lower() in REPORTING_VERBS and \
                not any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in node.children):
            return "future", "status-reported-would"  # "said they would boycott the vote": reported speech
        if aux & HYPOTHETICAL_AUX or any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in node.children):
            return "hypothetical", "status-hypothetical"
        if node.dep_ in ("advcl", "ROOT", "ccomp", "relcl") and node.i != trig.i:
            break
    if story_year is not None:
        for d in clause_dates:
            since = text[max(0, d.start_char - 6):d.start_char].lower().strip().endswith("since")
            if d.end and d.value and d.value[:1].isdigit() and int(d.end[:4]) < story_year and not since:
                return "historical", "status-historical-date"  # "since 2012" is ongoing, not historical
    return "reported", None


def _counts(sentence: Span) -> dict[str, Count]:
    """Casualty and arrest counts stated in the sentence, each with the span of its number."""
    text = sentence.text
    if re.search(r"(declined|refused|did not|would not) to say how many|(did|would) not say how many", text,
                 re.IGNORECASE):
        return {}
    out: dict[str, Count] = {}
    for key, verb in COUNT_PATTERNS.items():
        m = re.search(verb + r"\s+" + NUMBER, text, re.IGNORECASE) or \
            re.search(NUMBER + r"\s+(?:\w+\s+){0,3}(?:were |was |have been |had been )?" + verb, text, re.IGNORECASE)
        if not m:
            continue
        group = 2 if m.re.pattern.startswith("(kill") or m.re.pattern.startswith(verb) else 1
        word = m.group(group)
        n = read_number(word, text[:m.start(group)])
        if n:
            s = sentence.start_char + m.start(group)
            out[key] = Count(value=n, start=s, end=s + len(word))
    return out


def story_place(places: list[Place]) -> Place | None:
    """The place a story is about, for events whose sentence says not where: the place it names most often; on a
    tie, the one in the country the story's place mentions fall in most, then the first named. (Not the dateline:
    a story filed from Kyiv about raids in Russia is about Russia.)"""
    if not places:
        return None
    by_country: dict[str, int] = {}
    for p in places:
        if p.country:
            by_country[p.country] = by_country.get(p.country, 0) + len(p.mentions)
    return min(places, key=lambda p: (-len(p.mentions), -by_country.get(p.country or "", 0),
                                      min(s for s, _ in p.mentions) if p.mentions else 0))


def find_events(doc: Doc, entities: list[Entity], quotes: list[Quote], places: list[Place],
                dates: list[TimeRef], published: Published | None) -> list[Event]:
    """Every event in ``doc`` (see the module docstring for the rules)."""
    resolver = _Resolver(doc, entities, quotes)
    text = doc_text(doc)
    types = plover_types()
    entity_chars = set(resolver.by_char)
    place_by_char = {s: p for p in places for s, _ in p.mentions}
    place_spans = [doc.char_span(s, e, alignment_mode="expand") for p in places for s, e in p.mentions]
    spans_by_sent: dict[int, list] = {}  # each sentence's place mentions, found once ("Span.sent" is slow)
    for span in place_spans:
        if span is not None:
            spans_by_sent.setdefault(span.sent.start, []).append(span)
    story_year = int(published.date[:4]) if published is not None else None
    # Per-document work done once: the clause head of each date, each sentence's counts.
    date_clause = {}
    for d in dates:
        span = doc.char_span(d.start_char, d.end_char, alignment_mode="expand")
        date_clause[d.id] = clause_head(span.root).i if span is not None else -1
    counts_by_sent: dict[int, dict[str, Count]] = {}
    main_place = story_place(places)
    kinds = {s: {"other": "admin2"}.get(p.feature or "", p.feature or "") for s, p in place_by_char.items()}
    # Each entity's places, by its mentions (a place record holds the mentions of all the entities that name it:
    # "Gaza" and "the Gaza Strip").
    place_by_span = {(s, e): p for p in places for s, e in p.mentions}
    places_of: dict[str, list[Place]] = {}
    for ent in entities:
        for span in ent.mentions:
            place = place_by_span.get(tuple(span))
            if place is not None and place not in places_of.setdefault(ent.id, []):
                places_of[ent.id].append(place)
    # Places below the country level are where things happen, not who they happen to.
    local_places = {e for e, ps in places_of.items() if any(p.feature not in ("country", None) for p in ps)} - \
        {e for e, ps in places_of.items() if any(p.feature == "country" for p in ps)}
    events: list[Event] = []
    trigger_tokens: list[Token] = []  # the trigger of each event in ``events``
    for tok in doc:
        if tok.idx in entity_chars:
            continue
        if tok.dep_ == "amod" and tok.tag_ in ("VBN", "VBG") and not (tok.i > 0 and doc[tok.i - 1].pos_ == "CCONJ"):
            continue  # "a captured soldier", "striking miners": a state told of a participant, not an event
            # (but "destroyed vehicles and seized weapons", where the parser took a verb for an adjective)
        if tok.tag_ == "VBN" and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and \
                not any(c.dep_ in ("agent", "prep", "dobj", "aux", "auxpass", "advmod") for c in tok.children):
            continue  # "treated dozens of injured", "the wounded were taken to hospital": people, not an event
        trig = _trigger_for(tok)
        cameo = cameo_found = match_cameo(tok) if tok.pos_ == "VERB" else None
        if cameo is not None and cameo.code == "---" and not _arguments(tok) & WEAPON_NOUNS and not (
                tok.lemma_.lower() in HARMING and any(c.dep_ == "dobj" for c in tok.children)):
            continue  # CAMEO rules the event out ("seized drugs", "wounded in an accident"), unless weapons are in
            # it too, or someone harmed someone ("gunmen wounded two policemen in Kabul": CAMEO's "in" pattern
            # is for the passive victim)
        said = _said_of(tok)  # "Russia says Israel must end attacks": a request by Russia of Israel
        if said is not None:
            trig, cameo = None, None
        elif trig is None and (cameo is None or cameo.plover is None or not _cameo_trusted(cameo)):
            continue
        if _only_asked_for(tok):
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN":
            if tok.head.lower_ in BACKREF_PREPS and tok.dep_ == "pobj":
                continue  # "following the raids": a reference to an event already told
            has_det = any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)
            if tok.dep_ in ("nsubj", "nsubjpass") and not has_det and (tok.tag_ != "NNS" or
                                                                      tok.head.lemma_.lower() in COPULAS):
                continue  # generic use: "peaceful protest doesn't work" (but "protests erupted", "rallies were held")
            if tok.dep_ == "compound":
                continue
            if any(c.tag_ == "JJS" for c in tok.children):
                continue  # "the deadliest attack in the region since ...": a comparison, not a new event
        reading = Reading(said[0], False, ()) if said is not None else _reading(tok, trig, cameo, place_by_char)
        if reading is None:
            continue
        type_, agreement = reading.type, reading.agreement
        sent = tok.sent
        # Actor and recipient.
        if said is not None:
            _type, speaking, obj = said
            subj = _subject(speaking)
            roles = ("actor-speaker", "recipient-said-of")
        elif tok.pos_ == "VERB":
            passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            agent = _agent(tok)
            subj = agent if passive is not None else (agent or _subject(tok))
            obj = passive or next((c for c in tok.children if c.dep_ in ("dobj",)), None)
            roles = ("actor-agent" if agent is not None and subj is not None and subj.i == agent.i else "actor-subject",
                     "recipient-passive-subject" if passive is not None else "recipient-object")
        else:
            verb = _governing_verb(tok)
            poss = next((c for c in tok.children if c.dep_ == "poss"), None)
            by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            by_obj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            of_obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            patient = lemma in PATIENT_NOUNS
            if patient and poss is not None:
                obj, poss = poss, None  # "the tanker's release", "Navalny's arrest": whom it was done to
            else:
                obj = of_obj if patient else None  # "the release of former President Temer"
            # The subject of the verb that governs the noun does it ("carried out raids"), unless that verb is an
            # event of its own kind: who condemns or investigates violence did not commit it.
            between = [] if verb is None else [t for t in tok.ancestors if t.i != verb.i and verb.is_ancestor(t)]
            inherits = verb is not None and (verb.lemma_.lower() in CARRIERS or _lexical_type(verb) not in (
                REACTIONS - {type_})) and not any(t.pos_ == "NOUN" and _trigger_for(t) is not None for t in between)
            # (nor did who investigates the killings: "launched an investigation into the killings")
            own = _subject(verb) if inherits else None
            if own is not None and own.i == tok.i:
                own = None  # "their raids forced Russia to divert troops": the noun is the verb's own subject
            if poss is not None and poss.pos_ == "PRON" and own is not None:
                poss = None  # "the army intensified its bombardment": "its" is the army, the verb's subject
            subj = by_obj or (poss if poss is not None and poss.idx not in place_by_char else None) or own
            roles = ("actor-by" if by_obj is not None else "actor-possessor" if subj is not None and (
                poss is not None and subj.i == poss.i) else "actor-governing-subject",
                "recipient-possessor" if patient and obj is not None and obj.dep_ == "poss" else "recipient-of")
        if subj is not None and subj.lemma_.lower() in NATURAL_FORCES:
            continue  # "floods destroyed hundreds of homes": a disaster, not a political event
        if trig is None and subj is not None and _trigger_for(subj) is not None:
            continue  # "their raids forced Russia to divert troops": a consequence of an event, not one more
        if type_ in ("ASSAULT", "COERCE") and (subj is None or subj.pos_ != "PROPN") and \
                MISHAP.search(sent.text[:1].lower() + sent.text[1:]) and not VIOLENCE.search(sent.text):
            continue  # a disaster or an accident: "the bus plunged off a bridge, killing 19"
        actor = resolver.resolve(subj) if subj is not None else []
        recipient: list[str] = []
        if obj is not None:
            recipient = resolver.resolve(obj)
        role_rules = [roles[0]] if actor else []
        role_rules += [roles[1]] if recipient else []
        preps = RECIPIENT_PREPS | ({"with"} if type_ in WITH_COUNTERPART else set()) | \
            ({"to"} if type_ == "AID" else set())  # "sold S-400 missiles to Turkey"
        # "with" may hang on the object: "severed [relations with Cuba]".
        holders = [tok] + ([obj] if obj is not None and obj.lemma_.lower() in TIES | RESUMED_EXCHANGE else []) + \
            ([tok.head] if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in CARRIERS else [])
        # ("filed charges against Temer": the verb that carries the noun's event holds its recipient)
        for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                # "strikes on Ukraine's border regions": the possessor is the recipient.
                target = next((c for c in pobj.children if c.dep_ == "poss"), None) or pobj
                found = [ent for ent in resolver.resolve(target) if ent not in recipient]
                recipient += found
                if found and "recipient-prep" not in role_rules:
                    role_rules.append("recipient-prep")
        recipient = [r for r in recipient if r not in actor and r not in local_places]
        # Status, source, place, date.
        sent_dates = [d for d in dates if sent.start_char <= d.start_char < sent.end_char]
        head_i = clause_head(tok).i
        clause_dates = [d for d in sent_dates if date_clause[d.id] == head_i]
        status, status_rule = _status(tok, clause_dates, story_year, text) if said is None else ("reported", None)
        plover_type, status, plover_rule = _plover_reading(type_, status)
        decided = [r for r in (status_rule, plover_rule) if r]  # the ids of the Python rules that decided
        if plover_type != type_:
            type_, cameo = plover_type, None
        purpose_of = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "for" else tok.head
        if (tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj") or
                tok.tag_ == "VB" and tok.dep_ in ("xcomp", "advcl")) and \
                any(e.type == type_ and e.evidence.trigger[0] == purpose_of.idx for e in events[-3:]):
            # "will hold a protest", "staged a strike", "called Lavrov to discuss", "flew to Tehran for
            # consultations": one event. ("ambushed a convoy, killing 12" stays two: the killing is told apart.)
            continue
        if lemma == "disperse" and tok.dep_ in ("advcl", "xcomp") and any(
                trigger_tokens[k].i == tok.head.i and events[k].type == "ASSAULT" for k in range(len(events))):
            continue  # "fired tear gas to disperse the crowd": the crowd-control attack is the event
        if type_ == "REQUEST" and tok.dep_ in ("advcl", "xcomp", "acl"):
            # "marched through the capital demanding the resignation of ...", "staged a sit-in to demand ...": the
            # demand is what the protest is for (CAMEO 141x), told once, by the protest.
            protest = next((k for k in range(len(events) - 1, max(-1, len(events) - 4), -1)
                            if events[k].type == "PROTEST" and trigger_tokens[k].sent.start == sent.start and
                            tok.head.i in (trigger_tokens[k].i, trigger_tokens[k].head.i)), None)
            if protest is not None:
                kept = events[protest].recipient
                events[protest] = events[protest].model_copy(
                    update={"recipient": kept + [r for r in recipient if r not in kept and r not in actor]})
                continue
        quote = resolver.quote_at(tok.idx)
        source = quote.speaker if quote is not None else None
        first = _hyphen_start(tok)
        trigger_span = doc[first.i:tok.i + 1]
        chosen = choose_location(trigger_span, spans_by_sent.get(sent.start, []), kinds)
        place = place_by_char.get(chosen.start_char) if chosen is not None else None
        basis = "text" if place is not None else None
        if place is None and type_ == "MOBILIZE":
            # Forces are mobilised on the actor's own ground unless the text says where ("Russia has reinforced
            # the border"): a country acting is not where things happen (event_location), except here.
            place = next((p for a in actor for p in places_of.get(a, []) if p.feature == "country"), None)
            basis = "actor" if place is not None else None
        if place is None and main_place is not None:
            place, basis = main_place, "story"  # the sentence says not where: the place the story is about
        ref = (clause_dates or sent_dates or [None])[0]
        if ref is not None:
            date = EventDate(start=ref.start, end=ref.end, granularity=ref.granularity, text=ref.text,
                             start_char=ref.start_char, end_char=ref.end_char)
        elif published is not None:
            period = published_period(published)
            date = EventDate(start=period.start.isoformat() if period.start else None,
                             end=period.end.isoformat() if period.end else None, granularity=period.granularity)
        else:
            date = None
        info = types[type_]
        own = AcledView(event_type=trig.acled_event_type, sub_event_type=trig.acled_sub_event_type) \
            if trig is not None and type_ == trig.type else None
        if agreement and type_ == "SUPPORT":
            acled = AcledView(event_type="Strategic developments", sub_event_type="Agreement")
        else:
            acled = acled_view(type_, lemma, text[sent.start_char:tok.idx], sent.text, own)
            if acled.sub_event_type in GENERIC_ACLED and sent.end < len(doc):
                # The sentence says only that it happened; the next one often says how ("mostly using grenades").
                nxt = doc[sent.end].sent
                wider = acled_view(type_, lemma, text[sent.start_char:tok.idx], f"{sent.text} {nxt.text}", own)
                if wider.sub_event_type not in GENERIC_ACLED:
                    acled = wider
        if acled.sub_event_type == "Violent demonstration" and type_ != "PROTEST":
            # "A curfew was imposed after the riots": a riot told only as what came before is not this event
            told = _told_before(sent, tok)
            if told != sent.text:
                alt = acled_view(type_, lemma, told[:tok.idx - sent.start_char], told, own)
                if alt.sub_event_type != "Violent demonstration":
                    acled = alt
        riot = acled.sub_event_type == "Violent demonstration" and not (
            subj is not None and subj.lemma_.lower() in SECURITY_FORCES and lemma not in MUTUAL_FIGHTING)
        # ("riot police used water cannon" is the police's act; "police clashed with rioters" is the riot)
        if riot and type_ != "PROTEST":
            type_, cameo = "PROTEST", None  # PLOVER codes a riot as PROTEST, mode riot
            decided.append("riot-is-protest")
            info = types[type_]
        agrees = cameo is not None and cameo.plover is not None and cameo.plover.type == type_
        code = cameo.code if agrees else "057" if agreement and type_ == "SUPPORT" else info.cameo_root
        mode = cameo.plover.mode if agrees else "riot" if riot else None
        events.append(Event(
            id=f"V{len(events) + 1}", type=type_, mode=mode, acled=acled, cameo=code, actor=actor,
            recipient=recipient, place=place.id if place else None, place_basis=basis, date=date, status=status,
            source=source,
            counts=_event_counts(sent, COUNTS_FOR.get(type_, ()), counts_by_sent),
            evidence=Evidence(text=sent.text, start=sent.start_char, end=sent.end_char,
                              trigger=(first.idx, tok.idx + len(tok)),
                              rule=[_origin(trig, cameo_found, said), *reading.rules,
                                    *decided, *role_rules])))
        trigger_tokens.append(tok)
    return events


# The rules of the events stage that stay Python (how a trigger was found, status, roles), by the id an event's
# ``evidence.rule`` gives them: stage and reason. ``eventwire rules`` lists them beside event_rules.toml.
BUILT_IN_RULES = {
    "lexicon:LEMMA/POS": ("trigger", "a trigger of ontologies/triggers.tsv, with the type it gives"),
    "cameo:CODE": ("trigger", "a CAMEO verb pattern (ontologies/cameo_verbs.tsv), typed by cameo2plover.tsv"),
    "said-request": ("trigger", "what a speaker says another must do: a request of that other (CAMEO 02)"),
    "said-accusation": ("trigger", "a speaker saying another is behind or responsible for a harm (CAMEO 112)"),
    "status-no": ("status", "\"no arrests have been made\": negated"),
    "status-nobody": ("status", "\"nobody was arrested\", \"no one was hurt\": negated"),
    "status-planned-noun": ("status", "\"announced plans to build a base\": future"),
    "status-threatened": ("status", "\"threatened to strike\": threatened"),
    "status-intent": ("status", "\"vowed to retaliate\", \"ready to strike\" (FUTURE_HEADS): future"),
    "status-denied": ("status", "\"denied deploying troops\": negated"),
    "status-not": ("status", "a negation on the trigger or a verb governing it in its clause: negated"),
    "status-negating-verb": ("status", "\"declined to\", \"failed to\" (NEGATING_HEADS): negated"),
    "status-will": ("status", "will, shall: future"),
    "status-reported-would": ("status", "\"said they would boycott the vote\": future"),
    "status-hypothetical": ("status", "if, unless, could, would, may, might, should: hypothetical"),
    "status-historical-date": ("status", "a date in the clause that ended before the story's year: historical"),
    "plover-refused-concession": ("status", "a cooperative act negated is a refusal: REJECT (PLOVER)"),
    "plover-intent-to-cooperate": ("status", "a future act of cooperation or a meeting is an intent: AGREE"),
    "plover-intent-to-restrict": ("status", "a future sanction, protest or coercion is a threat: THREATEN"),
    "plover-threat": ("status", "a threatened act of conflict is a threat: THREATEN"),
    "riot-is-protest": ("status", "a riot, as ACLED reads the sentence, is PROTEST (mode riot)"),
    "actor-subject": ("roles", "the actor is the verb's subject (through control, relatives and coordination)"),
    "actor-agent": ("roles", "the actor is the agent of a passive (\"killed by gunmen\")"),
    "actor-by": ("roles", "the actor of an event noun is its \"by\" object (\"a raid by customs officers\")"),
    "actor-possessor": ("roles", "the actor of an event noun is its possessor (\"Russia's attack\")"),
    "actor-governing-subject": ("roles", "the actor of an event noun is the subject of the verb that carries it "
                                         "(\"militants carried out raids\")"),
    "actor-speaker": ("roles", "the actor of a request or accusation told as speech is the speaker"),
    "recipient-object": ("roles", "the recipient is the verb's object"),
    "recipient-passive-subject": ("roles", "the recipient is the subject of a passive (\"he was arrested\")"),
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


class Reading(NamedTuple):
    type: str
    agreement: bool
    rules: tuple[str, ...]  # the ids of the reading rules that applied


def _reading(tok: Token, trig: Trigger | None, cameo: CameoMatch | None,
             place_by_char: dict[int, Place], trace: list[str] | None = None) -> Reading | None:
    """The PLOVER type of the event ``tok`` triggers, read in its context by the rules of stage "reading"
    (``ontologies/event_rules.toml``), whether it is the signing or reaching of a formal agreement, and the rules
    that decided; None when, in this context, the trigger is no event ("found a way", "called him a liar",
    "agreed to a ceasefire"). ``trace`` collects the ids of the rules that applied, a veto included."""
    ctx = _Context(tok, trig, cameo, place_by_char)
    fired: list[str] = []
    for rule in event_rules().fired("reading", ctx.lemma, ctx):
        fired.append(rule.id)
        if trace is not None:
            trace.append(rule.id)
        if rule.veto:
            return None
        ctx.type = ctx.cameo.plover.type if rule.type == "cameo" else rule.type
        ctx.agreement = ctx.agreement or rule.agreement
        if rule.final:
            break
    return Reading(ctx.type, ctx.agreement, tuple(fired))


def _only_asked_for(tok: Token) -> bool:
    """Whether ``tok`` names what someone asks, demands or allows, which has not (yet) happened: "rejected calls
    to halt uranium enrichment", "the request for talks", "granted the police permission to detain him", "asked
    Israel to end its blockade", "pressuring the workers to call off the strike", "demanding that authorities
    release a fellow student". Not a telephone call's purpose ("called Erdogan to apologize")."""
    head = tok.head.lemma_.lower()
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if tok.dep_ in ("acl", "relcl", "xcomp") and tok.head.pos_ == "NOUN" and head in REQUEST_NOUNS and to:
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
    the rebels were behind the bombing", "... were responsible for it": ACCUSE by the army of the rebels (112)."""
    demand = _demanded_by(tok)
    if demand is not None:
        return "REQUEST", demand, next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    claim = tok.head
    if not (tok.lower_ in BLAMED and tok.dep_ == "acomp" and all(
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
                        "rail", "wildcat", "indefinite", "sit-down"}) or \
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


def _cameo_trusted(match: CameoMatch) -> bool:
    """Whether a CAMEO match alone makes an event: a pattern with words around the verb, or a verb's default
    code when it is a request or a conflict. The defaults of cooperative verbs are too loose ("mean" → 030,
    "go" → 040): PLV macro-F1 is 0.604 with them left out, 0.592 with them in."""
    words = len(match.pattern.before) + len(match.pattern.after)  # a particle alone ("go to") is no context
    return words > 0 or (match.plover is not None and match.plover.type in CAMEO_DEFAULT_TYPES
                         and match.pattern.verb not in LOOSE_DEFAULTS)


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


def _event_counts(sent: Span, wanted: tuple[str, ...], cache: dict[int, dict[str, Count]]) -> dict[str, Count]:
    """The counts of the kinds ``wanted``, the sentence's counts read once per sentence."""
    if not wanted:
        return {}
    if sent.start not in cache:
        cache[sent.start] = _counts(sent)
    return {k: c for k, c in cache[sent.start].items() if k in wanted}


def link_quotes(quotes: list[Quote], events: list[Event]) -> list[Quote]:
    """Each quote with the ids of the events inside its content."""
    out = []
    for q in quotes:
        ids = [e.id for e in events if any(m.evidence.trigger and q.start <= m.evidence.trigger[0] < q.end
                                            for m in (e.mentions or [e]) if m.evidence)]
        out.append(q.model_copy(update={"events": ids}) if ids else q)
    return out


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
_test("to-demands")(lambda ctx: any(c.dep_ == "prep" and c.lower_ == "to" and any(
    p.lemma_.lower() in ("demand", "request") for p in c.children) for c in ctx.tok.children))
_test("after-for")(lambda ctx: ctx.tok.i > 0 and ctx.tok.doc[ctx.tok.i - 1].lower_ == "for")
_test("head-adjective")(lambda ctx: ctx.tok.head.pos_ == "ADJ")
_test("suggests-fact")(lambda ctx: any(
    c.dep_ == "ccomp" and (c.tag_ in ("VBD", "VBZ") or c.lower_ == "are") and not any(
        a.dep_ == "aux" and a.lower_ in ("should", "must", "would") for a in c.children)
    for c in ctx.tok.children))
_test("object-is-event")(lambda ctx: any(c.dep_ == "dobj" and _trigger_for(c) is not None for c in ctx.tok.children))


def _sent(ctx: _Context) -> set[str]:
    return {c.lemma_.lower() for c in ctx.tok.children if c.dep_ in ("dobj", "nsubjpass")}


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
_test("refuses-event")(lambda ctx: any(c.dep_ == "xcomp" and _is_event(c, ctx.places) for c in ctx.tok.children))
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


@functools.cache
def event_rules() -> RuleBook:
    """The events stage's rules (``ontologies/event_rules.toml``) with the named tests above."""
    return load_rules("event_rules.toml", TESTS, ("trigger", "phrase", "reading"))
