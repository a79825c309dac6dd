"""How well near-duplicate detection tells a syndicated copy from another story.

Usage:
    python benchmarks/bench_neardup.py [--json]

Copies are made from the 89 bundled VOA stories by edits that syndication makes: (1) the same body under another
headline, (2) one sentence dropped, (3) three sentences dropped and "said" changed to "told reporters" throughout,
(4) the first half only (a shortened copy), (5) the body with an editor's paragraph added. A copy is found when a
band matches and the estimated similarity reaches the threshold, as at ingest. False positives are counted over
every pair of the 89 distinct stories. There is no gold set of real syndicated copies in ../shared; this measures the
method on edits of known size, and says so.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from eventwire import neardup

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT / "examples" / "voa" / "voa_stories.jsonl"


def edits(text: str) -> dict[str, str]:
    sentences = text.split(". ")
    k = len(sentences)
    return {
        "same body": text,
        "one sentence dropped": ". ".join(sentences[: k // 2] + sentences[k // 2 + 1:]),
        "three dropped, words changed": ". ".join(s for i, s in enumerate(sentences) if i % max(1, k // 3) != 1)
        .replace(" said", " told reporters"),
        "first half only": ". ".join(sentences[: k // 2]),
        "paragraph added": text + "\n\nThis story was updated with comments from local officials, who said the "
                                  "situation remained tense and that more information would follow later.",
    }


def found(a, b) -> bool:
    (sa, na), (sb, nb) = a, b
    shared = any(x == y for x, y in zip(neardup.bands(sa), neardup.bands(sb), strict=True))
    return shared and neardup.same_story(sa, na, sb, nb) is not None



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in VOA.read_text(encoding="utf-8").splitlines()]
    sigs = [neardup.fingerprint(t) for t in texts]
    out: dict = {"stories": len(texts), "similarity": neardup.NEAR_DUPLICATE, "contained": neardup.CONTAINED,
                 "copies": {}}
    for text, sig in zip(texts, sigs, strict=True):
        for name, copy in edits(text).items():
            other = neardup.fingerprint(copy)
            row = out["copies"].setdefault(name, {"n": 0, "found": 0, "similarity": []})
            row["n"] += 1
            row["found"] += found(sig, other)
            row["similarity"].append(round(neardup.similarity(sig[0], other[0]), 3))
    for row in out["copies"].values():
        sims = sorted(row.pop("similarity"))
        row["recall"] = round(row["found"] / row["n"], 3)
        row["median_similarity"] = sims[len(sims) // 2]
    pairs = list(itertools.combinations(range(len(texts)), 2))
    false = [(i, j) for i, j in pairs if found(sigs[i], sigs[j])]
    out["distinct_pairs"] = len(pairs)
    out["false_positives"] = len(false)
    out["max_similarity_distinct"] = max(neardup.similarity(sigs[i][0], sigs[j][0]) for i, j in pairs)
    print(json.dumps(out, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
