"""A digest of everything the extraction stages produce, to show that a speed change changes no output.

usage: python bench/output_digest.py [--fast] [--articles N] [--shared ../shared] [--out ROWS.jsonl]

Runs the stages in this process over the ``scripts/bench_events.py`` articles and over every
document of every gold file under ``eval/`` (and ``../shared/data/dev`` when present), then prints
one SHA-256 per part over the store columns of :func:`newsgraph.store.doc_rows` (articles,
sentences, mentions, events, evidence).  Two engines give the same output exactly when their
digests are equal; ``--out`` writes the rows, one JSON line per document, to diff where they differ.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _doc_lines(docs: list[Any]) -> list[str]:
    from newsgraph.store import doc_rows

    lines = []
    for doc in docs:
        rows = doc_rows([doc])
        lines.append(json.dumps(rows, ensure_ascii=False, sort_keys=True, default=str))
    return lines


def main() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import bench_events  # a script beside this one's folder, imported once its folder is on the path
    from newsgraph import pipeline
    from newsgraph.errors import EvalError
    from newsgraph.evaluate import load_jsonl
    from newsgraph.ingest import from_record
    from newsgraph.options import Options

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    options = Options(fast=args.fast, workers=1, stories=False)
    parts: dict[str, list[str]] = {}
    if (args.shared / "data" / "train").is_dir():
        bench = bench_events.articles(args.shared, args.articles)
        parts["bench"] = _doc_lines(pipeline.process_articles(bench, options))
    gold_files = sorted((ROOT / "eval").rglob("*.jsonl"))
    if (args.shared / "data" / "dev").is_dir():
        gold_files += sorted((args.shared / "data" / "dev").glob("*.jsonl"))
    gold_lines: list[str] = []
    for path in gold_files:
        try:
            records = load_jsonl(path)
        except EvalError:  # a JSONL file under eval/ that is not a gold file is not part of the digest
            continue
        arts = []
        for rec in records:
            if "text" not in rec:
                continue
            arts.append(from_record({k: v for k, v in rec.items() if k not in ("actors", "events")},
                                    f"{path.name}:{rec['id']}"))
        gold_lines += _doc_lines(pipeline.process_articles(arts, options))
    parts["gold"] = gold_lines
    out: dict[str, Any] = {"mode": "fast" if args.fast else "default"}
    for name, lines in parts.items():
        out[name] = {"documents": len(lines), "sha256": hashlib.sha256("\n".join(lines).encode()).hexdigest()}
    if args.out:
        args.out.write_text("\n".join(line for lines in parts.values() for line in lines) + "\n", encoding="utf-8")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
