"""Field rules: titles, descriptions, short values, comments, minutes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opexdesk.domain import ticket as rules
from opexdesk.domain.errors import ValidationError


def test_title_is_trimmed_and_single_line() -> None:
    assert rules.clean_title("  VPN   drops \n every hour ") == "VPN drops every hour"


@pytest.mark.parametrize("title", ["", "   ", "\n\t"])
def test_empty_title_rejected(title) -> None:
    with pytest.raises(ValidationError, match="title is empty") as err:
        rules.clean_title(title)
    assert err.value.field == "title"


def test_oversized_title_names_length_and_limit() -> None:
    with pytest.raises(ValidationError, match="201 characters long; the limit is 200"):
        rules.clean_title("x" * 201)


def test_chinese_title_ok() -> None:
    assert rules.clean_title("打印机卡纸 printer jam") == "打印机卡纸 printer jam"


def test_control_characters_rejected() -> None:
    with pytest.raises(ValidationError, match="control character"):
        rules.clean_title("bad\x00title")
    with pytest.raises(ValidationError, match="U\\+0007"):
        rules.clean_description("ding\x07")


def test_description_keeps_newlines_and_limit() -> None:
    assert rules.clean_description("a\r\nb") == "a\nb"
    with pytest.raises(ValidationError, match="limit is 100,000"):
        rules.clean_description("x" * 100_001)


def test_short_values() -> None:
    assert rules.clean_short("site", "  ") is None
    with pytest.raises(ValidationError, match="Site is required"):
        rules.clean_short("site", "", required=True)
    with pytest.raises(ValidationError, match="Requester is 121 characters"):
        rules.clean_short("requester", "r" * 121)


def test_minutes() -> None:
    assert rules.clean_minutes(30) == 30
    for bad in (0, -5, 24 * 60 + 1):
        with pytest.raises(ValidationError, match="between 1 and 1440"):
            rules.clean_minutes(bad)
    with pytest.raises(ValidationError, match="whole number"):
        rules.clean_minutes("half an hour")


@given(st.text(max_size=300))
def test_clean_title_either_returns_valid_or_raises_validation_error(text) -> None:
    try:
        title = rules.clean_title(text)
    except ValidationError as exc:
        assert exc.field == "title" and str(exc)
    else:
        assert 0 < len(title) <= rules.TITLE_MAX
        assert title == title.strip()
        assert all(ord(c) >= 32 and ord(c) != 127 for c in title)
