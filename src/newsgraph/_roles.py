"""Source/target selection for one trigger in one sentence (helper of :mod:`newsgraph.events`).

Actors are the sentence's linked mentions, grouped into *spans* (adjacent mentions of one code,
e.g. "Japanese Prime Minister Hashimoto", become one span).  For a trigger:

- the *subject* is the nearest span before the trigger, extended backwards through coordination
  ("A and B", "A, B și C"); the *object* is the first span after it, extended forwards;
- a span that is a reported-speech speaker after the trigger ("..., X said", "according to X")
  or a capital used as a place ("met in Beijing") is not an object;
- a passive agent ("by X", "de către X", "przez X", "X tarafından"...) after the trigger makes the
  sentence passive: source = agent, target = subject; "was attacked" with no agent gives
  target = subject, source unknown;
- the lexicon voice then maps (subject, object) to (source, target): ``active`` keeps them,
  ``passive`` and ``subjtarget`` swap them, ``recip`` emits both directions for a coordinated
  subject with no object ("A and B agreed").  A structural passive and a ``passive`` entry describe
  one construction, so (source, target) is swapped at most once;
- Turkish (SOV): the sentence-initial subject (its comma is not coordination) and the last other
  actor before the verb; coordination skips articles and "of" ("la Pologne et la Lituanie",
  "de la Turquie et de l'Allemagne").

Two spans with one code give X->X, as the gold practice of ../shared/data/dev does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._groups import is_group, sector_of
from ._triggers import Token, normalize
from .records import Mention

__all__ = ["STATELESS_SECTORS", "Span", "assign", "spans"]

# Same-code mentions separated by at most 3 words (titles, first names) are one actor span:
# "Japanese Prime Minister Ryutaro Hashimoto"; 3 covers title + two names.
MERGE_GAP_WORDS = 3
# A passive marker must sit within 3 words before the agent ("by the Syrian army", "przez polskie
# władze"); further away it usually belongs to another phrase.
AGENT_WINDOW = 3
# Without a passive auxiliary, the marker must come within 2 words of the trigger ("attacked by",
# "strikes carried out by"): a participle phrase; further away it modifies something else.
PARTICIPLE_GAP = 2
# ... and the words between must look like a participle phrase ("carried out", "launched"), so that
# "rejected a proposal by Guyana" stays active.
PARTICIPLE_ENDINGS = ("ed", "en", "out", "up", "t")

# Lower-case words allowed inside one actor's name span ("President of France", "Ministro degli Esteri").
TITLE_GLUE = frozenset({"of", "the", "de", "di", "del", "degli", "della", "du", "des", "der", "al", "el", "la"})
CONNECTORS = frozenset({
    "and", "&", "as well as", "along with", "together with", "with", "or", "e", "ed", "și", "si", "и", "й",
    "та", "i", "і", "oraz", "y", "et", "und", "ve", "ile", "و", "ou", "o", "ili", "или", "або", "lub",
    "a", "und auch", "ed anche", "as well", "plus",
})
PASSIVE_MARKERS = (
    "by", "de către", "de catre", "со стороны", "з боку", "przez", "por", "par", "von", "durch",
    "da", "dal", "dalla", "dai", "dagli", "dalle", "da parte di", "من قبل", "tarafından",
)
POSTPOSED_PASSIVE = ("tarafından",)  # Turkish: the agent precedes the marker
_MARKERS = tuple(f" {m} " for m in PASSIVE_MARKERS if m not in POSTPOSED_PASSIVE)
# any of _MARKERS, to test a window once before trying them in order
_ANY_MARKER = re.compile("|".join(map(re.escape, _MARKERS)))
PASSIVE_AUX = frozenset({
    "was", "were", "been", "being", "is", "are", "be", "got", "get", "gets", "fost", "fu", "fue",
    "fueron", "été", "wurde", "wurden", "został", "została", "zostało", "zostali", "zostały", "был",
    "была", "было", "были", "stato", "stata", "stati", "state", "è", "sono", "venne", "vennero",
})
# Words after which a token is a noun, not a participle ("were a provocation"): blocks the aux-passive reading.
DETERMINERS = frozenset({"a", "an", "the", "un", "une", "una", "uno", "le", "la", "il", "lo", "el", "ein", "eine",
                         "der", "die", "das", "o"})
# Nouns allowed between a comma-fronted speaker and its verb (", the Israeli army said")
ATTRIBUTION_NOUNS = 2
SPEECH_AFTER = frozenset({
    "said", "says", "say", "told", "stated", "announced", "reported", "claimed", "added", "noted",
    "declared", "spokesman", "spokeswoman", "spokesperson", "a", "ha", "dichiarato", "declarat",
    "заявил", "заявила", "заявили", "заявив", "powiedział", "dijo", "afirmó", "a déclaré",
    "erklärte", "sagte", "dedi", "açıkladı", "قال", "declaró", "ha detto", "a spus",
})
SPEECH_BEFORE = ("according to", "secondo", "potrivit", "по словам", "según", "selon", "laut", "zdaniem",
                 "göre", "وفقا", "за словами", "cited", "quoted")
PLACE_PREPS = frozenset({"in", "at", "near", "à", "a", "în", "la", "в", "во", "у", "w", "en", "nel", "nella",
                         "bei", "im", "da", "di"})

# A capital after these before a meeting word is where the meeting is ("flew to Baghdad for talks")
VENUE_PREPS = PLACE_PREPS | {"to"}
# Civilian groups that, unnamed, belong to the state actor of the sentence; looked for within 4
# tokens after the trigger ("arrested dozens of opposition activists").
DOMESTIC_WINDOW = 4
DOMESTIC_GROUPS = frozenset({
    "protesters", "protestors", "demonstrators", "opposition", "activists", "dissidents", "journalists",
    "students", "workers", "civilians", "citizens", "residents", "villagers", "people", "prisoners",
    "detainees", "critics", "opponents", "farmers", "miners", "teachers", "doctors", "strikers",
    "minister", "officials", "politicians", "lawmakers", "leaders", "mayor",
    "manifestanti", "attivisti", "civili", "manifestanți", "activiști", "протестующих",
    "активистов", "мирных", "demonstrantów", "aktywistów", "manifestantes", "activistas", "civiles",
    "manifestants", "civils", "demonstranten", "aktivisten", "zivilisten", "göstericileri",
    "aktivistleri", "sivilleri", "протестувальників", "активістів",
})

# Word order of the languages whose main verb usually follows (tr; de participles/subordinates)
# or precedes (ar) both arguments; every other language is treated as SVO.
VERB_FINAL = frozenset({"tr", "de"})
VERB_INITIAL = frozenset({"ar"})
# Strict SOV news prose (Turkish): "Çin, Japonya'ya ... çağrısında bulundu" - the subject opens the
# sentence, usually followed by a comma that is not coordination; the object is the last other actor
# before the verb.
SOV = frozenset({"tr"})
# The Turkish locative suffix after a name's apostrophe ("Gazze'de", "Bağdat'ta", "Gazze'deki"):
# such a name is a place in an SOV clause, not the object.
_LOCATIVE = re.compile(r"['’](?:d|t)[ae](?:ki)?\b")

_SPACE = re.compile(r"\s+")
# Articles and "of" that may follow a conjunction before the second conjunct ("la Pologne et la
# Lituanie", "de la Turquie et de l'Allemagne", "and the Netherlands"): stripped before testing it.
ARTICLE_TAIL = frozenset({"the", "la", "le", "les", "l'", "el", "los", "las", "il", "lo", "gli", "der", "die", "das",
                          "den", "dem", "of", "de", "di", "du", "des", "del", "della", "d'", "von"})
# Group sectors with no country of their own: refugees and migrants are not citizens of the country
# they are in, NGOs are international (the CAMEO set's convention: eval/events_cameo/README.md)
STATELESS_SECTORS = frozenset({"REF", "NGO"})
# Titles between a conjunction and a name ("Putin and Chancellor Angela Merkel"), English.
TITLE_WORDS = frozenset({"president", "chancellor", "king", "queen", "premier", "prime", "minister", "foreign",
                         "defence", "defense", "secretary", "general", "leader", "emir", "sheikh", "prince",
                         "sultan", "pope", "envoy", "ambassador", "counterpart", "mr", "mrs", "ms", "dr"})
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(dass|daß|ki|that)\b")
# A second predicate of the clause's subject ("Clinton telephoned Yeltsin ... and urged him to ..."):
# the trigger follows a conjunction (and an optional adverb) with no actor between them, so the
# nearest actor before it is the first predicate's object, not its subject.
VP_CONJUNCTIONS = frozenset({"and", "but", "then", "e", "ed", "ma", "și", "si", "dar", "и", "но", "і", "й", "та",
                             "але", "i", "ale", "y", "pero", "et", "mais", "und", "aber", "ve", "ama"})
# Words between an actor and a later place phrase that is not the trigger's subject: a head noun and
# preposition ("Russian soldiers in the Donbas", 3 words) or a verb and its object ("Putin and Merkel
# discussed the crisis in eastern Ukraine by telephone", 4).  6 covers both with an adjective or two;
# 3 and 6 scored the same on every project set, 6 fixes the second construction.
PLACE_MODIFIER_WORDS = 6
COMPASS_WORDS = frozenset({"northern", "southern", "eastern", "western", "central", "occupied"})
# Nouns of gatherings whose place ("a summit in Tuvalu") is never a party to what is done there (English).
GATHERING_NOUNS = frozenset({"summit", "talks", "meeting", "conference", "forum", "session", "ceremony",
                             "negotiations", "gathering", "congress", "rally", "parade", "exhibition", "games"})
VENUE_PREPS_AT = frozenset({"in", "at"})
# Nouns of individuals whose nationality adjective is not the act's target when the act moves them to
# another state ("extradited a Russian arms dealer to the United States"), English; looked for in the
# 2 words after the adjective.
PERSON_NOUNS = frozenset({"suspect", "suspects", "dealer", "national", "nationals", "citizen", "citizens",
                          "journalist", "journalists", "tourist", "tourists", "businessman", "businessmen",
                          "spy", "spies", "hostage", "hostages", "sailor", "sailors", "fisherman", "fishermen",
                          "fugitive", "fugitives", "hacker", "hackers", "smuggler", "smugglers", "man", "woman"})
PERSON_NOUN_WORDS = 2
# Object pronouns that refer back to the last actor before the trigger ("urged him", "accused them").
OBJECT_PRONOUNS = frozenset({"him", "her", "them"})


@dataclass(frozen=True)
class Span:
    code: str | None
    start: int  # sentence-relative char offsets
    end: int
    kind: str
    first_mention: int  # index into the sentence's mention list


def spans(mentions: list[Mention], text: str, offset: int) -> list[Span]:
    """Group the sentence's mentions (sorted by start) into actor spans."""
    out: list[Span] = []
    for idx, m in enumerate(mentions):
        start, end = m.start - offset, m.end - offset
        if out:
            prev = out[-1]
            gap = text[prev.end:start]
            if start < prev.end or (
                prev.code == m.code and "," not in gap and len(gap.split()) <= MERGE_GAP_WORDS
                and (prev.kind != "capital" or m.kind == "capital")  # "a Roma il premier italiano": two
                and not _is_connector(gap) and all(w[:1].isupper() or w in TITLE_GLUE for w in gap.split())
            ):
                out[-1] = Span(prev.code, prev.start, max(prev.end, end), prev.kind, prev.first_mention)
                continue
        out.append(Span(m.code, start, end, m.kind, idx))
    return out


def _is_connector(gap: str) -> bool:
    g = _SPACE.sub(" ", normalize(gap)).strip(" ,;")
    g = re.sub(r"^(the|its|his|her|their)\s+", "", g)
    return g in CONNECTORS or (g == "" and "," in gap)


def _coordinated(gap: str) -> bool:
    g = " ".join(normalize(gap).split())  # whitespace runs as one space, stripped
    if g in (",", ""):
        return bool(g)
    words = g.strip(" ,").replace("'", "' ").split()
    while len(words) > 1 and (words[-1] in ARTICLE_TAIL or words[-1] in TITLE_WORDS):
        words.pop()  # "et la" (la Pologne et la Lituanie), "et de l'", "and Chancellor" (Angela Merkel)
    return " ".join(words) in CONNECTORS


def _group_back(sp: list[Span], i: int, text: str) -> list[Span]:
    group = [sp[i]]
    j = i
    while j > 0 and _coordinated(text[sp[j - 1].end:sp[j].start]):
        j -= 1
        group.insert(0, sp[j])
    return group


def _group_forward(sp: list[Span], i: int, text: str) -> list[Span]:
    group = [sp[i]]
    j = i
    while j + 1 < len(sp) and _coordinated(text[sp[j].end:sp[j + 1].start]):
        j += 1
        group.append(sp[j])
    return group


def _words_before(text: str, pos: int, n: int) -> str:
    return " ".join(normalize(text[:pos]).rsplit(None, n)[-n:])  # the last n words: split from the end


def _is_speaker(text: str, span: Span) -> bool:
    before = _words_before(text, span.start, 3)
    if before.endswith(SPEECH_BEFORE):
        return True
    after = normalize(text[span.end:span.end + 40]).split()
    if bool(after) and after[0].strip(",.;:") in SPEECH_AFTER and after[0] not in ("a", "ha"):
        return True
    # a trailing attribution: "..., the Israeli army said", "..., UN investigators said."
    lead = [w for w in before.split() if w not in DETERMINERS]
    return (bool(lead) and lead[-1].endswith(",") and
            any(w.strip(",.;:") in SPEECH_AFTER and w not in ("a", "ha") for w in after[1:1 + ATTRIBUTION_NOUNS]))


def _is_place(text: str, span: Span, preps: frozenset[str] = PLACE_PREPS) -> bool:
    if span.kind != "capital":
        return False
    before = normalize(text[:span.start]).split()
    return bool(before) and before[-1] in preps


def _agent_index(sp: list[Span], after: list[int], text: str, trig_end: int, aux: bool) -> int | None:
    """The first span after the trigger when a passive marker introduces it ("by X", "X tarafından").

    The marker must follow the trigger closely ("attacked by X", "air strikes carried out by X") unless
    a passive auxiliary precedes the trigger ("was ... criticised ... by"), so that "a deal mediated
    by Turkey" does not make "signed" passive.
    """
    if not after:
        return None
    span = sp[after[0]]
    between = normalize(text[trig_end:span.start]).split()
    window = " " + " ".join(between[-AGENT_WINDOW:]) + " "
    for marker in _MARKERS if _ANY_MARKER.search(window) else ():
        at = window.find(marker)
        if at < 0:
            continue
        gap = between[: len(between) - min(AGENT_WINDOW, len(between)) + len(window[:at].split())]
        if aux or (len(gap) <= PARTICIPLE_GAP and all(w.endswith(PARTICIPLE_ENDINGS) for w in gap)):
            return after[0]
    tail = normalize(text[span.end:span.end + 14]).split()
    if tail and tail[0] in POSTPOSED_PASSIVE:
        return after[0]
    return None


def _aux_passive(tokens: list[Token], head: int) -> bool:
    """A passive auxiliary right before the trigger, or two before it across an adverb ("was
    sharply criticised"); not across a determiner ("the flights were a provocation")."""
    if head >= 1 and tokens[head - 1].text in PASSIVE_AUX:
        return True
    return head >= 2 and tokens[head - 2].text in PASSIVE_AUX and tokens[head - 1].text not in DETERMINERS


def _nationality(sp: list[Span], subj: list[Span], text: str) -> list[Span]:
    """A lone group subject right after an actor used attributively is that actor ("Russian soldiers",
    "Palestinian prisoners", "UN peacekeepers"; English demonyms are often linked as names)."""
    if len(subj) == 1 and subj[0].kind == "group":
        k = sp.index(subj[0])
        if k > 0 and sp[k - 1].kind != "group" and not text[sp[k - 1].end:subj[0].start].strip():
            return [sp[k - 1]]
    return subj


def _place_modifier(text: str, prev: Span, span: Span) -> bool:
    """``span`` is the place of the noun phrase ending at ``prev``: "police in Kosovo", "Russian soldiers
    in Syria", "prisoners in Israeli jails" (at most one word, then a place preposition, between)."""
    words = normalize(text[prev.end:span.start]).split()
    while words and words[-1] in COMPASS_WORDS:
        words.pop()
    gap = text[prev.end:span.start]
    return 1 <= len(words) <= PLACE_MODIFIER_WORDS and "," not in gap and not _coordinated(gap) and (
        words[-1] in PLACE_PREPS or (len(words) >= 2 and words[-2] in PLACE_PREPS and words[-1] in DETERMINERS))


def _is_venue(text: str, span: Span) -> bool:
    """A place where a gathering was held ("at a regional summit in Tuvalu", "talks in Geneva")."""
    before = [w for w in normalize(text[max(0, span.start - 50):span.start]).split() if w not in DETERMINERS]
    return len(before) >= 2 and before[-1] in VENUE_PREPS_AT and before[-2] in GATHERING_NOUNS


def _person_adjective(text: str, span: Span) -> bool:
    """An actor used attributively for a person ("a Russian arms dealer", "two Russian suspects")."""
    if span.kind == "group":
        return False  # any other actor used attributively ("Russian", "Moscow", "UN") names the person's side
    words = normalize(text[span.end:span.end + 30]).split()[:PERSON_NOUN_WORDS]
    return any(w.strip(",.;:") in PERSON_NOUNS for w in words)


def _after_to(text: str, span: Span) -> bool:
    before = normalize(text[max(0, span.start - 12):span.start]).split()
    while before and before[-1] in DETERMINERS:
        before.pop()
    return bool(before) and before[-1] == "to"


def _second_predicate(tokens: list[Token], head: int, span_end: int) -> bool:
    """The trigger at token ``head`` follows a conjunction that follows the actor ending at ``span_end``,
    with at most one adverb between ("and urged", "and sharply criticised")."""
    k = head - 1
    if k >= 0 and tokens[k].text.endswith("ly"):
        k -= 1
    return k >= 1 and tokens[k].start >= span_end and tokens[k].text in VP_CONJUNCTIONS


def _domestic_object(tokens: list[Token], head: int) -> bool:
    """A civilian group noun right after the trigger: in CAMEO practice it takes the country code
    of the sentence's state actor (domestic events are X -> X)."""
    return any(t.text in DOMESTIC_GROUPS for t in tokens[head + 1: head + 1 + DOMESTIC_WINDOW])


def _verb_final(sp: list[Span], before: list[int], text: str, subj: list[Span]) -> tuple[list[Span], list[Span]]:
    """Subject and object of a verb-final clause: the clause's first span group, then its last one."""
    clause = [i for i in before if not _CLAUSE_BREAK.search(text[sp[i].end:sp[before[-1]].start])]
    if len(clause) < 2:
        return subj, []
    first = _group_forward(sp, clause[0], text)
    if sp[before[-1]] in first:
        return first, []
    return first, _group_back(sp, before[-1], text)


def _group_words(sp: list[Span], i: int, text: str, step: int) -> list[Span]:
    """Coordination by a connector word only (a comma after a Turkish subject is not coordination)."""
    group = [sp[i]]
    j = i
    while 0 <= j + step < len(sp):
        a, b = (sp[j], sp[j + step]) if step > 0 else (sp[j + step], sp[j])
        g = _SPACE.sub(" ", normalize(text[a.end:b.start])).strip(" ,")
        if g not in CONNECTORS:
            break
        j += step
        group.insert(len(group) if step > 0 else 0, sp[j])
    return group


def _sov(sp: list[Span], before: list[int], text: str) -> tuple[list[Span], list[Span]]:
    subj = _group_words(sp, before[0], text, 1)
    rest = [i for i in before if sp[i] not in subj]
    # a name in the locative case ("Gazze'deki hastanelere", "Bağdat'ta") is where, not whom
    rest = [i for i in rest if not _LOCATIVE.match(text, sp[i].end)] or rest
    return subj, (_group_words(sp, rest[-1], text, -1) if rest else [])


def assign(
    text: str,
    tokens: list[Token],
    head: int,
    trig_start: int,
    trig_end: int,
    voice: str,
    sp: list[Span],
    context_subject: str | None = None,
    meeting: bool = False,
    lang: str | None = None,
    mutual: bool = False,
) -> list[tuple[str | None, str | None]]:
    """(source, target) pairs for the trigger at ``trig_start:trig_end`` of sentence ``text``.

    ``context_subject`` is the code a leading pronoun subject ("It", "They") refers to, resolved by
    the caller from the previous sentences; it is used only when no span precedes the trigger.
    ``meeting``: the event is a meeting, where a capital after "in"/"at" is the venue, not a party
    (elsewhere "protesters in Belgrade" are the target).
    ``mutual``: a cooperative type, where coordinated subjects with no state object act on each other
    ("Japan and South Korea pledged to work together").
    ``lang`` selects word-order rules: verb-final clauses (Turkish; German participles and
    subordinate clauses) take subject and object from the two spans of the trigger's clause before
    it; verb-initial Arabic clauses take them from the two spans after it.
    """
    before = [i for i, s in enumerate(sp) if s.end <= trig_start and not (meeting and _is_place(text, s, VENUE_PREPS))]
    after = [i for i, s in enumerate(sp) if s.start >= trig_end and not (meeting and _is_place(text, s))]
    subj: list[Span] = _group_back(sp, before[-1], text) if before else []
    subj = _nationality(sp, subj, text)
    if len(before) >= 2 and _place_modifier(text, sp[before[-2]], sp[before[-1]]):
        # "Serbian police in Kosovo arrested": Serbia, not Kosovo; "militias in Darfur" stay located there
        modified = _nationality(sp, _group_back(sp, before[-2], text), text)
        if all(x.kind != "group" or sector_of(str(x.code)) in STATELESS_SECTORS for x in modified):
            subj = modified  # "migrants held in a centre in Britain": still not Britain
    second = bool(subj) and _second_predicate(tokens, head, sp[before[-1]].end)
    if second and sp[before[0]] not in subj:
        subj = _group_forward(sp, before[0], text)  # the clause's subject opens the sentence
    agent = _agent_index(sp, after, text, trig_end, _aux_passive(tokens, head))
    passive = agent is not None
    if agent is not None:
        obj = _group_forward(sp, agent, text)
    else:
        after = [i for i in after if not _is_speaker(text, sp[i]) and not _is_venue(text, sp[i])]
        obj = _group_forward(sp, after[0], text) if after else []
        if obj and len(after) > 1 and _person_adjective(text, obj[0]):
            recipient = next((i for i in after[1:] if _after_to(text, sp[i])), None)
            if recipient is not None:  # "extradited a Russian arms dealer to the United States"
                obj = _group_forward(sp, recipient, text)
        if lang in SOV and not obj and len(before) >= 2:
            subj, obj = _sov(sp, before, text)
        elif lang in VERB_FINAL and not obj and len(before) >= 2:
            subj, obj = _verb_final(sp, before, text, subj)
        elif lang in VERB_INITIAL and not before and len(after) >= 2:
            subj = _group_forward(sp, after[0], text)
            rest = [i for i in after if sp[i] not in subj]
            obj = _group_forward(sp, rest[0], text) if rest else []
        if subj and not obj and _aux_passive(tokens, head):
            passive = True
    if second and not obj and head + 1 < len(tokens) and tokens[head + 1].text in OBJECT_PRONOUNS:
        # "... telephoned Yeltsin and urged him": the last actor before that is not the subject
        subj_set = {x.code for x in subj}
        obj = [sp[i] for i in before if sp[i].code not in subj_set][-1:]
    subj_codes: list[str | None] = [s.code for s in subj]
    obj_codes: list[str | None] = [s.code for s in obj]
    if not subj_codes and context_subject is not None:
        subj_codes = [context_subject]
    # one swap at most: a structural passive ("X was attacked by Y") and a passive lexicon entry
    # ("został zaatakowany", "attaqué par") describe the same construction, never a double inversion
    if passive or voice in ("passive", "subjtarget"):
        subj_codes, obj_codes = obj_codes, subj_codes
    if not obj_codes and len(subj_codes) == 1 and not passive and _domestic_object(tokens, head):
        obj_codes = list(subj_codes)  # "Serbian police arrested protesters": the state's own people
    subj_codes = list(dict.fromkeys(subj_codes))
    obj_codes = list(dict.fromkeys(obj_codes))
    if mutual and len(subj_codes) >= 2 and not passive and all(is_group(c) for c in obj_codes):
        obj_codes = []  # "Kenya and Uganda undertook to exchange intelligence on militants"
    if (voice == "recip" or (mutual and not obj_codes)) and len(subj_codes) >= 2 and not passive:
        # "A and B agreed/signed/met (... on C)": the coordinated subjects act on each other
        return [(a, b) for a in subj_codes for b in subj_codes if a != b]
    if not subj_codes and not obj_codes:
        return []
    return [(a, b) for a in (subj_codes or [None]) for b in (obj_codes or [None])]
