"""Dashboard windows: buckets on local hours and days across DST changes and odd offsets,
presets, custom windows, and refused windows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from opexdesk.domain.errors import ValidationError
from opexdesk.services.metrics import (
    Granularity,
    Preset,
    Window,
    custom_window,
    preset_window,
    today_window,
)
from opexdesk.services.metrics.facts import epoch_us

BERLIN = ZoneInfo("Europe/Berlin")
KOLKATA = ZoneInfo("Asia/Kolkata")  # +05:30
NOW = datetime(2026, 3, 30, 12, 0, tzinfo=UTC)


def local(us: int, zone: ZoneInfo) -> datetime:
    return (datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=us)).astimezone(zone)


def test_days_follow_local_midnight_across_the_dst_change() -> None:
    # Berlin moved to summer time on Sunday 2026-03-29: that day had 23 hours.
    window = Window(datetime(2026, 3, 27, tzinfo=UTC), None, Granularity.DAY, BERLIN)
    buckets = window.buckets(epoch_us(NOW))
    starts = [local(b, BERLIN) for b in buckets]
    assert all((s.hour, s.minute) == (0, 0) for s in starts)
    assert [s.day for s in starts] == [27, 28, 29, 30]
    lengths = [(b - a) / 3_600_000_000 for a, b in zip(buckets, buckets[1:], strict=False)]
    assert lengths == [24, 24, 23]  # the 29th is 23 hours long
    moment = epoch_us(datetime(2026, 3, 29, 21, 59, tzinfo=UTC))  # 23:59 summer time
    assert window.bucket_of(moment) == buckets[2]


def test_hours_start_on_the_local_hour_in_half_hour_zones() -> None:
    window = preset_window(Preset.LAST_24H, NOW, KOLKATA)
    assert window.granularity is Granularity.HOUR and window.end is None
    buckets = window.buckets(epoch_us(NOW))
    assert len(buckets) == 25  # the partial first and current hours
    assert all(local(b, KOLKATA).minute == 0 for b in buckets)
    assert window.contains(epoch_us(NOW)) and not window.contains(epoch_us(NOW - timedelta(days=2)))


def test_presets_custom_and_today() -> None:
    week = preset_window(Preset.LAST_7D, NOW, BERLIN)
    assert week.granularity is Granularity.DAY and week.start == NOW - timedelta(days=7)
    short = custom_window(NOW - timedelta(hours=30), NOW, BERLIN)
    assert short.granularity is Granularity.HOUR and short.end == NOW
    assert not short.contains(epoch_us(NOW))  # the end is exclusive
    today = today_window(NOW, BERLIN)
    assert local(epoch_us(today.start), BERLIN).hour == 0
    old = custom_window(datetime(1965, 1, 1, tzinfo=UTC), datetime(1965, 3, 1, tzinfo=UTC), BERLIN)
    # Before 1970 (negative instants) works; the UTC edges fall inside local days, so the
    # local days 1 Jan .. 1 Mar are all touched.
    assert len(old.buckets(epoch_us(NOW))) == 60


def test_refused_windows_say_why() -> None:
    with pytest.raises(ValidationError, match="end after it starts"):
        custom_window(NOW, NOW - timedelta(hours=1), BERLIN)
    with pytest.raises(ValidationError, match="custom window"):
        preset_window(Preset.CUSTOM, NOW, BERLIN)
    with pytest.raises(ValidationError, match="time zone"):
        Window(datetime(2026, 1, 1), None, Granularity.DAY)
