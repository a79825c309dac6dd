"""``eval event-location halterman``: which place mention is where the event (a given VERB span) happened.

Records are Halterman's Prodigy JSON Lines (text, tokens, spans labelled VERB and LOCATION). Some spans carry
token indices in place of character offsets: a span whose offsets do not fall on token boundaries is rebuilt
from its ``token_start``/``token_end``; one that cannot be rebuilt is skipped and counted. A prediction is right
when it overlaps one of the gold LOCATION spans, or when both gold and prediction are "no location".
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .report import EvalResult, count, skipped_note


def _fix_span(span: dict, rec: dict, skipped: dict[str, int]) -> tuple[int, int] | None:
    text = rec["text"]
    tokens = rec.get("tokens") or []
    starts = {t["start"] for t in tokens}
    ends = {t["end"] for t in tokens}
    s, e = span.get("start"), span.get("end")
    on_tokens = not tokens or (s in starts and e in ends)
    if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text) and on_tokens:
        return s, e
    ts, te = span.get("token_start"), span.get("token_end")
    by_id = {t["id"]: t for t in tokens}
    if ts in by_id and te in by_id:
        count(skipped, "re-anchored from token indices")
        return by_id[ts]["start"], by_id[te]["end"]
    count(skipped, "skipped: span offsets unusable")
    return None


def held_out(record_id: str) -> bool:
    """Whether a record is in the fold the location model never trained on (fold 0 of 5 by an MD5 hash of its
    id; ``scripts/train_event_location.py``)."""
    return int(hashlib.md5(record_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def read_records(path: Path, skipped: dict[str, int]) -> list[dict]:
    """Usable records: one VERB span each, its LOCATION spans (maybe none), with character offsets."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                count(skipped, "skipped: malformed JSON line")
                continue
            if rec.get("answer") not in (None, "accept") or not rec.get("text"):
                count(skipped, "skipped: rejected or empty record")
                continue
            verbs = [s for s in rec.get("spans", []) if s.get("label") == "VERB"]
            if len(verbs) != 1:
                count(skipped, "skipped: not exactly one VERB")
                continue
            verb = _fix_span(verbs[0], rec, skipped)
            locs = [_fix_span(s, rec, skipped) for s in rec.get("spans", []) if s.get("label") == "LOCATION"]
            if verb is None or any(x is None for x in locs):
                continue
            out.append({"id": str(rec.get("_id", lineno)), "text": rec["text"], "verb": verb, "locations": locs,
                        "source": rec.get("source")})
    return out


def evaluate_event_location(path: str, *, nlp=None, gazetteer=None, limit: int | None = None) -> EvalResult:
    from ..geo import load_gazetteer
    from ..pipeline.event_location import choose_location, place_spans
    from ..pipeline.mentions import find_mentions
    from ..pipeline.nlp import load_spacy

    nlp = nlp or load_spacy()
    gazetteer = gazetteer or load_gazetteer()
    skipped: dict[str, int] = {}
    file = Path(path)
    if file.is_dir():
        file = file / "records.jsonl"
    records = read_records(file, skipped)[:limit]
    predictions = []
    right = 0
    held = [0, 0]  # records in the model's held-out fold, and those right
    placed = [0, 0, 0]  # held out: records given a place, of those the right one, records with a gold place
    counts = {"with_location": 0, "with_location_right": 0, "without_location": 0, "without_location_right": 0}
    for rec, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        trigger = doc.char_span(*rec["verb"], alignment_mode="expand")
        chosen = choose_location(trigger, *place_spans(doc, find_mentions(doc, gazetteer))) if trigger else None
        pred = [chosen.start_char, chosen.end_char] if chosen is not None else None
        gold = rec["locations"]
        if gold:
            ok = pred is not None and any(s < pred[1] and pred[0] < e for s, e in gold)
            counts["with_location"] += 1
            counts["with_location_right"] += ok
        else:
            ok = pred is None
            counts["without_location"] += 1
            counts["without_location_right"] += ok
        right += ok
        if held_out(rec["id"]):
            held[0] += 1
            held[1] += ok
            placed[0] += pred is not None
            placed[1] += pred is not None and ok
            placed[2] += bool(gold)
        predictions.append({"id": rec["id"], "gold": list(gold[0]) if gold else None,
                            "gold_all": [list(g) for g in gold], "predicted": pred, "correct": bool(ok)})
    n = len(records)
    metrics = {
        "accuracy": round(right / n, 4) if n else 0.0,
        "held_out_accuracy": round(held[1] / held[0], 4) if held[0] else None,
        "held_out_records": held[0],
        # held out, as a user meets them: how many of the places given are right, and how many gold places are found
        "held_out_place_precision": round(placed[1] / placed[0], 4) if placed[0] else None,
        "held_out_place_recall": round(placed[1] / placed[2], 4) if placed[2] else None,
        "accuracy_with_gold_location": round(counts["with_location_right"] / counts["with_location"], 4)
        if counts["with_location"] else None,
        "accuracy_without_gold_location": round(counts["without_location_right"] / counts["without_location"], 4)
        if counts["without_location"] else None,
        **{k: v for k, v in counts.items() if not k.endswith("_right")},
        "skipped": skipped,
    }
    report = "\n".join(x for x in [
        f"Event location on {file.name}: {n} records (one VERB each)",
        f"  accuracy                      : {metrics['accuracy']:.3f}",
        f"  held-out fold (never trained) : {metrics['held_out_accuracy']} (n={held[0]}; the location model "
        f"trained on the other records, so this is the figure to quote)",
        f"    places given that are right : {metrics['held_out_place_precision']}; gold places found: "
        f"{metrics['held_out_place_recall']}",
        f"  records with a gold location  : {metrics['accuracy_with_gold_location']} (n={counts['with_location']})",
        f"  records with no gold location : {metrics['accuracy_without_gold_location']} "
        f"(n={counts['without_location']})",
        skipped_note(skipped)] if x)
    return EvalResult(task="event-location", dataset="halterman", n=n, metrics=metrics, predictions=predictions,
                      report=report)
