"""PLOVER auxiliary flags of one event: negated, hypothetical, future, historical.

Design.  Each language has a cue lexicon (``data/lexicons/flags/<lang>.tsv``,
format in its README): ``kind  scope  pattern``.  Patterns use the shared
trigger-lexicon token syntax (case-insensitive word tokens, ``word*`` prefix,
``*suffix``, ``*infix*``, ``...`` = gap of up to 4 words) plus ``<year>``
(a year at least :data:`HISTORICAL_DAYS` before the anchor) and ``=word``
(the token must be written in lower case: English "may" but not "May").

Scopes, relative to the trigger (the tokens overlapping ``trigger_start:end``):

* ``before``   - starts within :data:`CUE_WINDOW` tokens before the trigger and
  in the same clause (clauses end at punctuation and at ``break`` words; the
  ``negbreak`` words "and"/"but" end a clause for negation only);
* ``after``    - within :data:`AFTER_WINDOW` tokens after it, same clause
  (German "griff ... nicht an", Turkish "kabul etmedi");
* ``clause``   - ``before`` or ``after``;
* ``trigger``  - on the trigger word itself (Turkish "-madı", "-acak", Spanish
  "-rá", Arabic "سـ" prefix);
* ``prior``    - anywhere before the trigger, or after it in the same clause
  ("If talks fail, X will attack", "X will attack if ...", not "X attacked, asking if";
  "In 2008, troops entered", not "said on Tuesday that the treaty, signed in 1999, ...");
* ``sentence`` - anywhere in the sentence.

Special kinds: ``block`` cancels a negation cue starting at the same token
("not only", "nu doar"); ``conditional`` ("would", "-rait", "-ría") is future
when a ``reporting`` verb precedes it in the sentence ("said it would sign")
and hypothetical otherwise.  "Refused"/"rejected" are REJECT events, not cues.

Dates: ``event_date`` after the anchor sets ``future``; at least
:data:`HISTORICAL_DAYS` before it sets ``historical``.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from operator import is_

from ._resources import data_path, read_text
from .errors import ResourceError

__all__ = ["FLAG_KINDS", "Flags", "detect"]

FLAG_KINDS = ("negated", "hypothetical", "future", "historical")
_KINDS = frozenset({*FLAG_KINDS, "block", "conditional", "reporting", "break", "negbreak", "extend"})
_HELPER_KINDS = frozenset({"block", "reporting", "break", "negbreak", "extend"})
_SCOPES = frozenset({"before", "after", "clause", "trigger", "prior", "sentence", "-"})
# Tokens before the trigger a cue may start at ("has not yet formally signed").  Exact
# accuracy on eval/flags/flags.jsonl (271 rows) for 3/4/5/6/8/10: 0.956 0.971 0.974 0.985
# 0.985 0.985 - the smallest value on the plateau, so that cues stay in the trigger's clause.
CUE_WINDOW = 6
# Negation is tighter: "did not immediately attack", "has not yet formally signed", German
# "wird keine Waffen an die Ukraine liefern"; further back it negates another verb ("who
# don't have accreditation can be arrested").  Negated accuracy on eval/flags for 2/3/4/5/6:
# 0.989 0.996 0.996 1.0 1.0 - the smallest value on the plateau.
NEG_WINDOW = 5
# Tokens after the trigger for "after"-scoped cues (German "griff ... nicht an", Turkish
# light verbs "kabul etmedi"); 2/4/6 give 0.982/0.985/0.985 on the same set.
AFTER_WINDOW = 4
# An event at least this many days before the article date is historical: a year-old
# event is background, not news ("in 2023" seen from March 2024, "a year ago").
HISTORICAL_DAYS = 365
GAP = 4  # words allowed by "..." in a pattern (shared trigger-lexicon syntax)
CACHE_SIZE = 65536
# Words whose "may a cue start here" answer is memoised per language; news vocabulary is Zipfian,
# so 100k words cover a large corpus (~10 MB at most); the memo is cleared when full.
FILTER_MEMO_WORDS = 100_000

_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_DIGIT = re.compile(r"\d")
_WORDCHAR = re.compile(r"[\w'’-]").match
_CLAUSE_PUNCT = frozenset(",;:()[]{}\"«»“”—–-!?.")


@dataclass(frozen=True)
class Flags:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False


@dataclass(frozen=True)
class _Cue:
    kind: str
    scope: str
    tokens: tuple[str, ...]


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("’", "'").replace("ʼ", "'")


@functools.cache
def _lexicon(lang: str) -> tuple[_Cue, ...]:
    if not data_path("lexicons", "flags", f"{lang}.tsv").is_file():
        lang = "en"
    cues = []
    for n, line in enumerate(read_text("lexicons", "flags", f"{lang}.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[0] not in _KINDS or parts[1] not in _SCOPES:
            raise ResourceError(f"lexicons/flags/{lang}.tsv:{n}: expected 'kind<TAB>scope<TAB>pattern'")
        cues.append(_Cue(parts[0], parts[1], tuple(_norm(parts[2]).split())))
    return tuple(cues)


def _tok_regex(pat: str) -> str:
    if pat == "...":
        raise ValueError("gap handled by _cue_regex")
    if pat.startswith("<year>"):
        rest = pat[6:]
        tail = re.escape(rest[:-1]) + r"\S*" if rest.endswith("*") else (re.escape(rest) if rest else "s?")
        return rf"(?P<yr>\d{{4}}){tail}"
    if pat.startswith("="):
        return f"(?-i:{re.escape(pat[1:])})"
    core = pat.strip("*")
    body = re.escape(core)
    if pat.startswith("*") and pat.endswith("*") and len(pat) > 1:
        return rf"\S*{body}\S*"
    if pat.startswith("*"):
        return rf"\S+{body}"
    if pat.endswith("*"):
        return rf"{body}\S*"
    return body


def _cue_regex(tokens: tuple[str, ...]) -> str:
    out = []
    for i, tok in enumerate(tokens):
        if tok == "...":
            out.append(rf"(?: \S+){{0,{GAP}}}")
            continue
        out.append((" " if i and tokens[i - 1] != "..." else (" " if i else "")) + _tok_regex(tok))
    return "".join(out)


def _wrap(alternatives: list[str]) -> str:
    """Alternatives anchored on token boundaries, case-insensitive."""
    return "(?i)(?<!\\S)(?:" + "|".join(alternatives) + ")(?!\\S)"


@dataclass(frozen=True)
class _Filter:
    """Cheap test: can any cue start at one of these tokens? (first pattern tokens only)"""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    infixes: tuple[str, ...]
    memo: dict[str, bool] = field(default_factory=dict, compare=False)  # token -> may start a cue

    @classmethod
    def of(cls, cues: list[_Cue]) -> _Filter:
        exact, pre, suf, inf = set(), [], [], []
        for c in cues:
            first = c.tokens[0].lower().lstrip("=")
            if first.startswith("*") and first.endswith("*") and len(first) > 1:
                inf.append(first.strip("*"))
            elif first.startswith("*"):
                suf.append(first[1:])
            elif first.endswith("*"):
                pre.append(first[:-1])
            else:
                exact.add(first)
        return cls(frozenset(exact), tuple(pre), tuple(suf), tuple(inf))

    def _may_start(self, t: str) -> bool:
        return (t in self.exact or t.startswith(self.prefixes) or t.endswith(self.suffixes)
                or (bool(self.infixes) and any(x in t for x in self.infixes)))

    def hits(self, toks: list[str], lo: int, hi: int) -> list[int]:
        """Indices in ``lo:hi`` of tokens a cue may start at (the answer per word is memoised)."""
        memo = self.memo
        found = list(map(memo.get, toks[lo:hi]))
        if None in found:
            if len(memo) > FILTER_MEMO_WORDS:
                memo.clear()
            # only the words not yet memoised enter the Python loop
            for k in itertools.compress(itertools.count(), map(is_, found, itertools.repeat(None))):
                t = toks[lo + k]
                found[k] = memo[t] = self._may_start(t)
        return list(itertools.compress(range(lo, hi), found)) if True in found else []


@dataclass(frozen=True)
class _Compiled:
    # (scope, negation?, regex with one named group per kind)
    groups: tuple[tuple[str, bool, re.Pattern[str]], ...]
    quick: _Filter  # tokens any flag cue may start at
    years: tuple[tuple[str, re.Pattern[str]], ...]  # historical cues holding <year>: (scope, regex)
    block: re.Pattern[str] | None
    reporting: re.Pattern[str] | None
    stops: frozenset[str]  # tokens that end a clause: punctuation and ``break`` words
    negstops: frozenset[str]  # ... for negation: also the ``negbreak`` words
    extenders: frozenset[str]  # a trigger right after one of these ("zu") reaches into the previous clause


@functools.cache
def _compiled(lang: str) -> _Compiled:
    cues = _lexicon(lang)
    by: dict[tuple[str, str], list[str]] = {}
    years = []
    for c in cues:
        rx = _cue_regex(c.tokens)
        if any(t.startswith("<year>") for t in c.tokens):
            years.append((c.scope, re.compile(_wrap([rx]))))
        else:
            by.setdefault((c.kind, c.scope), []).append(rx)

    def alt(kind: str) -> re.Pattern[str] | None:
        rxs = [r for (k, _), v in by.items() if k == kind for r in v]
        return re.compile(_wrap(rxs)) if rxs else None

    # one regex per (scope, negation?) with a named group per kind, so that a window is
    # searched once; "clause" cues join both the "before" and the "after" regex
    merged: dict[tuple[str, bool], dict[str, list[str]]] = {}
    for (k, sc), v in by.items():
        if k in _HELPER_KINDS:
            continue
        for s2 in ("before", "after") if sc == "clause" else ("prior_a", "prior_b") if sc == "prior" else (sc,):
            merged.setdefault((s2, k == "negated"), {}).setdefault(k, []).extend(v)
    groups = tuple(
        (sc, neg, re.compile(_wrap([f"(?P<{k}>{'|'.join(v)})" for k, v in kinds.items()])))
        for (sc, neg), kinds in merged.items()
    )
    quick = _Filter.of([c for c in cues if c.kind not in _HELPER_KINDS
                        and not any(t.startswith("<year>") for t in c.tokens)])
    breaks = frozenset(c.tokens[0].lower() for c in cues if c.kind == "break" and len(c.tokens) == 1)
    neg = breaks | {c.tokens[0].lower() for c in cues if c.kind == "negbreak" and len(c.tokens) == 1}
    ext = frozenset(c.tokens[0].lower() for c in cues if c.kind == "extend")
    return _Compiled(groups, quick, tuple(years), alt("block"), alt("reporting"), _CLAUSE_PUNCT | breaks,
                     _CLAUSE_PUNCT | neg, ext)


def _clause_start(toks: list[str], t0: int, stops: frozenset[str], skip: int = 0) -> int:
    for j in range(t0 - 1, -1, -1):
        if toks[j] in stops:
            if skip <= 0:
                return j + 1
            skip -= 1
    return 0


def _clause_end(toks: list[str], t1: int, stops: frozenset[str]) -> int:
    for j in range(t1, len(toks)):
        if toks[j] in stops:
            return j
    return len(toks)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _detect(sentence: str, lang: str, t_start: int, t_end: int, anchor: dt.date | None,
            event_date: dt.date | None) -> Flags:
    comp = _compiled(lang)
    text = _norm(sentence)
    # widen the trigger to whole words, then tokenise the three parts (C-speed findall)
    a, b = max(0, min(t_start, len(text))), max(0, min(max(t_end, t_start + 1), len(text)))
    while a > 0 and _WORDCHAR(text[a - 1]):
        a -= 1
    while b < len(text) and _WORDCHAR(text[b]):
        b += 1
    before, trig, after = _TOKEN.findall(text[:a]), _TOKEN.findall(text[a:b]), _TOKEN.findall(text[b:])
    if not trig:  # offsets on spaces or past the end: take the next token, else the last one
        if after:
            trig, after = after[:1], after[1:]
        elif before:
            trig, before = before[-1:], before[:-1]
        else:
            return Flags()
    raws = before + trig + after
    t0, t1 = len(before), len(before) + len(trig)
    # lower-cased in one call: no token holds a newline, and lower() of the joined text is the
    # join of each token's lower() (the final-sigma context stops at the newline)
    toks = "\n".join(raws).lower().split("\n")
    n = len(toks)
    starts = comp.quick.hits(toks, 0, n)
    years = anchor is not None and bool(comp.years) and _DIGIT.search(text) is not None
    if not starts and not years:  # no cue may start anywhere: only the event date counts
        return _flags(False, False, *_date_flags(anchor, event_date, False, False))
    # an infinitive ("Berlin plant, ... zu liefern") belongs to the clause before the comma
    skip = int(t0 > 0 and toks[t0 - 1] in comp.extenders)
    own_clause = _clause_start(toks, t0, comp.stops)
    clause_end = _clause_end(toks, t1, comp.stops)
    cue_clause = _clause_start(toks, t0, comp.stops, skip) if skip else own_clause
    spans = {
        ("before", False): (max(cue_clause, t0 - CUE_WINDOW * (1 + skip)), t0),
        ("before", True): (max(_clause_start(toks, t0, comp.negstops), t0 - NEG_WINDOW), t0),
        ("after", False): (t1, min(clause_end, t1 + AFTER_WINDOW)),
        ("after", True): (t1, min(_clause_end(toks, t1, comp.negstops), t1 + AFTER_WINDOW)),
        ("trigger", False): (t0, t1),
        ("trigger", True): (t0, t1),
        ("sentence", False): (0, n),
        ("sentence", True): (0, n),
    }
    prior_end = min(n, clause_end + 1)  # the word ending the clause may be "if"
    # every window is a token range of one string: cues are tried only where the cheap
    # filter says one may start (regex.match at that offset, ending by the window's end)
    full = " ".join(raws)
    # offs[i]: where token i starts in ``full`` (and offs[n] = len(full) + 1)
    offs = list(itertools.accumulate(map((1).__add__, map(len, raws)), initial=0))

    def end_of(i: int) -> int:  # character end of token range ending before index i
        return offs[i] - 1 if i > 0 else 0

    def opens(i: int) -> bool:
        """A "prior" cue before the trigger: in the trigger's clause or opening a clause
        ("If talks fail, ...", "said that if ..."), not mid-way through another one
        ("a vote on whether ..., but it rejected")."""
        return i >= own_clause or i == 0 or toks[i - 1] in comp.negstops

    flags = dict.fromkeys(FLAG_KINDS, False)
    for scope, neg, rx in comp.groups if starts else ():
        if scope == "prior_a":
            lo, hi = 0, t0
        elif scope == "prior_b":
            lo, hi = t1, prior_end
        else:
            lo, hi = spans[(scope, neg)]
        if lo >= hi:
            continue
        # a "before" cue may end on the trigger ("قد ترد") but must start before it
        endpos = end_of(t1) if scope == "before" else end_of(hi)
        for i in starts:
            if i < lo or i >= hi or (scope == "prior_a" and not opens(i)):
                continue
            hit = rx.match(full, offs[i], endpos)
            if hit is None:
                continue
            if neg and comp.block is not None and comp.block.match(full, offs[i]):
                continue
            kind = hit.lastgroup or ""
            if kind == "conditional":
                reported = comp.reporting is not None and comp.reporting.search(full, 0, offs[t0]) is not None
                kind = "future" if reported else "hypothetical"
            flags[kind] = True
    if not flags["historical"] and years and anchor is not None:
        for scope, rx in comp.years:
            if scope == "prior":
                ranges = [(0, t0), (t1, prior_end)]
            else:
                ranges = [spans[(scope if scope in {"before", "after", "trigger"} else "sentence", False)]]
            for lo, hi in ranges:
                if lo >= hi:
                    continue
                for m in rx.finditer(full, offs[lo], end_of(hi)):
                    first = full.count(" ", 0, m.start())
                    if scope == "prior" and first < t0 and not opens(first):
                        continue
                    year = int(m.group("yr"))
                    if (anchor - dt.date(max(year, 1), 1, 1)).days >= HISTORICAL_DAYS:
                        flags["historical"] = True
                        break
            if flags["historical"]:
                break
    return _flags(flags["negated"], flags["hypothetical"],
                  *_date_flags(anchor, event_date, flags["future"], flags["historical"]))


def _date_flags(anchor: dt.date | None, event_date: dt.date | None, future: bool,
                historical: bool) -> tuple[bool, bool]:
    """``future`` and ``historical`` once the event date is compared with the anchor."""
    if anchor is not None and event_date is not None:
        if event_date > anchor:
            future = True
        if (anchor - event_date).days >= HISTORICAL_DAYS:
            historical = True
    return future, historical


@functools.cache
def _flags(negated: bool, hypothetical: bool, future: bool, historical: bool) -> Flags:
    """The shared (frozen) :class:`Flags` of one combination."""
    return Flags(negated, hypothetical, future, historical)


def detect(sentence: str, lang: str | None, trigger_start: int, trigger_end: int,
           anchor: dt.date | None, event_date: dt.date | None) -> Flags:
    """The four PLOVER flags of the event whose trigger is ``sentence[trigger_start:trigger_end]``."""
    return _detect(sentence, lang or "en", trigger_start, trigger_end, anchor, event_date)
