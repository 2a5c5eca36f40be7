"""The signed-in user's role and grants as the server's answers carry them (sign-in and
refresh: ``user``; every pull page: ``account``), read defensively: the device stores them
for the checks it makes early, so nothing that does not fit is kept."""

from __future__ import annotations

from typing import Any

ROLE_MAX = 16  # sync_state.role
GRANTS_MAX = 200  # sync_state.grants


def grants_text(grants: list[Any]) -> str:
    """Grant names as the device stores them: short identifiers only, sorted, each once,
    and only whole names within the column (a name cut short could read as another one:
    "edit_articles_readonly" as "edit_articles")."""
    names = {g for g in grants if isinstance(g, str) and g.isidentifier() and len(g) <= 40}
    kept: list[str] = []
    for name in sorted(names):
        if len(" ".join([*kept, name])) > GRANTS_MAX:
            break
        kept.append(name)
    return " ".join(kept)


def account_of(account: dict[str, Any]) -> tuple[str, str] | None:
    """(role, grants text) of a pull page's ``account``, or None when it is not one."""
    role, grants = account.get("role"), account.get("grants")
    if not isinstance(role, str) or len(role) > ROLE_MAX or not isinstance(grants, list):
        return None
    return role, grants_text(grants)
