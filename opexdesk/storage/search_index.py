"""Full-text index of ticket titles and requesters for the list's text filter (SQLite FTS5).

The trigram tokenizer matches any substring of 3+ characters, case-insensitively, in any
script, so "print", "打印机" and "VPN" all find what a user expects; shorter terms (e.g. the
2-character Chinese word 网络) fall back to a LIKE scan in storage/ticket_list.py. The index
is an external-content table over ``tickets``, kept current by triggers, so every write
path (operations, demo seeding, sync) updates it in the same transaction.
"""

from __future__ import annotations

SEARCH_TABLE = "ticket_search"
MIN_TERM_CHARS = 3  # the trigram tokenizer cannot match fewer

CREATE_STATEMENTS = (
    f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5("
    "title, requester, content='tickets', content_rowid='local_id', tokenize='trigram')",
    f"""CREATE TRIGGER tickets_search_insert AFTER INSERT ON tickets BEGIN
        INSERT INTO {SEARCH_TABLE}(rowid, title, requester)
        VALUES (new.local_id, new.title, new.requester);
    END""",
    f"""CREATE TRIGGER tickets_search_delete AFTER DELETE ON tickets BEGIN
        INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rowid, title, requester)
        VALUES ('delete', old.local_id, old.title, old.requester);
    END""",
    f"""CREATE TRIGGER tickets_search_update AFTER UPDATE OF title, requester ON tickets BEGIN
        INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rowid, title, requester)
        VALUES ('delete', old.local_id, old.title, old.requester);
        INSERT INTO {SEARCH_TABLE}(rowid, title, requester)
        VALUES (new.local_id, new.title, new.requester);
    END""",
    f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('rebuild')",
)

DROP_STATEMENTS = (
    "DROP TRIGGER IF EXISTS tickets_search_update",
    "DROP TRIGGER IF EXISTS tickets_search_delete",
    "DROP TRIGGER IF EXISTS tickets_search_insert",
    f"DROP TABLE IF EXISTS {SEARCH_TABLE}",
)


def is_search_table(name: str | None) -> bool:
    """The FTS table and its shadow tables (not described by the SQLAlchemy models)."""
    return bool(name) and str(name).startswith(SEARCH_TABLE)


def match_expression(terms: list[str]) -> str:
    """An FTS5 query that ANDs the terms as literal strings: user text is never syntax.

    Each term is wrapped in double quotes (embedded quotes doubled), which makes FTS5 treat
    operators such as AND, NEAR, *, ^ or column filters as plain text.
    """
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)
