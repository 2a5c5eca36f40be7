"""Alembic environment: runs on the connection handed over by opexdesk.storage.database."""

from alembic import context

from opexdesk.storage.database import include_in_autogenerate
from opexdesk.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite needs batch mode to alter tables
    include_name=include_in_autogenerate,
)
with context.begin_transaction():
    context.run_migrations()
