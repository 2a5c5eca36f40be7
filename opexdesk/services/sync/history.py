"""Older history on demand: find a ticket this device never downloaded, and fetch it.

A new device holds its user's working set (open tickets, recent ones, the user's own). A
closed ticket from last year, or a colleague's, is looked up on the server by number or
words (``GET /sync/tickets``) and fetched whole (``/sync/snapshot?ticket=…``, the same path
that fills in old tickets coming back); from then on the ordinary pull keeps it current.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from opexdesk.domain.errors import DomainError
from opexdesk.services.sync.api import NotAnOpExDeskServer, SyncApi
from opexdesk.services.sync.bootstrap import fetch_tickets
from opexdesk.services.sync.pull_apply import PageResult, in_chunks
from opexdesk.storage.database import Database
from opexdesk.storage.models import Ticket

SEARCH_LIMIT = 50


class SignInNeeded(DomainError):
    """Looking tickets up on the server needs a signed-in session."""


@dataclass(frozen=True)
class RemoteTicket:
    """One ticket the server holds, as a search lists it."""

    id: str
    number: int
    title: str
    status: str
    requester: str | None
    assignee: str | None
    updated_at: datetime
    on_device: bool  # already in the local database


@dataclass(frozen=True)
class RemoteSearch:
    tickets: list[RemoteTicket]
    more: bool  # more matched than were listed: narrow the words


class ServerHistory:
    """Search the server's tickets and fetch chosen ones into the local database."""

    def __init__(self, db: Database, api_source: Callable[[], SyncApi | None]) -> None:
        self._db = db
        self._api_source = api_source

    def _api(self) -> SyncApi:
        api = self._api_source()
        if api is None:
            raise SignInNeeded("Sign in to a server first (Sync > Sign in…) to look up tickets.")
        return api

    def search(self, text: str, limit: int = SEARCH_LIMIT) -> RemoteSearch:
        """Tickets on the server matching ``text`` (a number, or words of the title or
        requester), newest change first; empty text finds nothing."""
        text = " ".join(text.split())[:200]
        if not text:
            return RemoteSearch([], False)
        api = self._api()
        body = api.search_tickets(text, limit)
        try:
            rows = [_hit(item) for item in body["tickets"]]
            more = bool(body["more"])
        except (KeyError, TypeError, ValueError) as exc:
            raise NotAnOpExDeskServer(
                "{server_url} sent an unexpected ticket search answer.",
                server_url=api.server_url,
            ) from exc
        local = self._local_ids([r["id"] for r in rows])
        return RemoteSearch([RemoteTicket(**r, on_device=r["id"] in local) for r in rows], more)

    def fetch(self, ticket_ids: Sequence[str]) -> int:
        """Download the tickets whole (each page in one transaction); returns how many of
        them the device now holds."""
        wanted = list(dict.fromkeys(ticket_ids))
        if not wanted:
            return 0

        def done(_s: Session, _batch: list[str], _result: PageResult) -> None:
            pass  # nothing to forget: a repeated fetch is harmless

        fetch_tickets(self._db, self._api(), wanted, done)
        return len(self._local_ids(wanted))

    def _local_ids(self, ticket_ids: list[str]) -> set[str]:
        found: set[str] = set()
        with self._db.read() as s:
            for chunk in in_chunks(ticket_ids):
                query = select(Ticket.id).where(Ticket.id.in_(chunk), Ticket.version > 0)
                found.update(s.scalars(query))
        return found


def _hit(item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise TypeError("a ticket row must be an object")
    updated = datetime.fromisoformat(str(item["updated_at"]))
    return {
        "id": str(item["id"]),
        "number": int(item["number"]),
        "title": str(item["title"]),
        "status": str(item["status"]),
        "requester": None if item.get("requester") is None else str(item["requester"]),
        "assignee": None if item.get("assignee") is None else str(item["assignee"]),
        "updated_at": updated,
    }
