"""an index of adjacent character pairs on SQLite, so two-character words (网络, PC) find
stored tickets without reading the table (server/ticket_search_index.py)

Revision ID: 0011
Revises: 0010
"""

from alembic import op

from opexdesk.server import ticket_search_index

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # As this revision made it: pairs only (revision 0012 adds single characters).
    ticket_search_index.create_pairs(op.get_bind(), characters=False)


def downgrade() -> None:
    ticket_search_index.drop_pairs(op.get_bind())
