"""SLA policies: parsing and validation, the shipped default, and due_times compatibility."""

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opexdesk.domain.enums import Priority, Status
from opexdesk.domain.errors import ValidationError
from opexdesk.domain.sla import (
    DEFAULT_POLICY,
    DEFAULT_TARGETS,
    REQUIRED_PRIORITIES,
    SlaPolicy,
    default_policy_json,
    due_times,
    format_target,
    load_default_policy,
    parse_policy_json,
    parse_target,
)

BERLIN_POLICY: dict[str, Any] = {
    "name": "Berlin office",
    "calendar": {
        "time_zone": "Europe/Berlin",
        "hours": {d: ["08:00-17:00"] for d in ("mon", "tue", "wed", "thu", "fri")},
        "holidays": ["2026-12-25"],
    },
    "targets": {
        "P1": {"response": "15m", "resolution": "4h"},
        "P2": {"response": "1h", "resolution": "8h"},
        "P3": {"response": "4h", "resolution": "27h"},
        "P4": {"response": "9h", "resolution": "90h"},
    },
    "pausing_statuses": ["pending", "Assigned"],
    "warnings": {"warning": 0.5, "critical": 0.8},
}


def test_shipped_default_is_the_24x7_default() -> None:
    assert json.loads(default_policy_json())["calendar"]["hours"] == "24x7"
    assert load_default_policy() == DEFAULT_POLICY
    assert hash(load_default_policy()) == hash(DEFAULT_POLICY)  # usable as a cache key
    assert DEFAULT_POLICY.pausing_statuses == {Status.PENDING}
    assert (DEFAULT_POLICY.warning_at, DEFAULT_POLICY.critical_at) == (0.75, 0.90)


@settings(max_examples=60, deadline=None)
@given(
    priority=st.sampled_from(REQUIRED_PRIORITIES),
    seconds=st.integers(0, 2_000_000_000),
)
def test_due_times_is_still_calendar_time(priority: Priority, seconds: int) -> None:
    opened = datetime(1990, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)
    target = DEFAULT_TARGETS[priority]
    assert due_times(priority, opened) == (opened + target.response, opened + target.resolution)
    assert due_times(priority, opened)[0].tzinfo is UTC


def test_business_hours_policy() -> None:
    policy = SlaPolicy.from_dict(BERLIN_POLICY)
    assert policy.pausing_statuses == {Status.PENDING, Status.ASSIGNED}
    assert policy.target_for(Priority.P3).resolution == timedelta(hours=27)
    friday_4pm = datetime(2026, 3, 6, 15, tzinfo=UTC)  # 16:00 in Berlin
    response, resolution = policy.due_times(Priority.P3, friday_4pm)
    assert response == datetime(2026, 3, 9, 10, tzinfo=UTC)  # 1 h Fri + 3 h Mon from 08:00
    assert resolution == datetime(2026, 3, 11, 15, tzinfo=UTC)  # 1 + 9 + 9 + 8 h
    assert SlaPolicy.from_dict(policy.to_dict()) == policy


@pytest.mark.parametrize(
    ("text", "minutes"), [("15m", 15), ("8h", 480), ("1h30m", 90), ("2h 5min", 125), (45, 45)]
)
def test_target_durations(text: object, minutes: int) -> None:
    assert parse_target(text, "P1 response") == timedelta(minutes=minutes)
    assert parse_target(format_target(timedelta(minutes=minutes)), "x") == timedelta(
        minutes=minutes
    )


def _with(**changes: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(BERLIN_POLICY))
    for key, value in changes.items():
        if value is None:
            del data[key]
        else:
            data[key] = value
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_with(targets={"P1": {"response": "15m", "resolution": "4h"}}), "no target for P2"),
        (_with(targets={"P9": {"response": "1h", "resolution": "2h"}}), "Unknown priority 'P9'"),
        (
            _with(
                targets={**BERLIN_POLICY["targets"], "P1": {"response": "3d", "resolution": "4h"}}
            ),
            "days are not accepted",
        ),
        (
            _with(
                targets={**BERLIN_POLICY["targets"], "P1": {"response": "5h", "resolution": "4h"}}
            ),
            "response target is longer",
        ),
        (
            _with(
                targets={**BERLIN_POLICY["targets"], "P1": {"response": "0m", "resolution": "4h"}}
            ),
            "longer than zero",
        ),
        (_with(targets={**BERLIN_POLICY["targets"], "P1": {"response": "1h"}}), "exactly"),
        (_with(pausing_statuses=["waiting"]), "Unknown status 'waiting'"),
        (_with(pausing_statuses=["resolved"]), "cannot pause the clock"),
        (_with(pausing_statuses="pending"), "must be a list"),
        (_with(warnings={"warning": 0.9, "critical": 0.75}), "0 < warning < critical < 1"),
        (_with(warnings={"warning": "high"}), "must be a number"),
        (_with(warnings={"warn": 0.5}), "warnings must be an object"),
        (_with(calendar={"time_zone": "Mars/Olympus"}), "Unknown time zone 'Mars/Olympus'"),
        (_with(calendar={"holidays": ["2026-01-01", "2026-01-01"]}), "Holidays overlap"),
        (_with(colour="red"), "Unknown SLA policy keys: colour"),
        (_with(targets=None), "keyed by priority"),
    ],
)
def test_bad_policies_are_rejected_clearly(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        SlaPolicy.from_dict(data)


def test_malformed_json_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="not valid JSON"):
        parse_policy_json("{not json")
    with pytest.raises(ValidationError, match="must be an object"):
        parse_policy_json("[1, 2]")
