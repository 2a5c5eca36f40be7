"""Article history (versions, coloured diff, restore) and helpful votes in the reader, over a
real ArticleService (real SQLite store in tmp_path, real KbSearch index)."""

from __future__ import annotations

from pathlib import Path

from opexdesk.app import AppContext
from opexdesk.domain.article import ArticleDraft
from opexdesk.services.kb.articles import ArticleService
from opexdesk.ui.kb.article_editor import ArticleEditor
from opexdesk.ui.kb.article_view import ArticleView
from opexdesk.ui.kb.history_view import LINE_STYLE, HistoryDialog

BODY_1 = "## Steps\n\n1. Restart the VPN client.\n2. Sign in again.\n\nCall the desk if it fails."
BODY_2 = (
    "## Steps\n\n1. Update the VPN client.\n2. Sign in again.\n"
    "3. Turn off Wi-Fi power saving.\n\nCall the desk if it fails."
)


def three_versions(svc: ArticleService) -> str:
    art = svc.create(ArticleDraft("VPN drops", BODY_1, "Network", "vpn"), "first")
    svc.save(art.id, ArticleDraft("VPN drops", BODY_2, "Network", "vpn"), 1, "update step")
    svc.save(art.id, ArticleDraft("VPN drops often", BODY_2, "Network", "vpn, wifi"), 2)
    return art.id


def make_dialog(qtbot, svc: ArticleService, article_id: str) -> HistoryDialog:  # noqa: ANN001
    dialog = HistoryDialog(svc, article_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_versions_are_listed_newest_first_with_author_and_note(qtbot, svc) -> None:  # noqa: ANN001
    article_id = three_versions(svc)
    dialog = make_dialog(qtbot, svc, article_id)
    assert dialog.version_numbers() == [3, 2, 1]
    rows = [[item.text(c) for c in (0, 1, 3)] for item in dialog.items()]
    assert rows == [
        ["3 (current)", "tester", ""],
        ["2", "tester", "update step"],
        ["1", "tester", "first"],
    ]
    # The newest version is selected: what it changed against version 2.
    diff = dialog.shown_diff()
    assert diff is not None and (diff.old_version, diff.new_version) == (2, 3)
    assert set(diff.changed_fields) == {"title", "tags"}
    assert not dialog.restore_button.isEnabled()  # the current version


def test_two_selected_versions_show_a_coloured_diff(qtbot, svc, artifacts: Path) -> None:  # noqa: ANN001
    article_id = three_versions(svc)
    dialog = make_dialog(qtbot, svc, article_id)
    dialog.select_versions(1, 3)
    diff = dialog.shown_diff()
    assert diff is not None and (diff.old_version, diff.new_version) == (1, 3)
    added = [line.text for line in diff.lines if line.kind == "added"]
    removed = [line.text for line in diff.lines if line.kind == "removed"]
    assert "1. Update the VPN client." in added and "3. Turn off Wi-Fi power saving." in added
    assert "1. Restart the VPN client." in removed and "Title: VPN drops" in removed
    assert "Title: VPN drops often" in added
    html = dialog.diff_view.toHtml()
    # Qt keeps the row colours: green for added, red for removed.
    assert LINE_STYLE["added"][0] in html and LINE_STYLE["removed"][0] in html
    assert "Turn off Wi-Fi power saving." in dialog.diff_view.toPlainText()
    assert "changed: title, body, tags" in dialog.summary_label.text()
    assert not dialog.restore_button.isEnabled()  # two selected: compare only
    dialog.resize(1000, 560)
    dialog.grab().save(str(artifacts / "kb_history_diff.png"))


def test_far_apart_changes_show_a_gap(qtbot, svc) -> None:  # noqa: ANN001
    lines = [f"Line {i}" for i in range(1, 30)]
    art = svc.create(ArticleDraft("Long", "\n".join(lines)))
    changed = ["First line"] + lines[1:-1] + ["Last line"]
    svc.save(art.id, ArticleDraft("Long", "\n".join(changed)), 1)
    dialog = make_dialog(qtbot, svc, art.id)
    diff = dialog.shown_diff()
    assert diff is not None
    kinds = [line.kind for line in diff.lines]
    assert "gap" in kinds and kinds.count("added") == 2 and kinds.count("removed") == 2
    assert "unchanged lines not shown" in dialog.diff_view.toPlainText()


def test_restore_asks_then_makes_a_new_version(qtbot, svc) -> None:  # noqa: ANN001
    article_id = three_versions(svc)
    dialog = make_dialog(qtbot, svc, article_id)
    editor = ArticleEditor(svc, svc.get(article_id))
    qtbot.addWidget(editor)
    dialog.restored.connect(lambda _aid: editor.refresh_from_store())
    asked: list[tuple[int, int]] = []
    answers = iter([False, True])

    def confirm(_parent, number: int, current: int) -> bool:  # noqa: ANN001
        asked.append((number, current))
        return next(answers)

    dialog.confirm_restore = confirm
    dialog.select_versions(1)
    assert dialog.restore_button.isEnabled()
    assert not dialog.restore_selected()  # declined: nothing written
    assert svc.get(article_id).version == 3
    with qtbot.waitSignal(dialog.restored):
        dialog.restore_button.click()
    assert asked == [(1, 3), (1, 3)]
    stored = svc.get(article_id)
    assert stored.version == 4 and stored.body == BODY_1 and stored.title == "VPN drops"
    assert dialog.version_numbers() == [4, 3, 2, 1]
    assert svc.history(article_id)[0].note == "Restored from version 1"
    assert dialog.message_label.text() == "Version 1 restored as version 4."
    # The open editor (no unsaved edits) follows the restore.
    assert editor.expected_version() == 4 and editor.body_edit.toPlainText() == BODY_1


def test_restore_refused_when_someone_saved_meanwhile(qtbot, ctx: AppContext, kb, svc) -> None:  # noqa: ANN001
    article_id = three_versions(svc)
    dialog = make_dialog(qtbot, svc, article_id)
    dialog.confirm_restore = lambda *_args: True
    bob = ArticleService(ctx.db, search=kb, clock=ctx.clock, user="bob")
    bob.save(article_id, ArticleDraft("VPN drops often", "Bob's text"), 3)
    dialog.select_versions(1)
    assert not dialog.restore_selected()
    assert "changed by bob" in dialog.message_label.text()
    assert svc.get(article_id).version == 4 and svc.get(article_id).body == "Bob's text"


def test_editor_history_button_asks_for_the_history(qtbot, svc) -> None:  # noqa: ANN001
    article_id = three_versions(svc)
    editor = ArticleEditor(svc, svc.get(article_id))
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.history_requested) as asked:
        editor.history_action.trigger()  # Ctrl+H
    assert asked.args == [article_id]
    new = ArticleEditor(svc)
    qtbot.addWidget(new)
    assert not new.history_button.isEnabled()  # nothing saved yet: no history


def test_votes_update_the_counts(qtbot, ctx: AppContext, kb, svc) -> None:  # noqa: ANN001
    art = svc.create(ArticleDraft("Printer offline", "Restart the spooler."))
    svc.publish(art.id)
    view = ArticleView(svc)
    qtbot.addWidget(view)
    view.show()
    view.show_article(art.id)
    assert not view.helpful_button.isVisible()  # no voter: no vote buttons
    view.set_voter(svc)
    assert view.helpful_button.isVisible()
    assert view.helpful_button.text() == "Helpful (0)"
    assert view.not_helpful_button.text() == "Not helpful (0)"
    view.helpful_button.click()
    assert view.helpful_button.text() == "✓ Helpful (1)"
    assert svc.get(art.id).helpful_count == 1
    view.helpful_button.click()  # the same vote again is not counted twice
    assert svc.get(art.id).helpful_count == 1
    view.not_helpful_button.click()  # changing the vote moves it
    assert view.helpful_button.text() == "Helpful (0)"
    assert view.not_helpful_button.text() == "✓ Not helpful (1)"
    bob = ArticleService(ctx.db, search=kb, clock=ctx.clock, user="bob")
    bob.vote(art.id, True)
    view.show_article(art.id)  # read again: bob's vote counts, the mark stays on ours
    assert view.helpful_button.text() == "Helpful (1)"
    assert view.not_helpful_button.text() == "✓ Not helpful (1)"


def test_vote_on_a_draft_is_refused_with_the_reason(qtbot, svc) -> None:  # noqa: ANN001
    art = svc.create(ArticleDraft("Draft only", "Not yet."))
    view = ArticleView(svc)
    qtbot.addWidget(view)
    view.set_voter(svc)
    view.show_article(art.id)
    assert not view.vote(True)
    assert view.state_label.text() == "Only a published article can be rated."
    assert svc.get(art.id).helpful_count == 0
