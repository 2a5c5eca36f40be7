"""Text to sparse tf-idf features: word 1-2 grams plus character n-grams inside words.

Two blocks, each l2-normalised on its own and then weighted: *word* terms (Latin words and
their bigrams; CJK runs as character uni- and bigrams, since word tokenisation fails on
Chinese) and *char* terms (character 2-5 grams of every token padded with spaces, like
scikit-learn's ``char_wb``; they cope with German compounds, typos and CJK). scikit-learn
computes the vocabulary and idf at training time; suggestions use :meth:`FeatureSpace.one`,
plain Python over a dict (no vectorizer object to pickle, a fraction of a millisecond).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

if TYPE_CHECKING:
    from scipy import sparse

MAX_TEXT = 4000  # characters looked at; the start of a ticket says what it is about
CHAR_N = (2, 5)
# Letters/digits of any script; CJK ideographs, kana and hangul are split out below.
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
# Typical UTF-8-read-as-cp1252 sequences ("GerÃ¤t", "â€™", "é‡å¯").
_MOJIBAKE = re.compile(r"[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u2122]")


def repair_mojibake(text: str) -> str:
    """Undo one round of UTF-8 bytes decoded as cp1252/latin-1, when that is what it is."""
    if not _MOJIBAKE.search(text):
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


def clean(text: str | None) -> str:
    """Text safe to store and encode: lone surrogates (from surrogateescape decoding) become
    "?", NUL is dropped, and very long text is cut."""
    if not text:
        return ""
    text = text[: MAX_TEXT * 2]
    return text.encode("utf-8", "replace").decode("utf-8", "replace").replace("\x00", "")


def normalise(text: str | None) -> str:
    """Lower-cased NFKC text with mojibake repaired and surrogates/control characters dropped."""
    text = repair_mojibake(clean(text))
    text = unicodedata.normalize("NFKC", text).casefold()
    return text[:MAX_TEXT]


class Token(NamedTuple):
    """A token of the text: ``text`` as written (normalised), ``cjk`` for ideograph runs."""

    text: str
    cjk: bool


def tokens(text: str) -> list[Token]:
    """Tokens of normalised text: words, and CJK runs kept whole (split into n-grams later)."""
    out: list[Token] = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        last = 0
        for run in _CJK.finditer(word):
            if run.start() > last:
                out.append(Token(word[last : run.start()], False))
            out.append(Token(run.group(), True))
            last = run.end()
        if last < len(word):
            out.append(Token(word[last:], False))
    return out


def word_terms(toks: Sequence[Token]) -> list[str]:
    """Terms of the word block: unigrams (2+ letters), bigrams, CJK 1-2 grams."""
    out: list[str] = []
    prev: str | None = None
    for tok in toks:
        if tok.cjk:
            s = tok.text
            out.extend(s)
            out.extend(s[i : i + 2] for i in range(len(s) - 1))
            prev = None
            continue
        if len(tok.text) > 1 or tok.text.isdigit():
            out.append(tok.text)
        if prev is not None:
            out.append(f"{prev} {tok.text}")
        prev = tok.text
    return out


def char_terms(toks: Sequence[Token]) -> list[str]:
    """Terms of the char block: 2-5 grams of each token padded with spaces (`` token ``)."""
    lo, hi = CHAR_N
    out: list[str] = []
    for tok in toks:
        padded = f" {tok.text} "
        size = len(padded)
        for n in range(lo, min(hi, size) + 1):
            out.extend(padded[i : i + n] for i in range(size - n + 1))
    return out


@dataclass
class Block:
    """One feature block: term -> column, idf per column, and its weight in the union."""

    name: str
    vocabulary: dict[str, int]
    idf: np.ndarray
    weight: float = 1.0

    @property
    def size(self) -> int:
        return len(self.vocabulary)


@dataclass(frozen=True)
class Features:
    """The features of one text: column indices and values, and the columns of each word."""

    indices: np.ndarray  # int64, sorted
    values: np.ndarray  # float64
    words: tuple[str, ...]  # readable words and word pairs of the text
    word_cols: tuple[np.ndarray, ...]  # the distinct columns each of them produced

    @property
    def empty(self) -> bool:
        return len(self.indices) == 0

    @cached_property
    def attribution(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(word of each pair, position in ``indices`` of each pair, share of each pair): how
        column values are credited to words; a column shared by several words (a common
        char n-gram) is split between them. Computed once per text, in numpy."""
        if not self.words:
            empty = np.zeros(0, np.int64)
            return empty, empty, np.zeros(0)
        lengths = np.array([len(c) for c in self.word_cols], np.int64)
        cols = np.concatenate(self.word_cols)
        pos = np.searchsorted(self.indices, cols)
        owners = np.bincount(pos, minlength=len(self.indices))
        return np.repeat(np.arange(len(self.words)), lengths), pos, 1.0 / owners[pos]


CACHE_LIMIT = 50_000  # tokens; typing re-sends the same words on every keystroke
_NO_COLS = np.zeros(0, np.int64)


class FeatureSpace:
    """The fitted word + char blocks; maps text to one sparse row of the training matrix."""

    def __init__(self, word: Block, char: Block) -> None:
        self.word = word
        self.char = char
        self.n_features = word.size + char.size
        # Per column: idf times the block weight, and which block (0 word, 1 char).
        self._idf = np.concatenate([word.idf, char.idf]).astype(np.float64)
        self._is_char = np.arange(self.n_features) >= word.size
        self._weights = (word.weight, char.weight)
        self._cache: dict[Token, tuple[np.ndarray, tuple[tuple[str, np.ndarray], ...]]] = {}

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        *,
        min_df: int = 1,
        max_word: int | None = None,
        max_char: int | None = None,
        char_weight: float = 1.0,
    ) -> tuple[FeatureSpace, sparse.csr_matrix]:
        """Learn vocabularies and idf from ``texts``; returns the space and the training matrix."""
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer

        blocks: list[Block] = []
        mats = []
        # Tokenised once; scikit-learn hands each token list to the analyzer as a "document".
        docs = [tokens(normalise(t)) for t in texts]
        grams: dict[Token, list[str]] = {}  # words repeat: their n-grams are made once

        def cached_char_terms(toks: Sequence[Token]) -> list[str]:
            out: list[str] = []
            for tok in toks:
                found = grams.get(tok)
                if found is None:
                    found = grams[tok] = char_terms([tok])
                out.extend(found)
            return out

        for name, analyzer, cap, weight in (
            ("word", word_terms, max_word, 1.0),
            ("char", cached_char_terms, max_char, char_weight),
        ):
            vec = TfidfVectorizer(
                analyzer=analyzer,
                sublinear_tf=True,
                min_df=min_df if len(texts) > min_df * 5 else 1,
                max_features=cap,
                dtype=np.float64,
            )
            try:
                mat = vec.fit_transform(docs)
                vocab = {str(k): int(v) for k, v in vec.vocabulary_.items()}
                idf = np.asarray(vec.idf_, dtype=np.float64)
            except ValueError:  # empty vocabulary: every text empty
                mat = sparse.csr_matrix((len(texts), 0))
                vocab, idf = {}, np.zeros(0)
            blocks.append(Block(name, vocab, idf, weight))
            mats.append(mat * weight)
        space = cls(blocks[0], blocks[1])
        return space, sparse.hstack(mats, format="csr")

    def _token_cols(self, tok: Token) -> tuple[np.ndarray, tuple[tuple[str, np.ndarray], ...]]:
        """(all columns with repeats, (readable term, its distinct columns) pairs) of one
        token's own terms; cached. A Latin word is one readable term; a CJK run is split
        into its n-grams (the run itself is rarely a word)."""
        hit = self._cache.get(tok)
        if hit is not None:
            return hit
        wv, cv, off = self.word.vocabulary, self.char.vocabulary, self.word.size
        found: list[tuple[str, int]] = []
        for t in word_terms([tok]):
            j = wv.get(t)
            if j is not None:
                found.append((t, j))
        for t in char_terms([tok]):
            j = cv.get(t)
            if j is not None:
                found.append((t.strip(), j + off))
        cols = np.array([j for _, j in found], np.int64)
        if tok.cjk:
            by_term: dict[str, set[int]] = {}
            for t, j in found:
                by_term.setdefault(t, set()).add(j)
            readable = tuple((t, np.array(sorted(js), np.int64)) for t, js in by_term.items())
        else:
            readable = ((tok.text, np.unique(cols)),) if len(cols) else ()
        entry = (cols, readable)
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()
        self._cache[tok] = entry
        return entry

    def one(self, text: str) -> Features:
        """Features of one text, same values as the training matrix row."""
        toks = tokens(normalise(text))
        word_map: dict[str, np.ndarray] = {}
        parts: list[np.ndarray] = []
        reps: list[int] = []
        for tok, n in Counter(toks).items():
            cols, readable = self._token_cols(tok)
            if len(cols):
                parts.append(cols)
                reps.append(n)
            for term, distinct in readable:
                had = word_map.get(term)
                word_map[term] = distinct if had is None else np.union1d(had, distinct)
        prev: str | None = None
        wv = self.word.vocabulary
        bigrams: list[int] = []
        for tok in toks:  # bigrams of consecutive non-CJK tokens (as word_terms)
            if tok.cjk:
                prev = None
                continue
            if prev is not None:
                pair = f"{prev} {tok.text}"
                j = wv.get(pair)
                if j is not None:
                    bigrams.append(j)
                    word_map[pair] = np.array([j], np.int64)
            prev = tok.text
        if not parts and not bigrams:
            return Features(_NO_COLS, np.zeros(0), (), ())
        lengths = np.array([len(p) for p in parts], np.int64)
        cols = np.concatenate([*parts, np.array(bigrams, np.int64)])
        weight = np.concatenate(
            [np.repeat(np.array(reps, np.float64), lengths), np.ones(len(bigrams))]
        )
        js, inverse = np.unique(cols, return_inverse=True)
        counts = np.bincount(inverse, weights=weight)
        vals = (1.0 + np.log(counts)) * self._idf[js]
        is_char = self._is_char[js]
        for block, mask in enumerate((~is_char, is_char)):
            norm = float(np.sqrt(vals[mask] @ vals[mask]))
            if norm > 0:
                vals[mask] *= self._weights[block] / norm
        return Features(js, vals, tuple(word_map), tuple(word_map.values()))

    def many(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Sparse matrix of many texts (rows as :meth:`one`)."""
        from scipy import sparse  # not at import: the app's start-up does not need it

        indptr = [0]
        indices: list[np.ndarray] = []
        data: list[np.ndarray] = []
        for text in texts:
            f = self.one(text)
            indices.append(f.indices)
            data.append(f.values)
            indptr.append(indptr[-1] + len(f.indices))
        return sparse.csr_matrix(
            (
                np.concatenate(data) if data else np.zeros(0),
                np.concatenate(indices) if indices else np.zeros(0, np.int64),
                np.array(indptr),
            ),
            shape=(len(texts), self.n_features),
        )

    def terms(self) -> tuple[list[str], list[str]]:
        """The two vocabularies as lists ordered by column (for saving)."""
        out = []
        for block in (self.word, self.char):
            ordered = [""] * block.size
            for term, j in block.vocabulary.items():
                ordered[j] = term
            out.append(ordered)
        return out[0], out[1]
