"""Opening the central store's database (SQLite or PostgreSQL), schema checks, migrations."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from opexdesk.server.errors import (
    DatabaseUnavailableError,
    NewerSchemaError,
    NotAServerDatabaseError,
    SchemaNotCurrentError,
    ServerDatabaseError,
)
from opexdesk.server.ticket_search_index import is_index_object
from opexdesk.server.write_queue import WriteQueue
from opexdesk.storage import database as client_database

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

# The newest revision in opexdesk/server/migrations; a test keeps the two equal.
SCHEMA_HEAD = "0012"
# Not Alembic's default "alembic_version": a client database (which has that table) handed
# to the server by mistake is then recognised as "not a server database", not as "newer".
VERSION_TABLE = "server_schema_version"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Any constant: serialises concurrent `migrate` runs from several hosts on one PostgreSQL.
_PG_MIGRATION_LOCK = 0x0DE5_C001


def alembic_config() -> Config:
    """An Alembic config for the server migrations shipped inside the package."""
    return client_database.alembic_config(MIGRATIONS_DIR)


def head_revision() -> str:
    return client_database.head_revision(MIGRATIONS_DIR)


def display_url(url: str | URL) -> str:
    """The URL with its password hidden, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable URL>"


def parse_database_url(url: str) -> URL:
    """Check and normalise a database URL: SQLite files and PostgreSQL through psycopg 3.

    ``postgresql://`` and ``postgres://`` are taken to mean psycopg 3, the driver the server
    ships with (SQLAlchemy would otherwise look for psycopg2).
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ServerDatabaseError(
            f"Cannot parse the database URL {url!r}; use sqlite:///PATH or "
            "postgresql+psycopg://USER:PASSWORD@HOST:PORT/DATABASE."
        ) from None
    backend, _, driver = parsed.drivername.partition("+")
    if backend in ("postgresql", "postgres") and driver in ("", "psycopg"):
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite" and driver in ("", "pysqlite"):
        if not parsed.database or parsed.database == ":memory:":
            raise ServerDatabaseError(
                "The server needs a database file (sqlite:///PATH), not an in-memory database: "
                "every connection would see a different, empty one."
            )
        return parsed
    raise ServerDatabaseError(
        f"Unsupported database URL {display_url(parsed)}: use sqlite:///PATH or "
        "postgresql+psycopg://USER:PASSWORD@HOST:PORT/DATABASE."
    )


def _sqlite_engine(url: URL) -> Engine:
    path = Path(str(url.database)).expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnavailableError(
            f"Cannot create the directory {path.parent} for the database: {exc.strerror}."
        ) from exc
    if path.exists() and path.stat().st_size > 0:
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                con.execute("PRAGMA schema_version").fetchone()
            finally:
                con.close()
        except sqlite3.DatabaseError as exc:
            raise NotAServerDatabaseError(
                f"{path} is not a SQLite database or is damaged ({exc})."
            ) from exc
    # The client's engine: WAL, synchronous=FULL, foreign keys, busy timeout.
    return client_database.create_sqlite_engine(path)


def create_server_engine(url: str) -> Engine:
    """An engine for a checked URL: the client's SQLite set-up, or psycopg 3 with pre-ping."""
    parsed = parse_database_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    # pool_pre_ping: a connection dropped by a PostgreSQL restart or a pooler is replaced
    # instead of failing the next request.
    return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=10)


class ServerDatabase:
    """The opened server database: an engine and one-transaction sessions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._reads = sessionmaker(engine, expire_on_commit=False)
        self._writes = sessionmaker(
            engine.execution_options(**{client_database.IMMEDIATE_WRITES: True}),
            expire_on_commit=False,
        )
        # SQLite: this process's writers queue in arrival order (write_queue.py).
        self._queue = WriteQueue() if engine.dialect.name == "sqlite" else None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work that writes: commits on success, rolls back on any error."""
        if self._queue is None:
            with self._writes() as session, session.begin():
                yield session
            return
        with self._queue.turn(), self._writes() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (nothing is committed)."""
        with self._reads() as session, session.begin():
            yield session
            session.rollback()

    def schema_revision(self) -> str | None:
        return current_revision(self.engine)

    def close(self) -> None:
        self.engine.dispose()


def current_revision(engine: Engine | Connection) -> str | None:
    """The schema revision recorded in the database, or None for a database without one."""
    with _connection(engine) as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        row = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).first()
        return row[0] if row else None


@contextmanager
def _connection(bind: Engine | Connection) -> Iterator[Connection]:
    if isinstance(bind, Connection):
        yield bind
    else:
        with bind.connect() as conn:
            yield conn


def _check_revision(conn: Connection, revision: str | None) -> bool:
    """Raise when ``revision`` must not be touched; return True when it is the head."""
    if revision == SCHEMA_HEAD:
        return True
    if revision is None:
        others = [t for t in inspect(conn).get_table_names() if t != VERSION_TABLE]
        if others:
            shown = ", ".join(sorted(others)[:5])
            raise NotAServerDatabaseError(
                f"The database holds tables ({shown}) but no OpExDesk server schema version; "
                "it is not an OpExDesk server database (a client database?). Use an empty "
                "database for the server (nothing was changed)."
            )
        return False
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    script = ScriptDirectory.from_config(alembic_config())
    try:
        known = script.get_revision(revision)
    except CommandError:
        known = None
    if known is None:
        raise NewerSchemaError(
            f"This database uses server schema {revision!r}, written by a newer "
            f"opexdesk-server; this version knows schemas up to {SCHEMA_HEAD!r}. Update "
            "opexdesk-server to use it (nothing was changed)."
        )
    return False


def migrate(engine: Engine) -> str:
    """Bring the schema to the head in one transaction; refuse unknown schemas. Returns it."""
    with engine.connect() as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            # Held to commit: a second migrator waits, then finds the schema current.
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        revision = current_revision(conn)
        if _check_revision(conn, revision):
            return SCHEMA_HEAD
        from alembic import command  # only imported when there is something to do

        # DDL is transactional on both engines: a failed step leaves the old schema intact.
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    log.info("server schema migrated from %s to %s", revision, SCHEMA_HEAD)
    return SCHEMA_HEAD


def check_schema(engine: Engine) -> None:
    """Refuse a schema that is not this server's head (without changing anything)."""
    with engine.connect() as conn:
        revision = current_revision(conn)
        if _check_revision(conn, revision):
            return
    state = "has no server schema yet" if revision is None else f"is at schema {revision!r}"
    raise SchemaNotCurrentError(
        f"The database {state}; this server needs {SCHEMA_HEAD!r}. "
        "Run `opexdesk-server migrate` first."
    )


def open_server_database(url: str, *, migrate_schema: bool = True) -> ServerDatabase:
    """Open the database at ``url`` and migrate it (or only check it) to this server's head.

    Raises a ``ServerDatabaseError`` with a message naming the problem and what to do.
    """
    engine = create_server_engine(url)
    try:
        if migrate_schema:
            migrate(engine)
        else:
            check_schema(engine)
    except DBAPIError as exc:
        engine.dispose()
        raise DatabaseUnavailableError(
            f"Cannot use the database {display_url(url)}: {_first_line(exc.orig)}"
        ) from exc
    except BaseException:
        engine.dispose()
        raise
    return ServerDatabase(engine)


def schema_differences(conn: Connection) -> list[Any]:
    """What Alembic autogenerate would change to make the database match the server models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from opexdesk.server import blob_models, sync_models  # noqa: F401  (register their tables)
    from opexdesk.server.models import ServerBase

    context = MigrationContext.configure(
        conn,
        opts={
            "version_table": VERSION_TABLE,
            "include_name": lambda name, type_, _parents: (
                not ((type_ == "table" and name == VERSION_TABLE) or is_index_object(name, type_))
            ),
        },
    )
    return list(compare_metadata(context, ServerBase.metadata))


def _first_line(error: object) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
