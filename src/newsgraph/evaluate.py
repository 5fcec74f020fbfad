"""Evaluation against gold files in the shared format (shared/eval/FORMAT.md).

:func:`predict` runs the pipeline in memory over every gold document (labelled or
not) and returns FORMAT-shaped predictions; :func:`score` computes the four
metrics exactly as the reference scorer does (micro P/R/F1 over documents, per
language, ``scope`` honoured, type-only labels skipped for triples and dyads).
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import actors
from .errors import EvalError, InputError
from .ingest import from_record
from .options import Options
from .pipeline import process_articles, worker_pool
from .records import Article, Doc, Event

__all__ = ["METRICS", "EvalReport", "load_jsonl", "predict", "prediction_for", "run_eval", "score"]

METRICS = ("triples", "types", "dyads", "actors")

# Events whose auxiliary flags say they did not (or not yet) happen are kept in the
# database with their flags, but left out of FORMAT predictions: the gold sets code
# what happened ("did not attack" is no ASSAULT).
EXCLUDED_FLAGS = ("negated",)


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Records of a JSONL file; a malformed line is an :class:`EvalError` naming file and line."""
    out = []
    seen: set[str] = set()
    try:
        fh = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise EvalError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    with fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(f"{path}:{lineno}: invalid JSON: {exc.msg}") from exc
            if not isinstance(rec, dict) or "id" not in rec:
                raise EvalError(f"{path}:{lineno}: each line must be an object with an 'id'")
            rid = str(rec["id"])
            if rid in seen:
                raise EvalError(f"{path}:{lineno}: duplicate id {rid!r}")
            seen.add(rid)
            out.append(rec)
    return out


def _event_json(e: Event) -> dict[str, Any]:
    return {
        "type": e.type,
        "mode": e.mode,
        "source": e.source,
        "target": e.target,
        "date": e.date.isoformat() if e.date else None,
        "negated": e.negated,
        "hypothetical": e.hypothetical,
        "future": e.future,
        "historical": e.historical,
        "confidence": round(e.confidence, 4),
    }


def prediction_for(doc: Doc, gold_id: str) -> dict[str, Any]:
    """The FORMAT.md prediction object of one processed document."""
    evs = []
    seen = set()
    for e in doc.events:
        if any(getattr(e, f) for f in EXCLUDED_FLAGS):
            continue
        key = (e.type, e.source, e.target)
        if key in seen:
            continue
        seen.add(key)
        evs.append(_event_json(e))
    return {
        "id": gold_id,
        "lang": doc.article.lang,
        "actors": actors.actor_set(doc.mentions),
        "events": evs,
    }


def predict(records: Sequence[dict[str, Any]], options: Options) -> list[dict[str, Any]]:
    """Process every gold record's text and return predictions in the same order."""
    articles: list[Article] = []
    for rec in records:
        try:
            art = from_record({k: v for k, v in rec.items() if k not in ("actors", "events")}, str(rec["id"]))
        except InputError as exc:
            raise EvalError(f"record {rec.get('id')!r}: {exc.reason}") from exc
        articles.append(art)
    if options.workers > 1:
        with worker_pool(options) as ex:
            docs = process_articles(articles, options, ex)
    else:
        docs = process_articles(articles, options)
    return [prediction_for(d, str(r["id"])) for d, r in zip(docs, records, strict=True)]


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": f, "tp": tp, "fp": fp, "fn": fn}


def _dyads(events: Iterable[dict[str, Any]]) -> set[frozenset[Any]]:
    return {
        frozenset((e.get("source"), e.get("target")))
        for e in events
        if e.get("source") and e.get("target") and e.get("source") != e.get("target")
    }


def score(gold: Sequence[dict[str, Any]], predictions: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The four FORMAT.md metrics, overall ("all") and per gold language."""
    preds = {str(p["id"]): p for p in predictions}
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    missing = 0

    def tally(lang: str, metric: str, g: set[Any], p: set[Any]) -> None:
        for key in (lang, "all"):
            c = counts[(key, metric)]
            c[0] += len(g & p)
            c[1] += len(p - g)
            c[2] += len(g - p)

    for g in gold:
        p = preds.get(str(g["id"]))
        if p is None:
            missing += 1
            p = {"events": [], "actors": []}
        lang = g.get("lang", "?")
        scope = set(g.get("scope") or [])
        pev = [e for e in (p.get("events") or []) if not scope or e.get("type") in scope]
        if "events" in g:
            gev = [e for e in g["events"] if not scope or e.get("type") in scope]
            tally(lang, "types", {e["type"] for e in gev}, {e.get("type") for e in pev})
            if not scope and all("source" in e or "target" in e for e in gev):
                tally(
                    lang,
                    "triples",
                    {(e.get("source"), e["type"], e.get("target")) for e in gev},
                    {(e.get("source"), e.get("type"), e.get("target")) for e in pev},
                )
                tally(lang, "dyads", _dyads(gev), _dyads(pev))
        if "actors" in g:
            tally(lang, "actors", set(g["actors"]), set(p.get("actors") or []))
    metrics: dict[str, dict[str, Any]] = {}
    for (lang, metric), (tp, fp, fn) in sorted(counts.items()):
        metrics.setdefault(lang, {})[metric] = _prf(tp, fp, fn)
    return {"documents": len(gold), "missing_predictions": missing, "metrics": metrics}


@dataclass(frozen=True)
class EvalReport:
    gold: str
    result: dict[str, Any]
    seconds: float
    mode: str

    def as_dict(self) -> dict[str, Any]:
        docs = self.result["documents"]
        return {
            "gold": self.gold,
            "mode": self.mode,
            **self.result,
            "seconds": round(self.seconds, 3),
            "seconds_per_document": round(self.seconds / docs, 5) if docs else 0.0,
        }

    def lines(self) -> list[str]:
        d = self.as_dict()
        out = [
            f"{self.gold}: {d['documents']} documents, mode {self.mode}, "
            f"{d['seconds_per_document'] * 1000:.1f} ms/document"
        ]
        for lang, ms in d["metrics"].items():
            parts = [f"{m} P{v['precision']:.3f} R{v['recall']:.3f} F1 {v['f1']:.3f}" for m, v in ms.items()]
            out.append(f"  {lang:4} " + " | ".join(parts))
        return out


def run_eval(gold_path: str | Path, options: Options, predictions_path: str | Path | None = None) -> EvalReport:
    gold = load_jsonl(gold_path)
    t0 = time.perf_counter()
    preds = predict(gold, options)
    seconds = time.perf_counter() - t0
    if predictions_path is not None:
        with open(predictions_path, "w", encoding="utf-8") as fh:
            for p in preds:
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    return EvalReport(str(gold_path), score(gold, preds), seconds, "fast" if options.fast else "default")
