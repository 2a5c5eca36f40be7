"""rights an administrator gives one account beyond its role (e.g. knowledge-base editor)

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing accounts get no grant: what their role allows stays exactly as it was.
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("grants", sa.String(200), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("grants")
