"""Helpers for the ticket editor tests: a real store per test, tickets made by the service,
and reads of what landed in the database (outbox rows, audit events)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import func, select

from opexdesk.app import AppContext, build_context
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.storage.models import AuditEvent, Comment, OutboxEntry, Ticket


def open_context(tmp_path: Path) -> AppContext:
    return build_context(AppPaths.under(tmp_path), username="tester")


def make_ticket(ctx: AppContext, title: str = "Printer jams on tray 2", **fields) -> str:
    return ctx.tickets.create(TicketDraft(title=title, **fields)).ticket_id


def outbox_count(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(OutboxEntry)) or 0


def audit_rows(ctx: AppContext, ticket_id: str) -> list[AuditEvent]:
    with ctx.db.read() as s:
        rows = s.scalars(
            select(AuditEvent).where(AuditEvent.ticket_id == ticket_id).order_by(AuditEvent.at)
        ).all()
        s.expunge_all()
        return list(rows)


def ticket_count(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(Ticket)) or 0


def comment_count(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(Comment)) or 0


def type_text(widget: QWidget, text: str) -> None:
    """Type any text (Chinese too) key by key: qtbot.keyClicks aborts on non-ASCII."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def modal_handler(qtbot, handle: Callable[[QWidget], None]) -> list[str]:
    """Answer the next modal dialog (when it is up) with ``handle``; returns a log of the
    dialogs handled, so the test can check one really appeared."""
    seen: list[str] = []

    def poll(tries: int = 200) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            if tries:
                QTimer.singleShot(10, lambda: poll(tries - 1))
            return
        seen.append(type(widget).__name__)
        handle(widget)

    QTimer.singleShot(0, poll)
    return seen
