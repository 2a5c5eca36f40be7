"""Switching the running application between English and Simplified Chinese: the real main
window is rebuilt in the new language where the user was; Chinese renders with no boxes and
no clipped text (screenshots artifacts/main_window_zh.png, artifacts/new_ticket_zh.png);
dates, numbers and durations follow the language."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMainWindow,
    QTabBar,
    QWidget,
)

from opexdesk.app import AppContext
from opexdesk.ui.i18n import (
    CHINESE,
    ENGLISH,
    CatalogueTranslator,
    catalogue_path,
    current_language,
    install_language,
    resolve,
    switch_language,
    vocabulary,
)
from opexdesk.ui.locale_format import (
    format_date,
    format_datetime,
    format_duration,
    format_number,
    format_percent,
    format_relative,
)
from opexdesk.ui.main_window import MainWindow
from opexdesk.ui.tickets.filter_bar import ALL_STATUSES
from opexdesk.ui.tickets.new_ticket_dialog import NewTicketDialog

N = 30


@pytest.fixture
def windows(qtbot, ctx: AppContext, english) -> Iterator[list[QMainWindow]]:  # noqa: ANN001
    """Main windows built over one context; every one still alive is closed at the end
    (replaced ones are deleted by the switch, so they are not handed to qtbot)."""
    built: list[QMainWindow] = []
    yield built
    for window in built:
        with contextlib.suppress(RuntimeError):  # already deleted: replaced by a switch
            window.close()


def build_window(ctx: AppContext, built: list[QMainWindow]) -> Callable[[], QMainWindow]:
    def build() -> QMainWindow:
        window = MainWindow(ctx)
        built.append(window)
        return window

    return build


def shown(qtbot, window: QMainWindow) -> MainWindow:  # noqa: ANN001
    assert isinstance(window, MainWindow)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.model.total is not None)
    return window


def menu_titles(window: QMainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def visible_texts(root: QWidget) -> list[tuple[QWidget, str]]:
    found: list[tuple[QWidget, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton) and widget.text():
            found.append((widget, widget.text()))
        elif isinstance(widget, QGroupBox) and widget.title():
            found.append((widget, widget.title()))
        elif isinstance(widget, QTabBar):
            found += [(widget, widget.tabText(i)) for i in range(widget.count())]
    return found


def missing_glyphs(root: QWidget) -> list[str]:
    """Characters no font in the widget's family list can draw (they would show as boxes)."""
    problems = []
    for widget, text in visible_texts(root):
        font = widget.font()
        metrics = [QFontMetrics(QFont(family, font.pointSize())) for family in font.families()]
        metrics.append(QFontMetrics(font))
        for ch in set(text):
            if ch.isspace() or ord(ch) < 128:
                continue
            if not any(m.inFontUcs4(ord(ch)) for m in metrics):
                problems.append(f"{type(widget).__name__} {text!r}: {ch!r}")
    return problems


def clipped(root: QWidget) -> list[str]:
    """Texts wider than the room their widget has on screen."""
    problems = []
    for widget, text in visible_texts(root):
        plain = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
        metrics = widget.fontMetrics()
        if isinstance(widget, QLabel):
            if widget.wordWrap() or widget.textFormat() == widget.textFormat().RichText:
                continue
            if "<" in text and ">" in text:  # auto-detected rich text
                continue
            needed = max(metrics.horizontalAdvance(line) for line in plain.split("\n"))
            room = widget.contentsRect().width() - 2 * widget.margin()
        elif isinstance(widget, QAbstractButton):  # push, tool, check and radio buttons
            needed, room = widget.sizeHint().width(), widget.width()
        elif isinstance(widget, QTabBar):
            index = [widget.tabText(i) for i in range(widget.count())].index(text)
            needed = metrics.horizontalAdvance(plain)
            room = widget.tabRect(index).width()
        else:  # a group box title
            needed, room = metrics.horizontalAdvance(plain), widget.width()
        if needed > room + 1:
            problems.append(f"{type(widget).__name__} {text!r}: needs {needed}px, has {room}px")
    return problems


def test_the_layout_checks_see_clipped_text_and_boxes(qtbot) -> None:  # noqa: ANN001
    label = QLabel("优先级由影响 × 紧急程度得出")
    qtbot.addWidget(label)
    label.setFixedWidth(40)
    label.show()
    qtbot.waitExposed(label)
    assert clipped(label) and not missing_glyphs(label)
    label.setFixedWidth(label.sizeHint().width())
    assert not clipped(label)
    label.setText("\U000f0000")  # a private-use character no font draws
    assert missing_glyphs(label)


# ---- the catalogue and its lookups ---------------------------------------------------------


def test_catalogue_lookups_fall_back_to_aliases_and_vocabulary(english) -> None:  # noqa: ANN001
    translator = CatalogueTranslator()
    assert translator.load_catalogue(catalogue_path(CHINESE))
    assert translator.translate("MainWindow", "&File") == "文件(&F)"
    # Extracted as "parent" (``parent.tr``), asked for under the caller's class.
    assert translator.translate("MainWindow", "Unsaved changes") == "未保存的更改"
    # A status label reached through a variable: the shared vocabulary.
    assert translator.translate("TicketDetailPane", "In progress") == "处理中"
    # Not ours: "not found" (None), so Qt asks its own catalogue or keeps the source.
    assert translator.translate("QFileDialog", "no such text here") is None


def test_install_language_translates_and_formats(english) -> None:  # noqa: ANN001
    app = english
    done = install_language(app, CHINESE)
    assert done.code == CHINESE and done.catalogue and done.qt_catalogue
    assert current_language(app) == CHINESE
    assert QCoreApplication.translate("MainWindow", "&Help") == "帮助(&H)"
    assert vocabulary("Resolved") == "已解决"
    assert vocabulary("A matrix's own label") == "A matrix's own label"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own texts
    assert QLocale().language() == QLocale.Language.Chinese
    back = install_language(app, ENGLISH)
    assert back == back.__class__(ENGLISH, False, False, back.locale)
    assert QCoreApplication.translate("MainWindow", "&Help") == "&Help"
    assert vocabulary("Resolved") == "Resolved"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert QLocale().language() == QLocale.Language.English


def test_system_language_follows_the_os_and_bad_codes_are_refused() -> None:
    assert resolve("system", QLocale("zh_CN")) == CHINESE
    assert resolve("system", QLocale("zh_SG")) == CHINESE
    assert resolve("system", QLocale("zh_TW")) == ENGLISH  # traditional characters
    assert resolve("system", QLocale("de_DE")) == ENGLISH
    assert resolve("zh_CN") == CHINESE
    with pytest.raises(ValueError, match="unknown language 'fr'.*en, zh_CN, system"):
        resolve("fr")


def test_dates_numbers_and_durations_follow_the_language(english) -> None:  # noqa: ANN001
    when = datetime(2026, 12, 6, 21, 58, tzinfo=UTC)
    local = when.astimezone()
    assert format_duration(125) == "2 h 5 min"
    assert format_duration(45) == "45 min"
    assert format_duration(3 * 1440 + 240) == "3 d 4 h"
    assert format_duration(-61) == "-1 h 1 min"
    assert format_relative(when + timedelta(minutes=185), when) == "in 3 h 5 min"
    assert format_relative(when - timedelta(days=2, hours=4), when) == "2 d 4 h ago"
    assert format_number(1234567) == "1,234,567"
    assert format_percent(0.925) == "93%"
    assert format_number(1234567.891, 2, QLocale("de_DE")) == "1.234.567,89"
    assert format_datetime(None) == "" and format_date(None) == ""
    english_text = format_datetime(when)
    assert str(local.day) in english_text and str(local.year % 100) in english_text
    with pytest.raises(ValueError, match="naive"):
        format_datetime(datetime(2026, 1, 1))

    install_language(english, CHINESE)
    assert format_duration(125) == "2小时5分钟"
    assert format_duration(3 * 1440) == "3天"
    assert format_relative(when + timedelta(minutes=185), when) == "3小时5分钟后"
    assert format_relative(when - timedelta(days=2, hours=4), when) == "2天4小时前"
    assert format_relative(when, when) == "不到一分钟"
    assert format_datetime(when).startswith(f"{local.year}/{local.month}/{local.day} ")
    assert format_date(when) == f"{local.year}/{local.month}/{local.day}"
    assert format_datetime(when).endswith(f"{local:%H:%M}")


# ---- the running application -------------------------------------------------------------


def test_switch_relabels_the_main_window_and_keeps_the_place(
    qtbot,  # noqa: ANN001
    ctx: AppContext,
    seed,  # noqa: ANN001
    windows: list[QMainWindow],
    artifacts: Path,
) -> None:
    seed(N)
    build = build_window(ctx, windows)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = shown(qtbot, build())
    assert menu_titles(window)[:4] == ["&File", "&View", "&Ticket", "&Sync"]
    # Somewhere particular: every status, a search, the fourth ticket of the result.
    window.filter_bar.set_statuses(ALL_STATUSES)
    with qtbot.waitSignal(window.filter_bar.filter_changed, timeout=3000):
        window.filter_bar.search.setText("#1")
    qtbot.waitUntil(lambda: window.model.total is not None and window.model.rowCount() > 4)
    window.table.select_row(3)
    ticket = window.detail.ticket_id()
    assert ticket == window.model.ticket_id_at(3)
    total = window.model.total
    english_menus = menu_titles(window)

    zh = switch_language(app, window, CHINESE, build)
    assert isinstance(zh, MainWindow) and zh is not window
    qtbot.waitExposed(zh)
    qtbot.waitUntil(lambda: zh.model.total == total)
    qtbot.waitUntil(lambda: zh.detail.ticket_id() == ticket)
    assert zh.filter_bar.search.text() == "#1"
    assert zh.filter_bar.statuses() == ALL_STATUSES
    assert zh.model.ticket_id_at(zh.table.current_row()) == ticket

    menus = menu_titles(zh)
    assert menus[:4] == ["文件(&F)", "视图(&V)", "工单(&T)", "同步(&S)"]
    assert {"工具(&O)", "帮助(&H)"} <= set(menus)
    # Menus other parts find by title (the knowledge base's View entries) are found too.
    assert len(menus) == len(set(menus)) == len(english_menus)
    texts = {a.text() for a in zh.actions()} | {a.text() for a in zh.table.actions()}
    assert {"新建工单(&N)…", "指派给我(&M)", "设为“已解决”", "立即同步(&N)"} <= texts
    header = zh.model.headerData
    from PySide6.QtCore import Qt

    assert [header(i, Qt.Orientation.Horizontal) for i in (0, 1, 2)] == ["编号", "标题", "状态"]
    assert zh.filter_bar.status_button.text() == "全部"
    assert [zh.detail.tabs.tabText(i) for i in range(4)] == ["对话", "工作日志", "附件", "历史"]
    assert zh.status.sync_label.text() == "未登录——本地工作"
    qtbot.waitUntil(lambda: "显示" in zh.status.count_label.text())
    labels = {w.text() for w in zh.findChildren(QLabel)}
    assert {"状态：", "优先级：", "处理人："} <= labels

    from opexdesk.ui.main_window import EXTRA_KEYS
    from opexdesk.ui.shortcuts_dialog import ShortcutsDialog, shortcut_rows

    keys = ShortcutsDialog(shortcut_rows(zh.actions(), EXTRA_KEYS), zh)
    whats = {keys.table.item(r, 0).text() for r in range(keys.table.rowCount())}
    assert {"新建工单…", "保存工单（在编辑器中）"} <= whats
    keys.deleteLater()

    zh.resize(1280, 800)  # a laptop screen (the offscreen one is smaller)
    qtbot.wait(200)  # let the editor and the list settle before the picture
    zh.grab().save(str(artifacts / "main_window_zh.png"))
    assert not missing_glyphs(zh), missing_glyphs(zh)
    assert not clipped(zh), clipped(zh)

    en = switch_language(app, zh, ENGLISH, build)
    assert isinstance(en, MainWindow)
    qtbot.waitExposed(en)
    qtbot.waitUntil(lambda: en.detail.ticket_id() == ticket)
    assert menu_titles(en)[:4] == ["&File", "&View", "&Ticket", "&Sync"]
    assert menu_titles(en) == english_menus
    assert en.model.headerData(0, Qt.Orientation.Horizontal) == "Number"
    assert en.status.sync_label.text() == "Not signed in — working locally"


def test_switch_cancelled_by_unsaved_edits_changes_nothing(
    qtbot,  # noqa: ANN001
    ctx: AppContext,
    seed,  # noqa: ANN001
    windows: list[QMainWindow],
) -> None:
    seed(5)
    build = build_window(ctx, windows)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = shown(qtbot, build())
    qtbot.waitUntil(lambda: window.detail.ticket_id() is not None)
    window.detail.fields.ui.titleEdit.setText("An edit not saved yet")
    assert window.detail.has_unsaved_changes()
    asked: list[str] = []
    window.ask_unsaved = lambda _parent: asked.append("asked") or "cancel"

    assert switch_language(app, window, CHINESE, build) is None
    assert asked == ["asked"]
    assert window.isVisible() and len(windows) == 1
    assert current_language(app) == ENGLISH
    assert menu_titles(window)[0] == "&File"
    assert window.detail.fields.ui.titleEdit.text() == "An edit not saved yet"
    assert app.quitOnLastWindowClosed()


def test_new_ticket_dialog_in_chinese(qtbot, ctx: AppContext, english, artifacts: Path) -> None:  # noqa: ANN001
    install_language(english, CHINESE)
    dialog = NewTicketDialog(ctx.tickets)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "新建工单"
    labels = {w.text() for w in dialog.findChildren(QLabel)}
    assert {"标题(&T)", "影响(&I)", "紧急程度(&U)", "处理人(&A)"} <= labels
    qtbot.wait(100)
    dialog.grab().save(str(artifacts / "new_ticket_zh.png"))
    assert not missing_glyphs(dialog), missing_glyphs(dialog)
    assert not clipped(dialog), clipped(dialog)
    dialog.close()
