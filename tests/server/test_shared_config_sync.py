"""Shared settings (the priority matrix): set by an administrator, used everywhere."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from server_helpers import ClientDevice, FakeClock, make_settings, open_api

from opexdesk.domain.enums import Priority, Role
from opexdesk.domain.errors import ValidationError
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.domain.shared_config import PRIORITY_MATRIX
from opexdesk.domain.ticket import TicketDraft
from opexdesk.services.sync.pull_apply import CONFIG_PREFIX
from opexdesk.storage import settings_repo

# Stricter than the default: everything with extensive impact is P1.
STRICT = {"rows": [[1, 1, 1, 1], [1, 2, 2, 3], [2, 3, 3, 4], [3, 3, 4, 4]]}


class Device(ClientDevice):
    def priority(self, ticket_id: str) -> int:
        return self.ctx.tickets.get(ticket_id).priority


@pytest.fixture
def devices(tmp_path: Path) -> Iterator[dict[str, Device]]:
    for api in open_api(make_settings(f"sqlite:///{tmp_path / 'server.sqlite3'}"), FakeClock()):
        api.add_user("root", Role.ADMIN)
        api.add_user("tom", Role.TECHNICIAN)
        found = {name: Device(tmp_path / name, name, api) for name in ("root", "tom")}
        for device in found.values():
            device.engine.sync_once()  # signed in: the role is known locally
        try:
            yield found
        finally:
            for device in found.values():
                device.close()


def test_an_admins_matrix_reaches_every_device_and_the_server(devices: dict[str, Device]) -> None:
    root, tom = devices["root"], devices["tom"]
    root.ctx.shared_config.set_matrix(PriorityMatrix.from_dict(STRICT))
    # Applies at once here, before any sync.
    mine = root.ctx.tickets.create(TicketDraft(title="Site down", impact=1, urgency=4)).ticket_id
    assert root.priority(mine) == 1
    root.engine.sync_once()
    tom.engine.sync_once()
    assert tom.ctx.shared_config.matrix().to_dict() == STRICT
    theirs = tom.ctx.tickets.create(TicketDraft(title="Mail slow", impact=1, urgency=3))
    assert tom.priority(theirs.ticket_id) == 1  # the default matrix would say P2
    tom.engine.sync_once()
    root.engine.sync_once()
    assert root.priority(theirs.ticket_id) == 1  # the server derived the same


def test_only_an_admin_may_change_it_and_bad_matrices_are_refused(
    devices: dict[str, Device],
) -> None:
    tom, root = devices["tom"], devices["root"]
    with pytest.raises(ValidationError, match="Only an administrator"):
        tom.ctx.shared_config.set_matrix(PriorityMatrix.from_dict(STRICT))
    for bad, words in (
        ({"rows": [[1, 1, 1]]}, "4 rows"),
        ({"rows": [[4, 1, 2, 3], [1, 2, 3, 3], [2, 3, 3, 4], [3, 3, 4, 4]]}, "cannot wait"),
        ({"rows": [[1, 1, 2, 9], [1, 2, 3, 3], [2, 3, 3, 4], [3, 3, 4, 4]]}, "unknown priority"),
        ({"cells": []}, "nothing else"),
    ):
        with pytest.raises(ValidationError, match=words):
            root.ctx.shared_config.set(PRIORITY_MATRIX, bad)
    with pytest.raises(ValidationError, match="Unknown setting"):
        root.ctx.shared_config.set("colour", "blue")
    assert root.ctx.shared_config.matrix() == PriorityMatrix()  # nothing half-written


def test_the_server_refuses_a_technicians_setting_and_a_broken_stored_value_falls_back(
    devices: dict[str, Device],
) -> None:
    tom = devices["tom"]
    # An old or hostile client queues a setting anyway: the server rejects it with a reason.
    with tom.ctx.db.transaction() as s:
        from opexdesk.services.ticket_edits import record_outbox

        record_outbox(s, "config", PRIORITY_MATRIX, "set", {"value": STRICT}, tom.ctx.clock.now())
    report = tom.engine.sync_once()
    assert report.rejected == 1
    # A value this version cannot read (say, written by a newer one) is not fatal.
    with tom.ctx.db.transaction() as s:
        settings_repo.put(s, CONFIG_PREFIX + PRIORITY_MATRIX, json.dumps({"rows": "??"}))
    assert tom.ctx.shared_config.matrix() == PriorityMatrix()


OFFICE = {
    "name": "Berlin office",
    "calendar": {
        "name": "Berlin",
        "time_zone": "Europe/Berlin",
        "hours": {d: ["09:00-17:00"] for d in ("mon", "tue", "wed", "thu", "fri")},
        "holidays": [],
    },
    "targets": {
        "P1": {"response": "15m", "resolution": "4h"},
        "P2": {"response": "1h", "resolution": "8h"},
        "P3": {"response": "4h", "resolution": "24h"},
        "P4": {"response": "8h", "resolution": "80h"},
    },
}


def test_an_office_hours_policy_sets_due_times_the_same_everywhere(
    devices: dict[str, Device],
) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    root, tom = devices["root"], devices["tom"]
    root.ctx.shared_config.set("sla_policy", OFFICE)
    root.engine.sync_once()
    tom.engine.sync_once()
    assert tom.ctx.shared_config.sla_policy().calendar.time_zone == "Europe/Berlin"
    created = tom.ctx.tickets.create(TicketDraft(title="Printer", impact=3, urgency=3))
    local = tom.ctx.tickets.get(created.ticket_id)
    # P3 response: 4 business hours, counted only 09:00-17:00 on weekdays in Berlin.
    expected = tom.ctx.shared_config.sla_policy().due_times(
        Priority(local.priority), local.created_at
    )
    assert local.response_due_at == expected[0]
    berlin = local.response_due_at.astimezone(ZoneInfo("Europe/Berlin"))
    assert berlin.weekday() < 5 and 9 <= berlin.hour <= 17
    tom.engine.sync_once()
    root.engine.sync_once()
    on_server_side = root.ctx.tickets.get(created.ticket_id)
    # The server derived its own due times from the same policy (created_at capped to its
    # clock, so compare through the policy rather than to the client's numbers).
    server_policy = root.ctx.shared_config.sla_policy()
    assert (on_server_side.response_due_at, on_server_side.resolution_due_at) == (
        server_policy.due_times(Priority(on_server_side.priority), on_server_side.created_at)
    )
    assert isinstance(on_server_side.created_at, datetime)
