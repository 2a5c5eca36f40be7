"""Puts the knowledge base into the main window: a "Knowledge base" window (View menu,
Ctrl+Shift+K) and the "Articles" tab of suggestions in the ticket editor.

Everything is built from the injected search source, article reader and solved recorder;
without a call to :func:`install_kb` the main window has no knowledge-base parts at all."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from opexdesk.ui.kb.protocols import ArticleReader, SearchSource, SolvedRecorder
from opexdesk.ui.kb.search_panel import Facets, KbSearchPanel
from opexdesk.ui.kb.suggestions_panel import KbSuggestionsPanel

log = logging.getLogger(__name__)

KB_SHORTCUT = "Ctrl+Shift+K"
KB_FALLBACK_SHORTCUT = "Ctrl+Alt+K"  # when the window already uses KB_SHORTCUT


class KbWindow(QMainWindow):
    """The knowledge-base search in a window of its own."""

    def __init__(self, panel: KbSearchPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Knowledge base"))
        self.panel = panel
        self.setCentralWidget(panel)
        self.resize(1100, 720)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.panel.query.cancel()  # a search still running is no longer wanted
        super().closeEvent(event)


@dataclass
class KbInstallation:
    """What :func:`install_kb` added; :meth:`shutdown` stops the workers."""

    main_window: QMainWindow
    action: QAction
    suggestions: KbSuggestionsPanel | None
    search: SearchSource
    reader: ArticleReader
    recorder: SolvedRecorder
    facets: Facets | None = None
    window: KbWindow | None = None
    _closed: bool = field(default=False, repr=False)

    def open_window(self) -> KbWindow:
        """Show the knowledge-base window (built on first use), with the open ticket as the
        context of "This solved it"."""
        if self.window is None:
            panel = KbSearchPanel(
                self.search, self.reader, recorder=self.recorder, facets=self.facets
            )
            # A top-level window of its own (no parent: not kept above the main window).
            self.window = KbWindow(panel)
            if self.suggestions is not None:
                panel.linked.connect(self.suggestions.mark_linked)
        suggestions = self.suggestions
        if suggestions is not None and suggestions.ticket_id() is not None:
            self.window.panel.set_ticket_context(
                suggestions.ticket_id(), suggestions.ticket_query(), suggestions.linked_ids()
            )
        else:
            self.window.panel.set_ticket_context(None)
        if self.window.isVisible():
            self.window.raise_()  # behind the main window: bring it forward
        else:
            self.window.show()
        self.window.activateWindow()
        self.window.panel.focus_search()
        return self.window

    def shutdown(self) -> None:
        """Close the window and stop the searches (before the search source is closed)."""
        if self._closed:
            return
        self._closed = True
        if self.window is not None:
            self.window.panel.shutdown()
            self.window.close()
        if self.suggestions is not None:
            self.suggestions.shutdown()


class _CloseWatcher(QObject):
    """Closes the knowledge-base window once the main window has really closed."""

    def __init__(self, installation: KbInstallation) -> None:
        super().__init__(installation.main_window)
        self._installation = installation

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            # The close may still be refused (unsaved edits): look once it is decided.
            QTimer.singleShot(0, self._after_close)
        return False

    def _after_close(self) -> None:
        if not self._installation.main_window.isVisible():
            self._installation.shutdown()


def install_kb(
    main_window: QMainWindow,
    search: SearchSource,
    reader: ArticleReader,
    recorder: SolvedRecorder,
    *,
    facets: Facets | None = None,
    shortcut: str = KB_SHORTCUT,
) -> KbInstallation:
    """Add the knowledge base to ``main_window``: a View-menu action with ``shortcut`` (or
    :data:`KB_FALLBACK_SHORTCUT` if the window already binds it) opening the search window,
    and the suggestions tab in ``main_window.detail`` when it is a ticket editor pane."""
    suggestions: KbSuggestionsPanel | None = None
    detail = getattr(main_window, "detail", None)
    if detail is not None and hasattr(detail, "attach_suggestions"):
        suggestions = KbSuggestionsPanel(search, reader, recorder)
        detail.attach_suggestions(suggestions)
    action = QAction(main_window.tr("&Knowledge base…"), main_window)
    action.setShortcut(QKeySequence(_free_shortcut(main_window, shortcut)))
    installation = KbInstallation(main_window, action, suggestions, search, reader, recorder)
    installation.facets = facets
    action.triggered.connect(lambda _checked=False: installation.open_window())
    main_window.addAction(action)  # works even while the menu bar is hidden
    _view_menu(main_window).addAction(action)
    main_window.installEventFilter(_CloseWatcher(installation))
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(installation.shutdown)
    return installation


def _free_shortcut(window: QWidget, wanted: str) -> str:
    """``wanted`` unless an action of the window already has it (two actions on one key
    make Qt fire neither)."""
    sequence = QKeySequence(wanted)
    for action in window.findChildren(QAction):
        if any(
            key.matches(sequence) == QKeySequence.SequenceMatch.ExactMatch
            for key in action.shortcuts()
        ):
            log.warning(
                "%s is taken by %r; the knowledge base uses %s",
                wanted,
                action.text().replace("&", ""),
                KB_FALLBACK_SHORTCUT,
            )
            return KB_FALLBACK_SHORTCUT
    return wanted


def _view_menu(window: QMainWindow) -> QMenu:
    """The window's View menu (found by its title), else a new Knowledge menu."""
    bar = window.menuBar()
    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text().replace("&", "") == "View":
            menu.addSeparator()
            return menu
    return bar.addMenu(window.tr("&Knowledge"))
