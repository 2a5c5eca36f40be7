"""A 5x5 priority matrix through the real in-process server: it syncs to every device, a
pushed ticket is checked against it, and the server refuses what would contradict it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from server_helpers import ClientDevice, FakeClock, make_settings, open_api
from sqlalchemy import select

from opexdesk.domain.enums import Role
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.domain.shared_config import PRIORITY_MATRIX, SLA_POLICY
from opexdesk.domain.sla import DEFAULT_POLICY
from opexdesk.domain.ticket import TicketDraft
from opexdesk.server.sync_models import SyncConfig, SyncTicket
from opexdesk.services.ticket_edits import record_outbox
from opexdesk.storage.models import OutboxEntry

FIVE: dict[str, Any] = {
    "impacts": ["Enterprise", "Site", "Department", "Team", "Person"],
    "urgencies": ["Now", "Today", "This week", "This month", "Someday"],
    "priorities": ["Critical", "High", "Medium", "Low", "Planned"],
    "rows": [[(i + u) // 2 for u in range(1, 6)] for i in range(1, 6)],
}
DEFAULT_TARGETS: dict[str, Any] = DEFAULT_POLICY.to_dict()["targets"]  # type: ignore[assignment]
P5_POLICY = {
    **DEFAULT_POLICY.to_dict(),
    "targets": {**DEFAULT_TARGETS, "P5": {"response": "24h", "resolution": "480h"}},
}


@pytest.fixture
def devices(tmp_path: Path) -> Iterator[dict[str, Any]]:
    for api in open_api(make_settings(f"sqlite:///{tmp_path / 'server.sqlite3'}"), FakeClock()):
        api.add_user("root", Role.ADMIN)
        api.add_user("tom", Role.TECHNICIAN)
        found = {name: ClientDevice(tmp_path / name, name, api) for name in ("root", "tom")}
        for device in found.values():
            device.engine.sync_once()  # signed in: the role is known locally
        try:
            yield {**found, "api": api}
        finally:
            for device in found.values():
                device.close()


def queue_raw(device: ClientDevice, entity: str, entity_id: str, op: str, changes: Any) -> str:
    """An outbox row as an older or hostile client would queue it (no local checks)."""
    with device.ctx.db.transaction() as s:
        return record_outbox(s, entity, entity_id, op, changes, device.ctx.clock.now())


def outcome_of(device: ClientDevice, mutation_id: str) -> tuple[str, str]:
    with device.ctx.db.read() as s:
        row = s.scalars(select(OutboxEntry).where(OutboxEntry.mutation_id == mutation_id)).one()
        return row.state, row.outcome or ""


def server_ticket(api: Any, ticket_id: str) -> SyncTicket:
    with api.services.db.read() as s:
        ticket = s.get(SyncTicket, ticket_id)
        assert ticket is not None
        s.expunge(ticket)
        return ticket


def test_a_5x5_matrix_syncs_and_pushed_tickets_are_checked_against_it(
    devices: dict[str, Any],
) -> None:
    root, tom, api = devices["root"], devices["tom"], devices["api"]
    # Under the default matrix the server refuses impact 5, naming the allowed range.
    early = queue_raw(tom, "ticket", "t-early", "create", {"title": "Early", "impact": 5})
    assert tom.engine.sync_once().rejected == 1
    state, reason = outcome_of(tom, early)
    assert "Unknown impact 5; use impact 1 (Extensive) to 4 (Minor)" in reason, (state, reason)

    root.ctx.shared_config.set(SLA_POLICY, P5_POLICY)
    root.ctx.shared_config.set(PRIORITY_MATRIX, FIVE)
    root.engine.sync_once()
    tom.engine.sync_once()
    assert tom.ctx.shared_config.matrix() == PriorityMatrix.from_dict(FIVE)
    assert tom.ctx.shared_config.matrix().to_dict() == FIVE
    created = tom.ctx.tickets.create(TicketDraft(title="Coffee machine", impact=5, urgency=5))
    assert tom.engine.sync_once().rejected == 0
    on_server = server_ticket(api, created.ticket_id)
    assert (on_server.impact, on_server.urgency, on_server.priority) == (5, 5, 5)
    policy = root.ctx.shared_config.sla_policy()
    assert (on_server.response_due_at, on_server.resolution_due_at) == policy.due_times(
        on_server.priority, on_server.created_at
    )
    root.engine.sync_once()
    assert root.ctx.tickets.get(created.ticket_id).priority == 5
    # An edit to impact 4 under the 5x5 matrix: the server derives the same priority.
    tom.ctx.tickets.update(created.ticket_id, {"impact": 4})
    tom.engine.sync_once()
    assert server_ticket(api, created.ticket_id).priority == FIVE["rows"][3][4]


def test_the_server_refuses_what_would_contradict_the_matrix_in_force(
    devices: dict[str, Any],
) -> None:
    root, tom, api = devices["root"], devices["tom"], devices["api"]
    # A 5-priority matrix while the policy has no P5 target: refused by the server too.
    no_target = queue_raw(root, "config", PRIORITY_MATRIX, "set", {"value": FIVE})
    assert root.engine.sync_once().rejected == 1
    assert "add the target to the SLA policy first" in outcome_of(root, no_target)[1]

    root.ctx.shared_config.set(SLA_POLICY, P5_POLICY)
    root.ctx.shared_config.set(PRIORITY_MATRIX, FIVE)
    root.engine.sync_once()
    tom.engine.sync_once()
    created = tom.ctx.tickets.create(TicketDraft(title="Coffee machine", impact=5, urgency=1))
    tom.engine.sync_once()
    # root has not pulled the ticket: its own check passes, the server's must not.
    shrink = queue_raw(
        root, "config", PRIORITY_MATRIX, "set", {"value": PriorityMatrix().to_dict()}
    )
    drop_target = queue_raw(root, "config", SLA_POLICY, "set", {"value": DEFAULT_POLICY.to_dict()})
    assert root.engine.sync_once().rejected == 2
    assert "1 ticket has impact 5 (Person); 1 of them open" in outcome_of(root, shrink)[1]
    assert "keep the target" in outcome_of(root, drop_target)[1]
    assert server_ticket(api, created.ticket_id).impact == 5
    assert root.ctx.shared_config.matrix().to_dict() == FIVE  # still in force here too
    # Once no ticket carries the fifth levels, the smaller matrix is accepted everywhere.
    tom.ctx.tickets.update(created.ticket_id, {"impact": 2})
    tom.engine.sync_once()
    root.engine.sync_once()
    root.ctx.shared_config.set_matrix(PriorityMatrix())
    assert root.engine.sync_once().rejected == 0
    tom.engine.sync_once()
    assert tom.ctx.shared_config.matrix() == PriorityMatrix()
    late = queue_raw(tom, "ticket", created.ticket_id, "update", {"urgency": {"base": 1, "new": 5}})
    assert tom.engine.sync_once().rejected == 1
    assert "Unknown urgency 5; use urgency 1 (Critical) to 4 (Low)" in outcome_of(tom, late)[1]


def test_an_older_stored_matrix_leaving_a_priority_unused_counts_as_the_default(
    devices: dict[str, Any],
) -> None:
    """Earlier versions accepted a 4x4 matrix that never gives P1; pushes keep working."""
    tom, api = devices["tom"], devices["api"]
    with api.services.db.write() as s:
        s.add(
            SyncConfig(
                id=PRIORITY_MATRIX,
                value={"rows": [[2, 2, 2, 3], [2, 2, 3, 3], [2, 3, 3, 4], [3, 3, 4, 4]]},
                updated_by="root",
                updated_at=api.clock.now,
                server_seq=0,
            )
        )
    created = tom.ctx.tickets.create(TicketDraft(title="Site down", impact=1, urgency=1))
    assert tom.engine.sync_once().rejected == 0
    assert server_ticket(api, created.ticket_id).priority == 1  # the default's cell
