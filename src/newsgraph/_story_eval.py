"""Scoring story grouping: same-story pairs and B-cubed clustering.

* Pairs: the format of ``shared/data/stories`` — one JSON object a line with
  ``id``, ``lang``, ``label`` ("same" | "different") and two articles ``a`` / ``b``
  (``title``, ``text``).  Reports accuracy and precision/recall/F1 of "same".
* Clusters: articles ``{"id", "story", "lang", "date", "title", "text"[, "split"]}``
  (``eval/stories/crosslingual.jsonl``), clustered in file order with a fresh
  :class:`~newsgraph.stories.StoryIndex`; reports B-cubed precision/recall/F1
  (Bagga & Baldwin 1998: per-article precision and recall of its predicted cluster
  against its gold cluster, averaged over articles) and the number of clusters.

Used by ``scripts/eval_stories.py`` and the ``newsgraph eval-stories`` command.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ._story_text import lead_of
from .errors import EvalError
from .stories import (
    SAME_THRESHOLD,
    SAME_THRESHOLD_FAST,
    EmbeddingCache,
    Evidence,
    StoryIndex,
    StoryItem,
    combined_score,
    vectors_for,
)

__all__ = [
    "bcubed",
    "eval_clusters",
    "eval_pairs",
    "format_report",
    "load_cluster_set",
    "load_pairs",
    "pair_scores",
    "stories_report",
]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    try:
        with path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise EvalError(f"{path}:{number}: not JSON: {exc}") from exc
    except OSError as exc:
        raise EvalError(f"{path}: cannot read: {exc}") from exc
    return rows


def _item(article_id: str, lang: str | None, obj: Mapping[str, Any], date: str | None = None) -> StoryItem:
    title = str(obj.get("title") or "")
    text = str(obj.get("text") or "")
    day = dt.date.fromisoformat(date) if date else None
    return StoryItem(article_id, lang, title, lead_of(text), text, day)


def load_pairs(path: Path) -> list[tuple[str, bool, StoryItem, StoryItem]]:
    """``(pair id, is_same, a, b)`` for each line of a pairs file."""
    out = []
    for number, row in enumerate(_read_jsonl(path), 1):
        try:
            label = row["label"]
            if label not in ("same", "different"):
                raise EvalError(f"{path}:{number}: label must be 'same' or 'different', not {label!r}")
            pid, lang = str(row["id"]), row.get("lang")
            out.append((pid, label == "same", _item(pid + "/a", lang, row["a"]), _item(pid + "/b", lang, row["b"])))
        except (KeyError, TypeError) as exc:
            raise EvalError(f"{path}:{number}: missing field {exc}") from exc
    return out


def pair_scores(pairs: Sequence[tuple[str, bool, StoryItem, StoryItem]], *, embed: bool = True,
                cache: EmbeddingCache | None = None) -> list[float]:
    """Combined score of each pair (one embedding batch for all texts)."""
    items = [p[2] for p in pairs] + [p[3] for p in pairs]
    vecs = vectors_for(items, embed=embed, cache=cache)
    n = len(pairs)
    return [combined_score(float(vecs[i] @ vecs[n + i]), Evidence.of(pairs[i][2]), Evidence.of(pairs[i][3]))
            for i in range(n)]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def eval_pairs(path: Path, *, embed: bool = True, cache: EmbeddingCache | None = None,
               threshold: float | None = None) -> dict[str, Any]:
    """Accuracy and P/R/F1 of "same" on one pairs file."""
    pairs = load_pairs(path)
    limit = threshold if threshold is not None else (SAME_THRESHOLD if embed else SAME_THRESHOLD_FAST)
    scores = pair_scores(pairs, embed=embed, cache=cache)
    tp = fp = fn = tn = 0
    for (_, gold, _, _), score in zip(pairs, scores, strict=True):
        pred = score >= limit
        tp += gold and pred
        fp += (not gold) and pred
        fn += gold and not pred
        tn += (not gold) and not pred
    p, r, f = _prf(tp, fp, fn)
    return {"file": str(path), "pairs": len(pairs), "accuracy": round((tp + tn) / max(len(pairs), 1), 4),
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "fp": fp, "fn": fn, "tn": tn, "threshold": limit, "embed": embed}


def load_cluster_set(path: Path, split: str | None = None) -> tuple[list[StoryItem], dict[str, str]]:
    """Items (file order) and gold story of each article id, optionally one ``split`` only."""
    items, gold = [], {}
    for number, row in enumerate(_read_jsonl(path), 1):
        if split and row.get("split") != split:
            continue
        try:
            items.append(_item(str(row["id"]), row.get("lang"), row, row.get("date")))
            gold[str(row["id"])] = str(row["story"])
        except (KeyError, ValueError) as exc:
            raise EvalError(f"{path}:{number}: bad article: {exc}") from exc
    return items, gold


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of ``predicted`` clusters against ``gold`` (same ids)."""
    if set(predicted) != set(gold):
        raise EvalError("B-cubed needs a prediction for every gold article and no others")
    if not gold:
        return 0.0, 0.0, 0.0
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for key in gold:
        by_pred[predicted[key]].add(key)
        by_gold[gold[key]].add(key)
    p = r = 0.0
    for key in gold:
        cp, cg = by_pred[predicted[key]], by_gold[gold[key]]
        both = len(cp & cg)
        p += both / len(cp)
        r += both / len(cg)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def eval_clusters(path: Path, *, split: str | None = None, embed: bool = True,
                  cache: EmbeddingCache | None = None, threshold: float | None = None) -> dict[str, Any]:
    """Cluster one labelled set from scratch and score it with B-cubed."""
    items, gold = load_cluster_set(path, split)
    index = StoryIndex(cache, embed=embed, threshold=threshold)
    assigned = index.add(items)
    predicted = {a.article_id: a.story_id for a in assigned}
    p, r, f = bcubed(predicted, gold)
    dups = sum(1 for a in assigned if a.duplicate_of)
    return {"file": str(path), "split": split or "all", "articles": len(items),
            "gold_stories": len(set(gold.values())), "predicted_stories": len(set(predicted.values())),
            "duplicates": dups, "bcubed_precision": round(p, 4), "bcubed_recall": round(r, 4),
            "bcubed_f1": round(f, 4), "threshold": index.threshold, "embed": embed}


def stories_report(pairs: Sequence[Path], clusters: Sequence[Path] = (), *, split: str | None = None,
                   embed: bool = True, cache: EmbeddingCache | None = None) -> dict[str, Any]:
    """Pairs scores per file and pooled, and B-cubed per split of each clusters file.

    What ``newsgraph eval-stories PAIRS.jsonl [--json]`` reports.
    """
    report: dict[str, Any] = {"pairs": [], "clusters": []}
    tp = fp = fn = tn = 0
    for path in pairs:
        res = eval_pairs(path, embed=embed, cache=cache)
        report["pairs"].append(res)
        tp, fp, fn, tn = tp + res["tp"], fp + res["fp"], fn + res["fn"], tn + res["tn"]
    if pairs:
        p, r, f = _prf(tp, fp, fn)
        report["pairs_all"] = {"pairs": tp + fp + fn + tn, "accuracy": round((tp + tn) / max(tp + fp + fn + tn, 1), 4),
                               "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
    for path in clusters:
        for name in [split] if split else ["train", "test", None]:
            report["clusters"].append(eval_clusters(path, split=name, embed=embed, cache=cache))
    return report


def format_report(report: Mapping[str, Any]) -> str:
    """The report of :func:`stories_report` as text lines."""
    lines = []
    rows = [(Path(r["file"]).name, r) for r in report["pairs"]]
    if "pairs_all" in report:
        rows.append(("ALL", report["pairs_all"]))
    for name, res in rows:
        lines.append(f"pairs {name:24} n={res['pairs']:3} acc={res['accuracy']:.3f} "
                     f"P={res['precision']:.3f} R={res['recall']:.3f} F1={res['f1']:.3f}")
    for res in report["clusters"]:
        lines.append(f"bcubed {Path(res['file']).name}[{res['split']}] articles={res['articles']} "
                     f"gold={res['gold_stories']} predicted={res['predicted_stories']} dups={res['duplicates']} "
                     f"P={res['bcubed_precision']:.3f} R={res['bcubed_recall']:.3f} F1={res['bcubed_f1']:.3f}")
    return "\n".join(lines)
