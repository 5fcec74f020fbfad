"""Language-independent text evidence for :mod:`newsgraph.stories`.

* :func:`numbers` — the quantities an article states ("150", "4,2 млрд", "2.000",
  "60 %"), normalised so that the same figure written with different decimal and
  thousands separators compares equal across languages.
* :func:`lead_of` — the first sentences of a text, for callers that have no
  sentence split (the shared pair files).
* :func:`hashed_vector` — the no-embedding (``--fast``) stand-in for a sentence
  embedding: an L2-normalised, sign-hashed bag of character 4-grams of the ASCII
  transliteration, so names still match across scripts ("Харків" / "Kharkiv").
"""

from __future__ import annotations

import re
import zlib

import numpy as np
from anyascii import anyascii

__all__ = ["FAST_DIM", "hashed_vector", "lead_of", "numbers"]

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

