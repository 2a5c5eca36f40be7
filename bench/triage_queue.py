"""Triage queue on a large database: our code path vs the raw SQL of the same page.

    python bench/triage_queue.py [--tickets 1000000] [--db PATH] [--repeat 7]

- ``queue_page``: ``TriageQueueRepository.page`` (open, unassigned, by response due) vs the
  same SELECT on plain ``sqlite3``; ``first_page`` is ``TriageService.page`` (rows + SLA
  badges), what the window shows first; ``badges_page`` is the SLA badges alone for that
  page (one audit query + the domain clock replayed per ticket); ``next_page`` a keyset page.
- ``duplicates``: TF-IDF index build and one query over the open tickets, and over 100,000
  open tickets (the real open texts repeated), against a brute-force numpy dense cosine.
- ``assignment_ms``: least-loaded suggestion for the largest group.

The app opens a private copy of the benchmark database (``bench/out/triage-<N>.sqlite3``):
opening migrates a schema, and the shared cached file must stay as other benchmarks expect.
Medians of ``--repeat`` runs after one warm-up. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

import common

PAGE = 100
RAW = (
    "SELECT local_id, id, number, provisional_number, title, description, requester, site,"
    " category, impact, urgency, priority, status, assignee, group_name, created_at,"
    " first_response_at, response_due_at, resolution_due_at, version FROM tickets"
    " WHERE is_open = 1 AND assignee IS NULL"
    " ORDER BY response_due_at IS NULL, response_due_at, local_id LIMIT ?"
)


def private_copy(path: Path, tickets: int) -> Path:
    copy = common.OUT_DIR / f"triage-{tickets}.sqlite3"
    if common.ticket_count(copy) != tickets:
        tmp = copy.with_suffix(".tmp")
        shutil.copyfile(path, tmp)
        tmp.replace(copy)
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=common.DEFAULT_TICKETS)
    parser.add_argument("--db", type=Path, help="use this database file (opened by the app)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    import numpy as np

    from opexdesk.services.events import ChangeNotifier, Clock
    from opexdesk.services.tickets import Actor, TicketService
    from opexdesk.services.triage import TriageService
    from opexdesk.services.triage.duplicates import DuplicateIndex
    from opexdesk.storage.blobs import BlobStore
    from opexdesk.storage.database import open_database
    from opexdesk.storage.triage_queue import TriageQueueRepository

    if args.db:
        path = args.db
    else:
        shared, _ = common.ensure_db(args.tickets)
        path = private_copy(shared, args.tickets)
    tickets = common.ticket_count(path)

    class FixedClock(Clock):  # the benchmark data's "now": badges like on the day it was made
        def now(self) -> Any:
            return common.SEED_NOW

    db = open_database(path)
    notifier = ChangeNotifier()
    blobs = BlobStore(Path(tempfile.mkdtemp()))
    ticket_service = TicketService(db, blobs, notifier, Actor("bench"), FixedClock())
    service = TriageService(db, ticket_service, notifier, FixedClock())
    repo = TriageQueueRepository(db.engine)
    con = sqlite3.connect(path)
    result: dict[str, Any] = {"tickets": tickets, "queue_size": repo.count()}

    ours_rows = repo.page(PAGE)
    raw_rows = con.execute(RAW, (PAGE,)).fetchall()
    assert [r.local_id for r, _k in ours_rows] == [r[0] for r in raw_rows]  # same page
    result["queue_page"] = common.compare(
        common.time_ms(lambda: repo.page(PAGE), args.repeat),
        common.time_ms(lambda: con.execute(RAW, (PAGE,)).fetchall(), args.repeat),
    )
    result["first_page_ms"] = common.median(common.time_ms(lambda: service.page(PAGE), args.repeat))
    rows = [r for r, _k in ours_rows]
    result["badges_page_ms"] = common.median(
        common.time_ms(lambda: service.with_badges(rows), args.repeat)
    )
    first = service.page(PAGE)
    if first.next_key is not None:
        key = first.next_key
        result["next_page_ms"] = common.median(
            common.time_ms(lambda: service.page(PAGE, key), args.repeat)
        )
    result["count_ms"] = common.median(common.time_ms(repo.count, args.repeat))
    levels: dict[str, int] = {}
    for item in first.items:
        levels[item.badge.level.value] = levels.get(item.badge.level.value, 0) + 1
    result["first_page_levels"] = levels

    texts = repo.open_texts()
    result["duplicates"] = {"open": duplicates(texts, rows[0], DuplicateIndex, np, args.repeat)}
    big = [
        (f"{t[0]}-{i}", t[1], t[2], t[3]) for i in range(100_000 // len(texts) + 1) for t in texts
    ][:100_000]
    result["duplicates"]["open_100k"] = duplicates(big, rows[0], DuplicateIndex, np, args.repeat)

    groups = service.assignment.groups()
    if groups:
        sizes = {g: len(repo.people(g)) for g in groups}
        largest = max(sizes, key=lambda g: sizes[g])
        result["assignment_ms"] = common.median(
            common.time_ms(lambda: service.assignment.suggest(largest), args.repeat)
        )
    result["peak_rss_mb"] = common.peak_rss_mb()
    con.close()
    db.close()
    print(json.dumps(result, ensure_ascii=False))


def duplicates(texts: list[Any], row: Any, index_cls: Any, np: Any, repeat: int) -> Any:
    """Index build, our query, and a dense-matrix cosine over the same TF-IDF vectors."""
    start = time.perf_counter()
    index = index_cls(texts)
    build_s = time.perf_counter() - start
    query = lambda: index.candidates(row.title, row.description, exclude=row.id)  # noqa: E731
    ours = common.time_ms(query, repeat)
    matrix, vec = index._matrix, index._vectorizer
    dense_rows = min(matrix.shape[0], 20_000)  # dense beyond this does not fit comfortably
    dense = matrix[:dense_rows].toarray()

    def reference() -> Any:
        q = vec.transform([f"{row.title}\n{row.title}\n{row.description}"]).toarray().ravel()
        return np.argsort(-(dense @ q))[:5]

    ref = common.time_ms(reference, repeat)
    return {
        "docs": len(texts),
        "build_s": round(build_s, 2),
        "query_ms": common.median(ours),
        "query_p95_ms": common.p95(ours),
        "dense_reference_ms_on_first_20k": common.median(ref),
        "top": [round(c.score, 3) for c in query()[:3]],
    }


if __name__ == "__main__":
    main()
