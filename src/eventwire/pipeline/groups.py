"""Unnamed actors: the gunmen, troops, police and protesters that news reports act without naming them.

A noun phrase is an unnamed actor when its head (or a compound before it: "a Malian army convoy" → army) is an
agent noun of the PLOVER/CAMEO agents dictionary with a sector (``gunmen`` → UAF, ``troops`` → MIL, ``police``
→ COP, ``protesters`` → CVL) and no named entity covers it. Each becomes a ``GROUP`` entity with that sector and
the country its modifiers give ("Malian army" → MLI); mentions with the same head word and country are one
entity ("the police" ... "police" ...). Nouns that stand for the story's own armed group ("the fighters", "the
group", "militants") are left to the quotes and events stages, which resolve them to that group.

>>> from eventwire.pipeline.nlp import load_spacy
>>> nlp = load_spacy()
>>> [(g.name, g.sector) for g in find_groups(nlp("Gunmen ambushed a Malian army convoy."), [], None)]
[('Gunmen', 'UAF'), ('Malian army', 'MIL')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Entity
from ..ontologies import agents, word_class
from .actors import country_named
from .nlp import doc_text
from .quotes import main_organisation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..geo import Gazetteer

ARMED_GROUP_NOUNS = word_class("ARMED_GROUP_NOUNS")
GROUP_NOUNS = word_class("GROUP_NOUNS")
WEAK_CODES = word_class("WEAK_CODES")
VICTIM_NOUNS = word_class("VICTIM_NOUNS")
TARGET_NOUNS = word_class("TARGET_NOUNS")

TOO_VAGUE = word_class("VAGUE_AGENTS")
COLLECTIVE = word_class("BODY_NOUNS")
ARMED_ONE = word_class("ARMED_ONE")


def _sector(lemma: str) -> str | None:
    codes = [c for c in agents().get(lemma, ()) if c not in WEAK_CODES]
    return codes[0] if codes else "CVL" if lemma in VICTIM_NOUNS else None


def _armed_one(tok: Token) -> bool:
    """ "a gunman", "the attacker", "a suicide bomber": one armed person, an actor although singular (where the story
    names no armed group; "the attackers" are left to the events stage, which reads them as that group)."""
    return tok.tag_ == "NN" and (tok.lemma_.lower() in ARMED_ONE or tok.lemma_.lower() == "bomber" and any(
        c.lower_ == "suicide" for c in tok.children if c.dep_ in ("compound", "amod")))


def _capitalised_noun(tok: Token) -> bool:
    """A common noun the tagger took for a name because it opens the sentence ("Rebels attacked the town")."""
    return tok.pos_ == "PROPN" and tok.is_sent_start and not tok.ent_type_ and tok.text[:1].isupper() and \
        tok.text[1:].islower()


def _lemma(tok: Token) -> str:
    """The noun's lemma, lower case; for a capitalised common noun the agent word it is a plural of."""
    if _capitalised_noun(tok):
        word = tok.lower_
        return word[:-1] if word.endswith("s") and word[:-1] in agents() else word
    return tok.lemma_.lower()


def _agent_head(tok: Token, armed_nouns: frozenset[str] = frozenset()) -> Token | None:
    """The agent noun of a phrase headed by ``tok``: itself, or a compound before it ("army convoy"). Nouns of the
    story's own group are left out, but for ``armed_nouns`` ("militants" where the story names no armed group)."""
    if (tok.pos_ != "NOUN" and not _capitalised_noun(tok)) or _lemma(tok) in TOO_VAGUE:
        return None
    of_a_group = _lemma(tok) in GROUP_NOUNS or tok.lower_ in GROUP_NOUNS  # "a militant group": the group
    # "an army convoy": the army; "a military convoy": the military, as an adjective before a thing attacked
    before = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN" or
              c.dep_ == "amod" and c.pos_ == "ADJ" and tok.lower_ in TARGET_NOUNS]
    for cand in (tok, *before):
        lemma = _lemma(cand)
        if (lemma in GROUP_NOUNS or cand.lower_ in GROUP_NOUNS) and cand.lower_ not in armed_nouns or \
                lemma in TOO_VAGUE:
            continue
        # a plural or a body ("troops", "the army"); before another noun, also a singular ("a passenger train",
        # "a student protest": its passengers, its students)
        many = cand.tag_ in ("NNS", "NNPS") or lemma in COLLECTIVE or cand.i != tok.i and not of_a_group
        # "a gunman" as "militants": an actor of its own where the story names no armed group
        if many and (_sector(lemma) or _sector(cand.lower_)) or cand.i == tok.i and armed_nouns and _armed_one(cand):
            return cand
    if tok.tag_ in ("NNS", "NNPS") and _phrase_sector(tok):
        return tok  # "security forces", "government forces": the dictionary's two-word agent
    return None


def _phrase_sector(tok: Token) -> str | None:
    """The sector of a two-word agent the dictionary lists, the word before the noun and the noun ("security
    forces" → security force, COP; "armed forces", MIL), where the noun alone has none."""
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    if before is None or before.head.i != tok.i or before.dep_ not in ("compound", "amod"):
        return None
    return next((code for head in (_lemma(tok), tok.lower_) if (code := _sector(f"{before.lower_} {head}"))), None)


def find_groups(doc: Doc, entities: list[Entity], gazetteer: Gazetteer | None) -> list[Entity]:
    """``GROUP`` entities for the unnamed actors of ``doc``, numbered after ``entities``."""
    taken = {i for e in entities for s, t in e.mentions for i in range(s, t)}
    country_of = {i: e.country for e in entities if e.country and e.type in ("NORP", "GPE")
                  for s, t in e.mentions for i in range(s, t)}
    found: dict[tuple[str, str | None, tuple[str, ...]], dict] = {}
    text = doc_text(doc)
    seen: set[int] = set()
    # "Militants attacked a train": with no armed group named in the story, the militants are an actor of their own
    # rather than nobody (where one is named, the events stage reads them as that group).
    armed_nouns = ARMED_GROUP_NOUNS if main_organisation(entities, armed=True) is None else frozenset()
    for tok in doc:
        if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
            continue  # read with the phrase it modifies ("army" in "army convoy")
        head = _agent_head(tok, armed_nouns)
        if head is None or head.idx in taken or head.i in seen:
            continue
        seen.add(head.i)
        # Modifiers of the agent noun, and of the phrase it is a compound in ("a Malian army convoy").
        modifiers = [c for c in (*head.lefts, *(tok.lefts if tok.i != head.i else ()))
                     if c.dep_ in ("amod", "compound", "nmod") and head.i - 3 <= c.i < head.i]
        country = next((country_of[c.idx] for c in modifiers if c.idx in country_of), None)
        if country is None and gazetteer is not None:
            country = country_named((c.text for c in modifiers), gazetteer)
        # (a capital anywhere: "3R rebels", "M23 rebels")
        named = [c for c in modifiers if c.idx in country_of or any(ch.isupper() for ch in c.text)]
        start = min([head.idx] + [c.idx for c in named])
        end = head.idx + len(head)
        lemma = _lemma(head)
        # a name of its own other than a country's keeps a group apart: "Republican lawmakers", "U.S. lawmakers"
        own = tuple(c.lower_ for c in named if c.idx not in country_of and c.idx in taken)
        group = found.setdefault((lemma, country, own), {
            "name": text[start:end], "mentions": [], "country": country,
            "sector": _sector(lemma) or _sector(head.lower_) or _phrase_sector(head) or
            ("UAF" if _armed_one(head) else None)})
        group["mentions"].append((start, end))
    # "the army" told after "a Malian army": the same group, when only one group of that kind has a country.
    for (lemma, country, own), g in list(found.items()):
        if country is None and not own:
            owners = [k for k in found if k[0] == lemma and k[1] is not None]
            if len(owners) == 1:
                found[owners[0]]["mentions"] += g["mentions"]
                del found[(lemma, country, own)]
    # "the girls" told after "schoolgirls": the same group, when one word names it whole and ends in the other
    # (not "the fighters" after "firefighters": an armed noun; not "men" after "gunmen": too short)
    for (lemma, country, own), g in list(found.items()):
        if len(lemma) < 4 or own or lemma + "s" in ARMED_GROUP_NOUNS or lemma in ARMED_GROUP_NOUNS:
            continue
        owners = [k for k in found if " " not in k[0] and len(k[0]) >= len(lemma) + 3 and k[0].endswith(lemma)
                  and country in (None, k[1])]
        if len(owners) == 1:
            found[owners[0]]["mentions"] += g["mentions"]
            del found[(lemma, country, own)]
    out = []
    for n, g in enumerate(found.values(), start=len(entities) + 1):
        out.append(Entity(id=f"E{n}", name=g["name"], type="GROUP", aliases=[], mentions=sorted(g["mentions"]),
                          country=g["country"], sector=g["sector"]))
    return out


def join_named(entities: list[Entity], groups: list[Entity]) -> list[Entity]:
    """``entities`` and ``groups`` as one list, a group that is a named entity written in another case ("the Indian
    navy" beside NER's "Indian Navy") joined to it, the other groups numbered after the entities."""
    named = {" ".join(n.lower().split()): i for i, e in enumerate(entities) for n in (e.name, *e.aliases)}
    out = list(entities)
    kept = []
    for g in groups:
        i = named.get(" ".join(g.name.lower().split()))
        if i is None:
            kept.append(g)
        else:
            out[i] = out[i].model_copy(update={"mentions": sorted({*map(tuple, out[i].mentions),
                                                                   *map(tuple, g.mentions)})})
    return out + [g.model_copy(update={"id": f"E{n}"}) for n, g in enumerate(kept, start=len(entities) + 1)]

