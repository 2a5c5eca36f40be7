"""Checking what a pushed mutation carries: every value validated before anything is written.

A check that fails raises ``Rejected`` (or the domain's ``DomainError``); the reason is
shown to the user, so it names the key and what was expected. Both are templates with
named arguments, so the client can show the reason in its own language.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from opexdesk.domain import ticket as rules
from opexdesk.domain.errors import Templated
from opexdesk.domain.kept_messages import KeptMessage
from opexdesk.domain.priority import (
    PriorityMatrix,
    coerce_any_level,
    coerce_impact,
    coerce_urgency,
)

# Fields the server derives itself; a client may send them along, they are ignored.
DERIVED_FIELDS = frozenset({"priority", "status", "response_due_at", "resolution_due_at"})


class Rejected(Templated, Exception):
    """The mutation cannot be applied at all; the reason is shown to the user.

    Raised with a template and its arguments (``Rejected("Unknown choice {choice!r}.",
    choice=c)``); a text from elsewhere (a permission refusal) is its own template.
    """

    @property
    def reason(self) -> str:
        return str(self)


def json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def string(changes: dict[str, Any], key: str, *, required: bool = True) -> str | None:
    value = changes.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise Rejected("'{key}' must be a string, not {kind}.", key=key, kind=type(value).__name__)
    return value


def whole_number(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Rejected("'{key}' must be a whole number, not {value}.", key=what, value=repr(value))
    return value


def only_keys(changes: dict[str, Any], allowed: set[str], what: str) -> None:
    unknown = set(changes) - allowed
    if unknown:
        # ``what`` names the kind of change ("a comment"): a phrase translated on its own.
        raise Rejected(
            "Unknown keys in {what}: {keys}.",
            what=KeptMessage.plain(what),
            keys=", ".join(sorted(unknown)),
        )


def clean_field(field: str, value: Any, matrix: PriorityMatrix | None = None) -> Any:
    """Validate one editable field's value with the domain rules (raises DomainError).
    Impact and urgency are levels of ``matrix``, the one in force for the push; without
    it, any level a matrix may have (deriving the priority then checks the rest)."""
    if field == "title":
        if not isinstance(value, str):
            raise Rejected("'title' must be a string.")
        return rules.clean_title(value)
    if field == "description":
        if value is not None and not isinstance(value, str):
            raise Rejected("'description' must be a string.")
        return rules.clean_description(value)
    if field in ("impact", "urgency"):
        level = whole_number(value, field)
        if matrix is None:
            return coerce_any_level(field, level)
        return coerce_impact(level, matrix) if field == "impact" else coerce_urgency(level, matrix)
    if value is not None and not isinstance(value, str):
        raise Rejected("'{field}' must be a string or null.", field=field)
    return rules.clean_short(field, value)


def field_edits(
    changes: dict[str, Any], matrix: PriorityMatrix | None = None
) -> dict[str, tuple[Any, Any]]:
    """``{field: {"base", "new"}}`` validated into ``{field: (base, clean new)}``."""
    edits: dict[str, tuple[Any, Any]] = {}
    for field, change in changes.items():
        if field in DERIVED_FIELDS:
            continue
        if field not in rules.EDITABLE_FIELDS:
            raise Rejected("The field {field!r} cannot be edited.", field=field)
        if not isinstance(change, dict) or set(change) != {"base", "new"}:
            raise Rejected(
                "The change of {field!r} must be {{'base': ..., 'new': ...}}.", field=field
            )
        edits[field] = (change["base"], clean_field(field, change["new"], matrix))
    return edits


def client_time(value: Any, now: datetime) -> datetime:
    """A time stamped by the client, never later than the server's now (clock skew)."""
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and parsed.tzinfo is not None:
            return min(parsed, now)
    return now
