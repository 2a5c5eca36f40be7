"""tombstones for deleted tickets; how a conflict was resolved

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_tombstones",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("deleted_by", sa.String(length=120), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("server_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_tombstones")),
    )
    op.create_index("ix_sync_tombstones_server_seq", "sync_tombstones", ["server_seq"])
    with op.batch_alter_table("sync_conflicts") as batch:
        batch.add_column(sa.Column("resolution", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_conflicts") as batch:
        batch.drop_column("resolution")
    op.drop_index("ix_sync_tombstones_server_seq", table_name="sync_tombstones")
    op.drop_table("sync_tombstones")
