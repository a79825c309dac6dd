"""Actors across stories: one id for the same group or person whatever the story calls it.

Each named actor or recipient of a stored event is looked up in the registry by its *keys*: its name and its
aliases in the story (acronyms, "also known as" names), each reduced to a spelling skeleton so that transliterations
meet ("Zelenskyy", "Zelensky", "Zelenskiy"; "al-Sudani" and "Sudani"; "al-Shabaab" and "Al-Shabab"). A key is one of
a kind of actor (person, organisation, place), so a person and a group never share an id. The registry is seeded
with the armed groups of ``data/armed_groups.tsv`` and their other names ("Islamic State", "IS", "ISIS", "ISIL",
"Daesh") and grows from stories: an entity whose keys are new opens an actor; one whose key is known takes that
actor's id and adds its other keys to it. Unnamed groups ("gunmen", "police") get no id: the police of two towns are
not one actor.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from .. import data
from ..geo.build import fold_accents
from ..model import Entity
from .db import forget_numbering, insert_numbered
from .driver import Prepared, insert_rows
from .schema import actor_keys, actors, event_parties

KINDS = {"PERSON": "P", "ORG": "O", "NORP": "O", "GPE": "L", "LOC": "L", "FAC": "L"}
_PARTICLES = frozenset(("al", "el", "the"))
_RULES = [("iy", "i"), ("yy", "y"), ("ph", "f"), ("kh", "h"), ("dh", "d"), ("ou", "u"), ("q", "k"), ("ee", "i"),
          ("aa", "a"), ("oo", "u")]


def skeleton(name: str) -> str:
    """A name's spelling skeleton: accents, case, particles, doubled letters and common transliteration choices
    folded away.

    >>> {skeleton(n) for n in ("Zelenskyy", "Zelensky", "Zelenskiy")}
    {'zelenski'}
    >>> skeleton("al-Shabaab") == skeleton("Al-Shabab") == skeleton("Shabab")
    True
    >>> skeleton("Mohammed Shia al-Sudani") == skeleton("Muhammad Shia al Sudani")
    False
    """
    text = re.sub(r"[’'`ʼ.]", "", fold_accents(name).casefold())
    words = [w for w in re.split(r"[\s-]+", text) if w and w not in _PARTICLES]
    out = []
    for w in words:
        w = re.sub(r"[^a-z0-9]", "", w)
        for a, b in _RULES:
            w = w.replace(a, b)
        w = re.sub(r"(.)\1+", r"\1", w)
        if len(w) > 3 and w.endswith("y"):
            w = w[:-1] + "i"
        if w:
            out.append(w)
    return " ".join(out)


def keys(entity: Entity) -> list[str]:
    """The registry keys of a named entity (none for an unnamed group): its name and its aliases, as skeletons
    prefixed by the kind of actor. A person's one-word alias (a surname) is no key: it would join strangers."""
    kind = KINDS.get(entity.type)
    if kind is None:
        return []
    forms = [entity.name] + [a for a in entity.aliases if kind != "P" or len(a.split()) > 1]
    out = []
    for form in forms:
        sk = skeleton(form)
        if sk and f"{kind}:{sk}" not in out:
            out.append(f"{kind}:{sk}")
    return out


@lru_cache(maxsize=1)
def seeds() -> tuple[tuple[str, tuple[str, ...], str | None], ...]:
    """The armed groups of ``data/armed_groups.tsv``: name, every key, country."""
    return tuple((g.name, tuple(dict.fromkeys(f"O:{skeleton(f)}" for f in g.forms if skeleton(f))), g.country)
                 for g in data.armed_groups())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def seed(conn: Connection) -> int:
    """Put the seed groups in the registry (once; a group already there keeps its id). Returns the actors added."""
    added = 0
    for name, group_keys, country in seeds():
        held = conn.execute(select(actor_keys.c.key).where(actor_keys.c.key.in_(group_keys))).first()
        if held is None:
            added += _create(conn, name, "ORG", country, None, group_keys, "seed") is not None
    return added


# Built once: every story with named parties runs them (see eventwire.store).
_GIVE_COUNTRY = Prepared(update(actors).where(actors.c.id == bindparam("b_id"), actors.c.country.is_(None))
                         .values(country=bindparam("b_country")))
_ACTORS_OF_KEYS = Prepared(select(actor_keys.c.key, actor_keys.c.actor_id).where(
    actor_keys.c.key.in_(bindparam("b_keys", expanding=True))))


def _add_keys(conn: Connection, actor_id: int, new_keys, source: str) -> None:
    """Give keys to an actor; a key another writer gave away first stays with that actor (no error, no steal)."""
    insert_rows(conn, actor_keys, [{"key": k, "actor_id": actor_id, "source": source} for k in new_keys],
                skip_conflict_on="key")


def _create(conn: Connection, name: str, kind: str, country: str | None, sector: str | None, new_keys, source: str
            ) -> int:
    """A new actor with these keys; if a concurrent writer took its first key meanwhile, that writer's actor."""
    actor_id = conn.execute(insert(actors).values(name=name, type=kind, country=country, sector=sector,
                                                  created_at=_now()).returning(actors.c.id)).scalar_one()
    forget_numbering(conn, actors)
    _add_keys(conn, actor_id, new_keys, source)
    owner = conn.execute(select(actor_keys.c.actor_id).where(actor_keys.c.key == new_keys[0])).scalar_one()
    if owner != actor_id:  # lost the race: give up this actor, keep the other
        conn.execute(delete(actor_keys).where(actor_keys.c.actor_id == actor_id))
        conn.execute(delete(actors).where(actors.c.id == actor_id))
    return owner


def resolve(conn: Connection, entities: list[Entity]) -> dict[str, int]:
    """The actor id of each named entity (entity id -> actor id), opening actors and adding keys as needed.

    Entities are taken in order: one whose key is known (in the store, or from an entity before it) takes the actor
    of its first known key and gives that actor its unknown keys; one whose keys are all new opens an actor. The
    work is a few statements for the whole list, however long.
    """
    wanted = [(e, ks) for e in entities if (ks := keys(e))]
    if not wanted:
        return {}
    known: dict[str, int] = dict(_ACTORS_OF_KEYS.run(conn, {"b_keys": sorted({k for _, ks in wanted for k in ks})})
                                 .all())
    # An actor is ("old", id) or ("new", index into opened) until the opened ones have ids.
    of_key: dict[str, tuple[str, int]] = {k: ("old", a) for k, a in known.items()}
    opened: list[dict[str, Any]] = []
    given: list[tuple[str, tuple[str, int]]] = []  # (key, actor) to insert
    countries: dict[int, str] = {}
    chosen: dict[str, tuple[str, int]] = {}
    for entity, ks in wanted:
        held = next((of_key[k] for k in ks if k in of_key), None)
        if held is None:
            held = ("new", len(opened))
            opened.append({"name": entity.name, "type": entity.type, "country": entity.country,
                           "sector": entity.sector, "created_at": _now()})
        elif entity.country:  # an actor first seen without its country learns it
            if held[0] == "new":
                opened[held[1]]["country"] = opened[held[1]]["country"] or entity.country
            else:
                countries.setdefault(held[1], entity.country)
        for k in ks:
            if k not in of_key:
                of_key[k] = held
                given.append((k, held))
        chosen[entity.id] = held
    ids = insert_numbered(conn, actors, opened, "id")

    def actor_id(ref: tuple[str, int]) -> int:
        return ids[ref[1]] if ref[0] == "new" else ref[1]

    if given:
        insert_rows(conn, actor_keys, [{"key": k, "actor_id": actor_id(ref), "source": "story"} for k, ref in given],
                    skip_conflict_on="key")
    if opened:  # a concurrent writer may have taken an opened actor's first key meanwhile: then its actor wins
        first: dict[int, str] = {}
        for k, ref in given:
            if ref[0] == "new":
                first.setdefault(ref[1], k)
        owners = dict(_ACTORS_OF_KEYS.run(conn, {"b_keys": list(first.values())}).all())
        for index, key in first.items():
            if owners[key] != ids[index]:
                conn.execute(delete(actor_keys).where(actor_keys.c.actor_id == ids[index]))
                conn.execute(delete(actors).where(actors.c.id == ids[index]))
                ids[index] = owners[key]
    old = [{"b_id": a, "b_country": c} for a, c in countries.items()]
    if old:
        _GIVE_COUNTRY.run(conn, old)
    return {entity_id: actor_id(ref) for entity_id, ref in chosen.items()}


def actor(conn: Connection, actor_id: int) -> dict[str, Any] | None:
    """An actor with every key it is known by and the names the stories gave it."""
    head = conn.execute(select(actors).where(actors.c.id == actor_id)).mappings().first()
    if head is None:
        return None
    p = event_parties.c
    names = conn.execute(select(p.name, func.count().label("events")).where(p.actor_id == actor_id)
                         .group_by(p.name).order_by(func.count().desc())).mappings().all()
    found_keys = conn.execute(select(actor_keys.c.key).where(actor_keys.c.actor_id == actor_id)).scalars().all()
    return {**dict(head), "keys": list(found_keys), "names": [dict(n) for n in names]}
