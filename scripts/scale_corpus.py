"""Assemble the scale corpus: every real news text in ../shared, as one JSON Lines file that `eventwire ingest`
reads, kept out of the repository (the texts may not be redistributed; only the VOA stories may).

    python scripts/scale_corpus.py -o /tmp/scale.jsonl                      # the real texts, about 6,400
    python scripts/scale_corpus.py -o /tmp/scale-100k.jsonl --size 100000   # spliced up to 100,000 stories
    python scripts/scale_corpus.py -o /tmp/s400.jsonl --sample 400 --from /tmp/scale.jsonl   # a benchmark sample

Sources (each line keeps its origin in ``corpus``):
  voa     the 89 bundled VOA stories (US government works, public domain)
  polnear the PolNeAR articles, train and dev (US political news, 2015-2016)
  ipe     the IndiaPoliceEvents documents (Times of India), their mis-decoded UTF-8 repaired
  lgl     the LGL articles (US local news)
  gwn     the GeoWebNews articles
  ngec    the NGEC synthetic stories (written by a language model, labelled as synthetic in their disclaimer)

``--size N`` above the real count adds *spliced* stories: the first half of the paragraphs (or sentences) of one
real story followed by the second half of another's, under a new id. A splice shares about a third of its word
5-grams with either parent, below what the store takes for a copy (docs/store.md), so each is extracted as a new
story; real stories are never altered. Figures measured on a spliced corpus must say so.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def voa() -> Iterator[dict]:
    for line in (ROOT / "examples" / "voa" / "voa_stories.jsonl").read_text(encoding="utf-8").splitlines():
        story = json.loads(line)
        yield {**story, "corpus": "voa"}


def polnear() -> Iterator[dict]:
    base = DATA / "quotes" / "polnear"
    meta = {}
    with (base / "metadata.tsv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            meta[row["filename"]] = row
    for part in ("train", "dev"):
        for path in sorted((base / part / "text").glob("*.txt")):
            m = meta.get(path.stem, {})
            yield {"title": m.get("title"), "text": path.read_text(encoding="utf-8"), "source": m.get("publisher"),
                   "published": m.get("publication_date"), "corpus": "polnear", "origin": f"{part}/{path.name}"}


def _repair(text: str) -> str:
    """Text decoded as cp1252 that was UTF-8 (â€™ for ’), put right where that is what happened."""
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def ipe() -> Iterator[dict]:
    csv.field_size_limit(sys.maxsize)
    with (DATA / "events" / "india-police-events" / "docs.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            yield {"text": _repair(row["doc_text"]), "source": "Times of India", "corpus": "ipe",
                   "origin": row["doc_id"]}


def _xml_articles(path: Path, corpus: str, key: str) -> Iterator[dict]:
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        if text.strip():
            yield {"text": text, "corpus": corpus, "origin": art.get(key)}


def lgl() -> Iterator[dict]:
    return _xml_articles(DATA / "geo" / "lgl" / "lgl.xml", "lgl", "docid")


def gwn() -> Iterator[dict]:
    return _xml_articles(DATA / "geo" / "geowebnews" / "GWN.xml", "gwn", "file")


def ngec() -> Iterator[dict]:
    path = DATA / "events" / "ngec-synthetic-and-codebook" / "gpt_synthetic_events_2023-10-19_19.csv.zip"
    with zipfile.ZipFile(path) as z, z.open(z.namelist()[0]) as raw:
        for i, row in enumerate(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))):
            if row.get("text", "").strip():
                yield {"title": row.get("title"), "text": row["text"], "source": row.get("source"),
                       "corpus": "ngec", "origin": str(i)}


def sample(corpus: Path, n: int, out: Path) -> tuple[int, int]:
    """Every k-th line of ``corpus`` into ``out``, about ``n`` of them; returns (stories, words)."""
    with corpus.open(encoding="utf-8") as f:
        total = sum(1 for _ in f)
    step = max(1, total // n)
    stories = words = 0
    with corpus.open(encoding="utf-8") as f, out.open("w", encoding="utf-8") as o:
        for i, line in enumerate(f):
            if i % step == 0 and stories < n:
                o.write(line)
                stories += 1
                words += len(_WORD.findall(json.loads(line)["text"]))
    return stories, words


_WORD = re.compile(r"\w+")


SOURCES = {"voa": voa, "polnear": polnear, "ipe": ipe, "lgl": lgl, "gwn": gwn, "ngec": ngec}


def _halves(text: str) -> tuple[str, str]:
    parts = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(parts) < 2:
        parts = re.split(r"(?<=[.!?])\s+", text)
    cut = max(1, len(parts) // 2)
    joiner = "\n\n" if "\n\n" in text else " "
    return joiner.join(parts[:cut]), joiner.join(parts[cut:])


def splice(a: dict, b: dict, n: int) -> dict:
    """A new story: the first half of ``a`` and the second half of ``b``."""
    head, tail = _halves(a["text"])[0], _halves(b["text"])[1]
    origin = "+".join(f"{s['corpus']}:{s.get('origin') or s.get('url')}" for s in (a, b))
    return {"title": a.get("title"), "text": f"{head}\n\n{tail}".strip(), "source": a.get("source"),
            "published": a.get("published"), "url": f"https://scale.invalid/splice/{n}", "corpus": "splice",
            "origin": origin}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", required=True, type=Path)
    parser.add_argument("--size", type=int, default=0, help="pad with spliced stories up to this many lines")
    parser.add_argument("--only", action="append", choices=sorted(SOURCES), help="these sources only")
    parser.add_argument("--sample", type=int, metavar="N", help="instead: every k-th line of the corpus file given "
                        "by --from, about N of them, into --output (the benchmarks' samples)")
    parser.add_argument("--from", dest="source", type=Path, help="with --sample: the corpus file to sample")
    args = parser.parse_args()
    if args.sample:
        if not args.source:
            parser.error("--sample needs --from CORPUS.jsonl")
        stories, words = sample(args.source, args.sample, args.output)
        print(json.dumps({"output": str(args.output), "stories": stories, "words": words}))
        return
    if not DATA.is_dir():
        parser.error(f"{DATA} is missing: the corpus is made from ../shared")
    real = [story for name, read in SOURCES.items() if not args.only or name in args.only for story in read()]
    rng = random.Random(18)
    counts: dict[str, int] = {}
    with args.output.open("w", encoding="utf-8") as out:
        for story in real:
            out.write(json.dumps(story, ensure_ascii=False) + "\n")
            counts[story["corpus"]] = counts.get(story["corpus"], 0) + 1
        for n in range(max(0, args.size - len(real))):
            out.write(json.dumps(splice(rng.choice(real), rng.choice(real), n), ensure_ascii=False) + "\n")
            counts["splice"] = counts.get("splice", 0) + 1
    print(json.dumps({"output": str(args.output), "stories": sum(counts.values()), "by_corpus": counts}))


if __name__ == "__main__":
    main()
