"""Client sync state: the one sync_state row and the mirrored conflicts.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(36), nullable=False),
        sa.Column("server_url", sa.String(500), nullable=True),
        sa.Column("username", sa.String(120), nullable=True),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("last_push_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_pull_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "conflicts",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("ticket_id", sa.String(64), nullable=False),
        sa.Column("mutation_id", sa.String(36), nullable=True),
        sa.Column("field", sa.String(64), nullable=True),
        sa.Column("base", sa.JSON(), nullable=True),
        sa.Column("local", sa.JSON(), nullable=True),
        sa.Column("server", sa.JSON(), nullable=True),
        sa.Column("rule", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("server_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflicts")),
    )
    op.create_index("ix_conflicts_ticket", "conflicts", ["ticket_id"])


def downgrade() -> None:
    op.drop_index("ix_conflicts_ticket", "conflicts")
    op.drop_table("conflicts")
    op.drop_table("sync_state")
