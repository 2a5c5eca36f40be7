"""Every article by status (Drafts / Published / Archived): the search only finds published
articles, so this is where drafts and archived ones are found and opened.

Keys: Enter opens the current article; Ctrl+N starts a new one; Ctrl+1/2/3 switch status."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opexdesk.domain.article import ArticleStatus
from opexdesk.domain.errors import DomainError
from opexdesk.services.kb.articles import ArticleService, ArticleView
from opexdesk.storage.errors import StorageError
from opexdesk.ui.i18n import QT_TRANSLATE_NOOP, error_text
from opexdesk.ui.locale_format import format_datetime

STATUSES = (ArticleStatus.DRAFT, ArticleStatus.PUBLISHED, ArticleStatus.ARCHIVED)
TAB_TEXT = (
    QT_TRANSLATE_NOOP("ArticleListPanel", "Drafts"),
    QT_TRANSLATE_NOOP("ArticleListPanel", "Published"),
    QT_TRANSLATE_NOOP("ArticleListPanel", "Archived"),
)
COLUMNS = (
    QT_TRANSLATE_NOOP("ArticleListPanel", "Title"),
    QT_TRANSLATE_NOOP("ArticleListPanel", "Category"),
    QT_TRANSLATE_NOOP("ArticleListPanel", "Language"),
    QT_TRANSLATE_NOOP("ArticleListPanel", "Version"),
    QT_TRANSLATE_NOOP("ArticleListPanel", "Updated by"),
    QT_TRANSLATE_NOOP("ArticleListPanel", "Updated"),
    QT_TRANSLATE_NOOP("ArticleListPanel", "Helpful / not"),
)
EMPTY_TEXT = (
    QT_TRANSLATE_NOOP("ArticleListPanel", "No drafts."),
    QT_TRANSLATE_NOOP("ArticleListPanel", "No published articles."),
    QT_TRANSLATE_NOOP("ArticleListPanel", "No archived articles."),
)
PAGE = 500
ID_ROLE = Qt.ItemDataRole.UserRole


class ArticleListPanel(QWidget):
    """Lists the articles of one status. Signals: ``open_requested(str)``,
    ``new_requested()``, ``import_requested()``, ``export_requested(list)`` (selected ids)."""

    open_requested = Signal(str)
    new_requested = Signal()
    import_requested = Signal()
    export_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service: ArticleService | None = None
        self.status_tabs = QTabBar()
        for text in TAB_TEXT:
            self.status_tabs.addTab(self.tr(text))
        self.status_tabs.currentChanged.connect(lambda _i: self.refresh())
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for column, width in enumerate((360, 130, 80, 60, 100, 130)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self._open_item(item))
        self.tree.installEventFilter(self)
        self.message_label = QLabel(self.tr("Opening the knowledge base…"))
        self.message_label.setStyleSheet("color: #555555;")
        self.new_button = QPushButton(self.tr("&New article"))
        self.new_button.setToolTip(self.tr("Write a new article (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_requested)
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.clicked.connect(self.open_current)
        self.import_button = QPushButton(self.tr("&Import…"))
        self.import_button.clicked.connect(self.import_requested)
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.selected_ids()))

        buttons = QHBoxLayout()
        buttons.addWidget(self.message_label, 1)
        for button in (self.import_button, self.export_button, self.open_button, self.new_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.status_tabs)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

        self.new_action = QAction(self.tr("New article"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(self.new_requested)
        self.addAction(self.new_action)
        for i in range(len(STATUSES)):
            act = QAction(self.tr(TAB_TEXT[i]), self)
            act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _c=False, i=i: self.status_tabs.setCurrentIndex(i))
            self.addAction(act)
        self._set_enabled(False)

    def set_service(self, service: ArticleService) -> None:
        self._service = service
        self._set_enabled(True)
        self.refresh()

    def status(self) -> ArticleStatus:
        return STATUSES[max(self.status_tabs.currentIndex(), 0)]

    def set_status(self, status: ArticleStatus) -> None:
        self.status_tabs.setCurrentIndex(STATUSES.index(status))

    def refresh(self) -> None:
        """Read the articles of the chosen status again (the selection is kept by id)."""
        if self._service is None:
            return
        keep = set(self.selected_ids())
        current = self.current_id()
        try:
            rows = self._read(self._service, self.status())
        except (DomainError, StorageError) as err:
            self.message_label.setText(
                self.tr("The articles could not be read: {0}").format(error_text(err))
            )
            return
        self.tree.clear()
        for article in rows:
            item = QTreeWidgetItem([self._cell(article, c) for c in range(len(COLUMNS))])
            item.setData(0, ID_ROLE, article.id)
            item.setToolTip(0, article.title)
            self.tree.addTopLevelItem(item)
            if article.id in keep:
                item.setSelected(True)
            if article.id == current:
                self.tree.setCurrentItem(item, 0, QItemSelectionModel.SelectionFlag.NoUpdate)
        first = self.tree.topLevelItem(0)
        if self.tree.currentItem() is None and first is not None:
            self.tree.setCurrentItem(first)
        at = STATUSES.index(self.status())
        self.message_label.setText(
            self.tr("{0}: {1}").format(self.tr(TAB_TEXT[at]), len(rows))
            if rows
            else self.tr(EMPTY_TEXT[at])
        )

    def items(self) -> list[QTreeWidgetItem]:
        found = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in found if item is not None]

    def article_ids(self) -> list[str]:
        return [item.data(0, ID_ROLE) for item in self.items()]

    def titles(self) -> list[str]:
        return [item.text(0) for item in self.items()]

    def selected_ids(self) -> list[str]:
        return [item.data(0, ID_ROLE) for item in self.tree.selectedItems()]

    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, ID_ROLE)

    def select(self, article_id: str) -> bool:
        for item in self.items():
            if item.data(0, ID_ROLE) == article_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def open_current(self) -> bool:
        item = self.tree.currentItem()
        return item is not None and self._open_item(item)

    def focus_list(self) -> None:
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- internals ---------------------------------------------------------------------

    @staticmethod
    def _read(service: ArticleService, status: ArticleStatus) -> list[ArticleView]:
        out: list[ArticleView] = []
        while True:
            part = service.list_articles(status=status, limit=PAGE, offset=len(out))
            out.extend(part)
            if len(part) < PAGE:
                return out

    @staticmethod
    def _cell(article: ArticleView, column: int) -> str:
        values = (
            article.title,
            article.category,
            article.language,
            str(article.version),
            article.updated_by,
            format_datetime(article.updated_at),
            f"{article.helpful_count} / {article.not_helpful_count}",
        )
        return values[column]

    def _open_item(self, item: QTreeWidgetItem) -> bool:
        article_id = item.data(0, ID_ROLE)
        if not isinstance(article_id, str):
            return False
        self.open_requested.emit(article_id)
        return True

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.new_button, self.open_button, self.import_button, self.export_button):
            widget.setEnabled(enabled)
        self.new_action.setEnabled(enabled)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.tree
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.open_current()
            return True
        return super().eventFilter(watched, event)
