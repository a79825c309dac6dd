"""Coarse parts of speech, morphology and lemmas by table lookup: the annotations of the model's attribute ruler
and rule lemmatizer, set without their per-token Python work.

The English model's ``attribute_ruler`` maps each fine tag to a part of speech and morphology, with some exceptions
by word, dependency or a following word (179 patterns). spaCy runs them through its general ``Matcher``, which
builds a state per token and pattern, and sets each match through a ``Span``: on news text it takes a sixth of the
whole parse. Its ``lemmatizer`` caches only the lemmas its rules derive, not those of base forms (most nouns and
verbs), and reads each token's morphology into a dictionary to find those. Both are functions of a token's own
attributes (and, for eight two-word patterns, its neighbour's), so here:

- :class:`AttributeTable` evaluates each pattern token's test once per distinct value of each attribute it reads
  (tag, lower-case form, dependency, whether it is a space), keeps the result as a bit mask, and gives a token the
  attributes of every pattern its masks satisfy, in the ruler's order (a later pattern wins, as in spaCy);
- :class:`CachedLemmatizer` remembers the lemma of every (word, part of speech, morphology) it has lemmatised,
  however it derived it.

:func:`speed_up` swaps them in for the model's components under the same names, only where every pattern is one it
can evaluate and the lemmatizer is the English rule lemmatizer; otherwise the model's own stay. The annotations are
the same token for token (``tests/pipeline/test_attributes.py`` compares them with the model's own on whole stories).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_READ = ("TAG", "LOWER", "DEP", "IS_SPACE")
"""The token attributes the patterns may test (in this order in every key and mask table)."""


class Unsupported(ValueError):
    """A pattern uses something :class:`AttributeTable` does not evaluate (an operator, another attribute)."""


def _test(value: Any) -> tuple[frozenset | None, Callable[[Any], bool] | None]:
    """One attribute's test in a Matcher pattern: the values it accepts when it lists them (a value, ``IN``), else
    a function of the attribute's value (a string, or a bool). Tests by a string's hash or by number are not read."""
    if isinstance(value, str | bool):
        return frozenset([value]), None
    if not isinstance(value, dict) or len(value) != 1:
        raise Unsupported(f"the test {value!r}")
    ((op, arg),) = value.items()
    if op in ("IN", "NOT_IN") and isinstance(arg, list | tuple) and all(isinstance(v, str) for v in arg):
        members = frozenset(arg)
        return (members, None) if op == "IN" else (None, lambda v: v not in members)
    if op == "REGEX" and isinstance(arg, str):
        pattern = re.compile(arg)
        return None, lambda v: pattern.search(v) is not None
    raise Unsupported(f"the test {value!r}")


class AttributeTable:
    """The attribute ruler's patterns, evaluated by table. ``patterns`` are ``AttributeRuler.patterns`` (in its
    order: a pattern's position is its precedence)."""

    def __init__(self, vocab, patterns: list[dict]) -> None:
        from spacy.attrs import IDS
        from spacy.tokens._retokenize import normalize_token_attrs

        self.vocab = vocab
        self._ids = [IDS[name] for name in _READ]
        # per attribute: the pattern tokens that do not test it, those it satisfies by value, those with a test
        self._untested = [0] * len(_READ)
        self._by_value: list[dict[Any, int]] = [{} for _ in _READ]
        self._tested: list[list[tuple[int, Callable[[Any], bool]]]] = [[] for _ in _READ]
        self._count = 0
        self._singles: list[tuple[int, int]] = []  # (precedence, pattern token) of one-token patterns
        self._pairs: list[tuple[int, tuple[int, ...], int]] = []  # (precedence, pattern tokens, target offset)
        self.attrs: list[dict] = []
        for precedence, entry in enumerate(patterns):
            self.attrs.append(normalize_token_attrs(vocab, dict(entry["attrs"])))
            if "_" in entry["attrs"]:
                raise Unsupported("extension attributes")
            for pattern in entry["patterns"]:
                tokens = tuple(self._add(spec) for spec in pattern)
                offset = entry.get("index", 0)
                offset = offset if offset >= 0 else len(tokens) + offset
                if not 0 <= offset < len(tokens):
                    raise Unsupported(f"index {entry.get('index')} outside the pattern")
                if len(tokens) == 1:
                    self._singles.append((precedence, tokens[0]))
                else:
                    self._pairs.append((precedence, tokens, offset))
        self._pair_starts = 0
        for _, tokens, _ in self._pairs:
            self._pair_starts |= 1 << tokens[0]
        self._masks: list[dict[int, int]] = [{} for _ in _READ]  # per attribute: value -> tokens it satisfies
        self._merged: dict[int, dict] = {}  # mask -> the attributes its one-token patterns give

    def _add(self, spec: dict) -> int:
        n, self._count = self._count, self._count + 1
        for key in spec:
            if key not in _READ:
                raise Unsupported(f"the attribute {key}")
        for column, key in enumerate(_READ):
            if key not in spec:
                self._untested[column] |= 1 << n
                continue
            values, test = _test(spec[key])
            if values is None:
                self._tested[column].append((n, test))
            for value in values or ():
                self._by_value[column][value] = self._by_value[column].get(value, 0) | 1 << n
        return n

    def _mask(self, column: int, value: int) -> int:
        """The pattern tokens that a token with ``value`` in ``column`` satisfies (or that do not test it)."""
        as_read = bool(value) if _READ[column] == "IS_SPACE" else self.vocab.strings[value]
        mask = self._untested[column] | self._by_value[column].get(as_read, 0)
        for n, test in self._tested[column]:
            if test(as_read):
                mask |= 1 << n
        self._masks[column][value] = mask
        return mask

    def _attributes(self, mask: int, more: Iterable[int] = ()) -> dict:
        """The attributes the one-token patterns ``mask`` satisfies give, with those of the patterns ``more``, each
        in its precedence (a later one wins)."""
        merged: dict = {}
        for precedence in sorted([p for p, t in self._singles if mask >> t & 1] + list(more)):
            merged.update(self.attrs[precedence])
        return merged

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        tables = self._masks
        masks = []
        for row in doc.to_array(self._ids).tolist():
            mask = -1
            for column, value in enumerate(row):
                known = tables[column].get(value)
                mask &= known if known is not None else self._mask(column, value)
            masks.append(mask)
        extra: dict[int, list[int]] = {}  # token -> precedences of the two-word patterns that set it
        if self._pairs:
            for i, mask in enumerate(masks):
                if mask & self._pair_starts:
                    for precedence, tokens, offset in self._pairs:
                        if i + len(tokens) <= len(masks) and \
                                all(masks[i + k] >> t & 1 for k, t in enumerate(tokens)):
                            extra.setdefault(i + offset, []).append(precedence)
        for i, mask in enumerate(masks):
            if i in extra:
                attrs = self._attributes(mask, extra[i])
            else:
                attrs = self._merged.get(mask)
                if attrs is None:
                    attrs = self._merged[mask] = self._attributes(mask)
            if attrs:
                set_token_attrs(doc[i], attrs)
        return doc


@lru_cache(maxsize=1)
def _lemmatizer_class():
    from spacy.lang.en.lemmatizer import EnglishLemmatizer

    class CachedLemmatizer(EnglishLemmatizer):
        """The English rule lemmatizer with every lemma it gives remembered by (word, part of speech,
        morphology), the three things it reads, and set on the Doc as one array. (spaCy's own cache keeps only
        the lemmas its suffix rules derive, so a base form's morphology is read into a dictionary every time.)"""

        def __call__(self, doc: Doc) -> Doc:
            from spacy.attrs import LEMMA, MORPH, ORTH, POS

            if not self._validated:
                self._validate_tables()
            cache: dict[tuple[int, int, int], int] = self.__dict__.setdefault("_lemmas", {})
            array = doc.to_array([ORTH, POS, MORPH, LEMMA])
            lemmas = array[:, 3].copy()
            changed = False
            for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
                if lemma and not self.overwrite:
                    continue
                key = (orth, pos, morph)
                found = cache.get(key)
                if found is None:
                    found = cache[key] = self.vocab.strings.add(self.lemmatize(doc[i])[0])
                lemmas[i] = found
                changed = True
            if changed:
                doc.from_array([LEMMA], lemmas)
            return doc

    return CachedLemmatizer


def _searchable(lookups):
    """The lemmatizer's tables with each part of speech's word index a set: the rules ask only whether a form is in
    it, and the model ships lists (a scan of thousands of words for every form a suffix rule makes)."""
    from spacy.lookups import Lookups

    copy = Lookups()
    for name in lookups.tables:
        table = lookups.get_table(name)
        new = copy.add_table(name)
        for key, value in table.items():
            new[key] = frozenset(value) if name == "lemma_index" else value
    return copy


def speed_up(nlp: Language) -> Language:
    """Put :class:`AttributeTable` and the cached lemmatizer in the places of the model's ``attribute_ruler`` and
    ``lemmatizer`` (same names, same positions), where they can stand for them; returns ``nlp``."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler

    if not Language.has_factory("eventwire_attribute_table"):
        Language.factory("eventwire_attribute_table", default_config={"patterns": []},
                         func=lambda nlp, name, patterns: AttributeTable(nlp.vocab, patterns))
        Language.factory("eventwire_cached_lemmatizer", default_config={"mode": "rule", "overwrite": False},
                         func=lambda nlp, name, mode, overwrite: _lemmatizer_class()(
                             nlp.vocab, None, name, mode=mode, overwrite=overwrite))
    if "attribute_ruler" in nlp.pipe_names and type(ruler := nlp.get_pipe("attribute_ruler")) is AttributeRuler:
        try:
            AttributeTable(nlp.vocab, ruler.patterns)
        except Unsupported:
            pass
        else:
            nlp.replace_pipe("attribute_ruler", "eventwire_attribute_table", config={"patterns": ruler.patterns})
    if "lemmatizer" in nlp.pipe_names and type(stock := nlp.get_pipe("lemmatizer")) is EnglishLemmatizer \
            and stock.mode == "rule":
        nlp.replace_pipe("lemmatizer", "eventwire_cached_lemmatizer",
                         config={"mode": stock.mode, "overwrite": stock.overwrite})
        nlp.get_pipe("lemmatizer").initialize(lookups=_searchable(stock.lookups))
    return nlp
