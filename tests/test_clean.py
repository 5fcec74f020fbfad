"""Tests for newsgraph.clean: boilerplate lines, markup residue, repeated lines, offsets."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newsgraph.clean import CleanResult, boilerplate_reason, clean_doc, clean_text, line_key
from newsgraph.records import Article, Doc


def _check_segments(raw: str, result: CleanResult) -> None:
    """Every segment is a verbatim copy; uncovered characters are only what clean inserts."""
    covered = [False] * len(result.text)
    last_end = -1
    for seg in result.segments:
        assert seg.length > 0
        assert result.text[seg.clean_start : seg.clean_start + seg.length] == raw[
            seg.raw_start : seg.raw_start + seg.length
        ]
        assert seg.clean_start >= last_end
        last_end = seg.clean_start + seg.length
        for i in range(seg.clean_start, seg.clean_start + seg.length):
            covered[i] = True
    uncovered = {c for c, cov in zip(result.text, covered, strict=True) if not cov}
    assert uncovered <= {"\n", " ", "&", '"', "'", "<", ">", "\u00a0"}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Leave a Reply", "comment"),
        ("Your email address will not be published. Required fields are marked *", "comment"),
        ("Lascia un commento", "comment"),
        ("Оставить комментарий", "comment"),
        ("Photo: Sergei Gapon/AFP via Getty Images", "credit"),
        ("Foto: ANSA", "credit"),
        ("Фото: РИА Новости", "credit"),
        ("Fot. PAP/Radek Pietruszka", "credit"),
        ("Armenian Prime Minister Nikol Pashinyan in Yerevan, March 2024. REUTERS/Irakli Gedenidze", "credit"),
        ("VEDI ANCHE: Ucraina, Zelensky a Roma", "see_also"),
        ("LEGGI ANCHE", "see_also"),
        ("Citește și: Armenia îngheață participarea la OTSC", "see_also"),
        ("Читайте также: Лукашенко прокомментировал решение Еревана", "see_also"),
        ("Czytaj także", "see_also"),
        ("Lee también: la OTSC se reúne en Minsk", "see_also"),
        ("Lire aussi : L'Arménie gèle sa participation", "see_also"),
        ("Mehr zum Thema", "see_also"),
        ("More In Politics MORE...", "see_also"),
        ("Share on Facebook", "share"),
        ("Abonează-te", "share"),
        ("Подписывайтесь на наш канал в Telegram", "share"),
        ("Bizi Telegram'da takip edin", "share"),
        ("We use cookies to improve your experience. By continuing to browse you agree.", "cookie"),
        ("Source: Reuters", "source"),
        ("Sursa: Agerpres", "source"),
        ("Источник: ТАСС", "source"),
        ("المصدر: رويترز", "source"),
        ("Tags: Armenia, Belarus, CSTO", "tags"),
        ("© 2024 Reuters. All rights reserved.", "copyright"),
        ("Home > World > Europe", "nav"),
        ("Advertisement", "ad"),
        ("Реклама", "ad"),
        ("https://example.com/news/123", "link"),
        ("* * *", "symbols"),
        ("By Caucasus Wire staff | November 23, 2023", "byline"),
        ("Partager cet article", "share"),
        ("Bu haberi paylaş", "share"),
        ("Поділитися новиною", "share"),
        ("2 min read", "meta"),
        ("Ukrainian servicemen near Bakhmut, March 3, 2023. (AP Photo/Demo Name)", "credit"),
        ("Leaders at the summit in Istanbul. Demo Photographer/Pool via REUTERS", "credit"),
        ("Мнение автора может не совпадать с позицией редакции.", "disclaimer"),
    ],
)
def test_clean_boilerplate_reason_flags_boilerplate(line: str, reason: str) -> None:
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The photo published by the ministry showed the two leaders shaking hands in Minsk.",
        "A source close to the Armenian government told reporters the decision was final.",
        "Copyright disputes between the two countries' film studios are not new.",
        "Leave was cancelled for all border guards after the incident, the ministry said.",
        "Lukashenko: Armenia has \"betrayed\" its allies",
        "Secondo fonti vicine al governo di Erevan, la decisione è definitiva.",
        "Sursa citată a precizat că ambasadorul a fost rechemat pentru consultări.",
        "Источник в МИД Армении сообщил, что посол отозван для консультаций.",
        "Фото з місця удару оприлюднила Державна служба з надзвичайних ситуацій.",
        "Źródło w MSZ przekazało, że ambasador został odwołany na konsultacje.",
        "Las fotos de la reunión fueron difundidas por el Kremlin.",
        "Die Fotos des Treffens wurden vom Kreml veröffentlicht.",
        "Kaynaklar, görüşmenin gelecek hafta yapılacağını belirtti.",
        "وقال مصدر دبلوماسي إن السفير استدعي للتشاور.",
        "Home affairs ministers of the EU met in Brussels on Monday.",
        "Follow-up talks are expected in Geneva next month.",
        "Share prices in Yerevan fell 3% after the announcement.",
        "Russia to share intelligence with Belarus",
        "Most Syrians back him, according to a Reuters/Ipsos poll conducted in",
        "Подписание соглашения запланировано на декабрь.",
        "Abonații rețelei de stat au primit mesaje de alertă în timpul nopții.",
    ],
)
def test_clean_boilerplate_reason_keeps_news(line: str) -> None:
    assert boilerplate_reason(line) is None


@pytest.mark.parametrize(
    ("raw", "expected_text", "expected_removed"),
    [
        (
            "Armenia recalls envoy\nShare on Facebook\n\nYEREVAN - Armenia recalled its ambassador.\nSource: Reuters",
            "Armenia recalls envoy\nYEREVAN - Armenia recalled its ambassador.",
            ("Share on Facebook", "Source: Reuters"),
        ),
        (
            "Пашинян не поедет в Минск.\nФото: РИА Новости\nЧитайте также: Саммит ОДКБ\n  Ереван отозвал посла.  ",
            "Пашинян не поедет в Минск.\nЕреван отозвал посла.",
            ("Фото: РИА Новости", "Читайте также: Саммит ОДКБ"),
        ),
        ("", "", ()),
        ("\n\n  \n", "", ()),
    ],
)
def test_clean_text_removes_lines_and_maps_offsets(raw: str, expected_text: str, expected_removed: tuple) -> None:
    result = clean_text(raw)
    assert result.text == expected_text
    assert result.removed == expected_removed
    assert len(result.reasons) == len(result.removed)
    _check_segments(raw, result)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<p>Armenia recalled its ambassador.</p>", "Armenia recalled its ambassador."),
        ("< strong_ngcontent-sc93>Lukashenko</strong> criticised Yerevan.", "Lukashenko criticised Yerevan."),
        ("Minsk</p><p>Moscow and Yerevan", "Minsk Moscow and Yerevan"),
        ("Armenia&nbsp;recalled its envoy", "Armenia recalled its envoy"),
        ("Pashinyan &amp; Lukashenko", "Pashinyan & Lukashenko"),
        ("<b>U</b>SA said &quot;no&quot;", 'USA said "no"'),
        ("a < b and c > d in prose", "a < b and c > d in prose"),
        ("R&D;&nbsp;spending <br/>rose", "R&D; spending rose"),
        ("Minsk<br> Moscow", "Minsk Moscow"),
    ],
)
def test_clean_text_strips_html_residue_with_split_segments(raw: str, expected: str) -> None:
    result = clean_text(raw)
    assert result.text == expected
    _check_segments(raw, result)


def test_clean_text_markup_only_line_is_removed() -> None:
    result = clean_text("Real news line about the summit.\n<div class=\"ad\"></div>\n&nbsp;")
    assert result.text == "Real news line about the summit."
    assert result.reasons == ("html", "html")


@pytest.mark.parametrize(
    ("line", "other"),
    [
        ("Comments (12)", "Comments (3)"),
        ("  MORE FROM OUR NETWORK  ", "More from our network"),
        ("© 2023 Site", "© 2024 site."),
    ],
)
def test_clean_line_key_normalises_case_digits_and_space(line: str, other: str) -> None:
    assert line_key(line) == line_key(other)


def test_clean_text_removes_repeated_lines() -> None:
    footer = "Daily Courier is an independent outlet based in Minsk"
    raw = f"Belarus hosts summit\nLeaders arrived on Thursday.\n{footer}"
    kept = clean_text(raw)
    assert footer in kept.text
    dropped = clean_text(raw, frozenset({line_key(footer)}))
    assert footer not in dropped.text
    assert dropped.removed == (footer,) and dropped.reasons == ("repeated",)
    _check_segments(raw, dropped)


def test_clean_doc_fills_article_fields() -> None:
    raw = "Title line\nSource: TASS\nBody sentence one. Body sentence two."
    doc = Doc(Article(id="x", path="x.txt", raw_text=raw))
    article = clean_doc(doc).article
    assert article.text == "Title line\nBody sentence one. Body sentence two."
    assert article.removed_lines == ("Source: TASS",)
    pos = article.text.index("Body")
    assert raw[article.raw_offset(pos) :].startswith("Body")


@pytest.mark.parametrize(
    ("raw", "kept", "dropped"),
    [
        (
            "Body sentence about the summit.\nRelated Articles\nArmenia and Azerbaijan trade accusations\n"
            "Russia says peacekeepers will stay\nThe talks resumed on Friday, officials said.",
            ["Body sentence about the summit.", "The talks resumed on Friday, officials said."],
            ["Related Articles", "Armenia and Azerbaijan trade accusations", "Russia says peacekeepers will stay"],
        ),
        (
            "ЧИТАЙТЕ ТАКЖЕ\nЛукашенко прокомментировал решение Еревана\nПосол вернется в Минск не раньше лета.",
            ["Посол вернется в Минск не раньше лета."],
            ["ЧИТАЙТЕ ТАКЖЕ", "Лукашенко прокомментировал решение Еревана"],
        ),
    ],
)
def test_clean_text_drops_teaser_lists_after_see_also_heading(raw: str, kept: list, dropped: list) -> None:
    result = clean_text(raw)
    assert result.text.split("\n") == kept
    assert list(result.removed) == dropped


_DEMO = sorted((Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data" / "demo").glob("*.txt"))


@pytest.mark.parametrize("path", _DEMO, ids=[p.name for p in _DEMO])
def test_clean_demo_articles_keep_headline_and_drop_furniture(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    result = clean_text(raw)
    headline = raw.split("\n", 1)[0]
    assert result.text.startswith(headline)
    assert result.removed, "every demo article carries some boilerplate"
    assert len(result.text.split("\n")) >= 3
    _check_segments(raw, result)


_NOISE = ["<p>", "</p>", "<br/>", "&nbsp;", "&amp;", "< strong_ngcontent-sc93>", "</strong>", "<!-- ad -->", "\n", "  "]
_WORDS = ["Armenia", "recalled", "its", "envoy", "from", "Minsk", "after", "Lukashenko", "remarks,", "the", "said", "."]


@pytest.mark.parametrize("seed", range(12))
def test_clean_text_segments_hold_on_noisy_markup(seed: int) -> None:
    rng = random.Random(seed)
    tokens = [rng.choice(_WORDS) if rng.random() < 0.7 else rng.choice(_NOISE) for _ in range(120)]
    raw = "".join(tok + (" " if rng.random() < 0.6 else "") for tok in tokens)
    result = clean_text(raw)
    _check_segments(raw, result)
    assert "<p>" not in result.text and "&nbsp;" not in result.text and "ngcontent" not in result.text
    assert "\n\n" not in result.text and result.text == result.text.strip()


@pytest.mark.parametrize(
    ("raw", "dropped"),
    [
        (
            "Пашинян не поедет в Минск\nПремьер Армении заявил об этом в парламенте в среду вечером.\n"
            "Armenian Prime Minister Nikol Pashinyan attends a session in Yerevan\n"
            "В МИД Белоруссии назвали это решение недружественным шагом.",
            ["Armenian Prime Minister Nikol Pashinyan attends a session in Yerevan"],
        ),
        (
            "قال رئيس الوزراء الأرميني إنه لن يزور بيلاروسيا في الوقت الحالي.\nPashinyan speaks in Yerevan\n"
            "واستدعت وزارة الخارجية البيلاروسية القائم بالأعمال الأرميني.",
            ["Pashinyan speaks in Yerevan"],
        ),
        (  # a quotation in another script is content, and so is a same-script line
            "Лукашенко ответил журналистам в Минске.\n\"We are not going anywhere,\" he said in English.\n"
            "Ереван пока не прокомментировал эти слова.",
            [],
        ),
        (
            "Il premier armeno non andrà a Minsk, ha detto il portavoce.\nArmenian Prime Minister in Yerevan\n"
            "La Farnesina segue la vicenda con attenzione.",
            [],
        ),
    ],
)
def test_clean_text_drops_caption_in_another_script(raw: str, dropped: list) -> None:
    result = clean_text(raw)
    assert list(result.removed) == dropped
    assert all(r == "caption" for r in result.reasons)
    _check_segments(raw, result)
