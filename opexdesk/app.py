"""Composition root: builds the services once and hands them to whoever needs them.

Nothing else creates a Database or a service; there are no module-level singletons."""

from __future__ import annotations

import getpass
import logging
from dataclasses import dataclass, field
from pathlib import Path

from opexdesk.paths import AppPaths
from opexdesk.services.events import ChangeNotifier, Clock
from opexdesk.services.ticket_list import TicketListService
from opexdesk.services.tickets import Actor, TicketService
from opexdesk.storage.blobs import BlobStore
from opexdesk.storage.database import Database, open_database

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    """Everything the UI needs, built by :func:`build_context`."""

    paths: AppPaths
    db: Database
    blobs: BlobStore
    notifier: ChangeNotifier
    tickets: TicketService
    ticket_list: TicketListService
    clock: Clock = field(default_factory=Clock)

    @property
    def database_path(self) -> Path:
        return self.paths.database

    def close(self) -> None:
        self.db.close()


def default_username() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "local"


def build_context(
    paths: AppPaths, username: str | None = None, clock: Clock | None = None
) -> AppContext:
    """Open the store under ``paths`` and wire the services; raises StorageError on failure."""
    clock = clock or Clock()
    db = open_database(paths.database)
    blobs = BlobStore(paths.blobs)
    notifier = ChangeNotifier()
    actor = Actor(username or default_username())
    tickets = TicketService(db, blobs, notifier, actor, clock)
    log.info("opened %s as %s", paths.database, actor.username)
    return AppContext(
        paths=paths,
        db=db,
        blobs=blobs,
        notifier=notifier,
        tickets=tickets,
        ticket_list=TicketListService(db),
        clock=clock,
    )
