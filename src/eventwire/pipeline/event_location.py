"""Where an event happened: choosing, among the place mentions of its sentence, the one its trigger governs.

"The fighters held a press conference in Kyiv after carrying out armed attacks in Russia's Belgorod and Kursk
border regions": the press conference is in Kyiv, the attacks in Belgorod and Kursk. The rule follows the
dependency tree: a place attached to the trigger's own clause (through a preposition, an object or an
apposition) is the event's place; a place attached to a clause that governs the trigger ("In Nablus, a man was
shot ...") comes next; a place in another clause is not the event's (it is where something else happened).
Ties go to the closest place in the tree, then in the text. A small model (:func:`location_model`) then weighs
the rule's choice against the other candidates and "no location", from where each place stands, not its words.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..ontologies import word_class

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

COMPASS_ADJECTIVES = word_class("COMPASS_ADJECTIVES")
NOT_PLACES = word_class("NOT_PLACES")

# Prepositions that say where (not "from X to Y" movement endpoints, which stay candidates but rank lower).
LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "around", "across", "throughout", "on", "within",
                      "along", "off", "over", "into", "onto", "between", "of"})
# A place this many dependency steps from the trigger is no longer its own (measured on Halterman dev rows).
MAX_TREE_DISTANCE = 12
# A governing clause with one of these heads is a report: its places are where it was said, not done.
REPORTING = frozenset("say tell announce report claim add state confirm deny accuse warn quote cite".split())
PLACE_HEADS = word_class("PLACE_HEADS")
# Sites a place's name locates when it owns them: "at Bethlehem's Church of the Nativity", "Kabul's airport".
SITE_HEADS = frozenset("church mosque temple shrine cathedral hospital clinic airport airbase port harbour harbor "
                       "market marketplace bazaar square compound university campus school college prison jail "
                       "station hotel stadium bridge palace parliament downtown suburbs neighbourhoods "
                       "neighborhoods streets villages towns".split())
LOCATING_HEADS = PLACE_HEADS | SITE_HEADS  # what a possessor place locates rather than owns
# Place nouns a proper name before them makes a place ("the al-Bayaa district", "Kheda district").
PLACE_NAME_HEADS = frozenset("city town village province region district county governorate neighbourhood "
                             "neighborhood suburb camp oblast commune municipality township settlement lga "
                             "area".split())
# "Garam, a village sharing a boundary with Bwari": a name set off by a comma and named by one of these
SETTLEMENT_NOUNS = frozenset("village town city community settlement township hamlet suburb district "
                             "neighbourhood neighborhood camp".split())
USE_DEPENDENT_CLAUSES = False  # on: +7 points on records with a location, -14 on those without (Halterman dev)
# How much surer than of any place the model must be that the text does not say where, when the dependency rule
# found a place the text puts the event in ("killed in Baquba": the trigger's own clause, after one of STATED_WHERE).
# Halterman's annotators often left "no location" there; a user is better served by the place. Chosen on the
# training folds, where it is neutral (0.7766 with it, 0.7764 without; a margin of 1.0 for any place the rule found
# gave 0.7657); held out, 0.7535 with it, 0.7555 without.
NONE_MARGIN = 0.5
STATED_WHERE = frozenset({"in", "at", "near", "inside", "outside"})
SPECIFICITY = {"city": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4}


def clause_head(tok: Token) -> Token:
    """The head of the clause a token belongs to: its nearest verbal ancestor (itself included), or the root."""
    node = tok
    for _ in range(50):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return node


def event_clauses(verb: Token) -> tuple[set[int], set[int]]:
    """The trigger's own clause heads (itself, the verbs it is coordinated with, its clause head) and the verbs of
    clauses that depend on it ("detonated grenades to kill three and injured nine in Russia")."""
    own = {verb.i, clause_head(verb).i}
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
        own.add(node.i)
    for v in list(own):
        tok = verb.doc[v]
        own.update(c.i for c in tok.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
    dependent = {t.i for v in own for t in verb.doc[v].subtree
                 if t.pos_ in ("VERB", "AUX") and t.dep_ in ("conj", "xcomp", "advcl", "acl", "relcl", "pcomp")}
    return own, dependent - own


def _heads(doc) -> list[int]:
    """Every token's head, by index, read from the parse once per Doc (``Token.head`` makes a Token each time)."""
    heads = doc.user_data.get("eventwire.heads")
    if heads is None or len(heads) != len(doc):
        heads = doc.user_data["eventwire.heads"] = [
            i + int(rel) for i, rel in enumerate(doc.to_array("HEAD").astype("int64"))] if len(doc) else []
    return heads


def ancestor_ids(tok: Token) -> list[int]:
    """The indices of the token and of its heads up to the root (at most 50)."""
    heads = _heads(tok.doc)
    chain = [tok.i]
    while heads[chain[-1]] != chain[-1] and len(chain) < 50:
        chain.append(heads[chain[-1]])
    return chain


def ancestors(tok: Token) -> list[Token]:
    """The token and its heads up to the root."""
    doc = tok.doc
    return [tok, *(doc[i] for i in ancestor_ids(tok)[1:])]


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence."""
    up_a, up_b = ancestor_ids(a), ancestor_ids(b)
    index_b = {i: k for k, i in enumerate(up_b)}
    for k, i in enumerate(up_a):
        if i in index_b:
            return k + index_b[i]
    return 99


# Measures whose "on" names who they are against, not where: "sanctions on North Korea", "tariffs on China".
MEASURES_ON = word_class("MEASURES_ON")
# Heads that make a place name a qualifier of who acted, not where: "U.S. soldiers", "Syria's army".
AGENT_HEADS = frozenset("""
soldier troop force army military navy police policeman officer official authority government ministry minister
president leader militant fighter rebel insurgent guerrilla militia man woman people citizen national resident
journalist reporter spokesman spokeswoman embassy ambassador diplomat team group coalition agency media
""".split())


def is_modifier(tok: Token) -> bool:
    """A place name used to qualify an actor ("U.S. soldiers", "Syria's army"), not a location. Places that
    qualify a thing still locate it ("a Mogadishu cafe", "her Reshimbagh residence")."""
    return tok.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod") and tok.head.lemma_.lower() in AGENT_HEADS


def is_actor(tok: Token, verb: Token) -> bool:
    """A place that acts or owns rather than locates: the subject of the event's verb ("Washington and its allies
    killed ...") or its "by" agent ("sanctioned by Beijing"), who a measure is "on" ("sanctions on North Korea"),
    or a possessor of something other than a place or a site ("under Israel's armored vehicles"; but "Iraq's
    north" and "Bethlehem's Church of the Nativity" locate)."""
    subject = tok.head if tok.dep_ == "conj" else tok
    if subject.dep_ == "pobj" and subject.head.dep_ == "agent":
        return True  # "sanctioned by Beijing": the doer of a passive
    on = subject.head.head if subject.dep_ == "pobj" and subject.head.lower_ == "on" else None
    if on is not None and verb.i in (on.i, on.head.i):
        # the measure is the word "on" hangs on ("sanctions on North Korea"), or the verb's object ("imposed a ban
        # on Russia"): who it is against
        measures = {on.lemma_.lower()} | ({c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"}
                                          if on.i == verb.i else set())
        if measures & MEASURES_ON:
            return True
    if subject.dep_ in ("nsubj", "nsubjpass") and subject.head.i == verb.i:
        # (but a place taken is where it was taken: "Kisangani was captured last month")
        return not (subject.dep_ == "nsubjpass" and verb.lemma_.lower() in TAKEN_PLACES)
    return tok.dep_ == "poss" and tok.head.lemma_.lower() not in LOCATING_HEADS


def is_origin(tok: Token) -> bool:
    """A place a named person is from, told beside their name ("Master Sgt Johnathan Dunbar of Austin, Texas,
    died", "John Smith, 45, of Leeds"): where they live, which the events stage takes as where the event is only
    inside the country the story is about (a local story's victim "of Hartford" was most likely shot there)."""
    node = tok
    while node.dep_ in ("appos", "conj", "compound") and node.head.i != node.i:
        node = node.head
    return node.dep_ == "pobj" and node.head.lower_ in ("of", "from") and node.head.head.ent_type_ == "PERSON"


# Prepositions that name what an event is about: "talks about Syria", "a complaint regarding torture in Chechnya".
TOPIC_PREPS = word_class("TOPIC_PREPS")
TOPIC_VERBS = word_class("TOPIC_VERBS")  # what is discussed is a topic: "a meeting to discuss Iran"
# ... and the things "over" names as what an event is about, not where it is: "protests over the war in Gaza",
# "outrage over the arrest of a journalist in Hong Kong" (but "airstrikes over the town of X", "flew over Kyiv")
DISPUTED = word_class("HOSTILITIES") | word_class("PATIENT_NOUNS")


def is_topic(tok: Token, verb: Token) -> bool:
    """A place that is what the event is about, not where it happened: under "about", "regarding" or "concerning"
    ("talks about Syria"), what is discussed ("a meeting to discuss Iran"), inside a happening "over" names
    ("protests over the war in Gaza"), or what is protested "in protest of", on the way up to the trigger."""
    for node in ancestors(tok):
        if node.i == verb.i:
            return False
        if node.dep_ == "dobj" and node.head.lemma_.lower() in TOPIC_VERBS:
            return True  # "a meeting to discuss Iran"
        if node.dep_ == "prep" and (node.lower_ in TOPIC_PREPS or node.lower_ == "over" and any(
                c.dep_ == "pobj" and c.i != tok.i and c.lemma_.lower() in DISPUTED for c in node.children)):
            return True
        if node.dep_ == "prep" and node.lower_ in ("of", "against", "at", "over") and \
                node.head.lemma_.lower() == "protest" and node.head.dep_ == "pobj" and node.head.head.lower_ == "in":
            return True  # "massed in front of the consulate in Istanbul in protest of police actions in Jerusalem"
    return False


def location_candidates(trigger: Span, places: list[Span], kinds: dict[int, str] | None = None
                        ) -> tuple[list[tuple[Span, dict[str, float]]], Span | None]:
    """Each place mention of the trigger's sentence with the features the location model scores, and the place
    the dependency rule alone would choose (see the module docstring)."""
    kinds = kinds or {}
    verb = trigger.root
    sent = verb.sent
    own, dependent = event_clauses(verb)
    governing = {i for v in own for i in ancestor_ids(verb.doc[v])} - own
    out: list[tuple[Span, dict[str, float]]] = []
    specifics: list[int] = []  # each candidate's SPECIFICITY, in the order of ``out``
    best: tuple[tuple, Span] | None = None
    for place in places:
        if place.sent.start != sent.start:
            continue
        root = place.root
        dist = tree_distance(root, verb)
        head = clause_head(root)
        reporting = head.lemma_.lower() in REPORTING
        if head.i in own:
            tier = 0  # the trigger's own clause
        elif head.i in governing and not reporting:
            tier = 1  # a clause that governs the trigger
        elif head.i in dependent:
            tier = 2  # a clause that depends on it ("... killing six in north Iraq")
        else:
            tier = 3  # another clause: where something else happened, or was said
        up = ancestors(root)
        prep = next((t for t in up[1:4] if t.dep_ == "prep"), None)
        locative = 0 if prep is None or prep.lower_ in LOCATIVE else 1
        kind = kinds.get(place.start_char, "")
        specific = SPECIFICITY.get(kind, 1)
        if dist > MAX_TREE_DISTANCE or is_modifier(root) or is_actor(root, verb) or tier == 3 and reporting or \
                is_topic(root, verb):
            continue  # never where: too far, an actor or its qualifier, where the event was told of, what it is about
        if tier < 2 or tier == 2 and USE_DEPENDENT_CLAUSES:
            key = (tier, locative, specific, dist, abs(root.i - verb.i))
            if best is None or key < best[0]:
                best = (key, place)
        prep_word = prep.lower_ if prep is not None else "-"
        # "near the border with Niger": the locative preposition further up says where, not "with".
        via = next((t.lower_ for t in up[1:5] if t.dep_ == "prep" and t.lower_ in LOCATIVE), "-")
        dateline = root.i - sent.start < 4 and any(t.text in ("(", "--", "—", "-", "_") for t in
                                                     verb.doc[place.end:min(place.end + 2, sent.end)])
        feats = {f"tier={tier}": 1.0, f"prep={prep_word}": 1.0, f"tier={tier},prep={prep_word}": 1.0,
                 f"tier={tier},via={via}": 1.0, f"tier={tier},kind={kind or '-'}": 1.0,
                 "place_noun_head": float(any(t.lemma_.lower() in PLACE_HEADS for t in up[1:3])),
                 f"tier={tier},dep={root.dep_}": 1.0, "dateline": float(dateline),
                 f"kind={kind or '-'}": 1.0, f"dep={root.dep_}": 1.0, "tree_distance": min(dist, 20) / 10,
                 "token_distance": min(abs(root.i - verb.i), 40) / 20, "before": float(root.i < verb.i),
                 "reporting_clause": float(reporting)}
        feats[f"tier={tier},trigger={verb.lemma_.lower()}"] = 1.0
        out.append((place, feats))
        specifics.append(specific)
    rule = best[1] if best else None
    _mark_nested([place for place, _ in out], [f for _, f in out], [kinds.get(p.start_char, "") for p, _ in out])
    if out:  # where each candidate stands among the others
        nearest = min(f["tree_distance"] for _, f in out)
        closest = min(f["token_distance"] for _, f in out)
        least = min(specifics)
        for (place, feats), specific in zip(out, specifics, strict=True):
            feats["rule_choice"] = float(place is rule)
            feats["nearest_in_tree"] = float(feats["tree_distance"] == nearest)
            feats["nearest_in_text"] = float(feats["token_distance"] == closest)
            feats["most_specific"] = float(specific == least)
    return out, rule


NESTED_SPECIFICITY = {"": -1, **SPECIFICITY}  # a place no gazetteer knows is mostly a quarter or a village


def _mark_nested(places: list[Span], feats: list[dict[str, float]], kinds: list[str]) -> None:
    """Mark pairs of candidates told in one noun phrase, one inside the other: "the eastern Algiers suburb of Oued
    Kniss", "Baghdad's neighbourhood of Hurriyah", "Madduvil area in Jaffna peninsula". The more specific of the
    two (a place the gazetteer does not know counts as most specific) gets ``nested_inner``, the other
    ``nested_outer``; the model weighs them."""
    for i, a in enumerate(places):
        for j in range(i + 1, len(places)):
            b = places[j]
            low, high = sorted((a.root, b.root), key=lambda t: len(ancestors(t)))
            path = ancestors(high)
            if low not in path or path.index(low) > 4 or any(
                    t.pos_ in ("VERB", "AUX") for t in path[1:path.index(low)]):
                continue  # not one noun phrase
            si, sj = NESTED_SPECIFICITY.get(kinds[i], 1), NESTED_SPECIFICITY.get(kinds[j], 1)
            if si == sj:
                continue
            inner, outer = (i, j) if si < sj else (j, i)
            feats[inner]["nested_inner"] = 1.0
            feats[outer]["nested_outer"] = 1.0


def no_location_features(trigger: Span, candidates: list[tuple[Span, dict[str, float]]], rule: Span | None
                         ) -> dict[str, float]:
    """Features of the option "the text does not say where this event happened"."""
    verb = trigger.root
    n = len(candidates)
    own_locative = any(f.get("tier=0") and any(f.get(f"prep={p}") for p in LOCATIVE | {"-"}) for _, f in candidates)
    nearest = min((f["tree_distance"] for _, f in candidates), default=2.0)
    return {"bias": 1.0, f"candidates={min(n, 3)}": 1.0, f"trigger_pos={verb.pos_}": 1.0,
            "rule_none": float(rule is None), f"trigger_dep={verb.dep_}": 1.0,
            "own_clause_locative": float(own_locative), "nearest_tree_distance": nearest,
            f"trigger={verb.lemma_.lower()}": 1.0}


def choose_location(trigger: Span, places: list[Span], kinds: dict[int, str] | None = None) -> Span | None:
    """The place mention (one of ``places``) where the event of ``trigger`` happened, or None.

    ``kinds`` maps a place span's start character to its gazetteer kind (city, admin1, country, ...). The
    shipped location model (:func:`location_model`) weighs the dependency rule's choice with the other
    features of each candidate and of "no location"; without a model the rule decides: among equally good
    candidates the most specific wins ("in Iraq's northern Nineveh province" → Nineveh).
    """
    if not places:
        return None
    candidates, rule = location_candidates(trigger, places, kinds)
    model = location_model()
    if model is None or not candidates:
        return rule
    stated = next((f for place, f in candidates if place is rule), None)
    chosen = pick([f for _, f in candidates], no_location_features(trigger, candidates, rule), said_where(stated),
                  *model)
    return None if chosen is None else candidates[chosen][0]


def said_where(rule_features: dict[str, float] | None) -> bool:
    """Whether the rule's place is one the text puts the event in: in the trigger's own clause, after "in", "at",
    "near", "inside" or "outside", maybe further up ("near the border with Niger"). ``rule_features`` are its
    candidate features, None when the rule found none."""
    return bool(rule_features and rule_features.get("tier=0") and any(
        rule_features.get(f"prep={word}") or rule_features.get(f"tier=0,via={word}") for word in STATED_WHERE))


def pick(candidates: list[dict[str, float]], no_location: dict[str, float], stated: bool,
         weights: dict[str, float], none_weights: dict[str, float]) -> int | None:
    """The index of the candidate the model chooses, or None for "no location" (which wins ties, and must win by
    :data:`NONE_MARGIN` when ``stated``, see :func:`said_where`); among tied candidates the first."""
    best_score = sum(none_weights.get(k, 0.0) * v for k, v in no_location.items())
    if stated:
        best_score -= NONE_MARGIN
    best = None
    for i, feats in enumerate(candidates):
        score = sum(weights.get(k, 0.0) * v for k, v in feats.items())
        if score > best_score:
            best, best_score = i, score
    return best


@lru_cache(maxsize=1)
def location_model() -> tuple[dict[str, float], dict[str, float]] | None:
    """The weights of the location model (``data/event_location_model.json``, trained by
    ``scripts/train_event_location.py``), or None when the file is absent."""
    path = Path(__file__).resolve().parents[1] / "data" / "event_location_model.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["candidate_weights"], data["no_location_weights"]


# Verbs whose object is a place more often than not: "stormed Najarah", "captured Birao".
TAKEN_PLACES = frozenset("storm capture recapture seize enter shell bomb besiege liberate overrun raid".split())
# ... and those whose object of two or three proper names is a place, not a person ("recapture Kafr Saghir")
ONLY_PLACES_TAKEN = frozenset("storm recapture shell bomb besiege liberate overrun".split())
# Nouns whose "on" names the place attacked ("the assault on Taqsis")
ASSAULT_NOUNS = frozenset("attack assault offensive raid strike airstrike push advance".split())
# What a place's name owns as parts of it ("Grozny's streets")
PARTS_OF_PLACES = frozenset("street perimeter outskirts outskirt suburb centre center".split())
ARTICLES = frozenset({"al", "el", "ad", "as", "ash", "an", "ar", "at", "az"})


def _capitalised(doc: Doc, i: int) -> bool:
    """ "Gao", and Arabic names after a lowercase article, which spaCy splits: "al - Tall", "el - Arish"."""
    tok = doc[i]
    if tok.lower_ in ARTICLES and i + 2 < len(doc) and doc[i + 1].text == "-":
        return doc[i + 2].text[:1].isupper()
    return tok.text[:1].isupper()


def _after_locative(doc: Doc, i: int) -> bool:
    """Whether token ``i`` follows "in", "near", "outside" or "inside", maybe with a compass adjective between
    ("in central Maree")."""
    k = i - 1
    if k > 0 and doc[k].lower_ in COMPASS_ADJECTIVES:
        k -= 1
    return k >= 0 and doc[k].lower_ in ("in", "near", "outside", "inside")


def _named_as_place(doc: Doc, start: int, end: int) -> str | None:
    """How the tokens ``start:end`` are named as a place: "after" "city of" (any place noun and "of"), "before" a
    place noun ("the Kheda district"), or None. Only the first says how specific it is: in "the West Bank city of
    Nablus" the name before the noun is the wider one."""
    if start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lemma_.lower() in PLACE_HEADS:
        return "after"
    if start > 0 and doc[start - 1].lower_ in ("capital", "city", "town", "village", "port") and \
            doc[start - 1].pos_ == "NOUN":
        return "after"  # "in the capital Grozny", "the port city Hodeidah"
    if end - start > 1 and doc[end - 1].lemma_.lower() in PLACE_NAME_HEADS:
        return "before"  # the place word is part of the name: "the Sheikh Sa'eed District", "Al-Assad Suburb"
    if start > 1 and doc[start - 1].lower_ == "on" and doc[start - 2].lemma_.lower() in ASSAULT_NOUNS:
        return "after"  # "the assault on Taqsis", "an attack on Azaz"
    if end + 1 < len(doc) and doc[end].tag_ == "POS" and doc[end + 1].lemma_.lower() in PARTS_OF_PLACES:
        return "after"  # "Grozny's streets", "Pervomayskaya's perimeter"
    if end < len(doc) and doc[end].lemma_.lower() in PLACE_NAME_HEADS:
        named_after = end + 2 < len(doc) and doc[end + 1].lower_ == "of" and doc[end + 2].pos_ == "PROPN"
        return None if named_after else "before"  # "the West Bank city of Nablus": Nablus is the place
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ("a", "an"):
        for tok in doc[end + 2:min(end + 5, len(doc))]:  # "Doron-Baga, a fishing community in Kukawa"
            if tok.lemma_.lower() in SETTLEMENT_NOUNS:
                return "after"
            if tok.pos_ not in ("ADJ", "NOUN", "PROPN"):
                break
    return None


def place_spans(doc: Doc, mentions) -> tuple[list[Span], dict[int, str]]:
    """Spans of the place mentions (GPE, LOC, FAC) among :class:`~eventwire.pipeline.mentions.Mention`s, plus
    proper nouns that only a place can be ("in Al-Bayaa", "the town of Mahardah", "neighbourhood of X"), and
    their gazetteer kinds by start character."""
    spans, kinds = [], {}
    taken: set[int] = set()
    people = {t.lower_ for m in mentions if m.label == "PERSON" for t in
              (doc.char_span(m.start, m.end, alignment_mode="expand") or []) if m.end - m.start > len(t.text)}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        taken.update(t.i for t in span)
        if m.label in ("PERSON", "ORG") and span.root.pos_ == "PROPN" and span.start > 0 and (
                len(span) == 1 and span[0].lower_ not in people and (
                    m.label == "PERSON" and _after_locative(doc, span.start) or
                    span[0].dep_ == "dobj" and span[0].head.lemma_.lower() in TAKEN_PLACES) or
                # a name of two or three words only a place can be the object of ("recapture Kafr Saghir"; not
                # "captured John Smith")
                1 < len(span) <= 3 and span.root.dep_ == "dobj" and span.root.head.lemma_.lower() in ONLY_PLACES_TAKEN
        ) and not (span.end < len(doc) and doc[span.end].tag_ == "POS"):
            spans.append(span)  # "fighting near Najarah": NER's person is its slip
            kinds[span.start_char] = ""
            continue
        if m.label in ("GPE", "LOC", "FAC"):
            spans.append(span)
            kinds[span.start_char] = m.place_kind or ""
        elif named := _named_as_place(doc, span.start, span.end):
            while len(span) > 1 and span[0].pos_ == "ADJ":
                span = span[1:]  # "the predominately Shiite al-Bayaa district": al-Bayaa
            spans.append(span)  # "the city of al-Tall", "the al-Bayaa district": NER's ORG or NORP is its mistake
            kinds[span.start_char] = "city" if named == "after" else ""
    for tok in doc:
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if tok.i in taken or tok.pos_ != "PROPN" or not _capitalised(doc, tok.i) or prev is None:
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i < 5 and doc[end].pos_ == "PROPN" and end not in taken:
            end += 1
        named_as_place = _named_as_place(doc, tok.i, end)
        if not (named_as_place or _after_locative(doc, tok.i)):
            continue
        span = doc[tok.i:end]
        slip = end - tok.i == 1 and tok.ent_type_ == "DATE" and tok.lower_ not in NOT_PLACES and tok.is_alpha
        if not slip and any(t.ent_type_ in (("DATE", "TIME") if named_as_place else
                                            ("DATE", "TIME", "PERSON", "ORG", "NORP")) for t in span):
            continue  # (but "killed in Mayadeen", which NER took for a date)
        spans.append(span)
        kinds[span.start_char] = "city" if named_as_place == "after" else ""
        taken.update(range(tok.i, end))
    return spans, kinds
