"""``GET /sync/events``: server-sent events telling online clients the latest ``server_seq``.

Several processes serve one database, so a commit made through process A must reach a
stream held by process B: each process reads the counter (one tiny SELECT) every
``events_poll_seconds`` in ONE background task shared by all of its streams, and only while
a stream is open. The stream sends ``event: seq`` with ``{"server_seq": N}`` on connect and
whenever the value moves, and a comment every ``events_heartbeat_seconds`` (proxies close
idle connections), re-checking the access token then. It ends with ``event: close``
(``{"reason": "unauthorized" | "shutdown"}``) when the token stops being valid (the client
refreshes and reconnects) or the server shuts down.
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import threading
import weakref
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from types import FrameType
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from opexdesk.server.database import ServerDatabase
from opexdesk.server.deps import AnyUser, BearerDep, ServicesDep
from opexdesk.server.errors import AuthenticationError
from opexdesk.server.schemas import ErrorOut

log = logging.getLogger(__name__)

router = APIRouter(
    prefix="/sync",
    tags=["sync"],
    responses={401: {"model": ErrorOut, "description": "Missing, invalid or expired token."}},
)


class SeqWatcher:
    """One poller of ``seq_counter.value`` per process (per app), fanned out to its streams."""

    def __init__(self, db: ServerDatabase, poll_seconds: float) -> None:
        self._db = db
        self._poll_seconds = poll_seconds
        self.value: int | None = None
        self.closing = False
        self._listeners = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._failing = False

    def _read(self) -> int:
        with self._db.read() as session:
            return int(session.scalar(text("SELECT value FROM seq_counter WHERE id = 1")) or 0)

    def _bind(self) -> asyncio.Event:
        # A test client runs each app session on a new event loop: start over on it.
        loop = asyncio.get_running_loop()
        if self._loop is not loop or self._changed is None:
            self._loop, self._changed, self._task = loop, asyncio.Event(), None
        return self._changed

    def _publish(self, value: int) -> None:
        if value == self.value:
            return
        self.value = value
        old, self._changed = self._changed, asyncio.Event()
        if old is not None:
            old.set()

    def close(self) -> None:
        """End every stream of this process (server shutdown). Safe from a signal handler."""
        self.closing = True
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake_all)

    def _wake_all(self) -> None:
        old, self._changed = self._changed, asyncio.Event()
        if old is not None:
            old.set()

    @asynccontextmanager
    async def listening(self) -> AsyncIterator[None]:
        self._bind()
        if self.value is None or self._task is None:
            # The first stream needs a value now, not after a poll interval.
            self._publish(await run_in_threadpool(self._read))
        self._listeners += 1
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._poll(), name="opexdesk-seq-watcher")
        try:
            yield
        finally:
            self._listeners -= 1

    async def wait(self, seen: int | None, timeout: float) -> None:
        """Return when the value differs from ``seen``, on shutdown, or after ``timeout``."""
        changed = self._bind()
        if self.value != seen or self.closing:
            return
        with suppress(TimeoutError):
            await asyncio.wait_for(changed.wait(), timeout)

    async def _poll(self) -> None:
        while self._listeners > 0 and not self.closing:
            try:
                value = await run_in_threadpool(self._read)
            except DBAPIError as exc:
                if not self._failing:
                    log.warning("change stream: cannot read the seq counter: %s", exc)
                self._failing = True
            else:
                self._failing = False
                self._publish(value)
            await asyncio.sleep(self._poll_seconds)
        # The next first stream reads afresh (the value may be stale by then).
        self.value = None


# Watchers to close when the process is told to stop (uvicorn waits for open responses to
# finish before it runs the app's shutdown, so a stream must learn of it from the signal).
_watchers: weakref.WeakSet[SeqWatcher] = weakref.WeakSet()
_HOOKED_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _on_stop_signal(previous: Any) -> Callable[[int, FrameType | None], None]:
    def handler(signum: int, frame: FrameType | None) -> None:
        for watcher in list(_watchers):
            watcher.close()
        if callable(previous):
            previous(signum, frame)
        elif previous == signal.SIG_DFL:
            signal.signal(signum, signal.SIG_DFL)
            signal.raise_signal(signum)

    setattr(handler, "opexdesk_stop_hook", True)  # noqa: B010
    return handler


def _hook_stop_signals() -> None:
    """Chain our handler before the server's (uvicorn's) own SIGINT/SIGTERM handler."""
    if threading.current_thread() is not threading.main_thread():
        return  # in-process test clients: no signals to hook
    for signum in _HOOKED_SIGNALS:
        previous = signal.getsignal(signum)
        if getattr(previous, "opexdesk_stop_hook", False):
            continue
        signal.signal(signum, _on_stop_signal(previous))


def watcher_for(request: Request, db: ServerDatabase, poll_seconds: float) -> SeqWatcher:
    state = request.app.state
    watcher: SeqWatcher | None = getattr(state, "seq_watcher", None)
    if watcher is None:
        watcher = SeqWatcher(db, poll_seconds)
        state.seq_watcher = watcher
        _watchers.add(watcher)
    _hook_stop_signals()
    return watcher


def _event(name: str, data: dict[str, Any]) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n".encode()


@router.get(
    "/events",
    summary="Live change stream (server-sent events) of the latest server_seq",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def events(
    request: Request, services: ServicesDep, _auth: AnyUser, credentials: BearerDep
) -> StreamingResponse:
    assert credentials is not None  # AnyUser refused the request otherwise
    token = credentials.credentials
    settings = services.settings
    watcher = watcher_for(request, services.db, settings.events_poll_seconds)
    heartbeat = settings.events_heartbeat_seconds

    async def stream() -> AsyncIterator[bytes]:
        async with watcher.listening():
            # retry: the reconnect delay EventSource clients use; our client has its own.
            yield b"retry: 2000\n\n"
            sent: int | None = None
            loop = asyncio.get_running_loop()
            next_beat = loop.time() + heartbeat
            while True:
                if watcher.closing:
                    yield _event("close", {"reason": "shutdown"})
                    return
                if watcher.value is not None and watcher.value != sent:
                    sent = watcher.value
                    yield _event("seq", {"server_seq": sent})
                now = loop.time()
                if now >= next_beat:
                    next_beat = now + heartbeat
                    try:
                        await run_in_threadpool(services.auth.authenticate, token)
                    except AuthenticationError as exc:
                        yield _event("close", {"reason": "unauthorized", "detail": exc.detail})
                        return
                    except DBAPIError:
                        pass  # the database is away: keep the stream, check next time
                    yield b": keep-alive\n\n"
                await watcher.wait(sent, max(0.0, next_beat - loop.time()))

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
