"""The server database: engines, migrations on SQLite and PostgreSQL, refusals."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from opexdesk.server.database import (
    SCHEMA_HEAD,
    VERSION_TABLE,
    current_revision,
    head_revision,
    open_server_database,
    parse_database_url,
    schema_differences,
)
from opexdesk.server.errors import (
    DatabaseUnavailableError,
    NewerSchemaError,
    NotAServerDatabaseError,
    SchemaNotCurrentError,
    ServerDatabaseError,
)
from opexdesk.storage.database import open_database

TABLES = {"users", "auth_tokens", "login_attempts", VERSION_TABLE}


def test_schema_head_constant_matches_the_migrations() -> None:
    assert head_revision() == SCHEMA_HEAD


def test_migrations_build_exactly_the_model_schema(backend: str) -> None:
    db = open_server_database(backend)
    try:
        assert current_revision(db.engine) == SCHEMA_HEAD
        with db.engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) >= TABLES
            assert schema_differences(conn) == []
    finally:
        db.close()


def test_opening_twice_is_a_no_op(backend: str) -> None:
    open_server_database(backend).close()
    db = open_server_database(backend, migrate_schema=False)  # only checks: already current
    assert db.schema_revision() == SCHEMA_HEAD
    db.close()


def test_a_newer_schema_is_refused_and_left_untouched(backend: str) -> None:
    db = open_server_database(backend)
    with db.engine.begin() as conn:
        conn.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = '9999'"))
        conn.execute(text("CREATE TABLE from_the_future (x INTEGER)"))
    db.close()
    for migrate in (True, False):
        with pytest.raises(NewerSchemaError, match=r"newer opexdesk-server.*nothing was changed"):
            open_server_database(backend, migrate_schema=migrate)
    engine = create_engine(backend)
    try:
        with engine.connect() as conn:
            assert conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar() == (
                "9999"
            )
            assert "from_the_future" in inspect(conn).get_table_names()
    finally:
        engine.dispose()


def test_without_migrations_an_empty_database_is_refused(backend: str) -> None:
    with pytest.raises(SchemaNotCurrentError, match="opexdesk-server migrate"):
        open_server_database(backend, migrate_schema=False)


def test_a_client_database_is_not_taken_for_a_server_database(tmp_path: Path) -> None:
    client_file = tmp_path / "opexdesk.sqlite3"
    open_database(client_file).close()  # the desktop client's own store
    before = client_file.read_bytes()
    with pytest.raises(NotAServerDatabaseError, match="not an OpExDesk server database"):
        open_server_database(f"sqlite:///{client_file}")
    assert client_file.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "server.sqlite3"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(NotAServerDatabaseError, match="not a SQLite database"):
        open_server_database(f"sqlite:///{junk}")


def test_an_unreachable_postgresql_gives_a_clear_error_without_the_password() -> None:
    with pytest.raises(DatabaseUnavailableError) as caught:
        open_server_database("postgresql+psycopg://app:s3cret@127.0.0.1:1/opexdesk")
    message = str(caught.value)
    assert "127.0.0.1" in message and "s3cret" not in message


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg"),
        ("postgres://u@h/db", "postgresql+psycopg"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg"),
        ("sqlite:///x.db", "sqlite"),
        ("sqlite+pysqlite:///x.db", "sqlite+pysqlite"),
    ],
)
def test_database_urls_are_normalised(url: str, driver: str) -> None:
    assert parse_database_url(url).drivername == driver


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u@h/db", "Unsupported database URL"),
        ("postgresql+psycopg2://u@h/db", "Unsupported database URL"),
        ("sqlite://", "database file"),
        ("sqlite:///:memory:", "database file"),
        ("not a url", "Cannot parse"),
    ],
)
def test_unsupported_urls_are_refused(url: str, message: str) -> None:
    with pytest.raises(ServerDatabaseError, match=message):
        parse_database_url(url)


def test_sqlite_pragmas_and_immediate_write_transactions(sqlite_url: str) -> None:
    db = open_server_database(sqlite_url)
    path = sqlite_url.removeprefix("sqlite:///")
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert (conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 1000
        # A write transaction holds the write lock from its first statement, even a read:
        # another writer cannot slip in between (no SQLITE_BUSY on upgrade later).
        with db.write() as session:
            session.execute(text("SELECT count(*) FROM users"))
            other = sqlite3.connect(path, timeout=0)
            try:
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    other.execute("BEGIN IMMEDIATE")
            finally:
                other.close()
        # Reads stay deferred and run beside each other.
        with db.read() as first, db.read() as second:
            first.execute(text("SELECT 1 FROM users"))
            second.execute(text("SELECT 1 FROM users"))
    finally:
        db.close()


@pytest.mark.postgres
def test_concurrent_migrations_on_postgresql_do_not_collide(fresh_pg_url: str) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def run() -> None:
        try:
            start.wait()
            open_server_database(fresh_pg_url).close()
        except BaseException as exc:  # collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    db = open_server_database(fresh_pg_url, migrate_schema=False)
    assert db.schema_revision() == SCHEMA_HEAD
    db.close()
