"""Every knowledge-base article action writes exactly ONE outbox row (entity ``article``) in
the same transaction as the change, with the payload of docs/sync_articles.md; an action that
fails writes none, an import writes one row per article (create, or save then move), and the
ticket outbox goes on as before. Real SQLite databases (built like the app builds them)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from opexdesk.app import AppContext, build_context
from opexdesk.domain.article import (
    ArticleConflictError,
    ArticleContent,
    ArticleDraft,
    ArticleImportError,
    ArticleStatus,
)
from opexdesk.domain.errors import DomainError, NotFoundError, TransitionError, ValidationError
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.kb import articles as articles_module
from opexdesk.services.kb.articles import ArticleService, ImportItem
from opexdesk.storage import articles_repo
from opexdesk.storage.kb_models import ArticleRow, ArticleVersionRow
from opexdesk.storage.models import OutboxEntry


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = build_context(AppPaths.under(tmp_path), username="alice")
    yield context
    context.close()


@pytest.fixture
def svc(ctx: AppContext) -> ArticleService:
    return ArticleService(ctx.db, clock=ctx.clock, user="alice")


@dataclass(frozen=True)
class Row:
    client_seq: int
    entity: str
    entity_id: str
    op: str
    changes: dict[str, Any]
    state: str
    created_at: datetime


def rows(ctx: AppContext) -> list[Row]:
    with ctx.db.read() as s:
        return [
            Row(r.client_seq, r.entity, r.entity_id, r.op, r.changes, r.state, r.created_at)
            for r in s.scalars(select(OutboxEntry).order_by(OutboxEntry.client_seq))
        ]


def article_rows(ctx: AppContext) -> list[tuple[str, str, dict[str, Any]]]:
    return [(r.entity_id, r.op, r.changes) for r in rows(ctx) if r.entity == "article"]


def published(svc: ArticleService, title: str = "VPN drops") -> str:
    view = svc.create(ArticleDraft(title, "Restart the client."))
    svc.publish(view.id)
    return view.id


def test_create_sends_the_whole_draft(ctx: AppContext, svc: ArticleService) -> None:
    view = svc.create(
        ArticleDraft("VPN drops", " Restart the client. ", "Network", "VPN, Remote", "EN"),
        note="first cut",
    )
    [row] = rows(ctx)
    assert (row.entity, row.entity_id, row.op, row.state) == (
        "article",
        view.id,
        "create",
        "pending",
    )
    assert row.changes == {
        "title": "VPN drops",
        "body": "Restart the client.",
        "category": "Network",
        "tags": ["vpn", "remote"],
        "language": "en",
        "status": "draft",
        "author": "alice",
        "note": "first cut",
    }
    assert row.created_at == view.created_at
    plain = svc.create(ArticleDraft("Printer jam"))
    assert article_rows(ctx)[-1][2]["note"] == "Created"  # the version's own note
    assert article_rows(ctx)[-1][0] == plain.id


def test_save_sends_only_the_changed_fields_with_their_base(
    ctx: AppContext, svc: ArticleService
) -> None:
    view = svc.create(ArticleDraft("VPN drops", "Restart the client.", "Network", ("vpn",)))
    saved = svc.save(
        view.id,
        ArticleDraft("VPN drops hourly", "Restart the client.", "Network", ("vpn", "cert")),
        view.version,
        note="more detail",
    )
    assert saved.version == 2
    assert article_rows(ctx)[1] == (
        view.id,
        "save",
        {
            "fields": {
                "title": {"base": "VPN drops", "new": "VPN drops hourly"},
                "tags": {"base": ["vpn"], "new": ["vpn", "cert"]},
            },
            "note": "more detail",
        },
    )
    # Saving the same content again is no action: no version, no row.
    svc.save(
        view.id,
        ArticleDraft("VPN drops hourly", "Restart the client.", "Network", ("vpn", "cert")),
        saved.version,
    )
    assert len(article_rows(ctx)) == 2


def test_restore_is_a_save_back_to_the_old_content(ctx: AppContext, svc: ArticleService) -> None:
    view = svc.create(ArticleDraft("VPN drops", "Old text."))
    svc.save(view.id, ArticleDraft("VPN drops", "New text."), view.version)
    svc.restore(view.id, 1)
    assert article_rows(ctx)[-1] == (
        view.id,
        "save",
        {
            "fields": {"body": {"base": "New text.", "new": "Old text."}},
            "note": "Restored from version 1",
        },
    )


def test_life_cycle_moves(ctx: AppContext, svc: ArticleService) -> None:
    view = svc.create(ArticleDraft("VPN drops"))
    svc.publish(view.id)
    svc.archive(view.id)
    svc.reopen(view.id)
    assert [r[1:] for r in article_rows(ctx)[1:]] == [
        ("move", {"from": "draft", "to": "published"}),
        ("move", {"from": "published", "to": "archived"}),
        ("move", {"from": "archived", "to": "draft"}),
    ]


def test_votes_and_links(ctx: AppContext, svc: ArticleService) -> None:
    article_id = published(svc)
    svc.vote(article_id, helpful=True)
    svc.vote(article_id, helpful=False)  # changing the vote is an action too
    ticket = ctx.tickets.create(TicketDraft(title="VPN keeps dropping", description="Since 9."))
    assert svc.link_solved(article_id, ticket.ticket_id, "  vpn hourly  ")
    assert not svc.link_solved(article_id, ticket.ticket_id)  # already linked: no action
    other = ctx.tickets.create(TicketDraft(title="VPN again", description="Home office."))
    assert svc.link_solved(article_id, other.ticket_id)
    assert [r[1:] for r in article_rows(ctx)[2:]] == [
        ("vote", {"helpful": True}),
        ("vote", {"helpful": False}),
        ("link", {"ticket_id": ticket.ticket_id, "query_text": "vpn hourly"}),
        ("link", {"ticket_id": other.ticket_id, "query_text": "VPN again\nHome office."}),
    ]


def test_a_refused_action_writes_no_row(ctx: AppContext, svc: ArticleService) -> None:
    view = svc.create(ArticleDraft("VPN drops"))
    before = rows(ctx)
    with pytest.raises(ValidationError):
        svc.create(ArticleDraft("   "))
    with pytest.raises(ArticleConflictError):
        svc.save(view.id, ArticleDraft("Other title"), expected_version=7)
    with pytest.raises(TransitionError):
        svc.archive(view.id)  # a draft is published first
    with pytest.raises(DomainError):
        svc.vote(view.id, helpful=True)  # only a published article is rated
    with pytest.raises(DomainError):
        svc.restore(view.id, 1)  # the same as the current version
    with pytest.raises(NotFoundError):
        svc.publish("no-such-article")
    svc.publish(view.id)
    with pytest.raises(NotFoundError):
        svc.link_solved(view.id, "no-such-ticket")
    assert [(r.op, r.entity_id) for r in rows(ctx)] == [(r.op, r.entity_id) for r in before] + [
        ("move", view.id)
    ]


def test_the_row_and_the_change_commit_together(
    ctx: AppContext, svc: ArticleService, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = svc.create(ArticleDraft("VPN drops", "Old text."))

    def broken(*_args: object) -> None:
        raise RuntimeError("disk full")

    # The change fails after its outbox row was added: the row goes too.
    with monkeypatch.context() as patch:
        patch.setattr(articles_repo, "set_tags", broken)
        with pytest.raises(RuntimeError):
            svc.save(view.id, ArticleDraft("VPN drops", "New text."), view.version)
    # The outbox row cannot be written: the change does not happen either.
    with monkeypatch.context() as patch:
        patch.setattr(articles_module, "record_outbox", broken)
        with pytest.raises(RuntimeError):
            svc.save(view.id, ArticleDraft("VPN drops", "New text."), view.version)
        with pytest.raises(RuntimeError):
            svc.create(ArticleDraft("Printer jam"))
        with pytest.raises(RuntimeError):
            svc.publish(view.id)
    assert [r.op for r in rows(ctx)] == ["create"]
    with ctx.db.read() as s:
        assert [a.id for a in s.scalars(select(ArticleRow))] == [view.id]
        assert len(list(s.scalars(select(ArticleVersionRow)))) == 1
    assert svc.get(view.id).body == "Old text."
    assert svc.get(view.id).status == ArticleStatus.DRAFT


def _item(source: str, article_id: str | None, title: str, body: str, **kw: Any) -> ImportItem:
    content = ArticleContent(title, body, kw.pop("category", ""), kw.pop("tags", ()), "en")
    return ImportItem(
        source=source,
        article_id=article_id,
        content=content,
        status=kw.pop("status", None),
        author=kw.pop("author", None),
        base_version=kw.pop("base_version", None),
    )


def test_an_import_writes_create_or_save_then_move_per_article(
    ctx: AppContext, svc: ArticleService
) -> None:
    known = svc.create(ArticleDraft("VPN drops", "Old text."))
    same = svc.create(ArticleDraft("Printer jam", "Open tray 2."))
    moved = svc.create(ArticleDraft("Mail quota", "Archive old mail."))
    new_id = "0193a3c4-1111-7000-8000-000000000001"
    outcome = svc.apply_import(
        [
            _item(
                "new.md",
                new_id,
                "Wi-Fi drops",
                "Forget the network.",
                author="olga",
                status=ArticleStatus.PUBLISHED,
                tags=("wifi",),
            ),
            _item("vpn.md", known.id, "VPN drops", "New text.", status=ArticleStatus.PUBLISHED),
            _item("printer.md", same.id, "Printer jam", "Open tray 2."),
            _item(
                "mail.md",
                moved.id,
                "Mail quota",
                "Archive old mail.",
                status=ArticleStatus.PUBLISHED,
            ),
            _item("fresh.md", None, "Disk full", "Empty the recycle bin."),
        ]
    )
    assert (outcome.created, outcome.updated, outcome.unchanged) == (2, 2, 1)
    written = article_rows(ctx)[3:]
    assert [(a, op) for a, op, _ in written] == [
        (new_id, "create"),
        (known.id, "save"),
        (known.id, "move"),
        (moved.id, "move"),
        (written[4][0], "create"),
    ]
    assert written[0][2] == {
        "title": "Wi-Fi drops",
        "body": "Forget the network.",
        "category": "",
        "tags": ["wifi"],
        "language": "en",
        "status": "published",  # as the import says
        "author": "olga",
        "note": "Imported from new.md",
    }
    assert written[1][2] == {
        "fields": {"body": {"base": "Old text.", "new": "New text."}},
        "note": "Imported from vpn.md",
    }
    assert written[2][2] == {"from": "draft", "to": "published"}
    assert written[4][2]["status"] == "draft" and written[4][2]["author"] == "alice"


def test_a_refused_import_writes_nothing(ctx: AppContext, svc: ArticleService) -> None:
    view = svc.create(ArticleDraft("VPN drops", "Old text."))
    with pytest.raises(ArticleImportError):
        svc.apply_import(
            [
                _item("ok.md", None, "Disk full", "Empty the recycle bin."),
                _item("bad.md", view.id, "VPN drops", "x", status=ArticleStatus.ARCHIVED),
            ]
        )
    assert [r.op for r in rows(ctx)] == ["create"]


def test_the_ticket_outbox_still_works_beside_articles(
    ctx: AppContext, svc: ArticleService
) -> None:
    first = ctx.tickets.create(TicketDraft(title="Printer on fire"))
    article = svc.create(ArticleDraft("Printer on fire", "Call facilities."))
    ctx.tickets.update(first.ticket_id, {"title": "Printer smoking"})
    written = rows(ctx)
    assert [(r.entity, r.op) for r in written] == [
        ("ticket", "create"),
        ("article", "create"),
        ("ticket", "update"),
    ]
    assert written[1].entity_id == article.id
    assert written[2].changes == {"title": {"base": "Printer on fire", "new": "Printer smoking"}}
    seqs = [r.client_seq for r in written]
    assert seqs == sorted(seqs) and len(set(seqs)) == 3
