"""Actors across stories: a registry of actors and the name keys they are known by; each party row its actor.

Parties stored before this revision get no actor id (`eventwire ingest --reprocess --all` gives them one).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("id", SEQ, autoincrement=True, nullable=False), sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(8), nullable=False), sa.Column("country", sa.String(3)),
        sa.Column("sector", sa.String(8)), sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id"))
    op.create_table(
        "actor_keys",
        sa.Column("key", sa.Text(), nullable=False), sa.Column("actor_id", SEQ, nullable=False),
        sa.Column("source", sa.String(8), nullable=False), sa.PrimaryKeyConstraint("key"))
    op.create_index("ix_actor_keys_actor_id", "actor_keys", ["actor_id"])
    op.add_column("event_parties", sa.Column("actor_id", SEQ, nullable=True))
    op.create_index("ix_event_parties_actor", "event_parties", ["actor_id", "event_seq"])


def downgrade() -> None:
    op.drop_index("ix_event_parties_actor", table_name="event_parties")
    op.execute("ALTER TABLE event_parties DROP COLUMN actor_id")
    op.drop_index("ix_actor_keys_actor_id", table_name="actor_keys")
    op.drop_table("actor_keys")
    op.drop_table("actors")
