"""The document model: what readers produce and what eventwire writes out.

An :class:`Article` is one story as read from its input (text plus metadata). An :class:`ArticleRecord` is
the output for one input: the article's fields plus everything extracted from it. Every extracted field
carries character offsets that index ``ArticleRecord.text`` exactly (``text[start:end]``).

Quote, Place and Event records are defined here so that the output contract is fixed in one place; the
stages that fill them are described in ``docs/output.md``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.5"

Offsets = tuple[int, int]
"""A ``[start, end)`` pair of character offsets into the article text."""

Precision = Literal["day", "month", "year"]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Published(_Record):
    """When the story was published, as precisely as the input says."""

    date: str = Field(description="ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY, following `precision`.")
    precision: Precision
    source: Literal["metadata", "dateline", "copyright"] = Field(
        description="Where the date came from: the input's metadata, the story's dateline, or its copyright year."
    )


class Dateline(_Record):
    """A wire dateline such as ``KYIV, March 14 (AFP) -``, removed from the body and kept here."""

    text: str
    place: str | None = None
    date: str | None = Field(default=None, description="As written, e.g. 'March 14'.")
    agency: str | None = None


class InputRef(_Record):
    """Where an article or an error came from."""

    path: str = Field(description="File path, or '<stdin>'.")
    line: int | None = Field(default=None, description="1-based line for JSON Lines input.")
    entry: int | None = Field(default=None, description="0-based entry index in a feed or a JSON array.")
    format: str | None = Field(default=None, description="txt, html, feed, json or jsonl.")


class Article(_Record):
    """One story as read from its input, before any extraction."""

    id: str
    title: str | None = None
    text: str
    source: str | None = Field(default=None, description="Agency or site (AFP, voanews.com).")
    url: str | None = None
    published: Published | None = None
    language: str | None = None
    author: str | None = None
    dateline: Dateline | None = None
    input: InputRef
    metadata: dict[str, Any] = Field(default_factory=dict)


class Entity(_Record):
    """One real-world referent, with every mention of it in the text."""

    id: str
    name: str = Field(description="The fullest form in the text.")
    type: Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "GROUP"] = Field(
        description="spaCy's label of a named entity, or GROUP for an unnamed actor (gunmen, troops, police).")
    aliases: list[str] = Field(description="Other surface forms: acronyms, surnames, nicknames, call signs.")
    mentions: list[Offsets]
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3: of a place or demonym, or the country "
                                                          "a person or organisation is described with.")
    sector: str | None = Field(default=None, description="PLOVER/CAMEO agent sector code (MIL, GOV, REB, COP, CVL, "
                                                         "...) from the words that describe the entity.")


class Quote(_Record):
    """An attribution: direct, partial or indirect speech (filled by the quotes stage)."""

    id: str
    text: str
    start: int
    end: int
    kind: Literal["direct", "partial", "indirect"]
    speaker: str | None = Field(default=None, description="Entity id, or null when unresolved.")
    speaker_text: str | None = None
    cue: str | None = None
    speaker_span: Offsets | None = Field(default=None, description="[start, end] of this attribution's source.")
    cue_span: Offsets | None = Field(default=None, description="[start, end] of the cue (said, according to).")
    confidence: float = Field(default=0.0, description="How sure the speaker is: name 0.95, pronoun 0.7, "
                                                       "description 0.5-0.6, unresolved 0.")
    medium: str | None = Field(default=None, description="'in a statement', 'on Telegram', 'posting on X'.")
    addressee: str | None = Field(default=None, description="'reporters' in 'told reporters'.")
    events: list[str] = Field(default_factory=list, description="Ids of the events this quote supports.")
    rule: str | None = Field(default=None, description=(
        "Id of the frame that found this attribution (ontologies/quote_rules.toml: according-to, complement, "
        "object, speech-noun, ...); `eventwire rules --stage quote` lists them."))


class Place(_Record):
    """A resolved toponym (filled by the places stage)."""

    id: str
    name: str
    mentions: list[Offsets]
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: Literal["country", "admin1", "city", "region", "other"] | None = None
    precision: int | None = Field(default=None, description="1 town, 2 near/part of a region, 3 region, 4 country.")
    entity: str | None = Field(default=None, description="The first entity that names this place; a place several "
                               "entities name (Gaza, the Gaza Strip) is one record with all their mentions.")


class TimeRef(_Record):
    """A temporal expression in the text, resolved against the story's date (filled by the dates stage)."""

    id: str
    text: str
    start_char: int
    end_char: int
    value: str | None = Field(default=None, description="TimeML value: 2024-03-14, 2024-03, 2024-W11, 2023-SU, "
                                                         "2024, 199 (the 1990s), PRESENT_REF, or start/end.")
    start: str | None = Field(default=None, description="First day covered (ISO date).")
    end: str | None = Field(default=None, description="Last day covered (ISO date).")
    granularity: Literal["day", "week", "month", "season", "year", "range"] | None = None


class EventDate(_Record):
    start: str | None = None
    end: str | None = None
    granularity: str | None = None
    text: str | None = None
    start_char: int | None = None
    end_char: int | None = None


class Evidence(_Record):
    text: str
    start: int
    end: int
    trigger: Offsets | None = None
    rule: list[str] = Field(default_factory=list, description=(
        "Ids of the rules that made this coding, in the order they applied: where the trigger comes from "
        "(a rule id, lexicon:LEMMA/POS or cameo:CODE), the reading rules that typed it, and the rules of its "
        "status and roles. `eventwire rules` lists them."))


class Count(_Record):
    """A number stated in the text ("killing at least 12 soldiers"), with the span of the number."""

    value: int
    start: int
    end: int


class AcledView(_Record):
    event_type: str | None = None
    sub_event_type: str | None = None


class EventMention(_Record):
    """One telling of an event in the story: its words, and what this telling says of the event."""

    evidence: Evidence
    status: Literal["reported", "future", "threatened", "hypothetical", "negated", "historical"] | None = None
    source: str | None = Field(default=None, description="Entity id of who claims it in this telling.")
    actor: list[str] = Field(default_factory=list)
    recipient: list[str] = Field(default_factory=list)
    place: str | None = None
    date: EventDate | None = None
    counts: dict[str, Count] = Field(default_factory=dict)
    confidence: float | None = Field(default=None, description=(
        "How likely this telling is a happening an analyst would code (the happening model, "
        "docs/events.md#the-happening-model); null when no model ran."))


class Event(_Record):
    """Who did what to whom (filled by the events stage): one real happening, however often the story tells it."""

    id: str
    type: str
    mode: str | None = None
    acled: AcledView | None = None
    cameo: str | None = None
    actor: list[str] = Field(default_factory=list)
    recipient: list[str] = Field(default_factory=list)
    place: str | None = None
    place_basis: Literal["text", "actor", "seat", "story"] | None = Field(
        default=None, description="Why the place: its sentence says so (text); a mobilisation on the acting "
                                  "country's ground (actor); the seat of the institution whose meeting, vote or "
                                  "statement it is (seat: 'a meeting of the U.N. Security Council' in New York); or, "
                                  "the sentence saying not where, the place the story names most (story).")
    date: EventDate | None = None
    date_basis: Literal["text", "context", "story"] | None = Field(
        default=None, description="Why the date: a telling's clause or sentence gives it (text); its own text giving "
                                  "none, the date of the happening told as news nearest before it in the story, as a "
                                  "reader carries the story's time on (context: the date's span is that telling's); "
                                  "or, the story giving none, the publication date (story). Null with no date.")
    status: Literal["reported", "future", "threatened", "hypothetical", "negated", "historical"] | None = None
    source: str | None = Field(default=None, description="Entity id of who claims the event; null when the story "
                                                         "states it itself.")
    counts: dict[str, Count] = Field(default_factory=dict, description="killed, injured, arrested, displaced.")
    evidence: Evidence | None = Field(default=None, description="The first telling's sentence and trigger.")
    confidence: float | None = Field(default=None, description=(
        "How likely the event is a happening an analyst would code: the highest of its tellings' (the happening "
        "model, docs/events.md#the-happening-model). An event none of whose tellings reaches the model's threshold "
        "is left out; null when no model ran."))
    mentions: list[EventMention] = Field(default_factory=list, description=(
        "Every telling of this happening in the story, in text order, each with its own evidence, status, claimant, "
        "parties, place, date and counts; the event's fields are reconciled from them (docs/identity.md)."))


class ErrorInfo(_Record):
    """Why one input (or one stage on one input) failed."""

    code: str
    message: str
    source: str | None = None
    line: int | None = None
    stage: str | None = Field(default=None, description="The pipeline stage that failed (entities, places, dates, "
                              "quotes, events); its fields are empty and the other stages' are kept.")


class ArticleRecord(_Record):
    """The output for one input: an article and what was extracted from it, or the errors that stopped it."""

    schema_version: str = SCHEMA_VERSION
    id: str | None = Field(description="Stable hash of the normalised text; null when the input failed.")
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: Published | None = None
    language: str | None = None
    author: str | None = None
    dateline: Dateline | None = None
    input: InputRef | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    text: str = ""
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    dates: list[TimeRef] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    errors: list[ErrorInfo] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


_SPACE = re.compile(r"\s+")


def article_id(text: str) -> str:
    """A stable id for a story: the first 16 hex digits of the SHA-256 of its normalised text.

    Normalisation is Unicode NFC, case kept, runs of white space folded to one space, ends stripped, so the
    same story read from .txt, HTML or JSON gets the same id.

    >>> article_id("Hello   world\\n") == article_id("Hello world")
    True
    """
    norm = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def output_schema() -> dict[str, Any]:
    """The JSON Schema of one output object (what ``docs/schema.json`` holds)."""
    schema = ArticleRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://eventwire.invalid/schema/article-record.json"
    return schema
