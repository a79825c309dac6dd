"""One event per real happening within a story: the tellings of one happening become the mentions of one event.

A story tells its main happening many times: "Gunmen stormed a hotel ... killing at least five", "the siege
continues", "claimed responsibility for the attack". The events stage reads each trigger as an event;
:func:`merge_tellings` groups them. A telling joins an earlier event when

- both have the same PLOVER type and status class (a historical attack is not this week's; a threat is not the act;
  but what an act was for joins that act of its sentence: "called a meeting of the Council to discuss ..."),
  and nothing they say disagrees: their actors meet (one names none, they share one, or one side is only unnamed
  groups: "gunmen" and "al-Shabab", which claimed the attack; a back reference's actor that is only the subject of
  the verb carrying it is no doer: "Iran's ambassador participated in the meeting"; but a telling whose doer is
  the event's target, and none of its doers, tells the other side's act: a counter-attack), the places their
  sentences give are the same or one lies in the other (a town and its province; or one gives none), the dates
  their text gives overlap (or one gives none, unless the other's is a month or more before the story's day: a
  killing "in 2009" is not this week's killing told without a date), and, unless one trigger governs the other,
  their recipients meet (or one names none); and
- something says they are one: the later one refers back (a noun with "the", "this", a possessive or a date before it:
  "the attack", "Tuesday's attack", "his arrest"; or what someone is condemned, blamed or thanked for: "condemned
  Thailand for sending Uyghurs back to China"), or one governs the other in one sentence with no clause of its own
  between them ("stormed a hotel, killing five"; a clause opened by "when" or "as" is none where one side has no doer
  for its subject: "five were killed when gunmen attacked a market"), or they name the same actor and the same
  recipient, or the later one is told in a sentence of the event's by a named doer of the event ("Trump said ... he
  was inclined to support the deal": the saying and what it says; dev stories: 2 of 34 duplicates fewer, no more
  joins), or the later one names no place, date or actor the event lacks: the story returning to a happening it has
  told ("Five Frontier Corps personnel were also killed", "the driver of the train has died"; on the dev stories:
  records per found event 1.38 -> 1.26, precision 0.307 -> 0.332, recall 0.627 -> 0.610, where three happenings of one
  type told without a place, date or doer of their own joined an earlier one); or the event was told so far with no
  place or date of its own and the later telling shares its doers or it has none: the story's vague first telling of
  what a later one tells in full ("the attack" ... "militants attacked a passenger train Tuesday near Sibi"; on the
  dev stories records per found event 1.27 -> 1.25, precision 0.337 -> 0.354, recall 0.610 -> 0.604, records joining
  two gold happenings 8 -> 10).

A telling joins the nearest event it fits that tells it in the same word ("the attack" joins "militants attacked a
train", not the military's killing of 33 of them told since; dev stories: records joining two happenings 18 -> 12,
precision 0.558 -> 0.566, recall 0.588 -> 0.594), else the nearest it fits. Two triggers of one sentence, one before
or after the other ("killed 30 terrorists, a day after an attack on a train"), are two happenings.

The event's fields are then reconciled from its mentions: the type; the actors and recipients of all mentions, in
order; the most specific place the text gives (a town before a region before a country; the story's place only when no
telling says where); the narrowest date the text gives; the status of the mentions told as fact; the largest count
stated for each kind (a toll is revised upward as the story goes on, and every mention keeps its own figure); and the
first telling's evidence.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Entity, Event, EventDate, EventMention, Place
from ..ontologies import word_class
from .grounding import HISTORICAL_DAYS, days_between, nested_places
from .specificity import trigger_token

__all__ = ["merge_tellings"]

RECENT_EVENTS = 40
"""A telling is compared with the latest events of its type this many (a story of tens of thousands of words told
in one list would otherwise compare every telling with every event)."""
_BACKREF_DETS = frozenset({"the", "this", "that", "these", "those", "his", "her", "its", "their", "our"})
_FACT = {None: "fact", "reported": "fact", "historical": "historical", "future": "future",
         "threatened": "threatened", "hypothetical": "hypothetical", "negated": "negated"}
# How specific a date is: narrower granularities first.
_GRANULARITY = {"day": 0, "week": 1, "month": 2, "season": 3, "range": 4, "year": 5}


def _for_purpose(ev: Event) -> bool:
    """A telling of what an act was for (pipeline/events/status.py, rule status-purpose)."""
    return ev.evidence is not None and "status-purpose" in ev.evidence.rule


def _refers_back(tok: Token | None) -> bool:
    """ "the attack", "this attack", "his arrest", "Tuesday's attack", "the brazen attack"."""
    if tok is None or tok.pos_ != "NOUN":
        return False
    return any(c.dep_ in ("det", "poss") and (c.lower_ in _BACKREF_DETS or c.dep_ == "poss") for c in tok.children)


# Verbs that judge an act someone did: what they judge them "for" is a happening the story has told ("condemned
# Thailand for sending Uyghurs back to China", after "authorities deported 40 others to China").
_JUDGING = word_class("JUDGING")


def _grounds(tok: Token | None) -> bool:
    """What someone is condemned, blamed or thanked for: "condemned Thailand for sending Uyghurs back"."""
    return tok is not None and tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ in ("for", "over") and \
        tok.head.head.lemma_.lower() in _JUDGING


_THREATENING = word_class("WARNING_VERBS")
SEQUENCE_PREPS = word_class("SEQUENCE_PREPS")  # "killed 30 terrorists, a day after an attack": two happenings
SAME_TIME_MARKS = word_class("SAME_TIME_MARKS")  # "five were killed when gunmen attacked a market": one happening
_DYING = word_class("DYING_VERBS")
_HARMING = word_class("HARMING")  # "kill", "injure", "wound", "hurt", "maim"


def _one_telling(first: Token, later: Token | None) -> bool:
    """Two triggers of one sentence where one governs the other with no clause of its own between them: "stormed
    a hotel ..., killing five", "attacked and killed"; not "a bomb killed 11 miners, while the BLA took credit for
    attacking a vehicle" (a clause opened by "while"), nor "rebels attacked the town and the army attacked their
    camp" (a coordinated verb with its own subject). Or two triggers close under one word ("called a meeting to
    discuss"). The caller gives triggers of one sentence."""
    if later is None:
        return False
    for a, b in ((first, later), (later, first)):
        if b.dep_ == "ccomp" and b.head.i == a.i and a.lemma_.lower() in _THREATENING:
            return True  # "warned that it would execute security personnel": the warning and what it says
    if first.is_ancestor(later):
        return _within_clause(later, first)
    if later.is_ancestor(first):
        return _within_clause(first, later)
    # Two dependents of one word, each close to it: "called a private meeting Wednesday to discuss Iran's
    # program", "in a two-day exercise reportedly to test the radar system".
    common = next((a for a in first.ancestors if a.is_ancestor(later)), None)
    return common is not None and _within_clause(first, common, SIBLING_STEPS) and \
        _within_clause(later, common, SIBLING_STEPS)


SIBLING_STEPS = 3


def _within_clause(low: Token, high: Token, steps: int | None = None) -> bool:
    """``high`` governs ``low`` with no clause of its own between them (within ``steps`` arcs when given)."""
    node, n = low, 0
    while node.i != high.i:
        # A clause of its own, unless one told as at the same time ("five were killed when gunmen attacked")
        clause = not _same_time_clause(node)
        if clause and node.dep_ in ("advcl", "ccomp", "relcl") and any(c.dep_ == "mark" for c in node.children):
            return False
        if node.dep_ in ("prep", "pcomp") and node.lower_ in SEQUENCE_PREPS:
            return False  # "killed 30 terrorists, a day after an attack on a train": what came before is another
        if clause and node.dep_ in ("relcl", "ccomp", "parataxis"):
            return False
        if node.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children) and \
                not _casualties(node):
            return False  # "rebels attacked the town and the army attacked their camp": a clause of its own
        node, n = node.head, n + 1
        if steps is not None and n > steps:
            return False
    return True


def _casualties(node: Token) -> bool:
    """ "At least 11 people were killed and more than 100 were injured in clashes": a toll told in two passive
    clauses of harm is one happening's (its dead and its wounded), not a clause of its own."""
    return node.lemma_.lower() in _HARMING and node.head.lemma_.lower() in _HARMING and \
        any(c.dep_ == "nsubjpass" for c in node.children)


def _same_time_clause(node: Token) -> bool:
    """An adverbial or relative clause opened by "when" or "as" (as its mark, or as the adverb the parser often
    makes of it), told as happening at the same time as what it qualifies, where one side has no doer for its
    subject: "five were killed when gunmen attacked a market" (a telling of one type in it tells the same
    happening); not "the army attacked the camp when the rebels attacked a checkpoint" (two doers, two acts)."""
    if node.dep_ not in ("advcl", "relcl"):
        return False
    openers = [c for c in node.children if c.dep_ in ("mark", "advmod") and c.i < node.i]
    if not openers or openers[0].lower_ not in SAME_TIME_MARKS or \
            any(c.lower_ not in SAME_TIME_MARKS for c in openers if c.dep_ == "mark"):
        return False
    governor = next((a for a in node.ancestors if a.pos_ in ("VERB", "AUX")), node.head)
    return not all(any(c.dep_ == "nsubj" for c in verb.children) for verb in (node, governor))


SAME_SENTENCE = 0.8
"""Share of their words (Jaccard) at which two sentences are one sentence told again ("Kenya launched an operation
... from the northeast Boni Forest" and, paragraphs later, "... from the Boni Forest, on the border")."""


def _same_words(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a) and len(a & b) >= SAME_SENTENCE * len(a | b)


def _meet(a: list[str], b: list[str], unnamed: frozenset[str] = frozenset(), distinct_groups: bool = False
          ) -> bool:
    """Parties that may be the same: one side names none, they share one, or one side is only unnamed groups
    ("gunmen" and "al-Shabab", which claimed the attack). With ``distinct_groups``, two sides of unnamed groups
    only that share none are others ("passengers" and "terrorists" killed)."""
    if not a or not b or set(a) & set(b):
        return True
    only_a, only_b = set(a) <= unnamed, set(b) <= unnamed
    return (only_a != only_b) if distinct_groups else (only_a or only_b)


def _text_place(m: EventMention, basis: str | None) -> str | None:
    return m.place if basis == "text" else None


def _text_date(d: EventDate | None) -> EventDate | None:
    return d if d is not None and d.text is not None and d.start and d.end else None


def _dates_meet(a: EventDate | None, b: EventDate | None) -> bool:
    """Whether two tellings' dates allow one happening: the dates their text gives overlap, or one gives none;
    but a telling dated a month or more before the story's day is not one the story tells as its news with no
    date of its own ("killed at least 50 militants in airstrikes" this week, "more than 200 were killed in 2009")."""
    ta, tb = _text_date(a), _text_date(b)
    if ta is not None and tb is not None:
        return ta.start <= tb.end and tb.start <= ta.end
    told, day = (ta, b) if ta is not None else (tb, a)
    if told is None or day is None or not day.start:
        return True
    return days_between(told.end, day.start) < HISTORICAL_DAYS


class _Group:
    """An event being built from its tellings."""

    def __init__(self, ev: Event, tok: Token | None, sent: int, unnamed: frozenset[str],
                 said: frozenset[str] = frozenset(), places: dict[str, Place] | None = None) -> None:
        self.first = ev
        self.unnamed = unnamed
        self.places = places or {}
        self.mentions: list[EventMention] = []
        self.bases: list[str | None] = []
        self.tokens: dict[int, list[Token]] = {}  # the triggers, by the start of their sentence
        self.said: list[tuple[frozenset[str], str, int]] = []  # each telling's sentence words, trigger word, sentence
        self.lemmas: set[str] = set()  # the triggers' lemmas
        self.add(ev, tok, sent, said)

    def add(self, ev: Event, tok: Token | None, sent: int, said: frozenset[str] = frozenset()) -> None:
        if tok is not None:
            self.said.append((said, tok.lower_, sent))
            self.lemmas.add(tok.lemma_.lower())
        # A mention says what its telling says: not the story's place or date that the event may fall back on.
        told_date = ev.date if ev.date is not None and ev.date.text is not None else None
        self.mentions.append(EventMention(
            evidence=ev.evidence, status=ev.status, source=ev.source, actor=ev.actor, recipient=ev.recipient,
            place=ev.place if ev.place_basis in ("text", "actor", "seat") else None, date=told_date, counts=ev.counts,
            confidence=ev.confidence))
        self.bases.append(ev.place_basis)
        if tok is not None:
            self.tokens.setdefault(sent, []).append(tok)

    def actors(self) -> list[str]:
        """Every telling's actors, in order, without repeats."""
        return list(dict.fromkeys(a for m in self.mentions for a in m.actor))

    def fits(self, ev: Event, tok: Token | None, sent: int) -> bool:
        if ev.type != self.first.type or _FACT[ev.status] != _FACT[self.first.status] and not self._purpose(ev, sent):
            return False
        # "Iran's ambassador participated in the meeting": who takes part in (or carries) a happening told again
        # need not be its doer
        any_actor = _refers_back(tok) and "actor-governing-subject" in (ev.evidence.rule if ev.evidence else [])
        # a telling whose doer is this event's target, and none of its doers, tells the other side's act: a
        # counter-attack, a rescue operation against the attackers ("a counter-attack is its own event")
        doers, targets = set(self.actors()), {r for m in self.mentions for r in m.recipient}
        if ev.actor and set(ev.actor) & targets and not set(ev.actor) & doers:
            return False
        for m, basis in zip(self.mentions, self.bases, strict=True):
            if not ((any_actor or _meet(m.actor, ev.actor, self.unnamed)) and _dates_meet(m.date, ev.date)):
                return False
            here, there = _text_place(m, basis), ev.place if ev.place_basis == "text" else None
            if here and there and here != there and not nested_places(self.places.get(here), self.places.get(there)):
                return False
        return True

    def _purpose(self, ev: Event, sent: int) -> bool:
        """A telling of what an act of the event's own sentence (``sent``, its start) was for, or that act told after
        its purpose: one happening ("called a private meeting of the Security Council to discuss Iran's nuclear
        program")."""
        if sent not in self.tokens:
            return False
        if _for_purpose(ev):
            return _FACT[self.first.status] == "fact"
        return _FACT[ev.status] == "fact" and all(_for_purpose(m) for m in self.mentions)

    def linked(self, ev: Event, tok: Token | None, sent: int, said: frozenset[str] = frozenset()) -> bool:
        if tok is not None and any(_one_telling(t, tok) for t in self.tokens.get(sent, ())):
            return True  # "ambushed a convoy, killing 12 soldiers": the soldiers are of the convoy
        if tok is not None and any(word == tok.lower_ and at != sent and _same_words(words, said)
                                   for words, word, at in self.said):
            return True  # the same sentence again (a paragraph repeated, a lead told again in the body)
        if not all(_meet(m.recipient, ev.recipient, self.unnamed, distinct_groups=True) for m in self.mentions):
            return False
        if _refers_back(tok) or _grounds(tok) or self._says_nothing_new(ev, tok) or self._told_vaguely(ev, tok) or \
                self._same_named_day(ev) or self._same_doer_here(ev, sent):
            return True
        return any(m.actor and m.recipient and set(m.actor) & set(ev.actor) and set(m.recipient) & set(ev.recipient)
                   for m in self.mentions)

    def _same_doer_here(self, ev: Event, sent: int) -> bool:
        """A telling of the sentence of one of the event's, by a doer the story names that the event has: "Trump said
        last month that he was 'inclined' to support the deal" (the saying and what it says)."""
        named = set(ev.actor) - self.unnamed
        return sent in self.tokens and bool(named) and not named.isdisjoint(self.actors())

    def _says_nothing_new(self, ev: Event, tok: Token | None) -> bool:
        """A telling that names no place, date or doer the event lacks: the story returning to a happening it
        has told ("Five Frontier Corps personnel were also killed", "the driver of the train has died"; not "The
        prime minister stepped down" after "rebels laid down their arms", whose doer is no entity)."""
        if ev.place_basis == "text" or (ev.date is not None and ev.date.text is not None):
            return False
        if ev.actor:
            return not set(ev.actor).isdisjoint(self.actors())
        return tok is None or tok.lemma_.lower() in _DYING or \
            not any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in tok.children)  # who died: victims

    def _same_named_day(self, ev: Event) -> bool:
        """A telling done to a party the story names, on a day its text gives, which a telling of the event gives
        too: the same happening told by another source ("al-Rufay'i was killed Thursday in an airstrike", the
        special forces said; "al-Rufay'i was killed in a precision airstrike Thursday", Central Command said)."""
        if ev.date is None or ev.date.text is None or ev.date.granularity != "day":
            return False
        named = set(ev.recipient) - self.unnamed
        return bool(named) and any(m.date is not None and m.date.text is not None and m.date.start == ev.date.start
                                   and not named.isdisjoint(m.recipient) for m in self.mentions)

    def _told_vaguely(self, ev: Event, tok: Token | None = None) -> bool:
        """An event told so far with no date, and no place of its own or only a wider one than the telling's, whose
        doers the telling shares (or it has none): the story's first, vague telling of what a later one tells in
        full ("the attack" or "an attack on a passenger train in Balochistan province" ... "militants attacked a
        passenger train Tuesday near Sibi"); or one told in the very place the story is about, told again in the
        same word with no place of its own ("schoolgirls kidnapped in Zamfara state" ... "the girls, who were
        kidnapped last Friday")."""
        if any(m.date is not None for m in self.mentions):
            return False
        told = [self.places.get(m.place) for m, b in zip(self.mentions, self.bases, strict=True) if b == "text"]
        same_word_here = ev.place_basis == "story" and tok is not None and tok.lemma_.lower() in self.lemmas and \
            all(t is not None and t.id == ev.place for t in told)
        if told and not same_word_here and not (
                ev.place_basis == "text" and (here := self.places.get(ev.place)) is not None and all(
                t is not None and nested_places(t, here) and (t.precision or 9) > (here.precision or 9) for t in told)):
            return False  # told in a wider place, the telling names a narrower one in it: "in Balochistan", "near Sibi"
        actors = self.actors()
        return not actors or not set(ev.actor).isdisjoint(actors)

    def event(self, places: dict[str, Place]) -> Event:
        if len(self.mentions) == 1:
            return self.first.model_copy(update={"mentions": self.mentions})
        first = self.first
        place, basis = self._place(places)
        dates = [d for m in self.mentions if (d := _text_date(m.date))]
        date = min(dates, key=lambda d: (_GRANULARITY.get(d.granularity or "", 9), d.start)) if dates else first.date
        counts: dict = {}
        for m in self.mentions:
            for kind, c in m.counts.items():
                if kind not in counts or c.value > counts[kind].value:
                    counts[kind] = c
        told = [m.status for m in self.mentions if _FACT[m.status] == "fact"]
        return first.model_copy(update={
            "actor": self.actors(),
            "recipient": list(dict.fromkeys(r for m in self.mentions for r in m.recipient)),
            "place": place, "place_basis": basis, "date": date, "counts": counts,
            "status": told[0] if told else first.status,
            "source": next((m.source for m in self.mentions if m.source), None),
            "confidence": max((m.confidence for m in self.mentions if m.confidence is not None), default=None),
            "mentions": self.mentions})

    def _place(self, places: dict[str, Place]) -> tuple[str | None, str | None]:
        """The most specific place a telling's text gives; else the first telling's place and basis."""
        told = [(m.place, b) for m, b in zip(self.mentions, self.bases, strict=True) if m.place and b == "text"]
        if told:
            return min(told, key=lambda pb: (places[pb[0]].precision or 9) if pb[0] in places else 9)
        return self.first.place, self.first.place_basis


def merge_tellings(doc: Doc, events: list[Event], places: list[Place], entities: list[Entity]) -> list[Event]:
    """The events of one story with the tellings of each happening merged (see the module's docstring),
    numbered ``V1``, ``V2``, ... in the order of their first telling."""
    unnamed = frozenset(e.id for e in entities if e.type == "GROUP")
    by_id = {p.id: p for p in places}
    groups: list[_Group] = []
    of_type: dict[str, list[_Group]] = {}
    for ev in events:
        tok = trigger_token(doc, ev)
        span = tok.sent if tok is not None else None  # Token.sent is slow: once a telling
        sent, said = (span.start, frozenset(t.lower_ for t in span if t.is_alpha)) if span is not None else \
            (-1, frozenset())
        recent = of_type.setdefault(ev.type, [])[-RECENT_EVENTS:]
        # the nearest it fits that tells it in the same word ("the attack" after "an attack ...", not after "the
        # military killed 33 of the attackers"), else the nearest it fits
        lemma = tok.lemma_.lower() if tok is not None else None
        target = None
        for g in reversed(recent):
            if g.fits(ev, tok, sent) and g.linked(ev, tok, sent, said):
                if lemma in g.lemmas:
                    target = g
                    break
                target = target or g
        if target is None:
            groups.append(_Group(ev, tok, sent, unnamed, said, by_id))
            of_type[ev.type].append(groups[-1])
        else:
            target.add(ev, tok, sent, said)
    merged = [g.event(by_id) for g in groups]
    return [e.model_copy(update={"id": f"V{i}"}) for i, e in enumerate(merged, start=1)]
