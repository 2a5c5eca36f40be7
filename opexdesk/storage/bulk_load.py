"""Loading many tickets at once: build the secondary indexes and search index after the rows.

Updating eleven indexes and the trigram index row by row makes a million-row load about 3x
slower than inserting first and indexing once. The caller runs the whole load, the index
drop and the rebuild in ONE transaction, so an interrupted load leaves the database as it
was (SQLite DDL is transactional).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from opexdesk.storage.search_index import SEARCH_TABLE, TICKET_PAIRS

WORTH_IT_ROWS = 20_000  # below this, dropping and rebuilding costs more than it saves


@contextmanager
def indexes_built_after(con: sqlite3.Connection) -> Iterator[None]:
    """Drop the tickets table's indexes and triggers, then recreate them from their own DDL.

    Must run inside an open transaction that also covers the load.
    """
    if not con.in_transaction:
        raise RuntimeError("indexes_built_after() needs an open transaction around the load")
    saved = con.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'tickets' "
        "AND type IN ('index', 'trigger') AND sql IS NOT NULL"
    ).fetchall()
    for kind, name, _ in saved:
        con.execute(f'DROP {kind.upper()} "{name}"')
    yield
    for _, _, sql in saved:
        con.execute(sql)
    con.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('rebuild')")
    for statement in TICKET_PAIRS.rebuild_statements():
        con.execute(statement)
