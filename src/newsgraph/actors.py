"""Actors: link country, IGO and leader mentions in multilingual news to codes.

Design
------
* Knowledge base (``_kb.py``, built by ``scripts/build_kb.py``): every alias of every
  country (CLDR/pycountry names in ~60 locales, historical and colloquial variants),
  nationality adjective, capital and seat of power (Kremlin, Bankova, Élysée), IGO
  (FORMAT.md acronyms in 15+ languages) and office holder (Phoenix + a curated
  2015-2026 list with date ranges) is stored under a *folded* key: anyascii
  transliteration, lower case, merged transliteration digraphs (``_normalize.py``).
* Matching: each sentence is tokenised once and folded token by token (memoised);
  at each position the longest alias is looked up in a dict, longest n-gram first.
  For case-inflected languages (ru uk be pl cs sk ro tr hu fi, plus plural/gender
  endings of de it es fr pt en) a token that has no exact key is reduced to its stems
  with the language's ending table and matched against the stems of the aliases
  (``Rusiei`` ~ ``Rusia``, ``Минске`` ~ ``Минск``, ``Białorusi`` ~ ``Białoruś``);
  multi-word aliases match on canonical stems (``Белом доме`` ~ ``Белый дом``).
  Arabic keeps its script (see ``_normalize``): the article is folded away and the
  proclitics و ف ب ل ك / لل are tried as stripped variants, first token of a multi-word
  alias included (``وحلف شمال الأطلسي``).
* German compounds: a capitalised token with no match may start with a name, capital/seat
  or organisation ("Ukrainekrieg", "Bundestagswahl", "Kremlsprecher").
* Without a language the stemming table is chosen by script: Russian's for Cyrillic, the
  Arabic clitics for Arabic script, and for Latin the union of the Latin-script tables,
  where a stem match counts only if the text's ending and the alias's ending belong to one
  language's table and the alias is of that language (``Armata`` is not Armenia).
  No regex per alias: cost is a few dict lookups per token.
* Case rules per alias: acronyms only in capitals (``UN`` not ``un``), names only
  capitalised (``china``/``turkey`` lower-case are porcelain and a bird), lower-case
  Romance adjectives not capitalised mid-sentence (``Giordano`` is a surname).
* Disambiguation: Georgia next to US-state cues (Atlanta, "state of") is not GEO;
  Jordan/Chad/Georgia/Washington next to another capitalised name are people
  ("Michael Jordan", "Chad Smith"); "Turkey" with cooking cues is the bird; Niger vs
  Nigeria by exact-key priority; Theresa May is matched only by full name.
* Leaders code to the country whose office they hold on the article date (sector GOV
  or MIL); a former holder codes to the country of their last office with sector
  ``ELI`` (CAMEO's convention: an ex-leader is a national elite, not the government).
* A capital after a locative preposition ("talks in Minsk") is still emitted (kind
  ``capital``) but with sector None: it is a place there, the events stage decides
  roles.  The actor set includes it: in news a capital names the state it governs.

Public API: :func:`load_kb`, :func:`link`, :func:`link_doc`, :func:`actor_set`,
:func:`mention_role`, :func:`is_state_actor`; ``KnowledgeBase.lookup_code`` and
``KnowledgeBase.members_on`` for the events engineer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

from ._kb import CAP, LOWER, SCRIPT, UPPER, Entry, KnowledgeBase, StemIndex, add_extra, load_bundled, read_extra
from ._normalize import (
    INFLECTED_LANGS,
    LATIN_FALLBACK,
    PROCLITIC_LANGS,
    cstem,
    ending_langs,
    fold_all,
    is_abjad,
    token_spans,
    token_surfaces,
    variants,
)
from .records import Doc, Mention, Sentence

__all__ = [
    "IGO_CODES",
    "KnowledgeBase",
    "actor_set",
    "is_state_actor",
    "link",
    "link_doc",
    "load_kb",
    "mention_role",
]



def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


IGO_CODES = _words(
    "NATO CSTO EU UN OSCE CIS EAEU SCO AU ASEAN OPEC IAEA ICC IMF WB WHO G7 G20 BRICS OAS COE AL GCC OIC IGO"
)
# Confidence of a mention, by how it was found.  Ordinal, not calibrated: an exact
# alias is surest, a stem match or a former office holder less so, a capital used as a
# place least (chosen by hand; only their order is used downstream).
CONF_EXACT = 1.0
CONF_STEM = 0.9
CONF_FORMER = 0.8
CONF_PLACE = 0.6
# A single all-caps token this short is an acronym, not a capitalised name (SANA, TASS).
ACRONYM_MAX = 5
# Which entry wins when one key has several: lower is preferred (suppressing regions such
# as "Latin America" first, then the most specific kinds; code-less references last).
KIND_RANK = {"region": 0, "leader": 1, "org": 2, "name": 3, "capital": 4, "adjective": 5, "office": 6,
             "reference": 7}

# Folded prepositions after which a capital is a location ("in Minsk", "à Paris", "в Москве").
LOCATIVES = _words(
    "in at a la en au aux dans im am zum zur nach bei w we v vo u na do pe din from da di i "
    "nel nella alla ad de desde hacia \u0641\u064a"
)
# Turkish locative/ablative case after an apostrophe ("Moskova'da").
TR_LOCATIVE_SUFFIXES = _words("da de ta te dan den tan ten daki deki")
# Folded cue words for "Georgia" the US state: its cities anywhere in the sentence, a word
# for "state" up to STATE_CUE_WINDOW tokens before ("the state of Georgia", "US-Bundesstaat
# Georgia", "l'État de Géorgie", "statul american Georgia") or Turkish "eyalet" just after
# ("Georgia eyaletindeki").  3 tokens reach over "of"/"de"/"american" but not across a
# clause; "Georgia's state television" (after) stays GEO.
US_CITY_CUES = _words("atlanta savanah macon")
US_STATE_CUES = _words("state estado etat stato statul stanie stanu stan bundesstaat")
US_STATE_CUES_AFTER = _words("eialet eialeti eialetinde eialetindeki")
STATE_CUE_WINDOW = 3
# Cooking/farm words that make a capitalised "Turkey" the bird.
TURKEY_BIRD_CUES = _words("roast roasted thanksgiving stuffing stufed gravy oven feathers dinner")
# Country names that are also first names or surnames: next to another capitalised word
# they are a person ("Michael Jordan", "Chad Smith", "Denzel Washington").
# (folded surfaces: "Jordan", Polish "Jordana"/"Jordanem", "Chad", "Georgia", "Washington")
PERSON_LIKE = _words("iordan iordana iordanem iordanu cad georgia vasington")
# English words whose folded form collides with an alias ("Being" folds like "Beijing").
NOT_NAMES = _words("being beings")
# Capitalised words that commonly precede a country name at the start of a sentence.
FUNCTION_WORDS = _words(
    "the in on at from and but with for by of as to after before while when both neighbouring "
    "neighboring king queen president prime foreign minister officials government army "
    "la le il lo el los las der die das les"
)
# When the alias itself loses an ending, the shared stem must keep this many letters:
# "России"/"Россия" meet on "rosi" (4), while "dana"/"danés" ("dan") and "tury"/"turco"
# ("tur") do not.  (Found on the second held-out set.)
MIN_KEY_STEM = 4
# Stem matches on keys that are only capital-city exonyms (the noisiest source, geonames
# alternate names) cost this much more, so "Китае" resolves to Китай (CHN) rather than to
# "Кита" (Quito): 2 outweighs the usual one-letter difference in stripped endings.
CITY_STEM_PENALTY = 2
# Under the Latin fallback (no language known) a stem of MIN_KEY_STEM letters, or a text token
# with no ending stripped, only counts for an alias of the language the endings agree on; an
# alias of any language needs a stripped ending and a stem of this many letters.  Otherwise
# English prose matched "Police" ~ "Polia", "Ghani" ~ "Ghana", "Senate" ~ "Sena" (Sana'a) and
# bare "Frank" ~ "France" (found on the shared English stories linked without a language),
# while "Rosji" ~ Polish "Rosja" (4 letters) must still match.
FALLBACK_MIN_STEM = 5
# German writes country and institution names into compounds ("Ukrainekrieg", "Bundestagswahl",
# "Kremlsprecher"): a capitalised token with no match is tried for a leading alias of at least
# COMPOUND_MIN_HEAD letters followed by at least COMPOUND_MIN_REST (a noun: "-krieg", "-wahl");
# only names, capitals/seats and organisations count (adjectives would take "Deutschlehrer").
# 5 and 4 keep "Polenta", "Indiana", "Irans" out (checked on the German eval sentences).
COMPOUND_LANGS = _words("de")
COMPOUND_KINDS = _words("name capital org")
COMPOUND_MIN_HEAD = 5
COMPOUND_MIN_REST = 4
# Languages whose multi-word names inflect word by word ("Белого дома", "Weißen Hauses"):
# only these try multi-token stem matches (en/es/it/fr/pt names do not decline, and the
# check would cost a lookup on every "the"/"de"/"la").
CASE_LANGS = _words("ru uk be pl cs sk ro tr hu fi de") | {LATIN_FALLBACK}
# Stemming table for Cyrillic text whose language is not known (or has no table).
CYRILLIC_FALLBACK = "ru"
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# Clitic table for Arabic-script text whose language is not known (fa/ur use it too).
ARABIC_FALLBACK = "ar"
# Languages with their own stemming (ending tables or proclitics); others fall back by script.
STEMMED_LANGS = INFLECTED_LANGS | PROCLITIC_LANGS
# Bound of the per-language memo of tokens that start no alias (~60 bytes each).
DEAD_TOKENS_MAX = 500_000
_SENTENCE_PUNCT = frozenset('.!?:;"«»„“”()[]')


@cache
def load_kb(extra: Path | None = None) -> KnowledgeBase:
    """The bundled knowledge base, plus the user's actors file (YAML or CSV) if given."""
    kb = load_bundled()
    if extra is not None:
        add_extra(kb, read_extra(Path(extra)))
    return kb


def _stem_lang(text: str, lang: str | None) -> str:
    """The table to stem with: the language's own, else one chosen by script: Russian's for
    Cyrillic (its endings cover most of uk/be/bg too), the Arabic clitics for Arabic script,
    and the union of the Latin-script tables for the rest (bounded: ~10 ending lengths)."""
    if lang in STEMMED_LANGS:
        return lang
    if _CYRILLIC.search(text):
        return CYRILLIC_FALLBACK
    if is_abjad(text):
        return ARABIC_FALLBACK
    return LATIN_FALLBACK


class _Sent:
    """One sentence's tokens, surfaces and folded keys, and the linker's memos for its language."""

    __slots__ = ("_spans", "dead", "folds", "lang", "memo", "memo_key", "n", "no_single", "slang", "surfaces", "text")

    def __init__(self, text: str, lang: str | None, kb: KnowledgeBase) -> None:
        self.text = text
        self.lang = lang
        self.slang = _stem_lang(text, lang)
        self.memo_key = f"{lang or ''}|{self.slang or ''}"
        self.surfaces = token_surfaces(text)
        self.folds = fold_all(self.surfaces)
        self.n = len(self.surfaces)
        self._spans: list[tuple[int, int]] | None = None
        self.dead = kb.dead_tokens(self.memo_key)
        self.no_single = kb.no_single(self.memo_key)
        self.memo = kb.single_memo(self.memo_key)

    @property
    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of each token, located on first use (most sentences need none or few)."""
        got = self._spans
        if got is None:
            got = self._spans = token_spans(self.text, self.surfaces)
        return got

    def stem(self, i: int) -> str:
        return cstem(self.folds[i], self.slang or "")

    def initial(self, i: int) -> bool:
        if i == 0:
            return True
        spans = self.spans
        return not _SENTENCE_PUNCT.isdisjoint(self.text[spans[i - 1][1]:spans[i][0]])

    def capitalised(self, i: int) -> bool:
        return 0 <= i < self.n and self.surfaces[i][:1].isupper()


def _case_ok(e: Entry, s: _Sent, i: int, j: int) -> bool:
    if e.flags & UPPER:
        surface = s.text[s.spans[i][0]:s.spans[j - 1][1]]
        return surface.upper() == surface and any(c.isalpha() for c in surface)
    first = s.surfaces[i][:1]
    caseless = first.lower() == first.upper()
    if e.flags & CAP:
        if (e.kind in ("capital", "leader") and j == i + 1 and len(s.surfaces[i]) <= ACRONYM_MAX
                and s.surfaces[i].isupper()):
            return False  # an all-caps short token is an acronym ("SANA" is not Sana'a)
        return caseless or first.isupper()
    if e.flags & LOWER:
        return caseless or first.islower() or s.initial(i) or s.surfaces[i].isupper()
    return True


def _pick(
    entries: Iterable[Entry], s: _Sent, i: int, j: int, lang: str | None, via_stem: bool = False
) -> Entry | None:
    best: tuple[int, int, Entry] | None = None
    for e in entries:
        if e.langs and lang is not None and lang not in e.langs and (via_stem or not e.flags & SCRIPT):
            continue
        if not _case_ok(e, s, i, j) or (via_stem and e.flags & UPPER):
            # an acronym is matched as written: with an upper-case ending it is another acronym
            # ("ЦСКА" is not "ТСК" + a Russian ending), and its inflections carry lower-case ones
            continue
        # This language's own entry first, then universal ones, other languages' last (they only
        # pass at all when the language is unknown: "Niger" is NER, not Mongolian for Nigeria).
        rank = (KIND_RANK.get(e.kind, 9), (0 if lang in e.langs else 2) if e.langs else 1)
        if best is None or rank < best[:2]:
            best = (rank[0], rank[1], e)
    return best[2] if best else None


def _longest(
    s: _Sent, i: int, table: Mapping[str, object], prefixes: frozenset[str], tok: Callable[[int], str]
) -> list[tuple[int, str]]:
    """(length, key) of every key of ``table`` starting at token ``i``, longest first."""
    key = tok(i)
    found = [(1, key)] if key in table else []
    j = i + 1
    while key in prefixes and j < s.n:
        key = f"{key} {tok(j)}"
        j += 1
        if key in table:
            found.append((j - i, key))
    found.reverse()
    return found


def _replace_first(s: _Sent, i: int, first: str) -> Callable[[int], str]:
    """Token fold lookup with token ``i`` replaced by ``first`` (a clitic-stripped variant)."""
    folds = s.folds
    return lambda k: first if k == i else folds[k]


def _stem_penalty(entries: tuple[Entry, ...]) -> int:
    """Extra cost of an inflected match on a key that only names a city (geonames exonyms)."""
    return 0 if any(e.kind != "capital" or e.sector for e in entries) else CITY_STEM_PENALTY


def _match(kb: KnowledgeBase, s: _Sent, i: int, lang: str | None) -> tuple[int, Entry, bool] | None:
    """(tokens consumed, entry, via_stem) of the longest alias starting at token ``i``.

    Multi-token aliases (exact, then on stems) are tried first, only where the token and the next
    one can start one; what remains is a single-token answer that depends only on the token's
    fold and the case of its surface, memoised per language; a token that starts nothing at all
    is remembered as dead, one that matches no single-token alias as such.
    """
    f0 = s.folds[i]
    if not f0 or f0 in s.dead:
        return None
    context = f0 in kb.prefixes()
    if context and i + 1 < s.n and f"{f0} {s.folds[i + 1]}" in kb.heads():
        got = _multi_exact(kb, s, i, lang)
        if got is not None:
            return got
    slang = s.slang
    if slang in PROCLITIC_LANGS:
        found, got = _multi_proclitic(kb, s, i, lang)
        if got is not None:
            return got
        context = context or found
    if slang in CASE_LANGS:
        index = kb.stem_index(slang or "")
        stem = s.stem(i)
        if stem in index.prefixes:
            context = True
            if i + 1 < s.n and f"{stem} {s.stem(i + 1)}" in index.heads:
                got = _multi_stem(kb, index, s, i, lang)
                if got is not None:
                    return got
    if context and f0 in s.no_single:
        return None  # the common case of a function word that starts a multi-token key ("the", "in")
    return _single(kb, s, i, lang, context)


def _multi_exact(kb: KnowledgeBase, s: _Sent, i: int, lang: str | None) -> tuple[int, Entry, bool] | None:
    entries = kb.entries
    for length, key in _longest(s, i, entries, kb.prefixes(), s.folds.__getitem__):
        if length > 1:
            e = _pick(entries[key], s, i, i + length, lang)
            if e is not None:
                return length, e, False
    return None


def _multi_proclitic(
    kb: KnowledgeBase, s: _Sent, i: int, lang: str | None
) -> tuple[bool, tuple[int, Entry, bool] | None]:
    """(a clitic-stripped variant starts a multi-token key, the match) for Arabic-script tokens."""
    entries = kb.entries
    prefixes = kb.prefixes()
    found = False
    for v, _ in variants(s.folds[i], s.slang or "")[1:]:
        if v in prefixes:
            found = True
            tok = _replace_first(s, i, v)
            for length, key in _longest(s, i, entries, prefixes, tok):
                if length > 1:
                    e = _pick(entries[key], s, i, i + length, lang, True)
                    if e is not None:
                        return True, (length, e, True)
    return found, None


def _multi_stem(
    kb: KnowledgeBase, index: StemIndex, s: _Sent, i: int, lang: str | None
) -> tuple[int, Entry, bool] | None:
    for length, skey in _longest(s, i, index.multi, index.prefixes, s.stem):
        if length > 1:
            for key in index.multi[skey]:
                e = _pick(kb.entries[key], s, i, i + length, lang, True)
                if e is not None:
                    return length, e, True
    return None


def _single(kb: KnowledgeBase, s: _Sent, i: int, lang: str | None, context: bool) -> tuple[int, Entry, bool] | None:
    """The memoised single-token answer for token ``i``; ``context``: it may start a multi-token key."""
    f0 = s.folds[i]
    if f0 in s.no_single:
        hit, got = False, None
    else:
        w = s.surfaces[i]
        memo_key = (f0, w[:1].isupper(), w[:1].islower(), w.isupper(), len(w) <= ACRONYM_MAX, s.initial(i))
        memo = s.memo
        if memo_key in memo:
            return memo[memo_key]
        hit, got = _match_single(kb, s, i, lang)
        memo[memo_key] = got
        if not hit and (s.slang not in COMPOUND_LANGS or _compound_head(kb.entries, f0) is None):
            s.no_single.add(f0)
    if not hit and not context:
        dead = s.dead
        if len(dead) >= DEAD_TOKENS_MAX:
            dead.clear()
        dead.add(f0)
    return got


def _match_single(kb: KnowledgeBase, s: _Sent, i: int, lang: str | None) -> tuple[bool, tuple[int, Entry, bool] | None]:
    """(any key or stem found, match) for token ``i`` alone: exact key, then stems."""
    entries = kb.entries
    f0 = s.folds[i]
    got = entries.get(f0)
    hit = got is not None
    if got:
        e = _pick(got, s, i, i + 1, lang)
        if e is not None:
            return True, (1, e, False)
    slang = s.slang
    if slang not in STEMMED_LANGS:
        return hit, None
    assert slang is not None
    index = kb.stem_index(slang)
    cands: list[tuple[int, int, str, int, int]] = []
    for stem, tcost in variants(f0, slang):
        if tcost and stem in entries:
            cands.append((tcost + _stem_penalty(entries[stem]), -len(stem), stem, tcost, 0))
        if len(stem) < MIN_KEY_STEM:
            continue
        for kcost, key in index.single.get(stem, ()):
            cands.append((tcost + kcost + _stem_penalty(entries[key]), -len(stem), key, tcost, kcost))
    fallback = slang == LATIN_FALLBACK
    for _, neg_len, key, tcost, kcost in sorted(cands):
        ents = entries[key]
        if fallback:
            if -neg_len < MIN_KEY_STEM:
                continue
            ents = _same_language(ents, f0[len(f0) - tcost:], key[len(key) - kcost:],
                                  tcost > 0 and -neg_len >= FALLBACK_MIN_STEM)
        e = _pick(ents, s, i, i + 1, lang, True)
        if e is not None:
            return True, (1, e, True)
    if slang in COMPOUND_LANGS and s.surfaces[i][:1].isupper():
        got_head = _compound_head(entries, f0)
        if got_head is not None:
            e = _pick(got_head, s, i, i + 1, lang, True)
            if e is not None and e.kind in COMPOUND_KINDS:
                return True, (1, e, True)
    return hit or bool(cands), None


def _compound_head(entries: Mapping[str, tuple[Entry, ...]], f0: str) -> tuple[Entry, ...] | None:
    """German compounds: the longest alias the token starts with ("Bundestagswahl" -> Bundestag,
    "Ukrainekrieg" -> Ukraine), leaving at least COMPOUND_MIN_REST letters of the head noun."""
    for k in range(len(f0) - COMPOUND_MIN_REST, COMPOUND_MIN_HEAD - 1, -1):
        got = entries.get(f0[:k])
        if got:
            return got
    return None


def _same_language(
    entries: tuple[Entry, ...], text_end: str, key_end: str, long_stem: bool
) -> tuple[Entry, ...]:
    """Under the Latin fallback, the entries a stem match may stand for: both stripped endings
    must belong to one language's table and the alias must be of that language; aliases of any
    language (and script-wide capital exonyms) only count when ``long_stem``."""
    langs = ending_langs(text_end) & ending_langs(key_end)
    if not langs:
        return ()
    if long_stem:
        return tuple(e for e in entries if not e.langs or e.langs & langs)
    return tuple(e for e in entries if e.langs & langs and not e.flags & SCRIPT)


def _adjacent(s: _Sent, a: int, b: int) -> bool:
    """Tokens ``a`` and ``b`` (a < b) are separated by spaces only."""
    return a >= 0 and b < s.n and not s.text[s.spans[a][1]:s.spans[b][0]].strip()


def _name_like(s: _Sent, k: int) -> bool:
    w = s.surfaces[k]
    return w[:1].isupper() and w.isalpha() and len(w) > 2 and s.folds[k] not in FUNCTION_WORDS


def _rejected(e: Entry, s: _Sent, i: int, j: int) -> bool:
    """Context rules for names that are often not the country (see module docstring)."""
    if e.code == "GEO" and e.kind == "name":
        if any(f in US_CITY_CUES for f in s.folds):
            return True
        if any(f in US_STATE_CUES for f in s.folds[max(0, i - STATE_CUE_WINDOW):i]):
            return True
        if any(f in US_STATE_CUES_AFTER for f in s.folds[j:j + STATE_CUE_WINDOW]):
            return True
    if j == i + 1 and s.surfaces[i].lower() in NOT_NAMES:
        return True
    if j == i + 1 and s.folds[i] in PERSON_LIKE and e.kind in ("name", "capital"):
        if _adjacent(s, i - 1, i) and _name_like(s, i - 1):
            return True
        if _adjacent(s, j - 1, j) and _name_like(s, j):
            return True
    return bool(s.surfaces[i] == "Turkey" and any(f in TURKEY_BIRD_CUES for f in s.folds))


# What a sentence links to before the article is applied: (entry, start, end, via_stem, located)
# per match, offsets in the sentence; ``located``: a capital after a locative ("talks in Minsk").
_Found = tuple[Entry, int, int, bool, bool]


# Words after which a reference word ("the Republic", "the Organisation", "the Government") heads a name
# rather than pointing back, when a capitalised word follows ("... of Korea", "... of Islamic
# Cooperation", "... of India"; "the alliance of 32 states" still points back).
OF_WORDS = frozenset({"of", "for", "di", "della", "del", "dei", "de", "du", "des", "din", "al", "der"})


def _sentence_found(kb: KnowledgeBase, text: str, lang: str | None) -> tuple[_Found, ...]:
    """The matches of one sentence, memoised by (language, text): republished stories and wire copy
    repeat sentences verbatim, and the match depends on nothing else."""
    memo = kb.sentence_memo()
    key = (lang, text)
    got: tuple[_Found, ...] | None = memo.get(key)
    if got is not None:
        return got
    s = _Sent(text, lang, kb)
    out: list[_Found] = []
    nxt = 0  # the first token not inside a match yet
    for i in _candidates(kb, s):
        if i < nxt:
            continue
        found = _match(kb, s, i, lang)
        if found is None:
            continue
        length, e, via_stem = found
        if (e.kind == "reference" and i + length + 1 < s.n and s.folds[i + length] in OF_WORDS
                and s.capitalised(i + length + 1)):
            continue  # "The Republic of Korea", "the Organisation of Islamic Cooperation": a name follows
        nxt = i + length
        if e.kind != "region" and not _rejected(e, s, i, nxt):
            located = False
            if e.person < 0 and e.kind == "capital" and e.sector is None:
                prev = s.folds[i - 1] if i > 0 else ""
                after = s.folds[nxt] if nxt < s.n else ""
                located = prev in LOCATIVES or (lang == "tr" and after in TR_LOCATIVE_SUFFIXES)
            out.append((e, s.spans[i][0], s.spans[nxt - 1][1], via_stem, located))
    memo[key] = got = tuple(out)
    return got


def _candidates(kb: KnowledgeBase, s: _Sent) -> list[int]:
    """The tokens of ``s`` worth a :func:`_match`: most tokens are dead (they start no alias), one set
    lookup each.  Where only exact keys count (no stems, no clitics), a token known to match no
    single-token alias that only starts multi-token keys (a function word: "the", "of", "in") is
    worth one only where it and the next token start a key ("the Hague", "of Korea"): for any
    other, :func:`_match` would find nothing.  (~70% of the calls on English news.)"""
    dead = s.dead
    folds = s.folds
    if s.slang in PROCLITIC_LANGS or s.slang in CASE_LANGS:
        return [k for k, f in enumerate(folds) if f not in dead]
    no_single = s.no_single
    prefixes = kb.prefixes()
    heads = kb.heads()
    last = s.n - 1
    return [k for k, f in enumerate(folds) if f not in dead and (
        f not in no_single or f not in prefixes or (k < last and f"{f} {folds[k + 1]}" in heads))]


def _sentence_mentions(
    kb: KnowledgeBase, sent: Sentence, lang: str | None, date: dt.date | None
) -> list[Mention]:
    return [_mention(kb, e, sent, start, end, located, date, via_stem)
            for e, start, end, via_stem, located in _sentence_found(kb, sent.text, lang)]


def _mention(
    kb: KnowledgeBase, e: Entry, sent: Sentence, start: int, end: int, located: bool,
    date: dt.date | None, via_stem: bool,
) -> Mention:
    code, sector, person = e.code, e.sector, None
    conf = CONF_STEM if via_stem else CONF_EXACT
    if e.person >= 0:
        p = kb.person(e.person)
        person = p.name
        role = p.role_on(date)
        if role is not None:
            code, sector, in_office = role
            if not in_office:
                conf = min(conf, CONF_FORMER)
    elif e.kind == "capital" and sector is None:
        sector = None if located else "GOV"
        if located:
            conf = min(conf, CONF_PLACE)
    return Mention(
        article_id=sent.article_id, sentence_index=sent.index, start=sent.start + start, end=sent.start + end,
        surface=sent.text[start:end], code=code, kind=e.kind, sector=sector, confidence=conf, person=person,
    )


def link(
    sentences: Sequence[Sentence], lang: str | None, date: dt.date | None, kb: KnowledgeBase
) -> tuple[Mention, ...]:
    """Mentions of state actors, IGOs and leaders in ``sentences`` (offsets into the article)."""
    out: list[Mention] = []
    for sent in sentences:
        out.extend(_sentence_mentions(kb, sent, lang or sent.lang, date))
    return tuple(out)


def link_doc(doc: Doc, kb: KnowledgeBase) -> Doc:
    """Fill ``doc.mentions`` from its sentences (or its whole text when it has none)."""
    art = doc.article
    sentences = doc.sentences
    if not sentences and art.text:
        sentences = (Sentence(art.id, 0, 0, len(art.text), art.text, art.lang),)
    return doc.replace(mentions=link(sentences, art.lang, art.date, kb))


def actor_set(mentions: Iterable[Mention]) -> list[str]:
    """Sorted distinct non-None codes of ``mentions``."""
    return sorted({m.code for m in mentions if m.code is not None})


def mention_role(m: Mention) -> str:
    """What a mention denotes: person | igo | organ | government | place | none.

    ``person``: an office holder (``m.person`` names them, ``m.sector`` GOV/MIL/ELI);
    ``organ``: a seat of power or institution (Kremlin, Pentagon, Bundestag) or a capital
    used for its government; ``government``: a country name or nationality adjective;
    ``place``: a capital used as a location ("in Minsk"); ``none``: no code.
    """
    if m.code is None:
        return "none"
    if m.kind == "leader":
        return "person"
    if m.code in IGO_CODES:
        return "igo"
    if m.kind in ("org", "office") or (m.kind == "capital" and m.sector is not None):
        return "organ"
    if m.kind == "capital":
        return "place"
    return "government"


def is_state_actor(m: Mention) -> bool:
    """True when the mention can act for a state or IGO (everything but places and former leaders)."""
    role = mention_role(m)
    return role not in ("none", "place") and not (role == "person" and m.sector == "ELI")
