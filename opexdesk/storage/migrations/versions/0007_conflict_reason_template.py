"""A conflict's reason, and the last sync error, as a template with arguments, so they are
shown in the UI's language.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing rows keep their English reason and get no template: shown as they are.
    with op.batch_alter_table("conflicts") as batch:
        batch.add_column(sa.Column("reason_template", sa.Text(), nullable=True))
        batch.add_column(sa.Column("reason_params", sa.JSON(), nullable=True))
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("last_error_template", sa.Text(), nullable=True))
        batch.add_column(sa.Column("last_error_params", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("last_error_params")
        batch.drop_column("last_error_template")
    with op.batch_alter_table("conflicts") as batch:
        batch.drop_column("reason_params")
        batch.drop_column("reason_template")
