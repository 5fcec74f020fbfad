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
from cameo_build import build, report_lengths, split_by_file  # noqa: E402

if __name__ == "__main__":
    outputs = (("cameo_long_en_dev.jsonl", "cameol-d"), ("cameo_long_en_test.jsonl", "cameol-t"))
    dev, test = build(HERE, split_by_file, outputs)
    for name, rs in (("dev", dev), ("test", test)):
        counts = collections.Counter(r[0] for r in rs)
        print(name, "codes twice:", [c for c, n in counts.items() if n > 1 and c != "000"])
    report_lengths(dev, test, 20, 40)
