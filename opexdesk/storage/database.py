"""Opening the local SQLite database: pragmas, schema checks, migrations, transactions."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from opexdesk.storage.errors import CorruptDatabaseError, DataDirError, NewerSchemaError
from opexdesk.storage.search_index import is_search_table

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

# The newest Alembic revision this build ships. Opening a database already at this revision
# skips loading Alembic at all (it costs ~100 ms of start-up); a test keeps it equal to the
# head of opexdesk/storage/migrations.
SCHEMA_HEAD = "0011"

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 10_000


def alembic_config(migrations_dir: Path = MIGRATIONS_DIR) -> Config:
    """An Alembic config for migrations shipped inside the package (the client's by default)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir))
    return cfg


def head_revision(migrations_dir: Path = MIGRATIONS_DIR) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(migrations_dir)).get_current_head()
    assert head is not None
    return head


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Autocommit at the driver level; SQLAlchemy emits BEGIN itself (see _begin), which
    # makes transactions and SAVEPOINTs behave as documented.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


# Execution option for connections whose transactions will write: they take SQLite's write
# lock at BEGIN (IMMEDIATE), so concurrent writers queue on the busy timeout instead of
# failing with SQLITE_BUSY when a read lock cannot be upgraded. Reads stay deferred.
IMMEDIATE_WRITES = "opexdesk_immediate_writes"


def _begin(conn: Any) -> None:
    immediate = conn.get_execution_options().get(IMMEDIATE_WRITES, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite+pysqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


class Database:
    """The opened local store: an engine plus a factory of one-transaction sessions."""

    def __init__(self, engine: Engine, path: Path | None) -> None:
        self.engine = engine
        self.path = path
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls everything back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (one snapshot; nothing is committed)."""
        with self._sessions() as session, session.begin():
            yield session
            session.rollback()

    def close(self) -> None:
        self.engine.dispose()


def ensure_writable_dir(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataDirError(
            "Cannot create the data directory {directory}: {reason}.",
            directory=directory,
            reason=exc.strerror,
        ) from exc
    if not os.access(directory, os.W_OK | os.X_OK):
        raise DataDirError(
            "The data directory {directory} is not writable; choose another with --basedir "
            "or fix its permissions.",
            directory=directory,
        )


def open_database(path: Path) -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    Raises a StorageError subclass with a user-facing message when the directory is not
    writable, the file is not a SQLite database, or it comes from a newer OpExDesk.
    """
    ensure_writable_dir(path.parent)
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise DataDirError("The database file {path} is not readable and writable.", path=path)
    _check_is_sqlite(path)
    engine = create_sqlite_engine(path)
    try:
        migrate(engine)
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        raise CorruptDatabaseError(
            "The database {path} cannot be read ({reason}); it may be damaged. "
            "Move it aside and start again, or restore a backup.",
            path=path,
            reason=str(exc.orig),
        ) from exc
    except Exception:
        engine.dispose()
        raise
    return Database(engine, path)


def _check_is_sqlite(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            con.execute("PRAGMA schema_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(
            "{path} is not an OpExDesk database or is damaged ({reason}). "
            "Move it aside and start again, or restore a backup.",
            path=path,
            reason=str(exc),
        ) from exc


def include_in_autogenerate(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave the FTS5 table and its shadow tables (not modelled) out of schema comparisons."""
    return not (type_ == "table" and is_search_table(name))


def schema_differences(conn: Connection) -> list[Any]:
    """What Alembic autogenerate would change to make the database match the models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from opexdesk.storage.models import Base

    context = MigrationContext.configure(conn, opts={"include_name": include_in_autogenerate})
    return list(compare_metadata(context, Base.metadata))


def upgrade_pending(path: Path) -> bool:
    """Whether opening the database at ``path`` will upgrade its schema (a file written by
    an older OpExDesk): read-only, never creates the file; False when it cannot tell."""
    if not path.is_file():
        return False
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False  # not a database, or no schema yet: opening says what is wrong
    # Revisions are zero-padded numbers: an older one sorts first (a newer is refused).
    return row is not None and str(row[0]) < SCHEMA_HEAD


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def migrate(engine: Engine, target: str = "head") -> None:
    """Bring the schema up to ``target``; refuse a schema this version does not know."""
    revision = current_revision(engine)
    if target == "head" and revision == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    if revision is not None:
        try:
            known = script.get_revision(revision)
        except CommandError:
            known = None
        if known is None:
            raise NewerSchemaError(
                "This database uses schema {revision!r}, written by a newer OpExDesk; this "
                "version knows schemas up to {head!r}. Update OpExDesk to open it (nothing "
                "was changed).",
                revision=revision,
                head=script.get_current_head(),
            )
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
    log.info("database schema at %s", target)
