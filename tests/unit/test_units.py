"""Sizes in messages: the same wording from the store and the UI."""

import pytest

from opexdesk.domain.units import size_text


@pytest.mark.parametrize(
    "size, text",
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (1023, "1023 bytes"),
        (1024, "1 KB"),
        (12_800, "12.5 KB"),
        (25 * 1024**2, "25 MB"),
        (3 * 1024**3, "3 GB"),
        (5000 * 1024**3, "5000 GB"),
    ],
)
def test_size_text(size: int, text: str) -> None:
    assert size_text(size) == text
