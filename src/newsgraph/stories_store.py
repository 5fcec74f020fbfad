"""Persistence of the incremental story index in the DuckDB store.

:mod:`newsgraph.stories` is storage-agnostic: a :class:`StoryIndex` turns itself
into plain rows and back.  This module maps those rows onto the ``story_*``
tables and backs the embedding cache with the ``embeddings`` table, so a new
batch joins existing stories without re-clustering or re-embedding anything.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import pyarrow as pa

from .store import Store
from .stories import StoryIndex, StoryItem

__all__ = ["DuckDBEmbeddingCache", "load_index", "pending_items", "save_index", "update_stories"]


class DuckDBEmbeddingCache:
    """Vectors by key in the ``embeddings`` table (an :class:`~newsgraph.stories.EmbeddingCache`)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        if not keys:
            return {}
        rows = self.store.con.execute(
            "SELECT key, vec FROM embeddings WHERE key IN (SELECT unnest(?))", [list(keys)]
        ).fetchall()
        return {k: np.asarray(v, dtype=np.float32) for k, v in rows}

    def put_many(self, vectors: Mapping[str, np.ndarray]) -> None:
        if not vectors:
            return
        table = pa.table({"key": list(vectors), "vec": [np.asarray(v, dtype=np.float32).tolist()
                                                       for v in vectors.values()]})
        con = self.store.con
        con.register("_emb", table)
        try:
            con.execute("INSERT INTO embeddings SELECT key, vec FROM _emb ON CONFLICT DO NOTHING")
        finally:
            con.unregister("_emb")


def load_index(store: Store, *, embed: bool) -> StoryIndex:
    """The story index saved in ``store``, or a new one."""
    cache = DuckDBEmbeddingCache(store)
    meta = store.con.execute("SELECT value FROM story_meta WHERE key = 'index'").fetchone()
    if meta is None:
        return StoryIndex(cache, embed=embed)
    state = []
    for story_id, centroid, blob in store.con.execute("SELECT story_id, centroid, state FROM story_state").fetchall():
        row = json.loads(blob)
        row.update(story_id=story_id, centroid=centroid)
        for key in ("first_date", "last_date"):
            row[key] = dt.date.fromisoformat(row[key]) if row.get(key) else None
        state.append(row)
    rows: dict[str, list[dict[str, Any]]] = {
        "meta": [json.loads(meta[0])],
        "story_state": sorted(state, key=lambda r: r["order"]),
        "story_members": store.query("SELECT * FROM story_members ORDER BY rowid"),
        "story_signatures": store.query("SELECT article_id, lang, signature FROM story_signatures ORDER BY rowid"),
    }
    return StoryIndex.from_rows(rows, cache)


def save_index(store: Store, index: StoryIndex) -> None:
    """Replace the saved index and the ``stories`` table with ``index``, in one transaction."""
    rows = index.to_rows()
    con = store.con
    stories = index.stories()
    con.execute("BEGIN TRANSACTION")
    try:
        for table in ("story_members", "story_state", "story_signatures", "story_meta", "stories"):
            con.execute(f"DELETE FROM {table}")
        _insert(store, "story_members", rows["story_members"])
        state = []
        for order, r in enumerate(rows["story_state"]):
            rest = {k: v for k, v in r.items() if k not in ("story_id", "centroid")}
            state.append({"story_id": r["story_id"], "centroid": r["centroid"],
                          "state": json.dumps({**rest, "order": order}, default=str)})
        _insert(store, "story_state", state)
        _insert(store, "story_signatures", rows["story_signatures"])
        con.execute("INSERT INTO story_meta VALUES ('index', ?)", [json.dumps(rows["meta"][0], default=str)])
        _insert(store, "stories", [
            {"id": s.id, "headline": s.headline, "start": s.start, "end": s.end,
             "languages": json.dumps(list(s.languages)), "actors": json.dumps(list(s.actors)),
             "main_events": json.dumps(list(s.main_events)), "size": len(s.article_ids)}
            for s in stories
        ])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _insert(store: Store, table: str, rows: list[dict[str, Any]]) -> None:
    if rows:
        store._insert(table, {k: [r[k] for r in rows] for k in rows[0]})


# Articles given to the index at once: bounds the texts held in memory while
# letting the embedder batch its work.
ASSIGN_CHUNK = 512

_PENDING_SQL = """
SELECT a.id, a.lang, a.title, a.text, a.date,
  (SELECT string_agg(s.text, ' ' ORDER BY s.idx) FROM sentences s WHERE s.article_id = a.id AND s.idx < 2),
  (SELECT list(DISTINCT m.code ORDER BY m.code) FROM mentions m WHERE m.article_id = a.id AND m.code IS NOT NULL),
  (SELECT list(DISTINCT e.type ORDER BY e.type) FROM events e
     WHERE e.article_id = a.id AND NOT e.negated AND NOT e.hypothetical),
  (SELECT list(DISTINCT [e.source, e.target] ORDER BY [e.source, e.target]) FROM events e
     WHERE e.article_id = a.id AND NOT e.negated AND NOT e.hypothetical
       AND e.source IS NOT NULL AND e.target IS NOT NULL)
FROM articles a
WHERE a.id NOT IN (SELECT article_id FROM story_members)
ORDER BY a.date NULLS LAST, a.id
"""


def pending_items(store: Store) -> Iterator[StoryItem]:
    """Stored articles not yet in any story, oldest first (an interrupted run's too)."""
    cur = store.con.cursor()
    cur.execute(_PENDING_SQL)
    while True:
        rows = cur.fetchmany(ASSIGN_CHUNK)
        if not rows:
            return
        for aid, lang, title, text, date, lead, actors, types, dyads in rows:
            yield StoryItem(aid, lang, title or (lead or text[:120]), lead or text[:400], text, date,
                            tuple(actors or ()), tuple(types or ()), tuple((a, b) for a, b in dyads or ()))


def update_stories(store: Store, *, embed: bool) -> int:
    """Assign every stored article without a story; returns how many were assigned."""
    index = load_index(store, embed=embed)
    chunk: list[StoryItem] = []
    done = 0
    for item in pending_items(store):
        chunk.append(item)
        if len(chunk) >= ASSIGN_CHUNK:
            done += len(index.add(chunk))
            chunk = []
    if chunk:
        done += len(index.add(chunk))
    if done:
        save_index(store, index)
    return done
