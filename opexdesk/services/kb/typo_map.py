"""Typo alternatives for words the index has never seen (SymSpell's symmetric deletes).

A word and a typo one edit away share a key: the word with one letter deleted, or itself.
Built from the index's vocabulary on first need; an article's new words are added in place
(rebuilding took 50-100 ms at 100,000 articles, at the next misspelt word).
"""

from __future__ import annotations

from collections.abc import Iterable

MIN_LENGTH = 4  # shorter words have too many neighbours to guess from
ALTERNATIVES = 3


class TypoMap:
    """Delete-keys of the known words (four letters or more, letters only)."""

    def __init__(self, vocabulary: Iterable[tuple[str, int]]) -> None:
        self._keys: dict[str, list[tuple[str, int]]] = {}
        for term, df in vocabulary:
            if _eligible(term):
                for key in {term, *_deletes(term)}:
                    self._keys.setdefault(key, []).append((term, df))

    def __contains__(self, key: str) -> bool:
        return key in self._keys

    def learn(self, words: Iterable[str]) -> None:
        """Add words not known yet (a new article's), counted as in one article."""
        for word in words:
            if not _eligible(word):
                continue
            if any(term == word for term, _df in self._keys.get(word, ())):
                continue
            for key in {word, *_deletes(word)}:
                self._keys.setdefault(key, []).append((word, 1))

    def alternatives(self, term: str) -> list[str]:
        """The known words one edit from ``term`` (each side), most frequent first."""
        found: dict[str, int] = {}
        for key in {term, *_deletes(term)}:
            for word, df in self._keys.get(key, ()):
                if word != term:
                    found[word] = df
        return sorted(found, key=lambda w: -found[w])[:ALTERNATIVES]


def _eligible(word: str) -> bool:
    return len(word) >= MIN_LENGTH and word.isalpha()


def _deletes(term: str) -> set[str]:
    return {term[:i] + term[i + 1 :] for i in range(len(term))}
