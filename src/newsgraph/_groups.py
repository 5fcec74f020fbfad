"""Participant groups: the non-state (and unnamed state) nouns that fill event roles.

"Rebels attacked a government outpost in northern Mali", "Police arrested dozens of activists",
"Gunmen kidnapped two aid workers": no state is the subject or the object, but the event has
participants.  The lexicons (``data/lexicons/groups/<lang>.tsv``: CAMEO agent sectors, every form
written out) give those nouns; the events stage places them among the actor spans with the code
:data:`GROUP` + sector, and resolves that code per event (``events._resolve_group``) to the country
the sentence locates the group in, or to the state acting on it ("Serbian police arrested protesters": CAMEO codes a
state's own population with its country), else ``None`` (FORMAT.md: "protesters" with no country
stated are ``null``).

A group noun right after a linked actor ("Iraqi insurgents", "Russia's army") belongs to that
actor's span and is not a group of its own.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ._resources import data_path
from ._triggers import Token, tokenize
from .errors import ResourceError
from .records import Mention

__all__ = ["GROUP", "GroupLexicon", "find_groups", "is_group", "load_groups", "sector_of"]

GROUP = "~"  # prefix of a group span's code ("~REB", "~COP") until the events stage resolves it

# A group noun after a linked actor with only a possessive or up to this many modifiers between
# ("Iraqi insurgents", "Russia's army", "Afghan Taliban fighters", "Turkish foreign ministers") is
# part of that actor's phrase, not a group of its own; a function word ends the phrase ("Russia and
# rebels", "Ukraine to civilians").
ADJACENT_NAMES = 2
NP_BREAKS = frozenset({
    "and", "or", "but", "of", "in", "on", "at", "to", "by", "with", "from", "for", "against", "the", "a", "an",
    "that", "who", "which", "said", "says", "has", "have", "had", "was", "were", "is", "are", "will", "would",
    "e", "et", "y", "și", "и", "і", "i", "und", "ve", "و", "di", "de", "du", "des", "del", "la", "le", "il",
})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
# "its forces", "their supporters": the group belongs to the clause's subject, not a participant
PRONOUN_OWNERS = frozenset({"its", "their", "his", "her", "our", "suoi", "sue", "loro", "săi", "sale", "lor", "свои",
                            "своих", "свої", "своїх", "swoje", "swoich", "sus", "ses", "leurs", "seine", "ihre",
                            # it, ro, ru, uk (свою, наших: as ru), pl, es, fr (sa: as ro), de, tr; Arabic
                            # possessives are suffixes (جنوده), not words
                            "suo", "sua", "nostri", "nostre", "propri", "proprie",
                            "său", "sa", "noștri", "noştri", "noastre", "proprii", "propriile", "proprilor",
                            "своим", "своими", "свою", "своей", "свой", "своего", "его", "её", "ее", "их", "наши",
                            "наших",
                            "своїм", "своїми", "своєю", "свій", "свого", "його", "її", "їхні", "їхніх", "їх", "наші",
                            "swoimi", "swoim", "swój", "swoją", "swojej", "swego", "jego", "jej", "ich", "nasze",
                            "nasi", "naszych",
                            "su", "nuestros", "nuestras", "propios", "propias",
                            "son", "leur", "nos", "notre", "propres",
                            "seinen", "seiner", "seinem", "seines", "ihren", "ihrer", "ihrem", "ihres", "unsere",
                            "unseren", "eigene", "eigenen",
                            "kendi", "onların", "onun"})


def is_group(code: str | None) -> bool:
    return code is not None and code.startswith(GROUP)


def sector_of(code: str) -> str:
    return code[len(GROUP):]


@dataclass(frozen=True)
class GroupLexicon:
    # first word -> ((words, sector), ...), longest first
    entries: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    # sentence text -> whether it holds a word of :attr:`first_words`, filled by the events stage
    sentences: dict[str, bool] = field(default_factory=dict, compare=False)
    # (sentence text, mention offsets in it) -> the groups found there, filled by the events stage
    found: dict[tuple[str, tuple[tuple[int, int], ...]], Any] = field(default_factory=dict, compare=False)

    @functools.cached_property
    def first_words(self) -> frozenset[str]:
        """The words an entry starts with (a sentence without any of them has no group)."""
        return frozenset(self.entries)


def _parse(text: str, where: str) -> GroupLexicon:
    entries: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        sector, sep, words = line.partition("\t")
        if not sep or not sector.isupper():
            raise ResourceError(f"{where}:{n}: expected 'SECTOR<TAB>word; word; ...', got {line!r}")
        for phrase in words.split(";"):
            toks = tuple(t.text for t in tokenize(phrase.strip()))
            if toks:
                entries.setdefault(toks[0], []).append((toks, sector))
    return GroupLexicon({k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in entries.items()})


@functools.cache
def load_groups() -> dict[str, GroupLexicon]:
    """Group lexicons by language, plus ``"*"``: every language together (language unknown)."""
    folder = data_path("lexicons", "groups")
    out: dict[str, GroupLexicon] = {}
    texts = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".tsv"):
            text = entry.read_text(encoding="utf-8")
            texts.append(text)
            out[entry.name[:-4]] = _parse(text, f"lexicons/groups/{entry.name}")
    out["*"] = _parse("\n".join(texts), "lexicons/groups/*")
    return out


def _adjacent(text: str, start: int, ends: Iterable[int]) -> bool:
    for end in ends:
        if end > start:
            continue
        words = text[end:start].split()
        if words and words[0].lower() in POSSESSIVES:
            words = words[1:]
        joined = not text[end:start].strip() or text[end] in " \t\n'’"  # not "Russian-backed rebels"
        if joined and len(words) <= ADJACENT_NAMES and all(w.isalpha() and w.lower() not in NP_BREAKS for w in words):
            return True  # "Iraqi insurgents", "Afghan Taliban fighters", "Turkish foreign ministers"
    return False


def find_groups(lex: GroupLexicon, tokens: list[Token], text: str, mentions: list[Mention],
                offset: int, article_id: str, sentence_index: int) -> list[Mention]:
    """Group mentions (code :data:`GROUP` + sector, kind ``group``, the CAMEO sector) among ``tokens``
    of a sentence starting at ``offset``; none overlaps or directly follows a linked mention."""
    entries = lex.entries
    # one C-level pass: only tokens with a form that starts an entry enter the Python loop
    hits = [i for i, t in enumerate(tokens) if t.text in entries or (len(t.forms) > 1 and any(
        f in entries for f in t.forms))]
    if not hits:
        return []
    taken = [(m.start - offset, m.end - offset) for m in mentions]
    ends = [e for _, e in taken]
    out: list[Mention] = []
    skip_to = 0
    for i in hits:
        if i < skip_to:
            continue
        token = tokens[i]
        first = token.text if token.text in entries else next(f for f in token.forms if f in entries)  # "l'esercito"
        for words, sector in entries[first]:
            if len(words) == 1 or tuple(t.text for t in tokens[i + 1:i + len(words)]) == words[1:]:
                start, end = tokens[i].start, tokens[i + len(words) - 1].end
                owned = i > 0 and tokens[i - 1].text in PRONOUN_OWNERS
                if not owned and not any(s < end and start < e for s, e in taken) and not _adjacent(text, start, ends):
                    out.append(Mention(article_id, sentence_index, start + offset, end + offset, text[start:end],
                                       GROUP + sector, "group", sector))
                skip_to = i + len(words)
                break
    return out
