"""Text and colours the ticket views share: times, durations, sizes, badges, history lines.

Plain functions (no widgets) so they are trivial to test and reuse in other views."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from opexdesk.domain.enums import CommentKind, Impact, Status, Urgency
from opexdesk.domain.priority import DEFAULT_MATRIX, PriorityMatrix
from opexdesk.domain.ticket import FIELD_LABELS
from opexdesk.services.ticket_views import HistoryEntry, TicketDetail

# Fixed, locale-neutral format (matches the ticket list) so times compare at a glance.
TIME_FORMAT = "%Y-%m-%d %H:%M"

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

# Fields the history can name that are not in the editable-field labels.
_EXTRA_LABELS = {
    "resolution_note": "Resolution note",
    "resolved_at": "Resolved at",
    "closed_at": "Closed at",
    "response_due_at": "Response due",
    "resolution_due_at": "Resolution due",
    "first_response_at": "First response",
}


def badge_style(background: str, foreground: str) -> str:
    return (
        f"background-color: {background}; color: {foreground}; border-radius: 4px;"
        " padding: 2px 8px; font-weight: bold;"
    )


def local_time(value: datetime | None) -> str:
    """An aware datetime in the machine's local time zone ("" for None)."""
    return value.astimezone().strftime(TIME_FORMAT) if value is not None else ""


def duration_text(minutes: int) -> str:
    """90 -> "1 h 30 min"; 45 -> "45 min"; 120 -> "2 h"."""
    hours, rest = divmod(max(0, int(minutes)), 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


def relative_text(when: datetime, now: datetime) -> str:
    """Coarse "in 3 h 5 min" or "2 d 4 h ago": a glance, not an audit."""
    seconds = (when - now).total_seconds()
    minutes = int(abs(seconds) // 60)
    span = (
        f"{minutes // 1440} d {minutes % 1440 // 60} h"
        if minutes >= 1440
        else (duration_text(minutes) if minutes else "less than a minute")
    )
    return f"in {span}" if seconds >= 0 else f"{span} ago"


def level_text(level: Impact | Urgency | int, label: str | None = None) -> str:
    """Combo-box text of an impact or urgency level: "3 – Moderate" (``label`` is the
    matrix's name of the level; an enum member brings its default one)."""
    if label is None:
        label = level.label if isinstance(level, Impact | Urgency) else str(int(level))
    return f"{int(level)} – {label}"


def status_text(value: str | None) -> str:
    try:
        return Status(value).label if value else ""
    except ValueError:  # a value from a newer client: show it rather than fail
        return str(value)


def priority_text(value: int, matrix: PriorityMatrix = DEFAULT_MATRIX) -> str:
    """A priority level by the matrix's label for it ("P2" with the default labels)."""
    try:
        return matrix.label("priority", int(value))
    except (TypeError, ValueError):
        return str(value)


def field_label(field: str | None) -> str:
    if not field:
        return ""
    return FIELD_LABELS.get(field) or _EXTRA_LABELS.get(field) or field.replace("_", " ").title()


def value_text(field: str | None, value: Any, matrix: PriorityMatrix = DEFAULT_MATRIX) -> str:
    """A stored field value as a person reads it (labels, local times, "(empty)"); impact,
    urgency and priority by the labels of ``matrix``."""
    if value is None or value == "":
        return "(empty)"
    try:
        if field in ("impact", "urgency"):
            return level_text(int(value), matrix.label(field, int(value)))
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
    """(what happened, details) of one history entry, in words (levels by ``matrix``'s
    labels)."""
    new = entry.new_value
    if entry.action == "field_changed":
        old_text = value_text(entry.field, entry.old_value, matrix)
        new_text = value_text(entry.field, new, matrix)
        return f"Changed {field_label(entry.field)}", f"{old_text} → {new_text}"
    if entry.action == "status_changed":
        note = None
        if isinstance(new, dict):
            note, new = new.get("note"), new.get("value")
        details = f"{status_text(entry.old_value)} → {status_text(new)}"
        if note:
            details += f" — “{value_text(None, note)}”"
        return "Changed Status", details
    if entry.action == "created":
        title = new.get("title", "") if isinstance(new, dict) else ""
        return "Created the ticket", value_text("title", title)
    if entry.action == "commented":
        kind = new.get("kind") if isinstance(new, dict) else None
        internal = kind == CommentKind.INTERNAL
        return ("Added an internal note" if internal else "Added a public reply"), ""
    if entry.action == "work_logged":
        minutes = new.get("minutes", 0) if isinstance(new, dict) else 0
        return "Logged work", duration_text(int(minutes or 0))
    if entry.action == "attached":
        name = new.get("filename", "") if isinstance(new, dict) else ""
        return "Attached a file", str(name)
    return entry.action.replace("_", " ").capitalize(), value_text(entry.field, new, matrix)


def short_device(device_id: str) -> str:
    """The tail of a UUIDv7 (its head is a timestamp, alike across devices)."""
    return device_id[-8:] if device_id else ""


def sla_text(detail: TicketDetail, now: datetime) -> tuple[str, bool]:
    """(what the SLA line says, whether it is overdue) for an open or finished ticket."""
    status = Status(detail.status) if detail.status in set(Status) else Status.NEW
    if not status.is_open:
        done = detail.closed_at or detail.resolved_at
        return (f"{status.label} {local_time(done)}" if done else status.label), False
    parts: list[str] = []
    overdue = False
    if detail.first_response_at is None and detail.response_due_at is not None:
        late = detail.response_due_at < now
        overdue |= late
        word = "Response overdue since" if late else "Respond by"
        parts.append(f"{word} {local_time(detail.response_due_at)}")
    if detail.resolution_due_at is not None:
        due = detail.resolution_due_at
        late = due < now
        overdue |= late
        word = "Resolution overdue since" if late else "Resolve by"
        parts.append(f"{word} {local_time(due)} ({relative_text(due, now)})")
    return "  ·  ".join(parts), overdue
