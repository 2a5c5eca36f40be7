"""Triage reports and assignment reasons follow the language: the status-bar text is
Chinese with the Chinese catalogue installed and exactly the service's English message
otherwise."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from opexdesk.app import AppContext
from opexdesk.domain.sla_clock import TimerState, WarningLevel, breach_text
from opexdesk.domain.ticket import TicketDraft
from opexdesk.services.triage import SlaBadge, badge_for
from opexdesk.services.triage.actions import ActionReport
from opexdesk.ui.i18n import shown_text
from opexdesk.ui.locale_format import format_datetime
from opexdesk.ui.triage.queue_model import badge_text, badge_tooltip


def new_tickets(ctx: AppContext, n: int) -> list[str]:
    return [ctx.tickets.create(TicketDraft(title=f"Ticket {i}")).ticket_id for i in range(n)]


def shown(report: ActionReport) -> str:
    return shown_text(report.phrase or report.message)


def test_bulk_set_and_undo_in_chinese(ctx: AppContext, chinese: QApplication) -> None:
    ids = new_tickets(ctx, 3)
    actions = ctx.triage.actions
    report = actions.set_field(ids, "impact", 1)
    assert report.message == "Impact set to 1 on 3 tickets."
    assert shown(report) == "已将 3 个工单的影响设为 1。"
    actions.set_fields(ids[:1], {"category": "Network", "group_name": None})
    ctx.tickets.update(ids[0], {"category": "Hardware"})  # someone else, meanwhile
    refused = actions.undo()
    assert refused.message == "Undo refused: L-000001 was changed since (category is now Hardware)."
    assert shown(refused) == "撤销被拒绝：L-000001 此后已被更改（类别现为 Hardware）。"
    assert shown(actions.undo()) == "没有可撤销的操作。"


def test_refusal_reasons_inside_a_report_in_chinese(ctx: AppContext, chinese) -> None:
    ids = new_tickets(ctx, 2)
    report = ctx.triage.actions.set_field(ids, "category", "x" * 200)
    assert report.message.startswith("Nothing changed: already category ")
    assert " Refused: " in report.message
    text_zh = shown(report)
    assert text_zh.startswith("未做更改：已是类别为 ") and "未能处理：" in text_zh
    assert "Category is 200 characters long" not in text_zh and "；" in text_zh


def test_reports_stay_english(ctx: AppContext, english: QApplication) -> None:
    ids = new_tickets(ctx, 2)
    actions = ctx.triage.actions
    for report in (
        actions.set_fields(ids[:1], {"impact": 2, "urgency": 2}),
        actions.set_field(ids, "category", "x" * 200),
        actions.mark_duplicate(ids[0], ids[0]),
        actions.undo(),
        actions.undo(),
    ):
        assert shown(report) == report.message


def test_assignment_reasons_in_chinese(ctx: AppContext, chinese: QApplication) -> None:
    with ctx.db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (id, username, display_name, role, group_name, away)"
                " VALUES ('00000000-0000-0000-0000-0000000000a1', 'ann', 'Ann', 'technician',"
                " 'Desk', 0)"
            )
        )
    advisor = ctx.triage.assignment
    chosen = advisor.suggest("Desk")
    assert chosen.reason == "fewest open tickets in Desk (0)"
    assert shown_text(chosen.why or chosen.reason) == "Desk 中未结工单最少（0 个）"
    advisor.set_away("ann", True)
    nobody = advisor.suggest("Desk")
    assert nobody.reason == "Everyone in Desk is away."
    assert shown_text(nobody.why or nobody.reason) == "Desk 中的所有人都已离开。"
    empty = advisor.suggest(None)
    assert shown_text(empty.why or empty.reason) == "请先设置处理组（G）。"


NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def timer(**state: object) -> TimerState:
    base: dict[str, Any] = {
        "name": "response",
        "target_seconds": 3600.0,
        "elapsed_seconds": 600.0,
        "remaining_seconds": 3000.0,
        "running": True,
        "paused": False,
        "met_at": None,
        "due_at": NOW + timedelta(minutes=125),
        "breached": False,
        "breached_at": None,
        "percent_used": 0.2,
        "level": WarningLevel.NONE,
        "next_level_at": None,
    }
    return TimerState(**{**base, **state})


TIMERS = {
    "due_in": timer(),
    "due_now": timer(due_at=NOW),
    "paused": timer(paused=True, due_at=None),
    "met": timer(met_at=NOW, due_at=None),
    "met_late": timer(met_at=NOW, breached=True, due_at=None),
    "overdue": timer(breached=True, breached_at=NOW - timedelta(days=2, hours=4)),
    "overdue_paused": timer(
        breached=True, paused=True, breached_at=NOW - timedelta(minutes=35), due_at=None
    ),
}


def badge(name: str) -> SlaBadge:
    clock = SimpleNamespace(response=TIMERS[name], resolution=TIMERS[name])
    return badge_for(clock, NOW)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(TIMERS))
def test_queue_badges_in_english_match_the_service(name: str, english: QApplication) -> None:
    made = badge(name)
    assert made.key == name
    assert badge_text(made) == made.text == breach_text(TIMERS[name], NOW)


def test_queue_badges_and_tooltip_in_chinese(chinese: QApplication) -> None:
    assert badge_text(badge("due_in")) == "2小时5分钟后超时"
    assert badge_text(badge("overdue")) == "已超时 2天4小时"
    assert badge_text(badge("paused")) == "已暂停"
    due = badge("due_in")
    zh = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    tip = badge_tooltip("VPN 断线", due)
    assert tip == f"VPN 断线\n响应 SLA：2小时5分钟后超时（期限 {format_datetime(due.due_at, zh)}）"


def test_queue_tooltip_in_english(english: QApplication) -> None:
    due = badge("due_in")
    en = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert badge_tooltip("VPN", due) == (
        f"VPN\nResponse SLA: breaches in 2 h 5 min (due {format_datetime(due.due_at, en)})"
    )
