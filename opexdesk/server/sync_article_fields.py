"""Checking what a pushed article change carries (docs/sync_articles.md): the JSON types
the protocol sends, then the domain's own rules (``domain/article.py``) for the values.

A check that fails raises ``Rejected`` (or the domain's ``ValidationError``), a template
with named arguments that names the key and what was expected.
"""

from __future__ import annotations

from typing import Any

from opexdesk.domain import article as kb
from opexdesk.server.sync_batch import ID_MAX
from opexdesk.server.sync_fields import Rejected, string
from opexdesk.server.sync_models import SHORT

CONTENT_FIELDS = ("title", "body", "category", "tags", "language")
AUTHOR_MAX = SHORT.length or 120
# The default query of "this solved it" is a ticket's title and description (100,000).
QUERY_TEXT_MAX = 200_000
_CLEANERS = {
    "title": kb.clean_title,
    "body": kb.clean_body,
    "category": kb.clean_category,
    "language": kb.clean_language,
}

Edits = dict[str, tuple[Any, Any]]  # field -> (base, clean new value)


def typed(field: str, value: Any) -> None:
    """The JSON type a content field must have: the domain's cleaners accept more (a tag
    list as one comma-separated text, None for an empty body) than the protocol sends."""
    if field == "tags":
        if not isinstance(value, list):
            raise Rejected(
                "'{key}' must be a list of strings, not {kind}.",
                key=field,
                kind=type(value).__name__,
            )
    elif not isinstance(value, str):
        raise Rejected(
            "'{key}' must be a string, not {kind}.", key=field, kind=type(value).__name__
        )


def clean_value(field: str, value: Any) -> Any:
    """A content field's value, checked and cleaned by the domain's rules."""
    typed(field, value)
    if field == "tags":
        return list(kb.clean_tags(value))
    return _CLEANERS[field](value)


def content_edits(fields: Any) -> Edits:
    """``{field: {"base", "new"}}`` of a save, validated into ``{field: (base, new)}``."""
    if not isinstance(fields, dict):
        raise Rejected(
            "'{key}' must be an object, not {kind}.", key="fields", kind=type(fields).__name__
        )
    edits: Edits = {}
    for field, change in fields.items():
        if field not in CONTENT_FIELDS:
            raise Rejected(
                "The article field {field!r} cannot be edited; use title, body, category, "
                "tags or language.",
                field=field,
            )
        if not isinstance(change, dict) or set(change) != {"base", "new"}:
            raise Rejected(
                "The change of {field!r} must be {{'base': ..., 'new': ...}}.", field=field
            )
        typed(field, change["base"])
        edits[field] = (change["base"], clean_value(field, change["new"]))
    return edits


def author_name(value: str | None) -> str | None:
    """The author a create names (one line), None when it names nobody."""
    if value is None:
        return None
    text = " ".join(value.split())
    if len(text) > AUTHOR_MAX:
        raise Rejected(
            "'{key}' must have at most {limit} characters.", key="author", limit=AUTHOR_MAX
        )
    return text or None


def vote_value(changes: dict[str, Any]) -> bool:
    """Whether the vote says the article helped."""
    value = changes.get("helpful")
    if not isinstance(value, bool):
        raise Rejected("'helpful' must be true or false, not {value}.", value=repr(value))
    return value


def link_target(changes: dict[str, Any]) -> tuple[str, str]:
    """The ticket id and the query text of a "this solved it" link."""
    ticket_id = changes.get("ticket_id")
    if not isinstance(ticket_id, str) or not 0 < len(ticket_id) <= ID_MAX:
        raise Rejected("'ticket_id' must be the id of the ticket.")
    query_text = string(changes, "query_text", required=False) or ""
    if len(query_text) > QUERY_TEXT_MAX:
        raise Rejected(
            "'{key}' must have at most {limit} characters.", key="query_text", limit=QUERY_TEXT_MAX
        )
    return ticket_id, query_text
