"""Line-level boilerplate rules: cue lexicons plus shape features.

A scraped article carries lines that are not news: comment prompts, photo
credits and captions, "read also" teasers, share/subscribe calls, cookie
notices, source and copyright lines, tag lists, navigation crumbs.  Each line
is judged on its own, without knowing the article's language, by two kinds of
evidence:

* **cue lexicons**, one JSON file per language in ``newsgraph/data/boilerplate``
  (see its README).  All languages are merged into one set of compiled
  patterns, so an English credit inside a Russian article is caught as well
  as a Russian one.  A file has four kinds of cue:

  - ``labels``  a label followed by a separator (``Source: Reuters``,
    ``Фото: ТАСС``, ``Lire aussi : ...``); the rest after the label must be as
    short as the label's kind allows (a source is a name, a teaser a headline);
  - ``phrases`` a whole short line, or the start of a short line without
    closing punctuation (``Share on Facebook``, ``Подписывайтесь на ...``);
    one-word phrases must be the whole line (``Advertisement``, ``Реклама``);
  - ``contains`` phrases decisive anywhere (``all rights reserved``);
  - ``cta``  call-to-action verbs, boilerplate only on a short line that also
    names a platform from ``common.json`` (``Sigue ... en Facebook``) or, without
    closing punctuation, one of the language's ``objects`` -- the page itself
    (``Partager cet article``, ``Bu haberi paylaş``).  Verbs and objects match as
    word prefixes, so inflected forms need no listing.

* **shape features** that need no lexicon: a trailing agency credit
  (``... REUTERS/Name``, ``... / AFP``), a caption's last chunk being a credit
  label, navigation crumbs (``Home > World > Europe``), a line that is only a
  link, only symbols, only a date/time, a ``© 2024`` copyright, a
  ``More In Politics MORE...`` teaser.

Real news lines that merely contain "photo" or "source" are protected by the
label shape (a separator must follow the label) and the length limits.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ._resources import read_json
from .errors import ResourceError

__all__ = ["LEXICON_LANGS", "classify", "line_key"]

# Languages that have a cue file in newsgraph/data/boilerplate/<lang>.json.
LEXICON_LANGS = ("en", "it", "ro", "ru", "uk", "pl", "es", "fr", "de", "tr", "ar")

# Longest "rest" after a label, in words, per kind of label.  A source or a
# credit is a name or two ("Source: Reuters", "Photo: Name/AFP via Getty Images"),
# a teaser is a headline (rarely over 20 words), a tag list can be long but is
# comma-separated.  Chosen from the shapes of these lines, not from the eval set.
LABEL_REST_MAX_WORDS = {
    "source": 8,
    "credit": 16,
    "see_also": 30,
    "tags": 40,
    "byline": 8,
    "updated": 8,
}
# A "phrase" cue may start a line of at most this many words; longer lines are prose.
PHRASE_MAX_WORDS = 16
# ...and a line starting with one may end in sentence punctuation only if it is this short.
PHRASE_PUNCT_MAX_WORDS = 8
# A call-to-action with a platform name ("Follow us on Telegram") is boilerplate up to this length.
CTA_MAX_WORDS = 15
# A call to action about the page itself ("Partager cet article") is at most this long.
CTA_OBJECT_MAX_WORDS = 8
# A caption ending in a credit is rarely longer than this (two sentences of description).
CAPTION_MAX_WORDS = 60
# Notices found by "contains" cues (cookie, comment-form, copyright) are at most ~50
# words long; longer lines are prose and are not searched (saves time on news paragraphs).
CONTAINS_MAX_WORDS = 60
# Exact-phrase lines ("Advertisement", "Comments (12)") are at most this many words.
EXACT_MAX_WORDS = 8
# A line that is only links/handles is short; longer lines are not checked for it.
LINK_MAX_WORDS = 12
# The name after "AGENCY/" in a trailing credit has at most this many words
# ("REUTERS/Riccardo De Luca"); more is prose ("a Reuters/Ipsos poll conducted in ...").
CREDIT_NAME_MAX_WORDS = 3
# A trailing credit ("REUTERS/Name Surname/File Photo") fits in this many final characters.
CREDIT_TAIL_CHARS = 100
# A "©" anywhere marks a copyright line up to this length (longer: quoted prose).
COPYRIGHT_MAX_WORDS = 30
# Navigation crumbs: parts of at most this many words, at least this many parts.
CRUMB_PART_MAX_WORDS = 4
CRUMB_MIN_PARTS = 3
CRUMB_MAX_PARTS = 8
# A date/time-only line: at most this many words without digits (month, "GMT").
DATELINE_MAX_ALPHA_WORDS = 2
DATELINE_MAX_WORDS = 6
# A byline without a separator ("By Staff | 23 Nov 2023") has at most this many words.
BYLINE_MAX_WORDS = 12
# "More In Politics MORE..." style teasers have at most this many words.
MORE_MARK_MAX_WORDS = 8

_TERMINAL = tuple(".!?…。؟۔")
_SEP_RE = r"(?P<sep>\s*[:：|]|\s+[-–—]\s|\.(?=\s)|,(?=\s))"
_DATE_OR_TIME_RE = re.compile(
    r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d{2}\b"
)
# "2 min read", "Lesezeit: 3 Minuten", "5 мин", "3 dk okuma", "Temps de lecture : 4 min"
_READ_TIME_RE = re.compile(
    r"^(?:\d{1,2}\s*(?:min(?:ute)?s?|мин(?:ут[аы]?)?|хв(?:илин[аи]?)?|dk|minut[ey]?|minutos?|minuti)\.?"
    r"(?:\s+(?:read|reading|de lectura|di lettura|okuma|czytania|чтения|читання|de citire))?"
    r"|(?:lesezeit|temps de lecture|tiempo de lectura|reading time|время чтения)\s*:?\s*\d{1,2}.{0,10})$",
    re.IGNORECASE,
)
_COPYRIGHT_RE = re.compile(r"^(?:(?:copyright|\(c\))\s*(?:©\s*)?(?:19|20)\d{2}|©)", re.IGNORECASE)
_CRUMB_SPLIT_RE = re.compile(r"\s+[>»›→/|]\s+")
_CRUMB_SEPARATORS = (" > ", " » ", " › ", " → ", " / ", " | ")
_LINK_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|@\w{2,}|\b[\w-]+\.(?:com|org|net|ru|ua|ro|it|pl|es|fr|de|tr|am|by|info)(?:/\S*)?\b")
_LETTER_RE = re.compile(r"[^\W\d_]")
_DIGIT_RE = re.compile(r"\d+")
_COUNT_RE = re.compile(r"[\d()\[\]]+")


@dataclass(frozen=True)
class _Words:
    """Single words by their first two letters, and multi-word phrases, for fast look-up."""

    by_start: dict[str, tuple[str, ...]]
    phrases: tuple[str, ...]


def _words(items: list[str]) -> _Words:
    by_start: dict[str, list[str]] = {}
    phrases = []
    for item in set(items):
        if " " in item:
            phrases.append(item)
        else:
            by_start.setdefault(item[:2], []).append(item)
    return _Words({k: tuple(v) for k, v in by_start.items()}, tuple(phrases))


_EDGE_PUNCT = "\"'“”„«»‘’()[].,:;!?*|/"


def _has_word(table: _Words, low: str, words: list[str], prefix: bool) -> bool:
    """Whether a word of the line starts with (``prefix``) or is one of ``table``'s words.

    A whole-word match ignores a Turkish case suffix after an apostrophe ("Telegram'da").
    """
    for raw_word in words:
        word = raw_word.strip(_EDGE_PUNCT)
        for stem in table.by_start.get(word[:2], ()) + table.by_start.get(word[:1], ()):
            if word.startswith(stem) if prefix else (word == stem or word.split("'")[0] == stem):
                return True
    return any(phrase in low for phrase in table.phrases)


@dataclass(frozen=True)
class _Rules:
    label_re: re.Pattern[str]
    label_kind: dict[str, str]
    paren_label_re: re.Pattern[str]
    phrase_re: re.Pattern[str]
    phrase_kind: dict[str, str]
    exact: dict[str, str]
    contains_kind: dict[str, str]
    contains_by_word: dict[str, tuple[tuple[str, str], ...]]
    cta: _Words
    platforms: _Words
    objects: _Words
    home: frozenset[str]
    credit_tail_re: re.Pattern[str]
    more_tail_re: re.Pattern[str]
    more_last_chars: frozenset[str]


def normalise(line: str) -> str:
    """Casefolded line with typographic variants folded (apostrophes, ё, Turkish dotted I)."""
    low = unicodedata.normalize("NFC", line.casefold()).replace("\u0307", "")
    return low.replace("’", "'").replace("ё", "е").strip()


def line_key(line: str) -> str:
    """Key under which a line is counted across articles of one source.

    Casefolded, each run of digits replaced by ``0`` (so "Comments (12)" and "Comments (3)"
    share a key), whitespace collapsed, surrounding punctuation dropped.
    """
    return _key_of_normalised(normalise(line))


def _key_of_normalised(low: str) -> str:
    low = " ".join(_DIGIT_RE.sub("0", low).split())
    return low.strip(" .,:;!?-–—|*•·\"'«»()[]")


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(x) for x in sorted(set(items), key=len, reverse=True))


def _phrase_boundary() -> str:
    # end of a phrase: end of line, whitespace or punctuation other than a hyphen/apostrophe
    return r"(?=$|[\s:：,.;!?()\[\]|»>\"“”«…])"


def _by_first_word(phrases: dict[str, str]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Phrases grouped by their first word, so a line is searched only for phrases it may hold."""
    out: dict[str, list[tuple[str, str]]] = {}
    for phrase, kind in phrases.items():
        out.setdefault(phrase.split()[0], []).append((phrase, kind))
    return {word: tuple(items) for word, items in out.items()}


@functools.cache
def _rules() -> _Rules:
    label_kind: dict[str, str] = {}
    phrase_kind: dict[str, str] = {}
    exact: dict[str, str] = {}
    contains_kind: dict[str, str] = {}
    cta: list[str] = []
    objects: list[str] = []
    home: set[str] = set()
    for lang in LEXICON_LANGS:
        lex = read_json("boilerplate", f"{lang}.json")
        if not isinstance(lex, dict):
            raise ResourceError(f"boilerplate/{lang}.json is not an object")
        for kind, labels in lex.get("labels", {}).items():
            for label in labels:
                label_kind[normalise(label)] = kind
        for kind, phrases in lex.get("phrases", {}).items():
            for phrase in phrases:
                norm = normalise(phrase)
                exact[norm] = kind
                if len(norm.split()) > 1 or "-" in norm:
                    phrase_kind[norm] = kind
        for kind, phrases in lex.get("contains", {}).items():
            for phrase in phrases:
                contains_kind[normalise(phrase)] = kind
        cta += [normalise(v) for v in lex.get("cta", [])]
        objects += [normalise(v) for v in lex.get("objects", [])]
        home |= {normalise(h) for h in lex.get("home", [])}
    common = read_json("boilerplate", "common.json")
    agencies: list[str] = common["agencies"]
    platforms = [normalise(p) for p in common["platforms"]]
    boundary = _phrase_boundary()
    agency_alt = _alternation(agencies)
    credit_tail = (
        rf"(?:(?<![\w/])(?:{agency_alt})\s*/\s*[^\s/.]+(?:[ '-][^\s/.]+){{0,{CREDIT_NAME_MAX_WORDS - 1}}}"
        rf"(?:\s*/\s*[^/.]{{2,30}})?"
        rf"|(?:/|\bvia)\s*(?:{agency_alt}))\)?\s*$"
    )
    more_tail = _alternation(common["more_marks"])
    return _Rules(
        label_re=re.compile(rf"^[(\[«\"]?\s*(?P<label>{_alternation(list(label_kind))}){_SEP_RE}\s*(?P<rest>.*)$"),
        label_kind=label_kind,
        paren_label_re=re.compile(rf"^\(\s*(?P<label>{_alternation(list(label_kind))})(?P<sep>\s)\s*(?P<rest>.*)$"),
        phrase_re=re.compile(rf"^(?:{_alternation(list(phrase_kind))}){boundary}"),
        phrase_kind=phrase_kind,
        exact=exact,
        contains_kind=contains_kind,
        contains_by_word=_by_first_word(contains_kind),
        cta=_words(cta),
        platforms=_words(platforms),
        objects=_words(objects),
        home=frozenset(home),
        credit_tail_re=re.compile(credit_tail),
        more_tail_re=re.compile(rf"(?:{more_tail})\s*$"),
        more_last_chars=frozenset(mark[-1] for mark in common["more_marks"]),
    )


def _paren_label(rules: _Rules, low: str) -> re.Match[str] | None:
    """A credit in parentheses may omit the separator: "(Foto Ansa/Epa)", "(Photo by ...)"."""
    if not (low.startswith("(") and low.endswith(")")):
        return None
    m = rules.paren_label_re.match(low)
    if m is None or rules.label_kind[m.group("label")] != "credit":
        return None
    return m


def _byline_reason(rules: _Rules, low: str, n_words: int) -> str | None:
    """"By Staff Reporter | November 23, 2023": a byline label, a name, then a date or a "|"."""
    first = low.split(" ", 1)[0]
    if rules.label_kind.get(first) != "byline" or n_words > BYLINE_MAX_WORDS or low.endswith(_TERMINAL):
        return None
    return "byline" if "|" in low or _DATE_OR_TIME_RE.search(low) else None


def _label_reason(rules: _Rules, low: str, n_words: int, allow_paren: bool = True) -> str | None:
    m = rules.label_re.match(low)
    if m is None and allow_paren:
        m = _paren_label(rules, low)
    if m is None:
        return None
    label, sep, rest = m.group("label"), m.group("sep").strip(), m.group("rest").strip(" )]")
    kind = rules.label_kind[label]
    if sep == "." and len(label) > 3:  # "Fot. PAP" yes, "Source. The..." no
        return None
    if sep == "," and kind != "credit":  # "Image caption, ..." only
        return None
    rest_words = len(rest.split())
    if rest_words == 0:
        return kind
    if rest_words > LABEL_REST_MAX_WORDS.get(kind, PHRASE_MAX_WORDS):
        return None
    if kind == "tags" and rest_words > 6 and "," not in rest and "،" not in rest:
        return None
    if kind == "updated" and not _DATE_OR_TIME_RE.search(rest):
        return None
    if kind in ("source", "credit", "byline", "tags") and rest.endswith(_TERMINAL) and rest_words > 3:
        return None  # a sentence after the label: "Source: the ministry said it would ..."
    return kind


def _only_links(line: str, words: list[str]) -> bool:
    """The line is nothing but URLs, e-mail addresses or @handles."""
    if not all("." in w or "@" in w or "/" in w or not _LETTER_RE.search(w) for w in words):
        return False  # a plain word: not a link-only line (cheap test first)
    rest, found = _LINK_RE.subn("", line)
    return found > 0 and not _LETTER_RE.search(rest)


def _shape_reason(rules: _Rules, line: str, low: str, words: list[str]) -> str | None:
    n = len(words)
    if not _LETTER_RE.search(line):
        return "symbols"
    if n <= DATELINE_MAX_WORDS and _DATE_OR_TIME_RE.search(line):
        alpha = [w for w in words if not any(c.isdigit() for c in w)]
        if len(alpha) <= DATELINE_MAX_ALPHA_WORDS and not line.endswith(_TERMINAL):
            return "dateline"
    if n <= DATELINE_MAX_WORDS and _READ_TIME_RE.match(low):
        return "meta"
    if _COPYRIGHT_RE.match(low) or ("©" in line and n <= COPYRIGHT_MAX_WORDS):
        return "copyright"
    if n <= MORE_MARK_MAX_WORDS and line[-1] in rules.more_last_chars and rules.more_tail_re.search(line):
        return "see_also"
    crumbs = n <= CRUMB_MAX_PARTS * CRUMB_PART_MAX_WORDS and any(sep in low for sep in _CRUMB_SEPARATORS)
    parts = _CRUMB_SPLIT_RE.split(low) if crumbs else [low]
    if (
        len(parts) >= 2
        and all(0 < len(p.split()) <= CRUMB_PART_MAX_WORDS for p in parts)
        and (len(parts) >= CRUMB_MIN_PARTS or parts[0].strip() in rules.home)
        and not line.endswith(_TERMINAL)
    ):
        return "nav"
    if n <= CAPTION_MAX_WORDS:
        tail_from = max(0, len(line) - CREDIT_TAIL_CHARS)
        if "/" in line[tail_from:] and rules.credit_tail_re.search(line, tail_from):
            return "credit"
        # "Description of the picture. Foto: Agency" -- a credit label in the last chunk
        cut = max(line.rfind(". "), line.rfind("。"))
        if cut > 0 and len(line) - cut <= CREDIT_TAIL_CHARS:
            tail = normalise(line[cut + 2 :])
            if _label_reason(rules, tail, len(tail.split()), allow_paren=False) == "credit":
                return "credit"
    return None


def classify(line: str) -> str | None:
    """Why ``line`` is boilerplate (a short reason), or None for a news line.

    Results are cached: site furniture repeats across the articles of a source.
    """
    return _classify_cached(line.strip())


# Distinct lines remembered per process.  Boilerplate repeats across a source's
# articles; 50,000 lines of ~200 characters cost ~15 MB.
CLASSIFY_CACHE_SIZE = 50_000


@functools.lru_cache(maxsize=CLASSIFY_CACHE_SIZE)
def _classify_cached(line: str) -> str | None:
    return _classify(line)


def _classify(line: str) -> str | None:
    if not line:
        return "empty"
    rules = _rules()
    low = normalise(line)
    words = low.split()
    n = len(words)
    reason = _label_reason(rules, low, n) or _byline_reason(rules, low, n)
    if reason is not None:
        return reason
    if n <= EXACT_MAX_WORDS:
        bare = _key_of_normalised(_COUNT_RE.sub(" ", low))
        if bare in rules.exact:
            return rules.exact[bare]
    m = rules.phrase_re.match(low)
    if m is not None and n <= PHRASE_MAX_WORDS and (n <= PHRASE_PUNCT_MAX_WORDS or not line.endswith(_TERMINAL)):
        return rules.phrase_kind[m.group(0)]
    if n <= CONTAINS_MAX_WORDS:
        for word in rules.contains_by_word.keys() & set(words):
            for phrase, kind in rules.contains_by_word[word]:
                if phrase in low:
                    return kind
    if n <= LINK_MAX_WORDS and _only_links(line, words):
        return "link"
    if n <= CTA_MAX_WORDS and _has_word(rules.cta, low, words, prefix=True):
        if _has_word(rules.platforms, low, words, prefix=False):
            return "share"
        # "Share this article", "Ascolta questo articolo", "Bu haberi paylaş": a call to
        # action on the page itself, short and without closing punctuation
        if (
            n <= CTA_OBJECT_MAX_WORDS
            and not line.endswith(_TERMINAL)
            and _has_word(rules.objects, low, words, prefix=True)
        ):
            return "share"
    return _shape_reason(rules, line, low, words)
