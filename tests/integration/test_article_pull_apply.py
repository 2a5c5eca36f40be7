"""Pulled knowledge-base articles applied to a real client database (docs/sync_articles.md,
"Client apply"): whole articles with versions, votes and links; an unsent local edit held
back and the article fetched again once it is through; this user's pending vote kept; links
a union; the search index's to-do list (``kb.index_pending``) written in the pull's
transaction, surviving a crash, and applied to a real ``KbSearch`` by
``ArticleService.catch_up_index``; a first sync paging through ``GET /sync/articles``.

The server is an ``httpx.MockTransport`` answering the pages and outcomes the spec describes
(the server side is tested on its own, tests/server)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from opexdesk.app import AppContext, build_context
from opexdesk.domain.article import ArticleDraft, ArticleStatus
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.kb import ArticleService, Embedder, KbSearch
from opexdesk.services.sync.api import NotAnOpExDeskServer, ServerError, SyncApi, Tokens
from opexdesk.services.sync.article_apply import HELD_ARTICLES_KEY
from opexdesk.services.sync.bootstrap import ARTICLES_KEY, ARTICLES_PHASE
from opexdesk.services.sync.engine import SyncEngine
from opexdesk.services.sync.progress import SyncProgress
from opexdesk.services.sync.pull_apply import PageResult, apply_page, load_held
from opexdesk.storage import articles_repo, settings_repo
from opexdesk.storage.articles_repo import INDEX_PENDING_KEY
from opexdesk.storage.kb_models import ArticleTagRow, ArticleTicketLinkRow, ArticleVoteRow
from opexdesk.storage.models import OutboxEntry
from opexdesk.storage.sync_models import SYNC_STATE_ID, Conflict, SyncState

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
A1 = "0193a3c4-0000-7000-8000-0000000000a1"
A2 = "0193a3c4-0000-7000-8000-0000000000a2"
A3 = "0193a3c4-0000-7000-8000-0000000000a3"


def iso(minutes: int) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat()


def version(n: int, title: str, body: str, **kw: Any) -> dict[str, Any]:
    return {
        "version": n,
        "title": title,
        "body": body,
        "category": kw.get("category", "Network"),
        "tags": kw.get("tags", ["vpn"]),
        "language": "en",
        "author": kw.get("author", "olga"),
        "saved_at": iso(n),
        "note": kw.get("note", "Created" if n == 1 else ""),
    }


def article(
    article_id: str,
    versions: list[dict[str, Any]],
    *,
    status: str = "published",
    votes: list[dict[str, Any]] | None = None,
    links: list[dict[str, Any]] | None = None,
    seq: int = 1,
) -> dict[str, Any]:
    """An ``article`` change as the server sends it: the row (the newest version's content),
    every version, the votes and the links. The row's counts are deliberately wrong: the
    client counts the votes itself."""
    newest = versions[-1]
    data = {
        "id": article_id,
        **{k: newest[k] for k in ("title", "body", "category", "tags", "language")},
        "author": versions[0]["author"],
        "updated_by": newest["author"],
        "status": status,
        "version": newest["version"],
        "created_at": versions[0]["saved_at"],
        "updated_at": newest["saved_at"],
        "helpful_count": 99,
        "not_helpful_count": 99,
        "versions": versions,
        "votes": votes or [],
        "links": links or [],
    }
    return {"entity": "article", "id": article_id, "server_seq": seq, "data": data}


def vote(username: str, helpful: bool) -> dict[str, Any]:
    return {"username": username, "helpful": helpful, "at": iso(30)}


def link(ticket_id: str, query: str, username: str = "olga") -> dict[str, Any]:
    return {"ticket_id": ticket_id, "username": username, "at": iso(40), "query_text": query}


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = build_context(AppPaths.under(tmp_path), username="alice")
    with context.db.transaction() as s:  # signed in as alice (whose votes are her own)
        s.add(SyncState(id=SYNC_STATE_ID, client_id="c-1", username="alice", cursor=0))
    yield context
    context.close()


@pytest.fixture
def svc(ctx: AppContext) -> ArticleService:
    return ArticleService(ctx.db, clock=ctx.clock, user="alice")


def apply(ctx: AppContext, *changes: dict[str, Any]) -> PageResult:
    with ctx.db.transaction() as s:
        return apply_page(s, list(changes))


def pending_index(ctx: AppContext) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    with ctx.db.read() as s:
        found = articles_repo.index_pending(s)
        return found.articles, found.feedback


def held(ctx: AppContext) -> list[str]:
    with ctx.db.read() as s:
        return load_held(s, HELD_ARTICLES_KEY)


def history(svc: ArticleService, article_id: str) -> list[tuple[int, str, str, str]]:
    return [
        (v.version, v.content.title, v.content.body, v.author)
        for v in reversed(svc.history(article_id))
    ]


def test_a_new_article_arrives_whole(ctx: AppContext, svc: ArticleService) -> None:
    change = article(
        A1,
        [version(1, "VPN drops", "Restart."), version(2, "VPN drops", "Renew the cert.")],
        votes=[vote("bob", True), vote("carol", False), vote("dan", True)],
        links=[link("T-1", "vpn hourly"), link("T-2", "")],
    )
    result = apply(ctx, change)
    assert result.articles == {A1} and result.held_articles == set()
    view = svc.get(A1)
    assert (view.title, view.body, view.status, view.version) == (
        "VPN drops",
        "Renew the cert.",
        ArticleStatus.PUBLISHED,
        2,
    )
    assert (view.author, view.updated_by, view.updated_at) == (
        "olga",
        "olga",
        T0 + timedelta(minutes=2),
    )
    assert (view.helpful_count, view.not_helpful_count) == (2, 1)  # counted from the votes
    assert history(svc, A1) == [
        (1, "VPN drops", "Restart.", "olga"),
        (2, "VPN drops", "Renew the cert.", "olga"),
    ]
    assert sorted(svc.solved_tickets(A1)) == ["T-1", "T-2"]
    with ctx.db.read() as s:
        assert list(s.scalars(select(ArticleTagRow.tag))) == ["vpn"]
    assert pending_index(ctx) == ((A1,), (("vpn hourly", A1), ("", A1)))
    # The same state again (a duplicate page) changes nothing and notes nothing new.
    again = apply(ctx, change)
    assert again.articles == set()
    assert pending_index(ctx) == ((A1,), (("vpn hourly", A1), ("", A1)))


def test_an_update_replaces_the_row_versions_and_tags(ctx: AppContext, svc: ArticleService) -> None:
    apply(ctx, article(A1, [version(1, "VPN drops", "Restart.", tags=["vpn", "cert"])]))
    local = svc.save(A1, ArticleDraft("VPN drops", "Local text.", "Network", ("vpn",)), 1)
    with ctx.db.transaction() as s:  # the save was pushed and acknowledged
        for row in s.scalars(select(OutboxEntry)):
            row.state = "acknowledged"
    assert local.version == 2
    server = [
        version(1, "VPN drops", "Restart.", tags=["vpn", "cert"]),
        version(2, "VPN drops hourly", "Server text.", tags=["tunnel"], author="oscar"),
        version(3, "VPN drops hourly", "Server text, again.", tags=["tunnel"], author="oscar"),
    ]
    result = apply(ctx, article(A1, server, status="archived", seq=5))
    assert result.articles == {A1}
    view = svc.get(A1)
    assert (view.title, view.body, view.tags, view.status, view.version) == (
        "VPN drops hourly",
        "Server text, again.",
        ("tunnel",),
        ArticleStatus.ARCHIVED,
        3,
    )
    assert [v[3] for v in history(svc, A1)] == ["olga", "oscar", "oscar"]  # the local v2 gone
    with ctx.db.read() as s:
        assert list(s.scalars(select(ArticleTagRow.tag))) == ["tunnel"]
    assert pending_index(ctx)[0] == (A1,)


def _local_article(svc: ArticleService) -> None:
    """A1 as pulled once, then edited here (the save waits in the outbox)."""
    svc.save(A1, ArticleDraft("VPN drops", "My unsent text.", "Network", ("vpn",)), 1)


def test_an_unsent_save_holds_the_article_and_it_is_fetched_again_once_through(
    ctx: AppContext, svc: ArticleService
) -> None:
    apply(ctx, article(A1, [version(1, "VPN drops", "Restart.")]))
    _local_article(svc)
    server = article(A1, [version(1, "VPN drops", "Restart."), version(2, "VPN drops", "Olga's.")])
    result = apply(ctx, server)
    assert result.held_articles == {A1} and result.articles == set()
    assert svc.get(A1).body == "My unsent text."  # an unsent edit is never overwritten
    assert [v[2] for v in history(svc, A1)] == ["Restart.", "My unsent text."]
    assert held(ctx) == [A1]

    # The server after the push: Olga's version 2, then the device's save merged as version 3.
    merged = article(
        A1,
        [
            version(1, "VPN drops", "Restart."),
            version(2, "VPN drops", "Olga's."),
            version(3, "VPN drops", "Olga's and mine.", author="alice"),
        ],
        seq=9,
    )
    calls: list[httpx.Request] = []

    def server_side(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        path = request.url.path
        if path.endswith("/push"):
            body = json.loads(request.content)
            outcomes = [
                {"mutation_id": m["mutation_id"], "status": "merged", "notices": []}
                for m in body["mutations"]
            ]
            return httpx.Response(200, json={"outcomes": outcomes, "server_seq": 9})
        if path.endswith("/sync/articles"):
            assert request.url.params.get_list("article") == [A1]
            return httpx.Response(
                200,
                json={
                    "changes": [merged],
                    "next_after": None,
                    "more": False,
                    "checkpoint": None,
                    "total": None,
                },
            )
        # The pull: this device's cursor is past the article's change (its push answer
        # said merged, the article's new state already pulled behind the edit).
        return httpx.Response(
            200, json={"changes": [], "next_cursor": 9, "checkpoint": 9, "more": False}
        )

    engine = _engine(ctx, server_side)
    # While the save is still pending, nothing is fetched.
    engine.pull()
    assert not [c for c in calls if c.url.path.endswith("/sync/articles")]
    assert held(ctx) == [A1]

    report = engine.sync_once()
    assert (report.pushed, report.acknowledged) == (1, 1)
    assert report.articles == 1
    assert svc.get(A1).body == "Olga's and mine."
    assert [v[2] for v in history(svc, A1)] == ["Restart.", "Olga's.", "Olga's and mine."]
    assert held(ctx) == []


def test_an_article_whose_server_state_equals_the_local_one_is_not_held(
    ctx: AppContext, svc: ArticleService
) -> None:
    apply(ctx, article(A1, [version(1, "VPN drops", "Restart.")]))
    svc.archive(A1)  # pending; the server already has it archived: nothing to fetch again
    same = article(A1, [version(1, "VPN drops", "Restart.")], status="archived")
    assert apply(ctx, same).held_articles == set()
    assert held(ctx) == []


def test_the_same_save_by_someone_else_holds_the_article_for_its_history(
    ctx: AppContext, svc: ArticleService
) -> None:
    """Oscar saved exactly what waits here unsent: the rows agree, the histories do not
    (who saved version 2). The server takes the second save without a new version, so the
    article must be fetched again once the save is through (simulation seed 902)."""
    apply(ctx, article(A1, [version(1, "VPN drops", "Restart.")]))
    _local_article(svc)
    theirs = article(
        A1,
        [
            version(1, "VPN drops", "Restart."),
            version(2, "VPN drops", "My unsent text.", author="oscar"),
        ],
    )
    assert svc.get(A1).body == "My unsent text."  # the row's content is the server's
    result = apply(ctx, theirs)
    assert result.held_articles == {A1} and held(ctx) == [A1]
    assert [v[3] for v in history(svc, A1)][-1] == "alice"  # kept until the fetch


def test_a_held_article_still_takes_votes_and_links(ctx: AppContext, svc: ArticleService) -> None:
    apply(ctx, article(A1, [version(1, "VPN drops", "Restart.")]))
    _local_article(svc)
    server = article(
        A1,
        [version(1, "VPN drops", "Restart."), version(2, "VPN drops", "Olga's.")],
        votes=[vote("bob", True)],
        links=[link("T-5", "tunnel")],
    )
    result = apply(ctx, server)
    assert result.held_articles == {A1}
    view = svc.get(A1)
    assert (view.body, view.version) == ("My unsent text.", 2)  # the content stays
    assert (view.helpful_count, view.not_helpful_count) == (1, 0)
    assert svc.solved_tickets(A1) == ["T-5"]
    assert pending_index(ctx)[1] == (("tunnel", A1),)


def _engine(ctx: AppContext, handler: Callable[[httpx.Request], httpx.Response]) -> SyncEngine:
    api = SyncApi("https://desk.example", transport=httpx.MockTransport(handler))
    api.tokens = Tokens("access", "refresh", "alice")
    return SyncEngine(ctx.db, api, ctx.clock, working_set_days=None)


def test_my_pending_vote_is_kept_and_the_others_replaced(
    ctx: AppContext, svc: ArticleService
) -> None:
    apply(ctx, article(A1, [version(1, "VPN drops", "Restart.")], votes=[vote("bob", False)]))
    svc.vote(A1, helpful=True)  # pending
    stale = article(
        A1,
        [version(1, "VPN drops", "Restart.")],
        votes=[vote("alice", False), vote("carol", True)],  # bob withdrew... carol voted
    )
    apply(ctx, stale)
    with ctx.db.read() as s:
        votes = {v.username: v.helpful for v in s.scalars(select(ArticleVoteRow))}
    assert votes == {"alice": True, "carol": True}  # mine kept, bob's gone, carol's in
    view = svc.get(A1)
    assert (view.helpful_count, view.not_helpful_count) == (2, 0)

    with ctx.db.transaction() as s:  # the vote is through: the server's rows are the record
        for row in s.scalars(select(OutboxEntry)):
            row.state = "acknowledged"
    apply(ctx, stale)
    with ctx.db.read() as s:
        votes = {v.username: v.helpful for v in s.scalars(select(ArticleVoteRow))}
    assert votes == {"alice": False, "carol": True}
    assert (svc.get(A1).helpful_count, svc.get(A1).not_helpful_count) == (1, 1)


def test_links_are_a_union(ctx: AppContext, svc: ArticleService) -> None:
    apply(ctx, article(A1, [version(1, "VPN drops", "Restart.")]))
    ticket = ctx.tickets.create(TicketDraft(title="VPN keeps dropping"))
    assert svc.link_solved(A1, ticket.ticket_id, "my search")
    with ctx.db.transaction() as s:
        settings_repo.delete(s, INDEX_PENDING_KEY)
    result = apply(
        ctx,
        article(A1, [version(1, "VPN drops", "Restart.")], links=[link("T-9", "their search")]),
    )
    assert result.articles == {A1}
    assert sorted(svc.solved_tickets(A1)) == sorted([ticket.ticket_id, "T-9"])
    assert pending_index(ctx) == ((), (("their search", A1),))  # only the new link
    with ctx.db.read() as s:
        mine = s.get(ArticleTicketLinkRow, (A1, ticket.ticket_id))
        assert mine is not None and mine.query_text == "my search"


def test_a_link_made_here_too_takes_the_stored_one_once_not_pending(
    ctx: AppContext, svc: ArticleService
) -> None:
    apply(ctx, article(A1, [version(1, "VPN drops", "Restart.")]))
    ticket = ctx.tickets.create(TicketDraft(title="VPN keeps dropping"))
    assert svc.link_solved(A1, ticket.ticket_id, "my search")
    theirs = [link(ticket.ticket_id, "their search")]
    apply(ctx, article(A1, [version(1, "VPN drops", "Restart.")], links=theirs))
    with ctx.db.read() as s:
        mine = s.get(ArticleTicketLinkRow, (A1, ticket.ticket_id))
        assert mine is not None and mine.query_text == "my search"  # its push still waits
    with ctx.db.transaction() as s:
        for row in s.scalars(select(OutboxEntry)):
            row.state = "acknowledged"
    apply(ctx, article(A1, [version(1, "VPN drops", "Restart.")], links=theirs))
    with ctx.db.read() as s:
        stored = s.get(ArticleTicketLinkRow, (A1, ticket.ticket_id))
        assert stored is not None and stored.query_text == "their search"


def test_the_index_catches_up_and_the_list_survives_a_crash(
    tmp_path: Path, embedder: Embedder
) -> None:
    paths = AppPaths.under(tmp_path)
    first = build_context(paths, username="alice")
    apply(
        first,
        article(A1, [version(1, "Printer jam", "Open tray two and pull the paper out.")]),
        article(A2, [version(1, "Mail quota full", "Archive old mail.")], status="draft"),
        article(
            A3,
            [version(1, "VPN drops every hour", "Renew the certificate.")],
            links=[link("T-1", "tunnel disconnects hourly")],
        ),
    )
    first.close()  # "crash": the index never heard of the pull

    again = build_context(paths, username="alice")
    search = KbSearch(":memory:", embedder=embedder)
    try:
        # A2 was published (and indexed) here before; the server says it is a draft now.
        search.add_articles([ArticleService._record(_view_of(again, A2, "Mail quota full"))])
        svc = ArticleService(again.db, search=search, clock=again.clock, user="alice")
        assert pending_index(again) == ((A1, A2, A3), (("tunnel disconnects hourly", A3),))
        assert svc.catch_up_index() == 3
        assert pending_index(again) == ((), ())
        with again.db.read() as s:
            assert settings_repo.get(s, INDEX_PENDING_KEY) is None
        assert [h.article_id for h in search.search("printer paper jam")][:1] == [A1]
        assert A2 not in [h.article_id for h in search.search("mail quota")]
        assert search.index.count() == 2
        # The feedback: the searcher's own words now find the article.
        assert [h.article_id for h in search.search("tunnel disconnects hourly")][:1] == [A3]
        assert svc.catch_up_index() == 0  # nothing left
    finally:
        search.close()
        again.close()


def _view_of(ctx: AppContext, article_id: str, title: str) -> Any:
    view = ArticleService(ctx.db).get(article_id)
    assert view.title == title
    return view


def test_a_failing_index_marks_it_stale(
    ctx: AppContext, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    apply(ctx, article(A1, [version(1, "Printer jam", "Open tray two.")]))
    search = KbSearch(":memory:", embedder=embedder)
    try:
        monkeypatch.setattr(search, "add_articles", _broken)
        svc = ArticleService(ctx.db, search=search, clock=ctx.clock, user="alice")
        assert svc.catch_up_index() == 1
        assert svc.index_stale  # reindex_all repairs it
        assert pending_index(ctx) == ((), ())  # cleared before the index was touched
    finally:
        search.close()


def _broken(*_args: object, **_kw: object) -> int:
    raise RuntimeError("index file gone")


def test_a_malformed_article_rolls_the_whole_page_back(ctx: AppContext) -> None:
    good = article(A1, [version(1, "VPN drops", "Restart.")])
    bad = article(A2, [version(1, "Mail", "Archive.")], status="somewhere")
    with pytest.raises(ValueError):
        apply(ctx, good, bad)
    with ctx.db.read() as s:
        assert articles_repo.get(s, A1) is None
    assert pending_index(ctx) == ((), ())
    no_versions = article(A2, [version(1, "Mail", "Archive.")])
    no_versions["data"]["versions"] = "all of them"
    with pytest.raises(TypeError):
        apply(ctx, good, no_versions)
    with ctx.db.read() as s:
        assert articles_repo.get(s, A1) is None


def test_pulled_conflicts_say_what_they_are_about(ctx: AppContext) -> None:
    def conflict(conflict_id: str, **extra: Any) -> dict[str, Any]:
        data = {
            "ticket_id": A1,
            "mutation_id": "m-1",
            "field": "title",
            "base": "a",
            "local": "b",
            "server": "c",
            "rule": "server_kept",
            "reason": None,
            "created_at": iso(0),
            "resolved_at": None,
            "resolution": None,
            **extra,
        }
        return {"entity": "conflict", "id": conflict_id, "server_seq": 3, "data": data}

    apply(ctx, conflict("c-1", entity="article"), conflict("c-2"), conflict("c-3", entity="x"))
    with ctx.db.read() as s:
        found = {c.id: c.entity for c in s.scalars(select(Conflict))}
    assert found == {"c-1": "article", "c-2": "ticket", "c-3": "ticket"}


# ---- a first sync takes the whole knowledge base ---------------------------------------


def _first_sync_server(
    pages: list[list[dict[str, Any]]], seen: list[str], fail_at: int | None = None
) -> Callable[[httpx.Request], httpx.Response]:
    """Article pages (checkpoint 40 on the first), an empty working set (checkpoint 55),
    and a pull that records where it started."""

    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        seen.append(f"{path.rsplit('/', 1)[-1]}?{request.url.query.decode()}")
        if path.endswith("/sync/articles"):
            after = request.url.params.get("after") or ""
            index = 0 if not after else int(after)
            if index == fail_at:
                return httpx.Response(503, json={"detail": "restarting"})
            first = index == 0
            body = {
                "changes": pages[index],
                "next_after": str(index + 1) if index + 1 < len(pages) else None,
                "more": index + 1 < len(pages),
                "checkpoint": 40 if first else None,
                "total": sum(len(p) for p in pages) if first else None,
            }
            return httpx.Response(200, json=body)
        if path.endswith("/snapshot"):
            body = {"changes": [], "next_after": None, "more": False, "checkpoint": 55, "total": 0}
            return httpx.Response(200, json=body)
        return httpx.Response(
            200, json={"changes": [], "next_cursor": 60, "checkpoint": 60, "more": False}
        )

    return handler


def _bootstrap_engine(
    ctx: AppContext, handler: Callable[[httpx.Request], httpx.Response]
) -> SyncEngine:
    api = SyncApi("https://desk.example", transport=httpx.MockTransport(handler))
    api.tokens = Tokens("access", "refresh", "alice")
    return SyncEngine(ctx.db, api, ctx.clock)  # the working-set download of a new device


def test_a_first_sync_pages_through_the_knowledge_base_first(
    ctx: AppContext, svc: ArticleService
) -> None:
    pages = [
        [article(A1, [version(1, "Printer jam", "Open tray two.")])],
        [article(A2, [version(1, "Mail quota", "Archive.")], status="draft")],
        [article(A3, [version(1, "VPN drops", "Renew.")], status="archived")],
    ]
    seen: list[str] = []
    progress: list[SyncProgress] = []
    report = _bootstrap_engine(ctx, _first_sync_server(pages, seen)).sync_once(progress.append)
    assert [s.split("?")[0] for s in seen] == ["articles"] * 3 + ["snapshot", "pull"]
    assert "after=" not in seen[0] and "after=1" in seen[1]
    # The pull starts at the articles' checkpoint (taken first), not the tickets' 55.
    assert "cursor=40" in seen[-1]
    assert report.articles == 3
    assert {svc.get(a).status for a in (A1, A2, A3)} == {
        ArticleStatus.PUBLISHED,
        ArticleStatus.DRAFT,
        ArticleStatus.ARCHIVED,
    }
    assert [(p.phase, p.done, p.total) for p in progress if p.phase == ARTICLES_PHASE] == [
        (ARTICLES_PHASE, 1, 3),
        (ARTICLES_PHASE, 2, 3),
        (ARTICLES_PHASE, 3, 3),
    ]
    with ctx.db.read() as s:
        assert settings_repo.get(s, ARTICLES_KEY) is None
    assert pending_index(ctx)[0] == (A1, A2, A3)


def test_an_interrupted_knowledge_base_download_resumes(
    ctx: AppContext, svc: ArticleService
) -> None:
    pages = [
        [article(A1, [version(1, "Printer jam", "Open tray two.")])],
        [article(A2, [version(1, "Mail quota", "Archive.")])],
    ]
    seen: list[str] = []
    with pytest.raises(ServerError):  # the server's 503
        _bootstrap_engine(ctx, _first_sync_server(pages, seen, fail_at=1)).sync_once()
    assert svc.get(A1).title == "Printer jam"  # the first page is in
    with ctx.db.read() as s:
        marker = json.loads(settings_repo.get(s, ARTICLES_KEY) or "{}")
        assert s.get(SyncState, SYNC_STATE_ID).cursor == 0  # type: ignore[union-attr]
    assert marker == {"checkpoint": 40, "total": 2, "done": 1, "after": "1", "finished": False}

    seen.clear()
    _bootstrap_engine(ctx, _first_sync_server(pages, seen)).sync_once()
    assert [s.split("?")[0] for s in seen] == ["articles", "snapshot", "pull"]
    assert "after=1" in seen[0]  # resumed, not started over
    assert svc.get(A2).title == "Mail quota"
    assert "cursor=40" in seen[-1]


def test_an_older_server_without_article_sync_still_syncs(ctx: AppContext) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/sync/articles"):
            return httpx.Response(404, json={"detail": "Not Found"})
        return _first_sync_server([[]], [])(request)

    report = _bootstrap_engine(ctx, handler).sync_once()
    assert report.articles == 0
    with ctx.db.read() as s:
        assert s.get(SyncState, SYNC_STATE_ID).cursor == 60  # type: ignore[union-attr]


def test_a_knowledge_base_page_of_other_things_is_refused(ctx: AppContext) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/sync/articles"):
            ticket = {"entity": "ticket", "id": "t-1", "server_seq": 1, "data": {"title": "x"}}
            body = {"changes": [ticket], "next_after": None, "more": False, "checkpoint": 1}
            return httpx.Response(200, json=body)
        return _first_sync_server([[]], [])(request)

    with pytest.raises(NotAnOpExDeskServer):
        _bootstrap_engine(ctx, handler).sync_once()
    with ctx.db.read() as s:
        assert s.get(SyncState, SYNC_STATE_ID).cursor == 0  # type: ignore[union-attr]
