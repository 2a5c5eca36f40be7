"""A priority set by hand, with a reason: locally, on the server, and on every device."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from server_helpers import ClientDevice as Device
from server_helpers import FakeClock, make_settings, open_api
from sqlalchemy import func, select

from opexdesk.domain.enums import Role
from opexdesk.domain.errors import ValidationError
from opexdesk.domain.ticket import TicketDraft
from opexdesk.storage.models import AuditEvent, OutboxEntry


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Device, Device]]:
    for api in open_api(make_settings(f"sqlite:///{tmp_path / 'server.sqlite3'}"), FakeClock()):
        api.add_user("olga", Role.OPERATOR)
        api.add_user("tom", Role.TECHNICIAN)
        a, b = Device(tmp_path / "olga", "olga", api), Device(tmp_path / "tom", "tom", api)
        try:
            yield a, b
        finally:
            a.close()
            b.close()


def test_override_is_audited_locked_and_synced(pair: tuple[Device, Device]) -> None:
    a, b = pair
    tid = a.ctx.tickets.create(TicketDraft(title="CEO laptop", impact=4, urgency=4)).ticket_id
    assert a.ticket(tid).priority == 4
    a.ctx.tickets.override_priority(tid, 1, "  The CEO   presents in an hour ")
    local = a.ticket(tid)
    assert (local.priority, local.priority_override_reason) == (1, "The CEO presents in an hour")
    # Locked: impact and urgency no longer move it.
    a.ctx.tickets.update(tid, {"impact": 3})
    assert a.ticket(tid).priority == 1
    with a.ctx.db.read() as s:
        audited = {
            e.field for e in s.scalars(select(AuditEvent).where(AuditEvent.ticket_id == tid))
        }
        ops = [o.op for o in s.scalars(select(OutboxEntry).order_by(OutboxEntry.client_seq))]
    assert {"priority", "priority_override_reason"} <= audited
    assert ops == ["create", "override", "update"]
    a.engine.sync_once()
    b.engine.sync_once()
    seen = b.ticket(tid)
    assert (seen.priority, seen.priority_override_reason, seen.impact) == (
        1,
        "The CEO presents in an hour",
        3,
    )
    # The other device edits impact: the server keeps the override too.
    b.ctx.tickets.update(tid, {"urgency": 3})
    b.engine.sync_once()
    a.engine.sync_once()
    assert a.ticket(tid).priority == 1 and a.ticket(tid).urgency == 3
    # Back to derived, everywhere.
    a.ctx.tickets.override_priority(tid, None)
    assert (a.ticket(tid).priority, a.ticket(tid).priority_override_reason) == (3, None)
    a.engine.sync_once()
    b.engine.sync_once()
    assert (b.ticket(tid).priority, b.ticket(tid).priority_override_reason) == (3, None)


@pytest.mark.parametrize(
    ("priority", "reason", "field"),
    [(1, "", "reason"), (1, "   ", "reason"), (1, "a\x00b", "reason"), (7, "why", "priority")],
)
def test_bad_overrides_are_refused_and_nothing_is_written(
    pair: tuple[Device, Device], priority: int, reason: str, field: str
) -> None:
    a, _b = pair
    tid = a.ctx.tickets.create(TicketDraft(title="Printer")).ticket_id
    with a.ctx.db.read() as s:
        before = s.scalar(select(func.count()).select_from(OutboxEntry))
    with pytest.raises(ValidationError) as raised:
        a.ctx.tickets.override_priority(tid, priority, reason)
    assert raised.value.field == field and str(raised.value)
    with a.ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxEntry)) == before
    assert a.ticket(tid).priority_override_reason is None


def test_the_server_refuses_a_bad_override_alone(pair: tuple[Device, Device]) -> None:
    """A hostile or old client sends an override without a reason: rejected with a reason,
    the rest of its batch applies."""
    a, _b = pair
    tid = a.ctx.tickets.create(TicketDraft(title="Printer")).ticket_id
    a.engine.sync_once()
    with a.ctx.db.transaction() as s:  # client_seq from the table's AUTOINCREMENT
        s.add(
            OutboxEntry(
                mutation_id="m-bad-override",
                entity="ticket",
                entity_id=tid,
                op="override",
                changes={"priority": 1, "reason": "", "base": 3},
                created_at=a.ctx.clock.now(),
                state="pending",
            )
        )
    a.ctx.tickets.add_comment(tid, "still here")
    report = a.engine.sync_once()
    assert (report.rejected, report.acknowledged) == (1, 1)
    assert a.ticket(tid).priority == 3
