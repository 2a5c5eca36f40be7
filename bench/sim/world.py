"""The simulated world: one real server app on a SQLite file, N real client databases.

The server is reached in-process through Starlette's test transport (no sockets). A server
"crash" throws the app away and builds a new one on the same file; a client "kill" throws
its objects away and reopens its files.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import warnings
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from opexdesk.domain.enums import Grant, Role
from opexdesk.paths import AppPaths
from opexdesk.server.app import create_app
from opexdesk.server.config import LoginLimits, PasswordHashing, ServerSettings
from opexdesk.services.conflicts import ConflictService
from opexdesk.services.events import ChangeNotifier, Clock
from opexdesk.services.kb.articles import ArticleService
from opexdesk.services.sync.api import AuthFailed, SyncApi, SyncError, Tokens
from opexdesk.services.sync.engine import SyncEngine
from opexdesk.services.tickets import Actor, TicketService
from opexdesk.storage.blobs import BlobStore
from opexdesk.storage.database import Database, open_database
from opexdesk.storage.models import OutboxEntry
from opexdesk.storage.sync_models import SYNC_STATE_ID, SyncState

from .faults import FaultRates, FaultyNetwork, FaultyTransport, KillableDatabase

with warnings.catch_warnings():
    # Starlette suggests httpx2 for its test client; the pinned httpx works.
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

SERVER_URL = "http://opexdesk-sim"
PASSWORD = "simulated password 1"
# Technicians and one dispatcher (the operator's assignee edits win conflicts).
USERS: tuple[tuple[str, Role], ...] = (
    ("tech1", Role.TECHNICIAN),
    ("tech2", Role.TECHNICIAN),
    ("tech3", Role.TECHNICIAN),
    ("disp", Role.OPERATOR),
)
# tech3 keeps the knowledge base (the edit_articles grant): edits and publishes any article,
# so grants are exercised beside the role rules, with every fault.
GRANTS: dict[str, tuple[Grant, ...]] = {"tech3": (Grant.EDIT_ARTICLES,)}
FAST_HASHING = PasswordHashing(time_cost=1, memory_cost_kib=1024, parallelism=1)

EngineFactory = Callable[[Database, SyncApi, Clock], SyncEngine]


def scratch_root() -> Path:
    """A RAM-backed temp dir when there is one: synchronous=FULL fsyncs are the cost."""
    shm = Path("/dev/shm")
    base = shm if shm.is_dir() else None
    return Path(tempfile.mkdtemp(prefix="opexdesk-sim-", dir=base))


def server_settings(path: Path) -> ServerSettings:
    return ServerSettings(
        database_url=f"sqlite:///{path}",
        password_hashing=FAST_HASHING,
        login_limits=LoginLimits(),
    )


class Templates:
    """A migrated server database (with the users) and a migrated client database, made once
    per process and copied for every seed: migrations would otherwise dominate the run."""

    def __init__(self, root: Path) -> None:
        self.server = root / "server-template.sqlite3"
        self.client = root / "client-template.sqlite3"
        app = create_app(server_settings(self.server))
        services = app.state.services
        for name, role in USERS:
            services.users.create(name, name.title(), role, PASSWORD, GRANTS.get(name, ()))
        services.db.close()
        open_database(self.client).close()


class SkewedClock(Clock):
    """The client's wall clock, off by a fixed amount (within +-24 h)."""

    def __init__(self, offset: timedelta) -> None:
        self.offset = offset

    def now(self) -> datetime:
        return super().now() + self.offset


class SimServer:
    """The real app on a SQLite file; ``restart`` = crash and start again on the same file."""

    def __init__(self, path: Path) -> None:
        self.settings = server_settings(path)
        self.restarts = 0
        self._client: Any = None
        self._start()

    def _start(self) -> None:
        app = create_app(self.settings)
        self.services = app.state.services
        self._client = TestClient(app, base_url=SERVER_URL)
        self._client.__enter__()
        self._transport: httpx.BaseTransport = self._client._transport

    def handle(self, request: httpx.Request) -> httpx.Response:
        return self._transport.handle_request(request)

    def restart(self) -> None:
        self.stop()
        self.restarts += 1
        self._start()

    def stop(self) -> None:
        if self._client is not None:
            self._client.__exit__(None, None, None)  # lifespan end: disposes the engine
            self.services.db.close()
            self._client = None


class SimClient:
    """One desktop installation: its files, its signed-in user, its engine."""

    def __init__(
        self,
        index: int,
        username: str,
        base: Path,
        template: Path,
        network: FaultyNetwork,
        rates: FaultRates,
        clock: SkewedClock,
        engine_factory: EngineFactory,
    ) -> None:
        self.index = index
        self.username = username
        self.paths = AppPaths.under(base)
        self.paths.database.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, self.paths.database)
        self.network = network
        self.rates = rates
        self.clock = clock
        self.engine_factory = engine_factory
        self.saved_tokens: Tokens | None = None  # what the keyring would hold
        self.last_cursor = 0
        self.reopens = 0
        self.ticket_ids: list[str] | None = None  # cache of the workload's choices
        self.made: set[str] = set()  # every mutation id this client's outbox ever held
        self._seen_seq = 0
        self._open()

    def _open(self) -> None:
        raw = open_database(self.paths.database)
        self.db = KillableDatabase(raw, self.network.rng, self.rates)
        self.tickets = TicketService(
            self.db, BlobStore(self.paths.blobs), ChangeNotifier(), Actor(self.username), self.clock
        )
        self.api = SyncApi(
            SERVER_URL,
            transport=FaultyTransport(self.network, self.index),
            on_tokens=self._keep_tokens,
        )
        self.engine = self.engine_factory(self.db, self.api, self.clock)
        self.conflicts = ConflictService(self.db, ChangeNotifier(), self.username, self.clock)
        self.articles = ArticleService(self.db, clock=self.clock, user=self.username)

    def _keep_tokens(self, tokens: Tokens) -> None:
        self.saved_tokens = tokens

    def reopen(self) -> None:
        """After a kill: drop every object, open the files again (as a new process would)."""
        self.api.close()
        self.db.close()
        self.reopens += 1
        self.ticket_ids = None
        self._open()

    def close(self) -> None:
        self.api.close()
        self.db.close()

    def sign_in(self) -> None:
        """Refresh with the kept token, or sign in with the password when that fails."""
        if self.api.tokens is not None:
            return
        if self.saved_tokens is not None:
            try:
                self.api.refresh(self.saved_tokens.refresh_token)
                return
            except AuthFailed:
                self.saved_tokens = None
        self.api.login(self.username, PASSWORD)

    def signed_out(self) -> None:
        self.api.tokens = None

    # ---- reads used by the checks ------------------------------------------------------

    def cursor(self) -> int:
        with self.db.read() as s:
            state = s.get(SyncState, SYNC_STATE_ID)
            return state.cursor if state is not None else 0

    def record_new_mutations(self) -> None:
        """Note the outbox rows written since the last call (before a sync can drop them)."""
        with self.db.read() as s:
            rows = s.execute(
                select(OutboxEntry.client_seq, OutboxEntry.mutation_id).where(
                    OutboxEntry.client_seq > self._seen_seq
                )
            ).all()
        for seq, mutation_id in rows:
            self.made.add(mutation_id)
            self._seen_seq = max(self._seen_seq, seq)

    def pending(self) -> int:
        with self.db.read() as s:
            rows = s.scalars(select(OutboxEntry.client_seq).where(OutboxEntry.state == "pending"))
            return len(list(rows))


def make_clients(
    root: Path,
    templates: Templates,
    network: FaultyNetwork,
    rates: FaultRates,
    count: int,
    engine_factory: EngineFactory,
) -> list[SimClient]:
    rng = network.rng
    clients = []
    for i in range(count):
        username = USERS[i % len(USERS)][0]
        skew = timedelta(seconds=rng.uniform(-86_400, 86_400))
        clients.append(
            SimClient(
                i,
                username,
                root / f"client{i}",
                templates.client,
                network,
                rates,
                SkewedClock(skew),
                engine_factory,
            )
        )
    return clients


def sign_in_all(clients: list[SimClient]) -> None:
    for client in clients:
        for _ in range(50):
            try:
                client.sign_in()
                break
            except SyncError:
                continue


def copy_server(templates: Templates, root: Path) -> Path:
    path = root / "server.sqlite3"
    shutil.copyfile(templates.server, path)
    return path


def new_rng(seed: int) -> random.Random:
    return random.Random(seed)
