"""Whatever sequence of edits and overrides a ticket goes through, its priority is the
matrix's cell for its impact and urgency, unless a person set it with a reason."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opexdesk.app import build_context
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
