"""The local store on real SQLite files: pragmas, migrations, refusals with clear messages."""

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from opexdesk.storage.database import (
    create_sqlite_engine,
    current_revision,
    head_revision,
    migrate,
    open_database,
    schema_differences,
)
from opexdesk.storage.errors import CorruptDatabaseError, DataDirError, NewerSchemaError


def test_new_database_has_safe_pragmas(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite3")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    db.close()


def test_schema_matches_models_after_migrations(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite3")
    with db.engine.connect() as conn:
        diff = schema_differences(conn)
    assert diff == [], f"models and migrations disagree: {diff}"
    assert current_revision(db.engine) == head_revision()
    db.close()


def test_migrations_run_up_from_the_first_schema(tmp_path: Path) -> None:
    """A database created at the first revision upgrades to head keeping its rows."""
    path = tmp_path / "old.sqlite3"
    engine = create_sqlite_engine(path)
    migrate(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO settings (key, value) VALUES ('device_id', 'dev-1')"))
    engine.dispose()
    db = open_database(path)
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        assert (
            conn.execute(text("SELECT value FROM settings WHERE key='device_id'")).scalar()
            == "dev-1"
        )
    db.close()


def test_reopening_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    open_database(path).close()
    db = open_database(path)
    assert current_revision(db.engine) == head_revision()
    db.close()


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    open_database(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer OpExDesk") as err:
        open_database(path)
    assert "9999_from_the_future" in str(err.value)
    assert path.read_bytes() == before


def test_corrupt_file_is_refused_with_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(CorruptDatabaseError, match="not an OpExDesk database or is damaged"):
        open_database(path)
    assert path.read_bytes().startswith(b"this is not a database")


def test_damaged_pages_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    open_database(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # clobber the schema page after the header
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError):
        open_database(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_unwritable_data_dir_is_refused(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(DataDirError, match="not writable"):
            open_database(locked / "a.sqlite3")
    finally:
        locked.chmod(0o700)


def test_data_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("I am a file")
    with pytest.raises(DataDirError, match="Cannot create the data directory"):
        open_database(blocker / "sub" / "a.sqlite3")


def test_schema_head_constant_matches_migrations() -> None:
    from opexdesk.storage.database import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD, "update SCHEMA_HEAD when adding a migration"


def test_immediate_writes_option_takes_the_write_lock_at_begin(tmp_path: Path) -> None:
    from opexdesk.storage.database import IMMEDIATE_WRITES

    db = open_database(tmp_path / "a.sqlite3")
    writer = db.engine.execution_options(**{IMMEDIATE_WRITES: True})
    other = sqlite3.connect(tmp_path / "a.sqlite3", timeout=0.1)
    # Nothing written yet, but the lock is already held: another writer must wait.
    with writer.begin(), pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # free again after commit
    other.rollback()
    with db.engine.begin():  # plain transactions stay deferred: other writers are not blocked
        other.execute("BEGIN IMMEDIATE")
        other.rollback()
    other.close()
    db.close()
