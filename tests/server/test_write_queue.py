"""Writers of one server process take turns in arrival order (SQLite)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from opexdesk.server.database import ServerDatabase, create_server_engine
from opexdesk.server.write_queue import WriteQueue


def wait_for(condition, timeout: float = 10.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


def test_waiting_writers_go_in_arrival_order_and_nobody_barges_in() -> None:
    queue = WriteQueue()
    order: list[str] = []
    release_first = threading.Event()

    def writer(name: str) -> None:
        with queue.turn():
            order.append(name)

    def first() -> None:
        with queue.turn():
            order.append("first")
            release_first.wait(10)
        with queue.turn():  # straight back in: behind everyone already waiting
            order.append("first again")

    threads = [threading.Thread(target=first)]
    threads[0].start()
    wait_for(lambda: order == ["first"])
    for i, name in enumerate("bcd"):
        threads.append(threading.Thread(target=writer, args=(name,)))
        threads[-1].start()
        wait_for(lambda i=i: len(queue._waiting) == i + 1)
    release_first.set()
    for t in threads:
        t.join(10)
    assert order == ["first", "b", "c", "d", "first again"]


def test_the_holding_thread_may_nest_and_an_error_releases() -> None:
    queue = WriteQueue()
    with queue.turn(), queue.turn():
        pass
    with pytest.raises(RuntimeError), queue.turn():
        raise RuntimeError("boom")
    done = threading.Event()

    def other() -> None:
        with queue.turn():
            done.set()

    t = threading.Thread(target=other)
    t.start()
    assert done.wait(10), "the lock was left held"
    t.join(10)


def test_many_threads_write_one_sqlite_store_without_lock_errors(tmp_path: Path) -> None:
    db = ServerDatabase(create_server_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}"))
    with db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE hits (thread INTEGER, n INTEGER)"))
    errors: list[BaseException] = []

    def work(thread: int) -> None:
        try:
            for n in range(20):
                with db.write() as session:
                    session.execute(text("INSERT INTO hits VALUES (:t, :n)"), {"t": thread, "n": n})
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM hits")).scalar() == 16 * 20
    db.close()
