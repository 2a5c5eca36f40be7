"""Turning user text into safe FTS5 queries: user text is never FTS5 syntax.

Rules: control characters are dropped, input is capped (a 100 kB paste keeps its first
``MAX_QUERY_CHARS``), words are cut out with a Unicode ``\\w`` regex (so operators, quotes,
``*``, ``^``, ``:``, parentheses and NEAR are just separators or words), every term is wrapped
in double quotes with quotes doubled, and only this module adds operators (OR, a trailing
``*`` for the word being typed).
"""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY_CHARS = 2000
MAX_TERMS = 32
_WORD = re.compile(r"\w+", re.UNICODE)
# CJK ideographs, kana and hangul: unicode61 keeps a whole run as one token, so runs are
# indexed and queried as overlapping character bigrams instead (a 2-character word matches).
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")

_STOPWORDS_TEXT = """
    a an and are as at be but by can could do does did for from has have how i if in into is
    it its me my no not of on or our so that the their them then there these they this to
    was we were what when where which who why will with would you your i'm im get want way
    there's is it's any some all just one also been"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def clean(text: str) -> str:
    """Drop control characters and cap the length (NUL would end a pattern early)."""
    text = text[: MAX_QUERY_CHARS * 2]
    kept = [c for c in text if unicodedata.category(c)[0] != "C" or c in "\t\n"]
    return "".join(kept)[:MAX_QUERY_CHARS]


def cjk_bigrams(run: str) -> list[str]:
    """Overlapping bigrams of a CJK run (a single character stays itself)."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_text(text: str) -> str:
    """Text as stored in the unicode61 table: CJK runs become space-separated bigrams."""
    return _CJK.sub(lambda m: " " + " ".join(cjk_bigrams(m.group(0))) + " ", text)


def words(text: str) -> list[str]:
    """Lower-cased word tokens of user or article text (CJK runs split out on their own)."""
    out: list[str] = []
    for tok in _WORD.findall(clean(text).lower()):
        pieces = _CJK.split(tok)
        runs = _CJK.findall(tok)
        for i, piece in enumerate(pieces):
            if piece.strip("_"):
                out.append(piece.strip("_"))
            if i < len(runs):
                out.append(runs[i])
    return out


def is_cjk(term: str) -> bool:
    """True when the term is a CJK run."""
    return bool(_CJK.fullmatch(term))


def quote(term: str) -> str:
    """An FTS5 string literal: the term can never be read as an operator."""
    return '"' + term.replace('"', '""') + '"'


def query_terms(text: str) -> list[str]:
    """Distinct meaningful terms of a query, stopwords removed (kept if nothing else is left)."""
    all_terms = list(dict.fromkeys(words(text)))
    terms = [t for t in all_terms if t not in STOPWORDS]
    return (terms or all_terms)[:MAX_TERMS]


def term_expr(term: str, alternatives: list[str] | None = None, prefix: bool = False) -> str:
    """One term for the unicode61 table: CJK runs as a bigram phrase, typo alternatives ORed."""
    if is_cjk(term):
        return quote(" ".join(cjk_bigrams(term)))
    expr = quote(term) + ("*" if prefix else "")
    if alternatives:
        expr = "(" + " OR ".join([expr, *(quote(a) for a in alternatives)]) + ")"
    return expr


def word_match(
    terms: list[str],
    corrections: dict[str, list[str]],
    prefix_last: bool,
    last_in_title: bool = False,
) -> str:
    """OR of all terms for BM25 ranking (more matched terms rank higher); '' if none.
    ``last_in_title``: the last term is looked for in titles only (a common prefix being
    typed: all its rows would take too long to score)."""
    parts = [
        term_expr(t, corrections.get(t), prefix_last and i == len(terms) - 1 and len(t) >= 2)
        for i, t in enumerate(terms)
    ]
    if parts and last_in_title:
        parts[-1] = "{title} : (" + parts[-1] + ")"
    return " OR ".join(parts)


def trigram_match(terms: list[str]) -> str:
    """OR of the terms the trigram table can match (3+ characters); '' if none."""
    return " OR ".join(quote(t) for t in terms if len(t) >= 3)
