"""Starting the Qt side: fonts, the smoke check, and the fatal-error box without a display."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from opexdesk.services.ticket_list import TicketFilter
from opexdesk.ui import application
from opexdesk.ui.application import configure_application, run_gui, show_fatal_error
from opexdesk.ui.tickets.filter_bar import OPEN_STATUSES


def test_default_font_falls_back_to_a_cjk_font(qapp) -> None:  # noqa: ANN001
    configure_application(qapp)
    assert qapp.applicationName() == "OpExDesk"
    if "Noto Sans CJK SC" in QFontDatabase.families():
        assert "Noto Sans CJK SC" in QApplication.font().families()


def test_smoke_run_builds_the_window_and_returns_zero(qtbot, ctx, seed, caplog) -> None:  # noqa: ANN001
    seed(5)
    open_count = ctx.ticket_list.count(TicketFilter(statuses=OPEN_STATUSES))
    with caplog.at_level(logging.INFO, logger="opexdesk.ui.application"):
        assert run_gui(ctx, smoke=True) == 0
    # The window opens on the open queue.
    expected = f"smoke ok: {open_count} rows loaded"
    assert any(expected in r.getMessage() for r in caplog.records)


def test_fatal_error_box_is_skipped_without_a_display(qapp, monkeypatch) -> None:  # noqa: ANN001
    shown = []
    monkeypatch.setattr(application.QMessageBox, "exec", lambda self: shown.append(self))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    show_fatal_error("The database is from a newer version.", Path("/tmp/opexdesk.log"))
    assert shown == []


def test_no_display_is_detected(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(application.sys, "platform", "linux")
    assert application.display_missing()
    monkeypatch.setenv("DISPLAY", ":0")
    assert not application.display_missing()
