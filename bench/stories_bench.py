"""Benchmark story grouping: N synthetic articles, cold vs warm embedding cache, peak RSS.

    nice -n 10 python bench/stories_bench.py [--n 1000] [--batch 500] [--fast] [--json]

Synthetic articles are variations of eval/stories/crosslingual.jsonl: each synthetic
story takes one hand-written story (all its languages), gets its own numbers, place
tag and dates spread over 90 days, and emits 1-6 articles in random languages of it
(sentences shuffled, one dropped, two filler sentences from other stories added).
Articles are added in batches (incrementally, as the pipeline does) to one
:class:`StoryIndex`; the same input is then clustered again from scratch with the
embedding cache already filled ("warm").  RSS is sampled after every batch so a
growing footprint shows up.  Wall and CPU seconds are both reported (the machine is
shared; CPU seconds / cores is the idle-machine estimate), and ``--embed-sample K``
first times the embedder alone on K of the texts (texts/s, the ceiling of a cold run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import resource
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import psutil

from newsgraph._story_text import lead_of
from newsgraph.stories import MemoryEmbeddingCache, StoryIndex, StoryItem, embedding_text

SET = Path(__file__).resolve().parents[1] / "eval" / "stories" / "crosslingual.jsonl"
PLACES = ["Geneva", "Vienna", "Oslo", "Doha", "Nairobi", "Lima", "Hanoi", "Tbilisi", "Lagos", "Quito",
          "Riga", "Sofia", "Accra", "Minsk", "Baku", "Dakar", "Perth", "Malmo", "Porto", "Cusco"]
SEED = 7


def synthetic_items(n: int, seed: int = SEED) -> list[StoryItem]:
    """``n`` synthetic articles, deterministic for a seed."""
    rng = random.Random(seed)
    by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in SET.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        by_story[row["story"]].append(row)
    bases = sorted(by_story)
    by_lang: dict[str, list[str]] = defaultdict(list)
    for rows in by_story.values():
        for row in rows:
            by_lang[row["lang"]].extend(re.split(r"(?<=[.!?])\s+", row["text"]))
    items: list[StoryItem] = []
    start = dt.date(2025, 1, 1)
    k = 0
    while len(items) < n:
        base = by_story[bases[rng.randrange(len(bases))]]
        mapping: dict[str, str] = {}

        def renumber(match: re.Match[str], mapping: dict[str, str] = mapping) -> str:
            return mapping.setdefault(match.group(0), str(rng.randint(3, 9999)))

        place = f"{PLACES[rng.randrange(len(PLACES))]}-{k}"
        day = start + dt.timedelta(days=rng.randrange(90))
        for j in range(min(rng.randint(1, 6), n - len(items))):
            row = base[rng.randrange(len(base))]
            title = re.sub(r"\d+", renumber, row["title"]) + f" ({place})"
            # a rewrite: sentences shuffled, one dropped, filler from other stories in the language
            sentences = re.split(r"(?<=[.!?])\s+", re.sub(r"\d+", renumber, row["text"]))
            rng.shuffle(sentences)
            fillers = by_lang[row["lang"]]
            extra = [fillers[rng.randrange(len(fillers))] for _ in range(2)]
            text = " ".join(sentences[: max(1, len(sentences) - 1)] + extra)
            date = day + dt.timedelta(days=rng.randrange(3))
            items.append(StoryItem(f"syn{k}-{j}", row["lang"], title, lead_of(text), text, date))
        k += 1
    return items


def _rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def cluster(items: list[StoryItem], cache: MemoryEmbeddingCache, embed: bool, batch: int) -> dict[str, Any]:
    index = StoryIndex(cache, embed=embed)
    rss = []
    t0, c0 = time.perf_counter(), time.process_time()
    for i in range(0, len(items), batch):
        index.add(items[i : i + batch])
        rss.append(round(_rss_mb(), 1))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
            "articles_per_s": round(len(items) / seconds, 1),
            "stories": len(index.stories()), "rss_mb_per_batch": rss}


def embed_only(items: list[StoryItem], k: int) -> dict[str, Any]:
    """The embedder alone on the first ``k`` articles' texts (one batch, no cache)."""
    from newsgraph.embed import embed

    texts = [embedding_text(item) for item in items[:k]]
    embed(["warm-up"])  # model load is not throughput
    t0, c0 = time.perf_counter(), time.process_time()
    embed(texts)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"texts": len(texts), "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
            "texts_per_s": round(len(texts) / seconds, 1), "texts_per_cpu_s": round(len(texts) / cpu, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--fast", action="store_true", help="no embeddings (--fast mode)")
    parser.add_argument("--embed-sample", type=int, default=0, help="time the embedder alone on K texts first")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    items = synthetic_items(args.n)
    cache = MemoryEmbeddingCache()
    report: dict[str, Any] = {}
    if args.embed_sample and not args.fast:
        report["embed_only"] = embed_only(items, args.embed_sample)
    report |= {"n": args.n, "batch": args.batch, "embed": not args.fast,
              "cold": cluster(items, cache, not args.fast, args.batch),
              "warm": cluster(items, cache, not args.fast, args.batch),
              "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for name in ("cold", "warm"):
            res = report[name]
            rss = res["rss_mb_per_batch"]
            print(f"{name}: {args.n} articles in {res['seconds']} s ({res['articles_per_s']}/s, "
                  f"{res['cpu_seconds']} CPU s), "
                  f"{res['stories']} stories, RSS per batch {rss[0]}..{rss[-1]} MB")
        print(f"peak RSS {report['peak_rss_mb']} MB")
        if "embed_only" in report:
            e = report["embed_only"]
            print(f"embedder alone: {e['texts']} texts in {e['seconds']} s ({e['texts_per_s']}/s, "
                  f"{e['texts_per_cpu_s']} per CPU s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
