"""a ticket's priority override reason (priority set by hand, locked against the matrix)

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_tickets") as batch:
        batch.add_column(sa.Column("priority_override_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_tickets") as batch:
        batch.drop_column("priority_override_reason")
