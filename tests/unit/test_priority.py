"""Priority is derived from impact x urgency and never contradicts the matrix."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opexdesk.domain.enums import Impact, Priority, Urgency
from opexdesk.domain.errors import ValidationError
from opexdesk.domain.priority import DEFAULT_IMPACTS, DEFAULT_URGENCIES, PriorityMatrix

levels = st.integers(min_value=1, max_value=4)


def test_default_corners() -> None:
    m = PriorityMatrix()
    assert m.priority_for(Impact.EXTENSIVE, Urgency.CRITICAL) is Priority.P1
    assert m.priority_for(Impact.MINOR, Urgency.LOW) is Priority.P4


@given(i=levels, u=levels, di=st.integers(0, 3), du=st.integers(0, 3))
def test_more_impact_or_urgency_never_lowers_priority(i, u, di, du) -> None:
    m = PriorityMatrix()
    worse_i, worse_u = max(1, i - di), max(1, u - du)  # smaller number = more severe
    assert m.priority_for(worse_i, worse_u) <= m.priority_for(i, u)


@pytest.mark.parametrize("bad", [0, 5, -1, "high", None])
def test_unknown_levels_rejected(bad) -> None:
    with pytest.raises(ValidationError) as err:
        PriorityMatrix().priority_for(bad, 2)
    assert err.value.field == "impact"


def test_matrix_with_gap_rejected() -> None:
    cells = {(i, u): 3 for i in range(1, 5) for u in range(1, 5)}
    del cells[(2, 3)]
    with pytest.raises(ValidationError, match="no cell"):
        PriorityMatrix(cells)


def test_matrix_with_unknown_priority_rejected() -> None:
    cells = {(i, u): 3 for i in range(1, 5) for u in range(1, 5)}
    cells[(1, 1)] = 9
    with pytest.raises(ValidationError, match="unknown priority"):
        PriorityMatrix(cells)


# Any 4x4 matrix an administrator can store: built monotone (a more severe case never less
# urgent), its priorities renumbered 1..k so every priority level is used.
@st.composite
def stored_matrices(draw: st.DrawFn) -> PriorityMatrix:
    rows: list[list[int]] = []
    for i in range(4):
        row: list[int] = []
        for u in range(4):
            floor = max([row[u - 1]] if u else [1])
            if i:
                floor = max(floor, rows[i - 1][u])
            row.append(draw(st.integers(floor, 4)))
        rows.append(row)
    if len({v for row in rows for v in row}) == 1:
        rows[3][3] += 1  # the least severe corner: still ordered, now two priorities
    rank = {v: n for n, v in enumerate(sorted({v for row in rows for v in row}), start=1)}
    rows = [[rank[v] for v in row] for row in rows]
    priorities = [f"P{n}" for n in range(1, len(rank) + 1)]
    labels = {"impacts": list(DEFAULT_IMPACTS), "urgencies": list(DEFAULT_URGENCIES)}
    return PriorityMatrix.from_dict({**labels, "priorities": priorities, "rows": rows})


@given(m=stored_matrices(), i=levels, u=levels, di=st.integers(0, 3), du=st.integers(0, 3))
def test_any_stored_matrix_keeps_severity_order_and_round_trips(m, i, u, di, du) -> None:
    assert PriorityMatrix.from_dict(m.to_dict()) == m
    worse_i, worse_u = max(1, i - di), max(1, u - du)
    assert m.priority_for(worse_i, worse_u) <= m.priority_for(i, u)


@given(rows=st.lists(st.lists(st.integers(-1, 6) | st.none(), min_size=0, max_size=5), max_size=5))
def test_any_malformed_matrix_is_a_clear_error_or_a_valid_matrix(rows) -> None:
    try:
        m = PriorityMatrix.from_dict({"rows": rows})
    except ValidationError as exc:
        assert str(exc)
        return
    m.check_order()  # whatever was accepted is complete and ordered
    assert all(1 <= v <= 4 for v in m.cells.values()) and len(m.cells) == 16
    assert set(m.cells.values()) == {1, 2, 3, 4}  # the older shape keeps P1..P4, all used
