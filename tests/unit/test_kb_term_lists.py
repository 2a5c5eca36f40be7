"""The stored per-word lists of a large knowledge base (services/kb/term_lists.py): adding
them up gives FTS5's own BM25 for the OR of the words, and they follow every change of the
articles in the change's own transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from opexdesk.services.kb import Article, Embedder, KbSearch
from opexdesk.services.kb import term_lists as term_lists_module
from opexdesk.services.kb.index import WEIGHTS
from opexdesk.services.kb.query import word_match
from opexdesk.services.kb.term_lists import add_up

TEXTS = [
    ("Printer jam", "The printer shows a paper jam on tray two; printing stops."),
    ("VPN drops", "The VPN client disconnects after the laptop wakes up from sleep."),
    ("Outlook password", "Outlook asks for the password again after the update."),
    ("Wifi in room 3", "The wifi drops in the meeting room; the printer there is fine."),
    ("Badge reader", "The door badge reader rejects a new badge; printed badges work."),
]


def _articles(n: int = 60, prefix: str = "a") -> list[Article]:
    return [
        Article(f"{prefix}{i}", f"{TEXTS[i % 5][0]} {i}", f"{TEXTS[i % 5][1]} Case {i}.")
        for i in range(n)
    ]


@pytest.fixture()
def kb(embedder: Embedder) -> Iterator[KbSearch]:
    search = KbSearch(":memory:", embedder=embedder, large_index=10)
    search.add_articles(_articles())
    yield search
    search.close()


def _fts5(conn: sqlite3.Connection, words: list[str]) -> dict[int, float]:
    """FTS5's BM25 of the OR of the words, for every row it matches (higher is better)."""
    rows = conn.execute(
        "SELECT rowid, bm25(fts_words, ?, ?, ?) FROM fts_words WHERE fts_words MATCH ?",
        (*WEIGHTS, word_match(words, {}, False)),
    )
    return {int(r): -float(s) for r, s in rows}


@pytest.mark.parametrize("words", [["printer"], ["printer", "jam"], ["vpn", "badge", "tray"]])
def test_the_lists_added_up_are_fts5s_bm25_of_the_or(kb: KbSearch, words: list[str]) -> None:
    lists = kb.index.lists
    got = dict(add_up([lists.get(w) for w in words], 1000))
    want = _fts5(kb.index.conn, words)
    assert got.keys() == want.keys() and want
    assert np.allclose([got[r] for r in want], list(want.values()), rtol=1e-5)


def test_words_with_one_stem_share_one_list(kb: KbSearch) -> None:
    stems = kb.index.lists.stems(["printer", "printing", "prints", "print", "a_b", "打印"])
    assert stems["printing"] == stems["prints"] == stems["print"] == "print"
    assert stems["printer"] == "printer"
    assert stems["a_b"] is None and stems["打印"] is None  # two tokens; CJK is a phrase
    # "printing" finds the rows of "printed" and "print..." the way FTS5 does
    assert set(kb.index.lists.get("printing").rowids.tolist()) == set(
        _fts5(kb.index.conn, ["printing"])
    )


def test_a_bulk_load_stores_the_lists_of_its_vocabulary(kb: KbSearch) -> None:
    stored = {s for (s,) in kb.index.conn.execute("SELECT stem FROM term_lists")}
    assert {"printer", "vpn", "badg", "jam"} <= stored
    assert "the" not in stored  # stopwords are not built ahead
    assert kb.index.lists.built_for() == 60


def test_an_added_article_is_scored_into_the_lists_of_its_words(kb: KbSearch) -> None:
    kb.add_articles([Article("new", "Printer on fire", "The printer smokes at the jam.")])
    rowid = kb.index.rowid_of("new")
    assert rowid is not None
    for word in ("printer", "jam", "smoke", "fire"):
        listed = kb.index.lists.get(word)
        fresh = _fts5(kb.index.conn, [word])
        assert rowid in listed.rowids.tolist(), word
        got = float(listed.scores[listed.rowids.tolist().index(rowid)])
        assert got == pytest.approx(fresh[rowid], rel=1e-5)
    # the stored copy, not only the one in memory
    kb.index.lists.forget_cached()
    assert rowid in kb.index.lists.get("smoke").rowids.tolist()


def test_removed_and_replaced_articles_leave_the_lists(kb: KbSearch) -> None:
    old = kb.index.rowid_of("a0")  # "Printer jam 0"
    assert old is not None and old in kb.index.lists.get("jam").rowids.tolist()
    kb.add_articles([Article("a0", "Keyboard sticks", "Keys repeat on the keyboard.")])
    new = kb.index.rowid_of("a0")
    jam = kb.index.lists.get("jam").rowids.tolist()
    assert old not in jam and new not in jam
    assert new in kb.index.lists.get("keyboard").rowids.tolist()
    assert kb.remove_article("a0")
    kb.index.lists.forget_cached()
    assert new not in kb.index.lists.get("keyboard").rowids.tolist()
    assert [h.article_id for h in kb.search("keyboard sticks")] == []


def test_a_long_list_keeps_the_best_rows(
    embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(term_lists_module, "LIST_LENGTH", 5)
    kb = KbSearch(":memory:", embedder=embedder, large_index=10)
    try:
        kb.add_articles(_articles())
        listed = kb.index.lists.get("printer")  # in 24 of the 60 articles
        best = sorted(_fts5(kb.index.conn, ["printer"]).items(), key=lambda kv: -kv[1])[:5]
        assert listed.clipped and len(listed.rowids) == 5
        assert np.allclose(listed.scores, [s for _r, s in best], rtol=1e-5)
    finally:
        kb.close()


def test_lists_of_another_index_size_are_dropped(kb: KbSearch) -> None:
    lists = kb.index.lists
    lists.check_size(64)  # within a tenth of 60: kept
    assert lists.built_for() == 60
    assert kb.index.conn.execute("SELECT count(*) FROM term_lists").fetchone()[0] > 0
    lists.check_size(70)
    assert lists.built_for() == 70
    assert kb.index.conn.execute("SELECT count(*) FROM term_lists").fetchone()[0] == 0
    assert len(lists.get("printer").rowids) == 24  # computed again when asked


def test_lists_change_with_the_articles_or_not_at_all(
    kb: KbSearch, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = kb.index.lists.get("printer").rowids.tolist()

    def fail(*_args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(kb.index.lists, "changed", fail)
    with pytest.raises(sqlite3.OperationalError):
        kb.add_articles([Article("new", "Printer again", "Another printer.")])
    assert kb.index.rowid_of("new") is None and kb.index.count() == 60
    kb.index.lists.forget_cached()
    assert kb.index.lists.get("printer").rowids.tolist() == before


def test_stored_lists_are_used_again_after_reopening(tmp_path: Path, embedder: Embedder) -> None:
    path = str(tmp_path / "kb.sqlite3")
    kb = KbSearch(path, embedder=embedder, large_index=10)
    kb.add_articles(_articles())
    first = [h.article_id for h in kb.search("printer jam tray")]
    kb.close()
    again = KbSearch(path, embedder=embedder, large_index=10)
    try:
        assert again.index.lists.built_for() == 60
        assert [h.article_id for h in again.search("printer jam tray")] == first
    finally:
        again.close()


def test_search_by_lists_finds_what_the_exact_search_finds(
    kb: KbSearch, embedder: Embedder
) -> None:
    exact = KbSearch(":memory:", embedder=embedder)  # small: every word through FTS5
    try:
        exact.add_articles(_articles())
        for query, topic in (("printer jam", 0), ("vpn wakes laptop", 1), ("badge reader", 4)):
            wanted = {f"a{i}" for i in range(topic, 60, 5)}  # equal texts: ties in any order
            quick = [h.article_id for h in kb.search(query, limit=5)]
            slow = [h.article_id for h in exact.search(query, limit=5)]
            assert set(quick) <= wanted and set(slow) <= wanted and len(quick) == 5, query
    finally:
        exact.close()


def test_the_word_being_typed_counts_through_its_frequent_completions(kb: KbSearch) -> None:
    # "printer" is in 24 articles, "printed" and "printing" in 12 each ("pri" alone is no word)
    assert kb._completions("pri") == ["printer", "printed", "printing"]
    assert kb._completions("th") == []  # "the", "there": stopwords are no completion
    assert kb._completions("zzq") == []
    # printed and printing share the stem "print": one list, as one prefix query would count
    assert len(kb.index.lists.get_distinct(kb._completions("pri"))) == 2
    hits = [h.article_id for h in kb.search("badge pri", as_you_type=True, limit=60)]
    printed_badges = {f"a{i}" for i in range(4, 60, 5)}  # "printed badges work"
    assert set(hits[:12]) == printed_badges  # both words: first


def test_a_list_that_cannot_be_stored_still_ranks(
    kb: KbSearch, monkeypatch: pytest.MonkeyPatch
) -> None:
    with kb.index.conn:
        kb.index.conn.execute("DELETE FROM term_lists")
    kb.index.lists.forget_cached()

    def full_disk(*_args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(kb.index.lists, "_store", full_disk)
    hits = kb.search("printer jam", limit=5)
    assert {h.article_id for h in hits} <= {f"a{i}" for i in range(0, 60, 5)} and hits


def test_lists_that_fail_leave_the_search_to_fts5(
    kb: KbSearch, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*_args: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(kb.index.lists, "check_size", locked)
    kb._lists_checked = None
    hits = kb.search("vpn wakes", limit=5)
    assert hits and {h.article_id for h in hits} <= {f"a{i}" for i in range(1, 60, 5)}


def test_changes_are_noted_with_the_article_and_scored_in_when_read(kb: KbSearch) -> None:
    def noted() -> list[tuple[str, int]]:
        return kb.index.conn.execute(
            "SELECT stem, signed_rowid FROM term_list_changes ORDER BY id"
        ).fetchall()

    kb.add_articles([Article("x", "Toner smudge", "Printer toner smudges the page.")])
    rowid = kb.index.rowid_of("x")
    assert rowid is not None
    # only words with a stored list are noted ("toner", "smudge" had none)
    assert ("printer", rowid) in noted() and not [n for n in noted() if n[0] == "toner"]
    kb.add_articles([Article("y", "Printer queue", "The printer queue is stuck.")])
    assert kb.remove_article("y")  # added and removed before any search read the list
    listed = kb.index.lists.get("printer").rowids.tolist()
    assert rowid in listed and kb.index.rowid_of("y") is None
    assert not [n for n in noted() if n[0] == "printer"]  # applied and cleared
    kb.index.lists.forget_cached()
    assert kb.index.lists.get("printer").rowids.tolist() == listed  # as stored


def test_warm_builds_the_lists_of_an_index_made_before_them(kb: KbSearch) -> None:
    with kb.index.conn:  # as an index file from before the lists: none stored
        kb.index.conn.execute("DELETE FROM term_lists")
        kb.index.conn.execute("DELETE FROM kb_meta")
    assert not kb.index.lists.stored_any()
    kb.warm()
    assert kb.index.lists.stored_any() and kb.index.lists.built_for() == 60
    stored = {s for (s,) in kb.index.conn.execute("SELECT stem FROM term_lists")}
    assert {"printer", "vpn", "badg"} <= stored


def test_notes_nobody_reads_do_not_pile_up(kb: KbSearch, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(term_lists_module, "MAX_NOTED", 2)
    kb.add_articles([Article("x", "Printer jam", "The printer jams on tray two.")])
    conn = kb.index.conn
    assert conn.execute("SELECT count(*) FROM term_list_changes").fetchone()[0] == 0
    stored = {s for (s,) in conn.execute("SELECT stem FROM term_lists")}
    assert "printer" not in stored and "vpn" in stored  # only the noted lists went
    rowid = kb.index.rowid_of("x")
    assert rowid in kb.index.lists.get("printer").rowids.tolist()  # computed again


def test_sums_without_the_dense_array_are_the_same(
    kb: KbSearch, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = ["printer", "jam", "vpn", "badge"]
    dense = add_up([kb.index.lists.get(w) for w in words], 20)
    monkeypatch.setattr(term_lists_module, "DENSE_ROWIDS", 0)  # as if rowids were huge
    sparse = add_up([kb.index.lists.get(w) for w in words], 20)
    assert [r for r, _ in dense] == [r for r, _ in sparse]
    assert np.allclose([s for _, s in dense], [s for _, s in sparse])
