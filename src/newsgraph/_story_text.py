"""Language-independent text evidence for :mod:`newsgraph.stories`.

* :func:`numbers` — the quantities an article states ("150", "4,2 млрд", "2.000",
  "60 %"), normalised so that the same figure written with different decimal and
  thousands separators compares equal across languages.
* :func:`lead_of` — the first sentences of a text, for callers that have no
  sentence split (the shared pair files).
* :func:`names` — capitalised words not at a sentence start (proper-noun candidates),
  transliterated with anyascii, lower-cased and cut to :data:`NAME_PREFIX` characters so
  that inflected forms ("Омской" / "Омская") compare equal within a language.
* :func:`dates` — day-of-month mentions ("8 ноября", "March 3", "3 mars") as
  ``"month-day"`` keys, so that two articles naming different days can be told apart.
* :func:`hashed_vector` — the no-embedding (``--fast``) stand-in for a sentence
  embedding: an L2-normalised, sign-hashed bag of character 4-grams of the ASCII
  transliteration, so names still match across scripts ("Харків" / "Kharkiv").
"""

from __future__ import annotations

import functools
import re
import zlib

import numpy as np
from anyascii import anyascii

__all__ = ["FAST_DIM", "dates", "hashed_vector", "lead_of", "names", "numbers"]

FAST_DIM = 384  # same width as the e5 vectors, so story_state's FLOAT[384] holds either
_NGRAM = 4  # character n-gram of the fast vectoriser: 4 spans most name stems
# Grouped thousands ("2,000", "1.100", "10 000") or a plain/decimal number ("4,2").
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+|\d+(?:[.,]\d+)?)(?![\w]|[.,]\d)")
# Plain numbers that look like years carry little story identity (dates are compared on
# their own), so they are dropped from the evidence.
_YEAR_MIN, _YEAR_MAX = 1900, 2100
# 0 and 1 are too common to count; dropping 2-9 as well lost train pair F1 (0.922 -> 0.904)
MIN_NUMBER = 2
_SENTENCE_END = re.compile(r"(?<=[.!?…»\"”])\s+(?=[\"«“(\[]?[A-ZА-ЯЁІЇЄҐ0-9])")


# Proper-noun candidates: a capitalised word of 3+ letters whose preceding character is
# not a sentence end (so sentence-initial words are skipped); quotes/brackets allowed.
_NAME = re.compile(r"(?<=[^\s.!?:…«\"“(\[])\s+[\"«“(]?([A-ZА-ЯЁІЇЄҐ][\w-]{2,})")
# Characters of the transliterated name kept: 5 covers Russian/Ukrainian case endings
# ("Амурской" / "Амурская" -> "amurs") while keeping distinct names distinct.
NAME_PREFIX = 5
# Month words (en, ru, uk, fr, es, it, de, pl, ro, tr) by month number; matched as whole
# words after a day number ("8 ноября", "3 mars") or, in English, before it ("March 3").
_MONTHS: dict[int, str] = {
    1: r"jan(?:uary|\.)?|январ[ьяе]|січ(?:ня|ень)|janvier|enero|gennaio|januar|stycznia|ianuarie|ocak",
    2: r"feb(?:ruary|\.)?|феврал[ьяе]|лют(?:ого|ий)|février|febrero|febbraio|februar|lutego|februarie|şubat",
    3: r"mar(?:ch|\.)?|марта?|берез(?:ня|ень)|mars|marzo|märz|marca|martie|mart",
    4: r"apr(?:il|\.)?|апрел[ьяе]|квіт(?:ня|ень)|avril|abril|aprile|kwietnia|aprilie|nisan",
    5: r"may|ма[яей]|трав(?:ня|ень)|mai|mayo|maggio|maja|mayıs",
    6: r"jun(?:e|\.)?|июн[ьяе]|черв(?:ня|ень)|juin|junio|giugno|juni|czerwca|iunie|haziran",
    7: r"jul(?:y|\.)?|июл[ьяе]|лип(?:ня|ень)|juillet|julio|luglio|juli|lipca|iulie|temmuz",
    8: r"aug(?:ust|\.)?|августа?|серп(?:ня|ень)|août|agosto|august|sierpnia|ağustos",
    9: r"sep(?:tember|tembre|tiembre|tembrie|t\.?|\.)?|settembre|сентябр[ьяе]|верес(?:ня|ень)|września|eylül",
    10: r"oct(?:ober|\.)?|октябр[ьяе]|жовт(?:ня|ень)|octobre|octubre|ottobre|oktober|października|octombrie|ekim",
    11: r"nov(?:ember|\.)?|ноябр[ьяе]|листопад(?:а)?|novembre|noviembre|listopada|noiembrie|kasım",
    12: r"dec(?:ember|\.)?|декабр[ьяе]|груд(?:ня|ень)|décembre|diciembre|dicembre|dezember|grudnia|decembrie|aralık",
}
_MONTH_OF = {m: re.compile(rf"^(?:{alts})$", re.IGNORECASE) for m, alts in _MONTHS.items()}
# Candidates are found with cheap generic patterns and checked with _month (one big
# alternation of all month words was ~1 ms per article).
_DAY_MONTH = re.compile(r"(?<![\w.,])(\d{1,2})(?:er|\.)?\s+(?:de\s+)?([^\W\d_]{3,}\.?)")
_MONTH_DAY = re.compile(r"(?<!\w)([^\W\d_]{3,}\.?)\s+(\d{1,2})(?![\w,.]\d|\d)")


def names(text: str) -> frozenset[str]:
    """Proper-noun candidates of ``text``: transliterated, lower-cased name prefixes."""
    flat = " ".join(text.split())
    return frozenset(anyascii(m.group(1)).lower()[:NAME_PREFIX] for m in _NAME.finditer(flat))


@functools.lru_cache(maxsize=4096)
def _month(word: str) -> int | None:
    for month, pattern in _MONTH_OF.items():
        if pattern.match(word):
            return month
    return None


def dates(text: str) -> frozenset[str]:
    """Day-of-month mentions of ``text`` as ``"M-D"`` keys (no year: reports omit it)."""
    found: set[str] = set()
    for day, word in [(m.group(1), m.group(2)) for m in _DAY_MONTH.finditer(text)] + [
            (m.group(2), m.group(1)) for m in _MONTH_DAY.finditer(text)]:
        month = _month(word)
        if month is not None and 1 <= int(day) <= 31:
            found.add(f"{month}-{int(day)}")
    return frozenset(found)


def _normalise(surface: str) -> list[str]:
    grouped = re.fullmatch(r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+", surface) is not None
    if grouped:
        value = int(re.sub(r"\D", "", surface))
    elif re.fullmatch(r"\d+[.,]\d+", surface):
        fval = float(surface.replace(",", "."))
        return [] if fval.is_integer() and fval < 2 else [f"{fval:g}"]
    else:
        value = int(surface)
    if value < MIN_NUMBER or (not grouped and _YEAR_MIN <= value <= _YEAR_MAX):
        return []
    out = [str(value)]
    # "8.000 millones" == "8 milliards", "80 bin" == "80,000": also emit the figure
    # in thousands / millions so a scale word in one language still matches.
    for scale in (1_000, 1_000_000):
        if value >= scale and value % scale == 0:
            out.append(str(value // scale))
    return out


def numbers(text: str) -> frozenset[str]:
    """Normalised numbers stated in ``text`` (years and 0/1 excluded)."""
    found: set[str] = set()
    for match in _NUMBER.finditer(text):
        found.update(_normalise(match.group(1)))
    return frozenset(found)


def lead_of(text: str, max_sentences: int = 2, max_chars: int = 400) -> str:
    """The first ``max_sentences`` sentences of ``text`` (at most ``max_chars``)."""
    head = " ".join(text[: max_chars * 2].split())
    parts = _SENTENCE_END.split(head)
    lead = " ".join(parts[:max_sentences])
    return lead[:max_chars]


def hashed_vector(text: str) -> np.ndarray:
    """An L2-normalised hashed bag of character 4-grams of ``text`` (dimension FAST_DIM)."""
    vec = np.zeros(FAST_DIM, dtype=np.float32)
    ascii_text = " " + " ".join(re.findall(r"\w+", anyascii(text).lower())) + " "
    for i in range(len(ascii_text) - _NGRAM + 1):
        gram = ascii_text[i : i + _NGRAM]
        if gram.count(" ") > 1:
            continue
        code = zlib.crc32(gram.encode("ascii", "ignore"))
        # signed feature hashing: collisions cancel on average, so unrelated texts
        # score ~0 instead of sharing a large positive baseline
        vec[code % FAST_DIM] += 1.0 if (code >> 16) & 1 else -1.0
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else vec

