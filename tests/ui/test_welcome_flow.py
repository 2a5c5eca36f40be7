"""The first-run welcome (pytest-qt, offscreen): offline only, demo data (marked DEMO), and a
REAL server: address check, sign-in, the first download with its progress; unreachable and
non-OpExDesk addresses refused on page 1; Cancel writes nothing.

Screenshots: artifacts/welcome_page1.png, welcome_download.png, welcome_unreachable.png."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers_settings import foreign_servers, mnemonics
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from real_server import free_port, serving
from sqlalchemy import func, select

from opexdesk.app import AppContext, SyncServices, build_context
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.app_settings import AppSettings, AppSettingsStore
from opexdesk.services.kb.demo_articles import seed_demo_articles
from opexdesk.services.sync.api import SyncApi
from opexdesk.services.sync.engine import SyncEngine
from opexdesk.storage.models import Ticket
from opexdesk.ui.main_window import MainWindow
from opexdesk.ui.settings_wiring import run_welcome_if_needed
from opexdesk.ui.welcome.demo_badge import DEMO_SUFFIX, is_marked_demo, mark_demo
from opexdesk.ui.welcome.pages import DEMO_TICKETS, PAGE_CONNECT, PAGE_DOWNLOAD, PAGE_SIGN_IN
from opexdesk.ui.welcome.welcome_dialog import WelcomeDialog

PASSWORDS = {"alice": "alice password 1", "bob": "bob password 22"}
SERVER_TICKETS = 40


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server holding tickets another device created (what a new device downloads)."""
    tmp = tmp_path_factory.mktemp("welcome-server")
    with serving(tmp, PASSWORDS) as base:
        other = build_context(AppPaths.under(tmp / "bob"), username="bob")
        try:
            for i in range(SERVER_TICKETS):
                other.tickets.create(
                    TicketDraft(title=f"Printer {i} offline", requester="王芳", site="上海办公室")
                )
            api = SyncApi(base)
            api.login("bob", PASSWORDS["bob"])
            SyncEngine(other.db, api, other.clock).sync_once()
            api.close()
        finally:
            other.close()
        yield base


@pytest.fixture
def store(ctx: AppContext) -> AppSettingsStore:
    return AppSettingsStore.for_paths(ctx.paths)


def welcome(qtbot, ctx: AppContext, sync: SyncServices, store: AppSettingsStore) -> WelcomeDialog:  # noqa: ANN001
    dialog = WelcomeDialog(
        store,
        sync.session,
        sync.runner,
        ctx.db,
        ctx.clock.now,
        after_demo=lambda: seed_demo_articles(ctx.knowledge.articles, ctx.ticket_list, limit=5),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def ticket_count(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Ticket)) or 0)


def button(dialog: WelcomeDialog, which: QWizard.WizardButton):  # noqa: ANN201
    return dialog.button(which)


NEXT, FINISH = QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton


def test_offline_only_finishes_on_page_one(
    qtbot, ctx: AppContext, sync: SyncServices, store: AppSettingsStore, artifacts: Path
) -> None:  # noqa: ANN001
    dialog = welcome(qtbot, ctx, sync, store)
    assert dialog.currentId() == PAGE_CONNECT
    page = dialog.connect_page
    assert page.server_radio.isChecked() and page.url_edit.isEnabled()
    dialog.grab().save(str(artifacts / "welcome_page1.png"))
    keys = mnemonics(dialog)
    assert len(keys) == len(set(keys)) and len(keys) >= 7, sorted(keys)
    page.offline_radio.setChecked(True)
    assert not page.url_edit.isEnabled()
    assert button(dialog, FINISH).isVisible() and not button(dialog, NEXT).isVisible()
    assert not store.path.exists()
    with qtbot.waitSignal(dialog.accepted):
        button(dialog, FINISH).click()
    assert AppSettingsStore(store.path).load() == AppSettings(welcome_done=True)
    assert not sync.session.signed_in and ticket_count(ctx) == 0


def test_demo_data_is_loaded_with_progress_and_marked(
    qtbot, ctx: AppContext, sync: SyncServices, store: AppSettingsStore
) -> None:  # noqa: ANN001
    dialog = welcome(qtbot, ctx, sync, store)
    dialog.connect_page.demo_radio.setChecked(True)
    assert dialog.windowTitle().endswith(DEMO_SUFFIX)
    button(dialog, NEXT).click()
    assert dialog.currentId() == PAGE_DOWNLOAD
    page = dialog.download_page
    qtbot.waitUntil(page.isComplete, timeout=60_000)
    assert (
        page.seen
        and page.seen[-1][0] == "demo"
        and page.seen[-1][1:]
        == (
            DEMO_TICKETS,
            DEMO_TICKETS,
        )
    )
    assert ticket_count(ctx) == DEMO_TICKETS
    assert len(ctx.knowledge.articles.list_articles(status="published")) == 5  # and articles
    with qtbot.waitSignal(dialog.accepted):
        button(dialog, FINISH).click()
    saved = AppSettingsStore(store.path).load()
    assert saved.welcome_done and saved.demo_mode and saved.server_url is None

    win = MainWindow(ctx)  # how the main window shows it (install_settings calls this)
    qtbot.addWidget(win)
    mark_demo(win)
    mark_demo(win)  # once only
    assert is_marked_demo(win) and win.windowTitle().count("DEMO") == 1
    win.close()


def test_unreachable_and_foreign_addresses_stay_on_page_one(
    qtbot, ctx: AppContext, sync: SyncServices, store: AppSettingsStore, artifacts: Path
) -> None:  # noqa: ANN001
    dialog = welcome(qtbot, ctx, sync, store)
    page = dialog.connect_page
    page.url_edit.setText(f"http://127.0.0.1:{free_port()}")
    button(dialog, NEXT).click()
    qtbot.waitUntil(lambda: not page.is_checking(), timeout=20_000)
    assert dialog.currentId() == PAGE_CONNECT
    assert "Cannot reach the server" in page.message()
    dialog.grab().save(str(artifacts / "welcome_unreachable.png"))

    page.url_edit.setText("http://desk.example.com")
    button(dialog, NEXT).click()
    qtbot.waitUntil(lambda: not page.is_checking(), timeout=20_000)
    assert "Use https://" in page.message() and dialog.currentId() == PAGE_CONNECT

    class NotOurs(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(404)
            self.end_headers()

        def log_message(self, *_a: object) -> None:
            pass

    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NotOurs)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        page.url_edit.setText(f"http://127.0.0.1:{other.server_port}")
        button(dialog, NEXT).click()
        qtbot.waitUntil(lambda: not page.is_checking(), timeout=20_000)
    finally:
        other.shutdown()
        other.server_close()
    assert "is not an OpExDesk server" in page.message()
    assert dialog.currentId() == PAGE_CONNECT
    dialog.reject()
    assert not store.path.exists()


def test_server_path_checks_signs_in_and_downloads_with_progress(
    qtbot,
    ctx: AppContext,
    sync: SyncServices,
    store: AppSettingsStore,
    server_url: str,
    artifacts: Path,
) -> None:  # noqa: ANN001
    dialog = welcome(qtbot, ctx, sync, store)
    connect = dialog.connect_page
    connect.url_edit.setText(server_url + "/")
    connect.test_button.click()
    qtbot.waitUntil(lambda: not connect.is_checking(), timeout=20_000)
    assert "is an OpExDesk server" in connect.message()
    button(dialog, NEXT).click()  # checked already: straight on
    assert dialog.currentId() == PAGE_SIGN_IN

    sign_in = dialog.sign_in_page
    sign_in.user_edit.setText("alice")
    sign_in.password_edit.setText("wrong password")
    button(dialog, NEXT).click()
    qtbot.waitUntil(lambda: not sign_in.is_busy(), timeout=20_000)
    assert "Check the user name and password" in sign_in.error_text()
    assert dialog.currentId() == PAGE_SIGN_IN and not sync.session.signed_in

    sign_in.password_edit.setText(PASSWORDS["alice"])
    assert sign_in.error_text() == ""
    button(dialog, NEXT).click()
    qtbot.waitUntil(lambda: dialog.currentId() == PAGE_DOWNLOAD, timeout=20_000)
    download = dialog.download_page
    assert not button(dialog, FINISH).isEnabled()  # only once the download is done
    qtbot.waitUntil(download.isComplete, timeout=60_000)
    downloads = [s for s in download.seen if s[0] == "download"]
    assert downloads and downloads[-1][1] == downloads[-1][2] == SERVER_TICKETS
    assert ticket_count(ctx) == SERVER_TICKETS
    assert download.bar.value() == download.bar.maximum()
    dialog.grab().save(str(artifacts / "welcome_download.png"))
    assert not store.path.exists()  # nothing written before Finish
    with qtbot.waitSignal(dialog.accepted):
        button(dialog, FINISH).click()
    saved = AppSettingsStore(store.path).load()
    assert saved.welcome_done and saved.server_url == server_url and not saved.demo_mode
    assert sync.session.signed_in and sync.session.settings().username == "alice"
    sync.session.sign_out()


def test_cancel_after_sign_in_writes_nothing_and_signs_out(
    qtbot, ctx: AppContext, sync: SyncServices, store: AppSettingsStore, server_url: str
) -> None:  # noqa: ANN001
    dialog = welcome(qtbot, ctx, sync, store)
    dialog.connect_page.url_edit.setText(server_url)
    button(dialog, NEXT).click()
    qtbot.waitUntil(lambda: dialog.currentId() == PAGE_SIGN_IN, timeout=20_000)
    dialog.sign_in_page.user_edit.setText("alice")
    dialog.sign_in_page.password_edit.setText(PASSWORDS["alice"])
    button(dialog, NEXT).click()
    qtbot.waitUntil(lambda: dialog.currentId() == PAGE_DOWNLOAD, timeout=20_000)
    assert sync.session.signed_in
    with qtbot.waitSignal(dialog.rejected):
        dialog.reject()
    assert not store.path.exists()
    assert not sync.session.signed_in


def test_run_welcome_only_when_needed(qtbot, ctx: AppContext, store: AppSettingsStore) -> None:  # noqa: ANN001
    store.save(AppSettings(welcome_done=True))
    assert run_welcome_if_needed(ctx, store)  # returns at once: no dialog to answer
    newer = AppSettingsStore(store.path.with_name("newer.json"))
    newer.path.write_text('{"version": 99}')
    assert newer.load().welcome_done is False and newer.read_only
    assert run_welcome_if_needed(ctx, newer)  # set up by a newer OpExDesk: no welcome


def test_a_certificate_that_cannot_be_verified_is_named_on_page_one(
    qtbot, ctx: AppContext, sync: SyncServices, store: AppSettingsStore, tmp_path: Path
) -> None:  # noqa: ANN001
    dialog = welcome(qtbot, ctx, sync, store)
    page = dialog.connect_page
    with foreign_servers(tmp_path) as servers:
        page.url_edit.setText(servers.tls)
        button(dialog, NEXT).click()
        qtbot.waitUntil(lambda: not page.is_checking(), timeout=20_000)
        assert "could not be verified" in page.message()
        assert "custom CA certificate" in page.message()  # what to do about it
        page.ca_check.setChecked(True)
        page.ca_edit.setText(str(servers.certificate))
        button(dialog, NEXT).click()
        qtbot.waitUntil(lambda: not page.is_checking(), timeout=20_000)
        assert "is not an OpExDesk server" in page.message()  # trusted now, but not ours
    assert dialog.currentId() == PAGE_CONNECT
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(page.url_edit, Qt.Key.Key_Escape)  # Esc cancels
    assert not store.path.exists()


def test_demo_window_screenshot(qtbot, ctx: AppContext, seed, artifacts: Path) -> None:  # noqa: ANN001
    seed(12)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    mark_demo(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.ticket_model().rows_known > 0)
    assert win.windowTitle() == "OpExDesk" + DEMO_SUFFIX
    win.grab().save(str(artifacts / "main_window_demo.png"))
    win.close()


def test_run_welcome_shows_the_flow_and_reports_finish_or_cancel(
    qtbot, ctx: AppContext, store: AppSettingsStore
) -> None:  # noqa: ANN001
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def when_shown(act) -> None:  # noqa: ANN001
        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if isinstance(dialog, WelcomeDialog):
                act(dialog)
            else:
                QTimer.singleShot(30, poll)

        QTimer.singleShot(30, poll)

    when_shown(lambda d: d.reject())
    assert not run_welcome_if_needed(ctx, store)  # cancelled: the caller quits
    assert not store.path.exists()

    def offline(d: WelcomeDialog) -> None:
        d.connect_page.offline_radio.setChecked(True)
        d.button(FINISH).click()

    when_shown(offline)
    assert run_welcome_if_needed(ctx, store)
    assert AppSettingsStore(store.path).load().welcome_done


def test_a_language_picked_on_page_one_reopens_the_flow_in_it(
    qtbot,
    ctx: AppContext,
    store: AppSettingsStore,
    english,
    artifacts: Path,  # noqa: ANN001
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    shown: list[WelcomeDialog] = []

    def when_shown(act) -> None:  # noqa: ANN001
        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if isinstance(dialog, WelcomeDialog) and dialog not in shown:
                shown.append(dialog)
                act(dialog)
            else:
                QTimer.singleShot(30, poll)

        QTimer.singleShot(30, poll)

    titles: list[str] = []

    def pick_chinese(d: WelcomeDialog) -> None:
        titles.append(d.windowTitle())
        d.connect_page.demo_radio.setChecked(True)
        d.connect_page.url_edit.setText("https://desk.example.com")
        when_shown(finish_offline)
        combo = d.connect_page.language_combo
        combo.setCurrentIndex(combo.findData("zh_CN"))

    def finish_offline(d: WelcomeDialog) -> None:
        titles.append(d.windowTitle())
        page = d.connect_page
        assert page.language_combo.currentData() == "zh_CN"
        assert page.server_radio.text() == "连接到团队的服务器(&C)"
        # What the first page held is still there.
        assert page.mode() == "demo" and page.server_url() == "https://desk.example.com"
        d.grab().save(str(artifacts / "welcome_page1_zh.png"))
        page.offline_radio.setChecked(True)
        d.button(FINISH).click()

    when_shown(pick_chinese)
    assert run_welcome_if_needed(ctx, store)
    assert titles == ["Welcome to OpExDesk", "欢迎使用 OpExDesk — 演示"]  # demo mode kept
    saved = AppSettingsStore(store.path).load()
    assert saved.language == "zh_CN" and saved.welcome_done
