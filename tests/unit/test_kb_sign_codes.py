"""Sign-bit codes of the article vectors (services/kb/sign_codes.py): the Hamming distance
is computed right, and the rows kept are exactly the nearest n and those tied with them."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from opexdesk.services.kb.sign_codes import nearest_rows, sign_codes


def _hamming(vectors: np.ndarray, query: np.ndarray) -> np.ndarray:
    return ((vectors > 0) != (query > 0)).sum(axis=1)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=1, max_value=3000),
    st.sampled_from([8, 64, 100, 256]),
    st.integers(min_value=1, max_value=500),
    st.integers(min_value=0, max_value=2**31),
)
def test_nearest_rows_are_the_n_nearest_and_their_ties(
    rows: int, dims: int, n: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((rows, dims)).astype(np.float32)
    query = rng.standard_normal(dims).astype(np.float32)
    got = nearest_rows(sign_codes(vectors), query, n)
    dist = _hamming(vectors, query)
    assert len(np.unique(got)) == len(got) >= min(n, rows)
    if rows <= n:
        assert len(got) == rows
        return
    nth = np.sort(dist)[n - 1]
    assert set(got.tolist()) == set(np.flatnonzero(dist <= nth).tolist())


def test_opposite_vectors_are_the_farthest_not_wrapped_to_zero() -> None:
    # 256 differing bits would wrap to 0 in an 8-bit count and look like the nearest row
    vectors = np.ones((50, 256), np.float32)
    vectors[0] = -1.0
    got = nearest_rows(sign_codes(vectors), np.ones(256, np.float32), 49)
    assert 0 not in got.tolist() and len(got) == 49


def test_codes_pack_one_bit_per_dimension() -> None:
    vectors = np.array([[1.0, -1.0] * 40, [-1.0] * 80], np.float32)
    codes = sign_codes(vectors)
    assert len(codes) == 2 and all(c.dtype == np.uint64 for c in codes)  # 80 bits: 2 words
    assert [int(np.bitwise_count(c[0])) for c in codes] == [32, 8]
    assert [int(c[1]) for c in codes] == [0, 0]
