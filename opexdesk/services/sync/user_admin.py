"""Account administration from the desktop: list the central store's users, add one, change
a role, the knowledge-base editor grant, the display name or the disabled flag, and reset a
password (``/api/v1/users``, administrators only; the server enforces it).

The device keeps nothing of this: every call goes to the server, so two administrators see
each other's changes at the next listing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from opexdesk.domain.enums import Grant, Role
from opexdesk.domain.errors import DomainError
from opexdesk.services.sync.api import NotAnOpExDeskServer, SyncApi

ROLES = tuple(r.value for r in Role)


class AdminSignInNeeded(DomainError):
    """Managing accounts needs a signed-in session (of an administrator)."""


@dataclass(frozen=True)
class Account:
    """One user of the central store, as an administrator sees it."""

    id: str
    username: str
    display_name: str
    role: str
    kb_editor: bool  # granted edit_articles
    disabled: bool


class UserDirectory:
    """The central store's accounts, through the signed-in session's API."""

    def __init__(self, api_source: Callable[[], SyncApi | None]) -> None:
        self._api_source = api_source

    def _api(self) -> SyncApi:
        api = self._api_source()
        if api is None:
            raise AdminSignInNeeded(
                "Sign in to a server as an administrator first (Sync > Sign in…)."
            )
        return api

    def accounts(self) -> list[Account]:
        """Every account, by username."""
        api = self._api()
        body = api.request_json("GET", "/users")
        if not isinstance(body, list):
            raise _unexpected(api)
        return [_account(api, item) for item in body]

    def create(
        self, username: str, display_name: str, role: str, password: str, kb_editor: bool
    ) -> Account:
        api = self._api()
        body = {
            "username": username,
            "display_name": display_name,
            "role": role,
            "password": password,
            "grants": _grants(kb_editor),
        }
        return _account(api, api.request_json("POST", "/users", body))

    def change(
        self,
        account: Account,
        *,
        display_name: str | None = None,
        role: str | None = None,
        kb_editor: bool | None = None,
        disabled: bool | None = None,
    ) -> Account:
        """Send only what differs from ``account`` (nothing to send: ``account`` back)."""
        body: dict[str, Any] = {}
        if display_name is not None and display_name != account.display_name:
            body["display_name"] = display_name
        if role is not None and role != account.role:
            body["role"] = role
        if kb_editor is not None and kb_editor != account.kb_editor:
            body["grants"] = _grants(kb_editor)
        if disabled is not None and disabled != account.disabled:
            body["disabled"] = disabled
        if not body:
            return account
        api = self._api()
        return _account(api, api.request_json("PATCH", f"/users/{account.id}", body))

    def reset_password(self, account: Account, password: str) -> Account:
        """A new password; the user is signed out on every device."""
        api = self._api()
        body = {"password": password}
        return _account(api, api.request_json("PATCH", f"/users/{account.id}", body))


def _grants(kb_editor: bool) -> list[str]:
    return [Grant.EDIT_ARTICLES.value] if kb_editor else []


def _account(api: SyncApi, item: Any) -> Account:
    try:
        grants = item.get("grants") or []
        return Account(
            str(item["id"]),
            str(item["username"]),
            str(item["display_name"]),
            str(item["role"]),
            Grant.EDIT_ARTICLES.value in grants,
            bool(item["disabled"]),
        )
    except (AttributeError, KeyError, TypeError) as exc:
        raise _unexpected(api) from exc


def _unexpected(api: SyncApi) -> NotAnOpExDeskServer:
    return NotAnOpExDeskServer(
        "{server_url} sent an unexpected answer about accounts.", server_url=api.server_url
    )
