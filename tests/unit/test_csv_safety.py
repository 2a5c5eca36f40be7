"""CSV cells never start a spreadsheet formula (OWASP CSV injection), numbers stay numbers."""

from __future__ import annotations

import pytest

from opexdesk.domain.csv_safety import safe_cell, safe_row


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("https://evil.example","click")',
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
        "-",
        "=",
    ],
)
def test_formula_text_is_prefixed_with_a_quote(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-5, -0.25, 3, 1.5, 0, None, True])
def test_numbers_and_none_stay_as_they_are(value: object) -> None:
    assert safe_cell(value) is value


@pytest.mark.parametrize("text", ["-12", "+3.5", "-.5", "-1e-3", "2026-03-02T09:00+01:00"])
def test_plain_numeric_text_stays_a_number(text: str) -> None:
    assert safe_cell(text) == text


@pytest.mark.parametrize("text", ["", "Printer", "a=b", "张伟", "'=already", " =x", "< 4 h"])
def test_other_text_is_unchanged(text: str) -> None:
    assert safe_cell(text) == text


def test_row() -> None:
    assert safe_row(["=1", -1, "ok", None]) == ["'=1", -1, "ok", None]
