"""Stateful property test of the sync: three real client databases, one in-process server.

Hypothesis drives random sequences of user actions (create, edit, transition, comment, work
log; knowledge-base articles: create, edit the title or a paragraph with any text, publish,
archive or reopen, vote), syncs, syncs whose response is lost after the server processed
the request, and server restarts (a new app on the same database file). After every step:
no client cursor moves back, and no work-log append was applied twice on the server. At the
end, after a quiet-down sync of every client: every replica's tickets, comments, work logs
and articles (with their versions, votes and links) equal the server's, and every mutation
any client wrote is in the server's ledger.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import warnings
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from sqlalchemy import select

from opexdesk.app import AppContext, build_context
from opexdesk.domain.article import ArticleDraft
from opexdesk.domain.enums import CommentKind, Role, Status
from opexdesk.domain.errors import DomainError
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.server.app import create_app
from opexdesk.server.config import PasswordHashing, ServerSettings
from opexdesk.server.sync_models import SyncComment, SyncMutation, SyncTicket, SyncWorkLog
from opexdesk.services.kb.articles import ArticleService
from opexdesk.services.sync.api import SyncApi, Unreachable
from opexdesk.services.sync.engine import SyncEngine
from opexdesk.services.sync.pull_apply import TICKET_FIELDS
from opexdesk.storage.kb_models import ArticleRow
from opexdesk.storage.models import Comment, OutboxEntry, Ticket, WorkLog
from opexdesk.storage.sync_models import SYNC_STATE_ID, SyncState

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
from bench.sim.article_invariants import client_articles, server_articles  # noqa: E402

SMALL = os.environ.get("OPEXDESK_SEEDS") == "small"
# (username, role) of each client database: two devices of alice, one of bob.
CLIENTS = (("alice", Role.TECHNICIAN), ("bob", Role.OPERATOR), ("alice", Role.TECHNICIAN))
SERVER_URL = "http://testserver"
PASSWORD = "stateful password 1"
# Cheap argon2id: the sync is under test, not the hashing.
FAST_HASHING = PasswordHashing(time_cost=1, memory_cost_kib=1024, parallelism=1)
EDITS = {
    "title": st.sampled_from(["Printer jam", "VPN drops", "Laptop dead", "打印机坏了"]),
    "site": st.sampled_from(["Berlin", "Paris", None]),
    "category": st.sampled_from(["Hardware", "Network"]),
    "description": st.sampled_from(["", "It broke.", "It broke again after lunch."]),
    "impact": st.integers(1, 4),
    "urgency": st.integers(1, 4),
}


class ServerHarness:
    """The in-process app on a SQLite file; ``restart`` builds a new app on the same file."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self.client = self._start()
        for name, role in dict(CLIENTS).items():
            self.client.app.state.services.users.create(name, name.title(), role, PASSWORD)  # type: ignore[attr-defined]

    def _start(self) -> TestClient:
        client = TestClient(create_app(self.settings))
        client.__enter__()
        return client

    @property
    def services(self) -> Any:
        return self.client.app.state.services  # type: ignore[attr-defined]

    def restart(self) -> None:
        self.client.__exit__(None, None, None)
        self.client = self._start()

    def close(self) -> None:
        self.client.__exit__(None, None, None)


class Wire(httpx.BaseTransport):
    """A client's connection to whatever app runs now; can lose the n-th response after the
    server has handled the request (the client sees a dropped connection)."""

    def __init__(self, server: ServerHarness) -> None:
        self.server = server
        self.sent = 0
        self.lose_at: int | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        # The TestClient's own transport runs the ASGI app to completion before returning.
        transport: httpx.BaseTransport = self.server.client._transport
        response = transport.handle_request(request)
        self.sent += 1
        if self.lose_at is not None and self.sent >= self.lose_at:
            self.lose_at = None
            response.read()
            response.close()
            raise httpx.ReadError("connection lost before the response arrived", request=request)
        return response


class Replica:
    """One client database with its signed-in engine."""

    def __init__(self, base: Path, username: str, server: ServerHarness) -> None:
        self.username = username
        self.ctx: AppContext = build_context(AppPaths.under(base), username=username)
        self.wire = Wire(server)
        self.api = SyncApi(SERVER_URL, transport=self.wire)
        self.api.login(username, PASSWORD)
        self.engine = SyncEngine(self.ctx.db, self.api, self.ctx.clock)
        self.articles = ArticleService(self.ctx.db, clock=self.ctx.clock, user=username)

    def article_ids(self) -> list[str]:
        with self.ctx.db.read() as s:
            return list(s.scalars(select(ArticleRow.id).order_by(ArticleRow.id)))

    def ticket_ids(self) -> list[str]:
        with self.ctx.db.read() as s:
            return list(s.scalars(select(Ticket.id).order_by(Ticket.local_id)))

    def cursor(self) -> int:
        with self.ctx.db.read() as s:
            state = s.get(SyncState, SYNC_STATE_ID)
            return state.cursor if state is not None else 0

    def mutation_ids(self) -> set[str]:
        with self.ctx.db.read() as s:
            return set(s.scalars(select(OutboxEntry.mutation_id)))

    def pending(self) -> int:
        with self.ctx.db.read() as s:
            rows = s.scalars(select(OutboxEntry.state))
            return sum(1 for state in rows if state == "pending")

    def close(self) -> None:
        self.api.close()
        self.ctx.close()


def _norm(value: Any) -> Any:
    # Both sides store aware UTC datetimes; compare them as instants.
    return value.astimezone(UTC) if isinstance(value, datetime) else value


def _ticket_rows(session: Any, model: Any) -> dict[str, dict[str, Any]]:
    return {
        row.id: {f: _norm(getattr(row, f)) for f in TICKET_FIELDS}
        for row in session.scalars(select(model))
    }


def _append_rows(session: Any, model: Any, fields: tuple[str, ...]) -> dict[str, tuple[Any, ...]]:
    return {
        row.id: tuple(_norm(getattr(row, f)) for f in fields)
        for row in session.scalars(select(model))
    }


COMMENT_FIELDS = ("ticket_id", "kind", "body", "author", "created_at")
WORK_LOG_FIELDS = ("ticket_id", "minutes", "note", "author", "created_at")


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="opexdesk-stateful-"))
        self.server = ServerHarness(
            ServerSettings(
                database_url=f"sqlite:///{self.tmp / 'server.sqlite3'}",
                password_hashing=FAST_HASHING,
            )
        )
        self.replicas = [
            Replica(self.tmp / f"client-{i}", name, self.server)
            for i, (name, _role) in enumerate(CLIENTS)
        ]
        self.cursors = [0 for _ in self.replicas]
        self.written: set[str] = set()  # every mutation id any client wrote

    # ---- user actions -------------------------------------------------------------------

    def _after_action(self, replica: Replica) -> None:
        self.written |= replica.mutation_ids()

    def _pick(self, replica: Replica, index: int) -> str | None:
        ids = replica.ticket_ids()
        return ids[index % len(ids)] if ids else None

    @rule(client=st.integers(0, 2), title=EDITS["title"])
    def create_ticket(self, client: int, title: str) -> None:
        replica = self.replicas[client]
        replica.ctx.tickets.create(TicketDraft(title=title, requester="carol"))
        self._after_action(replica)

    @rule(client=st.integers(0, 2), index=st.integers(0, 50), data=st.data())
    def edit_field(self, client: int, index: int, data: st.DataObject) -> None:
        replica = self.replicas[client]
        ticket_id = self._pick(replica, index)
        if ticket_id is None:
            return
        field = data.draw(st.sampled_from([*EDITS, "assignee"]), label="field")
        value: Any
        if field == "assignee":  # a technician may only take a ticket for themselves
            value = data.draw(st.sampled_from([replica.username, None]), label="value")
        else:
            value = data.draw(EDITS[field], label="value")
        try:
            replica.ctx.tickets.update(ticket_id, {field: value})
        except DomainError:
            return  # refused locally (e.g. unassigning a ticket in progress)
        self._after_action(replica)

    @rule(client=st.integers(0, 2), index=st.integers(0, 50), to=st.sampled_from(list(Status)))
    def transition(self, client: int, index: int, to: Status) -> None:
        replica = self.replicas[client]
        ticket_id = self._pick(replica, index)
        if ticket_id is None:
            return
        try:
            replica.ctx.tickets.transition(ticket_id, to, "done by the test")
        except DomainError:
            return  # not an allowed move from the local status
        self._after_action(replica)

    @rule(client=st.integers(0, 2), index=st.integers(0, 50), public=st.booleans())
    def add_comment(self, client: int, index: int, public: bool) -> None:
        replica = self.replicas[client]
        ticket_id = self._pick(replica, index)
        if ticket_id is None:
            return
        kind = CommentKind.PUBLIC if public else CommentKind.INTERNAL
        replica.ctx.tickets.add_comment(ticket_id, f"note by {replica.username}", kind)
        self._after_action(replica)

    @rule(client=st.integers(0, 2), index=st.integers(0, 50), minutes=st.integers(1, 120))
    def log_work(self, client: int, index: int, minutes: int) -> None:
        replica = self.replicas[client]
        ticket_id = self._pick(replica, index)
        if ticket_id is None:
            return
        replica.ctx.tickets.log_work(ticket_id, minutes, "worked")
        self._after_action(replica)

    # ---- knowledge-base articles --------------------------------------------------------

    def _article(self, replica: Replica, index: int) -> str | None:
        ids = replica.article_ids()
        return ids[index % len(ids)] if ids else None

    @rule(client=st.integers(0, 2), title=EDITS["title"])
    def create_article(self, client: int, title: str) -> None:
        replica = self.replicas[client]
        replica.articles.create(ArticleDraft(title, "First line.\n\nSecond line."))
        self._after_action(replica)

    @rule(client=st.integers(0, 2), index=st.integers(0, 50), data=st.data())
    def edit_article(self, client: int, index: int, data: st.DataObject) -> None:
        replica = self.replicas[client]
        article_id = self._article(replica, index)
        if article_id is None:
            return
        current = replica.articles.get(article_id)
        if data.draw(st.booleans(), label="title"):
            draft = ArticleDraft(data.draw(EDITS["title"]), current.body)
        else:  # any text, edited into one paragraph: merges, conflicts, odd characters
            paragraphs = current.body.split("\n\n")
            where = data.draw(st.integers(0, len(paragraphs) - 1), label="paragraph")
            paragraphs[where] = data.draw(st.text(max_size=40), label="text")
            draft = ArticleDraft(current.title, "\n\n".join(paragraphs))
        try:
            replica.articles.save(article_id, draft, current.version)
        except DomainError:
            return  # refused locally (e.g. a control character in the text)
        self._after_action(replica)

    @rule(client=st.integers(0, 2), index=st.integers(0, 50), move=st.integers(0, 2))
    def move_article(self, client: int, index: int, move: int) -> None:
        replica = self.replicas[client]
        article_id = self._article(replica, index)
        if article_id is None:
            return
        action = (replica.articles.publish, replica.articles.archive, replica.articles.reopen)
        try:
            action[move](article_id)
        except DomainError:
            return  # not a move the life cycle allows from the local status
        self._after_action(replica)

    @rule(client=st.integers(0, 2), index=st.integers(0, 50), helpful=st.booleans())
    def vote(self, client: int, index: int, helpful: bool) -> None:
        replica = self.replicas[client]
        article_id = self._article(replica, index)
        if article_id is None:
            return
        try:
            replica.articles.vote(article_id, helpful)
        except DomainError:
            return  # only a published article can be rated
        self._after_action(replica)

    # ---- sync and faults ----------------------------------------------------------------

    @rule(client=st.integers(0, 2))
    def sync(self, client: int) -> None:
        self.replicas[client].engine.sync_once()

    @rule(client=st.integers(0, 2), nth=st.integers(1, 3))
    def sync_with_lost_response(self, client: int, nth: int) -> None:
        replica = self.replicas[client]
        replica.wire.lose_at = replica.wire.sent + nth
        with contextlib.suppress(Unreachable):  # lost: the client cannot know what happened
            replica.engine.sync_once()
        replica.wire.lose_at = None  # the round may have needed fewer requests

    @rule()
    def restart_server(self) -> None:
        self.server.restart()

    # ---- invariants ---------------------------------------------------------------------

    @invariant()
    def cursors_never_go_back(self) -> None:
        for i, replica in enumerate(self.replicas):
            cursor = replica.cursor()
            assert cursor >= self.cursors[i], (i, self.cursors[i], cursor)
            self.cursors[i] = cursor

    @invariant()
    def no_work_log_applied_twice(self) -> None:
        with self.server.services.db.read() as s:
            ledger = s.execute(
                select(SyncMutation.entity_id, SyncMutation.outcome).where(
                    SyncMutation.entity == "work_log"
                )
            ).all()
            server_ids = list(s.scalars(select(SyncWorkLog.id)))
        assert len(server_ids) == len(set(server_ids))
        applied = Counter(
            entity_id
            for entity_id, outcome in ledger
            if isinstance(outcome, dict)
            and outcome.get("status") == "applied"
            and not any(n.get("rule") == "already_stored" for n in outcome.get("notices") or [])
        )
        twice = {k: n for k, n in applied.items() if n > 1}
        assert not twice, f"work logs applied more than once: {twice}"

    # ---- the end ------------------------------------------------------------------------

    def teardown(self) -> None:
        try:
            self._quiet_down_and_compare()
        finally:
            for replica in self.replicas:
                replica.close()
            self.server.close()
            shutil.rmtree(self.tmp, ignore_errors=True)

    def _quiet_down_and_compare(self) -> None:
        # Two full rounds: the second brings every client what the others pushed in the first.
        for _ in range(2):
            for replica in self.replicas:
                replica.engine.sync_once()
        for i, replica in enumerate(self.replicas):
            assert replica.pending() == 0, f"client {i} still has pending changes"
        with self.server.services.db.read() as s:
            tickets = _ticket_rows(s, SyncTicket)
            comments = _append_rows(s, SyncComment, COMMENT_FIELDS)
            work_logs = _append_rows(s, SyncWorkLog, WORK_LOG_FIELDS)
            ledger = set(s.scalars(select(SyncMutation.mutation_id)))
        knowledge = server_articles(self.server.services.db.read)
        assert not knowledge.pop("_miscounted", None), "vote counts differ from the votes"
        missing = self.written - ledger
        assert not missing, f"mutations not in the server ledger: {sorted(missing)}"
        for i, replica in enumerate(self.replicas):
            with replica.ctx.db.read() as s:
                local_tickets = _ticket_rows(s, Ticket)
                local_comments = _append_rows(s, Comment, COMMENT_FIELDS)
                local_work_logs = _append_rows(s, WorkLog, WORK_LOG_FIELDS)
            assert local_tickets.keys() == tickets.keys(), f"client {i}: ticket ids differ"
            for ticket_id, server_row in tickets.items():
                local = local_tickets[ticket_id]
                diff = {f: (local[f], v) for f, v in server_row.items() if local[f] != v}
                assert not diff, f"client {i}, ticket {ticket_id}: (local, server) {diff}"
            assert local_comments == comments, f"client {i}: comments differ"
            assert local_work_logs == work_logs, f"client {i}: work logs differ"
            for what, rows in client_articles(replica.ctx.db.read).items():
                assert rows == knowledge[what], f"client {i}: {what} rows differ"


SyncMachine.TestCase.settings = settings(
    max_examples=4 if SMALL else 25,
    stateful_step_count=20 if SMALL else 40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TestSyncStateful = SyncMachine.TestCase
