"""The table attribute ruler and cached lemmatizer give the model's own annotations, token for token."""

from __future__ import annotations

import json

import pytest

from eventwire.pipeline.attributes import AttributeTable, Unsupported, speed_up
from eventwire.pipeline.nlp import load_shipped

from ..conftest import ROOT

# Sentences for the exceptions: the two-word patterns ("ai n't", "gon na", "got ta", "let 's", "c'm on", "y' all",
# an expletive "there"), spaces and line breaks, capitals, numbers, punctuation of every kind.
ODD = [
    "I ain't gonna say it, y'all: we gotta go. Let's go! C'mon.\n\nThere is no way; there were two.",
    "  Gunmen   killed 12 people in İstanbul on Feb. 7 —   \"they got away,\" he said (twice).\t\n",
    "THE U.N. SAID 1,200 WERE DISPLACED. She gets it; they got it.",
    "",
]


def _annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
            for t in doc]


@pytest.fixture(scope="module")
def stock_and_fast():
    return load_shipped(), speed_up(load_shipped())


def test_the_components_are_swapped_under_their_own_names(stock_and_fast):
    stock, fast = stock_and_fast
    assert fast.pipe_names == stock.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), AttributeTable)
    assert type(fast.get_pipe("lemmatizer")).__name__ == "CachedLemmatizer"
    assert fast.get_pipe("attribute_ruler").attrs == stock.get_pipe("attribute_ruler").attrs
    assert speed_up(fast) is fast and isinstance(fast.get_pipe("attribute_ruler"), AttributeTable)


def test_same_annotations_as_the_model_on_whole_stories(stock_and_fast):
    stock, fast = stock_and_fast
    with (ROOT / "examples" / "voa" / "voa_stories.jsonl").open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f][:25] + ODD
    # twice over, so that the second pass reads the lemmas and masks the first one cached
    for _ in range(2):
        for a, b in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
            assert _annotations(a) == _annotations(b)


def test_same_annotations_as_spacy_for_patterns_of_every_kind(nlp):
    """Each test the table evaluates (a value, IN, NOT_IN, REGEX, a bool), two-word patterns with the target
    first, last and counted from the end, and later patterns overriding earlier ones, against spaCy's own
    AttributeRuler on the same parse."""
    from spacy.pipeline import AttributeRuler

    patterns = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
        {"patterns": [[{"LOWER": {"IN": ["rebels", "army"]}}]], "attrs": {"POS": "PROPN"}},
        {"patterns": [[{"TAG": {"NOT_IN": ["NN", "NNS"]}, "LOWER": {"REGEX": "^k"}}]], "attrs": {"LEMMA": "k-word"}},
        {"patterns": [[{"LOWER": "the"}, {"TAG": "NNS"}]], "attrs": {"MORPH": "Definite=Def"}, "index": 0},
        {"patterns": [[{"LOWER": "the"}, {"TAG": "NNS"}]], "attrs": {"LEMMA": "things"}, "index": -1},
        {"patterns": [[{"DEP": "nsubj"}, {"TAG": {"IN": ["VBD", "VBZ"]}}]], "attrs": {"POS": "X"}, "index": 1},
        {"patterns": [[{"IS_SPACE": True}], [{"TAG": "_SP"}]], "attrs": {"LEMMA": "<space>"}},
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "PROPN"}},  # later: wins over the first
    ]
    texts = ["The rebels killed the soldiers near a town, and the army kept quiet.\n\nKabul knew.",
             "Keys were kept in the kitchen;  the things went missing."]
    spacy_ruler = AttributeRuler(nlp.vocab)
    spacy_ruler.add_patterns(patterns)
    table = AttributeTable(nlp.vocab, spacy_ruler.patterns)
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "eventwire_lemma_fixes"]):
        for text in texts:
            expected, got = spacy_ruler(nlp(text)), table(nlp(text))
            assert _annotations(got) == _annotations(expected)


@pytest.mark.parametrize("pattern", [
    [{"TAG": "NN", "OP": "+"}],
    [{"ENT_TYPE": "GPE"}],
    [{"LOWER": {"FUZZY": "rebels"}}],
    [{"LOWER": {"IN": ["a"], "NOT_IN": ["b"]}}],
    [{"LENGTH": {">=": 3}}],
    [{"TAG": 12345}],
])
def test_patterns_it_cannot_evaluate_leave_the_models_ruler(nlp, pattern):
    with pytest.raises(Unsupported):
        AttributeTable(nlp.vocab, [{"patterns": [pattern], "attrs": {"POS": "X"}, "index": 0}])
    model = load_shipped()
    model.get_pipe("attribute_ruler").add([pattern], {"POS": "X"})
    assert type(speed_up(model).get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
