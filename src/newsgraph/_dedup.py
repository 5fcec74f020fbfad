"""Near-duplicate detection for :mod:`newsgraph.stories` (MinHash + LSH from ``datasketch``).

A near-duplicate is a syndicated copy or a light rewrite of an article *in the same
language*: the two texts share most of their word 3-shingles.  Each article gets a
MinHash signature of the word 3-shingles of its (lower-cased, punctuation-free)
title and text; a :class:`datasketch.MinHashLSH` index proposes earlier articles whose
estimated Jaccard similarity may exceed :data:`DUP_THRESHOLD`, and the estimate is
checked before an article is called a duplicate.  Signatures are plain integer lists
so the story index can persist them and rebuild the LSH index without the texts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = ["DUP_THRESHOLD", "NUM_PERM", "DuplicateIndex", "jaccard", "shingles", "signature"]

# Permutations per signature: 128 gives a standard error of ~0.045 on a Jaccard of
# 0.5 (64 gave 0.42 for a true 0.51 on one of eval/stories' rewrites).
NUM_PERM = 128
# Estimated Jaccard of word 3-shingles above which two same-language articles are
# near-duplicates.  The light rewrites in eval/stories/crosslingual.jsonl (a few
# words changed or moved in a 2-3 sentence text) have a true Jaccard of 0.51-0.64;
# different same-language articles there reach 0.03.  0.35 keeps every rewrite with
# a margin of ~3 standard errors of the estimate.
DUP_THRESHOLD = 0.35
SHINGLE = 3  # words per shingle: 3 keeps word order without breaking on every edit
_SEED = 1
_SCHEME = "affine32"  # datasketch 2.x default; must be named when rebuilding from stored values
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[bytes]:
    """Word ``SHINGLE``-grams of ``text`` (lower-cased, punctuation dropped) as bytes."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}


@functools.cache
def _template() -> MinHash:
    """An empty MinHash; copying it skips re-drawing the permutations (~0.4 ms each)."""
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)


@functools.cache
def _lsh_params(threshold: float) -> tuple[int, int]:
    """LSH bands x rows for ``threshold`` (datasketch integrates for them: ~0.1 s a call)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def _minhash(hashvalues: Sequence[int] | None = None) -> MinHash:
    mh = _template().copy()
    if hashvalues is not None:
        mh.hashvalues = np.asarray(hashvalues, dtype=mh.hashvalues.dtype)
    return mh


def signature(text: str) -> list[int]:
    """The MinHash signature of ``text``'s shingles (``NUM_PERM`` integers)."""
    mh = _minhash()
    items = shingles(text)
    if items:
        mh.update_batch(list(items))
    return [int(v) for v in mh.hashvalues]


def jaccard(sig_a: Sequence[int], sig_b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    a = np.asarray(sig_a, dtype=np.int64)
    b = np.asarray(sig_b, dtype=np.int64)
    return float(np.count_nonzero(a == b)) / float(len(a))


class DuplicateIndex:
    """Signatures of seen articles, keyed by article id, with an LSH index per language."""

    def __init__(self, threshold: float = DUP_THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh: dict[str, MinHashLSH] = {}
        self._sigs: dict[str, tuple[str, list[int]]] = {}  # article id -> (lang, signature)

    def __len__(self) -> int:
        return len(self._sigs)

    def signature_of(self, article_id: str) -> list[int] | None:
        entry = self._sigs.get(article_id)
        return entry[1] if entry else None

    def lang_of(self, article_id: str) -> str | None:
        entry = self._sigs.get(article_id)
        return entry[0] if entry else None

    def find(self, lang: str, sig: Sequence[int]) -> tuple[str, float] | None:
        """The most similar earlier article in ``lang`` above threshold (ties: smallest id)."""
        lsh = self._lsh.get(lang)
        if lsh is None:
            return None
        best: tuple[str, float] | None = None
        for key in sorted(lsh.query(_minhash(sig))):
            score = jaccard(sig, self._sigs[key][1])
            if score >= self.threshold and (best is None or score > best[1]):
                best = (key, score)
        return best

    def add(self, article_id: str, lang: str, sig: Sequence[int]) -> None:
        if article_id in self._sigs:
            return
        lsh = self._lsh.get(lang)
        if lsh is None:
            lsh = self._lsh[lang] = MinHashLSH(num_perm=NUM_PERM, params=_lsh_params(self.threshold))
        lsh.insert(article_id, _minhash(sig))
        self._sigs[article_id] = (lang, list(sig))

    def remove(self, article_ids: Iterable[str]) -> None:
        """Forget articles (used to keep the index bounded to the comparison window)."""
        for key in article_ids:
            entry = self._sigs.pop(key, None)
            if entry is not None:
                self._lsh[entry[0]].remove(key)
