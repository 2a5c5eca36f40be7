"""Parts of a server address form shared by Edit > Settings and the welcome flow: the custom
CA file row (tick box, path, Browse…) and the text of a server check's outcome."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QCheckBox, QFileDialog, QLineEdit, QPushButton, QWidget

from opexdesk.services.server_check import ServerCheck
from opexdesk.ui.i18n import error_text, message_text
from opexdesk.ui.workers import Call


class CaFileRow(QObject):
    """The tick box, the path and its Browse… button; the path and button are usable only
    while the box is ticked. The two forms lay the parts out themselves (and give them their
    own mnemonics), so this is not a widget."""

    def __init__(
        self, parent: QWidget, check_text: str, browse_text: str, ca_file: str | None
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self.check = QCheckBox(check_text)
        self.edit = QLineEdit(ca_file or "")
        self.browse = QPushButton(browse_text)
        self.browse.clicked.connect(self._browse)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.browse.setEnabled)
        used = bool(ca_file)
        self.check.setChecked(used)
        self.edit.setEnabled(used)
        self.browse.setEnabled(used)

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self._parent,
            self.tr("CA certificate"),
            self.edit.text(),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            self.edit.setText(path)


def check_outcome(call: Call) -> tuple[bool, str]:
    """(ok, text for people) of a finished ``check_server`` call run on a worker."""
    if call.error is not None:
        return False, error_text(call.error)
    result: ServerCheck = call.result
    return result.ok, message_text(result.template, result.params, result.message)
