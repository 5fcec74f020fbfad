"""CPU time of each pipeline stage per 3 KB article, cold caches (issue 4, acceptance 4).

usage: python bench/stage_cpu.py [--articles N] [--fast] [--shared ../shared]

Builds the articles of ``scripts/bench_events.py`` (no story repeated), warms every stage on 6
other articles, then times each stage of ``pipeline.STAGES`` with ``time.process_time`` over the
N articles in this process, so caches keyed by text start empty for them.  CPU time is steadier
than wall-clock throughput on a shared 2-core machine.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARM_ARTICLES = 6


def main() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import bench_events  # a script beside this one, imported once its folder is on the path
    from newsgraph import pipeline
    from newsgraph.options import Options
    from newsgraph.records import Doc

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    arts = bench_events.articles(args.shared, args.articles + WARM_ARTICLES)
    options = Options(fast=args.fast, workers=1, stories=False)
    pipeline.process_articles(arts[args.articles:], options)
    total: dict[str, float] = {}
    gc.disable()
    for art in arts[: args.articles]:
        doc = Doc(article=art)
        for stage in pipeline.STAGES:
            t0 = time.process_time()
            doc = stage.run(doc, options)
            total[stage.name] = total.get(stage.name, 0.0) + time.process_time() - t0
    per = {k: round(v / args.articles * 1000, 2) for k, v in total.items()}
    print(json.dumps({"mode": "fast" if args.fast else "default", "articles": args.articles,
                      "ms_per_article": per, "total_ms_per_article": round(sum(per.values()), 2)}))


if __name__ == "__main__":
    main()
