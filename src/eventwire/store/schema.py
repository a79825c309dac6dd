"""The store's tables (SQLAlchemy Core). The same schema on SQLite and PostgreSQL; Alembic migrations make it.

One row per story (the full record kept as JSON beside typed columns), one per event with an indexed column for every
filter of :class:`eventwire.store.query.Filters`, and the story's entities, places and quotes. ``event_parties``
holds each event's actors and recipients, one row each, so that an actor filter and the actor list are index reads.
Full-text search over story text is an FTS5 table on SQLite and a tsvector column with a GIN index on PostgreSQL
(made by the migration, outside this metadata, because they differ).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

# An integer primary key that is AUTOINCREMENT-like on both back ends (SQLite needs plain INTEGER for its rowid).
SEQ = BigInteger().with_variant(Integer(), "sqlite")

stories = Table(
    "stories", metadata,
    Column("id", String(32), primary_key=True, comment="Content id: the record's id, a hash of the normalised text."),
    Column("url", Text, index=True),
    Column("outlet", Text, comment="Agency or site (the record's source)."),
    Column("title", Text),
    Column("author", Text),
    Column("published", String(10), index=True, comment="YYYY-MM-DD, YYYY-MM or YYYY."),
    Column("published_precision", String(5)),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("record_z", LargeBinary, nullable=False, comment="The full ArticleRecord as eventwire extract writes it: "
                                                            "its JSON, zlib-compressed (a sixth of the size)."),
    Column("errors", Integer, nullable=False, default=0, comment="How many stage errors the record carries."),
    Column("input_path", Text),
    Column("input_line", Integer),
    Column("eventwire_version", String(32), nullable=False),
    Column("pipeline_hash", String(16), nullable=False, index=True),
    Column("ingested_at", String(32), nullable=False),
    Column("superseded_by", String(32), comment="The id of a later text under the same URL."),
    Column("minhash", LargeBinary, comment="MinHash signature of the text (eventwire.neardup), 128 x uint32."),
    Column("shingles", Integer, comment="How many distinct word 5-shingles the text has."),
)

story_sources = Table(
    "story_sources", metadata,
    Column("seq", SEQ, primary_key=True, autoincrement=True),
    Column("story_id", String(32), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("url", Text, index=True),
    Column("outlet", Text),
    Column("title", Text),
    Column("published", String(10)),
    Column("input_path", Text),
    Column("input_line", Integer),
    Column("similarity", Float, nullable=False, comment="1 for the stored text itself or the same text; else the "
                                                        "estimated Jaccard similarity of the near-duplicate."),
    Column("seen_at", String(32), nullable=False),
    comment="Every place a story appeared: its own URL first, then each copy (same or nearly the same text).",
)

story_bands = Table(
    "story_bands", metadata,
    Column("band", Integer, primary_key=True),
    Column("bucket", BigInteger, primary_key=True),
    Column("story_id", String(32), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    comment="Locality-sensitive hashing of the stories' signatures: stories sharing a (band, bucket) are candidates.",
)

events = Table(
    "events", metadata,
    Column("seq", SEQ, primary_key=True, autoincrement=True),
    Column("id", String(48), nullable=False, unique=True, comment="story id:event id, e.g. cd9486d8b6d6825b:v1."),
    Column("story_id", String(32), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("type", String(16), nullable=False, comment="PLOVER event type."),
    Column("mode", String(32)),
    Column("acled_event_type", Text),
    Column("acled_sub_event_type", Text),
    Column("cameo", String(8)),
    Column("status", String(16)),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("date_granularity", String(8)),
    Column("date_basis", String(8)),
    Column("date_key", String(10), nullable=False, default="", comment="date_start or '': the sort key."),
    Column("place", Text),
    Column("place_basis", String(8)),
    Column("geonames_id", BigInteger),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(3), comment="ISO 3166-1 alpha-3 of the event's place."),
    Column("admin1", Text),
    Column("geo_precision", Integer),
    Column("fatalities", Integer),
    Column("injured", Integer),
    Column("arrested", Integer),
    Column("actor_names", Text, comment="The actors' names, '; '-joined (event_parties has them one by one)."),
    Column("recipient_names", Text),
    Column("claimant", Text, comment="Who claims the event, by name; null when the story states it itself."),
    Column("evidence", Text, comment="The first telling's sentence."),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("mentions", Integer, nullable=False, default=1, comment="How many tellings in the story."),
    Column("confidence", Float, comment="How likely an analyst would code it (the happening model); migration 0008."),
    Column("incident_id", SEQ, index=True, comment="The cross-story event this event is one source of."),
    Column("named_party", Boolean, comment="Whether an actor or recipient is named (not a group such as 'gunmen')."),
    Column("superseded", Boolean, nullable=False, default=False),
    # Each filter's index leads with superseded and ends with the sort key, so a page is a short index range read
    # backwards and a count never touches the table (migration 0002).
    Index("ix_events_live_date", "superseded", "date_key", "seq"),
    Index("ix_events_live_type", "superseded", "type", "date_key", "seq"),
    Index("ix_events_live_country", "superseded", "country", "type", "date_key", "seq"),
    Index("ix_events_live_status", "superseded", "status", "date_key", "seq"),
    Index("ix_events_live_day", "superseded", "date_granularity", "date_start", "type"),
    Index("ix_events_lat_lon", "lat", "lon"),
)

event_parties = Table(
    "event_parties", metadata,
    Column("event_seq", SEQ, ForeignKey("events.seq", ondelete="CASCADE"), primary_key=True),
    Column("role", String(9), primary_key=True, comment="actor or recipient"),
    Column("position", Integer, primary_key=True),
    Column("entity_id", String(16)),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False, comment="Lower-cased name, for the actor filter."),
    Column("type", String(8)),
    Column("country", String(3)),
    Column("sector", String(8)),
    Column("actor_id", SEQ, comment="The actor across stories (actors); null for an unnamed group."),
    Index("ix_event_parties_name", "name_key", "event_seq"),
    Index("ix_event_parties_actor", "actor_id", "event_seq"),
)

actor_names = Table(
    "actor_names", metadata,
    Column("name_key", Text, primary_key=True, comment="Every actor or recipient name once, lower-cased: the actor "
                                                       "filter reads this short table, then the parties by index."),
    Column("name", Text, nullable=False),
)

entities = Table(
    "entities", metadata,
    Column("story_id", String(32), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(16), primary_key=True),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False, index=True),
    Column("type", String(8), nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("country", String(3)),
    Column("sector", String(8)),
    Column("mentions", Integer, nullable=False),
)

places = Table(
    "places", metadata,
    Column("story_id", String(32), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(16), primary_key=True),
    Column("name", Text, nullable=False),
    Column("geonames_id", BigInteger),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(3)),
    Column("admin1", Text),
    Column("feature", String(8)),
    Column("precision", Integer),
    Column("mentions", Integer, nullable=False),
)

quotes = Table(
    "quotes", metadata,
    Column("story_id", String(32), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(16), primary_key=True),
    Column("kind", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("speaker", Text, comment="The speaker's entity name, or the words that name them."),
    Column("cue", Text),
)

failures = Table(
    "failures", metadata,
    Column("seq", SEQ, primary_key=True, autoincrement=True),
    Column("input_path", Text),
    Column("input_line", Integer),
    Column("code", String(32), nullable=False),
    Column("message", Text, nullable=False),
    Column("stage", String(16)),
    Column("at", String(32), nullable=False),
)

incidents = Table(
    "incidents", metadata,
    Column("id", SEQ, primary_key=True, autoincrement=True),
    Column("type", String(16), nullable=False),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("place", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(3), index=True),
    Column("admin1", Text),
    Column("fatalities", Integer, comment="The lowest figure a source gives (ACLED's most conservative estimate)."),
    Column("fatalities_max", Integer, comment="The highest figure a source gives."),
    Column("actor_names", Text),
    Column("recipient_names", Text),
    Column("events", Integer, nullable=False, default=0, comment="Current (not superseded) events in it."),
    Column("stories", Integer, nullable=False, default=0, comment="Distinct stories that tell it."),
    Column("updated_at", String(32), nullable=False),
    comment="Cross-story events: one real happening as every story tells it (docs/identity.md#across-stories).",
)

incident_links = Table(
    "incident_links", metadata,
    Column("event_id", String(48), primary_key=True, comment="The event (story id:event id)."),
    Column("incident_id", SEQ, nullable=False, index=True),
    Column("score", Float, comment="The match score that joined it; null for the event that opened the incident."),
    Column("evidence", JSON, comment="What matched: date, place, actors, counts, words, each with its points."),
    Column("decided_by", String(8), nullable=False, comment="auto, or manual (eventwire events merge|split)."),
    Column("at", String(32), nullable=False),
)

incident_decisions = Table(
    "incident_decisions", metadata,
    Column("seq", SEQ, primary_key=True, autoincrement=True),
    Column("kind", String(8), nullable=False, comment="merge or split"),
    Column("anchor", String(80), nullable=False, index=True,
           comment="The event as story id:trigger start-end:type, which survives re-extraction."),
    Column("with_anchor", String(80), comment="For a merge: the event it was merged with."),
    Column("at", String(32), nullable=False),
    comment="A person's merges and splits, re-applied whenever the stories are ingested or re-extracted again.",
)

store_meta = Table(
    "store_meta", metadata,
    Column("key", String(32), primary_key=True),
    Column("value", BigInteger, nullable=False),
    comment="generation: bumped by every write, so a reader can tell whether anything changed since it last looked.",
)

actors = Table(
    "actors", metadata,
    Column("id", SEQ, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, comment="The name it was first stored under (a seed group's own name)."),
    Column("type", String(8), nullable=False),
    Column("country", String(3)),
    Column("sector", String(8)),
    Column("created_at", String(32), nullable=False),
    comment="One actor across stories (eventwire/store/actors.py).",
)

actor_keys = Table(
    "actor_keys", metadata,
    Column("key", Text, primary_key=True, comment="Kind and spelling skeleton of a name: O:islamic state, O:isis."),
    Column("actor_id", SEQ, nullable=False, index=True),
    Column("source", String(8), nullable=False, comment="seed (data/armed_groups.tsv) or story"),
)


runs = Table(
    "runs", metadata,
    Column("id", SEQ, primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False, index=True,
           comment="A hash of the inputs as given and how they are read: the same command has the same key."),
    Column("command", JSON, nullable=False, comment="The inputs and reading options, to resume the run by its id."),
    Column("status", String(8), nullable=False, comment="running (or killed while running), or done."),
    Column("started_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    Column("counts", JSON, comment="The summary of the run's last stretch (new, stored, duplicates, failed)."),
    comment="Ingest runs (eventwire ingest): a run killed before its end is resumed by running it again.",
)

run_inputs = Table(
    "run_inputs", metadata,
    Column("run_id", SEQ, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("path", Text, primary_key=True),
    Column("items_done", Integer, nullable=False, comment="The input's first items that are stored or recorded."),
    Column("finished", Boolean, nullable=False, comment="Every item of the input is stored or recorded."),
    comment="How far a run has come through each of its inputs (files, or lines of a JSON Lines file).",
)
