"""Live change stream and attachment blob transfer against a REAL uvicorn server.

``server_url`` is an ``opexdesk-server serve`` process (as in test_client_sync.py);
``inproc_url`` is uvicorn serving an app built here with a movable clock (to expire tokens
mid-stream). Latency and throughput numbers are printed (run with ``-s``) and written to
``$OPEXDESK_ARTIFACTS/live_and_blobs.json`` when that is set.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import signal
import statistics
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from real_server import free_port, serving, start_server, stop, wait_http

from opexdesk.domain.enums import Role
from opexdesk.domain.ids import new_id
from opexdesk.server.app import create_app
from opexdesk.server.config import LoginLimits, PasswordHashing, ServerSettings
from opexdesk.services.sync.api import (
    GZIP_MIN_BYTES,
    AuthFailed,
    BlobError,
    BlobUnavailable,
    SyncApi,
    Tokens,
    Unreachable,
    json_body,
)
from opexdesk.services.sync.blob_transfer import BlobTransfer
from opexdesk.services.sync.live import LiveChanges, LiveStreamClosed, parse_events
from opexdesk.storage.blobs import BlobStore

PASSWORDS = {"alice": "alice password 1", "bob": "bob password 22"}
MIB = 1024 * 1024
RESULTS: dict[str, Any] = {}


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(tmp_path_factory.mktemp("server"), PASSWORDS) as base:
        yield base
    if RESULTS and os.environ.get("OPEXDESK_ARTIFACTS"):
        out = Path(os.environ["OPEXDESK_ARTIFACTS"]) / "live_and_blobs.json"
        out.write_text(json.dumps(RESULTS, indent=2) + "\n")


def signed_in(server_url: str, user: str, **kwargs: Any) -> SyncApi:
    api = SyncApi(server_url, **kwargs)
    api.login(user, PASSWORDS[user])
    return api


class Device:
    """A client's push queue over the raw API (the engine is tested elsewhere)."""

    def __init__(self, api: SyncApi) -> None:
        self.api = api
        self.client_id = new_id()
        self.seq = 0

    def mutation(self, entity: str, entity_id: str, op: str, changes: dict[str, Any]) -> Any:
        self.seq += 1
        return {
            "client_seq": self.seq,
            "mutation_id": new_id(),
            "entity": entity,
            "entity_id": entity_id,
            "op": op,
            "changes": changes,
            "created_at": "2026-06-01T08:00:00+00:00",
        }

    def create_ticket(self) -> str:
        ticket_id = new_id()
        fields = {"title": "Label printer", "description": "", "impact": 3, "urgency": 3}
        self.push(self.mutation("ticket", ticket_id, "create", fields))
        return ticket_id

    def push(self, *mutations: Any) -> int:
        result = self.api.push(self.client_id, list(mutations))
        assert result.expected_client_seq is None
        assert all(o["status"] == "applied" for o in result.outcomes), result.outcomes
        return result.server_seq

    def work_log(self, ticket_id: str) -> int:
        row = new_id()
        changes = {"ticket_id": ticket_id, "id": row, "minutes": 5, "note": "checked"}
        return self.push(self.mutation("work_log", row, "append", changes))

    def attach(self, ticket_id: str, sha256: str, size: int) -> int:
        row = new_id()
        changes = {
            "ticket_id": ticket_id,
            "id": row,
            "sha256": sha256,
            "filename": "scan.pdf",
            "size": size,
            "media_type": "application/pdf",
        }
        return self.push(self.mutation("attachment", row, "append", changes))


class Listener:
    """``LiveChanges.listen`` on a thread, recording when each seq arrived."""

    def __init__(self, api: SyncApi) -> None:
        self.seen: list[tuple[float, int]] = []
        self.error: BaseException | None = None
        self.stop = threading.Event()
        self.changed = threading.Condition()
        self.live = LiveChanges(api)
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            self.live.listen(self._on_seq, self.stop)
        except BaseException as exc:  # reported to the test
            self.error = exc
        with self.changed:
            self.changed.notify_all()

    def _on_seq(self, seq: int) -> None:
        with self.changed:
            self.seen.append((time.monotonic(), seq))
            self.changed.notify_all()

    def start(self) -> Listener:
        self.thread.start()
        self.wait_for(lambda: bool(self.seen), 10)
        return self

    def wait_for(self, condition: Any, timeout: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: condition() or self.error is not None, timeout)

    def first_at_least(self, seq: int) -> float | None:
        return next((t for t, s in self.seen if s >= seq), None)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        assert not self.thread.is_alive(), "listen() did not return after stop"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# ---- live change stream ---------------------------------------------------------------------


def test_a_push_reaches_another_clients_listener_within_a_second(server_url: str) -> None:
    alice, bob = Device(signed_in(server_url, "alice")), signed_in(server_url, "bob")
    listener = Listener(bob).start()
    try:
        ticket = alice.create_ticket()
        after_commit: list[float] = []
        after_send: list[float] = []
        rng = random.Random(7)
        for _ in range(50):
            time.sleep(rng.uniform(0.0, 0.3))  # a random phase against the server's poll
            sent = time.monotonic()
            seq = alice.work_log(ticket)
            committed = time.monotonic()
            assert listener.wait_for(lambda s=seq: listener.first_at_least(s) is not None, 5)
            arrived = listener.first_at_least(seq)
            assert arrived is not None, listener.error
            after_commit.append(max(0.0, arrived - committed))
            after_send.append(arrived - sent)
    finally:
        listener.close()
    assert listener.error is None, listener.error
    stats = {
        "pushes": len(after_commit),
        "after_commit_p50_ms": round(percentile(after_commit, 50) * 1000, 1),
        "after_commit_p95_ms": round(percentile(after_commit, 95) * 1000, 1),
        "after_commit_max_ms": round(max(after_commit) * 1000, 1),
        "push_start_to_event_p50_ms": round(percentile(after_send, 50) * 1000, 1),
        "push_start_to_event_p95_ms": round(percentile(after_send, 95) * 1000, 1),
        "mean_ms": round(statistics.mean(after_send) * 1000, 1),
    }
    RESULTS["live_latency"] = stats
    print("live latency:", json.dumps(stats))
    assert percentile(after_send, 95) < 1.0, stats
    # Seqs arrive in order and are never repeated.
    seqs = [s for _t, s in listener.seen]
    assert seqs == sorted(set(seqs))


def test_listener_refreshes_a_rejected_access_token_and_stops_promptly(server_url: str) -> None:
    api = signed_in(server_url, "bob")
    assert api.tokens is not None
    good_refresh = api.tokens.refresh_token
    api.tokens = Tokens("oda_revoked-or-expired", good_refresh, "bob")
    listener = Listener(api).start()
    assert listener.error is None and listener.seen
    assert api.tokens.access_token != "oda_revoked-or-expired"  # refreshed once
    time.sleep(0.3)
    started = time.monotonic()
    listener.close()  # no event is due for 15 s: stop must not wait for one
    assert time.monotonic() - started < 2


def test_listener_without_a_valid_sign_in_raises_auth_failed(server_url: str) -> None:
    api = SyncApi(server_url)
    api.tokens = Tokens("oda_bogus", "odr_bogus", "bob")
    with pytest.raises(AuthFailed):
        LiveChanges(api).listen(lambda _seq: None, threading.Event())
    raw = httpx.get(f"{server_url}/api/v1/sync/events", timeout=5)
    assert raw.status_code == 401 and "access token" in raw.json()["detail"]


def test_unreachable_server_raises_unreachable() -> None:
    api = SyncApi(f"http://127.0.0.1:{free_port()}")
    api.tokens = Tokens("oda_x", "odr_x", "bob")
    with pytest.raises(Unreachable):
        LiveChanges(api).listen(lambda _seq: None, threading.Event())


def test_server_shutdown_ends_the_stream_and_the_process_exits(
    tmp_path: Path,
) -> None:
    proc, base, log = start_server(tmp_path, PASSWORDS)
    try:
        listener = Listener(signed_in(base, "alice")).start()
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        assert listener.wait_for(lambda: False, 10)  # returns when listen() raised
        assert isinstance(listener.error, LiveStreamClosed), listener.error
        assert "restarting" in str(listener.error)
        proc.wait(timeout=10)
        RESULTS["shutdown_with_open_stream_s"] = round(time.monotonic() - started, 2)
        print("shutdown with an open stream:", RESULTS["shutdown_with_open_stream_s"], "s")
    finally:
        stop(proc)
    assert proc.returncode == 0 or proc.returncode == -signal.SIGTERM, log.read_text()
    assert "Traceback" not in log.read_text(), log.read_text()


# An app served by uvicorn in this process: its clock can be moved to expire tokens.
class MovableClock:
    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


@pytest.fixture
def inproc(tmp_path: Path) -> Iterator[tuple[str, MovableClock, Any]]:
    clock = MovableClock()
    settings = ServerSettings(
        database_url=f"sqlite:///{tmp_path / 'server.sqlite3'}",
        password_hashing=PasswordHashing(time_cost=1, memory_cost_kib=1024, parallelism=1),
        login_limits=LoginLimits(),
        events_heartbeat_seconds=0.3,
    )
    app = create_app(settings, clock=clock)
    app.state.services.users.create("bob", "Bob", Role.TECHNICIAN, PASSWORDS["bob"])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    wait_http(None, f"{base}/api/v1/health")
    try:
        yield base, clock, app
    finally:
        if hasattr(app.state, "seq_watcher"):
            app.state.seq_watcher.close()  # no signals on this thread: end streams here
        server.should_exit = True
        thread.join(15)


def test_token_expiring_mid_stream_is_refreshed_and_the_stream_resumes(
    inproc: tuple[str, MovableClock, Any],
) -> None:
    base, clock, _app = inproc
    api = signed_in(base, "bob")
    assert api.tokens is not None
    first_access = api.tokens.access_token
    listener = Listener(api).start()
    try:
        # The access token (15 minutes) expires; the refresh token (30 days) does not.
        clock.offset = timedelta(minutes=16)
        assert listener.wait_for(lambda: len(listener.seen) >= 2, 10), listener.error
        assert listener.error is None
        assert api.tokens.access_token != first_access
        assert [s for _t, s in listener.seen[:2]] == [0, 0]  # reconnected: seq told again
    finally:
        listener.close()


def test_raw_stream_format(server_url: str) -> None:
    api = signed_in(server_url, "alice")
    with api.event_stream() as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        assert "content-encoding" not in response.headers
        lines = response.iter_lines()
        got = next(parse_events(lines))
    assert got[0] == "seq" and isinstance(json.loads(got[1])["server_seq"], int)


# ---- attachment blobs -----------------------------------------------------------------------


class FlakyTransport(httpx.HTTPTransport):
    """Records requests; fails the n-th blob PUT, or cuts the first blob download short."""

    def __init__(self, fail_put_at: int | None = None, cut_get_after: int | None = None) -> None:
        super().__init__()
        self.fail_put_at = fail_put_at
        self.cut_get_after = cut_get_after
        self.requests: list[tuple[str, str, dict[str, str], int]] = []
        self.puts = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        self.requests.append((request.method, request.url.path, dict(request.headers), len(body)))
        is_blob = "/blobs/" in request.url.path
        if is_blob and request.method == "PUT":
            self.puts += 1
            if self.puts == self.fail_put_at:
                raise httpx.WriteError("connection reset (test)", request=request)
        response = super().handle_request(request)
        if is_blob and request.method == "GET" and self.cut_get_after is not None:
            limit, self.cut_get_after = self.cut_get_after, None
            response.stream = _CutStream(response.stream, limit, request)  # type: ignore[arg-type]
        return response


class _CutStream(httpx.SyncByteStream):
    def __init__(self, inner: Any, limit: int, request: httpx.Request) -> None:
        self.inner, self.limit, self.request = inner, limit, request

    def __iter__(self) -> Iterator[bytes]:
        sent = 0
        for chunk in self.inner:
            if sent + len(chunk) > self.limit:
                yield chunk[: self.limit - sent]
                raise httpx.ReadError("connection reset (test)", request=self.request)
            sent += len(chunk)
            yield chunk

    def close(self) -> None:
        self.inner.close()


def make_blob(store: BlobStore, size: int, seed: int = 1) -> str:
    data = random.Random(seed).randbytes(size)
    return store.put_bytes(data).sha256


def test_20_mb_blob_up_and_down_with_resume(server_url: str, tmp_path: Path) -> None:
    size = 20 * MIB
    store_a = BlobStore(tmp_path / "a" / "blobs")
    store_b = BlobStore(tmp_path / "b" / "blobs")
    name = make_blob(store_a, size)

    # Upload: the 6th chunk fails; a new transfer resumes at 5 MiB.
    flaky = FlakyTransport(fail_put_at=6)
    api_a = signed_in(server_url, "alice", transport=flaky)
    with pytest.raises(Unreachable):
        BlobTransfer(api_a, store_a).upload(name)
    assert api_a.blob_status(name).offset == 5 * MIB
    flaky.requests.clear()
    started = time.monotonic()
    BlobTransfer(api_a, store_a).upload(name)
    resumed_upload_s = time.monotonic() - started
    puts = [r for r in flaky.requests if r[0] == "PUT"]
    assert puts[0][2]["content-range"] == f"bytes {5 * MIB}-{6 * MIB - 1}/{size}"
    assert sum(r[3] for r in puts) == size - 5 * MIB
    assert api_a.blob_status(name).complete

    # A full upload of another 20 MB blob, timed.
    other = make_blob(store_a, size, seed=2)
    started = time.monotonic()
    BlobTransfer(api_a, store_a).upload(other)
    upload_s = time.monotonic() - started
    BlobTransfer(api_a, store_a).upload(other)  # already there: one HEAD, no bytes

    # Bob may read it once an attachment refers to it.
    flaky_b = FlakyTransport()
    api_b = signed_in(server_url, "bob", transport=flaky_b)
    with pytest.raises(BlobUnavailable):
        BlobTransfer(api_b, store_b).download(name)
    alice = Device(api_a)
    ticket = alice.create_ticket()
    alice.attach(ticket, name, size)
    alice.attach(ticket, other, size)

    # Download: cut after 7 MiB + 5 bytes; the next call asks for the rest only.
    transfer_b = BlobTransfer(api_b, store_b)
    flaky_b.cut_get_after = 7 * MIB + 5
    with pytest.raises(Unreachable):
        transfer_b.download(name)
    partial = transfer_b.partial_path(name)
    assert partial.stat().st_size == 7 * MIB + 5 and not store_b.has(name)
    flaky_b.requests.clear()
    path = transfer_b.download(name)
    assert flaky_b.requests[0][2]["range"] == f"bytes={7 * MIB + 5}-"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == name
    assert not partial.exists()

    started = time.monotonic()
    assert transfer_b.download_missing([other, name, other]) == []
    download_s = time.monotonic() - started
    assert store_b.read_bytes(other) == store_a.read_bytes(other)

    mb = size / 1e6
    stats = {
        "blob_mb": round(mb, 1),
        "upload_s": round(upload_s, 2),
        "upload_mb_per_s": round(mb / upload_s, 1),
        "download_s": round(download_s, 2),
        "download_mb_per_s": round(mb / download_s, 1),
        "resumed_upload_of_15_mib_s": round(resumed_upload_s, 2),
    }
    RESULTS["blob_transfer"] = stats
    print("blob transfer:", json.dumps(stats))


def test_damaged_download_is_not_kept(server_url: str, tmp_path: Path) -> None:
    store_a, store_b = BlobStore(tmp_path / "a"), BlobStore(tmp_path / "b")
    name = make_blob(store_a, 300_000, seed=3)
    api_a = signed_in(server_url, "alice")
    BlobTransfer(api_a, store_a).upload(name)
    transfer = BlobTransfer(signed_in(server_url, "alice"), store_b)
    partial = transfer.partial_path(name)
    partial.parent.mkdir(parents=True)
    partial.write_bytes(b"garbage!" * 1000)  # a partial file that does not belong to it
    with pytest.raises(BlobError, match="damaged"):
        transfer.download(name)
    assert not partial.exists() and not store_b.has(name)
    assert transfer.download(name) == store_b.path_for(name)  # then it downloads afresh


def test_upload_of_a_missing_local_blob_and_bad_names(server_url: str, tmp_path: Path) -> None:
    transfer = BlobTransfer(signed_in(server_url, "alice"), BlobStore(tmp_path))
    with pytest.raises(BlobError, match="missing"):
        transfer.upload("0" * 64)
    with pytest.raises(BlobError, match="not an attachment name"):
        transfer.upload("../../etc/passwd")


def test_small_and_empty_blobs(server_url: str, tmp_path: Path) -> None:
    store_a, store_b = BlobStore(tmp_path / "a"), BlobStore(tmp_path / "b")
    empty = store_a.put_bytes(b"").sha256
    tiny = store_a.put_bytes(b"tiny").sha256
    api = signed_in(server_url, "alice")
    assert BlobTransfer(api, store_a).upload_missing([empty, tiny, empty]) == [empty, tiny]
    assert BlobTransfer(api, store_b).download_missing([empty, tiny]) == []
    assert store_b.read_bytes(empty) == b"" and store_b.read_bytes(tiny) == b"tiny"


# ---- gzip request bodies --------------------------------------------------------------------


def test_large_pushes_travel_gzipped(server_url: str) -> None:
    transport = FlakyTransport()
    alice = Device(signed_in(server_url, "alice", transport=transport))
    ticket = alice.create_ticket()
    row = new_id()
    note = "The label printer on floor 3 jams on every second label. " * 60
    changes = {"ticket_id": ticket, "id": row, "minutes": 5, "note": note[:4000]}
    alice.push(alice.mutation("work_log", row, "append", changes))
    pushes = [r for r in transport.requests if r[1].endswith("/sync/push")]
    assert pushes[0][2].get("content-encoding") is None  # the small create
    assert pushes[1][2]["content-encoding"] == "gzip"
    assert pushes[1][3] < 1500  # ~4.5 KB of JSON in well under half


def test_json_body_helper_round_trips() -> None:
    for size in (0, 10, 5000):
        payload = {"text": "x" * size, "中文": "好"}
        content, headers = json_body(payload)
        if size > GZIP_MIN_BYTES:
            assert headers["Content-Encoding"] == "gzip"
            content = gzip.decompress(content)
        else:
            assert "Content-Encoding" not in headers
        assert json.loads(content) == payload
