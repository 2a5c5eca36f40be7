"""GET /sync/tickets: any stored ticket found by number or words (older history on demand),
on SQLite and PostgreSQL; and a device that fetches what it found."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from server_helpers import API, Api, ClientDevice
from sqlalchemy import text
from test_sync_snapshot import Seeder

from opexdesk.server.ticket_search_index import (
    PG_PAIRS_INDEX,
    SQLITE_TABLE,
    SYNC_PAIRS,
    TRGM_INDEXES,
)
from opexdesk.services.sync.history import ServerHistory, SignInNeeded

SEARCH = f"{API}/sync/tickets"


def search(api: Api, user: str, **params: Any) -> dict[str, Any]:
    response = api.client.get(SEARCH, headers=api.auth(user), params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def titled(seeder: Seeder, title: str, requester: str | None = None, days_ago: int = 400) -> str:
    tid = seeder.ticket(days_ago, closed=True)
    changes: dict[str, Any] = {"title": {"base": f"T {tid[-6:]}", "new": title}}
    if requester is not None:
        changes["requester"] = {"base": None, "new": requester}
    outcomes = seeder.push(days_ago, ("ticket", tid, "update", changes))
    assert outcomes[0]["status"] == "applied", outcomes
    return tid


def test_tickets_are_found_by_number_and_by_every_word(api: Api) -> None:
    seeder = Seeder(api, "olga")
    printer = titled(seeder, "Printer on floor 3 jams", requester="Carol Wu")
    vpn = titled(seeder, "VPN 断开 after update")
    titled(seeder, "Printer toner empty")

    found = search(api, "tom", q="printer JAMS")
    assert [t["id"] for t in found["tickets"]] == [printer]
    assert found["more"] is False
    hit = found["tickets"][0]
    assert set(hit) == {"id", "number", "title", "status", "requester", "assignee", "updated_at"}
    assert (hit["title"], hit["status"], hit["requester"]) == (
        "Printer on floor 3 jams",
        "resolved",
        "Carol Wu",
    )
    assert [t["id"] for t in search(api, "tom", q="carol")["tickets"]] == [printer]
    assert [t["id"] for t in search(api, "tom", q="断开")["tickets"]] == [vpn]
    number = hit["number"]
    assert [t["id"] for t in search(api, "tom", q=f"#{number}")["tickets"]] == [printer]
    assert [t["id"] for t in search(api, "tom", q=str(number))["tickets"]] == [printer]
    assert len(search(api, "tom", q="printer")["tickets"]) == 2


def test_the_limit_says_when_more_match_and_odd_text_finds_nothing_without_error(
    api: Api,
) -> None:
    seeder = Seeder(api, "olga")
    for n in range(3):
        titled(seeder, f"Badge reader {n}")
    page = search(api, "tom", q="badge", limit=2)
    assert len(page["tickets"]) == 2 and page["more"] is True
    for odd in ("#", "   ", "%", "_", "100%_done", "'; drop table sync_tickets; --", "9" * 40):
        assert search(api, "tom", q=odd)["tickets"] == []
    assert len(search(api, "tom", q="badge")["tickets"]) == 3  # still there


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x" * 201}, {"q": "a", "limit": 0}])
def test_bad_queries_are_refused_clearly(api: Api, params: dict[str, Any]) -> None:
    response = api.client.get(SEARCH, headers=api.auth("tom"), params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_searching_needs_a_sign_in(api: Api) -> None:
    assert api.client.get(SEARCH, params={"q": "printer"}).status_code == 401


def test_a_device_fetches_an_old_ticket_it_found(api: Api, tmp_path: Path) -> None:
    seeder = Seeder(api, "olga")
    old = titled(seeder, "Laptop hinge cracked", days_ago=500)  # olga's, closed, long ago
    device = ClientDevice(tmp_path / "tom", "tom", api)
    try:
        device.sync()
        assert device.ticket(old) is None  # not in tom's working set
        history = ServerHistory(device.ctx.db, lambda: device.api)
        found = history.search("hinge")
        assert [(t.id, t.on_device) for t in found.tickets] == [(old, False)]
        assert history.fetch([old]) == 1
        fetched = device.ticket(old)
        assert fetched is not None and fetched.title == "Laptop hinge cracked"
        assert [t.on_device for t in history.search("hinge").tickets] == [True]
        assert history.search("   ").tickets == []

        # From now on the ordinary pull keeps it current.
        seeder.push(0, ("ticket", old, "update", {"site": {"base": None, "new": "Depot"}}))
        device.sync()
        fetched = device.ticket(old)
        assert fetched is not None and fetched.site == "Depot"
    finally:
        device.close()

    with pytest.raises(SignInNeeded, match="Sign in"):
        ServerHistory(device.ctx.db, lambda: None).search("hinge")


def test_the_index_follows_edits_and_deletions(api: Api) -> None:
    seeder = Seeder(api, "olga")
    tid = titled(seeder, "Scanner 扫描仪 offline", requester="Dana")
    assert [t["id"] for t in search(api, "tom", q="扫描仪 scanner")["tickets"]] == [tid]
    changes = {"title": {"base": "Scanner 扫描仪 offline", "new": "Projector dim"}}
    assert seeder.push(0, ("ticket", tid, "update", changes))[0]["status"] == "applied"
    assert search(api, "tom", q="scanner")["tickets"] == []
    assert [t["id"] for t in search(api, "tom", q="projector")["tickets"]] == [tid]
    assert [t["id"] for t in search(api, "tom", q="dana dim")["tickets"]] == [tid]
    # Two-character words (the pairs index on SQLite, LIKE on PostgreSQL) follow too.
    assert search(api, "tom", q="描仪")["tickets"] == []
    assert [t["id"] for t in search(api, "tom", q="DI jE")["tickets"]] == [tid]
    deleted = seeder.push(0, ("ticket", tid, "delete", {"reason": "duplicate"}))
    assert deleted[0]["status"] == "applied", deleted
    assert search(api, "tom", q="projector")["tickets"] == []
    assert search(api, "tom", q="di je")["tickets"] == []


def test_two_character_words_are_found_anywhere_in_the_text(api: Api) -> None:
    seeder = Seeder(api, "olga")
    end = titled(seeder, "会议室连不上网络", requester="赵磊")
    start = titled(seeder, "网络打印机离线 PC")
    assert {t["id"] for t in search(api, "tom", q="网络")["tickets"]} == {end, start}
    assert [t["id"] for t in search(api, "tom", q="赵磊 网络")["tickets"]] == [end]
    assert [t["id"] for t in search(api, "tom", q="pc")["tickets"]] == [start]
    assert search(api, "tom", q="络打 室连")["tickets"] == []
    assert [t["id"] for t in search(api, "tom", q="c 网")["tickets"]] == [start]  # "c": LIKE


def test_single_letters_outside_ascii_are_found_anywhere(api: Api) -> None:
    """机 last in a title, 磊 last in a requester, 机 alone as a title: where revision 0011's
    pairs had no token; é in any case."""
    seeder = Seeder(api, "olga")
    end = titled(seeder, "打印机", requester="赵磊")
    alone = titled(seeder, "机")
    inside = titled(seeder, "机房空调 Café")
    titled(seeder, "Badge reader")

    def found(q: str) -> set[str]:
        return {t["id"] for t in search(api, "tom", q=q)["tickets"]}

    assert found("机") == {end, alone, inside}
    assert found("磊") == {end}
    assert found("É") == found("é") == {inside}
    assert found("机 打印") == {end}  # with a two-character word: both required
    assert found("機") == set()


@pytest.mark.parametrize("query", ["网络", "网"])
def test_two_character_words_use_the_pairs_index_in_the_plan(api: Api, query: str) -> None:

    from sqlalchemy import select

    from opexdesk.server.routes.ticket_search import matching
    from opexdesk.server.sync_models import SyncTicket

    seeder = Seeder(api, "olga")
    for n in range(30):
        titled(seeder, f"Laptop {n} 网络 slow" if n % 10 == 0 else f"Badge reader {n}")
    dialect = api.services.db.dialect
    condition = matching(query, dialect)
    assert condition is not None
    query = select(SyncTicket.id).where(condition)
    with api.services.db.read() as s:
        if dialect == "postgresql":
            s.execute(text("SET LOCAL enable_seqscan = off"))  # a small table: force the choice
        found = list(s.scalars(query))
        compiled = query.compile(s.get_bind(), compile_kwargs={"literal_binds": True})
        explain = "EXPLAIN" if dialect == "postgresql" else "EXPLAIN QUERY PLAN"
        plan = " ".join(str(r) for r in s.execute(text(f"{explain} {compiled}")))
    assert len(found) == 3
    index_name = PG_PAIRS_INDEX if dialect == "postgresql" else SYNC_PAIRS.table
    assert index_name in plan, plan


def test_on_sqlite_two_character_words_use_the_pairs_index() -> None:
    from sqlalchemy.dialects import sqlite

    from opexdesk.server.routes.ticket_search import matching

    condition = matching("网络 PC x 机", "sqlite")
    assert condition is not None
    sql = str(condition.compile(dialect=sqlite.dialect()))
    assert SYNC_PAIRS.table in sql and sql.count("LIKE") == 2  # only "x" is a LIKE


def test_fts_syntax_in_words_is_plain_text(api: Api) -> None:
    seeder = Seeder(api, "olga")
    tid = titled(seeder, 'Error "NEAR" AND OR * ^col: in wifi')
    for q in ('"near"', "AND OR", "^col:", "wifi *", 'NEAR("a" "b")'):
        found = search(api, "tom", q=q)["tickets"]
        assert all(t["id"] == tid for t in found), q
    assert [t["id"] for t in search(api, "tom", q='"NEAR" wifi')["tickets"]] == [tid]


def test_the_migration_builds_the_index_for_the_database(api: Api) -> None:
    with api.services.db.read() as s:
        if api.services.db.dialect == "postgresql":
            names = set(
                s.scalars(text("SELECT indexname FROM pg_indexes WHERE tablename = 'sync_tickets'"))
            )
            assert set(TRGM_INDEXES) <= names and PG_PAIRS_INDEX in names
        else:
            tables = set(
                s.scalars(text("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')"))
            )
            assert SQLITE_TABLE in tables and "sync_tickets_search_update" in tables
            assert SYNC_PAIRS.table in tables and "sync_tickets_pairs_update" in tables


def test_the_upgrade_to_single_characters_reindexes_stored_tickets(api: Api) -> None:
    """Back to revision 0011 (pairs only), then forward: tickets stored before the upgrade
    are found by a single character too."""
    from alembic import command

    from opexdesk.server.database import SCHEMA_HEAD, alembic_config, migrate

    seeder = Seeder(api, "olga")
    tid = titled(seeder, "打印机", requester="Dana")
    engine = api.services.db.engine
    with engine.connect() as conn, conn.begin():
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0011")
    assert search(api, "tom", q="打印")["tickets"]  # pairs still work at 0011
    assert migrate(engine) == SCHEMA_HEAD == "0012"
    assert [t["id"] for t in search(api, "tom", q="机")["tickets"]] == [tid]
