#!/usr/bin/env python3
"""Build archive_en_dev.jsonl / archive_en_test.jsonl from the hand-written src/*.txt files
(format: ../../cameo_build.py).  Lines in src/t_*.txt go to test, all other src/*.txt lines to dev
(100 sentences each); every sentence has 15-35 words."""
from __future__ import annotations

import collections
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
from cameo_build import Row, build  # noqa: E402

MIN_WORDS, MAX_WORDS = 15, 35


def by_file(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    dev = [r for r in rows if not r[3].startswith("t_")]
    test = [r for r in rows if r[3].startswith("t_")]
    return dev, test


if __name__ == "__main__":
    outputs = (("archive_en_dev.jsonl", "archive-d"), ("archive_en_test.jsonl", "archive-t"))
    dev, test = build(HERE, by_file, outputs)
    for name, rs in (("dev", dev), ("test", test)):
        counts = collections.Counter(r[0] for r in rs)
        words = [len(r[1].split()) for r in rs]
        bad = [(r[0], len(r[1].split())) for r in rs if not MIN_WORDS <= len(r[1].split()) <= MAX_WORDS]
        print(name, "mean words %.1f" % (sum(words) / max(1, len(words))), "out of range:", bad)
