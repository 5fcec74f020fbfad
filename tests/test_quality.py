"""The gold-set gate: each stage's quality floor, measured on the labelled sets.

These are the acceptance thresholds of the issues, checked on every CI run so a
change that makes extraction worse fails loudly.  The sets live in ``eval/``
(written for the project) and ``../shared/data`` (skipped when absent).
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from newsgraph.evaluate import run_eval
from newsgraph.options import Options

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "eval"

# Acceptance thresholds (issue texts).
BOILERPLATE_MIN_PRECISION = 0.95
BOILERPLATE_MIN_RECALL = 0.85
LANGID_MIN_ACCURACY = 0.98
ACTORS_MIN_F1_OVERALL = 0.95
ACTORS_MIN_F1_PER_LANGUAGE = 0.90
FLAGS_MIN_ACCURACY = 0.85


def _script_json(*args: str) -> Any:
    res = subprocess.run([sys.executable, *args], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(res.stdout)


def test_quality_boilerplate_precision_and_recall() -> None:
    res = _script_json("scripts/eval_text.py", "boilerplate")
    assert res["languages"] >= 6 and res["lines"] >= 300
    assert res["overall"]["precision"] >= BOILERPLATE_MIN_PRECISION
    assert res["overall"]["recall"] >= BOILERPLATE_MIN_RECALL


def test_quality_language_id_accuracy() -> None:
    res = _script_json("scripts/eval_text.py", "langid")["project_set"]
    assert res["texts"] >= 300 and res["languages"] >= 10
    assert res["accuracy"] >= LANGID_MIN_ACCURACY


def test_quality_flags_accuracy() -> None:
    res = _script_json("scripts/eval_flags.py")["flags"]
    assert res["n"] >= 60
    assert res["exact_accuracy"] >= FLAGS_MIN_ACCURACY


@cache
def _actor_eval() -> dict[str, Any]:
    """Actor-set metrics of the whole pipeline (language detected, not given) per language."""
    out: dict[str, Any] = {}
    tp = fp = fn = 0
    for path in sorted((EVAL / "actors").glob("actors_*.jsonl")):
        m = run_eval(path, Options.create(fast=True, stories=False)).result["metrics"]["all"]["actors"]
        out[path.stem.split("_", 1)[1]] = m["f1"]
        tp, fp, fn = tp + m["tp"], fp + m["fp"], fn + m["fn"]
    out["all"] = 2 * tp / (2 * tp + fp + fn)
    return out


def test_quality_actor_sets_overall() -> None:
    res = _actor_eval()
    assert len(res) - 1 >= 8
    assert res["all"] >= ACTORS_MIN_F1_OVERALL


@pytest.mark.parametrize("lang", ["en", "it", "ro", "ru", "uk", "pl", "es", "fr", "de", "tr"])
def test_quality_actor_sets_per_language(lang: str) -> None:
    assert _actor_eval()[lang] >= ACTORS_MIN_F1_PER_LANGUAGE


# Events (issue 4).  Acceptance 2: every language's type F1 within 0.10 of English on the project's
# multilingual set.  The own held-out English wire-lead set has a regression floor a little under its
# measured --fast figures (types 0.769, triples 0.648; EVALUATION.md).
EVENTS_MAX_TYPE_GAP = 0.10
EVENTS_LONG_MIN_TYPES = 0.72
EVENTS_LONG_MIN_TRIPLES = 0.60


@cache
def _event_types() -> dict[str, float]:
    out = {}
    for path in sorted((EVAL / "events").glob("events_*.jsonl")):
        m = run_eval(path, Options.create(fast=True, stories=False)).result["metrics"]["all"]
        out[path.stem.split("_", 1)[1]] = m["types"]["f1"]
    return out


@pytest.mark.parametrize("lang", ["it", "ro", "ru", "uk", "pl", "es", "fr", "de", "tr", "ar"])
def test_quality_event_types_close_to_english(lang: str) -> None:
    res = _event_types()
    assert res[lang] >= res["en"] - EVENTS_MAX_TYPE_GAP


def test_quality_events_wire_leads_floor() -> None:
    path = EVAL / "events_cameo_long" / "cameo_long_en_test.jsonl"
    m = run_eval(path, Options.create(fast=True, stories=False)).result["metrics"]["all"]
    assert m["types"]["f1"] >= EVENTS_LONG_MIN_TYPES
    assert m["triples"]["f1"] >= EVENTS_LONG_MIN_TRIPLES
