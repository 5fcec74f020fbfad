#!/usr/bin/env python3
"""Build cameo_long_en_dev.jsonl / cameo_long_en_test.jsonl from the hand-written src/*.txt files
(format: ../../cameo_build.py).  Lines in src/t_*.txt go to test, all other src/*.txt lines to dev
(one sentence per code in each); every sentence has 20-40 words."""
from __future__ import annotations

import collections
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
from cameo_build import Row, build  # noqa: E402

MIN_WORDS, MAX_WORDS = 20, 40


def by_file(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    dev = [r for r in rows if not r[3].startswith("t_")]
    test = [r for r in rows if r[3].startswith("t_")]
    return dev, test


if __name__ == "__main__":
    outputs = (("cameo_long_en_dev.jsonl", "cameol-d"), ("cameo_long_en_test.jsonl", "cameol-t"))
    dev, test = build(HERE, by_file, outputs)
    for name, rs in (("dev", dev), ("test", test)):
        counts = collections.Counter(r[0] for r in rs)
        twice = [c for c, n in counts.items() if n > 1 and c != "000"]
        words = [len(r[1].split()) for r in rs]
        bad = [(r[0], len(r[1].split())) for r in rs if not MIN_WORDS <= len(r[1].split()) <= MAX_WORDS]
        print(name, "codes twice:", twice, "mean words %.1f" % (sum(words) / max(1, len(words))), "out of range:", bad)
