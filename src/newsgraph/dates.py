"""Explicit dates in a sentence, resolved against the article date.

Design.  ``dateparser.search_dates`` costs ~4 ms a sentence and fires on words
such as Romanian "mai" (= "more") or English "may", so the per-sentence path
does not use it.  Instead each language has a small table of patterns compiled
once (``_grammar``), built from

* ``data/dates/calendar.json`` - CLDR month and weekday names (scripts/build_dates.py);
* ``data/dates/<lang>.tsv`` - hand-written inflected forms ("в марте", "w marcu"),
  relative expressions ("вчера", "hace 3 días"), the prepositions that let a
  bare month or year count as a date, and guards (Romanian bare "mai").

A sentence first goes through a token pre-filter (a digit, or a token whose
first letters match a cue word); only then are the patterns run, each after a
cheap exact gate (a digit, four digits, a month or weekday form, one search of
all relative expressions) that skips the patterns which cannot match.  Among the
matches the most precise wins (day > month > year), an explicit date before a
relative one, then the longest of overlapping ones, then the earliest.

Resolution follows news usage: a weekday is the most recent such day on or
before the anchor (the next one after "next"/"prossimo" or with a future cue
near the date: "will", "va", "-rá"); a day-month or month without a year takes
the year that puts it nearest the anchor, strongly preferring the past unless a
future cue is near; "last week" is the anchor minus seven days.  Numbers in
"three years ago" may be written as words (1-10, 20, 30).
Month precision dates are the 1st of the month, year precision the 1st of
January.  ``dateparser`` is used only by :func:`parse_article_date` as the last
fallback for metadata strings.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import re
from dataclasses import dataclass, field

from ._resources import read_json, read_text

__all__ = ["LANGS", "DateRef", "parse_article_date", "resolve"]

LANGS = ("en", "it", "ro", "ru", "uk", "pl", "es", "fr", "de", "tr", "ar")
# Languages whose month/weekday names are capitalised while the same word in lower case
# is common ("may", "march"; German nouns; Turkish "ocak" = furnace, "pazar" = market).
CASED_CALENDAR = frozenset({"en", "de", "tr"})
# Years outside this range are numbers, not dates ("2500 troops").
MIN_YEAR, MAX_YEAR = 1900, 2099
# Past bias when choosing the year of "12 March" or "in May": a future candidate counts as
# this many times further away, since news mostly reports what happened.  30 keeps "on
# 20 March" in a 14 March article in this year (a date a few days ahead is usually a
# scheduled event) but reads "met on December 14" in a November article, or a past-tense
# "in May" in March, as last year; a future cue near the date ("will", "va", "будет")
# flips the bias instead.
FUTURE_PENALTY = 30.0
# Prefix length used by the cheap pre-filter (long enough to avoid matching most words,
# short enough to cover inflections: "марта"/"марте" share "март").
PREFIX = 4
# Characters either side of a date searched for a future cue ("will meet on Tuesday",
# "on Tuesday the talks will resume"); a cue further away usually governs another verb.
FUTURE_REACH = 40
CACHE_SIZE = 65536  # distinct (sentence, lang, anchor) triples kept
# Words remembered per language as starting like no date word (the pre-filter's memo); news
# vocabulary is Zipfian, so 100k words cover a large corpus (~10 MB at most); cleared when full.
PLAIN_MEMO_WORDS = 100_000

_NORMALISE = str.maketrans({"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț", "’": "'", "ʼ": "'", "`": "'"})
_TO_NORMALISE = re.compile("[" + "".join(map(chr, _NORMALISE)) + "]")
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_DIGIT = re.compile(r"\d")
_FOUR_DIGITS = re.compile(r"\d{4}")  # gate of the patterns that hold a year
_NUMERIC_DATE = re.compile(r"\d[./]\d")  # gate of "12.03.2024", "3/12/24"
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
_NEEDS_DIGIT = frozenset({"iso", "dmy", "dm", "md", "my", "y"})  # pattern kinds that hold a number
_NEEDS_YEAR = frozenset({"iso", "my", "y"})  # pattern kinds that hold four digits (a year)
_NEEDS_MONTH = frozenset({"dm", "md", "my", "pm"})  # pattern kinds that hold a month form
_NEEDS_NO_FUTURE = frozenset({"iso", "dmy", "y"})  # kinds always resolved from their own year


@dataclass(frozen=True)
class DateRef:
    date: dt.date
    precision: str  # day | month | year
    surface: str
    start: int
    end: int


@dataclass(frozen=True)
class _Grammar:
    lang: str
    patterns: tuple[tuple[str, re.Pattern[str]], ...]  # (kind, compiled)
    rel: tuple[tuple[re.Pattern[str], str], ...]  # (compiled, spec)
    months: dict[str, int]  # lower-cased form -> 1..12
    weekdays: dict[str, int]  # lower-cased form -> 0..6 (Monday = 0)
    next_re: re.Pattern[str] | None
    future_re: re.Pattern[str] | None
    weekday_block: re.Pattern[str] | None
    weekday_guarded: frozenset[str]  # forms that need weekday_after ("Pazar" + "günü")
    weekday_after: re.Pattern[str] | None
    numbers: dict[str, int]  # number words for "three years ago"
    prefixes: frozenset[str]
    # Exact gates (a pattern cannot match where its gate finds nothing): one search of every
    # month form, of every weekday form, and of all relative expressions at once, with the
    # same case rules as the patterns, stands in for several pattern scans of a sentence.
    month_gate: re.Pattern[str]
    weekday_gate: re.Pattern[str]
    rel_gate: re.Pattern[str] | None
    plain_words: set[str] = field(default_factory=set, compare=False)  # memo of :func:`_cue_word`


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _rows(lang: str) -> list[tuple[str, str, str]]:
    rows = []
    for line in read_text("dates", f"{lang}.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        parts += [""] * (3 - len(parts))
        rows.append((parts[0], parts[1], parts[2]))
    return rows


@functools.cache
def _grammar(lang: str) -> _Grammar:
    cal = read_json("dates", "calendar.json")[lang]
    rows = _rows(lang)
    kinds: dict[str, list[str]] = {}
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    full_forms: list[str] = []
    for i, forms in enumerate(cal["months"]):
        for f in forms:
            months[f.lower()] = i + 1
            full_forms.append(f)
    abbr_forms = [f for i, forms in enumerate(cal["months_abbr"]) for f in forms]
    for i, forms in enumerate(cal["months_abbr"]):
        for f in forms:
            months.setdefault(f.lower(), i + 1)
    wd_forms: list[str] = []
    for i, forms in enumerate(cal["weekdays"]):
        for f in forms:
            weekdays[f.lower()] = i
            wd_forms.append(f)
    rel: list[tuple[str, str]] = []
    numbers: dict[str, int] = {}
    for kind, value, spec in rows:
        if kind == "num":
            numbers.update({w.lower(): int(spec) for w in value.split("|")})
            continue
        if kind == "month":
            months[value.lower()] = int(spec)
            full_forms.append(value)
        elif kind == "weekday":
            weekdays[value.lower()] = int(spec) - 1
            wd_forms.append(value)
        elif kind == "rel":
            rel.append((value, spec))
        else:
            kinds.setdefault(kind, []).append(value)
    guarded = {g.lower() for g in kinds.get("guard", [])}
    bare = [f for f in full_forms if f.lower() not in guarded]
    cased = lang in CASED_CALENDAR
    ci = "" if cased else "(?i)"

    def grp(body: str) -> str:
        return f"(?:{body})" if cased else f"(?i:{body})"

    mon_all = grp(_alt(full_forms + abbr_forms))
    mon_full = grp(_alt(full_forms))
    mon_bare = grp(_alt(bare))
    wd = grp(_alt(wd_forms))
    pats: list[tuple[str, str]] = [
        ("iso", r"(?<![\d.])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
        ("dmy", r"(?<![\d.,])(?P<d>\d{1,2})(?P<sep>[./])(?P<m>\d{1,2})[./](?P<y>\d{4}|\d{2})(?![\d.,]\d)"),
        (
            "dm",
            rf"(?<![\d.,])(?P<d>\d{{1,2}})(?:\.|er|-?го|-?е|º|ª)?\s*(?i:de\s+|di\s+)?(?P<mon>{mon_all})\.?"
            rf"(?!\w)(?:,?\s+(?i:de\s+|del\s+)?(?P<y>\d{{4}})(?!\d))?",
        ),
        ("my", rf"(?<!\w)(?P<mon>{mon_full})\s+(?i:de\s+|del\s+|di\s+)?(?P<y>\d{{4}})(?!\d)"),
        ("wd", rf"(?<!\w)(?P<wd>{wd})(?!\w)"),
    ]
    if lang == "en":
        pats.append(
            ("md", rf"(?<!\w)(?P<mon>{mon_all})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y>\d{{4}}))?")
        )
    if kinds.get("prep_month"):
        prep = "|".join(kinds["prep_month"])
        pats.append(("pm", rf"(?<!\w)(?i:{prep})(?:\s+|(?<=-))(?i:(?:de|di|lui|of)\s+)?(?P<mon>{mon_bare})(?!\w)"))
    if guarded and kinds.get("guard_prep"):
        gp = "|".join(kinds["guard_prep"])
        pats.append(("pm", rf"(?<!\w)(?i:{gp})\s+(?P<mon>{grp(_alt(sorted(guarded)))})(?!\w)"))
    if kinds.get("after_month"):
        after = "|".join(kinds["after_month"])
        pats.append(("pm", rf"(?<!\w)(?P<mon>{mon_bare})(?:\s+|(?=')){grp(after)}(?!\w)"))
    if kinds.get("prep_year"):
        prep = "|".join(kinds["prep_year"])
        pats.append(("y", rf"(?<!\w)(?i:{prep})\s+(?P<y>\d{{4}})(?![\d,.]\d)"))
    if kinds.get("year_after"):
        after = "|".join(kinds["year_after"])
        pats.append(("y", rf"(?<![\d.,])(?P<y>\d{{4}})\s*(?i:{after})(?!\w)"))
    patterns = tuple((kind, re.compile(ci + p if kind in {"iso", "dmy"} else p)) for kind, p in pats)
    num_group = "(?P<n>" + r"\d+" + ("|" + _alt(list(numbers)) if numbers else "") + ")"
    rel_c = tuple(
        (re.compile(r"(?i)(?<!\w)(?:" + r.replace(r"(?P<n>\d+)", num_group) + r")(?!\w)"), spec)
        for r, spec in rel
    )

    def opt(kind: str) -> re.Pattern[str] | None:
        vals = kinds.get(kind)
        return re.compile(rf"(?i)(?<!\w)(?:{'|'.join(vals)})(?!\w)") if vals else None

    words = [w.lower() for w in list(months) + list(weekdays)]
    for r, _ in rel:  # the longest word of each alternative ("yesterday", not "the")
        for alt in re.sub(r"\(\?[^:)]*[:)]", "", r).split("|"):
            found = re.findall(r"[^\W\d_]{2,}", alt)
            if found:
                words.append(max(found, key=len).lower())
    prefixes = frozenset(w[:PREFIX] for w in words if w)
    rel_alts = [r.replace(r"(?P<n>\d+)", num_group.replace("(?P<n>", "(?:", 1)) for r, _ in rel]
    return _Grammar(
        lang=lang,
        patterns=patterns,
        rel=rel_c,
        months=months,
        weekdays=weekdays,
        next_re=opt("next"),
        future_re=opt("future"),
        weekday_block=opt("weekday_block"),
        weekday_guarded=frozenset(w.lower() for w in kinds.get("wd_guard", [])),
        weekday_after=opt("wd_guard_after"),
        numbers=numbers,
        prefixes=prefixes,
        month_gate=re.compile(grp(_alt(full_forms + abbr_forms + sorted(guarded)))),
        weekday_gate=re.compile(wd),
        rel_gate=re.compile(r"(?i)(?<!\w)(?:" + "|".join(f"(?:{r})" for r in rel_alts) + r")(?!\w)") if rel else None,
    )


def _cue_word(text: str, g: _Grammar) -> bool:
    """Whether a token of ``text`` starts like a month, weekday or relative-date word (the
    pre-filter of a sentence without a digit)."""
    toks = _TOKEN.findall(text)
    plain = g.plain_words  # tokens known not to be cue words (news vocabulary is Zipfian)
    if plain.issuperset(toks):
        return False
    if len(plain) > PLAIN_MEMO_WORDS:
        plain.clear()
    for tok in toks:
        if tok not in plain:
            if tok.lower()[:PREFIX] in g.prefixes:
                return True
            plain.add(tok)
    return False


def _nearest_year(month: int, day: int, anchor: dt.date, future_bias: bool) -> dt.date | None:
    best: tuple[float, dt.date] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        delta = (cand - anchor).days
        preferred = delta >= 0 if future_bias else delta <= 0
        cost = abs(delta) * (1.0 if preferred else FUTURE_PENALTY)
        if best is None or cost < best[0]:
            best = (cost, cand)
    return best[1] if best else None


def _shift_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _from_rel(spec: str, m: re.Match[str], anchor: dt.date, g: _Grammar) -> tuple[dt.date, str] | None:
    unit, _, sign = spec.partition(":")
    k = int(sign)
    if unit.startswith("n"):
        count = m.group("n")
        k *= int(count) if count.isdigit() else g.numbers[count.lower()]
        unit = unit[1:]
    try:
        if unit == "d":
            return anchor + dt.timedelta(days=k), "day"
        if unit == "w":
            return anchor + dt.timedelta(days=7 * k), "day"
        if unit == "m":
            return _shift_month(anchor, k), "month"
        if unit == "y":
            return dt.date(anchor.year + k, 1, 1), "year"
    except (ValueError, OverflowError):
        return None
    return None


def _year_ok(y: int) -> bool:
    return MIN_YEAR <= y <= MAX_YEAR


def _from_match(kind: str, m: re.Match[str], g: _Grammar, text: str, anchor: dt.date | None,
                future: bool) -> tuple[dt.date, str] | None:
    groups = m.groupdict()
    year = int(groups["y"]) if groups.get("y") else None
    if year is not None and year < 100:
        year += 2000
    if year is not None and not _year_ok(year):
        return None
    try:
        if kind in {"iso", "dmy"}:
            assert year is not None
            d, mo = int(groups["d"]), int(groups["m"])
            us_order = g.lang == "en" and groups.get("sep") == "/"  # English slashes: 3/12/2024 = March 12
            if kind == "dmy" and (mo > 12 or (us_order and d <= 12)) and d <= 12:
                d, mo = mo, d
            return dt.date(year, mo, d), "day"
        if kind in {"dm", "md"}:
            mo = g.months[m.group("mon").lower()]
            d = int(groups["d"])
            if year is not None:
                return dt.date(year, mo, d), "day"
            if anchor is None or not 1 <= d <= 31:
                return None
            got = _nearest_year(mo, d, anchor, future)
            return (got, "day") if got else None
        if kind in {"my", "pm"}:
            mo = g.months[m.group("mon").lower()]
            if year is not None:
                return dt.date(year, mo, 1), "month"
            if anchor is None:
                return None
            got = _nearest_year(mo, 1, anchor, future)
            return (got, "month") if got else None
        if kind == "y":
            assert year is not None
            return dt.date(year, 1, 1), "year"
        if kind == "wd":
            if anchor is None:
                return None
            if g.weekday_block is not None:
                before = text[max(0, m.start() - 20) : m.start()].split()
                if before and g.weekday_block.fullmatch(before[-1]):
                    return None
            form = m.group("wd").lower()
            if form in g.weekday_guarded and not (g.weekday_after and g.weekday_after.match(text, m.end() + 1)):
                return None
            wd = g.weekdays[form]
            around = text[max(0, m.start() - 25) : m.end() + 25]
            is_next = bool(g.next_re and g.next_re.search(around)) or future
            if is_next:
                ahead = (wd - anchor.weekday()) % 7 or 7
                return anchor + dt.timedelta(days=ahead), "day"
            return anchor - dt.timedelta(days=(anchor.weekday() - wd) % 7), "day"
    except (ValueError, KeyError):
        return None
    return None


@functools.lru_cache(maxsize=CACHE_SIZE)
def _resolve(text: str, lang: str, anchor: dt.date | None) -> DateRef | None:
    g = _grammar(lang)
    norm = text.translate(_NORMALISE) if _TO_NORMALISE.search(text) else text
    digit = _DIGIT.search(norm) is not None
    month: bool | None = None  # a month form occurs (searched once, when first needed)
    if not digit:
        # only the month, weekday and relative patterns can match: their gates come first, as
        # they are cheaper than the pre-filter
        month = g.month_gate.search(norm) is not None
        if not month and (anchor is None or (g.weekday_gate.search(norm) is None
                                             and (g.rel_gate is None or g.rel_gate.search(norm) is None))):
            return None
        if not _cue_word(norm, g):
            return None
    found: list[tuple[int, int, int, int, dt.date, str]] = []
    year: bool | None = None  # four digits in a row occur (searched once, when first needed)
    for kind, pat in g.patterns:
        # skip the patterns that cannot match or cannot resolve: numeric ones without a digit
        # (year ones without four digits in a row), month ones without a month form, weekdays
        # without a weekday or an anchor
        if kind in _NEEDS_DIGIT and not digit:
            continue
        if kind in _NEEDS_YEAR:
            if year is None:
                year = _FOUR_DIGITS.search(norm) is not None
            if not year:
                continue
        if kind == "dmy" and _NUMERIC_DATE.search(norm) is None:
            continue
        if kind in _NEEDS_MONTH:
            if month is None:
                month = g.month_gate.search(norm) is not None
            if not month:
                continue
        if kind == "wd" and (anchor is None or g.weekday_gate.search(norm) is None):
            continue
        for m in pat.finditer(norm):
            # the future cue matters only for a date without a year resolved against the anchor
            future = False
            if anchor is not None and kind not in _NEEDS_NO_FUTURE and not m.groupdict().get("y"):
                near = norm[max(0, m.start() - FUTURE_REACH) : m.end() + FUTURE_REACH]
                future = bool(g.future_re and g.future_re.search(near))
            got = _from_match(kind, m, g, norm, anchor, future)
            if got:
                relative = int(kind == "wd")
                found.append((_PRECISION_RANK[got[1]], relative, m.start(), -(m.end() - m.start()), *got))
    if anchor is not None and g.rel_gate is not None and g.rel_gate.search(norm) is not None:
        for pat, spec in g.rel:
            for m in pat.finditer(norm):
                got = _from_rel(spec, m, anchor, g)
                if got:
                    found.append((_PRECISION_RANK[got[1]], 1, m.start(), -(m.end() - m.start()), *got))
    if not found:
        return None
    # The most precise expression, an explicit date before a relative one ("сегодня, 8
    # ноября"); among overlapping ones the longest ("в марте 2022" over "в марте"), else
    # the earliest.
    found.sort()
    best = found[0]
    for cand in found[1:]:
        if cand[:2] != best[:2] or cand[2] >= best[2] - best[3]:
            break
        if cand[3] < best[3]:
            best = cand
    _, _, start, neg_len, day, precision = best
    end = start - neg_len
    while end > start + 1 and text[end - 1] == ".":  # a sentence full stop after "2 мая."
        end -= 1
    return DateRef(date=day, precision=precision, surface=text[start:end], start=start, end=end)


def resolve(text: str, lang: str | None, anchor: dt.date | None) -> DateRef | None:
    """The explicit date expressed in ``text`` (a sentence), resolved against ``anchor``.

    ``lang`` outside :data:`LANGS` (or None) uses the English patterns plus the
    numeric ones.  Returns None when the sentence names no date.
    """
    code = lang if lang in LANGS else "en"
    return _resolve(text, code, anchor)


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_article_date(value: str) -> dt.date | None:
    """A publication date from a metadata string (ISO, RFC 2822, "12.03.2024", "March 12, 2024")."""
    if not value or not value.strip():
        return None
    m = _ISO_PREFIX.match(value)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    try:
        parsed = email.utils.parsedate_to_datetime(value.strip())
        if parsed is not None:
            return parsed.date()
    except (TypeError, ValueError, IndexError):
        pass
    for lang in LANGS:  # "12 March 2024", "12 marca 2024 r.", "5 травня 2023"
        ref = _resolve(value.strip(), lang, None)
        if ref is not None and ref.precision == "day":
            return ref.date
    if not _YEAR.search(value):
        return None
    import dateparser  # deferred: slow import, rarely needed

    got = dateparser.parse(
        value, languages=list(LANGS), settings={"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY"}
    )
    return got.date() if got else None
