"""The ticket list view: a QTableView set up for a million rows and keyboard work."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from opexdesk.ui.models.ticket_columns import COLUMNS, TITLE_COLUMN


class TicketTableView(QTableView):
    """Rows are selected whole, one at a time; heights are fixed so Qt never measures rows
    (measuring a million rows is what makes big tables slow)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(1)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionsMovable(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.setToolTip(self.tr("Click to sort; right-click to show or hide columns"))
        header.customContextMenuRequested.connect(self._column_menu)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is None:
            return
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for i, column in enumerate(COLUMNS):
            # Fixed widths, never ResizeToContents: that would read every row.
            header.resizeSection(i, column.width)
            self.setColumnHidden(i, not column.shown)
        # The title takes whatever width is left (and shrinks first on narrow windows).
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)

    # ---- keyboard navigation -----------------------------------------------------------

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def step(self, delta: int) -> bool:
        """Move the selection ``delta`` rows (J/K); from nothing, start at the first row."""
        model = self.model()
        if model is None:
            return False
        current = self.current_row()
        row = 0 if current < 0 else current + delta
        if row >= model.rowCount() and model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        if not 0 <= row < model.rowCount():
            return False
        self.select_row(row)
        return True

    def select_row(self, row: int, center: bool = False) -> None:
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        column = max(0, self.currentIndex().column())
        index = model.index(row, column)
        self.setCurrentIndex(index)  # selects the whole row (SelectRows + SingleSelection)
        hint = (
            QAbstractItemView.ScrollHint.PositionAtCenter
            if center
            else QAbstractItemView.ScrollHint.EnsureVisible
        )
        self.scrollTo(index, hint)

    # ---- columns -----------------------------------------------------------------------

    def _column_menu(self, pos: QPoint) -> None:
        """Right-click on the header: show or hide columns (narrow screens)."""
        menu = QMenu(self)
        for i, column in enumerate(COLUMNS):
            action = menu.addAction(column.title)
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(i))
            action.setEnabled(i != TITLE_COLUMN)
            action.toggled.connect(lambda shown, i=i: self.setColumnHidden(i, not shown))
        menu.popup(self.horizontalHeader().mapToGlobal(pos))
