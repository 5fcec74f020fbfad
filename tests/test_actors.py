"""Tests of the actor linker (newsgraph.actors) on real multilingual sentences."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsgraph.actors import actor_set, is_state_actor, link, link_doc, load_kb, mention_role
from newsgraph.records import Article, Doc, Mention, Sentence

ROOT = Path(__file__).resolve().parents[1]
DAY = dt.date(2024, 3, 1)


def _link(text: str, lang: str | None, day: dt.date | None = DAY) -> tuple[Mention, ...]:
    return link([Sentence("t", 0, 0, len(text), text, lang)], lang, day, load_kb())


def _codes(text: str, lang: str | None, day: dt.date | None = DAY) -> list[str]:
    return actor_set(_link(text, lang, day))


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Армия России усилила удары по Киеву.", "ru", ["RUS", "UKR"]),
        ("Переговоры прошли в Минске при участии Белоруссии.", "ru", ["BLR"]),
        ("Kremlinul a respins acuzațiile Moscovei și ale Rusiei.", "ro", ["RUS"]),
        ("Grănicerii belaruși au împins migranții spre gardul polonez.", "ro", ["BLR", "POL"]),
        ("Łukaszenka spotkał się z premierem Białorusi w Mińsku.", "pl", ["BLR"]),
        ("Die Zukunft Russlands und der Ukraine stand im Mittelpunkt.", "de", ["RUS", "UKR"]),
        ("Türkiye'nin İsveç'in üyeliğini onaylaması bekleniyor.", "tr", ["SWE", "TUR"]),
        ("Українські військові відбили атаку біля Харкова.", "uk", ["UKR"]),
        ("Czechia, formerly the Czech Republic, and Holland signed the pact.", "en", ["CZE", "NLD"]),
        ("Le ministre biélorusse a rencontré son homologue turc.", "fr", ["BLR", "TUR"]),
        ("Israel annexed the Golan Heights; Azerbaijan retook Nagorno-Karabakh.", "en", ["AZE", "ISR", "SYR"]),
        # intelligence services and historical armies are their state
        ("The CIA and the Mossad accused the KGB of running agents in the Red Army.", "en", ["ISR", "RUS", "USA"]),
        # bare "Congo" is the DR Congo in English news, the Republic in French
        ("Rebels in eastern Congo attacked a village near Goma on Monday.", "en", ["COD"]),
        ("Le Congo et la RDC ont signé un accord sur le fleuve à Brazzaville.", "fr", ["COD", "COG"]),
        # a reference word heading a name ("The Republic of Korea") is not a reference
        ("The Republic of Korea and the Organization of American States protested.", "en", ["KOR", "OAS"]),
        # an English demonym whose Romanian/Spanish spelling is lower-case still links mid-sentence
        ("On Monday Kuwaiti and Georgian troops left the base.", "en", ["GEO", "KWT"]),
        ("Officials said Bosnia, Crimea and the West Bank were discussed with the OAU.", "en",
         ["AU", "BIH", "PSE", "UKR"]),
        ("Армия России усилила удары по Киеву.", None, ["RUS", "UKR"]),  # Cyrillic fallback
    ],
)
def test_actors_links_inflected_and_variant_forms(text: str, lang: str | None, expected: list[str]) -> None:
    assert _codes(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Heavy snow closed roads around Atlanta, Georgia, on Tuesday.", "en", []),
        ("Georgia accused Russia of moving the border fence.", "en", ["GEO", "RUS"]),
        ("Georgia's state television called the protest illegal.", "en", ["GEO"]),
        ("Die Lage im US-Bundesstaat Georgia bleibt angespannt.", "de", ["USA"]),
        ("Michael Jordan's sneakers sold for a record sum.", "en", []),
        ("Jordan recalled its ambassador from Israel.", "en", ["ISR", "JOR"]),
        ("Chad Smith scored twice for the visitors.", "en", []),
        ("Chad's government set a date for the vote.", "en", ["TCD"]),
        ("The family roasted a turkey for Thanksgiving dinner.", "en", []),
        ("The museum displays fine china and silverware.", "en", []),
        ("The junta in Niger expelled the ambassador.", "en", ["NER"]),
        ("Nigeria urged a return to civilian rule.", "en", ["NGA"]),
        ("Flowers bloom early in May across the valleys.", "en", []),
        ("Il fondo ha firmato un accordo con un partner locale.", "it", []),
        ("L'ONU e l'UE hanno chiesto una tregua.", "it", ["EU", "UN"]),
        ("Latin America and North America trade more each year.", "en", []),
        ("La dana dejó muertos en la provincia de Valencia.", "es", []),
        ("Kandydaci przeszli do drugiej tury wyborów.", "pl", []),
        ("Зеленський виступив у Нью-Йорку.", "uk", ["UKR"]),
        ("El Congreso de Perú destituyó al presidente.", "es", ["PER"]),
    ],
)
def test_actors_disambiguates_names(text: str, lang: str, expected: list[str]) -> None:
    assert _codes(text, lang) == expected


@pytest.mark.parametrize(
    ("name", "day", "code", "sector"),
    [
        ("Joe Biden", dt.date(2022, 5, 1), "USA", "GOV"),
        ("Joe Biden", dt.date(2026, 1, 10), "USA", "ELI"),
        ("Kaja Kallas", dt.date(2024, 12, 5), "EU", "GOV"),
        ("Kaja Kallas", dt.date(2023, 3, 1), "EST", "GOV"),
        ("Valery Gerasimov", dt.date(2023, 3, 1), "RUS", "MIL"),
        ("Donald Tusk", dt.date(2023, 10, 16), "POL", "ELI"),
        ("Donald Tusk", dt.date(2024, 1, 10), "POL", "GOV"),
    ],
)
def test_actors_leader_codes_to_office_on_date(name: str, day: dt.date, code: str, sector: str) -> None:
    (m,) = _link(f"{name} said on Monday that talks would continue.", "en", day)
    assert (m.kind, m.code, m.sector, m.person) == ("leader", code, sector, name)


def test_actors_leader_in_cyrillic_and_transliterations() -> None:
    for text, lang in [("Зеленський прилетів до Лондона.", "uk"), ("Selenskyj flog nach London.", "de"),
                       ("Zełenski poleciał do Londynu.", "pl"), ("Zelenskiy Londra'ya uçtu.", "tr")]:
        people = [m.person for m in _link(text, lang) if m.kind == "leader"]
        assert people == ["Volodymyr Zelensky"], text


@pytest.mark.parametrize(
    ("text", "lang", "sector", "role"),
    [
        ("Minsk said it would not sign.", "en", "GOV", "organ"),
        ("The summit was held in Minsk last week.", "en", None, "place"),
        ("Görüşmeler Moskova'da yapıldı.", "tr", None, "place"),
        ("The Kremlin dismissed the report.", "en", "GOV", "organ"),
    ],
)
def test_actors_capital_as_government_or_place(text: str, lang: str, sector: str | None, role: str) -> None:
    (m,) = _link(text, lang)
    assert (m.kind, m.sector, mention_role(m)) == ("capital", sector, role)
    assert is_state_actor(m) == (role != "place")


def test_actors_references_and_offices_have_no_code() -> None:
    _link("Officials said the talks were useful.", "en")  # "the" once without a following alias
    ms = _link("The alliance said the prime minister and the Russian government would meet.", "en")
    got = [(m.surface, m.code, m.kind) for m in ms]
    assert got == [("The alliance", None, "reference"), ("the prime minister", None, "office"),
                   ("Russian", "RUS", "name")]
    assert actor_set(ms) == ["RUS"]
    assert [mention_role(m) for m in ms] == ["none", "none", "government"]


def test_actors_mention_offsets_point_into_article() -> None:
    text = "Intro line. Die Nato und Moskau streiten."
    sent = Sentence("a", 1, 12, len(text), text[12:], "de")
    mentions = link([sent], "de", DAY, load_kb())
    assert [text[m.start:m.end] for m in mentions] == ["Nato", "Moskau"]
    assert [m.surface for m in mentions] == ["Nato", "Moskau"]
    assert all(m.sentence_index == 1 and m.article_id == "a" for m in mentions)


def test_actors_link_doc_uses_article_lang_date_and_whole_text() -> None:
    art = Article(id="d1", path="x", raw_text="", text="Lukashenko met Putin in Sochi.", lang="en",
                  date=dt.date(2021, 9, 9))
    doc = link_doc(Doc(article=art), load_kb())
    assert actor_set(doc.mentions) == ["BLR", "RUS"]
    assert {m.person for m in doc.mentions} == {"Alexander Lukashenko", "Vladimir Putin"}


def test_actors_actor_set_is_sorted_and_distinct() -> None:
    ms = [Mention("a", 0, 0, 1, "x", c, "name") for c in ["RUS", None, "BLR", "RUS"]]
    assert actor_set(ms) == ["BLR", "RUS"]


@pytest.mark.parametrize(
    ("igo", "day", "member", "expected"),
    [
        ("CSTO", dt.date(2010, 1, 1), "UZB", True),
        ("CSTO", dt.date(2015, 1, 1), "UZB", False),
        ("NATO", dt.date(2023, 1, 1), "SWE", False),
        ("NATO", dt.date(2024, 5, 1), "SWE", True),
        ("EU", dt.date(2021, 1, 1), "GBR", False),
    ],
)
def test_actors_kb_igo_members_with_dates(igo: str, day: dt.date, member: str, expected: bool) -> None:
    assert (member in load_kb().members_on(igo, day)) is expected


def test_actors_kb_lookup_code() -> None:
    kb = load_kb()
    blr, csto = kb.lookup_code("BLR"), kb.lookup_code("CSTO")
    assert blr is not None and blr.kind == "country" and "Belarus" in blr.name
    assert csto is not None and csto.kind == "igo"
    assert kb.lookup_code("XXX") is None


@pytest.mark.parametrize("suffix", ["yaml", "csv"])
def test_actors_user_extension_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"actors.{suffix}"
    if suffix == "yaml":
        path.write_text("- code: ZZF\n  name: Freedonia\n  aliases: [Freedonia, Fredonia]\n"
                        "- kind: leader\n  name: Rufus Firefly\n  aliases: [Rufus Firefly, Firefly]\n"
                        "  tenures: [{code: ZZF, start: 2020-01-01}]\n", encoding="utf-8")
    else:
        path.write_text("alias,code,kind\nFreedonia,ZZF,name\nFredonia,ZZF,name\n", encoding="utf-8")
    kb = load_kb(path)
    text = "Fredonia and Freedonia protested; Firefly said nothing."
    ms = link([Sentence("u", 0, 0, len(text), text, "en")], "en", DAY, kb)
    assert actor_set(ms) == ["ZZF"]
    assert kb.lookup_code("ZZF") is not None
    assert (any(m.person == "Rufus Firefly" for m in ms)) is (suffix == "yaml")
    assert "ZZF" not in actor_set(_link(text, "en"))  # the bundled KB is untouched


def test_actors_project_eval_set_meets_targets() -> None:
    """The project's own labelled set: F1 >= 0.95 overall and >= 0.9 in every language."""
    kb = load_kb()
    per_lang: dict[str, list[int]] = {}
    for path in sorted((ROOT / "eval" / "actors").glob("actors_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            sent = Sentence(doc["id"], 0, 0, len(doc["text"]), doc["text"], doc["lang"])
            pred = set(actor_set(link([sent], doc["lang"], dt.date.fromisoformat(doc["date"]), kb)))
            gold = set(doc["actors"])
            c = per_lang.setdefault(doc["lang"], [0, 0, 0])
            c[0] += len(pred & gold)
            c[1] += len(pred - gold)
            c[2] += len(gold - pred)
    assert len(per_lang) >= 8

    def f1(tp: int, fp: int, fn: int) -> float:
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    total = [sum(c[k] for c in per_lang.values()) for k in range(3)]
    assert f1(*total) >= 0.95
    assert all(f1(*c) >= 0.9 for c in per_lang.values()), per_lang


def test_actors_ngec_names_link(shared_dir: Path) -> None:
    """Country and leader names of the shared NGEC linking list resolve to the right codes."""
    rows = [line.split("\t") for line in
            (shared_dir / "data" / "train" / "ngec_wiki_linking_tests.tsv").read_text().splitlines()[1:]]
    expect = {"Angela Merkel": "DEU", "Nicolas Maduro": "VEN", "Viktor Orban": "HUN", "Ukraine": "UKR",
              "Kassym-Jomart Tokayev": "KAZ", "Warsaw": "POL", "Nato": "NATO", "the U.N.": "UN"}
    got = {mention: _codes(mention, "en") for mention, _ in rows if mention in expect}
    assert got == {m: [c] for m, c in expect.items()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقال الكرملين إن بوتين سيزور بكين الشهر المقبل.", ["CHN", "RUS"]),  # clitic و, capital
        ("وصل وزير الخارجية الأميركي إلى أنقرة للقاء أردوغان.", ["TUR", "USA"]),  # nisba with article
        ("أعلنت الحكومة الأوكرانية أن القوات الروسية انسحبت.", ["RUS", "UKR"]),  # feminine nisba
        ("ندد الأوكرانيون بالهجوم وطالبوا الناتو بالمزيد.", ["NATO", "UKR"]),  # plural nisba, بال
        ("دعت جامعة الدول العربية ومجلس التعاون الخليجي إلى التهدئة.", ["AL", "GCC"]),  # و on a multi-word IGO
        ("أرسلت فرنسا مساعدات للبنان وليبيا.", ["FRA", "LBN", "LBY"]),  # لل = ل + word starting with ل
        ("التقى ماكرون في الإليزيه بالمستشار شولتس.", ["DEU", "FRA"]),  # seat of power, leader with ب
        ("أكد البيت الأبيض أن منظمة معاهدة الأمن الجماعي لم ترد.", ["CSTO", "USA"]),
    ],
)
def test_actors_arabic_clitics_names_and_inflections(text: str, expected: list[str]) -> None:
    assert _codes(text, "ar") == expected
    assert _codes(text, None) == expected  # Arabic script picks the clitic table without a language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("عقد الاجتماع في الصباح الباكر في قاعة المدينة.", "ar"),  # في once folded to "fi" = Fiji
        ("قدمت وزارة المالية الدعم المالي للمزارعين.", "ar"),  # مالي "financial", not Mali
        ("عقد الاجتماع في الصباح الباكر في قاعة المدينة.", None),
        ("Ya se dan las condiciones, dijo el alcalde de la ciudad.", None),  # "dan": Hungarian "Danish"
    ],
)
def test_actors_function_words_are_never_aliases(text: str, lang: str | None) -> None:
    assert _codes(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Węgierscy i słowaccy dyplomaci przylecieli do Nigru.", "pl", ["HUN", "NER", "SVK"]),
        ("Polscy saperzy pracują w Nigrze od roku.", "pl", ["NER", "POL"]),
        ("Канадці передали зброю разом із Польщею.", "uk", ["CAN", "POL"]),
        ("Los cameruneses y los ruandeses firmaron un acuerdo.", "es", ["CMR", "RWA"]),
        ("Le président ivoirien a reçu des ministres tunisiens.", "fr", ["CIV", "TUN"]),
        ("Węgrzy zaprotestowali przeciwko decyzji Brukseli.", "pl", ["EU", "HUN"]),  # Brussels = the EU
        ("Der Ukrainekrieg prägte die Bundestagswahl.", "de", ["DEU", "UKR"]),  # German compounds
        ("Die Polenta und die Indianapolis-Reise waren teuer.", "de", []),  # no alias + 4-letter noun
    ],
)
def test_actors_demonym_and_case_coverage(text: str, lang: str, expected: list[str]) -> None:
    assert _codes(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Polscy żołnierze stacjonują na Litwie i w Szwecji.", ["LTU", "POL", "SWE"]),
        ("Die Regierung Russlands drohte den Niederlanden.", ["NLD", "RUS"]),
        ("Armata Rusiei a intensificat atacurile.", ["RUS"]),  # "Armata" is not Armenia
        ("Die türkische Armee meldete zwei Millionen Barrel.", ["TUR"]),  # ending and alias languages agree
        ("The junta in Niger expelled the ambassador.", ["NER"]),  # a Mongolian "Niger" = NGA loses
    ],
)
def test_actors_latin_fallback_without_language(text: str, expected: list[str]) -> None:
    assert _codes(text, None) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [("بالكرملين", "الكرملين"), ("والأمم", "الأمم"), ("أنقرة", "انقره"), ("إيران", "ايران")],
)
def test_actors_arabic_fold_merges_article_and_letter_variants(a: str, b: str) -> None:
    from newsgraph._normalize import fold

    assert fold(a) == fold(b)
    assert fold(a).isalpha() and not fold(a).isascii()  # Arabic keeps its script


# --- historical states (successor/continuator codes) and 1945-2014 leaders (leaders_historical.txt)
ARCHIVE_DAY = dt.date(1995, 5, 1)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Yugoslavia accused Albania of arming the rebels.", "en", ["ALB", "SRB"]),
        ("The Soviet Union warned the United States.", "en", ["RUS", "USA"]),
        ("Zaire expelled Belgian diplomats.", "en", ["BEL", "COD"]),
        ("Czechoslovakia signed a treaty with Austria.", "en", ["AUT", "CZE"]),
        ("East Germany and the GDR opened the border with the FRG.", "en", ["DEU"]),
        ("Ceylon, Rhodesia, Kampuchea, Upper Volta, Dahomey and Siam.", "en",
         ["BEN", "BFA", "KHM", "LKA", "THA", "ZWE"]),
        ("North Vietnam attacked. South Yemen protested. East Pakistan seceded.", "en", ["BGD", "VNM", "YEM"]),
        ("Yugoslav troops withdrew and Zairean and Czechoslovak officials met.", "en", ["COD", "CZE", "SRB"]),
        ("Soviet troops left Afghanistan.", "en", ["AFG", "RUS"]),
        ("Советский Союз и Югославия подписали договор.", "ru", ["RUS", "SRB"]),
        ("Радянський Союз попередив Чехословаччину.", "uk", ["CZE", "RUS"]),
        ("Związek Radziecki ostrzegł Jugosławię.", "pl", ["RUS", "SRB"]),
        ("L'Unione Sovietica e la Jugoslavia hanno firmato.", "it", ["RUS", "SRB"]),
        ("Uniunea Sovietică a avertizat Iugoslavia.", "ro", ["RUS", "SRB"]),
        ("La Unión Soviética advirtió a Checoslovaquia.", "es", ["CZE", "RUS"]),
        ("L'Union soviétique a averti le Zaïre.", "fr", ["COD", "RUS"]),
        ("Die Sowjetunion warnte die DDR-Führung nicht; die Tschechoslowakei schwieg.", "de", ["CZE", "RUS"]),
        ("Sovyetler Birliği Yugoslavya'yı uyardı.", "tr", ["RUS", "SRB"]),
        ("حذر الاتحاد السوفيتي يوغوسلافيا.", "ar", ["RUS", "SRB"]),
        ("I soldati sovietici e i diplomatici jugoslavi.", "it", ["RUS", "SRB"]),
        ("Radzieckie i sowieckie wojska wycofały się.", "pl", ["RUS"]),
        # an alternate name geonames gives another capital ("Delhi" under Dili) goes to its own country
        ("Farmers camped outside Delhi.", "en", ["IND"]),
        # parts and bodies named for their state
        ("Protestant marchers in Northern Ireland rallied.", "en", ["GBR"]),
        ("Bosnian Serb gunners shelled the town.", "en", ["BIH"]),
        ("Israel condemned the PLO.", "en", ["ISR", "PSE"]),
    ],
)
def test_actors_historical_states_code_to_successor(text: str, lang: str, expected: list[str]) -> None:
    assert _codes(text, lang, ARCHIVE_DAY) == expected
    assert _codes(text, lang, None) == expected


@pytest.mark.parametrize(
    ("text", "lang", "code"),
    [
        ("Arafat accused Israel of breaking the deal.", "en", "PSE"),
        ("Milosevic rejected the peace plan.", "en", "SRB"),
        ("Yeltsin met the delegation.", "en", "RUS"),
        ("Mubarak urged restraint.", "en", "EGY"),
        ("Gaddafi, Qaddafi or Kadhafi: the colonel spoke.", "en", "LBY"),
        ("Mugabe spoke.", "en", "ZWE"),
        ("Mobutu fled.", "en", "COD"),
        ("Boutros-Ghali called for a ceasefire.", "en", "UN"),
        ("Ельцин встретился с делегацией.", "ru", "RUS"),
        ("Милошевич отверг план.", "ru", "SRB"),
        ("Кучма підписав указ.", "uk", "UKR"),
        ("Jelcyn spotkał się z delegacją.", "pl", "RUS"),
        ("Milošević ha respinto il piano.", "it", "SRB"),
        ("Elțîn a semnat decretul.", "ro", "RUS"),
        ("Jelzin traf die Delegation.", "de", "RUS"),
        ("Moubarak a appelé au calme.", "fr", "EGY"),
        ("Arafat acusó a Israel.", "es", "PSE"),
        ("اتهم عرفات الوفد.", "ar", "PSE"),
    ],
)
def test_actors_historical_leaders_link_in_many_languages(text: str, lang: str, code: str) -> None:
    mentions = [m for m in _link(text, lang, ARCHIVE_DAY) if m.kind == "leader"]
    assert mentions and {m.code for m in mentions} == {code}
    assert all(m.sector == "GOV" for m in mentions)  # in office on 1 May 1995


@pytest.mark.parametrize(
    ("name", "day", "code", "sector"),
    [
        ("Gorbachev", dt.date(1988, 6, 1), "RUS", "GOV"),  # USSR leader -> continuator code
        ("Gorbachev", dt.date(1995, 6, 1), "RUS", "ELI"),
        ("Clinton", dt.date(1995, 6, 1), "USA", "GOV"),  # Bill, President
        ("Clinton", dt.date(2011, 6, 1), "USA", "GOV"),  # Hillary, Secretary of State
        ("Clinton", dt.date(2005, 6, 1), "USA", "ELI"),
        ("Bhutto", dt.date(1994, 6, 1), "PAK", "GOV"),
        ("Vladimir Putin", dt.date(2004, 6, 1), "RUS", "GOV"),  # pre-2015 office merged with leaders.txt
        ("Shevardnadze", dt.date(1989, 6, 1), "RUS", "GOV"),  # Soviet foreign minister
        ("Shevardnadze", dt.date(1999, 6, 1), "GEO", "GOV"),
        ("Javier Solana", dt.date(1997, 6, 1), "NATO", "GOV"),
        ("Mahmoud Abbas", dt.date(2010, 6, 1), "PSE", "GOV"),
    ],
)
def test_actors_historical_leader_office_on_date(name: str, day: dt.date, code: str, sector: str) -> None:
    (m,) = [m for m in _link(f"{name} said.", "en", day) if m.kind == "leader"]
    assert (m.code, m.sector) == (code, sector)


@pytest.mark.parametrize(
    "text",
    [
        "Der Bus fuhr los. Die Kohle wird teurer. Der Stoff ist neu.",  # Bush, Kohl, Stoph
        "Walsh said the Color of the sky was blue.",  # Valls, Collor
        "Samir arrived in Antalya.",  # Shamir, Antall
        "Ливни обрушились на город.",  # Livni
    ],
)
def test_actors_historical_surnames_do_not_meet_common_words(text: str) -> None:
    lang = "ru" if text[0] == "Л" else ("de" if text.startswith("Der") else "en")
    assert not [m for m in _link(text, lang, ARCHIVE_DAY) if m.kind == "leader"]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # an acronym matches only as written: an all-capitals token with one letter more is another
        # acronym, not an inflection ("ISIS" is not Pakistan's ISI, "ЦСКА" not Turkey's TSK)
        ("ISIS claimed the attack in Iraq.", "en", ["IRQ"]),
        ("«Зенит» обыграл ЦСКА в Москве.", "ru", ["RUS"]),
        ("США и НАТО провели переговоры.", "ru", ["NATO", "USA"]),
        ("Secretarul general al NATO-ului a vizitat România.", "ro", ["NATO", "ROU"]),
    ],
)
def test_actors_acronym_is_not_stemmed(text: str, lang: str, expected: list[str]) -> None:
    assert _codes(text, lang) == expected
