"""shared configuration every device follows (priority matrix, SLA policy), synced

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_config",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_config")),
    )
    op.create_index("ix_sync_config_server_seq", "sync_config", ["server_seq"])


def downgrade() -> None:
    op.drop_index("ix_sync_config_server_seq", table_name="sync_config")
    op.drop_table("sync_config")
