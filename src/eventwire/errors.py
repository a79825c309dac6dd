"""Errors raised by eventwire, and the record a failed input becomes.

The tree::

    EventwireError
    ├── InputError            one input could not be read; the batch goes on
    │   ├── MissingPath       no such file or directory, or no permission
    │   ├── EmptyInput        empty or whitespace-only
    │   ├── BinaryInput       not text at all
    │   ├── DecodeError       text in an encoding that cannot be decided
    │   ├── TooLarge          above the configured size limit
    │   ├── MalformedInput    broken JSON, a feed that is not a feed, ...
    │   ├── NoArticleBody     HTML with no article text in it
    │   └── UnsupportedLanguage  a story not in English
    ├── ProcessingError       a pipeline stage failed on one story (the record keeps the other stages' fields)
    │   └── StoryTimeout      the story used up its time budget
    ├── ModelNotFound         the spaCy pipeline package is not installed
    ├── ConfigError           an invalid setting
    └── StoreError            the store cannot be opened or written (bad URL, no server, no folder)

Every error carries a short machine ``code``, the ``source`` it concerns (path, ``path:line`` or
``<stdin>``) and a message that says what happened and what to do next.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base of every error eventwire raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def __str__(self) -> str:
        where = self.source or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(EventwireError):
    """One input could not be turned into an article."""

    code = "input_error"


class MissingPath(InputError):
    """The path does not exist or cannot be read."""

    code = "missing_path"


class EmptyInput(InputError):
    """The input holds no text."""

    code = "empty_input"


class BinaryInput(InputError):
    """The input is binary data, not text."""

    code = "binary_input"


class DecodeError(InputError):
    """The bytes could not be decoded as text with any plausible encoding."""

    code = "decode_error"


class TooLarge(InputError):
    """The input is larger than the configured limit."""

    code = "too_large"


class MalformedInput(InputError):
    """The input is in a known format but broken (bad JSON, not a feed, no text field)."""

    code = "malformed_input"


class NoArticleBody(InputError):
    """An HTML page in which no article text was found."""

    code = "no_article_body"


class UnsupportedLanguage(InputError):
    """The story is not in a language eventwire supports."""

    code = "unsupported_language"


class ProcessingError(EventwireError):
    """A pipeline stage failed on one story (a bug: please report it with the input). ``stage`` names it."""

    code = "processing_error"

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None,
                 stage: str | None = None) -> None:
        super().__init__(message, source=source, line=line)
        self.stage = stage


class StoryTimeout(ProcessingError):
    """A story used up its time budget in a stage; the fields of the stages before it are kept."""

    code = "timeout"


class ModelNotFound(EventwireError):
    """The spaCy pipeline package is missing."""

    code = "model_not_found"


class ConfigError(EventwireError):
    """A setting has an invalid value."""

    code = "config_error"


class StoreError(EventwireError):
    """The event store cannot be opened, migrated or written."""

    code = "store_error"
