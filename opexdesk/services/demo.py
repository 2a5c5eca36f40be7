"""Realistic demo data: the tickets a service desk of ~25 technicians sees over nine months.

About 70% of the tickets are in English and 30% in Simplified Chinese, built from the problem
families of :mod:`opexdesk.services.demo_content`. Demo tickets stand for server state: they
carry server numbers and write no outbox rows. Seeding is deterministic for a given ``seed``
and ``now``, and fast enough for a million tickets: the numbers, times and ids of a batch are
drawn with numpy, only the texts are built per ticket, and the rows (tuples of exactly the
text the ORM stores on SQLite) are written with ``executemany`` on one connection.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from opexdesk.services.demo_generator import DemoGenerator
from opexdesk.services.vocabulary import MAX_VALUES
from opexdesk.storage.bulk_load import WORTH_IT_ROWS, indexes_built_after
from opexdesk.storage.database import Database

if TYPE_CHECKING:
    pass

BATCH = 10_000  # tickets per executemany
COMMIT_EVERY = 100_000  # tickets per transaction
CACHE_KIB = 256 * 1024

_TICKET_SQL = (
    "INSERT INTO tickets (id, number, provisional_number, title, description, requester, site,"
    " category, impact, urgency, priority, status, assignee, group_name, created_by, created_at,"
    " updated_at, first_response_at, resolved_at, closed_at, response_due_at, resolution_due_at,"
    " resolution_note, version) VALUES (" + ", ".join("?" * 24) + ")"
)
_COMMENT_SQL = (
    "INSERT INTO comments (id, ticket_id, kind, body, author, device_id, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_WORK_SQL = (
    "INSERT INTO work_logs (id, ticket_id, minutes, note, author, device_id, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_AUDIT_SQL = (
    "INSERT INTO audit_events (id, ticket_id, action, field, old_value, new_value, actor,"
    " device_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_USER_SQL = (
    "INSERT OR IGNORE INTO users (id, username, display_name, role, group_name, away)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)
_SETTING_SQL = (
    "INSERT INTO settings (key, value) VALUES (?, ?)"
    " ON CONFLICT(key) DO UPDATE SET value = excluded.value"
)


def has_tickets(db: Database) -> bool:
    """True when the database holds at least one ticket (one index probe, not a count)."""
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT 1 FROM tickets LIMIT 1")).first() is not None


def seed_demo(
    db: Database,
    count: int,
    *,
    seed: int = 0,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Insert ``count`` demo tickets created over the nine months before ``now``.

    Also writes the technicians (users table); audit events, comments and work logs for a
    share of the tickets (every open one); the pick-list vocabularies; the provisional
    counter. Returns the number of tickets inserted; ``progress(done, total)`` is called
    after every batch. Large loads run in one transaction with the indexes built at the end
    (storage/bulk_load.py); small ones commit every 100,000 tickets.
    """
    if count <= 0:
        return 0
    now = now or datetime.now(UTC)
    now = now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)
    gen = DemoGenerator(seed, int(now.timestamp()))
    raw = db.engine.raw_connection()
    try:
        con: Any = raw.driver_connection
        sync = int(con.execute("PRAGMA synchronous").fetchone()[0])
        cache = int(con.execute("PRAGMA cache_size").fetchone()[0])
        # Demo data can be regenerated: no fsync while bulk-loading, on this connection only.
        con.execute("PRAGMA synchronous=OFF")
        con.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        try:
            _seed(con, gen, count, progress)
        finally:
            if con.in_transaction:
                con.execute("ROLLBACK")
            con.execute(f"PRAGMA synchronous={sync}")
            con.execute(f"PRAGMA cache_size={cache}")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    return count


def _seed(
    con: Any, gen: DemoGenerator, count: int, progress: Callable[[int, int], None] | None
) -> None:
    con.execute("BEGIN")
    if count >= WORTH_IT_ROWS:
        # One transaction: the rows, then every index built once (bulk_load.py).
        with indexes_built_after(con):
            _insert(con, gen, count, progress, commit_every=None)
    else:
        _insert(con, gen, count, progress, commit_every=COMMIT_EVERY)
    con.execute("COMMIT")


def _insert(
    con: Any,
    gen: DemoGenerator,
    count: int,
    progress: Callable[[int, int], None] | None,
    commit_every: int | None,
) -> None:
    number = (con.execute("SELECT max(number) FROM tickets").fetchone()[0] or 0) + 1
    row = con.execute("SELECT value FROM settings WHERE key = 'provisional_counter'").fetchone()
    provisional = int(row[0]) + 1 if row else 1
    con.executemany(_USER_SQL, gen.user_rows())
    created, person, lang = gen.creation(count)
    done = 0
    while done < count:
        part = slice(done, done + BATCH)
        rows = gen.batch(created[part], person[part], lang[part], number + done, provisional + done)
        con.executemany(_TICKET_SQL, rows.tickets)
        con.executemany(_AUDIT_SQL, rows.audit)
        con.executemany(_COMMENT_SQL, rows.comments)
        con.executemany(_WORK_SQL, rows.work)
        done += len(rows.tickets)
        if commit_every and done % commit_every == 0 and done < count:
            con.execute("COMMIT")
            con.execute("BEGIN")
        if progress is not None:
            progress(done, count)
    con.execute(_SETTING_SQL, ("provisional_counter", str(provisional + count - 1)))
    for field, values in gen.vocabulary().items():
        found = con.execute("SELECT value FROM settings WHERE key = ?", (f"vocab.{field}",))
        row = found.fetchone()
        merged = list(dict.fromkeys([*(json.loads(row[0]) if row else []), *values]))
        value = json.dumps(sorted(merged[:MAX_VALUES]), ensure_ascii=False)
        con.execute(_SETTING_SQL, (f"vocab.{field}", value))
