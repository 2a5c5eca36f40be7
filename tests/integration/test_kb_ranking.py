"""Ranking quality of the knowledge-base search on StackFAQ (real FAQ retrieval data)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared/data/stackfaq-webapps"
SAMPLE = 250

pytestmark = pytest.mark.skipif(
    not (DATA / "docs.jsonl").is_file(),
    reason=f"StackFAQ collection not found at {DATA} (evaluation data, not shipped)",
)


def test_ours_beats_plain_bm25_on_stackfaq() -> None:
    sys.path.insert(0, str(REPO / "bench"))
    import kb_quality as bench  # type: ignore[import-not-found]

    from opexdesk.services.kb import Article, KbSearch

    docs = bench.read_docs(DATA / "docs.jsonl")
    rel = {r["query_id"]: {r["doc_id"]} for r in bench.read_tsv(DATA / "qrels.tsv")}
    rows = random.Random(7).sample(bench.read_tsv(DATA / "queries.tsv"), SAMPLE)
    queries, wanted = [r["text"] for r in rows], [rel[r["query_id"]] for r in rows]

    kb = KbSearch(":memory:")
    kb.add_articles(Article(d["doc_id"], d["title"], d["text"]) for d in docs)
    ours = bench.metrics([[h.article_id for h in kb.search(q)] for q in queries], wanted)
    bm25, _ = bench.bm25s_system(docs)
    ref = bench.metrics([bm25(q) for q in queries], wanted)
    kb.close()

    assert ours["ndcg@10"] >= 0.80, ours
    assert ours["ndcg@10"] >= ref["ndcg@10"], (ours, ref)
    assert ours["recall@10"] >= 0.93, ours


def test_the_snippet_making_tantivy_reference_ranks_like_the_plain_one(tmp_path) -> None:  # noqa: ANN001
    """bench/kb_quality.py's ``tantivy_snippets`` only adds the work of showing the hits."""
    sys.path.insert(0, str(REPO / "bench"))
    import kb_quality as bench  # type: ignore[import-not-found]

    docs = bench.read_docs(DATA / "docs.jsonl")
    rows = random.Random(3).sample(bench.read_tsv(DATA / "queries.tsv"), 40)
    (tmp_path / "plain").mkdir()
    (tmp_path / "shown").mkdir()
    plain, _ = bench.tantivy_system(docs, str(tmp_path / "plain"))
    shown, _ = bench.tantivy_system(docs, str(tmp_path / "shown"), snippets=True)
    for row in rows:
        assert shown(row["text"]) == plain(row["text"]), row["text"]
