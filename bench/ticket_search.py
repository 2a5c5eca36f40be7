"""Finding an old ticket on the server (``GET /sync/tickets``) at a million stored tickets:
the real route through the app vs the same query in raw SQL on the same database.

    python bench/ticket_search.py [--tickets 1000000] [--repeat 5]

A server SQLite database (migrated by the server itself) gets ``--tickets`` rows in
``sync_tickets`` (titles from a pool of English and Chinese words, requesters, numbers
1..N, change times over two years), built once and cached in bench/out. Each query (a
number, one common word, two words, a rare word, Chinese, a two-character Chinese word, a
two-letter word that matches nothing, no match) is timed as:

- "ours": ``GET /api/v1/sync/tickets?q=…`` through the FastAPI app in-process (auth,
  validation, the ORM query, JSON), what a device waits for minus the network;
- "raw": the same query with ``sqlite3`` on the same file (the FTS5 trigram table for words
  of 3+ characters, the pairs table for two-letter-or-digit words (revision 0011),
  ``number = ?`` for a number, newest first, LIMIT 51);
- "scan": ``lower(title) LIKE ?`` per word over the whole table (what the route did before
  the index, server revision 0009).

Prints one JSON object: per query the median of ours and raw and their ratio, plus the
worst median of each.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import common

from opexdesk.domain.enums import Role
from opexdesk.server.app import create_app
from opexdesk.server.config import LoginLimits, PasswordHashing, ServerSettings

ENGLISH = "printer vpn laptop outlook badge screen network disk login password update restart"
MORE = "cable dock license backup server queue toner wifi phone scanner keyboard monitor"
CHINESE = "打印机 网络 邮箱 登录 密码 服务器 手机 日历"
WORDS = tuple(f"{ENGLISH} {MORE} {CHINESE}".split(" "))
RARE = "zeppelin"  # in about one title in 10,000
USER, PASSWORD = "bench", "bench password 1"
LIMIT = 50


def build(path: Path, tickets: int) -> float:
    """A migrated server database with ``tickets`` rows; returns the seconds it took."""
    start = time.perf_counter()
    settings = ServerSettings(
        database_url=f"sqlite:///{path}",
        password_hashing=PasswordHashing(time_cost=1, memory_cost_kib=1024, parallelism=1),
    )
    app = create_app(settings)
    app.state.services.users.create(USER, "Bench", Role.TECHNICIAN, PASSWORD)
    app.state.services.db.close()
    rng = random.Random(7)
    base = datetime(2025, 1, 1, tzinfo=UTC)
    con = sqlite3.connect(path)
    columns = (
        "id, number, server_seq, title, description, requester, site, category, impact, "
        "urgency, priority, status, assignee, group_name, created_by, created_at, updated_at, "
        "version"
    )
    marks = ", ".join("?" * len(columns.split(",")))
    rows = []
    for n in range(1, tickets + 1):
        words = rng.sample(WORDS, 4)
        if rng.random() < 0.0001:
            words[0] = RARE
        when = base + timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
        at = when.strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy stores it on SQLite
        rows.append(
            (
                f"t{n:09d}",
                n,
                n,
                " ".join(words),
                "",
                f"user{rng.randrange(5000)}",
                None,
                None,
                3,
                3,
                3,
                "closed",
                None,
                None,
                "importer",
                at,
                at,
                1,
            )
        )
        if len(rows) == 50_000:
            con.executemany(f"INSERT INTO sync_tickets ({columns}) VALUES ({marks})", rows)
            rows.clear()
    if rows:
        con.executemany(f"INSERT INTO sync_tickets ({columns}) VALUES ({marks})", rows)
    con.commit()
    con.close()
    return time.perf_counter() - start


def raw_query(con: sqlite3.Connection, q: str) -> list[Any]:
    words = q.lstrip("#").split()
    if len(words) == 1 and words[0].isdigit():
        sql = "SELECT id FROM sync_tickets WHERE number = ? ORDER BY updated_at DESC LIMIT ?"
        return con.execute(sql, (int(words[0]), LIMIT + 1)).fetchall()
    long = [w for w in words if len(w) >= 3]
    pairs = [w for w in words if len(w) == 2 and w.isalnum()]
    chars = [w for w in words if len(w) == 1 and w.isalnum() and not w.isascii()]
    short = [w for w in words if len(w) < 3 and w not in pairs and w not in chars]
    where = " AND ".join(["(lower(title) LIKE ? OR lower(requester) LIKE ?)"] * len(short))
    params: list[Any] = [p for w in short for p in (f"%{w.lower()}%", f"%{w.lower()}%")]
    if pairs or chars:  # one character: a prefix query (server revision 0012)
        match = " ".join([*(f'"{w}"' for w in pairs), *(f'"{w}"*' for w in chars)])
        lookup = (
            "number IN (SELECT rowid FROM sync_ticket_search_pairs "
            "WHERE sync_ticket_search_pairs MATCH ?)"
        )
        where = f"{lookup} AND {where}" if where else lookup
        params.insert(0, match)
    if long:
        match = " ".join('"' + w.replace('"', '""') + '"' for w in long)
        fts = "number IN (SELECT rowid FROM sync_ticket_search WHERE sync_ticket_search MATCH ?)"
        where = f"{fts} AND {where}" if where else fts
        params.insert(0, match)
    sql = f"SELECT * FROM sync_tickets WHERE {where} ORDER BY updated_at DESC, id LIMIT ?"
    return con.execute(sql, (*params, LIMIT + 1)).fetchall()


def scan_query(con: sqlite3.Connection, q: str) -> list[Any]:
    words = q.lstrip("#").split()
    where = " AND ".join("(lower(title) LIKE ? OR lower(requester) LIKE ?)" for _ in words)
    params: list[Any] = [p for w in words for p in (f"%{w.lower()}%", f"%{w.lower()}%")]
    sql = f"SELECT * FROM sync_tickets WHERE {where} ORDER BY updated_at DESC, id LIMIT ?"
    return con.execute(sql, (*params, LIMIT + 1)).fetchall()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    path = common.OUT_DIR / f"server-tickets-{args.tickets}-r0009.sqlite3"
    built_s = None
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"building {path} ...", file=sys.stderr)
        built_s = round(build(path, args.tickets), 1)

    from fastapi.testclient import TestClient

    settings = ServerSettings(database_url=f"sqlite:///{path}", login_limits=LoginLimits())
    with TestClient(create_app(settings)) as client:
        login = client.post("/api/v1/auth/login", json={"username": USER, "password": PASSWORD})
        login.raise_for_status()
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        queries = {
            "number": str(args.tickets // 2),
            "one_word": "printer",
            "two_words": "printer toner",
            "rare_word": RARE,
            "chinese": "打印机",
            "chinese_two_chars": "网络",
            "two_letters_no_match": "qx",
            "chinese_one_char": "机",
            "one_char_no_match": "龘",
            "no_match": "nothingmatches",
        }
        results: dict[str, Any] = {}
        found: dict[str, int] = {}
        for name, q in queries.items():

            def ours(q: str = q, name: str = name) -> None:
                response = client.get("/api/v1/sync/tickets", params={"q": q}, headers=headers)
                response.raise_for_status()
                found[name] = len(response.json()["tickets"])

            ours_ms = common.time_ms(ours, repeat=args.repeat)
            raw_ms = common.time_ms(lambda q=q: raw_query(con, q), repeat=args.repeat)
            results[name] = {**common.compare(ours_ms, raw_ms), "found": found[name]}
            if name != "number":
                scan = common.time_ms(lambda q=q: scan_query(con, q), repeat=min(3, args.repeat))
                results[name]["scan_ms"] = common.median(scan)
        con.close()
    print(
        json.dumps(
            {
                "tickets": args.tickets,
                "built_s": built_s,
                "queries": results,
                "worst_ours_ms": max(r["ours_ms"] for r in results.values()),
                "worst_raw_ms": max(r["raw_ms"] for r in results.values()),
            }
        )
    )


if __name__ == "__main__":
    main()
