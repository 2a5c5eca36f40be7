"""an index of adjacent character pairs, so two-character terms (网络, PC) are found without
reading every ticket (storage/search_index.py)

Revision ID: 0010
Revises: 0009
"""

from dataclasses import replace

from alembic import op

from opexdesk.storage.search_index import TICKET_PAIRS as CURRENT_PAIRS

# The table as this revision made it: without the last characters (revision 0011 adds them).
TICKET_PAIRS = replace(CURRENT_PAIRS, last_alone=False)

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":  # FTS5 is SQLite's, as in revision 0002
        return
    # The tickets already stored get their pairs here: 14 s for a million tickets.
    for statement in (*TICKET_PAIRS.create_statements(), *TICKET_PAIRS.rebuild_statements()):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in TICKET_PAIRS.drop_statements():
        op.execute(statement)
