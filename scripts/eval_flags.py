"""Measure newsgraph.flags, newsgraph.dates and newsgraph.places on eval/flags/.

Sections (JSON on stdout):

* ``flags``  - eval/flags/flags.jsonl: per-flag accuracy, precision/recall of each
  flag, exact accuracy (all four flags right), the same per language; and again
  per split (``flags_by_split``: dev / test).  As in the
  event engine, the event date handed to ``flags.detect`` is what
  ``dates.resolve`` finds in the sentence (``--no-dates`` to pass None);
* ``dates``  - eval/flags/dates.jsonl: accuracy of (date, precision), per language;
* ``places`` - eval/flags/places.jsonl: accuracy of (name, country), per language;
* ``speed``  - milliseconds per call, uncached, for the three functions.

Usage: python scripts/eval_flags.py [--errors] [--no-dates] [--dir eval/flags]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from anyascii import anyascii

from newsgraph import dates, flags, places

ROOT = Path(__file__).resolve().parents[1]
SPEED_REPEAT = 5000  # calls per timing: enough for a stable mean on a busy 2-core machine


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def eval_flags(rows: list[dict[str, Any]], use_dates: bool, errors: list[dict[str, Any]]) -> dict[str, Any]:
    per_flag = dict.fromkeys(flags.FLAG_KINDS, 0)
    tp = dict.fromkeys(flags.FLAG_KINDS, 0)
    fp = dict.fromkeys(flags.FLAG_KINDS, 0)
    fn = dict.fromkeys(flags.FLAG_KINDS, 0)
    exact = 0
    by_lang: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        anchor = dt.date.fromisoformat(row["date"])
        start = row["text"].find(row["trigger"])
        ref = dates.resolve(row["text"], row["lang"], anchor) if use_dates else None
        got = flags.detect(row["text"], row["lang"], start, start + len(row["trigger"]), anchor,
                           ref.date if ref else None)
        lang = by_lang[row["lang"]]
        lang["n"] += 1
        ok_all = True
        for kind in flags.FLAG_KINDS:
            want, have = bool(row[kind]), getattr(got, kind)
            if want == have:
                per_flag[kind] += 1
                lang[kind] += 1
            else:
                ok_all = False
            tp[kind] += want and have
            fp[kind] += have and not want
            fn[kind] += want and not have
        exact += ok_all
        lang["exact"] += ok_all
        if not ok_all:
            errors.append({"section": "flags", "id": row["id"], "text": row["text"], "trigger": row["trigger"],
                           "want": [k for k in flags.FLAG_KINDS if row[k]],
                           "got": [k for k in flags.FLAG_KINDS if getattr(got, k)]})
    n = len(rows)
    return {
        "n": n,
        "exact_accuracy": _ratio(exact, n),
        "per_flag_accuracy": {k: _ratio(v, n) for k, v in per_flag.items()},
        "mean_flag_accuracy": _ratio(sum(per_flag.values()), 4 * n),
        "per_flag_precision": {k: _ratio(tp[k], tp[k] + fp[k]) for k in flags.FLAG_KINDS},
        "per_flag_recall": {k: _ratio(tp[k], tp[k] + fn[k]) for k in flags.FLAG_KINDS},
        "positives": {k: tp[k] + fn[k] for k in flags.FLAG_KINDS},
        "per_language": {
            lang: {"n": c["n"], "exact_accuracy": _ratio(c["exact"], c["n"]),
                   "mean_flag_accuracy": _ratio(sum(c[k] for k in flags.FLAG_KINDS), 4 * c["n"])}
            for lang, c in sorted(by_lang.items())
        },
    }


def eval_dates(rows: list[dict[str, Any]], errors: list[dict[str, Any]]) -> dict[str, Any]:
    ok = 0
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        got = dates.resolve(row["text"], row["lang"], dt.date.fromisoformat(row["anchor"]))
        have = (got.date.isoformat(), got.precision) if got else (None, None)
        good = have == (row["date"], row["precision"])
        ok += good
        by_lang[row["lang"]][0] += good
        by_lang[row["lang"]][1] += 1
        if not good:
            errors.append({"section": "dates", "id": row["id"], "text": row["text"],
                           "want": [row["date"], row["precision"]], "got": list(have),
                           "surface": got.surface if got else None})
    return {"n": len(rows), "accuracy": _ratio(ok, len(rows)),
            "per_language": {k: _ratio(a, b) for k, (a, b) in sorted(by_lang.items())}}


def _same_name(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    return anyascii(a).casefold() == anyascii(b).casefold()


def eval_places(rows: list[dict[str, Any]], errors: list[dict[str, Any]]) -> dict[str, Any]:
    ok = 0
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        got = places.resolve(row["text"], row["lang"])
        good = _same_name(got.name if got else None, row["name"]) and (got.country if got else None) == row["country"]
        ok += good
        by_lang[row["lang"]][0] += good
        by_lang[row["lang"]][1] += 1
        if not good:
            errors.append({"section": "places", "id": row["id"], "text": row["text"],
                           "want": [row["name"], row["country"]],
                           "got": [got.name, got.country] if got else None})
    return {"n": len(rows), "accuracy": _ratio(ok, len(rows)),
            "per_language": {k: _ratio(a, b) for k, (a, b) in sorted(by_lang.items())}}


def _ms(fn: Callable[[], object]) -> float:
    """CPU milliseconds per call (process time: not inflated by other jobs on a shared machine)."""
    fn()  # warm the loaders
    t0 = time.process_time()
    for _ in range(SPEED_REPEAT):
        fn()
    return round((time.process_time() - t0) / SPEED_REPEAT * 1000, 4)


def speed() -> dict[str, float]:
    anchor = dt.date(2024, 3, 14)
    plain = "The minister told reporters that the government would continue to support the army and its allies."
    dated = "The minister told reporters on Tuesday that the agreement signed on 12 March 2024 would stand."
    placed = "The ministers of both countries met in Minsk to discuss the agreement and its implementation."
    i = plain.index("support")
    raw_dates = dates._resolve.__wrapped__
    raw_flags = flags._detect.__wrapped__
    raw_places = places._resolve.__wrapped__
    return {
        "dates_no_cue_ms": _ms(lambda: raw_dates(plain, "en", anchor)),
        "dates_with_date_ms": _ms(lambda: raw_dates(dated, "en", anchor)),
        "flags_ms": _ms(lambda: raw_flags(plain, "en", i, i + 7, anchor, None)),
        "places_no_place_ms": _ms(lambda: raw_places(plain, "en")),
        "places_with_place_ms": _ms(lambda: raw_places(placed, "en")),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=ROOT / "eval" / "flags")
    ap.add_argument("--errors", action="store_true", help="list every wrong row")
    ap.add_argument("--no-dates", action="store_true", help="do not pass the resolved date to flags.detect")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args(argv)
    errors: list[dict[str, Any]] = []
    flag_rows = _load(args.dir / "flags.jsonl")
    report: dict[str, Any] = {
        "flags": eval_flags(flag_rows, not args.no_dates, errors),
        # "dev" rows were written alongside the cue lexicons; "test" rows were written
        # afterwards and measured once before any further lexicon change (eval/flags/README.md)
        "flags_by_split": {
            split: eval_flags([r for r in flag_rows if r.get("split") == split], not args.no_dates, [])
            for split in sorted({r.get("split", "dev") for r in flag_rows})
        },
        "dates": eval_dates(_load(args.dir / "dates.jsonl"), errors),
        "places": eval_places(_load(args.dir / "places.jsonl"), errors),
    }
    for name, fn in (("dates", eval_dates), ("places", eval_places)):
        rows = _load(args.dir / f"{name}.jsonl")
        report[name]["by_split"] = {
            split: fn([r for r in rows if r.get("split") == split], [])["accuracy"]
            for split in sorted({r.get("split", "dev") for r in rows})
        }
    if not args.no_speed:
        report["speed"] = speed()
    if args.errors:
        report["errors"] = errors
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
