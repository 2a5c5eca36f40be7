"""Conflicts about knowledge-base articles (docs/sync_articles.md): pulled with their
``entity``, listed with the article's title and current value, and resolved in one local
transaction: "local"/"custom" write the chosen value as a new version under the article
rules plus ONE ``conflict/resolve`` outbox row; "server" only marks it resolved. The client
revision 0008 gives every conflict record made before the entity "ticket"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from opexdesk.app import AppContext, build_context
from opexdesk.domain.article import ArticleDraft
from opexdesk.domain.errors import ValidationError
from opexdesk.paths import AppPaths
from opexdesk.services.conflicts import ConflictService
from opexdesk.services.events import ChangeNotifier
from opexdesk.services.kb import ArticleService, Embedder, KbSearch
from opexdesk.services.kb.articles import RESOLVED_NOTE
from opexdesk.services.sync.pull_apply import apply_page
from opexdesk.storage import articles_repo
from opexdesk.storage.database import (
    SCHEMA_HEAD,
    create_sqlite_engine,
    current_revision,
    head_revision,
    migrate,
    open_database,
    schema_differences,
)
from opexdesk.storage.models import OutboxEntry
from opexdesk.storage.sync_models import Conflict

WHEN = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = build_context(AppPaths.under(tmp_path), username="oscar")
    yield context
    context.close()


@pytest.fixture
def svc(ctx: AppContext) -> ArticleService:
    return ArticleService(ctx.db, clock=ctx.clock, user="oscar")


def outbox(ctx: AppContext) -> list[tuple[str, str, str, dict[str, Any]]]:
    with ctx.db.read() as s:
        return [
            (r.entity, r.entity_id, r.op, r.changes)
            for r in s.scalars(select(OutboxEntry).order_by(OutboxEntry.client_seq))
        ]


def pulled_conflict(ctx: AppContext, article_id: str, field: str | None, **kw: Any) -> str:
    """A conflict record as a pull brings it (entity "article", the article's id in
    ticket_id); the outbox is emptied first (what came before was sent)."""
    conflict_id = kw.pop("conflict_id", "c-1")
    data = {
        "entity": "article",
        "ticket_id": article_id,
        "mutation_id": "m-1",
        "field": field,
        "base": kw.pop("base", None),
        "local": kw.pop("local", None),
        "server": kw.pop("server", None),
        "rule": kw.pop("rule", "server_kept"),
        "reason": None,
        "created_at": WHEN.isoformat(),
        "resolved_at": None,
        "resolution": None,
    }
    with ctx.db.transaction() as s:
        for row in s.scalars(select(OutboxEntry)):
            s.delete(row)
        apply_page(s, [{"entity": "conflict", "id": conflict_id, "server_seq": 4, "data": data}])
    return conflict_id


@pytest.fixture
def article_id(svc: ArticleService) -> str:
    view = svc.create(ArticleDraft("Printer jam (tray 2)", "Open tray two.", "Hardware"))
    svc.publish(view.id)
    return view.id


def conflict_row(ctx: AppContext, conflict_id: str) -> tuple[Any, Any]:
    with ctx.db.read() as s:
        row = s.get(Conflict, conflict_id)
        assert row is not None
        return row.resolved_at, row.resolution


def test_an_article_conflict_is_listed_with_the_article(ctx: AppContext, article_id: str) -> None:
    pulled_conflict(
        ctx,
        article_id,
        "title",
        base="Printer jam",
        local="Paper jam",
        server="Printer jam (tray 2)",
    )
    [item] = ctx.sync.conflicts.open_conflicts()
    assert item.entity == "article" and item.ticket_id == article_id
    assert (item.ticket_title, item.field, item.field_label) == (
        "Printer jam (tray 2)",
        "title",
        "Title",
    )
    assert (item.local, item.current, item.can_use_mine) == (
        "Paper jam",
        "Printer jam (tray 2)",
        True,
    )


def test_use_mine_writes_a_new_version_and_one_resolve_row(
    ctx: AppContext, svc: ArticleService, article_id: str
) -> None:
    conflict_id = pulled_conflict(
        ctx,
        article_id,
        "title",
        base="Printer jam",
        local="Paper jam",
        server="Printer jam (tray 2)",
    )
    before = svc.get(article_id)
    ctx.sync.conflicts.resolve(conflict_id, "local")

    after = svc.get(article_id)
    assert (after.title, after.version) == ("Paper jam", before.version + 1)
    assert svc.history(article_id)[0].note == RESOLVED_NOTE
    assert outbox(ctx) == [
        (
            "conflict",
            conflict_id,
            "resolve",
            {
                "choice": "local",
                "ticket_id": article_id,
                "field": "title",
                "base": "Printer jam (tray 2)",
                "new": "Paper jam",
            },
        )
    ]
    resolved_at, resolution = conflict_row(ctx, conflict_id)
    assert resolved_at is not None and resolution == "local"
    assert ctx.sync.conflicts.open_count() == 0
    # No index here (the app's conflicts service has none): the index catches up later.
    with ctx.db.read() as s:
        assert articles_repo.index_pending(s).articles == (article_id,)


def test_a_custom_value_is_cleaned_by_the_article_rules(
    ctx: AppContext, svc: ArticleService, article_id: str
) -> None:
    conflict_id = pulled_conflict(
        ctx, article_id, "tags", base=[], local=["printer"], server=["paper"]
    )
    ctx.sync.conflicts.resolve(conflict_id, "custom", " Printer, PAPER ,printer")
    assert svc.get(article_id).tags == ("printer", "paper")
    [row] = outbox(ctx)
    assert row[3] == {
        "choice": "custom",
        "ticket_id": article_id,
        "field": "tags",
        "base": [],
        "new": ["printer", "paper"],
    }


def test_a_refused_value_changes_nothing(
    ctx: AppContext, svc: ArticleService, article_id: str
) -> None:
    conflict_id = pulled_conflict(ctx, article_id, "title", local="Paper jam")
    before = svc.get(article_id)
    with pytest.raises(ValidationError) as refused:
        ctx.sync.conflicts.resolve(conflict_id, "custom", "   ")
    assert refused.value.field == "title"
    assert svc.get(article_id) == before
    assert outbox(ctx) == []
    assert conflict_row(ctx, conflict_id) == (None, None)


def test_keep_the_servers_only_marks_it_resolved(
    ctx: AppContext, svc: ArticleService, article_id: str
) -> None:
    conflict_id = pulled_conflict(ctx, article_id, "body", local="Mine.", server="Open tray two.")
    before = svc.get(article_id)
    ctx.sync.conflicts.resolve(conflict_id, "server")
    assert svc.get(article_id) == before
    assert outbox(ctx) == [
        ("conflict", conflict_id, "resolve", {"choice": "server", "ticket_id": article_id})
    ]
    assert conflict_row(ctx, conflict_id)[1] == "server"


def test_a_refused_whole_save_can_only_be_dismissed(ctx: AppContext, article_id: str) -> None:
    """A technician's save of a published article: ONE conflict row with the whole change
    (field None, rule permission); "use mine" cannot apply it, dismissing can."""
    changes = {"fields": {"body": {"base": "Open tray two.", "new": "Mine."}}, "note": ""}
    conflict_id = pulled_conflict(ctx, article_id, None, local=changes, rule="permission")
    [item] = ctx.sync.conflicts.open_conflicts()
    assert not item.can_use_mine and item.field_label == "Change"
    with pytest.raises(ValidationError):
        ctx.sync.conflicts.resolve(conflict_id, "local")
    assert outbox(ctx) == []
    ctx.sync.conflicts.resolve(conflict_id, "server")
    assert conflict_row(ctx, conflict_id)[1] == "server"


def test_an_unsent_resolution_survives_a_pull(
    ctx: AppContext, svc: ArticleService, article_id: str
) -> None:
    conflict_id = pulled_conflict(
        ctx, article_id, "title", local="Paper jam", server="Printer jam (tray 2)"
    )
    ctx.sync.conflicts.resolve(conflict_id, "local")
    stored = svc.get(article_id)
    version = {
        "version": 1,
        "title": "Printer jam (tray 2)",
        "body": "Open tray two.",
        "category": "Hardware",
        "tags": [],
        "language": "en",
        "author": "oscar",
        "saved_at": WHEN.isoformat(),
        "note": "Created",
    }
    server = {
        **{k: version[k] for k in ("title", "body", "category", "tags", "language")},
        "id": article_id,
        "author": "oscar",
        "updated_by": "oscar",
        "status": "published",
        "version": 1,
        "created_at": WHEN.isoformat(),
        "updated_at": WHEN.isoformat(),
        "versions": [version],
        "votes": [],
        "links": [],
    }
    with ctx.db.transaction() as s:
        result = apply_page(s, [{"entity": "article", "id": article_id, "data": server}])
    assert result.held_articles == {article_id}
    assert svc.get(article_id) == stored  # "use mine" is on its way: kept


def test_with_an_index_the_resolution_reaches_it_at_once(
    ctx: AppContext, svc: ArticleService, article_id: str
) -> None:
    search = KbSearch(":memory:", embedder=Embedder())
    try:
        indexed = ArticleService(ctx.db, search=search, clock=ctx.clock, user="oscar")
        indexed.reindex_all()
        conflicts = ConflictService(ctx.db, ChangeNotifier(), "oscar", articles=indexed)
        conflict_id = pulled_conflict(ctx, article_id, "body", local="Replace the fuser unit.")
        conflicts.resolve(conflict_id, "local")
        assert [h.article_id for h in search.search("fuser unit")][:1] == [article_id]
        with ctx.db.read() as s:
            assert not articles_repo.index_pending(s)
    finally:
        search.close()


def test_conflict_records_made_before_are_about_tickets(tmp_path: Path) -> None:
    path = tmp_path / "client.sqlite3"
    engine = create_sqlite_engine(path)
    migrate(engine, "0007")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO conflicts (id, ticket_id, mutation_id, field, local, rule,"
                " created_at, server_seq) VALUES ('c-1', 'T-1', 'm-1', 'title', '\"x\"',"
                " 'server_kept', '2026-12-01 10:00:00.000000', 7)"
            )
        )
    engine.dispose()
    db = open_database(path)
    try:
        assert current_revision(db.engine) == head_revision() == SCHEMA_HEAD
        with db.engine.connect() as conn:
            assert schema_differences(conn) == []
        [item] = ConflictService(db, ChangeNotifier(), "alice").open_conflicts()
        assert (item.id, item.entity) == ("c-1", "ticket")
    finally:
        db.close()
