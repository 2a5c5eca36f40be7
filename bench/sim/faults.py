"""Network and process faults: a seeded httpx transport in front of the in-process server.

Only the network and process deaths are simulated; every request that gets through reaches
the real server app, and every local write goes through the real client database.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

import httpx
from sqlalchemy.orm import Session

from opexdesk.storage.database import Database

FAULT_KINDS = (
    "drop",  # never reaches the server
    "lose_response",  # processed, then the connection breaks
    "duplicate",  # delivered twice
    "replay",  # an old captured request arrives again, late
    "delay",  # other clients sync while this request is on its way
    "http_5xx_before",  # a proxy answers 502/503 without forwarding
    "http_5xx_after",  # forwarded, but the proxy answers 502/503
    "garbage",  # forwarded, the answer is cut in half
    "server_restart",  # the server dies before the request and comes back
    "server_crash_mid",  # the server dies after committing, before answering
    "client_kill",  # the client process dies while waiting for the answer
)


class Killed(BaseException):
    """The client process died here (BaseException: nothing in the app may swallow it)."""


class Server(Protocol):
    """What the transport needs of the simulated server."""

    def handle(self, request: httpx.Request) -> httpx.Response: ...

    def restart(self) -> None: ...


@dataclass
class FaultRates:
    """Probabilities per request (faults) and per local transaction (kills)."""

    request: float = 0.12
    kill: float = 0.004

    @classmethod
    def off(cls) -> FaultRates:
        return cls(request=0.0, kill=0.0)


class FaultyNetwork:
    """State shared by every client's transport: the seeded dice, counters, captured requests."""

    def __init__(self, rng: random.Random, server: Server, rates: FaultRates) -> None:
        self.rng = rng
        self.server = server
        self.rates = rates
        self.counts: Counter[str] = Counter()
        self._captured: list[httpx.Request] = []
        # Fault kinds to apply to the next requests whatever the dice say (reproductions).
        self.forced: list[str] = []
        # Set by the world: lets other clients run while a delayed request waits.
        self.on_delay: Callable[[int], None] | None = None

    def capture(self, request: httpx.Request) -> None:
        """Keep a copy of a sync request, to replay it much later."""
        if "/sync/" not in request.url.path:
            return
        self._captured.append(
            httpx.Request(
                request.method, request.url, headers=request.headers, content=request.content
            )
        )
        if len(self._captured) > 200:
            del self._captured[: len(self._captured) - 200]

    def replay_one(self) -> None:
        if self._captured:
            stale = self._captured[self.rng.randrange(len(self._captured))]
            self.server.handle(stale).close()


def _html_error(request: httpx.Request, status: int) -> httpx.Response:
    body = f"<html><body><h1>{status} Bad Gateway</h1>nginx</body></html>".encode()
    return httpx.Response(
        status, headers={"content-type": "text/html"}, content=body, request=request
    )


def _read(response: httpx.Response, request: httpx.Request) -> httpx.Response:
    """A fully read copy (the server's stream is consumed here, once)."""
    content = response.read()
    headers = [
        (k, v)
        for k, v in response.headers.multi_items()
        if k.lower() not in ("content-length", "content-encoding", "transfer-encoding")
    ]
    return httpx.Response(response.status_code, headers=headers, content=content, request=request)


class FaultyTransport(httpx.BaseTransport):
    """One client's network: forwards to the server unless the dice say otherwise."""

    def __init__(self, network: FaultyNetwork, client_index: int) -> None:
        self.net = network
        self.client_index = client_index

    def _forward(self, request: httpx.Request) -> httpx.Response:
        return _read(self.net.server.handle(request), request)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        net = self.net
        request.read()
        # No gzip: it only costs CPU on both ends of an in-process "network".
        request.headers.pop("accept-encoding", None)
        net.counts["requests"] += 1
        if net.forced:
            kind = net.forced.pop(0)
        elif net.rates.request <= 0 or net.rng.random() >= net.rates.request:
            net.capture(request)
            return self._forward(request)
        else:
            kind = net.rng.choice(FAULT_KINDS)
        net.counts[kind] += 1
        if kind == "drop":
            raise httpx.ConnectError("simulated: connection refused", request=request)
        if kind == "lose_response":
            self._forward(request)
            raise httpx.ReadError("simulated: connection reset", request=request)
        if kind == "duplicate":
            self._forward(request)
            return self._forward(request)
        if kind == "replay":
            net.replay_one()
            net.capture(request)
            return self._forward(request)
        if kind == "delay":
            if net.on_delay is not None:
                net.on_delay(self.client_index)
            return self._forward(request)
        if kind == "http_5xx_before":
            return _html_error(request, net.rng.choice((502, 503)))
        if kind == "http_5xx_after":
            self._forward(request)
            return _html_error(request, net.rng.choice((502, 503)))
        if kind == "garbage":
            response = self._forward(request)
            cut = response.content[: len(response.content) // 2]
            return httpx.Response(
                200, headers={"content-type": "application/json"}, content=cut, request=request
            )
        if kind == "server_restart":
            net.server.restart()
            raise httpx.ConnectError("simulated: server restarting", request=request)
        if kind == "server_crash_mid":
            self._forward(request)
            net.server.restart()
            raise httpx.RemoteProtocolError("simulated: server went away", request=request)
        # client_kill
        self._forward(request)
        raise Killed(f"client {self.client_index} killed while waiting for {request.url.path}")


class KillableDatabase(Database):
    """The client's real database; a seeded die may kill the process around a transaction.

    A kill before BEGIN, inside the transaction (rolled back) or after COMMIT is what a
    ``kill -9`` at that moment leaves behind, because SQLite commits atomically.
    """

    def __init__(self, db: Database, rng: random.Random, rates: FaultRates) -> None:
        super().__init__(db.engine, db.path)
        self._rng = rng
        self._rates = rates
        self.kills: Counter[str] = Counter()

    def _kill_point(self) -> str | None:
        if self._rates.kill <= 0 or self._rng.random() >= self._rates.kill:
            return None
        point = self._rng.choice(("before", "inside", "after"))
        self.kills[point] += 1
        return point

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        point = self._kill_point()
        if point == "before":
            raise Killed("killed before a transaction")
        with super().transaction() as session:
            yield session
            if point == "inside":
                raise Killed("killed inside a transaction (rolled back)")
        if point == "after":
            raise Killed("killed after a commit")
