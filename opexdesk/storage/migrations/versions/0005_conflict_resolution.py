"""How a conflict was resolved on this device, and the signed-in user's role.

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
    with op.batch_alter_table("conflicts") as batch:
        batch.add_column(sa.Column("resolution", sa.String(16), nullable=True))
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("role", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("role")
    with op.batch_alter_table("conflicts") as batch:
        batch.drop_column("resolution")
