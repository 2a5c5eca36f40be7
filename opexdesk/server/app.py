"""``create_app``: the FastAPI application of the central store (no module-level app).

The app holds no state of its own beyond a database engine: several processes (uvicorn
workers, hosts behind a load balancer) can serve one database.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES

from opexdesk import __version__
from opexdesk.server import API_PREFIX
from opexdesk.server.auth import AuthService
from opexdesk.server.blob_store import MAX_CHUNK_BYTES
from opexdesk.server.body_limit import BodySizeLimitMiddleware
from opexdesk.server.config import Clock, ServerSettings, utc_now
from opexdesk.server.database import open_server_database
from opexdesk.server.deps import Services, check_access_declared
from opexdesk.server.gzip_request import GzipRequestMiddleware
from opexdesk.server.http_errors import install_error_handlers
from opexdesk.server.openapi_doc import install_openapi
from opexdesk.server.routes import (
    article_snapshot,
    auth,
    blobs,
    events,
    health,
    snapshot,
    sync,
    ticket_search,
    users,
)
from opexdesk.server.security import Passwords
from opexdesk.server.users import UserAdmin


def build_services(settings: ServerSettings, clock: Clock = utc_now) -> Services:
    """Open (and migrate, unless told not to) the database and build the services on it."""
    db = open_server_database(settings.database_url, migrate_schema=settings.migrate_on_start)
    passwords = Passwords(settings.password_hashing)
    return Services(
        settings=settings,
        db=db,
        auth=AuthService(db, settings, passwords, clock),
        users=UserAdmin(db, passwords, clock),
    )


def create_app(settings: ServerSettings | None = None, *, clock: Clock = utc_now) -> FastAPI:
    """The API over the database of ``settings``; raises ``ServerDatabaseError`` when the
    database cannot be used (unreachable, newer schema, not a server database)."""
    settings = settings or ServerSettings()
    services = build_services(settings, clock)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        services.db.close()

    app = FastAPI(
        title="OpExDesk central store",
        version=__version__,
        summary="Users, authentication and (later) sync for OpExDesk clients.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        # The interactive docs pages load scripts from a CDN; field networks may have none.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.services = services
    app.state.clock = clock
    install_error_handlers(app)
    install_openapi(app)
    # Sync pages are large JSON; clients send Accept-Encoding: gzip (httpx does by default).
    # Not for blobs (ranges, mostly compressed files) nor the event stream (never buffered).
    app.add_middleware(
        GZipMiddleware,
        minimum_size=1024,
        exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, "application/octet-stream"),
    )
    body_limits = {
        f"{API_PREFIX}/sync/push": sync.PUSH_MAX_BYTES,
        f"{API_PREFIX}/blobs/": MAX_CHUNK_BYTES,
    }
    app.add_middleware(
        BodySizeLimitMiddleware, default_limit=settings.max_body_bytes, overrides=body_limits
    )
    # Outermost: gzip request bodies are inflated first, so the limits apply decompressed.
    app.add_middleware(
        GzipRequestMiddleware, default_limit=settings.max_body_bytes, overrides=body_limits
    )
    app.include_router(health.router, prefix=API_PREFIX)
    app.include_router(auth.router, prefix=API_PREFIX)
    app.include_router(users.router, prefix=API_PREFIX)
    app.include_router(sync.router, prefix=API_PREFIX)
    app.include_router(snapshot.router, prefix=API_PREFIX)
    app.include_router(article_snapshot.router, prefix=API_PREFIX)
    app.include_router(ticket_search.router, prefix=API_PREFIX)
    app.include_router(events.router, prefix=API_PREFIX)
    app.include_router(blobs.router, prefix=API_PREFIX)
    check_access_declared(app)
    return app


def create_app_from_env() -> FastAPI:
    """Factory for uvicorn worker processes: settings from OPEXDESK_SERVER_* variables."""
    return create_app(ServerSettings.from_env())
