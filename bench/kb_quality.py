"""Knowledge-base search quality and latency: ours vs bm25s and tantivy, in the same run.

    python bench/kb_quality.py --docs D.jsonl --queries Q.tsv --qrels R.tsv [--scale N]
        [--limit-queries N] [--seed 0]

Reads the three-file shape of ../shared/data/stackfaq-webapps (docs.jsonl: doc_id, title,
text; queries.tsv: query_id, text; qrels.tsv: query_id, doc_id, relevance; TSVs unquoted).
``--scale N`` adds N distractor documents (Endava ticket texts when present, else synthetic)
to all three systems, to measure latency at size. Prints one JSON object: NDCG@10, MRR@10,
recall@10, index_s, p50_ms/p95_ms per system, our search-as-you-type latency per keystroke
(``ours_typing``), plus an ablation of our components and the
feedback effect (feedback simulated on one half of the queries, scored on the other half).

``tantivy_snippets``: tantivy doing what our search returns, not only the ids: each hit's
stored title and a highlighted snippet of its text (``SnippetGenerator``, 160 characters,
our snippet width), from an index that stores both (a second one, so ``tantivy`` keeps its
smaller document store).

With ``--scale``, filtered searches too (ours and tantivy, same queries): the collection's
documents get the category "faq" and the distractors "ticket-0".."ticket-9" (a tenth each).
``*_filtered``: "faq" or "ticket-0" (a tenth of the index: the broad case);
``*_filtered_narrow``: "faq" only (the collection alone: the narrow case).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import random
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from opexdesk.services.kb import Article, Filters, KbSearch, Weights  # noqa: E402

ENDAVA = REPO.parent / "shared/data/endava-it-tickets/all_tickets_processed_improved_v3.csv.gz"
K = 10
SNIPPET_CHARS = 160  # the width of our snippets (services/kb/snippets.make_snippet)


def read_docs(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def distractors(n: int, seed: int) -> list[dict[str, str]]:
    """N extra documents: Endava ticket texts (cycled, shuffled words if reused) or synthetic."""
    rng = random.Random(seed)
    texts: list[str] = []
    if ENDAVA.is_file():
        with gzip.open(ENDAVA, "rt", encoding="utf-8") as fh:
            texts = [row["Document"] for row in csv.DictReader(fh) if row.get("Document")]
    if not texts:
        vocab = [f"w{i}" for i in range(5000)]
        texts = [" ".join(rng.choices(vocab, k=30)) for _ in range(1000)]
    out = []
    for i in range(n):
        words = texts[i % len(texts)].split()
        if i >= len(texts):
            rng.shuffle(words)
        out.append(
            {
                "doc_id": f"x{i}",
                "title": " ".join(words[:6]),
                "text": " ".join(words[6:]),
                "category": f"ticket-{i % 10}",
            }
        )
    return out


FILTERED = {"filtered": ("faq", "ticket-0"), "filtered_narrow": ("faq",)}


def metrics(ranked: list[list[str]], rel: list[set[str]]) -> dict[str, float]:
    ndcg = mrr = rec = 0.0
    for got, want in zip(ranked, rel, strict=True):
        dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(got[:K]) if d in want)
        idcg = sum(1 / math.log2(i + 2) for i in range(min(len(want), K)))
        ndcg += dcg / idcg if idcg else 0.0
        first = next((i for i, d in enumerate(got[:K]) if d in want), None)
        mrr += 1 / (first + 1) if first is not None else 0.0
        rec += len(want & set(got[:K])) / len(want) if want else 0.0
    n = max(len(ranked), 1)
    return {"ndcg@10": ndcg / n, "mrr@10": mrr / n, "recall@10": rec / n}


def run(search: Callable[[str], list[str]], queries: list[str]) -> tuple[list[list[str]], list]:
    ranked, times = [], []
    for q in queries:
        t0 = time.perf_counter()
        ranked.append(search(q))
        times.append((time.perf_counter() - t0) * 1000)
    return ranked, times


def summary(ranked: list[list[str]], times: list[float], rel: list[set[str]], index_s: float):
    out: dict[str, Any] = {k: round(v, 4) for k, v in metrics(ranked, rel).items()}
    qs = statistics.quantiles(times, n=20) if len(times) > 1 else [times[0]] * 19
    out.update(
        index_s=round(index_s, 3),
        p50_ms=round(statistics.median(times), 3),
        p95_ms=round(qs[18], 3),
    )
    return out


def typing_latency(kb: KbSearch, queries: list[str]) -> dict[str, Any]:
    """Search as you type: one search per keystroke of each query (the word being typed
    matched as a prefix), as the search panel runs them. Ours only: the references have no
    such mode."""
    times = []
    for q in queries:
        for i in range(1, len(q) + 1):
            t0 = time.perf_counter()
            kb.search(q[:i], limit=K, as_you_type=True)
            times.append((time.perf_counter() - t0) * 1000)
    if len(times) < 2:
        return {"keystrokes": len(times)}
    qs = statistics.quantiles(times, n=100)
    return {
        "keystrokes": len(times),
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(qs[94], 3),
        "p99_ms": round(qs[98], 3),
    }


def bm25s_system(docs: list[dict[str, str]]) -> tuple[Callable[[str], list[str]], float]:
    import bm25s  # type: ignore[import-untyped]

    t0 = time.perf_counter()
    corpus = [f"{d['title']} {d['text']}" for d in docs]
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize(corpus, stopwords="en", show_progress=False), show_progress=False
    )
    ids = [d["doc_id"] for d in docs]
    index_s = time.perf_counter() - t0

    def search(q: str) -> list[str]:
        toks = bm25s.tokenize([q], stopwords="en", show_progress=False)
        if not toks.vocab:
            return []
        res, _ = retriever.retrieve(toks, k=min(K, len(ids)), show_progress=False)
        return [ids[i] for i in res[0]]

    return search, index_s


def tantivy_system(docs: list[dict[str, str]], tmp: str, snippets: bool = False):
    """The reference engine; ``search(q, categories)`` filters like our ``Filters``; with
    ``snippets``, each hit's title and highlighted snippet are made as well."""
    import tantivy  # type: ignore[import-untyped]

    t0 = time.perf_counter()
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("doc_id", stored=True, tokenizer_name="raw")
    sb.add_text_field("title", stored=snippets, tokenizer_name="en_stem")
    sb.add_text_field("text", stored=snippets, tokenizer_name="en_stem")
    sb.add_text_field("category", stored=False, tokenizer_name="raw")
    schema = sb.build()
    index = tantivy.Index(schema, path=tmp)
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    for d in docs:
        writer.add_document(
            tantivy.Document(
                doc_id=d["doc_id"], title=d["title"], text=d["text"], category=d.get("category", "")
            )
        )
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    searcher = index.searcher()
    index_s = time.perf_counter() - t0

    def search(q: str, categories: tuple[str, ...] = ()) -> list[str]:
        terms = re.findall(r"\w+", q.lower())
        if not terms:
            return []
        text = " ".join(f'"{t}"' for t in terms)
        if categories:
            allowed = " OR ".join(f'category:"{c}"' for c in categories)
            text = f"({text}) AND ({allowed})"
        query = index.parse_query(text, ["title", "text"])
        hits = searcher.search(query, K).hits
        if not snippets:
            return [searcher.doc(addr)["doc_id"][0] for _s, addr in hits]
        maker = tantivy.SnippetGenerator.create(searcher, query, schema, "text")
        maker.set_max_num_chars(SNIPPET_CHARS)
        found = []
        for _s, addr in hits:
            doc = searcher.doc(addr)
            snippet = maker.snippet_from_doc(doc)
            shown.append((doc["title"][0], snippet.fragment(), snippet.highlighted()))
            found.append(doc["doc_id"][0])
        return found

    shown: list[Any] = []  # what a result list would show (kept: nothing is optimised away)

    return search, index_s


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=Path, required=True)
    ap.add_argument("--queries", type=Path, required=True)
    ap.add_argument("--qrels", type=Path, required=True)
    ap.add_argument("--scale", type=int, default=0)
    ap.add_argument("--limit-queries", type=int, default=0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--typing-queries", type=int, default=150, help="queries typed key by key (ours only)"
    )
    args = ap.parse_args(argv)

    docs = read_docs(args.docs)
    qrows = read_tsv(args.queries)
    rel_map: dict[str, set[str]] = defaultdict(set)
    for r in read_tsv(args.qrels):
        if float(r["relevance"]) > 0:
            rel_map[r["query_id"]].add(r["doc_id"])
    qrows = [q for q in qrows if q["query_id"] in rel_map]
    if args.limit_queries:
        qrows = random.Random(args.seed).sample(qrows, min(args.limit_queries, len(qrows)))
    if args.scale:
        docs = [{**d, "category": "faq"} for d in docs] + distractors(args.scale, args.seed)
    queries = [q["text"] for q in qrows]
    rel = [rel_map[q["query_id"]] for q in qrows]

    out: dict[str, Any] = {"docs": len(docs), "queries": len(queries)}
    with tempfile.TemporaryDirectory() as tmp:
        kb = KbSearch(str(Path(tmp) / "kb.sqlite3"))
        t0 = time.perf_counter()
        kb.add_articles(
            Article(d["doc_id"], d.get("title", ""), d.get("text", ""), d.get("category", ""))
            for d in docs
        )
        index_s = time.perf_counter() - t0

        def ours(q: str, w: Weights | None = None) -> list[str]:
            return [h.article_id for h in kb.search(q, limit=K, weights=w)]

        out["ours"] = summary(*run(ours, queries), rel, index_s)
        out["ours_typing"] = typing_latency(kb, queries[: args.typing_queries])
        bm25s_search, bm25s_s = bm25s_system(docs)
        out["bm25s"] = summary(*run(bm25s_search, queries), rel, bm25s_s)
        tantivy_search, tantivy_s = tantivy_system(docs, tmp)
        out["tantivy"] = summary(*run(tantivy_search, queries), rel, tantivy_s)
        snippets_dir = Path(tmp) / "tantivy_snippets"
        snippets_dir.mkdir()
        shown_search, shown_s = tantivy_system(docs, str(snippets_dir), snippets=True)
        out["tantivy_snippets"] = summary(*run(shown_search, queries), rel, shown_s)
        if args.scale:
            for key, cats in FILTERED.items():
                f = Filters(categories=cats)

                def ours_filtered(q: str, f: Filters = f) -> list[str]:
                    return [h.article_id for h in kb.search(q, limit=K, filters=f)]

                def tantivy_filtered(q: str, cats: tuple[str, ...] = cats) -> list[str]:
                    return tantivy_search(q, cats)

                out[f"ours_{key}"] = summary(*run(ours_filtered, queries), rel, index_s)
                out[f"tantivy_{key}"] = summary(*run(tantivy_filtered, queries), rel, tantivy_s)

        base = kb.weights
        variants = {
            "lexical_only": Weights(base.words, base.trigram, 0.0, 0.0),
            "words_only": Weights(base.words, 0.0, 0.0, 0.0),
            "semantic_only": Weights(0.0, 0.0, base.semantic, 0.0),
            "fused": Weights(base.words, base.trigram, base.semantic, 0.0),
        }
        ablation: dict[str, Any] = {}
        for name, w in variants.items():
            ranked, _t = run(lambda q, w=w: ours(q, w), queries)
            ablation[name] = {k: round(v, 4) for k, v in metrics(ranked, rel).items()}
        # feedback: the first half of the queries (by seeded shuffle) "solved" by their
        # relevant article; scored on the other half, with and without feedback
        order = list(range(len(queries)))
        random.Random(args.seed).shuffle(order)
        train, test = order[: len(order) // 2], order[len(order) // 2 :]
        test_q, test_rel = [queries[i] for i in test], [rel[i] for i in test]
        fused_w = variants["fused"]
        ranked, _t = run(lambda q: ours(q, fused_w), test_q)
        ablation["test_half_fused"] = {k: round(v, 4) for k, v in metrics(ranked, test_rel).items()}
        for i in train:
            for doc_id in rel[i]:
                kb.record_solved(queries[i], doc_id)
        ranked, _t = run(ours, test_q)
        ablation["test_half_fused+feedback"] = {
            k: round(v, 4) for k, v in metrics(ranked, test_rel).items()
        }
        out["ablation"] = ablation
        kb.close()
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
