"""Near-duplicate stories: each story's MinHash signature, its LSH bands, and every source a story appeared under.

Stories stored before this revision get their signature, bands and own source row here.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    # Plain ALTER TABLE on both back ends: a batch operation would rebuild stories on SQLite and lose the full-text
    # triggers and the rowids the full-text index points at.
    op.add_column("stories", sa.Column("minhash", sa.LargeBinary(), nullable=True))
    op.add_column("stories", sa.Column("shingles", sa.Integer(), nullable=True))
    op.create_table(
        "story_sources",
        sa.Column("seq", SEQ, autoincrement=True, nullable=False),
        sa.Column("story_id", sa.String(32), sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
        sa.Column("url", sa.Text()), sa.Column("outlet", sa.Text()), sa.Column("title", sa.Text()),
        sa.Column("published", sa.String(10)), sa.Column("input_path", sa.Text()), sa.Column("input_line", sa.Integer()),
        sa.Column("similarity", sa.Float(), nullable=False), sa.Column("seen_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("seq"))
    op.create_index("ix_story_sources_story_id", "story_sources", ["story_id"])
    op.create_index("ix_story_sources_url", "story_sources", ["url"])
    op.create_table(
        "story_bands",
        sa.Column("band", sa.Integer(), nullable=False), sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.Column("story_id", sa.String(32), sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
        sa.PrimaryKeyConstraint("band", "bucket", "story_id"))
    backfill()


def backfill() -> None:
    from eventwire import neardup

    conn = op.get_bind()
    stories = sa.table("stories", sa.column("id"), sa.column("text"), sa.column("url"), sa.column("outlet"),
                       sa.column("title"), sa.column("published"), sa.column("input_path"),
                       sa.column("input_line"), sa.column("ingested_at"), sa.column("minhash"), sa.column("shingles"))
    sources = sa.table("story_sources", *(sa.column(c) for c in ("story_id", "url", "outlet", "title", "published",
                                                                 "input_path", "input_line", "similarity",
                                                                 "seen_at")))
    bands = sa.table("story_bands", sa.column("band"), sa.column("bucket"), sa.column("story_id"))
    rows = conn.execute(sa.select(stories.c.id, stories.c.text, stories.c.url, stories.c.outlet, stories.c.title,
                                  stories.c.published, stories.c.input_path, stories.c.input_line,
                                  stories.c.ingested_at)).all()
    for r in rows:
        sig, size = neardup.fingerprint(r.text)
        conn.execute(sa.update(stories).where(stories.c.id == r.id).values(minhash=neardup.to_bytes(sig),
                                                                          shingles=size))
        conn.execute(sa.insert(sources).values(story_id=r.id, url=r.url, outlet=r.outlet, title=r.title,
                                               published=r.published, input_path=r.input_path,
                                               input_line=r.input_line, similarity=1.0, seen_at=r.ingested_at))
        conn.execute(sa.insert(bands), [{"band": i, "bucket": b, "story_id": r.id}
                                        for i, b in enumerate(neardup.bands(sig))])


def downgrade() -> None:
    op.drop_table("story_bands")
    op.drop_index("ix_story_sources_url", table_name="story_sources")
    op.drop_index("ix_story_sources_story_id", table_name="story_sources")
    op.drop_table("story_sources")
    op.execute("ALTER TABLE stories DROP COLUMN shingles")  # SQLite 3.35+ and PostgreSQL, without a rebuild
    op.execute("ALTER TABLE stories DROP COLUMN minhash")
