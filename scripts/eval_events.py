"""Score event extraction on a FORMAT.md gold file (types, triples, dyads, actors; per language).

usage: python scripts/eval_events.py GOLD.jsonl [--fast] [--predictions OUT.jsonl] [--limit N]

Runs clean-text -> sentences -> actors -> events on each record's text (``lang`` in the gold is not
used; the language stage detects it when available) and scores with the same rules as
shared/eval/score.py.  When ``newsgraph.actors`` / ``newsgraph.sentences`` are not importable yet,
a trivial development stand-in is used (regex sentence split, country-name matcher from pycountry);
the JSON output says which (``"linker"``).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import importlib.util
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from newsgraph import events
from newsgraph.records import Article, Doc, Mention, Sentence


def _have(name: str) -> bool:
    return importlib.util.find_spec(f"newsgraph.{name}") is not None


def _fallback_names() -> list[tuple[re.Pattern[str], str]]:
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names[value] = c.alpha_3
    extra = {"United States": "USA", "U.S.": "USA", "US": "USA", "Russia": "RUS", "Iran": "IRN",
             "Syria": "SYR", "North Korea": "PRK", "South Korea": "KOR", "Britain": "GBR", "UN": "UN",
             "United Nations": "UN", "NATO": "NATO", "European Union": "EU", "EU": "EU"}
    names.update(extra)
    return [(re.compile(rf"\b{re.escape(n)}\b"), code) for n, code in sorted(names.items(), key=lambda x: -len(x[0]))]


def _fallback_doc(art: Article) -> Doc:
    sents = []
    for i, m in enumerate(re.finditer(r"[^.!?]+[.!?]*", art.text)):
        sents.append(Sentence(art.id, i, m.start(), m.end(), m.group(0), "en"))
    mentions = []
    taken: list[tuple[int, int]] = []
    for pat, code in _fallback_names():
        for m in pat.finditer(art.text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            idx = next(s.index for s in sents if s.start <= m.start() < s.end)
            mentions.append(Mention(art.id, idx, m.start(), m.end(), m.group(0), code, "name"))
    mentions.sort(key=lambda x: x.start)
    return Doc(art, tuple(sents), tuple(mentions))


def _pipeline_doc(art: Article) -> Doc:
    from newsgraph import actors, sentences

    doc = Doc(art)
    if _have("language"):
        from newsgraph import language

        doc = language.detect_doc(doc)
    doc = sentences.split_doc(doc)
    return actors.link_doc(doc, actors.load_kb())


def _prf(c: collections.Counter[str]) -> dict[str, float]:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--predictions", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--fallback", action="store_true", help="force the development stand-in linker")
    args = parser.parse_args()
    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.limit:
        records = records[: args.limit]
    use_pipeline = not args.fallback and _have("actors") and _have("sentences")
    model = events.load_model(args.fast)
    counts: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    preds = []
    started = time.perf_counter()
    for rec in records:
        date = dt.date.fromisoformat(rec["date"]) if rec.get("date") else None
        text = rec["text"] if not rec.get("title") else f"{rec['title']}\n\n{rec['text']}"
        art = Article(id=str(rec["id"]), path=str(args.gold), raw_text=text, text=text, date=date,
                      lang=None if use_pipeline else "en")
        doc = _pipeline_doc(art) if use_pipeline else _fallback_doc(art)
        doc = events.extract_doc(doc, model)
        pev = [{"type": e.type, "mode": e.mode, "source": e.source, "target": e.target} for e in doc.events
               if not e.negated]  # as newsgraph.evaluate (EXCLUDED_FLAGS)
        pactors = sorted({m.code for m in doc.mentions if m.code})
        preds.append({"id": rec["id"], "lang": doc.article.lang, "actors": pactors, "events": pev})
        lang = rec.get("lang", "?")
        scope = set(rec.get("scope") or [])
        pev = [e for e in pev if not scope or e["type"] in scope]

        def tally(metric: str, gs: set[Any], ps: set[Any], lang: str = lang) -> None:
            for key in (lang, "all"):
                c = counts[(key, metric)]
                c["tp"] += len(gs & ps)
                c["fp"] += len(ps - gs)
                c["fn"] += len(gs - ps)

        if "events" in rec:
            gev = [e for e in rec["events"] if not scope or e["type"] in scope]
            tally("types", {e["type"] for e in gev}, {e["type"] for e in pev})
            if not scope and all("source" in e or "target" in e for e in gev):
                tally("triples", {(e.get("source"), e["type"], e.get("target")) for e in gev},
                      {(e["source"], e["type"], e["target"]) for e in pev})

                def dy(evs: list[dict[str, Any]]) -> set[frozenset[Any]]:
                    return {frozenset((e.get("source"), e.get("target"))) for e in evs
                            if e.get("source") and e.get("target") and e.get("source") != e.get("target")}

                tally("dyads", dy(gev), dy(pev))
        if "actors" in rec:
            tally("actors", set(rec["actors"]), set(pactors))
    elapsed = time.perf_counter() - started
    out: dict[str, Any] = {"documents": len(records), "mode": "fast" if args.fast else "default",
                           "linker": "pipeline" if use_pipeline else "fallback",
                           "seconds_per_document": round(elapsed / max(1, len(records)), 5), "metrics": {}}
    for (lang, metric), c in sorted(counts.items()):
        out["metrics"].setdefault(lang, {})[metric] = _prf(c)
    if args.predictions:
        args.predictions.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds),
                                    encoding="utf-8")
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
