"""Ingest: files, directories and stdin in; :class:`Article` or :class:`Rejection` out.

Formats, chosen by extension (after stripping ``.gz``):

* ``.txt`` / ``.text`` / ``.md`` — plain text; the first non-empty line is taken as
  the headline when it is shaped like one (short, no final full stop, followed by
  more text).
* ``.html`` / ``.htm`` — main text, title, date, url and language hint extracted
  with trafilatura.
* ``.json`` (an object or a list of objects) and ``.jsonl`` — fields ``id, title,
  text, date, url, lang, source``; every other field is kept as metadata.
* ``.csv`` — the same fields as columns (``text``, ``content`` or ``body`` required).

Bytes are decoded as UTF-8, else by detection (charset-normalizer).  Nothing here
raises for a bad input: each problem becomes a :class:`Rejection` naming the input
and the reason, and iteration continues with the next input.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import re
import sys
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from .errors import FormatError, InputError
from .records import Article, Rejection

__all__ = ["MAX_ARTICLE_BYTES", "article_id", "iter_inputs", "parse_date", "read_bytes_input"]

# A single article larger than this is rejected.  The longest real news pages we
# know of (live blogs, full treaty texts) stay under 1 MB of text; 5 MB leaves room
# while keeping one pathological file from stalling a batch.
MAX_ARTICLE_BYTES = 5_000_000
# Bytes sniffed to tell text from binary: a NUL byte or a failed charset detection
# in the first 8 KiB means binary (the same window git and file(1) use).
SNIFF_BYTES = 8192
# Decoded text with more than 5% control characters is binary that happened to
# decode (real text in any script stays under 0.1%).
MAX_CONTROL_RATIO = 0.05
# Legacy code pages still met in scraped news, tried beside the detector's guesses.
LEGACY_ENCODINGS = ("cp1252", "cp1250", "cp1251", "iso-8859-2", "koi8-r", "cp1256", "cp1254")
# A headline is at most this many characters and words (longest headline in the
# demo corpus and in shared/data/stories titles is ~150 chars / 22 words).
HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 30

TEXT_EXTS = {".txt", ".text", ".md"}
HTML_EXTS = {".html", ".htm", ".xhtml"}
JSON_EXTS = {".json"}
JSONL_EXTS = {".jsonl", ".ndjson"}
CSV_EXTS = {".csv"}
SUPPORTED_EXTS = TEXT_EXTS | HTML_EXTS | JSON_EXTS | JSONL_EXTS | CSV_EXTS
KNOWN_FIELDS = ("id", "title", "text", "date", "url", "lang", "source")
TEXT_FIELDS = ("text", "content", "body")



def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _reject(path: str, reason: str) -> Rejection:
    return Rejection(path=path, reason=reason, time=_now())


def article_id(title: str | None, text: str) -> str:
    """A stable id from the normalised content: the same article always gets the same id."""
    norm = unicodedata.normalize("NFC", f"{title or ''}\n{text}")
    norm = " ".join(norm.split()).casefold()  # = re "\s+" -> " ", stripped
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


def parse_date(value: Any) -> dt.date | None:
    """A publication date from metadata (ISO 8601, RFC 2822, dd.mm.yyyy ...), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    from .dates import parse_article_date

    return parse_article_date(str(value))


# ---------------------------------------------------------------------------- decoding


def decode(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else the detected encoding."""
    if not data.strip():
        raise InputError(path, "empty file")
    if b"\x00" in data[:SNIFF_BYTES] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormatError(path, "binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    candidates = _candidate_encodings(data)
    if not candidates:
        raise FormatError(path, "binary content: no text encoding fits")
    text = _best_decoding(data, candidates)
    if text is None or _control_ratio(text) > MAX_CONTROL_RATIO:
        raise FormatError(path, "binary content: mostly control characters")
    return text


def _candidate_encodings(data: bytes) -> list[str]:
    from charset_normalizer import from_bytes

    found = [m.encoding for m in from_bytes(data[: SNIFF_BYTES * 16]) if m.encoding]
    return list(dict.fromkeys([*found[:4], *(LEGACY_ENCODINGS if found else ())]))


def _best_decoding(data: bytes, encodings: list[str]) -> str | None:
    """The decoding whose text reads most like a language (fastText confidence).

    Single-byte code pages are ambiguous on short texts (cp1250 vs latin-1 differ
    only in a few letters), so the statistical detector's guess is checked against
    how confidently the language identifier recognises each decoded candidate.
    """
    from .language import detect

    best: tuple[tuple[int, float, int], str] | None = None
    for rank, enc in enumerate(encodings):
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        sample = text[:SNIFF_BYTES]
        _, conf = detect(sample)
        key = (-_oddness(sample), conf, -rank)
        if best is None or key > best[0]:
            best = (key, text)
    return best[1] if best else None


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0]


def _oddness(text: str) -> int:
    """Characters a wrong code page typically produces: letters outside the text's main
    script, and symbols wedged between letters (``spotka³``, ``l'ةlysée``)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0
    main = Counter(_script(c) for c in letters).most_common(1)[0][0]
    odd = sum(1 for c in letters if _script(c) != main)
    for prev, ch, nxt in zip(text, text[1:], text[2:], strict=False):
        if prev.isalpha() and nxt.isalpha() and not ch.isalnum() and unicodedata.category(ch)[0] in "SN":
            odd += 1
    return odd


def _control_ratio(text: str) -> float:
    sample = text[:SNIFF_BYTES]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return bad / len(sample)


# ---------------------------------------------------------------------------- formats


def _looks_like_headline(line: str, rest: str) -> bool:
    line = line.strip()
    if not rest.strip() or len(line) > HEADLINE_MAX_CHARS:
        return False
    words = line.split()
    if not 2 <= len(words) <= HEADLINE_MAX_WORDS:
        return False
    # A headline does not end like a sentence (a question mark is fine).
    return not line.endswith((".", ",", ";", ":", "…")) or line.endswith("..")


def from_text(text: str, path: str, source: str | None = None) -> Article:
    stripped = text.lstrip("\ufeff")
    lines = stripped.split("\n")
    first_idx = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first_idx is None:
        raise InputError(path, "empty file")
    first = lines[first_idx]
    rest = "\n".join(lines[first_idx + 1 :])
    title = None
    body = stripped
    if _looks_like_headline(first, rest):
        title = first.strip()
        body = rest.strip("\n")
    if not body.strip():
        body, title = stripped, None
    return Article(id=article_id(title, body), path=path, raw_text=body, title=title, source=source)


def from_html(html: str, path: str) -> Article:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, favor_recall=True, deduplicate=False
        )
    except (ValueError, TypeError, AttributeError) as exc:  # trafilatura's parser errors
        raise FormatError(path, f"HTML could not be parsed: {exc}") from exc
    if doc is None:
        raise FormatError(path, "HTML has no extractable main text")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if not text.strip():
        raise FormatError(path, "HTML has no extractable main text")
    title = data.get("title") or None
    m = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z]{2,3})", html[:SNIFF_BYTES], re.I)
    lang_hint = (m.group(1).lower() if m else None) or data.get("language")
    url = data.get("url") or None
    source = data.get("sitename") or data.get("hostname") or None
    return Article(
        id=article_id(title, text),
        path=path,
        raw_text=text,
        title=title,
        date=parse_date(data.get("date")),
        url=url,
        source=source,
        lang_hint=lang_hint,
        metadata={k: data[k] for k in ("author", "categories", "tags") if data.get(k)},
    )


def from_record(rec: Any, path: str) -> Article:
    if not isinstance(rec, dict):
        raise FormatError(path, f"expected a JSON object, got {type(rec).__name__}")
    text = next((rec[f] for f in TEXT_FIELDS if isinstance(rec.get(f), str) and rec[f].strip()), None)
    if text is None:
        raise FormatError(path, "record has no non-empty 'text' field")
    title = rec.get("title") if isinstance(rec.get("title"), str) and rec.get("title") else None
    try:
        date = parse_date(rec.get("date"))
    except (ValueError, TypeError):
        date = None
    metadata = {k: v for k, v in rec.items() if k not in KNOWN_FIELDS and k not in TEXT_FIELDS}
    if rec.get("id") is not None:
        metadata["input_id"] = str(rec["id"])
    lang = rec.get("lang")
    return Article(
        id=article_id(title, text),
        path=path,
        raw_text=text,
        title=title,
        date=date,
        url=rec.get("url") or None,
        source=rec.get("source") or None,
        lang_hint=lang.lower() if isinstance(lang, str) and lang else None,
        metadata=metadata,
    )


def _iter_jsonl(stream: Iterable[bytes], path: str) -> Iterator[Article | Rejection]:
    for lineno, raw in enumerate(stream, 1):
        where = f"{path}:{lineno}"
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw)
            yield from_record(rec, where)
        except json.JSONDecodeError as exc:
            yield _reject(where, f"invalid JSON line: {exc.msg} at column {exc.colno}")
        except UnicodeDecodeError as exc:
            yield _reject(where, f"line is not UTF-8: {exc.reason}")
        except InputError as exc:
            yield _reject(exc.path, exc.reason)


def _iter_json(text: str, path: str) -> Iterator[Article | Rejection]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _reject(path, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    records = data if isinstance(data, list) else [data]
    for i, rec in enumerate(records):
        where = f"{path}[{i}]" if isinstance(data, list) else path
        try:
            yield from_record(rec, where)
        except InputError as exc:
            yield _reject(exc.path, exc.reason)


def _iter_csv(text: str, path: str) -> Iterator[Article | Rejection]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not any(f in reader.fieldnames for f in TEXT_FIELDS):
        yield _reject(path, f"CSV has no text column (one of {', '.join(TEXT_FIELDS)})")
        return
    for rowno, row in enumerate(reader, 2):
        try:
            yield from_record(dict(row), f"{path}:{rowno}")
        except InputError as exc:
            yield _reject(exc.path, exc.reason)


# ---------------------------------------------------------------------------- files


def _format_of(name: str) -> tuple[str, bool]:
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    return os.path.splitext(lower)[1], gz


def _source_of(path: Path) -> str | None:
    parent = path.parent.name
    return parent or None


def read_bytes_input(data: bytes, name: str, source: str | None = None) -> Iterator[Article | Rejection]:
    """Parse the bytes of one input named ``name`` (its extension chooses the format)."""
    ext, gz = _format_of(name)
    try:
        if gz:
            try:
                data = gzip.decompress(data)
            except (EOFError, OSError, zlib.error) as exc:
                if ext in JSONL_EXTS:
                    # keep every complete line before the damage
                    yield from _iter_jsonl(_partial_gunzip_lines(data), name)
                yield _reject(name, f"truncated or corrupt gzip: {exc}")
                return
        if ext in JSONL_EXTS:
            yield from _iter_jsonl(io.BytesIO(data), name)
            return
        if len(data) > MAX_ARTICLE_BYTES and ext not in JSON_EXTS | CSV_EXTS:
            raise InputError(
                name,
                f"too large for one article ({len(data) / 1e6:.1f} MB > "
                f"{MAX_ARTICLE_BYTES / 1e6:.0f} MB); split it or use .jsonl",
            )
        text = decode(data, name)
        if ext in HTML_EXTS or (ext not in SUPPORTED_EXTS and text.lstrip()[:1] == "<"):
            yield from_html(text, name)
        elif ext in JSON_EXTS:
            yield from _iter_json(text, name)
        elif ext in CSV_EXTS:
            yield from _iter_csv(text, name)
        elif ext in TEXT_EXTS or ext == "":
            yield from_text(text, name, source)
        else:
            yield _reject(name, f"unsupported file type '{ext}' (supported: {', '.join(sorted(SUPPORTED_EXTS))})")
    except InputError as exc:
        yield _reject(exc.path, exc.reason)


def _partial_gunzip_lines(data: bytes) -> Iterator[bytes]:
    """Complete lines from the readable prefix of a damaged gzip stream."""
    dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = dec.decompress(data)
    except zlib.error:
        return
    lines = out.split(b"\n")
    yield from (ln + b"\n" for ln in lines[:-1])  # the last piece may be cut mid-line


# Scrapers often name files after the publication date: "2024-06-14_slug.txt".
_FILENAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?!\d)")


def _filename_date(name: str) -> dt.date | None:
    m = _FILENAME_DATE.match(name)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _read_file(path: Path) -> Iterator[Article | Rejection]:
    for item in _read_file_items(path):
        if isinstance(item, Article) and item.date is None:
            day = _filename_date(path.name)
            if day is not None:
                item = dataclasses.replace(item, date=day)
        yield item


def _read_file_items(path: Path) -> Iterator[Article | Rejection]:
    name = str(path)
    try:
        size = path.stat().st_size
        ext, gz = _format_of(path.name)
        if not gz and ext not in JSONL_EXTS | JSON_EXTS | CSV_EXTS and size > MAX_ARTICLE_BYTES:
            yield _reject(
                name,
                f"too large for one article ({size / 1e6:.1f} MB > {MAX_ARTICLE_BYTES / 1e6:.0f} MB); "
                "split it or use .jsonl",
            )
            return
        if ext in JSONL_EXTS and not gz:
            with path.open("rb") as fh:
                yield from _iter_jsonl(fh, name)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield _reject(name, f"cannot read: {exc.strerror or exc}")
        return
    yield from read_bytes_input(data, name, _source_of(path))


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for fn in sorted(filenames):
            if not fn.startswith("."):
                yield Path(dirpath) / fn


def iter_inputs(
    paths: Iterable[str | os.PathLike[str]], stdin: BinaryIO | None = None
) -> Iterator[Article | Rejection]:
    """Every article in ``paths`` (files, directories recursively, ``-`` for stdin), in order."""
    for p in paths:
        if str(p) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            head = data.lstrip()[:1]
            name = "<stdin>.jsonl" if head in (b"{",) else "<stdin>.html" if head == b"<" else "<stdin>.txt"
            yield from read_bytes_input(data, name)
            continue
        path = Path(p)
        if path.is_dir():
            for f in _walk(path):
                yield from _read_file(f)
        elif path.exists():
            yield from _read_file(path)
        else:
            yield _reject(str(path), "no such file or directory")
