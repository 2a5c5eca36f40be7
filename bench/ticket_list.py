"""Ticket list paging on a large database: our code path vs the same SQL on plain sqlite3.

    python bench/ticket_list.py [--tickets 1000000] [--db PATH] [--repeat 7]

"ours" is ``TicketListService.page()`` / ``.count()`` on a database opened by the app
(``open_database``); "raw" is the same SELECT (same columns, WHERE, ORDER BY, LIMIT/OFFSET),
written by hand, run with the standard ``sqlite3`` module on the same file in the same run,
rows fetched with ``fetchall()``. Each figure is the median of ``--repeat`` runs after one
warm-up run (both sides read from the same warm OS page cache). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from pathlib import Path
from typing import Any

import common

PAGE = 100
DEEP_OFFSET = 900_000

COLUMNS = (
    "local_id, id, number, provisional_number, title, status, priority, assignee, group_name,"
    " requester, site, category, created_at, updated_at, resolution_due_at"
)
# The reference text filter is the plain FTS5 lookup of the same trigram index.
TEXT_WHERE = "local_id IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ?)"
# Two-character terms: the pairs index (what we use), and the LIKE scan used before it.
PAIRS_WHERE = (
    "local_id IN (SELECT rowid FROM ticket_search_pairs WHERE ticket_search_pairs MATCH ?)"
)
LIKE_WHERE = "(title LIKE ? OR requester LIKE ?)"
# With many matches our page walks the sort index and probes them (a unary + keeps SQLite
# from starting at the matches; storage/ticket_list.py WALK_FACTOR): the same by hand.
TEXT_WALK = TEXT_WHERE.replace("local_id IN", "+local_id IN")
PAIRS_WALK = PAIRS_WHERE.replace("local_id IN", "+local_id IN")
ALL = "1 = 1"
# 机 is in about one title of sixteen of the generated ones, 己 in one of 1,500, 龘 in none.
CHARACTERS = {"common": "机", "rare": "己", "absent": "龘"}
BY_UPDATED = "ORDER BY updated_at DESC, local_id DESC"
BY_DUE = "ORDER BY resolution_due_at ASC, local_id ASC"


def raw_page(where: str, order: str, offset: int = 0) -> str:
    return f"SELECT {COLUMNS} FROM tickets WHERE {where} {order} LIMIT {PAGE} OFFSET {offset}"


def phrase(text: str) -> tuple[str]:
    return (f'"{text}"',)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=common.DEFAULT_TICKETS)
    parser.add_argument("--db", type=Path, help="reuse this database file as it is")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    from opexdesk.services.ticket_list import TicketFilter, TicketListService, TicketSort
    from opexdesk.storage.database import open_database
    from opexdesk.storage.ticket_list import OPEN_STATUSES

    if args.db:
        path = args.db
    else:
        path, _ = common.ensure_db(args.tickets)
    tickets = common.ticket_count(path)
    deep = min(DEEP_OFFSET, max(0, (tickets or 0) - PAGE))

    db = open_database(path)
    service = TicketListService(db)
    con = sqlite3.connect(path)

    def ours(flt: TicketFilter, sort: TicketSort, offset: int = 0) -> Any:
        return lambda: service.page(flt, sort, PAGE, offset)

    def raw(where: str, order: str, params: tuple[Any, ...] = (), offset: int = 0) -> Any:
        sql = raw_page(where, order, offset)
        return lambda: con.execute(sql, params).fetchall()

    cases = {
        "first_page": (ours(TicketFilter(), TicketSort()), raw(ALL, BY_UPDATED)),
        "sort_due": (
            ours(TicketFilter(), TicketSort("resolution_due_at", descending=False)),
            raw(ALL, BY_DUE),
        ),
        "open_queue_due": (
            ours(TicketFilter(statuses=OPEN_STATUSES), TicketSort("resolution_due_at", False)),
            raw("is_open = 1", BY_DUE),
        ),
        "open_queue_text": (
            ours(TicketFilter(statuses=OPEN_STATUSES, text="printer"), TicketSort()),
            raw(
                "is_open = 1 AND " + TEXT_WHERE.replace("local_id IN", "+local_id IN"),
                BY_UPDATED,
                phrase("printer"),
            ),
        ),
        "filter_text": (
            ours(TicketFilter(text="printer"), TicketSort()),
            raw(TEXT_WALK, BY_UPDATED, phrase("printer")),
        ),
        # ...and against fetching and sorting every match (what the page did before).
        "filter_text_vs_sorted": (
            ours(TicketFilter(text="printer"), TicketSort()),
            raw(TEXT_WHERE, BY_UPDATED, phrase("printer")),
        ),
        "filter_text_zh": (
            ours(TicketFilter(text="打印机"), TicketSort()),
            raw(TEXT_WALK, BY_UPDATED, phrase("打印机")),
        ),
        "filter_text_zh_vs_sorted": (
            ours(TicketFilter(text="打印机"), TicketSort()),
            raw(TEXT_WHERE, BY_UPDATED, phrase("打印机")),
        ),
        # A two-character Chinese word, and a two-letter term that matches nothing (the
        # worst case of a scan): ours against the raw pairs lookup...
        "filter_text_zh2": (
            ours(TicketFilter(text="网络"), TicketSort()),
            raw(PAIRS_WALK, BY_UPDATED, phrase("网络")),
        ),
        "filter_text_2_no_match": (
            ours(TicketFilter(text="qx"), TicketSort()),
            raw(PAIRS_WHERE, BY_UPDATED, phrase("qx")),
        ),
        # ...and against the LIKE scan every two-character term used to be.
        "filter_text_zh2_vs_like_scan": (
            ours(TicketFilter(text="网络"), TicketSort()),
            raw(LIKE_WHERE, BY_UPDATED, ("%网络%", "%网络%")),
        ),
        "filter_text_2_no_match_vs_like_scan": (
            ours(TicketFilter(text="qx"), TicketSort()),
            raw(LIKE_WHERE, BY_UPDATED, ("%qx%", "%qx%")),
        ),
    }
    # One Chinese character (client revision 0011: a prefix query on the pairs index):
    # a common one, a rare one and one that is in no ticket, against the raw prefix query
    # and against the LIKE scan they used to be.
    for name, ch in CHARACTERS.items():
        cases[f"filter_char_{name}"] = (
            ours(TicketFilter(text=ch), TicketSort()),
            raw(PAIRS_WALK if name == "common" else PAIRS_WHERE, BY_UPDATED, (f'"{ch}"*',)),
        )
        cases[f"filter_char_{name}_vs_like_scan"] = (
            ours(TicketFilter(text=ch), TicketSort()),
            raw(LIKE_WHERE, BY_UPDATED, (f"%{ch}%", f"%{ch}%")),
        )
    result: dict[str, Any] = {"tickets": tickets}
    for name, (ours_fn, raw_fn) in cases.items():
        got, want = ours_fn(), raw_fn()
        assert [r.local_id for r in got] == [r[0] for r in want], name  # same page
        result[name] = common.compare(
            common.time_ms(ours_fn, args.repeat), common.time_ms(raw_fn, args.repeat)
        )
    count_sql = "SELECT count(*) FROM tickets"
    assert service.count(TicketFilter()) == con.execute(count_sql).fetchone()[0]
    result["count_ms"] = common.median(
        common.time_ms(lambda: service.count(TicketFilter()), args.repeat)
    )
    result["count_raw_ms"] = common.median(
        common.time_ms(lambda: con.execute(count_sql).fetchone(), args.repeat)
    )
    # Counting every ticket with a two-character word: the pairs index vs a LIKE scan.
    zh2 = TicketFilter(text="网络")
    like_count = f"SELECT count(*) FROM tickets WHERE {LIKE_WHERE}"
    assert service.count(zh2) == con.execute(like_count, ("%网络%", "%网络%")).fetchone()[0]
    result["count_zh2"] = common.compare(
        common.time_ms(lambda: service.count(zh2), args.repeat),
        common.time_ms(
            lambda: con.execute(like_count, ("%网络%", "%网络%")).fetchone(), args.repeat
        ),
    )
    for name, ch in CHARACTERS.items():
        flt, like = TicketFilter(text=ch), (f"%{ch}%", f"%{ch}%")
        assert service.count(flt) == con.execute(like_count, like).fetchone()[0], name
        result[f"count_char_{name}"] = common.compare(
            common.time_ms(lambda flt=flt: service.count(flt), args.repeat),
            common.time_ms(lambda like=like: con.execute(like_count, like).fetchone(), args.repeat),
        )
    deep_ours = ours(TicketFilter(), TicketSort(), deep)
    deep_raw = raw(ALL, BY_UPDATED, offset=deep)
    assert [r.local_id for r in deep_ours()] == [r[0] for r in deep_raw()]
    result["deep_page"] = {
        "offset": deep,
        **common.compare(
            common.time_ms(deep_ours, args.repeat), common.time_ms(deep_raw, args.repeat)
        ),
    }
    result["peak_rss_mb"] = common.peak_rss_mb()
    con.close()
    db.close()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
