"""The server's answers, checked before anything is changed here.

A captive portal, a broken proxy or a server of another kind can answer 200 with anything:
an answer that is not a well-formed push outcome list or pull page is refused, so no
change is ever marked as sent, and no cursor moves, on the strength of garbage.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from opexdesk.services.sync.api import (
    NotAnOpExDeskServer,
    PullPage,
    PushResult,
    ServerError,
    SnapshotPage,
    SyncApi,
)

OUTCOME_STATUSES = frozenset({"applied", "merged", "conflict", "rejected", "duplicate"})


def effective_status(outcome: dict[str, Any]) -> str:
    """The status that counts: a duplicate's original one."""
    status = str(outcome.get("status"))
    if status == "duplicate":
        original = outcome.get("original")
        return str(original.get("status")) if isinstance(original, dict) else "applied"
    return status


def garbage(api: SyncApi, what: str) -> NotAnOpExDeskServer:
    return NotAnOpExDeskServer(
        f"{api.server_url} sent a {what} answer OpExDesk cannot use (a network "
        "login page or a broken proxy in the way?); nothing was changed here and the "
        "sync will be tried again."
    )


def checked_push(api: SyncApi, client_id: str, rows: list[dict[str, Any]]) -> PushResult:
    """The push answer, refused unless every outcome is well formed and names a mutation
    that was sent."""
    try:
        result = api.push(client_id, rows)
    except (KeyError, TypeError, ValueError) as exc:
        raise garbage(api, "push") from exc
    sent = {str(r["mutation_id"]) for r in rows}
    for found in result.outcomes:
        if (
            not isinstance(found, dict)
            or found.get("mutation_id") not in sent
            or found.get("status") not in OUTCOME_STATUSES
        ):
            raise garbage(api, "push")
    return result


def checked_pull(api: SyncApi, cursor: int, page_size: int) -> PullPage:
    """A pull page, refused unless it moves forward and every change is well formed."""
    try:
        page = api.pull(cursor, page_size)
    except (KeyError, TypeError, ValueError) as exc:
        raise garbage(api, "pull") from exc
    if page.next_cursor < cursor or (page.more and page.next_cursor <= cursor):
        raise ServerError(
            f"{api.server_url} sent a change feed that does not move forward "
            f"(from {cursor} to {page.next_cursor}); nothing was changed here."
        )
    check_changes(api, page.changes, "pull")
    return page


def check_changes(api: SyncApi, changes: list[Any], what: str) -> None:
    """Every change must name its entity and id and carry its data."""
    for change in changes:
        if (
            not isinstance(change, dict)
            or not isinstance(change.get("entity"), str)
            or not isinstance(change.get("id"), str)
            or not change["id"]
            or not isinstance(change.get("data"), dict)
        ):
            raise garbage(api, what)


def checked_snapshot(
    api: SyncApi, after: str, page_size: int, days: int, tickets: Sequence[str] = ()
) -> SnapshotPage:
    """A working-set page, refused unless well formed and moving forward."""
    try:
        page = api.snapshot(after, page_size, days, tickets)
    except (KeyError, TypeError, ValueError) as exc:
        raise garbage(api, "download") from exc
    check_changes(api, page.changes, "download")
    if page.more and (page.next_after is None or page.next_after <= after):
        raise ServerError(
            f"{api.server_url} sent a working set that does not move forward; nothing was "
            "changed here."
        )
    return page


def checked_articles(
    api: SyncApi, after: str, page_size: int, article_ids: Sequence[str] = ()
) -> SnapshotPage:
    """A knowledge-base page (``GET /sync/articles``), refused unless well formed, moving
    forward and holding articles only (docs/sync_articles.md)."""
    try:
        page = api.articles(after or None, page_size, list(article_ids) or None)
    except (KeyError, TypeError, ValueError) as exc:
        raise garbage(api, "knowledge-base") from exc
    check_changes(api, page.changes, "knowledge-base")
    if any(change["entity"] != "article" for change in page.changes):
        raise garbage(api, "knowledge-base")
    if page.more and (page.next_after is None or page.next_after <= after):
        raise ServerError(
            "{server_url} sent a knowledge base that does not move forward; nothing was "
            "changed here.",
            server_url=api.server_url,
        )
    return page
