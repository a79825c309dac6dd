"""Finding the names in a story: spaCy's NER, corrected and completed.

spaCy's small English model misses or mislabels many names in conflict news (it calls Kursk a PRODUCT,
Belgorod an ORG, splits "Russian Volunteer Corps" into a NORP and nothing, and misses Kyiv). This stage
keeps its entities and then:

1. trims determiners and possessives (``the RDK``, ``Russia's``);
2. finds organisation names by their head noun (``Freedom of Russia Legion``, ``Siberian battalion``);
3. relabels NER names that the gazetteer knows as places, without turning people into places;
4. adds gazetteer places that NER missed (proper nouns only);
5. reads acronym definitions (``Russian Volunteer Corps (RDK)``) and nicknames or call signs
   (``nicknamed "White Rex"``, ``known as``, ``with the call sign Kholod``) as links between names.

The output is a list of :class:`Mention` with character offsets; :mod:`eventwire.pipeline.aliases` groups them
into entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import data
from ..geo.build import fold_accents
from ..geo.gazetteer import OWN, Gazetteer, Place, name_key
from ..ontologies import word_class
from .nlp import doc_text
from .specificity import CREDIT

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

KEEP_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
# NER labels that are kept only when the gazetteer turns them into a place.
RELABEL_ONLY = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})

# Head nouns of organisation names. A capitalised run ending in one is an ORG ("Freedom of Russia Legion").
ORG_HEADS = frozenset("""
agency alliance army assembly association authority bank battalion battalions bloc board brigade brigades
brotherhood bureau cabinet caliphate cartel center centre command commission committee company congress
corps council court department directorate division embassy faction federation force forces front fund
group guard guards institute jihad league legion militia ministry movement network office organisation
organization parliament party police regiment secretariat senate service services society squad tribunal union
unit university
""".split())
# Lowercase heads that name a unit only after a proper modifier ("Siberian battalion"), never after a
# country's demonym ("Russian army" is the Russian military, not a name).
LOWER_ORG_HEADS = frozenset("battalion brigade legion regiment corps militia front movement".split())
CONNECTORS = frozenset({"of", "for", "de", "du", "al", "el"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})

TITLES = word_class("TITLES")

# Places found only by the gazetteer (not by NER) must be proper nouns and prominent, or follow a
# locative preposition: "in Kyiv". A city of 100,000 people is seldom an ordinary capitalised word.
SCAN_MIN_POPULATION = 100_000
SCAN_MIN_POPULATION_AFTER_PREP = 15_000
NOT_PLACES = word_class("NOT_PLACES")
COMPASS_WORDS = word_class("COMPASS_WORDS")
LOCATIVE_PREPS = frozenset("in at near from to into outside inside towards toward around across via of".split())
# "the Gao and Menaka regions", "Kherson oblast": a word after a name that makes it a place.
PLACE_NOUNS = frozenset("region regions province provinces oblast oblasts district districts state governorate "
                        "county city town village border".split())
# A single-token PERSON becomes a place only when the gazetteer calls it a country or a region, or a city
# this large ("Jordan" stays a person in "Michael Jordan ... Jordan said").
PERSON_TO_PLACE_MIN_POPULATION = 1_000_000
# A name of two words or more NER calls a person is a city of at least this size in a place context.
PERSON_TO_CITY_MIN_POPULATION = 100_000
# Below this, a GeoNames city is too small to overrule NER's label on its own ("Russia, Ohio").
RELABEL_MIN_CITY_POPULATION = 15_000
RELABEL_MIN_ALIAS_POPULATION = 500_000
PROMINENT_KINDS = frozenset({"country", "demonym", "region", "admin1"})


def _prominent(places: tuple[Place, ...]) -> Place | None:
    """The first candidate prominent enough to relabel a name: a country, region, admin-1 unit or sizeable city;
    a city known by this name only as an alternate name must be a large one (`Kiev`, `Zaporozhye`), since
    GeoNames' alternate names include words of other languages that are English names too (`Hamas` for Hamm,
    `Human` for Uman)."""
    for p in places:
        if p.kind in PROMINENT_KINDS or p.kind == "city" and p.population >= (
                RELABEL_MIN_CITY_POPULATION if p.quality == OWN else RELABEL_MIN_ALIAS_POPULATION):
            return p
    return None

NICKNAME_CUE = re.compile(
    r"\b(?P<cue>(?:also\s+)?known\s+as|(?:also\s+)?known\s+(?:by|under)\s+(?:his|her|its|their|the)\s+"
    r"(?:nick-?name|name|alias|pseudonym)|nick-?named|dubbed|a\.?k\.?a\.?|alias|nom\s+de\s+guerre|code-?named|"
    r"call[- ]?sign|callsign|call\s+name|(?:war|battle)\s+name)\b\s*[:,]?\s*"
)
NICKNAME_VALUE = re.compile(
    r"[\"“”'‘](?P<quoted>[^\"“”'’‘\n]{1,40})[\"“”'’]|(?P<bare>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2})"
)
# "(RDK)", "(FAMa)", "(M23)": a capital, then letters or digits, at least two capitals in all.
ACRONYM_AFTER = re.compile(r"\s*\(\s*(?P<acr>[A-Z](?=[A-Za-z0-9&\-\.]*[A-Z0-9])[A-Za-z0-9&\-\.]{1,10})\s*\)")

# Capitals before a dash or a colon that are no dateline: "NOTICE: This is the final article", "UPDATE -".
NOT_DATELINES = frozenset({"NOTICE", "UPDATE", "UPDATED", "NOTE", "EDITOR'S NOTE", "CORRECTION", "BREAKING",
                           "WATCH", "LISTEN", "READ MORE", "PHOTOS", "VIDEO", "ADVERTISEMENT", "EXCLUSIVE",
                           "ANALYSIS", "OPINION"})
# Which finding wins when two overlap (higher first); ties go to the longer one.
PRIORITY = {"nickname": 5, "acronym": 5, "pattern": 4, "dateline": 4, "ner": 3, "gazetteer": 2}
# A dateline inside the text, where a headline or a paragraph ends: "... master carver. WOODBURY — The Arts
# Center", "\nCOLUMBIA, S.C. -- ", "BEIRUT: ". The place is in capitals, as wire style writes it.
DATELINE_IN_TEXT = re.compile(
    r"(?:^|\n|[.!?]\s+)(?P<place>[A-Z][A-Z'’.]+(?: [A-Z][A-Z'’.]+){0,3})(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?"
    r"\s*(?:-{1,3}|–|—|:)\s")


@dataclass(slots=True)
class Mention:
    """A name in the text, before grouping into entities.

    ``link`` is the index of another mention this one is an alias of (acronym, nickname). A nickname or call
    sign with no link names someone not otherwise named ("a masked fighter ... with the call sign Kholod").
    """

    start: int
    end: int
    text: str
    label: str
    origin: str
    link: int | None = None
    country: str | None = None
    place_kind: str | None = None
    tokens: list[str] = field(default_factory=list)
    cue: int | None = None  # token index of a nickname's cue word, until its owner is found
    ner_label: str | None = None  # NER's own label, before the gazetteer corrected it


# What a hyphen joins to a name to make an adjective of it: "Trump-era tariffs", "U.S.-led talks".
_NAME_ADJECTIVE_ENDS = frozenset("era led backed based linked style allied aligned affiliated owned run controlled "
                                 "funded sponsored supported friendly born made brokered".split())


def _trim(span: Span) -> Span | None:
    """Drop leading determiners, trailing possessives or punctuation, and an adjective's ending ("Trump-era")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct or doc[start].is_space):
        start += 1
    if end - start >= 3 and doc[end - 2].text == "-" and doc[end - 1].lower_ in _NAME_ADJECTIVE_ENDS:
        end -= 2
    while end > start and (doc[end - 1].lower_ in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def _coordinated_places(span: Span | None) -> list[Span | None]:
    """An entity NER made of names joined by "and" after a plural place noun's "of" ("between the towns of
    Bocaranga and Bazoum": one ORG to the model), as its names; any other span as it is."""
    if span is None or not any(t.lower_ == "and" for t in span):
        return [span]
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is None or before.lower_ != "of" or before.head.lemma_.lower() not in PLACE_NOUNS or \
            not before.head.tag_.startswith("NNS"):
        return [span]
    parts, start = [], span.start
    for t in (*span, None):
        if t is None or t.lower_ in ("and", ","):
            end = t.i if t is not None else span.end
            if start < end:
                parts.append(doc[start:end])
            start = end + 1
    return parts


def _in_place_context(span: Span) -> bool:
    """After a locative preposition ("south of Gao"), before a place noun ("the Gao and Menaka regions"), or
    coordinated with a place ("in Kiev and Zaporozhye", "Zaporozhye and Kherson")."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in LOCATIVE_PREPS:
        return True
    root = span.root
    if root.dep_ == "appos" and (root.head.lower_ in PLACE_NOUNS or root.head.lower_ == "capital"):
        return True  # "the regional capital, Banja Luka"
    if root.dep_ == "conj" and root.head.ent_type_ in ("GPE", "LOC") or any(
            c.dep_ == "conj" and c.ent_type_ in ("GPE", "LOC") for c in root.children):
        return True
    nxt = [t for t in doc[span.end:span.end + 4] if not t.is_punct]
    for t in nxt[:3]:
        if t.lower_ in PLACE_NOUNS:
            return True
        if t.lower_ not in ("and", ",") and not t.text[:1].isupper():
            break
    return False


def _mention(span: Span, label: str, origin: str) -> Mention:
    return Mention(span.start_char, span.end_char, span.text, label, origin, tokens=[t.text for t in span])


def _is_cap(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha or tok.is_upper and len(tok) > 1


def find_org_names(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """Organisation names recognised by their head noun.

    ``Russian Volunteer Corps``, ``Freedom of Russia Legion``, ``Ministry of Defence``, ``Siberian battalion``;
    not ``Russian army`` (a demonym and a common noun) nor ``armed forces``.
    """
    spans = []
    for tok in doc:
        low = tok.lower_
        if low not in ORG_HEADS:
            continue
        head_cap = _is_cap(tok) and not (tok.is_sent_start and tok.pos_ != "PROPN")
        if not head_cap and low not in LOWER_ORG_HEADS:
            continue
        sent_start = tok.sent.start
        i = tok.i
        left = i
        j = i - 1
        while j >= sent_start:
            t = doc[j]
            if _is_cap(t) and t.pos_ in ("PROPN", "ADJ", "NOUN") and t.lower_ not in DETERMINERS:
                left = j
                j -= 1
            elif t.lower_ in CONNECTORS and j - 1 >= sent_start and _is_cap(doc[j - 1]) and left == j + 1:
                j -= 1
            elif t.lower_ == "the" and j - 1 >= sent_start and doc[j - 1].lower_ in CONNECTORS and left == j + 1:
                j -= 1
            else:
                break
        right = i + 1
        # "Ministry of Defence", "Party of the Regions"
        k = i + 1
        if k < len(doc) and doc[k].lower_ in CONNECTORS:
            m = k + 1
            if m < len(doc) and doc[m].lower_ == "the":
                m += 1
            n = m
            while n < len(doc) and _is_cap(doc[n]) and doc[n].pos_ in ("PROPN", "ADJ", "NOUN"):
                n += 1
            if n > m and head_cap:
                right = n
        if left == i and right == i + 1:
            continue  # a bare head noun: "the Army", "Police" (NER may still find it)
        if not head_cap:
            modifier = doc[left:i]
            if any(gazetteer.best(t.text, frozenset({"demonym", "country"})) for t in modifier):
                continue  # "Russian army", "Ukrainian battalion": a country's forces, not a unit's name
        elif _own_place_name(doc[left:right].text, gazetteer):
            continue  # "the West Bank" is a place, not a bank
        spans.append(doc[left:right])
    return spans


def _own_place_name(name: str, gazetteer: Gazetteer) -> bool:
    """Whether ``name`` is the own name of a country, an admin-1 unit or a region of the gazetteer."""
    place = gazetteer.best(name, frozenset({"country", "admin1", "region"}))
    return place is not None and place.quality == OWN and name_key(place.name) == name_key(name)


def find_titled_names(doc: Doc) -> list[Span]:
    """People named after a title: "Defence Minister Rustem Umerov", "President Putin", "Col. Ibrahim Maiga"."""
    spans = []
    for tok in doc:
        if tok.lower_ not in TITLES or not tok.text[:1].isupper():
            continue
        j = tok.i + 1
        while j < len(doc) and doc[j].lower_ in TITLES and doc[j].text[:1].isupper():
            j += 1  # "Prime Minister", "Field Marshal"
        k = j
        while k < len(doc) and k - j < 3 and doc[k].pos_ == "PROPN" and _is_cap(doc[k]) \
                and doc[k].lower_ not in TITLES and doc[k].lower_ not in ORG_HEADS:
            k += 1
        if k > j:
            spans.append(doc[j:k])
    return spans


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _is_nominal(tok: Token) -> bool:
    # The small model tags some nouns as adjectives ("the avowed nationalist"): trust the dependency too.
    return tok.pos_ in ("NOUN", "PROPN") or tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr")


def _nickname_owner(doc: Doc, cue_tok: Token, mentions: list[Mention]) -> int | None:
    """Who a nickname or call sign belongs to: the index of the owner's mention, or None for someone new.

    The owner is the noun the cue phrase modifies. When that noun is itself a name, that name; a definite
    description ("the avowed nationalist") points back to the most recent person (or organisation, for "the
    group"); an indefinite one ("a masked fighter") introduces someone new, who takes the nickname as name.
    """
    node = cue_tok
    for _ in range(4):  # nicknamed -> nationalist; sign -> with -> fighter
        if node.dep_ in ("acl", "relcl", "appos") or (node.dep_ == "pobj" and node.head.dep_ == "prep"):
            node = node.head if node.dep_ != "pobj" else node.head.head
            if _is_nominal(node):
                break
        elif node.dep_ in ("compound", "amod", "prep", "pobj", "dobj", "attr", "npadvmod", "oprd"):
            node = node.head
            if _is_nominal(node) and node.i < cue_tok.i:
                break
        else:
            break
    if node.i >= cue_tok.i or not _is_nominal(node):
        # No usable parse: take a name immediately before the cue ("Denis Nikitin, nicknamed ...").
        prev = [k for k, m in enumerate(mentions) if m.end <= cue_tok.idx
                and m.label in ("PERSON", "ORG") and cue_tok.idx - m.end <= 3]
        return prev[-1] if prev else None
    # "Amadou Sissoko, a former customs officer known as ...": the apposition's head is the owner.
    targets = [node.idx] + ([node.head.idx] if node.dep_ == "appos" else [])
    for node_char in targets:
        for k, m in enumerate(mentions):
            if m.start <= node_char < m.end and m.label in ("PERSON", "ORG"):
                return k
    node_char = node.idx
    dets = {c.lower_ for c in node.children if c.dep_ in ("det", "poss")}
    if not dets or dets & {"a", "an", "one", "another"}:
        return None
    # Definite description: the most recent person (or organisation) named before it.
    want = "ORG" if node.lower_ in ORG_HEADS or node.lemma_ in ("group", "unit", "outfit") else "PERSON"
    before = [k for k, m in enumerate(mentions) if m.end <= node_char and m.label == want]
    return before[-1] if before else None


def _credited_person(span: Span) -> bool:
    """A name NER calls an organisation that is the subject of a credit line: two or three capitalised words, none
    an organisation's word, who "contributed to this report" or "reported from" ("VOA's Harouna Traore")."""
    return 2 <= len(span) <= 3 and all(t.is_title and t.is_alpha for t in span) and \
        not any(t.lower_ in ORG_HEADS | LOWER_ORG_HEADS for t in span) and span.root.dep_ == "nsubj" and \
        bool(CREDIT.search(span.sent.text[span.end_char - span.sent.start_char:]))


def _ner_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """spaCy's entities, trimmed, with place labels corrected by the gazetteer (steps 1 and 3)."""
    found: list[Mention] = []
    # Names of two words or more NER calls people; not one that ends in a place noun ("Beledweyne District
    # Commissioner ...": NER's person, a district's name), which would keep "the town of Beledweyne" a person.
    people = [e for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 and e[-1].lower_ not in PLACE_NOUNS]
    person_tokens = {t.lower_ for e in people for t in e}
    surnames = {e[-1].lower_ for e in people}
    for ent, span in ((e, part) for e in doc.ents for part in _coordinated_places(_trim(e))):
        if ent.label_ not in KEEP_LABELS and ent.label_ not in RELABEL_ONLY:
            continue
        if span is None or "\n" in span.text or span.text.lower() in COMPASS_WORDS or len(span.text) < 2 or \
                len(span.text) == 2 and span.text[1] == "." and span.text[0].isupper():
            continue  # (a single letter: "D-Raleigh", a lawmaker's party; "posted on X.", an initial alone)
        m = _mention(span, ent.label_, "ner")
        m.ner_label = ent.label_
        candidates = gazetteer.lookup(span.text)
        best = _prominent(candidates)
        if best is None and len(span) > 1 and span[-1].text in ("County", "Parish"):
            # a county by its name, "County" and all, whatever NER says: "McMinn County Sheriff Joe Guy"
            best = next((c for c in candidates if c.kind == "admin2"), None)
        if m.label in ("GPE", "LOC") and len(span) == 1 and span.text.lower() in surnames and \
                (best is None or best.kind == "city") and not _in_place_context(span):
            m.label, best = "PERSON", None  # "Lincoln lived long enough" in a story about Abraham Lincoln
        if best is not None and m.label == "NORP" and best.kind != "demonym" and span.root.tag_ == "NNP" and \
                not any(c.kind == "demonym" for c in candidates):
            m.label = "GPE"  # "in eastern Aleppo": a proper noun the gazetteer knows only as a place, no people
        if best is not None and m.label != "NORP":
            kind = best.kind
            if m.label == "PERSON":
                relabel = (len(span) == 1 and span.text.lower() not in person_tokens and
                           (kind in ("country", "admin1") or best.population >= PERSON_TO_PLACE_MIN_POPULATION
                            or _in_place_context(span))
                           # "Tamil Nadu said", "McMinn County Sheriff": a country, state or county by its own
                           # name of two words or more; a large city so named where the text says it is a place
                           # ("the regional capital, Banja Luka")
                           or len(span) > 1 and best.quality == OWN and (
                               kind in ("country", "admin1", "admin2") or kind == "city" and
                               best.population >= PERSON_TO_CITY_MIN_POPULATION and _in_place_context(span)))
            else:
                relabel = kind != "demonym" or m.label in RELABEL_ONLY
            if relabel:
                m.label = "NORP" if kind == "demonym" else ("GPE" if kind in ("country", "admin1", "city")
                                                            else "LOC")
                m.country, m.place_kind = best.country, kind
        elif best is not None and best.kind == "demonym":
            m.country, m.place_kind = best.country, "demonym"
        if m.label == "ORG" and best is None and _credited_person(span):
            m.label = "PERSON"  # "VOA's Harouna Traore contributed to this report"
        if m.label in RELABEL_ONLY:
            continue
        if m.label in ("GPE", "LOC") and best is not None and m.country is None:
            m.country, m.place_kind = best.country, best.kind
        found.append(m)
    return found


def _scan_places(doc: Doc, gazetteer: Gazetteer, covered: set[int], countries: frozenset[str]) -> list[Mention]:
    """Places NER missed: runs of capitalised proper nouns that the gazetteer knows (step 4)."""
    found = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.pos_ != "PROPN" or not _is_cap(tok) or tok.idx in covered or tok.lower_ in NOT_PLACES or \
                len(tok) < 2 or \
                tok.lower_ in COMPASS_WORDS and (tok.i + 1 == len(doc) or not _is_cap(doc[tok.i + 1])):
            i += 1
            continue
        j = i
        while j + 1 < len(doc) and j + 1 - i < 3 and doc[j + 1].pos_ == "PROPN" and _is_cap(doc[j + 1]):
            j += 1
        for end in range(j + 1, i, -1):  # the longest known prefix of the run
            span = doc[i:end]
            prep = i > 0 and doc[i - 1].lower_ in LOCATIVE_PREPS
            min_population = SCAN_MIN_POPULATION_AFTER_PREP if prep else SCAN_MIN_POPULATION
            best = gazetteer.best(span.text, frozenset({"country", "region", "admin1", "city"}), countries,
                                  min_city_population=min_population)
            if best is None:
                continue
            m = _mention(span, "GPE", "gazetteer")
            m.country, m.place_kind = best.country, best.kind
            found.append(m)
            break
        i = j + 1
    return found


def _datelines(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Places of datelines inside the text (after a headline, at a paragraph's start) that the gazetteer knows
    as a town, a state or a country; NER often takes them for organisations."""
    found = []
    text = doc_text(doc)
    for m in DATELINE_IN_TEXT.finditer(text):
        name = m.group("place")
        if len(name.replace(" ", "")) < 3 or name in NOT_DATELINES:
            continue
        best = gazetteer.best(name.title(), frozenset({"country", "admin1", "city"}))
        span = doc.char_span(m.start("place"), m.end("place"), alignment_mode="expand")
        if best is None or span is None:
            continue
        mention = _mention(span, "GPE", "dateline")
        mention.country, mention.place_kind = best.country, best.kind
        found.append(mention)
    return found


def _acronym_definitions(text: str, names: list[Mention]) -> list[Mention]:
    """Acronyms defined in parentheses right after a multi-word name: "Russian Volunteer Corps (RDK)"."""
    found = []
    for m in names:
        if len(m.tokens) < 2:
            continue
        am = ACRONYM_AFTER.match(text, m.end)
        if am:
            s, e = am.span("acr")
            found.append(Mention(s, e, am.group("acr"), m.label, "acronym", tokens=[am.group("acr")]))
    return found


def _nicknames(doc: Doc) -> list[Mention]:
    """Nicknames and call signs, each with the token index of its cue (its owner is found later)."""
    text = doc_text(doc)
    found = []
    for cm in NICKNAME_CUE.finditer(text):
        vm = NICKNAME_VALUE.match(text, cm.end())
        if not vm:
            continue
        s, e = vm.span("quoted" if vm.group("quoted") else "bare")
        value = text[s:e].strip()
        if not value or value.lower() in DETERMINERS:
            continue
        cue_span = doc.char_span(cm.start("cue"), cm.end("cue"), alignment_mode="expand")
        if cue_span is None:
            continue
        cue_tok = cue_span[-1] if cue_span[-1].lower_ in ("sign", "name", "guerre") else cue_span[0]
        found.append(Mention(s, s + len(value), value, "PERSON", "nickname", tokens=value.split(), cue=cue_tok.i))
    return found


def _settle_overlaps(found: list[Mention]) -> list[Mention]:
    """Keep non-overlapping mentions: higher priority first, then longer, then earlier; in text order."""
    kept: list[Mention] = []
    for m in sorted(found, key=lambda m: (-PRIORITY[m.origin], -(m.end - m.start), m.start)):
        if not any(_overlaps(m, o) for o in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def find_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Every name in ``doc`` with its label and origin, non-overlapping, in text order."""
    found = _ner_mentions(doc, gazetteer)

    # Cities named in a story about a country are that country's: "Gao" with "Malian" and "Bamako" is in Mali.
    story_countries = frozenset(m.country for m in found if m.country and m.place_kind in ("country", "demonym"))
    for m in found:
        if m.place_kind in ("city", "admin1"):
            best = gazetteer.best(m.text, frozenset({"city", "admin1"}), story_countries,
                                  min_city_population=RELABEL_MIN_CITY_POPULATION)
            if best is not None:
                m.country, m.place_kind = best.country, best.kind

    found += [_mention(span, "ORG", "pattern") for span in find_org_names(doc, gazetteer)]
    # "President Biden" is a person; "Governor of Texas" is not a name.
    found += [_mention(span, "PERSON", "pattern") for span in find_titled_names(doc)
              if not _prominent(gazetteer.lookup(span.text))]
    found += _datelines(doc, gazetteer)
    found += _scan_places(doc, gazetteer, {i for m in found for i in range(m.start, m.end)}, story_countries)
    # Armed groups by name, unless NER took them in a longer organisation's name ("The Islamic State of Iraq and
    # Al-Sham" is not "Islamic State" and the country Iraq).
    longer = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "ORG"]
    found += [_mention(span, "ORG", "pattern") for s, e in _armed_group_names(doc_text(doc))
              if (span := doc.char_span(s, e)) is not None and
              not any(a <= s and e <= b and b - a > e - s for a, b in longer)]
    found += _acronym_definitions(doc_text(doc), found)
    found += _nicknames(doc)
    kept = _join_particles(doc, _settle_overlaps(found))
    kept = sorted(kept + _repeated_names(doc, kept, gazetteer), key=lambda m: m.start)

    # Link acronyms to the name before them, nicknames to their owner.
    for idx, m in enumerate(kept):
        if m.origin == "acronym":
            owner = [k for k in range(idx) if kept[k].end <= m.start and m.start - kept[k].end <= 3]
            if owner:
                m.link = owner[-1]
                m.label = kept[owner[-1]].label
        elif m.origin == "nickname" and m.cue is not None:
            m.link = _nickname_owner(doc, doc[m.cue], kept[:idx])
            if m.link is not None:
                m.label = kept[m.link].label
    _link_also_known_as(doc_text(doc), kept)
    return kept


# A name's particle and the name it joins: "Bashar al-Assad", "Mohammed Shia al-Sudani", "Osama bin Laden".
_PARTICLE_NAME = re.compile(r" (?:al|el|Al|El|bin|Bin|ibn|Ibn|bint|abu|Abu|ould|Ould|ag|Ag)[- ][A-Z][\w'’-]+")
# The second syllable of a hyphenated Korean or Chinese given name, which NER cuts off: "Tsai Ing-wen", "Moon Jae-in"
# (a short capitalised syllable, a hyphen and a short lower-case one; not "Trump-era" or "Biden-led").
_GIVEN_NAME_TAIL = re.compile(r"-[a-z]{1,4}\b(?!-)")
_SYLLABLE = re.compile(r"[A-Z][a-z]{1,3}")
# "Islamic State, also known as IS or ISIS", "the Return, Reclamation, Rehabilitation, known as 3R".
_AKA = re.compile(r"\s*,?\s*\(?\s*(?:also |otherwise |better |commonly |more commonly )?(?:known|referred to) as\s*$",
                  re.IGNORECASE)
_AKA_MORE = re.compile(r"\s*(?:,|or|and|/|, or|, and)\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def armed_groups() -> dict[str, str]:
    """Every name of ``data/armed_groups.tsv`` (as grouping keys) -> the group's first name."""
    return {fold_accents(name_key(form)): name for name, forms, _ in data.armed_groups() for form in forms}


def _armed_group_names(text: str) -> list[tuple[int, int]]:
    """Where the text names an armed group of ``data/armed_groups.tsv`` by a form of three letters or more, as
    written ("Daesh", "al-Shabaab", "Islamic State"), which NER often misses or cuts ("Islamic")."""
    forms = _armed_group_forms()
    return [(m.start(), m.end()) for m in forms.finditer(text)] if forms else []


@lru_cache(maxsize=1)
def _armed_group_forms() -> re.Pattern | None:
    forms = {form for _, group, _ in data.armed_groups() for form in group if len(form) >= 3}
    if not forms:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) +
                      r")(?![\w-])")


def _join_particles(doc: Doc, kept: list[Mention]) -> list[Mention]:
    """A person's name runs on over a particle and the name after it, which NER often cuts off or takes for a name
    of its own ("Bashar" and "al-Assad" are "Bashar al-Assad")."""
    text = doc_text(doc)
    out: list[Mention] = []
    for m in kept:
        if out and out[-1].label == "PERSON" and out[-1].origin in ("ner", "pattern") and \
                _PARTICLE_NAME.fullmatch(text[out[-1].end:m.end]):
            prev = out.pop()  # the particle name was found as a mention of its own: the two are one
            m = _mention(doc.char_span(prev.start, m.end, alignment_mode="expand"), "PERSON", prev.origin)
        elif m.label == "PERSON" and m.origin in ("ner", "pattern") and " " in m.text and \
                _SYLLABLE.fullmatch(m.text.rsplit(" ", 1)[-1]) and (tail := _GIVEN_NAME_TAIL.match(text, m.end)):
            span = doc.char_span(m.start, tail.end(), alignment_mode="expand")
            if span is not None:
                m = _mention(span, "PERSON", m.origin)
        elif m.label == "PERSON" and m.origin in ("ner", "pattern"):
            run = _PARTICLE_NAME.match(text, m.end)
            if run and not any(o.start < run.end() and m.end < o.end for o in kept if o is not m):
                span = doc.char_span(m.start, run.end(), alignment_mode="expand")
                if span is not None:
                    m = _mention(span, "PERSON", m.origin)
        out.append(m)
    return out


def _repeated_names(doc: Doc, kept: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A name NER found once, told again where it missed it: "Trump met with Kim" after "President Donald Trump"
    (the tagger reads a surname that opens a sentence as a common noun), "ICE deported 177 detainees" after
    "Immigration and Customs Enforcement (ICE)". A capitalised word that is a person's surname or a one-word name of
    a person or organisation found elsewhere, outside every mention, not beside another capitalised word (inside
    the sentence: "Ivanka Trump" is another name), never written in lower case in the story and no prominent place
    ("Alexandria" may be a person once and the city after); its label is the name's, and it does not vote on the
    entity's type (origin ``repeat``)."""
    names: dict[str, str] = {}
    for m in kept:
        if m.label not in ("PERSON", "ORG") or m.origin not in ("ner", "pattern"):
            continue
        words = m.text.split()
        if len(words) == 1:
            names.setdefault(words[0], m.label)
        elif m.label == "PERSON":
            names.setdefault(words[-1], "PERSON")
    names = {w: label for w, label in names.items() if len(w) >= 3 and w[:1].isupper() and w.isalpha() and
             _prominent(gazetteer.lookup(w)) is None}
    if not names:
        return []
    text = doc_text(doc)
    written_lower = set(re.findall(r"\b(?:" + "|".join(re.escape(w.lower()) for w in names) + r")\b", text))
    names = {w: label for w, label in names.items() if w.lower() not in written_lower}
    if not names:
        return []
    covered = {i for m in kept for i in range(m.start, m.end)}
    out = []
    # the names' occurrences, found in the text rather than by reading every token
    for found in re.finditer(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b", text):
        if found.start() in covered:
            continue
        span = doc.char_span(found.start(), found.end())
        if span is None or len(span) != 1:
            continue
        tok, label = span[0], names[found.group()]
        before = doc[tok.i - 1] if tok.i > 0 and not tok.is_sent_start else None
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if before is not None and _is_cap(before) or after is not None and _is_cap(after) and \
                not after.is_sent_start:
            continue
        out.append(_mention(doc[tok.i:tok.i + 1], label, "repeat"))
    return out


def _link_also_known_as(text: str, kept: list[Mention]) -> None:
    """Names given as another's other names are its aliases: "Islamic State, also known as IS or ISIS"."""
    chained = False
    for idx in range(1, len(kept)):
        m, prev = kept[idx], kept[idx - 1]
        between = text[prev.end:m.start]
        if _AKA.fullmatch(between):
            owner = prev.link if prev.link is not None else idx - 1
        elif chained and prev.link is not None and _AKA_MORE.fullmatch(between):
            owner = prev.link
        else:
            chained = False
            continue
        if m.link is None:
            m.link = owner
            m.label = kept[owner].label
        chained = True
