"""``GET /health``: lets a client recognise an OpExDesk server and a monitor check it."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from opexdesk import __version__
from opexdesk.server.deps import ServicesDep, public
from opexdesk.server.schemas import Health

router = APIRouter(tags=["server"])


@router.get("/health", response_model=Health, dependencies=[Depends(public)])
def health(services: ServicesDep) -> Health:
    """Server identity, version and database schema (reads the database: a database that
    cannot be reached answers 503)."""
    return Health(version=__version__, db_schema=services.db.schema_revision())
