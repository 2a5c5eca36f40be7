"""How long the window freezes while the suggestion model retrains: in a child process
(what the application does) vs on a thread of the application (as it did before).

    python bench/classify_pauses.py [--tickets 100000]

The main thread stands in for the GUI's event loop: it wakes every millisecond and records
how late each wake-up is, while the retraining runs. A wake-up late by 0.3 s is a window
that did not repaint or take a key for 0.3 s. Both runs train on the same demo database
(the most recent 50,000 tickets, as the application does). Prints one JSON object:
``{"child": {...}, "thread": {...}}`` with ``seconds``, ``max_pause_ms``, ``p99_ms``,
``pauses_over_50ms`` and ``pauses_over_100ms`` each.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import common

from opexdesk.services.classify import ClassifierService
from opexdesk.services.classify.retrain_process import retrain_in_child
from opexdesk.storage.database import Database, open_database

WAKE_EVERY_S = 0.001


def measure(train: Callable[[], Any]) -> dict[str, float]:
    """Run ``train`` on a thread; the lateness of this thread's wake-ups meanwhile."""
    done = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            train()
        except BaseException as exc:
            failure.append(exc)
        finally:
            done.set()

    worker = threading.Thread(target=run, daemon=True)
    start = time.perf_counter()
    worker.start()
    late: list[float] = []
    last = time.perf_counter()
    while not done.is_set():
        time.sleep(WAKE_EVERY_S)
        now = time.perf_counter()
        late.append(max(0.0, now - last - WAKE_EVERY_S))
        last = now
    seconds = time.perf_counter() - start
    worker.join()
    if failure:
        raise failure[0]
    late.sort()
    return {
        "seconds": round(seconds, 2),
        "max_pause_ms": round(late[-1] * 1000, 1),
        "p99_ms": round(late[int(len(late) * 0.99)] * 1000, 2),
        "pauses_over_50ms": sum(v > 0.05 for v in late),
        "pauses_over_100ms": sum(v > 0.1 for v in late),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    args = parser.parse_args()
    path, _ = common.ensure_db(args.tickets)
    db: Database = open_database(path)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            child_service = ClassifierService(Path(tmp) / "child")
            thread_service = ClassifierService(Path(tmp) / "thread")
            result = {
                "tickets": args.tickets,
                "child": measure(lambda: retrain_in_child(child_service, db)),
                "thread": measure(lambda: thread_service.retrain(db)),
            }
            # Same data, same settings: the two models must agree.
            child_model, thread_model = child_service.model, thread_service.model
            assert child_model is not None and thread_model is not None
            result["same_fields"] = sorted(child_model.fields) == sorted(thread_model.fields)
    finally:
        db.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
