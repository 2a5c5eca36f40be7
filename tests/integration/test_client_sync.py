"""The client sync engine against a REAL ``opexdesk-server`` process on 127.0.0.1.

Two client databases (built like the app builds them) sync through one server whose
store is a SQLite file in a temporary directory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from real_server import free_port, serving
from real_server import stop as _stop
from real_server import wait_http as _wait_http
from sqlalchemy import func, select

from opexdesk.app import AppContext, build_context
from opexdesk.domain.enums import CommentKind
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.sync.api import (
    AuthFailed,
    NotAnOpExDeskServer,
    PullPage,
    PushResult,
    ServerError,
    SyncApi,
    Unreachable,
)
from opexdesk.services.sync.engine import SyncEngine
from opexdesk.services.sync.pull_apply import load_held
from opexdesk.storage.models import Comment, OutboxEntry, Ticket, WorkLog
from opexdesk.storage.sync_models import Conflict, SyncState

PASSWORDS = {"alice": "alice password 1", "bob": "bob password 22"}


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(tmp_path_factory.mktemp("server"), PASSWORDS) as base:
        yield base


class Client:
    """One desktop database plus a signed-in sync engine."""

    def __init__(self, base: Path, user: str, server_url: str) -> None:
        self.ctx: AppContext = build_context(AppPaths.under(base), username=user)
        self.api = SyncApi(server_url)
        self.api.login(user, PASSWORDS[user])
        self.engine = SyncEngine(self.ctx.db, self.api, self.ctx.clock, blobs=self.ctx.blobs)

    def ticket(self, ticket_id: str) -> Ticket:
        with self.ctx.db.transaction() as s:
            ticket = s.scalar(select(Ticket).where(Ticket.id == ticket_id))
            assert ticket is not None
            return ticket

    def count(self, model: type, ticket_id: str) -> int:
        with self.ctx.db.transaction() as s:
            column = model.ticket_id  # type: ignore[attr-defined]
            return int(s.scalar(select(func.count()).where(column == ticket_id)) or 0)

    def conflicts(self) -> list[Conflict]:
        with self.ctx.db.transaction() as s:
            return list(s.scalars(select(Conflict)))

    def outbox(self) -> int:
        with self.ctx.db.transaction() as s:
            return int(s.scalar(select(func.count()).select_from(OutboxEntry)) or 0)

    def close(self) -> None:
        self.api.close()
        self.ctx.close()


@pytest.fixture
def clients(tmp_path: Path, server_url: str) -> Iterator[tuple[Client, Client]]:
    a = Client(tmp_path / "a", "alice", server_url)
    b = Client(tmp_path / "b", "bob", server_url)
    try:
        yield a, b
    finally:
        a.close()
        b.close()


def test_two_clients_converge_through_a_real_server(clients: tuple[Client, Client]) -> None:
    a, b = clients
    created = a.ctx.tickets.create(TicketDraft(title="Printer on fire", requester="carol"))
    tid = created.ticket_id
    a.ctx.tickets.log_work(tid, 30, "looked at it")
    a.ctx.tickets.add_comment(tid, "On my way.", CommentKind.PUBLIC)

    report = a.engine.sync_once()
    assert (report.pushed, report.acknowledged, report.rejected) == (3, 3, 0)
    assert report.pulled >= 3 and report.cursor > 0
    number = a.ticket(tid).number
    assert number is not None
    assert a.outbox() == 0  # acknowledged and pulled back: dropped

    b.engine.sync_once()
    seen = b.ticket(tid)
    assert (seen.number, seen.title, seen.requester) == (number, "Printer on fire", "carol")
    assert b.count(WorkLog, tid) == 1 and b.count(Comment, tid) == 1

    # different fields of the same ticket: both edits everywhere
    a.ctx.tickets.update(tid, {"site": "Berlin"})
    b.ctx.tickets.update(tid, {"category": "Hardware"})
    a.engine.sync_once()
    b.engine.sync_once()
    a.engine.sync_once()
    for client in (a, b):
        ticket = client.ticket(tid)
        assert (ticket.site, ticket.category) == ("Berlin", "Hardware")

    # both edit the title: the second pusher gets one conflict row, visible locally
    a.ctx.tickets.update(tid, {"title": "Printer A"})
    b.ctx.tickets.update(tid, {"title": "Printer B"})
    assert a.engine.sync_once().conflicts == 0
    report_b = b.engine.sync_once()
    assert report_b.conflicts == 1
    conflicts = b.conflicts()
    assert len(conflicts) == 1
    assert (conflicts[0].ticket_id, conflicts[0].field) == (tid, "title")
    assert (conflicts[0].local, conflicts[0].server) == ("Printer B", "Printer A")
    assert b.ticket(tid).title == "Printer A"
    a.engine.sync_once()
    assert a.conflicts() == [] and a.ticket(tid).title == "Printer A"

    # an unsent local edit survives a pull that brings other changes of the ticket
    a.ctx.tickets.update(tid, {"requester": "dave"})
    b.ctx.tickets.update(tid, {"requester": "erin", "site": "Paris"})
    b.engine.sync_once()
    a.engine.pull()
    kept = a.ticket(tid)
    assert (kept.requester, kept.site) == ("dave", "Paris")

    # converged: syncing again changes nothing and duplicates nothing
    for _ in range(2):
        a.engine.sync_once()
        b.engine.sync_once()
    again_a, again_b = a.engine.sync_once(), b.engine.sync_once()
    assert (again_a.pushed, again_a.pulled) == (0, 0)
    assert (again_b.pushed, again_b.pulled) == (0, 0)
    for client in (a, b):
        assert client.count(WorkLog, tid) == 1 and client.count(Comment, tid) == 1
        assert client.outbox() == 0
    assert a.ticket(tid).title == b.ticket(tid).title
    with a.ctx.db.transaction() as s:
        state = s.get(SyncState, 1)
        assert state is not None and state.last_error is None and state.username == "alice"


def test_tiny_pages_and_batches_give_the_same_replica(tmp_path: Path, server_url: str) -> None:
    """Pages of one change: an append arrives before its ticket (a placeholder until then)."""
    a = Client(tmp_path / "a", "alice", server_url)
    c = Client(tmp_path / "c", "alice", server_url)
    try:
        tid = a.ctx.tickets.create(TicketDraft(title="Paged")).ticket_id
        a.ctx.tickets.log_work(tid, 5, "paged")
        a.ctx.tickets.add_comment(tid, "paged comment")
        a.engine = SyncEngine(a.ctx.db, a.api, a.ctx.clock, push_batch=1)
        assert a.engine.sync_once().acknowledged == 3
        # The ordinary pull from 0 (not the working-set download, which sends by ticket).
        c.engine = SyncEngine(c.ctx.db, c.api, c.ctx.clock, pull_page=1, working_set_days=None)
        seen_entities: list[str] = []
        real_pull = c.api.pull

        def recording_pull(cursor: int, limit: int = 500) -> PullPage:
            page = real_pull(cursor, limit)
            seen_entities.extend(
                ch["entity"]
                for ch in page.changes
                if tid in (ch["id"], ch["data"].get("ticket_id"))
            )
            return page

        c.api.pull = recording_pull  # type: ignore[method-assign]
        c.engine.sync_once()
        assert seen_entities[0] == "work_log" and seen_entities[-1] == "ticket"
        seen = c.ticket(tid)
        assert (seen.title, seen.number) == ("Paged", a.ticket(tid).number)
        assert not seen.provisional_number.startswith("S-stub-")
        assert c.count(WorkLog, tid) == 1 and c.count(Comment, tid) == 1
    finally:
        a.close()
        c.close()


def test_a_kill_between_push_and_storing_outcomes_converges(
    clients: tuple[Client, Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = clients
    tid = a.ctx.tickets.create(TicketDraft(title="Kill me")).ticket_id
    a.ctx.tickets.log_work(tid, 15, "once only")

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt("killed after the server committed")

    with monkeypatch.context() as patch:
        patch.setattr(a.engine, "_store_outcomes", crash)
        with pytest.raises(KeyboardInterrupt):
            a.engine.sync_once()
    assert a.outbox() == 2  # nothing stored locally: still pending

    report = a.engine.sync_once()  # re-push: the server's ledger answers duplicates
    assert (report.pushed, report.acknowledged) == (2, 2)
    b.engine.sync_once()
    for client in (a, b):
        assert client.count(WorkLog, tid) == 1
        assert client.ticket(tid).number is not None


def test_a_server_value_pulled_behind_an_unanswered_edit_is_fetched_again(
    clients: tuple[Client, Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    """alice's title edit reaches the server and is set aside as a conflict (bob's came
    first), but its answer is lost; alice pulls the server's title while her edit still
    waits, so the pull keeps her own. The edit is then taken as done without being sent
    again (a 409 gap answer says the server is past it), so the server has no reason to
    send the ticket once more: the device fetches it itself, and alice ends with the
    server's title and the conflict to look at, not a silent divergence."""
    a, b = clients
    tid = a.ctx.tickets.create(TicketDraft(title="Base")).ticket_id
    a.engine.sync_once()
    b.engine.sync_once()
    b.ctx.tickets.update(tid, {"title": "Bob's title"})
    b.engine.sync_once()
    a.ctx.tickets.update(tid, {"title": "Alice's title"})

    def lost(*_args: object) -> None:
        raise KeyboardInterrupt("the answer never arrived")

    with monkeypatch.context() as patch:
        patch.setattr(a.engine, "_store_outcomes", lost)
        with pytest.raises(KeyboardInterrupt):
            a.engine.sync_once()
    a.engine.pull()  # the server's row arrives while the edit still waits to be sent
    assert a.ticket(tid).title == "Alice's title"  # an unsent edit is never overwritten
    with a.ctx.db.read() as s:
        waiting = list(s.scalars(select(OutboxEntry.client_seq)))
    gap = PushResult(outcomes=[], server_seq=0, expected_client_seq=max(waiting) + 1)
    assert a.engine._store_outcomes(waiting, gap) == (1, 0, 0)

    a.engine.sync_once()
    assert a.ticket(tid).title == b.ticket(tid).title == "Bob's title"
    mine = [(c.field, c.local) for c in a.conflicts() if c.ticket_id == tid]
    assert mine == [("title", "Alice's title")]
    with a.ctx.db.read() as s:
        assert load_held(s) == []  # nothing left to fetch again


def test_cli_syncs_once_and_prints_a_json_report(tmp_path: Path, server_url: str) -> None:
    ctx = build_context(AppPaths.under(tmp_path / "c"), username="alice")
    ctx.tickets.create(TicketDraft(title="From the CLI"))
    ctx.close()
    command = [sys.executable, "-m", "opexdesk.services.sync", "--basedir", str(tmp_path / "c")]
    ok = subprocess.run(
        [*command, "--server", server_url, "--user", "alice", "--password-stdin"],
        input=PASSWORDS["alice"] + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ok.returncode == 0, ok.stderr
    report = json.loads(ok.stdout)
    assert report["pushed"] == 1 and report["acknowledged"] == 1

    dead = f"http://127.0.0.1:{free_port()}"
    failed = subprocess.run(
        [*command, "--server", dead, "--user", "alice", "--password-stdin"],
        input="x\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert failed.returncode == 3  # unreachable: kept for later
    assert "Cannot reach the server" in failed.stderr and "Local changes are kept" in failed.stderr


def test_opexdesk_sync_uses_the_saved_sign_in(
    tmp_path: Path, server_url: str, secret_service: object
) -> None:
    """`opexdesk sync` for scripts: the first run signs in with a password and keeps the
    refresh token in the real keyring; later runs need neither password nor server."""
    opexdesk = Path(sys.executable).with_name("opexdesk")
    base = str(tmp_path / "d")
    ctx = build_context(AppPaths.under(tmp_path / "d"), username="bob")
    ctx.tickets.create(TicketDraft(title="Scripted 同步"))
    ctx.close()

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(opexdesk), "sync", "--basedir", base, *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
        )

    status = json.loads(run("--status").stdout)
    assert status["pending"] == 1 and status["server"] is None
    never = run()
    assert never.returncode == 2 and "--server and --user" in never.stderr

    first = run("--server", server_url, "--user", "bob", "--password-stdin", stdin=PASSWORDS["bob"])
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["acknowledged"] == 1

    ctx = build_context(AppPaths.under(tmp_path / "d"), username="bob")
    ctx.tickets.create(TicketDraft(title="Second run"))
    ctx.close()
    second = run()  # no password, no server: the saved sign-in (rotated) is used
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout)["acknowledged"] == 1
    third = run()
    assert third.returncode == 0, third.stderr  # the rotated token was saved again
    status = json.loads(run("--status").stdout)
    assert status["pending"] == 0 and status["server"] == server_url and status["user"] == "bob"


def test_specific_errors(tmp_path: Path, server_url: str) -> None:
    dead = SyncApi(f"http://127.0.0.1:{free_port()}", timeout=5)
    with dead, pytest.raises(Unreachable, match="Cannot reach the server"):
        dead.login("alice", PASSWORDS["alice"])

    with SyncApi(server_url) as api, pytest.raises(AuthFailed, match="alice"):
        api.login("alice", "wrong password")

    port = free_port()
    log = tmp_path / "http.log"
    with log.open("w") as out:
        other = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_http(other, f"http://127.0.0.1:{port}/", log)
        foreign = SyncApi(f"http://127.0.0.1:{port}")
        with foreign, pytest.raises(NotAnOpExDeskServer, match="not an OpExDesk server"):
            foreign.login("alice", PASSWORDS["alice"])
    finally:
        _stop(other)


def test_a_server_missing_earlier_changes_is_reported(tmp_path: Path, server_url: str) -> None:
    """A 409 gap the client cannot fill (its change 1 is gone locally): a clear error."""
    a = Client(tmp_path / "a", "alice", server_url)
    try:
        tid = a.ctx.tickets.create(TicketDraft(title="Gap")).ticket_id
        a.ctx.tickets.log_work(tid, 5)
        with a.ctx.db.transaction() as s:
            first = s.get(OutboxEntry, 1)
            assert first is not None
            s.delete(first)
        with pytest.raises(ServerError, match="expects change 1 of this device"):
            a.engine.sync_once()
        with a.ctx.db.transaction() as s:
            state = s.get(SyncState, 1)
            assert state is not None and "expects change 1" in (state.last_error or "")
    finally:
        a.close()


def test_attachment_bytes_travel_with_their_ticket(tmp_path: Path, server_url: str) -> None:
    a = Client(tmp_path / "a", "alice", server_url)
    b = Client(tmp_path / "b", "bob", server_url)
    try:
        tid = a.ctx.tickets.create(TicketDraft(title="Scanner 扫描仪 error")).ticket_id
        photo = tmp_path / "error photo.bin"
        photo.write_bytes(os.urandom(3 * 1024 * 1024 + 17))  # several upload chunks
        a.ctx.tickets.attach_file(tid, photo)
        report = a.engine.sync_once()
        assert report.blobs_uploaded == 1
        report = b.engine.sync_once()
        assert (report.blobs_downloaded, report.blobs_waiting) == (1, 0)
        [attachment] = b.ctx.tickets.attachments(tid)
        assert b.ctx.tickets.attachment_path(attachment.sha256).read_bytes() == photo.read_bytes()
        assert b.engine.sync_once().blobs_downloaded == 0  # nothing left to fetch
    finally:
        a.close()
        b.close()
