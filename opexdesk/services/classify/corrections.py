"""Operator corrections: remembered, looked up for near-identical texts, kept in a JSON file.

A correction is (text, field, corrected label). It acts at once in two ways: this memory
overrides the suggestion for texts that share most of their words with a corrected one
(Jaccard similarity of word sets), and :meth:`TicketClassifier.nudge` moves the model a
little. At the next full retraining corrections join the history with a higher weight.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from opexdesk.services.classify.features import normalise, tokens

FORMAT = "opexdesk-classifier-corrections"
VERSION = 1
LIMIT = 5000  # newest corrections kept
MIN_SIMILARITY = 0.5


class CorrectionsFileError(Exception):
    """The corrections file is damaged or of an unknown version."""


@dataclass(frozen=True)
class Correction:
    """An operator set ``field`` of a ticket with text ``text`` to ``label``."""

    text: str
    field: str
    label: str
    at: str = ""


@dataclass(frozen=True)
class Recall:
    """A remembered correction that matches a text, how closely, and the shared words."""

    correction: Correction
    similarity: float
    words: tuple[str, ...]


def word_set(text: str) -> frozenset[str]:
    """Words of a text for similarity: Latin words of 2+ letters, CJK character bigrams."""
    out: set[str] = set()
    for tok in tokens(normalise(text)):
        if tok.cjk:
            s = tok.text
            out.update(s[i : i + 2] for i in range(len(s) - 1))
            if len(s) == 1:
                out.add(s)
        elif len(tok.text) > 1:
            out.add(tok.text)
    return frozenset(out)


class CorrectionMemory:
    """The newest corrections, with an index from word to the corrections containing it."""

    def __init__(self, items: Iterable[Correction] = (), limit: int = LIMIT) -> None:
        self._limit = limit
        self._items: list[Correction] = []
        self._sets: list[frozenset[str]] = []
        self._index: dict[str, set[int]] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def items(self) -> list[Correction]:
        return list(self._items)

    def add(self, correction: Correction) -> None:
        """Remember a correction (the oldest are forgotten beyond the limit)."""
        if not correction.at:
            correction = Correction(
                correction.text,
                correction.field,
                correction.label,
                datetime.now(UTC).isoformat(timespec="seconds"),
            )
        self._items.append(correction)
        self._sets.append(word_set(correction.text))
        if len(self._items) > self._limit:
            keep = self._items[-self._limit :]
            self._items, self._sets, self._index = [], [], {}
            for item in keep:
                self.add(item)
            return
        k = len(self._items) - 1
        for w in self._sets[k]:
            self._index.setdefault(w, set()).add(k)

    def recall(self, text: str, field: str, words: frozenset[str] | None = None) -> Recall | None:
        """The most similar correction of ``field`` (newest wins ties), if similar enough."""
        words = word_set(text) if words is None else words
        if not words:
            return None
        candidates: set[int] = set()
        for w in words:
            candidates |= self._index.get(w, set())
        best: tuple[float, int] | None = None
        for k in candidates:
            if self._items[k].field != field:
                continue
            other = self._sets[k]
            sim = len(words & other) / len(words | other)
            if sim >= MIN_SIMILARITY and (best is None or (sim, k) > best):
                best = (sim, k)
        if best is None:
            return None
        sim, k = best
        common = [w for w in words & self._sets[k] if len(w) > 2 or not w.isascii()]
        shared = tuple(sorted(common, key=lambda w: (-len(w), w))[:5])
        return Recall(self._items[k], sim, shared)

    def save(self, path: Path) -> None:
        """Write the corrections as versioned JSON (atomically)."""
        body = {"format": FORMAT, "version": VERSION, "items": [asdict(c) for c in self._items]}
        data = json.dumps(body, ensure_ascii=False).encode()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path, limit: int = LIMIT) -> CorrectionMemory:
        """Read a corrections file; a missing file is an empty memory."""
        if not path.exists():
            return cls(limit=limit)
        try:
            body = json.loads(path.read_bytes().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CorrectionsFileError(f"{path} is not a valid corrections file: {exc}") from None
        if not isinstance(body, dict) or body.get("format") != FORMAT:
            raise CorrectionsFileError(f"{path} is not an OpExDesk corrections file.")
        if body.get("version") != VERSION:
            raise CorrectionsFileError(
                f"{path} has corrections format version {body.get('version')!r}; "
                f"this OpExDesk reads version {VERSION}."
            )
        items = []
        for raw in body.get("items", []):
            if isinstance(raw, dict) and all(
                isinstance(raw.get(k), str) for k in ("text", "field", "label")
            ):
                at = str(raw.get("at", ""))
                items.append(Correction(raw["text"], raw["field"], raw["label"], at))
        return cls(items, limit=limit)
