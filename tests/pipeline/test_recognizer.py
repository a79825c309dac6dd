"""The array decoder of the entity recognizer gives the model's own entities, story for story."""

from __future__ import annotations

import json

import pytest

from eventwire.pipeline.nlp import load_shipped
from eventwire.pipeline.recognizer import GreedyDecoder, swap_recognizer

from ..conftest import ROOT
from .test_attributes import ODD

# Entities next to line breaks, runs of spaces and sentence ends; one-word and long entities; one at the very end
EDGES = [
    "Goma.",
    "Ousmane Sonko",
    "The United Nations Organization Stabilization Mission in the Democratic Republic of the Congo said so.",
    "He met Jean-Pierre Bemba\n\nin Kinshasa. Kinshasa\nNew York  London   Paris",
    "On Feb. 7, 2025, at 3 p.m., 1,200 people left Al-Shabab's base in Beledweyne, Somalia, for $5 million.",
]


def _entities(doc) -> list[tuple]:
    return [(t.i, t.ent_iob_, t.ent_type_, t.ent_kb_id_) for t in doc] + \
        [(e.start, e.end, e.label_) for e in doc.ents]


@pytest.fixture(scope="module")
def stock_and_swapped():
    return load_shipped(), swap_recognizer(load_shipped())


@pytest.fixture(scope="module")
def texts():
    with (ROOT / "examples" / "voa" / "voa_stories.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f][:30] + ODD + EDGES


def test_the_recognizer_is_swapped_under_its_own_name(stock_and_swapped):
    stock, swapped = stock_and_swapped
    assert swapped.pipe_names == stock.pipe_names
    ner = swapped.get_pipe("ner")
    assert type(ner).__name__ == "GreedyEntityRecognizer"
    assert ner.labels == stock.get_pipe("ner").labels
    assert GreedyDecoder.for_model(ner) is not None
    assert swap_recognizer(swapped) is swapped and swapped.get_pipe("ner") is ner


@pytest.mark.parametrize("batch_size", [1, 3, 16, 64])
def test_same_entities_as_the_model_in_batches_of_any_size(stock_and_swapped, texts, batch_size):
    stock, swapped = stock_and_swapped
    expected = [_entities(doc) for doc in stock.pipe(texts, batch_size=16)]
    got = [_entities(doc) for doc in swapped.pipe(texts, batch_size=batch_size)]
    assert got == expected
    assert sum(len(doc.ents) for doc in swapped.pipe(texts[:5])) > 50  # the stories do have entities


def test_same_entities_one_story_at_a_time(stock_and_swapped, texts):
    stock, swapped = stock_and_swapped
    for text in texts[-12:]:
        assert _entities(swapped(text)) == _entities(stock(text))


def test_a_story_with_entities_already_set_is_decoded_by_spacy(stock_and_swapped):
    """An entity set by an earlier component is kept, as spaCy's own decoder keeps it (the array decoder reads
    only stories without preset entities)."""
    stock, swapped = stock_and_swapped
    text = "Rebels of the March 23 Movement seized Goma, and the army of the Democratic Republic of Congo fled."
    for nlp in (stock, swapped):
        if "entity_ruler" not in nlp.pipe_names:
            ruler = nlp.add_pipe("entity_ruler", before="ner")
            ruler.add_patterns([{"label": "NORP", "pattern": "March 23 Movement"}])
    try:
        a, b = stock(text), swapped(text)
        assert ("March 23 Movement", "NORP") in [(e.text, e.label_) for e in b.ents]
        assert _entities(b) == _entities(a)
        batch = [text, "Nothing preset here: Kinshasa and Kigali talked.", text]
        assert [_entities(d) for d in swapped.pipe(batch)] == [_entities(d) for d in stock.pipe(batch)]
    finally:
        for nlp in (stock, swapped):
            nlp.remove_pipe("entity_ruler")


def test_an_empty_batch_and_empty_stories(stock_and_swapped):
    stock, swapped = stock_and_swapped
    batch = ["", "", "Rebels seized Goma, the United Nations said.", ""]
    got = [_entities(d) for d in swapped.pipe(batch)]
    assert got == [_entities(d) for d in stock.pipe(batch)]
    assert [len(d.ents) for d in swapped.pipe(batch)] == [0, 0, 2, 0]
    assert list(swapped.pipe([])) == []


def test_valid_moves_are_spacys_in_every_state_of_random_readings(stock_and_swapped, texts):
    """The decoder's validity rules against spaCy's own, move by move, in the states of random readings of
    stories (entities of every label opened and closed anywhere a move allows: next to spaces, line breaks and
    sentence starts, at the last token), whatever the model would have chosen."""
    import random

    from spacy.attrs import IS_SPACE, SENT_START
    from spacy.pipeline._parser_internals.stateclass import StateClass

    _, swapped = stock_and_swapped
    ner = swapped.get_pipe("ner")
    decoder, moves = GreedyDecoder.for_model(ner), ner.moves
    names = [moves.get_class_name(i) for i in range(moves.n_moves)]
    rng = random.Random(7)
    checked = 0
    with swapped.select_pipes(disable=["ner"]):
        docs = list(swapped.pipe(texts[-len(ODD) - len(EDGES):] + texts[:3]))
    for doc in docs * 3:
        space, starts = doc.to_array(IS_SPACE), doc.to_array(SENT_START).astype("int64")
        state, opened, label = StateClass(doc), False, 0
        for t in range(len(doc)):
            expected = [bool(moves.is_valid(state, name)) for name in names]
            got = decoder.valid([opened], [label], [len(doc) - t >= 2], [t + 1 < len(doc) and starts[t + 1] == 1],
                                [bool(space[t])])[0].tolist()
            assert got == expected, (doc.text[:40], t, doc[t].text)
            checked += 1
            kinds = {name[0] for name, ok in zip(names, expected, strict=True) if ok}
            kind = rng.choice(sorted(kinds - {"O"})) if kinds - {"O"} and rng.random() < 0.6 else rng.choice(
                sorted(kinds))
            name = rng.choice([n for n, ok in zip(names, expected, strict=True) if ok and n[0] == kind])
            moves.apply_transition(state, name)
            if kind == "B":
                opened, label = True, decoder.labels.index(name[2:]) + 1
            elif kind == "L":
                opened, label = False, 0
    assert checked > 5000
