"""Whole stories scored as an analyst counts events: one record per real happening, with its place and date.

The gold (``benchmarks/stories/voa-events.jsonl``, format and codebook in that folder's README) holds whole stories
and, for each, every happening an analyst would code: its PLOVER type, the phrases that tell it (``mentions``, with
offsets), its actors and recipients as the text names them, its place (or null: the story does not say), its date
as the interval the text supports (or null) and its status.

A predicted event (status other than hypothetical or negated) matches the gold event of its type that has a
mention in the evidence of one of its tellings (``mentions``), the one whose mention a trigger overlaps first,
else the nearest to a trigger. The first record to match a gold event finds it; the others are duplicates. A
record that matches none is spurious (``wrong_type`` when a gold event of another type is told at its trigger). So

- precision = gold events found / records (a duplicate or a spurious record counts against it);
- recall = gold events found / gold events;
- records per found event = records that match / gold events found;
- records joining several happenings: records whose tellings' triggers fall in the phrases of two or more gold
  events of their type (one record standing for several happenings: a merge too far);
- place, date, actor, recipient and status accuracy are over the found events, read from the record that found each.
  A place is right when the record's place is named (by its name or any of its mentions) as the gold names it, or is
  the very place the gazetteer gives for the gold's name (a seat the text does not name: gold "New York", GeoNames'
  "New York City"), in the gold's country; null gold wants a null place. A date is right when the record's interval
  lies inside the gold's; null gold wants no date. Actors are right when one name of the gold's and one of the
  record's actors contain each other (both empty also counts).

Every figure is reported for all stories, for the ``dev`` fold and for the ``sealed`` fold: a third of the
stories, chosen by a stable hash of the story id before any rule was written against this set, whose errors are
never read.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from ..model import ArticleRecord, Event, InputRef
from .metrics import sealed
from .report import EvalResult

UNCOUNTED_STATUS = {"hypothetical", "negated"}


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """The gold stories; each mention's offsets are checked against its story's text."""
    stories = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            story = json.loads(line)
            for ev in story["events"]:
                for m in ev["mentions"]:
                    if story["text"][m["start"]:m["end"]] != m["text"]:
                        raise ValueError(f"{path}:{lineno}: {story['id']} {ev['id']}: mention {m['text']!r} is not "
                                         f"at [{m['start']}, {m['end']}]")
            stories.append(story)
    return stories


def _norm(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")
    text = re.sub(r"^the\s+|[^\w\s'-]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _names_meet(gold: list[str], predicted: list[str]) -> bool:
    if not gold:
        return not predicted
    g = [_norm(n) for n in gold if _norm(n)]
    p = [_norm(n) for n in predicted if _norm(n)]
    return any(a in b or b in a for a in g for b in p)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _shift(span, delta: int) -> tuple[int, int]:
    return span[0] + delta, span[1] + delta


Telling = tuple[tuple[int, int], tuple[int, int] | None]


def _tellings(event: Event, delta: int) -> list[Telling]:
    """Each telling of a record: its sentence's span and its trigger's (None without one), moved by ``delta`` onto
    the gold text (the record's text is the story without its dateline)."""
    return [(_shift((m.evidence.start, m.evidence.end), delta),
             _shift(m.evidence.trigger, delta) if m.evidence.trigger else None)
            for m in (event.mentions or [event]) if m.evidence is not None]


def _match(event: Event, told: list[Telling], gold_events: list[dict]) -> tuple[dict | None, str]:
    """The gold event a predicted one tells (``told``: its tellings), and how: 'typed', 'wrong_type' or 'none'."""
    tellings = [(span, trigger or span) for span, trigger in told]
    best = None
    for span, trigger in tellings:
        for g in gold_events:
            if g["type"] != event.type:
                continue
            for m in g["mentions"]:
                ms = (m["start"], m["end"])
                if not _overlaps(ms, span):
                    continue
                key = (0 if _overlaps(ms, trigger) else 1, abs(ms[0] - trigger[0]))
                if best is None or key < best[0]:
                    best = (key, g)
    if best is not None:
        return best[1], "typed"
    told = any(_overlaps((m["start"], m["end"]), trigger) for _, trigger in tellings for g in gold_events
               for m in g["mentions"])
    return None, "wrong_type" if told else "none"


def _joined(event: Event, told: list[Telling], gold_events: list[dict]) -> list[str]:
    """The gold events of the record's type whose phrases one of its tellings' triggers overlaps: more than one
    means the record joined several happenings into one."""
    triggers = [trigger for _, trigger in told if trigger]
    return [g["id"] for g in gold_events if g["type"] == event.type and any(
        _overlaps((m["start"], m["end"]), t) for m in g["mentions"] for t in triggers)]


def _place_names(record: ArticleRecord, place_id: str | None) -> tuple[list[str], str | None]:
    place = next((p for p in record.places if p.id == place_id), None)
    if place is None:
        return [], None
    return [place.name, *(record.text[s:e] for s, e in place.mentions)], place.country


def _place_right(gold: dict | None, record: ArticleRecord, event: Event, gazetteer=None) -> bool:
    names, country = _place_names(record, event.place)
    if gold is None:
        return not names
    if not names or (gold["country"] and country != gold["country"]):
        return False
    wanted = [gold["name"], *gold.get("alt", [])]
    if any(_norm(n) in {_norm(w) for w in wanted} for n in names):
        return True
    # A place the text does not name (an institution's seat, a country behind its capital) is right when the
    # gazetteer knows the gold's name for that very place: gold "New York" is GeoNames' "New York City".
    place = next((p for p in record.places if p.id == event.place), None)
    return bool(gazetteer is not None and place is not None and place.geonames_id is not None and any(
        c.geonames_id == place.geonames_id for w in wanted for c in gazetteer.lookup(w)))


def _date_right(gold: dict | None, event: Event) -> bool:
    start = event.date.start if event.date else None
    end = event.date.end if event.date else None
    if gold is None:
        return start is None
    if start is None or end is None:
        return False
    return gold["start"] <= start and end <= gold["end"]


def _country_named(name: str, gazetteer) -> str | None:
    """The country a name names as a country or its people ("U.S.", "United States", "Turkish"), or None."""
    from ..pipeline.actors import COUNTRY_KINDS  # the pipeline package loads the parser: only when a party is scored

    best = gazetteer.best(name, COUNTRY_KINDS) if gazetteer is not None else None
    return best.country if best is not None else None


def _parties_right(gold: list[str], record: ArticleRecord, ids: list[str], gazetteer=None) -> bool:
    """The gold's parties and the record's meet by name (:func:`_names_meet`), or, with the ``gazetteer``, by
    country: a party the record names by a country's name or its people's ("U.S.", "Turkish") is the gold's
    "United States" or "Turkey", as the place check takes the gazetteer's names for a place."""
    if _names_meet(gold, _actor_names(record, ids)):
        return True
    if not gold or gazetteer is None:
        return False
    ents = {e.id: e for e in record.entities}
    theirs = {_country_named(ents[i].name, gazetteer) for i in ids if i in ents and ents[i].type in ("GPE", "NORP")}
    return bool({_country_named(n, gazetteer) for n in gold} & (theirs - {None}))


def _actor_names(record: ArticleRecord, ids: list[str]) -> list[str]:
    ents = {e.id: e for e in record.entities}
    return [n for i in ids if i in ents for n in (ents[i].name, *ents[i].aliases)]


def _offset(gold_text: str, record_text: str) -> int:
    """Where the record's text starts in the gold's: the reader removes a dateline ("MARANCHON, SPAIN — ")."""
    at = gold_text.find(record_text[:200])
    if at < 0:
        raise ValueError("the record's text is not the gold story's text")
    return at


def score_story(story: dict, record: ArticleRecord, gazetteer=None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Counts for one story, and its prediction lines (one per gold event, one per predicted record); with the
    ``gazetteer``, a place is also right when the gold's name is one of the gazetteer's names for it, and a party
    when the gold names the country the record's party names (:func:`_parties_right`)."""
    gold = story["events"]
    found: dict[str, Event] = {}
    rows: list[dict[str, Any]] = []
    counts = {"records": 0, "matched": 0, "duplicates": 0, "spurious": 0, "wrong_type": 0, "joining": 0}
    fold = "sealed" if sealed(story["id"]) else "dev"
    delta = _offset(story["text"], record.text)
    for event in record.events:
        if event.status in UNCOUNTED_STATUS:
            continue
        counts["records"] += 1
        told = _tellings(event, delta)
        joined = _joined(event, told, gold)
        counts["joining"] += len(joined) > 1
        g, how = _match(event, told, gold)
        if g is None:
            counts["spurious"] += 1
            counts["wrong_type"] += how == "wrong_type"
            kind = how if how == "wrong_type" else "spurious"
        else:
            counts["matched"] += 1
            kind = "duplicate" if g["id"] in found else "found"
            counts["duplicates"] += kind == "duplicate"
            found.setdefault(g["id"], event)
        rows.append({"id": f"{story['id']}:{event.id}", "story": story["id"], "fold": fold, "kind": kind,
                     "gold": g["id"] if g else None, "joins": joined, "predicted": {
                         "type": event.type, "status": event.status,
                         "trigger": list(_shift(event.evidence.trigger, delta))
                         if event.evidence and event.evidence.trigger else None}})
    right = {"place": 0, "date": 0, "actor": 0, "recipient": 0, "status": 0}
    for g in gold:
        event = found.get(g["id"])
        checks = None
        if event is not None:
            checks = {
                "place": _place_right(g["place"], record, event, gazetteer),
                "date": _date_right(g["date"], event),
                "actor": _parties_right(g["actor"], record, event.actor, gazetteer),
                "recipient": _parties_right(g["recipient"], record, event.recipient, gazetteer),
                "status": (event.status or "reported") == g["status"],
            }
            for k, ok in checks.items():
                right[k] += ok
        place_names, _ = _place_names(record, event.place) if event else ([], None)
        rows.append({"id": f"{story['id']}:{g['id']}", "story": story["id"], "fold": fold, "kind": "gold",
                     "gold": {k: g[k] for k in ("type", "actor", "recipient", "place", "date", "status")},
                     "predicted": None if event is None else {
                         "event": event.id, "type": event.type, "status": event.status,
                         "place": place_names[0] if place_names else None,
                         "place_basis": event.place_basis, "date_basis": event.date_basis,
                         "date": [event.date.start, event.date.end] if event.date else None,
                         "actor": _actor_names(record, event.actor)[:3],
                         "recipient": _actor_names(record, event.recipient)[:3]},
                     "right": checks})
    counts.update({"gold": len(gold), "found": len(found), **{f"{k}_right": v for k, v in right.items()}})
    return counts, rows


def _metrics(c: dict[str, int]) -> dict[str, Any]:
    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    return {
        "stories": c["stories"], "gold_events": c["gold"], "records": c["records"], "found": c["found"],
        "precision": ratio(c["found"], c["records"]), "recall": ratio(c["found"], c["gold"]),
        "records_per_found_event": ratio(c["matched"], c["found"]),
        "spurious_share": ratio(c["spurious"], c["records"]), "wrong_type": c["wrong_type"],
        "duplicates": c["duplicates"],
        "records_joining_happenings": c["joining"],
        "joining_share": ratio(c["joining"], c["records"]),
        **{f"{k}_accuracy": ratio(c[f"{k}_right"], c["found"])
           for k in ("place", "date", "actor", "recipient", "status")},
    }


def story_article(story: dict, path: str | Path, index: int):
    """The article eventwire reads for a gold story (line ``index + 1`` of ``path``)."""
    from ..readers.article import build_article

    return build_article(story["text"], input_ref=InputRef(path=str(path), line=index + 1),
                         title=story.get("title"), url=story.get("url"), published=story.get("published"),
                         source="VOA", languages=None)


def evaluate_stories(path: str, pipeline=None) -> EvalResult:
    """Score eventwire's records on the gold stories in ``path`` (all, dev and sealed)."""
    if pipeline is None:
        from .. import load_pipeline

        pipeline = load_pipeline()
    stories = load_gold(path)
    articles = [story_article(s, path, i) for i, s in enumerate(stories)]
    kinds = ("stories", "gold", "records", "matched", "found", "duplicates", "spurious", "joining", "wrong_type",
             "place_right", "date_right", "actor_right", "recipient_right", "status_right")
    totals = {fold: dict.fromkeys(kinds, 0) for fold in ("all", "dev", "sealed")}
    predictions: list[dict[str, Any]] = []
    for story, record in zip(stories, pipeline.process(articles), strict=True):
        counts, rows = score_story(story, record, pipeline.gazetteer)
        predictions += rows
        for fold in ("all", "sealed" if sealed(story["id"]) else "dev"):
            totals[fold]["stories"] += 1
            for k, v in counts.items():
                totals[fold][k] += v
    metrics = {fold: _metrics(c) for fold, c in totals.items()}
    lines = [f"Stories: {Path(path).name} (one record per real event; docs/benchmarks.md#stories)"]
    for fold in ("all", "dev", "sealed"):
        m = metrics[fold]
        lines.append(
            f"  {fold:6} {m['stories']:3} stories, {m['gold_events']:4} gold events, {m['records']:4} records: "
            f"precision {m['precision']}, recall {m['recall']}, records per found event "
            f"{m['records_per_found_event']}, spurious {m['spurious_share']}, joining several happenings "
            f"{m['records_joining_happenings']}; accuracy of found events: place "
            f"{m['place_accuracy']}, date {m['date_accuracy']}, actor {m['actor_accuracy']}, recipient "
            f"{m['recipient_accuracy']}, status {m['status_accuracy']}")
    return EvalResult(task="stories", dataset=Path(path).name, n=len(stories), metrics=metrics,
                      predictions=predictions, report="\n".join(lines))
