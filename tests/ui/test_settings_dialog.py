"""Edit > Settings… (pytest-qt, offscreen): inline validation keeps the dialog open, the theme
restyles the application at once, "Test connection" against real servers, the data move
with progress, and the reset refused with unsynced changes unless confirmed twice.

Screenshot: artifacts/settings_dialog.png."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers_settings import ForeignServers, foreign_servers, mnemonics
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget
from real_server import free_port, serving

from opexdesk.app import AppContext
from opexdesk.services.app_settings import AppSettings, AppSettingsStore, Theme
from opexdesk.services.local_data import unsynced_changes
from opexdesk.ui.main_window import MainWindow
from opexdesk.ui.settings_dialog import SettingsDialog
from opexdesk.ui.settings_wiring import install_settings
from opexdesk.ui.theme import apply_theme, current_is_dark
from opexdesk.ui.welcome.demo_badge import DEMO_SUFFIX, is_marked_demo


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(tmp_path_factory.mktemp("server"), {"alice": "alice password 1"}) as base:
        yield base


@pytest.fixture
def store(ctx: AppContext) -> AppSettingsStore:
    return AppSettingsStore.for_paths(ctx.paths)


@pytest.fixture(autouse=True)
def _system_theme_after(qapp) -> Iterator[None]:  # noqa: ANN001
    yield
    apply_theme(qapp, Theme.SYSTEM)


def make_dialog(qtbot, ctx: AppContext, store: AppSettingsStore, **kw: object) -> SettingsDialog:  # noqa: ANN001
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    options: dict = {
        "data_dir": ctx.paths.data,
        "pending_count": lambda: unsynced_changes(ctx.sync.status),
        "apply_theme": lambda theme: apply_theme(app, theme),
    }
    options.update(kw)
    dialog = SettingsDialog(store, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def answer_modal(qtbot, *acts: Callable[[QWidget], None]) -> list[str]:  # noqa: ANN001
    """Answer the next modal boxes (real QMessageBox / QInputDialog), one act each, as they
    appear; returns a list that receives their texts."""
    seen: list[str] = []
    answered: list[QWidget] = []
    todo = list(acts)

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox | QInputDialog) and box not in answered:
            seen.append(box.text() if isinstance(box, QMessageBox) else box.labelText())
            answered.append(box)
            todo.pop(0)(box)
        if todo:
            QTimer.singleShot(30, poll)

    QTimer.singleShot(30, poll)
    return seen


def press(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
    def act(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(button).click()

    return act


def type_and_ok(text: str) -> Callable[[QWidget], None]:
    def act(box: QWidget) -> None:
        assert isinstance(box, QInputDialog)
        box.setTextValue(text)
        box.accept()

    return act


# ---- validation --------------------------------------------------------------------------


def test_errors_show_inline_and_the_dialog_stays_open(
    qtbot, ctx: AppContext, store: AppSettingsStore, tmp_path: Path, artifacts: Path
) -> None:  # noqa: ANN001
    languages: list[str] = []
    dialog = make_dialog(qtbot, ctx, store, on_language=languages.append)
    assert dialog.focusWidget() is dialog.server_edit and dialog.ok_button.isDefault()
    dialog.server_edit.setText("http://desk.example.com")
    dialog.ca_check.setChecked(True)
    dialog.ca_edit.setText(str(tmp_path / "missing-ca.pem"))
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.result() == 0
    assert "Use https://" in dialog.error_text("server_url")
    assert "does not exist" in dialog.error_text("ca_file")
    assert not store.path.exists() and languages == []
    dialog.grab().save(str(artifacts / "settings_dialog_errors.png"))

    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    dialog.server_edit.setText("https://desk.example.com")
    assert dialog.error_text("server_url") == ""  # typing clears the old message
    dialog.ca_edit.setText(str(ca))
    dialog.interval_spin.setValue(90)
    dialog.notify_sla.setChecked(False)
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        dialog.ok_button.click()
    saved = AppSettingsStore(store.path).load()
    assert saved == AppSettings(
        server_url="https://desk.example.com",
        ca_file=str(ca),
        sync_interval_s=90,
        language="zh_CN",
        notify_sla_breach=False,
    )
    assert languages == ["zh_CN"]


def test_a_database_bound_to_a_server_refuses_another_address(
    qtbot, ctx: AppContext, store: AppSettingsStore
) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx, store, bound_server="https://desk.example.com")
    dialog.server_edit.setText("https://other.example.com")
    dialog.ok_button.click()
    assert "syncs with https://desk.example.com" in dialog.error_text("server_url")
    assert dialog.isVisible() and not store.path.exists()


def test_a_newer_settings_file_is_named_and_not_overwritten(
    qtbot, ctx: AppContext, store: AppSettingsStore
) -> None:  # noqa: ANN001
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text(json.dumps({"version": 99}))
    dialog = make_dialog(qtbot, ctx, store)
    assert "newer version of OpExDesk" in dialog.notice_label.text()
    assert dialog.notice_label.isVisible()
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert json.loads(store.path.read_text()) == {"version": 99}


# ---- theme -------------------------------------------------------------------------------


def test_theme_applies_at_once_and_cancel_puts_it_back(
    qtbot, qapp, ctx: AppContext, store: AppSettingsStore, artifacts: Path
) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx, store)
    start_window = qapp.palette().color(QPalette.ColorRole.Window).name()
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData(Theme.DARK))
    assert current_is_dark(qapp)
    window = qapp.palette().color(QPalette.ColorRole.Window)
    text = qapp.palette().color(QPalette.ColorRole.WindowText)
    assert window.lightness() < 60 and text.lightness() > 200  # readable: light on dark
    # open widgets follow (Qt delivers the palette change as an event)
    qtbot.waitUntil(lambda: dialog.palette().color(QPalette.ColorRole.Window) == window)
    dialog.tabs.setCurrentIndex(1)
    dialog.grab().save(str(artifacts / "settings_dialog_dark.png"))
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData(Theme.LIGHT))
    assert not current_is_dark(qapp)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData(Theme.DARK))
    dialog.reject()
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == start_window
    assert not store.path.exists()

    again = make_dialog(qtbot, ctx, store)
    again.theme_combo.setCurrentIndex(again.theme_combo.findData(Theme.DARK))
    again.ok_button.click()
    assert store.load().theme == Theme.DARK and current_is_dark(qapp)


# ---- test connection ---------------------------------------------------------------------


@pytest.fixture
def other_servers(tmp_path: Path) -> Iterator[ForeignServers]:
    with foreign_servers(tmp_path) as servers:
        yield servers


def run_test(qtbot, dialog: SettingsDialog, url: str) -> str:  # noqa: ANN001
    dialog.server_edit.setText(url)
    dialog.test_button.click()
    assert dialog.is_testing()
    qtbot.waitUntil(lambda: not dialog.is_testing(), timeout=20_000)
    return dialog.test_result.text()


def test_test_connection_names_each_problem(
    qtbot, ctx: AppContext, store: AppSettingsStore, server_url: str, other_servers, artifacts: Path
) -> None:  # noqa: ANN001
    plain, tls = other_servers.plain, other_servers.tls
    dialog = make_dialog(qtbot, ctx, store)
    assert "is an OpExDesk server" in run_test(qtbot, dialog, server_url)
    dialog.grab().save(str(artifacts / "settings_dialog.png"))
    assert "Cannot reach the server" in run_test(qtbot, dialog, f"http://127.0.0.1:{free_port()}")
    assert "is not an OpExDesk server" in run_test(qtbot, dialog, plain)
    message = run_test(qtbot, dialog, tls)
    assert "certificate" in message and "could not be verified" in message
    assert "Use https://" in run_test(qtbot, dialog, "http://desk.example.com")
    dialog.ca_check.setChecked(True)  # the certificate as the CA: now it is trusted
    dialog.ca_edit.setText(str(other_servers.certificate))
    assert "is not an OpExDesk server" in run_test(qtbot, dialog, tls)
    dialog.server_edit.setText("https://x.example")
    assert dialog.test_result.text() == ""  # an edit clears the old answer


# ---- data folder -------------------------------------------------------------------------


def test_move_copies_with_progress_and_refuses_bad_targets(
    qtbot, ctx: AppContext, store: AppSettingsStore, seed, tmp_path: Path, artifacts: Path
) -> None:  # noqa: ANN001
    seed(5)
    dialog = make_dialog(qtbot, ctx, store)
    page = dialog.data_page
    dialog.tabs.setCurrentWidget(page)
    assert page.location_label.text().replace("\u200b", "") == str(ctx.paths.data)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("keep me")
    assert not page.move_to(busy)
    assert "not empty" in page.move_message.text() and page.move_message.isVisible()
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    assert not page.move_to(a_file)
    assert "is a file" in page.move_message.text()
    assert not page.move_to(a_file / "sub")  # under a file: cannot be created
    assert "is a file" in page.move_message.text()

    target = tmp_path / "moved" / "data"
    values: list[int] = []
    page.progress.valueChanged.connect(values.append)
    with qtbot.waitSignal(page.moved, timeout=30_000):
        assert page.move_to(target)
        assert page.is_busy() and not page.move_button.isEnabled()
        dialog.reject()  # refused while the copy runs
        assert dialog.isVisible()
    assert (target / "opexdesk.sqlite3").is_file()
    assert values and max(values) == 1000
    assert "Copied and verified" in page.move_message.text()
    assert "From the next start: " + str(target) in page.location_label.text().replace("\u200b", "")
    qtbot.wait(50)  # the layout settles on the event loop, as it does for the user
    dialog.grab().save(str(artifacts / "settings_data_moved.png"))
    saved = store.load()
    assert saved.data_dir == str(target) and saved.pending_data_removal == str(ctx.paths.data)
    dialog.server_edit.setText("https://desk.example.com")
    dialog.ok_button.click()  # the form's save keeps the move
    assert AppSettingsStore(store.path).load().data_dir == str(target)


# ---- reset -------------------------------------------------------------------------------


def test_reset_with_unsynced_changes_needs_two_confirmations(
    qtbot, ctx: AppContext, store: AppSettingsStore, seed
) -> None:  # noqa: ANN001
    seed(3)
    pending = unsynced_changes(ctx.sync.status)
    assert pending > 0
    dialog = make_dialog(qtbot, ctx, store)
    page = dialog.data_page
    No, Yes = QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes  # noqa: N806

    seen = answer_modal(qtbot, press(No))
    assert not page.reset_local_data()
    assert f"{pending} local changes have not reached the server" in seen[0]
    assert not store.load().reset_on_start and not store.path.exists()

    seen = answer_modal(qtbot, press(Yes), type_and_ok("reset"))
    assert not page.reset_local_data()
    assert len(seen) == 2 and f"To erase {pending} unsynced changes, type RESET" in seen[1]
    assert "RESET was not typed" in page.reset_message.text()
    assert not store.path.exists()

    reset_signals: list[bool] = []
    page.reset_requested.connect(lambda: reset_signals.append(True))
    seen = answer_modal(qtbot, press(Yes), type_and_ok("RESET"))
    assert page.reset_local_data()
    assert len(seen) == 2
    assert store.load().reset_on_start and reset_signals == [True]
    assert "erased when OpExDesk next starts" in page.reset_message.text()


def test_reset_when_everything_is_synced_asks_once(
    qtbot, ctx: AppContext, store: AppSettingsStore
) -> None:  # noqa: ANN001
    assert unsynced_changes(ctx.sync.status) == 0
    dialog = make_dialog(qtbot, ctx, store)
    seen = answer_modal(qtbot, press(QMessageBox.StandardButton.Yes))
    assert dialog.data_page.reset_local_data()
    assert len(seen) == 1 and "Everything is synced" in seen[0]
    assert store.load().reset_on_start


# ---- wiring ------------------------------------------------------------------------------


def test_install_adds_edit_settings_applies_theme_and_marks_demo(
    qtbot, qapp, ctx: AppContext, store: AppSettingsStore
) -> None:  # noqa: ANN001
    store.save(AppSettings(theme=Theme.DARK, demo_mode=True, sync_interval_s=120))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    installed = install_settings(win, ctx, store, startup_messages=["The data now lives in X."])
    assert win.statusBar().currentMessage() == "The data now lives in X."
    assert current_is_dark(qapp)
    assert ctx.sync.runner.policy.idle_s == 120
    titles = [a.text() for a in win.menuBar().actions()]
    assert titles.index("&Edit") == titles.index("&File") + 1
    assert installed.action in installed.menu.actions()
    assert QKeySequence("Ctrl+,") in installed.action.shortcuts()
    assert is_marked_demo(win) and win.windowTitle().endswith(DEMO_SUFFIX)
    win.setWindowTitle("OpExDesk")  # another part renames the window: the mark stays
    assert win.windowTitle() == "OpExDesk" + DEMO_SUFFIX
    store.update(sync_interval_s=600)
    assert ctx.sync.runner.policy.idle_s == 600  # a saved change reaches the sync at once

    opened: list[SettingsDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SettingsDialog):
            QTimer.singleShot(30, answer)
            return
        opened.append(dialog)
        dialog.interval_spin.setValue(45)
        dialog.ok_button.click()

    QTimer.singleShot(30, answer)
    installed.action.trigger()  # Ctrl+, : the real dialog, modal, over the window
    assert opened and opened[0].parent() is win
    assert store.load().sync_interval_s == 45 and ctx.sync.runner.policy.idle_s == 45
    installed.unsubscribe()
    win.close()


def test_keyboard_enter_saves_and_escape_cancels(
    qtbot, ctx: AppContext, store: AppSettingsStore
) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    dialog = make_dialog(qtbot, ctx, store)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.server_label.buddy() is dialog.server_edit  # Alt+R
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.server_edit, Qt.Key.Key_Escape)
    assert not store.path.exists()

    again = make_dialog(qtbot, ctx, store)
    again.server_edit.setText("https://desk.example.com")
    with qtbot.waitSignal(again.accepted):
        qtbot.keyClick(again.server_edit, Qt.Key.Key_Return)
    assert store.load().server_url == "https://desk.example.com"


def test_each_tab_has_distinct_alt_keys(qtbot, ctx: AppContext, store: AppSettingsStore) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx, store)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        keys = mnemonics(dialog)
        assert len(keys) == len(set(keys)), (dialog.tabs.tabText(index), sorted(keys))
        assert len(keys) >= 6
