"""Sync > Sign in… (form from ui/sign_in_dialog.ui).

The sign-in (server check, login, keyring) runs on a worker: the window never freezes on a
slow or dead server. A refusal keeps the dialog open with the reason inline. Enter signs in,
Esc cancels, "Work offline" closes it without signing in.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPushButton,
    QWidget,
)

from opexdesk.services.sync.session import SignInError, SyncSession, SyncSettings
from opexdesk.ui.forms.ui_sign_in_dialog import Ui_SignInDialog
from opexdesk.ui.i18n import error_text, message_text
from opexdesk.ui.workers import Call, Worker

ERROR_STYLE = "QLabel#errorLabel { color: #b00020; }"
NOTICE_STYLE = "color: palette(placeholder-text);"


class SignInDialog(QDialog):
    """After ``exec()`` returns Accepted, ``settings`` holds where we signed in;
    ``work_offline`` is True when the user chose to go on without signing in."""

    def __init__(self, session: SyncSession, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._worker = worker
        self._busy = False
        self._closed = False
        self.settings: SyncSettings | None = None
        self.work_offline = False
        self.ui = Ui_SignInDialog()
        self.ui.setupUi(self)
        self.setStyleSheet(ERROR_STYLE)
        self.ui.noticeLabel.setStyleSheet(NOTICE_STYLE)
        self.ui.errorLabel.hide()
        self.ui.busyLabel.hide()

        box = self.ui.buttonBox
        self.sign_in_button = box.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText(self.tr("&Sign in"))
        self.sign_in_button.setDefault(True)
        self.offline_button: QPushButton = box.addButton(
            self.tr("Work &offline"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.offline_button.setToolTip(self.tr("Keep working on this computer only"))
        self.offline_button.clicked.connect(self._choose_offline)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        self.ui.caCheck.toggled.connect(self._ca_toggled)
        self.ui.caBrowseButton.clicked.connect(self._browse_ca)
        for edit in (self.ui.serverEdit, self.ui.userEdit, self.ui.passwordEdit, self.ui.caEdit):
            edit.textChanged.connect(self._clear_error)
        self._prefill()

    # ---- public API ----------------------------------------------------------------------

    def error_text(self) -> str:
        return self.ui.errorLabel.text() if not self.ui.errorLabel.isHidden() else ""

    def is_busy(self) -> bool:
        return self._busy

    def accept(self) -> None:
        """Start the sign-in on the worker; the dialog closes when it succeeds."""
        if self._busy:
            return
        server = self.ui.serverEdit.text()
        user = self.ui.userEdit.text()
        password = self.ui.passwordEdit.text()
        ca_file = self.ui.caEdit.text() if self.ui.caCheck.isChecked() else None
        if self.ui.caCheck.isChecked() and not (ca_file or "").strip():
            self._show_error(self.tr("Choose the CA certificate file, or untick the option."))
            self.ui.caEdit.setFocus()
            return
        self._set_busy(True)
        session = self._session
        self._worker.run(lambda: session.sign_in(server, user, password, ca_file), self._done)

    def done(self, result: int) -> None:
        # A sign-in in flight finishes on the worker; the session then holds its result,
        # and this (closed, perhaps deleted) dialog ignores it.
        self._closed = True
        super().done(result)

    # ---- internals -----------------------------------------------------------------------

    def _prefill(self) -> None:
        settings = self._session.settings()
        self.ui.serverEdit.setText(settings.server_url or "")
        self.ui.userEdit.setText(settings.username or "")
        if settings.ca_file:
            self.ui.caCheck.setChecked(True)
            self.ui.caEdit.setText(settings.ca_file)
        if settings.server_url:
            # A database syncs with one server: the address is shown, not changed here.
            self.ui.serverEdit.setReadOnly(True)
            self.ui.serverEdit.setToolTip(self.tr("This database is bound to this server."))
        notice = self._session.notice
        if notice:
            self.ui.noticeLabel.setText(message_text(notice.template, notice.params, notice))
        first_empty = next(
            (
                e
                for e in (self.ui.serverEdit, self.ui.userEdit, self.ui.passwordEdit)
                if not e.text()
            ),
            self.ui.passwordEdit,
        )
        first_empty.setFocus()

    def _done(self, call: Call) -> None:
        if self._closed:
            return
        self._set_busy(False)
        if call.error is not None:
            error = call.error
            message = (
                error_text(error)
                if isinstance(error, SignInError)
                else self.tr("Sign-in failed: {0}").format(error_text(error))
            )
            self._show_error(message)
            self.ui.passwordEdit.setFocus()
            self.ui.passwordEdit.selectAll()
            return
        self.settings = call.result
        super().accept()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ui.busyLabel.setVisible(busy)
        self.sign_in_button.setEnabled(not busy)
        for widget in (self.ui.userEdit, self.ui.passwordEdit, self.ui.caCheck):
            widget.setEnabled(not busy)
        if busy:
            self._clear_error()

    def _show_error(self, message: str) -> None:
        self.ui.errorLabel.setText(message)
        self.ui.errorLabel.show()

    def _clear_error(self) -> None:
        self.ui.errorLabel.hide()

    def _ca_toggled(self, on: bool) -> None:
        self.ui.caEdit.setEnabled(on)
        self.ui.caBrowseButton.setEnabled(on)
        if on and not self.ui.caEdit.text():
            self.ui.caEdit.setFocus()

    def _browse_ca(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("CA certificate"),
            self.ui.caEdit.text(),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            self.ui.caEdit.setText(path)

    def _choose_offline(self) -> None:
        self.work_offline = True
