"""Shared fixtures.  Tests that need ../shared/ skip cleanly when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _shared_dir() -> Path | None:
    env = os.environ.get("NEWSGRAPH_SHARED")
    candidates = [Path(env)] if env else []
    candidates += [ROOT.parent / "shared", ROOT / "shared"]
    for path in candidates:
        if (path / "eval" / "FORMAT.md").exists():
            return path
    return None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared/ folder beside the project, or skip the test."""
    path = _shared_dir()
    if path is None:
        pytest.skip("../shared/ is absent (fresh clone): this test needs the shared data")
    return path


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT
