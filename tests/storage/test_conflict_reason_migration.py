"""Migration 0007 of both schemas: conflict records gain the reason's template and
arguments; records already there keep their English reason and show it as before."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect, text

from opexdesk.server import database as server_database
from opexdesk.services.conflicts import ConflictService
from opexdesk.services.events import ChangeNotifier
from opexdesk.storage.database import (
    alembic_config,
    create_sqlite_engine,
    current_revision,
    head_revision,
    migrate,
    open_database,
    schema_differences,
)

REASON = (
    "The ticket T-1 does not exist on the server (deleted?); your change is kept in a "
    "conflict record."
)
WHEN = "2026-12-01 10:00:00.000000"  # naive UTC, as SQLite stores it


def columns(conn, table: str) -> set[str]:  # noqa: ANN001
    return {c["name"] for c in inspect(conn).get_columns(table)}


def test_client_database_with_a_conflict_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "client.sqlite3"
    engine = create_sqlite_engine(path)
    migrate(engine, "0006")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO conflicts (id, ticket_id, mutation_id, field, local, rule, reason,"
                " created_at, server_seq) VALUES ('c-1', 'T-1', 'm-1', NULL, '{\"title\": 1}',"
                " 'ticket_missing', :reason, :when, 7)"
            ),
            {"reason": REASON, "when": WHEN},
        )
    engine.dispose()

    db = open_database(path)
    try:
        assert current_revision(db.engine) == head_revision()  # 0007 and later
        with db.engine.connect() as conn:
            assert {"reason_template", "reason_params"} <= columns(conn, "conflicts")
            assert schema_differences(conn) == []
        [item] = ConflictService(db, ChangeNotifier(), "alice").open_conflicts()
        assert item.reason == REASON
        # No template on an old record: the view shows the English text.
        assert item.reason_message is not None
        assert (item.reason_message.text, item.reason_message.template) == (REASON, None)
    finally:
        db.close()


def test_client_migration_goes_down_and_up_again(tmp_path: Path) -> None:
    engine = create_sqlite_engine(tmp_path / "client.sqlite3")
    migrate(engine, "head")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
    with engine.connect() as conn:
        assert "reason_template" not in columns(conn, "conflicts")
    migrate(engine, "head")
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_server_database_with_a_conflict_upgrades(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    engine = server_database.create_server_engine(url)
    cfg = server_database.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
        conn.execute(
            text(
                "INSERT INTO users (id, username, display_name, role, password_hash, disabled,"
                " created_at, updated_at) VALUES ('u-1', 'alice', 'Alice', 'technician', 'x',"
                " 0, :when, :when)"
            ),
            {"when": WHEN},
        )
        conn.execute(
            text(
                "INSERT INTO sync_conflicts (id, ticket_id, user_id, mutation_id, rule, reason,"
                " created_at, server_seq) VALUES ('c-1', 'T-1', 'u-1', 'm-1', 'ticket_missing',"
                " :reason, :when, 7)"
            ),
            {"reason": REASON, "when": WHEN},
        )
    engine.dispose()

    db = server_database.open_server_database(url)
    try:
        assert db.schema_revision() == server_database.SCHEMA_HEAD
        with db.engine.connect() as conn:
            assert server_database.schema_differences(conn) == []
            row = conn.execute(
                text("SELECT reason, reason_template, reason_params FROM sync_conflicts")
            ).one()
        assert tuple(row) == (REASON, None, None)
    finally:
        db.close()
