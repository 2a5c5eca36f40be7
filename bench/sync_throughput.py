"""Sync throughput through a real ``opexdesk-server`` process: ours vs a raw bulk insert.

    python bench/sync_throughput.py [--mutations 100000] [--clients 50] [--pg-url URL] [--quick]

For SQLite, then PostgreSQL (``--pg-url``, else $OPEXDESK_BENCH_PG_URL, else
$OPEXDESK_TEST_PG_URL; the database is EMPTIED: give a throw-away one):

- "ours": N outbox-shaped mutations (20 % ticket creates, 30 % field edits, 25 % comments,
  25 % work logs) pushed in batches of 500 with the client's ``SyncApi`` (as the engine does)
  to ``opexdesk-server serve`` on 127.0.0.1, then every page pulled back (500 a page).
  ``ours_per_s`` = N / (push + pull seconds).
- "raw": the rows that result (the pulled tickets, comments and work logs) inserted into a
  freshly migrated server schema of the same kind with plain driver ``executemany`` in one
  transaction. ``raw_per_s`` = N / raw seconds, so ``ratio`` = raw seconds / ours seconds:
  the share of the time to store the end state that is the database write itself.
- visible latency: client A (a real client database: TicketService + SyncEngine.push)
  commits an edit or a comment and pushes; client B (a real client database) runs
  ``SyncEngine.pull()`` in a tight loop (no change stream yet); time from A's commit to the
  change applied in B's database.
- concurrent: ``--clients`` threads, each with its own client_id and SyncApi (users shared
  round-robin over 5 accounts), pushing batches of ``--concurrent-batch`` for
  ``--concurrent-seconds``; p50/p99 push latency and errors (non-2xx, 409 or exception).

The headline ``visible_*`` and ``concurrent`` keys are from PostgreSQL when it ran (see
``"headline_database"``). Prints one JSON object on stdout; progress on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import common
import sync_bench_support as sup
from sqlalchemy import select

# Everything imported at start: a long run must not mix module versions loaded later.
from opexdesk.app import build_context
from opexdesk.domain.enums import CommentKind
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.sync.api import DEFAULT_TIMEOUT, SyncApi, SyncError, Tokens
from opexdesk.services.sync.engine import SyncEngine
from opexdesk.services.sync.live import LiveChanges
from opexdesk.storage.models import OutboxEntry

PUSH_BATCH = 500  # the engine's batch (services/sync/engine.PUSH_BATCH)
PULL_PAGE = 500  # the engine's page
TARGET_RATIO = 0.25
BENCH_TIMEOUT = 900.0
MAIN_USER = "bench-main"
VISIBLE_USERS = ("bench-a", "bench-b")
LOAD_USERS = tuple(f"load-{i}" for i in range(1, 6))


# ---- push then pull ------------------------------------------------------------------------


def push_pull(base_url: str, mutations: list[dict[str, Any]]) -> dict[str, Any]:
    # A 500-mutation push can outlast the client's 30 s default on a loaded machine; the
    # benchmark waits and reports how many batches would have timed out.
    api = SyncApi(base_url, timeout=BENCH_TIMEOUT)
    api.login(MAIN_USER, sup.PASSWORD)
    client_id = "bench-main-client"
    statuses: dict[str, int] = {}
    batch_s: list[float] = []
    try:
        start = time.perf_counter()
        for i in range(0, len(mutations), PUSH_BATCH):
            batch_start = time.perf_counter()
            result = api.push(client_id, mutations[i : i + PUSH_BATCH])
            batch_s.append(time.perf_counter() - batch_start)
            if result.expected_client_seq is not None:
                raise RuntimeError(f"unexpected gap at {result.expected_client_seq}")
            for o in result.outcomes:
                statuses[o["status"]] = statuses.get(o["status"], 0) + 1
            if (i // PUSH_BATCH) % 40 == 0:
                sup.log(f"  pushed {i + PUSH_BATCH:,}/{len(mutations):,}")
        push_s = time.perf_counter() - start
        changes: list[dict[str, Any]] = []
        cursor = 0
        start = time.perf_counter()
        while True:
            page = api.pull(cursor, PULL_PAGE)
            changes.extend(page.changes)
            cursor = page.next_cursor
            if not page.more:
                break
        pull_s = time.perf_counter() - start
    finally:
        api.close()
    sup.log(f"  push {push_s:.1f} s, pull {pull_s:.1f} s ({len(changes):,} rows)")
    return {
        "push_s": push_s,
        "pull_s": pull_s,
        "changes": changes,
        "outcomes": statuses,
        "push_batch_p50_s": sup.percentile(batch_s, 0.5),
        "push_batch_max_s": sup.percentile(batch_s, 1.0),
        "push_batches_over_30s": sum(1 for b in batch_s if b > DEFAULT_TIMEOUT),
    }


# ---- visible latency -----------------------------------------------------------------------


def visible_latency(base_url: str, workdir: Path, changes: int, mode: str) -> dict[str, float]:
    """p50/p95 ms from A's commit to the change committed in B's database. ``mode``: B
    pulls in a tight loop ("poll") or when the change stream says so ("sse")."""
    ctx_a = build_context(AppPaths.under(workdir / mode / "a"), username=VISIBLE_USERS[0])
    ctx_b = build_context(AppPaths.under(workdir / mode / "b"), username=VISIBLE_USERS[1])
    api_a, api_b = SyncApi(base_url), SyncApi(base_url)
    api_a.login(VISIBLE_USERS[0], sup.PASSWORD)
    api_b.login(VISIBLE_USERS[1], sup.PASSWORD)
    engine_a = SyncEngine(ctx_a.db, api_a, ctx_a.clock)
    engine_b = SyncEngine(ctx_b.db, api_b, ctx_b.clock)
    ticket_id = ctx_a.tickets.create(
        TicketDraft(title="Latency probe", requester="carol")
    ).ticket_id
    engine_a.sync_once()
    engine_b.sync_once()

    # B records when each entity id first lands in its database (after the page's commit).
    seen: dict[str, list[float]] = {}
    cond = threading.Condition()
    stop = threading.Event()
    failures: list[BaseException] = []
    real_pull = api_b.pull

    def recording_pull(cursor: int, limit: int = 500) -> Any:
        page = real_pull(cursor, limit)
        received.extend(str(c.get("id")) for c in page.changes)
        return page

    received: list[str] = []
    api_b.pull = recording_pull  # type: ignore[method-assign]

    wake = threading.Event()

    def poll() -> None:
        try:
            while not stop.is_set():
                if mode == "sse":
                    if not wake.wait(0.5):
                        continue
                    wake.clear()
                received.clear()
                engine_b.pull()  # returns after the local commit
                now = time.perf_counter()
                with cond:
                    for row_id in received:
                        seen.setdefault(row_id, []).append(now)
                    cond.notify_all()
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)
            with cond:
                cond.notify_all()

    def listen() -> None:
        try:
            LiveChanges(api_b).listen(lambda _seq: wake.set(), stop)
        except BaseException as exc:
            if not stop.is_set():
                failures.append(exc)
                with cond:
                    cond.notify_all()

    threads = [threading.Thread(target=poll, name="client-b-pull", daemon=True)]
    if mode == "sse":
        threads.append(threading.Thread(target=listen, name="client-b-live", daemon=True))
    for thread in threads:
        thread.start()
    samples: list[float] = []
    try:
        for i in range(changes):
            time.sleep(0.02)  # changes arrive one by one, not in a burst
            t0 = time.perf_counter()
            if i % 2:
                ctx_a.tickets.add_comment(ticket_id, f"update {i}", CommentKind.INTERNAL)
                with ctx_a.db.read() as s:
                    target = s.scalars(
                        select(OutboxEntry.entity_id).order_by(OutboxEntry.client_seq.desc())
                    ).first()
            else:
                ctx_a.tickets.update(ticket_id, {"site": f"Site {i}"})
                target = ticket_id  # seen before: only an arrival after t0 counts
            engine_a.push()
            key = str(target)
            with cond:
                while not failures and not any(t > t0 for t in seen.get(key, ())):
                    if not cond.wait(timeout=30):
                        raise RuntimeError(f"change {i} not visible within 30 s")
                if failures:
                    raise failures[0]
                arrived = min(t for t in seen[key] if t > t0)
                samples.append((arrived - t0) * 1000)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        api_a.close()
        api_b.close()
        ctx_a.close()
        ctx_b.close()
    return {
        "visible_p50_ms": sup.percentile(samples, 0.50),
        "visible_p95_ms": sup.percentile(samples, 0.95),
        "visible_changes": len(samples),
    }


def visible_both(base_url: str, workdir: Path, changes: int) -> dict[str, Any]:
    """Tight-loop polling, and the change stream (the headline)."""
    poll = visible_latency(base_url, workdir, changes, "poll")
    out: dict[str, Any] = {
        "visible_poll_p50_ms": poll["visible_p50_ms"],
        "visible_poll_p95_ms": poll["visible_p95_ms"],
    }
    sse = visible_latency(base_url, workdir, changes, "sse")
    return {**sse, "visible_mode": "sse", **out}


# ---- concurrent clients --------------------------------------------------------------------


def concurrent_push(
    base_url: str, clients: int, batch: int, seconds: float, max_batches: int | None
) -> dict[str, Any]:
    tokens: dict[str, Tokens] = {}
    for user in LOAD_USERS:
        with SyncApi(base_url) as api:
            tokens[user] = api.login(user, sup.PASSWORD)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients)
    batches = [0]

    def run(index: int) -> None:
        user = LOAD_USERS[index % len(LOAD_USERS)]
        gen = sup.MutationGenerator(seed=1000 + index, username=user)
        client_id = f"load-client-{index}"
        # Each thread its own SyncApi (connection pool); the same user's devices share the
        # user's token pair only to skip 50 argon2 logins (the run is shorter than its life).
        with SyncApi(base_url) as api:
            api.tokens = tokens[user]
            barrier.wait()
            deadline = time.perf_counter() + seconds
            done = 0
            while time.perf_counter() < deadline and (max_batches is None or done < max_batches):
                mutations = gen.batch(batch)
                start = time.perf_counter()
                try:
                    result = api.push(client_id, mutations)
                    problem = (
                        f"409 expected {result.expected_client_seq}"
                        if result.expected_client_seq is not None
                        else None
                    )
                except (SyncError, OSError) as exc:
                    problem = f"{type(exc).__name__}: {exc}"
                elapsed = (time.perf_counter() - start) * 1000
                done += 1
                with lock:
                    latencies.append(elapsed)
                    batches[0] += 1
                    if problem:
                        errors.append(problem)
                if problem:  # the generator's seqs are now out of step: stop this client
                    return

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    return {
        "clients": clients,
        "batch": batch,
        "batches": batches[0],
        "mutations_per_s": round(batches[0] * batch / wall, 1),
        "p50_ms": sup.percentile(latencies, 0.50),
        "p99_ms": sup.percentile(latencies, 0.99),
        "max_ms": sup.percentile(latencies, 1.0),
        "errors": len(errors),
        "first_errors": errors[:3],
    }


# ---- one database ----------------------------------------------------------------------------


def run_database(kind: str, db_url: str, workdir: Path, args: argparse.Namespace) -> dict[str, Any]:
    if kind == "postgresql":
        sup.reset_postgres(db_url)
    sup.log(f"{kind}: creating users")
    sup.create_users(db_url, [MAIN_USER, *VISIBLE_USERS, *LOAD_USERS])
    mutations = sup.MutationGenerator(seed=args.seed, username=MAIN_USER).batch(args.mutations)
    result: dict[str, Any] = {}
    with sup.running_server(db_url, workdir) as server:
        # Visible latency first, on a nearly empty store: its fresh clients' first sync
        # would otherwise pull the whole push/pull data set (the pull below includes these).
        sup.log(f"{kind}: visible latency over {args.visible_changes} changes")
        visible = visible_both(server.base_url, workdir / kind, args.visible_changes)
        sup.log(f"{kind}: push + pull of {args.mutations:,} mutations via {server.base_url}")
        pp = push_pull(server.base_url, mutations)
        sup.log(f"{kind}: {args.clients} concurrent clients for {args.concurrent_seconds} s")
        concurrent = concurrent_push(
            server.base_url,
            args.clients,
            args.concurrent_batch,
            args.concurrent_seconds,
            args.concurrent_max_batches,
        )
    server_log = server.log_text()
    if "Traceback" in server_log:  # kept for a look: the temp dir goes at exit
        common.OUT_DIR.mkdir(parents=True, exist_ok=True)
        kept = common.OUT_DIR / f"sync-throughput-{kind}-server.log"
        kept.write_text(server_log)
        sup.log(f"{kind}: the server logged tracebacks; its log is in {kept}")
    tables = sup.rows_by_table(pp["changes"])
    sup.log(f"{kind}: raw reference insert")
    if kind == "sqlite":
        raw_s = sup.raw_insert_sqlite(workdir / "raw.sqlite3", tables)
    else:
        raw_s = sup.raw_insert_postgres(db_url, tables)
    ours_s = pp["push_s"] + pp["pull_s"]
    ours_per_s = args.mutations / ours_s
    raw_per_s = args.mutations / raw_s
    result.update(
        {
            "ours_per_s": round(ours_per_s, 1),
            "raw_per_s": round(raw_per_s, 1),
            "ratio": round(ours_per_s / raw_per_s, 4),
            "push_s": round(pp["push_s"], 2),
            "pull_s": round(pp["pull_s"], 2),
            "raw_s": round(raw_s, 3),
            "rows": {table: len(rows) for table, (_cols, rows) in tables.items()},
            "outcomes": pp["outcomes"],
            "push_batch_p50_s": pp["push_batch_p50_s"],
            "push_batch_max_s": pp["push_batch_max_s"],
            "push_batches_over_30s": pp["push_batches_over_30s"],
            **visible,
            "concurrent": concurrent,
            "server_tracebacks": server_log.count("Traceback"),
        }
    )
    sup.log(f"{kind} done: {json.dumps(result, ensure_ascii=False)}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mutations", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--concurrent-batch", type=int, default=20)
    parser.add_argument("--concurrent-seconds", type=float, default=20.0)
    parser.add_argument("--concurrent-max-batches", type=int, default=None)
    parser.add_argument("--visible-changes", type=int, default=100)
    parser.add_argument("--pg-url", help="a throw-away PostgreSQL database (it is emptied)")
    parser.add_argument(
        "--only", choices=("sqlite", "postgresql"), help="run one database (long runs in parts)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="small numbers (CI)")
    args = parser.parse_args()
    # A SIGTERM unwinds like Ctrl-C, so the server processes and temp files go too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.quick:
        args.mutations = min(args.mutations, 1_000)
        args.clients = min(args.clients, 8)
        args.concurrent_seconds = min(args.concurrent_seconds, 2.0)
        args.visible_changes = min(args.visible_changes, 10)

    pg_url = (
        args.pg_url
        or os.environ.get("OPEXDESK_BENCH_PG_URL")
        or os.environ.get("OPEXDESK_TEST_PG_URL")
    )
    out: dict[str, Any] = {"mutations": args.mutations, "target_ratio": TARGET_RATIO}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="opexdesk-sync-bench-") as tmp:
        workdir = Path(tmp)
        if args.only == "postgresql":
            out["sqlite"] = {"skipped": "--only postgresql"}
        else:
            out["sqlite"] = run_database(
                "sqlite", f"sqlite:///{workdir / 'server.sqlite3'}", workdir, args
            )
        if args.only == "sqlite":
            out["postgresql"] = {"skipped": "--only sqlite"}
        elif not pg_url:
            out["postgresql"] = {
                "skipped": "no PostgreSQL: pass --pg-url or set OPEXDESK_BENCH_PG_URL"
            }
        else:
            out["postgresql"] = run_database("postgresql", pg_url, workdir, args)
    headline = "postgresql" if "ours_per_s" in out["postgresql"] else "sqlite"
    if "ours_per_s" not in out[headline]:
        raise SystemExit("no database ran")
    out["headline_database"] = headline
    out["visible_p50_ms"] = out[headline]["visible_p50_ms"]
    out["visible_p95_ms"] = out[headline]["visible_p95_ms"]
    out["visible_mode"] = out[headline]["visible_mode"]
    out["concurrent"] = out[headline]["concurrent"]
    out["seconds"] = round(time.perf_counter() - started, 1)
    out["peak_rss_mb"] = common.peak_rss_mb()
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
