"""Each event's confidence (the happening model's, docs/events.md#the-happening-model), so that queries, stats,
exports and the map can keep only the surer events (``min_confidence``). Events stored before have none.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("confidence", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("confidence")
