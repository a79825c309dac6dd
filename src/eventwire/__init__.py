"""eventwire: news stories in, sourced and geolocated event records out.

Example (not run as a doctest: it loads the model)::

    import eventwire
    record = eventwire.extract("KYIV, March 14 (AFP) - Fighters of the Russian Volunteer Corps (RDK) said ...")
    [(e.name, e.aliases) for e in record.entities]   # [('Russian Volunteer Corps', ['RDK']), ...]
"""

from __future__ import annotations

import logging
import typing
from functools import lru_cache
from typing import Any

from .errors import (
    BinaryInput,
    ConfigError,
    DecodeError,
    EmptyInput,
    EventwireError,
    InputError,
    MalformedInput,
    MissingPath,
    ModelNotFound,
    NoArticleBody,
    ProcessingError,
    StoreError,
    StoryTimeout,
    TooLarge,
    UnsupportedLanguage,
)
from .model import (
    SCHEMA_VERSION,
    Article,
    ArticleRecord,
    Entity,
    ErrorInfo,
    Event,
    InputRef,
    Place,
    Published,
    Quote,
    output_schema,
)
from .readers import read_inputs

if typing.TYPE_CHECKING:
    from .pipeline import Pipeline

__version__ = "0.1.0"

# A library logs, and leaves it to the application to show the log: stderr carries only the JSON error lines the CLI
# promises.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "ArticleRecord",
    "BinaryInput",
    "ConfigError",
    "DecodeError",
    "EmptyInput",
    "Entity",
    "ErrorInfo",
    "Event",
    "EventwireError",
    "InputError",
    "InputRef",
    "MalformedInput",
    "MissingPath",
    "ModelNotFound",
    "NoArticleBody",
    "Pipeline",
    "Place",
    "ProcessingError",
    "Published",
    "Quote",
    "SCHEMA_VERSION",
    "StoreError",
    "StoryTimeout",
    "TooLarge",
    "UnsupportedLanguage",
    "__version__",
    "extract",
    "load_pipeline",
    "output_schema",
    "read_inputs",
]


def __getattr__(name: str) -> Any:
    # The pipeline (spaCy) is imported on first use: a process that only reads, stores or serves (an ingest's
    # writer, ``eventwire query``, the API) starts without it.
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    from .pipeline import Pipeline

    return Pipeline()


@lru_cache(maxsize=4)
def load_pipeline(min_confidence: float | None = None) -> Pipeline:
    """The default pipeline. ``min_confidence``: leave out the events none of whose tellings the happening model
    scores this high (default: the model's own threshold; 0 keeps every event; docs/events.md#the-happening-model).
    Every cut shares the one spaCy model and gazetteer the process loads."""
    from .pipeline import Pipeline
    from .pipeline.happening import happening_model

    base = _default_pipeline()
    model = happening_model()
    if min_confidence is not None and model is not None:
        return Pipeline(nlp=base.nlp, gazetteer=base.gazetteer, happening=model.with_threshold(min_confidence))
    return base


def extract(text: str, *, title: str | None = None, published: Any = None, source: str | None = None,
            url: str | None = None) -> ArticleRecord:
    """Analyse one story given as a string (a dateline and a copyright line are recognised as in .txt files).

    Raises:
        InputError: the text is empty or not in English.
    """
    from .readers.article import build_article

    article = build_article(text, input_ref=InputRef(path="<string>"), title=title, published=published,
                            source=source, url=url)
    return load_pipeline().process_article(article)
