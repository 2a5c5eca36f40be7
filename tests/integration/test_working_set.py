"""A new device downloads the user's working set, not the whole history (real server).

The store holds a year of closed tickets, a few open ones and the user's own; a new device
gets the open ones, the recent ones and the user's own with their conversations and work
logs, shows "download" progress, resumes an interrupted download without starting over,
and then pulls ordinarily. An old ticket that comes back to life arrives with its history.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from real_server import serving
from sqlalchemy import func, select

from opexdesk.app import AppContext, build_context
from opexdesk.domain.enums import Role
from opexdesk.domain.ids import new_id
from opexdesk.paths import AppPaths
from opexdesk.server.database import ServerDatabase, open_server_database
from opexdesk.server.models import User
from opexdesk.server.sync_apply import Mutation, Pusher
from opexdesk.server.sync_models import SyncTicket
from opexdesk.server.sync_push import push_batch
from opexdesk.services.sync.api import SyncApi
from opexdesk.services.sync.bootstrap import PROGRESS_KEY
from opexdesk.services.sync.engine import SyncEngine
from opexdesk.services.sync.progress import RoundCancelled, SyncProgress
from opexdesk.storage import settings_repo
from opexdesk.storage.models import Comment, Ticket, WorkLog
from opexdesk.storage.sync_models import SYNC_STATE_ID, SyncState

USERS = {"alice": "alice password 1", "olga": "olga password 22"}
NOW = datetime.now(UTC)
OLD = NOW - timedelta(days=400)


class Store:
    """Writes straight into the running server's database, at any time stamp."""

    def __init__(self, db: ServerDatabase, username: str, role: Role) -> None:
        with db.read() as s:
            user = s.scalar(select(User).where(User.username == username))
            assert user is not None
            user_id = user.id
        self.db = db
        self.pusher = Pusher(user_id, username, role, f"seed-{username}")
        self.seq = 0

    def push(self, at: datetime, *mutations: tuple[str, str, str, dict[str, Any]]) -> None:
        batch = []
        for entity, entity_id, op, changes in mutations:
            self.seq += 1
            batch.append(Mutation(self.seq, new_id(), entity, entity_id, op, changes))
        result = push_batch(self.db, self.pusher, batch, at)
        assert {o["status"] for o in result.outcomes} == {"applied"}, [
            o["reason"] for o in result.outcomes
        ]

    def ticket(self, at: datetime, title: str, *, closed: bool, logs: int = 1) -> str:
        tid = new_id()
        steps: list[tuple[str, str, str, dict[str, Any]]] = [
            ("ticket", tid, "create", {"title": title, "assignee": self.pusher.username}),
        ]
        for _ in range(logs):
            log_id = new_id()
            steps.append(
                ("work_log", log_id, "append", {"ticket_id": tid, "id": log_id, "minutes": 10})
            )
        if closed:
            steps += [
                ("ticket", tid, "transition", {"from": "assigned", "to": "in_progress"}),
                (
                    "ticket",
                    tid,
                    "transition",
                    {"from": "in_progress", "to": "resolved", "note": "Fixed"},
                ),
                ("ticket", tid, "transition", {"from": "resolved", "to": "closed"}),
            ]
        self.push(at, *steps)
        return tid


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("server")
    with serving(tmp, USERS) as base:
        db = open_server_database(f"sqlite:///{tmp / 'server.sqlite3'}")
        olga = Store(db, "olga", Role.OPERATOR)
        alice = Store(db, "alice", Role.TECHNICIAN)
        history = [olga.ticket(OLD, f"Closed long ago {i}", closed=True) for i in range(30)]
        mine_old = alice.ticket(OLD, "Alice's own old ticket", closed=True)
        open_old = olga.ticket(OLD, "Still open from last year", closed=False)
        recent = [olga.ticket(NOW, f"Closed this week {i}", closed=True) for i in range(3)]
        open_new = [olga.ticket(NOW, f"New today {i}", closed=False, logs=2) for i in range(4)]
        working = {mine_old, open_old, *recent, *open_new}
        yield {"base": base, "db": db, "olga": olga, "history": history, "working": working}
        db.close()


def device(tmp: Path, base: str, **engine: Any) -> tuple[AppContext, SyncEngine, SyncApi]:
    ctx = build_context(AppPaths.under(tmp), username="alice")
    api = SyncApi(base)
    api.login("alice", USERS["alice"])
    return ctx, SyncEngine(ctx.db, api, ctx.clock, **engine), api


def local_ids(ctx: AppContext) -> set[str]:
    with ctx.db.read() as s:
        return set(s.scalars(select(Ticket.id)))


def count(ctx: AppContext, model: Any, ticket_id: str) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).where(model.ticket_id == ticket_id)) or 0)


def test_new_device_gets_the_working_set_with_progress(
    world: dict[str, Any], tmp_path: Path
) -> None:
    ctx, engine, api = device(tmp_path, world["base"], pull_page=50)
    seen: list[SyncProgress] = []
    try:
        engine.sync_once(seen.append)
        assert local_ids(ctx) == world["working"]
        downloads = [p for p in seen if p.phase == "download"]
        assert downloads and downloads[-1].done == downloads[-1].total == len(world["working"])
        for tid in world["working"]:
            assert count(ctx, WorkLog, tid) >= 1  # each came with its work log
        with world["db"].read() as s:
            everything = int(s.scalar(select(func.count()).select_from(SyncTicket)) or 0)
        assert everything > 3 * len(world["working"])  # the history stayed on the server
        with ctx.db.read() as s:
            state = s.get(SyncState, SYNC_STATE_ID)
            assert state is not None and state.cursor > 0 and state.last_pull_at is not None
            assert settings_repo.get(s, PROGRESS_KEY) is None
        # Then ordinary pulls: a new ticket elsewhere arrives, nothing is downloaded again.
        fresh = world["olga"].ticket(datetime.now(UTC), "After the download", closed=False)
        seen.clear()
        engine.sync_once(seen.append)
        assert fresh in local_ids(ctx)
        assert not [p for p in seen if p.phase == "download"]
    finally:
        api.close()
        ctx.close()


def test_an_interrupted_download_resumes_where_it_stopped(
    world: dict[str, Any], tmp_path: Path
) -> None:
    ctx, engine, api = device(tmp_path, world["base"])
    engine._download._page = 3  # type: ignore[union-attr]  # small pages: several of them

    def stop_after_first_page(progress: SyncProgress) -> None:
        if progress.phase == "download":
            raise RoundCancelled()

    try:
        with pytest.raises(RoundCancelled):
            engine.sync_once(stop_after_first_page)
        first = local_ids(ctx)
        assert len(first) == 3
        with ctx.db.read() as s:
            marker = settings_repo.get(s, PROGRESS_KEY)
        assert marker is not None and '"done": 3' in marker
        done: list[int] = []
        engine.sync_once(lambda p: done.append(p.done) if p.phase == "download" else None)
        assert done[0] == 6  # resumed at the second page, not from the start
        assert local_ids(ctx) >= world["working"]
    finally:
        api.close()
        ctx.close()


def test_an_old_ticket_that_comes_back_brings_its_history(
    world: dict[str, Any], tmp_path: Path
) -> None:
    ctx, engine, api = device(tmp_path, world["base"])
    try:
        engine.sync_once()
        revived = world["history"][:3]  # several: fetched together, in one request
        assert not set(revived) & local_ids(ctx)
        for old in revived:
            comment_id = new_id()
            world["olga"].push(
                datetime.now(UTC),
                (
                    "comment",
                    comment_id,
                    "append",
                    {"ticket_id": old, "id": comment_id, "kind": "public", "body": "Back again"},
                ),
            )
        engine.sync_once()
        for old in revived:
            assert old in local_ids(ctx)
            assert count(ctx, Comment, old) == 1
            assert count(ctx, WorkLog, old) == 1  # last year's work log, fetched with it
    finally:
        api.close()
        ctx.close()


def test_full_history_when_asked(world: dict[str, Any], tmp_path: Path) -> None:
    ctx, engine, api = device(tmp_path, world["base"], working_set_days=None)
    try:
        engine.sync_once()
        assert set(world["history"]) <= local_ids(ctx)
    finally:
        api.close()
        ctx.close()
