"""Ingest runs and how far each has come through its inputs, so that a killed run resumes where it stopped.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", SEQ, autoincrement=True, nullable=False), sa.Column("key", sa.String(64), nullable=False),
        sa.Column("command", sa.JSON(), nullable=False), sa.Column("status", sa.String(8), nullable=False),
        sa.Column("started_at", sa.String(32), nullable=False), sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("counts", sa.JSON()), sa.PrimaryKeyConstraint("id"))
    op.create_index("ix_runs_key", "runs", ["key"])
    op.create_table(
        "run_inputs",
        sa.Column("run_id", SEQ, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("path", sa.Text(), nullable=False), sa.Column("items_done", sa.Integer(), nullable=False),
        sa.Column("finished", sa.Boolean(), nullable=False), sa.PrimaryKeyConstraint("run_id", "path"))


def downgrade() -> None:
    op.drop_table("run_inputs")
    op.drop_index("ix_runs_key", table_name="runs")
    op.drop_table("runs")
