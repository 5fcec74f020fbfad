"""Score the actor linker on labelled JSONL files (FORMAT.md shape with "actors").

Prints per-language and overall micro precision/recall/F1 of per-document actor sets as
JSON.  Sentences come from ``newsgraph.sentences.split`` when that module exists, else
the text is one sentence.  Usage::

    python scripts/eval_actors.py eval/actors/actors_*.jsonl [--errors]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
from collections import defaultdict
from pathlib import Path

from newsgraph.actors import actor_set, link, load_kb
from newsgraph.records import Sentence


def _sentences(doc_id: str, text: str, lang: str | None) -> list[Sentence]:
    try:
        split = importlib.import_module("newsgraph.sentences").split
        spans = split(text, lang)
    except (ImportError, AttributeError):
        spans = [(0, len(text))]
    return [Sentence(doc_id, k, s, e, text[s:e], lang) for k, (s, e) in enumerate(spans)]


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--errors", action="store_true", help="also list documents with wrong sets")
    ap.add_argument("--no-lang", action="store_true", help="do not pass the gold language to the linker")
    args = ap.parse_args()
    kb = load_kb()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    errors = []
    for path in args.files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            doc = json.loads(line)
            if "actors" not in doc:
                continue
            lang = None if args.no_lang else doc.get("lang")
            date = dt.date.fromisoformat(doc["date"]) if doc.get("date") else None
            pred = set(actor_set(link(_sentences(doc["id"], doc["text"], lang), lang, date, kb)))
            gold = set(doc["actors"])
            for key in (doc.get("lang") or "?", "overall"):
                c = counts[key]
                c[0] += len(pred & gold)
                c[1] += len(pred - gold)
                c[2] += len(gold - pred)
                c[3] += 1
            if pred != gold:
                errors.append({"id": doc["id"], "text": doc["text"], "missing": sorted(gold - pred),
                               "extra": sorted(pred - gold)})
    report = {k: {**_prf(*v[:3]), "docs": v[3]} for k, v in sorted(counts.items())}
    out: dict[str, object] = {"actor_set": report}
    if args.errors:
        out["errors"] = errors
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
