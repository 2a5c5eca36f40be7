"""The filter bar offers the priorities of the matrix in force, by its labels."""

from __future__ import annotations

from opexdesk.domain.priority import PriorityMatrix
from opexdesk.ui.tickets.filter_bar import FilterBar

THREE = PriorityMatrix.from_dict(
    {
        "impacts": ["Site", "Team", "Person"],
        "urgencies": ["Now", "Soon", "Later"],
        "priorities": ["Urgent", "Normal", "Low"],
        "rows": [[1, 1, 2], [1, 2, 3], [2, 3, 3]],
    }
)


def choices(bar: FilterBar) -> list[tuple[str, object]]:
    combo = bar.priority_combo
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


def test_the_default_matrix_offers_p1_to_p4_and_no_p5(qtbot, english) -> None:  # noqa: ANN001
    bar = FilterBar("olga")
    qtbot.addWidget(bar)
    assert choices(bar) == [("Any priority", None), ("P1", 1), ("P2", 2), ("P3", 3), ("P4", 4)]


def test_a_synced_matrix_changes_the_choices_and_drops_a_gone_level(qtbot, english) -> None:  # noqa: ANN001
    in_force = [PriorityMatrix()]
    bar = FilterBar("olga", matrix=lambda: in_force[0])
    qtbot.addWidget(bar)
    bar.priority_combo.setCurrentIndex(bar.priority_combo.findData(4))
    assert bar.current_filter().priorities == frozenset({4})

    in_force[0] = THREE
    with qtbot.waitSignal(bar.filter_changed, timeout=2_000) as changed:
        bar.refresh_priorities()
    assert choices(bar) == [("Any priority", None), ("Urgent", 1), ("Normal", 2), ("Low", 3)]
    assert changed.args[0].priorities == frozenset()  # P4 is gone: every priority again

    bar.priority_combo.setCurrentIndex(bar.priority_combo.findData(2))
    with qtbot.assertNotEmitted(bar.filter_changed):
        bar.refresh_priorities()  # the same matrix: the choice stays, nothing re-emitted
    assert bar.current_filter().priorities == frozenset({2})
