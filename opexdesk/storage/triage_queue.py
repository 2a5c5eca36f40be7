"""Reads behind the triage queue: open unassigned tickets by response due time, their SLA
history, open workload per person, people of a group, open tickets' text.

The queue is small by nature (tickets leave it when assigned): 1,835 of 1,000,000 demo
tickets. ``assignee IS NULL`` uses ``ix_tickets_assignee`` and the queue is sorted in a
temporary B-tree (a few ms at 1M tickets, see bench/triage_queue.py), so no new index.
Pages are keyset pages over (due is NULL, due, local_id): rows that leave the queue while
the operator works never shift the next page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Engine, text

from opexdesk.storage.types import parse_sqlite_utc

QUEUE_COLUMNS = (
    "local_id, id, number, provisional_number, title, description, requester, site, category,"
    " impact, urgency, priority, status, assignee, group_name, created_at, first_response_at,"
    " response_due_at, resolution_due_at, version"
)
QUEUE_WHERE = "is_open = 1 AND assignee IS NULL"
QUEUE_ORDER = "response_due_at IS NULL, response_due_at, local_id"
_KEY = "(response_due_at IS NULL, COALESCE(response_due_at, ''), local_id) > (?, ?, ?)"


class QueueKey(NamedTuple):
    """Where a queue page ended (stored text of the due time, as SQLite compares it)."""

    due_is_null: int
    due_text: str
    local_id: int


class QueueRow(NamedTuple):
    """One ticket of the triage queue (timestamps parsed to aware UTC)."""

    local_id: int
    id: str
    number: int | None
    provisional_number: str
    title: str
    description: str
    requester: str | None
    site: str | None
    category: str | None
    impact: int
    urgency: int
    priority: int
    status: str
    assignee: str | None
    group_name: str | None
    created_at: datetime
    first_response_at: datetime | None
    response_due_at: datetime | None
    resolution_due_at: datetime | None
    version: int

    @property
    def display_number(self) -> str:
        if self.number is not None:
            return f"INC-{self.number:06d}"
        return self.provisional_number


def _row(raw: Sequence[Any]) -> tuple[QueueRow, QueueKey]:
    values = list(raw)
    due_text = values[17]
    for i in (15, 16, 17, 18):
        values[i] = parse_sqlite_utc(values[i])
    row = QueueRow._make(values)
    return row, QueueKey(int(due_text is None), due_text or "", row.local_id)


@dataclass(frozen=True)
class StatusHistoryRow:
    """An audit row that matters to the SLA clock (status or priority, or the creation)."""

    ticket_id: str
    seq: int  # the audit row's rowid: replay order among events of the same instant
    action: str
    field: str | None
    old_value: Any
    new_value: Any
    at: datetime


class TriageQueueRepository:
    """Read-only queries; each opens its own connection, so workers may call them."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def page(self, limit: int, after: QueueKey | None = None) -> list[tuple[QueueRow, QueueKey]]:
        """The next ``limit`` queue rows after ``after`` (None: from the top)."""
        where = QUEUE_WHERE + (f" AND {_KEY}" if after is not None else "")
        sql = f"SELECT {QUEUE_COLUMNS} FROM tickets WHERE {where} ORDER BY {QUEUE_ORDER} LIMIT ?"
        params: tuple[Any, ...] = (*after, limit) if after is not None else (limit,)
        with self._engine.connect() as conn:
            return [_row(r) for r in conn.exec_driver_sql(sql, params).all()]

    def count(self) -> int:
        with self._engine.connect() as conn:
            sql = f"SELECT count(*) FROM tickets WHERE {QUEUE_WHERE}"
            return int(conn.exec_driver_sql(sql).scalar_one())

    def rows(self, ticket_ids: Sequence[str]) -> dict[str, QueueRow]:
        """Current state of these tickets (queued or not any more)."""
        if not ticket_ids:
            return {}
        marks = ", ".join("?" * len(ticket_ids))
        sql = f"SELECT {QUEUE_COLUMNS} FROM tickets WHERE id IN ({marks})"
        with self._engine.connect() as conn:
            found = [_row(r)[0] for r in conn.exec_driver_sql(sql, tuple(ticket_ids)).all()]
        return {row.id: row for row in found}

    def sla_history(self, ticket_ids: Sequence[str]) -> dict[str, list[StatusHistoryRow]]:
        """Creation, status and priority audit rows of these tickets, oldest first."""
        out: dict[str, list[StatusHistoryRow]] = {t: [] for t in ticket_ids}
        if not ticket_ids:
            return out
        marks = ", ".join("?" * len(ticket_ids))
        sql = (
            "SELECT ticket_id, rowid, action, field, old_value, new_value, at FROM audit_events"
            f" WHERE ticket_id IN ({marks})"
            " AND (action = 'created' OR field IN ('status', 'priority'))"
            " ORDER BY ticket_id, at, rowid"
        )
        with self._engine.connect() as conn:
            result = conn.exec_driver_sql(sql, tuple(ticket_ids)).all()
        for tid, seq, action, fld, old, new, at_text in result:
            at = parse_sqlite_utc(at_text)
            if at is None:  # NOT NULL column; keeps the type checker honest
                continue
            out[tid].append(
                StatusHistoryRow(tid, int(seq), action, fld, _json(old), _json(new), at)
            )
        return out

    def open_load(self, people: Iterable[str]) -> dict[str, int]:
        """Open tickets assigned to each of ``people``. SQLite would walk the assignee
        index (a person's whole history: 1.7 s for a group at 1M tickets); the small
        open-ticket index (revision 0003) takes 60 ms, so it is named."""
        names = sorted(set(people))
        load = dict.fromkeys(names, 0)
        if not names:
            return load
        marks = ", ".join("?" * len(names))
        sql = (
            "SELECT assignee, count(*) FROM tickets INDEXED BY ix_tickets_open_updated"
            f" WHERE is_open = 1 AND +assignee IN ({marks}) GROUP BY assignee"
        )
        with self._engine.connect() as conn:
            for name, n in conn.exec_driver_sql(sql, tuple(names)).all():
                load[name] = int(n)
        return load

    def people(
        self, group: str | None = None, workers_only: bool = False
    ) -> list[tuple[str, str, str | None, bool]]:
        """(username, display name, group, away) of the known people, by username;
        ``workers_only`` leaves out admins (accounts that administer, not take tickets)."""
        sql = "SELECT username, display_name, group_name, away FROM users WHERE 1 = 1"
        params: tuple[Any, ...] = ()
        if group is not None:
            sql += " AND group_name = ?"
            params = (group,)
        if workers_only:
            sql += " AND role != 'admin'"
        with self._engine.connect() as conn:
            rows = conn.exec_driver_sql(sql + " ORDER BY username", params).all()
        return [(u, d, g, bool(a)) for u, d, g, a in rows]

    def set_away(self, username: str, away: bool) -> bool:
        """Mark a person away (or back); False when the person is not known here."""
        with self._engine.begin() as conn:
            result = conn.execute(
                text("UPDATE users SET away = :away WHERE username = :u"),
                {"away": away, "u": username},
            )
            return bool(result.rowcount)

    def open_texts(self) -> list[tuple[str, int, str, str]]:
        """(id, local_id, title, description) of every open ticket (duplicate index)."""
        sql = "SELECT id, local_id, title, description FROM tickets WHERE is_open = 1"
        with self._engine.connect() as conn:
            return [(i, n, t or "", d or "") for i, n, t, d in conn.exec_driver_sql(sql).all()]


def _json(value: Any) -> Any:
    if value is None:
        return None
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value
