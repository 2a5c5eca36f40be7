"""Errors of the ticket import, the attachment store and the ticket list's times follow the
language: Chinese with the Chinese catalogue installed, the unchanged English texts (and
``str(exc)``) otherwise."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers_detail import make_ticket, open_context
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from opexdesk.app import AppContext
from opexdesk.services.ticket_import import TicketImporter
from opexdesk.services.ticket_import_dates import DateReadError, parse_created
from opexdesk.storage.errors import AttachmentTooLargeError, DataDirError, NewerSchemaError
from opexdesk.ui.application import fatal_error_texts
from opexdesk.ui.i18n import error_text
from opexdesk.ui.import_export.import_wizard import ImportWizard
from opexdesk.ui.locale_format import format_datetime
from opexdesk.ui.models.ticket_columns import DUE_COLUMN, UPDATED_COLUMN
from opexdesk.ui.models.ticket_table_model import RowRole, TicketTableModel
from opexdesk.ui.tickets.attachments_tab import AttachmentsTab

HAN = re.compile(r"[\u4e00-\u9fff]")
FIXED = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")  # the old locale-neutral format


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def wizard(qtbot, ctx: AppContext) -> ImportWizard:
    made = ImportWizard(TicketImporter(ctx.db, ctx.tickets, ctx.notifier, ctx.clock))
    qtbot.addWidget(made)
    made.show()
    return made


def opened_message(qtbot, wizard: ImportWizard, path: Path) -> str:  # noqa: ANN001
    wizard.open_file(path)
    qtbot.waitUntil(lambda: not wizard.run.running and bool(wizard.message.text()), timeout=10_000)
    return wizard.message.text()


def latin1_file(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "export.csv", [["Title"], ["Café à côté"]], encoding="latin-1")


def no_title_file(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "desk.csv", [["Reference", "Owner"], ["R-1", "ann"]])


def test_wrong_encoding_in_chinese(qtbot, wizard: ImportWizard, tmp_path, chinese) -> None:
    assert opened_message(qtbot, wizard, latin1_file(tmp_path)) == (
        "export.csv 不是 UTF-8 编码：字节偏移 10 处的字节 0xE9 无法解码。请选择文件的编码"
        "（例如西欧语言的电子表格选 Windows-1252，中文的选 GB18030），然后重新打开。"
    )


def test_wrong_encoding_in_english(qtbot, wizard: ImportWizard, tmp_path, english) -> None:
    assert opened_message(qtbot, wizard, latin1_file(tmp_path)) == (
        "export.csv is not UTF-8: byte 0xE9 at byte offset 10 does not decode. Choose the "
        "file's encoding (for example Windows-1252 for Western European spreadsheets or "
        "GB18030 for Chinese ones) and open it again."
    )


def test_missing_title_column_in_chinese(qtbot, wizard: ImportWizard, tmp_path, chinese) -> None:
    assert opened_message(qtbot, wizard, no_title_file(tmp_path)) == (
        "没有列映射到“标题”；每个工单都需要标题。文件中的列为：Reference, Owner。"
    )
    assert not wizard.validate_button.isEnabled()


def test_missing_title_column_in_english(qtbot, wizard: ImportWizard, tmp_path, english) -> None:
    assert opened_message(qtbot, wizard, no_title_file(tmp_path)) == (
        "No column is mapped to Title; every ticket needs one. "
        "The file's columns are: Reference, Owner."
    )


def test_date_problems_in_the_report_and_preview_in_chinese(
    qtbot, wizard: ImportWizard, tmp_path: Path, chinese: QApplication
) -> None:
    path = write_csv(
        tmp_path / "dates.csv",
        [["Title", "Created"], ["VPN", "next tuesday"], ["Printer", "2024-02-30 10:00"]],
    )
    wizard.open_file(path)
    qtbot.waitUntil(lambda: wizard.preview.rowCount() == 2, timeout=10_000)
    created = wizard.preview.columnCount() - 1
    tip = wizard.preview.item(0, created).toolTip()
    assert tip == "导入无法识别此日期（请使用如 2024-03-05 14:30 或 05/03/2024 的格式）。"
    wizard.validate_button.click()
    qtbot.waitUntil(lambda: wizard.report.table.rowCount() == 2, timeout=30_000)
    reasons = {p.row: p.reason for p in wizard.report.problems()}
    assert reasons[2] == tip
    assert reasons[3] == "不是有效的日期（该月没有这一天）。"


def test_date_reasons_stay_english_in_str() -> None:
    now = datetime.now(UTC)
    with pytest.raises(DateReadError) as unreal:
        parse_created("2024-02-30", now, day_first=True)
    assert str(unreal.value) == "Not a real date (day is out of range for month)."
    with pytest.raises(ValueError, match=r"^Not a real time zone offset \(\+25:00\)\.$"):
        parse_created("2024-02-03 10:00+25:00", now, day_first=True)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[AppContext]:
    context = open_context(tmp_path / "store")
    yield context
    context.close()


def attach_too_large(qtbot, store: AppContext, tmp_path: Path) -> str:  # noqa: ANN001
    store.blobs.max_bytes = 10
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"x" * 11)
    tab = AttachmentsTab(store.tickets, choose_file=lambda _parent: big)
    qtbot.addWidget(tab)
    tab.set_ticket(make_ticket(store))
    tab.attach()
    return tab.error_text()


def test_attachment_over_the_limit_in_chinese(qtbot, store, tmp_path, chinese) -> None:
    assert attach_too_large(qtbot, store, tmp_path) == (
        "未添加附件——文件过大：scan.pdf 的大小为 11 字节；附件不能超过 10 字节。"
    )
    error = AttachmentTooLargeError("big.jpg", 2048, 1024)
    assert str(error) == "big.jpg is 2 KB; attachments are limited to 1 KB."
    assert error_text(error) == "big.jpg 的大小为 2 KB；附件不能超过 1 KB。"


def test_attachment_over_the_limit_in_english(qtbot, store, tmp_path, english) -> None:
    assert attach_too_large(qtbot, store, tmp_path) == (
        "Not attached — the file is too large: scan.pdf is 11 bytes; "
        "attachments are limited to 10 bytes."
    )


def test_storage_errors_in_chinese(chinese: QApplication) -> None:
    error = DataDirError(
        "The database file {path} is not readable and writable.", path=Path("/d/x.sqlite3")
    )
    assert str(error) == "The database file /d/x.sqlite3 is not readable and writable."
    assert error_text(error) == "数据库文件 /d/x.sqlite3 不可读写。"


def newer_schema() -> NewerSchemaError:
    return NewerSchemaError(
        "This database uses schema {revision!r}, written by a newer OpExDesk; this "
        "version knows schemas up to {head!r}. Update OpExDesk to open it (nothing "
        "was changed).",
        revision="9f",
        head="0012",
    )


def test_start_up_error_in_chinese(chinese: QApplication) -> None:
    title, heading, details = fatal_error_texts(newer_schema(), Path("/logs/opexdesk.log"))
    assert (title, heading) == ("OpExDesk 无法启动", "OpExDesk 无法启动。")
    assert details == (
        "此数据库使用架构 '9f'，由较新版本的 OpExDesk 写入；此版本最高只支持架构 '0012'。"
        "请更新 OpExDesk 后再打开（未做任何更改）。\n\n详细信息见日志文件：\n/logs/opexdesk.log"
    )


def test_start_up_error_in_english(english: QApplication) -> None:
    error = newer_schema()
    title, heading, details = fatal_error_texts(error, None)
    assert (title, heading, details) == (
        "OpExDesk cannot start",
        "OpExDesk cannot start.",
        str(error),
    )
    assert str(error).startswith("This database uses schema '9f', written by a newer OpExDesk")


def time_cells(qtbot, ctx: AppContext) -> tuple[list[str], list[datetime]]:  # noqa: ANN001
    make_ticket(ctx, impact=1, urgency=1)
    model = TicketTableModel(ctx.ticket_list, now=lambda: datetime.now(UTC) + timedelta(days=30))
    try:
        qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=5000)
        row = model.index(0, 0).data(RowRole)
        texts = [model.index(0, c).data() for c in (UPDATED_COLUMN, DUE_COLUMN)]
        tip = model.index(0, DUE_COLUMN).data(3)  # ToolTipRole: overdue by the clock above
        return [*texts, tip], [row.updated_at, row.resolution_due_at]
    finally:
        model.shutdown()


def test_list_times_in_the_chinese_locale_format(qtbot, store, chinese) -> None:
    (updated, due, tip), moments = time_cells(qtbot, store)
    zh = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    assert [updated, due] == [format_datetime(m, zh) for m in moments]
    assert not FIXED.match(updated) and "/" in updated
    assert HAN.search(tip) and due in tip


def test_list_times_in_the_english_locale_format(qtbot, store, english) -> None:
    (updated, due, tip), moments = time_cells(qtbot, store)
    en = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert [updated, due] == [format_datetime(m, en) for m in moments]
    assert not FIXED.match(updated) and re.search(r"[AP]M$", updated)
    assert tip.endswith(due)
