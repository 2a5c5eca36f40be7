"""The shortcuts a large knowledge base takes (stored per-word lists, or with filters common
words left out of the word query; the semantic top-k among the rows nearest by sign-bit
codes) keep the answers right. They apply from ``large_index`` articles; here that
threshold is lowered to a small index."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from opexdesk.services.kb import Article, Embedder, KbSearch
from opexdesk.services.kb import search as search_module
from opexdesk.services.kb.query import word_match

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
    assert small._lexical_terms(terms, prefix=True) == (terms, terms, False)  # small: all, exact


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


def test_semantic_by_codes_matches_the_exact_ranking(
    pair: tuple[KbSearch, KbSearch], embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    small, large = pair
    # fewer candidates than articles, so that the codes really choose
    monkeypatch.setattr(search_module, "CODE_CANDIDATES", 30)
    for query in ("paper stuck in the printer", "cannot connect to the company network"):
        qvec = embedder.embed([query])[0]
        exact = small._semantic(qvec, 10, None)
        quick = large._semantic(qvec, 10, None)
        assert large._codes is not None and len(large._codes) == 4  # 256 bits
        assert [rid for rid, _ in quick] == [rid for rid, _ in exact]
        assert np.allclose([sim for _, sim in quick], [sim for _, sim in exact], atol=1e-5)


def test_common_is_counted_as_the_search_stems_it(embedder: Embedder) -> None:
    # "engine" as a word is in one article, but a search for it also matches every
    # "engineering" (porter stems both to "engin"): it is a common term, not a rare one.
    kb = KbSearch(":memory:", embedder=embedder, large_index=10)
    try:
        articles = [Article(f"e{i}", f"Engineering note {i}", "Desk") for i in range(40)]
        articles += [Article("engine", "Engine", "The engine stalls"), *_articles()[:20]]
        kb.add_articles(articles)
        assert kb.index.known_terms(["engine"]) == {"engine": 1}  # the surface count
        assert kb.index.matching_rows("engine") == 41
        assert kb._lexical_terms(["engine", "badge"], prefix=False)[0] == ["badge"]
    finally:
        kb.close()


def test_kept_terms_stay_within_the_row_budget(
    pair: tuple[KbSearch, KbSearch], monkeypatch: pytest.MonkeyPatch
) -> None:
    _small, large = pair
    monkeypatch.setattr(search_module, "COMMON_TERM_SHARE", 0.5)  # 30 rows each at most
    monkeypatch.setattr(search_module, "LEXICAL_ROW_SHARE", 0.3)  # 18 rows together
    # printer and vpn match 12 articles each: both rare, but not both within 18 rows
    kept = large._lexical_terms(["office", "printer", "vpn"], prefix=False)[0]
    assert kept in (["printer"], ["vpn"])
    monkeypatch.setattr(search_module, "LEXICAL_ROW_SHARE", 0.5)
    assert large._lexical_terms(["office", "printer", "vpn"], prefix=False)[0] == [
        "printer",
        "vpn",
    ]


def test_vectors_on_the_worker_give_the_same_hits(
    pair: tuple[KbSearch, KbSearch], monkeypatch: pytest.MonkeyPatch
) -> None:
    _small, large = pair
    queries = ("office printer jam", "cannot connect to the company network", "badge")
    parallel = [[(h.article_id, h.score) for h in large.search(q)] for q in queries]
    assert large._pool is not None  # the vectors side ran on the worker
    monkeypatch.setattr(large, "_large", lambda: False)
    in_turn = [[(h.article_id, h.score) for h in large.search(q)] for q in queries]
    assert parallel == in_turn and all(parallel)
    large.close()
    assert large.search("printer") == []


def test_a_common_prefix_being_typed_is_looked_for_in_titles_or_left_out(
    pair: tuple[KbSearch, KbSearch], monkeypatch: pytest.MonkeyPatch
) -> None:
    _small, large = pair
    monkeypatch.setattr(search_module, "COMMON_TERM_SHARE", 0.5)  # 30 rows each at most
    monkeypatch.setattr(search_module, "LEXICAL_ROW_SHARE", 0.3)  # 18 rows together
    monkeypatch.setattr(search_module, "TYPED_TITLE_SHARE", 0.5)  # titles only up to 30
    # "of" (office: all 60 rows) is far over the 6 rows left after "printer": left out
    plan = large._lexical_terms(["printer", "of"], prefix=True)
    assert plan == (["printer"], [], False)
    # "pri" (12 rows) is over the 6 left after "vpn" but not very common: titles only
    plan = large._lexical_terms(["vpn", "pri"], prefix=True)
    assert plan == (["vpn", "pri"], [], True)
    # within the budget: everywhere
    assert large._lexical_terms(["office", "prin"], prefix=True) == (["prin"], [], False)
    # alone, even a very common prefix is kept (in titles): there is nothing else to search
    assert large._lexical_terms(["of"], prefix=True) == (["of"], [], True)
    # and the searches run: the typed prefix matched in titles ranks its topic first
    hits = large.search("vpn pri", as_you_type=True, limit=5)
    assert hits and all(h.title.startswith(("vpn", "printer")) for h in hits)
    assert large.search("printer of", as_you_type=True)


def test_the_typed_word_in_titles_is_a_column_filter() -> None:
    expr = word_match(["vpn", "pri"], {}, prefix_last=True, last_in_title=True)
    assert expr == '"vpn" OR {title} : ("pri"*)'


def test_warm_loads_what_the_first_search_needs_and_changes_no_answer(
    embedder: Embedder,
) -> None:
    cold = KbSearch(":memory:", embedder=embedder, large_index=10)
    warmed = KbSearch(":memory:", embedder=embedder, large_index=10)
    try:
        for kb in (cold, warmed):
            kb.add_articles(_articles())
        warmed.warm()
        assert warmed._vecs is not None and warmed._codes is not None
        assert warmed._vocab is not None and "printer" in warmed._vocab
        assert cold._vecs is None and cold._vocab is None  # nothing loaded until asked
        for text in ("printer jam", "pritner", "vpn wakes", "打印机"):
            assert [h.article_id for h in warmed.search(text)] == [
                h.article_id for h in cold.search(text)
            ]
        warmed.close()
        warmed.warm()  # closed: nothing to do, no error
    finally:
        cold.close()
        warmed.close()


def test_loaded_vectors_follow_small_changes_as_a_reload_would(embedder: Embedder) -> None:
    kb = KbSearch(":memory:", embedder=embedder, large_index=10)
    try:
        kb.add_articles(_articles())
        kb.warm()  # vectors and codes loaded
        kb.add_articles([Article("new", "Scanner offline", "The scanner shows offline.")])
        kb.add_articles([Article("a3", "Outlook again", "Outlook asks for a password.")])
        assert kb.remove_article("a7")
        assert kb._vecs is not None and kb._codes is not None  # patched, not dropped
        patched = dict(zip(kb._vec_ids.tolist(), kb._vecs, strict=True))
        codes = [c.copy() for c in kb._codes]
        order = {rid: i for i, rid in enumerate(kb._vec_ids.tolist())}
        kb._forget()
        kb.warm()
        reloaded = dict(zip(kb._vec_ids.tolist(), kb._vecs, strict=True))
        assert patched.keys() == reloaded.keys() and len(reloaded) == 60
        assert all(np.array_equal(patched[r], reloaded[r]) for r in reloaded)
        for col, fresh in zip(codes, kb._codes, strict=True):
            assert all(col[order[r]] == fresh[i] for i, r in enumerate(kb._vec_ids.tolist()))
        assert kb.search("scanner offline")[0].article_id == "new"
    finally:
        kb.close()


def test_the_typo_map_learns_new_words_without_a_rebuild(embedder: Embedder) -> None:
    kb = KbSearch(":memory:", embedder=embedder, large_index=10)
    try:
        kb.add_articles(_articles())
        kb.warm()
        typo_map = kb._vocab
        assert typo_map is not None and kb.corrected_query("zorblta") is None
        kb.add_articles([Article("z", "Zorblat gateway", "The zorblat gateway drops calls.")])
        assert kb._vocab is typo_map  # patched, not rebuilt
        assert kb.corrected_query("zorblta gateway") == "zorblat gateway"
        assert kb.search("zorblta")[0].article_id == "z"
    finally:
        kb.close()
