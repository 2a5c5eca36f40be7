"""the pairs index also finds single letters outside ASCII (机, é): on SQLite each text's
last character is a token of its own too (a prefix query then finds any character), on
PostgreSQL the array holds every single character as well (server/ticket_search_index.py)

Revision ID: 0012
Revises: 0011
"""

from alembic import op

from opexdesk.server import ticket_search_index

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rebuilt, not amended: SQLite's deletes resend a row's tokens, and PostgreSQL's index
    # is over the function's result.
    ticket_search_index.drop_pairs(op.get_bind())
    ticket_search_index.create_pairs(op.get_bind(), characters=True)


def downgrade() -> None:
    ticket_search_index.drop_pairs(op.get_bind())
    ticket_search_index.create_pairs(op.get_bind(), characters=False)
