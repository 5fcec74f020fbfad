"""The Python API: what the CLI, the HTTP API and the web page are thin layers over.

>>> import newsgraph
>>> summary = newsgraph.process(["articles/"], db="news.duckdb")      # doctest: +SKIP
>>> with newsgraph.open("news.duckdb") as store:                      # doctest: +SKIP
...     store.query("SELECT type, count(*) FROM events GROUP BY 1")
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from .options import Options
from .pipeline import RunSummary
from .pipeline import process as _process
from .store import Store

__all__ = ["RunSummary", "demo_corpus", "open", "overview", "process", "top_dyads"]



def process(
    paths: Sequence[str | Path],
    options: Options | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    **settings: Any,
) -> RunSummary:
    """Ingest ``paths`` (files, directories, ``-``) into a database; ``settings`` build :class:`Options`."""
    opts = options if options is not None else Options.create(**settings)
    return _process(list(paths), opts, progress=progress)


def open(db: str | Path = "newsgraph.duckdb", *, read_only: bool = False) -> Store:
    """Open (and migrate) a newsgraph database."""
    return Store.open(db, read_only=read_only)


@contextlib.contextmanager
def demo_corpus() -> Iterator[Path]:
    """The bundled demo corpus as a real directory path."""
    with resources.as_file(resources.files("newsgraph").joinpath("data", "demo")) as path:
        yield Path(path)


def top_dyads(store: Store, top: int = 10) -> list[dict[str, Any]]:
    """The dyads with most events, counted as the graph counts them (see :mod:`newsgraph.graph`)."""
    from .graph import dyad_series

    totals: dict[tuple[str, str], list[float]] = {}
    for p in dyad_series(store, period="year"):
        t = totals.setdefault((p.a, p.b), [0, 0, 0, 0.0])
        t[0] += p.events
        t[1] += p.cooperation
        t[2] += p.conflict
        t[3] += p.intensity
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1][0], kv[0]))[:top]
    return [
        {"dyad": f"{a}–{b}", "events": int(t[0]), "cooperation": int(t[1]), "conflict": int(t[2]),
         "intensity": round(t[3], 2)}
        for (a, b), t in ranked
    ]


def overview(store: Store, top: int = 10) -> dict[str, Any]:
    """Counts and top lists that the demo summary and the web page show."""
    return {
        "articles": store.count("articles"),
        "sentences": store.count("sentences"),
        "mentions": store.count("mentions"),
        "events": store.count("events"),
        "stories": store.count("stories"),
        "rejected": store.count("rejected"),
        "languages": store.query(
            "SELECT coalesce(lang, '?') AS lang, count(*) AS articles FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
        ),
        "top_actors": store.query(
            "SELECT code, count(*) AS mentions FROM mentions WHERE code IS NOT NULL "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
            [top],
        ),
        "event_types": store.query(
            "SELECT type, count(*) AS events FROM events GROUP BY 1 ORDER BY 2 DESC, 1"
        ),
        "top_dyads": top_dyads(store, top),
    }
