"""Cross-story events (incidents): the events of several stories that tell one happening, with how each was joined,
and a person's merges and splits; and the store's write generation (what the API's response cache is keyed by).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.add_column("events", sa.Column("incident_id", SEQ, nullable=True))
    op.add_column("events", sa.Column("named_party", sa.Boolean(), nullable=True))
    op.create_index("ix_events_incident_id", "events", ["incident_id"])
    op.create_table(
        "incidents",
        sa.Column("id", SEQ, autoincrement=True, nullable=False), sa.Column("type", sa.String(16), nullable=False),
        sa.Column("date_start", sa.String(10)), sa.Column("date_end", sa.String(10)), sa.Column("place", sa.Text()),
        sa.Column("lat", sa.Float()), sa.Column("lon", sa.Float()), sa.Column("country", sa.String(3)),
        sa.Column("admin1", sa.Text()), sa.Column("fatalities", sa.Integer()), sa.Column("fatalities_max", sa.Integer()),
        sa.Column("actor_names", sa.Text()), sa.Column("recipient_names", sa.Text()),
        sa.Column("events", sa.Integer(), nullable=False), sa.Column("stories", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False), sa.PrimaryKeyConstraint("id"))
    op.create_index("ix_incidents_country", "incidents", ["country"])
    op.create_table(
        "incident_links",
        sa.Column("event_id", sa.String(48), nullable=False), sa.Column("incident_id", SEQ, nullable=False),
        sa.Column("score", sa.Float()), sa.Column("evidence", sa.JSON()),
        sa.Column("decided_by", sa.String(8), nullable=False), sa.Column("at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("event_id"))
    op.create_index("ix_incident_links_incident_id", "incident_links", ["incident_id"])
    op.create_table(
        "incident_decisions",
        sa.Column("seq", SEQ, autoincrement=True, nullable=False), sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("anchor", sa.String(80), nullable=False), sa.Column("with_anchor", sa.String(80)),
        sa.Column("at", sa.String(32), nullable=False), sa.PrimaryKeyConstraint("seq"))
    op.create_index("ix_incident_decisions_anchor", "incident_decisions", ["anchor"])
    op.create_table("store_meta", sa.Column("key", sa.String(32), nullable=False),
                    sa.Column("value", sa.BigInteger(), nullable=False), sa.PrimaryKeyConstraint("key"))
    op.execute("INSERT INTO store_meta (key, value) VALUES ('generation', 0)")
    # Events stored before this revision are linked by the next `eventwire ingest --relink` (docs/identity.md).


def downgrade() -> None:
    op.drop_table("store_meta")
    op.drop_index("ix_incident_decisions_anchor", table_name="incident_decisions")
    op.drop_table("incident_decisions")
    op.drop_index("ix_incident_links_incident_id", table_name="incident_links")
    op.drop_table("incident_links")
    op.drop_index("ix_incidents_country", table_name="incidents")
    op.drop_table("incidents")
    op.drop_index("ix_events_incident_id", table_name="events")
    op.execute("ALTER TABLE events DROP COLUMN incident_id")
    op.execute("ALTER TABLE events DROP COLUMN named_party")
