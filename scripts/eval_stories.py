"""Evaluate story grouping: same-story pairs (P/R/F1) and B-cubed on a labelled article set.

    python scripts/eval_stories.py ../shared/data/stories/*.jsonl \
        --clusters eval/stories/crosslingual.jsonl [--split test] [--fast] [--json] [--cache FILE.npz]

Pairs files follow ../shared/data/stories (``{"id","lang","label","a","b"}``); the
clusters file is eval/stories/crosslingual.jsonl (``{"id","story","lang","date",
"title","text","split"}``).  ``--cache`` keeps embeddings in a .npz file so repeated
runs do not re-embed.  The scoring lives in ``newsgraph._story_eval`` (also behind
``newsgraph eval-stories``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from newsgraph._story_eval import format_report, stories_report
from newsgraph.stories import MemoryEmbeddingCache


def _load_cache(path: Path | None) -> MemoryEmbeddingCache:
    cache = MemoryEmbeddingCache()
    if path is not None and path.exists():
        with np.load(path) as data:
            cache.vectors = {key: data[key] for key in data.files}
    return cache


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("pairs", nargs="*", type=Path, help="pairs JSONL files (shared/data/stories format)")
    parser.add_argument("--clusters", action="append", type=Path, default=[],
                        help="labelled article set for B-cubed (eval/stories/crosslingual.jsonl)")
    parser.add_argument("--split", choices=["train", "test"], help="only this split of the clusters set")
    parser.add_argument("--fast", action="store_true", help="no embeddings (hashed 4-grams + evidence)")
    parser.add_argument("--cache", type=Path, default=None, help="embedding cache file (.npz)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    cache = _load_cache(args.cache)
    report = stories_report(args.pairs, args.clusters, split=args.split, embed=not args.fast, cache=cache)
    if args.cache is not None and cache.vectors:
        np.savez(args.cache, **cache.vectors)
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
    else:
        print(format_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
