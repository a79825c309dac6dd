"""One entity per real-world referent: grouping name mentions in one story.

Rules, in the order they are tried for each mention (in text order):

1. an explicit link found by :mod:`~eventwire.pipeline.mentions`: an acronym defined in parentheses
   (``Russian Volunteer Corps (RDK)``, whatever its letters: RDK, LSR and FSB are transliterations that
   Schwartz–Hearst initial matching misses) or a nickname or call sign (``nicknamed "White Rex"``);
2. the same name again, compared case-insensitively without ``the`` or a possessive; countries by ISO code
   (``US`` = ``United States``), demonyms by country (``Russian`` = ``Russians``);
3. a surname, or a title and surname (``Nikitin``, ``President Putin``), of a person named in full;
4. an acronym whose letters are the initials of an organisation named in full (``ICC``), stops or not (``U.N.``),
   before or after it;
5. names of one armed group in ``data/armed_groups.tsv`` (``Islamic State``, ``ISIS``, ``Daesh``), which are an
   organisation whatever NER calls them (``Boko Haram`` is no person).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..geo.build import fold_accents
from ..geo.gazetteer import name_key
from ..model import Entity
from ..ontologies import word_class
from .mentions import Mention, armed_groups

TITLES = word_class("TITLES")

# How much each way of finding a mention counts when the mentions of one entity disagree on its type.
LABEL_WEIGHT = {"pattern": 2.0, "dateline": 2.0, "ner": 1.0, "gazetteer": 1.0, "nickname": 0.5, "acronym": 0.0,
                "repeat": 0.0}
NAME_ORIGINS = ("ner", "pattern", "gazetteer", "dateline", "repeat")
_CONNECTORS = {"of", "for", "the", "and", "de", "du", "al", "el", "&"}


def strip_title(tokens: list[str]) -> list[str]:
    """Drop titles before a name: ['President', 'Vladimir', 'Putin'] -> ['Vladimir', 'Putin']."""
    i = 0
    while i < len(tokens) - 1 and tokens[i].lower() in TITLES:
        i += 1
    return tokens[i:]


def _bare(token: str) -> str:
    """A surname compared without case, accents, its Arabic article or the kind of its apostrophes: "al-Assad" is
    "Assad", "Moïse" "Moise", "Al-Rufay'i" "al-Rufay’i"."""
    return re.sub(r"^(?:al|el)[-‐]", "", fold_accents(name_key(token)))


def _acronym(text: str) -> str | None:
    """The letters of an acronym, with or without stops ("U.N." and "UN" are "UN"); None for another name."""
    letters = text.replace(".", "")
    return letters if text.isupper() and letters.isalpha() and 2 <= len(letters) <= 8 else None


def initials(name: str) -> str:
    """Initials of a multi-word name, connectors skipped: 'International Criminal Court' -> 'ICC'."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in _CONNECTORS]
    return "".join(w[0] for w in words if w[:1].isalpha()).upper()


@dataclass
class _Cluster:
    members: list[int] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    person_tokens: list[str] = field(default_factory=list)  # the fullest person name, split


def _key(m: Mention) -> str:
    if m.place_kind == "demonym" and m.country:
        return f"demonym:{m.country}"
    if m.place_kind == "country" and m.country and m.label == "GPE":
        return f"country:{m.country}"
    if m.label == "PERSON":
        return fold_accents(name_key(" ".join(strip_title(m.text.split()))))
    return fold_accents(name_key(m.text))


def group_mentions(mentions: list[Mention]) -> list[Entity]:
    """Group mentions into entities, each with its fullest name, type, aliases and every mention's offsets."""
    clusters: list[_Cluster] = []
    cluster_of: dict[int, int] = {}
    by_key: dict[str, int] = {}

    def surname_owner(m: Mention) -> int | None:
        # A GPE too: "Maiga told reporters" after "Colonel Ibrahim Maiga" (Maiga is also a town).
        if m.label not in ("PERSON", "ORG", "GPE") or m.origin not in NAME_ORIGINS or m.place_kind == "country":
            return None
        toks = strip_title(m.text.split())
        if not toks or len(toks) > 2:
            return None
        for c in reversed(range(len(clusters))):
            full = clusters[c].person_tokens
            if len(full) > len(toks) and [_bare(t) for t in full[-len(toks):]] == [_bare(t) for t in toks]:
                return c
        return None

    def acronym_owner(m: Mention) -> int | None:
        letters = _acronym(m.text)
        if letters is None:
            return None
        for c in reversed(range(len(clusters))):
            for k in clusters[c].members:
                other = mentions[k]
                if other.label in ("ORG", "GPE", "FAC") and len(other.tokens) > 1 and initials(other.text) == letters:
                    return c
        return None

    for i, m in enumerate(mentions):
        key = _key(m)
        c = cluster_of.get(m.link) if m.link is not None else None
        if c is None:
            c = by_key.get(key)
        if c is None:
            c = surname_owner(m)
        if c is None:
            c = acronym_owner(m)
        if c is None:
            clusters.append(_Cluster())
            c = len(clusters) - 1
        cl = clusters[c]
        cl.members.append(i)
        cl.keys.add(key)
        by_key.setdefault(key, c)
        cluster_of[i] = c
        if m.label == "PERSON" and m.origin in NAME_ORIGINS:
            toks = strip_title(m.text.split())
            if len(toks) > len(cl.person_tokens):
                cl.person_tokens = toks

    # A surname seen before the full name ("Nikitin" in a headline, "Denis Nikitin" later).
    merged: dict[int, int] = {}
    for c, cl in enumerate(clusters):
        if len(cl.person_tokens) != 1 or any(mentions[k].link is not None for k in cl.members):
            continue
        last = _bare(cl.person_tokens[0])
        for d in range(c + 1, len(clusters)):
            full = clusters[d].person_tokens
            if len(full) > 1 and _bare(full[-1]) == last:
                merged[c] = d
                break
    # An acronym seen before the name it stands for ("The U.N. said ... the United Nations would").
    for c, cl in enumerate(clusters):
        if c in merged or not cl.members:
            continue
        letters = {_acronym(mentions[k].text) for k in cl.members}
        if len(letters) != 1 or None in letters:
            continue
        for d in range(c + 1, len(clusters)):
            if any(mentions[k].label in ("ORG", "GPE", "FAC") and len(mentions[k].tokens) > 1 and
                   initials(mentions[k].text) in letters for k in clusters[d].members):
                merged[c] = d
                break
    for c, d in merged.items():
        clusters[d].members = sorted(clusters[d].members + clusters[c].members)
        clusters[c].members = []
    # Names of one armed group ("Islamic State" and "Daesh") are one entity.
    groups = armed_groups()
    first: dict[str, int] = {}
    for c, cl in enumerate(clusters):
        names = {groups.get(_key(mentions[k])) for k in cl.members} - {None}
        if len(names) != 1 or not cl.members:
            continue
        name = names.pop()
        if name in first:
            owner = clusters[first[name]]
            owner.members = sorted(owner.members + cl.members)
            cl.members = []
        else:
            first[name] = c

    entities = []
    for cl in clusters:
        if not cl.members:
            continue
        ms = [mentions[k] for k in cl.members]
        entities.append(_entity(ms, cl))
    entities.sort(key=lambda e: e.mentions[0][0])
    return [e.model_copy(update={"id": f"E{n}"}) for n, e in enumerate(entities, start=1)]


def _entity(ms: list[Mention], cl: _Cluster) -> Entity:
    votes: Counter[str] = Counter()
    for m in ms:
        votes[m.label] += LABEL_WEIGHT[m.origin]
    if len(cl.person_tokens) > 1:
        label = "PERSON"
    elif votes and max(votes.values()) > 0:
        label = max(votes, key=lambda lab: (votes[lab], lab == "GPE"))
    else:
        label = ms[0].label
    places = sum(m.label in ("GPE", "LOC") and m.place_kind is not None and m.ner_label not in ("ORG", "PERSON")
                 for m in ms)
    if label == "PERSON" and len(cl.person_tokens) <= 1 and places >= 2 and 3 * places >= len(ms) and \
            all(m.origin == "ner" for m in ms if m.label == "PERSON"):
        # NER's person by one word, which is a place the gazetteer knows in a third of its mentions or more (not
        # counting those NER took for a person or an organisation), with no first name or title anywhere:
        # "Alexandria police", "originated in Alexandria"; not "Robertson said"
        label = "GPE"
    if label not in ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"):
        label = "ORG"
    if len(cl.person_tokens) <= 2 and any(_key(m) in armed_groups() for m in ms):
        label = "ORG"  # an armed group, whatever NER says: "Boko Haram fighters", "Al-Shabab said"

    named = [m for m in ms if m.origin in NAME_ORIGINS] or ms
    if label == "PERSON" and len(cl.person_tokens) > 1:
        name = " ".join(cl.person_tokens)
    else:
        best = max(named, key=lambda m: (len(m.text), sum(w[:1].isupper() for w in m.text.split()), -m.start))
        name = best.text
    if label == "NORP":
        name = min((m.text for m in named), key=len)  # "Russian", not "Russians"
    if any(m.place_kind == "country" for m in ms):
        name = max((m.text for m in ms if m.place_kind == "country"),
                   key=lambda t: (not t.isupper(), len(t)))  # "United States" over "US"

    seen = {name.casefold()}
    aliases = []
    for m in ms:
        form = " ".join(strip_title(m.text.split())) if label == "PERSON" else m.text
        if form.casefold() not in seen:
            seen.add(form.casefold())
            aliases.append(form)
    country = next((m.country for m in ms if m.country), None) if label in ("GPE", "LOC", "NORP") else None
    return Entity(id="", name=name, type=label, aliases=aliases, mentions=[(m.start, m.end) for m in ms],
                  country=country)
