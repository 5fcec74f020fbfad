"""Regenerate ``src/newsgraph/data/plover/ontology.json`` from ``../shared/data/plover``.

usage: python scripts/build_ontology.py [--shared ../shared]

Inputs (facts only, no text is copied):
- ``plover_types_modes_scores.tsv``: the 16 PLOVER 2.0 types, their modes and scores, quad class;
- ``CAMEO2PLOVER-2021.txt``: CAMEO code -> PLOVER type/mode, used to pick each type's and mode's
  CAMEO root (the most frequent two-digit root among the codes mapped to it).

Decisions (documented in ``src/newsgraph/data/plover/README.md``):
- ACCUSE's printed base score (+3, "sic") is replaced by the mean of its mode scores;
- PROTEST/vandalize has no score: it takes the PROTEST base score;
- SANCTION is MATERIAL_CONFLICT (its own manual section and GDELT's quad class of CAMEO root 16);
- modes renamed in 2.0 (assassinate, massacre -> targeted; ban -> restrict) keep their CAMEO roots.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsgraph" / "data" / "plover" / "ontology.json"
QUAD_CODES = {"VERBAL_COOPERATION": 1, "MATERIAL_COOPERATION": 2, "VERBAL_CONFLICT": 3, "MATERIAL_CONFLICT": 4}
MODE_RENAMES = {"assassinate": "targeted", "massacre": "targeted", "ban": "restrict", "political": "restrict"}


def _score(text: str) -> float | None:
    match = re.match(r"\s*(-?\d+(?:\.\d+)?)", text)
    return float(match.group(1)) if match else None


def build(shared: Path) -> dict[str, object]:
    plover = shared / "data" / "plover"
    types: dict[str, dict[str, object]] = {}
    for line in (plover / "plover_types_modes_scores.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = (line.split("\t") + [""] * 5)[:5]
        etype, mode, score, quad = cols[0].strip(), cols[1].strip(), cols[2], cols[3]
        if not etype:
            continue
        entry = types.setdefault(etype, {"base_score": None, "quad": None, "modes": {}})
        if not mode:
            entry["base_score"] = _score(score)
            entry["quad"] = quad.split()[0] if quad.strip() else None
        else:
            entry["modes"][mode] = _score(score)  # type: ignore[index]
    # manual inconsistencies, resolved as documented above
    accuse_modes = [v for v in types["ACCUSE"]["modes"].values() if v is not None]  # type: ignore[union-attr]
    types["ACCUSE"]["base_score"] = round(sum(accuse_modes) / len(accuse_modes), 2)
    types["SANCTION"]["quad"] = "MATERIAL_CONFLICT"
    for entry in types.values():
        modes: dict[str, float | None] = entry["modes"]  # type: ignore[assignment]
        for mode, value in modes.items():
            if value is None:
                modes[mode] = entry["base_score"]  # type: ignore[assignment]

    roots: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for line in (plover / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,#]*)", line)
        if not match:
            continue
        code, etype, mode = match.group(1), match.group(2), match.group(3).strip().lower()
        mode = MODE_RENAMES.get(mode, mode)
        roots[(etype, "")][code[:2]] += 1
        if mode:
            roots[(etype, mode)][code[:2]] += 1

    out_types = {}
    for etype, entry in types.items():
        type_root = roots[(etype, "")].most_common(1)[0][0]
        modes = entry["modes"]  # type: ignore[assignment]
        out_types[etype] = {
            "base_score": entry["base_score"],
            "quad": entry["quad"],
            "quad_class": QUAD_CODES[str(entry["quad"])],
            "cameo_root": type_root,
            "modes": {
                mode: {
                    "score": score,
                    "cameo_root": (roots[(etype, mode)].most_common(1)[0][0]
                                   if roots.get((etype, mode)) else type_root),
                }
                for mode, score in modes.items()  # type: ignore[attr-defined]
            },
        }
    return {"source": "shared/data/plover (PLOVER 2.0 manual tables, CAMEO2PLOVER-2021)",
            "licence": "CC BY-SA 4.0 (Open Event Data Alliance)", "types": out_types}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    data = build(args.shared)
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(data['types'])} types)")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
