"""Conflict resolution by a new mutation, role rules on pushed edits, and ticket deletion
with tombstones: real client databases synced through the in-process server app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from server_helpers import ClientDevice, FakeClock, make_settings, open_api
from sqlalchemy import func, select

from opexdesk.domain.enums import Role
from opexdesk.domain.errors import ValidationError
from opexdesk.domain.ticket import TicketDraft
from opexdesk.server.sync_models import SyncConflict, SyncTicket, SyncTombstone
from opexdesk.services.conflicts import ConflictItem, ConflictService
from opexdesk.services.sync.engine import SyncProgress
from opexdesk.storage.models import Comment, OutboxEntry, Tombstone
from opexdesk.storage.sync_models import SYNC_STATE_ID, SyncState


class Device(ClientDevice):
    """A device that can also resolve conflicts and show its outbox."""

    def __init__(self, base: Path, user: str, api: Any) -> None:
        super().__init__(base, user, api)
        self.conflicts = ConflictService(self.ctx.db, self.ctx.notifier, user, self.ctx.clock)

    def pending(self) -> list[SimpleNamespace]:
        """The outbox rows still here: entity, state and stored outcome."""
        with self.ctx.db.read() as s:
            rows = s.scalars(select(OutboxEntry).order_by(OutboxEntry.client_seq))
            return [
                SimpleNamespace(entity=r.entity, state=r.state, outcome=r.outcome) for r in rows
            ]


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Any, dict[str, Device]]]:
    settings = make_settings(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    for api in open_api(settings, FakeClock()):
        api.add_user("alice", Role.TECHNICIAN)
        api.add_user("bob", Role.TECHNICIAN)
        api.add_user("olga", Role.OPERATOR)
        devices = {
            "alice": Device(tmp_path / "alice", "alice", api),
            "bob": Device(tmp_path / "bob", "bob", api),
            "bob2": Device(tmp_path / "bob2", "bob", api),
            "olga": Device(tmp_path / "olga", "olga", api),
        }
        try:
            yield api, devices
        finally:
            for device in devices.values():
                device.close()


def _quiet_down(devices: dict[str, Device]) -> None:
    """Everyone syncs twice: the second round brings what others sent in the first."""
    for _ in range(2):
        for device in devices.values():
            device.sync()


def _shared_ticket(devices: dict[str, Device], **fields: Any) -> str:
    change = devices["alice"].ctx.tickets.create(TicketDraft(title="Printer jams", **fields))
    for device in devices.values():
        device.sync()
    return change.ticket_id


def _title_conflict(devices: dict[str, Device]) -> tuple[str, ConflictItem]:
    ticket_id = _shared_ticket(devices)
    devices["alice"].ctx.tickets.update(ticket_id, {"title": "Printer jams on tray 2"})
    devices["bob"].ctx.tickets.update(ticket_id, {"title": "Printer 打印机 jams"})
    devices["alice"].sync()
    devices["bob"].sync()
    [item] = devices["bob"].conflicts.open_conflicts()
    assert item.field == "title" and item.can_use_mine
    assert (item.local, item.server, item.current) == (
        "Printer 打印机 jams",
        "Printer jams on tray 2",
        "Printer jams on tray 2",
    )
    return ticket_id, item


def test_use_mine_is_a_new_edit_that_reaches_everyone(world) -> None:
    api, devices = world
    ticket_id, conflict = _title_conflict(devices)
    devices["bob2"].sync()
    assert devices["bob2"].conflicts.open_count() == 1  # synced to all of bob's devices

    devices["bob"].conflicts.resolve(conflict.id, "local")
    # Applied locally at once and kept over a pull until it is sent.
    assert devices["bob"].ticket(ticket_id).title == "Printer 打印机 jams"
    devices["bob"].engine.pull()
    assert devices["bob"].ticket(ticket_id).title == "Printer 打印机 jams"
    assert devices["bob"].conflicts.open_count() == 0

    _quiet_down(devices)
    for device in devices.values():
        assert device.ticket(ticket_id).title == "Printer 打印机 jams"
    assert devices["bob2"].conflicts.open_count() == 0
    with api.services.db.read() as s:
        stored = s.get(SyncConflict, conflict.id)
        assert stored.resolution == "local" and stored.resolved_at is not None


def test_keep_theirs_only_closes_the_conflict(world) -> None:
    _api, devices = world
    ticket_id, conflict = _title_conflict(devices)
    devices["bob"].conflicts.resolve(conflict.id, "server")
    assert [e.entity for e in devices["bob"].pending()] == ["conflict"]
    for device in devices.values():
        device.sync()
    for device in devices.values():
        assert device.ticket(ticket_id).title == "Printer jams on tray 2"
        assert device.conflicts.open_count() == 0


def test_a_hand_merged_description_is_applied(world) -> None:
    _api, devices = world
    ticket_id = _shared_ticket(devices)
    devices["alice"].ctx.tickets.update(ticket_id, {"description": "Paper jams in tray 2."})
    devices["bob"].ctx.tickets.update(ticket_id, {"description": "卡纸 in the rear unit."})
    devices["alice"].sync()
    devices["bob"].sync()
    [item] = devices["bob"].conflicts.open_conflicts()
    assert item.field == "description"
    devices["bob"].conflicts.resolve(item.id, "custom", "Paper jams in tray 2 and 卡纸 rear.")
    _quiet_down(devices)
    for device in devices.values():
        assert device.ticket(ticket_id).description == "Paper jams in tray 2 and 卡纸 rear."


def test_a_second_decision_from_another_device_is_still_applied(world) -> None:
    _api, devices = world
    ticket_id, conflict = _title_conflict(devices)
    devices["bob2"].sync()
    devices["bob2"].conflicts.resolve(conflict.id, "server")
    devices["bob2"].sync()
    devices["bob"].conflicts.resolve(conflict.id, "local")  # decided offline meanwhile
    devices["bob"].sync()
    devices["bob2"].sync()
    assert devices["bob2"].ticket(ticket_id).title == "Printer 打印机 jams"
    outcome = devices["bob"].pending()
    assert outcome == []  # acknowledged and dropped after the pull


def test_bad_resolutions_are_refused_with_a_reason(world) -> None:
    _api, devices = world
    _ticket_id, conflict = _title_conflict(devices)
    service = devices["bob"].conflicts
    with pytest.raises(ValidationError, match="Unknown choice"):
        service.resolve(conflict.id, "both")
    with pytest.raises(ValidationError, match="no conflict"):
        service.resolve("no-such-id", "server")
    with pytest.raises(ValidationError):
        service.resolve(conflict.id, "custom", "")  # an empty title is not a title
    assert service.open_count() == 1 and devices["bob"].pending() == []
    service.resolve(conflict.id, "server")
    with pytest.raises(ValidationError, match="already resolved"):
        service.resolve(conflict.id, "local")


def test_a_technician_cannot_reassign_a_colleagues_ticket(world) -> None:
    api, devices = world
    ticket_id = _shared_ticket(devices, assignee="alice")
    devices["bob"].ctx.tickets.update(ticket_id, {"assignee": "bob", "urgency": 1})
    devices["bob"].sync()
    with api.services.db.read() as s:
        stored = s.get(SyncTicket, ticket_id)
        assert stored.assignee == "alice" and stored.urgency == 1  # the rest applied
    [item] = devices["bob"].conflicts.open_conflicts()
    assert item.rule == "permission" and "operator" in (item.reason or "")
    # The operator may dispatch it.
    devices["olga"].sync()
    devices["olga"].ctx.tickets.update(ticket_id, {"assignee": "bob"})
    devices["olga"].sync()
    with api.services.db.read() as s:
        assert s.get(SyncTicket, ticket_id).assignee == "bob"


def test_a_deletion_reaches_every_replica_and_late_edits_become_conflicts(world) -> None:
    api, devices = world
    ticket_id = _shared_ticket(devices)
    devices["alice"].ctx.tickets.add_comment(ticket_id, "Tried another tray", "public")
    devices["alice"].sync()
    devices["bob"].ctx.tickets.log_work(ticket_id, 15, "on site")  # offline, meanwhile
    devices["olga"].sync()
    devices["olga"].ctx.tickets.delete(ticket_id, "duplicate of #1")
    assert devices["olga"].ticket(ticket_id) is None
    devices["olga"].sync()
    for device in devices.values():
        device.sync()
    for device in devices.values():
        assert device.ticket(ticket_id) is None
        with device.ctx.db.read() as s:
            assert s.get(Tombstone, ("ticket", ticket_id)) is not None
            assert s.scalar(select(func.count()).select_from(Comment)) == 0
    with api.services.db.read() as s:
        assert s.get(SyncTicket, ticket_id) is None
        assert s.get(SyncTombstone, ticket_id).reason == "duplicate of #1"
    # Bob's work log was not silently dropped: it is in a conflict record.
    [item] = devices["bob"].conflicts.open_conflicts()
    assert item.rule == "ticket_missing" and not item.can_use_mine
    assert item.local["minutes"] == 15


def test_a_technician_cannot_delete_once_the_role_is_known(world) -> None:
    _api, devices = world
    ticket_id = _shared_ticket(devices)  # the sync stored the signed-in role
    with devices["bob"].ctx.db.read() as s:
        assert s.get(SyncState, SYNC_STATE_ID).role == "technician"
    with pytest.raises(ValidationError, match="operator or an admin"):
        devices["bob"].ctx.tickets.delete(ticket_id)
    assert devices["bob"].ticket(ticket_id) is not None and devices["bob"].pending() == []


def test_a_deletion_the_server_refuses_brings_the_ticket_back(world) -> None:
    _api, devices = world
    ticket_id = _shared_ticket(devices)
    devices["alice"].ctx.tickets.add_comment(ticket_id, "kept", "internal")
    devices["alice"].sync()
    devices["bob"].sync()
    with devices["bob"].ctx.db.transaction() as s:
        s.get(SyncState, SYNC_STATE_ID).role = None  # e.g. signed in with an older server
    devices["bob"].ctx.tickets.delete(ticket_id)
    devices["bob"].sync()
    [row] = devices["bob"].pending()
    assert row.state == "rejected" and "operator or an admin" in row.outcome
    restored = devices["bob"].ticket(ticket_id)
    assert restored is not None and restored.title == "Printer jams"
    with devices["bob"].ctx.db.read() as s:
        assert s.get(Tombstone, ("ticket", ticket_id)) is None
        assert s.scalar(select(func.count()).select_from(Comment)) == 1


def test_progress_is_reported_for_both_phases(world) -> None:
    _api, devices = world
    for n in range(30):
        devices["alice"].ctx.tickets.create(TicketDraft(title=f"Ticket {n}"))
    seen: list[SyncProgress] = []
    devices["alice"].engine.sync_once(seen.append)
    assert seen[0].phase == "push" and seen[0].done == seen[0].total == 30
    fresh = devices["olga"]
    pulls: list[SyncProgress] = []
    fresh.engine._download._page = 7  # type: ignore[union-attr]
    fresh.engine.sync_once(pulls.append)
    assert "push" not in {p.phase for p in pulls}  # nothing to push on a new device
    downloads = [p for p in pulls if p.phase == "download"]  # the working set, in tickets
    done = [p.done for p in downloads]
    assert done == sorted(done) and len(done) >= 5
    assert downloads[-1].done == downloads[-1].total == 30
