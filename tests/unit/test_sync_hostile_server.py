"""The client against servers that answer garbage: every answer becomes a clear SyncError,
the outbox keeps every change (nothing marked sent, nothing applied twice) and the next
round against a sane server sends them all. The "server" is an httpx.MockTransport: these
are fast unit tests beside the real-server tests in tests/integration/."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from opexdesk.app import AppContext, build_context
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.sync.api import NotAnOpExDeskServer, ServerError, SyncApi, SyncError, Tokens
from opexdesk.services.sync.engine import SyncEngine
from opexdesk.storage.models import OutboxEntry, Ticket
from opexdesk.storage.sync_models import SYNC_STATE_ID, SyncState

Handler = Callable[[httpx.Request], httpx.Response]


def _engine(ctx: AppContext, handler: Handler, **options: Any) -> SyncEngine:
    api = SyncApi("https://desk.example", transport=httpx.MockTransport(handler))
    api.tokens = Tokens("access", "refresh", "alice")
    return SyncEngine(ctx.db, api, ctx.clock, **options)


@pytest.fixture
def ctx(tmp_path: Path):
    context = build_context(AppPaths.under(tmp_path), username="alice")
    context.tickets.create(TicketDraft(title="Printer jams"))
    context.tickets.create(TicketDraft(title="VPN 断线"))
    yield context
    context.close()


def _outbox(ctx: AppContext) -> list[tuple[str, str | None]]:
    with ctx.db.read() as s:
        return [(r.state, r.outcome) for r in s.scalars(select(OutboxEntry))]


def _cursor(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        state = s.get(SyncState, SYNC_STATE_ID)
        return state.cursor if state else 0


def _ok_push(request: httpx.Request) -> httpx.Response:
    body = json.loads(request.content)
    outcomes = [
        {"mutation_id": m["mutation_id"], "status": "applied", "ticket_number": n + 1}
        for n, m in enumerate(body["mutations"])
    ]
    return httpx.Response(200, json={"outcomes": outcomes, "server_seq": 2})


PUSH_ANSWERS: dict[str, httpx.Response] = {
    "captive portal page": httpx.Response(200, html="<html><form>Log in to Wi-Fi</form></html>"),
    "redirect to a login page": httpx.Response(302, headers={"Location": "http://login.wifi/"}),
    "half a JSON body": httpx.Response(200, content=b'{"outcomes": [{"mutation_id": "'),
    "JSON of the wrong shape": httpx.Response(200, json={"result": "ok"}),
    "outcomes that are not objects": httpx.Response(
        200, json={"outcomes": [1, 2], "server_seq": 1}
    ),
    "an unknown outcome status": httpx.Response(
        200, json={"outcomes": [{"mutation_id": "x", "status": "maybe"}], "server_seq": 1}
    ),
    "a JSON list": httpx.Response(200, json=[1, 2, 3]),
    "502 from a proxy": httpx.Response(502, html="<h1>Bad gateway</h1>"),
    "503 with JSON": httpx.Response(503, json={"detail": "database unavailable"}),
}


@pytest.mark.parametrize("answer", list(PUSH_ANSWERS), ids=list(PUSH_ANSWERS))
def test_a_garbage_push_answer_keeps_every_change(ctx: AppContext, answer: str) -> None:
    engine = _engine(ctx, lambda _request: PUSH_ANSWERS[answer])
    with pytest.raises(SyncError) as raised:
        engine.sync_once()
    assert str(raised.value)  # a message for people
    assert _outbox(ctx) == [("pending", None), ("pending", None)]
    with ctx.db.read() as s:
        state = s.get(SyncState, SYNC_STATE_ID)
        assert state is not None and state.last_error == str(raised.value)

    # The link recovers: everything goes out, once.
    sane = _engine(ctx, lambda r: _ok_push(r) if r.url.path.endswith("/push") else _empty(r))
    report = sane.sync_once()
    assert (report.pushed, report.acknowledged) == (2, 2)
    assert _outbox(ctx) == []


def _empty(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("/snapshot"):
        return _empty_snapshot(request)
    return httpx.Response(
        200, json={"changes": [], "next_cursor": 0, "checkpoint": 0, "more": False}
    )


def _empty_snapshot(_request: httpx.Request) -> httpx.Response:
    """A new device's working set on an empty server."""
    body = {"changes": [], "next_after": None, "more": False, "checkpoint": 0, "total": 0}
    return httpx.Response(200, json=body)


PULL_ANSWERS: dict[str, httpx.Response] = {
    "captive portal page": httpx.Response(200, html="<html>Accept the terms</html>"),
    "half a JSON body": httpx.Response(200, content=b'{"changes": [{"entity": "tic'),
    "changes that are not objects": httpx.Response(
        200, json={"changes": ["x"], "next_cursor": 5, "checkpoint": 5, "more": False}
    ),
    "a change without an id": httpx.Response(
        200,
        json={
            "changes": [{"entity": "ticket", "server_seq": 5, "data": {"title": "x"}}],
            "next_cursor": 5,
            "checkpoint": 5,
            "more": False,
        },
    ),
    "a ticket with bad values": httpx.Response(
        200,
        json={
            "changes": [
                {"entity": "ticket", "id": "t1", "server_seq": 5, "data": {"created_at": "soon"}}
            ],
            "next_cursor": 5,
            "checkpoint": 5,
            "more": False,
        },
    ),
    "a cursor that goes back": httpx.Response(
        200, json={"changes": [], "next_cursor": -3, "checkpoint": 0, "more": False}
    ),
    "more pages forever from the same cursor": httpx.Response(
        200, json={"changes": [], "next_cursor": 0, "checkpoint": 9, "more": True}
    ),
}


@pytest.mark.parametrize("answer", list(PULL_ANSWERS), ids=list(PULL_ANSWERS))
def test_a_garbage_pull_answer_changes_nothing(ctx: AppContext, answer: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/push"):
            return _ok_push(request)
        if request.url.path.endswith("/snapshot"):
            return _empty_snapshot(request)
        return PULL_ANSWERS[answer]

    engine = _engine(ctx, handler, working_set_days=None)  # the ordinary pull from 0
    with pytest.raises((NotAnOpExDeskServer, ServerError)):
        engine.sync_once()
    assert _cursor(ctx) == 0
    with ctx.db.read() as s:
        assert len(list(s.scalars(select(Ticket)))) == 2  # nothing half-applied
    # Acknowledged but not yet confirmed by a complete pull: kept until one succeeds.
    assert [state for state, _ in _outbox(ctx)] == ["acknowledged", "acknowledged"]


SNAPSHOT_ANSWERS: dict[str, httpx.Response] = {
    "captive portal page": httpx.Response(200, html="<html>Accept the terms</html>"),
    "no paging fields": httpx.Response(200, json={"changes": []}),
    "changes that are not objects": httpx.Response(
        200,
        json={"changes": [1], "next_after": None, "more": False, "checkpoint": 3, "total": 1},
    ),
    "more pages but no next": httpx.Response(
        200,
        json={"changes": [], "next_after": None, "more": True, "checkpoint": 3, "total": 9},
    ),
    "a ticket with bad values": httpx.Response(
        200,
        json={
            "changes": [{"entity": "ticket", "id": "t1", "data": {"created_at": "soon"}}],
            "next_after": None,
            "more": False,
            "checkpoint": 3,
            "total": 1,
        },
    ),
}


@pytest.mark.parametrize("answer", list(SNAPSHOT_ANSWERS), ids=list(SNAPSHOT_ANSWERS))
def test_a_garbage_working_set_answer_changes_nothing(ctx: AppContext, answer: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/push"):
            return _ok_push(request)
        if request.url.path.endswith("/snapshot"):
            return SNAPSHOT_ANSWERS[answer]
        return _empty(request)

    with pytest.raises((NotAnOpExDeskServer, ServerError)):
        _engine(ctx, handler).sync_once()
    assert _cursor(ctx) == 0
    with ctx.db.read() as s:
        assert len(list(s.scalars(select(Ticket)))) == 2  # nothing half-applied
        state = s.get(SyncState, SYNC_STATE_ID)
        assert state is not None and state.last_pull_at is None  # the download is still due
