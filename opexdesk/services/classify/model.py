"""The ticket classifier: one linear model per field over a shared :class:`FeatureSpace`.

Works on plain lists of strings and labels (no database), so the benchmark and the shipped
default model use exactly the code the app runs. Training uses scikit-learn; the fitted
model is reduced to numpy arrays (coefficients, intercepts, a softmax temperature), which
is all a suggestion needs and all that is saved (see :mod:`.model_store`).
"""

from __future__ import annotations

import time
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from opexdesk.services.classify.features import Features, FeatureSpace

if TYPE_CHECKING:
    from scipy import sparse

FIELDS: tuple[str, ...] = ("category", "impact", "urgency", "group_name")
# Below this a field is not learned from history (keyword rules / default model instead).
MIN_EXAMPLES = 20
MIN_CLASSES = 2
TOP_WORDS = 5


@dataclass(frozen=True)
class TrainConfig:
    """Hyper-parameters, chosen by cross-validation on training data (docs/classify.md)."""

    c: float = 0.5  # LinearSVC regularisation
    char_weight: float = 1.0
    min_df: int = 1
    max_word: int | None = 40_000
    max_char: int | None = 120_000
    calibration_folds: int = 3


@dataclass
class FieldModel:
    """A linear model of one field: ``scores = x @ coef + intercept``, ``p = softmax(t * s)``."""

    labels: list[str]
    coef: np.ndarray  # (n_features, n_classes) float32
    intercept: np.ndarray  # (n_classes,) float64
    temperature: float = 1.0

    def scores(self, f: Features) -> np.ndarray:
        """Decision values of one text's features."""
        if f.empty:
            return self.intercept.astype(np.float64)
        return f.values @ self.coef[f.indices].astype(np.float64) + self.intercept

    def proba(self, f: Features) -> np.ndarray:
        """Calibrated class probabilities of one text."""
        return softmax(self.scores(f) * self.temperature)


@dataclass(frozen=True)
class Prediction:
    """The model's answer for one field of one text."""

    label: str
    confidence: float
    words: tuple[str, ...]  # the words that pushed most towards ``label``


@dataclass
class TicketClassifier:
    """Feature space + one :class:`FieldModel` per trained field, and where it came from."""

    space: FeatureSpace
    fields: dict[str, FieldModel]
    info: dict[str, object] = field(default_factory=dict)

    def features(self, text: str) -> Features:
        return self.space.one(text)

    def predict(self, f: Features, name: str) -> Prediction | None:
        """The most likely label of field ``name`` with its confidence and driving words."""
        model = self.fields.get(name)
        if model is None:
            return None
        p = model.proba(f)
        k = int(np.argmax(p))
        return Prediction(model.labels[k], float(p[k]), explain(model, f, k))

    def nudge(self, f: Features, name: str, label: str, steps: int = 8, rate: float = 1.0) -> None:
        """Cheap online update from one correction: a few softmax-loss gradient steps on this
        example's columns until ``label`` wins (full retraining later folds it in properly)."""
        model = self.fields.get(name)
        if model is None or f.empty:
            return
        if label not in model.labels:  # a class the model never saw: add an empty column
            model.labels.append(label)
            model.coef = np.hstack([model.coef, np.zeros((model.coef.shape[0], 1), np.float32)])
            low = float(model.intercept.min()) if len(model.intercept) else 0.0
            model.intercept = np.append(model.intercept, low)
        k = model.labels.index(label)
        target = np.zeros(len(model.labels))
        target[k] = 1.0
        x = f.values / max(float(np.dot(f.values, f.values)), 1e-9)
        for _ in range(steps):
            p = model.proba(f)
            if int(np.argmax(p)) == k and p[k] > 0.6:
                break
            grad = p - target
            model.coef[f.indices] -= (rate * np.outer(x, grad)).astype(np.float32)


def softmax(s: np.ndarray) -> np.ndarray:
    z = s - np.max(s)
    e = np.exp(z)
    out: np.ndarray = e / e.sum()
    return out


def explain(model: FieldModel, f: Features, k: int, top: int = TOP_WORDS) -> tuple[str, ...]:
    """Readable words with the largest contribution towards class ``k`` against the mean of
    the other classes; char n-gram contributions are credited to the words containing them."""
    if f.empty:
        return ()
    rows = model.coef[f.indices].astype(np.float64)
    if rows.shape[1] > 1:
        margin = rows[:, k] - (rows.sum(axis=1) - rows[:, k]) / (rows.shape[1] - 1)
    else:
        margin = rows[:, 0]
    words = f.words
    pair_word, pair_pos, share = f.attribution
    contrib = f.values * margin
    per = np.bincount(pair_word, weights=contrib[pair_pos] * share, minlength=len(words))
    best = np.argsort(-per, kind="stable")[: top * 4]
    per_word = {
        words[i]: float(per[i]) for i in best.tolist() if per[i] > 0 and _readable(words[i])
    }
    # No repeats: skip a word inside a stronger chosen phrase, or a phrase around one.
    ranked = sorted(per_word.items(), key=lambda kv: (-kv[1], kv[0]))
    chosen: list[str] = []
    known = set(words)
    for w, _ in ranked:
        if _is_cjk(w) and _merge_cjk(w, chosen, known):
            continue
        if any(_overlaps(w, c) for c in chosen):
            continue
        chosen.append(w)
        if len(chosen) == top:
            break
    return tuple(chosen)


def _merge_cjk(w: str, chosen: list[str], known: set[str]) -> bool:
    """Join CJK ``w`` with an overlapping chosen term ("打印" + "印机" -> "打印机") when the
    joined term (at most 4 characters) occurs in the text; True when it did."""
    for i, c in enumerate(chosen):
        if not _is_cjk(c) or w in c:
            continue
        for k in range(min(len(c), len(w)) - 1, 0, -1):
            after = c + w[k:] if c[-k:] == w[:k] else ""
            before = w + c[k:] if w[-k:] == c[:k] else ""
            for joined in (after, before):
                if joined and len(joined) <= 4 and joined in known:
                    chosen[i] = joined
                    return True
    return False


def _overlaps(a: str, b: str) -> bool:
    if _is_cjk(a) or _is_cjk(b):
        return a in b or b in a
    aw, bw = a.split(" "), b.split(" ")
    return a in bw or b in aw


def _is_cjk(word: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in word)


# Not worth showing alone (a phrase containing them is fine: "not urgent").
_STOP_WORDS = (
    "the this that these and for with not you your are was were can has have had from but "
    "all any our its won don didn doesn isn also just been will would could please some "
    "und der die das den dem ist mit ich ein eine nicht bitte auch auf für von wir sie es"
)
_STOP = frozenset(_STOP_WORDS.split(" "))


def _readable(word: str) -> bool:
    """Worth showing: CJK terms of 2-4 characters; Latin words of 3+ letters, not digits,
    not stop-words; phrases without one-letter parts ("won t")."""
    if _is_cjk(word):
        return 2 <= len(word) <= 4
    parts = word.split(" ")
    if len(parts) > 1:
        return all(len(p) > 1 for p in parts) and not all(p in _STOP for p in parts)
    return len(word) >= 3 and not word.isdigit() and word not in _STOP


def _linear(
    x: sparse.csr_matrix, y: np.ndarray, w: np.ndarray, cfg: TrainConfig
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Fit class-balanced one-vs-rest LinearSVC; returns coef (features x classes), intercepts."""
    from sklearn.svm import LinearSVC  # type: ignore[import-untyped]

    clf = LinearSVC(C=cfg.c, class_weight="balanced", max_iter=5000, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning on tiny/odd data is harmless
        clf.fit(x, y, sample_weight=w)
    labels = [str(c) for c in clf.classes_]
    coef = np.asarray(clf.coef_, dtype=np.float64)
    icpt = np.asarray(clf.intercept_, dtype=np.float64)
    if len(labels) == 2:  # binary: sklearn keeps one row for the positive class
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        icpt = np.array([-icpt[0] / 2, icpt[0] / 2])
    return coef.T.astype(np.float32), icpt, labels


def _fit_temperature(scores: np.ndarray, y_idx: np.ndarray) -> float:
    """Softmax temperature minimising the negative log-likelihood of held-out scores."""
    best_t, best = 1.0, np.inf
    for t in (0.5, 1, 1.5, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20):
        z = scores * t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        nll = -float(logp[np.arange(len(y_idx)), y_idx].mean())
        if nll < best:
            best_t, best = float(t), nll
    return best_t


def _calibrate(
    x: sparse.csr_matrix, y: np.ndarray, w: np.ndarray, labels: list[str], cfg: TrainConfig
) -> float:
    """Temperature from out-of-fold decision values (a few folds); a moderate 2.0 when the
    data is too small to hold any out."""
    counts = Counter(y.tolist())
    folds = min(cfg.calibration_folds, min(counts.values()))
    if folds < 2 or len(y) < 30:
        return 2.0
    from sklearn.model_selection import StratifiedKFold  # type: ignore[import-untyped]

    index = {lab: i for i, lab in enumerate(labels)}
    scores = np.zeros((len(y), len(labels)))
    seen = np.zeros(len(y), dtype=bool)
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=0).split(x, y):
        if len(set(y[tr].tolist())) < 2:
            continue
        coef, icpt, labs = _linear(x[tr], y[tr], w[tr], cfg)
        cols = [index[lab] for lab in labs]
        full = np.full((len(te), len(labels)), -10.0)
        full[:, cols] = x[te] @ coef + icpt
        scores[te] = full
        seen[te] = True
    y_idx = np.array([index[lab] for lab in y.tolist()])
    return _fit_temperature(scores[seen], y_idx[seen]) if seen.any() else 2.0


def trainable(labels: Sequence[str | None]) -> bool:
    """Whether a field has enough labelled history to learn (else rules/default model)."""
    counts = Counter(lab for lab in labels if lab)
    return sum(counts.values()) >= MIN_EXAMPLES and len(counts) >= MIN_CLASSES


def train_classifier(
    texts: Sequence[str],
    labels: Mapping[str, Sequence[str | None]],
    weights: Sequence[float] | None = None,
    config: TrainConfig | None = None,
) -> TicketClassifier:
    """Train on ``texts`` and, per field, one label per text (None: not labelled).

    ``weights`` (default 1) lets operator corrections count more than plain history.
    Fields without enough labels (:func:`trainable`) are left out of the result.
    """
    cfg = config or TrainConfig()
    start = time.perf_counter()
    space, x = FeatureSpace.fit(
        texts,
        min_df=cfg.min_df,
        max_word=cfg.max_word,
        max_char=cfg.max_char,
        char_weight=cfg.char_weight,
    )
    w_all = np.ones(len(texts)) if weights is None else np.asarray(weights, dtype=np.float64)
    models: dict[str, FieldModel] = {}
    counts: dict[str, int] = {}
    for name, column in labels.items():
        if len(column) != len(texts):
            raise ValueError(f"{name}: {len(column)} labels for {len(texts)} texts")
        if not trainable(column):
            continue
        rows = np.array([i for i, lab in enumerate(column) if lab], dtype=np.int64)
        y = np.array([str(column[i]) for i in rows.tolist()], dtype=object)
        xs, ws = x[rows], w_all[rows]
        coef, icpt, labs = _linear(xs, y, ws, cfg)
        models[name] = FieldModel(labs, coef, icpt, _calibrate(xs, y, ws, labs, cfg))
        counts[name] = len(rows)
    info: dict[str, object] = {
        "examples": len(texts),
        "labelled": counts,
        "train_seconds": round(time.perf_counter() - start, 3),
    }
    return TicketClassifier(space, models, info)
