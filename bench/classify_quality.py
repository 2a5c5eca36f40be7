"""Ticket classifier quality: our on-device classifier vs TF-IDF + LogisticRegression.

    python bench/classify_quality.py --data FILE.csv[.gz] --text COL[,COL] --label COL
        [--test-size 0.2] [--seed 0] [--where COL=VALUE] [--limit N] [--repeats K]

Reads any CSV (header row; column names may contain spaces; gzip when the name ends in .gz),
joins the --text columns with a space, splits stratified (classes with fewer than 2 rows go
to training only) and, in the same run, trains and scores:

- ``ours``: ``opexdesk.services.classify.train_classifier`` (the code the app runs);
- ``reference``: scikit-learn ``TfidfVectorizer()`` + ``LogisticRegression()``, defaults;
- ``majority``: the most frequent training label.

Prints one JSON object: per model macro_f1, accuracy, per_class_recall, train_s and
suggest_p95_ms (one ticket at a time, as the editor asks while the user types).

``--repeats K`` (K > 1) also scores ours and the reference on the splits of seeds
seed+1 .. seed+K-1 and adds ``"repeats"``: macro-F1 per seed, mean and standard deviation,
and on how many splits ours is ahead. Small test sets (a few rows of a rare class) make one
split's difference mostly noise; the repeats say whether a lead is real.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import random
import statistics
import sys
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import common

csv.field_size_limit(10_000_000)


def read_rows(
    path: Path, text_cols: Sequence[str], label_col: str, where: list[tuple[str, str]]
) -> tuple[list[str], list[str]]:
    """(texts, labels) of the rows matching every ``where`` (rows without a label skipped)."""
    raw = path.read_bytes()
    if path.name.endswith(".gz"):
        raw = gzip.decompress(raw)
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig", errors="replace"), newline=""))
    fields = reader.fieldnames or []
    for col in [*text_cols, label_col, *(c for c, _ in where)]:
        if col not in fields:
            sys.exit(f"column {col!r} not in {path.name}; columns: {fields}")
    texts, labels = [], []
    for row in reader:
        if any((row.get(c) or "").strip() != v for c, v in where):
            continue
        label = (row.get(label_col) or "").strip()
        if not label:
            continue
        texts.append(" ".join((row.get(c) or "").strip() for c in text_cols).strip())
        labels.append(label)
    return texts, labels


def stratified_split(
    labels: Sequence[str], test_size: float, seed: int
) -> tuple[list[int], list[int]]:
    """Per class, ``test_size`` of the rows to the test set (at least 1, never all of them)."""
    rng = random.Random(seed)
    by_class: dict[str, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        by_class[lab].append(i)
    train, test = [], []
    for lab in sorted(by_class):
        rows = by_class[lab]
        rng.shuffle(rows)
        k = 0 if len(rows) < 2 else min(len(rows) - 1, max(1, round(len(rows) * test_size)))
        test.extend(rows[:k])
        train.extend(rows[k:])
    return sorted(train), sorted(test)


def scores(truth: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    from sklearn.metrics import accuracy_score, f1_score

    classes = sorted(set(truth))
    recall = {}
    for c in classes:
        rows = [p for t, p in zip(truth, pred, strict=True) if t == c]
        recall[c] = round(sum(p == c for p in rows) / len(rows), 4)
    return {
        # Macro over the classes present in the test set.
        "macro_f1": round(float(f1_score(truth, pred, labels=classes, average="macro")), 4),
        "accuracy": round(float(accuracy_score(truth, pred)), 4),
        "per_class_recall": recall,
    }


def timed_one_by_one(fn: Callable[[str], str], texts: Sequence[str]) -> tuple[list[str], float]:
    for text in texts[:5]:  # warm-up
        fn(text)
    preds, samples = [], []
    for text in texts:
        start = time.perf_counter()
        preds.append(fn(text))
        samples.append((time.perf_counter() - start) * 1000)
    return preds, common.p95(samples)


def run_ours(tr_x: list[str], tr_y: list[str], te_x: list[str]) -> tuple[list[str], float, float]:
    from opexdesk.services.classify import train_classifier

    start = time.perf_counter()
    model = train_classifier(tr_x, {"label": tr_y})
    train_s = time.perf_counter() - start

    def suggest(text: str) -> str:
        # The whole suggestion path: features, scores, calibrated confidence, driving words.
        pred = model.predict(model.features(text), "label")
        return pred.label if pred else tr_y[0]

    preds, p95 = timed_one_by_one(suggest, te_x)
    return preds, train_s, p95


def run_reference(
    tr_x: list[str], tr_y: list[str], te_x: list[str]
) -> tuple[list[str], float, float]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    start = time.perf_counter()
    pipe = make_pipeline(TfidfVectorizer(), LogisticRegression())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pipe.fit(tr_x, tr_y)
    train_s = time.perf_counter() - start
    preds, p95 = timed_one_by_one(lambda t: str(pipe.predict([t])[0]), te_x)
    return preds, train_s, p95


def run_majority(tr_y: list[str], te_x: list[str]) -> tuple[list[str], float, float]:
    start = time.perf_counter()
    top = Counter(tr_y).most_common(1)[0][0]
    train_s = time.perf_counter() - start
    preds, p95 = timed_one_by_one(lambda _t: top, te_x)
    return preds, train_s, p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--text", required=True, help="text column(s), comma-separated")
    parser.add_argument("--label", required=True)
    parser.add_argument("--test-size", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--where", action="append", default=[], help="COL=VALUE filter")
    parser.add_argument("--limit", type=int, help="use only the first N matching rows")
    parser.add_argument("--repeats", type=int, default=1, help="score K split seeds")
    args = parser.parse_args()
    if args.repeats < 1:
        sys.exit("--repeats needs a positive number")

    where = []
    for item in args.where:
        col, sep, value = item.partition("=")
        if not sep:
            sys.exit(f"--where needs COL=VALUE, got {item!r}")
        where.append((col, value))
    texts, labels = read_rows(args.data, args.text.split(","), args.label, where)
    if args.limit:
        texts, labels = texts[: args.limit], labels[: args.limit]
    if len(set(labels)) < 2:
        sys.exit(f"need at least 2 labels, found {sorted(set(labels))} in {len(labels)} rows")
    train, test = stratified_split(labels, args.test_size, args.seed)
    tr_x, tr_y, te_x, te_y = split_rows(texts, labels, train, test)

    out: dict[str, Any] = {
        "data": args.data.name,
        "label": args.label,
        "where": dict(where),
        "n_train": len(train),
        "n_test": len(test),
        "labels": dict(sorted(Counter(labels).items())),
    }
    runs = {
        "ours": lambda: run_ours(tr_x, tr_y, te_x),
        "reference": lambda: run_reference(tr_x, tr_y, te_x),
        "majority": lambda: run_majority(tr_y, te_x),
    }
    for name, run in runs.items():
        preds, train_s, p95 = run()
        out[name] = {**scores(te_y, preds), "train_s": round(train_s, 3), "suggest_p95_ms": p95}
    if args.repeats > 1:
        out["repeats"] = repeated_splits(texts, labels, args, out)
    print(json.dumps(out))


def split_rows(
    texts: list[str], labels: list[str], train: list[int], test: list[int]
) -> tuple[list[str], list[str], list[str], list[str]]:
    return (
        [texts[i] for i in train],
        [labels[i] for i in train],
        [texts[i] for i in test],
        [labels[i] for i in test],
    )


def repeated_splits(
    texts: list[str], labels: list[str], args: argparse.Namespace, first: dict[str, Any]
) -> dict[str, Any]:
    """Macro-F1 of ours and the reference over ``args.repeats`` split seeds (the first
    split's scores are reused from ``first``)."""
    seeds = list(range(args.seed, args.seed + args.repeats))
    f1: dict[str, list[float]] = {
        "ours": [first["ours"]["macro_f1"]],
        "reference": [first["reference"]["macro_f1"]],
    }
    for seed in seeds[1:]:
        tr_x, tr_y, te_x, te_y = split_rows(
            texts, labels, *stratified_split(labels, args.test_size, seed)
        )
        f1["ours"].append(scores(te_y, run_ours(tr_x, tr_y, te_x)[0])["macro_f1"])
        f1["reference"].append(scores(te_y, run_reference(tr_x, tr_y, te_x)[0])["macro_f1"])
    summary: dict[str, Any] = {"seeds": seeds}
    for name, values in f1.items():
        summary[name] = {
            "macro_f1": values,
            "mean": round(statistics.fmean(values), 4),
            "stdev": round(statistics.stdev(values), 4),
        }
    summary["ours_ahead"] = sum(o > r for o, r in zip(f1["ours"], f1["reference"], strict=True))
    return summary


if __name__ == "__main__":
    main()
