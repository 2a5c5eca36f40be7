"""Ticket import from another desk's CSV and export to CSV/JSON (File menu)."""

from opexdesk.ui.import_export.wiring import ImportExportInstallation, install_import_export

__all__ = ["ImportExportInstallation", "install_import_export"]
