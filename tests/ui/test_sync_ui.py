"""The sync UI (pytest-qt, offscreen): sign-in dialog against a REAL server process, the
status bar's sync states, and the conflicts view resolving a real server conflict.

Screenshots go to the artifacts folder: sync_sign_in*.png, sync_status_states.png,
sync_conflicts_before.png / sync_conflicts_after.png."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget
from real_server import free_port, serving
from sqlalchemy import select

from opexdesk.app import AppContext, build_context, build_sync
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.events import Clock
from opexdesk.services.secrets import SecretStore
from opexdesk.services.sync.api import SyncApi
from opexdesk.services.sync.engine import SyncEngine
from opexdesk.services.sync.progress import SyncProgress
from opexdesk.services.sync.runner import BackoffPolicy, Outcome
from opexdesk.services.sync.session import SyncSession
from opexdesk.services.sync.status import LiveState, State, SyncStatus, SyncStatusReader
from opexdesk.services.tickets import Actor
from opexdesk.storage.models import OutboxEntry, Ticket
from opexdesk.storage.sync_models import Conflict
from opexdesk.ui.main_window import MainWindow
from opexdesk.ui.sync.conflicts_view import ConflictsDialog, MergeEditor
from opexdesk.ui.sync.sign_in_dialog import SignInDialog
from opexdesk.ui.sync.sync_controller import SyncController
from opexdesk.ui.sync.sync_indicator import SIGNED_OUT_TEXT, status_text
from opexdesk.ui.workers import Worker

PASSWORDS = {"alice": "alice password 1", "bob": "bob password 22"}


# ---- a real server process (as in tests/integration/test_client_sync.py) ---------------


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(tmp_path_factory.mktemp("server"), PASSWORDS) as base:
        yield base


# ---- helpers -----------------------------------------------------------------------------


class FixedClock(Clock):
    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now


def stack(widgets_or_images: list[QImage], path: Path) -> None:
    """Save images one under the other (one screenshot of several states)."""
    width = max(i.width() for i in widgets_or_images)
    height = sum(i.height() for i in widgets_or_images) + 6 * len(widgets_or_images)
    out = QImage(width, height, QImage.Format.Format_ARGB32)
    out.fill(Qt.GlobalColor.white)
    painter = QPainter(out)
    y = 0
    for image in widgets_or_images:
        painter.drawImage(0, y, image)
        y += image.height() + 6
    painter.end()
    assert out.save(str(path))


def grab(widget: QWidget) -> QImage:
    return widget.grab().toImage()


@pytest.fixture
def worker(qtbot) -> Iterator[Worker]:  # noqa: ANN001
    w = Worker()
    yield w
    w.shutdown()


# ---- sign-in dialog ----------------------------------------------------------------------


def test_sign_in_dialog_shows_errors_inline_then_signs_in(
    qtbot, ctx: AppContext, server_url: str, secret_service, worker: Worker, artifacts: Path
) -> None:  # noqa: ANN001
    session = SyncSession(ctx.db, SecretStore(secret_service), ctx.clock)
    dialog = SignInDialog(session, worker)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.focusWidget() is dialog.ui.serverEdit  # keyboard first: first empty field
    assert dialog.sign_in_button.isDefault()
    assert dialog.ui.serverLabel.buddy() is dialog.ui.serverEdit
    assert not dialog.ui.caEdit.isEnabled()  # the CA option is explicit
    qtbot.keyClicks(dialog.ui.serverEdit, server_url)
    qtbot.keyClicks(dialog.ui.userEdit, "alice")
    qtbot.keyClicks(dialog.ui.passwordEdit, "not the password")
    dialog.grab().save(str(artifacts / "sync_sign_in.png"))

    qtbot.keyClick(dialog.ui.passwordEdit, Qt.Key.Key_Return)  # Enter submits
    assert dialog.is_busy()  # on a worker: the GUI goes on
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
    assert "Check the user name and password" in dialog.error_text()
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.focusWidget() is dialog.ui.passwordEdit
    dialog.grab().save(str(artifacts / "sync_sign_in_error.png"))

    dialog.ui.passwordEdit.setText(PASSWORDS["alice"])
    assert dialog.error_text() == ""  # typing clears the old error
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.keyClick(dialog.ui.passwordEdit, Qt.Key.Key_Return)
    assert dialog.settings is not None and dialog.settings.username == "alice"
    assert session.signed_in
    session.sign_out()


def test_sign_in_dialog_unreachable_server_and_escape(
    qtbot, ctx: AppContext, worker: Worker, artifacts: Path
) -> None:  # noqa: ANN001
    session = SyncSession(ctx.db, SecretStore(fail.Keyring()), ctx.clock)
    dialog = SignInDialog(session, worker)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.ui.serverEdit.setText(f"http://127.0.0.1:{free_port()}")
    dialog.ui.userEdit.setText("王芳")  # setText: keyClicks aborts on non-ASCII text
    dialog.ui.passwordEdit.setText("secret")
    dialog.ui.caCheck.setChecked(True)
    assert dialog.ui.caEdit.isEnabled() and dialog.ui.caBrowseButton.isEnabled()
    dialog.accept()
    assert "Choose the CA certificate file" in dialog.error_text()
    dialog.ui.caCheck.setChecked(False)
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
    assert "Cannot reach the server" in dialog.error_text()
    assert "keep working offline" in dialog.error_text()
    dialog.grab().save(str(artifacts / "sync_sign_in_unreachable.png"))
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.ui.passwordEdit, Qt.Key.Key_Escape)
    assert not session.signed_in and session.settings().server_url is None

    offline = SignInDialog(session, worker)
    qtbot.addWidget(offline)
    offline.show()
    with qtbot.waitSignal(offline.rejected):
        offline.offline_button.click()
    assert offline.work_offline


# ---- status bar --------------------------------------------------------------------------


def test_status_bar_shows_each_sync_state(qtbot, ctx: AppContext, seed, artifacts: Path) -> None:  # noqa: ANN001
    seed(8)  # creates and status moves: local changes waiting in the outbox
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    status_bar = win.status
    indicator = status_bar.sync_indicator
    qtbot.waitUntil(lambda: win.sync.status is not None)
    assert status_bar.sync_label.text() == SIGNED_OUT_TEXT  # nothing configured: no network

    now = datetime.now(UTC)
    fresh = SyncStatusReader(ctx.db, FixedClock(now - timedelta(days=3) + timedelta(hours=2)))
    stale = SyncStatusReader(ctx.db, FixedClock(now))  # the oldest change is 3 days old
    signed_in = LiveState(signed_in=True)
    n = fresh.read().pending
    assert n > 8
    shots: list[QImage] = []

    def show(status: SyncStatus) -> str:
        status_bar.show_sync_status(status)
        QApplication.processEvents()
        shots.append(grab(status_bar))
        return status_bar.sync_label.text()

    def live(outcome: Outcome | None, **kw: object) -> LiveState:
        return LiveState(signed_in=True, last_outcome=outcome, **kw)  # type: ignore[arg-type]

    assert show(fresh.read(LiveState())) == SIGNED_OUT_TEXT
    assert show(fresh.read(live(Outcome.OFFLINE))) == f"Offline — {n} changes waiting"
    assert not indicator.warning
    assert show(fresh.read(LiveState(signed_in=True, syncing=True))) == "Syncing…"
    indicator.show_progress(SyncProgress("pull", 1500, 4000))
    assert indicator.progress.isVisible() and indicator.stop_button.isVisible()
    shots[-1] = grab(status_bar)
    up = fresh.read(live(Outcome.OK))
    assert show(up) == f"{n} changes waiting · never synced"
    synced_at = datetime(2026, 3, 2, 10, 42, tzinfo=UTC)
    clean = SyncStatus(State.UP_TO_DATE, last_sync_at=synced_at, now=synced_at)
    assert show(clean) == f"Up to date · synced {synced_at.astimezone():%H:%M}"
    assert not indicator.progress.isVisible()
    assert show(fresh.read(LiveState(auth_needed=True))) == f"Sign-in needed — {n} changes waiting"
    error = live(Outcome.SERVER_ERROR, last_message="The server failed (HTTP 503)")
    assert show(fresh.read(error)) == f"Sync problem — {n} changes waiting"
    assert "HTTP 503" in status_bar.sync_label.toolTip()

    # unsynced for more than 24 h: a warning style, the age in the tooltip
    warn = stale.read(live(Outcome.OFFLINE))
    assert warn.unsynced_too_long and warn.pending == n
    show(warn)
    assert indicator.warning
    assert "#fff3cd" in status_bar.sync_label.styleSheet()
    assert "2 days ago" in status_bar.sync_label.toolTip()  # 2 days 23 h, rounded down
    assert (
        not SyncStatusReader(ctx.db, FixedClock(now), threshold=timedelta(days=5))
        .read(signed_in)
        .unsynced_too_long
    )  # the threshold is configurable

    # a conflicts badge that opens the conflicts view
    badge = indicator.conflicts_button
    assert not badge.isVisible()
    show(SyncStatus(State.UP_TO_DATE, open_conflicts=2, last_sync_at=now, now=now))
    assert badge.isVisible() and badge.text() == "2 conflicts"
    opened: list[str] = []

    def close_when_up() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ConflictsDialog):
            opened.append(dialog.windowTitle())
            dialog.reject()
        else:
            QTimer.singleShot(20, close_when_up)

    QTimer.singleShot(0, close_when_up)
    qtbot.mouseClick(badge, Qt.MouseButton.LeftButton)
    assert opened == ["Conflicts"]
    stack(shots, artifacts / "sync_status_states.png")
    win.close()


def test_status_text_wording() -> None:
    now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    one = SyncStatus(State.OFFLINE, pending=1, rejected=2, now=now)
    assert status_text(one)[0] == "Offline — 1 change waiting · 2 refused"
    assert status_text(SyncStatus(State.OFFLINE, now=now))[0] == "Offline — working locally"


def test_the_tooltip_says_who_is_signed_in_with_role_and_grant() -> None:
    now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    up = SyncStatus(State.UP_TO_DATE, last_sync_at=now, server_url="https://desk", now=now)
    assert status_text(up)[1] == "In sync with https://desk"  # never signed in: no account
    tom = replace(up, username="tom", role="technician")
    assert status_text(tom)[1].endswith("\nSigned in as tom (technician)")
    editor = replace(tom, kb_editor=True)
    assert status_text(editor)[1].endswith("\nSigned in as tom (technician, knowledge-base editor)")
    newer = replace(tom, role="auditor")  # a role this version does not know: shown as is
    assert status_text(newer)[1].endswith("(auditor)")
    out = replace(editor, state=State.SIGNED_OUT)
    assert "Signed in" not in status_text(out)[1]


def test_the_status_carries_the_stored_role_and_grants(ctx: AppContext) -> None:
    from opexdesk.services.sync.status import LiveState
    from opexdesk.storage.sync_models import SYNC_STATE_ID, SyncState

    with ctx.db.transaction() as s:
        s.add(
            SyncState(
                id=SYNC_STATE_ID,
                client_id="c-1",
                username="tom",
                role="technician",
                grants="edit_articles",
                cursor=0,
            )
        )
    status = ctx.sync.status.read(LiveState(signed_in=True))
    assert (status.username, status.role, status.kb_editor) == ("tom", "technician", True)


def test_sync_menu_and_shortcuts(qtbot, ctx: AppContext) -> None:  # noqa: ANN001
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    menus = {a.text(): a.menu() for a in win.menuBar().actions()}
    sync_menu = menus["&Sync"]
    texts = [a.text() for a in sync_menu.actions() if not a.isSeparator()]
    assert texts == [
        "&Sign in…",
        "Sync &now",
        "&Conflicts…",
        "&Find tickets on the server…",
        "Sign &out",
    ]
    assert win.sync_now_action.shortcut().toString() == "F9"
    assert win.server_search_action.shortcut().toString() == "Ctrl+Shift+O"
    assert win.conflicts_action.shortcut().toString() == "Ctrl+Shift+K"
    assert not win.sign_out_action.isEnabled()
    from opexdesk.ui.shortcuts_dialog import shortcut_rows

    rows = dict(shortcut_rows(win.actions()))
    assert rows["Sync now"] == "F9" and rows["Conflicts…"] == "Ctrl+Shift+K"
    tools = [a.text() for a in menus["T&ools"].actions() if not a.isSeparator()]
    assert tools[-2:] == ["&Priority matrix…", "&Users…"]
    win.close()


# ---- conflicts view against a real server conflict --------------------------------------


def sync_client(ctx: AppContext, server_url: str, user: str) -> SyncEngine:
    api = SyncApi(server_url)
    api.login(user, PASSWORDS[user])
    return SyncEngine(ctx.db, api, ctx.clock)


def test_conflicts_view_side_by_side_and_one_click_resolution(
    qtbot, ctx: AppContext, server_url: str, tmp_path: Path, artifacts: Path
) -> None:  # noqa: ANN001
    alice = sync_client(ctx, server_url, "alice")
    bob_ctx = build_context(AppPaths.under(tmp_path / "bob"), username="bob")
    try:
        bob = sync_client(bob_ctx, server_url, "bob")
        base_text = "Toner is empty on floor 2. Please replace it before Monday."
        created = ctx.tickets.create(
            TicketDraft(title="Printer offline", description=base_text, requester="王芳")
        )
        tid = created.ticket_id
        alice.sync_once()
        bob.sync_once()
        bob_ctx.tickets.update(
            tid,
            {
                "title": "Printer offline on floor 2",
                "description": base_text.replace("before Monday", "before Friday noon"),
            },
        )
        bob.sync_once()
        ctx.tickets.update(
            tid,
            {
                "title": "打印机离线",
                "description": base_text.replace("before Monday", "by Tuesday morning"),
            },
        )
        report = alice.sync_once()
        assert report.conflicts >= 1
    finally:
        bob_ctx.close()

    dialog = ConflictsDialog(ctx.sync.conflicts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.count() >= 1
    by_field = {
        dialog.list.item(r).data(Qt.ItemDataRole.UserRole): r for r in range(dialog.list.count())
    }
    items = {i.field: i for i in ctx.sync.conflicts.open_conflicts()}
    assert "title" in items
    dialog.list.setCurrentRow(by_field[items["title"].id])
    assert dialog.yours.toPlainText() == "打印机离线"
    assert dialog.theirs.toPlainText() == "Printer offline on floor 2"
    assert dialog.mine_button.isEnabled() and not dialog.merge_button.isVisible()
    if "description" in items:  # text: the base is shown, and a merge editor is offered
        dialog.list.setCurrentRow(by_field[items["description"].id])
        assert "by Tuesday morning" in dialog.yours.toPlainText()
        assert "before Friday noon" in dialog.theirs.toPlainText()
        assert dialog.base.isVisible() and "before Monday" in dialog.base.toPlainText()
        assert dialog.merge_button.isVisible()
    dialog.grab().save(str(artifacts / "sync_conflicts_before.png"))

    with ctx.db.read() as s:
        outbox_before = len(s.scalars(select(OutboxEntry)).all())
    dialog.list.setCurrentRow(by_field[items["title"].id])
    with qtbot.waitSignal(dialog.resolved):
        qtbot.mouseClick(dialog.mine_button, Qt.MouseButton.LeftButton)  # one click
    with ctx.db.read() as s:
        conflict = s.get(Conflict, items["title"].id)
        assert conflict is not None and conflict.resolved_at is not None
        rows = s.scalars(select(OutboxEntry).order_by(OutboxEntry.client_seq)).all()
        assert len(rows) == outbox_before + 1
        assert rows[-1].entity == "conflict" and rows[-1].op == "resolve"
        title = s.scalar(select(Ticket.title).where(Ticket.id == tid))
    assert title == "打印机离线"
    assert "your value is used" in dialog.done_label.text()
    dialog.grab().save(str(artifacts / "sync_conflicts_after.png"))
    assert items["title"].id not in {i.id for i in ctx.sync.conflicts.open_conflicts()}

    if "description" in items:
        editor = MergeEditor(items["description"], dialog)
        editor.show()
        qtbot.waitExposed(editor)
        assert "by Tuesday morning" in editor.text()  # overlapping edits: starts from yours
        editor.grab().save(str(artifacts / "sync_merge_editor.png"))
        editor.reject()
        dialog.ask_merged_text = lambda item: "Replace the toner by Tuesday morning, or Friday."
        dialog.list.setCurrentRow(0)
        assert dialog.current() is not None and dialog.current().field == "description"  # type: ignore[union-attr]
        with qtbot.waitSignal(dialog.resolved):
            dialog.merge_button.click()
        with ctx.db.read() as s:
            text = s.scalar(select(Ticket.description).where(Ticket.id == tid))
        assert text == "Replace the toner by Tuesday morning, or Friday."
    assert dialog.count() == 0 and dialog.empty_label.isVisible()
    dialog.grab().save(str(artifacts / "sync_conflicts_done.png"))


# ---- the controller: rounds on a worker, after local changes and live events -----------


def test_controller_syncs_after_a_local_change_and_on_a_live_event(
    qtbot, ctx: AppContext, server_url: str, secret_service, tmp_path: Path
) -> None:  # noqa: ANN001
    sync = build_sync(
        ctx.db, ctx.blobs, ctx.notifier, Actor("alice"), ctx.clock, SecretStore(secret_service)
    )
    # short delays for the test; idle polling far away, so a pull can only come from the stream
    sync.runner.policy = BackoffPolicy(idle_s=300, after_local_s=0.2, after_remote_s=0.1)
    controller = SyncController(sync, ctx.notifier)
    statuses: list[SyncStatus] = []
    controller.status_changed.connect(statuses.append)
    try:
        sync.session.sign_in(server_url, "alice", PASSWORDS["alice"])
        with qtbot.waitSignal(controller.round_finished, timeout=20_000) as first:
            controller.signed_in_now()
        assert first.args[0].outcome == Outcome.OK
        qtbot.waitUntil(lambda: bool(statuses) and statuses[-1].state == State.UP_TO_DATE)

        with qtbot.waitSignal(controller.round_finished, timeout=20_000) as pushed:
            ctx.tickets.create(TicketDraft(title="Projector bulb broken", requester="Aiko Tanaka"))
        assert pushed.args[0].outcome == Outcome.OK and pushed.args[0].pushed == 1
        qtbot.waitUntil(lambda: statuses[-1].pending == 0 and not controller.syncing)

        qtbot.waitUntil(lambda: controller._live_thread is not None, timeout=10_000)
        time.sleep(1.0)  # let the stream connect
        bob_ctx = build_context(AppPaths.under(tmp_path / "bob"), username="bob")
        try:
            bob = sync_client(bob_ctx, server_url, "bob")
            with qtbot.waitSignal(controller.data_changed, timeout=20_000):
                bob_ctx.tickets.create(TicketDraft(title="Lift stuck at floor 3", requester="李雷"))
                bob.sync_once()
        finally:
            bob_ctx.close()
        with ctx.db.read() as s:
            assert s.scalar(select(Ticket.id).where(Ticket.title == "Lift stuck at floor 3"))
    finally:
        controller.shutdown()
        sync.session.sign_out()
        sync.close()


def test_main_window_signs_in_from_the_menu_syncs_with_f9_and_signs_out(
    qtbot, ctx: AppContext, seed, server_url: str, artifacts: Path
) -> None:  # noqa: ANN001
    seed(3)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.waitUntil(lambda: win.status.sync_label.text() == SIGNED_OUT_TEXT)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SignInDialog)
        dialog.ui.serverEdit.setText(server_url)
        dialog.ui.userEdit.setText("alice")
        dialog.ui.passwordEdit.setText(PASSWORDS["alice"])
        dialog.accept()

    def when_modal(action) -> None:  # noqa: ANN001
        def check() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(20, check)
            else:
                action(dialog)

        QTimer.singleShot(0, check)

    when_modal(fill)
    with qtbot.waitSignal(win.sync.round_finished, timeout=30_000) as first:
        win.sign_in_action.trigger()
    assert first.args[0].outcome == Outcome.OK and first.args[0].pushed > 0
    qtbot.waitUntil(lambda: win.status.sync_label.text().startswith("Up to date"), timeout=10_000)
    assert win.sign_out_action.isEnabled()
    assert win.sign_in_action.text() == "&Sign in again…"
    qtbot.wait(50)  # let the status bar lay out the new text
    assert "synced" in win.status.sync_label.text()
    assert win.status.sync_label.width() >= win.status.sync_label.sizeHint().width()
    win.grab().save(str(artifacts / "sync_main_window_signed_in.png"))

    win.activateWindow()  # offscreen: the window is not re-activated when the dialog closes
    qtbot.waitUntil(win.isActiveWindow)
    with qtbot.waitSignal(win.sync.round_finished, timeout=30_000) as again:
        qtbot.keyClick(win.table, Qt.Key.Key_F9)
    assert again.args[0].outcome == Outcome.OK

    win.sign_out_action.trigger()
    qtbot.waitUntil(lambda: win.status.sync_label.text() == SIGNED_OUT_TEXT, timeout=10_000)
    assert not win.sign_out_action.isEnabled()
    win.close()


def test_start_without_a_server_touches_neither_keyring_nor_network(qtbot, ctx: AppContext) -> None:  # noqa: ANN001
    touched: list[str] = []

    class WatchedStore(SecretStore):
        def check(self) -> None:
            touched.append("check")

        def load_refresh_token(self, account):  # noqa: ANN001, ANN201
            touched.append("load")

    def no_network(*_args: object, **_kw: object) -> SyncApi:
        touched.append("api")
        raise AssertionError("no server is configured")

    sync = build_sync(ctx.db, ctx.blobs, ctx.notifier, Actor("tester"), ctx.clock, WatchedStore())
    sync.session._api_factory = no_network
    controller = SyncController(sync, ctx.notifier)
    with qtbot.waitSignal(controller.status_changed, timeout=10_000):
        controller.start()
    ctx.tickets.create(TicketDraft(title="Offline only", requester="Maria Rossi"))
    qtbot.waitUntil(lambda: controller.status is not None and controller.status.pending == 1)
    controller.sync_now()  # F9 while signed out: nothing to run
    qtbot.wait(100)
    assert controller.status.state == State.SIGNED_OUT and not controller.syncing
    assert controller.next_round_in_ms() is None
    assert touched == []
    controller.shutdown()
