"""Shared fixtures. The spaCy model is a dependency of eventwire, so tests load it once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# `eventwire ingest` extracts in as many processes as there are cores unless told; tests that want worker processes
# ask for them (tests/test_workers.py), the others reuse the session's pipeline in process.
os.environ.setdefault("EVENTWIRE_WORKERS", "1")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
SEED_STORY = SHARED / "examples" / "afp-russian-fighters-raids.txt"
EXAMPLE = ROOT / "examples" / "sahel-convoy-attack.txt"


@pytest.fixture(scope="session")
def nlp():
    from eventwire.pipeline.nlp import load_spacy

    return load_spacy()


@pytest.fixture(scope="session")
def gazetteer():
    from eventwire.geo import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def pipeline(nlp, gazetteer):
    """The pipeline with every telling the rules read kept (the happening model scores them but leaves none out),
    so that the tests of a rule see what the rule reads; tests/pipeline/test_happening.py tests the model's cut."""
    from eventwire.pipeline import Pipeline
    from eventwire.pipeline.happening import happening_model

    return Pipeline(nlp=nlp, gazetteer=gazetteer, happening=happening_model().with_threshold(0.0))


@pytest.fixture(scope="session")
def default_pipeline(nlp, gazetteer):
    """The pipeline as it ships: tellings the happening model scores below its threshold left out."""
    from eventwire.pipeline import Pipeline

    return Pipeline(nlp=nlp, gazetteer=gazetteer)


@pytest.fixture(scope="session")
def extract_text(pipeline):
    """Analyse a story given as a string: returns its record."""
    from eventwire.model import InputRef
    from eventwire.readers.article import build_article

    def run(text: str):
        return pipeline.process_article(build_article(text, input_ref=InputRef(path="<test>")))

    return run


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def seed_story() -> Path:
    if not SEED_STORY.exists():
        pytest.skip("../shared is absent: the seed story is read from there")
    return SEED_STORY
