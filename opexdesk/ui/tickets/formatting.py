"""Text and colours the ticket views share: times, durations, sizes, badges, history lines.

Plain functions (no widgets) so they are trivial to test and reuse in other views. Every
text goes through Qt's translators (context "TicketFormatting"; durations share the
"Duration" texts of opexdesk.ui.locale_format) and dates and numbers are written in the
default QLocale, which opexdesk.ui.i18n.install_language sets with the language."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from opexdesk.domain.enums import CommentKind, Impact, Status, Urgency
from opexdesk.domain.priority import DEFAULT_MATRIX, PriorityMatrix
from opexdesk.domain.ticket import FIELD_LABELS
from opexdesk.services.ticket_views import HistoryEntry, TicketDetail
from opexdesk.ui.i18n import QT_TRANSLATE_NOOP, vocabulary
from opexdesk.ui.locale_format import format_datetime, format_number, format_relative

# (background, text) per priority level a matrix may have (1..MAX_LEVELS): hot to cold,
# readable in both light and dark themes.
PRIORITY_COLORS: dict[int, tuple[str, str]] = {
    1: ("#c62828", "#ffffff"),
    2: ("#ef6c00", "#ffffff"),
    3: ("#f9d34a", "#3b2f00"),
    4: ("#78909c", "#ffffff"),
    5: ("#b0bec5", "#263238"),
}
STATUS_COLORS: dict[str, tuple[str, str]] = {
    Status.NEW: ("#1e63b5", "#ffffff"),
    Status.ASSIGNED: ("#00796b", "#ffffff"),
    Status.IN_PROGRESS: ("#5e35b1", "#ffffff"),
    Status.PENDING: ("#a86b00", "#ffffff"),
    Status.RESOLVED: ("#2e7d32", "#ffffff"),
    Status.CLOSED: ("#616161", "#ffffff"),
}
OVERDUE_COLOR = "#c62828"

# Fields the history can name that are not in the editable-field labels; shown through the
# shared vocabulary like the domain's FIELD_LABELS (listed for lupdate in
# resources/translations/indirect_strings.py).
_EXTRA_LABELS = {
    "resolution_note": QT_TRANSLATE_NOOP("Vocabulary", "Resolution note"),
    "resolved_at": QT_TRANSLATE_NOOP("Vocabulary", "Resolved at"),
    "closed_at": QT_TRANSLATE_NOOP("Vocabulary", "Closed at"),
    "response_due_at": QT_TRANSLATE_NOOP("Vocabulary", "Response due"),
    "resolution_due_at": QT_TRANSLATE_NOOP("Vocabulary", "Resolution due"),
    "first_response_at": QT_TRANSLATE_NOOP("Vocabulary", "First response"),
    "priority_override_reason": QT_TRANSLATE_NOOP("Vocabulary", "Priority override reason"),
}


def badge_style(background: str, foreground: str) -> str:
    return (
        f"background-color: {background}; color: {foreground}; border-radius: 4px;"
        " padding: 2px 8px; font-weight: bold;"
    )


def local_time(value: datetime | None) -> str:
    """A datetime in the machine's local time zone, in the locale's short date and time
    ("12/6/26 9:58 PM", "2026/12/6 21:58"); "" for None."""
    if value is None:
        return ""
    # A naive value is read as local time (as it always was here), not refused.
    return format_datetime(value if value.tzinfo is not None else value.astimezone())


def duration_text(minutes: int) -> str:
    """Work time in hours and minutes: 90 -> "1 h 30 min" / "1小时30分钟"; 45 -> "45 min".

    No days: a day of logged work is not 24 hours, so 26 h stays "26 h"."""
    hours, rest = divmod(max(0, int(minutes)), 60)
    h, m = format_number(hours), format_number(rest)
    # The "Duration" texts of locale_format: one translation for every duration in the UI.
    if hours and rest:
        return QCoreApplication.translate("Duration", "{0} h {1} min").format(h, m)
    if hours:
        return QCoreApplication.translate("Duration", "{0} h").format(h)
    return QCoreApplication.translate("Duration", "{0} min").format(m)


def relative_text(when: datetime, now: datetime) -> str:
    """Coarse "in 3 h 5 min" or "2 d 4 h ago" ("3小时5分钟后", "2天4小时前"): a glance."""
    return format_relative(when, now)


def level_text(level: Impact | Urgency | int, label: str | None = None) -> str:
    """Combo-box text of an impact or urgency level: "3 – Moderate" (``label`` is the
    matrix's name of the level, already translated; an enum member brings its default one)."""
    if label is None:
        label = vocabulary(level.label) if isinstance(level, Impact | Urgency) else str(int(level))
    return f"{int(level)} – {label}"


def status_text(value: str | None) -> str:
    """A status value by its label in the current language ("In progress" / "处理中")."""
    try:
        return vocabulary(Status(value).label) if value else ""
    except ValueError:  # a value from a newer client: show it rather than fail
        return str(value)


def priority_text(value: int, matrix: PriorityMatrix = DEFAULT_MATRIX) -> str:
    """A priority level by the matrix's label for it ("P2" with the default labels)."""
    try:
        return vocabulary(matrix.label("priority", int(value)))
    except (TypeError, ValueError):
        return str(value)


def field_label(field: str | None) -> str:
    """A ticket field by its name in the current language ("Urgency" / "紧急程度")."""
    if not field:
        return ""
    label = FIELD_LABELS.get(field) or _EXTRA_LABELS.get(field)
    # A field from a newer client has no translation: its own name, readable.
    return vocabulary(label) if label else field.replace("_", " ").title()


def value_text(field: str | None, value: Any, matrix: PriorityMatrix = DEFAULT_MATRIX) -> str:
    """A stored field value as a person reads it (labels, local times, "(empty)"); impact,
    urgency and priority by the labels of ``matrix``."""
    if value is None or value == "":
        return QCoreApplication.translate("TicketFormatting", "(empty)")
    try:
        if field in ("impact", "urgency"):
            return level_text(int(value), vocabulary(matrix.label(field, int(value))))
    except (TypeError, ValueError):
        return str(value)
    if field == "priority":
        return priority_text(value, matrix)
    if field == "status":
        return status_text(value)
    if field and field.endswith("_at") and isinstance(value, str):
        try:
            return local_time(datetime.fromisoformat(value))
        except ValueError:
            return value
    text = str(value)
    # History rows are one line: long descriptions are cut, the tooltip has the full text.
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:79] + "…"


def history_what(entry: HistoryEntry, matrix: PriorityMatrix = DEFAULT_MATRIX) -> tuple[str, str]:
    """(what happened, details) of one history entry, in words of the current language
    (levels by ``matrix``'s labels)."""
    new = entry.new_value
    if entry.action == "field_changed":
        old_text = value_text(entry.field, entry.old_value, matrix)
        new_text = value_text(entry.field, new, matrix)
        changed = QCoreApplication.translate("TicketFormatting", "Changed {0}")
        return changed.format(field_label(entry.field)), f"{old_text} → {new_text}"
    if entry.action == "status_changed":
        note = None
        if isinstance(new, dict):
            note, new = new.get("note"), new.get("value")
        details = f"{status_text(entry.old_value)} → {status_text(new)}"
        if note:
            details = QCoreApplication.translate("TicketFormatting", "{0} — “{1}”").format(
                details, value_text(None, note)
            )
        changed = QCoreApplication.translate("TicketFormatting", "Changed {0}")
        return changed.format(field_label("status")), details
    if entry.action == "created":
        title = new.get("title", "") if isinstance(new, dict) else ""
        created = QCoreApplication.translate("TicketFormatting", "Created the ticket")
        return created, value_text("title", title)
    if entry.action == "commented":
        kind = new.get("kind") if isinstance(new, dict) else None
        if kind == CommentKind.INTERNAL:
            return QCoreApplication.translate("TicketFormatting", "Added an internal note"), ""
        return QCoreApplication.translate("TicketFormatting", "Added a public reply"), ""
    if entry.action == "work_logged":
        minutes = new.get("minutes", 0) if isinstance(new, dict) else 0
        logged = QCoreApplication.translate("TicketFormatting", "Logged work")
        return logged, duration_text(int(minutes or 0))
    if entry.action == "attached":
        name = new.get("filename", "") if isinstance(new, dict) else ""
        return QCoreApplication.translate("TicketFormatting", "Attached a file"), str(name)
    # An action from a newer client: its own name, readable (nothing to translate it by).
    return entry.action.replace("_", " ").capitalize(), value_text(entry.field, new, matrix)


def short_device(device_id: str) -> str:
    """The tail of a UUIDv7 (its head is a timestamp, alike across devices)."""
    return device_id[-8:] if device_id else ""


def sla_text(detail: TicketDetail, now: datetime) -> tuple[str, bool]:
    """(what the SLA line says, whether it is overdue) for an open or finished ticket."""
    status = Status(detail.status) if detail.status in set(Status) else Status.NEW
    if not status.is_open:
        done = detail.closed_at or detail.resolved_at
        if done is None:
            return status_text(status), False
        # Whole sentences per status: word order differs between languages.
        if status == Status.CLOSED:
            text = QCoreApplication.translate("TicketFormatting", "Closed {0}")
        else:
            text = QCoreApplication.translate("TicketFormatting", "Resolved {0}")
        return text.format(local_time(done)), False
    parts: list[str] = []
    overdue = False
    if detail.first_response_at is None and detail.response_due_at is not None:
        late = detail.response_due_at < now
        overdue |= late
        if late:
            text = QCoreApplication.translate("TicketFormatting", "Response overdue since {0}")
        else:
            text = QCoreApplication.translate("TicketFormatting", "Respond by {0}")
        parts.append(text.format(local_time(detail.response_due_at)))
    if detail.resolution_due_at is not None:
        due = detail.resolution_due_at
        late = due < now
        overdue |= late
        if late:
            text = QCoreApplication.translate(
                "TicketFormatting", "Resolution overdue since {0} ({1})"
            )
        else:
            text = QCoreApplication.translate("TicketFormatting", "Resolve by {0} ({1})")
        parts.append(text.format(local_time(due), relative_text(due, now)))
    return "  ·  ".join(parts), overdue
