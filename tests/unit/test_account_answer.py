"""The role and grants a server's answer carries, read defensively
(services/sync/account_answer.py): what does not fit the device's columns is not kept."""

from __future__ import annotations

from typing import Any

import pytest

from opexdesk.services.sync.account_answer import account_of, grants_text


def test_grants_are_short_identifiers_sorted_once() -> None:
    assert grants_text(["edit_articles", "audit", "edit_articles"]) == "audit edit_articles"
    assert grants_text([1, None, "bad name", "x" * 41, "ok"]) == "ok"
    many = grants_text([f"g{i:03d}" for i in range(100)])
    assert len(many) <= 200
    assert many.split() == [f"g{i:03d}" for i in range(len(many.split()))]  # whole names only
    # A name that does not fit is left out, never cut into another name.
    # (186 characters before it: cut at 200 it would read "edit_articles".)
    fillers = ["a" * 40, "b" * 40, "c" * 40, "d" * 22, "d" * 40]
    assert grants_text([*fillers, "edit_articles_readonly"]).split() == fillers


@pytest.mark.parametrize(
    ("account", "expected"),
    [
        ({"role": "technician", "grants": ["edit_articles"]}, ("technician", "edit_articles")),
        ({"role": "auditor", "grants": []}, ("auditor", "")),  # a newer role: kept as sent
        ({"role": "x" * 17, "grants": []}, None),
        ({"role": 3, "grants": []}, None),
        ({"role": "admin", "grants": "edit_articles"}, None),
        ({"grants": []}, None),
    ],
)
def test_an_account_is_taken_only_when_it_fits(
    account: dict[str, Any], expected: tuple[str, str] | None
) -> None:
    assert account_of(account) == expected
