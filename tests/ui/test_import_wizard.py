"""The import wizard and export dialog, offscreen with a real store: suggested mapping,
value mapping, preview, validation report with Copy, Import enabled only when clean, the
rollback message, and the File-menu wiring."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QTableWidget, QTableWidgetItem
from sqlalchemy import text

from opexdesk.app import AppContext
from opexdesk.services.ticket_export import TicketExporter
from opexdesk.services.ticket_import import TicketImporter
from opexdesk.services.ticket_list import TicketFilter
from opexdesk.ui.import_export import install_import_export
from opexdesk.ui.import_export.export_dialog import ExportDialog
from opexdesk.ui.import_export.import_wizard import ImportWizard

ROWS = [
    ["标题", "问题描述", "申请人", "地点", "紧急程度", "影响度", "状态", "处理人", "创建时间"],
    [
        "打印机卡纸",
        "三楼打印机卡纸",
        "王芳",
        "上海",
        "高",
        "中",
        "处理中",
        "chen.wei",
        "2025-03-05 09:30",
    ],
    ["VPN 断线", "每隔几分钟断开", "李雷", "北京", "紧急", "高", "新建", "", "2025-03-06 10:00"],
    ["邮箱满了", "无法接收邮件", "王芳", "上海", "低", "低", "已解决", "alice", "2025-03-07 11:15"],
    ["Laptop swollen", "battery", "John", "Lyon", "Whenever", "中", "待定", "bob", "2025-03-08"],
    ["", "no title", "John", "Lyon", "低", "低", "新建", "", "2025-02-30"],
]


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def ticket_count(ctx: AppContext) -> int:
    with ctx.db.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM tickets")).scalar_one())


def opened_wizard(qtbot, ctx: AppContext, path: Path) -> ImportWizard:  # noqa: ANN001
    wizard = ImportWizard(TicketImporter(ctx.db, ctx.tickets, ctx.notifier, ctx.clock))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.open_file(path)
    qtbot.waitUntil(lambda: wizard.preview.rowCount() > 0, timeout=10_000)
    return wizard


def run_and_wait(qtbot, wizard: ImportWizard, button) -> None:  # noqa: ANN001
    button.click()
    qtbot.waitUntil(lambda: not wizard.run.running, timeout=30_000)


def test_mapping_preview_report_and_import(
    qtbot, ctx: AppContext, tmp_path: Path, artifacts: Path
) -> None:  # noqa: ANN001
    wizard = opened_wizard(qtbot, ctx, write_csv(tmp_path / "desk.csv", ROWS))
    assert "UTF-8 (with BOM), comma-separated, 9 columns" in wizard.file_info.text()
    assert wizard.columns.combo("标题").currentData() == "title"
    assert wizard.columns.combo("问题描述").currentData() == "description"
    assert wizard.columns.combo("处理人").currentData() == "assignee"
    assert wizard.columns.combo("创建时间").currentData() == "created_at"
    assert wizard.values.combo_for("urgency", "高").currentData() == 2
    assert wizard.values.combo_for("status", "处理中").currentData() == "in_progress"
    assert wizard.values.combo_for("urgency", "Whenever").currentData() is None
    assert wizard.values.combo_for("status", "待定").currentData() == "pending"
    # Preview: cleaned values of good rows, problems marked on bad ones.
    assert cell(wizard.preview, 0, 1).text() == "打印机卡纸"
    assert cell(wizard.preview, 0, 6).text() == "3 Moderate"  # impact 中
    assert cell(wizard.preview, 0, 7).text() == "2 High"  # urgency 高
    assert cell(wizard.preview, 0, 8).text() == "In progress"
    bad_urgency = cell(wizard.preview, 3, 7)
    assert "not a level of the priority matrix" in bad_urgency.toolTip()
    assert not wizard.import_button.isEnabled()

    wizard.tabs.setCurrentIndex(0)
    wizard.resize(1100, 620)
    wizard.grab().save(str(artifacts / "import_mapping.png"))

    run_and_wait(qtbot, wizard, wizard.validate_button)
    problems = wizard.report.problems()
    assert [(p.row, p.column, p.value) for p in problems] == [
        (5, "紧急程度", "Whenever"),
        (6, "标题", ""),
        (6, "创建时间", "2025-02-30"),
    ]
    assert "3 problems in 2 of 5 rows" in wizard.report.summary.text()
    assert wizard.tabs.currentIndex() == 3
    wizard.grab().save(str(artifacts / "import_validation.png"))
    assert not wizard.import_button.isEnabled()
    wizard.report.copy_button.click()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[0] == "Row\tColumn\tValue\tReason"
    assert copied[1].startswith("5\t紧急程度\tWhenever\tUrgency 'Whenever' is not a level")

    # Fix by mapping: a value, the empty title from the description, and the date column off.
    wizard.values.combo_for("urgency", "Whenever").setCurrentIndex(4)  # 4 Low
    wizard.title_fallback.setChecked(True)
    wizard.columns.combo("创建时间").setCurrentIndex(0)
    wizard.tabs.setCurrentIndex(1)
    wizard.grab().save(str(artifacts / "import_values.png"))
    wizard.tabs.setCurrentIndex(2)
    wizard.grab().save(str(artifacts / "import_preview.png"))
    run_and_wait(qtbot, wizard, wizard.validate_button)
    assert wizard.report.problems() == []
    assert "All 5 rows are valid" in wizard.report.summary.text()
    assert wizard.import_button.isEnabled()
    # Any change asks for a new validation.
    wizard.day_first.setChecked(True)
    assert not wizard.import_button.isEnabled()
    run_and_wait(qtbot, wizard, wizard.validate_button)

    before = ticket_count(ctx)
    with qtbot.waitSignal(wizard.imported, timeout=30_000):
        wizard.import_button.click()
    qtbot.waitUntil(lambda: not wizard.run.running)
    assert ticket_count(ctx) == before + 5
    assert "Imported 5 tickets (L-000001 to L-000005)" in wizard.message.text()
    assert not wizard.import_button.isEnabled()  # not twice by accident


def test_database_failure_shows_the_rollback_message(
    qtbot, ctx: AppContext, tmp_path: Path
) -> None:  # noqa: ANN001
    rows = [["Title", "Description"]] + [[f"Ticket {i}", "x"] for i in range(1500)]
    rows[1400][0] = "explode here"
    wizard = opened_wizard(qtbot, ctx, write_csv(tmp_path / "t.csv", rows))
    run_and_wait(qtbot, wizard, wizard.validate_button)
    assert wizard.import_button.isEnabled()
    with ctx.db.engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TRIGGER refuse BEFORE INSERT ON tickets WHEN NEW.title = 'explode here'"
                " BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
            )
        )
    run_and_wait(qtbot, wizard, wizard.import_button)
    message = wizard.message.text()
    assert message.startswith("The import failed and was rolled back; nothing was imported.")
    assert "disk says no" in message
    assert ticket_count(ctx) == 0


def test_wrong_encoding_and_missing_title_are_explained(
    qtbot, ctx: AppContext, tmp_path: Path
) -> None:  # noqa: ANN001
    path = tmp_path / "latin.csv"
    path.write_bytes("Title;Site\nCafé;Lyon\n".encode("cp1252"))
    wizard = ImportWizard(TicketImporter(ctx.db, ctx.tickets, ctx.notifier, ctx.clock))
    qtbot.addWidget(wizard)
    wizard.open_file(path)
    qtbot.waitUntil(lambda: bool(wizard.message.text()), timeout=10_000)
    assert "not UTF-8: byte 0xE9 at byte offset 14" in wizard.message.text()
    assert not wizard.validate_button.isEnabled()
    wizard.open_file(path, "cp1252")
    qtbot.waitUntil(lambda: wizard.preview.rowCount() == 1, timeout=10_000)
    assert cell(wizard.preview, 0, 1).text() == "Café"
    wizard.columns.combo("Title").setCurrentIndex(0)
    assert "No column is mapped to Title" in wizard.message.text()
    assert not wizard.validate_button.isEnabled()


def test_export_dialog_current_filter_and_cancel(
    qtbot, ctx: AppContext, seed, tmp_path: Path, artifacts: Path
) -> None:  # noqa: ANN001
    seed(12)
    exporter = TicketExporter(ctx.db, lambda: ctx.tickets.matrix)
    flt = TicketFilter(statuses=frozenset({"in_progress"}))
    dialog = ExportDialog(exporter, flt, default_dir=tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.filter_radio.isChecked()
    dialog.json_radio.setChecked(True)
    assert dialog.path_edit.text().endswith("tickets.json") and not dialog.bom_check.isEnabled()
    dialog.show()
    dialog.grab().save(str(artifacts / "export_dialog.png"))
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as done:
        dialog.export_button.click()
    items = json.loads((tmp_path / "tickets.json").read_text(encoding="utf-8"))
    assert done.args[0].tickets == len(items) == exporter.count(flt) > 0
    assert {i["status"] for i in items} == {"In progress"}
    assert "Exported" in dialog.message.text()
    # A cancel before the first batch leaves no file.
    dialog.all_radio.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "cancelled.json"))
    dialog.run.cancel()
    dialog.run.start(lambda p, c: exporter.export(dialog.request(), p, lambda: True))
    qtbot.waitUntil(lambda: not dialog.run.running, timeout=10_000)
    assert dialog.message.text() == "Cancelled; no file was written."
    assert not (tmp_path / "cancelled.json").exists()


def test_file_menu_wiring(qtbot, ctx: AppContext) -> None:  # noqa: ANN001
    from opexdesk.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    installation = install_import_export(win, ctx)
    file_menu = win.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    texts = [a.text() for a in file_menu.actions()]
    assert texts.index("&Import tickets from CSV…") < texts.index("E&xport tickets…")
    assert texts.index("E&xport tickets…") < texts.index(win.quit_action.text())
    installation.export_action.trigger()
    assert installation.export_dialog is not None and installation.export_dialog.isVisible()
    installation.export_dialog.close()
    installation.import_action.trigger()
    assert installation.wizard is not None and installation.wizard.isVisible()
    first = installation.wizard
    first.close()
    installation.import_action.trigger()  # a fresh wizard after a close
    assert installation.wizard is not first and installation.wizard.isVisible()
    installation.wizard.close()
    win.close()
