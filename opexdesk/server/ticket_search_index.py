"""The index behind ``GET /sync/tickets`` (routes/ticket_search.py): any substring of 3+
characters of a stored ticket's title or requester, found without reading the whole table.

SQLite: an FTS5 ``trigram`` table over ``sync_tickets`` (external content, keyed by the
ticket number, which is unique and never changes), kept current by triggers, so every
write path updates it in its own transaction. PostgreSQL: ``pg_trgm`` GIN indexes on
``lower(title)`` and ``lower(requester)``, which serve the same ``LIKE '%…%'`` the route
sends; without the extension (a server whose role may not create it) the route still works,
by reading the table. Two-letter-or-digit words (the Chinese word 网络, "PC") use an index of
adjacent character pairs (revision 0011): on SQLite ``SYNC_PAIRS``, the client's
``PairsIndex`` over ``sync_tickets``; on PostgreSQL a GIN index over the array of pairs of
title and requester (``PG_PAIRS``, an IMMUTABLE SQL function), searched with ``@>``. A
single letter or digit outside ASCII (机, é) uses the same index (revision 0012): on SQLite
a prefix query, the table holding each text's last character alone too (``last_alone``); on
PostgreSQL the array holds every single character as well. Other single characters are
matched with LIKE on the rows the other words found, or on the table.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from sqlalchemy import Connection, text

from opexdesk.storage.search_index import (  # the same FTS5 quoting and pairs index
    PairsIndex,
    match_expression,
    pairs_lookup,
)

__all__ = [
    "MIN_TERM_CHARS",
    "SQLITE_TABLE",
    "SYNC_PAIRS",
    "TRGM_INDEXES",
    "create",
    "create_pairs",
    "drop",
    "drop_pairs",
    "match_expression",
    "pairs_lookup",
]

log = logging.getLogger(__name__)

SQLITE_TABLE = "sync_ticket_search"
MIN_TERM_CHARS = 3
TRGM_INDEXES = ("ix_sync_tickets_title_trgm", "ix_sync_tickets_requester_trgm")
SYNC_PAIRS = PairsIndex(
    f"{SQLITE_TABLE}_pairs",
    "sync_tickets",
    "number",
    "sync_tickets_pairs",
    "number, title, requester",
    last_alone=True,
)

SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE {SQLITE_TABLE} USING fts5(title, requester, "
    "content='sync_tickets', content_rowid='number', tokenize='trigram')",
    f"""CREATE TRIGGER sync_tickets_search_insert AFTER INSERT ON sync_tickets BEGIN
        INSERT INTO {SQLITE_TABLE}(rowid, title, requester)
        VALUES (new.number, new.title, new.requester);
    END""",
    f"""CREATE TRIGGER sync_tickets_search_delete AFTER DELETE ON sync_tickets BEGIN
        INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, title, requester)
        VALUES ('delete', old.number, old.title, old.requester);
    END""",
    f"""CREATE TRIGGER sync_tickets_search_update
        AFTER UPDATE OF number, title, requester ON sync_tickets BEGIN
        INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, title, requester)
        VALUES ('delete', old.number, old.title, old.requester);
        INSERT INTO {SQLITE_TABLE}(rowid, title, requester)
        VALUES (new.number, new.title, new.requester);
    END""",
    f"INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}) VALUES ('rebuild')",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS sync_tickets_search_update",
    "DROP TRIGGER IF EXISTS sync_tickets_search_delete",
    "DROP TRIGGER IF EXISTS sync_tickets_search_insert",
    f"DROP TABLE IF EXISTS {SQLITE_TABLE}",
)


def create(conn: Connection) -> None:
    """Build the index for the connection's database (inside the migration)."""
    if conn.dialect.name == "sqlite":
        for statement in SQLITE_CREATE:
            conn.execute(text(statement))
    elif conn.dialect.name == "postgresql":
        try:
            with conn.begin_nested():  # a refusal must not abort the migration
                conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        except Exception as exc:  # e.g. the role may not create extensions
            log.warning("pg_trgm not available (%s): ticket search reads the table", exc)
            return
        for name, column in zip(TRGM_INDEXES, ("title", "requester"), strict=True):
            conn.execute(
                text(
                    f"CREATE INDEX IF NOT EXISTS {name} ON sync_tickets "
                    f"USING gin (lower({column}) gin_trgm_ops)"
                )
            )


def drop(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for statement in SQLITE_DROP:
            conn.execute(text(statement))
    elif conn.dialect.name == "postgresql":
        for name in TRGM_INDEXES:
            conn.execute(text(f"DROP INDEX IF EXISTS {name}"))


# PostgreSQL: the lower-cased pairs of a text, each once (an empty array for NULL or one
# character), and the GIN index over those of title and requester. The route's condition
# must spell the indexed expression exactly (PG_PAIRS_EXPRESSION) for the planner to use it.
PG_PAIRS_FUNCTION = "opexdesk_pairs"
PG_PAIRS_INDEX = "ix_sync_tickets_pairs"
PG_PAIRS_EXPRESSION = (
    f"({PG_PAIRS_FUNCTION}(sync_tickets.title) || {PG_PAIRS_FUNCTION}(sync_tickets.requester))"
)


def _pg_pairs(characters: bool) -> tuple[str, str]:
    """The function and its index; ``characters``: every single character in the array too
    (revision 0012), so one is found with ``@>`` like a pair."""
    singles = (
        " UNION SELECT substr(lower(value), i, 1) FROM generate_series(1, length(value)) AS i"
        if characters
        else ""
    )
    return (
        f"""CREATE OR REPLACE FUNCTION {PG_PAIRS_FUNCTION}(value text) RETURNS text[]
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT coalesce(array_agg(DISTINCT gram), '{{}}'::text[]) FROM (
                SELECT substr(lower(value), i, 2) AS gram
                FROM generate_series(1, length(value) - 1) AS i{singles}) AS grams
        $$""",
        f"""CREATE INDEX IF NOT EXISTS {PG_PAIRS_INDEX} ON sync_tickets USING gin
        (({PG_PAIRS_FUNCTION}(title) || {PG_PAIRS_FUNCTION}(requester)))""",
    )


def create_pairs(conn: Connection, characters: bool = True) -> None:
    """The pairs index, filled from the stored tickets; ``characters`` False: as revision
    0011 made it (pairs only: no single characters)."""
    if conn.dialect.name == "sqlite":
        pairs = SYNC_PAIRS if characters else replace(SYNC_PAIRS, last_alone=False)
        for statement in (*pairs.create_statements(), *pairs.rebuild_statements()):
            conn.execute(text(statement))
    elif conn.dialect.name == "postgresql":
        for statement in _pg_pairs(characters):
            conn.execute(text(statement))


def drop_pairs(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for statement in SYNC_PAIRS.drop_statements():
            conn.execute(text(statement))
    elif conn.dialect.name == "postgresql":
        conn.execute(text(f"DROP INDEX IF EXISTS {PG_PAIRS_INDEX}"))
        conn.execute(text(f"DROP FUNCTION IF EXISTS {PG_PAIRS_FUNCTION}(text)"))


def is_index_object(name: str | None, type_: str) -> bool:
    """The FTS table (and its shadow tables) and the trigram indexes: made by the migration,
    not described by the models, so left out of schema comparisons."""
    if not name:
        return False
    if type_ == "table":
        return name.startswith(SQLITE_TABLE)
    return type_ == "index" and name in (*TRGM_INDEXES, PG_PAIRS_INDEX)
