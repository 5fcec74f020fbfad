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
    "MIN_STEM",
    "cstem",
    "endings",
    "fold",
    "fold_all",
    "fold_phrase",
    "tokenize",
    "variants",
]

TOKEN_RE = re.compile(r"(?:[^\W\d_]{1,2}\.){2,}|\w+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Doubled consonants and "ii" (from й/ый) collapse; other doubled vowels stay ("Moody" is not "Modi").
_DOUBLE = re.compile(r"([b-df-hj-np-tv-z0-9i])\1+")
# Ordered: longer digraphs first so that "tsch" is not eaten by "sch", "shch" not by "sh".
_DIGRAPHS = (
    ("tsch", "c"), ("shch", "s"), ("sch", "s"), ("sh", "s"), ("zh", "z"), ("ch", "c"),
    ("kh", "h"), ("tz", "c"), ("cz", "c"), ("sz", "s"), ("ph", "f"), ("ck", "k"),
    ("q", "k"), ("x", "ks"), ("j", "i"), ("y", "i"), ("w", "v"),
)
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
    "ий ої ую юю ов ів ам ами ями ах ях у ові еві ля лі",
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
INFLECTED_LANGS = frozenset(_RAW_ENDINGS)
# Locative consonant alternations (folded): ending -> stem consonant.  Polish -rze/-ce/-dze/
# -sce/-le(ł) and Ukrainian -ці/-зі/-сі come from k/g/ch/r stems (standard grammar tables).
_ALTERNATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "pl": (("rze", "r"), ("sce", "sk"), ("ce", "k"), ("dze", "g"), ("sze", "h")),
    "uk": (("ci", "k"), ("zi", "g"), ("si", "h")),
}


def _fold_uncached(token: str) -> str:
    s = token.lower() if token.isascii() else anyascii(token).lower()
    s = _NON_ALNUM.sub("", s)
    for old, new in _DIGRAPHS:
        if old in s:
            s = s.replace(old, new)
    return _DOUBLE.sub(r"\1", s)


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


def tokenize(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the tokens of ``text``."""
    return [m.span() for m in TOKEN_RE.finditer(text)]


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


def variants(token: str, lang: str) -> list[tuple[str, int]]:
    """Stems of a folded token, longest first, with the length of the stripped ending.

    The token itself comes first with 0.  Stems shorter than :data:`MIN_STEM` are not listed.
    Consonant alternations of the locative (pl ``Polsce`` -> ``Polsk-a``, ``Ankarze`` ->
    ``Ankar-a``; uk ``Америці`` -> ``Америк-а``) add the restored stem.
    """
    out = [(token, 0)]
    n = len(token)
    for k, ends in reversed(endings(lang).items()):  # shortest ending first -> longest stem first
        if n - k >= MIN_STEM and token[-k:] in ends:
            out.append((token[:-k], k))
    for suffix, restored in _ALTERNATIONS.get(lang, ()):
        if token.endswith(suffix) and n - len(suffix) + len(restored) >= MIN_STEM:
            out.append((token[: n - len(suffix)] + restored, len(suffix)))
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
