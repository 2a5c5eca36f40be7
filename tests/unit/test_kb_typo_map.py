"""The typo map: one delete on either side, most frequent words first, new words learnt."""

from opexdesk.services.kb.typo_map import ALTERNATIVES, TypoMap


def test_alternatives_one_edit_away_most_frequent_first() -> None:
    typos = TypoMap([("printer", 50), ("pointer", 5), ("print", 80), ("vpn", 9)])
    assert typos.alternatives("pritner") == ["printer"]  # a swap: one delete on each side
    assert typos.alternatives("prnitre") == []  # two swaps: too far
    assert "printer" not in typos.alternatives("printer")  # a word is not its own typo
    assert typos.alternatives("pinter") == ["printer", "pointer"]  # each one letter away
    assert "vpn" not in typos  # too short to guess from


def test_learnt_words_count_once_and_are_not_duplicated() -> None:
    typos = TypoMap([("gateway", 3)])
    typos.learn(["zorblat", "zorblat", "ab", "x1x1x"])
    assert typos.alternatives("zorblt") == ["zorblat"]
    assert "ab" not in typos and "x1x1x" not in typos
    typos.learn(["gateway"])
    assert typos.alternatives("gatway") == ["gateway"]


def test_at_most_a_few_alternatives() -> None:
    typos = TypoMap([(w, i) for i, w in enumerate(["cart", "card", "care", "cars", "cast"])])
    assert len(typos.alternatives("carx")) == ALTERNATIVES
