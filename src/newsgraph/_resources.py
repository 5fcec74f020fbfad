"""Access to the data files bundled in the package (``newsgraph/data``)."""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from .errors import ResourceError

__all__ = ["data_path", "read_json", "read_text"]


def data_path(*parts: str) -> Traversable:
    """The bundled resource ``newsgraph/data/<parts...>``."""
    node: Traversable = resources.files("newsgraph").joinpath("data")
    for part in parts:
        node = node.joinpath(part)
    return node


def read_text(*parts: str) -> str:
    node = data_path(*parts)
    try:
        return node.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ResourceError(f"bundled resource newsgraph/data/{'/'.join(parts)} missing: {exc}") from exc


def read_json(*parts: str) -> Any:
    try:
        return json.loads(read_text(*parts))
    except json.JSONDecodeError as exc:
        raise ResourceError(f"bundled resource newsgraph/data/{'/'.join(parts)} is not JSON: {exc}") from exc
