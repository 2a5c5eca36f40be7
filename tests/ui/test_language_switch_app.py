"""The language switch as the running program does it: run_gui's window, Edit > Settings,
Chinese chosen, OK; the main window is rebuilt in Chinese and the program still exits
cleanly (closing a window with its tray, crash hook and settings wiring mid-run once
crashed here)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from opexdesk.app import AppContext
from opexdesk.services.app_settings import AppSettingsStore
from opexdesk.ui.application import run_gui
from opexdesk.ui.main_window import MainWindow


def _windows(app: QApplication) -> list[MainWindow]:
    return [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_switch_to_chinese_in_the_running_program(qapp, ctx: AppContext, seed) -> None:  # noqa: ANN001
    seed(20)
    store = AppSettingsStore.for_paths(ctx.paths)
    seen: dict[str, object] = {}

    def open_settings() -> None:
        QTimer.singleShot(500, choose_chinese)
        _windows(qapp)[0].installations[0].open()  # Edit > Settings (modal)

    def choose_chinese() -> None:
        dialog = qapp.activeModalWidget()
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
        dialog.accept()
        QTimer.singleShot(2000, look_and_quit)

    def look_and_quit() -> None:
        windows = _windows(qapp)
        seen["count"] = len(windows)
        seen["menus"] = [a.text() for a in windows[0].menuBar().actions()]
        windows[0].close()

    QTimer.singleShot(1500, open_settings)
    try:
        assert run_gui(ctx, settings_store=store, demo=True) == 0
    finally:
        from opexdesk.ui.i18n import install_language

        install_language(qapp, "en")  # the other tests expect English
    assert seen["count"] == 1
    assert seen["menus"][0] == "文件(&F)" and "工单(&T)" in seen["menus"]
    assert store.load().language == "zh_CN"
