from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsgraph.errors import EvalError
from newsgraph.evaluate import load_jsonl, score

GOLD = [
    {"id": "1", "lang": "en", "text": "t", "actors": ["ARM", "BLR"],
     "events": [{"type": "AGREE", "mode": None, "source": "ARM", "target": "BLR"},
                {"type": "AGREE", "mode": None, "source": "BLR", "target": "ARM"}]},
    {"id": "2", "lang": "ro", "text": "t", "events": [{"type": "ASSAULT", "mode": None}]},  # type-only
    {"id": "3", "lang": "ro", "text": "t", "scope": ["SANCTION"],
     "events": [{"type": "SANCTION", "mode": None, "source": "EU", "target": "BLR"}]},
    {"id": "4", "lang": "en", "text": "t", "actors": [], "events": []},
]


def _perturb(gold: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    """Predictions that are right, wrong and missing in a seeded mix."""
    rng = random.Random(seed)
    codes = ["USA", "RUS", "BLR", "ARM", None, "EU"]
    types = ["AGREE", "ASSAULT", "REJECT", "SANCTION", "CONSULT"]
    preds = []
    for g in gold:
        if rng.random() < 0.1:
            continue  # missing prediction
        evs = []
        for e in g.get("events") or []:
            r = rng.random()
            if r < 0.5:
                evs.append({"type": e["type"], "source": e.get("source"), "target": e.get("target")})
            elif r < 0.7:
                evs.append({"type": e["type"], "source": e.get("target"), "target": e.get("source")})
        for _ in range(rng.randrange(2)):
            evs.append({"type": rng.choice(types), "source": rng.choice(codes), "target": rng.choice(codes)})
        actors = list(g.get("actors") or [])
        if actors and rng.random() < 0.3:
            actors.pop()
        if rng.random() < 0.3:
            actors.append(rng.choice([c for c in codes if c]))
        preds.append({"id": g["id"], "events": evs, "actors": actors})
    return preds


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_evaluate_score_handles_scope_and_type_only() -> None:
    preds = [
        {"id": "1", "events": [{"type": "AGREE", "source": "ARM", "target": "BLR"}], "actors": ["ARM"]},
        {"id": "2", "events": [{"type": "ASSAULT", "source": "RUS", "target": "UKR"}]},
        {"id": "3", "events": [{"type": "SANCTION", "source": "EU", "target": "BLR"},
                               {"type": "ASSAULT", "source": "X", "target": "Y"}]},
    ]
    res = score(GOLD, preds)
    assert res["missing_predictions"] == 1
    allm = res["metrics"]["all"]
    assert allm["types"]["tp"] == 3 and allm["types"]["fp"] == 0  # scope drops the ASSAULT in doc 3
    assert (allm["triples"]["tp"], allm["triples"]["fn"]) == (1, 1)  # docs 2 and 3 are not triple-scored
    assert allm["dyads"]["precision"] == 1.0
    assert (allm["actors"]["tp"], allm["actors"]["fn"]) == (1, 1)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_evaluate_score_equals_reference_scorer(shared_dir: Path, tmp_path: Path, seed: int) -> None:
    gold_path = shared_dir / "data" / "dev" / "plover_gold_en.jsonl"
    gold = load_jsonl(gold_path)
    preds = _perturb(gold, seed)
    pred_path = _write(tmp_path / "pred.jsonl", preds)
    ref = subprocess.run(
        [sys.executable, str(shared_dir / "eval" / "score.py"), str(gold_path), str(pred_path), "--json"],
        capture_output=True, text=True, check=True,
    )
    assert score(gold, preds) == json.loads(ref.stdout)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a", "text": "x"}\n{broken\n', ":2: invalid JSON"),
        ('{"text": "no id"}\n', ":1: each line must be an object with an 'id'"),
        ('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', "duplicate id"),
    ],
)
def test_evaluate_load_jsonl_names_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvalError, match=message):
        load_jsonl(path)
