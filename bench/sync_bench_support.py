"""Helpers of bench/sync_throughput.py: a real ``opexdesk-server`` process, outbox-shaped
mutations, and the raw bulk-insert reference.

Kept apart from the benchmark's main flow so the tests can reuse the server process helper.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

SERVER = Path(sys.executable).with_name("opexdesk-server")
# A server started here must not inherit settings meant for another one.
SERVER_ENV = {k: v for k, v in os.environ.items() if not k.startswith("OPEXDESK_SERVER_")}
PASSWORD = "bench password 1"
BASE_TIME = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)

SITES = ("Berlin", "Paris", "Lyon", "Hamburg", "上海", "Madrid")
CATEGORIES = ("Hardware", "Network", "Email", "Printer", "Access", "Software")
GROUPS = ("Service desk", "Field support", "Network team", "Applications")
REQUESTERS = ("carol", "dave", "erin", "frank", "王芳", "grace")
PHRASES = (
    "The printer on the second floor shows a paper jam but there is no paper inside.",
    "Outlook keeps asking for the password after the last update.",
    "VPN drops every ten minutes when working from the branch office.",
    "Laptop does not wake up from sleep; the power light blinks orange.",
    "打印机无法连接网络，重启后仍然报错。",
    "New starter needs access to the shared drive and the ticketing queue.",
)


def log(message: str) -> None:
    """Progress goes to stderr: stdout carries only the JSON result."""
    print(f"[sync-bench] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ---- the server process ------------------------------------------------------------------


def create_users(db_url: str, names: list[str], role: str = "technician") -> None:
    """Accounts through the real CLI (migrates the database on first use)."""
    for name in names:
        result = subprocess.run(
            [str(SERVER), "create-user", name, "--role", role, "--password-stdin"]
            + ["--database-url", db_url],
            input=PASSWORD + "\n",
            capture_output=True,
            text=True,
            timeout=120,
            env=SERVER_ENV,
        )
        if result.returncode != 0:
            raise RuntimeError(f"create-user {name} failed: {result.stderr.strip()}")


@dataclass
class ServerProcess:
    base_url: str
    proc: subprocess.Popen[bytes]
    log_path: Path

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextmanager
def running_server(
    db_url: str, workdir: Path, log_level: str = "warning"
) -> Iterator[ServerProcess]:
    """``opexdesk-server serve`` on 127.0.0.1 and a free port, stopped (SIGTERM) on exit."""
    if not SERVER.exists():
        raise RuntimeError(f"{SERVER} is missing: pip install -e . in the venv")
    port = free_port()
    log_path = workdir / f"server-{port}.log"
    with log_path.open("wb") as out:
        proc = subprocess.Popen(
            [str(SERVER), "serve", "--port", str(port), "--database-url", db_url]
            + ["--log-level", log_level],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=SERVER_ENV,
        )
    server = ServerProcess(f"http://127.0.0.1:{port}", proc, log_path)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}:\n{server.log_text()}")
            try:
                httpx.get(f"{server.base_url}/api/v1/health", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"no answer in 60 s:\n{server.log_text()}") from None
                time.sleep(0.05)
        yield server
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def reset_postgres(url: str) -> None:
    """Empty the database (the benchmark's PostgreSQL database is a throw-away one)."""
    from sqlalchemy import create_engine

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    finally:
        engine.dispose()


# ---- mutations ----------------------------------------------------------------------------


@dataclass
class _TicketState:
    """What the server stores for a generated ticket: the base of the next edit."""

    values: dict[str, Any]
    status: str = "new"


@dataclass
class MutationGenerator:
    """Outbox-shaped mutations (as ``services/tickets.py`` writes them) of one client.

    The mix: 20 % ticket creates, 30 % field edits, 25 % comments, 25 % work-log appends.
    Every edit names the stored value as its base, so all of them apply without conflict.
    """

    seed: int = 0
    # A technician may only take an unassigned ticket for themselves: edits assign the pusher.
    username: str = "bench-main"
    mix: tuple[float, float, float] = (0.20, 0.50, 0.75)
    rng: random.Random = field(init=False)
    tickets: dict[str, _TicketState] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    seq: int = 0
    clock: datetime = BASE_TIME
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def _new_id(self) -> str:
        from opexdesk.domain.ids import new_id

        return new_id()

    def _stamp(self) -> str:
        self.clock += timedelta(milliseconds=self.rng.randint(50, 5000))
        return self.clock.isoformat()

    def _wrap(
        self, entity: str, entity_id: str, op: str, changes: dict[str, Any]
    ) -> dict[str, Any]:
        self.seq += 1
        kind = f"{entity}.{op}"
        self.counts[kind] = self.counts.get(kind, 0) + 1
        return {
            "client_seq": self.seq,
            "mutation_id": self._new_id(),
            "entity": entity,
            "entity_id": entity_id,
            "op": op,
            "changes": changes,
            "created_at": self._stamp(),
        }

    def _pick_ticket(self) -> str:
        # Recent tickets get most of the work, as on a real desk.
        recent = self.order[-200:]
        return self.rng.choice(recent)

    def create(self) -> dict[str, Any]:
        rng = self.rng
        ticket_id = self._new_id()
        values: dict[str, Any] = {
            # rstrip: the server collapses white space, and the next edit's base must match.
            "title": f"{rng.choice(PHRASES)[:60].rstrip()} #{self.seq + 1}",
            "description": " ".join(rng.choice(PHRASES) for _ in range(3)),
            "impact": rng.randint(1, 4),
            "urgency": rng.randint(1, 4),
            "requester": rng.choice(REQUESTERS),
            "site": rng.choice(SITES),
            "category": rng.choice(CATEGORIES),
            "assignee": None,
            "group_name": rng.choice(GROUPS),
        }
        self.tickets[ticket_id] = _TicketState(dict(values))
        self.order.append(ticket_id)
        # The client also sends what it derived; the server derives these itself.
        changes = {**values, "priority": 3, "status": "new"}
        return self._wrap("ticket", ticket_id, "create", changes)

    def update(self) -> dict[str, Any]:
        rng = self.rng
        ticket_id = self._pick_ticket()
        state = self.tickets[ticket_id]
        choice = rng.random()
        payload: dict[str, Any] = {}
        new: Any
        if choice < 0.25 and state.values["assignee"] is None:
            new = self.username
            payload["assignee"] = {"base": None, "new": new}
            payload["status"] = {"base": "new", "new": "assigned"}  # as the client sends it
            state.values["assignee"] = new
            state.status = "assigned"
        else:
            name = rng.choice(("site", "category", "group_name", "title", "impact"))
            base = state.values[name]
            if name == "title":
                new = f"{str(base)[:70].rstrip()} (update {self.seq + 1})"
            elif name == "impact":
                new = 1 + (int(base) % 4)
            else:
                pool = {"site": SITES, "category": CATEGORIES, "group_name": GROUPS}[name]
                new = rng.choice([v for v in pool if v != base])
            payload[name] = {"base": base, "new": new}
            state.values[name] = new
        return self._wrap("ticket", ticket_id, "update", payload)

    def comment(self) -> dict[str, Any]:
        ticket_id = self._pick_ticket()
        row_id = self._new_id()
        changes = {
            "ticket_id": ticket_id,
            "id": row_id,
            "kind": self.rng.choice(("public", "internal")),
            "body": self.rng.choice(PHRASES),
            "created_at": (self.clock + timedelta(milliseconds=1)).isoformat(),
        }
        return self._wrap("comment", row_id, "append", changes)

    def work_log(self) -> dict[str, Any]:
        ticket_id = self._pick_ticket()
        row_id = self._new_id()
        changes = {
            "ticket_id": ticket_id,
            "id": row_id,
            "minutes": self.rng.choice((5, 10, 15, 30, 45, 60, 90)),
            "note": self.rng.choice(("", "remote session", "on site", "called the user")),
        }
        return self._wrap("work_log", row_id, "append", changes)

    def next(self) -> dict[str, Any]:
        roll = self.rng.random()
        if not self.order or roll < self.mix[0]:
            return self.create()
        if roll < self.mix[1]:
            return self.update()
        if roll < self.mix[2]:
            return self.comment()
        return self.work_log()

    def batch(self, n: int) -> list[dict[str, Any]]:
        return [self.next() for _ in range(n)]


# ---- the raw reference -------------------------------------------------------------------

RAW_TABLES = {"ticket": "sync_tickets", "comment": "sync_comments", "work_log": "sync_work_logs"}


def _sqlite_time(value: Any) -> Any:
    """The text SQLAlchemy stores for a UtcDateTime on SQLite (naive UTC, fixed width)."""
    if isinstance(value, str) and len(value) >= 19 and value[10] == "T":
        parsed = datetime.fromisoformat(value).astimezone(UTC).replace(tzinfo=None)
        return parsed.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def rows_by_table(
    changes: list[dict[str, Any]],
) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """The pulled rows (each change's data plus its server_seq), grouped per table."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for change in changes:
        table = RAW_TABLES.get(str(change["entity"]))
        if table is None:
            continue
        grouped.setdefault(table, []).append({**change["data"], "server_seq": change["server_seq"]})
    out: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
    for table, rows in grouped.items():
        columns = list(rows[0])
        out[table] = (columns, [tuple(r.get(c) for c in columns) for r in rows])
    return out


def _insert_order(tables: dict[str, Any]) -> list[str]:
    # Tickets first: comments and work logs reference them.
    return [t for t in ("sync_tickets", "sync_comments", "sync_work_logs") if t in tables]


def raw_insert_sqlite(
    path: Path, tables: dict[str, tuple[list[str], list[tuple[Any, ...]]]]
) -> float:
    """Seconds to executemany the rows into a freshly migrated server database file, in one
    transaction, with the server's pragmas (WAL, synchronous=FULL, foreign keys)."""
    from opexdesk.server.database import open_server_database

    db = open_server_database(f"sqlite:///{path}", migrate_schema=True)
    db.close()
    converted = {
        table: (cols, [tuple(_sqlite_time(v) for v in row) for row in rows])
        for table, (cols, rows) in tables.items()
    }
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("PRAGMA foreign_keys=ON")
        start = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        for table in _insert_order(converted):
            cols, rows = converted[table]
            marks = ", ".join("?" for _ in cols)
            con.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)
        con.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        con.close()


def raw_insert_postgres(
    url: str, tables: dict[str, tuple[list[str], list[tuple[Any, ...]]]]
) -> float:
    """Seconds to executemany the rows into a freshly migrated server schema, one transaction."""
    import psycopg

    from opexdesk.server.database import open_server_database

    reset_postgres(url)
    db = open_server_database(url, migrate_schema=True)
    db.close()
    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(dsn) as con:
        start = time.perf_counter()
        with con.transaction(), con.cursor() as cur:
            for table in _insert_order(tables):
                cols, rows = tables[table]
                marks = ", ".join("%s" for _ in cols)
                cur.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)
        return time.perf_counter() - start


def percentile(samples: list[float], q: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)
