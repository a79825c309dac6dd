"""``eval quotes polnear DIR``: attribution extraction scored on PolNeAR (brat standoff), as citron scores PARC.

Each article has a ``text/NAME.txt`` and one ``attributions/NAME_<annotator>.ann`` per annotator; the first
(sorted by name) is used. T lines hold Source, Cue and Content spans (``start end;start end`` for discontinuous
ones); E lines tie them into attributions. Other labels (Attribution, Discard, Discuss) are not scored, and an
attribution with no source ("Attribution-no-source") is scored for its cue and content only.

Scores, per role (source, cue, content), pooled over documents:

- **exact**, per attribution: a predicted cue equal to a gold cue; a predicted source (content) equal to the
  source (content) of a gold attribution whose cue the predicted cue overlaps;
- **overlap**, over tokens (spaCy's, as citron counts them): precision is the share of predicted tokens inside
  gold spans, recall the share of gold tokens predicted; ``char_overlap`` is the same over characters;
- **speaker accuracy**: over gold attributions whose source names a person (by eventwire's NER), the share
  for which eventwire finds the attribution (a cue overlapping the gold cue, or the same content) with a
  source overlapping the gold source (any such prediction counts: two predictions may share a cue); also
  the same share over the attributions found, which separates speaker resolution from recall.
"""

from __future__ import annotations

from pathlib import Path

from .metrics import PRF, span_prf
from .report import EvalResult, count, skipped_note

ROLES = ("source", "cue", "content")
Spans = list[list[int]]


def read_ann(path: Path, skipped: dict[str, int]) -> list[dict[str, Spans]]:
    """The attributions of one .ann file as ``{source, cue, content}`` lists of ``[start, end]``."""
    spans: dict[str, tuple[str, Spans]] = {}
    relations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                count(skipped, "skipped: malformed T line")
                continue
            label, _, offsets = parts[1].partition(" ")
            try:
                pieces = [[int(x) for x in piece.split()] for piece in offsets.split(";")]
            except ValueError:
                count(skipped, "skipped: malformed offsets")
                continue
            spans[parts[0]] = (label, [p for p in pieces if len(p) == 2])
        elif line.startswith("E"):
            relations.append(line.split("\t")[1] if "\t" in line else "")
    out = []
    for rel in relations:
        att: dict[str, Spans] = {r: [] for r in ROLES}
        for arg in rel.split():
            role, _, tid = arg.partition(":")
            role = role.lower().rstrip("0123456789")
            if role in ROLES and tid in spans:
                att[role] += spans[tid][1]
        if att["cue"] or att["content"]:
            out.append(att)
        else:
            count(skipped, "skipped: relation without cue or content")
    return out


def _first_ann(folder: Path, stem: str) -> Path | None:
    candidates = sorted(folder.glob(f"{stem}_*.ann"))
    return candidates[0] if candidates else None


def evaluate_polnear(path: str, *, nlp=None, gazetteer=None, limit: int | None = None) -> EvalResult:
    from ..geo import load_gazetteer
    from ..pipeline import find_entities
    from ..pipeline.nlp import load_spacy
    from ..pipeline.quotes import find_attributions

    nlp = nlp or load_spacy()
    gazetteer = gazetteer or load_gazetteer()
    root = Path(path)
    if not (root / "text").is_dir() and (root / "dev" / "text").is_dir():
        root = root / "dev"  # the corpus folder was given: score its dev split
    skipped: dict[str, int] = {}
    items = []
    for txt in sorted((root / "text").glob("*.txt")):
        ann = _first_ann(root / "attributions", txt.stem)
        if ann is None:
            count(skipped, "skipped: article with no .ann")
            continue
        items.append((txt.stem, txt.read_text(encoding="utf-8"), read_ann(ann, skipped)))
    items = items[:limit]

    exact = {r: [0, 0, 0] for r in ROLES}
    overlap = {r: [0, 0, 0] for r in ROLES}
    char_overlap = {r: [0, 0, 0] for r in ROLES}
    named_total = named_right = named_found = 0
    predictions = []
    for (stem, _text, gold), doc in zip(items, nlp.pipe(t for _, t, _ in items), strict=True):
        pred = as_polnear(find_attributions(doc))
        tokens = [(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
        for role in ROLES:
            tp, fp, fn = exact_counts(gold, pred, role)
            exact[role][0] += tp
            exact[role][1] += fp
            exact[role][2] += fn
            g = [tuple(s) for a in gold for s in a[role]]
            p = [tuple(s) for a in pred for s in a[role]]
            for counts, units in ((overlap, tokens), (char_overlap, None)):
                o = span_prf(g, p, mode="overlap", tokens=units)
                counts[role][0] += o.tp
                counts[role][1] += o.fp
                counts[role][2] += o.fn
        # Speaker accuracy on attributions whose source names a person.
        persons = [(s, e) for ent in find_entities(doc, gazetteer) if ent.type == "PERSON"
                   for s, e in ent.mentions]
        for a in gold:
            if not a["source"] or not any(gs <= s and e <= ge for gs, ge in a["source"] for s, e in persons):
                continue
            named_total += 1
            same = [p for p in pred if _overlaps(p["cue"], a["cue"]) or p["content"] == a["content"]]
            named_found += bool(same)
            named_right += any(_overlaps(p["source"], a["source"]) for p in same)
        predictions.append({"id": stem, "gold": gold, "predicted": pred, "tokens": tokens})

    def prf(c: list) -> dict:
        return PRF(*c).as_dict()

    metrics = {
        "exact": {r: prf(exact[r]) for r in ROLES},
        "overlap": {r: prf(overlap[r]) for r in ROLES},
        "char_overlap": {r: prf(char_overlap[r]) for r in ROLES},
        "speaker_accuracy_named_person": round(named_right / named_total, 4) if named_total else None,
        "n_named_person_attributions": named_total,
        "n_named_person_attributions_found": named_found,
        "speaker_accuracy_named_person_found": round(named_right / named_found, 4) if named_found else None,
        "documents": len(items),
        "gold_attributions": sum(len(g) for _, _, g in items),
        "predicted_attributions": sum(len(p["predicted"]) for p in predictions),
        "skipped": skipped,
    }
    lines = [f"PolNeAR attributions: {len(items)} documents, {metrics['gold_attributions']} gold, "
             f"{metrics['predicted_attributions']} predicted",
             "  role      exact P / R / F1        token overlap P / R / F1"]
    for r in ROLES:
        e, o = metrics["exact"][r], metrics["overlap"][r]
        lines.append(f"  {r:8s}  {e['precision']:.3f} / {e['recall']:.3f} / {e['f1']:.3f}   "
                     f"{o['precision']:.3f} / {o['recall']:.3f} / {o['f1']:.3f}")
    lines.append(f"  speaker accuracy, named persons: {metrics['speaker_accuracy_named_person']} (n={named_total}); "
                 f"of those found: {metrics['speaker_accuracy_named_person_found']} (n={named_found})")
    note = skipped_note(skipped)
    if note:
        lines.append(note)
    return EvalResult(task="quotes", dataset="polnear", n=metrics["gold_attributions"], metrics=metrics,
                      predictions=predictions, report="\n".join(lines))


def as_polnear(found: list) -> list[dict[str, Spans]]:
    """eventwire's attributions in PolNeAR's shape. A quotation that continues an earlier attribution ('"...," he
    said. "More."') is one more content span of that attribution, as PolNeAR marks it, not an attribution of its
    own."""
    out: dict[int, dict[str, Spans]] = {}
    for a in found:
        head = a.extra.get("continues")
        if head is not None and id(head) in out:
            out[id(head)]["content"].append(list(a.content))
            continue
        out[id(a)] = {"source": [list(a.source)] if a.source else [], "cue": [list(a.cue)] if a.cue else [],
                      "content": [list(a.content)]}
    return list(out.values())


def exact_counts(gold: list[dict[str, Spans]], pred: list[dict[str, Spans]], role: str) -> tuple[int, int, int]:
    """Exact-match true positives, false positives and false negatives for one role, per attribution, as
    citron counts them: a cue matches an equal gold cue; a source or content matches an equal gold one of an
    attribution whose cue the prediction's cue overlaps.

    >>> g = [{"source": [[0, 5]], "cue": [[6, 10]], "content": [[11, 20]]}]
    >>> p = [{"source": [[0, 5]], "cue": [[6, 10]], "content": [[11, 18]]}]
    >>> exact_counts(g, p, "source"), exact_counts(g, p, "content")
    ((1, 0, 0), (0, 1, 1))
    """
    if role == "cue":
        def same(p: dict, g: dict) -> bool:
            return bool(p["cue"]) and p["cue"] == g["cue"]
    else:
        def same(p: dict, g: dict) -> bool:
            return _overlaps(p["cue"], g["cue"]) and p[role] == g[role]
    tp = sum(any(same(p, g) for g in gold) for p in pred)
    fn = sum(not any(same(p, g) for p in pred) for g in gold)
    return tp, len(pred) - tp, fn


def _overlaps(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


