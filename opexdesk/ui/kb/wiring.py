"""Puts the knowledge base into the main window: a "Knowledge base" window (View menu,
Ctrl+Shift+K) and the "Articles" tab of suggestions in the ticket editor. Given the article
service, the window also lists every article, edits them in tabs (history, diff, restore,
publish, votes, Markdown import/export), and the Ticket menu gets "Create article from
ticket" for a resolved or closed ticket.

Everything is built from the injected search source, article reader and solved recorder;
without a call to :func:`install_kb` the main window has no knowledge-base parts at all."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QTabWidget, QWidget

from opexdesk.domain.enums import Status
from opexdesk.domain.errors import DomainError
from opexdesk.storage.errors import StorageError
from opexdesk.ui.kb.article_access import ArticleAccess, ServiceProvider
from opexdesk.ui.kb.protocols import ArticleReader, SearchSource, SolvedRecorder
from opexdesk.ui.kb.search_panel import Facets, KbSearchPanel
from opexdesk.ui.kb.suggestions_panel import KbSuggestionsPanel
from opexdesk.ui.kb.workbench import ArticleWorkbench
from opexdesk.ui.menus import registered_menus, window_menu

log = logging.getLogger(__name__)

KB_SHORTCUT = "Ctrl+Shift+K"
KB_FALLBACK_SHORTCUT = "Ctrl+Alt+K"  # when the window already uses KB_SHORTCUT
FROM_TICKET_SHORTCUT = "Ctrl+Alt+A"
TicketStatus = Callable[[str], str | None]


class KbWindow(QMainWindow):
    """The knowledge-base search in a window of its own (tabs: Search, and with editing
    the article list and one tab per open editor)."""

    def __init__(self, panel: KbSearchPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Knowledge base"))
        self.panel = panel
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabBarAutoHide(True)  # search only: no tab bar
        self.tabs.addTab(panel, self.tr("Search"))
        self.setCentralWidget(self.tabs)
        # Asked before closing (unsaved article edits); False keeps the window open.
        self.close_guard: Callable[[], bool] | None = None
        self.resize(1100, 720)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_guard is not None and not self.close_guard():
            event.ignore()
            return
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
    articles: ServiceProvider | None = None
    ticket_status: TicketStatus | None = None
    from_ticket_action: QAction | None = None
    workbench: ArticleWorkbench | None = None
    _closed: bool = field(default=False, repr=False)

    def build_window(self) -> KbWindow:
        """The knowledge-base window, built on first use (not shown)."""
        if self.window is None:
            panel = KbSearchPanel(
                self.search, self.reader, recorder=self.recorder, facets=self.facets
            )
            # A top-level window of its own (no parent: not kept above the main window).
            self.window = KbWindow(panel)
            if self.suggestions is not None:
                panel.linked.connect(self.suggestions.mark_linked)
            if self.articles is not None:
                access = ArticleAccess(self.articles, self.window)
                self.workbench = ArticleWorkbench(
                    self.window.tabs, panel.article_view, access, self.window
                )
                self.window.close_guard = self.workbench.confirm_close_all
        return self.window

    def open_window(self, focus_search: bool = True) -> KbWindow:
        """Show the knowledge-base window (built on first use), with the open ticket as the
        context of "This solved it"."""
        self.build_window()
        assert self.window is not None
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
        if focus_search:
            self.window.panel.focus_search()
        return self.window

    def shown_ticket(self) -> str | None:
        detail = getattr(self.main_window, "detail", None)
        ticket_id = detail.ticket_id() if detail is not None else None
        return ticket_id if isinstance(ticket_id, str) else None

    def ticket_resolved(self, ticket_id: str) -> bool | None:
        """Whether the ticket is resolved or closed (None: not known here)."""
        if self.ticket_status is None:
            return None
        try:
            status = self.ticket_status(ticket_id)
        except (DomainError, StorageError, LookupError):
            return None
        return None if status is None else not Status(status).is_open

    def update_from_ticket_action(self) -> None:
        """Enabled only for a shown ticket that is resolved or closed (as the menu opens)."""
        if self.from_ticket_action is None:
            return
        ticket_id = self.shown_ticket()
        ok = ticket_id is not None and self.ticket_resolved(ticket_id) is not False
        self.from_ticket_action.setEnabled(ok)

    def create_article_from_ticket(self) -> None:
        """Open an editor prefilled from the shown ticket; an open ticket is refused with
        the reason, in a message over the main window."""
        ticket_id = self.shown_ticket()
        self.build_window()
        workbench = self.workbench
        if workbench is None:
            return
        if ticket_id is None:
            workbench.inform(
                self.main_window,
                self.main_window.tr("Create article from ticket"),
                self.main_window.tr("Open a resolved or closed ticket first."),
            )
            return

        def opened(_editor: object) -> None:
            self.open_window(focus_search=False)

        workbench.create_from_ticket(ticket_id, refuse_to=self.main_window, on_open=opened)

    def shutdown(self) -> None:
        """Close the window and stop the searches (before the search source is closed)."""
        if self._closed:
            return
        self._closed = True
        if self.window is not None:
            self.window.close_guard = None  # asked already when the main window closed
            self.window.panel.shutdown()
            if self.workbench is not None:
                self.workbench.shutdown()
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
            workbench = self._installation.workbench
            if workbench is not None and not workbench.confirm_close_all():
                event.ignore()  # unsaved article edits the user wants to keep
                return True
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
    articles: ServiceProvider | None = None,
    ticket_status: TicketStatus | None = None,
) -> KbInstallation:
    """Add the knowledge base to ``main_window``: a View-menu action with ``shortcut`` (or
    :data:`KB_FALLBACK_SHORTCUT` if the window already binds it) opening the search window,
    and the suggestions tab in ``main_window.detail`` when it is a ticket editor pane.

    With ``articles`` (e.g. ``lambda: ctx.knowledge.articles``, called once on a worker) the
    window gets the article list and editors, and the Ticket menu "Create article from
    ticket" (Ctrl+Alt+A); ``ticket_status(ticket_id)`` (e.g. the ticket service's status)
    lets that action show as disabled for an open ticket."""
    suggestions: KbSuggestionsPanel | None = None
    detail = getattr(main_window, "detail", None)
    if detail is not None and hasattr(detail, "attach_suggestions"):
        suggestions = KbSuggestionsPanel(search, reader, recorder)
        detail.attach_suggestions(suggestions)
    action = QAction(main_window.tr("&Knowledge base…"), main_window)
    action.setShortcut(QKeySequence(_free_shortcut(main_window, shortcut)))
    installation = KbInstallation(main_window, action, suggestions, search, reader, recorder)
    installation.facets = facets
    installation.articles = articles
    installation.ticket_status = ticket_status
    action.triggered.connect(lambda _checked=False: installation.open_window())
    main_window.addAction(action)  # works even while the menu bar is hidden
    _view_menu(main_window).addAction(action)
    if articles is not None:
        _add_from_ticket_action(installation)
    main_window.installEventFilter(_CloseWatcher(installation))
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(installation.shutdown)
    return installation


def _add_from_ticket_action(installation: KbInstallation) -> None:
    window = installation.main_window
    action = QAction(window.tr("Create knowledge-base &article from ticket…"), window)
    action.setShortcut(QKeySequence(FROM_TICKET_SHORTCUT))
    action.setToolTip(window.tr("Draft an article from the shown resolved or closed ticket"))
    action.triggered.connect(lambda _checked=False: installation.create_article_from_ticket())
    window.addAction(action)
    installation.from_ticket_action = action
    menu = _menu(window, "ticket")
    menu.addSeparator()
    menu.addAction(action)
    # The menu shows the state of the shown ticket; the shortcut always works and explains
    # a refusal (the shown ticket's status can change without the menu knowing).
    menu.aboutToShow.connect(installation.update_from_ticket_action)
    menu.aboutToHide.connect(lambda: action.setEnabled(True))


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
    """The window's View menu, else a new Knowledge menu."""
    menu = _menu(window, "view")
    menu.addSeparator()
    return menu


def _menu(window: QMainWindow, key: str) -> QMenu:
    """The window's menu registered as ``key``, else the Knowledge menu (made once)."""
    return registered_menus(window).get(key) or window_menu(
        window, "knowledge", lambda: window.tr("&Knowledge")
    )
