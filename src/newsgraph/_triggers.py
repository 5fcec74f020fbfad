"""Trigger lexicons: loading ``data/lexicons/events/<lang>.tsv`` and matching them in sentences.

Format (shared by every language, see the folder's README): ``type<TAB>mode<TAB>pattern<TAB>voice``.
A pattern is a sequence of tokens matched case-insensitively (lower-cased, NFC) against the
sentence's word tokens; ``tok*`` matches any word starting with ``tok``; ``...`` allows a gap of up
to :data:`GAP_WORDS` words.  Elided/possessive forms are matched on both sides of the apostrophe
("l'attacco" matches ``attacc*``, "Israel's" matches ``israel``).

Speed: patterns are indexed by their first token (exact words in a dict, prefixes by their first
:data:`PREFIX_KEY` characters), so a sentence costs one dict look-up per token plus the few
candidate patterns that share its first characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from itertools import accumulate, chain, compress, count, repeat
from operator import is_, itemgetter
from typing import Any, NamedTuple

from ._resources import data_path
from .errors import ResourceError
from .ontology import TYPES, load

__all__ = ["GAP_WORDS", "Lexicon", "Match", "Token", "Trigger", "find", "load_lexicons", "tokenize"]

# A `...` gap spans at most 4 words: the shared lexicon format fixes it ("sign* ... agreement*").
GAP_WORDS = 4
# Prefix patterns are bucketed by their first 3 characters: shorter keys make buckets too large
# (every "re*" word), longer ones miss short prefixes; 3 keeps buckets to a handful of patterns.
PREFIX_KEY = 3
# Word -> candidate-pattern cache per lexicon; news vocabulary is Zipfian, so 200k words cover a
# large corpus while bounding memory (~30 MB); the cache is simply cleared when full.
CACHE_WORDS = 200_000
# Arabic conjunction proclitics stripped as alternative forms; a stem must keep 3 letters, the usual
# length of an Arabic root, so short words are not mangled.
ARABIC_PROCLITICS = ("و", "ف")
ARABIC_MIN_STEM = 3
VOICES = frozenset({"active", "passive", "recip", "subjtarget"})
GAP = "..."

_WORD = re.compile(r"\w+(?:['’]\w+)*")
# re.split patterns: separators and words (_WORD; _PLAIN for text without apostrophes, a little faster)
_WORD_SPLIT = re.compile(r"(\w+(?:['’]\w+)*)")
_PLAIN_SPLIT = re.compile(r"(\w+)")
_ARABIC = re.compile("[\u0621-\u064a]")
# a Token's text and forms, read at C speed in map()
_TEXT = itemgetter(0)
_FORMS = itemgetter(3)


class Token(NamedTuple):  # a tuple, not a dataclass: thousands are built per article
    text: str  # lower-cased, NFC, apostrophes normalised
    start: int
    end: int
    forms: tuple[str, ...]  # text, plus the parts around an apostrophe


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None
    pattern: str
    voice: str
    lang: str
    parts: tuple[str, ...]  # tokens and GAP markers
    words: int  # number of non-gap tokens (specificity)
    needs: tuple[str, ...]  # later exact tokens: each must occur as a word of the sentence
    stems: tuple[str, ...]  # later prefix tokens, star stripped


class Match(NamedTuple):
    trigger: Trigger
    first: int  # token index of the first matched token
    last: int  # token index of the last matched token
    start: int  # char offset (in the sentence) of the first matched token
    end: int  # char offset of the end of the last matched token
    head: int  # token index of the pattern's first token (the trigger word)


@dataclass(frozen=True)
class Lexicon:
    triggers: tuple[Trigger, ...]
    exact: dict[str, tuple[Trigger, ...]]
    # first-token prefix (star stripped) -> its patterns, as (prefix, pattern) pairs, bucketed by
    # the prefix's first PREFIX_KEY characters
    prefix: dict[str, tuple[tuple[str, Trigger], ...]]
    langs: frozenset[str]
    cache: dict[str, tuple[Trigger, ...]]  # word form -> patterns that can start on it
    # sentence text -> what the events stage found in it (its tokens and matches), filled there
    sentences: dict[str, Any] = field(default_factory=dict, compare=False)


def normalize(text: str) -> str:
    if text.isascii():  # fast path: NFC, the apostrophe and U+0307 cannot occur in ASCII text
        return text.lower()
    # Turkish "İ" lower-cases to "i" + U+0307 (combining dot above): the dot is dropped so that
    # "İran", "İSRAİL" and lexicon entries written with "i" match
    return unicodedata.normalize("NFC", text).lower().replace("’", "'").replace("\u0307", "")


def tokenize(text: str) -> list[Token]:
    """Word tokens of ``text`` with character offsets (offsets index ``text``)."""
    norm = normalize(text)
    same_length = len(norm) == len(text)
    if same_length and not _ARABIC.search(norm):
        # the common case (no Arabic), built without a Python-level loop: splitting on a capturing
        # word pattern alternates separators and words, so the running sum of the piece lengths gives
        # every word's start (even positions) and end (odd positions); a token's only form is itself
        # unless it holds an apostrophe
        plain = "'" not in norm
        pieces = (_PLAIN_SPLIT if plain else _WORD_SPLIT).split(norm)
        words = pieces[1::2]
        offsets = list(accumulate(map(len, pieces)))
        forms: Iterable[tuple[str, ...]] = zip(words)  # (word,) each
        if not plain:
            forms = [_elided_forms(w) if "'" in w else (w,) for w in words]
        return list(map(tuple.__new__, repeat(Token), zip(words, offsets[:-1:2], offsets[1::2], forms, strict=True)))
    out: list[Token] = []
    append = out.append
    make = tuple.__new__  # skips NamedTuple's Python-level __new__
    for m in _WORD.finditer(norm if same_length else text):
        word = m.group() if same_length else normalize(m.group())
        start, end = m.span()
        word_forms: tuple[str, ...]
        if "'" in word:
            word_forms = _elided_forms(word)
        elif "\u0621" <= word[0] <= "\u064a":
            word_forms = _arabic_forms(word)
        else:
            word_forms = (word,)
        append(make(Token, (word, start, end, word_forms)))
    return out


def _elided_forms(word: str) -> tuple[str, ...]:
    """A word with an apostrophe and its parts ("l'ambasciata", "ukraine's")."""
    head, _, tail = word.partition("'")
    return (word, tail, head) if len(tail) > 1 else (word, head)


def _arabic_forms(word: str) -> tuple[str, ...]:
    """An Arabic word and the word without a conjunction proclitic (و "and", ف "so"): "وهاجمت" also
    matches ``هاجم*``.  The article ال is not stripped: lexicon nouns are written with it, and
    stripping it made short patterns fire on the wrong words (eval/events ar: types 0.75 -> 0.72)."""
    forms = [word]
    for clitic in ARABIC_PROCLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= ARABIC_MIN_STEM:
            forms.append(word[len(clitic):])
    return tuple(dict.fromkeys(forms))


def _token_matches(part: str, token: Token) -> bool:
    forms = token.forms
    if part[-1] == "*":
        stem = part[:-1]
        if len(forms) == 1:
            return forms[0].startswith(stem)
        return any(f.startswith(stem) for f in forms)
    return part in forms


def _parse(text: str, lang: str, where: str) -> list[Trigger]:
    onto = load()
    out: list[Trigger] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        cols = [c.strip() for c in raw.rstrip("\n").split("\t")]
        if len(cols) != 4:
            raise ResourceError(f"{where}:{lineno}: expected 4 tab-separated columns, got {len(cols)}")
        etype, mode, pattern, voice = cols
        if etype not in TYPES:
            raise ResourceError(f"{where}:{lineno}: unknown PLOVER type {etype!r}")
        mode_value = None if mode in ("-", "") else mode
        if not onto.is_mode(etype, mode_value):
            mode_value = None  # a mode name this ontology lacks: keep the type, drop the mode
        if voice not in VOICES:
            raise ResourceError(f"{where}:{lineno}: unknown voice {voice!r}")
        parts = tuple(normalize(pattern).split())
        if not parts or parts[0] == GAP or parts[-1] == GAP:
            raise ResourceError(f"{where}:{lineno}: bad pattern {pattern!r}")
        words = sum(1 for p in parts if p != GAP)
        needs = tuple(p for p in parts[1:] if p != GAP and not p.endswith("*"))
        stems = tuple(p[:-1] for p in parts[1:] if p.endswith("*"))
        out.append(Trigger(etype, mode_value, pattern, voice, lang, parts, words, needs, stems))
    return out


def build_lexicon(triggers: list[Trigger]) -> Lexicon:
    exact: dict[str, list[Trigger]] = defaultdict(list)
    prefix: dict[str, list[tuple[str, Trigger]]] = defaultdict(list)
    for trig in triggers:
        first = trig.parts[0]
        if first.endswith("*"):
            prefix[first[:-1][:PREFIX_KEY]].append((first[:-1], trig))
        else:
            exact[first].append(trig)
    return Lexicon(
        tuple(triggers),
        {k: tuple(v) for k, v in exact.items()},
        {k: tuple(v) for k, v in prefix.items()},
        frozenset(t.lang for t in triggers),
        {},
    )


def load_lexicons() -> dict[str, Lexicon]:
    """Every bundled lexicon, by language code (file stem), plus ``"*"``: all of them together."""
    folder: Traversable = data_path("lexicons", "events")
    by_lang: dict[str, list[Trigger]] = {}
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except (FileNotFoundError, OSError) as exc:
        raise ResourceError(f"event lexicon folder missing: {exc}") from exc
    for entry in entries:
        if not entry.name.endswith(".tsv"):
            continue
        lang = entry.name[: -len(".tsv")]
        by_lang[lang] = _parse(entry.read_text(encoding="utf-8"), lang, f"lexicons/events/{entry.name}")
    if not by_lang:
        raise ResourceError("no event lexicons in newsgraph/data/lexicons/events/")
    out = {lang: build_lexicon(trigs) for lang, trigs in by_lang.items()}
    out["*"] = build_lexicon([t for trigs in by_lang.values() for t in trigs])
    return out


def _form_candidates(lex: Lexicon, form: str) -> tuple[Trigger, ...]:
    hit = lex.cache.get(form)
    if hit is not None:
        return hit
    found: list[Trigger] = list(lex.exact.get(form, ()))
    # a bucket's key is the first PREFIX_KEY characters of its prefixes, so the bucket of form[:n]
    # holds exactly the prefixes of n characters or more that form can start with
    for n in range(1, min(PREFIX_KEY, len(form)) + 1):
        bucket = lex.prefix.get(form[:n])
        if bucket:
            found.extend([trig for stem, trig in bucket if form.startswith(stem)])
    if len(lex.cache) > CACHE_WORDS:
        lex.cache.clear()
    lex.cache[form] = result = tuple(found)
    return result


def _candidates(lex: Lexicon, token: Token) -> tuple[Trigger, ...]:
    if len(token.forms) == 1:
        return _form_candidates(lex, token.text)
    found: list[Trigger] = []
    for form in token.forms:
        found.extend(_form_candidates(lex, form))
    return tuple(found)


def _match_rest(parts: tuple[str, ...], tokens: list[Token], i: int) -> int | None:
    """Index of the last token matched by ``parts[1:]`` after token ``i``, or None."""
    pos = i
    k = 1
    while k < len(parts):
        part = parts[k]
        if part == GAP:
            nxt = parts[k + 1]
            for j in range(pos + 1, min(len(tokens), pos + 2 + GAP_WORDS)):
                if _token_matches(nxt, tokens[j]):
                    pos = j
                    break
            else:
                return None
            k += 2
            continue
        if pos + 1 >= len(tokens) or not _token_matches(part, tokens[pos + 1]):
            return None
        pos += 1
        k += 1
    return pos


def find(lex: Lexicon, tokens: list[Token]) -> list[Match]:
    """All trigger matches in a tokenised sentence (duplicates of one trigger removed)."""
    out: list[Match] = []
    seen: set[tuple[int, str, str]] = set()
    words: set[str] | None = None  # every word form of the sentence, built on demand
    # C-level passes (map, compress): only tokens that start some pattern enter the Python loop
    looked: list[tuple[Trigger, ...] | None] = list(map(lex.cache.get, map(_TEXT, tokens)))
    forms = list(map(_FORMS, tokens))
    if sum(map(len, forms)) != len(forms):  # some token has several forms (an apostrophe, Arabic)
        for i in compress(count(), map((1).__lt__, map(len, forms))):
            looked[i] = _candidates(lex, tokens[i])
    if None in looked:
        for i in compress(count(), map(is_, looked, repeat(None))):
            looked[i] = _form_candidates(lex, tokens[i].text)
    for i, cands in compress(enumerate(looked), looked):
        token = tokens[i]
        for trig in cands:  # type: ignore[union-attr]  # every None was replaced above
            needs = trig.needs
            if needs or trig.stems:
                if needs:  # cheap pre-filter: the pattern's exact words must all occur
                    if words is None:
                        words = set(chain.from_iterable(forms))
                    if not words.issuperset(needs):
                        continue
                last = _match_rest(trig.parts, tokens, i)
            else:
                last = i
            if last is None:
                continue
            key = (i, trig.type, trig.pattern)
            if key in seen:
                continue
            seen.add(key)
            out.append(Match(trig, i, last, token.start, tokens[last].end, i))
    return out


def weight_key(trig: Trigger) -> tuple[str, str, str]:
    return (trig.lang, trig.type, trig.pattern)


def choose(matches: list[Match], first_actor: int, weights: dict[tuple[str, str, str], float],
           default_weight: float, position_penalty: float, last: bool = False) -> Match:
    """The main trigger of a sentence.

    Matches after the first actor (the clause's subject) come first; among them the score is the
    pattern's reliability (``weights``, learnt from the training stories; ``default_weight`` when
    unseen) minus ``position_penalty`` per token after the earliest such match, so the main verb of
    an SVO clause wins unless a later trigger is much more reliable; ties go to longer patterns.
    ``last``: verb-final clauses, where the penalty counts tokens from a match's last word to the
    latest match's last word instead.
    """
    after = [m for m in matches if m.start > first_actor]
    pool = after or matches
    first = min(m.head for m in pool)
    final = max(m.last for m in pool)

    def score(m: Match) -> tuple[float, int, int]:
        w = weights.get(weight_key(m.trigger), default_weight)
        # a verb-final clause ends on its verb: a pattern is placed by its last word ("ortak askeri
        # tatbikat başlattı", "gözaltına aldı"), an SVO clause's by its first
        dist = (final - m.last) if last else (m.head - first)
        return (w - position_penalty * dist, m.trigger.words, m.last if last else -m.head)

    return max(pool, key=score)
