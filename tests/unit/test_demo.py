"""The demo data generator (opexdesk.services.demo) on real SQLite files."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from opexdesk.app import AppContext, build_context
from opexdesk.domain.enums import Priority, Status
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.domain.sla import due_times
from opexdesk.domain.ticket import TicketDraft
from opexdesk.domain.workflow import NEEDS_ASSIGNEE
from opexdesk.paths import AppPaths
from opexdesk.services.demo import has_tickets, seed_demo
from opexdesk.services.ticket_list import TicketFilter, TicketSort
from opexdesk.services.vocabulary import FIELDS
from opexdesk.storage import settings_repo
from opexdesk.storage.models import AuditEvent, Comment, OutboxEntry, Ticket, User, WorkLog

NOW = datetime(2026, 3, 16, 10, 30, tzinfo=UTC)
COUNT = 5_000
CJK = re.compile(r"[\u4e00-\u9fff]")


def _context(base: Path) -> AppContext:
    return build_context(AppPaths.under(base), username="tester")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    """One database with 5,000 demo tickets, shared by the read-only tests."""
    ctx = _context(tmp_path_factory.mktemp("demo"))
    assert seed_demo(ctx.db, COUNT, seed=7, now=NOW) == COUNT
    yield ctx
    ctx.close()


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = _context(tmp_path)
    yield context
    context.close()


def _tickets(ctx: AppContext) -> list[Ticket]:
    """All tickets, detached with their columns loaded (a read session rolls back)."""
    with ctx.db.read() as s:
        rows = list(s.scalars(select(Ticket).order_by(Ticket.local_id)))
        s.expunge_all()
    return rows


def _count(ctx: AppContext, model: type) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_has_tickets_is_false_on_a_new_database_and_true_after_seeding(ctx: AppContext) -> None:
    assert has_tickets(ctx.db) is False
    assert seed_demo(ctx.db, 20, now=NOW) == 20
    assert has_tickets(ctx.db) is True


def test_zero_or_negative_count_inserts_nothing(ctx: AppContext) -> None:
    assert seed_demo(ctx.db, 0, now=NOW) == 0
    assert seed_demo(ctx.db, -5, now=NOW) == 0
    assert has_tickets(ctx.db) is False


def test_counts_numbers_and_provisional_counter(seeded: AppContext) -> None:
    tickets = _tickets(seeded)
    assert len(tickets) == COUNT
    assert [t.number for t in tickets] == list(range(1, COUNT + 1))
    assert tickets[0].provisional_number == "L-000001"
    assert tickets[-1].provisional_number == f"L-{COUNT:06d}"
    assert len({t.id for t in tickets}) == COUNT
    with seeded.db.read() as s:
        assert settings_repo.get(s, settings_repo.PROVISIONAL_COUNTER) == str(COUNT)
    # Demo tickets stand for server state: nothing waits to be pushed.
    assert _count(seeded, OutboxEntry) == 0


def test_created_in_order_over_nine_months_on_office_days(seeded: AppContext) -> None:
    tickets = _tickets(seeded)
    created = [t.created_at for t in tickets]
    assert created == sorted(created)  # local_id follows creation time
    assert min(created) >= NOW - timedelta(days=275)
    assert max(created) <= NOW
    weekend = sum(1 for c in created if c.weekday() >= 5)
    assert weekend < 0.1 * COUNT


def test_same_seed_gives_same_tickets_other_seed_differs(tmp_path: Path) -> None:
    titles = []
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        ctx = _context(tmp_path / name)
        try:
            seed_demo(ctx.db, 300, seed=seed, now=NOW)
            rows = _tickets(ctx)
            titles.append([(t.id, t.title, t.description, t.status, t.updated_at) for t in rows])
        finally:
            ctx.close()
    assert titles[0] == titles[1]
    assert [t[1] for t in titles[0]] != [t[1] for t in titles[2]]


def test_both_languages_and_many_distinct_titles(seeded: AppContext) -> None:
    tickets = _tickets(seeded)
    chinese = sum(1 for t in tickets if CJK.search(t.title))
    assert 0.24 * COUNT < chinese < 0.36 * COUNT
    assert len({t.title for t in tickets}) > 1_000
    assert all(t.description for t in tickets)
    assert any("打印机" in t.title for t in tickets)
    assert any("printer" in t.title.lower() for t in tickets)
    assert len({t.category for t in tickets}) >= 9
    assert len({t.site for t in tickets}) >= 10
    assert any(CJK.search(t.requester or "") for t in tickets)


def test_priority_is_the_matrix_value_for_every_ticket(seeded: AppContext) -> None:
    matrix = PriorityMatrix()
    tickets = _tickets(seeded)
    for t in tickets:
        assert t.priority == int(matrix.priority_for(t.impact, t.urgency)), t.id
    # Skewed like a real desk: mostly P3/P4, a few P1.
    p1 = sum(1 for t in tickets if t.priority == 1)
    low = sum(1 for t in tickets if t.priority >= 3)
    assert 0 < p1 < 0.05 * COUNT
    assert low > 0.8 * COUNT


def test_times_and_due_dates_are_consistent(seeded: AppContext) -> None:
    for t in _tickets(seeded):
        response_due, resolution_due = due_times(Priority(t.priority), t.created_at)
        assert t.response_due_at == response_due
        assert t.resolution_due_at == resolution_due
        assert t.resolution_due_at > t.created_at and t.response_due_at > t.created_at
        assert t.created_at.tzinfo is not None
        assert t.created_at <= t.updated_at <= NOW
        if t.first_response_at is not None:
            assert t.created_at < t.first_response_at <= t.updated_at
        if t.resolved_at is not None:
            assert t.first_response_at is not None
            assert t.first_response_at < t.resolved_at <= t.updated_at
        if t.closed_at is not None:
            assert t.resolved_at is not None and t.resolved_at < t.closed_at <= t.updated_at


def test_statuses_agree_with_assignee_resolution_and_age(seeded: AppContext) -> None:
    tickets = _tickets(seeded)
    by_status: dict[str, list[Ticket]] = {}
    for t in tickets:
        by_status.setdefault(t.status, []).append(t)
        status = Status(t.status)
        if status in NEEDS_ASSIGNEE or not status.is_open:
            assert t.assignee, t.id
        if status is Status.NEW:
            assert t.assignee is None and t.first_response_at is None
        assert (t.resolved_at is not None) == (status in (Status.RESOLVED, Status.CLOSED))
        assert (t.closed_at is not None) == (status is Status.CLOSED)
        assert (t.resolution_note is not None) == (t.resolved_at is not None)
    assert set(by_status) == {s.value for s in Status}
    # Old tickets are done; what is still open is mostly recent.
    old = [t for t in tickets if t.created_at < NOW - timedelta(days=60)]
    assert sum(1 for t in old if not Status(t.status).is_open) > 0.97 * len(old)
    recent = [t for t in tickets if t.created_at > NOW - timedelta(days=2)]
    assert sum(1 for t in recent if Status(t.status).is_open) > 0.5 * len(recent)


def test_technicians_are_users_with_roles_and_groups(seeded: AppContext) -> None:
    with seeded.db.read() as s:
        users = {u.username: u for u in s.scalars(select(User))}
        s.expunge_all()
    assert 20 <= len(users) <= 35
    assert {u.role for u in users.values()} >= {"technician", "operator"}
    assert len({u.group_name for u in users.values()}) >= 6
    assignees = {t.assignee for t in _tickets(seeded) if t.assignee}
    assert assignees <= set(users)
    assert len(assignees) >= 20


def test_vocabulary_lists_are_filled(seeded: AppContext) -> None:
    vocab = {field: seeded.tickets.vocabulary(field) for field in FIELDS}
    assert all(vocab[field] for field in FIELDS)
    tickets = _tickets(seeded)
    assert {t.site for t in tickets} <= set(vocab["site"])
    assert {t.category for t in tickets} <= set(vocab["category"])
    assert {t.requester for t in tickets} <= set(vocab["requester"])
    assert {t.assignee for t in tickets if t.assignee} <= set(vocab["assignee"])
    assert {t.group_name for t in tickets if t.group_name} <= set(vocab["group_name"])
    assert "Shanghai Office 上海办公室" in vocab["site"]


def test_history_comments_and_work_read_back_through_the_service(seeded: AppContext) -> None:
    assert _count(seeded, AuditEvent) > COUNT * 0.08
    assert _count(seeded, Comment) > COUNT * 0.1
    assert _count(seeded, WorkLog) > 0
    with seeded.db.read() as s:
        ticket_id = s.scalar(
            select(Ticket.id)
            .join(Comment, Comment.ticket_id == Ticket.id)
            .join(AuditEvent, AuditEvent.ticket_id == Ticket.id)
            .where(Ticket.status == Status.CLOSED.value, Comment.kind == "internal")
            .limit(1)
        )
    assert ticket_id is not None
    detail = seeded.tickets.get(ticket_id)
    assert detail.display_number.startswith("INC-")
    assert detail.created_at.tzinfo is UTC or detail.created_at.utcoffset() == timedelta(0)
    history = seeded.tickets.history(ticket_id)
    assert history[0].action == "created"
    assert history[0].new_value["title"] == detail.title
    moves = [(h.old_value, h.new_value) for h in history if h.action == "status_changed"]
    assert moves[-1] == ("resolved", "closed")
    resolved = [new for _, new in moves if isinstance(new, dict) and new["value"] == "resolved"]
    assert resolved and resolved[0]["note"] == detail.resolution_note
    assert [h.at for h in history] == sorted(h.at for h in history)
    comments = seeded.tickets.comments(ticket_id)
    assert {c.kind for c in comments} >= {"internal"}
    public_by_staff = [c for c in comments if c.kind == "public" and c.author == detail.assignee]
    assert public_by_staff and public_by_staff[0].created_at == detail.first_response_at
    for c in comments:
        assert detail.created_at <= c.created_at <= detail.updated_at


def test_demo_tickets_can_be_edited_like_any_other(tmp_path: Path) -> None:
    ctx = _context(tmp_path)
    try:
        seed_demo(ctx.db, 400, seed=1, now=NOW)
        with ctx.db.read() as s:
            ticket_id = s.scalar(
                select(Ticket.id).where(Ticket.status == Status.IN_PROGRESS.value).limit(1)
            )
        assert ticket_id is not None
        ctx.tickets.add_comment(ticket_id, "Checked on site, fan replaced.", "internal")
        ctx.tickets.transition(ticket_id, Status.RESOLVED, "Fan replaced.")
        detail = ctx.tickets.get(ticket_id)
        assert detail.status == Status.RESOLVED.value
        assert detail.resolution_note == "Fan replaced."
        assert _count(ctx, OutboxEntry) == 2  # only the user's own changes
    finally:
        ctx.close()


def test_list_paging_and_text_filter_work_on_demo_data(seeded: AppContext) -> None:
    page = seeded.ticket_list.page(TicketFilter(), TicketSort(), 100)
    assert len(page) == 100
    assert [r.updated_at for r in page] == sorted((r.updated_at for r in page), reverse=True)
    zh = seeded.ticket_list.page(TicketFilter(text="打印机"), TicketSort(), 50)
    assert zh and all("打印机" in r.title for r in zh)
    assert seeded.ticket_list.count(TicketFilter()) == COUNT


def test_seeding_again_continues_numbers_and_counter(ctx: AppContext) -> None:
    seed_demo(ctx.db, 50, seed=1, now=NOW)
    seed_demo(ctx.db, 30, seed=2, now=NOW)
    tickets = _tickets(ctx)
    assert len(tickets) == 80
    assert sorted(t.number for t in tickets) == list(range(1, 81))
    assert sorted(t.provisional_number for t in tickets)[-1] == "L-000080"
    assert len({t.id for t in tickets}) == 80
    with ctx.db.read() as s:
        assert settings_repo.get(s, settings_repo.PROVISIONAL_COUNTER) == "80"
    # A ticket created afterwards gets the next provisional number.
    change = ctx.tickets.create(TicketDraft(title="After the demo"))
    assert ctx.tickets.get(change.ticket_id).display_number == "L-000081"


def test_progress_is_reported_per_batch_and_pragmas_are_restored(ctx: AppContext) -> None:
    calls: list[tuple[int, int]] = []
    seed_demo(ctx.db, 12_345, now=NOW, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (12_345, 12_345)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert all(total == 12_345 for _, total in calls)
    with ctx.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    con = sqlite3.connect(ctx.paths.database)
    try:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


def test_naive_now_is_taken_as_utc(ctx: AppContext) -> None:
    seed_demo(ctx.db, 10, now=NOW.replace(tzinfo=None))
    assert max(t.created_at for t in _tickets(ctx)) <= NOW
