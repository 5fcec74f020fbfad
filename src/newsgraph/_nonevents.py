"""Phrases in which an event-trigger word reports no event ("released a statement", "in charge of",
"heart attack", "meet the demand"), per language, from ``data/lexicons/nonevents/<lang>.txt``.

:func:`covered` tells whether a trigger match lies inside such a phrase; the events stage then drops
the match (the rest of the sentence may still hold an event).  One compiled alternation per
language, loaded once per process.
"""

from __future__ import annotations

import functools
import re

from ._resources import data_path

__all__ = ["covered", "load"]

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


def _compile(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    # longest first, so that "released its report" is tried before "released a report"
    return re.compile("|".join(_pattern(p) for p in sorted(phrases, key=len, reverse=True)), re.IGNORECASE)


@functools.cache
def load(lang: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The phrases of ``lang`` (a trigger inside one is no event) and its topic cues (a sentence
    holding one is about sport, business or entertainment: none of its triggers is an event), each
    as one case-insensitive pattern, or None."""
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
    if not spans:
        return []
    if topics is not None and topics.search(text):
        return [True] * len(spans)
    if phrases is None:
        return [False] * len(spans)
    found = [(m.start(), m.end()) for m in phrases.finditer(text)]
    return [any(a <= s and e <= b for a, b in found) for s, e in spans]
