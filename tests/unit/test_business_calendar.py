"""Business calendars: wall-clock working hours in an IANA zone, holidays, DST, fast arithmetic."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opexdesk.domain.business_calendar import BusinessCalendar, HolidayRange
from opexdesk.domain.errors import ValidationError

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
H = 3600.0
WEEKDAYS = {d: ["09:00-12:00", "13:00-17:00"] for d in ("mon", "tue", "wed", "thu", "fri")}
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"]
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def office(zone: str = "Europe/Berlin", **extra: object) -> BusinessCalendar:
    return BusinessCalendar.from_dict({"time_zone": zone, "hours": WEEKDAYS, **extra})


def every_day(zone: str, interval: str) -> BusinessCalendar:
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    return BusinessCalendar.from_dict({"time_zone": zone, "hours": {d: [interval] for d in days}})


# ---- a slow, obviously right reference: step through time in 15-minute slices ----------


def reference_between(cal: BusinessCalendar, a: datetime, b: datetime) -> float:
    """Count 15-minute slices whose wall-clock time is inside working hours (all boundaries,
    DST changes and the instants used here fall on the 15-minute grid)."""
    step, total, t = timedelta(minutes=15), 0.0, a.astimezone(UTC)
    holidays = {
        h.start + timedelta(days=k) for h in cal.holidays for k in range((h.end - h.start).days + 1)
    }
    while t < b:
        local = t.astimezone(cal.zone)
        sec = local.hour * 3600 + local.minute * 60
        if local.date() not in holidays and any(s <= sec < e for s, e in cal.week[local.weekday()]):
            total += step.total_seconds()
        t += step
    return total


quarter_hours = st.integers(0, 96)
day_intervals = st.lists(st.tuples(quarter_hours, quarter_hours), max_size=3).map(
    lambda pairs: sorted((min(a, b), max(a, b)) for a, b in pairs if a != b)
)


@st.composite
def calendars(draw: st.DrawFn) -> BusinessCalendar:
    week: list[tuple[tuple[int, int], ...]] = []
    for _ in range(7):
        merged: list[tuple[int, int]] = []
        for s, e in draw(day_intervals):  # drop overlaps: the generator wants valid weeks
            if not merged or s >= merged[-1][1]:
                merged.append((s, e))
        week.append(tuple((s * 900, e * 900) for s, e in merged))
    if not any(week):
        week[0] = ((9 * 3600, 17 * 3600),)
    holiday_days = draw(st.sets(st.integers(0, 60), max_size=4))
    holidays = tuple(
        HolidayRange(date(2026, 3, 1) + timedelta(days=k), date(2026, 3, 1) + timedelta(days=k))
        for k in sorted(holiday_days)
    )
    return BusinessCalendar(draw(st.sampled_from(ZONES)), tuple(week), holidays)


instants = st.integers(0, 4 * 24 * 300).map(  # 15-minute grid over 300 days around DST changes
    lambda k: datetime(2026, 2, 20, tzinfo=UTC) + timedelta(minutes=15 * k)
)


@FAST
@given(cal=calendars(), a=instants, span=st.integers(0, 4 * 24 * 9))
def test_matches_reference_over_short_spans(cal: BusinessCalendar, a: datetime, span: int) -> None:
    b = a + timedelta(minutes=15 * span)
    assert cal.business_seconds_between(a, b) == reference_between(cal, a, b)


@FAST
@given(cal=calendars(), a=instants, b=instants, c=instants)
def test_monotonic_and_additive(
    cal: BusinessCalendar, a: datetime, b: datetime, c: datetime
) -> None:
    a, b, c = sorted((a, b, c))
    ab, bc, ac = (cal.business_seconds_between(x, y) for x, y in ((a, b), (b, c), (a, c)))
    assert 0 <= ab <= ac and 0 <= bc <= ac
    assert ab + bc == ac
    assert cal.business_seconds_between(c, a) == -ac


@FAST
@given(
    cal=calendars(),
    start=instants,
    seconds=st.integers(0, 40 * 24 * 3600),
    micros=st.integers(0, 999_999),
)
def test_add_is_the_inverse_of_between(
    cal: BusinessCalendar, start: datetime, seconds: int, micros: int
) -> None:
    start += timedelta(microseconds=micros)
    end = cal.add_business_seconds(start, seconds)
    assert end >= start
    assert cal.business_seconds_between(start, end) == seconds
    if seconds:  # and it is the earliest such instant
        assert cal.business_seconds_between(start, end - timedelta(microseconds=1)) < seconds


@FAST
@given(cal=calendars(), a=instants, b=instants)
def test_add_between_lands_on_b_when_b_is_open(
    cal: BusinessCalendar, a: datetime, b: datetime
) -> None:
    a, b = sorted((a, b))
    back = cal.add_business_seconds(a, cal.business_seconds_between(a, b))
    assert back <= b
    assert cal.business_seconds_between(back, b) == 0  # only closed time between them
    if cal.is_business_time(b) and b > a:
        assert back == b or not cal.is_business_time(b - timedelta(microseconds=1))


@pytest.mark.parametrize(
    ("zone", "change"),
    [
        ("Europe/Berlin", datetime(2026, 3, 29, 1, tzinfo=UTC)),
        ("Europe/Berlin", datetime(2026, 10, 25, 1, tzinfo=UTC)),
        ("America/New_York", datetime(2026, 3, 8, 7, tzinfo=UTC)),
        ("America/New_York", datetime(2026, 11, 1, 6, tzinfo=UTC)),
        ("Australia/Lord_Howe", datetime(2026, 4, 4, 15, tzinfo=UTC)),  # a 30-minute shift
    ],
)
@pytest.mark.parametrize("hours", ["01:00-04:00", "00:00-02:30", "02:15-08:45"])
def test_matches_reference_around_dst_changes(zone: str, change: datetime, hours: str) -> None:
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    cal = BusinessCalendar.from_dict(
        {"time_zone": zone, "hours": {d: [hours, "09:00-17:00"] for d in days}}
    )
    start = change - timedelta(days=2, minutes=45)
    for hours_later in (0, 1, 5, 26, 49, 50, 51, 97):
        end = start + timedelta(hours=hours_later, minutes=30)
        expected = reference_between(cal, start, end)
        assert cal.business_seconds_between(start, end) == expected
        assert cal.business_seconds_between(start, cal.add_business_seconds(start, expected)) == (
            expected
        )


# ---- explicit examples ----------------------------------------------------------------


def test_weekday_with_lunch_break() -> None:
    cal = office()
    mon = datetime(2026, 3, 2, tzinfo=BERLIN)
    assert cal.business_seconds_between(mon, mon + timedelta(days=1)) == 7 * H
    assert cal.business_seconds_between(mon, mon + timedelta(days=7)) == 35 * H
    noon = mon.replace(hour=12)
    assert cal.business_seconds_between(noon, noon.replace(hour=13)) == 0
    assert cal.add_business_seconds(mon.replace(hour=11), H) == noon  # ends at 12:00, not 13:00
    assert cal.add_business_seconds(mon.replace(hour=11), H + 1) == mon.replace(hour=13, second=1)


def test_boundaries_are_start_inclusive_end_exclusive() -> None:
    cal = office()
    mon = datetime(2026, 3, 2, tzinfo=BERLIN)
    assert cal.is_business_time(mon.replace(hour=9))
    assert not cal.is_business_time(mon.replace(hour=17))
    assert not cal.is_business_time(mon.replace(hour=8, minute=59, second=59))
    assert cal.business_seconds_between(mon.replace(hour=9), mon.replace(hour=17)) == 7 * H
    # Friday 17:00 + 1 s of business time is Monday 09:00:01.
    fri = datetime(2026, 3, 6, 17, tzinfo=BERLIN)
    assert cal.add_business_seconds(fri, 1) == datetime(2026, 3, 9, 9, 0, 1, tzinfo=BERLIN)
    assert cal.add_business_seconds(fri, 0) == fri


def test_weekend_and_holidays_are_skipped() -> None:
    cal = office(
        holidays=["2026-04-03", {"from": "2026-04-06", "to": "2026-04-06", "name": "Easter"}]
    )
    thu = datetime(2026, 4, 2, 16, tzinfo=BERLIN)  # Good Friday and Easter Monday follow
    assert cal.add_business_seconds(thu, 2 * H) == datetime(2026, 4, 7, 10, tzinfo=BERLIN)
    assert cal.business_seconds_between(thu, datetime(2026, 4, 7, 10, tzinfo=BERLIN)) == 2 * H


def test_result_keeps_the_callers_zone() -> None:
    cal = office()
    start = datetime(2026, 3, 2, 8, tzinfo=UTC)  # 09:00 in Berlin
    due = cal.add_business_seconds(start, 2 * H)
    assert due.tzinfo is UTC and due == datetime(2026, 3, 2, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "day", "hours"),
    [
        ("Europe/Berlin", date(2026, 3, 29), 2.0),  # 02:00 -> 03:00: 01:00-04:00 lasts 2 h
        ("Europe/Berlin", date(2026, 10, 25), 4.0),  # 03:00 -> 02:00: 01:00-04:00 lasts 4 h
        ("America/New_York", date(2026, 3, 8), 2.0),
        ("America/New_York", date(2026, 11, 1), 4.0),
        ("Europe/Berlin", date(2026, 3, 30), 3.0),  # the day after: back to normal
    ],
)
def test_dst_day_counts_real_hours(zone: str, day: date, hours: float) -> None:
    cal = every_day(zone, "01:00-04:00")
    tz = ZoneInfo(zone)
    start = datetime.combine(day, datetime.min.time(), tz)
    end = datetime.combine(day + timedelta(days=1), datetime.min.time(), tz)
    assert cal.business_seconds_between(start, end) == hours * H
    assert cal.add_business_seconds(start, hours * H) == datetime(
        day.year, day.month, day.day, 4, tzinfo=tz
    )


@pytest.mark.parametrize("day", [date(2026, 3, 29), date(2026, 10, 25)])
def test_24x7_calendar_in_berlin_has_23_or_25_hour_days(day: date) -> None:
    cal = BusinessCalendar.from_dict(
        {"time_zone": "Europe/Berlin", "hours": "24x7", "holidays": ["2026-01-01"]}
    )
    start = datetime.combine(day, datetime.min.time(), BERLIN)
    end = datetime.combine(day + timedelta(days=1), datetime.min.time(), BERLIN)
    expected = (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds()
    assert expected in (23 * H, 25 * H)
    assert cal.business_seconds_between(start, end) == expected


def test_office_hours_across_a_dst_weekend_stay_wall_clock() -> None:
    cal = office("America/New_York")
    fri = datetime(2026, 3, 6, 16, tzinfo=NEW_YORK)  # clocks go forward on Sunday 8 March
    due = cal.add_business_seconds(fri, 2 * H)
    assert due == datetime(2026, 3, 9, 10, tzinfo=NEW_YORK)
    real = due.astimezone(UTC) - fri.astimezone(UTC)
    assert real == timedelta(days=2, hours=17)  # one real hour fewer over the weekend
    assert cal.business_seconds_between(fri, due) == 2 * H


def test_fall_back_repeated_hour_counts_twice() -> None:
    cal = every_day("Europe/Berlin", "02:00-03:00")
    start = datetime(2026, 10, 25, tzinfo=BERLIN)
    assert cal.business_seconds_between(start, start + timedelta(days=1)) == 2 * H
    first = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN)  # fold=0: the first 02:30
    assert cal.add_business_seconds(start, 1.5 * H) == datetime(
        2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN
    ).astimezone(BERLIN)
    assert cal.is_business_time(first)


def test_spring_forward_gap_interval_is_empty() -> None:
    cal = every_day("Europe/Berlin", "02:00-03:00")  # that hour does not exist on 29 March
    start = datetime(2026, 3, 29, tzinfo=BERLIN)
    assert cal.business_seconds_between(start, start + timedelta(days=1)) == 0
    assert cal.add_business_seconds(start, 60) == datetime(2026, 3, 30, 2, 1, tzinfo=BERLIN)


def test_long_spans_are_fast_and_exact() -> None:
    cal = office(holidays=["2027-01-01"])
    start = datetime(2026, 1, 5, 9, tzinfo=BERLIN)  # a Monday
    ten_years = cal.business_seconds_between(start, start + timedelta(days=7 * 52 * 10))
    assert ten_years == (52 * 10 * 35 - 7) * H  # one weekday holiday
    due = cal.add_business_seconds(start, ten_years)
    assert cal.business_seconds_between(start, due) == ten_years


def test_always_open_is_plain_subtraction() -> None:
    cal = BusinessCalendar.always_open()
    a = datetime(2026, 3, 29, 0, 30, tzinfo=BERLIN)
    assert cal.business_seconds_between(a, a + timedelta(hours=5)) == 4 * H  # wall +5 h
    assert cal.add_business_seconds(a, 90) == a + timedelta(seconds=90)
    later = cal.add_business_seconds(a, 5 * H)  # real hours, not wall-clock hours
    assert later == datetime(2026, 3, 29, 6, 30, tzinfo=BERLIN)
    assert cal.business_seconds_between(a, later) == 5 * H


def test_intervals_in_any_order_and_touching_ones() -> None:
    cal = BusinessCalendar.from_dict(
        {"hours": {"Monday": ["13:00-17:00", "9:00-12:00", "12:00-12:30"], "fri": ["00:00-24:00"]}}
    )
    assert cal.week[0] == ((9 * 3600, 12 * 3600 + 1800), (13 * 3600, 17 * 3600))
    assert cal.week[4] == ((0, 86400),)


def test_round_trip_through_dict() -> None:
    cal = office(holidays=[{"from": "2026-12-24", "to": "2026-12-26", "name": "Christmas"}])
    assert BusinessCalendar.from_dict(cal.to_dict()) == cal


# ---- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"time_zone": "Europe/Berln"}, "Unknown time zone 'Europe/Berln'"),
        ({"time_zone": "../../etc/passwd"}, "Unknown time zone"),
        ({"time_zone": 5}, "IANA name"),
        ({"hours": {"mon": ["17:00-09:00"]}}, "ends before it starts"),
        ({"hours": {"mon": ["09:00-12:00", "11:00-13:00"]}}, "overlap"),
        ({"hours": {"mon": ["9-12"]}}, "not an 'HH:MM-HH:MM' interval"),
        ({"hours": {"mon": ["09:00-24:30"]}}, "not a valid time"),
        ({"hours": {"mon": ["09:75-12:00"]}}, "not a valid time"),
        ({"hours": {"funday": ["09:00-12:00"]}}, "Unknown weekday 'funday'"),
        ({"hours": {"mon": []}}, "no working hours"),
        ({"hours": {"mon": "09:00-17:00"}}, "list of"),
        ({"hours": "8x5"}, "24x7"),
        ({"holidays": ["2026-12-25", "2026-12-25"]}, "Holidays overlap"),
        (
            {"holidays": [{"from": "2026-12-24", "to": "2026-12-31"}, "2026-12-30"]},
            "Holidays overlap",
        ),
        ({"holidays": [{"from": "2026-12-31", "to": "2026-12-24"}]}, "before it starts"),
        ({"holidays": ["2026-02-30"]}, "not a date"),
        ({"holidays": [{"from": "2026-01-01", "to": "2062-01-01"}]}, "longer than a year"),
        ({"holidays": [{"day": "2026-02-03"}]}, "Unknown holiday keys"),
        ({"holidays": "2026-12-25"}, "must be a list"),
        ({"timezone": "UTC"}, "Unknown calendar keys: timezone"),
    ],
)
def test_bad_calendars_are_rejected_clearly(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        BusinessCalendar.from_dict(data)


def test_naive_and_bad_arguments_are_rejected() -> None:
    cal = office()
    aware = datetime(2026, 3, 2, 9, tzinfo=BERLIN)
    with pytest.raises(ValidationError, match="no time zone"):
        cal.business_seconds_between(datetime(2026, 3, 2, 9), aware)
    with pytest.raises(ValidationError, match="no time zone"):
        cal.add_business_seconds(datetime(2026, 3, 2, 9), 60)
    for bad in (-1, float("nan"), float("inf"), 1e300):
        with pytest.raises(ValidationError, match="between 0 and"):
            cal.add_business_seconds(aware, bad)
    with pytest.raises(ValidationError, match="must be a number"):
        cal.add_business_seconds(aware, "60")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="out of range"):
        cal.add_business_seconds(datetime.max.replace(tzinfo=UTC), 1)
