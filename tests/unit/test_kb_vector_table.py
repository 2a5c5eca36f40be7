"""The in-memory vector table (services/kb/vector_table.py): rows added, replaced and
removed in place stay what a fresh load of the same vectors would hold."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from opexdesk.services.kb.sign_codes import sign_codes
from opexdesk.services.kb.vector_table import VectorTable


def _vec(rowid: int, dim: int = 70) -> np.ndarray:
    return np.random.default_rng(rowid).standard_normal(dim).astype(np.float32)


def _rows(table: VectorTable) -> dict[int, tuple[bytes, tuple[int, ...]]]:
    codes = table.codes()
    return {
        int(rid): (table.vecs[i].tobytes(), tuple(int(c[i]) for c in codes))
        for i, rid in enumerate(table.ids)
    }


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.booleans(), st.lists(st.integers(1, 60), max_size=12)),
        max_size=25,
    ),
    st.integers(0, 40),
    st.booleans(),
)
def test_changes_in_place_equal_a_fresh_load(
    steps: list[tuple[bool, list[int]]], start: int, codes_first: bool
) -> None:
    held = {rid: _vec(rid) for rid in range(1, start + 1)}
    table = VectorTable(
        np.array(list(held), np.int64), np.array(list(held.values())).reshape(-1, 70)
    )
    if codes_first:
        table.codes()  # codes kept in step from here on, or computed at the end
    for adding, rowids in steps:
        rowids = list(dict.fromkeys(rowids))
        if adding:
            vecs = np.array([_vec(r * 1000 + len(held)) for r in rowids]).reshape(-1, 70)
            table.add(rowids, vecs)
            held.update(zip(rowids, vecs, strict=True))
        else:
            table.remove(rowids)
            for rid in rowids:
                held.pop(rid, None)
    fresh = VectorTable(
        np.array(list(held), np.int64), np.array(list(held.values())).reshape(-1, 70)
    )
    assert table.n == len(held)
    assert _rows(table) == _rows(fresh)


def test_codes_of_added_rows_are_their_own() -> None:
    table = VectorTable(np.zeros(0, np.int64), np.zeros((0, 64), np.float32))
    table.codes()
    vecs = np.array([_vec(i, 64) for i in range(200)])  # grows past the first capacity
    table.add(list(range(200)), vecs)
    assert table.n == 200
    assert [int(c) for c in table.codes()[0]] == [int(c) for c in sign_codes(vecs)[0]]
