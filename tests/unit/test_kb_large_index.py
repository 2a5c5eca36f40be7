"""The shortcuts a large knowledge base takes (common words left out of the word query, the
semantic top-k prefiltered on the vectors' first dimensions) keep the answers right. They
apply from ``large_index`` articles; here that threshold is lowered to a small index."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from opexdesk.services.kb import Article, Embedder, KbSearch

TOPICS = [
    ("printer", "The printer shows a paper jam error on tray two"),
    ("vpn", "The VPN client disconnects after the laptop wakes up"),
    ("outlook", "Outlook asks for the password again and again"),
    ("wifi", "The wifi drops in the meeting room on the third floor"),
    ("badge", "The door badge reader rejects a new employee badge"),
]


def _articles() -> list[Article]:
    # "office" is in every article: the common word; each topic word is in a fifth of them.
    out = []
    for i in range(60):
        topic, text = TOPICS[i % len(TOPICS)]
        out.append(Article(f"a{i}", f"{topic} note {i}", f"In the office: {text}. Case {i}."))
    return out


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder()


@pytest.fixture()
def pair(embedder: Embedder) -> Iterator[tuple[KbSearch, KbSearch]]:
    small = KbSearch(":memory:", embedder=embedder)  # exact paths (60 < 20,000)
    large = KbSearch(":memory:", embedder=embedder, large_index=10)  # shortcut paths
    for kb in (small, large):
        kb.add_articles(_articles())
    yield small, large
    small.close()
    large.close()


def test_common_words_are_left_out_of_the_word_query(pair: tuple[KbSearch, KbSearch]) -> None:
    _small, large = pair
    assert large._lexical_terms(["office", "printer"], prefix=False)[0] == ["printer"]
    # only common words: the rarest one is kept, so the query still finds something
    assert large._lexical_terms(["office", "case"], prefix=False)[0] in (["office"], ["case"])
    # the word being typed is never dropped (its frequency as a prefix is unknown), even
    # where every complete word is common ("printer" is in a fifth of these articles)
    assert large._lexical_terms(["printer", "offi"], prefix=True)[0] == ["offi"]


def test_trigram_query_gets_unknown_words_and_chinese_only(pair: tuple[KbSearch, KbSearch]) -> None:
    small, large = pair
    terms = ["printer", "webapps", "打印机", "offi"]
    assert large._lexical_terms(terms, prefix=True)[1] == ["webapps", "打印机"]
    assert small._lexical_terms(terms, prefix=True) == (terms, terms)  # small: all, exact


def test_the_rare_topic_still_ranks_first(pair: tuple[KbSearch, KbSearch]) -> None:
    small, large = pair
    for query in ("office printer jam", "vpn disconnects in the office", "office badge"):
        exact = {h.article_id for h in small.search(query, limit=5)}
        quick = [h.article_id for h in large.search(query, limit=5)]
        topic = next(t for t, _ in TOPICS if t in query)
        expected = {f"a{i}" for i in range(60) if TOPICS[i % len(TOPICS)][0] == topic}
        assert set(quick) <= expected, (query, quick)
        assert set(quick) & exact


def test_semantic_floor_drops_far_neighbours(pair: tuple[KbSearch, KbSearch]) -> None:
    small, _large = pair
    # Without words in common, only semantic neighbours can answer: a close topic stays,
    # unrelated ones fall under the floor instead of filling the list.
    hits = small.search("cannot reach the corporate network remotely", limit=20)
    assert hits and {h.article_id for h in hits} <= {f"a{i}" for i in range(1, 60, 5)}  # VPN


def test_prefiltered_semantic_matches_the_exact_ranking(
    pair: tuple[KbSearch, KbSearch], embedder: Embedder
) -> None:
    small, large = pair
    for query in ("paper stuck in the printer", "cannot connect to the company network"):
        qvec = embedder.embed([query])[0]
        exact = small._semantic(qvec, 10, None)
        quick = large._semantic(qvec, 10, None)
        assert large._prefix is not None and large._prefix.shape[1] == 64
        assert np.allclose(np.linalg.norm(large._prefix, axis=1), 1.0, atol=1e-4)
        assert [rid for rid, _ in quick] == [rid for rid, _ in exact]
        assert np.allclose([sim for _, sim in quick], [sim for _, sim in exact], atol=1e-5)
