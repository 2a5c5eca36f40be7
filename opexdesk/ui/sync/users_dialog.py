"""Tools > Users… : the central store's accounts for an administrator (add one, change the
role, make a technician a knowledge-base editor, disable, reset a password).

Keyboard-first: the list has the focus; Enter edits the selected account, Ctrl+N adds one.
Every server call runs on a worker, and the server decides (a non-administrator gets its
refusal, shown in the status line).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opexdesk.services.sync.user_admin import ROLES, Account, UserDirectory
from opexdesk.ui.i18n import error_text
from opexdesk.ui.sync.row_table import row_table
from opexdesk.ui.tickets.keys import EnterKeyFilter
from opexdesk.ui.workers import Call, Worker


def role_label(role: str) -> str:
    labels = {
        "technician": QCoreApplication.translate("UsersDialog", "Technician"),
        "operator": QCoreApplication.translate("UsersDialog", "Operator"),
        "admin": QCoreApplication.translate("UsersDialog", "Administrator"),
    }
    return labels.get(role, role)


def password_pair() -> tuple[QLineEdit, QLineEdit]:
    """A password field and its repetition, both masked."""
    first, again = QLineEdit(), QLineEdit()
    for edit in (first, again):
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return first, again


def password_problem(first: QLineEdit, again: QLineEdit) -> str | None:
    """What is wrong with a typed password pair (the server judges its strength)."""
    if not first.text():
        return QCoreApplication.translate("UsersDialog", "Enter a password.")
    if first.text() != again.text():
        return QCoreApplication.translate("UsersDialog", "The two passwords differ.")
    return None


class AccountForm(QDialog):
    """A new account (``account`` None: username and password asked) or the changes to
    one; ``values()`` after ``exec()``."""

    def __init__(self, account: Account | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.setWindowTitle(
            self.tr("New user") if account is None else self.tr("User {0}").format(account.username)
        )
        form = QFormLayout(self)
        self.username = QLineEdit()
        self.display_name = QLineEdit(account.display_name if account else "")
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(role_label(role), role)
        self.role.setCurrentIndex(
            ROLES.index(account.role) if account and account.role in ROLES else 0
        )
        self.kb_editor = QCheckBox(
            self.tr("Knowledge-base editor (edits and publishes any article)")
        )
        self.kb_editor.setChecked(bool(account and account.kb_editor))
        self.disabled = QCheckBox(self.tr("Disabled (cannot sign in; signed out everywhere)"))
        self.disabled.setChecked(bool(account and account.disabled))
        self.password, self.password_again = password_pair()
        if account is None:
            form.addRow(self.tr("&Username:"), self.username)
        form.addRow(self.tr("&Display name:"), self.display_name)
        form.addRow(self.tr("&Role:"), self.role)
        form.addRow("", self.kb_editor)
        if account is None:
            form.addRow(self.tr("&Password:"), self.password)
            form.addRow(self.tr("Password &again:"), self.password_again)
        else:
            form.addRow("", self.disabled)
        self.problem = QLabel()
        self.problem.setObjectName("accountFormProblem")
        self.problem.setWordWrap(True)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_complete)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())

    def _accept_if_complete(self) -> None:
        problem = self.problem_text()
        self.problem.setText(problem or "")
        if problem is None:
            self.accept()

    def problem_text(self) -> str | None:
        """What is missing before the form can be sent (the server checks the rest, e.g.
        the password's strength), or None."""
        if self.account is None and not self.username.text().strip():
            return self.tr("Enter a username.")
        if not self.display_name.text().strip():
            return self.tr("Enter a display name.")
        if self.account is None:
            return password_problem(self.password, self.password_again)
        return None

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "display_name": self.display_name.text().strip(),
            "role": str(self.role.currentData()),
            "kb_editor": self.kb_editor.isChecked(),
        }
        if self.account is None:
            values["username"] = self.username.text().strip()
            values["password"] = self.password.text()
        else:
            values["disabled"] = self.disabled.isChecked()
        return values


class PasswordForm(QDialog):
    """A new password for an account, typed twice."""

    def __init__(self, account: Account, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New password for {0}").format(account.username))
        form = QFormLayout(self)
        self.password, self.password_again = password_pair()
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("Password &again:"), self.password_again)
        form.addRow(QLabel(self.tr("The user is signed out on every device.")))
        self.problem = QLabel()
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_complete)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept_if_complete(self) -> None:
        problem = password_problem(self.password, self.password_again)
        self.problem.setText(problem or "")
        if problem is None:
            self.accept()


class UsersDialog(QDialog):
    """The accounts list. ``run_form(form)`` shows a form and says whether it was
    accepted (``exec()``; tests fill it in instead)."""

    def __init__(
        self,
        directory: UserDirectory,
        parent: QWidget | None = None,
        *,
        run_form: Callable[[QDialog], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._directory = directory
        self._run_form = run_form or (lambda form: form.exec() == QDialog.DialogCode.Accepted)
        self._worker = Worker(self)
        self._accounts: list[Account] = []
        self.setWindowTitle(self.tr("Users"))
        self.resize(760, 420)

        self.table = row_table(
            "usersTable",
            [
                self.tr("Username"),
                self.tr("Display name"),
                self.tr("Role"),
                self.tr("Knowledge-base editor"),
                self.tr("State"),
            ],
            stretch=1,
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        EnterKeyFilter(self, on_enter=self.edit_selected).watch(self.table)

        self.status_label = QLabel(self.tr("Loading the accounts…"))
        self.status_label.setObjectName("usersStatus")
        self.status_label.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.new_button = QPushButton(self.tr("&New user…"))
        self.edit_button = QPushButton(self.tr("&Change…"))
        self.password_button = QPushButton(self.tr("&Reset password…"))
        for button, slot in (
            (self.new_button, self.add_account),
            (self.edit_button, self.edit_selected),
            (self.password_button, self.reset_selected_password),
        ):
            button.clicked.connect(slot)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        for any_button in buttons.buttons():
            if isinstance(any_button, QPushButton):
                any_button.setAutoDefault(False)  # Enter edits the selected account
        QShortcut(QKeySequence.StandardKey.New, self, self.add_account)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        self.reload()

    # ---- the list ------------------------------------------------------------------------

    def reload(self, select: str | None = None, note: str | None = None) -> None:
        self._worker.run(self._directory.accounts, lambda call: self._loaded(call, select, note))

    def _loaded(self, call: Call, select: str | None, note: str | None) -> None:
        if call.error is not None:
            self.status_label.setText(error_text(call.error))
            return
        self._accounts = list(call.result)
        self.table.setRowCount(len(self._accounts))
        for row, account in enumerate(self._accounts):
            cells = (
                account.username,
                account.display_name,
                role_label(account.role),
                self.tr("Yes") if account.kb_editor else "",
                self.tr("Disabled") if account.disabled else self.tr("Active"),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self._accounts:
            names = [a.username for a in self._accounts]
            self.table.selectRow(names.index(select) if select in names else 0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        n = len(self._accounts)
        count = (self.tr("1 account.") if n == 1 else self.tr("{0} accounts.")).format(n)
        self.status_label.setText(note or count)

    def selected(self) -> Account | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        return self._accounts[min(rows)] if rows else None

    # ---- changes -------------------------------------------------------------------------

    def add_account(self) -> None:
        form = AccountForm(None, self)
        if not self._run_form(form):
            return
        v = form.values()
        self._send(
            lambda: self._directory.create(
                v["username"], v["display_name"], v["role"], v["password"], v["kb_editor"]
            ),
            self.tr("{0} added."),
        )

    def edit_selected(self) -> None:
        account = self.selected()
        if account is None:
            return
        form = AccountForm(account, self)
        if not self._run_form(form):
            return
        v = form.values()
        self._send(
            lambda: self._directory.change(
                account,
                display_name=v["display_name"],
                role=v["role"],
                kb_editor=v["kb_editor"],
                disabled=v["disabled"],
            ),
            self.tr("{0} changed; it counts from the user's next request."),
        )

    def reset_selected_password(self) -> None:
        account = self.selected()
        if account is None:
            return
        form = PasswordForm(account, self)
        if not self._run_form(form):
            return
        password = form.password.text()
        self._send(
            lambda: self._directory.reset_password(account, password),
            self.tr("New password set for {0}; they are signed out everywhere."),
        )

    def _send(self, change: Callable[[], Account], done_text: str) -> None:
        self.status_label.setText(self.tr("Sending to the server…"))
        self._worker.run(change, lambda call: self._sent(call, done_text))

    def _sent(self, call: Call, done_text: str) -> None:
        if call.error is not None:
            self.status_label.setText(error_text(call.error))
            return
        account: Account = call.result
        self.reload(select=account.username, note=done_text.format(account.username))

    def done(self, result: int) -> None:
        self._worker.forget_all()  # a late answer finds nobody; closing never waits on it
        super().done(result)


def open_users_dialog(
    parent: QWidget, directory: UserDirectory, sync: Any, sign_in: Callable[[], None]
) -> None:
    """Tools > Users…: sign in first when needed, then the accounts list (modal)."""
    if not sync.signed_in:
        sign_in()
        if not sync.signed_in:
            return
    dialog = UsersDialog(directory, parent)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
