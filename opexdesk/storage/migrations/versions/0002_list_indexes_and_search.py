"""Sort indexes for every list column, and the full-text index of ticket titles.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from opexdesk.storage.search_index import CREATE_STATEMENTS, DROP_STATEMENTS

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Every sortable list column gets (column, local_id), so a page is an index walk.
SORT_INDEXES = {
    "ix_tickets_priority": ["priority", "local_id"],
    "ix_tickets_status": ["status", "local_id"],
    "ix_tickets_status_updated": ["status", "updated_at", "local_id"],
    "ix_tickets_assignee": ["assignee", "local_id"],
    "ix_tickets_title": ["title", "local_id"],
    "ix_tickets_requester": ["requester", "local_id"],
    "ix_tickets_site": ["site", "local_id"],
    "ix_tickets_category": ["category", "local_id"],
}


def upgrade() -> None:
    for name, columns in SORT_INDEXES.items():
        op.create_index(name, "tickets", columns)
    if op.get_bind().dialect.name == "sqlite":  # FTS5 is SQLite's; the server searches otherwise
        for statement in CREATE_STATEMENTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in DROP_STATEMENTS:
            op.execute(statement)
    for name in SORT_INDEXES:
        op.drop_index(name, "tickets")
