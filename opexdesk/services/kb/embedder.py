"""The local embedding model (wordllama's static 256-d embeddings, shipped in its wheel).

Loaded strictly offline: ``WordLlama.load()`` looks in the wrong subfolder and would then try to
download, so it is pointed at the installed package folder with downloads disabled.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

DIM = 256


class Embedder:
    """Unit-length float32 sentence vectors; the model is loaded on first use."""

    def __init__(self, dim: int = DIM) -> None:
        self.dim = dim
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            import wordllama  # type: ignore[import-untyped]
            from wordllama import WordLlama

            folder = os.path.dirname(wordllama.__file__)
            self._model = WordLlama.load(dim=self.dim, cache_dir=folder, disable_download=True)
        return self._model

    def embed(self, texts: list[str], batch_size: int = 512) -> np.ndarray:
        """Vectors (len(texts), dim), L2-normalised so a dot product is the cosine."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = np.asarray(self._load().embed(texts, batch_size=batch_size), dtype=np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return vecs / norms
