"""Measure the text stages: boilerplate P/R, language-ID accuracy, speed.  Prints JSON.

Usage::

    python scripts/eval_text.py boilerplate [--file eval/boilerplate/lines.jsonl] [--errors]
    python scripts/eval_text.py langid [--shared ../shared] [--errors]
    python scripts/eval_text.py build-langid      # rebuild eval/langid/texts.jsonl
    python scripts/eval_text.py speed [--n 300]   # ms per 3 KB article, clean+language+sentences

``langid`` runs what the pipeline runs (``clean.clean_text`` then
``language.detect_doc``, no declared language) on eval/langid/texts.jsonl and,
with ``--shared``, on the English and Russian texts in shared/data (same-story
pairs and the synthetic English stories).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsgraph import clean, language, sentences
from newsgraph.records import Article, Doc

ROOT = Path(__file__).resolve().parents[1]
BOILERPLATE_FILE = ROOT / "eval" / "boilerplate" / "lines.jsonl"
LANGID_DIR = ROOT / "eval" / "langid"
# Texts per language in the composed language-ID set, and the share that get a
# caption/boilerplate/quote line in another language mixed in (scraped pages often do).
TEXTS_PER_LANG = 30
MIXIN_SHARE = 0.35
SEED = 20240512
# Repeats per article for the best-of timing in `speed`.
SPEED_REPEATS = 7
# How many of shared/data/train/ngec_synthetic_en.jsonl to include (the rest is alike).
SHARED_SYNTHETIC_MAX = 150


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def eval_boilerplate(path: Path, show_errors: bool) -> dict[str, Any]:
    rows = _read_jsonl(path)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    errors = []
    for row in rows:
        reason = clean.boilerplate_reason(row["line"])
        predicted, gold = reason is not None, bool(row["boilerplate"])
        for key in ("all", row["lang"]):
            c = counts[key]
            c[0] += predicted and gold
            c[1] += predicted and not gold
            c[2] += gold and not predicted
        if predicted != gold:
            errors.append({"lang": row["lang"], "gold": gold, "reason": reason, "line": row["line"]})
    out: dict[str, Any] = {
        "file": str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path),
        "lines": len(rows),
        "boilerplate_lines": sum(1 for r in rows if r["boilerplate"]),
        "languages": len({r["lang"] for r in rows}),
        "overall": _prf(*counts["all"]),
        "per_language": {k: _prf(*v) for k, v in sorted(counts.items()) if k != "all"},
    }
    if show_errors:
        out["errors"] = errors
    return out


def build_langid() -> Path:
    """Compose eval/langid/texts.jsonl from the hand-written sentence and mix-in pools."""
    rng = random.Random(SEED)
    pool: dict[str, list[str]] = defaultdict(list)
    for row in _read_jsonl(LANGID_DIR / "sentences.jsonl"):
        pool[row["lang"]].append(row["text"])
    mixins = _read_jsonl(LANGID_DIR / "mixins.jsonl")
    out = LANGID_DIR / "texts.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for lang in sorted(pool):
            for i in range(TEXTS_PER_LANG):
                chosen = rng.sample(pool[lang], rng.randint(2, 5))
                cut = rng.randint(1, len(chosen))
                lines = [" ".join(chosen[:cut])] + ([" ".join(chosen[cut:])] if cut < len(chosen) else [])
                mixed = None
                if rng.random() < MIXIN_SHARE:
                    mixed = rng.choice([m for m in mixins if m["lang"] != lang])
                    lines.insert(rng.randint(0, len(lines)), mixed["line"])
                row = {"id": f"langid-{lang}-{i:02d}", "lang": lang, "text": "\n".join(lines),
                       "mixed_in": mixed["lang"] if mixed else None, "mixed_line": mixed["line"] if mixed else None}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return out


def _shared_texts(shared: Path) -> list[dict[str, str]]:
    texts: list[dict[str, str]] = []
    for path in sorted((shared / "data" / "stories").glob("*.jsonl")):
        for row in _read_jsonl(path):
            for side in ("a", "b"):
                item = row[side]
                texts.append({"id": f"{row['id']}-{side}", "lang": row["lang"],
                              "text": f"{item.get('title') or ''}\n{item['text']}"})
    synthetic = shared / "data" / "train" / "ngec_synthetic_en.jsonl"
    if synthetic.exists():
        for row in _read_jsonl(synthetic)[:SHARED_SYNTHETIC_MAX]:
            texts.append({"id": row["id"], "lang": row["lang"], "text": f"{row['title']}\n{row['text']}"})
    seen: set[str] = set()
    unique = []
    for t in texts:
        if t["text"] not in seen:
            seen.add(t["text"])
            unique.append(t)
    return unique


def _accuracy(texts: list[dict[str, Any]], show_errors: bool) -> dict[str, Any]:
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    errors = []
    mixins = [0, 0, 0]  # mixed-in lines: removed by clean, kept and tagged right, kept and tagged wrong
    for t in texts:
        cleaned = clean.clean_text(t["text"])
        doc = Doc(Article(id=t["id"], path=t["id"], raw_text=t["text"], text=cleaned.text))
        got = language.detect_doc(doc).article
        if t.get("mixed_line"):
            para = next((p for p in got.paragraphs if cleaned.text[p.start : p.end] == t["mixed_line"]), None)
            if para is None:
                mixins[0] += 1
            else:
                mixins[1 if para.lang == t["mixed_in"] else 2] += 1
        ok = got.lang == t["lang"]
        per[t["lang"]][0] += ok
        per[t["lang"]][1] += 1
        if not ok:
            errors.append({"id": t["id"], "gold": t["lang"], "got": got.lang, "conf": got.lang_confidence})
    right, total = sum(v[0] for v in per.values()), sum(v[1] for v in per.values())
    out: dict[str, Any] = {
        "texts": total,
        "languages": len(per),
        "accuracy": round(right / total, 4) if total else None,
        "mixed_in_lines": {"removed_by_clean": mixins[0], "kept_tagged_right": mixins[1],
                           "kept_tagged_wrong": mixins[2]},
        "per_language": {k: {"n": v[1], "accuracy": round(v[0] / v[1], 4)} for k, v in sorted(per.items())},
    }
    if show_errors:
        out["errors"] = errors
    return out


def eval_langid(shared: Path | None, show_errors: bool) -> dict[str, Any]:
    path = LANGID_DIR / "texts.jsonl"
    own = _read_jsonl(path)
    out: dict[str, Any] = {"project_set": _accuracy(own, show_errors)}
    if shared is not None:
        shared_texts = _shared_texts(shared)
        out["shared"] = _accuracy(shared_texts, show_errors)
        out["combined"] = _accuracy(own + shared_texts, False)
        out["combined"].pop("per_language")
    return out


def _timed(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0



def _stage_times(doc: Doc, clock: Callable[[], float]) -> dict[str, float]:
    """Seconds of clean, language and sentences on ``doc`` (line cache cleared), by ``clock``."""
    from newsgraph._boilerplate_rules import _classify_cached

    _classify_cached.cache_clear()
    t0 = clock()
    d1 = clean.clean_doc(doc)
    t1 = clock()
    d2 = language.detect_doc(d1)
    t2 = clock()
    sentences.split_doc(d2)
    t3 = clock()
    return {"clean": t1 - t0, "language": t2 - t1, "sentences": t3 - t2}

def eval_speed(n: int) -> dict[str, Any]:
    """CPU ms per 3 KB article for clean + language + sentences.

    Articles are 3,000 characters of demo-corpus bodies of one language (raw text
    with its boilerplate; a language with few bodies repeats them).  The boilerplate
    cache is cleared before each article, so only lines repeated inside an article
    come from the cache (a real source's repeated furniture would too, across
    articles, making real runs faster than this).
    """
    demo = ROOT / "src" / "newsgraph" / "data" / "demo"
    by_lang: dict[str, list[str]] = defaultdict(list)
    for path in sorted(demo.glob("*.txt")):
        by_lang[path.name.split("_")[1]].append(path.read_text(encoding="utf-8"))
    for path in sorted(demo.glob("*.jsonl")):
        for row in _read_jsonl(path):
            by_lang[row["lang"]].append(f"{row['title']}\n{row['text']}")
    if not by_lang:
        raise SystemExit("no demo articles found")
    articles = []
    for lang, bodies in sorted(by_lang.items()):
        for i in range(len(bodies)):
            parts: list[str] = []
            j = i
            while sum(len(p) + 1 for p in parts) < 3000:  # same-language bodies, repeated if too few
                parts.append(bodies[j % len(bodies)])
                j += 1
            articles.append(Doc(Article(id=f"{lang}{i}", path=lang, raw_text="\n".join(parts)[:3000])))

    for doc in articles:  # load the models and each language's abbreviations first
        sentences.split_doc(language.detect_doc(clean.clean_doc(doc)))
    stage_s: Counter[str] = Counter()
    done = 0
    while done < n:
        for doc in articles:
            stage_s.update(_stage_times(doc, time.process_time))
            done += 1
    # Best of REPEATS per article: the machine is shared, and the minimum is the
    # standard estimate of the uncontended cost.
    best: Counter[str] = Counter()
    for doc in articles:
        per_stage: dict[str, float] = {}
        for _ in range(SPEED_REPEATS):
            for k, v in _stage_times(doc, time.perf_counter).items():
                per_stage[k] = min(per_stage.get(k, v), v)
        best.update(per_stage)
    # Scale for a shared machine: the best time of one lid.176 prediction over a whole
    # 3 KB article, measured alongside (0.43 ms when this machine was idle).
    model = language._model()
    one_line = articles[0].article.raw_text.replace("\n", " ")
    calibration = min(_timed(lambda: model.predict(one_line, k=1)) for _ in range(50))
    total = sum(stage_s.values())
    return {
        "calibration_lid176_3kb_ms": round(1000 * calibration, 3),
        "best_of_repeats_ms_per_article": round(1000 * sum(best.values()) / len(articles), 3),
        "best_of_repeats_per_stage_ms": {k: round(1000 * v / len(articles), 3) for k, v in best.items()},
        "articles": done,
        "article_chars": 3000,
        "mean_cpu_ms_per_article": round(1000 * total / done, 3),
        "mean_cpu_per_stage_ms": {k: round(1000 * v / done, 3) for k, v in stage_s.items()},
        "load_average": list(os.getloadavg()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("boilerplate")
    b.add_argument("--file", type=Path, default=BOILERPLATE_FILE)
    b.add_argument("--errors", action="store_true")
    lg = sub.add_parser("langid")
    lg.add_argument("--shared", type=Path, default=None)
    lg.add_argument("--errors", action="store_true")
    sub.add_parser("build-langid")
    sp = sub.add_parser("speed")
    sp.add_argument("--n", type=int, default=300)
    args = parser.parse_args(argv)
    if args.cmd == "boilerplate":
        result: dict[str, Any] = eval_boilerplate(args.file, args.errors)
    elif args.cmd == "langid":
        result = eval_langid(args.shared, args.errors)
    elif args.cmd == "build-langid":
        result = {"written": str(build_langid().relative_to(ROOT))}
    else:
        result = eval_speed(args.n)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
