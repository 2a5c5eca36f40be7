"""The editing side of the knowledge-base window: the "Articles" tab (every article by
status), article editors as closable tabs, history dialogs, votes and "Edit" in the reader,
drafts from tickets, and the Markdown import/export dialogs.

Keys (in the knowledge-base window): Ctrl+N new article (in the list), Ctrl+W closes the
current editor tab (asking about unsaved edits), Ctrl+Shift+L shows the article list."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QTabBar, QTabWidget, QWidget

from opexdesk.domain.article import ArticleDraft
from opexdesk.domain.errors import DomainError
from opexdesk.services.kb.articles import ArticleService
from opexdesk.storage.errors import StorageError
from opexdesk.ui.i18n import error_text
from opexdesk.ui.kb.article_access import ArticleAccess
from opexdesk.ui.kb.article_editor import ArticleEditor
from opexdesk.ui.kb.article_list import ArticleListPanel
from opexdesk.ui.kb.article_view import ArticleView as ArticleReaderView
from opexdesk.ui.kb.history_view import HistoryDialog
from opexdesk.ui.kb.transfer_dialogs import ExportDialog, ImportDialog

Inform = Callable[[QWidget, str, str], None]
Opened = Callable[[ArticleEditor], object]


def inform(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def _bring_up(window: QWidget) -> None:
    """Show a dialog, or bring it forward when it is already open."""
    if window.isVisible():
        window.raise_()
    else:
        window.show()
    window.activateWindow()


class ArticleWorkbench(QObject):
    """Adds the article list and editors to ``tabs`` (whose first tab is the search) and
    connects ``reader`` (the search panel's article view) to votes and editing."""

    def __init__(
        self,
        tabs: QTabWidget,
        reader: ArticleReaderView,
        access: ArticleAccess,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.tabs = tabs
        self.reader = reader
        self.access = access
        self.histories: dict[str, HistoryDialog] = {}
        self.import_dialog: ImportDialog | None = None
        self.export_dialog: ExportDialog | None = None
        # Replaceable so tests can read messages without a modal loop.
        self.inform: Inform = inform

        self.list = ArticleListPanel()
        # Many changes arrive at once (an import): the list is read again once after them.
        self._list_timer = QTimer(self)
        self._list_timer.setSingleShot(True)
        self._list_timer.setInterval(50)
        self._list_timer.timeout.connect(self.list.refresh)
        self.list_index = tabs.addTab(self.list, self.tr("Articles"))
        tabs.setTabsClosable(True)
        for i in range(tabs.count()):  # the search and the list stay
            tabs.tabBar().setTabButton(i, QTabBar.ButtonPosition.RightSide, None)
        tabs.tabCloseRequested.connect(self.close_tab)
        self.list.open_requested.connect(self.open_article)
        self.list.new_requested.connect(self.new_article)
        self.list.import_requested.connect(self.open_import)
        self.list.export_requested.connect(self.open_export)
        reader.edit_requested.connect(self.open_article)
        reader.set_editable(True)
        access.changed.connect(self._changed)
        access.failed.connect(self.list.message_label.setText)

        host = tabs.window()
        self.close_tab_action = QAction(self.tr("Close the article tab"), host)
        self.close_tab_action.setShortcut(QKeySequence("Ctrl+W"))
        self.close_tab_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.close_tab_action.triggered.connect(
            lambda _c=False: self.close_tab(tabs.currentIndex())
        )
        host.addAction(self.close_tab_action)
        self.list_action = QAction(self.tr("Show the article list"), host)
        self.list_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.list_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.list_action.triggered.connect(lambda _c=False: self.show_list())
        host.addAction(self.list_action)
        access.when_ready(self._ready)

    # ---- public API --------------------------------------------------------------------

    def service(self) -> ArticleService | None:
        return self.access.service()

    def editors(self) -> list[ArticleEditor]:
        return [
            w
            for i in range(self.tabs.count())
            if isinstance(w := self.tabs.widget(i), ArticleEditor)
        ]

    def editor_for(self, article_id: str) -> ArticleEditor | None:
        return next((e for e in self.editors() if e.article_id() == article_id), None)

    def show_list(self) -> None:
        self.tabs.setCurrentIndex(self.tabs.indexOf(self.list))
        self.list.focus_list()

    def open_article(self, article_id: str) -> None:
        """Show the article's editor tab (opened on first use)."""

        def open_with(service: ArticleService) -> None:
            existing = self.editor_for(article_id)
            if existing is not None:
                self._show_editor(existing)
                return
            try:
                article = service.get(article_id)
            except (DomainError, StorageError) as err:
                self.inform(self.tabs.window(), self.tr("Knowledge base"), error_text(err))
                return
            self._add_editor(ArticleEditor(service, article))

        self.access.when_ready(open_with)

    def new_article(self, draft: ArticleDraft | None = None, on_open: Opened | None = None) -> None:
        """A new, unsaved article (prefilled from ``draft`` when given)."""

        def open_with(service: ArticleService) -> None:
            editor = ArticleEditor(service, draft=draft)
            self._add_editor(editor)
            if on_open is not None:
                on_open(editor)

        self.access.when_ready(open_with)

    def create_from_ticket(
        self, ticket_id: str, refuse_to: QWidget | None = None, on_open: Opened | None = None
    ) -> None:
        """An editor prefilled from the resolved/closed ticket, not saved until the user
        saves; an open ticket is refused with the reason (shown over ``refuse_to``)."""

        def draft_with(service: ArticleService) -> None:
            try:
                draft = service.from_ticket(ticket_id)
            except (DomainError, StorageError) as err:
                parent = refuse_to or self.tabs.window()
                self.inform(parent, self.tr("Create article from ticket"), error_text(err))
                return
            self.new_article(draft, on_open)

        self.access.when_ready(draft_with)

    def open_history(self, article_id: str) -> HistoryDialog | None:
        service = self.service()
        if service is None:
            return None
        dialog = self.histories.get(article_id)
        if dialog is None:
            dialog = HistoryDialog(service, article_id, self.tabs.window())
            dialog.restored.connect(self._restored)
            dialog.finished.connect(lambda _r, aid=article_id: self.histories.pop(aid, None))
            self.histories[article_id] = dialog
        _bring_up(dialog)
        return dialog

    def open_import(self) -> ImportDialog | None:
        service = self.service()
        if service is None:
            return None
        if self.import_dialog is None:
            self.import_dialog = ImportDialog(service, self.tabs.window())
        _bring_up(self.import_dialog)
        return self.import_dialog

    def open_export(self, selected: list[str] | None = None) -> ExportDialog | None:
        service = self.service()
        if service is None:
            return None
        if self.export_dialog is None:
            self.export_dialog = ExportDialog(service, self.tabs.window())
        self.export_dialog.set_selected(list(selected or []))
        _bring_up(self.export_dialog)
        return self.export_dialog

    def close_tab(self, index: int) -> bool:
        """Close an editor tab (after asking about unsaved edits); other tabs stay."""
        editor = self.tabs.widget(index)
        if not isinstance(editor, ArticleEditor):
            return False
        if not editor.confirm_close():
            return False
        self.tabs.removeTab(self.tabs.indexOf(editor))
        editor.deleteLater()
        return True

    def confirm_close_all(self) -> bool:
        """True when every editor may close (each with unsaved edits was saved or discarded)."""
        for editor in self.editors():
            if editor.is_dirty():
                self._show_editor(editor)
                if not editor.confirm_close():
                    return False
        return True

    def shutdown(self) -> None:
        for dialog in (self.import_dialog, self.export_dialog):
            if dialog is not None:
                dialog.shutdown()
        self.access.shutdown()

    # ---- internals ---------------------------------------------------------------------

    def _ready(self, service: ArticleService) -> None:
        self.list.set_service(service)
        self.reader.set_voter(service)

    def _add_editor(self, editor: ArticleEditor) -> None:
        index = self.tabs.addTab(editor, editor.caption())
        self.tabs.setTabToolTip(index, editor.title_edit.text())
        editor.caption_changed.connect(lambda text, e=editor: self._retitle(e, text))
        editor.history_requested.connect(self.open_history)
        self._show_editor(editor)
        editor.focus_first_field()

    def _show_editor(self, editor: ArticleEditor) -> None:
        self.tabs.setCurrentWidget(editor)

    def _retitle(self, editor: ArticleEditor, text: str) -> None:
        index = self.tabs.indexOf(editor)
        if index >= 0:
            self.tabs.setTabText(index, text)
            self.tabs.setTabToolTip(index, editor.title_edit.text())

    def _restored(self, article_id: str) -> None:
        editor = self.editor_for(article_id)
        if editor is not None:
            editor.refresh_from_store()

    def _changed(self, article_id: str, _action: str) -> None:
        self._list_timer.start()
        editor = self.editor_for(article_id)
        if editor is not None:
            editor.refresh_from_store()
        if self.reader.article_id() == article_id:
            self.reader.show_article(article_id)
        dialog = self.histories.get(article_id)
        if dialog is not None:
            dialog.reload()
