"""Message templates: ``str(err)`` stays the English text the server, the CLI and the logs
use, and every template raised (or made as a ``Message``) by the modules below is listed for
lupdate in resources/translations/indirect*.py (context "DomainMessages"), so the UI can
show it translated (opexdesk.ui.i18n.shown_text / error_text)."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from opexdesk.domain import ticket as rules
from opexdesk.domain.enums import Status
from opexdesk.domain.errors import Term, Terms, TransitionError, ValidationError
from opexdesk.domain.workflow import TransitionRequest, check_transition

REPO = Path(__file__).resolve().parents[2]
# Texts lupdate cannot see: indirect_strings.py, plus one indirect_<area>.py per area.
INDIRECT_FILES = sorted((REPO / "resources" / "translations").glob("indirect*.py"))
CONTEXT = "DomainMessages"
# Modules whose ValidationError / TransitionError messages are templates.
TEMPLATED_MODULES = (
    "opexdesk/domain/ticket.py",
    "opexdesk/domain/workflow.py",
    "opexdesk/services/tickets.py",
    "opexdesk/services/ticket_edits.py",
    "opexdesk/domain/article.py",
    "opexdesk/domain/priority.py",
    "opexdesk/services/ticket_import_rows.py",
    # sign-in, server check, keyring
    "opexdesk/services/sync/api.py",
    "opexdesk/services/sync/live.py",
    "opexdesk/services/sync/session.py",
    "opexdesk/services/sync/blob_transfer.py",
    "opexdesk/services/secrets.py",
    "opexdesk/ui/welcome/download_page.py",
    "opexdesk/ui/sync/sync_controller.py",
    # server rejections
    "opexdesk/server/sync_fields.py",
    "opexdesk/server/sync_context.py",
    "opexdesk/server/sync_apply.py",
    "opexdesk/server/sync_push.py",
    "opexdesk/server/sync_ticket_ops.py",
    "opexdesk/server/sync_appends.py",
    "opexdesk/server/sync_removal.py",
    "opexdesk/server/sync_config_ops.py",
    "opexdesk/server/sync_article_ops.py",
    "opexdesk/server/sync_article_fields.py",
    "opexdesk/services/conflicts.py",
    "opexdesk/domain/permissions.py",
    # ticket import, attachments, triage
    "opexdesk/services/ticket_import_source.py",
    "opexdesk/services/ticket_import_dates.py",
    "opexdesk/services/ticket_import.py",
    "opexdesk/services/ticket_export.py",
    "opexdesk/storage/blobs.py",
    "opexdesk/storage/database.py",
    "opexdesk/services/ticket_views.py",
    "opexdesk/services/triage/actions.py",
    "opexdesk/services/triage/assignment.py",
    # knowledge base, storage
    "opexdesk/services/kb/articles.py",
    "opexdesk/services/kb/markdown_io.py",
    # settings, SLA policy, calendar, shared config
    "opexdesk/domain/sla.py",
    "opexdesk/domain/business_calendar.py",
    "opexdesk/domain/shared_config.py",
    "opexdesk/services/shared_config.py",
    "opexdesk/services/settings_schema.py",
    "opexdesk/services/app_settings.py",
    "opexdesk/services/local_data.py",
    "opexdesk/services/alerts.py",
)
# Where the message sits among the positional arguments of each error.
MESSAGE_ARG = {
    "ValidationError": 1,
    "TransitionError": 2,
    # Templated errors outside the domain: the message is the first argument.
    "SyncError": 0,
    "Unreachable": 0,
    "NotAnOpExDeskServer": 0,
    "AuthFailed": 0,
    "ServerError": 0,
    "BlobError": 0,
    "BlobUnavailable": 0,
    "LiveStreamClosed": 0,
    "SignInError": 0,
    "NoSecureKeyringError": 0,
    "RoundCancelled": 0,
    "Rejected": 0,
    "DomainError": 0,
    "NotFoundError": 0,
    "ArticleConflictError": 3,
    "CsvReadError": 0,
    "DateReadError": 0,
    "ImportCancelled": 0,
    "ImportRefused": 0,
    "ExportCancelled": 0,
    "StorageError": 0,
    "NewerSchemaError": 0,
    "CorruptDatabaseError": 0,
    "DataDirError": 0,
    "AttachmentTooLargeError": 0,
    "Message": 0,  # opexdesk.domain.kept_messages: notices, reports, settings problems
    "DataMoveError": 0,
    "CorruptSettingsError": 0,
    "NewerSettingsError": 0,
}


def raised_messages(path: Path) -> list[tuple[int, ast.expr, set[str]]]:
    """(line, message argument, keyword names) of every ValidationError/TransitionError call."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        index = MESSAGE_ARG.get(name or "")
        if index is None or len(node.args) <= index:
            continue
        keywords = {k.arg for k in node.keywords if k.arg is not None}
        found.append((node.lineno, node.args[index], keywords))
    return found


def declared_templates() -> set[str]:
    declared = set()
    nodes = (
        node
        for path in INDIRECT_FILES
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
    )
    for node in nodes:
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "QT_TRANSLATE_NOOP"
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value == CONTEXT
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            declared.add(node.args[1].value)
    return declared


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("module", TEMPLATED_MODULES)
def test_every_template_is_declared_for_translation(module: str) -> None:
    declared = declared_templates()
    calls = raised_messages(REPO / module)
    assert calls, f"no ValidationError/TransitionError found in {module}"
    for line, message, keywords in calls:
        where = f"{module}:{line}"
        # An f-string would be formatted before the UI could translate it.
        assert not isinstance(message, ast.JoinedStr), f"{where}: pass a template, not an f-string"
        if not isinstance(message, ast.Constant):
            continue  # a text from another module (a permission refusal): shown as it is
        template = message.value
        assert template in declared, f"{where}: {template!r} missing from indirect*.py"
        assert placeholders(template) == keywords, f"{where}: arguments do not match"


def test_english_messages_are_unchanged() -> None:
    with pytest.raises(ValidationError) as empty:
        rules.clean_title("  ")
    assert str(empty.value) == "The title is empty; describe the problem in a few words."
    assert empty.value.template == str(empty.value)
    with pytest.raises(ValidationError) as long:
        rules.clean_description("x" * 100_001)
    assert str(long.value) == ("The description is 100,001 characters long; the limit is 100,000.")
    assert long.value.params == {"length": 100_001, "limit": 100_000}
    with pytest.raises(ValidationError) as short:
        rules.clean_short("site", "s" * 121)
    assert str(short.value) == "Site is 121 characters long; the limit is 120."
    assert isinstance(short.value.params["label"], Term)
    with pytest.raises(ValidationError) as control:
        rules.clean_title("a\x07b")
    assert str(control.value) == "Title contains a control character (U+0007)."
    with pytest.raises(TransitionError) as refused:
        check_transition(TransitionRequest(Status.CLOSED, Status.NEW, None))
    assert str(refused.value) == "Closed tickets are final; open a follow-up ticket instead."
    with pytest.raises(TransitionError) as jump:
        check_transition(TransitionRequest(Status.NEW, Status.PENDING, "ann"))
    assert str(jump.value) == (
        "A ticket cannot go from New to Pending; from New it can go to: "
        "Assigned, In progress, Resolved."
    )
    options = jump.value.params["options"]
    assert isinstance(options, Terms)
    assert options.items == ("Assigned", "In progress", "Resolved")


def test_positional_messages_still_work() -> None:
    err = ValidationError("ticket", "Only a {role} may delete.")  # braces kept: no arguments
    assert str(err) == "Only a {role} may delete."
    assert err.field == "ticket"
    moved = TransitionError("draft", "published", "Not yet.")
    assert (str(moved), moved.current, moved.target) == ("Not yet.", "draft", "published")
