"""The live change stream ``GET /sync/events`` (server-sent events), in process.

The test client hands over a response only once it is complete, so each stream here is
ended by the server: by an expired token or by shutdown, which are the cases to check.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from server_helpers import API, Api, FakeClock, bearer, make_settings, open_api
from sqlalchemy import text

from opexdesk.domain.enums import Role
from opexdesk.server.routes.events import SeqWatcher
from opexdesk.services.sync.live import parse_events

EVENTS = f"{API}/sync/events"
POLL = 0.05


@pytest.fixture
def live(backend: str, clock: FakeClock) -> Iterator[Api]:
    """The API with a fast poll and heartbeat (the token is re-checked at each heartbeat)."""
    settings = make_settings(backend, events_poll_seconds=POLL, events_heartbeat_seconds=0.2)
    for handle in open_api(settings, clock):
        handle.add_user("tom", Role.TECHNICIAN)
        yield handle


def bump(api: Api) -> None:
    """A commit that moves the counter, as a push through any process would."""
    with api.services.db.write() as s:
        s.execute(text("UPDATE seq_counter SET value = value + 1 WHERE id = 1"))


def once_streaming(api: Api, delays: list[tuple[float, Callable[[], None]]]) -> threading.Thread:
    """Run each action its delay after a stream is listening (not after the request is sent:
    on a loaded machine the stream may start later than a fixed delay, missing its first seq)."""

    def run() -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            watcher: SeqWatcher | None = getattr(api.client.app.state, "seq_watcher", None)
            if watcher is not None and watcher._listeners > 0:
                break
            time.sleep(0.01)
        opened = time.monotonic()
        for delay, action in delays:
            time.sleep(max(0.0, opened + delay - time.monotonic()))
            action()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def events_of(body: str) -> list[tuple[str, str]]:
    return list(parse_events(body.splitlines()))


def test_stream_sends_the_seq_on_connect_and_on_change_then_ends_when_the_token_expires(
    live: Api, clock: FakeClock
) -> None:
    headers = live.auth("tom")

    def expire() -> None:
        clock.advance(minutes=16)  # access tokens live 15 minutes

    once_streaming(live, [(0.3, lambda: bump(live)), (0.6, lambda: bump(live)), (1.2, expire)])
    started = time.monotonic()
    response = live.client.get(EVENTS, headers=headers)
    assert time.monotonic() - started < 10
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert "content-encoding" not in response.headers  # never buffered by the gzip layer
    assert response.headers["cache-control"] == "no-cache"
    got = events_of(response.text)
    seqs = [int(data.split(":")[1].strip(" }")) for name, data in got if name == "seq"]
    assert seqs == [0, 1, 2]
    assert got[-1][0] == "close" and '"reason": "unauthorized"' in got[-1][1]
    assert ": keep-alive" in response.text


def test_stream_ends_on_shutdown(live: Api) -> None:
    headers = live.auth("tom")

    def shut_down() -> None:
        watcher: SeqWatcher = live.client.app.state.seq_watcher  # type: ignore[attr-defined]
        watcher.close()

    once_streaming(live, [(0.4, shut_down)])
    response = live.client.get(EVENTS, headers=headers)
    got = events_of(response.text)
    assert got[0] == ("seq", '{"server_seq": 0}')
    assert got[-1] == ("close", '{"reason": "shutdown"}')


@pytest.mark.parametrize(
    ("make_headers", "words"),
    [
        (lambda api: {}, "Missing access token"),
        (lambda api: bearer("oda_not-a-real-token"), "Invalid access token"),
        (lambda api: bearer(api.tokens("tom")["refresh_token"]), "refresh token"),
    ],
)
def test_stream_without_a_valid_token_is_a_401(
    sqlite_api: Api, make_headers: Callable[[Api], dict[str, str]], words: str
) -> None:
    response = sqlite_api.client.get(EVENTS, headers=make_headers(sqlite_api))
    assert response.status_code == 401
    assert words in response.json()["detail"]
    assert response.headers["www-authenticate"] == "Bearer"


def test_expired_token_is_refused_before_the_stream_starts(
    sqlite_api: Api, clock: FakeClock
) -> None:
    headers = sqlite_api.auth("tom")
    clock.advance(minutes=16)
    response = sqlite_api.client.get(EVENTS, headers=headers)
    assert response.status_code == 401 and "expired" in response.json()["detail"]


@pytest.fixture
def counted_reads(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    reads: list[float] = []
    original = SeqWatcher._read

    def counting(self: SeqWatcher) -> int:
        reads.append(time.monotonic())
        return original(self)

    monkeypatch.setattr(SeqWatcher, "_read", counting)
    return reads


@pytest.fixture
def quiet(sqlite_url: str, clock: FakeClock) -> Iterator[Api]:
    """Fast poll, no heartbeat during the test."""
    settings = make_settings(sqlite_url, events_poll_seconds=POLL, events_heartbeat_seconds=30)
    for handle in open_api(settings, clock):
        handle.add_user("tom", Role.TECHNICIAN)
        yield handle


def read_stream(api: Api, headers: dict[str, str], into: list[Any]) -> None:
    into.append(api.client.get(EVENTS, headers=headers))


def test_one_poll_serves_all_streams_of_a_process(quiet: Api, counted_reads: list[float]) -> None:
    headers = quiet.auth("tom")
    bodies: list[Any] = []
    streams = [
        threading.Thread(target=read_stream, args=(quiet, headers, bodies)) for _ in range(4)
    ]
    for thread in streams:
        thread.start()
    time.sleep(1.0)
    bump(quiet)
    time.sleep(0.3)
    quiet.client.app.state.seq_watcher.close()  # type: ignore[attr-defined]
    for thread in streams:
        thread.join(10)
    assert len(bodies) == 4
    for body in bodies:
        seqs = [data for name, data in events_of(body.text) if name == "seq"]
        assert seqs == ['{"server_seq": 0}', '{"server_seq": 1}']
    elapsed = counted_reads[-1] - counted_reads[0]
    # One reader at ~20 reads a second, not one per stream (4 x 20).
    assert len(counted_reads) <= elapsed / POLL + 8, (len(counted_reads), elapsed)
