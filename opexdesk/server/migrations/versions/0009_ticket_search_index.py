"""an index for finding stored tickets by words (FTS5 trigram on SQLite, pg_trgm on PostgreSQL)

Revision ID: 0009
Revises: 0008
"""

from alembic import op

from opexdesk.server import ticket_search_index

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    ticket_search_index.create(op.get_bind())


def downgrade() -> None:
    ticket_search_index.drop(op.get_bind())
