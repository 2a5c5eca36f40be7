"""The article editor disables what the central store would refuse the signed-in user
(domain/permissions.py): a technician sees a published article read-only with the reason,
and publish/archive disabled with it as the tooltip; a knowledge-base editor (the
edit_articles grant) and an operator may do everything; a database never signed in is not
limited. English and Chinese screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from opexdesk.app import AppContext
from opexdesk.domain.article import ArticleDraft
from opexdesk.services.kb.articles import ArticleService
from opexdesk.storage.sync_models import SYNC_STATE_ID, SyncState
from opexdesk.ui.kb.article_editor import ArticleEditor

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def sign_in_as(ctx: AppContext, role: str | None, grants: str | None = None) -> None:
    with ctx.db.transaction() as s:
        state = s.get(SyncState, SYNC_STATE_ID)
        if state is None:
            state = SyncState(id=SYNC_STATE_ID, client_id="c-1", username="tester", cursor=0)
            s.add(state)
        state.role, state.grants = role, grants


def editor_for(qtbot, svc: ArticleService, article_id: str) -> ArticleEditor:  # noqa: ANN001
    editor = ArticleEditor(svc, svc.get(article_id), preview_delay_ms=10)
    qtbot.addWidget(editor)
    editor.resize(1000, 640)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


@pytest.fixture
def published(ctx: AppContext, svc: ArticleService) -> str:
    olga = ArticleService(ctx.db, clock=ctx.clock, user="olga")
    view = olga.create(ArticleDraft("VPN drops every hour", "Renew the certificate.", "Network"))
    olga.publish(view.id)
    return view.id


def test_a_technician_sees_a_published_article_read_only(
    qtbot,
    english: QApplication,
    ctx: AppContext,
    svc: ArticleService,
    published: str,  # noqa: ANN001
) -> None:
    sign_in_as(ctx, "technician")
    editor = editor_for(qtbot, svc, published)
    assert editor.read_only_label.isVisible()
    assert editor.read_only_label.text() == (
        "Read only: The article is published; only an operator, an admin or a "
        "knowledge-base editor can edit it."
    )
    assert editor.title_edit.isReadOnly() and editor.body_edit.isReadOnly()
    assert editor.note_edit.isReadOnly()
    assert not editor.save_button.isEnabled()
    assert not editor.archive_button.isEnabled()
    assert "publish, archive or reopen" in editor.archive_button.toolTip()
    ARTIFACTS.mkdir(exist_ok=True)
    editor.grab().save(str(ARTIFACTS / "article_read_only.png"))

    # His own draft: he writes it, but publishing needs someone who keeps the base.
    own = svc.create(ArticleDraft("Badge reader resets", "Unplug it."))
    draft_editor = editor_for(qtbot, svc, own.id)
    assert not draft_editor.read_only_label.isVisible()
    assert not draft_editor.body_edit.isReadOnly()
    assert not draft_editor.publish_button.isEnabled()
    assert not draft_editor.publish_action.isEnabled()


@pytest.mark.parametrize(
    ("role", "grants"),
    [("technician", "edit_articles"), ("operator", None), (None, None)],
)
def test_editors_operators_and_offline_use_are_not_limited(
    qtbot,  # noqa: ANN001
    english: QApplication,
    ctx: AppContext,
    svc: ArticleService,
    published: str,
    role: str | None,
    grants: str | None,
) -> None:
    sign_in_as(ctx, role, grants)
    editor = editor_for(qtbot, svc, published)
    assert not editor.read_only_label.isVisible() and not editor.body_edit.isReadOnly()
    assert editor.archive_button.isEnabled()
    editor.body_edit.setPlainText("Renew the certificate, then reconnect.")
    assert editor.save() and svc.get(published).version == 2


def test_the_reason_in_chinese(
    qtbot,
    chinese: QApplication,
    ctx: AppContext,
    svc: ArticleService,
    published: str,  # noqa: ANN001
) -> None:
    sign_in_as(ctx, "technician")
    editor = editor_for(qtbot, svc, published)
    assert editor.read_only_label.text().startswith("只读：该文章处于")
    ARTIFACTS.mkdir(exist_ok=True)
    editor.grab().save(str(ARTIFACTS / "article_read_only_zh.png"))
