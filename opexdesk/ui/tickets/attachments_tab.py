"""The Attachments tab: files of a ticket, "Attach file…" and "Open"."""

from __future__ import annotations

import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opexdesk.domain.errors import DomainError
from opexdesk.services.ticket_views import AttachmentView
from opexdesk.services.tickets import TicketService
from opexdesk.storage.errors import AttachmentTooLargeError, StorageError
from opexdesk.ui.i18n import error_text
from opexdesk.ui.locale_format import format_size
from opexdesk.ui.tickets.formatting import local_time

FileChooser = Callable[[QWidget], Path | None]
PathOpener = Callable[[Path], bool]


def choose_file_dialog(parent: QWidget) -> Path | None:
    """The real chooser: a native file dialog (tests inject their own)."""
    name, _ = QFileDialog.getOpenFileName(parent, parent.tr("Attach file"))
    return Path(name) if name else None


def open_with_desktop(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def named_copy(blob: Path, filename: str, root: Path) -> Path:
    """A read-only copy of ``blob`` named ``filename`` under ``root``.

    Blobs are named by their SHA-256 with no extension, so the desktop could not tell which
    application opens them; the copy carries the original name (and extension)."""
    safe = Path(filename).name.strip() or "attachment"
    target = root / blob.name[:16] / safe
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(blob, target)
        target.chmod(stat.S_IRUSR)  # a copy: edits would not reach the ticket
    return target


class AttachmentsTab(QWidget):
    """Lists attachments; ``choose_file`` and ``open_path`` are replaceable (tests)."""

    written = Signal()

    def __init__(
        self,
        tickets: TicketService,
        parent: QWidget | None = None,
        choose_file: FileChooser | None = None,
        open_path: PathOpener | None = None,
    ) -> None:
        super().__init__(parent)
        self._tickets = tickets
        self._ticket_id: str | None = None
        self._attachments: list[AttachmentView] = []
        self.choose_file: FileChooser = choose_file or choose_file_dialog
        self.open_path: PathOpener = open_path or open_with_desktop
        # Private (0700) folder for named copies, made on first Open.
        self.open_dir: Path | None = None

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [self.tr("Name"), self.tr("Size"), self.tr("Added by"), self.tr("When")]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.itemDoubleClicked.connect(lambda *_: self.open_selected())
        self.tree.itemSelectionChanged.connect(self._selection_changed)

        self.attach_button = QPushButton(self.tr("Attach file…"))
        self.attach_button.clicked.connect(self.attach)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_selected)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)

    def set_ticket(self, ticket_id: str | None) -> None:
        if ticket_id != self._ticket_id:
            self._show_error("")
        self._ticket_id = ticket_id

    def load(self) -> None:
        self._attachments = self._tickets.attachments(self._ticket_id) if self._ticket_id else []
        self.tree.clear()
        for a in self._attachments:
            item = QTreeWidgetItem(
                [a.filename, format_size(a.size), a.author, local_time(a.created_at)]
            )
            item.setToolTip(0, f"{a.filename}\n{a.media_type}\nSHA-256 {a.sha256}")
            self.tree.addTopLevelItem(item)
        self._selection_changed()

    def attachments(self) -> list[AttachmentView]:
        return list(self._attachments)

    def attach(self) -> None:
        """Ask for a file and attach it; a refusal (too large, unreadable) says why."""
        if self._ticket_id is None:
            return
        source = self.choose_file(self)
        if source is None:
            return
        try:
            self._tickets.attach_file(self._ticket_id, source)
        except AttachmentTooLargeError as exc:
            # The sizes in the UI's language ("950 字节"), not the English ones of the message.
            reason = self.tr("{0} is {1}; attachments are limited to {2}.").format(
                exc.name or source.name, format_size(exc.size), format_size(exc.limit)
            )
            self._show_error(self.tr("Not attached — the file is too large: {0}").format(reason))
            return
        except (DomainError, StorageError) as exc:
            self._show_error(self.tr("Not attached: {0}").format(error_text(exc)))
            return
        except OSError as exc:  # unreadable file, vanished between choosing and reading
            self._show_error(
                self.tr("Not attached: cannot read {0}: {1}").format(source, exc.strerror or exc)
            )
            return
        self._show_error("")
        self.load()
        self.written.emit()

    def open_selected(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        attachment = self._attachments[self.tree.indexOfTopLevelItem(item)]
        blob = self._tickets.attachment_path(attachment.sha256)
        if not blob.is_file():
            self._show_error(
                self.tr("{0} is not on this device yet; it arrives with the next sync.").format(
                    attachment.filename
                )
            )
            return
        try:
            if self.open_dir is None:
                self.open_dir = Path(tempfile.mkdtemp(prefix="opexdesk-open-"))
            path = named_copy(blob, attachment.filename, self.open_dir)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self._show_error(self.tr("Cannot open {0}: {1}").format(attachment.filename, reason))
            return
        if not self.open_path(path):
            self._show_error(self.tr("No application could open {0}.").format(attachment.filename))
            return
        self._show_error("")

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def _selection_changed(self) -> None:
        self.open_button.setEnabled(self.tree.currentItem() is not None)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
