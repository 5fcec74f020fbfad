"""Stories: near-duplicates and cross-lingual story grouping, incrementally.

Design
------
* **One vector per article.**  The headline and lead, cut at :data:`EMBED_MAX_CHARS`
  (about headline + first sentence), are embedded once with the multilingual e5
  model (:func:`newsgraph.embed.embed`; the cost grows with the length).  Vectors
  are cached by a content hash through an :class:`EmbeddingCache` (the store backs
  it with a DuckDB ``embeddings`` table; :class:`MemoryEmbeddingCache` for tests),
  so re-clustering never re-embeds.  ``embed=False`` (``--fast``) replaces the
  embedding by a sign-hashed character 4-gram vector of the transliterated text, which
  still matches names across scripts but not translations of common words.
* **Near-duplicates first.**  MinHash/LSH over word 3-shingles (:mod:`._dedup`),
  decided for a whole batch before embedding, so copies are never embedded:
  a same-language copy or light rewrite joins the story of the article it copies,
  with ``duplicate_of`` set to that (root) article; duplicates do not move the
  story's centroid or evidence, so counts and graphs can drop them.
* **Single pass, best story above threshold.**  Every non-duplicate article is
  compared with the centroids of the stories *active* in a time window
  (:data:`WINDOW_DAYS` around the article's date; undated articles against stories
  active near the latest date seen).  The :data:`TOP_K` closest centroids are
  re-scored with evidence (:func:`combined_score`): shared stated numbers (a bonus),
  missing actor and event-type/dyad overlap and date distance (penalties; shared
  actors are no bonus, since same-actor stories are the hard negatives), and two
  penalties for same-topic reports of *different* events, read from the title and
  the opening of the text: days of the month named by both with none in common
  ("4 мая" vs "9 мая"), and, within one language, proper-noun candidates that do
  not overlap (a forecast for one region vs another).  The best story
  scoring at least the threshold takes the article and updates its centroid
  (running sum of unit vectors) and evidence; otherwise the article starts a story.
  Input order fixes the result; ties go to the older story.  Story ids are a hash
  of the first member's article id, so they are stable across runs and batches.
* **Incremental and storage-agnostic.**  :class:`StoryIndex` holds the state
  (centroids, members, evidence summaries, MinHash signatures); ``to_rows()`` /
  ``from_rows()`` turn it into plain rows the store persists, so a new batch joins
  existing stories without re-clustering the collection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np

from . import _dedup
from ._story_core import (
    EMBED_MAX_CHARS,
    MAX_STORY_DATES,
    MAX_STORY_NAMES,
    MAX_STORY_NUMBERS,
    SAME_THRESHOLD,
    SAME_THRESHOLD_FAST,
    TOP_K,
    WINDOW_DAYS,
    Assignment,
    EmbeddingCache,
    Evidence,
    MemoryEmbeddingCache,
    StoryItem,
    _ordinal,
    _StoryState,
    combined_score,
    embedding_text,
    item_from_doc,
    pairs_same,
    story_id_for,
    vectors_for,
)
from ._story_text import FAST_DIM
from .records import Story

__all__ = [
    "EMBED_MAX_CHARS",
    "SAME_THRESHOLD",
    "SAME_THRESHOLD_FAST",
    "WINDOW_DAYS",
    "Assignment",
    "EmbeddingCache",
    "Evidence",
    "MemoryEmbeddingCache",
    "StoryIndex",
    "StoryItem",
    "combined_score",
    "embedding_text",
    "item_from_doc",
    "pairs_same",
    "story_id_for",
    "vectors_for",
]

MAX_ACTORS = 10  # actors listed on a Story record (most frequent first)
# Near-duplicate signatures are kept for articles dated within this many days of the
# latest date seen (syndicated copies appear within days), so memory stays flat.
DUP_KEEP_DAYS = 2 * WINDOW_DAYS
MAX_EVENTS = 3  # main event types listed on a Story record
STATE_VERSION = 1


class StoryIndex:
    """Incremental single-pass story clustering (see :mod:`newsgraph.stories`)."""

    def __init__(self, cache: EmbeddingCache | None = None, *, embed: bool = True,
                 window_days: int = WINDOW_DAYS, threshold: float | None = None) -> None:
        self.cache = cache
        self.embed = embed
        self.window_days = window_days
        self.threshold = threshold if threshold is not None else (
            SAME_THRESHOLD if embed else SAME_THRESHOLD_FAST)
        self._dim = 384 if embed else FAST_DIM
        self._sums = np.zeros((64, self._dim), dtype=np.float32)
        self._first = np.zeros(64, dtype=np.int64)
        self._last = np.zeros(64, dtype=np.int64)
        self._stories: list[_StoryState] = []
        self._by_id: dict[str, _StoryState] = {}
        self._members: dict[str, Assignment] = {}
        self._dups = _dedup.DuplicateIndex()
        self._latest = _ordinal(None)
        self._sig_days: dict[str, int] = {}  # dated articles with a kept signature

    # -- adding -----------------------------------------------------------------
    def add(self, items: Sequence[StoryItem]) -> list[Assignment]:
        """Assign ``items`` (in order) to existing or new stories.

        Near-duplicates are found first (they need no vector), so only the other new
        articles are embedded, in one batch.
        """
        fresh: dict[str, StoryItem] = {}
        for item in items:
            if item.article_id not in self._members and item.article_id not in fresh:
                fresh[item.article_id] = item
        dups: dict[str, tuple[str, float]] = {}
        for item in fresh.values():
            lang = item.lang or "?"
            sig = _dedup.signature(f"{item.title}\n{item.text}")
            dup = self._dups.find(lang, sig)
            self._dups.add(item.article_id, lang, sig)
            if dup is not None:
                dups[item.article_id] = dup
        need = [item for item in fresh.values() if item.article_id not in dups]
        vecs = vectors_for(need, embed=self.embed, cache=self.cache) if need else None
        row = {item.article_id: i for i, item in enumerate(need)}
        out: list[Assignment] = []
        for item in items:
            known = self._members.get(item.article_id)
            if known is not None:
                out.append(known)
                continue
            pos = row.get(item.article_id)
            vec = vecs[pos] if vecs is not None and pos is not None else None
            out.append(self._add_one(item, vec, dups.get(item.article_id)))
        self._prune_signatures()
        return out

    def _prune_signatures(self) -> None:
        horizon = self._latest - DUP_KEEP_DAYS
        old = [key for key, day in self._sig_days.items() if day < horizon]
        self._dups.remove(old)
        for key in old:
            del self._sig_days[key]

    def _add_one(self, item: StoryItem, vec: np.ndarray | None, dup: tuple[str, float] | None) -> Assignment:
        if item.date is not None:
            self._sig_days[item.article_id] = item.date.toordinal()
            self._latest = max(self._latest, item.date.toordinal())
        if dup is not None:
            root = self._members[dup[0]]
            original = root.duplicate_of or root.article_id
            story = self._by_id[root.story_id]
            self._join(story, item, None, None)
            result = Assignment(item.article_id, story.id, original, round(dup[1], 4))
        else:
            assert vec is not None  # every non-duplicate was embedded in add()
            ev = Evidence.of(item)
            found, score = self._best(vec, ev, item.date)
            if found is None:
                story, score = self._new_story(item.article_id), 1.0
            else:
                story = found
            self._join(story, item, vec, ev)
            result = Assignment(item.article_id, story.id, None, round(float(score), 4))
        self._members[item.article_id] = result
        return result

    def _best(self, vec: np.ndarray, ev: Evidence, day: dt.date | None) -> tuple[_StoryState | None, float]:
        count = len(self._stories)
        if not count:
            return None, 0.0
        anchor = day.toordinal() if day is not None else self._latest
        first, last = self._first[:count], self._last[:count]
        if anchor == _ordinal(None):
            active = np.arange(count)
        else:
            undated = last == _ordinal(None)
            near = (last >= anchor - self.window_days) & (first <= anchor + self.window_days)
            active = np.flatnonzero(near | undated)
        if not len(active):
            return None, 0.0
        sums = self._sums[active]
        norms = np.linalg.norm(sums, axis=1)
        cos = (sums @ vec) / np.maximum(norms, 1e-9)
        order = np.argsort(-cos, kind="stable")[:TOP_K]
        best: tuple[_StoryState | None, float] = (None, -1.0)
        for j in order:
            story = self._stories[int(active[j])]
            score = combined_score(float(cos[j]), ev, story.evidence())
            if score > best[1] or (score == best[1] and best[0] is not None and story.index < best[0].index):
                best = (story, score)
        if best[0] is None or best[1] < self.threshold:
            return None, best[1]
        return best

    def _new_story(self, article_id: str) -> _StoryState:
        index = len(self._stories)
        if index >= len(self._sums):
            grow = len(self._sums)
            self._sums = np.vstack([self._sums, np.zeros((grow, self._dim), dtype=np.float32)])
            self._first = np.concatenate([self._first, np.zeros(grow, dtype=np.int64)])
            self._last = np.concatenate([self._last, np.zeros(grow, dtype=np.int64)])
        story = _StoryState(story_id_for(article_id), index)
        self._first[index] = self._last[index] = _ordinal(None)
        self._stories.append(story)
        self._by_id[story.id] = story
        return story

    def _join(self, story: _StoryState, item: StoryItem, vec: np.ndarray | None, ev: Evidence | None) -> None:
        story.cached = None
        story.members.append(item.article_id)
        story.languages[item.lang or "?"] += 1
        if item.date is not None:
            story.first = item.date if story.first is None else min(story.first, item.date)
            story.last = item.date if story.last is None else max(story.last, item.date)
            self._first[story.index] = story.first.toordinal()
            self._last[story.index] = story.last.toordinal()
        if vec is None or ev is None:  # a duplicate: membership only
            return
        story.n += 1
        self._sums[story.index] += vec
        story.actors.update(ev.actors)
        story.events.update(ev.events)
        if len(story.numbers) < MAX_STORY_NUMBERS:
            story.numbers.update(ev.numbers)
        if len(story.names) < MAX_STORY_NAMES:
            story.names.update(ev.names)
        if len(story.dates) < MAX_STORY_DATES:
            story.dates.update(ev.dates)
        centroid = self._sums[story.index]
        sim = float(centroid @ vec) / max(float(np.linalg.norm(centroid)), 1e-9)
        if sim > story.headline_sim or story.headline is None:
            story.headline, story.headline_sim = item.title, sim

    # -- reading ----------------------------------------------------------------
    def assignments(self) -> list[Assignment]:
        return list(self._members.values())

    def stories(self) -> list[Story]:
        """Every story as a :class:`~newsgraph.records.Story`, in creation order."""
        out = []
        for s in self._stories:
            events = [e for e, _ in sorted(s.events.items(), key=lambda kv: (-kv[1], kv[0])) if ">" not in e]
            actors = [a for a, _ in sorted(s.actors.items(), key=lambda kv: (-kv[1], kv[0]))]
            out.append(Story(s.id, tuple(s.members), tuple(sorted(s.languages)), s.first, s.last,
                             tuple(actors[:MAX_ACTORS]), tuple(events[:MAX_EVENTS]), s.headline))
        return out

    # -- persistence ------------------------------------------------------------
    def to_rows(self) -> dict[str, list[dict[str, Any]]]:
        """Plain rows for the store: ``story_members``, ``story_state``, ``story_signatures``, ``meta``."""
        members = [{"article_id": a.article_id, "story_id": a.story_id, "duplicate_of": a.duplicate_of,
                    "similarity": a.similarity} for a in self._members.values()]
        state = []
        for s in self._stories:
            vec = self._sums[s.index]
            norm = float(np.linalg.norm(vec))
            state.append({
                "story_id": s.id, "centroid": [float(x) for x in (vec / norm if norm else vec)],
                "norm": norm, "n": s.n, "members": list(s.members), "languages": dict(s.languages),
                "first_date": s.first, "last_date": s.last, "actors": dict(s.actors),
                "events": dict(s.events), "numbers": dict(s.numbers), "names": dict(s.names),
                "dates": dict(s.dates), "headline": s.headline,
                "headline_sim": s.headline_sim,
            })
        sigs = []
        for a in self._members.values():
            sig = self._dups.signature_of(a.article_id)
            if sig is not None:
                sigs.append({"article_id": a.article_id, "lang": self._dups.lang_of(a.article_id),
                             "signature": sig})
        meta = [{"version": STATE_VERSION, "embed": self.embed, "window_days": self.window_days,
                 "threshold": self.threshold, "latest": self._latest,
                 "signature_days": dict(self._sig_days)}]  # dates of the kept signatures (pruning)
        return {"story_members": members, "story_state": state, "story_signatures": sigs, "meta": meta}

    @classmethod
    def from_rows(cls, rows: dict[str, list[dict[str, Any]]], cache: EmbeddingCache | None = None) -> StoryIndex:
        """Rebuild an index saved with :meth:`to_rows`."""
        meta = rows["meta"][0]
        index = cls(cache, embed=bool(meta["embed"]), window_days=int(meta["window_days"]),
                    threshold=float(meta["threshold"]))
        index._latest = int(meta["latest"])
        for row in rows["story_state"]:
            story = index._new_story(row["members"][0])
            del index._by_id[story.id]
            story.id = row["story_id"]
            index._by_id[story.id] = story
            story.members = list(row["members"])
            story.languages.update(row["languages"])
            story.actors.update(row["actors"])
            story.events.update(row["events"])
            story.numbers.update(row["numbers"])
            story.names.update(row.get("names", {}))  # absent in states saved before names/dates
            story.dates.update(row.get("dates", {}))
            story.first, story.last = row["first_date"], row["last_date"]
            story.headline, story.headline_sim = row["headline"], float(row["headline_sim"])
            story.n = int(row["n"])
            story.cached = None
            index._sums[story.index] = np.asarray(row["centroid"], dtype=np.float32) * float(row["norm"])
            index._first[story.index] = _ordinal(story.first)
            index._last[story.index] = _ordinal(story.last)
        for row in rows["story_members"]:
            index._members[row["article_id"]] = Assignment(row["article_id"], row["story_id"],
                                                           row["duplicate_of"], float(row["similarity"]))
        for row in rows["story_signatures"]:
            index._dups.add(row["article_id"], row["lang"], row["signature"])
        index._sig_days = {k: int(v) for k, v in meta.get("signature_days", {}).items()}
        return index
