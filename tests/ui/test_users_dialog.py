"""Tools > Users…: an administrator manages the central store's accounts from the desktop,
on a REAL server process, by keyboard (Enter edits, Ctrl+N adds); a technician gets the
server's refusal; English and Chinese screenshots."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from real_server import serving

from opexdesk.services.sync.api import SyncApi
from opexdesk.services.sync.user_admin import UserDirectory
from opexdesk.ui.sync.users_dialog import AccountForm, PasswordForm, UsersDialog

PASSWORDS = {"ada": "ada password 111", "tom": "tom password 333"}
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(tmp_path_factory.mktemp("users_ui"), PASSWORDS, roles={"ada": "admin"}) as url:
        yield url


@pytest.fixture
def admin(server_url: str) -> Iterator[SyncApi]:
    api = SyncApi(server_url)
    api.login("ada", PASSWORDS["ada"])
    yield api
    api.close()


class Forms:
    """Answers the dialog's forms as a user would, recording what was asked."""

    def __init__(self) -> None:
        self.answers: list[Callable[[QDialog], bool]] = []
        self.seen: list[QDialog] = []

    def __call__(self, form: QDialog) -> bool:
        self.seen.append(form)
        return self.answers.pop(0)(form)


def rows(dialog: UsersDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_an_administrator_adds_and_changes_accounts_by_keyboard(
    qtbot,
    english: QApplication,
    admin: SyncApi,  # noqa: ANN001
) -> None:
    forms = Forms()
    dialog = UsersDialog(UserDirectory(lambda: admin), run_form=forms)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)
    assert rows(dialog)[1][:3] == ["tom", "tom", "Technician"]
    assert dialog.status_label.text() == "2 accounts."

    def new_editor(form: QDialog) -> bool:
        assert isinstance(form, AccountForm)
        form.username.setText("lin")
        form.display_name.setText("林静")
        form.role.setCurrentIndex(form.role.findData("technician"))
        form.kb_editor.setChecked(True)
        form.password.setText("lin password 5555")
        form.password_again.setText("lin password 5555")
        assert form.problem_text() is None
        return True

    forms.answers.append(new_editor)
    qtbot.keyClick(dialog.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=10_000)
    assert rows(dialog)[1] == ["lin", "林静", "Technician", "Yes", "Active"]
    assert dialog.selected() is not None and dialog.selected().username == "lin"
    assert dialog.status_label.text() == "lin added."

    def make_operator(form: QDialog) -> bool:
        assert isinstance(form, AccountForm) and form.account is not None
        assert form.kb_editor.isChecked() and not form.username.isVisible()
        form.role.setCurrentIndex(form.role.findData("operator"))
        form.kb_editor.setChecked(False)
        return True

    forms.answers.append(make_operator)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter edits the selected account
    qtbot.waitUntil(lambda: "changed" in dialog.status_label.text(), timeout=10_000)
    assert rows(dialog)[1] == ["lin", "林静", "Operator", "", "Active"]

    def new_password(form: QDialog) -> bool:
        assert isinstance(form, PasswordForm)
        form.password.setText("another password 66")
        form.password_again.setText("another password 66")
        return True

    forms.answers.append(new_password)
    dialog.password_button.click()
    qtbot.waitUntil(lambda: "signed out" in dialog.status_label.text(), timeout=10_000)
    check = SyncApi(admin.server_url)
    check.login("lin", "another password 66")  # the new password works
    check.close()
    ARTIFACTS.mkdir(exist_ok=True)
    dialog.grab().save(str(ARTIFACTS / "users_dialog.png"))

    forms.answers.append(lambda form: False)  # a cancelled form sends nothing
    dialog.edit_selected()
    assert rows(dialog)[1] == ["lin", "林静", "Operator", "", "Active"]
    dialog.close()


def test_an_incomplete_form_says_what_is_missing(qtbot, english: QApplication) -> None:  # noqa: ANN001
    form = AccountForm(None)
    qtbot.addWidget(form)
    assert form.problem_text() == "Enter a username."
    form.username.setText("x")
    form.display_name.setText("X")
    form.password.setText("one long password")
    form.password_again.setText("another long password")
    assert form.problem_text() == "The two passwords differ."


@pytest.mark.parametrize(
    ("language", "refusal"),
    [
        ("english", "This needs the role admin; you are signed in as technician."),
        ("chinese", "此操作需要管理员角色；您当前的角色是技术员。"),
    ],
)
def test_a_technician_gets_the_servers_refusal_in_their_language(
    qtbot,  # noqa: ANN001
    request: pytest.FixtureRequest,
    server_url: str,
    language: str,
    refusal: str,
) -> None:
    request.getfixturevalue(language)
    tom = SyncApi(server_url)
    tom.login("tom", PASSWORDS["tom"])
    try:
        dialog = UsersDialog(UserDirectory(lambda: tom))
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: refusal in dialog.status_label.text(), timeout=10_000)
        assert dialog.table.rowCount() == 0
    finally:
        tom.close()


def test_the_dialog_in_chinese(qtbot, chinese: QApplication, admin: SyncApi) -> None:  # noqa: ANN001
    dialog = UsersDialog(UserDirectory(lambda: admin))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() >= 2, timeout=10_000)
    assert dialog.windowTitle() == "用户"
    assert "技术员" in [row[2] for row in rows(dialog)]
    ARTIFACTS.mkdir(exist_ok=True)
    dialog.grab().save(str(ARTIFACTS / "users_dialog_zh.png"))
    form = AccountForm(None, dialog)
    form.show()
    form.grab().save(str(ARTIFACTS / "users_new_form_zh.png"))
    form.close()


def test_several_roles_are_listed_in_the_users_language(chinese) -> None:  # noqa: ANN001
    from opexdesk.domain.errors import Term
    from opexdesk.domain.kept_messages import KeptMessage, Message
    from opexdesk.server.deps import either_role
    from opexdesk.ui.i18n import shown_text

    refusal = Message(
        "This needs the role {names}; you are signed in as {role}.",
        names=either_role(["admin", "operator", "technician"]),
        role=Term("technician"),
    )
    kept = KeptMessage.from_fields(KeptMessage.of(refusal).fields())
    assert shown_text(kept) == "此操作需要管理员、操作员或技术员角色；您当前的角色是技术员。"
