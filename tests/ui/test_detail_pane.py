"""The ticket detail pane against a real store: edits, errors, tabs, refresh, screenshot."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from helpers_detail import (
    audit_rows,
    comment_count,
    make_ticket,
    open_context,
    outbox_count,
    type_text,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from opexdesk.app import AppContext
from opexdesk.domain.enums import CommentKind, Status
from opexdesk.ui.tickets.detail_pane import CHANGED_NOTICE, TicketDetailPane
from opexdesk.ui.tickets.formatting import OVERDUE_COLOR, PRIORITY_COLORS
from opexdesk.ui.tickets.transition_dialog import ask_transition


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    """A store on the real clock (the shared ctx fixture starts three days back)."""
    context = open_context(tmp_path / "store")
    yield context
    context.close()


@pytest.fixture
def opened() -> list[Path]:
    """Paths the pane asked the desktop to open (the opener is injected)."""
    return []


@pytest.fixture
def pane(qtbot, ctx: AppContext, tmp_path: Path, opened: list[Path]) -> TicketDetailPane:
    chosen = tmp_path / "chosen"  # the injected file chooser answers what choose() put here
    widget = TicketDetailPane(
        ctx.tickets,
        choose_file=lambda _parent: Path(chosen.read_text(encoding="utf-8")),
        open_path=lambda path: opened.append(path) or True,
    )
    qtbot.addWidget(widget)
    widget.resize(820, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def choose(tmp_path: Path, path: Path) -> None:
    """What the injected file chooser will answer next."""
    (tmp_path / "chosen").write_text(str(path), encoding="utf-8")


def field_events(ctx: AppContext, ticket_id: str) -> list[str]:
    return [e.field for e in audit_rows(ctx, ticket_id) if e.action == "field_changed"]


# ---- showing -------------------------------------------------------------------------


def test_empty_state_until_a_ticket_is_chosen(pane: TicketDetailPane, ctx: AppContext) -> None:
    assert pane.stack.currentWidget() is pane.empty_label
    assert pane.empty_label.text() == "Select a ticket"
    ticket = make_ticket(ctx)
    pane.show_ticket(ticket)
    assert pane.stack.currentIndex() == 1
    pane.show_ticket(None)
    assert pane.stack.currentWidget() is pane.empty_label


def test_unknown_ticket_reports_an_error_and_shows_the_empty_state(
    qtbot, pane: TicketDetailPane
) -> None:
    with qtbot.waitSignal(pane.error, timeout=1000) as signal:
        pane.show_ticket("0190f0f0-0000-7000-8000-000000000000")
    assert "does not exist" in signal.args[0]
    assert pane.stack.currentWidget() is pane.empty_label
    assert pane.ticket_id() is None


def test_showing_the_same_ticket_again_keeps_unsaved_edits(
    pane: TicketDetailPane, ctx: AppContext
) -> None:
    ticket = make_ticket(ctx)
    pane.show_ticket(ticket)
    pane.fields.ui.titleEdit.setText("Half typed")
    pane.show_ticket(ticket)
    assert pane.fields.ui.titleEdit.text() == "Half typed"
    assert pane.has_unsaved_changes()
    pane.show_ticket(make_ticket(ctx, "Other"))
    assert pane.fields.ui.titleEdit.text() == "Other"


def test_header_shows_number_title_status_and_coloured_priority(
    pane: TicketDetailPane, ctx: AppContext
) -> None:
    ticket = make_ticket(ctx, "Core switch down", impact=1, urgency=1, assignee="alice")
    pane.show_ticket(ticket)
    assert pane.number_label.text() == "L-000001"
    assert pane.title_label.text() == "Core switch down"
    assert pane.status_badge.text() == "Assigned"
    assert pane.priority_badge.text() == "P1"
    assert PRIORITY_COLORS[1][0] in pane.priority_badge.styleSheet()
    assert pane.fields.ui.priorityValue.text() == "P1"
    assert "Resolve by" in pane.sla_label.text()
    assert pane.sla_label.property("overdue") is False


def test_sla_is_red_when_overdue_and_open_only(qtbot, ctx: AppContext) -> None:
    later = datetime.now(UTC) + timedelta(days=30)
    pane = TicketDetailPane(ctx.tickets, now=lambda: later)
    qtbot.addWidget(pane)
    ticket = make_ticket(ctx, assignee="alice")
    pane.show_ticket(ticket)
    assert pane.sla_label.property("overdue") is True
    assert "overdue" in pane.sla_label.text()
    assert OVERDUE_COLOR in pane.sla_label.styleSheet()
    ctx.tickets.transition(ticket, Status.RESOLVED, note="Replaced the cable.")
    pane.refresh_if_showing(ticket)
    assert pane.sla_label.property("overdue") is False
    assert pane.sla_label.text().startswith("Resolved")


def test_pick_lists_come_from_the_vocabulary(pane: TicketDetailPane, ctx: AppContext) -> None:
    make_ticket(ctx, "Other", site="上海办公室", category="打印机")
    ticket = make_ticket(ctx, site="Berlin HQ")
    pane.show_ticket(ticket)
    sites = [pane.fields.ui.siteCombo.itemText(i) for i in range(pane.fields.ui.siteCombo.count())]
    assert sites == sorted(["上海办公室", "Berlin HQ"])
    assert pane.fields.ui.siteCombo.currentText() == "Berlin HQ"
    assert not pane.has_unsaved_changes()


# ---- saving --------------------------------------------------------------------------


def test_saving_one_field_writes_one_outbox_row_and_one_audit_event(
    pane: TicketDetailPane, ctx: AppContext
) -> None:
    ticket = make_ticket(ctx)
    pane.show_ticket(ticket)
    before = outbox_count(ctx)
    assert not pane.fields.save_button.isEnabled()
    pane.fields.ui.titleEdit.setText("Printer jams on tray 3")
    assert pane.has_unsaved_changes() and pane.fields.save_button.isEnabled()
    pane.fields.save_button.click()
    assert outbox_count(ctx) == before + 1
    assert field_events(ctx, ticket) == ["title"]
    assert ctx.tickets.get(ticket).title == "Printer jams on tray 3"
    assert pane.title_label.text() == "Printer jams on tray 3"
    assert not pane.has_unsaved_changes()
    assert pane.fields.error_text() == ""


def test_saving_several_fields_is_one_operation_with_an_event_per_field(
    pane: TicketDetailPane, ctx: AppContext
) -> None:
    ticket = make_ticket(ctx, requester="Maria Rossi")
    pane.show_ticket(ticket)
    before = outbox_count(ctx)
    pane.fields.ui.titleEdit.setText("Scanner jams")
    pane.fields.ui.siteCombo.setEditText("Lyon depot")
    pane.fields.ui.descriptionEdit.setPlainText("Double-sided jobs only.")
    assert set(pane.fields.changed_fields()) == {"title", "site", "description"}
    pane.save()
    assert outbox_count(ctx) == before + 1
    assert sorted(field_events(ctx, ticket)) == ["description", "site", "title"]
    saved = ctx.tickets.get(ticket)
    assert (saved.site, saved.requester) == ("Lyon depot", "Maria Rossi")


def test_changing_impact_updates_the_derived_priority_live(
    pane: TicketDetailPane, ctx: AppContext
) -> None:
    ticket = make_ticket(ctx, impact=3, urgency=3)
    pane.show_ticket(ticket)
    assert pane.fields.ui.priorityValue.text() == "P3"
    pane.fields.ui.impactCombo.setCurrentIndex(pane.fields.ui.impactCombo.findData(1))
    pane.fields.ui.urgencyCombo.setCurrentIndex(pane.fields.ui.urgencyCombo.findData(2))
    assert pane.fields.ui.priorityValue.text() == "P1"
    pane.save()
    assert ctx.tickets.get(ticket).priority == 1
    assert pane.priority_badge.text() == "P1"


def test_ctrl_s_saves(qtbot, pane: TicketDetailPane, ctx: AppContext) -> None:
    ticket = make_ticket(ctx)
    pane.show_ticket(ticket)
    pane.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is pane)
    pane.fields.ui.titleEdit.setFocus()
    pane.fields.ui.titleEdit.setText("Saved with the keyboard")
    qtbot.keyClick(pane.fields.ui.titleEdit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert ctx.tickets.get(ticket).title == "Saved with the keyboard"


@pytest.mark.parametrize(
    ("bad_title", "message"),
    [("   ", "The title is empty"), ("x" * 201, "201 characters long; the limit is 200")],
)
def test_bad_title_shows_the_error_stores_nothing_and_keeps_the_form(
    pane: TicketDetailPane, ctx: AppContext, bad_title: str, message: str
) -> None:
    ticket = make_ticket(ctx)
    pane.show_ticket(ticket)
    before = outbox_count(ctx), len(audit_rows(ctx, ticket))
    pane.fields.ui.titleEdit.setText(bad_title)
    pane.fields.ui.descriptionEdit.setPlainText("A long explanation the user must not lose.")
    pane.fields.ui.requesterCombo.setEditText("王芳")
    pane.save()
    assert message in pane.fields.error_text()
    assert pane.fields.invalid_fields() == ["title"]
    assert pane.fields.focusWidget() is pane.fields.ui.titleEdit
    assert (outbox_count(ctx), len(audit_rows(ctx, ticket))) == before
    assert ctx.tickets.get(ticket).title == "Printer jams on tray 2"
    # Nothing the user typed is lost.
    assert pane.fields.ui.titleEdit.text() == bad_title
    assert pane.fields.ui.descriptionEdit.toPlainText().startswith("A long explanation")
    assert pane.fields.ui.requesterCombo.currentText() == "王芳"
    # Fixing the field clears its frame; saving then stores everything at once.
    pane.fields.ui.titleEdit.setText("Printer jams on tray 4")
    assert pane.fields.invalid_fields() == []
    pane.save()
    saved = ctx.tickets.get(ticket)
    assert (saved.title, saved.requester) == ("Printer jams on tray 4", "王芳")
    assert pane.fields.error_text() == ""


def test_error_names_and_frames_the_field_it_is_about(
    pane: TicketDetailPane, ctx: AppContext
) -> None:
    ticket = make_ticket(ctx)
    pane.show_ticket(ticket)
    pane.fields.ui.siteCombo.setEditText("S" * 121)
    pane.save()
    assert "Site is 121 characters long" in pane.fields.error_text()
    assert pane.fields.invalid_fields() == ["site"]
    assert ctx.tickets.get(ticket).site is None


def test_chinese_title_typed_key_by_key_round_trips(
    pane: TicketDetailPane, ctx: AppContext
) -> None:
    ticket = make_ticket(ctx)
    pane.show_ticket(ticket)
    title_edit = pane.fields.ui.titleEdit
    title_edit.setFocus()
    title_edit.selectAll()
    type_text(title_edit, "打印机无法连接到网络")
    assert title_edit.text() == "打印机无法连接到网络"
    pane.save()
    assert ctx.tickets.get(ticket).title == "打印机无法连接到网络"
    assert pane.title_label.text() == "打印机无法连接到网络"
    pane.show_ticket(None)
    pane.show_ticket(ticket)
    assert title_edit.text() == "打印机无法连接到网络"


def test_revert_restores_the_stored_values(pane: TicketDetailPane, ctx: AppContext) -> None:
    ticket = make_ticket(ctx)
    pane.show_ticket(ticket)
    pane.fields.ui.titleEdit.setText("Something else")
    pane.fields.revert_button.click()
    assert pane.fields.ui.titleEdit.text() == "Printer jams on tray 2"
    assert not pane.has_unsaved_changes()


# ---- refresh -------------------------------------------------------------------------


def test_refresh_without_edits_shows_the_new_values(
    pane: TicketDetailPane, ctx: AppContext
) -> None:
    ticket = make_ticket(ctx)
    pane.show_ticket(ticket)
    ctx.tickets.update(ticket, {"title": "Changed on another screen"})
    pane.refresh_if_showing(ticket)
    assert pane.fields.ui.titleEdit.text() == "Changed on another screen"
    assert not pane.notice_visible()


def test_refresh_with_unsaved_edits_shows_the_notice_and_keeps_the_edits(
    pane: TicketDetailPane, ctx: AppContext
) -> None:
    ticket = make_ticket(ctx)
    other = make_ticket(ctx, "Another ticket")
    pane.show_ticket(ticket)
    pane.fields.ui.descriptionEdit.setPlainText("My half-written analysis")
    ctx.tickets.update(ticket, {"title": "Changed on another screen"})
    pane.refresh_if_showing(other)  # not the shown ticket: nothing happens
    assert not pane.notice_visible()
    pane.refresh_if_showing(ticket)
    assert pane.notice_visible()
    assert pane.notice_label.text() == CHANGED_NOTICE
    assert pane.fields.ui.descriptionEdit.toPlainText() == "My half-written analysis"
    assert pane.fields.ui.titleEdit.text() == "Printer jams on tray 2"
    # Saving now sends only what the user changed: the other edit survives.
    pane.save()
    saved = ctx.tickets.get(ticket)
    assert (saved.title, saved.description) == (
        "Changed on another screen",
        "My half-written analysis",
    )


def test_reload_from_the_notice_drops_the_edits(pane: TicketDetailPane, ctx: AppContext) -> None:
    ticket = make_ticket(ctx)
    pane.show_ticket(ticket)
    pane.fields.ui.titleEdit.setText("Mine")
    ctx.tickets.update(ticket, {"title": "Theirs"})
    pane.refresh_if_showing(ticket)
    pane.reload_button.click()
    assert pane.fields.ui.titleEdit.text() == "Theirs"
    assert not pane.notice_visible() and not pane.has_unsaved_changes()


def test_unrelated_changes_refresh_quietly_and_keep_the_edits(
    pane: TicketDetailPane, ctx: AppContext
) -> None:
    ticket = make_ticket(ctx)
    pane.show_ticket(ticket)
    pane.fields.ui.titleEdit.setText("Being edited")
    ctx.tickets.add_comment(ticket, "Colleague's note", CommentKind.INTERNAL)
    pane.refresh_if_showing(ticket)
    assert not pane.notice_visible()
    assert pane.fields.ui.titleEdit.text() == "Being edited"
    assert [c.body.text() for c in pane.conversation.cards()] == ["Colleague's note"]


def test_own_save_announced_by_the_notifier_raises_no_notice(
    pane: TicketDetailPane, ctx: AppContext
) -> None:
    # The main window forwards every change to refresh_if_showing, during the save itself.
    ctx.notifier.subscribe(lambda change: pane.refresh_if_showing(change.ticket_id))
    ticket = make_ticket(ctx)
    pane.show_ticket(ticket)
    pane.fields.ui.titleEdit.setText("Saved here")
    pane.fields.ui.descriptionEdit.setPlainText("And this")
    pane.save()
    assert not pane.notice_visible()
    assert not pane.has_unsaved_changes()


# ---- tabs ----------------------------------------------------------------------------


def test_public_reply_and_internal_note_look_different(
    qtbot, pane: TicketDetailPane, ctx: AppContext
) -> None:
    ticket = make_ticket(ctx, requester="王芳")
    pane.show_ticket(ticket)
    pane.focus_comment()
    conversation = pane.conversation
    assert pane.tabs.currentWidget() is conversation
    assert pane.focusWidget() is conversation.composer
    assert conversation.kind() is CommentKind.INTERNAL  # the safe default

    conversation.public_radio.click()
    conversation.composer.setPlainText("您好，我们正在处理。")
    conversation.send_button.click()
    conversation.internal_radio.click()
    conversation.composer.setPlainText("Suspect the VLAN change")
    qtbot.keyClick(conversation.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    cards = conversation.cards()
    assert [(c.kind, c.tag.text(), c.body.text()) for c in cards] == [
        ("public", "Public reply", "您好，我们正在处理。"),
        ("internal", "Internal note", "Suspect the VLAN change"),
    ]
    assert cards[0].grab().toImage().pixelColor(4, 20) != cards[1].grab().toImage().pixelColor(
        4, 20
    )
    assert [c.kind for c in ctx.tickets.comments(ticket)] == ["public", "internal"]
    assert conversation.composer.toPlainText() == ""
    assert ctx.tickets.get(ticket).first_response_at is not None


def test_empty_comment_is_refused_and_nothing_stored(
    pane: TicketDetailPane, ctx: AppContext
) -> None:
    ticket = make_ticket(ctx)
    pane.show_ticket(ticket)
    pane.conversation.composer.setPlainText("   ")
    pane.conversation.send()
    assert pane.conversation.error_text() == "The comment is empty."
    assert comment_count(ctx) == 0


def test_work_log_entries_and_total(pane: TicketDetailPane, ctx: AppContext) -> None:
    ticket = make_ticket(ctx)
    pane.show_ticket(ticket)
    pane.tabs.setCurrentWidget(pane.work_log)
    work = pane.work_log
    assert work.total_label.text() == "No work logged yet."
    work.minutes.setValue(30)
    work.note.setText("Replaced the toner")
    work.add_button.click()
    work.minutes.setValue(45)
    work.note.setText("远程检查驱动")
    work.add_button.click()
    assert work.tree.topLevelItemCount() == 2
    assert work.total_minutes == 75
    assert work.total_label.text() == "Total: 1 h 15 min in 2 entries"
    assert work.tree.topLevelItem(1).text(3) == "远程检查驱动"
    assert sum(w.minutes for w in ctx.tickets.work_logs(ticket)) == 75


def test_attachment_is_listed_and_opens_under_its_own_name(
    pane: TicketDetailPane, ctx: AppContext, tmp_path: Path, opened: list[Path]
) -> None:
    ticket = make_ticket(ctx)
    pane.show_ticket(ticket)
    pane.tabs.setCurrentWidget(pane.attachments)
    source = tmp_path / "现场照片.txt"
    source.write_text("hello", encoding="utf-8")
    choose(tmp_path, source)
    pane.attachments.attach_button.click()
    tree = pane.attachments.tree
    assert tree.topLevelItemCount() == 1
    row = tree.topLevelItem(0)
    assert [row.text(c) for c in range(3)] == ["现场照片.txt", "5 bytes", "tester"]
    tree.setCurrentItem(row)
    pane.attachments.open_button.click()
    assert [p.name for p in opened] == ["现场照片.txt"]
    assert opened[0].read_text(encoding="utf-8") == "hello"


def test_oversized_attachment_is_refused_clearly_and_nothing_stored(
    pane: TicketDetailPane, ctx: AppContext, tmp_path: Path
) -> None:
    ctx.blobs.max_bytes = 10
    ticket = make_ticket(ctx)
    pane.show_ticket(ticket)
    pane.tabs.setCurrentWidget(pane.attachments)
    before = outbox_count(ctx)
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"x" * 11)
    choose(tmp_path, big)
    pane.attachments.attach()
    assert pane.attachments.error_text() == (
        "Not attached — the file is too large: scan.pdf is 11 bytes; "
        "attachments are limited to 10 bytes."
    )
    assert pane.attachments.error_label.isVisible()
    assert ctx.tickets.attachments(ticket) == []
    assert pane.attachments.tree.topLevelItemCount() == 0
    assert outbox_count(ctx) == before
    assert not any(p.is_file() for p in ctx.paths.blobs.rglob("*"))


def test_history_lists_who_what_when_and_device(pane: TicketDetailPane, ctx: AppContext) -> None:
    ticket = make_ticket(ctx, impact=3, urgency=3)
    pane.show_ticket(ticket)
    pane.fields.ui.titleEdit.setText("Printer jams on tray 3")
    pane.fields.ui.urgencyCombo.setCurrentIndex(pane.fields.ui.urgencyCombo.findData(1))
    pane.save()
    ctx.tickets.add_comment(ticket, "note", CommentKind.INTERNAL)
    pane.refresh_if_showing(ticket)
    pane.tabs.setCurrentWidget(pane.history)
    rows = pane.history.rows()
    whats = [r[3] for r in rows]
    assert whats[-1] == "Created the ticket"  # newest first
    assert whats[0] == "Added an internal note"
    changes = {r[3]: r[4] for r in rows}
    assert changes["Changed Title"] == "Printer jams on tray 2 → Printer jams on tray 3"
    assert changes["Changed Urgency"] == "3 – Medium → 1 – Critical"
    assert changes["Changed Priority"] == "P3 → P2"
    assert all(r[1] == "tester" and len(r[2]) == 8 and r[0] for r in rows)


def test_workflow_buttons_follow_the_allowed_moves(pane: TicketDetailPane, ctx: AppContext) -> None:
    ticket = make_ticket(ctx, assignee="alice")
    pane.show_ticket(ticket)
    assert list(pane.transition_buttons) == [
        Status.NEW,
        Status.IN_PROGRESS,
        Status.PENDING,
        Status.RESOLVED,
    ]
    assert pane.transition_buttons[Status.RESOLVED].text() == "Resolved…"
    pane.ask_transition = partial(ask_transition, ask_note=lambda *_: "Cable replaced")
    pane.transition_buttons[Status.RESOLVED].click()
    assert ctx.tickets.get(ticket).status == "resolved"
    assert pane.status_badge.text() == "Resolved"
    assert list(pane.transition_buttons) == [Status.IN_PROGRESS, Status.CLOSED]


def test_refused_move_shows_the_reason(pane: TicketDetailPane, ctx: AppContext) -> None:
    ticket = make_ticket(ctx)  # New, nobody assigned
    pane.show_ticket(ticket)
    refusals: list[str] = []
    pane.ask_transition = partial(
        ask_transition, show_refusal=lambda _p, _t, message: refusals.append(message)
    )
    pane.transition_buttons[Status.IN_PROGRESS].click()
    assert refusals == ["Assign the ticket to someone before setting it to In progress."]
    assert pane.status_badge.text() == "New"


# ---- screenshot ----------------------------------------------------------------------


def test_screenshot_of_a_chinese_ticket(
    qtbot, pane: TicketDetailPane, ctx: AppContext, artifacts_dir: Path
) -> None:
    ticket = make_ticket(
        ctx,
        "打印机无法连接到网络，三楼财务部全部无法打印",
        description="从今天早上开始，三楼的打印机无法连接。\n已重启打印机，问题仍然存在。",
        requester="王芳",
        site="上海办公室",
        category="打印机",
        impact=2,
        urgency=2,
        assignee="李雷",
        group_name="桌面支持",
    )
    ctx.tickets.add_comment(
        ticket, "已联系网络组检查交换机端口，怀疑是 VLAN 配置变更导致。", CommentKind.INTERNAL
    )
    ctx.tickets.add_comment(
        ticket,
        "您好，我们已收到您的报告，技术人员正在处理，预计今天下午恢复。",
        CommentKind.PUBLIC,
    )
    pane.show_ticket(ticket)
    qtbot.wait(50)
    image = pane.grab()
    assert image.width() >= 800
    path = artifacts_dir / "detail_pane.png"
    assert image.save(str(path))
    assert path.stat().st_size > 10_000
