"""Token-level normalisation shared by the actor linker and the KB builder.

Design: every alias in the knowledge base and every token of an article go through
the same :func:`fold`, so matching is a plain dictionary lookup on folded keys:

* ``anyascii`` transliterates every script to ASCII (``Минске`` -> ``minske``,
  ``Lukașenko`` -> ``lukasenko``), then lower-case, then punctuation is dropped;
* a small set of digraph rules merges the usual transliteration variants
  (``sh/sch/sz/ș`` -> ``s``, ``ch/cz/tsch`` -> ``c``, ``zh`` -> ``z``, ``kh`` -> ``h``,
  ``tz`` -> ``c``, ``j/y`` -> ``i``, ``w`` -> ``v``, ``q`` -> ``k``) and doubled
  letters collapse, so ``Zelenskyy/Selenskyj``-style spellings meet on one key where
  they differ only by transliteration convention;
* inflection is handled by per-language ending tables written in the native script
  and folded once: :func:`variants` lists the stems a token may have (``Rusiei`` ->
  ``rusi``, ``rus``), the linker looks them up in an index of alias stems built the
  same way (see ``_kb.py``).

Arabic script (and Hebrew) is *not* transliterated: anyascii drops the short vowels an
abjad does not write, so ``في`` ("in") became ``fi``, the key of "Fiji".  Such tokens keep
their script (:func:`_fold_abjad`): diacritics and tatweel removed, the letter variants
merged (``أ إ آ`` -> ``ا``, ``ة`` -> ``ه``, ``ى``/``ی``/``ئ`` -> ``ي``, ``ک`` -> ``ك``; ``ؤ`` stays:
``المؤدي`` "the performer" must not become ``مودي`` Modi), and the definite
article with the clitics it carries (``ال وال بال فال كال``) removed, on aliases and text alike
(``بالكرملين`` and ``الكرملين`` both fold to ``كرملين``).  The remaining clitics (``و ف ب ل ك``
and ``لل`` = ``ل`` + article) are ambiguous with a word's own first letter (``ليبيا``,
``فرنسا``), so :func:`variants` offers the stripped forms as candidates instead.

Tokens are runs of word characters (hyphens and apostrophes split: ``US-Soldaten`` ->
``US`` ``Soldaten``, ``Türkiye'nin`` -> ``Türkiye`` ``nin``), except dotted
abbreviations (``U.S.``, ``EE.UU.``) which stay one token.
"""

from __future__ import annotations

import re
from functools import cache

from anyascii import anyascii

__all__ = [
    "INFLECTED_LANGS",
    "LATIN_FALLBACK",
    "MIN_STEM",
    "PROCLITIC_LANGS",
    "cstem",
    "ending_langs",
    "endings",
    "fold",
    "fold_all",
    "fold_phrase",
    "is_abjad",
    "token_spans",
    "token_surfaces",
    "tokenize",
    "variants",
]

# Combining marks are part of a word (Arabic tashkeel "عُمان", Hebrew points, Indic vowel
# signs, decomposed Latin accents): ``\w`` alone would split a word at each of them.
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0dff"
TOKEN_RE = re.compile(rf"(?:[^\W\d_]{{1,2}}\.){{2,}}|[\w{_MARKS}]+")
# TOKEN_RE without its abbreviation branch, which needs at least ABBREVIATION_DOTS full stops: text
# with fewer is tokenised the same by this plain word pattern, at half the cost.
_PLAIN_TOKEN_RE = re.compile(rf"[\w{_MARKS}]+")
ABBREVIATION_DOTS = 2
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Doubled consonants and "ii" (from й/ый) collapse; other doubled vowels stay ("Moody" is not "Modi").
_DOUBLE = re.compile(r"([b-df-hj-np-tv-z0-9i])\1+")
# Ordered: longer digraphs first so that "tsch" is not eaten by "sch", "shch" not by "sh".
_DIGRAPHS = (
    ("tsch", "c"), ("shch", "s"), ("sch", "s"), ("sh", "s"), ("zh", "z"), ("ch", "c"),
    ("kh", "h"), ("tz", "c"), ("cz", "c"), ("sz", "s"), ("ph", "f"), ("ck", "k"),
    ("q", "k"), ("x", "ks"), ("j", "i"), ("y", "i"), ("w", "v"),
)
# Abjad scripts folded natively (Arabic, Arabic supplement/presentation forms, Hebrew).
_ABJAD = re.compile("[\u0590-\u06ff\u0750-\u077f\ufb1d-\ufdff\ufe70-\ufeff]")
_ABJAD_DROP = re.compile("[^\u05d0-\u05ea\u0621-\u064a\u066e-\u06d3]+")  # diacritics, tatweel, digits
_ABJAD_MAP = str.maketrans({
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",  # alef variants
    "\u0629": "\u0647",  # ta marbuta -> ha
    "\u0649": "\u064a", "\u06cc": "\u064a", "\u0626": "\u064a",  # alef maqsura, Farsi ye, ye-hamza -> ya
    "\u06a9": "\u0643", "\u06af": "\u063a",  # Farsi kaf; gaf written for /g/ -> ghain (Arabic press usage)
})
# The definite article with the proclitics it can carry (conjunction و/ف, preposition ب/ك):
# removed from Arabic tokens when at least ARTICLE_REST letters remain.
_AR_ARTICLE = re.compile("^[\u0648\u0641]?[\u0628\u0643]?\u0627\u0644")
ARTICLE_REST = 2
# Single-letter proclitics tried by :func:`variants` in Arabic: conjunction (و ف) then
# preposition (ب ل ك); "لل" is ل + article.  Each strip costs 1 like a stripped ending.
_AR_CONJ = "\u0648\u0641"
_AR_PREP = "\u0628\u0644\u0643"
_AR_LAM_LAM = "\u0644\u0644"
# Languages whose words take proclitics (handled by :func:`variants` on the token's start).
PROCLITIC_LANGS = frozenset({"ar"})
# A stem must keep at least this many folded characters: 3 lets "Чада" -> "cad" (Chad)
# meet its key while 2-letter stems would match almost anything.
MIN_STEM = 3
# Memo of folded tokens; news reuses a small vocabulary, so this bounds the anyascii cost.
# 200k entries x ~100 bytes is ~20 MB at most per process; cleared when full.
_FOLD_CACHE_MAX = 200_000
_fold_cache: dict[str, str] = {}

# Case and derivational endings per language, native script (folded once by _endings()).
# Written for newsgraph from standard grammar tables: nominal case endings and the
# adjective endings that attach to nationality stems.  Only used when a token has no
# exact match, and only the stem -> alias-stem intersection counts (see _kb.py).
_RAW_ENDINGS: dict[str, str] = {
    "ru": "а я ы и у ю е ой ей ою ею ом ем ём ью ия ии ию ией ого его ому ему ым им ых их ыми ими "
    "ая яя ое ее ую юю ые ие ов ев ам ям ами ями ах ях ий ый ья ье ьи ью",
    "uk": "а я и і у ю е є ой ей ою єю ом ем ям ію ії ія ій ого його ому йому им ім их іх ими іми "
    "ий ої ую юю ов ів ам ами ями ах ях у ові еві ля лі ею ією",
    "be": "а я ы і у ю е ой ей ом ем ага яго аму яму ым ім ых іх ая ае ую ыя ія аў яў",
    "pl": "a y i ę ą u e o em ie iem ów om ami ach ego emu ym im ych ymi imi ej iej ii ia ię ią iu "
    "owi ą ska skie skiego skiej skim skich skimi cy",
    "cs": "a y i u e ě ou em ech ům ami ách é ý ého ému ým ých ými á ou ií",
    "sk": "a y i u e ou om ov ách ami é ý ého ému ým ých ými á ej",
    "ro": "a ă e i l lui ul ului ei ii ilor lor le ele iei ia ea ua uri urilor ești esc ească ene eni",
    "tr": "li lı lu lü lar ler in ın un ün nin nın nun nün da de ta te dan den tan ten ya ye yi yı "
    "yu yü i ı u ü a e nda nde ndan nden ca ce",
    "hu": "ban ben ba be ból ből nak nek val vel ot et at t on en ön ra re ról ről hoz hez höz i",
    "fi": "n ssa ssä sta stä lla llä lta ltä lle an en in ää ia ta tä",
    "de": "s es e en er em n ns",
    "it": "o a i e",
    "es": "o a os as s es",
    "fr": "e s es",
    "pt": "o a os as s es",
    "en": "s es",
}
# Text in Latin script whose language is unknown (or has no table) is stemmed with the union
# of the Latin-script tables under this pseudo-language: a few more candidate stems per
# token (each one dict lookup; the ending lengths bound the count), no language needed.
LATIN_FALLBACK = "latn"
_LATIN_TABLES = ("pl", "cs", "sk", "ro", "tr", "hu", "fi", "de", "it", "es", "fr", "pt", "en")
_RAW_ENDINGS[LATIN_FALLBACK] = " ".join(_RAW_ENDINGS[k] for k in _LATIN_TABLES)
INFLECTED_LANGS = frozenset(_RAW_ENDINGS)
# Stem alternations (folded): ending -> restored stem end.  Polish -rze/-ce/-dze/-sce and
# Ukrainian -ці/-зі/-сі locatives (ц folds to ts) come from k/g/ch/r stems; Polish plural adjectives -scy/-ccy
# from -ski/-cki (Polscy, słowaccy) and a fleeting e (Niger -> Nigrze/Nigru); East Slavic
# demonym nouns -ець/-ці/-ців (Канадці) leave the country stem (standard grammar tables).
_ALTERNATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "pl": (("rze", "r"), ("sce", "sk"), ("ce", "k"), ("dze", "g"), ("sze", "h"),
           ("sci", "sk"), ("ci", "k"), ("rze", "er"), ("ru", "er")),
    "uk": (("tsi", "k"), ("zi", "g"), ("si", "h"), ("tsi", ""), ("tsiv", ""), ("ets", "")),
    "ru": (("tsi", ""), ("tsev", ""), ("ets", "")),
}
_ALTERNATIONS[LATIN_FALLBACK] = _ALTERNATIONS["pl"]


def is_abjad(text: str) -> bool:
    """True when ``text`` contains Arabic- or Hebrew-script letters (folded natively)."""
    return _ABJAD.search(text) is not None


def _fold_abjad(token: str) -> str:
    s = _ABJAD_DROP.sub("", token)
    m = _AR_ARTICLE.match(s)
    if m and len(s) - m.end() >= ARTICLE_REST:
        s = s[m.end():]
    return s.translate(_ABJAD_MAP)


def _first_group(m: re.Match[str]) -> str:
    return m.group(1)


def _fold_uncached(token: str) -> str:
    if token.isascii():  # most tokens: no abjad letter, no transliteration, usually nothing to drop
        s = token.lower()
        if not s.isalnum():
            s = _NON_ALNUM.sub("", s)
    elif _ABJAD.search(token):
        return _fold_abjad(token)
    else:
        s = _NON_ALNUM.sub("", anyascii(token).lower())
    for old, new in _DIGRAPHS:
        if old in s:
            s = s.replace(old, new)
    # A function, not the template r"\1": Python 3.11 expands a template through Python code on
    # every call (``re._subx``); the function runs only where a doubled letter is found.
    return _DOUBLE.sub(_first_group, s)


def fold(token: str) -> str:
    """The matching key of one token (see the module docstring)."""
    got = _fold_cache.get(token)
    if got is None:
        if len(_fold_cache) >= _FOLD_CACHE_MAX:
            _fold_cache.clear()
        got = _fold_cache[token] = _fold_uncached(token)
    return got


def fold_all(tokens: list[str]) -> list[str]:
    """:func:`fold` of every token (the memo looked up inline: this is the linker's hot loop)."""
    get = _fold_cache.get
    return [get(t) or fold(t) for t in tokens]


def _token_pattern(text: str) -> re.Pattern[str]:
    """TOKEN_RE, or the plain word pattern when no abbreviation can occur (the same tokens, faster)."""
    return TOKEN_RE if text.count(".") >= ABBREVIATION_DOTS else _PLAIN_TOKEN_RE


def token_surfaces(text: str) -> list[str]:
    """The tokens of ``text`` (those :func:`tokenize` finds), as strings."""
    return _token_pattern(text).findall(text)


def token_spans(text: str, surfaces: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each of ``surfaces``, the tokens of ``text`` in order: each is found with
    ``str.find`` from the end of the previous one (the text between two tokens holds no word
    character and a token starts with one, so the first occurrence is the token itself)."""
    out = []
    find = text.find
    pos = 0
    for w in surfaces:
        start = find(w, pos)
        pos = start + len(w)
        out.append((start, pos))
    return out


def tokenize(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the tokens of ``text``."""
    return [m.span() for m in _token_pattern(text).finditer(text)]


def fold_phrase(text: str) -> str:
    """The key of a multi-token alias: folded tokens joined by single spaces."""
    return " ".join(f for f in (fold(text[s:e]) for s, e in tokenize(text)) if f)


@cache
def endings(lang: str) -> dict[int, frozenset[str]]:
    """Folded endings of ``lang`` grouped by length (empty for a language without a table)."""
    by_len: dict[int, set[str]] = {}
    for raw in _RAW_ENDINGS.get(lang, "").split():
        folded = _fold_uncached(raw)
        if folded:
            by_len.setdefault(len(folded), set()).add(folded)
    return {n: frozenset(v) for n, v in sorted(by_len.items(), reverse=True)}


@cache
def _ending_langs_table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for lang in _LATIN_TABLES:
        for ends in endings(lang).values():
            for end in ends:
                table.setdefault(end, set()).add(lang)
        for suffix, _ in _ALTERNATIONS.get(lang, ()):
            table.setdefault(suffix, set()).add(lang)
    return {k: frozenset(v) for k, v in table.items()}


def ending_langs(ending: str) -> frozenset[str]:
    """The Latin-script languages whose table lists the folded ``ending`` ("" -> every one):
    under :data:`LATIN_FALLBACK` a stem match counts only for an alias of such a language."""
    if not ending:
        return frozenset(_LATIN_TABLES)
    return _ending_langs_table().get(ending, frozenset())


def variants(token: str, lang: str) -> list[tuple[str, int]]:
    """Stems of a folded token, longest first, with the length of the stripped ending.

    The token itself comes first with 0.  Stems shorter than :data:`MIN_STEM` are not listed.
    Consonant alternations of the locative (pl ``Polsce`` -> ``Polsk-a``, ``Ankarze`` ->
    ``Ankar-a``; uk ``Америці`` -> ``Америк-а``) add the restored stem.
    """
    out = [(token, 0)]
    if lang in PROCLITIC_LANGS:
        return out + _proclitic_variants(token)
    n = len(token)
    for k, ends in reversed(endings(lang).items()):  # shortest ending first -> longest stem first
        if n - k >= MIN_STEM and token[-k:] in ends:
            out.append((token[:-k], k))
    for suffix, restored in _ALTERNATIONS.get(lang, ()):
        if token.endswith(suffix) and n - len(suffix) + len(restored) >= MIN_STEM:
            out.append((token[: n - len(suffix)] + restored, len(suffix)))
    return out


def _proclitic_variants(token: str) -> list[tuple[str, int]]:
    """Arabic: the token without a conjunction and/or preposition prefix (``وبوتين`` -> ``بوتين``,
    ``لموسكو`` -> ``موسكو``, ``للبنان`` -> ``لبنان``; ``لل`` + word = ``ل`` + article + word)."""
    out: list[tuple[str, int]] = []
    rest = token
    if rest[:1] and rest[0] in _AR_CONJ and len(rest) > MIN_STEM:
        rest = rest[1:]
        out.append((rest, 1))
    if rest.startswith(_AR_LAM_LAM) and len(rest) - 2 >= MIN_STEM:
        out.append((_fold_abjad(rest[2:]), 2))
    if rest[:1] and rest[0] in _AR_PREP and len(rest) > MIN_STEM:
        out.append((rest[1:], len(token) - len(rest) + 1))
    return out


def _cstem_uncached(token: str, lang: str) -> str:
    n = len(token)
    for k, ends in endings(lang).items():
        if n - k >= MIN_STEM and token[-k:] in ends:
            return token[:-k]
    return token


_cstem_cache: dict[tuple[str, str], str] = {}


def cstem(token: str, lang: str) -> str:
    """The canonical stem: strip the longest listed ending that leaves :data:`MIN_STEM` chars."""
    got = _cstem_cache.get((token, lang))
    if got is None:
        if len(_cstem_cache) >= _FOLD_CACHE_MAX:
            _cstem_cache.clear()
        got = _cstem_cache[token, lang] = _cstem_uncached(token, lang)
    return got
