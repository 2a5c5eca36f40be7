"""Knowledge-base articles in the sync: a conflict record says what it is about (a ticket or
an article; docs/sync_articles.md).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every record made before is about a ticket.
    with op.batch_alter_table("conflicts") as batch:
        batch.add_column(
            sa.Column("entity", sa.String(16), nullable=False, server_default="ticket")
        )


def downgrade() -> None:
    with op.batch_alter_table("conflicts") as batch:
        batch.drop_column("entity")
