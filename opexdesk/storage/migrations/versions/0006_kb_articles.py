"""Knowledge-base articles: current rows, append-only versions, tags, votes, ticket links.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("category", sa.String(120), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(35), nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        sa.Column("updated_by", sa.String(120), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.Column("helpful_count", sa.Integer(), nullable=False),
        sa.Column("not_helpful_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
    )
    op.create_index("ix_articles_status_updated", "articles", ["status", "updated_at"])
    op.create_index("ix_articles_category_status", "articles", ["category", "status"])
    op.create_index("ix_articles_language_status", "articles", ["language", "status"])

    op.create_table(
        "article_versions",
        sa.Column("article_id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("category", sa.String(120), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(35), nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        sa.Column("saved_at", UTC_TIME, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_article_versions_article_id_articles")
        ),
        sa.PrimaryKeyConstraint("article_id", "version", name=op.f("pk_article_versions")),
    )

    op.create_table(
        "article_tags",
        sa.Column("article_id", sa.String(36), nullable=False),
        sa.Column("tag", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_article_tags_article_id_articles")
        ),
        sa.PrimaryKeyConstraint("article_id", "tag", name=op.f("pk_article_tags")),
    )
    op.create_index("ix_article_tags_tag", "article_tags", ["tag", "article_id"])

    op.create_table(
        "article_votes",
        sa.Column("article_id", sa.String(36), nullable=False),
        sa.Column("username", sa.String(120), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_article_votes_article_id_articles")
        ),
        sa.PrimaryKeyConstraint("article_id", "username", name=op.f("pk_article_votes")),
    )

    op.create_table(
        "article_ticket_links",
        sa.Column("article_id", sa.String(36), nullable=False),
        sa.Column("ticket_id", sa.String(36), nullable=False),
        sa.Column("username", sa.String(120), nullable=False),
        sa.Column("at", UTC_TIME, nullable=False),
        sa.Column("query_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_ticket_links_article_id_articles"),
        ),
        sa.PrimaryKeyConstraint("article_id", "ticket_id", name=op.f("pk_article_ticket_links")),
    )
    op.create_index("ix_article_ticket_links_ticket", "article_ticket_links", ["ticket_id"])


def downgrade() -> None:
    op.drop_index("ix_article_ticket_links_ticket", "article_ticket_links")
    op.drop_table("article_ticket_links")
    op.drop_table("article_votes")
    op.drop_index("ix_article_tags_tag", "article_tags")
    op.drop_table("article_tags")
    op.drop_table("article_versions")
    op.drop_index("ix_articles_language_status", "articles")
    op.drop_index("ix_articles_category_status", "articles")
    op.drop_index("ix_articles_status_updated", "articles")
    op.drop_table("articles")
