"""The tray (offscreen: the status-bar fallback), its wiring to a real store, and the crash
hook: errors in Qt slots and threads are logged, the dialog names the log, no recursion."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers_detail import open_context
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QSystemTrayIcon

from opexdesk.app import AppContext
from opexdesk.domain.ticket import TicketDraft
from opexdesk.logs import LOG_FILE, configure_logging
from opexdesk.services.alerts import Alert
from opexdesk.ui.alerts_wiring import install_alerts
from opexdesk.ui.crash import CONTINUE, QUIT, CrashDialog, CrashHandler, CrashReport
from opexdesk.ui.main_window import MainWindow
from opexdesk.ui.tickets.detail_pane import TicketDetailPane
from opexdesk.ui.tray import AlertTray, app_icon


@dataclass
class Switches:
    notify_new_p1: bool = True
    notify_sla_breach: bool = True
    notify_conflicts: bool = True


# ---- tray -------------------------------------------------------------------------------


def test_offscreen_tray_falls_back_to_status_bar_and_log(qtbot, caplog) -> None:
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen has no tray
    window = QMainWindow()
    qtbot.addWidget(window)
    tray = AlertTray(window)
    assert not tray.uses_tray
    assert not app_icon().isNull()
    alert = Alert("new_p1", "New P1 ticket", "New P1: INC-000123 Core switch down", "t-123")
    with caplog.at_level(logging.INFO, logger="opexdesk.ui.tray"):
        tray.notify(alert)
    assert window.statusBar().currentMessage() == "New P1: INC-000123 Core switch down"
    assert "notification: New P1: INC-000123 Core switch down" in caplog.text
    with qtbot.waitSignal(tray.open_ticket) as opened:
        tray.message_clicked()
    assert opened.args == ["t-123"]
    tray.notify(Alert("conflicts", "Sync conflicts", "2 sync conflicts need your choice"))
    with qtbot.waitSignal(tray.show_window):
        tray.message_clicked()
    assert [a.text() for a in tray.menu.actions() if a.text()] == ["Show OpExDesk", "Quit"]


@pytest.fixture
def real_ctx(tmp_path: Path) -> Iterator[AppContext]:
    """A store on the real clock (the shared ``ctx`` steps a minute per reading, which
    would bring SLA clocks near their targets within a test)."""
    context = open_context(tmp_path / "store")
    yield context
    context.close()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen cannot raise
def test_installed_alerts_notify_a_new_p1_and_open_it(qtbot, real_ctx: AppContext) -> None:
    ctx = real_ctx
    window = QMainWindow()
    qtbot.addWidget(window)
    detail = TicketDetailPane(ctx.tickets)
    window.setCentralWidget(detail)
    window.detail = detail  # type: ignore[attr-defined]  # what show_ticket looks for
    installed = install_alerts(window, ctx, Switches())
    try:
        ticket = ctx.tickets.create(TicketDraft(title="Core switch down", impact=1, urgency=1))
        ctx.tickets.create(TicketDraft(title="Toner low", impact=3, urgency=3))
        qtbot.waitUntil(lambda: bool(installed.tray.shown), timeout=5000)
        shown = installed.tray.shown
        assert [a.kind for a in shown] == ["new_p1"]
        assert shown[0].message.endswith("Core switch down")
        assert window.statusBar().currentMessage() == shown[0].message
        installed.tray.message_clicked()
        assert detail.ticket_id() == ticket.ticket_id
    finally:
        installed.shutdown()


# ---- crash handling ------------------------------------------------------------------------


@pytest.fixture
def log_path(tmp_path: Path) -> Iterator[Path]:
    path = configure_logging(tmp_path / "logs")
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_opexdesk", False):
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def handler(qtbot, log_path: Path) -> Iterator[CrashHandler]:
    crash = CrashHandler(log_path)
    crash.install()
    yield crash
    crash.uninstall()


class Emitter(QObject):
    fire = Signal()


def answered_by(choice_button: str, seen: list[CrashDialog]):
    """An ``ask`` that shows the real dialog modally and clicks one of its buttons."""

    def ask(report: CrashReport) -> str:
        dialog = CrashDialog(report, open_folder=lambda _p: True)
        seen.append(dialog)
        QTimer.singleShot(0, getattr(dialog, choice_button).click)
        dialog.exec()
        return dialog.choice

    return ask


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_is_logged_and_the_dialog_names_the_log(
    qtbot, handler: CrashHandler, log_path: Path
) -> None:
    seen: list[CrashDialog] = []
    handler.ask = answered_by("continue_button", seen)
    kept: list[str] = []
    handler.before_dialog.append(lambda: kept.append("drafts"))
    quits: list[int] = []
    handler.quit_app = lambda: quits.append(1)
    emitter = Emitter()

    def broken_slot() -> None:
        raise RuntimeError("boom in a slot")

    emitter.fire.connect(broken_slot)
    emitter.fire.emit()
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert kept == ["drafts"] and quits == []
    dialog = seen[0]
    assert dialog.choice == CONTINUE
    assert str(log_path) in dialog.message.text()
    assert "RuntimeError: boom in a slot" in dialog.summary.text()
    for h in logging.getLogger().handlers:
        h.flush()
    text = log_path.read_text(encoding="utf-8")
    assert "unexpected error in MainThread" in text
    assert "RuntimeError: boom in a slot" in text and "broken_slot" in text
    assert log_path.name == LOG_FILE


@pytest.mark.qt_no_exception_capture
def test_quit_copy_and_open_folder(qtbot, handler: CrashHandler, log_path: Path) -> None:
    quits: list[int] = []
    handler.quit_app = lambda: quits.append(1)
    opened: list[Path] = []

    def ask(report: CrashReport) -> str:
        dialog = CrashDialog(report, open_folder=opened.append)
        dialog.copy_button.click()
        dialog.folder_button.click()
        QTimer.singleShot(0, dialog.quit_button.click)
        dialog.exec()
        return dialog.choice

    handler.ask = ask
    QTimer.singleShot(0, lambda: 1 / 0)
    qtbot.waitUntil(lambda: bool(quits), timeout=3000)
    assert opened == [log_path.parent]
    clipboard = QApplication.clipboard().text()
    assert "ZeroDivisionError" in clipboard and str(log_path) in clipboard


@pytest.mark.qt_no_exception_capture
def test_no_recursion_when_the_dialog_fails(qtbot, handler: CrashHandler, log_path: Path) -> None:
    calls: list[str] = []

    def failing_ask(report: CrashReport) -> str:
        calls.append(report.summary)
        # The dialog's own code hits an error while it is up: reported, but only logged.
        handler.handle(*_exc_info(ValueError("error inside the dialog")))
        raise OSError("the dialog could not be shown")

    handler.ask = failing_ask
    handler.handle(*_exc_info(KeyError("first")))
    assert calls == ["KeyError: 'first'"]
    assert [r.summary for r in handler.reports] == [
        "KeyError: 'first'",
        "ValueError: error inside the dialog",
    ]
    for h in logging.getLogger().handlers:
        h.flush()
    text = log_path.read_text(encoding="utf-8")
    assert "the error dialog itself failed" in text and "OSError" in text
    # The hook still works afterwards (it did not stay "busy").

    def quit_ask(report: CrashReport) -> str:
        calls.append(report.summary)
        return QUIT

    handler.ask = quit_ask
    handler.quit_app = lambda: calls.append("quit")
    handler.handle(*_exc_info(TypeError("later")))
    assert calls[-2:] == ["TypeError: later", "quit"]


@pytest.mark.qt_no_exception_capture
def test_error_in_a_thread_shows_the_dialog_on_the_gui_thread(qtbot, handler: CrashHandler) -> None:
    threads: list[bool] = []

    def ask(_report: CrashReport) -> str:
        threads.append(threading.current_thread() is threading.main_thread())
        return CONTINUE

    handler.ask = ask

    def work() -> None:
        raise LookupError("lost in a worker")

    worker = threading.Thread(target=work, name="worker-7")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(threads), timeout=3000)
    assert threads == [True]
    assert handler.reports[-1].thread == "worker-7"


def test_crash_dialog_screenshot(qtbot, tmp_path: Path, artifacts: Path) -> None:
    try:
        raise RuntimeError("database is locked")
    except RuntimeError as exc:
        info = (type(exc), exc, exc.__traceback__)
    from opexdesk.ui.crash import report_for

    log_file = Path.home() / ".local" / "state" / "opexdesk" / "log" / LOG_FILE
    dialog = CrashDialog(report_for(info, log_file, "MainThread"), drafts_kept=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert str(log_file) in dialog.message.text()
    for button in (dialog.copy_button, dialog.folder_button, dialog.quit_button):
        assert button.sizeHint().width() <= button.width()
    dialog.grab().save(str(artifacts / "crash_dialog.png"))


def _exc_info(exc: BaseException):
    try:
        raise exc
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_installed_in_the_main_window(qtbot, real_ctx: AppContext) -> None:
    ctx = real_ctx
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    installed = install_alerts(win, ctx, Switches())
    try:
        win.show()
        qtbot.waitExposed(win)
        burst = [
            ctx.tickets.create(TicketDraft(title=f"Site {i} offline", impact=1, urgency=1))
            for i in range(3)
        ]
        qtbot.waitUntil(lambda: bool(installed.tray.shown), timeout=5000)
        assert [a.title for a in installed.tray.shown] == ["3 new P1 tickets"]
        assert win.statusBar().currentMessage().startswith("3 new P1 tickets: L-")
        single = ctx.tickets.create(TicketDraft(title="Mail relay down", impact=1, urgency=1))
        qtbot.waitUntil(lambda: len(installed.tray.shown) == 2, timeout=5000)
        installed.tray.message_clicked()
        assert win.detail.ticket_id() == single.ticket_id
        assert burst[0].ticket_id != single.ticket_id
    finally:
        installed.shutdown()
        win.close()
