"""The clean stage: drop boilerplate lines and markup residue, keep an offset map.

``clean_text`` works line by line over the ingested ``raw_text``:

1. markup residue inside a line is cut out -- HTML/Angular tags
   (``</p>``, ``< strong_ngcontent-sc93>``), comments, Angular attributes and
   HTML entities (``&nbsp;``);
2. the line is stripped of surrounding whitespace and judged by
   :func:`boilerplate_reason` (cue lexicons + shape features, see
   :mod:`newsgraph._boilerplate_rules`); a line whose :func:`line_key` is in
   ``repeated`` (lines seen in many articles of the same source) is dropped with
   reason ``"repeated"``;
3. right after a short see-also heading ("Related Articles", "Читайте также"),
   headline-shaped lines are teaser links and are dropped too (reason ``"see_also"``);
4. a short line in another script than the rest of the article (an English caption
   left in a Russian or Arabic article) is dropped as ``"caption"``;
5. kept lines are joined with a single ``"\\n"``: every kept line is one
   paragraph of the cleaned text, and blank lines disappear.

Offsets.  Every character of the cleaned text is copied verbatim from the raw
text and covered by exactly one :class:`~newsgraph.records.Segment`, **except
characters clean inserts itself**, which no segment covers:

* the ``"\\n"`` joining two kept lines;
* a single space put where removed markup separated two words
  (``"Minsk</p><p>Moscow"`` -> ``"Minsk Moscow"``);
* the character an HTML entity stands for (``&amp;`` -> ``&``; ``&nbsp;`` is
  treated like removed markup: a space only if it separated two words).

So ``text[s.clean_start:s.clean_start+s.length] == raw[s.raw_start:s.raw_start+s.length]``
holds for every segment, and removing part of a line splits its segment.
"""

from __future__ import annotations

import dataclasses
import html
import re
from dataclasses import dataclass

from ._boilerplate_rules import classify
from ._boilerplate_rules import line_key as _line_key
from .records import Doc, Segment

__all__ = ["CleanResult", "boilerplate_reason", "clean_doc", "clean_text", "line_key"]

# Markup residue found inside scraped lines.  A tag must start right after "<"
# ("<p>", "</strong>") unless its name is Angular-generated ("< strong_ngcontent-sc93>"),
# so that "a < b and c > d" in prose is not taken for a tag.
_RESIDUE_RE = re.compile(
    r"<!--.*?-->"
    r"|</?[A-Za-z][\w:.-]*(?:\s+[^<>]{0,300})?\s*/?>"
    r"|<\s+/?\s*[A-Za-z][\w.-]*(?:_ng|-ng|ng-)[\w.-]*(?:\s+[^<>]{0,300})?\s*/?>"
    r"|\s?_?ng(?:content|host)-[\w-]+(?:=\"[^\"]*\")?"
    r"|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,15});",
    re.DOTALL,
)
# Tags that sit inside a word ("<b>U</b>SA") get no separating space; all others do.
_INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "font", "i", "kbd", "mark", "q", "s", "small", "span",
     "strong", "sub", "sup", "u", "wbr"}
)
# Entities that stand for whitespace: handled like removed markup.
_SPACE_ENTITIES = frozenset({"&nbsp;", "&#160;", "&#xa0;", "&ensp;", "&emsp;", "&thinsp;", "&#8201;", "&#32;"})
# Whitespace stripped around a line (str.strip() keeps BOM and zero-width spaces).
_STRIP = " \t\r\f\v\u00a0\ufeff\u200b\u200c\u200d\u2060\u3000\u2009\u202f"
_TAG_NAME_RE = re.compile(r"<\s*/?\s*([A-Za-z][\w.-]*)")
# A "Related articles" / "Читайте также" heading (a see-also line this short) opens a
# list: the headline-shaped lines right after it (at most LIST_MAX_ITEMS lines of at
# most LIST_ITEM_MAX_WORDS words, without closing punctuation) are teasers too.
# Lengths follow the shape of such link lists: headlines rarely pass 15 words.
LIST_HEADING_MAX_WORDS = 5
LIST_MAX_ITEMS = 10
LIST_ITEM_MAX_WORDS = 15
_CLOSING = tuple(".!?…:;。؟۔\"'”»)")
# A caption in another script (see _foreign_captions): the article's main script must
# cover this share of its kept text (a clear majority even in a three-paragraph article
# holding one long caption), the line at most this many words, and this share of the
# line's letters must be in another script.  A caption is one or two sentences; 0.8
# leaves room for names and acronyms written in the article's script.
DOMINANT_SCRIPT_SHARE = 0.6
FOREIGN_LINE_MAX_WORDS = 40
FOREIGN_SCRIPT_SHARE = 0.8
_QUOTES = "\"'“”„«»‘’‹›「『"
_LETTER_RE = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class CleanResult:
    """Cleaned text, its map back to the raw text, and the dropped lines.

    ``reasons`` runs parallel to ``removed``: why each line was dropped.
    """

    text: str
    segments: tuple[Segment, ...]
    removed: tuple[str, ...]
    reasons: tuple[str, ...] = ()


def line_key(line: str) -> str:
    """Normalised key of a line, for counting lines repeated across one source's articles."""
    return _line_key(line)


def boilerplate_reason(line: str) -> str | None:
    """Why ``line`` is boilerplate ("credit", "share", "see_also", ...), or None if it is news.

    A blank line gives ``"empty"``.
    """
    return classify(line)


def _inserted(match: str) -> tuple[str, bool]:
    """(replacement text, whether it is a word separator) for one residue match."""
    if match.startswith("&"):
        if match.lower() in _SPACE_ENTITIES:
            return "", True
        return html.unescape(match), False  # unchanged when it names no entity
    if match.startswith("<!--") or match.lstrip().startswith(("_ng", "ng")):
        return "", False
    m = _TAG_NAME_RE.match(match)
    name = m.group(1).split("_")[0].lower() if m else ""
    return "", name not in _INLINE_TAGS


def _pieces(raw: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """A line as pieces: (raw_start, raw_end, "") copied runs or (-1, -1, text) inserted text."""
    line = raw[start:end]
    if "<" not in line and "&" not in line and "ngcontent" not in line and "nghost" not in line:
        return [(start, end, "")]
    pieces: list[tuple[int, int, str]] = []
    pos = start
    pending_space = False
    for m in _RESIDUE_RE.finditer(line):
        text, separates = _inserted(m.group(0))
        if text == m.group(0):  # not markup after all ("&foo;" that names no entity): keep it
            continue
        a, b = start + m.start(), start + m.end()
        if a > pos:
            if pending_space and pieces and not raw[pos].isspace():
                pieces.append((-1, -1, " "))
            pending_space = False
            pieces.append((pos, a, ""))
        if text:
            pieces.append((-1, -1, text))
            pending_space = False
        elif separates and pieces:
            last = pieces[-1]
            last_char = raw[last[1] - 1] if last[0] >= 0 else last[2][-1:]
            pending_space = pending_space or (last_char != "" and not last_char.isspace())
        pos = b
    if pos < end:
        if pending_space and pieces and not raw[pos].isspace():
            pieces.append((-1, -1, " "))
        pieces.append((pos, end, ""))
    return pieces


def _strip_pieces(raw: str, pieces: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop surrounding whitespace from a line made of pieces."""
    out = list(pieces)
    while out:
        a, b, text = out[0]
        if a < 0:
            if text.strip(_STRIP):
                break
            out.pop(0)
            continue
        while a < b and raw[a] in _STRIP:
            a += 1
        if a < b:
            out[0] = (a, b, "")
            break
        out.pop(0)
    while out:
        a, b, text = out[-1]
        if a < 0:
            if text.strip(_STRIP):
                break
            out.pop()
            continue
        while b > a and raw[b - 1] in _STRIP:
            b -= 1
        if b > a:
            out[-1] = (a, b, "")
            break
        out.pop()
    return out


def _script(ch: str) -> str:
    """Coarse writing system of a letter: what tells a caption in another script apart."""
    o = ord(ch)
    if o < 0x250 or 0x1E00 <= o <= 0x1EFF:
        return "latin"
    if 0x400 <= o <= 0x52F:
        return "cyrillic"
    if 0x600 <= o <= 0x8FF or 0xFB50 <= o <= 0xFEFF:
        return "arabic"
    if 0x370 <= o <= 0x3FF:
        return "greek"
    if 0x590 <= o <= 0x5FF:
        return "hebrew"
    return "other"


def _first_script(line: str) -> str | None:
    m = _LETTER_RE.search(line)
    return _script(m.group(0)) if m else None


def _foreign_captions(lines: list[str], reasons: list[str | None]) -> None:
    """Mark short kept lines written in another script than the article as captions.

    A caption left in a third language ("Armenian Prime Minister ... in Yerevan" in a
    Russian article) usually carries no credit to recognise it by; its script gives it
    away.  Only lines after the first kept one, of at most FOREIGN_LINE_MAX_WORDS words,
    not opening with a quotation mark, and almost all (FOREIGN_SCRIPT_SHARE) in a script
    that is not the article's dominant one are dropped.  Same-script captions (English in
    an Italian article) stay: the language stage tags their paragraph's language.
    """
    weight: dict[str, int] = {}
    kept = [i for i, r in enumerate(reasons) if r is None]
    scripts = [_first_script(lines[i]) for i in kept]
    for i, script in zip(kept, scripts, strict=True):
        if script is not None:
            weight[script] = weight.get(script, 0) + len(lines[i])
    if len(weight) < 2:
        return  # one script (or none): nothing can be foreign
    total = sum(weight.values())
    main = max(weight, key=weight.__getitem__)
    if weight[main] < DOMINANT_SCRIPT_SHARE * total:
        return
    for i, script in zip(kept[1:], scripts[1:], strict=True):
        line = lines[i]
        if script in (None, main) or line[0] in _QUOTES or len(line.split()) > FOREIGN_LINE_MAX_WORDS:
            continue
        letters = [_script(c) for c in line if c.isalpha()]
        if sum(1 for sc in letters if sc != main) >= FOREIGN_SCRIPT_SHARE * len(letters):
            reasons[i] = "caption"


def clean_text(raw: str, repeated: frozenset[str] = frozenset()) -> CleanResult:
    """Clean ``raw``: drop boilerplate and repeated lines and markup residue (see module doc)."""
    lines: list[str] = []
    line_pieces: list[list[tuple[int, int, str]]] = []
    line_reasons: list[str | None] = []
    pos = 0
    n = len(raw)
    list_items = 0  # how many more lines may be teasers of a see-also list
    while pos <= n:
        nl = raw.find("\n", pos)
        end = n if nl < 0 else nl
        pieces = _strip_pieces(raw, _pieces(raw, pos, end))
        line_start = pos
        pos = end + 1
        if not pieces:
            if raw[line_start:end].strip(_STRIP):  # the whole line was markup
                lines.append(raw[line_start:end].strip(_STRIP))
                line_pieces.append([])
                line_reasons.append("html")
            continue
        if len(pieces) == 1:
            line = raw[pieces[0][0] : pieces[0][1]]
        else:
            line = "".join(raw[a:b] if a >= 0 else t for a, b, t in pieces)
        reason = "repeated" if repeated and _line_key(line) in repeated else classify(line)
        if reason is None and list_items > 0:
            if len(line.split()) <= LIST_ITEM_MAX_WORDS and not line.endswith(_CLOSING):
                reason = "see_also"
                list_items -= 1
            else:
                list_items = 0
        elif reason == "see_also" and len(line.split()) <= LIST_HEADING_MAX_WORDS:
            list_items = LIST_MAX_ITEMS
        elif reason is None:
            list_items = 0
        lines.append(line)
        line_pieces.append(pieces)
        line_reasons.append(reason)
    _foreign_captions(lines, line_reasons)

    parts: list[str] = []
    segments: list[Segment] = []
    removed: list[str] = []
    reasons: list[str] = []
    clean_len = 0
    for line, pieces, reason in zip(lines, line_pieces, line_reasons, strict=True):
        if reason is not None:
            removed.append(line)
            reasons.append(reason)
            continue
        if parts:
            parts.append("\n")
            clean_len += 1
        for a, b, t in pieces:
            if a >= 0:
                segments.append(Segment(clean_start=clean_len, raw_start=a, length=b - a))
                parts.append(raw[a:b])
                clean_len += b - a
            else:
                parts.append(t)
                clean_len += len(t)
    return CleanResult(
        text="".join(parts), segments=tuple(segments), removed=tuple(removed), reasons=tuple(reasons)
    )


def clean_doc(doc: Doc, repeated: frozenset[str] = frozenset()) -> Doc:
    """The doc with ``article.text``, ``segments`` and ``removed_lines`` filled from ``raw_text``."""
    result = clean_text(doc.article.raw_text, repeated)
    article = dataclasses.replace(
        doc.article, text=result.text, segments=result.segments, removed_lines=result.removed
    )
    return doc.replace(article=article)
