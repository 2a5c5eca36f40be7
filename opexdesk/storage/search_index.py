"""Full-text index of ticket titles and requesters for the list's text filter (SQLite FTS5).

The trigram tokenizer matches any substring of 3+ characters, case-insensitively, in any
script, so "print", "打印机" and "VPN" all find what a user expects. The index is an
external-content table over ``tickets``, kept current by triggers, so every write path
(operations, demo seeding, sync) updates it in the same transaction.

Two-character terms, the most common length of a Chinese word (网络, 邮箱) and of many
abbreviations (PC, HR), cannot use trigrams. A second table indexes every pair of adjacent
characters of the title and requester (``PAIRS_TABLE``): the triggers cut the text into pairs
in SQL, over a fixed table of positions, and the ``unicode61`` tokenizer folds case; a
two-letter-or-digit term is then one token lookup instead of a LIKE scan of every ticket.
It is contentless with ``detail=none`` (row ids only: a third of the size), so a delete must
send the same pairs again, which the triggers recompute from the old row.

The table also holds the last character of each text as a token of its own
(``last_alone``: client revision 0011, server revision 0012), so every character of a title
starts a token: a single letter outside ASCII (机, 网, é) is then a prefix query (``"机"*``)
instead of a LIKE scan, which read every ticket when the character was rare (1.4 s at a
million tickets for one that is nowhere). ASCII letters and digits stay LIKE
(storage/ticket_list.py).
"""

from __future__ import annotations

from dataclasses import dataclass

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

# Text beyond this many characters gets no pairs. Fixed for good: a delete recomputes the
# pairs of the old row, which must give what its insert gave.
PAIR_POSITIONS = 1000
PAIR_TERM_CHARS = 2


@dataclass(frozen=True)
class PairsIndex:
    """The SQL of a pairs index over ``content`` (rows keyed by ``key``, text in
    ``title`` and ``requester``): the client's over tickets, the central store's over its
    copy of them."""

    table: str
    content: str
    key: str
    trigger_prefix: str
    update_columns: str = "title, requester"
    # The last character of a text alone as well (a prefix query then finds any character).
    # Changing it needs a migration that rebuilds the table: deletes resend the pairs.
    last_alone: bool = False

    @property
    def positions(self) -> str:
        return f"{self.table}_positions"

    def _pairs_of(self, value: str) -> str:
        """SQL for the adjacent character pairs of ``value``, space-separated, in order
        (with ``last_alone``, then its last character: ``substr`` gives one there)."""
        last = "<=" if self.last_alone else "<"
        return (
            "coalesce((SELECT group_concat(pair, ' ') FROM (SELECT substr("
            f"{value}, n, 2) AS pair FROM {self.positions} WHERE n {last} length({value}) "
            "ORDER BY n)), '')"
        )

    def _row(self, row: str) -> str:
        return f"{self._pairs_of(row + '.title')} || ' ' || {self._pairs_of(row + '.requester')}"

    def create_statements(self) -> tuple[str, ...]:
        t, prefix = self.table, self.trigger_prefix
        return (
            f"CREATE TABLE {self.positions} (n INTEGER PRIMARY KEY)",
            f"""INSERT INTO {self.positions}(n)
                WITH RECURSIVE k(n) AS (
                    SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < {PAIR_POSITIONS})
                SELECT n FROM k""",
            f"CREATE VIRTUAL TABLE {t} USING fts5("
            "grams, content='', detail=none, tokenize='unicode61 remove_diacritics 0')",
            f"""CREATE TRIGGER {prefix}_insert AFTER INSERT ON {self.content} BEGIN
                INSERT INTO {t}(rowid, grams) VALUES (new.{self.key}, {self._row("new")});
            END""",
            f"""CREATE TRIGGER {prefix}_delete AFTER DELETE ON {self.content} BEGIN
                INSERT INTO {t}({t}, rowid, grams)
                VALUES ('delete', old.{self.key}, {self._row("old")});
            END""",
            f"""CREATE TRIGGER {prefix}_update
                AFTER UPDATE OF {self.update_columns} ON {self.content} BEGIN
                INSERT INTO {t}({t}, rowid, grams)
                VALUES ('delete', old.{self.key}, {self._row("old")});
                INSERT INTO {t}(rowid, grams) VALUES (new.{self.key}, {self._row("new")});
            END""",
        )

    def rebuild_statements(self) -> tuple[str, ...]:
        """Fill (or refill) the pairs of every row: after creating the table, and after a
        bulk load that ran without the triggers."""
        return (
            f"INSERT INTO {self.table}({self.table}) VALUES ('delete-all')",
            f"INSERT INTO {self.table}(rowid, grams) "
            f"SELECT {self.key}, {self._row(self.content)} FROM {self.content}",
        )

    def drop_statements(self) -> tuple[str, ...]:
        return (
            *(
                f"DROP TRIGGER IF EXISTS {self.trigger_prefix}_{what}"
                for what in ("update", "delete", "insert")
            ),
            f"DROP TABLE IF EXISTS {self.table}",
            f"DROP TABLE IF EXISTS {self.positions}",
        )


TICKET_PAIRS = PairsIndex(
    f"{SEARCH_TABLE}_pairs", "tickets", "local_id", "tickets_pairs", last_alone=True
)
PAIRS_TABLE = TICKET_PAIRS.table


def is_pair_term(term: str) -> bool:
    """Whether the pairs index answers ``term``: two letters or digits, which the
    tokenizer keeps as one token (anything with a space or a sign falls back to LIKE)."""
    return len(term) == PAIR_TERM_CHARS and all(ch.isalnum() for ch in term)


def is_indexed_character(term: str) -> bool:
    """Whether a one-character term is a prefix query on a pairs table (``last_alone``): a
    letter or digit outside ASCII. ASCII ones stay LIKE: a common letter ("e", in four titles of
    five) finds a page along the sort order in under a millisecond that way, while the
    prefix query first collects every match (390 ms at a million tickets)."""
    return len(term) == 1 and term.isalnum() and not term.isascii()


def pairs_lookup(terms: list[str]) -> tuple[list[str], str]:
    """The terms a pairs table answers (two-character words, single letters outside
    ASCII) and one FTS5 query requiring all of them ("" when none): client and server."""
    pairs = [t for t in terms if is_pair_term(t)]
    characters = [t for t in terms if is_indexed_character(t)]
    parts = [match_expression(pairs)] if pairs else []
    parts += [f"{match_expression([c])}*" for c in characters]
    return [*pairs, *characters], " ".join(parts)


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
