#!/usr/bin/env python3
"""Build archive_en_dev.jsonl / archive_en_test.jsonl from the hand-written src/*.txt files
(format: ../../cameo_build.py).  Lines in src/t_*.txt go to test, all other src/*.txt lines to dev
(100 sentences each); every sentence has 15-35 words."""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
from cameo_build import build, report_lengths, split_by_file  # noqa: E402

if __name__ == "__main__":
    outputs = (("archive_en_dev.jsonl", "archive-d"), ("archive_en_test.jsonl", "archive-t"))
    dev, test = build(HERE, split_by_file, outputs)
    report_lengths(dev, test, 15, 35)
