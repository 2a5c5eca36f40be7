"""The dashboard's time window, its buckets (hours or days in the SLA calendar's time zone),
and the filters (site, group, category, priority) a view is restricted to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

from opexdesk.domain.errors import ValidationError
from opexdesk.services.metrics.facts import TicketFacts, epoch_us

HOUR_US = 3_600_000_000
DAY_US = 24 * HOUR_US
_GRANULE_US = 900_000_000  # every zone offset is a multiple of 15 minutes
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Granularity(StrEnum):
    HOUR = "hour"
    DAY = "day"


class Preset(StrEnum):
    """The windows offered: the last 24 hours (hourly), 7 or 30 days (daily), custom."""

    LAST_24H = "24h"
    LAST_7D = "7d"
    LAST_30D = "30d"
    CUSTOM = "custom"


_PRESET_SPAN = {
    Preset.LAST_24H: timedelta(hours=24),
    Preset.LAST_7D: timedelta(days=7),
    Preset.LAST_30D: timedelta(days=30),
}


@dataclass(frozen=True)
class Filters:
    """Exact current values a ticket must have to count (None: any)."""

    site: str | None = None
    group_name: str | None = None
    category: str | None = None
    priority: int | None = None

    def matches(self, facts: TicketFacts) -> bool:
        return (
            (self.site is None or facts.site == self.site)
            and (self.group_name is None or facts.group_name == self.group_name)
            and (self.category is None or facts.category == self.category)
            and (self.priority is None or facts.priority == self.priority)
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "site": self.site,
            "group_name": self.group_name,
            "category": self.category,
            "priority": self.priority,
        }


@dataclass(frozen=True)
class Window:
    """Instants ``start`` <= t < ``end`` (``end`` None: up to now, growing as time passes),
    counted in ``granularity`` buckets that start on the hour / at midnight in ``zone``."""

    start: datetime
    end: datetime | None
    granularity: Granularity
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or (self.end is not None and self.end.tzinfo is None):
            raise ValidationError("window", "Window times need a time zone.")
        if self.end is not None and self.end <= self.start:
            raise ValidationError("window", "The window must end after it starts.")

    @property
    def start_us(self) -> int:
        return epoch_us(self.start)

    @property
    def end_us(self) -> int | None:
        return None if self.end is None else epoch_us(self.end)

    def contains(self, us: int | None) -> bool:
        if us is None or us < self.start_us:
            return False
        end = self.end_us
        return end is None or us < end

    def bucket_of(self, us: int) -> int:
        """Start (epoch µs) of the bucket holding ``us``: the local hour or the local day."""
        offset = self._offset(us)
        local = us + offset
        size = HOUR_US if self.granularity is Granularity.HOUR else DAY_US
        local_start = local - local % size
        start = local_start - offset
        # The day may start under another offset than ``us`` (a DST change that day).
        return local_start - self._offset(start) if size == DAY_US else start

    def buckets(self, until_us: int) -> list[int]:
        """Bucket starts from the window's start up to ``until_us`` (or the end)."""
        end = self.end_us
        last = until_us if end is None else min(until_us, end - 1)
        out: list[int] = []
        step = HOUR_US if self.granularity is Granularity.HOUR else 26 * HOUR_US
        b = self.bucket_of(self.start_us)
        while b <= last and len(out) < 100_000:
            out.append(b)
            nxt = self.bucket_of(b + step)
            b = nxt if nxt > b else b + HOUR_US
        return out

    def _offset(self, us: int) -> int:
        return _zone_offset(self.zone, us // _GRANULE_US)


@lru_cache(maxsize=65_536)
def _zone_offset(zone: ZoneInfo, granule: int) -> int:
    """UTC offset (µs) of ``zone`` in a 15-minute granule (offsets change on its edges)."""
    try:
        moment = _EPOCH + timedelta(microseconds=granule * _GRANULE_US)
        delta = moment.astimezone(zone).utcoffset()
    except (OverflowError, ValueError):
        return 0
    return 0 if delta is None else delta // timedelta(microseconds=1)


def preset_window(preset: Preset, now: datetime, zone: ZoneInfo) -> Window:
    """The window a preset means at ``now``: open-ended, hourly for 24 h, else daily."""
    span = _PRESET_SPAN.get(preset)
    if span is None:
        raise ValidationError("window", "A custom window needs its own start and end.")
    granularity = Granularity.HOUR if span <= timedelta(hours=48) else Granularity.DAY
    return Window(now - span, None, granularity, zone)


def custom_window(start: datetime, end: datetime, zone: ZoneInfo) -> Window:
    """A fixed window; hourly when it spans two days or less, daily otherwise."""
    granularity = Granularity.HOUR if end - start <= timedelta(hours=48) else Granularity.DAY
    return Window(start, end, granularity, zone)


def today_window(now: datetime, zone: ZoneInfo) -> Window:
    """From local midnight (in ``zone``) onwards: the KPI strip's "today"."""
    local = now.astimezone(zone)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return Window(midnight.astimezone(UTC), None, Granularity.HOUR, zone)
