"""Typed records, one per concept.

Every record is a frozen dataclass.  Dicts appear only at the database and JSON
edges (see :mod:`newsgraph.store` and :func:`to_json`).  Offsets are character
offsets into ``Article.text`` (the cleaned text) unless a field says otherwise;
``Article.segments`` maps cleaned offsets back to ``Article.raw_text``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Actor",
    "Article",
    "Doc",
    "Event",
    "Evidence",
    "Mention",
    "Paragraph",
    "Rejection",
    "Segment",
    "Sentence",
    "Story",
    "to_json",
]


@dataclass(frozen=True)
class Segment:
    """A run of cleaned text copied verbatim from the raw text.

    ``text[clean_start:clean_start+length] == raw_text[raw_start:raw_start+length]``.
    """

    clean_start: int
    raw_start: int
    length: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the cleaned text with its detected language."""

    start: int
    end: int
    lang: str | None
    confidence: float


@dataclass(frozen=True)
class Article:
    id: str
    path: str  # where it came from: "dir/a.txt", "feed.jsonl:12", "<stdin>"
    raw_text: str  # text as ingested (HTML already reduced to text), boilerplate included
    text: str = ""  # cleaned text; filled by the clean stage
    segments: tuple[Segment, ...] = ()
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    source: str | None = None  # publisher / site, used for repeated-line boilerplate
    lang_hint: str | None = None  # what the input claimed (html lang, json "lang")
    lang: str | None = None  # detected ISO 639-1 code
    lang_confidence: float = 0.0
    paragraphs: tuple[Paragraph, ...] = ()
    removed_lines: tuple[str, ...] = ()  # boilerplate lines dropped by clean
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def raw_offset(self, clean_offset: int) -> int:
        """Map an offset in ``text`` back to ``raw_text``."""
        for seg in reversed(self.segments):
            if seg.clean_start <= clean_offset:
                return seg.raw_start + min(clean_offset - seg.clean_start, seg.length)
        return clean_offset


@dataclass(frozen=True)
class Sentence:
    article_id: str
    index: int
    start: int
    end: int
    text: str
    lang: str | None = None


@dataclass(frozen=True)
class Actor:
    """A canonical actor from the knowledge base."""

    code: str  # ISO3 or IGO acronym
    name: str
    kind: str  # country | igo | person
    sector: str | None = None  # GOV, MIL, LEG, JUD ... for persons/organs
    person_id: str | None = None


@dataclass(frozen=True)
class Mention:
    article_id: str
    sentence_index: int
    start: int
    end: int
    surface: str
    code: str | None  # ISO3 / IGO acronym / None for non-state
    kind: str  # name | adjective | capital | leader | org | office | reference
    sector: str | None = None
    confidence: float = 1.0
    person: str | None = None  # canonical person name for leader mentions


@dataclass(frozen=True)
class Evidence:
    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Event:
    id: str
    article_id: str
    type: str  # one of the 16 PLOVER types
    mode: str | None
    source: str | None
    target: str | None
    date: dt.date | None = None
    date_precision: str | None = None  # day | month | year
    place: str | None = None
    place_country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    confidence: float = 0.0
    trigger: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Story:
    id: str
    article_ids: tuple[str, ...]
    languages: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None
    actors: tuple[str, ...]
    main_events: tuple[str, ...]
    headline: str | None


@dataclass(frozen=True)
class Rejection:
    path: str
    reason: str
    time: dt.datetime


@dataclass(frozen=True)
class Doc:
    """The unit that flows through the pipeline: an article and what stages added."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()

    def replace(self, **changes: Any) -> Doc:
        return dataclasses.replace(self, **changes)


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(record: Any) -> dict[str, Any]:
    """A record as a JSON-ready dict (dates as ISO strings)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            out[f.name] = to_json(value)
        elif isinstance(value, tuple):
            out[f.name] = [to_json(v) if dataclasses.is_dataclass(v) else v for v in value]
        elif isinstance(value, (dt.date, dt.datetime)):
            out[f.name] = value.isoformat()
        else:
            out[f.name] = value
    return out
