"""The exception hierarchy, drawn in one place.

NewsgraphError
├── InputError            an input file or record cannot be used (named, with reason)
│   └── FormatError        its content is not what its format promises
├── ResourceError         a bundled data file or model is missing or broken
├── StoreError            the DuckDB store cannot be opened or migrated
└── EvalError             a gold/predictions file is malformed
"""

from __future__ import annotations

__all__ = [
    "EvalError",
    "FormatError",
    "InputError",
    "NewsgraphError",
    "ResourceError",
    "StoreError",
]


class NewsgraphError(Exception):
    """Base class of every error newsgraph raises on purpose."""


class InputError(NewsgraphError):
    """An input cannot be used. ``path`` names it, ``reason`` says why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class FormatError(InputError):
    """The input's content does not match its format (bad JSON, bad gzip ...)."""


class ResourceError(NewsgraphError):
    """A bundled resource (lexicon, model, knowledge base) is missing or broken."""


class StoreError(NewsgraphError):
    """The database cannot be opened, migrated or written."""


class EvalError(NewsgraphError):
    """A gold or predictions file does not follow shared/eval/FORMAT.md."""
