"""Precision of the events extracted from real news, against hand judgements of earlier output.

usage: python scripts/eval_wild.py [--fast] [--shared ../shared] [--show]

The articles are the real English and Russian news texts of ``../shared/data/stories/*.jsonl``
(both sides of every pair; the texts stay in ../shared, none is copied here).
``eval/events_wild/judged.jsonl`` holds one judgement per event an earlier engine extracted from
them (session 4, 8 Dec 2026: 321 events judged by an annotator helper from the evidence sentence):
``type_ok`` (the sentence reports a political or security event of that PLOVER type) and
``triple_ok`` (type, source and target right).  An event is keyed by article, sentence index, type,
source and target.  The script runs the pipeline, prints how many of today's events were judged,
and over those the precision of types and of triples; events whose key was never judged (a new
output) are counted apart.  Recall is not measured: the judgements cover only what was extracted.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsgraph import pipeline
from newsgraph.options import Options
from newsgraph.records import Article

ROOT = Path(__file__).resolve().parents[1]
POOLS = ("ru_exam_pool", "ru_train_pool", "en_train_pool")


def articles(shared: Path) -> list[Article]:
    out = []
    for pool in POOLS:
        for line in (shared / "data" / "stories" / f"{pool}.jsonl").read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            for side in "ab":
                out.append(Article(id=f"{pool}:{rec['id']}:{side}", path=pool, raw_text=rec[side]["text"],
                                   title=rec[side]["title"]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--show", action="store_true", help="print the unjudged events")
    args = parser.parse_args()
    judged = {}
    for line in (ROOT / "eval" / "events_wild" / "judged.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        judged[rec["key"]] = rec
    docs = pipeline.process_articles(articles(args.shared), Options(fast=args.fast, workers=1, stories=False))
    found = type_ok = triple_ok = 0
    unjudged = []
    for doc in docs:
        for e in doc.events:
            key = f"{doc.article.id}|{e.evidence[0].sentence_index}|{e.type}|{e.source}|{e.target}"
            j = judged.get(key)
            if j is None:
                unjudged.append((key, e.evidence[0].text[:160]))
                continue
            found += 1
            type_ok += j["type_ok"]
            triple_ok += j["triple_ok"]
    print(json.dumps({
        "events": found + len(unjudged), "judged": found, "unjudged": len(unjudged),
        "judged_type_precision": round(type_ok / found, 3) if found else None,
        "judged_triple_precision": round(triple_ok / found, 3) if found else None,
        "type_ok_kept": type_ok, "of_type_ok_judged": sum(j["type_ok"] for j in judged.values()),
        "judged_wrong_kept": found - type_ok, "of_wrong_judged": sum(not j["type_ok"] for j in judged.values()),
    }))
    if args.show:
        for key, text in unjudged:
            print(key, "|", text)


if __name__ == "__main__":
    main()
