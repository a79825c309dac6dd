"""Geoparsing evaluation: LGL, GeoWebNews and GeoVirus in the Pragmatic-Guide XML formats.

Two scores, as the issue and the literature report them:

- **gold spans**: every gold toponym is resolved by eventwire's ranker (with the story's context from its own
  NER); accuracy@161 km (gold with coordinates) and exact GeoNames id (gold with an id);
- **end to end**: eventwire finds its own toponyms; a predicted place mention is right when it overlaps a gold
  toponym and lies within 161 km of it (or has its GeoNames id, for the exact score).

Gold rows whose offsets do not match their phrase are re-anchored when the phrase is found within 30
characters (or one character off, as in GeoVirus), otherwise skipped; both are counted in the report.
MLG coordinate patches (../shared/data/geo/mlg-patches) are applied when given.
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..geo.distance import haversine_km
from .report import EvalResult, count, skipped_note

ACC_KM = 161.0  # 100 miles, the usual threshold (Gritta et al. 2018)


@dataclass
class GoldToponym:
    start: int
    end: int
    name: str
    geonames_id: int | None
    lat: float | None
    lon: float | None


@dataclass
class GeoDoc:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(el: ET.Element | None) -> float | None:
    try:
        return float(el.text) if el is not None and el.text and el.text.strip() else None
    except ValueError:
        return None


def _int(el: ET.Element | None) -> int | None:
    try:
        return int(el.text) if el is not None and el.text and el.text.strip() else None
    except ValueError:
        return None


def _anchor(text: str, start: int, end: int, name: str, skipped: dict[str, int]) -> tuple[int, int] | None:
    """Offsets that really hold ``name``: as given, one off (1-based), or found nearby; else None (counted)."""
    if text[start:end] == name:
        return start, end
    if text[start - 1:end - 1] == name:
        count(skipped, "re-anchored (offsets one off)")
        return start - 1, end - 1
    lo = max(0, start - 30)
    pos = text.find(name, lo, end + 30 + len(name))
    if pos >= 0 and name:
        count(skipped, "re-anchored (offsets off by a few characters)")
        return pos, pos + len(name)
    count(skipped, "skipped: offsets do not match the phrase")
    return None


def read_lgl(path: Path, skipped: dict[str, int]) -> list[GeoDoc]:
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        doc = GeoDoc(art.get("docid") or str(len(docs)), text)
        for tp in art.iter("toponym"):
            g = tp.find("gaztag")
            if g is None:
                count(skipped, "skipped: no gold place (no gaztag)")
                continue
            span = _anchor(text, _int(tp.find("start")) or 0, _int(tp.find("end")) or 0,
                           tp.findtext("phrase") or "", skipped)
            if span:
                doc.toponyms.append(GoldToponym(*span, tp.findtext("phrase") or "", int(g.get("geonameid") or 0)
                                                or None, _float(g.find("lat")), _float(g.find("lon"))))
        docs.append(doc)
    return docs


def read_gwn(path: Path, skipped: dict[str, int]) -> list[GeoDoc]:
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        doc = GeoDoc(art.get("file") or str(len(docs)), text)
        for tp in art.iter("toponym"):
            lat, lon = _float(tp.find("latitude")), _float(tp.find("longitude"))
            gid = _int(tp.find("geonamesID"))
            if lat is None and gid is None:
                continue  # non-locational or unresolved annotations are not geocoding gold
            name = tp.findtext("extractedName") or ""
            span = _anchor(text, _int(tp.find("start")) or 0, _int(tp.find("end")) or 0, name, skipped)
            if span:
                doc.toponyms.append(GoldToponym(*span, name, gid, lat, lon))
        docs.append(doc)
    return docs


def read_geovirus(path: Path, skipped: dict[str, int]) -> list[GeoDoc]:
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        doc = GeoDoc(art.findtext("source") or str(len(docs)), text)
        for loc in art.iter("location"):
            name = loc.findtext("name") or ""
            span = _anchor(text, _int(loc.find("start")) or 0, _int(loc.find("end")) or 0, name, skipped)
            if span:
                doc.toponyms.append(GoldToponym(*span, name, None, _float(loc.find("lat")), _float(loc.find("lon"))))
        docs.append(doc)
    return docs


def apply_patches(docs: list[GeoDoc], patch_file: Path) -> int:
    """Replace gold coordinates with the MLG (Wikidata-unified) ones where name and old point match."""
    patches: dict[tuple[str, float, float], tuple[float, float]] = {}
    for line in patch_file.read_text(encoding="utf-8").splitlines():
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != 3:
            continue
        try:
            old = [float(x) for x in cols[1].split(",")]
            new = [float(x) for x in cols[2].split(",")]
        except ValueError:
            continue
        patches[(cols[0], round(old[0], 2), round(old[1], 2))] = (new[0], new[1])
    n = 0
    for doc in docs:
        for t in doc.toponyms:
            if t.lat is None or t.lon is None:
                continue
            new = patches.get((t.name, round(t.lat, 2), round(t.lon, 2)))
            if new:
                t.lat, t.lon = new
                n += 1
    return n


READERS = {"lgl": read_lgl, "gwn": read_gwn, "geovirus": read_geovirus}
PATCHES = {"lgl": "lgl_patches.tsv", "geovirus": "GeoVirus_patches.tsv"}


def _find_file(path: Path, fmt: str) -> Path:
    if path.is_file():
        return path
    names = {"lgl": ["lgl.xml"], "gwn": ["GWN.xml"], "geovirus": ["GeoVirus.xml", "GeoVirus.sample.xml"]}[fmt]
    for name in names:
        if (path / name).exists():
            return path / name
    raise FileNotFoundError(f"{path}: no {' or '.join(names)} in this folder")


DEMONYM_TOPONYMS = frozenset({"lgl", "gwn"})


def _continent(gazetteer, adjective: str):
    """The continent an adjective names ("European" → Europe), from the gazetteer's GeoNames continents, or None."""
    best = gazetteer.best(adjective, frozenset({"region"}))
    return best if best is not None and best.geonames_id and best.country is None else None


def evaluate_geo(fmt: str, path: str, *, nlp=None, gazetteer=None, patches: str | None = None,
                 limit: int | None = None) -> EvalResult:
    """Score eventwire's geoparsing on one of the XML corpora (``fmt``: lgl, gwn or geovirus)."""
    from ..geo import load_gazetteer
    from ..geo.resolve import resolve_story
    from ..pipeline import find_entities
    from ..pipeline.nlp import load_spacy
    from ..pipeline.places import region_hint, resolve_places, story_context

    nlp = nlp or load_spacy()
    gazetteer = gazetteer or load_gazetteer()
    skipped: dict[str, int] = {}
    file = _find_file(Path(path), fmt)
    docs = READERS[fmt](file, skipped)[:limit]
    patch_path = Path(patches) if patches else Path(path if Path(path).is_dir() else file.parent).parent / \
        "mlg-patches" / PATCHES.get(fmt, "-")
    patched = apply_patches(docs, patch_path) if fmt in PATCHES and patch_path.exists() else 0

    predictions = []
    errors_km: list[float] = []
    n_coord = hits = n_id = id_hits = hits_or_id = 0
    e2e = {"gold": 0, "predicted": 0, "pred_161": 0, "gold_161": 0, "pred_exact": 0, "gold_exact": 0}
    for doc_t, doc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        entities = find_entities(doc, gazetteer)
        ctx = story_context(entities, gazetteer)
        # The gold toponyms' own countries and admin-1 units inform each other, as in the pipeline.
        resolved = resolve_story([((t.name,), region_hint(doc_t.text, t.end)) for t in doc_t.toponyms], gazetteer, ctx)
        for k, t in enumerate(doc_t.toponyms):
            p = resolved[k]
            pred = None if p is None else {"geonames_id": p.geonames_id, "lat": p.lat, "lon": p.lon}
            row = {"id": f"{doc_t.id}:{t.start}-{t.end}", "mode": "gold_spans",
                   "gold": {"name": t.name, "geonames_id": t.geonames_id, "lat": t.lat, "lon": t.lon},
                   "predicted": pred}
            same_id = bool(t.geonames_id) and p is not None and p.geonames_id == t.geonames_id
            if t.lat is not None and t.lon is not None:
                n_coord += 1
                near = False
                if p is not None and p.lat is not None and p.lon is not None:
                    km = haversine_km(t.lat, t.lon, p.lat, p.lon)
                    errors_km.append(km)
                    near = km <= ACC_KM
                    hits += near
                    row["error_km"] = round(km, 1)
                # The gold's own GeoNames entry is at the gold point: a system that reads GeoNames' points scores
                # it 0 km, where eventwire's point for a country or an admin-1 unit is its own approximation.
                hits_or_id += near or same_id
                row["same_id"] = same_id
            if t.geonames_id:
                n_id += 1
                id_hits += p is not None and p.geonames_id == t.geonames_id
            predictions.append(row)

        # End to end.
        places = resolve_places(doc, entities, gazetteer)
        pred_mentions = [(s, e, pl) for pl in places for s, e in pl.mentions]
        if fmt in DEMONYM_TOPONYMS:
            # These corpora annotate demonyms as toponyms of their country ("American" -> United States):
            # eventwire's demonym entities carry that country, so they are scored as such.
            taken = {(s, e) for s, e, _ in pred_mentions}
            for ent in entities:
                if ent.type != "NORP":
                    continue
                # a nationality is its country; a continent's adjective ("European", "African") its continent
                place = gazetteer.country(ent.country) if ent.country else _continent(gazetteer, ent.name)
                if place is not None:
                    pred_mentions += [(s, e, place) for s, e in ent.mentions if (s, e) not in taken]
            pred_mentions.sort(key=lambda m: m[0])
        gold = [t for t in doc_t.toponyms if t.lat is not None]
        e2e["gold"] += len(gold)
        e2e["predicted"] += len(pred_mentions)

        def near(pl, t) -> bool:
            return pl.lat is not None and haversine_km(t.lat, t.lon, pl.lat, pl.lon) <= ACC_KM

        for s, e, pl in pred_mentions:
            over = [t for t in gold if t.start < e and s < t.end]
            e2e["pred_161"] += any(near(pl, t) for t in over)
            e2e["pred_exact"] += any(t.geonames_id and t.geonames_id == pl.geonames_id for t in over)
        for t in gold:
            over = [pl for s, e, pl in pred_mentions if t.start < e and s < t.end]
            e2e["gold_161"] += any(near(pl, t) for pl in over)
            e2e["gold_exact"] += any(t.geonames_id and t.geonames_id == pl.geonames_id for pl in over)
        predictions.append({
            "id": doc_t.id, "mode": "end_to_end",
            "gold": [{"start": t.start, "end": t.end, "geonames_id": t.geonames_id, "lat": t.lat, "lon": t.lon}
                     for t in gold],
            "predicted": [{"start": s, "end": e, "geonames_id": pl.geonames_id, "lat": pl.lat, "lon": pl.lon}
                          for s, e, pl in pred_mentions]})

    def prf(tp_pred: int, tp_gold: int) -> dict[str, float]:
        p_ = tp_pred / e2e["predicted"] if e2e["predicted"] else 0.0
        r_ = tp_gold / e2e["gold"] if e2e["gold"] else 0.0
        return {"precision": round(p_, 4), "recall": round(r_, 4),
                "f1": round(2 * p_ * r_ / (p_ + r_), 4) if p_ + r_ else 0.0}

    metrics = {
        "gold_spans": {
            "accuracy_at_161km": round(hits / n_coord, 4) if n_coord else 0.0, "n_with_coordinates": n_coord,
            "accuracy_at_161km_or_same_id": round(hits_or_id / n_coord, 4) if n_coord else 0.0,
            "exact_geonames_id": round(id_hits / n_id, 4) if n_id else None, "n_with_geonames_id": n_id,
            "mean_error_km": round(statistics.fmean(errors_km), 1) if errors_km else None,
            "median_error_km": round(statistics.median(errors_km), 1) if errors_km else None,
            "unresolved": n_coord - len(errors_km),
        },
        "end_to_end": {"at_161km": prf(e2e["pred_161"], e2e["gold_161"]),
                       "exact_geonames_id": prf(e2e["pred_exact"], e2e["gold_exact"]),
                       "gold": e2e["gold"], "predicted": e2e["predicted"]},
        "documents": len(docs), "patched_coordinates": patched, "skipped": skipped,
    }
    g = metrics["gold_spans"]
    report = "\n".join(x for x in [
        f"Geoparsing on {fmt} ({file.name}): {len(docs)} documents, {n_coord} gold toponyms with coordinates",
        f"  gold spans: accuracy@161km {g['accuracy_at_161km']:.3f}"
        + (f", exact GeoNames id {g['exact_geonames_id']:.3f} (n={n_id})" if n_id else "")
        + f", median error {g['median_error_km']} km, unresolved {g['unresolved']}",
        f"  gold spans, the gold's own GeoNames id also counting as within 161 km: "
        f"{g['accuracy_at_161km_or_same_id']:.3f}",
        f"  end to end @161km P/R/F1: {metrics['end_to_end']['at_161km']['precision']:.3f} / "
        f"{metrics['end_to_end']['at_161km']['recall']:.3f} / {metrics['end_to_end']['at_161km']['f1']:.3f}",
        f"  end to end exact id P/R/F1: {metrics['end_to_end']['exact_geonames_id']['precision']:.3f} / "
        f"{metrics['end_to_end']['exact_geonames_id']['recall']:.3f} / "
        f"{metrics['end_to_end']['exact_geonames_id']['f1']:.3f}",
        f"  MLG coordinate patches applied: {patched}" if patched else "",
        skipped_note(skipped),
    ] if x)
    return EvalResult(task="geo", dataset=fmt, n=n_coord, metrics=metrics, predictions=predictions, report=report)
