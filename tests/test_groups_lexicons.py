"""The participant-group lexicons of the ten non-English languages (data/lexicons/groups/<lang>.tsv).

Every file parses and covers the core CAMEO sectors; no entry is a country name or adjective to the
actor linker (a group that the linker also codes would be dropped as an overlapping mention); no entry
is written twice; and in each language a located group takes its country, an unlocated one none.
"""

from __future__ import annotations

import pytest

from newsgraph import actors
from newsgraph._groups import PRONOUN_OWNERS, find_groups, load_groups
from newsgraph._resources import data_path
from newsgraph._triggers import tokenize
from newsgraph.options import Options
from newsgraph.pipeline import process_articles
from newsgraph.records import Article, Sentence

LANGS = ("it", "ro", "ru", "uk", "pl", "es", "fr", "de", "tr", "ar")
CORE_SECTORS = ("REB", "OPP", "CVL", "COP", "MIL")

# Entries that the actor linker codes when written with a capital (a group noun opening a sentence):
# linker false positives, listed so that a new one is noticed.  Lower-case entries link to nothing.
KNOWN_CAPITALISED_COLLISIONS = {
    "es": {"colonos"},
    "it": {"coloni"},
    "pl": {"policji"},
    "ro": {"mascați", "mascaţi", "mascații", "mascaţii", "mascaților", "mascaţilor"},
    "ru": {"полиции", "милиции"},
    "uk": {"поліції", "міліції"},
    "tr": {"polis", "polisi", "polise", "polisin", "polisler", "polis memuru", "polis memurunu", "polis memurları",
           "barış gücü", "barış güçleri", "gazete"},
}

# (sentence, expected (source, target)): a group located by a capital is that country's own
# (domestic X -> X); a group with no country stated is null.
SENTENCES = {
    "it": [("La polizia ha arrestato decine di manifestanti a Belgrado.", ("SRB", "SRB")),
           ("Uomini armati hanno rapito due giornalisti.", (None, None))],
    "ro": [("Poliția a reținut zeci de protestatari la Chișinău.", ("MDA", "MDA")),
           ("Rebelii au răpit doi jurnaliști.", (None, None))],
    "ru": [("Полиция задержала десятки протестующих в Минске.", ("BLR", "BLR")),
           ("Боевики похитили двух журналистов.", (None, None))],
    "uk": [("Поліція затримала десятки протестувальників у Тбілісі.", ("GEO", "GEO")),
           ("Бойовики викрали двох журналістів.", (None, None))],
    "pl": [("Policja zatrzymała dziesiątki demonstrantów w Mińsku.", ("BLR", "BLR")),
           ("Uzbrojeni napastnicy porwali dwóch dziennikarzy.", (None, None))],
    "es": [("La policía detuvo a decenas de manifestantes en Caracas.", ("VEN", "VEN")),
           ("Hombres armados secuestraron a dos periodistas.", (None, None))],
    "fr": [("La police a arrêté des dizaines de manifestants à Tbilissi.", ("GEO", "GEO")),
           ("Des hommes armés ont enlevé deux journalistes.", (None, None))],
    "de": [("Die Polizei nahm in Minsk Dutzende Demonstranten fest.", ("BLR", "BLR")),
           ("Bewaffnete entführten zwei Journalisten.", (None, None))],
    # "Polis" opening the sentence is linked to Poland (KNOWN_CAPITALISED_COLLISIONS): place it later
    "tr": [("Tiflis'te polis onlarca göstericiyi gözaltına aldı.", ("GEO", "GEO")),
           ("Silahlı kişiler iki gazeteciyi kaçırdı.", (None, None))],
    "ar": [("اعتقلت الشرطة عشرات المتظاهرين في طهران.", ("IRN", "IRN")),
           ("اختطف مسلحون صحفيين اثنين.", (None, None))],
}

# a possessive pronoun and a group it owns ("its troops"): the group is the subject's, not a participant
OWNED = {
    "it": "i suoi soldati",
    "ro": "propriile trupe",  # "trupele sale": a possessive after its noun is not looked at
    "ru": "свои войска",
    "uk": "свої війська",
    "pl": "swoje wojska",
    "es": "sus tropas",
    "fr": "leurs troupes",
    "de": "seine Truppen",
    "tr": "kendi askerleri",
    "ar": None,  # Arabic possessives are suffixes (جنوده), not words
}


def _entries(lang: str) -> list[tuple[str, str]]:
    """(sector, entry) of ``lang``'s file, as written."""
    text = data_path("lexicons", "groups", f"{lang}.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sector, _, words = line.partition("\t")
        out.extend((sector, w.strip()) for w in words.split(";") if w.strip())
    return out


@pytest.fixture(scope="module")
def kb() -> actors.KnowledgeBase:
    return actors.load_kb()


def _codes(text: str, lang: str | None, kb: actors.KnowledgeBase) -> list[str]:
    sent = Sentence("t", 0, 0, len(text), text, lang)
    return [m.code for m in actors.link([sent], lang, None, kb) if m.code]


@pytest.mark.parametrize("lang", LANGS)
def test_groups_lexicon_parses(lang: str) -> None:
    lex = load_groups()[lang]
    assert lex.entries
    for first, options in lex.entries.items():
        for words, sector in options:
            assert words[0] == first and sector.isupper()
            assert all(w == w.lower() for w in words)  # matched on lower-cased tokens


@pytest.mark.parametrize("lang", LANGS)
def test_groups_lexicon_has_core_sectors(lang: str) -> None:
    sectors = {s for options in load_groups()[lang].entries.values() for _, s in options}
    assert set(CORE_SECTORS) <= sectors


@pytest.mark.parametrize("lang", LANGS)
def test_groups_lexicon_has_no_duplicates(lang: str) -> None:
    seen: dict[tuple[str, ...], str] = {}
    for sector, entry in _entries(lang):
        key = tuple(t.text for t in tokenize(entry))
        assert key not in seen, f"{lang}: {entry!r} in {seen[key]} and {sector}"
        seen[key] = sector


@pytest.mark.parametrize("lang", LANGS)
def test_groups_entries_are_not_countries(lang: str, kb: actors.KnowledgeBase) -> None:
    linked = {entry: codes for _, entry in _entries(lang) if (codes := _codes(entry, lang, kb))}
    assert not linked, f"{lang}: entries the actor linker codes: {linked}"


@pytest.mark.parametrize("lang", LANGS)
def test_groups_capitalised_entries_collide_only_where_known(lang: str, kb: actors.KnowledgeBase) -> None:
    linked = {entry for _, entry in _entries(lang) if _codes(entry[:1].upper() + entry[1:], lang, kb)}
    new = linked - KNOWN_CAPITALISED_COLLISIONS.get(lang, set())
    assert not new, f"{lang}: entries the actor linker codes when capitalised: {sorted(new)}"


@pytest.mark.parametrize("lang", [lang for lang in LANGS if OWNED[lang]])
def test_groups_possessive_owner_is_not_a_participant(lang: str) -> None:
    phrase = OWNED[lang]
    assert phrase is not None
    tokens = tokenize(phrase)
    assert tokens[-2].text in PRONOUN_OWNERS
    lex = load_groups()[lang]
    assert find_groups(lex, tokens[-1:], phrase, [], 0, "t", 0)  # the noun alone is a group
    assert not find_groups(lex, tokens, phrase, [], 0, "t", 0)


@pytest.mark.parametrize(("lang", "sentence", "expected"),
                         [(lang, s, e) for lang, pairs in SENTENCES.items() for s, e in pairs])
def test_groups_fill_event_roles(lang: str, sentence: str, expected: tuple[str | None, str | None]) -> None:
    [doc] = process_articles([Article(id=f"{lang}-groups", path="t", raw_text=sentence)],
                             Options(fast=True, workers=1, stories=False))
    assert doc.article.lang == lang
    pairs = [(e.source, e.target) for e in doc.events if not e.negated]
    assert pairs == [expected], f"{sentence}: {[(e.type, e.source, e.target) for e in doc.events]}"
