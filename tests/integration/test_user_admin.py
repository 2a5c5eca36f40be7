"""Account administration from the desktop (services/sync/user_admin.py) against a REAL
``opexdesk-server`` process: list, add, change role and grant, disable, reset a password;
the server's refusals (not an administrator, the last administrator, a weak password) come
back as clear errors and change nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from real_server import serving

from opexdesk.services.sync.api import AuthFailed, ServerError, SyncApi
from opexdesk.services.sync.user_admin import AdminSignInNeeded, UserDirectory

PASSWORDS = {"ada": "ada password 111", "tom": "tom password 333"}
ROLES = {"ada": "admin"}  # tom: technician


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(tmp_path_factory.mktemp("admin_server"), PASSWORDS, roles=ROLES) as base:
        yield base


def signed_in(url: str, user: str, password: str | None = None) -> SyncApi:
    api = SyncApi(url)
    api.login(user, password or PASSWORDS[user])
    return api


def test_an_administrator_manages_accounts(server_url: str) -> None:
    api = signed_in(server_url, "ada")
    users = UserDirectory(lambda: api)
    try:
        assert [(a.username, a.role) for a in users.accounts()] == [
            ("ada", "admin"),
            ("tom", "technician"),
        ]
        kim = users.create("Kim", "金敏", "technician", "kim password 4444", kb_editor=True)
        assert (kim.username, kim.display_name, kim.kb_editor, kim.disabled) == (
            "kim",
            "金敏",
            True,
            False,
        )
        kim_api = signed_in(server_url, "kim", "kim password 4444")
        assert kim_api.tokens is not None and kim_api.tokens.grants == "edit_articles"
        kim_api.close()

        same = users.change(kim, display_name="金敏", role="technician", kb_editor=True)
        assert same is kim  # nothing differed: nothing sent
        kim = users.change(kim, role="operator", kb_editor=False)
        assert (kim.role, kim.kb_editor) == ("operator", False)
        kim = users.reset_password(kim, "a brand new password 5")
        with pytest.raises(AuthFailed):
            signed_in(server_url, "kim", "kim password 4444")
        signed_in(server_url, "kim", "a brand new password 5").close()
        kim = users.change(kim, disabled=True)
        assert kim.disabled
        with pytest.raises(ServerError, match="disabled"):
            signed_in(server_url, "kim", "a brand new password 5")
        assert [a.username for a in users.accounts()] == ["ada", "kim", "tom"]
    finally:
        api.close()


def test_refusals_are_clear_and_change_nothing(server_url: str) -> None:
    ada = signed_in(server_url, "ada")
    tom = signed_in(server_url, "tom")
    try:
        with pytest.raises(ServerError, match="needs the role admin"):
            UserDirectory(lambda: tom).accounts()
        users = UserDirectory(lambda: ada)
        me = next(a for a in users.accounts() if a.username == "ada")
        with pytest.raises(ServerError, match="last active administrator"):
            users.change(me, role="technician")
        with pytest.raises(ServerError, match="password"):
            users.create("weak", "Weak", "technician", "short", kb_editor=False)
        with pytest.raises(ServerError, match="already taken"):
            users.create("TOM", "Tom again", "technician", "long enough password 1", False)
        accounts = {a.username: a for a in users.accounts()}
        assert "weak" not in accounts and accounts["ada"].role == "admin"
        assert accounts["tom"].display_name == "tom"  # as created
    finally:
        ada.close()
        tom.close()
    with pytest.raises(AdminSignInNeeded, match="Sign in"):
        UserDirectory(lambda: None).accounts()
