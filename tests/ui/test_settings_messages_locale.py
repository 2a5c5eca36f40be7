"""Settings, SLA policy, calendar, shared settings, data folder and notification messages in
the Chinese UI (the `chinese` fixture), and the same screens unchanged in English."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from opexdesk.app import AppContext
from opexdesk.domain.business_calendar import BusinessCalendar
from opexdesk.domain.errors import Term, ValidationError
from opexdesk.domain.kept_messages import Message
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.domain.shared_config import refuse_dropped_levels
from opexdesk.domain.sla import DEFAULT_POLICY, SlaPolicy
from opexdesk.services.alerts import Alert
from opexdesk.services.app_settings import AppSettingsStore, Theme
from opexdesk.services.local_data import DataMoveError, unsynced_changes
from opexdesk.ui import settings_data
from opexdesk.ui.alerts_wiring import translated
from opexdesk.ui.crash import CrashDialog, report_for
from opexdesk.ui.i18n import error_text
from opexdesk.ui.settings_dialog import SettingsDialog
from opexdesk.ui.theme import apply_theme


@pytest.fixture
def store(ctx: AppContext) -> AppSettingsStore:
    return AppSettingsStore.for_paths(ctx.paths)


@pytest.fixture(autouse=True)
def _system_theme_after(qapp: QApplication) -> Iterator[None]:
    yield
    apply_theme(qapp, Theme.SYSTEM)


def make_dialog(qtbot, ctx: AppContext, store: AppSettingsStore) -> SettingsDialog:  # noqa: ANN001
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    dialog = SettingsDialog(
        store,
        data_dir=ctx.paths.data,
        pending_count=lambda: unsynced_changes(ctx.sync.status),
        apply_theme=lambda theme: apply_theme(app, theme),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def newer_file(store: AppSettingsStore) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text('{"version": 99}')


def raised(call: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call()  # type: ignore[operator]
    return caught.value


def bad_target() -> ValidationError:
    return raised(
        lambda: SlaPolicy.from_dict({"targets": {"P1": {"response": "2d", "resolution": "4h"}}})
    )


def bad_calendar() -> ValidationError:
    return raised(lambda: BusinessCalendar.from_dict({"hours": {"mon": ["18:00-09:00"]}}))


def dropped_level() -> ValidationError:
    before = PriorityMatrix()
    cells = {key: value for key, value in before.cells.items() if key[0] <= 3}
    new = PriorityMatrix(cells, before.impacts[:3], before.urgencies, before.priorities)
    return raised(lambda: refuse_dropped_levels(new, before, {"impact": {4: (2, 1)}}))


# ---- domain rules --------------------------------------------------------------------------


def test_sla_and_calendar_errors_in_chinese(chinese: QApplication) -> None:
    text = error_text(bad_target())
    assert text.startswith("P1 响应目标：'2d' 不是时长"), text
    assert "ends before it starts" not in error_text(bad_calendar())
    assert error_text(bad_calendar()).startswith("mon：'18:00-09:00' 的结束时间早于开始时间")
    closing = {**DEFAULT_POLICY.to_dict(), "pausing_statuses": ["closed"]}
    pausing = raised(lambda: SlaPolicy.from_dict(closing))
    assert error_text(pausing).startswith("已关闭不能暂停 SLA 计时")
    dropped = error_text(dropped_level())
    assert dropped.startswith("有 2 张工单的影响为 4（"), dropped
    assert "请先修改这些工单的影响" in dropped


def test_sla_and_calendar_errors_unchanged_in_english(english: QApplication) -> None:
    assert error_text(bad_target()) == str(bad_target())
    assert str(bad_target()).startswith("P1 response: '2d' is not a duration;")
    assert error_text(bad_calendar()) == (
        "mon: '18:00-09:00' ends before it starts; split a night shift at midnight "
        "(e.g. '22:00-24:00' and the next day '00:00-06:00')."
    )
    assert error_text(dropped_level()).startswith("2 tickets have impact 4 (Minor); 1 of them")


# ---- settings dialog -----------------------------------------------------------------------


def test_field_errors_and_newer_file_in_chinese(
    qtbot, ctx: AppContext, store: AppSettingsStore, chinese: QApplication, tmp_path: Path
) -> None:  # noqa: ANN001
    newer_file(store)
    dialog = make_dialog(qtbot, ctx, store)
    notice = dialog.notice_label.text().replace("\u200b", "")
    assert notice.startswith(f"设置文件 {store.path} 由更新版本的 OpExDesk 写入")
    dialog.server_edit.setText("http://desk.example.com")
    dialog.ca_check.setChecked(True)
    dialog.ca_edit.setText(str(tmp_path / "missing-ca.pem"))
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert dialog.error_text("server_url").startswith("网络上的服务器请使用 https://")
    assert dialog.error_text("ca_file") == "CA 证书文件 missing-ca.pem 不存在。"


def test_field_errors_and_newer_file_in_english(
    qtbot, ctx: AppContext, store: AppSettingsStore, english: QApplication, tmp_path: Path
) -> None:  # noqa: ANN001
    newer_file(store)
    dialog = make_dialog(qtbot, ctx, store)
    notice = dialog.notice_label.text().replace("\u200b", "")
    assert notice == store.notice
    assert notice.startswith(f"The settings file {store.path} was written by a newer version")
    dialog.server_edit.setText("http://desk.example.com")
    dialog.ok_button.click()
    assert dialog.error_text("server_url") == (
        "Use https:// for a server on the network (http is allowed for localhost only)."
    )


def test_server_test_problem_in_chinese(
    qtbot, ctx: AppContext, store: AppSettingsStore, chinese: QApplication
) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx, store)
    dialog.server_edit.setText("https://desk.example.com:99999")
    dialog.test_connection()
    qtbot.waitUntil(lambda: not dialog.is_testing(), timeout=10_000)
    assert dialog.test_result.text() == "“https://desk.example.com:99999”的端口号无效。"


def test_failed_moves_and_reset_in_chinese(
    qtbot,
    ctx: AppContext,
    store: AppSettingsStore,
    chinese: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx, store)
    page = dialog.data_page
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("keep me")
    assert not page.move_to(busy)
    shown = page.move_message.text().replace("\u200b", "")
    assert shown == f"文件夹 {busy} 不为空；请选择一个空文件夹或新文件夹。"

    def failing_copy(*_args: object) -> None:
        raise DataMoveError(
            "The copy of {name} failed its check: {check}.", name="opexdesk.sqlite3", check="x"
        )

    monkeypatch.setattr(settings_data, "move_data", failing_copy)
    assert page.move_to(tmp_path / "new")
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10_000)
    assert page.move_message.text() == "opexdesk.sqlite3 的副本未通过检查：x。"

    newer_file(store)
    store.reload()  # saving is refused now: the reset says why
    page.ask_yes_no = lambda *_args: True
    assert not page.reset_local_data()
    assert "由更新版本的 OpExDesk 写入" in page.reset_message.text().replace("\u200b", "")


def test_failed_move_in_english(
    qtbot, ctx: AppContext, store: AppSettingsStore, english: QApplication, tmp_path: Path
) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot, ctx, store)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("keep me")
    assert not dialog.data_page.move_to(busy)
    assert dialog.data_page.move_message.text().replace("\u200b", "") == (
        f"The folder {busy} is not empty; choose an empty or a new folder."
    )


# ---- notifications and start-up messages ---------------------------------------------------


def sla_alert() -> Alert:
    first = Message(
        "{number} breaches its {timer} target in {left}",
        number="L-7",
        timer=Term("response"),
        left=timedelta(minutes=25),
    )
    return Alert(
        "sla",
        Message("{count} tickets near an SLA breach", count=2),
        Message("{count} tickets near an SLA breach; first: {first}", count=2, first=first),
    )


def test_notifications_in_chinese(chinese: QApplication) -> None:
    shown = translated(sla_alert())
    assert shown.title == "2 张工单即将 SLA 超时"
    assert shown.message == "2 张工单即将 SLA 超时；最早的：L-7 的响应目标将在 25分钟后超时"


def test_notifications_in_english(english: QApplication) -> None:
    shown = translated(sla_alert())
    assert shown.title == "2 tickets near an SLA breach"
    assert shown.message == (
        "2 tickets near an SLA breach; first: L-7 breaches its response target in 25 min"
    )


def test_start_up_messages_in_chinese(chinese: QApplication, tmp_path: Path) -> None:
    note = Message(
        "The data could not be moved to {new}: {error} OpExDesk keeps using {old}.",
        new=tmp_path / "new",
        error=DataMoveError("The copy of {name} does not match the original.", name="a.bin"),
        old=tmp_path / "old",
    )
    assert str(note).endswith(
        "does not match the original. OpExDesk keeps using " + str(tmp_path / "old") + "."
    )
    assert settings_data.shown_text(note) == (
        f"无法将数据移动到 {tmp_path / 'new'}：a.bin 的副本与原文件不一致。 "
        f"OpExDesk 将继续使用 {tmp_path / 'old'}。"
    )


# ---- crash dialog --------------------------------------------------------------------------


def test_crash_dialog_shows_a_rule_message_in_chinese(
    qtbot, chinese: QApplication, tmp_path: Path
) -> None:  # noqa: ANN001
    error = bad_target()
    report = report_for((type(error), error, None), tmp_path / "opexdesk.log", "MainThread")
    dialog = CrashDialog(report)
    qtbot.addWidget(dialog)
    assert dialog.summary.text().startswith("ValidationError: P1 响应目标：'2d' 不是时长")
    assert report.summary.startswith("ValidationError: P1 response: '2d' is not a duration")
    assert dialog.windowTitle() == "OpExDesk – 意外错误"
