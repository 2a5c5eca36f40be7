"""Every window the main window's menus open, in the Chinese UI: no label, button, tab, header,
menu entry, tooltip, placeholder or title left in English.

The tickets here hold Chinese text only, so an English word on screen is the program's own
text that missed the catalogue (a status name put into a sentence untranslated, an axis name
inside a tooltip). Pick lists (people, sites) are data and are not read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTableView,
    QTextBrowser,
    QTextEdit,
    QTreeView,
    QWidget,
    QWizard,
)

from opexdesk.app import AppContext
from opexdesk.domain.enums import Status
from opexdesk.domain.ticket import TicketDraft
from opexdesk.services.app_settings import AppSettingsStore
from opexdesk.ui.main_window import MainWindow
from opexdesk.ui.settings_wiring import install_settings

# Names, formats and keys that are the same in every language.
KEPT = {
    *("opexdesk", "sqlite", "sla", "csv", "json", "png", "pem", "https", "http"),
    *("utf", "bom", "excel", "company"),  # encodings and file names in hints
    *("ctrl", "shift", "alt", "enter", "esc", "tab", "del"),  # key names as Qt writes them
}
WORD = re.compile(r"[A-Za-z]{3,}")
# Actions that end the program or the session, or remove data: not opened here.
NOT_OPENED = re.compile(r"退出|删除|注销|关闭")


def english_words(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>|&[a-z]+;", " ", text)  # rich-text tags and entities
    text = re.sub(r"(/[\w.\-]+)+", " ", text)  # file paths
    return [w for w in WORD.findall(text) if w.lower() not in KEPT]


def chrome_texts(window: QWidget) -> list[tuple[str, str]]:
    """(kind, text) of what the program itself writes on ``window``'s visible widgets."""
    texts: list[tuple[str, str]] = []
    for widget in [window, *window.findChildren(QWidget)]:
        if widget is not window and not widget.isVisibleTo(window):
            continue
        if widget.isWindow():
            texts.append(("title", widget.windowTitle()))
        texts.append(("tooltip", widget.toolTip()))
        if isinstance(widget, QLabel):
            texts.append(("label", widget.text()))
        elif isinstance(widget, QAbstractButton):
            texts.append(("button", widget.text()))
        elif isinstance(widget, QGroupBox):
            texts.append(("group", widget.title()))
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)) or (
            isinstance(widget, QTextEdit) and not isinstance(widget, QTextBrowser)
        ):
            texts.append(("placeholder", widget.placeholderText()))
        elif isinstance(widget, QTabBar):
            texts += [("tab", widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, (QTableView, QTreeView)) and widget.model() is not None:
            model = widget.model()
            texts += [
                ("header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                for c in range(model.columnCount(QModelIndex()))
            ]
        if isinstance(widget, QWizard):
            buttons = (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton)
            texts += [("wizard", widget.buttonText(b)) for b in buttons]
    for menu in window.findChildren(QMenu):
        texts += [("menu", action.text()) for action in menu.actions()]
    return [(kind, text) for kind, text in texts if text and english_words(text)]


def menu_actions(window: MainWindow) -> Iterator[tuple[str, object]]:
    def walk(menu: QMenu, path: str) -> Iterator[tuple[str, object]]:
        for action in menu.actions():
            if action.menu() is not None:
                yield from walk(action.menu(), f"{path} > {action.text()}")
            elif not action.isSeparator():
                yield f"{path} > {action.text()}", action

    for top in window.menuBar().actions():
        if top.menu() is not None:
            yield from walk(top.menu(), top.text())


class WindowWatch:
    """Reads each window that appears while an action runs (a modal dialog too: the poll runs
    inside its event loop), once it has been shown for a moment, then closes it."""

    SETTLE_TICKS = 3  # polls of 100 ms a window stays open before it is read

    def __init__(self, main: QWidget) -> None:
        self.main = main
        # Held, not only their ids: a deleted window's id may be reused by a new one.
        self.held: list[QWidget] = list(QApplication.topLevelWidgets())
        self.known: set[int] = {id(w) for w in self.held}
        self.ages: dict[int, int] = {}
        self.found: dict[str, list[tuple[str, str]]] = {}
        self.label = ""
        self.read: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(100)
        self.timer.timeout.connect(self.poll)

    def pending(self) -> list[QWidget]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and w is not self.main and id(w) not in self.known
        ]

    def poll(self) -> None:
        for window in self.pending():
            if window not in self.held:
                self.held.append(window)  # its id stays its own while it is aged
            age = self.ages[id(window)] = self.ages.get(id(window), 0) + 1
            if age < self.SETTLE_TICKS:
                continue
            self.known.add(id(window))
            self.held.append(window)
            self.read.append(type(window).__name__)
            found = chrome_texts(window)
            if found:
                self.found[f"{self.label} [{type(window).__name__}]"] = found
            if isinstance(window, QDialog):
                window.reject()
            else:
                window.close()


def chinese_ticket(ctx: AppContext, title: str) -> str:
    change = ctx.tickets.create(
        TicketDraft(
            title=title,
            description="打印机在三楼，无法打印，显示卡纸。",
            requester="王芳",
            site="上海办公室",
            category="打印机",
            impact=2,
            urgency=2,
            assignee="张伟",
        )
    )
    return change.ticket_id


@pytest.mark.timeout(300)
def test_every_menu_window_speaks_chinese(
    qtbot,
    ctx: AppContext,
    chinese,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    first = chinese_ticket(ctx, "三楼打印机卡纸")
    chinese_ticket(ctx, "无法登录邮箱")
    ctx.tickets.transition(first, Status.IN_PROGRESS)
    window = MainWindow(ctx)
    # Edit > Settings, as the program adds it at start-up.
    window.installations.append(
        install_settings(window, ctx, AppSettingsStore(tmp_path / "settings.json"))
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.model.total == 2)
    qtbot.waitUntil(lambda: window.detail.ticket_id() is not None)  # ticket actions' target

    watch = WindowWatch(window)
    watch.timer.start()
    opened = 0
    for label, action in list(menu_actions(window)):
        if NOT_OPENED.search(label) or not action.isEnabled():  # type: ignore[attr-defined]
            continue
        watch.label = label
        action.trigger()  # type: ignore[attr-defined]
        opened += 1
        qtbot.wait(100)
        qtbot.waitUntil(lambda: not watch.pending(), timeout=10_000)
        message = window.statusBar().currentMessage()
        if english_words(message):
            watch.found[f"{label} [status bar]"] = [("message", message)]
    watch.timer.stop()
    assert {"SettingsDialog", "DashboardWindow", "KbWindow", "TriageWindow"} <= set(watch.read)

    assert opened >= 20
    assert not chrome_texts(window), chrome_texts(window)
    assert not watch.found, "\n".join(f"{k}: {v}" for k, v in watch.found.items())
