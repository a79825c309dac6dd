"""Indexes shaped for the filters (superseded, the filter's columns, then the sort key) and a table of actor names.

Measured on a store of 1,000,000 events (benchmarks/bench_store.py): a page with three filters went from a table
sort to a short backwards index read, and the actor filter from a scan of every party to a scan of the names.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

OLD_EVENT_INDEXES = {"ix_events_type": ["type"], "ix_events_acled_sub_event_type": ["acled_sub_event_type"],
                     "ix_events_status": ["status"], "ix_events_country": ["country"],
                     "ix_events_superseded": ["superseded"], "ix_events_date": ["date_key", "seq"]}
NEW_EVENT_INDEXES = {
    "ix_events_live_date": ["superseded", "date_key", "seq"],
    "ix_events_live_type": ["superseded", "type", "date_key", "seq"],
    "ix_events_live_country": ["superseded", "country", "type", "date_key", "seq"],
    "ix_events_live_status": ["superseded", "status", "date_key", "seq"],
    "ix_events_live_day": ["superseded", "date_granularity", "date_start", "type"],
}


def upgrade() -> None:
    for name in OLD_EVENT_INDEXES:
        op.drop_index(name, table_name="events")
    for name, columns in NEW_EVENT_INDEXES.items():
        op.create_index(name, "events", columns)
    op.drop_index("ix_event_parties_name_key", table_name="event_parties")
    op.create_index("ix_event_parties_name", "event_parties", ["name_key", "event_seq"])
    op.create_table("actor_names", sa.Column("name_key", sa.Text(), nullable=False), sa.Column("name", sa.Text(),
                    nullable=False), sa.PrimaryKeyConstraint("name_key"))
    op.execute("INSERT INTO actor_names (name_key, name) SELECT name_key, min(name) FROM event_parties "
               "GROUP BY name_key")


def downgrade() -> None:
    op.drop_table("actor_names")
    op.drop_index("ix_event_parties_name", table_name="event_parties")
    op.create_index("ix_event_parties_name_key", "event_parties", ["name_key"])
    for name in NEW_EVENT_INDEXES:
        op.drop_index(name, table_name="events")
    for name, columns in OLD_EVENT_INDEXES.items():
        op.create_index(name, "events", columns)
