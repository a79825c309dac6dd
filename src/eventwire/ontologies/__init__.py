"""Event ontologies as data: PLOVER types with their CAMEO roots and ACLED view, and the trigger lexicon.

Files (``eventwire/ontologies/*.tsv``) carry their source and licence in their header; they are validated on
load, and an error names the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError


@dataclass(frozen=True, slots=True)
class PloverType:
    name: str
    quad_class: str
    cameo_root: str
    acled_event_type: str | None
    acled_sub_event_type: str | None


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    pos: str  # "v" or "n"
    type: str
    acled_event_type: str | None
    acled_sub_event_type: str | None


def _rows(name: str, columns: int):
    text = resources.files("eventwire.ontologies").joinpath(name).read_text(encoding="utf-8")
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < columns:
            raise ConfigError(f"expected at least {columns} tab-separated columns", source=f"ontologies/{name}",
                              line=lineno)
        yield lineno, [c.strip() for c in cols]


@lru_cache(maxsize=1)
def plover_types() -> dict[str, PloverType]:
    """The 16 PLOVER types by name."""
    out = {}
    for _, c in _rows("plover.tsv", 3):
        c += [""] * (6 - len(c))
        out[c[0]] = PloverType(c[0], c[1], c[2], c[3] or None, c[4] or None)
    return out


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], Trigger]:
    """Trigger lexicon by (lemma, pos); every type it names must be a PLOVER type."""
    types = plover_types()
    out = {}
    for lineno, c in _rows("triggers.tsv", 3):
        c += [""] * (5 - len(c))
        if c[2] not in types or c[1] not in ("v", "n"):
            raise ConfigError(f"unknown type {c[2]!r} or part of speech {c[1]!r}; types: {', '.join(types)}",
                              source="ontologies/triggers.tsv", line=lineno)
        out[(c[0], c[1])] = Trigger(c[0], c[1], c[2], c[3] or None, c[4] or None)
    return out


SECTORS = {
    "GOV": "government", "MIL": "military", "REB": "rebels", "COP": "police", "CVL": "civilians",
    "OPP": "opposition", "JUD": "judiciary", "LEG": "legislature", "MED": "medical", "JRN": "media",
    "REL": "religious", "BUS": "business", "CRM": "criminal", "EDU": "education", "UAF": "unidentified armed force",
    "SPY": "intelligence", "NGO": "non-governmental organisation", "IGO": "intergovernmental organisation",
    "AGR": "agriculture", "LAB": "labour", "PTY": "political party", "ELI": "elite", "REF": "refugees",
    "HLH": "health", "ENV": "environment", "MOD": "moderate", "RAD": "radical", "NON": "none",
}


@lru_cache(maxsize=1)
def agents() -> dict[str, tuple[str, ...]]:
    """Agent nouns (lowercase, 1-4 words) -> PLOVER/CAMEO sector codes, from ``agents.tsv`` (MIT)."""
    return {c[0]: tuple(x for x in c[1].split(",") if x) for _, c in _rows("agents.tsv", 2)}
