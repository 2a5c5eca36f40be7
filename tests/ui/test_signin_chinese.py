"""Sign-in, the server check, the keyring notice and the sync status in the user's language
(pytest-qt, offscreen): the refusals of tests/ui/test_welcome_flow.py and test_sync_ui.py (an
address nobody answers at, a web server that is not OpExDesk, a wrong password at a REAL
server) read in Chinese under the ``chinese`` fixture and unchanged under ``english``.

Screenshots: artifacts/zh_welcome_unreachable.png, zh_sign_in_refused.png."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers_settings import ForeignServers, foreign_servers
from keyring.backends import fail
from PySide6.QtWidgets import QWizard
from real_server import free_port, serving

from opexdesk.app import AppContext, SyncServices
from opexdesk.domain.ids import new_id
from opexdesk.domain.kept_messages import KeptMessage
from opexdesk.services.app_settings import AppSettingsStore
from opexdesk.services.secrets import SecretStore
from opexdesk.services.sync.api import ServerError, Unreachable
from opexdesk.services.sync.runner import Outcome, SyncRunner
from opexdesk.services.sync.session import NO_KEYRING_NOTICE, SyncSession
from opexdesk.services.sync.status import LiveState, State, SyncStatus, SyncStatusReader
from opexdesk.storage.sync_models import SYNC_STATE_ID, SyncState
from opexdesk.ui.sync.sign_in_dialog import SignInDialog
from opexdesk.ui.sync.sync_indicator import SyncIndicator, status_text
from opexdesk.ui.welcome.pages import PAGE_DOWNLOAD, PAGE_SIGN_IN
from opexdesk.ui.welcome.welcome_dialog import WelcomeDialog
from opexdesk.ui.workers import Worker

PASSWORDS = {"alice": "alice password 1"}
LANGUAGES = ("english", "chinese")
# What each refusal says (a part of it), and what it must not say, per language.
SAYS = {
    "english": {
        "unreachable": "Cannot reach the server http://127.0.0.1:",
        "offline": "You can keep working offline.",
        "foreign": "is not an OpExDesk server",
        "certificate": 'tick "Use a custom CA certificate"',
        "no password": "Enter your password.",
        "wrong password": "Check the user name and password, then try again.",
        "no keyring": "No keyring available: sign in each time.",
    },
    "chinese": {
        "unreachable": "无法连接服务器 http://127.0.0.1:",
        "offline": "你可以继续离线工作。",
        "foreign": "不是 OpExDesk 服务器",
        "certificate": "请勾选“使用自定义 CA 证书”",
        "no password": "请输入密码。",
        "wrong password": "请检查用户名和密码，然后重试。",
        "no keyring": "没有可用的密钥环：每次都需要登录。",
    },
}
ENGLISH_ONLY = ("Cannot reach", "check the address", "Sign-in failed", "Check the user name")


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> str:
    request.getfixturevalue(request.param)  # installs the language for this test
    return str(request.param)


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(tmp_path_factory.mktemp("signin-server"), PASSWORDS) as base:
        yield base


@pytest.fixture(scope="module")
def foreign(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ForeignServers]:
    """A plain-http web page and an https one with a self-signed certificate."""
    with foreign_servers(tmp_path_factory.mktemp("foreign")) as servers:
        yield servers


@pytest.fixture
def worker(qtbot) -> Iterator[Worker]:  # noqa: ANN001
    w = Worker()
    yield w
    w.shutdown()


def unreachable() -> str:
    return f"http://127.0.0.1:{free_port()}"


def assert_says(text: str, language: str, *keys: str) -> None:
    for key in keys:
        assert SAYS[language][key] in text, f"{key!r} not in {text!r}"
    if language == "chinese":
        assert not [w for w in ENGLISH_ONLY if w in text], text


# ---- the welcome flow ----------------------------------------------------------------------


def welcome(
    qtbot,  # noqa: ANN001
    ctx: AppContext,
    sync: SyncServices,
    runner: SyncRunner | None = None,
) -> WelcomeDialog:
    dialog = WelcomeDialog(
        AppSettingsStore.for_paths(ctx.paths),
        sync.session,
        runner or sync.runner,
        ctx.db,
        ctx.clock.now,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def check_address(qtbot, dialog: WelcomeDialog, url: str, ca_file: Path | None = None) -> str:  # noqa: ANN001
    page = dialog.connect_page
    page.url_edit.setText(url)
    page.ca_check.setChecked(ca_file is not None)
    page.ca_edit.setText(str(ca_file or ""))
    page.test_button.click()
    qtbot.waitUntil(lambda: not page.is_checking(), timeout=20_000)
    return page.message()


def sign_in_on_page_two(
    qtbot,  # noqa: ANN001
    dialog: WelcomeDialog,
    url: str,
    password: str = "secret",
) -> str:
    """Page 2 for ``url`` as if it had passed page 1's check (a server gone since, or a
    password refused): the sign-in's own refusal."""
    dialog.connect_page.url_edit.setText(url)
    dialog.setStartId(PAGE_SIGN_IN)
    dialog.restart()
    page = dialog.sign_in_page
    page.user_edit.setText("alice")
    page.password_edit.setText(password)
    dialog.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=20_000)
    assert dialog.currentId() == PAGE_SIGN_IN
    return page.error_text()


def test_the_welcome_check_refuses_in_the_users_language(
    qtbot,  # noqa: ANN001
    ctx: AppContext,
    sync: SyncServices,
    foreign: ForeignServers,
    language: str,
    artifacts: Path,
) -> None:
    dialog = welcome(qtbot, ctx, sync)
    assert_says(check_address(qtbot, dialog, unreachable()), language, "unreachable", "offline")
    if language == "chinese":
        qtbot.wait(200)
        dialog.grab().save(str(artifacts / "zh_welcome_unreachable.png"))
    assert_says(check_address(qtbot, dialog, foreign.plain), language, "foreign")
    assert_says(check_address(qtbot, dialog, foreign.tls), language, "certificate")
    trusted = check_address(qtbot, dialog, foreign.tls, foreign.certificate)
    assert_says(trusted, language, "foreign")  # trusted now, but not ours
    dialog.reject()


def test_the_welcome_check_says_connected_in_the_users_language(
    qtbot,  # noqa: ANN001
    ctx: AppContext,
    sync: SyncServices,
    server_url: str,
    language: str,
) -> None:
    dialog = welcome(qtbot, ctx, sync)
    said = check_address(qtbot, dialog, server_url)
    connected = {"english": "Connected: ", "chinese": "已连接："}[language]
    assert said.startswith(connected) and server_url in said
    dialog.reject()


def test_the_welcome_sign_in_refuses_in_the_users_language(
    qtbot,  # noqa: ANN001
    ctx: AppContext,
    sync: SyncServices,
    foreign: ForeignServers,
    server_url: str,
    language: str,
) -> None:
    dialog = welcome(qtbot, ctx, sync)
    said = sign_in_on_page_two(qtbot, dialog, unreachable())
    assert_says(said, language, "unreachable", "offline")
    assert_says(sign_in_on_page_two(qtbot, dialog, foreign.plain), language, "foreign")
    assert_says(sign_in_on_page_two(qtbot, dialog, server_url, ""), language, "no password")
    wrong = sign_in_on_page_two(qtbot, dialog, server_url, "not the password")
    assert_says(wrong, language, "wrong password")
    assert "'alice'" in wrong  # the account stays named, whatever the language
    assert not sync.session.signed_in
    dialog.reject()


def test_a_failed_first_download_is_told_in_the_users_language(
    qtbot,  # noqa: ANN001
    ctx: AppContext,
    sync: SyncServices,
    language: str,
) -> None:
    class Down:
        def sync_once(self, on_progress: object = None) -> None:
            raise Unreachable(
                "Cannot reach the server {server_url} ({reason}); check the address and "
                "the network. You can keep working offline.",
                server_url="http://127.0.0.1:9",
                reason="[Errno 111] Connection refused",
            )

    dialog = welcome(qtbot, ctx, sync, SyncRunner(Down))
    dialog.connect_page.url_edit.setText("http://127.0.0.1:9")
    dialog.setStartId(PAGE_DOWNLOAD)
    dialog.restart()
    page = dialog.download_page
    qtbot.waitUntil(lambda: not page.is_running() and page.retry_button.isVisibleTo(page))
    shown = page.status_label.text()
    start = {"english": "The download did not finish: ", "chinese": "下载未完成："}[language]
    assert shown.startswith(start)
    assert_says(shown, language, "unreachable", "offline")
    dialog.reject()


# ---- Sync > Sign in… ----------------------------------------------------------------------


def sign_in_dialog(qtbot, session: SyncSession, worker: Worker) -> SignInDialog:  # noqa: ANN001
    dialog = SignInDialog(session, worker)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def refusal(qtbot, dialog: SignInDialog, url: str, password: str = "secret") -> str:  # noqa: ANN001
    dialog.ui.serverEdit.setText(url)
    dialog.ui.userEdit.setText("alice")
    dialog.ui.passwordEdit.setText(password)
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
    assert dialog.isVisible()
    return dialog.error_text()


def test_the_sign_in_dialog_refuses_in_the_users_language(
    qtbot,  # noqa: ANN001
    ctx: AppContext,
    worker: Worker,
    foreign: ForeignServers,
    server_url: str,
    language: str,
    artifacts: Path,
) -> None:
    session = SyncSession(ctx.db, SecretStore(fail.Keyring()), ctx.clock)
    dialog = sign_in_dialog(qtbot, session, worker)
    assert_says(refusal(qtbot, dialog, unreachable()), language, "unreachable", "offline")
    assert_says(refusal(qtbot, dialog, foreign.plain), language, "foreign")
    assert_says(refusal(qtbot, dialog, foreign.tls), language, "certificate")
    assert_says(refusal(qtbot, dialog, server_url, ""), language, "no password")
    wrong = refusal(qtbot, dialog, server_url, "not the password")
    assert_says(wrong, language, "wrong password")
    if language == "chinese":
        assert wrong.startswith("以 'alice' 身份登录失败：")  # the server's reason follows
        assert "用户名或密码错误。" in wrong  # ...in Chinese too (sent with its template)
        assert "Wrong username" not in wrong
        dialog.grab().save(str(artifacts / "zh_sign_in_refused.png"))
    else:
        assert "Wrong username or password." in wrong
    assert not session.signed_in and session.settings().server_url is None


def test_the_no_keyring_notice_is_in_the_users_language(
    qtbot,  # noqa: ANN001
    ctx: AppContext,
    worker: Worker,
    language: str,
) -> None:
    session = SyncSession(ctx.db, SecretStore(fail.Keyring()), ctx.clock)
    session.notice = NO_KEYRING_NOTICE  # as after a sign-in without a keyring
    dialog = sign_in_dialog(qtbot, session, worker)
    assert_says(dialog.ui.noticeLabel.text(), language, "no keyring")


# ---- the status bar ------------------------------------------------------------------------


def test_the_sync_status_is_in_the_users_language(
    qtbot,  # noqa: ANN001
    ctx: AppContext,
    seed,  # noqa: ANN001
    language: str,
) -> None:
    seed(3)  # local changes waiting in the outbox
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)

    class Failing:
        def sync_once(self, on_progress: object = None) -> None:
            raise ServerError(
                "The server failed (HTTP {status}: {detail}); try again later.",
                status=503,
                detail="Service Unavailable",
            )

    result = SyncRunner(Failing).run_round()
    assert result.outcome == Outcome.SERVER_ERROR
    live = LiveState(  # what the sync controller hands the reader
        signed_in=True,
        last_outcome=result.outcome,
        last_message=result.message,
        last_template=result.template,
        last_params=result.params,
    )
    status = SyncStatusReader(ctx.db, threshold=timedelta(days=30)).read(live)
    n = status.pending
    assert n >= 3
    assert status.last_error == (
        "The server failed (HTTP 503: Service Unavailable); try again later."
    )  # English for logs
    indicator.show_status(status)
    text, tip = indicator.state_label.text(), indicator.state_label.toolTip()
    stale = SyncStatusReader(ctx.db, threshold=timedelta(0)).read(
        LiveState(signed_in=True, last_outcome=Outcome.OFFLINE)
    )
    offline, warning = status_text(stale)
    synced_at = datetime(2026, 3, 2, 10, 42, tzinfo=UTC)
    up = SyncStatus(State.UP_TO_DATE, last_sync_at=synced_at, now=synced_at + timedelta(days=3))
    up_text = status_text(up)[0]
    local = synced_at.astimezone()
    if language == "english":
        assert text == f"Sync problem — {n} changes waiting"
        assert tip == "The server failed (HTTP 503: Service Unavailable); try again later."
        assert offline == f"Offline — {n} changes waiting"
        assert warning.startswith("The oldest change waiting was made ")
        assert up_text == f"Up to date · synced {local:%d %b %H:%M}"  # as before
    else:
        assert text == f"同步出现问题 — {n} 项更改待发送"
        assert tip == "服务器出错（HTTP 503：Service Unavailable）；请稍后重试。"
        assert offline == f"离线 — {n} 项更改待发送"
        assert warning.startswith("等待中最早的更改是 ")
        assert up_text == f"已是最新 · 同步于 {local.month}月{local.day}日 {local:%H:%M}"


def test_the_error_stored_by_the_last_round_is_shown_translated_after_a_restart(
    qtbot,  # noqa: ANN001
    ctx: AppContext,
    language: str,
) -> None:
    error = ServerError(
        "The server failed (HTTP {status}: {detail}); try again later.",
        status=503,
        detail="Service Unavailable",
    )
    with ctx.db.transaction() as s:  # what SyncEngine._record_error leaves behind
        s.add(
            SyncState(
                id=SYNC_STATE_ID, client_id=new_id(), **KeptMessage.of(error).fields("last_error")
            )
        )
    # A new run: the controller knows of no error yet, the failed round is in the database.
    status = SyncStatusReader(ctx.db).read(
        LiveState(signed_in=True, last_outcome=Outcome.SERVER_ERROR)
    )
    assert status.last_error == str(error)
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.show_status(status)
    tip = indicator.state_label.toolTip()
    if language == "english":
        assert tip == "The server failed (HTTP 503: Service Unavailable); try again later."
    else:
        assert "服务器" in tip and "503" in tip and "try again" not in tip
