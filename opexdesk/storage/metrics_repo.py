"""Reads behind the operations dashboard (services/metrics): the tickets a time window needs,
their SLA-relevant history, one changed ticket, and the plain SQL aggregates the benchmark
compares against.

A window starting at ``start`` needs every ticket created since, every ticket resolved or
closed since, and every open ticket (backlog, breaches still to come). Resolving and closing
bump ``updated_at``, so "resolved since start" is inside "updated since start", which has an
index; the three parts are a UNION of index range reads (an ``OR`` would scan the table).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import Engine

from opexdesk.storage.types import parse_sqlite_utc

RECORD_COLUMNS = (
    "local_id, id, created_at, first_response_at, resolved_at, closed_at, priority, status,"
    " assignee, group_name, site, category"
)
FILTER_COLUMNS = ("site", "group_name", "category", "priority")
HISTORY_WHERE = "(action = 'created' OR field IN ('status', 'priority', 'assignee'))"
# Parsed in SQL, so Python parses as little JSON as possible: a status move that carried a
# note (``{"value": ..., "note": ...}``) comes as its value; a creation row (the whole ticket)
# comes as the three values read of it, never its title and description.
_OBJECT = "json_valid(new_value) AND json_type(new_value) = 'object'"
_CREATED = "action = 'created' AND json_valid(new_value)"
HISTORY_COLUMNS = (
    "ticket_id, rowid, action, field, old_value,"
    f" CASE WHEN action = 'created' THEN NULL"
    f" WHEN {_OBJECT} THEN json_quote(json_extract(new_value, '$.value'))"
    " ELSE new_value END, at,"
    f" CASE WHEN {_CREATED} THEN json_extract(new_value, '$.priority') END,"
    f" CASE WHEN {_CREATED} THEN json_extract(new_value, '$.status') END,"
    f" CASE WHEN {_CREATED} THEN json_extract(new_value, '$.assignee') END"
)
# The dashboard's counts as plain SQL GROUP BYs in calendar time (UTC days, no pauses, no
# replay; each ``?`` is the window's start): what a report tool would run.
RAW_AGGREGATES = {
    "inflow": "SELECT substr(created_at, 1, 10), priority, count(*) FROM tickets"
    " WHERE created_at >= ? GROUP BY 1, 2",
    "outflow": "SELECT substr(resolved_at, 1, 10), count(*) FROM tickets"
    " INDEXED BY ix_tickets_updated WHERE updated_at >= ? AND resolved_at >= ? GROUP BY 1",
    "backlog": "SELECT priority, count(*) FROM tickets WHERE is_open = 1 GROUP BY 1",
    "workload": "SELECT assignee, priority, count(*) FROM tickets"
    " INDEXED BY ix_tickets_open_updated WHERE is_open = 1 GROUP BY 1, 2",
    "response": "SELECT count(*), sum(first_response_at <= response_due_at),"
    " avg(julianday(first_response_at) - julianday(created_at)) FROM tickets"
    " INDEXED BY ix_tickets_updated WHERE updated_at >= ? AND first_response_at >= ?",
    "resolution": "SELECT count(*), sum(resolved_at <= resolution_due_at),"
    " avg(julianday(resolved_at) - julianday(created_at)) FROM tickets"
    " INDEXED BY ix_tickets_updated WHERE updated_at >= ? AND resolved_at >= ?",
}
_CHUNK = 900  # ids per IN (...) list: far below SQLite's bound-parameter limit
_PART = 2_000  # rows fetched at a time


class TicketRecord(NamedTuple):
    """The current row of a ticket, as far as the metrics are concerned (aware UTC times)."""

    local_id: int
    id: str
    created_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    priority: int
    status: str
    assignee: str | None
    group_name: str | None
    site: str | None
    category: str | None


class HistoryRow(NamedTuple):
    """An audit row that matters to the metrics: the creation, status, priority, assignee."""

    ticket_id: str
    seq: int  # the audit row's rowid: replay order among rows of the same instant
    action: str
    field: str | None
    old_value: Any
    new_value: Any
    at: datetime


def _record(raw: Sequence[Any]) -> TicketRecord | None:
    values = list(raw)
    try:
        for i in (2, 3, 4, 5):
            values[i] = parse_sqlite_utc(values[i])
    except ValueError:  # unreadable stored time: this ticket cannot be placed in time
        return None
    if values[2] is None:
        return None
    values[6] = int(values[6] or 0)
    return TicketRecord._make(values)


def _json(value: Any) -> Any:
    """Stored JSON text -> value; plain strings, numbers and null without the parser (most
    audit values are a status or a name), text that is not JSON as itself."""
    if value is None or not isinstance(value, str):
        return value
    if (
        len(value) > 1
        and value[0] == '"'
        and value[-1] == '"'
        and "\\" not in value
        and '"' not in value[1:-1]
    ):
        return value[1:-1]
    if value.isascii() and value.isdigit():  # "²" is a digit to isdigit() but not to int()
        return int(value)
    if value == "null":
        return None
    try:
        return json.loads(value)
    except ValueError:
        return value


def _filter_sql(filters: dict[str, object]) -> tuple[str, list[Any]]:
    """``AND col = ?`` for each set filter (site, group_name, category, priority)."""
    parts, params = [], []
    for column in FILTER_COLUMNS:
        value = filters.get(column)
        if value is not None:
            parts.append(f" AND {column} = ?")
            params.append(value)
    return "".join(parts), params


class MetricsRepository:
    """Read-only queries; each opens its own connection, so workers may call them."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def window_records(
        self, start: datetime, filters: dict[str, object] | None = None
    ) -> list[TicketRecord]:
        """Tickets created or updated since ``start``, and every open ticket, matching the
        filters (exact values). Rows whose times cannot be read are left out."""
        where, params = _filter_sql(filters or {})
        since = utc_text(start)
        # Three disjoint index range reads (no de-duplication pass): created since, else
        # updated since, else open.
        sql = (
            f"SELECT {RECORD_COLUMNS} FROM tickets WHERE created_at >= ?{where}"
            f" UNION ALL SELECT {RECORD_COLUMNS} FROM tickets"
            f" WHERE updated_at >= ? AND created_at < ?{where}"
            f" UNION ALL SELECT {RECORD_COLUMNS} FROM tickets"
            f" WHERE is_open = 1 AND created_at < ? AND updated_at < ?{where}"
        )
        args = (since, *params, since, since, *params, since, since, *params)
        with self._engine.connect() as conn:
            # In parts: one long fetch would hold the GIL and stall the window's thread.
            out: list[TicketRecord] = []
            for part in conn.exec_driver_sql(sql, args).partitions(_PART):
                out.extend(r for r in map(_record, part) if r is not None)
        return out

    def histories(self, ticket_ids: Sequence[str]) -> dict[str, list[HistoryRow]]:
        """The metrics-relevant audit rows of these tickets, oldest first per ticket."""
        out: dict[str, list[HistoryRow]] = {}
        with self._engine.connect() as conn:
            for chunk in _chunks(ticket_ids):
                marks = ", ".join("?" * len(chunk))
                sql = (
                    f"SELECT {HISTORY_COLUMNS} FROM audit_events"
                    f" WHERE ticket_id IN ({marks}) AND {HISTORY_WHERE}"
                )
                for row in conn.exec_driver_sql(sql, tuple(chunk)).all():
                    item = _history(row)
                    if item is not None:
                        out.setdefault(item.ticket_id, []).append(item)
        for rows in out.values():
            rows.sort(key=lambda h: (h.at, h.seq))
        return out

    def ticket(self, ticket_id: str) -> tuple[TicketRecord, list[HistoryRow]] | None:
        """One ticket's row and history (two index look-ups); None when it is gone."""
        sql = f"SELECT {RECORD_COLUMNS} FROM tickets WHERE id = ?"
        with self._engine.connect() as conn:
            raw = conn.exec_driver_sql(sql, (ticket_id,)).first()
        record = None if raw is None else _record(raw)
        if record is None:
            return None
        return record, self.histories([ticket_id]).get(ticket_id, [])

    def records(self, ticket_ids: Sequence[str]) -> dict[str, TicketRecord]:
        """Current rows of these tickets (missing ids: deleted), by id."""
        out: dict[str, TicketRecord] = {}
        with self._engine.connect() as conn:
            for chunk in _chunks(ticket_ids):
                marks = ", ".join("?" * len(chunk))
                sql = f"SELECT {RECORD_COLUMNS} FROM tickets WHERE id IN ({marks})"
                for raw in conn.exec_driver_sql(sql, tuple(chunk)).all():
                    record = _record(raw)
                    if record is not None:
                        out[record.id] = record
        return out

    def filter_values(self) -> dict[str, list[str]]:
        """Distinct sites, groups and categories (index walks) for the filter pick lists."""
        out: dict[str, list[str]] = {}
        with self._engine.connect() as conn:
            for column in ("site", "group_name", "category"):
                sql = f"SELECT DISTINCT {column} FROM tickets WHERE {column} IS NOT NULL"
                out[column] = sorted(str(v) for (v,) in conn.exec_driver_sql(sql).all())
        return out

    def raw_aggregates(self, start: datetime) -> dict[str, list[tuple[Any, ...]]]:
        """:data:`RAW_AGGREGATES` since ``start``: the reference the benchmark compares the
        full build with."""
        since = utc_text(start)
        out: dict[str, list[tuple[Any, ...]]] = {}
        with self._engine.connect() as conn:
            for name, sql in RAW_AGGREGATES.items():
                args = (since,) * sql.count("?")
                out[name] = [tuple(r) for r in conn.exec_driver_sql(sql, args).all()]
        return out


def _history(raw: Sequence[Any]) -> HistoryRow | None:
    tid, seq, action, fld, old, new, at_text, priority, status, assignee = raw
    try:
        at = parse_sqlite_utc(at_text)
    except ValueError:
        return None
    if at is None:
        return None
    if action == "created":
        value: Any = {"priority": priority, "status": status, "assignee": assignee}
        value = {k: v for k, v in value.items() if v is not None}
    else:
        value = _json(new)
    return HistoryRow(tid, int(seq), action, fld, _json(old), value, at)


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def utc_text(moment: datetime) -> str:
    """The stored text form of an aware instant (naive UTC, microseconds), for comparisons."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
