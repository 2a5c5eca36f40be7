"""Business-hours calendars: working hours per weekday, holidays, an IANA time zone.

A calendar answers two questions fast: how much business time lies between two instants
(``business_seconds_between``) and when a given amount of business time, counted from an
instant, is used up (``add_business_seconds``).

Semantics (see docs/sla.md): an instant is business time when its *wall-clock* time in the
calendar's zone falls inside one of that weekday's intervals and its local date is not a
holiday. Durations are real (elapsed) seconds, so on a DST day an interval that spans the
change is an hour shorter or longer than its wall-clock length. Instants are handled as integer
microseconds since the epoch, so results are exact and identical on every machine.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from opexdesk.domain.errors import ValidationError

DAY_NAMES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_S = 86_400
_US = 1_000_000
_DAY_US = _DAY_S * _US
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US = timedelta(microseconds=1)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_MAX_ORDINAL = date(9999, 12, 31).toordinal() - 14
_CACHE_LIMIT = 50_000
_MAX_SECONDS = 100 * 366 * _DAY_S  # a century of business time is beyond any target
_HHMM = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")

_T = TypeVar("_T")
Interval = tuple[int, int]  # seconds after local midnight, start < end <= 86400
Span = tuple[int, int]  # UTC microseconds since the epoch, start < end


@dataclass(frozen=True)
class HolidayRange:
    """Closed local dates ``start``..``end`` (inclusive), with an optional name."""

    start: date
    end: date
    name: str = ""


def to_us(moment: datetime, field_name: str = "time") -> int:
    """Aware datetime -> integer microseconds since the epoch (exact, no float rounding)."""
    if not isinstance(moment, datetime):
        raise ValidationError(
            field_name, "{field} must be a datetime, got {value!r}.", field=field_name, value=moment
        )
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValidationError(
            field_name,
            "{field} {moment} has no time zone; use an aware datetime.",
            field=field_name,
            moment=moment.isoformat(),
        )
    if not 1900 <= moment.year <= 9000:  # room for day windows and DST look-ups either side
        raise ValidationError(
            field_name,
            "{field} {moment} is out of range.",
            field=field_name,
            moment=moment.isoformat(),
        )
    return (moment - _EPOCH) // _ONE_US


def from_us(us: int) -> datetime:
    """Integer microseconds since the epoch -> aware UTC datetime."""
    return _EPOCH + timedelta(microseconds=us)


def load_zone(name: object) -> ZoneInfo:
    """The IANA zone called ``name``, or a ValidationError saying the name is not known."""
    if not isinstance(name, str) or not name.strip():
        raise ValidationError(
            "time_zone", "Time zone must be an IANA name, got {name!r}.", name=name
        )
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValidationError(
            "time_zone",
            "Unknown time zone {name!r}; use an IANA name such as 'Europe/Berlin' or 'UTC'.",
            name=name,
        ) from None


@dataclass(frozen=True)
class BusinessCalendar:
    """Weekly working hours in one time zone, minus holidays.

    ``week`` holds seven tuples (Monday first) of sorted, non-overlapping intervals in seconds
    after local midnight. Build one with :meth:`from_dict`, :meth:`always_open` or the
    constructor (which validates too).
    """

    time_zone: str = "UTC"
    week: tuple[tuple[Interval, ...], ...] = (((0, _DAY_S),),) * 7
    holidays: tuple[HolidayRange, ...] = ()
    name: str = ""
    _zone: ZoneInfo = field(init=False, repr=False, compare=False)
    _closed: list[int] = field(init=False, repr=False, compare=False)  # holiday ordinals
    _closed_set: frozenset[int] = field(init=False, repr=False, compare=False)
    _day_totals: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _week_total: int = field(init=False, repr=False, compare=False)
    _plain: bool = field(init=False, repr=False, compare=False)
    _span_cache: dict[int, tuple[Span, ...]] = field(init=False, repr=False, compare=False)
    _day_cache: dict[int, int] = field(init=False, repr=False, compare=False)
    _week_cache: dict[int, int] = field(init=False, repr=False, compare=False)
    _transitions: list[int] = field(init=False, repr=False, compare=False)  # epoch seconds

    def __post_init__(self) -> None:
        _check_week(self.week)
        week = tuple(tuple((int(s), int(e)) for s, e in day) for day in self.week)
        object.__setattr__(self, "week", week)  # hashable, whatever sequences came in
        _check_holidays(self.holidays)
        object.__setattr__(self, "holidays", tuple(sorted(self.holidays, key=_range_key)))
        closed = sorted(
            {o for h in self.holidays for o in range(h.start.toordinal(), h.end.toordinal() + 1)}
        )
        day_totals = tuple(sum(e - s for s, e in day) * _US for day in self.week)
        values: dict[str, object] = {
            "_zone": load_zone(self.time_zone),
            "_closed": closed,
            "_closed_set": frozenset(closed),
            "_day_totals": day_totals,
            "_week_total": sum(day_totals),
            # Open around the clock with no holidays: every instant counts, in any zone.
            "_plain": not self.holidays and all(d == ((0, _DAY_S),) for d in self.week),
            "_span_cache": {},
            "_day_cache": {},
            "_week_cache": {},
            "_transitions": [],
        }
        for key, value in values.items():
            object.__setattr__(self, key, value)  # frozen: derived state is set once here

    # ---- construction -----------------------------------------------------------------

    @classmethod
    def always_open(cls, time_zone: str = "UTC", name: str = "24x7") -> BusinessCalendar:
        """A calendar that is open around the clock (every instant is business time)."""
        return cls(time_zone=time_zone, name=name)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> BusinessCalendar:
        """Parse a JSON-style dict; see docs/sla.md for the format. Raises ValidationError."""
        if not isinstance(data, Mapping):
            raise ValidationError("calendar", "Calendar must be an object (a JSON dict).")
        unknown = set(data) - {"name", "time_zone", "hours", "holidays"}
        if unknown:
            raise ValidationError(
                "calendar",
                "Unknown calendar keys: {keys}.",
                keys=", ".join(sorted(map(str, unknown))),
            )
        name, zone = data.get("name", ""), data.get("time_zone", "UTC")
        if not isinstance(name, str):
            raise ValidationError("calendar.name", "Calendar name must be text.")
        load_zone(zone)  # a clear error for a non-string or unknown name
        week = _parse_hours(data.get("hours", "24x7"))
        holidays = _parse_holidays(data.get("holidays", []))
        return cls(time_zone=str(zone).strip(), week=week, holidays=holidays, name=name)

    def to_dict(self) -> dict[str, object]:
        """The JSON-style dict that :meth:`from_dict` reads back to an equal calendar."""
        hours: dict[str, list[str]] = {
            DAY_NAMES[i]: [f"{_fmt(s)}-{_fmt(e)}" for s, e in day]
            for i, day in enumerate(self.week)
        }
        return {
            "name": self.name,
            "time_zone": self.time_zone,
            "hours": hours,
            "holidays": [
                {"from": h.start.isoformat(), "to": h.end.isoformat(), "name": h.name}
                for h in self.holidays
            ],
        }

    @property
    def zone(self) -> ZoneInfo:
        """The calendar's time zone."""
        return self._zone

    # ---- queries ----------------------------------------------------------------------

    def is_business_time(self, moment: datetime) -> bool:
        """True if ``moment`` is inside working hours (interval start inclusive, end exclusive)."""
        us = to_us(moment)
        return any(s <= us < e for s, e in self._spans(self._ordinal(us)))

    def business_seconds_between(self, start: datetime, end: datetime) -> float:
        """Business seconds in [start, end); negative if ``end`` is before ``start``."""
        return self.business_us_between(to_us(start, "start"), to_us(end, "end")) / _US

    def add_business_seconds(self, start: datetime, seconds: float) -> datetime:
        """The earliest instant at which ``seconds`` of business time have passed since
        ``start``, in ``start``'s time zone. ``seconds`` must be >= 0; 0 returns ``start``."""
        if isinstance(seconds, bool) or not isinstance(seconds, int | float):
            raise ValidationError(
                "seconds", "Business seconds must be a number, got {value!r}.", value=seconds
            )
        if not 0 <= seconds <= _MAX_SECONDS:  # also refuses NaN and infinity
            raise ValidationError(
                "seconds",
                "Business seconds must be between 0 and {limit}, got {value!r}.",
                limit=_MAX_SECONDS,
                value=seconds,
            )
        start_us = to_us(start, "start")
        amount = round(seconds * _US)
        if self._plain and start.utcoffset() == timedelta(0):
            return start + timedelta(microseconds=amount)  # keeps the caller's tzinfo object
        # Via UTC: aware arithmetic inside one zone would add wall-clock time, not real time.
        return from_us(self.add_business_us(start_us, amount)).astimezone(start.tzinfo)

    def business_us_between(self, a: int, b: int) -> int:
        """Business microseconds in [a, b) for epoch microseconds (negative if b < a)."""
        if b < a:
            return -self.business_us_between(b, a)
        if self._plain or a == b:
            return b - a
        da, db = self._ordinal(a), self._ordinal(b)
        if da == db:
            return _overlap(self._spans(da), a, b)
        total = _overlap(self._spans(da), a, b) + _overlap(self._spans(db), a, b)
        d = da + 1
        while d < db and d % 7 != 1:  # ordinal % 7 == 1 is a Monday
            total += self._day_total(d)
            d += 1
        while d + 7 <= db:
            total += self._week_total_at(d)
            d += 7
        while d < db:
            total += self._day_total(d)
            d += 1
        return total

    def add_business_us(self, start: int, amount: int) -> int:
        """Epoch microseconds at which ``amount`` business microseconds after ``start`` end."""
        if amount <= 0:
            return start
        if self._plain:
            return start + amount
        d = self._ordinal(start)
        for s, e in self._spans(d):
            if e <= start:
                continue
            s = max(s, start)
            if amount <= e - s:
                return s + amount
            amount -= e - s
        d += 1
        while d % 7 != 1:
            total = self._day_total(d)
            if amount <= total:
                return self._within_day(d, amount)
            amount -= total
            d += 1
        while True:  # whole weeks: one addition each unless a holiday or DST change is in it
            week = self._week_total_at(d)
            if amount <= week:
                break
            amount -= week
            d += 7
            if d > _MAX_ORDINAL:
                raise ValidationError("seconds", "Business time runs past the year 9999.")
        while True:
            total = self._day_total(d)
            if amount <= total:
                return self._within_day(d, amount)
            amount -= total
            d += 1

    # ---- internals --------------------------------------------------------------------

    def _ordinal(self, us: int) -> int:
        """Local date (proleptic ordinal) of the instant ``us`` in the calendar's zone."""
        # Whole seconds are exact here: offsets and midnights fall on whole seconds.
        return datetime.fromtimestamp(us // _US, self._zone).toordinal()

    def _offset_s(self, us: int) -> int:
        off = datetime.fromtimestamp(us // _US, self._zone).utcoffset()
        return 0 if off is None else off // timedelta(seconds=1)

    def _offsets_around(self, first: int, last: int) -> tuple[int, int]:
        """UTC offsets (s) well before local day ``first`` and well after local day ``last``."""
        lo = (first - _EPOCH_ORDINAL - 2) * _DAY_US
        hi = (last - _EPOCH_ORDINAL + 3) * _DAY_US
        return self._offset_s(lo), self._offset_s(hi)

    def _within_day(self, d: int, amount: int) -> int:
        for s, e in self._spans(d):
            if amount <= e - s:
                return s + amount
            amount -= e - s
        raise AssertionError("day total and spans disagree")  # pragma: no cover

    def _day_total(self, d: int) -> int:
        cache = self._day_cache
        hit = cache.get(d)
        if hit is None:
            if d in self._closed_set:
                hit = 0
            else:
                before, after = self._offsets_around(d, d)
                if before == after:  # no DST change near: the wall-clock length is the length
                    hit = self._day_totals[(d - 1) % 7]
                else:
                    hit = sum(e - s for s, e in self._spans(d))
            _remember(cache, d, hit)
        return hit

    def _week_total_at(self, monday: int) -> int:
        cache = self._week_cache
        hit = cache.get(monday)
        if hit is None:
            closed = self._closed
            i = bisect.bisect_left(closed, monday)
            has_holiday = i < len(closed) and closed[i] <= monday + 6
            before, after = self._offsets_around(monday, monday + 6)
            if not has_holiday and before == after:
                hit = self._week_total
            else:
                hit = sum(self._day_total(monday + k) for k in range(7))
            _remember(cache, monday, hit)
        return hit

    def _spans(self, d: int) -> tuple[Span, ...]:
        """UTC spans of local day ``d`` whose wall-clock time is inside working hours."""
        cache = self._span_cache
        hit = cache.get(d)
        if hit is not None:
            return hit
        spans: list[Span] = []
        if d not in self._closed_set:
            wall0 = (d - _EPOCH_ORDINAL) * _DAY_US
            before, after = self._offsets_around(d, d)
            change = None if before == after else self._transition(d, after)
            for s, e in self.week[(d - 1) % 7]:
                ws, we = wall0 + s * _US, wall0 + e * _US
                if change is None:
                    pieces = [(ws - before * _US, we - before * _US)]
                else:  # wall time -> UTC on each side of the change, clipped to that side
                    pieces = [
                        (ws - before * _US, min(we - before * _US, change)),
                        (max(ws - after * _US, change), we - after * _US),
                    ]
                for a, b in pieces:
                    if a < b:
                        if spans and spans[-1][1] == a:
                            spans[-1] = (spans[-1][0], b)
                        else:
                            spans.append((a, b))
        result = tuple(spans)
        _remember(cache, d, result)
        return result

    def _transition(self, d: int, after: int) -> int:
        """The UTC instant (us) of the offset change near local day ``d`` (binary search)."""
        lo = (d - _EPOCH_ORDINAL - 2) * _DAY_S  # seconds; offset here is the "before" one
        hi = (d - _EPOCH_ORDINAL + 3) * _DAY_S  # offset here is the "after" one
        for known in self._transitions:  # neighbouring days share the same change
            if lo < known <= hi:
                return known * _US
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self._offset_s(mid * _US) == after:
                hi = mid
            else:
                lo = mid
        if len(self._transitions) < _CACHE_LIMIT:
            self._transitions.append(hi)
        return hi * _US


def _remember(cache: dict[int, _T], key: int, value: _T) -> None:
    if len(cache) >= _CACHE_LIMIT:  # bounded: long-running servers see many dates
        cache.clear()
    cache[key] = value


def _overlap(spans: Sequence[Span], a: int, b: int) -> int:
    return sum(max(0, min(e, b) - max(s, a)) for s, e in spans)


def _fmt(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def _check_week(week: object) -> None:
    if not isinstance(week, tuple | list) or len(week) != 7:
        raise ValidationError("hours", "Working hours need exactly seven days, Monday first.")
    for i, day in enumerate(week):
        previous_end = -1
        for s, e in day:
            if not (0 <= s < e <= _DAY_S):
                raise ValidationError(
                    "hours",
                    "{day}: interval {interval} is empty or reversed.",
                    day=DAY_NAMES[i],
                    interval=f"{_fmt(s)}-{_fmt(e)}",
                )
            if s < previous_end:
                raise ValidationError(
                    "hours",
                    "{day}: interval {interval} overlaps the one before.",
                    day=DAY_NAMES[i],
                    interval=f"{_fmt(s)}-{_fmt(e)}",
                )
            previous_end = e
    if not any(week):
        raise ValidationError("hours", "The calendar has no working hours on any day.")


def _check_holidays(holidays: Sequence[HolidayRange]) -> None:
    ordered = sorted(holidays, key=_range_key)
    for h in ordered:
        if h.end < h.start:
            raise ValidationError(
                "holidays",
                "Holiday {holiday} ends before it starts.",
                holiday=h.name or h.start.isoformat(),
            )
        if (h.end - h.start).days > 366:  # a holiday over a year long is a typo in a year
            raise ValidationError(
                "holidays", "Holiday {holiday} is longer than a year.", holiday=_label(h)
            )
    for prev, cur in zip(ordered, ordered[1:], strict=False):
        if cur.start <= prev.end:  # rejected, not merged: a duplicate usually hides a typo
            raise ValidationError(
                "holidays",
                "Holidays overlap: {first} and {second}; list each date once.",
                first=_label(prev),
                second=_label(cur),
            )


def _range_key(h: HolidayRange) -> tuple[date, date]:
    return (h.start, h.end)


def _label(h: HolidayRange) -> str:
    span = h.start.isoformat() if h.start == h.end else f"{h.start}..{h.end}"
    return f"{h.name} ({span})" if h.name else span


def _parse_time(hh: str, mm: str, text: str, day: str) -> int:
    h, m = int(hh), int(mm)
    if m >= 60 or h > 24 or (h == 24 and m != 0):
        raise ValidationError(
            "hours", "{day}: {time!r} is not a valid time of day.", day=day, time=text
        )
    return h * 3600 + m * 60


def _parse_day(day: str, value: object) -> tuple[Interval, ...]:
    if not isinstance(value, list | tuple):
        raise ValidationError("hours", "{day}: give a list of 'HH:MM-HH:MM' intervals.", day=day)
    parsed: list[Interval] = []
    for item in value:
        match = _HHMM.match(item) if isinstance(item, str) else None
        if match is None:
            raise ValidationError(
                "hours", "{day}: {item!r} is not an 'HH:MM-HH:MM' interval.", day=day, item=item
            )
        s, e = (
            _parse_time(match[1], match[2], item, day),
            _parse_time(match[3], match[4], item, day),
        )
        if e <= s:
            raise ValidationError(
                "hours",
                "{day}: {item!r} ends before it starts; split a night shift at midnight "
                "(e.g. '22:00-24:00' and the next day '00:00-06:00').",
                day=day,
                item=item,
            )
        parsed.append((s, e))
    out: list[Interval] = []
    for s, e in sorted(parsed):
        if out and s == out[-1][1]:  # touching intervals are one; overlaps: _check_week
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return tuple(out)


def _parse_hours(hours: object) -> tuple[tuple[Interval, ...], ...]:
    if hours == "24x7":
        return (((0, _DAY_S),),) * 7
    if not isinstance(hours, Mapping):
        raise ValidationError("hours", "Working hours must be '24x7' or an object per weekday.")
    week: list[tuple[Interval, ...]] = [()] * 7
    for key, value in hours.items():
        name = str(key).strip().lower()
        if name in DAY_NAMES:
            index = DAY_NAMES.index(name)
        elif name in _FULL_DAY_NAMES:
            index = _FULL_DAY_NAMES.index(name)
        else:
            raise ValidationError(
                "hours",
                "Unknown weekday {key!r}; use {days}.",
                key=key,
                days=", ".join(DAY_NAMES),
            )
        week[index] = _parse_day(DAY_NAMES[index], value)
    result = tuple(week)
    _check_week(result)
    return result


def _parse_date(value: object, what: str) -> date:
    """A holiday date; ``what`` ("", "start" or "end") says which one the message names."""
    try:
        if isinstance(value, str):
            return date.fromisoformat(value.strip())
    except ValueError:
        pass
    if what == "start":
        raise ValidationError(
            "holidays", "Holiday start {value!r} is not a date (YYYY-MM-DD).", value=value
        )
    if what == "end":
        raise ValidationError(
            "holidays", "Holiday end {value!r} is not a date (YYYY-MM-DD).", value=value
        )
    raise ValidationError("holidays", "Holiday {value!r} is not a date (YYYY-MM-DD).", value=value)


def _parse_holidays(value: object) -> tuple[HolidayRange, ...]:
    if not isinstance(value, list | tuple):
        raise ValidationError("holidays", "Holidays must be a list.")
    out: list[HolidayRange] = []
    for item in value:
        if isinstance(item, str):
            day = _parse_date(item, "")
            out.append(HolidayRange(day, day))
        elif isinstance(item, Mapping):
            extra = set(item) - {"date", "from", "to", "name"}
            if extra:
                raise ValidationError(
                    "holidays",
                    "Unknown holiday keys: {keys}.",
                    keys=", ".join(sorted(map(str, extra))),
                )
            name = item.get("name", "")
            if not isinstance(name, str):
                raise ValidationError("holidays", "Holiday name must be text.")
            start = _parse_date(item.get("date", item.get("from")), "start")
            end = _parse_date(item.get("to", item.get("date", item.get("from"))), "end")
            out.append(HolidayRange(start, end, name))
        else:
            raise ValidationError(
                "holidays", "Holiday {item!r} is not a date or an object.", item=item
            )
    return tuple(out)
