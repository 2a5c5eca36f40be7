"""The role rules with grants (domain/permissions.py): who edits and publishes articles, and
how grants are stored and read back."""

from __future__ import annotations

import pytest

from opexdesk.domain.enums import Grant, Role
from opexdesk.domain.permissions import (
    NO_GRANTS,
    article_edit_refusal,
    article_move_refusal,
    grants_text,
    keeps_articles,
    parse_grants,
)

EDITOR = frozenset({Grant.EDIT_ARTICLES})


@pytest.mark.parametrize(
    ("role", "grants", "keeps"),
    [
        (Role.TECHNICIAN, NO_GRANTS, False),
        (Role.TECHNICIAN, EDITOR, True),
        (Role.OPERATOR, NO_GRANTS, True),
        (Role.ADMIN, NO_GRANTS, True),
    ],
)
def test_who_keeps_the_knowledge_base(role: Role, grants: frozenset[Grant], keeps: bool) -> None:
    assert keeps_articles(role, grants) is keeps
    refusals = [
        article_edit_refusal(role, "tom", "published", "olga", grants),
        article_edit_refusal(role, "tom", "archived", "tom", grants),
        article_edit_refusal(role, "tom", "draft", "olga", grants),
        article_move_refusal(role, grants),
    ]
    assert all((r is None) is keeps for r in refusals)
    # Everyone edits their own draft.
    assert article_edit_refusal(role, "tom", "draft", "tom", grants) is None


def test_a_refusal_names_who_may_and_keeps_its_template() -> None:
    refusal = article_edit_refusal(Role.TECHNICIAN, "tom", "published", "olga", NO_GRANTS)
    assert refusal == (
        "The article is published; only an operator, an admin or a knowledge-base editor "
        "can edit it."
    )
    assert refusal is not None and refusal.template.startswith("The article is {status};")


def test_grants_are_stored_sorted_once_and_unknown_names_are_no_grant() -> None:
    assert grants_text([Grant.EDIT_ARTICLES, "edit_articles"]) == "edit_articles"
    assert grants_text([]) == ""
    assert parse_grants("edit_articles") == EDITOR
    assert parse_grants("  some_future_right   edit_articles ") == EDITOR
    assert parse_grants("EDIT_ARTICLES") == NO_GRANTS  # stored names are exact
    assert parse_grants(None) == parse_grants("") == NO_GRANTS
    with pytest.raises(ValueError):
        grants_text(["superpowers"])
