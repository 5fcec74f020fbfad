"""Throughput of the whole pipeline (clean -> language -> sentences -> actors -> events) on 3 KB articles.

usage: python scripts/bench_events.py [--fast] [--articles N] [--workers W] [--shared ../shared]

Articles: the synthetic English stories of ../shared/data/train/ngec_synthetic_en.jsonl, consecutive
unused stories joined to ~3 KB (facts invented; real news register; no story in two articles).  Reports articles/s for
the pipeline and, in the default mode, the embedding model's own ceiling (sentences/s embedding
the candidate sentences from scratch) beside the number of sentences the events stage embedded.
Run it with ``nice -n 10``: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newsgraph import events, pipeline
from newsgraph.embed import embed
from newsgraph.options import Options
from newsgraph.records import Article

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_CHARS = 3000


def articles(shared: Path, n: int) -> list[Article]:
    """``n`` articles of ~3 KB, each made of the next unused stories, so that no story (and so no
    sentence) occurs in two articles until the 4,500 stories run out (~1,900 articles): a cache keyed
    by text gains nothing here that it would not gain on real news."""
    texts = [json.loads(line)["text"] for line in
             (shared / "data" / "train" / "ngec_synthetic_en.jsonl").read_text(encoding="utf-8").splitlines()]
    out = []
    k = 0
    for i in range(n):
        text = texts[k % len(texts)]
        k += 1
        while len(text) < ARTICLE_CHARS:
            text += "\n\n" + texts[k % len(texts)]
            k += 1
        out.append(Article(id=f"bench-{i}", path="bench", raw_text=text[:ARTICLE_CHARS]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    options = Options(fast=args.fast, workers=args.workers, stories=False)
    arts = articles(args.shared, args.articles)
    warm = articles(args.shared, 3)
    pipeline.process_articles(warm, options)  # load models once
    model = events.load_model(args.fast)
    model.cache.clear()
    started = time.perf_counter()
    if args.workers > 1:
        with pipeline.worker_pool(options) as ex:
            list(ex.map(abs, range(args.workers)))  # start the workers before timing
            started = time.perf_counter()
            docs = pipeline.process_articles(arts, options, ex)
    else:
        docs = pipeline.process_articles(arts, options)
    elapsed = time.perf_counter() - started
    n_sent = sum(len(d.sentences) for d in docs)
    out = {
        "mode": "fast" if args.fast else "default", "workers": args.workers, "articles": len(arts),
        "mean_chars": round(sum(len(a.raw_text) for a in arts) / len(arts)),
        "sentences": n_sent, "events": sum(len(d.events) for d in docs),
        "seconds": round(elapsed, 2), "articles_per_s": round(len(arts) / elapsed, 1),
    }
    if not args.fast and args.workers == 1:
        embedded = list(model.cache)
        out["sentences_embedded"] = len(embedded)
        sample = [s.text for d in docs[:20] for s in d.sentences][:64]
        t0 = time.perf_counter()
        embed(sample)
        out["embedding_ceiling_sentences_per_s"] = round(len(sample) / (time.perf_counter() - t0), 1)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
