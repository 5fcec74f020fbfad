"""The relationship graph: dyads of actors with cooperation and conflict over time.

An edge is an unordered pair of actor codes; its weight in a period is built
from the events between the two (either direction): how many, how many
cooperative (PLOVER quads 1–2) and conflictual (quads 3–4), and the summed
Goldstein-style intensity of :func:`newsgraph.ontology.intensity`.  Events that
did not happen (negated, hypothetical) are left out, and so are events from
articles marked as near-duplicates of another article; an event told again by
another article of the same story (a translation, a rewrite) on the same day
counts once, so a syndicated report is not counted many times.  Every edge
stays traceable: :func:`edge_evidence` lists the events and sentences behind it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from . import ontology
from .store import Store

__all__ = ["PERIODS", "DyadPoint", "dyad_series", "edge_evidence", "period_start"]

PERIODS = ("day", "week", "month", "quarter", "year")
COOPERATIVE_QUADS = (1, 2)

_EVENTS_SQL = """
SELECT coalesce(m.story_id, e.article_id) AS report, e.type, e.mode, e.source, e.target,
       coalesce(e.date, a.date) AS day
FROM events e JOIN articles a ON a.id = e.article_id
LEFT JOIN story_members m ON m.article_id = e.article_id
WHERE e.source IS NOT NULL AND e.target IS NOT NULL AND e.source <> e.target
  AND NOT e.negated AND NOT e.hypothetical AND m.duplicate_of IS NULL
"""


@dataclass(frozen=True)
class DyadPoint:
    """One dyad in one period."""

    a: str  # the alphabetically first code
    b: str
    period: dt.date | None  # first day of the period; None for undated events
    events: int
    cooperation: int
    conflict: int
    intensity: float  # summed Goldstein-style score, -10 .. +10 per event
    a_to_b: int  # events with a as source
    b_to_a: int

    @property
    def mean_intensity(self) -> float:
        return self.intensity / self.events if self.events else 0.0


def period_start(day: dt.date, period: str) -> dt.date:
    """The first day of the ``period`` that holds ``day``."""
    if period == "day":
        return day
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if period == "year":
        return dt.date(day.year, 1, 1)
    raise ValueError(f"unknown period {period!r}: choose one of {', '.join(PERIODS)}")


def dyad_series(store: Store, *, period: str = "month", actors: Iterable[str] = ()) -> list[DyadPoint]:
    """Every dyad's weight per period, ordered by dyad then time (undated last).

    ``actors`` keeps only dyads with at least one of these codes.
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}: choose one of {', '.join(PERIODS)}")
    wanted = set(actors)
    acc: dict[tuple[str, str, dt.date | None], list[float]] = defaultdict(lambda: [0, 0, 0, 0.0, 0, 0])
    seen: set[tuple[str, str, str, str, dt.date | None]] = set()
    for report, etype, mode, src, tgt, day in store.con.execute(_EVENTS_SQL).fetchall():
        if wanted and src not in wanted and tgt not in wanted:
            continue
        key = (report, etype, src, tgt, day)
        if key in seen:  # one story told in several languages or sentences counts once
            continue
        seen.add(key)
        a, b = sorted((src, tgt))
        cell = acc[(a, b, period_start(day, period) if day else None)]
        cell[0] += 1
        if ontology.quad_class(etype) in COOPERATIVE_QUADS:
            cell[1] += 1
        else:
            cell[2] += 1
        cell[3] += ontology.intensity(etype, mode)
        cell[4 if src == a else 5] += 1
    points = [
        DyadPoint(a, b, p, int(c[0]), int(c[1]), int(c[2]), round(c[3], 2), int(c[4]), int(c[5]))
        for (a, b, p), c in acc.items()
    ]
    return sorted(points, key=lambda d: (d.a, d.b, d.period is None, d.period or dt.date.min))


def edge_evidence(store: Store, a: str, b: str) -> list[dict[str, object]]:
    """The events between ``a`` and ``b`` (either direction) with their evidence sentences."""
    return store.query(
        """
        SELECT e.id, coalesce(e.date, a.date) AS date, e.type, e.mode, e.source, e.target,
               e.negated, e.hypothetical, e.future, e.historical, e.confidence, e.article_id, a.title,
               m.duplicate_of,
               (SELECT list(v.text ORDER BY v.sentence_index) FROM evidence v WHERE v.event_id = e.id) AS sentences
        FROM events e JOIN articles a ON a.id = e.article_id
        LEFT JOIN story_members m ON m.article_id = e.article_id
        WHERE (e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?)
        ORDER BY date NULLS LAST, e.id
        """,
        [a, b, b, a],
    )
