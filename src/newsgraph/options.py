"""Settings folded once into one typed, immutable options object."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEFAULT_BATCH_SIZE", "DEFAULT_DB", "Options"]

DEFAULT_DB = Path("newsgraph.duckdb")
# Articles per transactional batch.  256 x 3 KB keeps a batch well under 10 MB of
# text while amortising DuckDB's per-insert overhead (bench/throughput.py).
DEFAULT_BATCH_SIZE = 256


@dataclass(frozen=True)
class Options:
    db: Path = DEFAULT_DB
    workers: int = 1
    batch_size: int = DEFAULT_BATCH_SIZE
    fast: bool = False  # --fast: no sentence embeddings anywhere
    actors_file: Path | None = None  # --actors: user actors/aliases (YAML or CSV)
    extract: bool = True  # run actors + events (False: text stages only)
    stories: bool = True  # group stories after each run
    dask: str | None = None  # --dask: scheduler address, or "local" for a local cluster

    @classmethod
    def create(cls, **kwargs: object) -> Options:
        """Options with ``workers=0`` meaning one per core."""
        opts = cls(**kwargs)  # type: ignore[arg-type]
        if opts.workers <= 0:
            object.__setattr__(opts, "workers", max(1, os.cpu_count() or 1))
        if opts.batch_size <= 0:
            raise ValueError("batch_size must be positive")
        return opts
