"""Whatever sequence of edits and overrides a ticket goes through, its priority is the
matrix's cell for its impact and urgency, unless a person set it with a reason."""

from __future__ import annotations

from pathlib import Path
from tempfile import mkdtemp
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_matrix_shape import P5_POLICY, matrix_dicts  # random matrices of every size

from opexdesk.app import build_context
from opexdesk.domain.enums import MAX_LEVELS
from opexdesk.domain.errors import ValidationError
from opexdesk.domain.shared_config import PRIORITY_MATRIX, SLA_POLICY
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths

levels = st.integers(1, 4)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("impact"), levels),
        st.tuples(st.just("urgency"), levels),
        st.tuples(st.just("override"), levels),
        st.tuples(st.just("derived"), st.just(0)),
    ),
    max_size=8,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(start=st.tuples(levels, levels), changes=steps)
def test_priority_follows_the_matrix_or_a_reasoned_override(
    tmp_path: Path, start: tuple[int, int], changes: list[tuple[str, int]]
) -> None:
    ctx = build_context(AppPaths.under(tmp_path / "db"), username="op")
    try:
        tickets = ctx.tickets
        tid = tickets.create(TicketDraft(title="T", impact=start[0], urgency=start[1])).ticket_id
        chosen: int | None = None  # the last priority set by hand, while it holds
        for kind, value in changes:
            if kind in ("impact", "urgency"):
                tickets.update(tid, {kind: value})
            elif kind == "override":
                tickets.override_priority(tid, value, "because the customer said so")
                chosen = value
            else:
                tickets.override_priority(tid, None)
                chosen = None
            t = tickets.get(tid)
            if t.priority_override_reason is None:
                assert t.priority == int(tickets.matrix.priority_for(t.impact, t.urgency))
            else:
                assert t.priority == chosen
    finally:
        ctx.close()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=matrix_dicts(), picks=st.data())
def test_under_any_matrix_in_force_priority_follows_its_cells(
    tmp_path: Path, data: dict[str, Any], picks: st.DataObject
) -> None:
    # A fresh database per example: tmp_path is shared by all of them.
    ctx = build_context(AppPaths.under(Path(mkdtemp(dir=tmp_path))), username="op")
    try:
        ctx.shared_config.set(SLA_POLICY, P5_POLICY)
        ctx.shared_config.set(PRIORITY_MATRIX, data)
        matrix = ctx.tickets.matrix
        impacts = st.integers(1, len(matrix.impacts))
        urgencies = st.integers(1, len(matrix.urgencies))
        start = (picks.draw(impacts), picks.draw(urgencies))
        tickets = ctx.tickets
        tid = tickets.create(TicketDraft(title="T", impact=start[0], urgency=start[1])).ticket_id
        moves = st.one_of(
            st.tuples(st.just("impact"), impacts), st.tuples(st.just("urgency"), urgencies)
        )
        for kind, value in picks.draw(st.lists(moves, max_size=6)):
            tickets.update(tid, {kind: value})
            t = tickets.get(tid)
            assert t.priority == data["rows"][t.impact - 1][t.urgency - 1]
        beyond = len(matrix.impacts) + 1
        if beyond <= MAX_LEVELS:  # a level this matrix lacks is refused, nothing changes
            before = tickets.get(tid)
            with pytest.raises(ValidationError, match=f"to {beyond - 1} "):
                tickets.update(tid, {"impact": beyond})
            assert tickets.get(tid).impact == before.impact
    finally:
        ctx.close()
