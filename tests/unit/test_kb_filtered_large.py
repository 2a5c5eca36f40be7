"""Filtered searches in a large index (threshold lowered to a small one here): every
filter keeps the per-word lists, narrowed to its rows; a broad one takes the sign-bit codes'
candidates, a narrow one scores its own rows' vectors; the rows a filter lets through are
kept until the index changes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from opexdesk.services.kb import Article, Embedder, KbSearch
from opexdesk.services.kb.records import Filters

TOPICS = [
    ("printer", "The printer shows a paper jam error on tray two"),
    ("vpn", "The VPN client disconnects after the laptop wakes up"),
    ("outlook", "Outlook asks for the password again and again"),
    ("wifi", "The wifi drops in the meeting room on the third floor"),
]
TAGS = ("net", "network", "net vpn", "", "vpn")


def _articles() -> list[Article]:
    out = []
    for i in range(200):
        topic, text = TOPICS[i % len(TOPICS)]
        category = "rare" if i % 40 == 0 else ("common" if i % 2 else "other")
        out.append(
            Article(
                f"a{i}",
                f"{topic} note {i}",
                f"In the office: {text}. Case {i}.",
                category=category,
                tags=tuple(TAGS[i % len(TAGS)].split()),
                language="zh" if i % 50 == 7 else "en",
            )
        )
    return out


ARTICLES = {a.id: a for a in _articles()}


@pytest.fixture()
def large(embedder: Embedder) -> Iterator[KbSearch]:
    kb = KbSearch(":memory:", embedder=embedder, large_index=10)
    kb.add_articles(ARTICLES.values())
    yield kb
    kb.close()


def passes(article: Article, f: Filters) -> bool:
    return (
        (not f.categories or article.category in f.categories)
        and (not f.languages or article.language in f.languages)
        and set(f.tags) <= set(article.tags)
    )


FILTERS = [
    Filters(categories=("rare",)),  # 5 of 200: narrow
    Filters(categories=("common",)),  # half: broad
    Filters(categories=("rare", "other")),
    Filters(languages=("zh",)),
    Filters(tags=("net",)),  # the whole tag: not "network"
    Filters(tags=("net", "vpn")),  # every tag listed
    Filters(categories=("common",), tags=("vpn",)),
]


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_every_hit_passes_and_the_topic_comes_first(large: KbSearch, filters: Filters) -> None:
    expected = {aid for aid, a in ARTICLES.items() if passes(a, filters)}
    assert expected, "the fixture has rows for every filter"
    for query in ("printer paper jam", "vpn disconnects", "outlook password", "wif"):
        hits = large.search(query, limit=10, filters=filters, as_you_type=True)
        assert {h.article_id for h in hits} <= expected, (query, filters)
        topic = next(t for t, _ in TOPICS if t.startswith(query[:3]))
        on_topic = {aid for aid in expected if ARTICLES[aid].title.startswith(topic)}
        if on_topic:
            assert hits and hits[0].article_id in on_topic, (query, filters, hits[:2])


def test_a_filter_letting_everything_through_changes_nothing(large: KbSearch) -> None:
    everything = Filters(languages=("en", "zh"))
    for query in ("printer paper jam", "the laptop wakes", "passwrod outlook", "wi"):
        plain = [(h.article_id, h.snippet) for h in large.search(query, as_you_type=True)]
        filtered = large.search(query, filters=everything, as_you_type=True)
        assert [(h.article_id, h.snippet) for h in filtered] == plain


def test_every_filter_keeps_the_lists_and_only_broad_ones_the_codes(
    large: KbSearch, monkeypatch: pytest.MonkeyPatch
) -> None:
    lists: list[object] = []
    codes: list[object] = []
    real_lists, real_codes = large._lexical_by_lists, large._semantic_by_codes

    def spy_lists(*args: object, **kwargs: object) -> tuple[list[int], list[int]]:
        lists.append(args[3] if len(args) > 3 else kwargs.get("allowed"))
        return real_lists(*args, **kwargs)  # type: ignore[arg-type]

    def spy_codes(*args: object, **kwargs: object) -> list[tuple[int, float]]:
        codes.append(args[2] if len(args) > 2 else kwargs.get("allowed"))
        return real_codes(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(large, "_lexical_by_lists", spy_lists)
    monkeypatch.setattr(large, "_semantic_by_codes", spy_codes)
    large.search("printer jam", filters=Filters(categories=("common",)))
    assert len(lists) == 1 and lists[0] is not None and len(codes) == 1
    narrow = large.search("printer jam", filters=Filters(categories=("rare",)))  # 2.5 %
    assert len(lists) == 2 and lists[1] is not None
    assert len(codes) == 1  # its own rows' vectors, exactly
    assert narrow and all(hit.category == "rare" for hit in narrow)


def test_a_filter_matching_nothing_finds_nothing(large: KbSearch) -> None:
    assert large.search("printer", filters=Filters(categories=("no such",))) == []
    assert large.search("printer", filters=Filters(tags=("ne",))) == []  # not part of a tag


def test_kept_rows_follow_changes_to_the_index(large: KbSearch) -> None:
    rare = Filters(categories=("rare",))
    assert all(h.article_id != "new" for h in large.search("toner smudge", filters=rare))
    large.add_articles([Article("new", "Toner smudge", "Toner smudges every page", "rare")])
    assert large.search("toner smudge", filters=rare)[0].article_id == "new"
    large.add_articles([Article("new", "Toner smudge", "Toner smudges every page", "other")])
    assert all(h.article_id != "new" for h in large.search("toner smudge", filters=rare))
    large.add_articles([Article("new", "Toner smudge", "Toner smudges every page", "rare")])
    assert large.remove_article("new")
    assert all(h.article_id != "new" for h in large.search("toner smudge", filters=rare))


def test_allowed_rows_mask_and_narrowing() -> None:
    import numpy as np

    from opexdesk.services.kb.allowed_rows import MAX_KEPT, AllowedCache, AllowedRows
    from opexdesk.services.kb.term_lists import TermList

    rows = AllowedRows(np.array([2, 5, 9]), total=12)
    assert rows.count == 3 and rows.share == 0.25
    assert 5 in rows and 4 not in rows and 10_000 not in rows
    assert rows.select(np.array([9, 1, 2, 50])).tolist() == [True, False, True, False]
    narrowed = rows.narrow(TermList(np.array([9, 3, 5]), np.array([3.0, 2.0, 1.0]), True))
    assert narrowed.rowids.tolist() == [9, 5] and narrowed.scores.tolist() == [3.0, 1.0]
    assert narrowed.clipped
    empty = AllowedRows(np.zeros(0, np.int64), total=0)
    assert empty.count == 0 and 0 not in empty and not empty.select(np.array([0])).any()

    cache = AllowedCache()
    for i in range(MAX_KEPT + 1):
        cache.put(Filters(categories=(str(i),)), rows)
    assert cache.get(Filters(categories=("0",))) is None  # the oldest went
    assert cache.get(Filters(categories=(str(MAX_KEPT),))) is rows
    cache.clear()
    assert cache.get(Filters(categories=(str(MAX_KEPT),))) is None
