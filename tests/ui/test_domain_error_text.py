"""Messages of the ticket rules follow the language: ``error_text`` shows a ValidationError or
TransitionError in Chinese with the Chinese catalogue installed (labels and numbers in the
language too) and exactly ``str(exc)`` in English."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from opexdesk.app import AppContext
from opexdesk.domain import article as article_rules
from opexdesk.domain import ticket as rules
from opexdesk.domain.enums import Status
from opexdesk.domain.errors import DomainError, NotFoundError, TransitionError, ValidationError
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.domain.workflow import TransitionRequest, check_transition
from opexdesk.services.ticket_import import TicketImporter
from opexdesk.ui.i18n import error_text
from opexdesk.ui.import_export.import_wizard import ImportWizard
from opexdesk.ui.tickets.new_ticket_dialog import NewTicketDialog

HAN = re.compile(r"[\u4e00-\u9fff]")


def raised(call, *args: object) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args)
    return caught.value


def empty_title() -> DomainError:
    return raised(rules.clean_title, "   ")


def too_long_description() -> DomainError:
    return raised(rules.clean_description, "x" * 123_456)


def refused_jump() -> DomainError:
    return raised(check_transition, TransitionRequest(Status.NEW, Status.PENDING, "ann"))


def missing_assignee() -> DomainError:
    return raised(check_transition, TransitionRequest(Status.NEW, Status.IN_PROGRESS, None))


def empty_article_title() -> DomainError:
    return raised(article_rules.clean_title, "   ")


def unused_priority() -> DomainError:
    # Every cell gives priority 1 or 2: priorities 3 and 4 are never given.
    rows = [[1, 1, 2, 2]] * 4
    return raised(PriorityMatrix.from_dict, {"rows": rows})


ERRORS = (
    empty_title,
    too_long_description,
    refused_jump,
    missing_assignee,
    empty_article_title,
    unused_priority,
)


@pytest.mark.parametrize("make", ERRORS)
def test_english_shows_the_english_message(english: QApplication, make) -> None:
    exc = make()
    assert error_text(exc) == str(exc)


def test_chinese_empty_title(chinese: QApplication) -> None:
    assert error_text(empty_title()) == "标题为空；请用几个词描述问题。"


def test_chinese_empty_article_title(chinese: QApplication) -> None:
    exc = empty_article_title()
    assert str(exc) == "The title is empty; name the problem in a few words."
    assert error_text(exc) == "标题为空；请用几个词说明问题。"


def test_chinese_matrix_names_the_unused_priorities(chinese: QApplication) -> None:
    exc = unused_priority()
    assert str(exc) == (
        "Priorities 3 (P3), 4 (P4) are not given by any cell; use each priority in a "
        "cell or remove the level."
    )
    assert error_text(exc) == (
        "没有任何单元格给出优先级 3 (P3)、4 (P4)；请在单元格中使用每个优先级，或删除这些级别。"
    )


def test_chinese_matrix_level_names_the_axis(chinese: QApplication) -> None:
    with pytest.raises(ValidationError) as caught:
        PriorityMatrix().check_level("urgency", 9)
    assert error_text(caught.value) == "未知的紧急程度 9；请使用紧急程度 1（紧急）到 4（低）。"


def test_chinese_numbers_are_formatted(chinese: QApplication) -> None:
    text = error_text(too_long_description())
    assert HAN.search(text)
    assert "123,456" in text and "100,000" in text
    assert "The description" not in text


def test_chinese_refused_transition_names_the_statuses(chinese: QApplication) -> None:
    exc = refused_jump()
    assert isinstance(exc, TransitionError)
    text = error_text(exc)
    assert text == "工单不能从“新建”变为“挂起”；从“新建”只能变为：已指派、处理中、已解决。"
    assert str(exc).startswith("A ticket cannot go from New to Pending;")  # server's text


def test_chinese_field_label_and_assignee_refusal(chinese: QApplication) -> None:
    with pytest.raises(ValidationError) as caught:
        rules.clean_short("site", "", required=True)
    required = caught.value
    assert error_text(required) == "地点为必填项。"
    assert "处理人" in error_text(missing_assignee())


def test_errors_without_a_translation_stay_english(chinese: QApplication) -> None:
    plain = ValidationError("ticket", "Only an administrator may delete tickets.")
    assert error_text(plain) == str(plain)
    assert error_text(NotFoundError("Ticket T-1 does not exist.")) == "Ticket T-1 does not exist."
    assert error_text(OSError("disk full")) == "disk full"


def test_new_ticket_dialog_shows_the_empty_title_in_chinese(
    qtbot, ctx: AppContext, chinese: QApplication
) -> None:
    dialog = NewTicketDialog(ctx.tickets)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.created is None
    assert dialog.error_text() == "标题为空；请用几个词描述问题。"
    assert dialog.ui.titleEdit.property("invalid") is True


def test_import_report_shows_row_problems_in_chinese(
    qtbot, ctx: AppContext, tmp_path: Path, chinese: QApplication
) -> None:
    path = tmp_path / "desk.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["Title", "Description", "Status"], ["", "no title", "New"], ["VPN", "x", "Maybe"]]
        )
    wizard = ImportWizard(TicketImporter(ctx.db, ctx.tickets, ctx.notifier, ctx.clock))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.open_file(path)
    qtbot.waitUntil(lambda: wizard.preview.rowCount() > 0, timeout=10_000)
    title_cell = wizard.preview.item(0, 1)
    assert title_cell is not None and title_cell.toolTip() == "标题为空；请用几个词描述问题。"
    wizard.validate_button.click()
    qtbot.waitUntil(lambda: wizard.report.table.rowCount() > 0, timeout=30_000)
    reasons = {(p.row, p.column): p.reason for p in wizard.report.problems()}
    assert reasons[(2, "Title")] == "标题为空；请用几个词描述问题。"
    assert reasons[(3, "Status")] == (
        "未知的状态 'Maybe'；请将其映射为以下之一：新建、已指派、处理中、挂起、已解决、已关闭。"
    )
