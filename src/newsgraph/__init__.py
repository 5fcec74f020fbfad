"""newsgraph: multilingual news in, evidence-backed event data out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import EvalError, FormatError, InputError, NewsgraphError, ResourceError, StoreError
from .options import Options
from .records import Actor, Article, Doc, Event, Evidence, Mention, Rejection, Sentence, Story

if TYPE_CHECKING:
    from .api import open, process

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The API pulls in every stage; importing it lazily keeps `import newsgraph.records` light.
    if name in ("open", "process"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")

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
    "StoreError",
    "Story",
    "open",
    "process",
]
