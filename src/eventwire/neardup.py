"""Near-duplicate stories: the same wire story on twenty sites, with another headline or small edits.

A story's signature is a MinHash of its word 5-shingles (128 hash functions); the Jaccard similarity of two
stories' shingle sets is estimated by the share of equal signature values. Two stories are one when their
similarity is at least :data:`NEAR_DUPLICATE`, or when the shorter is a shortened copy of the longer: at least
:data:`CONTAINED` of its shingles are in the longer one (estimated from the similarity and the two set sizes) and it
has at least :data:`MIN_SHARE` of the longer one's shingles. Locality-sensitive hashing cuts the signature into 32
bands of 4 values and two stories that share a band are candidates: a pair at similarity 0.7 is a candidate with
probability 0.9997, at 0.5 (a copy of the first half) 0.87, and two distinct stories of the bundled set (at most
0.24) are candidates with probability under 0.11 and then rejected. The store keeps the bands in an indexed table,
so the check is a few index reads at ingest, across processes and on either back end. benchmarks/bench_neardup.py
measures it.

Written here with NumPy rather than taken from datasketch, whose MinHash is the same method but brings SciPy along.

>>> a = signature("Gunmen ambushed a Malian army convoy near the border with Niger on Tuesday, killing 12 soldiers.")
>>> b = signature("Gunmen ambushed a Malian army convoy near the border with Niger on Tuesday, killing 12 troops.")
>>> c = signature("The central bank left interest rates unchanged on Thursday, citing slowing inflation.")
>>> similarity(a, b) > similarity(a, c)
True
>>> similarity(a, a)
1.0
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

NUM_PERM = 128
BANDS, ROWS = 32, 4
SHINGLE = 5
NEAR_DUPLICATE = 0.7
"""Estimated Jaccard similarity of 5-shingles at or above which two stories are one story."""
CONTAINED = 0.9
"""Share of the shorter story's shingles found in the longer at or above which the shorter is a shortened copy..."""
MIN_SHARE = 0.3
"""... provided it has at least this share of the longer story's shingles (a brief is not a copy of a long report)."""

_PRIME = np.uint64((1 << 61) - 1)
_MASK = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(61)
_rng = np.random.RandomState(20251206)  # fixed: signatures must not change between runs or machines
_A = _rng.randint(1, 1 << 31, size=NUM_PERM, dtype=np.int64).astype(np.uint64)
_B = _rng.randint(0, 1 << 31, size=NUM_PERM, dtype=np.int64).astype(np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The story's lower-cased word ``size``-grams (its words, when it has fewer)."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return set(map(" ".join, zip(*(words[i:] for i in range(size)), strict=False)))  # the last word ends them


def signature(text: str) -> np.ndarray:
    """The MinHash signature of ``text``: ``NUM_PERM`` unsigned 32-bit values."""
    return fingerprint(text)[0]


def fingerprint(text: str) -> tuple[np.ndarray, int]:
    """The signature of ``text`` and how many distinct shingles it has (what :func:`same_story` compares), from one
    pass over its words."""
    grams = shingles(text)
    return _minhash(grams), len(grams)


def _minhash(grams: set[str]) -> np.ndarray:
    if not grams:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    blake2b = hashlib.blake2b
    hashes = np.frombuffer(b"".join([blake2b(g.encode(), digest_size=4).digest() for g in grams]),
                           dtype="<u4").astype(np.uint64)
    # (a * h + b) mod p, for every hash function at once; h < 2**32 and a < 2**31 keep the sum below 2**63. The
    # modulo of a Mersenne prime without a division: x mod p = (x & p) + (x >> 61), less p once if that reaches p
    # (then x - p wraps round to more than x, so the smaller of the two is the one wanted).
    values = np.outer(hashes, _A)
    values += _B
    values = (values & _PRIME) + (values >> _SHIFT)
    values = np.minimum(values, values - _PRIME)
    values &= _MASK
    return values.min(axis=0).astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two stories' shingles."""
    return float(np.mean(a == b))


def same_story(a: np.ndarray, size_a: int, b: np.ndarray, size_b: int) -> float | None:
    """The similarity of two signatures (with their shingle counts) if they are one story, else None.

    >>> full = "The army said its troops had retaken the town after three days of fighting with the rebels. " * 3
    >>> a, b = signature(full + "Officials said at least 40 people had been killed."), signature(full)
    >>> same_story(a, len(shingles(full)) + 9, b, len(shingles(full))) is not None
    True
    """
    sim = similarity(a, b)
    if sim >= NEAR_DUPLICATE:
        return sim
    small, large = sorted((max(size_a, 1), max(size_b, 1)))
    shared = sim * (small + large) / (1 + sim)  # |A & B| from J = |A & B| / |A | B|
    if shared / small >= CONTAINED and small / large >= MIN_SHARE:
        return sim
    return None


def bands(sig: np.ndarray) -> list[int]:
    """One 63-bit key per band of ``ROWS`` values (stories that share a key are candidates)."""
    out = []
    for i in range(BANDS):
        digest = hashlib.blake2b(sig[i * ROWS:(i + 1) * ROWS].tobytes(), digest_size=8).digest()
        out.append(int.from_bytes(digest, "little") >> 1)
    return out


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)
