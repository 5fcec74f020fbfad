"""Tests for newsgraph.events (+ its helpers _triggers and _roles).

Sentences are written for these tests; mentions are built by a tiny name table here so that the
tests exercise the event logic independently of the actor linker.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph import _triggers, events
from newsgraph.records import Article, Doc, Mention, Sentence

NAMES = {
    "Russia": "RUS", "Russian": "RUS", "Moscow": "RUS", "Kremlin": "RUS", "Ukraine": "UKR", "Kyiv": "UKR",
    "France": "FRA", "French": "FRA", "Germany": "DEU", "German": "DEU", "Poland": "POL", "Belarus": "BLR",
    "Polonya": "POL", "Bruxelles": "EU", "ABD": "USA",
    "Minsk": "BLR", "Turkey": "TUR", "Japan": "JPN", "Iran": "IRN", "Israel": "ISR", "Italy": "ITA",
    "Serbia": "SRB", "Serbian": "SRB", "NATO": "NATO", "EU": "EU", "China": "CHN", "Beijing": "CHN",
    "Romania": "ROU", "România": "ROU", "Rusia": "RUS", "Ucraina": "UKR", "Россия": "RUS", "Украину": "UKR",
    "Italia": "ITA", "Francia": "FRA", "the bloc": None, "the country": None, "Rusya": "RUS", "Ukrayna": "UKR",
    "Russland": "RUS", "Deutschland": "DEU", "روسيا": "RUS", "أوكرانيا": "UKR",
    "Ukraina": "UKR", "Rosję": "RUS", "Pologne": "POL", "Lituanie": "LTU", "ucraino": "UKR", "russi": "RUS",
    "Chilean": "CHL", "Indian": "IND", "Japanese": "JPN", "francesi": "FRA", "Russie": "RUS", "français": "FRA",
    "European Community": "EU", "Egypt": "EGY", "Norway": "NOR", "Sri Lanka": "LKA", "Kenya": "KEN",
    "Uganda": "UGA", "Israeli": "ISR", "Clinton": "USA", "Yeltsin": "RUS", "Palestinian": "PSE",
    "Kosovo": "XKX", "Bolivian": "BOL", "Evo Morales": "BOL", "Kathmandu": "NPL",
    "Putin": "RUS", "Merkel": "DEU", "Thailand": "THA", "United States": "USA",
}
KINDS = {"ucraino": "adjective", "russi": "adjective", "Chilean": "adjective", "Palestinian": "adjective",
         "Serbian": "adjective", "Israeli": "adjective", "Bolivian": "adjective", "Kathmandu": "capital",
         "Moscow": "capital", "Kyiv": "capital", "Minsk": "capital", "Beijing": "capital",
         "the bloc": "reference", "the country": "reference"}


def make_doc(text: str, lang: str = "en", date: dt.date | None = dt.date(2024, 3, 14)) -> Doc:
    art = Article(id="a1", path="t", raw_text=text, text=text, date=date, lang=lang)
    sents = [Sentence("a1", i, m.start(), m.end(), m.group(0), lang)
             for i, m in enumerate(re.finditer(r"[^.!?\s][^.!?]*[.!?]", text))]
    mentions = []
    pattern = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in sorted(NAMES, key=len, reverse=True)))
    for m in pattern.finditer(text):
        idx = next(s.index for s in sents if s.start <= m.start() < s.end)
        mentions.append(Mention("a1", idx, m.start(), m.end(), m.group(0), NAMES[m.group(0)],
                                KINDS.get(m.group(0), "name")))
    return Doc(art, tuple(sents), tuple(mentions))


def triples(doc: Doc, fast: bool = True) -> set[tuple[str | None, str, str | None]]:
    return {(e.source, e.type, e.target) for e in events.extract(doc, events.load_model(fast))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia attacked Ukraine on Monday.", {("RUS", "ASSAULT", "UKR")}),
        ("Ukraine was attacked by Russia overnight.", {("RUS", "ASSAULT", "UKR")}),
        ("France and Germany agreed to expand trade.", {("FRA", "AGREE", "DEU"), ("DEU", "AGREE", "FRA")}),
        ("Poland condemned Belarus and Russia over the border crisis.",
         {("POL", "ACCUSE", "BLR"), ("POL", "ACCUSE", "RUS")}),
        ("Turkey received humanitarian aid from Japan.", {("JPN", "AID", "TUR")}),
        ("Iran threatened to impose sanctions on Israel.", {("IRN", "THREATEN", "ISR")}),
        ("Italy urged Serbia to release the detained journalists.", {("ITA", "REQUEST", "SRB")}),
        ("Serbian police arrested Serbian opposition activists.", {("SRB", "COERCE", "SRB")}),
        ("Japan was attacked last night.", {(None, "ASSAULT", "JPN")}),
        ("Russia and China met in Beijing on Tuesday.", {("RUS", "CONSULT", "CHN"), ("CHN", "CONSULT", "RUS")}),
        ("Germany rejected the proposal, Italy said.", {("DEU", "REJECT", None)}),
    ],
)
def test_events_english_roles_and_types(text: str, expected: set[tuple[str | None, str, str | None]]) -> None:
    assert triples(make_doc(text)) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Rusia a atacat Ucraina.", "ro", ("RUS", "ASSAULT", "UKR")),
        ("Italia ha condannato la Francia.", "it", ("ITA", "ACCUSE", "FRA")),
        ("Россия атаковала Украину.", "ru", ("RUS", "ASSAULT", "UKR")),
    ],
)
def test_events_other_languages_use_their_lexicon(text: str, lang: str,
                                                   expected: tuple[str | None, str, str | None]) -> None:
    got = triples(make_doc(text, lang))
    assert expected in got, got


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Rusya Ukrayna'ya saldırdı.", "tr", ("RUS", "ASSAULT", "UKR")),  # verb-final
        ("Russland hat die Ukraine angegriffen.", "de", ("RUS", "ASSAULT", "UKR")),  # participle at the end
        ("Deutschland sagte, Russland habe die Ukraine angegriffen.", "de", ("RUS", "ASSAULT", "UKR")),
        ("هاجمت روسيا أوكرانيا.", "ar", ("RUS", "ASSAULT", "UKR")),  # verb-initial
    ],
)
def test_events_word_order_rules(text: str, lang: str, expected: tuple[str | None, str, str | None]) -> None:
    assert triples(make_doc(text, lang)) == {expected}


def test_events_unknown_language_falls_back_to_all_lexicons() -> None:
    assert ("RUS", "ASSAULT", "UKR") in triples(make_doc("Rusia a atacat Ucraina.", lang=None))  # type: ignore[arg-type]


def test_events_no_actor_or_no_trigger_gives_nothing() -> None:
    assert triples(make_doc("The weather was mild and sunny all week.")) == set()
    assert triples(make_doc("Germany is a large country in Europe.")) == set()


def test_events_repeated_mentions_merge_keeping_evidence() -> None:
    doc = make_doc("Russia attacked Ukraine on Monday. Later, Russia attacked Ukraine again.")
    evs = events.extract(doc, events.load_model(True))
    assert len(evs) == 1
    assert [e.sentence_index for e in evs[0].evidence] == [0, 1]
    assert evs[0].evidence[1].text.startswith("Later")


def test_events_pronoun_subject_takes_previous_actor() -> None:
    doc = make_doc("Iran rejected the offer. It also threatened Israel with retaliation.")
    assert ("IRN", "THREATEN", "ISR") in triples(doc)


def test_events_reference_mention_resolves_to_previous_organisation() -> None:
    doc = make_doc("NATO met on Monday in Brussels. Later the bloc condemned Russia.")
    assert ("NATO", "ACCUSE", "RUS") in triples(doc)


def test_events_ids_are_deterministic_and_fields_filled() -> None:
    doc = make_doc("Russia attacked Ukraine on Monday.")
    a = events.extract(doc, events.load_model(True))
    b = events.extract(doc, events.load_model(True))
    assert [e.id for e in a] == [e.id for e in b]
    ev = a[0]
    assert ev.article_id == "a1" and ev.trigger == "attacked"
    assert ev.date is not None and ev.date_precision in ("day", "month", "year")
    assert 0 < ev.confidence <= 1
    assert ev.evidence[0].start == 0 and ev.evidence[0].end == len("Russia attacked Ukraine on Monday.")


def test_events_extract_doc_sets_events() -> None:
    doc = events.extract_doc(make_doc("Poland condemned Belarus."), events.load_model(True))
    assert [e.type for e in doc.events] == ["ACCUSE"]


@pytest.mark.parametrize(
    ("pattern", "sentence", "hit"),
    [
        ("sign* ... agreement*", "they signed a new trade agreement", True),
        ("sign* ... agreement*", "they signed one two three four five agreement", False),
        ("atac*", "l'atacul a fost respins", True),
        ("attacc*", "l'attacco russo", True),
        ("won't", "Paris won't accept it", True),
        ("met with", "the minister met with officials", True),
        ("met with", "the minister met officials", False),
        ("هاجم*", "وهاجمت القوات المدينة", True),  # Arabic conjunction proclitic
        ("ban", "the central bank raised rates", False),  # exact words are not prefixes
    ],
)
def test_events_trigger_patterns(pattern: str, sentence: str, hit: bool) -> None:
    lex = _triggers.build_lexicon(_triggers._parse(f"AGREE\t-\t{pattern}\tactive", "xx", "test"))
    assert bool(_triggers.find(lex, _triggers.tokenize(sentence))) is hit


def test_events_bad_lexicon_line_raises() -> None:
    from newsgraph.errors import ResourceError

    with pytest.raises(ResourceError):
        _triggers._parse("HUG\t-\thug*\tactive", "xx", "test")
    with pytest.raises(ResourceError):
        _triggers._parse("AGREE\t-\tagree*", "xx", "test")


def test_events_default_mode_embeds_only_ambiguous_sentences() -> None:
    model = events.load_model(False)
    assert model.classifier is not None and len(model.classifier.labels) == 16
    model.cache.clear()
    assert triples(make_doc("Russia attacked Ukraine on Monday."), fast=False) == {("RUS", "ASSAULT", "UKR")}
    assert not model.cache  # one type fired: nothing for the classifier to decide, nothing embedded
    got = triples(make_doc("Poland condemned Belarus for the arrest of journalists."), fast=False)
    assert not model.cache  # a frame verb (ACCUSE) with COERCE only in its complement: not ambiguous
    assert got == {("POL", "ACCUSE", "BLR")}
    got = triples(make_doc("Poland expelled diplomats from Belarus over the arrest of journalists."), fast=False)
    assert len(model.cache) == 1  # SANCTION and COERCE fired: the sentence was embedded (and cached)
    assert got == {("POL", "SANCTION", "BLR")}


# Regression floors on the English dev set (evaluation only; measured 0.714 / 0.515 in the default mode
# with the project's actor linker, 23 Nov 2026).  The acceptance targets (types 0.75, triples 0.55) are not met yet.
DEV_TYPES_FLOOR = 0.68
DEV_TRIPLES_FLOOR = 0.48


@pytest.mark.slow
def test_events_dev_set_regression_floor(shared_dir: Path, project_root: Path) -> None:
    gold = shared_dir / "data" / "dev" / "plover_gold_en.jsonl"
    out = subprocess.run([sys.executable, str(project_root / "scripts" / "eval_events.py"), str(gold)],
                         capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    assert report["linker"] == "pipeline"
    metrics = report["metrics"]["all"]
    assert metrics["types"]["f1"] >= DEV_TYPES_FLOOR
    assert metrics["triples"]["f1"] >= DEV_TRIPLES_FLOOR


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a passive lexicon entry plus a structural agent ("przez") is one inversion, not two
        ("Ukraina została zaatakowana przez Rosję.", "pl", {("RUS", "ASSAULT", "UKR")}),
        # coordination across articles: both signatories
        ("La Pologne et la Lituanie ont signé un accord de défense.", "fr",
         {("POL", "SUPPORT", "LTU"), ("LTU", "SUPPORT", "POL")}),
        # Turkish subject + comma is not coordination; the object is the last actor before the verb
        ("Rusya, Ukrayna'ya saldırdı.", "tr", {("RUS", "ASSAULT", "UKR")}),
        # Romance reported speech: the post-nominal adjective belongs to the attackers, the speaker is the victim
        ("Il presidente ucraino ha detto che droni russi hanno colpito centrali elettriche.", "it",
         {("RUS", "ASSAULT", "UKR")}),
        # crowd subject: the clause's own verb, not the participle complement; a crowd located in a
        # capital is that country's (CAMEO domestic protest)
        ("Thousands of people protested in Kyiv, demanding the withdrawal of Russian troops.", "en",
         {("UKR", "PROTEST", "UKR")}),
        # an unlocated group has no country; a located one takes the place's
        ("Gunmen kidnapped two aid workers.", "en", {(None, "ASSAULT", None)}),
        ("Police arrested dozens of protesters in Nairobi.", "en", {("KEN", "COERCE", "KEN")}),
        ("Rebels attacked Serbian troops.", "en", {(None, "ASSAULT", "SRB")}),
        # coordinated subjects of a cooperative type with no object act on each other
        ("France and Germany pledged to work together on defence.", "en",
         {("FRA", "AGREE", "DEU"), ("DEU", "AGREE", "FRA")}),
        # talks involve both sides; a capital the talks are held in is the venue, not a party
        ("The French president flew to Minsk for talks with Russia.", "en",
         {("FRA", "CONSULT", "RUS"), ("RUS", "CONSULT", "FRA")}),
        # a participial frame after a comma adds a second verbal event of the same subject
        ("Russia expelled two French diplomats, accusing them of spying.", "en",
         {("RUS", "SANCTION", "FRA"), ("RUS", "ACCUSE", "FRA")}),
        ("Poland closed its border with Belarus, accusing Russia of sending migrants.", "en",
         {("POL", "SANCTION", "BLR"), ("POL", "ACCUSE", "RUS")}),
        # the speaker of an attribution between the event and the participle is its subject
        ("Russian troops attacked Ukraine, Kyiv said, accusing Moscow and Minsk of aggression.", "en",
         {("RUS", "ASSAULT", "UKR"), ("UKR", "ACCUSE", "RUS"), ("UKR", "ACCUSE", "BLR")}),
        ("La Russia ha espulso due diplomatici francesi, accusandoli di spionaggio.", "it",
         {("RUS", "SANCTION", "FRA"), ("RUS", "ACCUSE", "FRA")}),
        ("La Russie a expulsé deux diplomates français, les accusant d'espionnage.", "fr",
         {("RUS", "SANCTION", "FRA"), ("RUS", "ACCUSE", "FRA")}),
        # a domestic restriction with no other actor is X -> X
        ("Chilean authorities imposed a curfew after a night of rioting.", "en", {("CHL", "COERCE", "CHL")}),
        # the noun after a nationality adjective is the subject, not the event
        ("Indian and Japanese warships began joint naval exercises.", "en",
         {("IND", "COOPERATE", "JPN"), ("JPN", "COOPERATE", "IND")}),
        # an announced sanction stays a sanction (future flag), not a threat
        ("Russia announced it will expel two French diplomats.", "en", {("RUS", "SANCTION", "FRA")}),
        # a response's target is the party that asked, not the object of the refused or accepted act
        ("Beijing refused to lift martial law in Tibet despite appeals from the European Community.", "en",
         {("CHN", "REJECT", "EU")}),
        ("Serbia refused to withdraw its police from Kosovo, defying a NATO deadline.", "en",
         {("SRB", "REJECT", "NATO")}),
        ("Israel agreed to release 200 Palestinian prisoners at the request of Egypt.", "en",
         {("ISR", "AGREE", "EGY")}),
        ("Serbia agreed to pull back its guns from Kosovo under a NATO ultimatum.", "en",
         {("SRB", "AGREE", "NATO")}),
        # a group named beside another target state is not the source's own population
        ("Norway offered to host talks between Sri Lanka and the rebels.", "en",
         {("NOR", "AGREE", "LKA"), ("NOR", "AGREE", None)}),
        # a second predicate after "and" belongs to the clause's subject; "him" is the last other actor
        ("Clinton flew to Moscow on Thursday and urged Yeltsin to seek a political solution.", "en",
         {("USA", "REQUEST", "RUS")}),
        ("Clinton flew to Moscow on Thursday and urged him to seek a political solution.", "en",
         {("USA", "REQUEST", "RUS")}),
        ("Russia accused Ukraine and threatened to retaliate.", "en", {("RUS", "ACCUSE", "UKR")}),
        # the nationality of a group subject is its country; a place phrase after it is not the subject
        ("Serbian police in Kosovo arrested ten protesters.", "en", {("SRB", "COERCE", "SRB")}),
        ("Palestinian prisoners in Israeli jails went on hunger strike.", "en", {("PSE", "PROTEST", None)}),
        # agreeing to a concession is conceding; a detention noun in a place phrase is not the event;
        # a demand voiced by a strike is the strike
        ("Bolivian President Evo Morales agreed to step down after the army withdrew its support.", "en",
         {("BOL", "CONCEDE", None)}),
        ("Palestinian prisoners in Israeli jails went on hunger strike.", "en", {("PSE", "PROTEST", None)}),
        ("Shopkeepers in Kathmandu closed their businesses in a strike demanding the abolition of the monarchy.",
         "en", {("NPL", "PROTEST", "NPL")}),
        # a title after the conjunction keeps the coordination; a place after the verb is not the subject
        ("Putin and Chancellor Merkel discussed the crisis in eastern Ukraine by telephone.", "en",
         {("RUS", "CONSULT", "DEU"), ("DEU", "CONSULT", "RUS")}),
        # a person's nationality is not the target of an act that moves the person to another state
        ("Thailand extradited a suspected Russian arms dealer to the United States.", "en",
         {("THA", "COOPERATE", "USA")}),
        # the place of a gathering is no party to what is done there
        ("Russia rejected calls for a ceasefire at a summit in Turkey.", "en", {("RUS", "REJECT", None)}),
        # an undertaking is an intention: cooperation promised is AGREE
        ("Kenya and Uganda undertook on Saturday to share intelligence.", "en",
         {("KEN", "AGREE", "UGA"), ("UGA", "AGREE", "KEN")}),
    ],
)
def test_events_role_fixes(text: str, lang: str, expected: set[tuple[str | None, str, str | None]]) -> None:
    assert triples(make_doc(text, lang)) == expected


@pytest.mark.parametrize(("raw", "norm"), [("İSRAİL", "israil"), ("İran’ın", "iran'ın"), ("Kyiv", "kyiv")])
def test_events_normalize_drops_turkish_combining_dot(raw: str, norm: str) -> None:
    assert _triggers.normalize(raw) == norm
    assert [t.text for t in _triggers.tokenize(raw)] == [norm]


@pytest.mark.parametrize(
    "text",
    ["Russia attacked Ukraine's army on Monday.", "Rusia a atacat Ucraina.", "هاجمت روسيا أوكرانيا."],
)
def test_events_tokenize_fast_path_matches_general_path(text: str) -> None:
    toks = _triggers.tokenize(text)
    assert [(t.start, t.end) for t in toks] == [m.span() for m in re.finditer(r"\w+(?:['’]\w+)*", text)]
    assert all(t.forms[0] == t.text for t in toks)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia denied that its forces had attacked Ukraine.", "en"),
        ("La Russia ha smentito di aver attaccato l'Ucraina.", "it"),
        ("Россия опровергла, что атаковала Украину.", "ru"),
    ],
)
def test_events_denied_complement_is_negated(text: str, lang: str) -> None:
    found = events.extract(make_doc(text, lang), events.load_model(True))
    assert found and all(e.negated for e in found)


@pytest.mark.parametrize(
    "text",
    [
        "A Russian spokesman declined to comment on reports about Ukraine.",  # CAMEO 011
        "The French president expressed condolences to Germany after the crash.",  # CAMEO 018
    ],
)
def test_events_statements_plover_drops_are_no_event(text: str) -> None:
    assert triples(make_doc(text)) == set()



@pytest.mark.parametrize(
    ("text", "lang", "expected_types"),
    [
        # a capitalised trigger word inside a sentence is part of a name, not the event
        ("The Grand Slam champion from Russia is ranked ahead of a player from France.", "en", set()),
        ("Russia scored with a Hail Mary pass against France.", "en", set()),
        ("Russia Slams France Over Sanctions.", "en", {"ACCUSE"}),  # a title-case headline keeps its verbs
        ("Russia slammed France on Sunday.", "en", {"ACCUSE"}),
        ("Russia said: Attacks on Ukraine will go on.", "en", {"ASSAULT"}),  # a capital after a colon
        ("Russland verurteilte den Angriff auf Deutschland.", "de", {"ACCUSE"}),  # German nouns are capitalised
    ],
)
def test_events_capitalised_trigger_inside_sentence_is_a_name(text: str, lang: str, expected_types: set[str]) -> None:
    assert {t for _, t, _ in triples(make_doc(text, lang))} == expected_types


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Turkish is verb-final: the clause's last trigger is its main event
        ("Rusya Ukrayna'ya yardım çağrısını geri çevirdi.", {("RUS", "REJECT", "UKR")}),
        ("Rusya Ukrayna'ya insani yardım girişine izin vermesi çağrısında bulundu.", {("RUS", "REQUEST", "UKR")}),
        # a name in the locative case is a place, not the object
        ("Rusya, Ukrayna'nın Polonya'daki saldırılarını kınadı.", {("RUS", "ACCUSE", "UKR")}),
    ],
)
def test_events_turkish_main_event_is_the_last_trigger(
        text: str, expected: set[tuple[str | None, str, str | None]]) -> None:
    assert triples(make_doc(text, "tr")) == expected


@pytest.mark.parametrize(
    ("text", "expected_types"),
    [
        # a trigger word inside a non-event phrase (data/lexicons/nonevents/en.txt) is dropped
        ("Russia released a statement on France on Monday.", set()),
        ("The Russian minister in charge of relations with France resigned.", {"RETREAT"}),
        ("Russia released two French prisoners on Monday.", {"RETREAT"}),
        ("Russia charged a French journalist with spying.", {"ACCUSE"}),
        ("Floods in Russia swept through villages near the border with Ukraine, killing 23 people.", set()),
        ("Russian forces shelled villages near the border with Ukraine, killing 23 people.", {"ASSAULT"}),
        # a topic cue marks a sentence about sport or business: none of its triggers is an event
        ("Russia agreed to play a cricket series in France.", set()),
        ("Russia agreed to hold talks with France.", {"AGREE"}),
    ],
)
def test_events_nonevent_phrase_hides_its_trigger(text: str, expected_types: set[str]) -> None:
    assert {t for _, t, _ in triples(make_doc(text))} == expected_types


@pytest.mark.parametrize(
    ("text", "lang", "expected_types"),
    [
        ("L'Italia ha attaccato la Francia in una partita valida per la Serie A.", "it", set()),
        ("L'Italia ha attaccato la Francia.", "it", {"ASSAULT"}),
        ("Rusya, Ukrayna'ya Süper Lig maçında saldırdı.", "tr", set()),
        ("Rusya Ukrayna'ya saldırdı.", "tr", {"ASSAULT"}),
    ],
)
def test_events_nonevent_topics_in_other_languages(text: str, lang: str, expected_types: set[str]) -> None:
    assert {t for _, t, _ in triples(make_doc(text, lang))} == expected_types


def test_events_city_object_places_the_attack() -> None:
    # "shelled Kharkiv": the city named as the object gives the attack its target country
    assert triples(make_doc("Russian forces shelled Kharkiv on Monday.")) == {("RUS", "ASSAULT", "UKR")}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a refusal targets the party that asked, in other languages too
        ("L'Italia ha respinto le richieste di Bruxelles sulla Russia.", "it", {("ITA", "REJECT", "EU")}),
        ("Rusya, ABD'nin Ukrayna'ya yönelik yaptırımlara katılma çağrısını geri çevirdi.", "tr",
         {("RUS", "REJECT", "USA")}),
    ],
)
def test_events_refusal_targets_the_requester_in_other_languages(
        text: str, lang: str, expected: set[tuple[str | None, str, str | None]]) -> None:
    assert triples(make_doc(text, lang)) == expected
