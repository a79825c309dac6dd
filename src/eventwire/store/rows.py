"""A record becomes table rows: pure functions, no database here."""

from __future__ import annotations

import zlib
from typing import Any

from ..model import ArticleRecord, Entity, Event, Place

Row = dict[str, Any]


def scrub(row: Row) -> Row:
    r"""NUL becomes U+FFFD in text columns (PostgreSQL's text cannot hold it; the same on SQLite, so both stores agree).
    One character for one: offsets stay true. The JSON record keeps the text exactly.

    >>> scrub({"text": "a\x00b", "n": 1}) == {"text": "a\ufffdb", "n": 1}
    True
    """
    return {k: v.replace("\x00", "\ufffd") if isinstance(v, str) else v for k, v in row.items()}


def pack(record: ArticleRecord) -> bytes:
    """A record as the store keeps it: its JSON, zlib-compressed."""
    return zlib.compress(record.model_dump_json().encode("utf-8"), 6)


def unpack(data: bytes) -> str:
    """The JSON text of a record the store kept."""
    return zlib.decompress(data).decode("utf-8")


def story_row(record: ArticleRecord, *, version: str, pipeline_hash: str, now: str) -> Row:
    assert record.id is not None
    published = record.published
    return {
        "id": record.id, "url": record.url, "outlet": record.source, "title": record.title, "author": record.author,
        "published": published.date if published else None,
        "published_precision": published.precision if published else None,
        "language": record.language, "text": record.text, "record_z": pack(record),
        "errors": len(record.errors), "input_path": record.input.path if record.input else None,
        "input_line": record.input.line if record.input else None, "eventwire_version": version,
        "pipeline_hash": pipeline_hash, "ingested_at": now, "superseded_by": None,
    }


def _names(ids: list[str], entities: dict[str, Entity]) -> str | None:
    names = [entities[i].name for i in ids if i in entities]
    return "; ".join(names) or None


def _count(event: Event, kind: str) -> int | None:
    count = event.counts.get(kind)
    return count.value if count is not None else None


def event_row(record: ArticleRecord, event: Event, entities: dict[str, Entity], places: dict[str, Place]) -> Row:
    place = places.get(event.place) if event.place else None
    date = event.date
    evidence = event.evidence
    trigger = evidence.trigger if evidence and evidence.trigger else (None, None)
    claimant = entities.get(event.source) if event.source else None
    return {
        "id": f"{record.id}:{event.id}", "story_id": record.id, "type": event.type, "mode": event.mode,
        "acled_event_type": event.acled.event_type if event.acled else None,
        "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
        "cameo": event.cameo, "status": event.status,
        "date_start": date.start if date else None, "date_end": date.end if date else None,
        "date_granularity": date.granularity if date else None, "date_basis": event.date_basis,
        "date_key": (date.start if date else None) or "",
        "place": place.name if place else None, "place_basis": event.place_basis,
        "geonames_id": place.geonames_id if place else None, "lat": place.lat if place else None,
        "lon": place.lon if place else None, "country": place.country if place else None,
        "admin1": place.admin1 if place else None, "geo_precision": place.precision if place else None,
        "fatalities": _count(event, "killed"), "injured": _count(event, "injured"),
        "arrested": _count(event, "arrested"),
        "actor_names": _names(event.actor, entities), "recipient_names": _names(event.recipient, entities),
        "claimant": claimant.name if claimant else None,
        "evidence": evidence.text if evidence else None, "evidence_start": evidence.start if evidence else None,
        "evidence_end": evidence.end if evidence else None, "trigger_start": trigger[0], "trigger_end": trigger[1],
        "mentions": max(1, len(event.mentions)), "confidence": event.confidence, "superseded": False,
        "named_party": any(entities[i].type != "GROUP" for i in (*event.actor, *event.recipient) if i in entities),
    }


def party_rows(event: Event, entities: dict[str, Entity]) -> list[Row]:
    """One row per actor and recipient of ``event`` (the caller adds ``event_seq``)."""
    rows = []
    for role, ids in (("actor", event.actor), ("recipient", event.recipient)):
        for position, entity_id in enumerate(i for i in ids if i in entities):
            e = entities[entity_id]
            rows.append({"role": role, "position": position, "entity_id": e.id, "name": e.name,
                         "name_key": e.name.casefold(), "type": e.type, "country": e.country, "sector": e.sector})
    return rows


def entity_rows(record: ArticleRecord) -> list[Row]:
    return [{"story_id": record.id, "id": e.id, "name": e.name, "name_key": e.name.casefold(), "type": e.type,
             "aliases": list(e.aliases), "country": e.country, "sector": e.sector, "mentions": len(e.mentions)}
            for e in record.entities]


def place_rows(record: ArticleRecord) -> list[Row]:
    return [{"story_id": record.id, "id": p.id, "name": p.name, "geonames_id": p.geonames_id, "lat": p.lat,
             "lon": p.lon, "country": p.country, "admin1": p.admin1, "feature": p.feature, "precision": p.precision,
             "mentions": len(p.mentions)} for p in record.places]


def quote_rows(record: ArticleRecord, entities: dict[str, Entity]) -> list[Row]:
    return [{"story_id": record.id, "id": q.id, "kind": q.kind, "text": q.text, "start": q.start, "end": q.end,
             "speaker": entities[q.speaker].name if q.speaker in entities else q.speaker_text, "cue": q.cue}
            for q in record.quotes]
