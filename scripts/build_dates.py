"""Regenerate ``src/newsgraph/data/dates/calendar.json`` from CLDR (via babel).

For each supported language: the 12 month names (format and stand-alone wide
forms, e.g. Polish "marca"/"marzec"), their abbreviations (only ever used next
to a day number) and the 7 weekday names (Monday first).  Inflected forms CLDR
does not list (Russian "в марте", Polish "w marcu", accusative weekdays) are
hand-written in ``data/dates/<lang>.tsv`` and merged at load time.

Usage: python scripts/build_dates.py
"""

from __future__ import annotations

import json
from pathlib import Path

from babel.dates import get_day_names, get_month_names

LANGS = ("en", "it", "ro", "ru", "uk", "pl", "es", "fr", "de", "tr", "ar")
OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data" / "dates" / "calendar.json"
MIN_ABBR = 3  # shorter abbreviations ("ma") are too ambiguous even next to a number


def _clean(name: str) -> str:
    return name.rstrip(".").replace("ʼ", "'").strip()


def build() -> dict[str, dict[str, list[list[str]]]]:
    out: dict[str, dict[str, list[list[str]]]] = {}
    for lang in LANGS:
        months: list[list[str]] = []
        abbr: list[list[str]] = []
        for m in range(1, 13):
            forms = {_clean(get_month_names("wide", ctx, lang)[m]) for ctx in ("format", "stand-alone")}
            months.append(sorted(forms))
            short = {_clean(get_month_names("abbreviated", ctx, lang)[m]) for ctx in ("format", "stand-alone")}
            abbr.append(sorted(a for a in short - forms if len(a) >= MIN_ABBR))
        weekdays: list[list[str]] = []
        for d in range(7):  # babel: 0 = Monday
            forms = {_clean(get_day_names("wide", ctx, lang)[d]) for ctx in ("format", "stand-alone")}
            weekdays.append(sorted(forms))
        out[lang] = {"months": months, "months_abbr": abbr, "weekdays": weekdays}
    return out


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
