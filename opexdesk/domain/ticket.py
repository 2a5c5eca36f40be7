"""Ticket field rules: what a valid title, description, person or place looks like."""

import re
from dataclasses import dataclass

from opexdesk.domain.enums import Status
from opexdesk.domain.errors import Term, ValidationError

TITLE_MAX = 200
DESCRIPTION_MAX = 100_000
SHORT_TEXT_MAX = 120
COMMENT_MAX = 100_000
WORK_MINUTES_MAX = 24 * 60

# Fields a user edits directly (status has its own workflow; priority is derived).
EDITABLE_FIELDS = (
    "title",
    "description",
    "requester",
    "site",
    "category",
    "impact",
    "urgency",
    "assignee",
    "group_name",
)

NOTE_LABELS = {"note": "work note", "resolution_note": "note", "reason": "reason"}

FIELD_LABELS = {
    "title": "Title",
    "description": "Description",
    "requester": "Requester",
    "site": "Site",
    "category": "Category",
    "impact": "Impact",
    "urgency": "Urgency",
    "priority": "Priority",
    "status": "Status",
    "assignee": "Assignee",
    "group_name": "Group",
    "note": "Work note",
    "resolution_note": "Note",
    "reason": "Reason",
}


# One regex search instead of a loop over the characters: the server checks every text
# field of every pushed mutation.
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_CONTROL_BUT_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _label(field: str) -> Term:
    """The field's label as a message argument (the UI shows it translated)."""
    return Term(FIELD_LABELS.get(field, field))


def _no_control_chars(field: str, text: str, *, allow_newlines: bool) -> None:
    found = (_CONTROL_BUT_LINES if allow_newlines else _CONTROL).search(text)
    if found is not None:
        code = ord(found.group())
        raise ValidationError(
            field,
            "{label} contains a control character (U+{code:04X}).",
            label=_label(field),
            code=code,
        )


def clean_title(value: str) -> str:
    """Strip and validate a title: 1..200 characters on one line."""
    title = " ".join((value or "").split())
    if not title:
        raise ValidationError("title", "The title is empty; describe the problem in a few words.")
    if len(title) > TITLE_MAX:
        raise ValidationError(
            "title",
            "The title is {length} characters long; the limit is {limit}.",
            length=len(title),
            limit=TITLE_MAX,
        )
    _no_control_chars("title", title, allow_newlines=False)
    return title


def clean_description(value: str | None) -> str:
    text = (value or "").replace("\r\n", "\n").strip()
    if len(text) > DESCRIPTION_MAX:
        raise ValidationError(
            "description",
            "The description is {length:,} characters long; the limit is {limit:,}.",
            length=len(text),
            limit=DESCRIPTION_MAX,
        )
    _no_control_chars("description", text, allow_newlines=True)
    return text


def clean_short(field: str, value: str | None, *, required: bool = False) -> str | None:
    """Validate a one-line value such as requester, site, category, assignee or group."""
    text = " ".join((value or "").split())
    if not text:
        if required:
            raise ValidationError(field, "{label} is required.", label=_label(field))
        return None
    if len(text) > SHORT_TEXT_MAX:
        raise ValidationError(
            field,
            "{label} is {length} characters long; the limit is {limit}.",
            label=_label(field),
            length=len(text),
            limit=SHORT_TEXT_MAX,
        )
    _no_control_chars(field, text, allow_newlines=False)
    return text


def clean_comment(value: str) -> str:
    text = (value or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError("comment", "The comment is empty.")
    if len(text) > COMMENT_MAX:
        raise ValidationError(
            "comment",
            "The comment is {length:,} characters long; the limit is {limit:,}.",
            length=len(text),
            limit=COMMENT_MAX,
        )
    _no_control_chars("comment", text, allow_newlines=True)
    return text


def clean_note(field: str, value: str | None) -> str:
    """A free-text note (work note, resolution note, deletion reason): stripped, at most
    COMMENT_MAX characters, lines and tabs allowed, no other control characters."""
    text = (value or "").replace("\r\n", "\n").strip()
    if len(text) > COMMENT_MAX:
        raise ValidationError(
            field,
            "The {note} is {length:,} characters long; the limit is {limit:,}.",
            note=Term(NOTE_LABELS.get(field, field)),
            length=len(text),
            limit=COMMENT_MAX,
        )
    _no_control_chars(field, text, allow_newlines=True)
    return text


def clean_minutes(value: int) -> int:
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            "minutes", "Time spent {value!r} is not a whole number of minutes.", value=value
        ) from None
    if minutes <= 0 or minutes > WORK_MINUTES_MAX:
        raise ValidationError(
            "minutes",
            "Time spent must be between 1 and {limit} minutes, not {minutes}.",
            limit=WORK_MINUTES_MAX,
            minutes=minutes,
        )
    return minutes


@dataclass(frozen=True)
class TicketDraft:
    """What a user fills in for a new ticket, before validation."""

    title: str
    description: str = ""
    requester: str | None = None
    site: str | None = None
    category: str | None = None
    impact: int = 3
    urgency: int = 3
    assignee: str | None = None
    group_name: str | None = None


def initial_status(assignee: str | None) -> Status:
    """A ticket created with an assignee starts Assigned, otherwise New."""
    return Status.ASSIGNED if assignee else Status.NEW
