"""The actor knowledge base: loading, user extensions and inflection indexes.

The bundled file ``data/kb/kb.json.gz`` (built by ``scripts/build_kb.py``) maps each
folded alias key (``_normalize.fold_phrase``) to its entries.  An :class:`Entry` says
what the alias denotes (country/IGO code or person), its kind (name, adjective,
capital, org, leader, reference), sector and the case rule the surface must obey.

Inflected forms are found through per-language stem indexes built lazily on first use
of a language (:meth:`KnowledgeBase.stem_index`): single-token aliases are indexed
under every stem :func:`_normalize.variants` gives, multi-token aliases under the tuple
of canonical stems (:func:`_normalize.cstem`).  Exact keys always win over stems.

User extensions (``--actors FILE``) are YAML or CSV, see :func:`read_extra`.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ._normalize import LATIN_FALLBACK, PROCLITIC_LANGS, cstem, fold_phrase, variants
from ._resources import data_path
from .errors import InputError, ResourceError
from .records import Actor

__all__ = [
    "CAP", "LOWER", "SCRIPT", "UPPER", "Entry", "KnowledgeBase", "Person", "StemIndex", "Tenure", "add_extra",
    "load_bundled", "read_extra",
]

# Entry flags: the case rule of an alias (see scripts/build_kb.py).
UPPER = 1  # acronym: the surface must be all upper-case ("UN", not "un")
CAP = 2  # proper noun: the surface must start upper-case (or be in a caseless script)
LOWER = 4  # lower-case adjective: a capitalised surface mid-sentence is a surname ("Giordano")
SCRIPT = 8  # ``langs`` only restricts inflected matches (a Latin exonym vs Cyrillic "Китае")

KB_FILE = ("kb", "kb.json.gz")
# Bound of the per-language memo of single-token results (entries are small tuples).
SINGLE_MEMO_MAX = 200_000
# Bound of the memo of whole-sentence link results (a sentence's text and a few small tuples: ~0.3 KB
# each, measured with tracemalloc on the bench articles): 50k sentences (~15 MB) hold several
# 256-article batches, enough for the repeated sentences of one feed (wire copy, republished
# stories); cleared when full.
SENTENCE_MEMO_MAX = 50_000


@dataclass(frozen=True)
class Tenure:
    code: str
    office: str
    sector: str
    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Person:
    name: str
    tenures: tuple[Tenure, ...]

    def role_on(self, day: dt.date | None) -> tuple[str, str, bool] | None:
        """(code, sector, in_office) for ``day``: the office held then, else the last one held.

        A former office holder keeps the country of their last office with sector ``ELI``
        (the CAMEO convention for ex-leaders); without a date the latest tenure counts.
        """
        if not self.tenures:
            return None
        if day is None:
            t = max(self.tenures, key=lambda t: t.start or dt.date.min)
            return t.code, t.sector, True
        active = [t for t in self.tenures if t.covers(day)]
        if active:
            t = min(active, key=lambda t: 0 if t.office != "CAMEO" else 1)
            return t.code, t.sector, True
        past = [t for t in self.tenures if t.end is not None and t.end < day]
        if past:
            # A national office outranks an IGO one: Tusk after 2019 is a Polish politician.
            t = max(past, key=lambda t: (len(t.code) == 3 and t.code.isalpha() and t.code != "IGO",
                                         t.end or dt.date.min))
            return t.code, "ELI", False
        t = min(self.tenures, key=lambda t: t.start or dt.date.max)
        return t.code, "ELI", False


@dataclass(frozen=True)
class Entry:
    code: str | None
    kind: str
    sector: str | None
    person: int  # index into KnowledgeBase.persons, -1 if not a person
    flags: int
    langs: frozenset[str]  # empty = any language


@dataclass
class KnowledgeBase:
    """Aliases, actors, persons and IGO memberships.  Build with ``actors.load_kb``."""

    entries: dict[str, tuple[Entry, ...]]
    actors: dict[str, Actor]
    persons: list[Person | list[Any]]  # raw [name, tenures] rows are decoded on first use
    members: dict[str, tuple[tuple[str, dt.date | None, dt.date | None], ...]]
    max_tokens: int = 1
    _stems: dict[str, StemIndex] = field(default_factory=dict, repr=False)
    _prefixes: frozenset[str] | None = field(default=None, repr=False)
    _heads: frozenset[str] | None = field(default=None, repr=False)
    _dead: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _no_single: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _single: dict[str, dict[tuple[Any, ...], Any]] = field(default_factory=dict, repr=False)
    _sentences: dict[tuple[str | None, str], Any] = field(default_factory=dict, repr=False)

    def person(self, idx: int) -> Person:
        """The person at ``idx`` (decoded from the bundled row on first use)."""
        p = self.persons[idx]
        if not isinstance(p, Person):
            name, tenures = p
            p = self.persons[idx] = Person(
                name, tuple(Tenure(c, o, s, _date(a), _date(b)) for c, o, s, a, b in tenures))
        return p

    def lookup_code(self, code: str) -> Actor | None:
        """The canonical actor of an ISO3 / IGO code."""
        return self.actors.get(code)

    def members_on(self, igo: str, day: dt.date | None = None) -> list[str]:
        """Member states of ``igo`` on ``day`` (today's members when ``day`` is None)."""
        day = day or dt.date.today()
        return sorted(
            iso for iso, start, end in self.members.get(igo, ())
            if (start is None or start <= day) and (end is None or day <= end)
        )

    def dead_tokens(self, key: str) -> set[str]:
        """Memo (filled by the linker) of folded tokens that start no alias, per language key."""
        return self._dead.setdefault(key, set())

    def no_single(self, key: str) -> set[str]:
        """Memo (filled by the linker) of folded tokens that match no single-token alias in any case,
        per language key; unlike :meth:`dead_tokens` they may still start a multi-token alias."""
        return self._no_single.setdefault(key, set())

    def single_memo(self, key: str) -> dict[tuple[Any, ...], Any]:
        """Memo (filled by the linker) of single-token match results, per language key."""
        memo = self._single.setdefault(key, {})
        if len(memo) > SINGLE_MEMO_MAX:
            memo.clear()
        return memo

    def sentence_memo(self) -> dict[tuple[str | None, str], Any]:
        """Memo (filled by the linker) of what a sentence links to, by (language, text): a pure
        function of the two (the article's date and the sentence's offsets are applied after)."""
        memo = self._sentences
        if len(memo) > SENTENCE_MEMO_MAX:
            memo.clear()
        return memo

    def prefixes(self) -> frozenset[str]:
        """Every proper token-prefix of a multi-token key ("united", "united states")."""
        got = self._prefixes
        if got is None:
            acc: set[str] = set()
            for key in self.entries:
                pos = key.find(" ")
                while pos != -1:
                    acc.add(key[:pos])
                    pos = key.find(" ", pos + 1)
            got = self._prefixes = frozenset(acc)
        return got

    def heads(self) -> frozenset[str]:
        """The first two tokens of every multi-token key ("united states", "the hague"): a
        multi-token alias can only start where the token and the next one form one of these."""
        got = self._heads
        if got is None:
            got = self._heads = _two_token_heads(self.entries)
        return got

    def stem_index(self, lang: str) -> StemIndex:
        """The stems of every alias for ``lang`` (see the module docstring), built once."""
        got = self._stems.get(lang)
        if got is None:
            single: dict[str, list[tuple[int, str]]] = {}
            multi: dict[str, list[str]] = {}
            prefixes: set[str] = set()
            for key, ents in self.entries.items():
                if lang != LATIN_FALLBACK and all(e.langs and lang not in e.langs for e in ents):
                    continue  # only other languages' names: never stem-matched in ``lang``
                toks = key.split(" ")
                if len(toks) == 1:
                    if lang in PROCLITIC_LANGS:
                        continue  # prefixes are stripped from text tokens only (an alias has none)
                    for stem, cost in variants(key, lang)[1:]:
                        single.setdefault(stem, []).append((cost, key))
                    continue
                stems = [cstem(t, lang) for t in toks]
                stemmed = " ".join(stems)
                multi.setdefault(stemmed, []).append(key)
                for k in range(1, len(stems)):
                    prefixes.add(" ".join(stems[:k]))
            for cands in single.values():
                cands.sort()
            got = self._stems[lang] = StemIndex(single, multi, frozenset(prefixes), _two_token_heads(multi))
        return got


def _two_token_heads(keys: Iterable[str]) -> frozenset[str]:
    """The first two space-separated tokens of each key that has more than one."""
    out: set[str] = set()
    for key in keys:
        first = key.find(" ")
        if first != -1:
            second = key.find(" ", first + 1)
            out.add(key if second == -1 else key[:second])
    return frozenset(out)


@dataclass(frozen=True)
class StemIndex:
    """Per-language stems: single-token stem -> [(cost, key)], stemmed multi-token key -> keys."""

    single: dict[str, list[tuple[int, str]]]
    multi: dict[str, list[str]]
    prefixes: frozenset[str]
    heads: frozenset[str]  # the first two stems of each multi-token key (see KnowledgeBase.heads)


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _decode(data: dict[str, Any]) -> KnowledgeBase:
    entries: dict[str, tuple[Entry, ...]] = {}
    max_tokens = 1
    langsets: dict[str, frozenset[str]] = {"": frozenset()}
    interned: dict[tuple[Any, ...], Entry] = {}
    for key, rows in data["entries"].items():
        out = []
        for row in rows:
            t = tuple(row)
            e = interned.get(t)
            if e is None:
                code, kind, sector, person, flags, langs = row
                ls = langsets.get(langs)
                if ls is None:
                    ls = langsets[langs] = frozenset(langs.split(","))
                e = interned[t] = Entry(code, kind, sector, person, flags, ls)
            out.append(e)
        entries[key] = tuple(out)
        if " " in key:
            max_tokens = max(max_tokens, key.count(" ") + 1)
    persons: list[Person | list[Any]] = data["persons"]
    actors = {code: Actor(code=code, name=name, kind=kind) for code, (name, kind) in data["actors"].items()}
    members = {
        igo: tuple((iso, _date(a), _date(b)) for iso, a, b in rows) for igo, rows in data["members"].items()
    }
    return KnowledgeBase(entries, actors, persons, members, max_tokens)


def load_bundled() -> KnowledgeBase:
    node = data_path(*KB_FILE)
    try:
        raw = gzip.decompress(node.read_bytes())
        return _decode(json.loads(raw))
    except (OSError, ValueError, KeyError) as exc:
        raise ResourceError(f"knowledge base newsgraph/data/kb/kb.json.gz unreadable: {exc}") from exc


def read_extra(path: Path) -> list[dict[str, Any]]:
    """User actors from YAML or CSV, as dicts with ``code``, ``aliases`` and optional fields.

    YAML: a list of ``{code, name?, aliases: [...], kind?, sector?, lang?, tenures?}`` where a
    person (``kind: leader``) has ``tenures: [{code, office?, sector?, start?, end?}]``.
    CSV: a header with ``alias,code`` and optionally ``kind,sector,lang`` columns.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read actors file: {exc}") from exc
    if path.suffix.lower() == ".csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        if rows and not {"alias", "code"} <= set(rows[0]):
            raise InputError(str(path), "actors CSV needs 'alias' and 'code' columns")
        return [
            {"code": r["code"] or None, "aliases": [r["alias"]], "kind": r.get("kind") or "name",
             "sector": r.get("sector") or None, "lang": r.get("lang") or ""}
            for r in rows if r.get("alias")
        ]
    try:
        items = yaml.safe_load(text) or []
    except yaml.YAMLError as exc:
        raise InputError(str(path), f"actors YAML is malformed: {exc}") from exc
    if isinstance(items, dict):
        items = items.get("actors", [])
    if not isinstance(items, list) or not all(isinstance(i, dict) and i.get("aliases") for i in items):
        raise InputError(str(path), "actors YAML must be a list of {code, aliases: [...]} mappings")
    return items


def add_extra(kb: KnowledgeBase, items: list[dict[str, Any]]) -> None:
    """Merge user actors into ``kb`` (user entries are tried before bundled ones)."""
    for item in items:
        kind = item.get("kind") or "name"
        code = item.get("code")
        person = -1
        if kind == "leader":
            tenures = tuple(
                Tenure(str(t.get("code") or code), t.get("office", "USER"), t.get("sector") or "GOV",
                       _date(t.get("start")), _date(t.get("end")))
                for t in item.get("tenures") or [{"code": code}]
            )
            kb.persons.append(Person(item.get("name") or item["aliases"][0], tenures))
            person, code = len(kb.persons) - 1, None
        elif code and code not in kb.actors:
            kb.actors[code] = Actor(code=code, name=item.get("name") or item["aliases"][0],
                                    kind="igo" if len(code) != 3 else "country")
        langs = frozenset([item["lang"]]) if item.get("lang") else frozenset()
        entry = Entry(code, kind, item.get("sector"), person, CAP, langs)
        for alias in item["aliases"]:
            key = fold_phrase(str(alias))
            if key:
                kb.entries[key] = (entry, *kb.entries.get(key, ()))
                kb.max_tokens = max(kb.max_tokens, key.count(" ") + 1)
    kb._stems.clear()
    kb._dead.clear()
    kb._no_single.clear()
    kb._single.clear()
    kb._sentences.clear()
    kb._prefixes = None
    kb._heads = None
