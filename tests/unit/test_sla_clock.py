"""The SLA clock replayed from a ticket's events: pause, reopen, re-target, warnings, order."""

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opexdesk.domain.enums import Priority, Status
from opexdesk.domain.errors import ValidationError
from opexdesk.domain.sla import DEFAULT_POLICY, SlaPolicy
from opexdesk.domain.sla_clock import (
    SlaEvent,
    WarningLevel,
    breach_text,
    compute_clock,
    format_duration,
)

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)  # a Monday
M = timedelta(minutes=1)
H = timedelta(hours=1)
OFFICE = SlaPolicy.from_dict(
    {
        "calendar": {
            "time_zone": "Europe/Berlin",
            "hours": {
                d: ["09:00-12:00", "13:00-17:00"] for d in ("mon", "tue", "wed", "thu", "fri")
            },
            "holidays": ["2026-03-27"],
        },
        "targets": {
            "P1": {"response": "15m", "resolution": "4h"},
            "P2": {"response": "1h", "resolution": "8h"},
            "P3": {"response": "4h", "resolution": "24h"},
            "P4": {"response": "8h", "resolution": "80h"},
        },
    }
)
NEW_YORK = SlaPolicy.from_dict(
    {
        "calendar": {
            "time_zone": "America/New_York",
            "hours": {d: ["08:00-18:00"] for d in ("mon", "tue", "wed", "thu", "fri", "sat")},
            "holidays": ["2026-11-26"],
        },
        "targets": OFFICE.to_dict()["targets"],
        "pausing_statuses": ["pending", "assigned"],
    }
)
POLICIES = st.sampled_from([DEFAULT_POLICY, OFFICE, NEW_YORK])
# Property histories start on a plain Monday or just before the 2026 DST changes.
STARTS = st.sampled_from(
    [T0, datetime(2026, 3, 26, 8, tzinfo=UTC), datetime(2026, 10, 24, 7, tzinfo=UTC)]
)
FAST = settings(max_examples=80, deadline=None)


def opened(priority: Priority = Priority.P2, at: datetime = T0) -> SlaEvent:
    return SlaEvent.opened(at, priority, seq=0)


def test_running_clock_predicts_the_breach() -> None:
    clock = compute_clock([opened()], T0 + 5 * H + 25 * M)
    res = clock.resolution
    assert res.running and not res.paused and not res.breached
    assert res.elapsed_seconds == (5 * H + 25 * M).total_seconds()
    assert res.due_at == T0 + 8 * H
    assert breach_text(res, clock.now) == "breaches in 2 h 35 min"
    assert res.level is WarningLevel.NONE and res.next_level_at == T0 + 6 * H  # 75 % of 8 h
    assert clock.response.breached and clock.response.breached_at == T0 + H
    assert breach_text(clock.response, clock.now) == "breached 4 h 25 min ago"


def test_warning_levels_follow_the_share_used() -> None:
    levels = [
        compute_clock([opened()], T0 + m * M).resolution.level for m in (359, 360, 432, 480, 481)
    ]
    assert levels == [
        WarningLevel.NONE,
        WarningLevel.WARNING,
        WarningLevel.CRITICAL,
        WarningLevel.CRITICAL,  # exactly at the deadline: not yet breached
        WarningLevel.BREACHED,
    ]


def test_pending_pauses_both_clocks() -> None:
    events = [
        opened(),
        SlaEvent.status_changed(T0 + 10 * M, Status.PENDING, 1),
        SlaEvent.status_changed(T0 + 3 * H, Status.IN_PROGRESS, 2),
    ]
    during = compute_clock(events, T0 + 2 * H)
    assert during.resolution.paused and during.resolution.due_at is None
    assert during.resolution.elapsed_seconds == 600
    assert breach_text(during.resolution, during.now) == "paused"
    after = compute_clock(events, T0 + 4 * H)
    assert after.resolution.elapsed_seconds == (H + 10 * M).total_seconds()
    assert after.resolution.due_at == T0 + 4 * H + (8 * H - (H + 10 * M))
    assert after.response.breached_at == T0 + 3 * H + 50 * M


def test_response_stops_at_first_response_and_resolution_counts() -> None:
    events = [opened(), SlaEvent.responded(T0 + 20 * M, 1), SlaEvent.responded(T0 + 2 * H, 2)]
    clock = compute_clock(events, T0 + 3 * H)
    assert clock.response.met_at == T0 + 20 * M and clock.response.elapsed_seconds == 1200
    assert breach_text(clock.response, clock.now) == "met"
    solved = compute_clock(
        [opened(), SlaEvent.status_changed(T0 + 2 * H, Status.RESOLVED, 1)], T0 + 3 * H
    )
    assert solved.response.met_at == T0 + 2 * H and solved.response.breached
    assert breach_text(solved.response, solved.now) == "met late"
    assert solved.resolution.met_at == T0 + 2 * H and not solved.resolution.running


def test_reopen_keeps_the_elapsed_time() -> None:
    events = [
        opened(),
        SlaEvent.status_changed(T0 + 3 * H, Status.RESOLVED, 1),
        SlaEvent.status_changed(T0 + 10 * H, Status.IN_PROGRESS, 2),
    ]
    clock = compute_clock(events, T0 + 11 * H)
    assert clock.resolution.met_at is None and clock.resolution.running
    assert clock.resolution.elapsed_seconds == (4 * H).total_seconds()
    assert clock.response.met_at == T0 + 3 * H  # the reopen does not restart the response
    closed = compute_clock(
        [*events, SlaEvent.status_changed(T0 + 12 * H, Status.RESOLVED, 3)], T0 + 20 * H
    )
    assert closed.resolution.met_at == T0 + 12 * H
    assert closed.resolution.elapsed_seconds == (5 * H).total_seconds()


def test_priority_change_retargets_from_the_opening() -> None:
    events = [opened(Priority.P4), SlaEvent.priority_changed(T0 + 2 * H, Priority.P1, 1)]
    clock = compute_clock(events, T0 + 3 * H)
    assert clock.priority is Priority.P1
    assert clock.resolution.target_seconds == 4 * 3600
    assert clock.resolution.elapsed_seconds == 3 * 3600  # elapsed kept, target from opening
    assert clock.resolution.due_at == T0 + 4 * H
    assert clock.response.breached_at == T0 + 15 * M  # P1's 15 min, measured from the opening
    down = compute_clock(
        [opened(Priority.P1), SlaEvent.priority_changed(T0 + H, Priority.P4, 1)], T0 + 5 * H
    )
    assert not down.resolution.breached and down.resolution.due_at == T0 + 240 * H


def test_business_calendar_clock_across_a_weekend_holiday_and_dst() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    friday = datetime(2026, 3, 20, 16, tzinfo=berlin)  # next Friday is a holiday; DST on 29th
    monday = datetime(2026, 3, 23, 10, tzinfo=berlin)
    clock = compute_clock([opened(Priority.P3, friday)], monday, OFFICE)
    assert clock.response.elapsed_seconds == 2 * 3600  # Fri 16-17, Mon 09-10
    assert clock.response.due_at == datetime(2026, 3, 23, 12, tzinfo=berlin)
    assert clock.response.due_at.tzinfo is berlin  # shown in the zone ``now`` was given in
    assert clock.resolution.due_at == datetime(2026, 3, 26, 11, tzinfo=berlin)  # 1+7+7+7+2 h
    slow = compute_clock([opened(Priority.P4, friday)], monday, OFFICE)
    # 80 h: 1 (Fri) + 28 (Mon-Thu) + holiday + 35 (week with DST) + 7 + 7 + 2 -> Wed 8 April
    assert slow.resolution.due_at == datetime(2026, 4, 8, 11, tzinfo=berlin)


def test_events_after_now_are_ignored_and_early_events_take_effect_at_opening() -> None:
    future = [opened(), SlaEvent.status_changed(T0 + 5 * H, Status.PENDING, 1)]
    assert compute_clock(future, T0 + H).resolution.running
    skewed = [opened(), SlaEvent.status_changed(T0 - H, Status.PENDING, 1)]
    assert compute_clock(skewed, T0 + H).resolution.elapsed_seconds == 0
    before = compute_clock([opened()], T0 - H)  # "now" before the opening reads as the opening
    assert before.resolution.elapsed_seconds == 0 and before.resolution.running
    assert before.resolution.due_at == T0 + 8 * H


def test_badge_texts() -> None:
    assert format_duration(35 * 60) == "35 min"
    assert format_duration(2 * 3600 + 5 * 60) == "2 h 5 min"
    assert format_duration(3 * 86400 + 4 * 3600) == "3 d 4 h"
    assert format_duration(20) == "1 min"
    clock = compute_clock([opened()], T0 + 8 * H)
    assert breach_text(clock.resolution, clock.now) == "breaches now"
    paused = compute_clock(
        [opened(), SlaEvent.status_changed(T0 + 2 * H, Status.PENDING, 1)], T0 + 3 * H
    )
    assert breach_text(paused.response, paused.now) == "breached 2 h ago, paused"


# ---- properties ---------------------------------------------------------------------------

STATUS_MOVES = st.sampled_from(
    [Status.ASSIGNED, Status.IN_PROGRESS, Status.PENDING, Status.RESOLVED, Status.NEW]
)


@st.composite
def histories(draw: st.DrawFn) -> list[SlaEvent]:
    start = draw(STARTS)
    events = [SlaEvent.opened(start, draw(st.sampled_from(list(Priority))), seq=0)]
    minutes = 0
    for seq in range(1, draw(st.integers(0, 12)) + 1):
        minutes += draw(st.integers(0, 600))
        at = start + minutes * M
        kind = draw(st.integers(0, 5))
        if kind <= 3:
            events.append(SlaEvent.status_changed(at, draw(STATUS_MOVES), seq))
        elif kind == 4:
            events.append(SlaEvent.priority_changed(at, draw(st.sampled_from(list(Priority))), seq))
        else:
            events.append(SlaEvent.responded(at, seq))
    return events


def paused_us(events: list[SlaEvent], policy: SlaPolicy, now: datetime) -> float:
    """Business seconds spent in non-running states, from the events directly."""
    status, since, total = Status.NEW, events[0].at, 0.0
    for event in [*events[1:], SlaEvent.status_changed(now, Status.NEW, 10**6)]:
        at = min(event.at, now)
        if event.status is None:
            continue
        if status in policy.pausing_statuses or status in (Status.RESOLVED, Status.CLOSED):
            total += policy.calendar.business_seconds_between(since, at)
        status, since = event.status, at
    return total


@FAST
@given(events=histories(), policy=POLICIES, hours=st.integers(0, 240))
def test_paused_time_never_counts(events: list[SlaEvent], policy: SlaPolicy, hours: int) -> None:
    now = events[0].at + hours * H
    clock = compute_clock(events, now, policy)
    open_time = policy.calendar.business_seconds_between(events[0].at, now)
    assert clock.resolution.elapsed_seconds == open_time - paused_us(events, policy, now)
    assert clock.response.elapsed_seconds <= clock.resolution.elapsed_seconds


@FAST
@given(events=histories(), policy=POLICIES, a=st.integers(0, 6000), b=st.integers(0, 6000))
def test_elapsed_never_decreases(events: list[SlaEvent], policy: SlaPolicy, a: int, b: int) -> None:
    start = events[0].at
    early, late = (compute_clock(events, start + m * M, policy) for m in sorted((a, b)))
    for name in ("response", "resolution"):
        x, y = getattr(early, name), getattr(late, name)
        assert x.elapsed_seconds <= y.elapsed_seconds
        assert not x.breached or y.breached or early.priority != late.priority


@FAST
@given(events=histories(), policy=POLICIES, hours=st.integers(0, 240), seed=st.integers())
def test_replay_order_does_not_matter(
    events: list[SlaEvent], policy: SlaPolicy, hours: int, seed: int
) -> None:
    shuffled = list(events)
    random.Random(seed).shuffle(shuffled)
    now = events[0].at + hours * H
    assert compute_clock(shuffled, now, policy) == compute_clock(events, now, policy)


@FAST
@given(events=histories(), policy=POLICIES, hours=st.integers(0, 240))
def test_priority_changes_keep_the_elapsed_time(
    events: list[SlaEvent], policy: SlaPolicy, hours: int
) -> None:
    now = events[0].at + hours * H
    clock = compute_clock(events, now, policy)
    plain = compute_clock([e for e in events if e.priority is None or e is events[0]], now, policy)
    for name in ("response", "resolution"):
        assert getattr(clock, name).elapsed_seconds == getattr(plain, name).elapsed_seconds
    target = policy.target_for(clock.priority)
    assert clock.resolution.target_seconds == target.resolution.total_seconds()


@FAST
@given(events=histories(), policy=POLICIES, hours=st.integers(0, 240))
def test_breach_and_due_instants_agree_with_elapsed(
    events: list[SlaEvent], policy: SlaPolicy, hours: int
) -> None:
    now = events[0].at + hours * H
    events = [e for e in events if e.at <= now]  # due_at predicts "if nothing else happens"
    clock = compute_clock(events, now, policy)
    for timer in (clock.response, clock.resolution):
        assert timer.breached == (timer.elapsed_seconds > timer.target_seconds)
        if timer.breached_at is not None:
            assert timer.breached_at <= now
            at_breach = compute_clock(events, timer.breached_at, policy)
            assert getattr(at_breach, timer.name).elapsed_seconds == timer.target_seconds
        if timer.due_at is not None and not timer.breached:
            assert timer.running and timer.due_at >= now
            at_due = getattr(compute_clock(events, timer.due_at, policy), timer.name)
            assert at_due.elapsed_seconds == timer.target_seconds


def test_equal_times_are_ordered_by_seq_in_any_arrival_order() -> None:
    same = T0 + H
    events = [
        opened(),
        SlaEvent.status_changed(same, Status.PENDING, 2),
        SlaEvent.status_changed(same, Status.IN_PROGRESS, 1),
    ]
    for order in (events, events[::-1], [events[1], events[0], events[2]]):
        clock = compute_clock(order, T0 + 2 * H)
        assert clock.status is Status.PENDING and clock.resolution.paused


# ---- bad input ----------------------------------------------------------------------------


def test_bad_histories_are_rejected_clearly() -> None:
    with pytest.raises(ValidationError, match="no time zone"):
        SlaEvent.opened(datetime(2026, 3, 2, 9), Priority.P1)
    with pytest.raises(ValidationError, match="no time zone"):
        compute_clock([opened()], datetime(2026, 3, 2, 9))
    with pytest.raises(ValidationError, match="exactly one 'opened'"):
        compute_clock([SlaEvent.responded(T0)], T0)
    with pytest.raises(ValidationError, match="exactly one 'opened'"):
        compute_clock([opened(), opened(at=T0 + H)], T0)
    with pytest.raises(ValidationError, match="Unknown status 'waiting'"):
        SlaEvent.from_dict({"kind": "status", "at": T0.isoformat(), "status": "waiting"})
    with pytest.raises(ValidationError, match="Unknown priority 'P7'"):
        SlaEvent.from_dict({"kind": "priority", "at": T0.isoformat(), "priority": "P7"})
    with pytest.raises(ValidationError, match="Unknown event kind 'merged'"):
        SlaEvent.from_dict({"kind": "merged", "at": T0.isoformat()})
    with pytest.raises(ValidationError, match="not ISO 8601"):
        SlaEvent.from_dict({"kind": "responded", "at": "yesterday"})
    with pytest.raises(ValidationError, match="no time zone"):
        SlaEvent.from_dict({"kind": "responded", "at": "2026-03-02T09:00:00"})
    with pytest.raises(ValidationError, match="needs a status"):
        SlaEvent.from_dict({"kind": "status", "at": T0.isoformat()})
    with pytest.raises(ValidationError, match="seq must be an integer"):
        SlaEvent.from_dict({"kind": "responded", "at": T0.isoformat(), "seq": "3"})


def test_events_parse_from_dicts() -> None:
    event = SlaEvent.from_dict(
        {"kind": "opened", "at": "2026-03-02T10:00:00+01:00", "seq": 4, "priority": "P2"}
    )
    assert event == SlaEvent.opened(T0, Priority.P2, seq=4)
