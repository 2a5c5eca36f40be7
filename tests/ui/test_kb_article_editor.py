"""The article editor and list over a real ArticleService (real SQLite store in tmp_path, real
KbSearch index): saving versions, stale-save conflicts, inline validation, publishing into
the search, the unsaved-changes question, and drafting an article from a ticket."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from opexdesk.app import AppContext
from opexdesk.domain.article import ArticleDraft, ArticleStatus
from opexdesk.domain.enums import Status
from opexdesk.domain.ticket import TicketDraft
from opexdesk.services.kb import KbSearch
from opexdesk.services.kb.articles import ArticleService
from opexdesk.ui.kb.article_editor import ArticleEditor
from opexdesk.ui.kb.article_list import ArticleListPanel
from opexdesk.ui.kb.search_panel import KbSearchPanel
from opexdesk.ui.kb.wiring import install_kb
from opexdesk.ui.main_window import MainWindow


def make_editor(qtbot, svc: ArticleService, article_id: str | None = None) -> ArticleEditor:  # noqa: ANN001
    article = svc.get(article_id) if article_id is not None else None
    editor = ArticleEditor(svc, article, preview_delay_ms=10)
    qtbot.addWidget(editor)
    editor.resize(1000, 640)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def vpn_article(svc: ArticleService) -> str:
    draft = ArticleDraft(
        "VPN disconnects every few minutes",
        "## Symptoms\n\nThe VPN drops.\n\n## Resolution\n\nUpdate the client.",
        "Network",
        "vpn, remote",
    )
    return svc.create(draft, "first draft").id


def test_edit_and_save_creates_version_two(qtbot, svc: ArticleService) -> None:
    article_id = vpn_article(svc)
    editor = make_editor(qtbot, svc, article_id)
    assert not editor.is_dirty() and not editor.save_button.isEnabled()
    editor.body_edit.moveCursor(QTextCursor.MoveOperation.End)
    editor.body_edit.setFocus()
    qtbot.keyClick(editor.body_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.body_edit, "Turn off Wi-Fi power saving.")
    editor.note_edit.setText("power saving step")
    assert editor.is_dirty() and editor.caption().endswith("*")
    editor.save_action.trigger()  # Ctrl+S
    stored = svc.get(article_id)
    assert stored.version == 2 and stored.body.endswith("Turn off Wi-Fi power saving.")
    history = svc.history(article_id)
    assert [v.version for v in history] == [2, 1] and history[0].note == "power saving step"
    assert not editor.is_dirty() and editor.expected_version() == 2
    assert "version 2" in editor.status_label.text()
    assert editor.info_label.text() == "Saved as version 2."
    # The preview follows the body (debounced).
    qtbot.waitUntil(lambda: "power saving" in editor.preview.toPlainText())


def test_stale_save_shows_who_changed_it_and_keeps_the_text(
    qtbot, ctx: AppContext, kb: KbSearch, svc: ArticleService
) -> None:
    article_id = vpn_article(svc)
    editor = make_editor(qtbot, svc, article_id)
    bob = ArticleService(ctx.db, search=kb, clock=ctx.clock, user="bob")
    bob.save(article_id, ArticleDraft("VPN disconnects", "Bob's steps.", "Network"), 1)
    mine = "My careful steps.\n1. Reinstall the client."
    editor.body_edit.setPlainText(mine)
    assert not editor.save()
    assert editor.conflict_banner.isVisible()
    text = editor.conflict_label.text()
    assert "changed by bob" in text and "now version 2" in text and "version 1" in text
    assert editor.body_edit.toPlainText() == mine  # nothing lost
    assert svc.get(article_id).body == "Bob's steps." and len(svc.history(article_id)) == 2
    qtbot.waitUntil(editor.keep_button.hasFocus)  # keyboard: Enter/Space picks it

    editor.keep_button.click()
    assert not editor.conflict_banner.isVisible()
    assert editor.body_edit.toPlainText() == mine and editor.expected_version() == 2
    assert editor.save()
    stored = svc.get(article_id)
    assert stored.version == 3 and stored.body == mine.strip()
    assert svc.history(article_id)[1].content.body == "Bob's steps."  # theirs stays


def test_a_save_elsewhere_while_editing_is_announced_and_the_text_kept(
    qtbot, ctx: AppContext, kb: KbSearch, svc: ArticleService
) -> None:
    article_id = vpn_article(svc)
    editor = make_editor(qtbot, svc, article_id)
    editor.refresh_from_store()  # nothing changed elsewhere
    assert editor.info_label.text() == "" and editor.expected_version() == 1
    editor.body_edit.setPlainText("Mine")
    bob = ArticleService(ctx.db, search=kb, clock=ctx.clock, user="bob")
    bob.save(article_id, ArticleDraft("VPN disconnects", "Bob's steps.", "Network"), 1)
    editor.refresh_from_store()  # what the knowledge-base window does on a change notice
    assert editor.info_label.text().startswith("bob saved version 2 while you were editing")
    assert editor.body_edit.toPlainText() == "Mine" and editor.expected_version() == 1
    editor.reload_theirs()
    assert not editor.is_dirty() and editor.expected_version() == 2
    bob.save(article_id, ArticleDraft("VPN disconnects", "Bob again.", "Network"), 2)
    editor.refresh_from_store()  # no unsaved edits: the editor follows the store
    assert editor.body_edit.toPlainText() == "Bob again." and editor.expected_version() == 3


def test_reload_theirs_replaces_the_edit_with_the_stored_version(
    qtbot, ctx: AppContext, kb: KbSearch, svc: ArticleService
) -> None:
    article_id = vpn_article(svc)
    editor = make_editor(qtbot, svc, article_id)
    bob = ArticleService(ctx.db, search=kb, clock=ctx.clock, user="bob")
    bob.save(article_id, ArticleDraft("VPN disconnects", "Bob's steps.", "Network"), 1)
    editor.title_edit.setText("My title")
    assert not editor.save()
    editor.reload_button.click()
    assert not editor.conflict_banner.isVisible()
    assert editor.title_edit.text() == "VPN disconnects"
    assert editor.body_edit.toPlainText() == "Bob's steps."
    assert not editor.is_dirty() and editor.expected_version() == 2


def test_invalid_title_shows_an_inline_error_and_saves_nothing(qtbot, svc: ArticleService) -> None:
    editor = make_editor(qtbot, svc)
    editor.body_edit.setPlainText("Some body")
    editor.language_edit.setText("english!")
    editor.body_edit.setFocus()
    assert not editor.save()
    assert editor.error_label.isVisible()
    lines = editor.error_label.text().splitlines()
    assert lines[0].startswith("Title: The title is empty")
    assert lines[1].startswith("Language: 'english!' is not a language code")
    qtbot.waitUntil(editor.title_edit.hasFocus)  # the first bad field
    assert "border" in editor.title_edit.styleSheet()
    assert "border" in editor.language_edit.styleSheet()
    assert svc.list_articles() == []
    editor.title_edit.setText("x" * 201)
    editor.language_edit.setText("en")
    assert not editor.save()
    assert "201 characters long; the limit is 200" in editor.error_label.text()
    assert svc.list_articles() == []
    editor.title_edit.setText("Printer offline")
    assert editor.save()
    assert not editor.error_label.isVisible() and editor.title_edit.styleSheet() == ""
    assert [a.title for a in svc.list_articles()] == ["Printer offline"]


def test_publish_makes_it_searchable_and_archive_hides_it(
    qtbot, svc: ArticleService, kb: KbSearch
) -> None:
    editor = make_editor(qtbot, svc)
    assert editor.publish_button.isVisible() and not editor.publish_button.isEnabled()
    editor.title_edit.setText("Badge reader rejects the access card")
    editor.category_edit.setText("Facilities")
    editor.tags_edit.setText("Badge, Door")
    editor.body_edit.setPlainText("Hold the card flat for two seconds; re-enrol it at reception.")
    assert editor.save()
    assert editor.tags_edit.text() == "badge, door"  # shown as stored
    panel = KbSearchPanel(kb, svc, delay_ms=0)
    qtbot.addWidget(panel)
    panel.show()

    def hits() -> list[str]:
        panel.search_edit.clear()
        panel.set_query("badge reader card")
        qtbot.waitUntil(lambda: not panel.query.busy(), timeout=10_000)
        return panel.model.article_ids()

    article_id = editor.article_id()
    assert article_id is not None and article_id not in hits()  # a draft is not searchable
    assert editor.publish_button.isEnabled()
    editor.publish_action.trigger()  # Ctrl+Shift+P
    assert svc.get(article_id).status == ArticleStatus.PUBLISHED
    assert hits()[0] == article_id
    assert panel.open_current() and panel.article_view.title_label.text().startswith("Badge")
    assert editor.archive_button.isVisible() and not editor.publish_button.isVisible()
    editor.archive_button.click()
    assert article_id not in hits()
    assert editor.reopen_button.isVisible()
    editor.reopen_button.click()
    assert svc.get(article_id).status == ArticleStatus.DRAFT


def test_status_moves_wait_for_unsaved_edits(qtbot, svc: ArticleService) -> None:
    editor = make_editor(qtbot, svc, vpn_article(svc))
    assert editor.publish_button.isEnabled()
    editor.title_edit.setText("VPN disconnects often")
    assert not editor.publish_button.isEnabled()
    assert not editor.publish()
    assert editor.error_label.text() == "Save your changes first."
    assert svc.list_articles()[0].status == ArticleStatus.DRAFT


def test_closing_with_unsaved_edits_asks(qtbot, svc: ArticleService) -> None:
    article_id = vpn_article(svc)
    editor = make_editor(qtbot, svc, article_id)
    asked: list[str] = []
    answers = iter(["cancel", "discard", "save"])

    def answer(_parent) -> str:  # noqa: ANN001
        asked.append(editor.title_edit.text())
        return next(answers)

    editor.ask_unsaved = answer
    assert editor.confirm_close() and asked == []  # nothing changed: no question
    editor.title_edit.setText("VPN drops")
    assert not editor.confirm_close() and editor.title_edit.text() == "VPN drops"
    assert editor.confirm_close() and svc.get(article_id).version == 1  # discarded
    assert editor.confirm_close() and svc.get(article_id).title == "VPN drops"  # saved
    assert len(asked) == 3


def test_article_list_finds_drafts_by_status(qtbot, svc: ArticleService) -> None:
    draft_id = vpn_article(svc)
    other = svc.create(ArticleDraft("Printer jam", "Open tray 2.")).id
    svc.publish(other)
    panel = ArticleListPanel()
    qtbot.addWidget(panel)
    opened: list[str] = []
    panel.open_requested.connect(opened.append)
    panel.set_service(svc)
    panel.show()
    assert panel.article_ids() == [draft_id]
    assert panel.message_label.text() == "Drafts: 1"
    panel.set_status(ArticleStatus.PUBLISHED)
    assert panel.titles() == ["Printer jam"]
    panel.set_status(ArticleStatus.ARCHIVED)
    assert panel.article_ids() == [] and panel.message_label.text() == "No archived articles."
    panel.set_status(ArticleStatus.DRAFT)
    panel.focus_list()
    qtbot.waitUntil(panel.tree.hasFocus)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert opened == [draft_id]


# ---- the knowledge-base window -----------------------------------------------------------


@pytest.fixture
def window_kb(qtbot, ctx: AppContext, kb: KbSearch, svc: ArticleService):  # noqa: ANN201
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    parts = install_kb(
        win,
        kb,
        svc,
        svc,
        articles=lambda: svc,
        ticket_status=lambda ticket_id: ctx.tickets.get(ticket_id).status,
    )
    win.show()
    qtbot.waitExposed(win)
    yield win, parts
    parts.shutdown()


def resolved_ticket(ctx: AppContext) -> str:
    ticket = ctx.tickets.create(
        TicketDraft(
            title="Outlook keeps asking for the password",
            description="Prompts every few minutes after the password change.",
            category="Email",
            assignee="tester",
        )
    ).ticket_id
    ctx.tickets.transition(ticket, Status.RESOLVED, note="Cleared the cached credential.")
    return ticket


def ticket_menu(win: MainWindow) -> QMenu:
    menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&Ticket")
    assert isinstance(menu, QMenu)
    return menu


def test_create_article_from_a_resolved_ticket(qtbot, ctx: AppContext, window_kb, svc) -> None:  # noqa: ANN001
    win, parts = window_kb
    ticket = resolved_ticket(ctx)
    action = parts.from_ticket_action
    assert action is not None and action in ticket_menu(win).actions()
    parts.update_from_ticket_action()
    assert not action.isEnabled()  # no ticket shown
    win.detail.show_ticket(ticket)
    parts.update_from_ticket_action()
    assert action.isEnabled()
    action.trigger()
    workbench = parts.workbench
    assert workbench is not None and parts.window is not None
    qtbot.waitUntil(lambda: len(workbench.editors()) == 1)
    editor = workbench.editors()[0]
    assert parts.window.tabs.currentWidget() is editor
    assert editor.title_edit.text() == "Outlook keeps asking for the password"
    assert editor.category_edit.text() == "Email"
    body = editor.body_edit.toPlainText()
    assert "## Symptoms\n\nPrompts every few minutes" in body
    assert "## Resolution\n\nCleared the cached credential." in body
    assert editor.is_dirty() and editor.article_id() is None
    assert svc.list_articles() == []  # not saved until the user saves
    editor.tags_edit.setText("outlook, password")
    assert editor.save()
    saved = svc.list_articles()
    assert [(a.title, a.status, a.tags) for a in saved] == [
        (
            "Outlook keeps asking for the password",
            ArticleStatus.DRAFT,
            ("outlook", "password"),
        )
    ]
    qtbot.waitUntil(lambda: workbench.list.article_ids() == [saved[0].id])


def test_create_article_from_an_open_ticket_is_refused(
    qtbot, ctx: AppContext, window_kb, svc
) -> None:  # noqa: ANN001
    win, parts = window_kb
    ticket = ctx.tickets.create(TicketDraft(title="Scanner jams", description="")).ticket_id
    win.detail.show_ticket(ticket)
    parts.update_from_ticket_action()
    action = parts.from_ticket_action
    assert action is not None and not action.isEnabled()
    action.setEnabled(True)  # as after the menu closes: the shortcut explains the refusal
    parts.build_window()
    workbench = parts.workbench
    assert workbench is not None
    messages: list[str] = []
    workbench.inform = lambda _parent, _title, text: messages.append(text)
    action.trigger()
    qtbot.waitUntil(lambda: bool(messages))
    assert (
        "is New; an article can only be drafted from a resolved or closed ticket" in (messages[0])
    )
    assert workbench.editors() == [] and svc.list_articles() == []


def test_kb_window_lists_edits_and_asks_before_closing(
    qtbot, window_kb, svc: ArticleService, artifacts: Path
) -> None:  # noqa: ANN001
    _win, parts = window_kb
    article_id = vpn_article(svc)
    window = parts.open_window()
    workbench = parts.workbench
    assert workbench is not None
    qtbot.waitUntil(lambda: workbench.list.article_ids() == [article_id])
    workbench.show_list()
    window.resize(1100, 500)
    window.grab().save(str(artifacts / "kb_article_list.png"))
    workbench.list.open_current()
    editor = workbench.editor_for(article_id)
    assert editor is not None and window.tabs.currentWidget() is editor
    workbench.list.open_current()  # opening again shows the same tab
    assert len(workbench.editors()) == 1
    editor.body_edit.setPlainText(
        "## Symptoms\n\nThe VPN drops every few minutes on home Wi-Fi.\n\n"
        "## Resolution\n\n1. Update the VPN client.\n2. Turn off **Wi-Fi power saving**.\n"
    )
    editor.note_edit.setText("steps as a list")
    editor.update_preview()
    editor.tags_edit.setText("vpn, remote, wifi")
    qtbot.waitUntil(lambda: window.tabs.tabText(window.tabs.indexOf(editor)).endswith("*"))
    window.resize(1100, 720)
    window.grab().save(str(artifacts / "kb_editor.png"))
    editor.ask_unsaved = lambda _parent: "cancel"
    window.close()
    assert window.isVisible()  # the edit is kept
    editor.ask_unsaved = lambda _parent: "save"
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert svc.get(article_id).version == 2


def test_reader_edit_button_and_list_buttons_open_the_editing_parts(
    qtbot, window_kb, svc: ArticleService, artifacts: Path
) -> None:  # noqa: ANN001
    _win, parts = window_kb
    article = svc.create(ArticleDraft("Printer offline", "Restart the spooler."))
    svc.publish(article.id)
    window = parts.open_window()
    workbench = parts.workbench
    assert workbench is not None
    reader = window.panel.article_view
    qtbot.waitUntil(lambda: workbench.service() is not None)
    reader.show_article(article.id)
    assert reader.edit_button.isVisible() and reader.helpful_button.isVisible()
    reader.helpful_button.click()
    assert svc.get(article.id).helpful_count == 1
    window.resize(1000, 420)
    window.grab().save(str(artifacts / "kb_reader_votes.png"))
    reader.edit_button.click()
    editor = workbench.editor_for(article.id)
    assert editor is not None and window.tabs.currentWidget() is editor
    editor.history_button.click()
    dialog = workbench.histories.get(article.id)
    assert dialog is not None and dialog.isVisible() and dialog.version_numbers() == [1]
    dialog.close()
    assert workbench.close_tab(window.tabs.indexOf(editor))  # no edits: closes at once
    assert workbench.editors() == []
    workbench.show_list()
    workbench.list.set_status(ArticleStatus.PUBLISHED)
    workbench.list.tree.selectAll()
    workbench.list.export_button.click()
    export = workbench.export_dialog
    assert export is not None and export.selected_radio.isChecked()
    assert "(1)" in export.selected_radio.text()
    export.close()
    workbench.list.import_button.click()
    assert workbench.import_dialog is not None and workbench.import_dialog.isVisible()
    workbench.import_dialog.close()
    workbench.list.new_button.click()
    assert len(workbench.editors()) == 1 and workbench.editors()[0].article_id() is None


def test_closing_the_main_window_asks_about_unsaved_articles(
    qtbot, window_kb, svc: ArticleService
) -> None:  # noqa: ANN001
    win, parts = window_kb
    article_id = vpn_article(svc)
    parts.open_window()
    workbench = parts.workbench
    assert workbench is not None
    workbench.open_article(article_id)
    qtbot.waitUntil(lambda: workbench.editor_for(article_id) is not None)
    editor = workbench.editor_for(article_id)
    assert editor is not None
    editor.title_edit.setText("VPN drops at home")
    editor.ask_unsaved = lambda _parent: "cancel"
    win.close()
    assert win.isVisible() and parts.window is not None and parts.window.isVisible()
    assert editor.title_edit.text() == "VPN drops at home"
    editor.ask_unsaved = lambda _parent: "discard"
    win.close()
    qtbot.waitUntil(lambda: not win.isVisible())
    qtbot.waitUntil(lambda: not parts.window.isVisible())
    assert svc.get(article_id).version == 1
