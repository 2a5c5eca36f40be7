"""The priority matrix as data: 2..5 levels per axis, labels, the older 4x4 shape, and the
rule that a derived priority never contradicts its inputs, whatever the size."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opexdesk.app import AppContext, build_context
from opexdesk.domain.enums import MAX_LEVELS, Priority
from opexdesk.domain.errors import ValidationError
from opexdesk.domain.priority import (
    DEFAULT_IMPACTS,
    DEFAULT_PRIORITIES,
    DEFAULT_URGENCIES,
    LABEL_MAX,
    MIN_LEVELS,
    PriorityMatrix,
    coerce_impact,
    coerce_priority,
)
from opexdesk.domain.shared_config import (
    PRIORITY_MATRIX,
    SLA_POLICY,
    check_config,
    refuse_dropped_levels,
    refuse_missing_targets,
)
from opexdesk.domain.sla import DEFAULT_POLICY, SlaPolicy
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths

LABEL = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "S")), min_size=1, max_size=LABEL_MAX
)


def labels(n: int) -> st.SearchStrategy[list[str]]:
    return st.lists(LABEL, min_size=n, max_size=n, unique_by=str.casefold)


@st.composite
def matrix_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """Any matrix an administrator can store, of every size: cells drawn monotone (a more
    severe case never less urgent), then renumbered onto 1..k priorities, all used."""
    n_impacts = draw(st.integers(MIN_LEVELS, MAX_LEVELS))
    n_urgencies = draw(st.integers(MIN_LEVELS, MAX_LEVELS))
    rows: list[list[int]] = []
    for i in range(n_impacts):
        row: list[int] = []
        for u in range(n_urgencies):
            floor = row[u - 1] if u else 1
            if i:
                floor = max(floor, rows[i - 1][u])
            row.append(draw(st.integers(floor, floor + 2)))
        rows.append(row)
    if len({v for row in rows for v in row}) == 1:
        rows[-1][-1] += 1  # the least severe corner: still ordered, now two priorities
    distinct = sorted({v for row in rows for v in row})
    k = len(distinct)
    rank = {v: n for n, v in enumerate(distinct, start=1)}
    if k > MAX_LEVELS:  # squeeze onto 1..5 keeping order and using every level
        rank = {v: math.ceil(r * MAX_LEVELS / k) for v, r in rank.items()}
        k = MAX_LEVELS
    return {
        "impacts": draw(labels(n_impacts)),
        "urgencies": draw(labels(n_urgencies)),
        "priorities": draw(labels(k)),
        "rows": [[rank[v] for v in row] for row in rows],
    }


@given(data=matrix_dicts())
def test_any_valid_matrix_round_trips_keeps_order_and_derives_its_own_cells(
    data: dict[str, Any],
) -> None:
    m = PriorityMatrix.from_dict(data)
    assert PriorityMatrix.from_dict(m.to_dict()) == m
    assert PriorityMatrix.from_dict(check_config(PRIORITY_MATRIX, data)) == m
    assert m.impacts == tuple(data["impacts"]) and m.rows() == data["rows"]
    assert set(m.cells.values()) == set(m.levels("priority"))  # every priority used
    for i in m.levels("impact"):
        for u in m.levels("urgency"):
            derived = m.priority_for(i, u)
            assert derived == data["rows"][i - 1][u - 1]  # never contradicts its inputs
            for worse_i, worse_u in ((i - 1, u), (i, u - 1)):
                if worse_i >= 1 and worse_u >= 1:
                    assert m.priority_for(worse_i, worse_u) <= derived
    beyond = len(m.impacts) + 1
    with pytest.raises(ValidationError, match=f"use impact 1 .* to {len(m.impacts)} ") as err:
        m.priority_for(beyond, 1)
    assert err.value.field == "impact"


def test_the_default_matrix_is_unchanged() -> None:
    m = PriorityMatrix()
    assert m.impacts == ("Extensive", "Significant", "Moderate", "Minor")
    assert m.urgencies == ("Critical", "High", "Medium", "Low")
    assert m.priorities == ("P1", "P2", "P3", "P4")
    assert m.rows() == [[1, 1, 2, 3], [1, 2, 3, 3], [2, 3, 3, 4], [3, 3, 4, 4]]
    # Stored in the older form, so devices of earlier versions keep reading it.
    assert m.to_dict() == {"rows": m.rows()}


def test_the_older_shape_loads_with_todays_labels() -> None:
    m = PriorityMatrix.from_dict({"rows": [[1, 1, 1, 1], [1, 2, 2, 3], [2, 3, 3, 4], [3, 3, 4, 4]]})
    assert (m.impacts, m.urgencies, m.priorities) == (
        DEFAULT_IMPACTS,
        DEFAULT_URGENCIES,
        DEFAULT_PRIORITIES,
    )
    assert m.priority_for(1, 4) is Priority.P1


FIVE: dict[str, Any] = {
    "impacts": ["Enterprise", "Site", "Department", "Team", "Person"],
    "urgencies": ["Now", "Today", "This week", "This month", "Someday"],
    "priorities": ["Critical", "High", "Medium", "Low", "Planned"],
    "rows": [[(i + u) // 2 for u in range(1, 6)] for i in range(1, 6)],
}


def _with(**changes: Any) -> dict[str, Any]:
    return {**FIVE, **changes}


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (_with(impacts=["Only"]), "2 to 5 impact levels; got 1"),
        (_with(urgencies=[f"U{n}" for n in range(6)]), "2 to 5 urgency levels; got 6"),
        (_with(priorities=["P1", "P2", "P3", "P4", "P5", "P6"]), "2 to 5 priority levels"),
        (_with(impacts=["A", "B", "a", "C", "D"]), "Impact label 'a' is used twice"),
        (_with(urgencies=["Now", " ", "x", "y", "z"]), "Urgency label 2 is empty"),
        (_with(priorities=["P1", "P2", "P3", "P4", "L" * 41]), "41 characters long"),
        (_with(impacts=["A", "B\tC", "D", "E", "F"]), "control character .U\\+0009"),
        (_with(impacts="ABCDE"), "Impact labels must be a list"),
        (_with(urgencies=["a", "b", 3, "c", "d"]), "Urgency label 3 is 3, not text"),
        (_with(rows=FIVE["rows"][:4]), "5 rows, one per impact level"),
        (
            _with(rows=[*FIVE["rows"][:2], [2, 3, 3], *FIVE["rows"][3:]]),
            "Row 3 \\(impact Department\\) needs 5 cells",
        ),
        (
            _with(
                rows=[
                    [6 if (i, u) == (5, 5) else v for u, v in enumerate(r, 1)]
                    for i, r in enumerate(FIVE["rows"], 1)
                ]
            ),
            "impact Person x urgency Someday has unknown priority 6; use priority 1 "
            "\\(Critical\\) to 5 \\(Planned\\)",
        ),
        (
            _with(rows=[[min(v, 4) for v in r] for r in FIVE["rows"]]),
            "Priority 5 \\(Planned\\) is not given by any cell",
        ),
        (
            _with(rows=[[5, *FIVE["rows"][0][1:]], *FIVE["rows"][1:]]),
            "Impact Enterprise x urgency Now gives priority 5 \\(Planned\\), less urgent than "
            "1 \\(Critical\\) for impact Enterprise x urgency Today: a more severe case",
        ),
        (_with(rows=[["1", 1, 2, 2, 3], *FIVE["rows"][1:]]), "is '1', not a priority number"),
        ({**FIVE, "colour": "red"}, "nothing else"),
        ({"rows": [[1, 2, 2], [2, 2, 3], [2, 3, 3]]}, "4 rows"),  # the older shape is 4x4
        ({"rows": [[1, 1, 2, 3], [1, 2, 3, 3], [2, 3, 3, 3], [3, 3, 3, 3]]}, "4 \\(P4\\)"),
        ([1, 2], "nothing else"),
    ],
)
def test_bad_matrices_are_refused_naming_the_label_or_cell(data: Any, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        PriorityMatrix.from_dict(data)


def test_a_cell_outside_the_matrix_or_a_gap_is_refused() -> None:
    m = PriorityMatrix.from_dict(FIVE)
    cells = dict(m.cells)
    del cells[(3, 2)]
    with pytest.raises(ValidationError, match="no cell for impact Department x urgency Today"):
        PriorityMatrix(cells, m.impacts, m.urgencies, m.priorities)
    with pytest.raises(ValidationError, match=r"cell \(6, 1\) lies outside its 5 impact"):
        PriorityMatrix({**m.cells, (6, 1): 5}, m.impacts, m.urgencies, m.priorities)


def test_levels_are_checked_against_the_matrix_in_force() -> None:
    five = PriorityMatrix.from_dict(FIVE)
    assert coerce_impact(5, five) == 5
    assert coerce_priority("5", five) is Priority.P5
    with pytest.raises(ValidationError, match=r"Unknown impact 5; use impact 1 \(Extensive\)"):
        coerce_impact(5)  # the default matrix has four
    with pytest.raises(ValidationError, match="to 5 \\(Planned\\)"):
        coerce_priority(6, five)
    with pytest.raises(ValidationError, match="Unknown impact True"):
        coerce_impact(True, five)


P5_POLICY = {
    **DEFAULT_POLICY.to_dict(),
    "targets": {
        **DEFAULT_POLICY.to_dict()["targets"],  # type: ignore[dict-item]
        "P5": {"response": "24h", "resolution": "480h"},
    },
}


def test_every_priority_of_the_matrix_needs_an_sla_target() -> None:
    five = PriorityMatrix.from_dict(FIVE)
    with pytest.raises(
        ValidationError,
        match="no response and resolution target for priority "
        "P5 \\(Planned\\); add the target to the SLA policy first",
    ):
        refuse_missing_targets(five, DEFAULT_POLICY, changing=PRIORITY_MATRIX)
    with_p5 = SlaPolicy.from_dict(P5_POLICY)
    refuse_missing_targets(five, with_p5, changing=PRIORITY_MATRIX)
    assert with_p5.to_dict()["targets"]["P5"] == {"response": "24h", "resolution": "480h"}  # type: ignore[index]
    with pytest.raises(ValidationError, match="keep the target") as err:
        refuse_missing_targets(five, DEFAULT_POLICY, changing=SLA_POLICY)
    assert err.value.field == SLA_POLICY
    # The default policy (P1..P4) is unchanged, its P4 stands in only for callers that walk
    # every possible level.
    assert DEFAULT_POLICY.target_for(Priority.P5) == DEFAULT_POLICY.target_for(Priority.P4)


def test_dropping_a_level_tickets_carry_is_refused_with_counts() -> None:
    five, four = PriorityMatrix.from_dict(FIVE), PriorityMatrix()
    with pytest.raises(ValidationError, match=r"3 tickets have impact 5 \(Person\); 1 of them"):
        refuse_dropped_levels(four, five, {"impact": {5: (3, 1)}})
    with pytest.raises(ValidationError, match=r"1 ticket has priority 5 \(Planned\)"):
        refuse_dropped_levels(four, five, {"impact": {}, "priority": {5: (1, 0)}})
    refuse_dropped_levels(four, five, {"impact": {5: (0, 0)}})  # nobody uses it: fine


# ---- services: the matrix in force on a device ---------------------------------------


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = build_context(AppPaths.under(tmp_path / "db"), username="op")
    yield context
    context.close()


def test_impact_5_is_accepted_under_a_5x5_matrix_and_refused_under_4x4(ctx: AppContext) -> None:
    tickets, config = ctx.tickets, ctx.shared_config
    with pytest.raises(ValidationError, match=r"Unknown impact 5; use impact 1 \(Extensive\) to 4"):
        tickets.create(TicketDraft(title="Coffee machine", impact=5, urgency=1))
    four = tickets.create(TicketDraft(title="Printer", impact=4, urgency=4)).ticket_id
    with pytest.raises(ValidationError, match="to 4 \\(Low\\)"):
        tickets.update(four, {"urgency": 5})
    # The matrix needs an SLA target for its fifth priority first.
    with pytest.raises(ValidationError, match="add the target to the SLA policy first"):
        config.set(PRIORITY_MATRIX, FIVE)
    assert config.matrix() == PriorityMatrix()  # nothing half-written
    config.set(SLA_POLICY, P5_POLICY)
    config.set(PRIORITY_MATRIX, FIVE)
    created = tickets.create(TicketDraft(title="Coffee machine", impact=5, urgency=5))
    ticket = tickets.get(created.ticket_id)
    assert (ticket.impact, ticket.urgency, ticket.priority) == (5, 5, 5)
    target = config.sla_policy().target_for(Priority.P5)
    assert ticket.resolution_due_at is not None
    assert ticket.resolution_due_at - ticket.created_at == target.resolution
    tickets.update(four, {"urgency": 5})
    assert tickets.get(four).priority == int(config.matrix().priority_for(4, 5))
    # A policy without the P5 target is refused now that the matrix uses P5.
    with pytest.raises(ValidationError, match="keep the target"):
        config.set(SLA_POLICY, DEFAULT_POLICY.to_dict())


def test_a_smaller_matrix_is_refused_while_tickets_carry_a_dropped_level(
    ctx: AppContext,
) -> None:
    tickets, config = ctx.tickets, ctx.shared_config
    config.set(SLA_POLICY, P5_POLICY)
    config.set(PRIORITY_MATRIX, FIVE)
    tid = tickets.create(TicketDraft(title="Coffee machine", impact=5, urgency=2)).ticket_id
    with pytest.raises(
        ValidationError,
        match=r"1 ticket has impact 5 \(Person\); 1 of them open\. The new matrix has impact "
        r"levels 1 to 4: change the impact of those tickets first",
    ):
        config.set_matrix(PriorityMatrix())
    assert config.matrix() == PriorityMatrix.from_dict(FIVE)  # nothing half-written
    tickets.update(tid, {"impact": 2})
    tickets.override_priority(tid, 5, "the requester can wait")
    with pytest.raises(ValidationError, match=r"1 ticket has priority 5 \(Planned\)"):
        config.set_matrix(PriorityMatrix())
    tickets.override_priority(tid, None)
    config.set_matrix(PriorityMatrix())
    assert config.matrix() == PriorityMatrix()
    with pytest.raises(ValidationError, match=r"Unknown priority 5; use priority 1 \(P1\)"):
        tickets.override_priority(tid, 5, "the requester can wait")
