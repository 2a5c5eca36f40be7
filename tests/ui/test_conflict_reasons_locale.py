"""Why the central store set a change aside, in the user's language: a REAL
``opexdesk-server`` process, an operator's device and two devices of a technician.

The operator deletes one ticket and moves two others while the technician, offline, edits
them. The server keeps the reasons (English text, template, arguments) on the conflict
records; both of the technician's devices pull them, and the conflicts view shows them in
Chinese under the Chinese catalogue, in English as before under English. A refused status
move comes back as a rejected outcome with its template too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from real_server import create_users, serving
from sqlalchemy import select

from opexdesk.app import AppContext, build_context
from opexdesk.domain.enums import Status
from opexdesk.domain.kept_messages import KeptMessage
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.sync.api import SyncApi
from opexdesk.services.sync.engine import SyncEngine
from opexdesk.storage.models import OutboxEntry
from opexdesk.storage.sync_models import Conflict
from opexdesk.ui.i18n import shown_text, vocabulary
from opexdesk.ui.sync.conflicts_view import ConflictsDialog

PASSWORDS = {"alice": "alice password 1", "olga": "olga password 22"}
HAN = re.compile(r"[\u4e00-\u9fff]")
MISSING = (
    "The ticket {0} does not exist on the server (deleted?); your change is kept in a "
    "conflict record."
)
NEEDS_ASSIGNEE = "A ticket that is In progress needs an assignee; reassign it instead."
CLOSED_MOVE = "Closed tickets are final; open a follow-up ticket instead. (it is now Closed)"


class Device:
    """One desktop database signed in to the server."""

    def __init__(self, base: Path, user: str, server_url: str) -> None:
        self.ctx: AppContext = build_context(AppPaths.under(base), username=user)
        self.api = SyncApi(server_url)
        self.api.login(user, PASSWORDS[user])
        self.engine = SyncEngine(self.ctx.db, self.api, self.ctx.clock, blobs=self.ctx.blobs)

    def sync(self) -> None:
        self.engine.sync_once()

    def close(self) -> None:
        self.api.close()
        self.ctx.close()


@dataclass
class Scenario:
    laptop: Device  # the technician's device that made the edits
    desktop: Device  # the technician's other device: learns of the conflicts by pulling
    deleted_id: str
    moved_id: str
    closed_id: str


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    tmp = tmp_path_factory.mktemp("server")
    with serving(tmp, {"alice": PASSWORDS["alice"]}) as url:
        create_users(f"sqlite:///{tmp / 'server.sqlite3'}", {"olga": PASSWORDS["olga"]}, "operator")
        base = tmp_path_factory.mktemp("devices")
        olga = Device(base / "olga", "olga", url)
        laptop = Device(base / "laptop", "alice", url)
        desktop = Device(base / "desktop", "alice", url)
        try:
            yield _play(olga, laptop, desktop)
        finally:
            for device in (olga, laptop, desktop):
                device.close()


def _play(olga: Device, laptop: Device, desktop: Device) -> Scenario:
    tickets = olga.ctx.tickets
    deleted = tickets.create(TicketDraft(title="Duplicate printer ticket", requester="carol"))
    moved = tickets.create(TicketDraft(title="VPN drops", requester="dave", assignee="alice"))
    closed = tickets.create(TicketDraft(title="Mouse broken", requester="erin", assignee="alice"))
    olga.sync()
    laptop.sync()
    # The operator, online: deletes one ticket, starts one, resolves and closes the other.
    tickets.delete(deleted.ticket_id, "entered twice")
    tickets.transition(moved.ticket_id, Status.IN_PROGRESS)
    tickets.transition(closed.ticket_id, Status.IN_PROGRESS)
    tickets.transition(closed.ticket_id, Status.RESOLVED, "replaced the mouse")
    tickets.transition(closed.ticket_id, Status.CLOSED)
    olga.sync()
    # The technician, offline meanwhile, on what the laptop had.
    mine = laptop.ctx.tickets
    mine.update(deleted.ticket_id, {"title": "Printer ticket (mine)"})
    mine.update(moved.ticket_id, {"assignee": None})
    mine.transition(closed.ticket_id, Status.IN_PROGRESS)
    laptop.sync()
    desktop.sync()
    return Scenario(laptop, desktop, deleted.ticket_id, moved.ticket_id, closed.ticket_id)


def reasons(qtbot, device: Device) -> dict[str, str]:  # noqa: ANN001
    """The reason the conflicts view shows, by rule."""
    dialog = ConflictsDialog(device.ctx.sync.conflicts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    shown: dict[str, str] = {}
    for row in range(dialog.list.count()):
        dialog.list.setCurrentRow(row)
        item = dialog.current()
        assert item is not None and dialog.reason_label.isVisible()
        shown[item.rule] = dialog.reason_label.text()
    dialog.close()
    return shown


def rejected_reason(device: Device, ticket_id: str) -> KeptMessage:
    with device.ctx.db.read() as s:
        row = s.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == ticket_id)).one()
        assert row.state == "rejected"
        kept = KeptMessage.from_fields(json.loads(row.outcome or "{}"))
    assert kept is not None
    return kept


def test_the_server_keeps_the_reasons_template_on_every_device(scenario: Scenario) -> None:
    for device in (scenario.laptop, scenario.desktop):
        with device.ctx.db.read() as s:
            rows = {
                c.rule: (c.reason, c.reason_template, c.reason_params)
                for c in s.scalars(select(Conflict))
            }
        assert rows == {
            "ticket_missing": (
                MISSING.format(scenario.deleted_id),
                MISSING.replace("{0}", "{ticket_id}"),
                {"ticket_id": scenario.deleted_id},
            ),
            "workflow": (
                NEEDS_ASSIGNEE,
                "A ticket that is {status} needs an assignee; reassign it instead.",
                {"status": {"$term": "In progress"}},
            ),
        }


def test_conflict_reasons_in_english_as_before(
    qtbot,  # noqa: ANN001
    scenario: Scenario,
    english: QApplication,
) -> None:
    for device in (scenario.laptop, scenario.desktop):
        assert reasons(qtbot, device) == {
            "ticket_missing": MISSING.format(scenario.deleted_id),
            "workflow": NEEDS_ASSIGNEE,
        }
    refused = rejected_reason(scenario.laptop, scenario.closed_id)
    assert refused.text == CLOSED_MOVE
    assert shown_text(refused) == CLOSED_MOVE


def test_conflict_reasons_in_chinese(
    qtbot,  # noqa: ANN001
    scenario: Scenario,
    chinese: QApplication,
) -> None:
    for device in (scenario.laptop, scenario.desktop):
        shown = reasons(qtbot, device)
        missing = shown["ticket_missing"]
        assert missing == (
            f"服务器上不存在工单 {scenario.deleted_id}（已被删除？）；"
            "您的更改已保存在一条冲突记录中。"
        )
        workflow = shown["workflow"]
        assert vocabulary("In progress") in workflow and "In progress" not in workflow
        assert HAN.search(workflow) and "assignee" not in workflow
    # The rejected move: the workflow's refusal inside "(it is now Closed)", both translated.
    refused = shown_text(rejected_reason(scenario.laptop, scenario.closed_id))
    assert refused.startswith("已关闭的工单不能再更改") and vocabulary("Closed") in refused
    assert not re.search(r"[A-Za-z]{3,}", refused), refused
