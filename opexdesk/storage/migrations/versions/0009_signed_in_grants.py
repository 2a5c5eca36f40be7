"""the signed-in account's grants beside its role, for the checks a device makes early

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Unknown until the next sign-in or token refresh: no grant meanwhile (the central
    # store still decides).
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("grants", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("grants")
