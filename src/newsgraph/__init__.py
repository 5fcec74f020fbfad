"""newsgraph: multilingual news in, evidence-backed event data out."""

from __future__ import annotations

from .api import open, process
from .errors import EvalError, FormatError, InputError, NewsgraphError, ResourceError, StoreError
from .options import Options
from .records import Actor, Article, Doc, Event, Evidence, Mention, Rejection, Sentence, Story

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "Doc",
    "EvalError",
    "Event",
    "Evidence",
    "FormatError",
    "InputError",
    "Mention",
    "NewsgraphError",
    "Options",
    "Rejection",
    "ResourceError",
    "Sentence",
    "Story",
    "StoreError",
    "open",
    "process",
]
