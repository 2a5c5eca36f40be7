"""The conflicts view shows knowledge-base article conflicts (docs/sync_articles.md): the
article's title, article field names, tags as a list, a technician's whole refused edit
readable, and one click to keep mine; in English and Chinese."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from opexdesk.app import AppContext
from opexdesk.domain.article import ArticleDraft
from opexdesk.services.kb.articles import ArticleService
from opexdesk.services.sync.pull_apply import apply_page
from opexdesk.storage.models import OutboxEntry
from opexdesk.ui.sync.conflicts_view import ConflictsDialog

WHEN = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def pulled(
    ctx: AppContext, conflict_id: str, article_id: str, field: str | None, **kw: Any
) -> None:
    data = {
        "entity": "article",
        "ticket_id": article_id,
        "mutation_id": f"m-{conflict_id}",
        "field": field,
        "base": kw.get("base"),
        "local": kw.get("local"),
        "server": kw.get("server"),
        "rule": kw.get("rule", "server_kept"),
        "reason": None,
        "created_at": WHEN.isoformat(),
        "resolved_at": None,
        "resolution": None,
    }
    with ctx.db.transaction() as s:
        for row in s.scalars(select(OutboxEntry)):
            s.delete(row)  # what came before was sent
        apply_page(s, [{"entity": "conflict", "id": conflict_id, "server_seq": 4, "data": data}])


def scenario(ctx: AppContext) -> str:
    kb = ArticleService(ctx.db, clock=ctx.clock, user=ctx.tickets.actor.username)
    view = kb.create(
        ArticleDraft("Printer jam (tray 2)", "Open tray two.", "Hardware", ("printer", "tray"))
    )
    kb.publish(view.id)
    pulled(
        ctx,
        "c-1",
        view.id,
        "title",
        base="Printer jam",
        local="Paper jam",
        server="Printer jam (tray 2)",
    )
    pulled(
        ctx,
        "c-2",
        view.id,
        "tags",
        base=["printer"],
        local=["printer", "jam"],
        server=["printer", "tray"],
    )
    refused = {"fields": {"body": {"base": "Open tray two.", "new": "Open tray two, then reboot."}}}
    pulled(ctx, "c-3", view.id, None, local=refused, rule="permission")
    return view.id


def open_view(qtbot, ctx: AppContext) -> ConflictsDialog:  # noqa: ANN001
    dialog = ConflictsDialog(ctx.sync.conflicts)
    qtbot.addWidget(dialog)
    dialog.resize(900, 560)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_article_conflicts_in_english_and_keep_mine(qtbot, ctx, english, artifacts: Path) -> None:  # noqa: ANN001
    article_id = scenario(ctx)
    dialog = open_view(qtbot, ctx)
    rows = [dialog.list.item(r).text() for r in range(dialog.list.count())]
    assert rows == [
        "Article · Title\nPrinter jam (tray 2)",
        "Article · Tags\nPrinter jam (tray 2)",
        "Article · Change\nPrinter jam (tray 2)",
    ]
    dialog.list.setCurrentRow(1)
    assert (dialog.yours.toPlainText(), dialog.theirs.toPlainText()) == (
        "printer, jam",
        "printer, tray",
    )
    dialog.list.setCurrentRow(2)
    assert dialog.yours.toPlainText() == "Article text:\nOpen tray two, then reboot."
    assert dialog.theirs.toPlainText() == "Article text:\nOpen tray two."  # stored now
    assert not dialog.mine_button.isEnabled()  # a refused whole edit can only be dismissed
    dialog.list.setCurrentRow(0)
    assert (dialog.yours.toPlainText(), dialog.theirs.toPlainText()) == (
        "Paper jam",
        "Printer jam (tray 2)",
    )
    dialog.grab().save(str(artifacts / "article_conflict.png"))
    dialog.mine_button.click()
    assert dialog.count() == 2
    assert "Article Title: your value is used" in dialog.done_label.text()
    kb = ArticleService(ctx.db, clock=ctx.clock)
    assert kb.get(article_id).title == "Paper jam"


def test_article_conflicts_in_chinese(qtbot, ctx, chinese, artifacts: Path) -> None:  # noqa: ANN001
    scenario(ctx)
    dialog = open_view(qtbot, ctx)
    first = dialog.list.item(0).text()
    assert "Article" not in first and "Title" not in first
    dialog.list.setCurrentRow(2)
    assert "Article text" not in dialog.yours.toPlainText()
    dialog.grab().save(str(artifacts / "article_conflict_zh.png"))
