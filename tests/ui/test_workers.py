"""The background worker: results come back on the GUI thread, and a worker deleted with its
parent while a call runs does not raise from the pool thread."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject

from opexdesk.ui.workers import Call, Worker


def test_a_slow_call_is_delivered_on_the_gui_thread(qtbot) -> None:  # noqa: ANN001
    worker = Worker()
    seen: list[tuple[object, bool]] = []

    def on_done(call: Call) -> None:
        seen.append((call.result, threading.current_thread() is threading.main_thread()))

    release = threading.Event()
    assert worker.run(lambda: release.wait(5) and 42, on_done, wait_s=0.01) is None
    release.set()
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    assert seen == [(42, True)]
    worker.shutdown()


def test_a_worker_deleted_mid_call_drops_the_result_quietly(qtbot) -> None:  # noqa: ANN001
    # pytest-qt fails the test on an exception raised inside the pool thread's run().
    parent = QObject()
    worker = Worker(parent)
    started, release = threading.Event(), threading.Event()
    delivered: list[Call] = []

    def slow() -> int:
        started.set()
        release.wait(5)
        return 1

    worker.run(slow, delivered.append)
    assert started.wait(5)
    pool = worker._pool  # the Python wrapper outlives the deleted Qt object
    shiboken6.delete(parent)  # deletes the worker's Qt object with it
    assert not shiboken6.isValid(worker)
    release.set()
    assert pool.waitForDone(5_000)
    qtbot.wait(50)
    assert delivered == []
