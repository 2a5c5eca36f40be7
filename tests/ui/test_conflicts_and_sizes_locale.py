"""The conflicts view, data sizes and the shared progress run follow the language: field
names, statuses, levels, rules and times in Chinese with the Chinese catalogue installed,
English without it. Screenshot: artifacts/zh_conflicts.png."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QWidget
from test_language_switch import clipped, missing_glyphs

from opexdesk.app import AppContext
from opexdesk.domain.ticket import TicketDraft
from opexdesk.domain.units import size_text
from opexdesk.storage.sync_models import Conflict
from opexdesk.ui.locale_format import format_size
from opexdesk.ui.progress_run import Cancelled, Progress, ProgressRun
from opexdesk.ui.sync.conflicts_view import ConflictsDialog
from opexdesk.ui.tickets.formatting import local_time

HAN = re.compile(r"[\u4e00-\u9fff]")
WHEN = datetime(2026, 12, 6, 13, 58, tzinfo=UTC)


# ---- the conflicts view --------------------------------------------------------------------


def add_conflicts(ctx: AppContext) -> str:
    """Open conflicts on one ticket (status, urgency, a due time) and one on a ticket the
    server deleted; returns the ticket's display number."""
    created = ctx.tickets.create(TicketDraft(title="打印机离线", requester="王芳"))
    due = WHEN + timedelta(days=2)
    rows = [
        ("status", "assigned", "in_progress", "resolved", "workflow"),
        ("urgency", 3, 1, 2, "server_kept"),
        ("resolution_due_at", None, due.isoformat(), WHEN.isoformat(), "permission"),
    ]
    with ctx.db.transaction() as s:
        for n, (field, base, local, server, rule) in enumerate(rows):
            s.add(
                Conflict(
                    id=f"0190f0f0-0000-7000-8000-00000000000{n}",
                    ticket_id=created.ticket_id,
                    field=field,
                    base=base,
                    local=local,
                    server=server,
                    rule=rule,
                    created_at=WHEN + timedelta(minutes=n),
                    server_seq=n + 1,
                )
            )
        s.add(
            Conflict(
                id="0190f0f0-0000-7000-8000-0000000000ff",
                ticket_id="0190f0f0-0000-7000-8000-00000000dead",
                field=None,
                rule="ticket_missing",
                created_at=WHEN + timedelta(minutes=9),
                server_seq=9,
            )
        )
    return ctx.tickets.get(created.ticket_id).display_number


def open_dialog(qtbot, ctx: AppContext) -> ConflictsDialog:  # noqa: ANN001
    dialog = ConflictsDialog(ctx.sync.conflicts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def shown(dialog: ConflictsDialog, row: int) -> dict[str, str]:
    dialog.list.setCurrentRow(row)
    item = dialog.list.item(row)
    return {
        "row": item.text(),
        "tip": item.toolTip(),
        "rule": dialog.rule_label.text(),
        "when": dialog.when_label.text(),
        "yours": dialog.yours.toPlainText(),
        "theirs": dialog.theirs.toPlainText(),
    }


def test_conflicts_view_in_english(qtbot, ctx: AppContext, english: QApplication) -> None:  # noqa: ANN001
    number = add_conflicts(ctx)
    dialog = open_dialog(qtbot, ctx)
    assert dialog.count() == 4
    status = shown(dialog, 0)
    assert status["row"].startswith(f"{number} · Status")
    assert status["rule"] == "Status: Not allowed by the workflow"
    assert status["when"] == f"Conflict noticed {local_time(WHEN)}"
    # Theirs: the value on this device now (the ticket is still New here).
    assert (status["yours"], status["theirs"]) == ("In progress", "New")
    urgency = shown(dialog, 1)
    assert urgency["yours"] == "1 – Critical"
    assert urgency["tip"] == "Both changed it; the server's value was kept"
    due = shown(dialog, 2)
    assert due["row"].startswith(f"{number} · Resolution due")
    assert due["yours"] == local_time(WHEN + timedelta(days=2))
    gone = shown(dialog, 3)
    assert gone["row"].startswith("(deleted) · Change")
    assert gone["rule"] == "Change: The ticket no longer exists"
    assert gone["yours"] == "(empty)"
    dialog.list.setCurrentRow(0)
    assert dialog.resolve_current("server")
    assert dialog.done_label.text() == (
        f"{number} Status: the server's value stays; it goes to the server with the next sync."
    )


def test_conflicts_view_in_chinese(
    qtbot,  # noqa: ANN001
    ctx: AppContext,
    chinese: QApplication,
    artifacts: Path,
) -> None:
    number = add_conflicts(ctx)
    dialog = open_dialog(qtbot, ctx)
    status = shown(dialog, 0)
    assert status["row"].startswith(f"{number} · 状态")
    assert status["rule"] == "状态：工作流不允许此操作"
    assert (status["yours"], status["theirs"]) == ("处理中", "新建")
    # zh_CN times: year/month/day and a 24-hour clock.
    local = WHEN.astimezone()
    assert status["when"] == f"发现冲突于 {local.year}/{local.month}/{local.day} {local:%H:%M}"
    urgency = shown(dialog, 1)
    assert urgency["row"].startswith(f"{number} · 紧急程度")
    assert urgency["yours"] == "1 – 紧急" and HAN.search(urgency["theirs"])
    assert urgency["tip"] == "双方都修改了此项；已保留服务器上的值"
    due = shown(dialog, 2)
    assert due["row"].startswith(f"{number} · 解决期限")
    assert due["yours"] == local_time(WHEN + timedelta(days=2)) and "/" in due["yours"]
    gone = shown(dialog, 3)
    assert gone["row"].startswith("（已删除） · 修改")
    assert gone["rule"] == "修改：该工单已不存在"
    assert gone["yours"] == "（空）"
    assert dialog.title_label.text() == "（已删除）"
    dialog.list.setCurrentRow(1)
    qtbot.wait(50)
    dialog.grab().save(str(artifacts / "zh_conflicts.png"))
    assert not missing_glyphs(dialog), missing_glyphs(dialog)
    assert not clipped(dialog), clipped(dialog)
    assert dialog.resolve_current("local")
    assert "紧急程度" in dialog.done_label.text() and HAN.search(dialog.done_label.text())


# ---- data sizes ----------------------------------------------------------------------------


SIZES = [0, 1, 950, 1024, 12_800, 1_048_575, 26_214_400, 5 * 1024**3]


def test_sizes_in_english_match_the_domain_wording(english: QApplication) -> None:
    assert [format_size(n) for n in SIZES] == [
        "0 bytes",
        "1 byte",
        "950 bytes",
        "1 KB",
        "12.5 KB",
        "1,024 KB",
        "25 MB",
        "5 GB",
    ]
    # Apart from the thousands separator, the same words as the CLI and log messages.
    assert [format_size(n).replace(",", "") for n in SIZES] == [size_text(n) for n in SIZES]


def test_sizes_in_chinese(chinese: QApplication) -> None:
    assert format_size(1) == "1 字节"
    assert format_size(950) == "950 字节"
    assert format_size(12_800) == "12.5 KB"
    assert format_size(26_214_400) == "25 MB"
    assert format_size(12_800, QLocale(QLocale.Language.German)) == "12,5 KB"


# ---- the shared progress run ---------------------------------------------------------------


def test_progress_run_reports_progress_cancel_and_errors(qtbot, english: QApplication) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    run = ProgressRun(parent, "Counting", "{0:,} of {1:,} rows", "{0:,} rows checked")
    labels: list[str] = []
    run.progressed.connect(lambda *_: labels.append(run.progress.labelText()))

    def count(progress: Progress, cancelled: Cancelled) -> int:
        progress(1500, 0)
        progress(2000, 4000)
        return 42

    with qtbot.waitSignal(run.finished) as done:
        run.start(count)
    assert done.args[0].result == 42 and not run.running
    assert labels == ["1,500 rows checked", "2,000 of 4,000 rows"]

    def until_cancelled(progress: Progress, cancelled: Cancelled) -> str:
        run.cancel()  # as the dialog's Cancel button does
        return "stopped" if cancelled() else "ran on"

    with qtbot.waitSignal(run.finished) as done:
        run.start(until_cancelled)
    assert done.args[0].result == "stopped" and run.cancelled()

    def failing(progress: Progress, cancelled: Cancelled) -> None:
        raise OSError("disk full")

    with qtbot.waitSignal(run.finished) as done:
        run.start(failing)
    assert isinstance(done.args[0].error, OSError) and not run.cancelled()
    run.shutdown()


# ---- the CSV import preview ----------------------------------------------------------------


def test_import_preview_in_chinese(
    qtbot,  # noqa: ANN001
    ctx: AppContext,
    chinese: QApplication,
    tmp_path: Path,
) -> None:
    """The service words the preview in English; the wizard shows it in the language."""
    from test_import_wizard import ROWS, cell, opened_wizard, write_csv

    wizard = opened_wizard(qtbot, ctx, write_csv(tmp_path / "zh.csv", ROWS))
    assert "以逗号分隔" in wizard.file_info.text()
    assert wizard.encoding_combo.itemText(0) == "自动检测（UTF-8 / 带 BOM 的 UTF-16）"
    assert cell(wizard.preview, 0, 6).text() == "3 中等"  # impact
    assert cell(wizard.preview, 0, 8).text() == "处理中"
    assert wizard.preview.horizontalHeaderItem(11).text() == "创建时间"
    created = cell(wizard.preview, 0, 11).text()
    assert created.startswith("2025/3/5"), created
