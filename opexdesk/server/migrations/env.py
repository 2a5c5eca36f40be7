"""Alembic environment: runs on the connection handed over by opexdesk.server.database."""

from alembic import context

from opexdesk.server import blob_models, sync_models  # noqa: F401  (register their tables)
from opexdesk.server.database import VERSION_TABLE
from opexdesk.server.models import ServerBase
from opexdesk.server.ticket_search_index import is_index_object

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=ServerBase.metadata,
    version_table=VERSION_TABLE,
    render_as_batch=True,  # SQLite needs batch mode to alter tables
    # The ticket search index is made by its migration, not described by the models.
    include_name=lambda name, type_, _parents: not is_index_object(name, type_),
)
with context.begin_transaction():
    context.run_migrations()
