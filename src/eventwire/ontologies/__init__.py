"""Event ontologies as data: PLOVER types with their CAMEO roots and ACLED view, the trigger lexicon, and the word
classes the stage rules read (``lexicon.tsv``, through :func:`words`).

Files (``eventwire/ontologies/*.tsv``) carry their source and licence in their header; they are validated on
load, and an error names the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
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
    pos: str  # "v" or "n"; "phrase" for a verb or noun read in context (a rule of event_rules.toml)
    type: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    rule: str | None = None  # the id of the rule that read it in context


def _rows(name: str, columns: int):
    return _split(resources.files("eventwire.ontologies").joinpath(name).read_text(encoding="utf-8"), name, columns)


def _split(text: str, name: str, columns: int):
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


@dataclass(frozen=True, slots=True)
class Slot:
    """One word position of a CAMEO pattern: words matched whole, and words that also match the words they begin
    (four letters or more; the dictionary marks whole-word-only entries with a final ``_``)."""

    words: frozenset[str]
    prefixes: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Slot:
        alts = text.split("|")
        return cls(frozenset(a.rstrip("_") for a in alts),
                   tuple(a for a in alts if not a.endswith("_") and len(a) >= 4))


@dataclass(frozen=True, slots=True)
class CameoPattern:
    """One CAMEO verb pattern: the verb, a particle it needs, the word slots before and after it, and the code
    ("---" when the pattern rules the event out)."""

    verb: str
    particle: str
    before: tuple[Slot, ...]
    after: tuple[Slot, ...]
    code: str

    @property
    def size(self) -> int:
        return len(self.before) + len(self.after) + bool(self.particle)


@dataclass(frozen=True, slots=True)
class PloverCode:
    type: str
    mode: str | None
    context: str | None


def _slots(text: str) -> tuple[Slot, ...]:
    return tuple(Slot.parse(s) for s in text.split())


@lru_cache(maxsize=1)
def cameo_verbs() -> dict[str, tuple[CameoPattern, ...]]:
    """CAMEO verb patterns by verb, most specific first (``cameo_verbs.tsv``, MIT, from PETRARCH2)."""
    out: dict[str, list[CameoPattern]] = {}
    for lineno, c in _rows("cameo_verbs.tsv", 5):
        if not (c[4].isdigit() or c[4] == "---"):
            raise ConfigError(f"bad CAMEO code {c[4]!r}", source="ontologies/cameo_verbs.tsv", line=lineno)
        out.setdefault(c[0], []).append(CameoPattern(c[0], c[1], _slots(c[2]), _slots(c[3]), c[4]))
    return {verb: tuple(sorted(pats, key=lambda p: -p.size)) for verb, pats in out.items()}


@lru_cache(maxsize=1)
def cameo_to_plover() -> dict[str, PloverCode]:
    """CAMEO codes -> PLOVER type, mode and context (``cameo2plover.tsv``, CC BY-SA 4.0)."""
    types = plover_types()
    out = {}
    for lineno, c in _rows("cameo2plover.tsv", 2):
        c += [""] * (4 - len(c))
        if c[1] not in types:
            raise ConfigError(f"unknown PLOVER type {c[1]!r}", source="ontologies/cameo2plover.tsv", line=lineno)
        out[c[0]] = PloverCode(c[1], c[2] or None, c[3] or None)
    return out


def plover_for_cameo(code: str) -> PloverCode | None:
    """The PLOVER reading of a CAMEO code: its own row, else its parent's (1234 → 123 → 12)."""
    table = cameo_to_plover()
    for k in range(len(code), 1, -1):
        if code[:k] in table:
            return table[code[:k]]
    return None


@dataclass(frozen=True, slots=True)
class AcledRule:
    """One rule of ``acled.tsv``: the PLOVER types it applies to, its conditions, and the ACLED view it gives."""

    types: frozenset[str]
    trigger: re.Pattern | None
    before: re.Pattern | None
    sentence: re.Pattern | None
    event_type: str
    sub_event_type: str

    @property
    def is_fallback(self) -> bool:
        return self.trigger is None and self.before is None and self.sentence is None


@lru_cache(maxsize=1)
def acled_rules() -> tuple[AcledRule, ...]:
    """The ACLED-view rules in order (``acled.tsv``); a bad type or regular expression names its line."""
    types = plover_types()
    out = []
    for lineno, c in _rows("acled.tsv", 6):
        names = frozenset(t.strip() for t in c[0].split(","))
        if not names <= set(types):
            raise ConfigError(f"unknown PLOVER type in {c[0]!r}", source="ontologies/acled.tsv", line=lineno)
        try:
            patterns = [re.compile(x, re.IGNORECASE) if x else None for x in c[1:4]]
        except re.error as exc:
            raise ConfigError(f"bad regular expression: {exc}", source="ontologies/acled.tsv", line=lineno) from exc
        out.append(AcledRule(names, *patterns, c[4], c[5]))
    return tuple(out)


LEXICON = "lexicon.tsv"


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """Every word class of ``lexicon.tsv`` by name."""
    return read_lexicon(resources.files("eventwire.ontologies").joinpath(LEXICON).read_text(encoding="utf-8"))


def read_lexicon(text: str, name: str = LEXICON) -> dict[str, frozenset[str]]:
    """Word classes from the text of a lexicon file. An entry ``@CLASS`` includes a class defined above it,
    ``-@CLASS`` and ``-word`` remove entries, ``_`` joins the words of a multi-word entry; a class defined twice, a
    reference to an unknown class or a row without entries or reason raises :class:`ConfigError` naming the file
    and line."""
    out: dict[str, frozenset[str]] = {}
    for lineno, c in _split(text, name, 4):
        cls, entries = c[0], c[1].split()
        if cls in out:
            raise ConfigError(f"class {cls} is defined twice", source=f"ontologies/{name}", line=lineno)
        if not entries or not c[3]:
            raise ConfigError(f"class {cls} needs entries and a reason", source=f"ontologies/{name}", line=lineno)
        out[cls] = expand_words(entries, out, lambda missing, cls=cls, lineno=lineno: ConfigError(
            f"class {cls} refers to @{missing}, which no line above defines", source=f"ontologies/{name}",
            line=lineno))
    return out


def expand_words(entries: Iterable[str], classes: Mapping[str, frozenset[str]],
                 unknown: Callable[[str], Exception]) -> frozenset[str]:
    """A word list from its entries, in order: a word (``_`` joins a multi-word entry) or ``@CLASS`` (a class of
    ``classes``) adds, the same after ``-`` removes; ``unknown(NAME)`` is raised for a class not in ``classes``.
    The syntax of lexicon.tsv and of the rules files' word lists."""
    words: set[str] = set()
    for entry in entries:
        drop = entry.startswith("-")
        entry = entry[1:] if drop else entry
        if entry.startswith("@"):
            if entry[1:] not in classes:
                raise unknown(entry[1:])
            part = classes[entry[1:]]
        else:
            part = {entry.replace("_", " ")}
        words = words - part if drop else words | part
    return frozenset(words)


def word_class(name: str) -> frozenset[str]:
    """The entries of one word class of ``lexicon.tsv`` ("TERRITORY_NOUNS")."""
    try:
        return lexicon()[name]
    except KeyError:
        raise ConfigError(f"no word class {name!r}", source=f"ontologies/{LEXICON}") from None


def pronouns() -> dict[str, str]:
    """Personal pronouns and the kind of entity each stands for (PERSON, GROUP, ORG)."""
    return {w: kind for kind, name in (("PERSON", "PERSON_PRONOUNS"), ("GROUP", "GROUP_PRONOUNS"),
                                        ("ORG", "THING_PRONOUNS")) for w in word_class(name)}
