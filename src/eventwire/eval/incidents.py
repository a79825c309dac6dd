"""Cross-story events on the Gun Violence Corpus: do the stories of one incident end up in one incident?

GVC groups US news articles by the gun-violence incident they report (Gun Violence Archive id). Every article is
read by the pipeline and stored, in order of publication, into a fresh store, where each event is joined to the
incident of a matching event of another story, or opens one (eventwire.store.incidents). Two articles are put
together when any of their events share an incident; their groups are compared with the gold incidents by pairwise
and B-cubed precision, recall and F1 over articles. A third of the incidents is sealed by hash (never read).

The format is uCDCR's simplified CoNLL (``output_data/{val,test}/dataset.conll``): document key
``0/<incident>/<doc id>``, sentence id, token id, token; sentence 0 is the document's date, sentence 1 its title.
"""

from __future__ import annotations

import itertools
import re
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..model import InputRef
from .metrics import components, sealed
from .report import EvalResult, count, skipped_note

_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}'’”]|n't|'s|'re|'ve|'ll|'d|'m)(?=\s|$)")
_NO_SPACE_AFTER = re.compile(r"([(\[{“$]) ")


def detokenize(tokens: list[str]) -> str:
    """Tokens back to text (GVC has no character offsets).

    >>> detokenize(["Police", ":", "Man", "killed", ",", "\\"", "officials", "say", "."])
    'Police: Man killed, " officials say.'
    """
    text = " ".join(tokens)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    return _NO_SPACE_AFTER.sub(r"\1", text)


def load_gvc(path: str | Path, skipped: dict[str, int] | None = None) -> list[dict[str, Any]]:
    """The articles of every ``dataset.conll`` under ``path``: id, incident, date, title and text."""
    skipped = {} if skipped is None else skipped
    files = sorted(Path(path).rglob("dataset.conll")) if Path(path).is_dir() else [Path(path)]
    docs: list[dict[str, Any]] = []
    for file in files:
        current: dict[str, Any] | None = None
        sentences: dict[int, list[str]] = defaultdict(list)
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.startswith("#begin document"):
                key = line[line.index("(") + 1:line.index(")")]
                parts = key.split("/")
                if len(parts) != 3:
                    count(skipped, "documents with a malformed key")
                    current = None
                    continue
                current, sentences = {"key": key, "incident": parts[1], "id": parts[2]}, defaultdict(list)
            elif line.startswith("#end document"):
                if current is not None:
                    docs.append(_document(current, sentences, skipped))
                current = None
            elif line.strip() and current is not None:
                cols = line.split("\t")
                if len(cols) < 4 or not cols[1].isdigit():
                    count(skipped, "malformed token rows")
                    continue
                sentences[int(cols[1])].append(cols[3])
    return [d for d in docs if d is not None]


def _document(doc: dict[str, Any], sentences: dict[int, list[str]], skipped: dict[str, int]) -> dict[str, Any]:
    date = " ".join(sentences.get(0, [])).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        count(skipped, "documents without a date (kept, undated)")
        date = None
    body = [detokenize(sentences[i]).replace("//n", "\n") for i in sorted(sentences) if i > 1]
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", " ".join(body)).strip()
    return {**doc, "published": date, "title": detokenize(sentences.get(1, [])).replace("//n", " ").strip(),
            "text": text}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def cluster_scores(gold: dict[str, str], predicted: dict[str, int]) -> dict[str, float]:
    """Pairwise and B-cubed precision, recall and F1 of a clustering of items against gold clusters.

    >>> s = cluster_scores({"a": "x", "b": "x", "c": "y"}, {"a": 0, "b": 0, "c": 0})
    >>> s["pair_precision"], s["pair_recall"], s["b3_recall"]
    (0.333, 1.0, 1.0)
    """
    ids = sorted(gold)
    if not ids:
        return dict.fromkeys(("pair_precision", "pair_recall", "pair_f1", "b3_precision", "b3_recall", "b3_f1",
                              "gold_pairs", "predicted_pairs"))
    same_gold = {(a, b) for a, b in itertools.combinations(ids, 2) if gold[a] == gold[b]}
    same_pred = {(a, b) for a, b in itertools.combinations(ids, 2) if predicted[a] == predicted[b]}
    tp = len(same_gold & same_pred)
    p = tp / len(same_pred) if same_pred else 1.0
    r = tp / len(same_gold) if same_gold else 1.0
    b3p = b3r = 0.0
    for i in ids:
        g = {j for j in ids if gold[j] == gold[i]}
        q = {j for j in ids if predicted[j] == predicted[i]}
        b3p += len(g & q) / len(q)
        b3r += len(g & q) / len(g)
    b3p, b3r = b3p / len(ids), b3r / len(ids)
    return {"pair_precision": round(p, 3), "pair_recall": round(r, 3), "pair_f1": round(_f1(p, r), 3),
            "b3_precision": round(b3p, 3), "b3_recall": round(b3r, 3), "b3_f1": round(_f1(b3p, b3r), 3),
            "gold_pairs": len(same_gold), "predicted_pairs": len(same_pred)}


def evaluate_gvc(path: str, pipeline=None) -> EvalResult:
    """Group GVC's articles by the incidents eventwire joins their events into; score against the gold incidents."""
    from ..readers.article import build_article
    from ..store import Store

    if pipeline is None:
        from .. import load_pipeline

        pipeline = load_pipeline()
    skipped: dict[str, int] = {}
    docs = sorted(load_gvc(path, skipped), key=lambda d: (d["published"] or "", d["id"]))
    articles = [build_article(d["text"], input_ref=InputRef(path=str(path), entry=i), title=d["title"],
                              url=f"gvc:{d['id']}", published=d["published"], source="GVC", languages=None)
                for i, d in enumerate(docs)]
    with tempfile.TemporaryDirectory() as tmp, Store.open(f"{tmp}/gvc.db") as store:
        for record in pipeline.process(articles):
            if record.id is None:
                count(skipped, "documents the pipeline could not read")
            elif store.add(record) == "duplicate":
                count(skipped, "documents stored as near-duplicates of another (grouped with it)")
        story_of = store.stories_by_url()  # a near-duplicate's URL points at the story it copies
        by_story: dict[str, set[int]] = defaultdict(set)
        for event in store.iter_events():
            if event["incident_id"] is not None:
                by_story[event["story_id"]].add(event["incident_id"])
    links = {d["id"]: by_story.get(story_of.get(f"gvc:{d['id']}", ""), set()) for d in docs}
    ids = [d["id"] for d in docs]
    pairs = {(a, b) for a, b in itertools.combinations(ids, 2) if links[a] & links[b]}
    predicted = components(pairs, ids)
    gold = {d["id"]: d["incident"] for d in docs}
    fold = {d["id"]: "sealed" if sealed(d["incident"]) else "dev" for d in docs}
    same_day = components({(a, b) for a, b in itertools.combinations(ids, 2)
                          if docs[ids.index(a)]["published"] == docs[ids.index(b)]["published"]}, ids)
    metrics: dict[str, Any] = {}
    for name in ("all", "dev", "sealed"):
        keep = [i for i in ids if name == "all" or fold[i] == name]
        metrics[name] = {"documents": len(keep), "incidents": len({gold[i] for i in keep}),
                         **cluster_scores({i: gold[i] for i in keep}, {i: predicted[i] for i in keep}),
                         "baseline_same_day": cluster_scores({i: gold[i] for i in keep},
                                                             {i: same_day[i] for i in keep})["pair_f1"]}
    predictions = [{"id": d["id"], "fold": fold[d["id"]], "gold": d["incident"], "predicted": predicted[d["id"]],
                    "incidents": sorted(links[d["id"]]), "published": d["published"]} for d in docs]
    lines = [f"Incidents: GVC {Path(path).name} ({len(docs)} articles; articles grouped when their events share an "
             "incident; docs/benchmarks.md#incidents)"]
    for name in ("all", "dev", "sealed"):
        m = metrics[name]
        lines.append(f"  {name:6} {m['documents']:3} articles, {m['incidents']:3} incidents: pairwise P "
                     f"{m['pair_precision']} R {m['pair_recall']} F1 {m['pair_f1']}; B3 P {m['b3_precision']} R "
                     f"{m['b3_recall']} F1 {m['b3_f1']} (same-day baseline pairwise F1 {m['baseline_same_day']})")
    note = skipped_note(skipped)
    if note:
        lines.append(note)
    return EvalResult(task="incidents", dataset="gvc", n=len(docs), metrics=metrics, predictions=predictions,
                      report="\n".join(lines))
