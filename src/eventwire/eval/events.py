"""``eval events case2021|plv|plover-gsr|india-police``: the events stage scored on the data sets as they are published.

No model is trained on these data: they score the events stage as it ships (trigger lexicon, CAMEO verb patterns
and ACLED rules over the parse).

- **case2021** (CASE 2021 Task 2 ``dev.tsv``: id, EventSnippet, SubType): each snippet's label is the ACLED
  sub-event type of its first event that has one (the pipeline's ACLED view, :mod:`eventwire.pipeline.acled`),
  mapped to the task's codes; OTHER when it has none. Weighted F1 over the 25 ACLED types is the task's main
  score; rows whose gold label is outside them are reported apart.
- **plv** (PLV ``PLV_train.tsv``): the PLOVER root of the event between the marked source and target (the
  event whose actor or recipient overlaps them, else the sentence's first event); CONCEDE and RETREAT are
  PLV's YIELD. Macro-F1 over the gold classes.
- **plover-gsr** (PLOVER's Gold Standard Records, ``PLOVER_GSR_CAMEO.json``): the same choice between the coded
  source and target, over the 16 types (the 0.5b1 categories DEMAND, DISAPPROVE, INVESTIGATE and FIGHT read as
  REQUEST, ACCUSE, ACCUSE and ASSAULT). Its sentences overlap the full PLV corpus, but only 2 of its 322 are in
  ``PLV_train.tsv``: the rest were never read while writing rules (``benchmarks/plover_gsr_heldout.py``).
- **india-police** (IndiaPoliceEvents ``sents.csv``, ``docs.csv``): did police kill, arrest, use force, fail to
  act? A sentence is positive for a class when it mentions police and has an event or cue of that class;
  a document when any of its sentences is. Per-class precision, recall and F1, sentences and documents.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

from ..errors import EventwireError
from .metrics import PRF, classification_report, sealed
from .report import EvalResult, count, skipped_note

CASE_CODES = {
    "Armed clash": "ARMED_CLASH", "Attack": "ATTACK", "Air/drone strike": "AIR_STRIKE",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK", "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Grenade": "GRENADE", "Suicide bomb": "SUIC_BOMB", "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Sexual violence": "SEX_VIOL", "Arrests": "ARREST", "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Peaceful protest": "PEACE_PROTEST", "Violent demonstration": "VIOL_DEMONSTR",
    "Protest with intervention": "PROTEST_WITH_INTER", "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Mob violence": "MOB_VIOL", "Agreement": "AGREEMENT", "Non-state actor overtakes territory":
    "NON_STATE_ACTOR_OVERTAKES_TER", "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER", "Headquarters or base established":
    "HQ_ESTABLISHED", "Chemical weapon": "CHEM_WEAP", "Disrupted weapons use": "DISR_WEAP",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT", "Other": "OTHER",
}
ACLED_25 = sorted(set(CASE_CODES.values()))
POLICE = re.compile(r"\b(police\w*|cops?|constables?|SRP|RAF|jawans?|personnel|inspector|sub-inspector|"
                    r"officers?|[sd]?sp|dcp|acp|sho|home guards?)\b", re.IGNORECASE)  # SP: superintendent of police
STATE = re.compile(r"\b(administration|machinery|government|authorities|law and order|security forces|rpf|grp)\b",
                   re.IGNORECASE)
_FORCES = r"(police\w*|cops?|security forces|jawans?|srp|raf|rpf|crpf|bsf|personnel|constables?|forces)"
_FIRING = (r"(police|security forces|srp|raf|crpf|bsf|cops)\W+(\w+\W+){0,3}(fir(e|ed|ing)|open(ed)? fire)|"
           r"fir(e|ed|ing) (\w+ ){0,3}by (the )?" + _FORCES + r"|\bpolice fir(ing|ng)|in (the )?(police )?firing|"
           r"[sd]?sp (\w+ ){0,3}ordered firing|"
           r"firing (at|on) (the )?(mobs?|crowds?|rioters)|"
           r"firing (by|of) (the )?" + _FORCES)
INDIA_CUES = {
    # Police as the killers: police firing with a death, police as the subject of the killing, or "by police".
    "KILL": re.compile(r"(" + _FIRING + r").*\b(kill\w*|dead|died|deaths?|toll|lives)\b|"
                       r"\b(kill\w*|dead|died|deaths?|toll)\b.*(" + _FIRING + r")|"
                       r"\b" + _FORCES + r"\W+(\w+\W+){0,4}(killed|shot dead|gunned down)|"
                       r"\b(killed|shot dead|gunned down) (\w+ ){0,4}by (the )?" + _FORCES + r"|"
                       r"\b(killed|died|dead) in (the )?police\b", re.I),
    "ARREST": re.compile(r"(?<!cardiac )\b(arrest(ed|s|ing)?\b"
                         r"(?! (the|this|its) (\w+ )?(situation|decline|slide|spread))|detain\w*|rounded up|"
                         r"(police|judicial|preventive|into|in) custody|nabbed|picked up|"
                         r"booked (\w+ ){0,3}(under|for (murder|arson|rioting|attempt|crimes?|offen[cs]es?))|"
                         r"apprehended by|remanded|sent to (the )?(\w+ )?jail|(persons|people|men|youths|accused|"
                         r"suspects|activists|leaders|members) (were|was|have been|had been) (held|caught))", re.I),
    # Force by the police: firing (not "the fire", "fire brigade"), lathi or baton charges (not "charged with" a
    # crime), tear gas, dispersal, and clashes that the police are a party to (not two groups clashing).
    "FORCE": re.compile(r"\b(fired|firing|fire (at|on|into)|(open|opened|return|returned) fire|lathi|baton|"
                        r"tear[ -]?gas|caned|charged(?! (with|under|for|in))|rubber bullets|burst \w+ shells|"
                        r"disperse\w*|police\w*(-\w+)? clash\w*|police and (\w+ ){1,4}clash\w*|"
                        r"clash\w* (\w+ ){0,4}(with|between) (\w+ ){0,4}(the )?police\w*)", re.I),
    # Police inaction is told in many ways: "mute spectators", "looked the other way", "pleas went unheeded".
    "FAIL": re.compile(r"\b(fail\w* to|failure|mute spectators?|did (nothing|not (act|intervene|stop|come))|"
                       r"doing nothing|not (acting|available|present|enough)|no police|absent|"
                       r"look\w* (on|the other way)|stood by|"
                       r"inaction|helpless|twiddl\w*|unheeded|mingled with|to no avail|negligen\w*|indifferen\w*|"
                       r"could not (contain|control|stop|prevent)|allowed (the )?(mobs?|people|rioters|crowds?)|"
                       r"free for all|sparse|nowhere to be seen|complicity|conniv\w*|collu\w*|abet\w*|"
                       r"left (untamed|unchecked)|inefficien\w*|took (their )?time|breakdown|break-down|"
                       r"(did not|didn't|not) (\w+ )?respond\w*|no action|(could|did) (do )?little|passive|"
                       r"scot[- ]free|denied (\w+ )?protection|hardly (any )?presence|let (the )?(mobs?|rioters))",
                       re.I),
}
INDIA_CLASSES = ("KILL", "ARREST", "FAIL", "FORCE")


def _read_tsv(file: Path, required: tuple[str, ...], skipped: dict[str, int]) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header; rows missing a required value are counted and left out."""
    csv.field_size_limit(sys.maxsize)  # CASE snippets hold quoted newlines and long fields
    rows = []
    with open(file, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if all((row.get(k) or "").strip() for k in required):
                rows.append(row)
            else:
                count(skipped, f"skipped: no {' or '.join(required)}")
    return rows


def _pipeline():
    """Every telling kept (``min_confidence=0``): each row of these sets is a sentence (or snippet) that tells an
    event, or one read for police events in its document, and what is scored is the type read there. Whether a
    telling is a happening an analyst would count is the happening model's question, scored on whole stories
    (``eval stories``; docs/events.md#the-happening-model)."""
    from .. import load_pipeline

    return load_pipeline(min_confidence=0.0)


def _records(texts: list[str]):
    from ..model import InputRef
    from ..readers.article import build_article

    pipe = _pipeline()
    items = []
    for t in texts:
        try:
            items.append(build_article(t, input_ref=InputRef(path="<eval>"), languages=None))
        except EventwireError as exc:  # an empty row: it becomes an error record, scored as no event
            items.append(exc)
    return list(pipe.process(items))


def snippet_label(events) -> str:
    """A snippet's ACLED sub-event type (as a CASE code): that of its first event with one, else OTHER. (The
    first event scores 0.64 weighted F1 on the dev rows, the majority of the snippet's events 0.62.)"""
    subs = [CASE_CODES.get(e.acled.sub_event_type or "") for e in events if e.acled]
    subs = [s for s in subs if s]
    return subs[0] if subs else "OTHER"


def evaluate_case2021(path: str, limit: int | None = None) -> EvalResult:
    file = Path(path)
    if file.is_dir():
        file = file / "dev.tsv"
    skipped: dict[str, int] = {}
    rows = _read_tsv(file, ("EventSnippet", "SubType"), skipped)[:limit]
    records = _records([r["EventSnippet"] for r in rows])
    predictions = []
    for row, rec in zip(rows, records, strict=True):
        label = snippet_label(rec.events)
        predictions.append({"id": row["id"], "gold": row["SubType"], "predicted": label})
    scored = [p for p in predictions if p["gold"] in ACLED_25]
    report = classification_report([p["gold"] for p in scored], [p["predicted"] for p in scored], labels=ACLED_25)
    folds = _folds(scored, lambda ps: classification_report([p["gold"] for p in ps], [p["predicted"] for p in ps],
                                                            labels=ACLED_25), ("weighted_f1", "macro_f1"))
    metrics = {**report, "folds": folds, "rows_outside_the_25_types": len(predictions) - len(scored),
               "skipped": skipped}
    text = _class_report("CASE 2021 Task 2, 25 ACLED types", report, "weighted_f1", skipped) + _fold_line(folds)
    return EvalResult(task="events", dataset="case2021", n=len(scored), metrics=metrics, predictions=predictions,
                      report=text)


def evaluate_plv(path: str, limit: int | None = None) -> EvalResult:
    file = Path(path)
    if file.is_dir():
        file = file / "PLV_train.tsv"
    skipped: dict[str, int] = {}
    rows = _read_tsv(file, ("sentence", "gold_root"), skipped)[:limit]
    records = _records([r["sentence"] for r in rows])
    predictions = []
    for row, rec in zip(rows, records, strict=True):
        ev = event_between(rec, _find(rec.text, row.get("source") or ""), _find(rec.text, row.get("target") or ""))
        label = "NONE" if ev is None else {"CONCEDE": "YIELD", "RETREAT": "YIELD"}.get(ev.type, ev.type)
        predictions.append({"id": row.get("sentence_id") or row.get(""), "gold": row["gold_root"], "predicted": label})
    return _macro_result("plv", "PLV, PLOVER root between source and target", predictions, skipped)


def event_between(rec, src: tuple[int, int] | None, tgt: tuple[int, int] | None,
                  marked: list[tuple[int, int]] | None = None):
    """The record's event between a marked source and target: the one whose actor overlaps the source and whose
    recipient (or actor) overlaps the target, preferring a trigger between the two; else the first event. An
    event told inside a party's own description ("the coalition fighting Houthi rebels") is not between them,
    unless there is no other. Where the gold marks the event's own words (``marked``), an event whose trigger
    overlaps them comes first."""
    ents = {e.id: e for e in rec.entities}

    def touches(ids: list[str], span: tuple[int, int] | None) -> bool:
        return span is not None and any(s < span[1] and span[0] < e for i in ids for s, e in ents[i].mentions)

    def inside(told) -> bool:  # within a party's span, but not its head word ("a regime offensive" is the event)
        start, end = told.evidence.trigger if told.evidence else (-1, -1)
        return any(span is not None and span[0] <= start < span[1] and end < span[1] for span in (src, tgt))

    # Each telling of an event is read on its own: its parties and its trigger.
    tellings = [(ev, told) for ev in rec.events for told in (getattr(ev, "mentions", None) or [ev])]
    best = None
    for ev, told in [t for t in tellings if not inside(t[1])] or tellings:
        score = touches(told.actor, src) + touches(told.recipient, tgt) + touches(told.actor + told.recipient, tgt)
        trig = told.evidence.trigger if told.evidence else None
        if trig and src and tgt and min(src[1], tgt[1]) <= trig[0] <= max(src[0], tgt[0]):
            score += 1  # the trigger stands between the two parties
        if trig and marked and any(s < trig[1] and trig[0] < e for s, e in marked):
            score += 4  # the gold's event words: above any count of the parties
        if best is None or score > best[0]:
            best = (score, ev)
    return None if best is None else best[1]


# PLOVER 0.5b1 categories of the Gold Standard Records, in today's 16 types (SOURCE.txt of plover-gsr).
GSR_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def evaluate_plover_gsr(path: str, limit: int | None = None) -> EvalResult:
    """PLOVER's Gold Standard Records (CAMEO manual sentences coded in PLOVER 0.5b1): the type of the event at the
    words the markup marks as the event (EVT), else of the event between the coded source and target, as for PLV;
    over the 16 types (CONCEDE and RETREAT kept apart). Each prediction line also keeps, as ``unmarked``, the
    event chosen between source and target alone (this harness's reading until the EVT words were used)."""
    file = Path(path)
    if file.is_dir():
        file = file / "PLOVER_GSR_CAMEO.json"
    skipped: dict[str, int] = {}
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EventwireError(f"cannot read PLOVER GSR file {file}: {exc}", source=str(file)) from exc
    rows = []
    for item in data if isinstance(data, list) else []:
        if not isinstance(item, dict) or item.get("event") == "DOCUMENT":
            continue
        if not item.get("text") or not item.get("event"):
            count(skipped, "skipped: record without text or event")
            continue
        rows.append(item)
    rows = rows[:limit]
    records = _records([r["text"] for r in rows])
    predictions = []
    for row, rec in zip(rows, records, strict=True):
        def first(role: str, row=row, rec=rec) -> tuple[int, int] | None:
            return next((span for a in row.get(role) or [] if isinstance(a, dict)
                         for span in [_find(rec.text, a.get("actorText") or "")] if span), None)

        info = row.get("textInfo")
        markup = info.get("markup") if isinstance(info, dict) else None
        marked = markup_spans(markup, rec.text).get("EVT") if isinstance(markup, str) else None
        ev = event_between(rec, first("source"), first("target"), marked)
        unmarked = event_between(rec, first("source"), first("target"))  # the reading before the EVT hint
        gold = GSR_TYPES.get(row["event"], row["event"])
        predictions.append({"id": row.get("id"), "gold": gold, "predicted": "NONE" if ev is None else ev.type,
                            "unmarked": "NONE" if unmarked is None else unmarked.type})
    return _macro_result("plover-gsr", "PLOVER Gold Standard Records, type between source and target", predictions,
                         skipped)


_MARK = re.compile(r"\(([A-Z]+(?:/[A-Z]+)?):\s*")


def markup_spans(markup: str, text: str) -> dict[str, list[tuple[int, int]]]:
    """The spans the Gold Standard Records' inline markup ("(SRC/TAR: Hungary) and ... (EVT: agreed)") gives each
    tag, as offsets into ``text``. Where the markup, its tags removed, is not ``text`` (the editors changed one
    and not the other), each span is looked up by its words.

    >>> markup_spans("(SRC: Chad) (EVT: accused) (TAR: Sudan).", "Chad accused Sudan.")["EVT"]
    [(5, 12)]
    """
    plain: list[str] = []
    spans: dict[str, list[tuple[int, int]]] = {}
    open_tags: list[tuple[str, int]] = []
    pos = i = 0
    while i < len(markup):
        m = _MARK.match(markup, i)
        if m:
            open_tags.append((m.group(1), pos))
            i = m.end()
        elif markup[i] == ")" and open_tags:
            tag, start = open_tags.pop()
            spans.setdefault(tag, []).append((start, pos))
            i += 1
        else:
            plain.append(markup[i])
            pos += 1
            i += 1
    words = "".join(plain)
    if words == text:
        return spans
    # a markup edited apart from its text (spacing, a word changed elsewhere): each span where its words are
    out: dict[str, list[tuple[int, int]]] = {}
    for tag, found in spans.items():
        for start, end in found:
            at = text.find(words[start:end]) if end > start else -1
            if at >= 0:
                out.setdefault(tag, []).append((at, at + end - start))
    return out


def _macro_result(dataset: str, title: str, predictions: list[dict], skipped: dict[str, int]) -> EvalResult:
    """A PLOVER classification scored over the classes its gold uses, macro-F1 first (PLV, the GSR)."""
    gold_classes = sorted({p["gold"] for p in predictions})

    def score(ps: list[dict]) -> dict:
        return classification_report([p["gold"] for p in ps], [p["predicted"] for p in ps], labels=gold_classes)

    report = score(predictions)
    folds = _folds(predictions, score, ("macro_f1", "micro_f1"))
    return EvalResult(task="events", dataset=dataset, n=len(predictions),
                      metrics={**report, "folds": folds, "skipped": skipped}, predictions=predictions,
                      report=_class_report(title, report, "macro_f1", skipped) + _fold_line(folds))


def _folds(predictions: list[dict], score, keys: tuple[str, ...], key=lambda p: str(p["id"])) -> dict:
    """The headline figures on the dev and the sealed fold (eval.metrics.sealed, by ``key`` of each item)."""
    out = {}
    for fold, wanted in (("dev", False), ("sealed", True)):
        part = [p for p in predictions if sealed(key(p)) is wanted]
        report = score(part) if part else {}
        out[fold] = {"n": len(part), **{k: report.get(k) for k in keys}}
    return out


def _fold_line(folds: dict) -> str:
    return "\n  folds: " + "; ".join(f"{fold} (n={v['n']}) " + ", ".join(f"{k} {v[k]}" for k in v if k != "n")
                                    for fold, v in folds.items())


def _find(text: str, phrase: str) -> tuple[int, int] | None:
    phrase = phrase.strip()
    i = text.find(phrase) if phrase else -1
    return (i, i + len(phrase)) if i >= 0 else None


def india_sentence_labels(text: str, events) -> dict[str, bool]:
    """Police-event labels of one sentence from its events and cues. An arrest that the sentence only demands,
    plans or denies ("demanded the arrest of", "no arrests have been made", "will detain them") is no arrest:
    the events stage gives it a status other than reported."""
    types = {e.type for e in events}
    police = bool(POLICE.search(text))
    # Arrests and lathi charges are police actions whether or not the sentence names the police; failures are
    # often laid at the door of "the administration" or "the machinery".
    state = police or bool(STATE.search(text))
    out = {c: bool(INDIA_CUES[c].search(text)) and (police or c == "ARREST" or c == "FAIL" and state)
           for c in INDIA_CLASSES}
    if out["FAIL"] and not police and GENERIC_FAILURE.search(text) and not STRONG_INACTION.search(text):
        out["FAIL"] = False  # "the government's failure to ...": a failure, but not the police's inaction
    # An arrest event, or a threatened one ("will arrest them" is THREATEN, as PLOVER codes it).
    arrests = [e for e in events if e.type in ("COERCE", "THREATEN") and
               any(INDIA_CUES["ARREST"].search(_trigger_text(m)) for m in e.mentions or [e])]
    made = [e for e in arrests if e.type == "COERCE" and e.status in ("reported", "historical")]
    if out["ARREST"] and arrests and not made:
        out["ARREST"] = False
    if out["ARREST"] and IRREALIS_ARREST.search(text) and not made:
        out["ARREST"] = False
    out["FORCE"] = out["FORCE"] or bool(re.search(r"lathi|tear[ -]?gas|teargas", text, re.I))
    if not police and not out["ARREST"] and not out["FORCE"] and not out["FAIL"]:
        return dict.fromkeys((*INDIA_CLASSES, "ANY_ACTION"), False)
    out["FORCE"] = out["FORCE"] or out["KILL"]
    out["ANY_ACTION"] = any(out[c] for c in ("KILL", "ARREST", "FORCE")) or bool(types)
    return out


def _trigger_text(event) -> str:
    s, e = event.evidence.trigger
    return event.evidence.text[s - event.evidence.start:e - event.evidence.start]


GENERIC_FAILURE = re.compile(r"\b(fail\w*|failure|breakdown|break-down|inefficien\w*|negligen\w*)\b", re.I)
STRONG_INACTION = re.compile(r"\b(mute spectators?|look\w* (on|the other way)|stood by|did nothing|doing nothing|"
                             r"inaction|twiddl\w*|nowhere to be seen|conniv\w*|complicity|unheeded|no action|"
                             r"passive)\b", re.I)
IRREALIS_ARREST = re.compile(r"\b(no arrests?|no(body| one) (was|has been|had been) arrested|free to arrest|"
                             r"court arrest|to make arrests|not (been )?(able to )?(arrest|detain)|"
                             r"demand\w* (the )?arrest|"
                             r"(should|must|would|will) (\w+ )?be (arrested|detained)|(will|would|to) (arrest|detain)|"
                             r"(sought|seek\w*|call\w* for) (the )?arrest)", re.I)


def evaluate_india_police(path: str, limit: int | None = None) -> EvalResult:
    folder = Path(path)
    if folder.is_file():
        folder = folder.parent
    skipped: dict[str, int] = {}
    csv.field_size_limit(sys.maxsize)
    with open(folder / "sents.csv", encoding="utf-8", errors="replace", newline="") as fh:
        sents = [r for r in csv.DictReader(fh) if (r.get("sent_text") or "").strip()]
    sents = sents[:limit]
    predictions = []
    for row, rec in zip(sents, _records([r["sent_text"] for r in sents]), strict=True):
        if rec.errors:
            count(skipped, "sentences the pipeline could not read")
        pred = india_sentence_labels(row["sent_text"], rec.events)
        gold = {c: row.get(c, "0").strip() in ("1", "True", "true") for c in (*INDIA_CLASSES, "ANY_ACTION")}
        predictions.append({"id": f"{row['doc_id']}:{row['sent_id']}", "doc_id": row["doc_id"], "gold": gold,
                            "predicted": pred})
    metrics: dict = {"sentences": {}, "documents": {}, "skipped": skipped}
    docs_gold: dict[str, dict[str, bool]] = {}
    docs_pred: dict[str, dict[str, bool]] = {}
    for p in predictions:
        g, q = docs_gold.setdefault(p["doc_id"], {}), docs_pred.setdefault(p["doc_id"], {})
        for c in (*INDIA_CLASSES, "ANY_ACTION"):
            g[c] = g.get(c, False) or p["gold"][c]
            q[c] = q.get(c, False) or p["predicted"][c]
    for c in (*INDIA_CLASSES, "ANY_ACTION"):
        metrics["sentences"][c] = _binary([p["gold"][c] for p in predictions], [p["predicted"][c] for p in predictions])
        metrics["documents"][c] = _binary([docs_gold[d][c] for d in docs_gold], [docs_pred[d][c] for d in docs_gold])
    # Folds by document: a document's sentences are in one fold.
    metrics["folds"] = _folds(predictions, lambda ps: {f"{c}_f1": _binary([p["gold"][c] for p in ps],
                                                                          [p["predicted"][c] for p in ps])["f1"]
                                                       for c in INDIA_CLASSES},
                              tuple(f"{c}_f1" for c in INDIA_CLASSES), key=lambda p: str(p["doc_id"]))
    lines = [f"IndiaPoliceEvents: {len(predictions)} sentences, {len(docs_gold)} documents (documents scored from "
             "their sentences)", "  class        sentence P / R / F1      document P / R / F1"]
    for c in (*INDIA_CLASSES, "ANY_ACTION"):
        s, d = metrics["sentences"][c], metrics["documents"][c]
        lines.append(f"  {c:11s}  {s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}     "
                     f"{d['precision']:.3f} / {d['recall']:.3f} / {d['f1']:.3f}")
    note = skipped_note(skipped)
    if note:
        lines.append(note)
    lines.append(_fold_line(metrics["folds"]).strip("\n"))
    return EvalResult(task="events", dataset="india-police", n=len(predictions), metrics=metrics,
                      predictions=predictions, report="\n".join(lines))


def _binary(gold: list[bool], pred: list[bool]) -> dict:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    return {**PRF(tp, fp, fn).as_dict(), "support": sum(gold)}


def _class_report(title: str, report: dict, main: str, skipped: dict[str, int]) -> str:
    lines = [f"{title}: n={report['n']}  {main}={report[main]:.3f}  micro_f1={report['micro_f1']:.3f}  "
             f"macro_f1={report['macro_f1']:.3f}  weighted_f1={report['weighted_f1']:.3f}",
             "  class                            P      R      F1   support"]
    for c, m in report["per_class"].items():
        lines.append(f"  {c:30s} {m['precision']:.3f}  {m['recall']:.3f}  {m['f1']:.3f}  {m['support']}")
    confusion = report["confusion"]
    top = sorted(((g, p, n) for g, row in confusion.items() for p, n in row.items() if g != p), key=lambda x: -x[2])
    lines.append("  most confused (gold -> predicted): " + ", ".join(f"{g}->{p} ({n})" for g, p, n in top[:8]))
    note = skipped_note(skipped)
    if note:
        lines.append(note)
    return "\n".join(lines)
