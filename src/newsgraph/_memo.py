"""One bounded memo rule shared by the stages that memoise pure functions of a text.

A memo keyed by text (a sentence, a paragraph, a language sample) pays off on the text a feed
repeats (wire copy, republished stories); it is bounded by emptying it when full, which keeps
the newest entries cheaply without the bookkeeping of an LRU.
"""

from __future__ import annotations

from typing import TypeVar

__all__ = ["remember"]

_K = TypeVar("_K")
_V = TypeVar("_V")


def remember(memo: dict[_K, _V], key: _K, value: _V, limit: int) -> _V:
    """Store ``value`` under ``key`` in ``memo`` (emptied first when it holds ``limit`` entries)."""
    if len(memo) >= limit:
        memo.clear()
    memo[key] = value
    return value
