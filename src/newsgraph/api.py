"""The Python API: what the CLI, the HTTP API and the web page are thin layers over.

>>> import newsgraph
>>> summary = newsgraph.process(["articles/"], db="news.duckdb")      # doctest: +SKIP
>>> with newsgraph.open("news.duckdb") as store:                      # doctest: +SKIP
...     store.query("SELECT type, count(*) FROM events GROUP BY 1")
"""

from __future__ import annotations

import builtins
import contextlib
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from .options import Options
from .pipeline import RunSummary
from .pipeline import process as _process
from .store import Store

__all__ = ["COOPERATIVE_TYPES", "RunSummary", "demo_corpus", "open", "overview", "process"]

# PLOVER's cooperative types (verbal and material cooperation quads); the rest are conflictual.
COOPERATIVE_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT")


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


def overview(store: Store, top: int = 10) -> dict[str, Any]:
    """Counts and top lists that the demo summary and the web page show."""
    coop = builtins.list(COOPERATIVE_TYPES)
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
        "top_dyads": store.query(
            "SELECT least(source, target) || '–' || greatest(source, target) AS dyad, count(*) AS events, "
            "count(*) FILTER (WHERE list_contains(?, type)) AS cooperation, "
            "count(*) FILTER (WHERE NOT list_contains(?, type)) AS conflict "
            "FROM events WHERE source IS NOT NULL AND target IS NOT NULL AND source <> target "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
            [coop, coop, top],
        ),
    }
