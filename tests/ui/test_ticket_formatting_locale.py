"""The ticket editor's shared texts (opexdesk.ui.tickets.formatting) follow the language:
SLA lines, history lines, field and status names, dates and durations are Chinese with the
Chinese catalogue installed and English without it. Screenshot: artifacts/zh_editor.png."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from helpers_detail import make_ticket
from PySide6.QtWidgets import QApplication
from test_language_switch import clipped, missing_glyphs

from opexdesk.app import AppContext
from opexdesk.domain.enums import CommentKind, Status
from opexdesk.services.ticket_views import HistoryEntry, TicketDetail
from opexdesk.ui.i18n import ENGLISH, install_language
from opexdesk.ui.tickets.detail_pane import TicketDetailPane
from opexdesk.ui.tickets.formatting import (
    duration_text,
    field_label,
    history_what,
    local_time,
    sla_text,
    status_text,
    value_text,
)

NOW = datetime(2026, 12, 6, 13, 58, tzinfo=UTC)
HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def detail(**changes: object) -> TicketDetail:
    """An open ticket: response due in an hour, resolution due in three days."""
    base = TicketDetail(
        id="0190f0f0-0000-7000-8000-000000000001",
        local_id=1,
        display_number="L-000001",
        title="Printer jams on tray 2",
        description="",
        requester=None,
        site=None,
        category=None,
        impact=3,
        urgency=3,
        priority=3,
        priority_override_reason=None,
        status=Status.ASSIGNED,
        assignee="alice",
        group_name=None,
        created_by="tester",
        created_at=NOW - timedelta(hours=1),
        updated_at=NOW,
        first_response_at=None,
        resolved_at=None,
        closed_at=None,
        response_due_at=NOW + timedelta(hours=1),
        resolution_due_at=NOW + timedelta(days=3),
        resolution_note=None,
        version=1,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def entry(action: str, field: str | None, old: object, new: object) -> HistoryEntry:
    return HistoryEntry(
        NOW, "tester", "0190f0f0-0000-7000-8000-0000deadbeef", action, field, old, new
    )


STATUS_CHANGE = entry(
    "status_changed", "status", "assigned", {"value": "resolved", "note": "Fixed"}
)
URGENCY_CHANGE = entry("field_changed", "urgency", 3, 1)
WORK = entry("work_logged", None, None, {"id": "x", "minutes": 90})
NOTE = entry("commented", None, None, {"id": "x", "kind": CommentKind.INTERNAL})
DUE_CHANGE = entry("field_changed", "resolution_due_at", None, NOW.isoformat())


def test_english_stays_english(english: QApplication) -> None:
    text, overdue = sla_text(detail(), NOW)
    assert not overdue
    assert text.startswith("Respond by ") and "Resolve by " in text and "(in 3 d)" in text
    late, overdue = sla_text(detail(), NOW + timedelta(days=4))
    assert overdue and "Response overdue since" in late and "(1 d ago)" in late
    done = detail(status=Status.RESOLVED, resolved_at=NOW)
    assert sla_text(done, NOW) == (f"Resolved {local_time(NOW)}", False)
    assert history_what(STATUS_CHANGE) == ("Changed Status", "Assigned → Resolved — “Fixed”")
    assert history_what(URGENCY_CHANGE) == ("Changed Urgency", "3 – Medium → 1 – Critical")
    assert history_what(WORK) == ("Logged work", "1 h 30 min")
    assert history_what(NOTE) == ("Added an internal note", "")
    assert history_what(DUE_CHANGE) == ("Changed Resolution due", f"(empty) → {local_time(NOW)}")
    assert duration_text(26 * 60) == "26 h"  # work time: no 24-hour "days"
    assert not HAN.search(local_time(NOW))


def test_chinese_sla_history_and_dates(chinese: QApplication) -> None:
    text, overdue = sla_text(detail(), NOW)
    assert not overdue and HAN.search(text)
    assert text.startswith("请于 ") and "前响应" in text and "前解决（3天后）" in text
    assert not LATIN_WORD.search(text), text
    late, overdue = sla_text(detail(), NOW + timedelta(days=4))
    assert overdue and "起逾期" in late and "（1天前）" in late
    done, _ = sla_text(detail(status=Status.CLOSED, closed_at=NOW), NOW)
    assert done == f"已于 {local_time(NOW)} 关闭"

    what, change = history_what(STATUS_CHANGE)
    assert what == f"修改了{field_label('status')}" == "修改了状态"
    assert change == f"{status_text('assigned')} → {status_text('resolved')}——“Fixed”"
    assert "已解决" in change and "已指派" in change
    assert history_what(URGENCY_CHANGE) == ("修改了紧急程度", "3 – 中 → 1 – 紧急")
    assert history_what(WORK) == ("记录了工时", "1小时30分钟")
    assert history_what(NOTE) == ("添加了内部备注", "")
    assert history_what(DUE_CHANGE) == ("修改了解决期限", f"（空） → {local_time(NOW)}")
    assert value_text("priority", 2) == "P2"  # the matrix's own label, shown as it is

    # The zh_CN short format: year/month/day and a 24-hour clock.
    local = NOW.astimezone()
    assert local_time(NOW) == f"{local.year}/{local.month}/{local.day} {local:%H:%M}"


def test_back_to_english_after_chinese(chinese: QApplication) -> None:
    assert history_what(NOTE)[0] == "添加了内部备注"
    install_language(chinese, ENGLISH)
    assert history_what(NOTE)[0] == "Added an internal note"
    assert sla_text(detail(), NOW)[0].startswith("Respond by ")


def test_ticket_editor_in_chinese(
    qtbot,  # noqa: ANN001
    ctx: AppContext,
    chinese: QApplication,
    artifacts: Path,
) -> None:
    """The real editor on a ticket with due times and history: no English left in the SLA
    line or the history, nothing boxed or clipped."""
    ticket = make_ticket(ctx, "打印机卡纸", impact=2, urgency=2, assignee="alice")
    ctx.tickets.update(ticket, {"urgency": 1, "site": "上海办公室"})
    ctx.tickets.add_comment(ticket, "已更换搓纸轮。", CommentKind.INTERNAL)
    ctx.tickets.transition(ticket, Status.IN_PROGRESS)
    pane = TicketDetailPane(ctx.tickets, now=lambda: datetime.now(UTC))
    qtbot.addWidget(pane)
    pane.resize(900, 760)
    pane.show()
    qtbot.waitExposed(pane)
    pane.show_ticket(ticket)
    pane.tabs.setCurrentWidget(pane.history)

    sla = pane.sla_label.text()
    assert HAN.search(sla) and not LATIN_WORD.search(sla), sla
    assert pane.status_badge.text() == "处理中"
    rows = pane.history.rows()
    assert [r[3] for r in rows][-1] == "创建了工单"
    for when, _who, _device, what, change in rows:
        assert HAN.search(what) and not LATIN_WORD.search(what), what
        assert not LATIN_WORD.search(when), when
        assert not re.search(r"\b(Assigned|In progress|Critical|High|empty)\b", change), change
    assert {"修改了紧急程度", "修改了地点", "修改了状态", "添加了内部备注"} <= {r[3] for r in rows}

    qtbot.wait(100)
    pane.grab().save(str(artifacts / "zh_editor.png"))
    assert not missing_glyphs(pane), missing_glyphs(pane)
    assert not clipped(pane), clipped(pane)
