#!/usr/bin/env python3
"""Build cameo_en_dev.jsonl / cameo_en_test.jsonl from the hand-written src/*.txt files
(format: ../../cameo_build.py).  The first sentence written for a code goes to dev, the second to
test (alternating)."""
from __future__ import annotations

import collections
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
from cameo_build import Row, build  # noqa: E402


def alternate(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    seen: collections.Counter[str] = collections.Counter()
    dev, test = [], []
    for row in rows:
        (dev if seen[row[0]] % 2 == 0 else test).append(row)
        seen[row[0]] += 1
    return dev, test


if __name__ == "__main__":
    build(HERE, alternate, (("cameo_en_dev.jsonl", "cameo-d"), ("cameo_en_test.jsonl", "cameo-t")))
