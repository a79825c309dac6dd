"""Language identification for whole stories.

English news is recognised cheaply by its function words, so that the common case never loads a model;
anything else goes to py3langid (a small n-gram model shipped inside its PyPI package) for a name.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A short list of very frequent English function words. In English news prose they make up 35-50% of
# tokens; in other Latin-script languages a few percent (shared words such as "a", "in", "de").
_ENGLISH = frozenset(
    "the of and to a in is was for on that with by as at from he she it they said are were be has have had "
    "his her their its not but this which who will would after an or also been more than".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

ENGLISH_SHARE = 0.18
"""Above this share of English function words, a text of 20+ words is English without asking a model."""

SAMPLE_CHARS = 4000


SHORT_DOUBT = 0.5
"""A text of under 20 words whose best language has a normalised probability below this is not sure of it."""


@lru_cache(maxsize=1)
def _event_words() -> frozenset[str]:
    """English words of news about events that no function-word count sees: the trigger lemmas and the one-word
    agent nouns of eventwire's ontologies (rebel, seize, troops, shell)."""
    from .ontologies import agents, triggers

    return frozenset(w for w in [*agents(), *(lemma for lemma, _ in triggers())] if w.isalpha())


INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))
"""English inflectional endings and what each may have replaced."""


def stems(word: str, suffixes: tuple[tuple[str, str], ...] = INFLECTIONS, *, undouble: bool = True
          ) -> tuple[str, ...]:
    """The word and the forms it may be inflected from: seized -> seize, seiz; rebels -> rebel; shelling -> shell
    (with ``undouble``, a doubled last letter is undone too).

    >>> stems("seized"), stems("rebels")
    (('seized', 'seiz', 'seize'), ('rebels', 'rebel'))
    """
    out = [word]
    for suffix, repl in suffixes:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.append(word[: -len(suffix)] + repl)
    if undouble and len(out) > 1 and len(out[-1]) > 2 and out[-1][-1] == out[-1][-2]:  # shelled -> shell; "cutting"
        out.append(out[-1][:-1])
    return tuple(out)


IRREGULAR_PAST = {
    "met": "meet", "fought": "fight", "shot": "shoot", "held": "hold", "struck": "strike", "took": "take",
    "fled": "flee", "threw": "throw", "led": "lead", "sent": "send", "left": "leave", "won": "win", "lost": "lose",
    "caught": "catch", "told": "tell", "said": "say", "sought": "seek", "brought": "bring", "broke": "break",
    "froze": "freeze", "gave": "give", "began": "begin", "drove": "drive", "spoke": "speak", "stole": "steal",
    "swore": "swear", "withdrew": "withdraw", "overthrew": "overthrow", "shook": "shake", "bit": "bite",
    "beat": "beat", "hit": "hit", "hid": "hide", "rode": "ride", "ran": "run", "rose": "rise", "slew": "slay",
    "slain": "slay", "stood": "stand", "went": "go", "came": "come", "made": "make", "kept": "keep"}
"""Past forms of event verbs that no inflectional ending gives back ("Kim Jong Un met Putin.")."""


def _event_word_share(sample: str) -> float:
    """Share of the words that are English event words (see :func:`_event_words`; irregular past forms read as
    their verb), or English function words beside one, capitalised words that are none (names such as Goma) left
    out.

    >>> _event_word_share("Rebels seized Goma."), _event_word_share("Kim Jong Un met Putin.")
    (1.0, 1.0)
    >>> round(_event_word_share("Abdel Fattah el-Sissi met Recep Tayyip Erdogan in Cairo."), 2)
    0.67
    """
    lexicon = _event_words()
    words = _WORD.findall(sample)
    events = [any(s in lexicon for s in stems(IRREGULAR_PAST.get(w.lower(), w.lower()))) for w in words]
    # function words count only beside an event word: "a" and "in" are French, German and Dutch words too
    some_event = any(events)
    known = [e or some_event and w.lower() in _ENGLISH for w, e in zip(words, events, strict=True)]
    counted = [k for w, k in zip(words, known, strict=True) if k or not w[:1].isupper()]
    return sum(counted) / len(counted) if counted else 0.0


@lru_cache(maxsize=1)
def _langid():  # pragma: no cover - trivial
    from py3langid import langid

    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of the language of ``text`` ('en', 'es', ...), or 'und' when unknown.

    >>> detect_language("The minister said on Monday that the talks would resume in Geneva next week.")
    'en'
    >>> detect_language("Taliban militants captured a district in Kunduz province.")
    'en'
    >>> detect_language("Israel allowed fuel into Gaza.")
    'en'
    >>> detect_language("El gobierno anunció ayer un plan.")
    'es'
    >>> detect_language("Rebels seized Goma.")
    'en'
    >>> detect_language("Kim Jong Un met Putin.")
    'en'
    >>> detect_language("Abdel Fattah el-Sissi met Recep Tayyip Erdogan in Cairo.")
    'en'
    """
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    if not words:
        return "und"
    share = sum(w in _ENGLISH for w in words) / len(words)
    if len(words) >= 20 and share >= ENGLISH_SHARE:
        return "en"
    ranked = _langid().rank(sample)
    code = ranked[0][0]
    if code != "en" and len(words) >= 20 and share >= ENGLISH_SHARE / 2:
        # Lists, headlines and tables have few function words; trust English-looking text over langid.
        return "en"
    if code != "en" and len(words) < 20 and ranked[0][1] < SHORT_DOUBT and _event_word_share(sample) >= 0.5:
        # A short headline-like sentence of event words has no function words to count ("Rebels seized Goma.",
        # 'de' at 0.13): half its common words in eventwire's English lexicons settle it.
        return "en"
    near_top = "en" in (c for c, _ in ranked[:3])
    if code != "en" and len(words) < 20 and (near_top and share >= ENGLISH_SHARE or ranked[0][1] < SHORT_DOUBT and (
            near_top or share >= ENGLISH_SHARE)):
        # One short English sentence can look Aragonese, Welsh or Finnish to an n-gram model ("Taliban militants
        # captured a district in Kunduz province.", "Israel allowed fuel into Gaza.", "Putin and Biden met."):
        # English function words with English near the top, or a doubtful first guess with either, settle it.
        # Foreign sentences of five words are sure of their language (0.87 and more).
        return "en"
    return str(code)
