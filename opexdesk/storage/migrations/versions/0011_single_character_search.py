"""the pairs index also holds the last character of each title and requester, so a single
letter outside ASCII (机, é) is a prefix query instead of a scan of every ticket
(storage/search_index.py)

Revision ID: 0011
Revises: 0010
"""

from dataclasses import replace

from alembic import op

from opexdesk.storage.search_index import TICKET_PAIRS, PairsIndex

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

WITHOUT_LAST = replace(TICKET_PAIRS, last_alone=False)  # what revision 0010 made


def _replace(old: PairsIndex, new: PairsIndex) -> None:
    # Deletes resend a row's tokens, so the table is rebuilt, not amended: ~15 s for a
    # million tickets (revision 0010 took 14 s for the same work).
    statements = (*old.drop_statements(), *new.create_statements(), *new.rebuild_statements())
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":  # FTS5 is SQLite's, as in revision 0002
        return
    _replace(WITHOUT_LAST, TICKET_PAIRS)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _replace(TICKET_PAIRS, WITHOUT_LAST)
