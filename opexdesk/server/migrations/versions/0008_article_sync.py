"""knowledge-base articles in the sync: articles, versions, votes, links; conflict entity

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _article_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["article_id"], ["sync_articles.id"], name=op.f(f"fk_{table}_article_id_sync_articles")
    )


def upgrade() -> None:
    op.create_table(
        "sync_articles",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=120), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(length=35), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("helpful_count", sa.Integer(), nullable=False),
        sa.Column("not_helpful_count", sa.Integer(), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_articles")),
    )
    op.create_index("ix_sync_articles_server_seq", "sync_articles", ["server_seq"])
    op.create_table(
        "sync_article_versions",
        sa.Column("article_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=120), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(length=35), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _article_fk("sync_article_versions"),
        sa.PrimaryKeyConstraint("article_id", "version", name=op.f("pk_sync_article_versions")),
    )
    op.create_table(
        "sync_article_votes",
        sa.Column("article_id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=120), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        _article_fk("sync_article_votes"),
        sa.PrimaryKeyConstraint("article_id", "username", name=op.f("pk_sync_article_votes")),
    )
    op.create_table(
        "sync_article_links",
        sa.Column("article_id", sa.String(length=36), nullable=False),
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=120), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("query_text", sa.Text(), nullable=False),
        _article_fk("sync_article_links"),
        sa.PrimaryKeyConstraint("article_id", "ticket_id", name=op.f("pk_sync_article_links")),
    )
    # Existing conflict records are all about tickets.
    with op.batch_alter_table("sync_conflicts") as batch:
        batch.add_column(
            sa.Column("entity", sa.String(length=16), nullable=False, server_default="ticket")
        )


def downgrade() -> None:
    with op.batch_alter_table("sync_conflicts") as batch:
        batch.drop_column("entity")
    op.drop_table("sync_article_links")
    op.drop_table("sync_article_votes")
    op.drop_table("sync_article_versions")
    op.drop_index("ix_sync_articles_server_seq", table_name="sync_articles")
    op.drop_table("sync_articles")
