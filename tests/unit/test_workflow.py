"""The status workflow: allowed moves, refusals with reasons, and rule properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opexdesk.domain.enums import Status, parse_status
from opexdesk.domain.errors import TransitionError, ValidationError
from opexdesk.domain.workflow import (
    ALLOWED,
    NEEDS_ASSIGNEE,
    TransitionRequest,
    allowed_targets,
    check_transition,
)

statuses = st.sampled_from(list(Status))
notes = st.one_of(st.none(), st.text(max_size=20))
people = st.one_of(st.none(), st.just(""), st.just("  "), st.text(min_size=1, max_size=10))


def test_happy_path_new_to_closed() -> None:
    path = [
        Status.NEW,
        Status.ASSIGNED,
        Status.IN_PROGRESS,
        Status.PENDING,
        Status.RESOLVED,
        Status.CLOSED,
    ]
    for current, target in zip(path, path[1:], strict=False):
        check_transition(TransitionRequest(current, target, assignee="li.wei", note="done"))


def test_reopen_needs_reason() -> None:
    with pytest.raises(TransitionError, match="reason for reopening"):
        check_transition(TransitionRequest(Status.RESOLVED, Status.IN_PROGRESS, "a", None))
    check_transition(TransitionRequest(Status.RESOLVED, Status.IN_PROGRESS, "a", "still broken"))


def test_closed_is_final_with_reason() -> None:
    with pytest.raises(TransitionError, match="final"):
        check_transition(TransitionRequest(Status.CLOSED, Status.IN_PROGRESS, "a", "x"))


def test_invalid_move_names_the_options() -> None:
    with pytest.raises(TransitionError) as err:
        check_transition(TransitionRequest(Status.NEW, Status.CLOSED, "a", "x"))
    assert "New to Closed" in str(err.value)
    assert "Assigned" in str(err.value)


def test_resolve_needs_note() -> None:
    with pytest.raises(TransitionError, match="resolution"):
        check_transition(TransitionRequest(Status.IN_PROGRESS, Status.RESOLVED, "a", "  "))


def test_parse_status_accepts_labels_and_rejects_unknown() -> None:
    assert parse_status("In progress") is Status.IN_PROGRESS
    assert parse_status("in-progress") is Status.IN_PROGRESS
    with pytest.raises(ValidationError, match="Unknown status 'done'"):
        parse_status("done")


@given(current=statuses, target=statuses, assignee=people, note=notes)
def test_check_agrees_with_table_and_guards(current, target, assignee, note) -> None:
    request = TransitionRequest(current, target, assignee, note)
    allowed_by_table = target in ALLOWED[current]
    has_owner = bool((assignee or "").strip())
    has_note = bool((note or "").strip())
    expected_ok = (
        allowed_by_table
        and (target not in NEEDS_ASSIGNEE or has_owner)
        and (target is not Status.RESOLVED or has_note)
        and not (current is Status.RESOLVED and target is Status.IN_PROGRESS and not has_note)
    )
    try:
        check_transition(request)
        ok = True
    except TransitionError as exc:
        ok = False
        assert str(exc), "a refusal always carries a reason"
        assert exc.current is current and exc.target is target
    assert ok == expected_ok


@given(start=statuses)
def test_every_open_state_can_reach_closed(start) -> None:
    """No dead ends: from any state but Closed, Closed is reachable."""
    seen, frontier = {start}, [start]
    while frontier:
        state = frontier.pop()
        for nxt in allowed_targets(state):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    assert Status.CLOSED in seen
