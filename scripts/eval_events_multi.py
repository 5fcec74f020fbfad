"""Per-language event scores on the project's multilingual labelled set (eval/events/).

usage: python scripts/eval_events_multi.py [FILES...] [--fast] [--predictions DIR] [--misses]

Runs the pipeline stages on each record's text exactly as ``newsgraph`` would (language detection,
sentence split, actor linking, event extraction; the gold ``lang`` is never given to the system)
and prints one JSON object: for every language the event-type, triple, dyad and actor
precision/recall/F1 with the definitions of shared/eval/score.py (micro over documents; ``null``
matches only ``null``; dyads are unordered pairs of two different non-null actors), plus each
language's type-F1 gap to English, which the acceptance criterion bounds (``MAX_GAP_TO_EN``).

``--predictions DIR`` writes ``DIR/events_<lang>.pred.jsonl`` in FORMAT.md shape, so the numbers can
be re-checked with ``python ../shared/eval/score.py GOLD PRED``.  ``--misses`` adds, per language,
the documents whose predicted type set differs from the gold one (for reading, not for tuning
labels: the set was written before the engine's output was looked at).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsgraph import actors, events, language, sentences
from newsgraph.records import Article, Doc

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT / "eval" / "events"
# Acceptance criterion 2 of the events issue: every language's type F1 within 0.10 of English.
MAX_GAP_TO_EN = 0.10
METRICS = ("types", "triples", "dyads", "actors")


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def predict(rec: dict[str, Any], model: events.EventModel, kb: Any, path: str) -> dict[str, Any]:
    """Run the stages on one gold record; the prediction in FORMAT.md shape."""
    date = dt.date.fromisoformat(rec["date"]) if rec.get("date") else None
    text = rec["text"] if not rec.get("title") else f"{rec['title']}\n\n{rec['text']}"
    doc = Doc(Article(id=str(rec["id"]), path=path, raw_text=text, text=text, date=date))
    doc = language.detect_doc(doc)
    doc = sentences.split_doc(doc)
    doc = actors.link_doc(doc, kb)
    doc = events.extract_doc(doc, model)
    evs = [{"type": e.type, "mode": e.mode, "source": e.source, "target": e.target}
           for e in doc.events if not e.negated]  # negated events are not events (newsgraph.evaluate)
    return {"id": rec["id"], "lang": doc.article.lang, "actors": actors.actor_set(doc.mentions), "events": evs}


def _dyads(evs: Iterable[dict[str, Any]]) -> set[frozenset[Any]]:
    return {frozenset((e.get("source"), e.get("target"))) for e in evs
            if e.get("source") and e.get("target") and e.get("source") != e.get("target")}


def tally(gold: dict[str, Any], pred: dict[str, Any], lang: str,
          counts: dict[tuple[str, str], collections.Counter[str]]) -> None:
    """Add one document's true/false positives and negatives (shared/eval/score.py's rules)."""

    def add(metric: str, gs: set[Any], ps: set[Any]) -> None:
        for key in (lang, "all"):
            c = counts[(key, metric)]
            c["tp"] += len(gs & ps)
            c["fp"] += len(ps - gs)
            c["fn"] += len(gs - ps)

    scope = set(gold.get("scope") or [])
    pev = [e for e in pred.get("events") or [] if not scope or e.get("type") in scope]
    if "events" in gold:
        gev = [e for e in gold["events"] if not scope or e.get("type") in scope]
        add("types", {e["type"] for e in gev}, {e.get("type") for e in pev})
        if not scope and all("source" in e or "target" in e for e in gev):
            add("triples", {(e.get("source"), e["type"], e.get("target")) for e in gev},
                {(e.get("source"), e.get("type"), e.get("target")) for e in pev})
            add("dyads", _dyads(gev), _dyads(pev))
    if "actors" in gold:
        add("actors", set(gold["actors"]), set(pred.get("actors") or []))


def prf(c: collections.Counter[str]) -> dict[str, Any]:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def report(counts: dict[tuple[str, str], collections.Counter[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for (lang, metric), c in sorted(counts.items()):
        out.setdefault(lang, {})[metric] = prf(c)
    en = out.get("en", {}).get("types", {}).get("f1")
    if en is not None:
        for lang, ms in out.items():
            if lang in ("en", "all") or "types" not in ms:
                continue
            ms["type_f1_gap_to_en"] = round(en - ms["types"]["f1"], 4)
            ms["within_gap"] = ms["type_f1_gap_to_en"] <= MAX_GAP_TO_EN
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--fast", action="store_true", help="the --fast event model (no embeddings)")
    parser.add_argument("--predictions", type=Path, help="write DIR/<file>.pred.jsonl")
    parser.add_argument("--misses", action="store_true", help="list documents whose type sets differ")
    args = parser.parse_args(argv)
    files = args.files or sorted(DEFAULT_DIR.glob("events_*.jsonl"))
    model = events.load_model(args.fast)
    kb = actors.load_kb()
    counts: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    misses: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    n_docs = 0
    started = time.perf_counter()
    for path in files:
        preds = []
        for rec in load(path):
            pred = predict(rec, model, kb, str(path))
            preds.append(pred)
            lang = rec.get("lang", "?")
            tally(rec, pred, lang, counts)
            n_docs += 1
            gtypes = sorted({e["type"] for e in rec.get("events", [])})
            ptypes = sorted({e["type"] for e in pred["events"]})
            if args.misses and gtypes != ptypes:
                misses[lang].append({"id": rec["id"], "gold": gtypes, "pred": ptypes, "text": rec["text"]})
        if args.predictions:
            args.predictions.mkdir(parents=True, exist_ok=True)
            out_path = args.predictions / f"{path.stem}.pred.jsonl"
            out_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    elapsed = time.perf_counter() - started
    result: dict[str, Any] = {"documents": n_docs, "mode": "fast" if args.fast else "default",
                              "seconds_per_document": round(elapsed / max(1, n_docs), 5),
                              "max_gap_to_en": MAX_GAP_TO_EN, "metrics": report(counts)}
    if args.misses:
        result["misses"] = misses
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
