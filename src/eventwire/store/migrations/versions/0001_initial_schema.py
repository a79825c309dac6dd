"""The initial schema: stories, events and their parties, entities, places, quotes, failures, full-text search.

Revision ID: 0001
Revises:
Create Date: 2026-12-06 02:21:43.783733
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('failures',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('input_path', sa.Text(), nullable=True),
    sa.Column('input_line', sa.Integer(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=True),
    sa.Column('at', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    op.create_table('stories',
    sa.Column('id', sa.String(length=32), nullable=False, comment="Content id: the record's id, a hash of the normalised text."),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True, comment="Agency or site (the record's source)."),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('author', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=10), nullable=True, comment='YYYY-MM-DD, YYYY-MM or YYYY.'),
    sa.Column('published_precision', sa.String(length=5), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('record', sa.JSON(), nullable=False, comment='The full ArticleRecord as eventwire extract writes it.'),
    sa.Column('errors', sa.Integer(), nullable=False, comment='How many stage errors the record carries.'),
    sa.Column('input_path', sa.Text(), nullable=True),
    sa.Column('input_line', sa.Integer(), nullable=True),
    sa.Column('eventwire_version', sa.String(length=32), nullable=False),
    sa.Column('pipeline_hash', sa.String(length=16), nullable=False),
    sa.Column('ingested_at', sa.String(length=32), nullable=False),
    sa.Column('superseded_by', sa.String(length=32), nullable=True, comment='The id of a later text under the same URL.'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stories_pipeline_hash'), ['pipeline_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_stories_published'), ['published'], unique=False)
        batch_op.create_index(batch_op.f('ix_stories_url'), ['url'], unique=False)

    op.create_table('entities',
    sa.Column('story_id', sa.String(length=32), nullable=False),
    sa.Column('id', sa.String(length=16), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('name_key', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=8), nullable=False),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('sector', sa.String(length=8), nullable=True),
    sa.Column('mentions', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('story_id', 'id')
    )
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entities_name_key'), ['name_key'], unique=False)

    op.create_table('events',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('id', sa.String(length=48), nullable=False, comment='story id:event id, e.g. cd9486d8b6d6825b:v1.'),
    sa.Column('story_id', sa.String(length=32), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False, comment='PLOVER event type.'),
    sa.Column('mode', sa.String(length=32), nullable=True),
    sa.Column('acled_event_type', sa.Text(), nullable=True),
    sa.Column('acled_sub_event_type', sa.Text(), nullable=True),
    sa.Column('cameo', sa.String(length=8), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=True),
    sa.Column('date_start', sa.String(length=10), nullable=True),
    sa.Column('date_end', sa.String(length=10), nullable=True),
    sa.Column('date_granularity', sa.String(length=8), nullable=True),
    sa.Column('date_basis', sa.String(length=8), nullable=True),
    sa.Column('date_key', sa.String(length=10), nullable=False, comment="date_start or '': the sort key."),
    sa.Column('place', sa.Text(), nullable=True),
    sa.Column('place_basis', sa.String(length=8), nullable=True),
    sa.Column('geonames_id', sa.BigInteger(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('country', sa.String(length=3), nullable=True, comment="ISO 3166-1 alpha-3 of the event's place."),
    sa.Column('admin1', sa.Text(), nullable=True),
    sa.Column('geo_precision', sa.Integer(), nullable=True),
    sa.Column('fatalities', sa.Integer(), nullable=True),
    sa.Column('injured', sa.Integer(), nullable=True),
    sa.Column('arrested', sa.Integer(), nullable=True),
    sa.Column('actor_names', sa.Text(), nullable=True, comment="The actors' names, '; '-joined (event_parties has them one by one)."),
    sa.Column('recipient_names', sa.Text(), nullable=True),
    sa.Column('claimant', sa.Text(), nullable=True, comment='Who claims the event, by name; null when the story states it itself.'),
    sa.Column('evidence', sa.Text(), nullable=True, comment="The first telling's sentence."),
    sa.Column('evidence_start', sa.Integer(), nullable=True),
    sa.Column('evidence_end', sa.Integer(), nullable=True),
    sa.Column('trigger_start', sa.Integer(), nullable=True),
    sa.Column('trigger_end', sa.Integer(), nullable=True),
    sa.Column('mentions', sa.Integer(), nullable=False, comment='How many tellings in the story.'),
    sa.Column('superseded', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('seq'),
    sa.UniqueConstraint('id')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_acled_sub_event_type'), ['acled_sub_event_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_country'), ['country'], unique=False)
        batch_op.create_index('ix_events_date', ['date_key', 'seq'], unique=False)
        batch_op.create_index('ix_events_lat_lon', ['lat', 'lon'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_story_id'), ['story_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_superseded'), ['superseded'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_type'), ['type'], unique=False)

    op.create_table('places',
    sa.Column('story_id', sa.String(length=32), nullable=False),
    sa.Column('id', sa.String(length=16), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('geonames_id', sa.BigInteger(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('admin1', sa.Text(), nullable=True),
    sa.Column('feature', sa.String(length=8), nullable=True),
    sa.Column('precision', sa.Integer(), nullable=True),
    sa.Column('mentions', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('story_id', 'id')
    )
    op.create_table('quotes',
    sa.Column('story_id', sa.String(length=32), nullable=False),
    sa.Column('id', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('speaker', sa.Text(), nullable=True, comment="The speaker's entity name, or the words that name them."),
    sa.Column('cue', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('story_id', 'id')
    )
    op.create_table('event_parties',
    sa.Column('event_seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('role', sa.String(length=9), nullable=False, comment='actor or recipient'),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.String(length=16), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('name_key', sa.Text(), nullable=False, comment='Lower-cased name, for the actor filter.'),
    sa.Column('type', sa.String(length=8), nullable=True),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('sector', sa.String(length=8), nullable=True),
    sa.ForeignKeyConstraint(['event_seq'], ['events.seq'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_seq', 'role', 'position')
    )
    with op.batch_alter_table('event_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_parties_name_key'), ['name_key'], unique=False)
    full_text_search_up()


FTS_TRIGGERS = {
    "stories_fts_insert": "AFTER INSERT ON stories BEGIN INSERT INTO stories_fts(rowid, title, text) "
                          "VALUES (new.rowid, new.title, new.text); END",
    "stories_fts_delete": "AFTER DELETE ON stories BEGIN INSERT INTO stories_fts(stories_fts, rowid, title, text) "
                          "VALUES ('delete', old.rowid, old.title, old.text); END",
    "stories_fts_update": "AFTER UPDATE OF title, text ON stories BEGIN INSERT INTO stories_fts(stories_fts, rowid, "
                          "title, text) VALUES ('delete', old.rowid, old.title, old.text); INSERT INTO "
                          "stories_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
}


def full_text_search_up() -> None:
    """SQLite: an FTS5 index over the stories' title and text, kept by triggers. PostgreSQL: a generated tsvector
    column with a GIN index."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE stories_fts USING fts5(title, text, content='stories', content_rowid='rowid', "
                   "tokenize='porter unicode61 remove_diacritics 2')")
        for name, body in FTS_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
    else:
        op.execute("ALTER TABLE stories ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
                   "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED")
        op.execute("CREATE INDEX ix_stories_tsv ON stories USING GIN (tsv)")


def full_text_search_down() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in FTS_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
        op.execute("DROP TABLE stories_fts")
    else:
        op.execute("DROP INDEX ix_stories_tsv")
        op.execute("ALTER TABLE stories DROP COLUMN tsv")


def downgrade() -> None:
    full_text_search_down()
    with op.batch_alter_table('event_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_parties_name_key'))

    op.drop_table('event_parties')
    op.drop_table('quotes')
    op.drop_table('places')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_type'))
        batch_op.drop_index(batch_op.f('ix_events_superseded'))
        batch_op.drop_index(batch_op.f('ix_events_story_id'))
        batch_op.drop_index(batch_op.f('ix_events_status'))
        batch_op.drop_index('ix_events_lat_lon')
        batch_op.drop_index('ix_events_date')
        batch_op.drop_index(batch_op.f('ix_events_country'))
        batch_op.drop_index(batch_op.f('ix_events_acled_sub_event_type'))

    op.drop_table('events')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entities_name_key'))

    op.drop_table('entities')
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stories_url'))
        batch_op.drop_index(batch_op.f('ix_stories_published'))
        batch_op.drop_index(batch_op.f('ix_stories_pipeline_hash'))

    op.drop_table('stories')
    op.drop_table('failures')
