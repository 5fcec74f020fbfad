"""Shared builder of the hand-written CAMEO-style event sets (eval/events_cameo, eval/events_cameo_long).

Each set's ``src/*.txt`` holds lines ``CODE | sentence | events``:
  events: ';'-separated; each ``[TYPE][/mode]:SRC>TGT`` or ``SRC<>TGT`` (both directions);
  TYPE and mode default to the CAMEO code's row of CAMEO2PLOVER-2021.txt (with the PLOVER 2.0 mode
  renamings below); '-' = null actor; '/-' = mode null; an empty events field = "events": []
  (CODE 000 = no-event sentence).
Each set's ``src/build.py`` decides which line goes to dev and which to test and calls :func:`build`.
"""

from __future__ import annotations

import collections
import json
import re
from collections.abc import Callable
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "plover"
# CAMEO 2021 mode names that PLOVER 2.0 renamed or dropped (shared/data/dev/README.md)
RENAMED = {("ASSAULT", "assassinate"): "targeted", ("COERCE", "ban"): "restrict",
           ("THREATEN", "ban"): "restrict", ("THREATEN", "political"): "restrict",
           ("ASSAULT", "seize"): "destroy", ("ASSAULT", "pro_autocracy"): None}
VERBAL_WITHOUT_MODES = ("AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID")
Row = tuple[str, str, list[dict[str, str | None]], str]  # code, text, events, source file name


def cameo_map(shared: Path = SHARED) -> dict[str, list[str | None]]:
    """CAMEO code -> [PLOVER type, default 2.0 mode]."""
    table: dict[str, list[str | None]] = {}
    for line in (shared / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,]*),", line)
        if m:
            table[m.group(1)] = [m.group(2), m.group(3).strip() or None]
    valid = valid_modes(shared)
    for row in table.values():
        mode = RENAMED.get((str(row[0]), str(row[1])), row[1])
        row[1] = mode if mode is not None and mode in valid.get(str(row[0]), ()) else None
    table["195"][1] = "aerial"  # 2.0 has a mode for aircraft
    table["000"] = [None, None]
    return table


def valid_modes(shared: Path = SHARED) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in (shared / "plover_types_modes_scores.tsv").read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if f[0] != "event" and len(f) > 1 and f[1]:
            out.setdefault(f[0], set()).add(f[1])
    return out


def _code(a: str) -> str | None:
    a = a.strip()
    return None if a in ("-", "null", "") else a


def parse_events(table: dict[str, list[str | None]], valid: dict[str, set[str]], c: str,
                 spec: str) -> list[dict[str, str | None]]:
    t0, m0 = table[c]
    out: list[dict[str, str | None]] = []
    for part in [p.strip() for p in spec.split(";") if p.strip()]:
        t, m = t0, m0
        if ":" in part:
            head, part = part.split(":", 1)
            if "/" in head:
                th, mh = head.split("/", 1)
                m = None if mh in ("-", "") else mh
                t = th or t
            elif head:
                t = head
                if head != t0:
                    m = None
        if "<>" in part:
            a, b = part.split("<>")
            pairs = [(_code(a), _code(b)), (_code(b), _code(a))]
        else:
            a, b = part.split(">")
            pairs = [(_code(a), _code(b))]
        for s, g in pairs:
            assert t in valid or t in VERBAL_WITHOUT_MODES, (c, part, t)
            assert m is None or m in valid.get(str(t), ()), (c, part, t, m)
            ev = {"type": t, "mode": m, "source": s, "target": g}
            if ev not in out:
                out.append(ev)
    return out


def read_rows(src: Path, table: dict[str, list[str | None]], valid: dict[str, set[str]]) -> list[Row]:
    rows: list[Row] = []
    for path in sorted(src.glob("*.txt")):
        for ln, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            f = [x.strip() for x in line.split("|")]
            assert len(f) == 3 and f[0] in table, (path.name, ln, line)
            rows.append((f[0], f[1], parse_events(table, valid, f[0], f[2]), path.name))
    return rows


def build(src: Path, split: Callable[[list[Row]], tuple[list[Row], list[Row]]],
          outputs: tuple[tuple[str, str], tuple[str, str]]) -> tuple[list[Row], list[Row]]:
    """Read ``src``, split the rows into (dev, test) and write them as ``outputs`` ((file, id prefix) each)."""
    table = cameo_map()
    rows = read_rows(src, table, valid_modes())
    dev, test = split(rows)
    for (name, prefix), rs in zip(outputs, (dev, test), strict=True):
        with open(src.parent / name, "w", encoding="utf-8") as out:
            for i, (_, text, evs, _) in enumerate(rs):
                out.write(json.dumps({"id": f"{prefix}{i:03d}", "lang": "en", "text": text, "events": evs},
                                     ensure_ascii=False) + "\n")
    codes = [c for c in table if c != "000"]
    have = collections.Counter(r[0] for r in rows)
    print("codes", len(codes), "covered", sum(1 for c in codes if have[c] >= 1),
          "with2", sum(1 for c in codes if have[c] >= 2))
    for name, rs in (("dev", dev), ("test", test)):
        tc = collections.Counter(e["type"] for _, _, evs, _ in rs for e in evs)
        print(name, len(rs), "sentences", sum(tc.values()), "events", "no-event", sum(1 for r in rs if not r[2]),
              dict(sorted(tc.items())))
    return dev, test


def split_by_file(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """Lines of ``src/t_*.txt`` are the test split, every other file's lines the dev split."""
    dev = [r for r in rows if not r[3].startswith("t_")]
    test = [r for r in rows if r[3].startswith("t_")]
    return dev, test


def report_lengths(dev: list[Row], test: list[Row], min_words: int, max_words: int) -> None:
    """Mean sentence length per split and the sentences outside ``min_words..max_words``."""
    for name, rs in (("dev", dev), ("test", test)):
        words = [len(r[1].split()) for r in rs]
        bad = [(r[0], n) for r, n in zip(rs, words, strict=True) if not min_words <= n <= max_words]
        print(name, "mean words %.1f" % (sum(words) / max(1, len(words))), "out of range:", bad)

