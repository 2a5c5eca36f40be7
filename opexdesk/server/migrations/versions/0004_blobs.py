"""blobs: attachment bytes by SHA-256 in chunks; attachments indexed by sha256

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 05:05:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("received", sa.BigInteger(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["uploaded_by"], ["users.id"], name=op.f("fk_sync_blobs_uploaded_by_users")
        ),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_sync_blobs")),
    )
    op.create_table(
        "sync_blob_chunks",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("start", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"],
            ["sync_blobs.sha256"],
            name=op.f("fk_sync_blob_chunks_sha256_sync_blobs"),
        ),
        sa.PrimaryKeyConstraint("sha256", "start", name=op.f("pk_sync_blob_chunks")),
    )
    op.create_index("ix_sync_attachments_sha256", "sync_attachments", ["sha256"])


def downgrade() -> None:
    op.drop_index("ix_sync_attachments_sha256", table_name="sync_attachments")
    op.drop_table("sync_blob_chunks")
    op.drop_table("sync_blobs")
