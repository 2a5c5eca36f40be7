"""Composition root: builds the services once and hands them to whoever needs them.

Nothing else creates a Database or a service; there are no module-level singletons."""

from __future__ import annotations

import getpass
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from opexdesk.paths import AppPaths
from opexdesk.services.conflicts import ConflictService
from opexdesk.services.events import ChangeNotifier, Clock
from opexdesk.services.secrets import SecretStore
from opexdesk.services.shared_config import SharedConfig
from opexdesk.services.sync.runner import SyncRunner
from opexdesk.services.sync.session import SyncSession
from opexdesk.services.sync.status import SyncStatusReader
from opexdesk.services.ticket_list import TicketListService
from opexdesk.services.tickets import Actor, TicketService
from opexdesk.services.triage import TriageService
from opexdesk.storage.blobs import BlobStore
from opexdesk.storage.database import Database, open_database

if TYPE_CHECKING:
    from opexdesk.services.classify import ClassifierService
    from opexdesk.services.kb import KbSearch
    from opexdesk.services.kb.articles import ArticleService
    from opexdesk.services.sync.history import ServerHistory
    from opexdesk.services.sync.user_admin import UserDirectory

log = logging.getLogger(__name__)


@dataclass
class SyncServices:
    """The sync parts: who we are on the server, when to sync, what to show. Built here
    without any network or keyring access (the UI restores the sign-in on a worker)."""

    session: SyncSession
    runner: SyncRunner
    status: SyncStatusReader
    conflicts: ConflictService

    def close(self) -> None:
        self.session.close()


def build_sync(
    db: Database,
    blobs: BlobStore,
    notifier: ChangeNotifier,
    actor: Actor,
    clock: Clock,
    secrets: SecretStore | None = None,
    shared: SharedConfig | None = None,
) -> SyncServices:
    session = SyncSession(db, secrets or SecretStore(), clock, blobs=blobs)
    runner = SyncRunner(session.engine, on_auth_needed=session.auth_lost)
    shared = shared or SharedConfig(db, clock)
    conflicts = ConflictService(
        db, notifier, actor.username, clock, matrix=shared.matrix, sla_policy=shared.sla_policy
    )
    return SyncServices(session, runner, SyncStatusReader(db, clock), conflicts)


@dataclass
class AppContext:
    """Everything the UI needs, built by :func:`build_context`."""

    paths: AppPaths
    db: Database
    blobs: BlobStore
    notifier: ChangeNotifier
    tickets: TicketService
    ticket_list: TicketListService
    sync: SyncServices
    triage: TriageService
    shared_config: SharedConfig
    clock: Clock = field(default_factory=Clock)
    _classifier: ClassifierService | None = field(default=None, repr=False)
    _classifier_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _knowledge: KnowledgeBase | None = field(default=None, repr=False)
    _knowledge_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def classifier(self) -> ClassifierService:
        """The on-device suggestion model, built on first use: it loads numpy and the
        shipped model (~30 ms), which the first paint does not need."""
        with self._classifier_lock:  # first use may come from several workers at once
            return self._load_classifier()

    def _load_classifier(self) -> ClassifierService:
        if self._classifier is None:
            from opexdesk.services.classify import ClassifierService, load_default_model
            from opexdesk.services.classify.service import MODEL_DIR_NAME

            service = ClassifierService(
                self.paths.data / MODEL_DIR_NAME, default_model=load_default_model()
            )
            if not service.load() and service.load_error:
                log.warning("classifier model not loaded: %s", service.load_error)
            self._classifier = service
        return self._classifier

    @property
    def knowledge(self) -> KnowledgeBase:
        """The knowledge base (articles + search index), built on first use, from any
        thread: the index loads numpy and, on the first search, the embedding model."""
        with self._knowledge_lock:
            if self._knowledge is None:
                self._knowledge = open_knowledge(self.paths, self.db, self.clock, self.tickets)
            return self._knowledge

    def server_history(self) -> ServerHistory:
        """Tickets on the server this device never downloaded (imports the HTTP client)."""
        from opexdesk.services.sync.history import ServerHistory

        return ServerHistory(self.db, lambda: self.sync.session.api)

    def user_directory(self) -> UserDirectory:
        """The central store's accounts, for an administrator (imports the HTTP client)."""
        from opexdesk.services.sync.user_admin import UserDirectory

        return UserDirectory(lambda: self.sync.session.api)

    def after_sync_round(self, report: object) -> None:
        """Pulled article changes into the search index, when the knowledge base is open
        (opening it catches up by itself: ``open_knowledge``)."""
        if not getattr(report, "articles", 0):
            return
        with self._knowledge_lock:
            knowledge = self._knowledge
        if knowledge is not None:
            knowledge.articles.catch_up_index()

    @property
    def database_path(self) -> Path:
        return self.paths.database

    def close(self) -> None:
        with self._knowledge_lock:
            if self._knowledge is not None:
                self._knowledge.search.close()
        self.sync.close()
        self.db.close()


@dataclass
class KnowledgeBase:
    search: KbSearch
    articles: ArticleService


def open_knowledge(
    paths: AppPaths, db: Database, clock: Clock, tickets: TicketService
) -> KnowledgeBase:
    """Articles live in the store; the search index is a derived file beside it, rebuilt
    from the articles when it is missing or does not match them."""
    from opexdesk.services.kb import KbSearch
    from opexdesk.services.kb.articles import ArticleService

    index_path = paths.data / "kb_index.sqlite3"
    new_index = not index_path.exists()
    search = KbSearch(str(index_path))
    articles = ArticleService(db, search=search, clock=clock, user=tickets.actor.username)
    if new_index or articles.index_out_of_date():
        count = articles.reindex_all(replay_feedback=new_index)
        log.info("knowledge-base index rebuilt: %d published articles", count)
    if not new_index:  # a new index replayed every link already
        articles.catch_up_index()  # articles pulled while the knowledge base was closed
    return KnowledgeBase(search, articles)


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
    shared = SharedConfig(db, clock)
    tickets = TicketService(
        db, blobs, notifier, actor, clock, matrix=shared.matrix, sla_policy=shared.sla_policy
    )
    log.info("opened %s as %s", paths.database, actor.username)
    ctx = AppContext(
        paths=paths,
        db=db,
        blobs=blobs,
        notifier=notifier,
        tickets=tickets,
        ticket_list=TicketListService(db),
        sync=build_sync(db, blobs, notifier, actor, clock, shared=shared),
        shared_config=shared,
        triage=TriageService(db, tickets, notifier, clock, policy=shared.sla_policy),
        clock=clock,
    )
    ctx.sync.runner.listen(ctx.after_sync_round)
    return ctx
