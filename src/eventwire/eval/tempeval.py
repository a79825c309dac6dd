"""TempEval-3 (TimeML .tml) reader and the ``eval time tempeval3`` task.

Scores DATE timexes: value accuracy with the gold spans given (each gold expression resolved against the
document creation time, with the tense of its clause from spaCy's parse), and end to end (our own spans and
values against the gold ones: a prediction is right when its span overlaps a gold DATE span and the values are
equal).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..pipeline.dates import find_date_spans, resolve_date, resolve_span
from .report import EvalResult, count, skipped_note

CALENDAR_VALUE = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?|-W\d\d)?$")
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Timex:
    tid: str
    type: str
    value: str
    start: int
    end: int
    text: str


@dataclass
class TimeMLDoc:
    id: str
    dct: dt.date
    text: str
    timexes: list[Timex] = field(default_factory=list)


def read_tml(path: Path) -> TimeMLDoc:
    """One .tml file: its creation date, the plain text of <TEXT>, and the TIMEX3 spans in that text.

    Raises:
        ValueError: no creation time or no <TEXT> element.
    """
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*value="(\d{4}-\d\d-\d\d)', raw) or \
        re.search(r'<TIMEX3[^>]*value="(\d{4}-\d\d-\d\d)"[^>]*functionInDocument="CREATION_TIME"', raw)
    body_m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if not dct_m or not body_m:
        raise ValueError(f"{path.name}: no creation time or no <TEXT>")
    body = body_m.group(1)
    out: list[str] = []
    pos = 0
    length = 0
    open_timex: dict | None = None
    timexes = []
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, tag, attrs = m.groups()
        if tag != "TIMEX3":
            continue
        if not closing:
            open_timex = dict(_ATTR.findall(attrs)) | {"_start": length}
        elif open_timex is not None:
            start = open_timex["_start"]
            text = "".join(out)[start:length]
            timexes.append(Timex(open_timex.get("tid", ""), open_timex.get("type", ""),
                                 open_timex.get("value", ""), start, length, text))
            open_timex = None
    out.append(html.unescape(body[pos:]))
    return TimeMLDoc(path.stem, dt.date.fromisoformat(dct_m.group(1)), "".join(out), timexes)


def evaluate_tempeval3(path: str, nlp=None) -> EvalResult:
    """Value accuracy on gold DATE spans and end-to-end F1 over the .tml files under ``path``."""
    from ..pipeline.nlp import load_spacy

    nlp = nlp or load_spacy()
    files = sorted(Path(path).rglob("*.tml")) if Path(path).is_dir() else [Path(path)]
    predictions = []
    skipped: dict[str, int] = {}
    e2e_gold = e2e_pred = e2e_right = 0
    for f in files:
        try:
            doc_t = read_tml(f)
        except (ValueError, OSError) as exc:
            count(skipped, f"unreadable file ({exc})")
            continue
        doc = nlp(doc_t.text)
        gold_dates = [t for t in doc_t.timexes if t.type == "DATE"]
        for t in gold_dates:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            got = resolve_span(span, doc_t.dct) if span is not None else resolve_date(t.text, doc_t.dct)
            predictions.append({"id": f"{doc_t.id}:{t.tid}", "text": t.text, "gold": t.value,
                                "predicted": got.value if got else None, "dct": doc_t.dct.isoformat()})
        # End to end: our spans and values.
        ours = []
        for span in find_date_spans(doc):
            got = resolve_span(span, doc_t.dct)
            if got is not None:
                ours.append((span.start_char, span.end_char, got.value))
        e2e_gold += len(gold_dates)
        e2e_pred += len(ours)
        used: set[int] = set()
        for s, e, value in ours:
            for k, g in enumerate(gold_dates):
                if k not in used and g.start < e and s < g.end:
                    used.add(k)
                    e2e_right += value == g.value
                    break
    n = len(predictions)
    calendar = [p for p in predictions if CALENDAR_VALUE.match(p["gold"])]
    p_ = e2e_right / e2e_pred if e2e_pred else 0.0
    r_ = e2e_right / e2e_gold if e2e_gold else 0.0
    metrics = {
        "value_accuracy_gold_spans": round(sum(p["gold"] == p["predicted"] for p in predictions) / n, 4) if n else 0.0,
        "value_accuracy_calendar_values": round(sum(p["gold"] == p["predicted"] for p in calendar) / len(calendar), 4)
        if calendar else 0.0,
        "n_calendar_values": len(calendar),
        "end_to_end": {"precision": round(p_, 4), "recall": round(r_, 4),
                       "f1": round(2 * p_ * r_ / (p_ + r_), 4) if p_ + r_ else 0.0,
                       "gold": e2e_gold, "predicted": e2e_pred, "correct": e2e_right},
        "documents": len(files) - sum(skipped.values()),
        "skipped": skipped,
    }
    wrong = [p for p in predictions if p["gold"] != p["predicted"]]
    lines = [f"TempEval-3 DATE values, {metrics['documents']} documents, {n} gold DATE timexes",
             f"  value accuracy, gold spans      : {metrics['value_accuracy_gold_spans']:.3f}",
             f"  calendar values only ({len(calendar):3d})    : {metrics['value_accuracy_calendar_values']:.3f}",
             f"  end to end P / R / F1           : {p_:.3f} / {r_:.3f} / {metrics['end_to_end']['f1']:.3f}",
             skipped_note(skipped), "  errors (gold -> predicted):"]
    lines += [f"    {p['text']!r}: {p['gold']} -> {p['predicted']}" for p in wrong[:30]]
    return EvalResult(task="time", dataset="tempeval3", n=n, metrics=metrics, predictions=predictions,
                      report="\n".join(line for line in lines if line))
