"""Phrases in which an event-trigger word reports no event ("released a statement", "in charge of",
"heart attack", "meet the demand"), per language, from ``data/lexicons/nonevents/<lang>.txt``.

:func:`covered` tells whether a trigger match lies inside such a phrase; the events stage then drops
the match (the rest of the sentence may still hold an event).  A topic cue ("~ cricket") drops
every trigger of its sentence.  Loaded once per process; each sentence runs only the phrases whose
key word (:class:`PhraseSet`) it holds.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ._resources import data_path

__all__ = ["PhraseSet", "covered", "load"]

_DIR = ("lexicons", "nonevents")


# A line starting with this mark is a topic cue, not a phrase (see load).
TOPIC_MARK = "~"
# "..." between two words allows up to this many words between them, as in the trigger lexicons;
# "...N" up to N words
GAP_WORDS = 4


def _word(word: str) -> str:
    """One word of a phrase: ``stem*`` ends a stem; ``{a,b*,c}`` is any of several words."""
    if word.startswith("{") and word.endswith("}"):
        return "(?:" + "|".join(_word(w) for w in word[1:-1].split(",")) + ")"
    return re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "")


def _pattern(line: str) -> str:
    out = ""
    gap = 0
    for word in line.split():
        if word.startswith("..."):  # "..." or "...N": a gap of up to GAP_WORDS or N words
            gap = int(word[3:] or GAP_WORDS)
            continue
        if out:
            out += rf"\W+(?:\w+\W+){{0,{gap}}}" if gap else r"\W+"
        out += _word(word)
        gap = 0
    return r"\b" + out + r"\b"


_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class PhraseSet:
    """Compiled phrases, indexed by one word each must hold (its longest plain word), so that a
    sentence runs only the few patterns whose word it holds: one alternation of every phrase cost
    ~1.5 ms per 3 KB article (Python's ``re`` tries each alternative at every position)."""

    patterns: tuple[re.Pattern[str], ...]
    exact: dict[str, tuple[int, ...]]  # key word -> phrase indexes
    stems: tuple[tuple[str, tuple[int, ...]], ...]  # (key stem, phrase indexes)

    def candidates(self, low: str, words: set[str]) -> list[re.Pattern[str]]:
        """The patterns worth running on a sentence (``low``: its lower-cased text, ``words``: its
        words)."""
        hit: set[int] = set()
        for w in self.exact.keys() & words:
            hit.update(self.exact[w])
        for stem, idx in self.stems:
            if stem in low:  # a substring test first: the pattern itself checks the word start
                hit.update(idx)
        return [self.patterns[i] for i in sorted(hit)]


def _key_words(line: str) -> list[tuple[str, bool]]:
    """(word, is a stem) alternatives of the word a phrase is indexed by: its longest plain word
    (a ``\\w+`` run: "semi-final*" holds "semi" and the stem "final"), else the alternatives of
    its ``{a,b}`` group with the fewest."""
    runs: list[tuple[str, bool]] = []
    groups: list[str] = []
    for word in line.split():
        if word.startswith("..."):
            continue
        if word.startswith("{"):
            groups.append(word)
            continue
        parts = _WORDS.findall(word)
        runs += [(part.lower(), word.endswith("*") and k == len(parts) - 1) for k, part in enumerate(parts)]
    if runs:
        return [max(runs, key=lambda r: len(r[0]))]
    fewest = min((g[1:-1].split(",") for g in groups), key=len)  # fewer alternatives, fewer tests
    return [(w.rstrip("*").lower(), w.endswith("*")) for w in fewest]


def _compile(phrases: list[str]) -> PhraseSet | None:
    if not phrases:
        return None
    patterns = tuple(re.compile(_pattern(p), re.IGNORECASE) for p in phrases)
    exact: dict[str, list[int]] = {}
    stems: dict[str, list[int]] = {}
    for i, line in enumerate(phrases):
        for word, stem in _key_words(line):
            (stems if stem else exact).setdefault(word, []).append(i)
    return PhraseSet(patterns, {k: tuple(v) for k, v in exact.items()},
                     tuple((k, tuple(v)) for k, v in stems.items()))


@functools.cache
def load(lang: str) -> tuple[PhraseSet | None, PhraseSet | None]:
    """The phrases of ``lang`` (a trigger inside one is no event) and its topic cues (a sentence
    holding one is about sport, business or entertainment: none of its triggers is an event), or
    None where the language has none."""
    node = data_path(*_DIR, f"{lang}.txt")
    if not node.is_file():
        return None, None
    lines = [ln.strip() for ln in node.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    return (_compile([ln for ln in lines if not ln.startswith(TOPIC_MARK)]),
            _compile([ln[len(TOPIC_MARK):].strip() for ln in lines if ln.startswith(TOPIC_MARK)]))


def covered(text: str, lang: str | None, spans: list[tuple[int, int]]) -> list[bool]:
    """For each ``(start, end)`` span of ``text``, whether it lies inside a non-event phrase (or
    the whole sentence is about a topic that holds no political event)."""
    phrases, topics = load(lang) if lang else (None, None)
    if not spans or (phrases is None and topics is None):
        return [False] * len(spans)
    low = text.lower()
    words = set(_WORDS.findall(low))
    if topics is not None and any(p.search(text) for p in topics.candidates(low, words)):
        return [True] * len(spans)
    if phrases is None:
        return [False] * len(spans)
    found = [(m.start(), m.end()) for p in phrases.candidates(low, words) for m in p.finditer(text)]
    return [any(a <= s and e <= b for a, b in found) for s, e in spans]
