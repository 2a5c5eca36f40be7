"""TriageService on a real SQLite store: queue order by SLA risk, badges from the history,
assignment help, duplicate candidates and undo (including a refused undo)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from opexdesk.app import AppContext, build_context
from opexdesk.domain.enums import Status
from opexdesk.domain.sla import default_policy_json
from opexdesk.domain.sla_clock import SlaEventKind, WarningLevel
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.events import Clock
from opexdesk.services.triage import Strategy, sla_events
from opexdesk.services.triage.duplicates import DuplicateIndex, tokens
from opexdesk.storage.triage_queue import TriageQueueRepository

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class ManualClock(Clock):
    def __init__(self, now: datetime) -> None:
        self.value = now

    def now(self) -> datetime:
        return self.value


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def app(tmp_path: Path, clock: ManualClock) -> Iterator[AppContext]:
    context = build_context(AppPaths.under(tmp_path), username="operator", clock=clock)
    yield context
    context.close()


def new(app: AppContext, title: str, impact: int = 3, urgency: int = 3, **kw: object) -> str:
    draft = TicketDraft(title=title, impact=impact, urgency=urgency, **kw)  # type: ignore[arg-type]
    return app.tickets.create(draft).ticket_id


def add_people(app: AppContext, *people: tuple[str, str, bool]) -> None:
    with app.db.engine.begin() as conn:
        for i, (name, group, away) in enumerate(people):
            conn.execute(
                text(
                    "INSERT INTO users (id, username, display_name, role, group_name, away)"
                    " VALUES (:id, :u, :d, 'technician', :g, :a)"
                ),
                {
                    "id": f"00000000-0000-0000-0000-{i:012d}",
                    "u": name,
                    "d": name.title(),
                    "g": group,
                    "a": away,
                },
            )


def test_queue_orders_by_response_due_breached_first(app: AppContext, clock: ManualClock) -> None:
    old_p4 = new(app, "Old low ticket", impact=4, urgency=4)  # P4: response due in hours
    clock.value += timedelta(hours=30)  # old_p4's response is breached by now
    p3 = new(app, "Printer jams", impact=3, urgency=3)
    p1 = new(app, "Site down", impact=1, urgency=1)
    assigned = new(app, "Already owned", impact=1, urgency=1, assignee="bob")
    items = app.triage.page().items
    ids = [i.row.id for i in items]
    assert assigned not in ids
    assert ids == [old_p4, p1, p3]
    assert items[0].badge.level is WarningLevel.BREACHED
    assert items[0].badge.text.startswith("breached ")
    assert items[1].badge.text.startswith("breaches in ")
    assert app.triage.count() == 3


def test_queue_pages_with_keys_and_no_overlap(app: AppContext, clock: ManualClock) -> None:
    made = []
    for i in range(7):
        clock.value += timedelta(minutes=1)
        made.append(new(app, f"Ticket {i}"))
    first = app.triage.page(limit=3)
    second = app.triage.page(limit=3, after=first.next_key)
    third = app.triage.page(limit=3, after=second.next_key)
    got = [i.row.id for p in (first, second, third) for i in p.items]
    assert got == made
    assert third.next_key is None


def test_badge_history_includes_priority_change(app: AppContext, clock: ManualClock) -> None:
    tid = new(app, "Mail slow", impact=4, urgency=4)
    clock.value += timedelta(minutes=10)
    app.tickets.update(tid, {"impact": 1, "urgency": 1})  # P4 -> P1: re-targeted
    clock.value += timedelta(minutes=30)  # P1 response target (15 min) used up
    repo = TriageQueueRepository(app.db.engine)
    row = repo.rows([tid])[tid]
    events = sla_events(row, repo.sla_history([tid])[tid])
    kinds = [e.kind for e in events]
    assert kinds.count(SlaEventKind.PRIORITY) == 1
    assert events[0].priority is not None and int(events[0].priority) == 4
    item = app.triage.page().items[0]
    assert item.badge.level is WarningLevel.BREACHED


def test_assignment_least_loaded_skips_away(app: AppContext) -> None:
    add_people(app, ("ann", "Desk", False), ("bob", "Desk", False), ("cid", "Desk", True))
    new(app, "One", assignee="ann", group_name="Desk")
    with app.db.engine.begin() as conn:  # an admin with no load is never suggested
        conn.execute(
            text(
                "INSERT INTO users (id, username, display_name, role, group_name, away)"
                " VALUES ('00000000-0000-0000-0000-0000000000ad', 'aaron', 'Aaron', 'admin',"
                " 'Desk', 0)"
            )
        )
    advisor = app.triage.assignment
    suggestion = advisor.suggest("Desk")
    assert suggestion.username == "bob" and suggestion.open_tickets == 0
    assert advisor.set_away("bob", True)
    assert advisor.suggest("Desk").username == "ann"
    advisor.set_away("ann", True)
    nobody = advisor.suggest("Desk")
    assert nobody.username is None and "away" in nobody.reason
    assert advisor.suggest("").username is None
    assert advisor.suggest("Unknown team").username is None
    assert not advisor.set_away("nobody", True)


def test_assignment_round_robin(app: AppContext) -> None:
    add_people(app, ("ann", "Desk", False), ("bob", "Desk", False), ("cid", "Desk", True))
    advisor = app.triage.assignment
    advisor.strategy = Strategy.ROUND_ROBIN
    got = [advisor.suggest("Desk").username for _ in range(4)]
    assert got == ["ann", "bob", "ann", "bob"]


def test_duplicates_english_chinese_and_bad_text(app: AppContext) -> None:
    a = new(app, "VPN drops every few minutes", description="Home office, Windows 11")
    b = new(app, "VPN connection drops every few minutes again")
    c = new(app, "打印机无法连接到网络")
    d = new(app, "三楼打印机无法连接网络")
    new(app, "Ã©tÃ© mojibake title ����")
    assert [x.ticket_id for x in app.triage.duplicates(a)][:1] == [b]
    assert [x.ticket_id for x in app.triage.duplicates(c)][:1] == [d]
    index = DuplicateIndex([])
    assert index.candidates("anything") == []
    full = app.triage.duplicate_index()
    assert full.candidates("") == [] and full.candidates("   \n") == []
    assert full.candidates("Ã©tÃ© ����") is not None
    assert tokens("打印机") == ["打印", "印机"]


def test_set_field_bulk_and_undo(app: AppContext) -> None:
    ids = [new(app, f"Ticket {i}", impact=3) for i in range(3)]
    actions = app.triage.actions
    report = actions.set_field(ids, "impact", 1)
    assert report.message == "Impact set to 1 on 3 tickets." and report.undoable
    assert all(app.tickets.get(t).impact == 1 for t in ids)
    undo = actions.undo()
    assert undo.ok and len(undo.changed) == 3
    assert all(app.tickets.get(t).impact == 3 for t in ids)
    assert actions.undo().message == "Nothing to undo."


def test_undo_refused_after_concurrent_change(app: AppContext) -> None:
    ids = [new(app, f"Ticket {i}") for i in range(2)]
    actions = app.triage.actions
    actions.set_field(ids, "category", "Network")
    app.tickets.update(ids[0], {"category": "Hardware"})  # someone else, meanwhile
    report = actions.undo()
    assert "was changed since (category is now Hardware)" in report.message
    assert app.tickets.get(ids[0]).category == "Hardware"
    assert app.tickets.get(ids[1]).category is None


def test_assign_undo_returns_to_new(app: AppContext) -> None:
    tid = new(app, "Needs an owner")
    app.triage.actions.set_field([tid], "assignee", "operator")
    assert app.tickets.get(tid).status == Status.ASSIGNED.value
    app.triage.actions.undo()
    ticket = app.tickets.get(tid)
    assert ticket.assignee is None and ticket.status == Status.NEW.value


def test_mark_duplicate_resolves_and_notes(app: AppContext) -> None:
    original = new(app, "Scanner jams")
    dup = new(app, "Scanner jams again")
    report = app.triage.actions.mark_duplicate(dup, original)
    assert report.ok
    number = app.tickets.get(original).display_number
    resolved = app.tickets.get(dup)
    assert resolved.status == Status.RESOLVED.value
    assert resolved.resolution_note == f"Duplicate of {number}"
    notes = app.tickets.comments(original)
    assert notes and notes[0].kind == "internal" and resolved.display_number in notes[0].body
    assert not app.triage.actions.mark_duplicate(original, original).ok


def test_duplicate_index_rebuilt_only_when_texts_or_open_set_change(app: AppContext) -> None:
    tid = new(app, "Projector flickers")
    index = app.triage.duplicate_index()
    app.triage.actions.set_field([tid], "impact", 1)
    app.tickets.add_comment(tid, "Looking into it")
    assert app.triage.duplicate_index() is index  # triage edits keep it
    new(app, "Projector flickers in room 2")
    rebuilt = app.triage.duplicate_index()
    assert rebuilt is not index and len(rebuilt) == 2


def test_badges_follow_the_shared_sla_policy_in_force(app: AppContext, clock: ManualClock) -> None:
    p3 = new(app, "Scanner offline", impact=3, urgency=3)  # default policy: response in 4 h
    clock.value += timedelta(minutes=30)
    assert app.triage.items([p3])[p3].badge.level is not WarningLevel.BREACHED
    policy = json.loads(default_policy_json())
    policy["targets"]["P3"] = {"response": "10m", "resolution": "1h"}
    app.shared_config.set("sla_policy", policy)  # e.g. an administrator's change, synced in
    badge = app.triage.items([p3])[p3].badge
    assert badge.level is WarningLevel.BREACHED
    assert badge.text.startswith("breached ")


def test_badge_reads_status_moves_that_carry_a_note(app: AppContext, clock: ManualClock) -> None:
    ticket = new(app, "Printer offline", impact=3, urgency=3)
    clock.value += timedelta(minutes=10)
    app.tickets.update(ticket, {"assignee": "bob"})
    app.tickets.transition(ticket, Status.PENDING, note="Waiting for the requester")
    app.tickets.transition(ticket, Status.IN_PROGRESS)  # the row no longer says pending
    history = TriageQueueRepository(app.db.engine).sla_history([ticket])[ticket]
    moves = [h.new_value for h in history if h.field == "status"]
    assert {"value": "pending", "note": "Waiting for the requester"} in moves
    row = TriageQueueRepository(app.db.engine).rows([ticket])[ticket]
    kinds = [(e.kind, e.status) for e in sla_events(row, history)]
    assert (SlaEventKind.STATUS, Status.PENDING) in kinds
