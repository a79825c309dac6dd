"""``eval quotes polnear DIR``: attribution extraction scored on PolNeAR (brat standoff), as citron scores PARC.

Each article has a ``text/NAME.txt`` and one ``attributions/NAME_<annotator>.ann`` per annotator; the first
(sorted by name) is used. T lines hold Source, Cue and Content spans (``start end;start end`` for discontinuous
ones); E lines tie them into attributions. Other labels (Attribution, Discard, Discuss) are not scored, and an
attribution with no source ("Attribution-no-source") is scored for its cue and content only.

Scores, per role (source, cue, content), pooled over documents:

- **exact**: a predicted span list equal to a gold one;
- **overlap**: character overlap between the union of predicted and of gold spans (precision: the share of
  predicted characters inside gold spans; recall: the share of gold characters predicted);
- **speaker accuracy**: over gold attributions whose source names a person (by eventwire's NER), the share
  for which eventwire finds the attribution (a cue overlapping the gold cue, or the same content) with a
  source overlapping the gold source.
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
    named_total = named_right = 0
    predictions = []
    for (stem, _text, gold), doc in zip(items, nlp.pipe(t for _, t, _ in items), strict=True):
        found = find_attributions(doc)
        pred = [{"source": [list(a.source)] if a.source else [], "cue": [list(a.cue)] if a.cue else [],
                 "content": [list(a.content)]} for a in found]
        for role in ROLES:
            g = {tuple(map(tuple, a[role])) for a in gold if a[role]}
            p = {tuple(map(tuple, a[role])) for a in pred if a[role]}
            exact[role][0] += len(g & p)
            exact[role][1] += len(p - g)
            exact[role][2] += len(g - p)
            o = span_prf([tuple(s) for a in gold for s in a[role]], [tuple(s) for a in pred for s in a[role]],
                         mode="overlap")
            overlap[role][0] += o.tp
            overlap[role][1] += o.fp
            overlap[role][2] += o.fn
        # Speaker accuracy on attributions whose source names a person.
        persons = [(s, e) for ent in find_entities(doc, gazetteer) if ent.type == "PERSON"
                   for s, e in ent.mentions]
        for a in gold:
            if not a["source"] or not any(gs <= s and e <= ge for gs, ge in a["source"] for s, e in persons):
                continue
            named_total += 1
            match = next((p for p in pred if _overlaps(p["cue"], a["cue"]) or p["content"] == a["content"]), None)
            named_right += bool(match and _overlaps(match["source"], a["source"]))
        predictions.append({"id": stem, "gold": gold, "predicted": pred})

    def prf(c: list) -> dict:
        return PRF(*c).as_dict()

    metrics = {
        "exact": {r: prf(exact[r]) for r in ROLES},
        "overlap": {r: prf(overlap[r]) for r in ROLES},
        "speaker_accuracy_named_person": round(named_right / named_total, 4) if named_total else None,
        "n_named_person_attributions": named_total,
        "documents": len(items),
        "gold_attributions": sum(len(g) for _, _, g in items),
        "predicted_attributions": sum(len(p["predicted"]) for p in predictions),
        "skipped": skipped,
    }
    lines = [f"PolNeAR attributions: {len(items)} documents, {metrics['gold_attributions']} gold, "
             f"{metrics['predicted_attributions']} predicted",
             "  role      exact P / R / F1        overlap P / R / F1"]
    for r in ROLES:
        e, o = metrics["exact"][r], metrics["overlap"][r]
        lines.append(f"  {r:8s}  {e['precision']:.3f} / {e['recall']:.3f} / {e['f1']:.3f}   "
                     f"{o['precision']:.3f} / {o['recall']:.3f} / {o['f1']:.3f}")
    lines.append(f"  speaker accuracy, named persons: {metrics['speaker_accuracy_named_person']} (n={named_total})")
    note = skipped_note(skipped)
    if note:
        lines.append(note)
    return EvalResult(task="quotes", dataset="polnear", n=metrics["gold_attributions"], metrics=metrics,
                      predictions=predictions, report="\n".join(lines))


def _overlaps(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


