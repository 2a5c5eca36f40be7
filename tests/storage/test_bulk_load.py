"""Bulk loads build indexes once at the end, atomically: the schema ends up exactly as before."""

import sqlite3
from pathlib import Path

import pytest

from opexdesk.services.demo import seed_demo
from opexdesk.storage.bulk_load import WORTH_IT_ROWS, indexes_built_after
from opexdesk.storage.database import open_database, schema_differences
from opexdesk.storage.search_index import PAIRS_TABLE, SEARCH_TABLE


def schema_objects(path: Path) -> set[tuple[str, str, str]]:
    con = sqlite3.connect(path)
    try:
        return set(con.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"))
    finally:
        con.close()


def test_large_seed_keeps_schema_and_search_index_intact(tmp_path: Path) -> None:
    path = tmp_path / "big.sqlite3"
    db = open_database(path)
    before = schema_objects(path)
    seed_demo(db, WORTH_IT_ROWS + 500, seed=3)
    assert schema_objects(path) == before
    with db.engine.begin() as conn:
        assert schema_differences(conn) == []
        conn.exec_driver_sql(
            f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('integrity-check')"
        )
        hits = conn.exec_driver_sql(
            f"SELECT count(*) FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH '\"printer\"'"
        ).scalar()
        like = conn.exec_driver_sql(
            "SELECT count(*) FROM tickets "
            "WHERE title LIKE '%printer%' OR requester LIKE '%printer%'"
        ).scalar()
    assert hits == like > 0
    with db.engine.begin() as conn:  # the two-character index was refilled after the load
        pairs = conn.exec_driver_sql(
            f"SELECT count(*) FROM {PAIRS_TABLE} WHERE {PAIRS_TABLE} MATCH '\"vp\"'"
        ).scalar()
        like = conn.exec_driver_sql(
            "SELECT count(*) FROM tickets WHERE title LIKE '%vp%' OR requester LIKE '%vp%'"
        ).scalar()
    assert pairs == like > 0
    db.close()


def test_failed_load_rolls_back_rows_and_keeps_indexes(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    open_database(path).close()
    before = schema_objects(path)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("BEGIN")
    with pytest.raises(RuntimeError, match="power cut"), indexes_built_after(con):
        con.execute("INSERT INTO settings (key, value) VALUES ('half', 'written')")
        raise RuntimeError("power cut")
    con.execute("ROLLBACK")
    assert con.execute("SELECT count(*) FROM settings WHERE key='half'").fetchone()[0] == 0
    con.close()
    assert schema_objects(path) == before


def test_needs_an_open_transaction(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    open_database(path).close()
    con = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(RuntimeError, match="open transaction"), indexes_built_after(con):
        pass
    con.close()
