"""One user action = one transaction: a failure at any write leaves nothing behind."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from opexdesk.app import build_context
from opexdesk.domain.errors import ValidationError
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.tickets import TicketService
from opexdesk.storage.models import AuditEvent, Comment, OutboxEntry, Ticket


def counts(ctx) -> tuple[int, int, int, int]:
    with ctx.db.read() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(m))
            for m in (Ticket, Comment, AuditEvent, OutboxEntry)
        )


@pytest.fixture
def ctx(tmp_path: Path):
    context = build_context(AppPaths.under(tmp_path), username="tester")
    yield context
    context.close()


def test_failure_in_audit_write_rolls_back_the_ticket(ctx, monkeypatch) -> None:
    before = counts(ctx)

    def broken_audit(self, *args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(TicketService, "_audit", broken_audit)
    with pytest.raises(RuntimeError):
        ctx.tickets.create(TicketDraft(title="Printer jam"))
    assert counts(ctx) == before


def test_failure_in_outbox_write_rolls_back_the_edit(ctx, monkeypatch) -> None:
    change = ctx.tickets.create(TicketDraft(title="Printer jam"))
    before = counts(ctx)
    original = ctx.tickets.get(change.ticket_id)

    def broken_outbox(self, *args, **kwargs):
        raise RuntimeError("crash between row and outbox")

    monkeypatch.setattr(TicketService, "_outbox", broken_outbox)
    with pytest.raises(RuntimeError):
        ctx.tickets.update(change.ticket_id, {"title": "Changed", "impact": 1})
    assert counts(ctx) == before
    assert ctx.tickets.get(change.ticket_id) == original


def test_each_operation_writes_row_audit_and_outbox_together(ctx) -> None:
    t = ctx.tickets.create(TicketDraft(title="VPN 断线", site="上海办公室"))
    assert counts(ctx) == (1, 0, 1, 1)
    ctx.tickets.update(t.ticket_id, {"title": "VPN 断线 every hour", "urgency": 1})
    # One outbox entry for the action; one audit event per changed field
    # (title, urgency, and the derived priority and due times).
    with ctx.db.read() as s:
        outbox = s.scalars(select(OutboxEntry).order_by(OutboxEntry.client_seq)).all()
        assert [o.op for o in outbox] == ["create", "update"]
        assert outbox[1].changes["title"] == {"base": "VPN 断线", "new": "VPN 断线 every hour"}
        audit = s.scalars(
            select(AuditEvent).where(AuditEvent.mutation_id == outbox[1].mutation_id)
        ).all()
        assert {a.field for a in audit} >= {"title", "urgency", "priority"}
    ctx.tickets.add_comment(t.ticket_id, "已处理", "public")
    assert counts(ctx)[1:] == (1, len(audit) + 2, 3)


def test_invalid_edit_writes_nothing(ctx) -> None:
    t = ctx.tickets.create(TicketDraft(title="Laptop will not boot"))
    before = counts(ctx)
    with pytest.raises(ValidationError, match="title is empty"):
        ctx.tickets.update(t.ticket_id, {"title": "  ", "site": "Berlin"})
    with pytest.raises(ValidationError, match="cannot be edited here: status"):
        ctx.tickets.update(t.ticket_id, {"status": "closed"})
    assert counts(ctx) == before
    assert ctx.tickets.get(t.ticket_id).site is None


def test_client_seq_strictly_increases_even_after_rows_are_dropped(ctx) -> None:
    t = ctx.tickets.create(TicketDraft(title="one"))
    ctx.tickets.update(t.ticket_id, {"title": "two"})
    with ctx.db.transaction() as s:
        seqs = s.scalars(select(OutboxEntry.client_seq)).all()
        for row in s.scalars(select(OutboxEntry)).all():
            s.delete(row)  # as if acknowledged by the server
    ctx.tickets.update(t.ticket_id, {"title": "three"})
    with ctx.db.read() as s:
        assert s.scalar(select(func.min(OutboxEntry.client_seq))) > max(seqs)
