"""Once a database is signed in, the device checks the central store's article role rules
itself (domain/permissions.py): a technician's edit of a published article or a colleague's
draft, and any publish/archive/reopen, are refused at once with the reason and write nothing;
operators, knowledge-base editors (a technician with the edit_articles grant), and a database
never signed in (offline only), are not limited."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from opexdesk.app import AppContext, build_context
from opexdesk.domain.article import ArticleDraft
from opexdesk.domain.errors import ValidationError
from opexdesk.paths import AppPaths
from opexdesk.services.kb.articles import ArticleService
from opexdesk.storage.models import OutboxEntry
from opexdesk.storage.sync_models import SYNC_STATE_ID, SyncState


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = build_context(AppPaths.under(tmp_path), username="tom")
    yield context
    context.close()


def sign_in_as(ctx: AppContext, role: str | None, grants: str | None = None) -> None:
    with ctx.db.transaction() as s:
        state = s.get(SyncState, SYNC_STATE_ID)
        if state is None:
            state = SyncState(id=SYNC_STATE_ID, client_id="c-1", username="tom", cursor=0)
            s.add(state)
        state.role = role
        state.grants = grants


def outbox_rows(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(OutboxEntry)) or 0)


def test_a_technician_is_refused_at_once_and_nothing_is_written(ctx: AppContext) -> None:
    olga = ArticleService(ctx.db, clock=ctx.clock, user="olga")
    tom = ArticleService(ctx.db, clock=ctx.clock, user="tom")
    published = olga.create(ArticleDraft("VPN drops", "Renew the certificate."))
    olga.publish(published.id)
    colleagues = olga.create(ArticleDraft("Printer notes", "Tray two."))
    own = tom.create(ArticleDraft("Badge reader", "Unplug it."))
    sign_in_as(ctx, "technician")
    before = outbox_rows(ctx)

    published_only = "is published; only an operator, an admin or a knowledge-base editor"
    with pytest.raises(ValidationError, match=published_only):
        tom.save(published.id, ArticleDraft("VPN drops", "Reboot."), published.version + 1)
    with pytest.raises(ValidationError, match="belongs to olga"):
        tom.save(colleagues.id, ArticleDraft("Printer notes", "Tray one."), colleagues.version)
    with pytest.raises(ValidationError, match="publish, archive or reopen"):
        tom.publish(own.id)
    with pytest.raises(ValidationError, match="is published"):
        tom.restore(published.id, 1)
    assert outbox_rows(ctx) == before
    assert tom.get(published.id).body == "Renew the certificate."

    saved = tom.save(own.id, ArticleDraft("Badge reader", "Unplug it for ten seconds."), 1)
    assert saved.version == 2 and outbox_rows(ctx) == before + 1  # his own draft: fine


@pytest.mark.parametrize("role", ["operator", "admin", None, "auditor"])
def test_operators_and_unsigned_or_unknown_roles_are_not_limited(
    ctx: AppContext, role: str | None
) -> None:
    olga = ArticleService(ctx.db, clock=ctx.clock, user="olga")
    view = olga.create(ArticleDraft("VPN drops", "Renew the certificate."))
    olga.publish(view.id)
    sign_in_as(ctx, role)  # None: never signed in; "auditor": a newer server's role
    tom = ArticleService(ctx.db, clock=ctx.clock, user="tom")
    assert tom.save(view.id, ArticleDraft("VPN drops", "Reboot."), 1).version == 2
    assert tom.archive(view.id).status == "archived"


def test_a_knowledge_base_editor_edits_and_publishes_any_article(ctx: AppContext) -> None:
    olga = ArticleService(ctx.db, clock=ctx.clock, user="olga")
    tom = ArticleService(ctx.db, clock=ctx.clock, user="tom")
    published = olga.create(ArticleDraft("VPN drops", "Renew the certificate."))
    olga.publish(published.id)
    colleagues = olga.create(ArticleDraft("Printer notes", "Tray two."))
    # A grant this version does not know is no grant: still refused.
    sign_in_as(ctx, "technician", "some_future_right")
    with pytest.raises(ValidationError, match="is published"):
        tom.save(published.id, ArticleDraft("VPN drops", "Reboot."), published.version + 1)

    sign_in_as(ctx, "technician", "edit_articles some_future_right")
    before = outbox_rows(ctx)
    edited = tom.save(published.id, ArticleDraft("VPN drops", "Reboot."), published.version)
    assert edited.version == published.version + 1 and edited.body == "Reboot."
    assert tom.publish(colleagues.id).status == "published"
    assert tom.archive(published.id).status == "archived"
    assert outbox_rows(ctx) == before + 3
