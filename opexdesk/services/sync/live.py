"""The live change stream: ``LiveChanges.listen`` tells its caller each new ``server_seq``.

A plain blocking call for a worker thread (no Qt): it reads the server-sent events of
``GET /sync/events`` through the ``SyncApi``'s client, so it shares its tokens (a refresh on
one thread is seen by the other; see ``SyncApi.refresh_after``). When the server ends the
stream because the access token expired, ``listen`` refreshes and reconnects by itself;
any other end or failure raises a ``SyncError`` and the caller reconnects with back-off.
``stop.set()`` makes ``listen`` return within about 0.2 s, even while no event arrives.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import httpx

from opexdesk.services.sync.api import NotAnOpExDeskServer, SyncApi, SyncError

# How often the stop watchdog looks at the stop event.
_STOP_POLL = 0.2
# A second "token expired" end this soon after a refresh is not a token problem: give up.
_MIN_REAUTH_INTERVAL = 5.0


class LiveStreamClosed(SyncError):
    """The server ended the change stream (restart, shutdown, or the connection dropped)."""


def parse_events(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """``(event, data)`` of each server-sent event (the WHATWG event-stream format)."""
    event = ""
    data: list[str] = []
    for line in lines:
        if not line:
            if data:
                yield event or "message", "\n".join(data)
            event, data = "", []
            continue
        if line.startswith(":"):
            continue  # comment (heartbeat)
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "event":
            event = value
        elif name == "data":
            data.append(value)


class LiveChanges:
    """Listens to one server's change stream through ``api`` (signed in)."""

    def __init__(self, api: SyncApi) -> None:
        self._api = api

    def listen(self, on_seq: Callable[[int], None], stop: threading.Event) -> None:
        """Call ``on_seq(server_seq)`` on connect and on every change until ``stop`` is set.

        Raises ``AuthFailed`` when the sign-in is no longer valid, ``Unreachable`` on
        network failures, ``LiveStreamClosed`` when the server ends the stream.
        """
        last_reauth = float("-inf")
        while not stop.is_set():
            reason, access = self._listen_once(on_seq, stop)
            if stop.is_set():
                return
            if reason == "unauthorized":
                if time.monotonic() - last_reauth < _MIN_REAUTH_INTERVAL:
                    raise LiveStreamClosed(
                        "The server keeps ending the change stream for the sign-in; "
                        "reconnecting later."
                    )
                last_reauth = time.monotonic()
                self._api.refresh_after(access)  # AuthFailed when the sign-in is gone
                continue
            if reason == "shutdown":
                raise LiveStreamClosed("The server is restarting; the change stream ended.")
            raise LiveStreamClosed("The change stream ended unexpectedly.")

    def _listen_once(self, on_seq: Callable[[int], None], stop: threading.Event) -> tuple[str, str]:
        """Read one connection; returns why it ended and the access token it used."""
        with self._api.event_stream() as response:
            access = response.request.headers.get("Authorization", "").removeprefix("Bearer ")
            done = threading.Event()
            watchdog = threading.Thread(
                target=_close_on_stop,
                args=(response, stop, done),
                name="opexdesk-live-stop",
                daemon=True,
            )
            watchdog.start()
            try:
                for event, data in parse_events(response.iter_lines()):
                    if event == "seq":
                        on_seq(_seq_of(data, self._api.server_url))
                    elif event == "close":
                        return str(_json(data).get("reason") or "closed"), access
                    if stop.is_set():
                        return "stopped", access
            except httpx.TransportError as exc:
                if stop.is_set():
                    return "stopped", access
                raise self._api.transport_error(exc) from exc
            finally:
                done.set()
                watchdog.join()
        return "eof", access


def _close_on_stop(response: httpx.Response, stop: threading.Event, done: threading.Event) -> None:
    """Wake the reading thread when ``stop`` is set: shut the socket down (a plain close
    from another thread does not interrupt a blocking read)."""
    while not done.is_set():
        if stop.wait(_STOP_POLL):
            stream = response.extensions.get("network_stream")
            sock = stream.get_extra_info("socket") if stream is not None else None
            try:
                if sock is not None:
                    sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed
            return


def _json(data: str) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _seq_of(data: str, server_url: str) -> int:
    value = _json(data).get("server_seq")
    if not isinstance(value, int) or isinstance(value, bool):
        raise NotAnOpExDeskServer(
            "{server_url} sent a change event without a server_seq.", server_url=server_url
        )
    return value
