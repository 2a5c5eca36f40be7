"""The welcome flow's first pages: how to work (server, offline, demo), then sign-in (the
download page is in ``download_page.py``).

Network and database work runs on the wizard's worker; a page whose check is still running
refuses "Next" and moves on by itself when the check succeeds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from opexdesk.services.server_check import check_server
from opexdesk.services.sync.session import SignInError
from opexdesk.ui.i18n import error_text, message_text
from opexdesk.ui.server_fields import CaFileRow, check_outcome
from opexdesk.ui.settings_dialog import language_combo
from opexdesk.ui.workers import Call

if TYPE_CHECKING:
    from opexdesk.ui.welcome.welcome_dialog import WelcomeDialog

ERROR_STYLE = "color: #c62828;"
OK_STYLE = "color: #2e7d32;"
DEMO_TICKETS = 600

PAGE_CONNECT, PAGE_SIGN_IN, PAGE_DOWNLOAD = 0, 1, 2


def message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.hide()
    return label


def say(label: QLabel, text: str, ok: bool) -> None:
    label.setText(text)
    label.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
    label.show()


class ConnectPage(QWizardPage):
    """Page 1: a server (address checked before going on), offline only, or demo data."""

    def __init__(self, wizard: WelcomeDialog) -> None:
        super().__init__()
        self._wizard = wizard
        self._checked_url: str | None = None  # the address (and CA) that passed the check
        self._checking = False
        self.setTitle(self.tr("Welcome to OpExDesk"))
        self.setSubTitle(self.tr("How do you want to work on this computer?"))
        # First, so that everything after it can be read: a pick reopens the flow in it.
        self.language_combo = language_combo(wizard.language)
        self.language_combo.currentIndexChanged.connect(
            lambda _index: wizard.language_picked(self.language_combo.currentData())
        )
        language_label = QLabel(self.tr("&Language:"))
        language_label.setBuddy(self.language_combo)
        language_row = QHBoxLayout()
        language_row.addWidget(language_label)
        language_row.addWidget(self.language_combo)
        language_row.addStretch(1)
        self.server_radio = QRadioButton(self.tr("&Connect to your team's server"))
        self.offline_radio = QRadioButton(self.tr("Work &offline only"))
        self.demo_radio = QRadioButton(self.tr("Try with &demo data (DEMO: made-up tickets)"))
        self.modes = QButtonGroup(self)
        for button in (self.server_radio, self.offline_radio, self.demo_radio):
            self.modes.addButton(button)
        self.server_radio.setChecked(True)

        self.url_edit = QLineEdit(wizard.initial_server or "")
        self.url_edit.setPlaceholderText("https://desk.example.com")
        url_label = QLabel(self.tr("Server &address:"))
        url_label.setBuddy(self.url_edit)
        ca = CaFileRow(
            self,
            self.tr("Use a custom CA c&ertificate"),
            self.tr("Bro&wse…"),
            wizard.initial_ca,
        )
        self.ca_check, self.ca_edit, self.ca_browse = ca.check, ca.edit, ca.browse
        self.test_button = QPushButton(self.tr("&Test"))
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self.test)
        self.result_label = message_label()

        server_box = QWidget()
        form = QFormLayout(server_box)
        form.setContentsMargins(24, 0, 0, 0)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_edit, 1)
        url_row.addWidget(self.test_button)
        form.addRow(url_label, url_row)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(self.ca_browse)
        form.addRow(self.ca_check, ca_row)
        form.addRow(self.result_label)
        self.server_box = server_box

        offline_note = QLabel(
            self.tr("Tickets stay on this computer. You can connect a server later (Sync menu).")
        )
        demo_note = QLabel(
            self.tr(
                "Fills this computer with {0} made-up tickets to explore. The window shows "
                "DEMO while they are there; nothing is sent anywhere."
            ).format(DEMO_TICKETS)
        )
        layout = QVBoxLayout(self)
        layout.addLayout(language_row)
        layout.addSpacing(8)
        for widget in (self.server_radio, server_box, self.offline_radio):
            layout.addWidget(widget)
        for note in (offline_note, demo_note):
            note.setWordWrap(True)
            note.setContentsMargins(24, 0, 0, 0)
            note.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(offline_note)
        layout.addWidget(self.demo_radio)
        layout.addWidget(demo_note)
        layout.addStretch(1)
        self.finish_error = message_label()
        layout.addWidget(self.finish_error)

        self.modes.buttonToggled.connect(self._mode_changed)
        for edit in (self.url_edit, self.ca_edit):
            edit.textChanged.connect(self._address_edited)
        self.ca_check.toggled.connect(self._address_edited)

    # ---- state ---------------------------------------------------------------------------

    def mode(self) -> str:
        if self.offline_radio.isChecked():
            return "offline"
        return "demo" if self.demo_radio.isChecked() else "server"

    def set_mode(self, mode: str) -> None:
        radio = {"offline": self.offline_radio, "demo": self.demo_radio}.get(mode)
        (radio or self.server_radio).setChecked(True)

    def server_url(self) -> str:
        return self.url_edit.text().strip().rstrip("/")

    def ca_file(self) -> str | None:
        return self.ca_edit.text().strip() or None if self.ca_check.isChecked() else None

    def is_checking(self) -> bool:
        return self._checking

    def message(self) -> str:
        return self.result_label.text() if not self.result_label.isHidden() else ""

    # ---- QWizardPage ---------------------------------------------------------------------

    def nextId(self) -> int:
        mode = self.mode()
        if mode == "offline":
            return -1  # Finish here
        return PAGE_SIGN_IN if mode == "server" else PAGE_DOWNLOAD

    def validatePage(self) -> bool:
        if self.mode() != "server":
            return True
        if self._checked_url == self._key():
            return True
        self.test(then_next=True)
        return False

    # ---- actions -------------------------------------------------------------------------

    def test(self, then_next: bool = False) -> None:
        if self._checking:
            return
        if self.ca_check.isChecked() and self.ca_file() is None:
            say(self.result_label, self.tr("Choose the CA certificate file, or untick it."), False)
            return
        self._checking = True
        self.test_button.setEnabled(False)
        say(self.result_label, self.tr("Checking the server…"), True)
        key = self._key()
        url, ca = self.server_url(), self.ca_file()

        def done(call: Call) -> None:
            self._checking = False
            self.test_button.setEnabled(True)
            ok, text = check_outcome(call)
            say(self.result_label, text, ok)
            if ok and key == self._key():
                self._checked_url = key
                if then_next:
                    self._wizard.next()
            elif not ok:
                self.url_edit.setFocus()

        self._wizard.worker.run(lambda: check_server(url, ca), done)

    def _key(self) -> str:
        return f"{self.server_url()}|{self.ca_file() or ''}"

    def _address_edited(self) -> None:
        self._checked_url = None
        self.result_label.hide()

    def _mode_changed(self) -> None:
        self.server_box.setEnabled(self.mode() == "server")
        self._wizard.mode_changed(self.mode())
        # Next / Finish follow the choice: setFinalPage makes the wizard look again.
        self.setFinalPage(self.mode() == "offline")


class SignInPage(QWizardPage):
    """Page 2: user name and password for the server chosen on page 1."""

    def __init__(self, wizard: WelcomeDialog) -> None:
        super().__init__()
        self._wizard = wizard
        self._busy = False
        self._signed_in_as: str | None = None
        self.setTitle(self.tr("Sign in"))
        self.user_edit = QLineEdit(wizard.initial_user or "")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        user_label = QLabel(self.tr("&User name:"))
        user_label.setBuddy(self.user_edit)
        password_label = QLabel(self.tr("&Password:"))
        password_label.setBuddy(self.password_edit)
        form.addRow(user_label, self.user_edit)
        form.addRow(password_label, self.password_edit)
        self.error_label = message_label()
        form.addRow(self.error_label)
        self.notice_label = QLabel()
        self.notice_label.setWordWrap(True)
        form.addRow(self.notice_label)
        for edit in (self.user_edit, self.password_edit):
            edit.textChanged.connect(self.error_label.hide)

    def initializePage(self) -> None:
        self.setSubTitle(
            self.tr("Your account on {0}.").format(self._wizard.connect_page.server_url())
        )
        (self.password_edit if self.user_edit.text() else self.user_edit).setFocus()

    def is_busy(self) -> bool:
        return self._busy

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def validatePage(self) -> bool:
        if self._signed_in_as is not None and self._signed_in_as == self.user_edit.text().strip():
            return True
        if not self._busy:
            self._start()
        return False

    def _start(self) -> None:
        page = self._wizard.connect_page
        url, ca = page.server_url(), page.ca_file()
        user, password = self.user_edit.text(), self.password_edit.text()
        session = self._wizard.session
        self._busy = True
        say(self.error_label, self.tr("Signing in…"), True)
        self._wizard.worker.run(lambda: session.sign_in(url, user, password, ca), self._done)

    def _done(self, call: Call) -> None:
        self._busy = False
        if call.error is not None:
            error = call.error
            text = (
                error_text(error)
                if isinstance(error, SignInError)
                else self.tr("Sign-in failed: {0}").format(error_text(error))
            )
            say(self.error_label, text, False)
            self.password_edit.setFocus()
            self.password_edit.selectAll()
            return
        self.error_label.hide()
        self._signed_in_as = call.result.username
        self._wizard.signed_in = True
        notice = self._wizard.session.notice
        self.notice_label.setText(
            message_text(notice.template, notice.params, notice) if notice else ""
        )
        self._wizard.next()
