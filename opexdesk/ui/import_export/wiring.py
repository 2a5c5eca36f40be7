"""File > Import tickets from CSV… and File > Export tickets… in the main window."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from opexdesk.services.ticket_export import TicketExporter
from opexdesk.services.ticket_import import TicketImporter
from opexdesk.services.ticket_list import TicketFilter
from opexdesk.ui.import_export.export_dialog import ExportDialog
from opexdesk.ui.import_export.import_wizard import ImportWizard
from opexdesk.ui.menus import window_menu

if TYPE_CHECKING:
    from opexdesk.app import AppContext


@dataclass
class ImportExportInstallation:
    window: QMainWindow
    importer: TicketImporter
    exporter: TicketExporter
    import_action: QAction
    export_action: QAction
    wizard: ImportWizard | None = field(default=None)
    export_dialog: ExportDialog | None = field(default=None)

    def open_import(self) -> ImportWizard:
        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.raise_()  # already open: bring it forward
            self.wizard.activateWindow()
            return self.wizard
        if self.wizard is not None:
            self.wizard.deleteLater()  # a fresh wizard: no file or report from last time
        self.wizard = ImportWizard(self.importer, self.window)
        self.wizard.imported.connect(lambda _result: _refresh(self.window))
        self.wizard.show()
        return self.wizard

    def open_export(self) -> ExportDialog:
        # A new dialog each time: the "current filter" is the one in force now.
        if self.export_dialog is not None:
            self.export_dialog.deleteLater()
        self.export_dialog = ExportDialog(self.exporter, _current_filter(self.window), self.window)
        self.export_dialog.show()
        return self.export_dialog


def _current_filter(window: QMainWindow) -> TicketFilter | None:
    bar = getattr(window, "filter_bar", None)
    flt = bar.current_filter() if bar is not None else None
    return flt if isinstance(flt, TicketFilter) else None


def _refresh(window: QMainWindow) -> None:
    refresh = getattr(window, "refresh", None)
    if callable(refresh):
        refresh()  # the list, counts and pick lists read the imported tickets


def _file_menu(window: QMainWindow) -> QMenu:
    return window_menu(window, "file", lambda: window.tr("&File"))


def install_import_export(main_window: QMainWindow, ctx: AppContext) -> ImportExportInstallation:
    """Add the two File-menu actions (above Quit when the window has one)."""
    importer = TicketImporter(ctx.db, ctx.tickets, ctx.notifier, ctx.clock)
    exporter = TicketExporter(ctx.db, lambda: ctx.tickets.matrix)
    import_action = QAction(main_window.tr("&Import tickets from CSV…"), main_window)
    export_action = QAction(main_window.tr("E&xport tickets…"), main_window)
    installation = ImportExportInstallation(
        main_window, importer, exporter, import_action, export_action
    )
    import_action.triggered.connect(lambda _checked=False: installation.open_import())
    export_action.triggered.connect(lambda _checked=False: installation.open_export())
    menu = _file_menu(main_window)
    quit_action = getattr(main_window, "quit_action", None)
    if isinstance(quit_action, QAction) and quit_action in menu.actions():
        menu.insertActions(quit_action, [import_action, export_action])
        menu.insertSeparator(quit_action)
    else:
        menu.addActions([import_action, export_action])
    return installation
