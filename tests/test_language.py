"""Tests for newsgraph.language: fastText lid.176 per paragraph, article vote, fallbacks."""

from __future__ import annotations

import json

import pytest

from newsgraph.clean import clean_text
from newsgraph.language import detect, detect_doc, model_path, normalise_code
from newsgraph.records import Article, Doc


def _doc(text: str, hint: str | None = None) -> Doc:
    return Doc(Article(id="t", path="t", raw_text=text, text=text, lang_hint=hint))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Armenia recalled its ambassador from Minsk on Thursday after remarks by the Belarusian leader."),
        ("it", "L'Armenia ha richiamato il suo ambasciatore da Minsk dopo le dichiarazioni del leader bielorusso."),
        ("ro", "Armenia și-a rechemat ambasadorul de la Minsk după declarațiile liderului de la Minsk."),
        ("ru", "Армения отозвала своего посла из Минска после заявлений белорусского лидера."),
        ("uk", "Вірменія відкликала свого посла з Мінська після заяв білоруського лідера."),
        ("pl", "Armenia odwołała swojego ambasadora z Mińska po wypowiedziach białoruskiego przywódcy."),
        ("es", "Armenia llamó a consultas a su embajador en Minsk tras las declaraciones del líder bielorruso."),
        ("fr", "L'Arménie a rappelé son ambassadeur à Minsk après les déclarations du dirigeant biélorusse."),
        ("de", "Armenien hat seinen Botschafter aus Minsk nach Äußerungen des belarussischen Machthabers abberufen."),
        ("tr", "Ermenistan, Belarus liderinin açıklamalarının ardından Minsk büyükelçisini geri çağırdı."),
        ("ar", "استدعت أرمينيا سفيرها من مينسك بعد تصريحات الزعيم البيلاروسي."),
    ],
)
def test_language_detect_per_language(lang: str, text: str) -> None:
    got, conf = detect(text)
    assert got == lang
    assert 0.5 < conf <= 1.0
    assert detect(text.replace(" ", "\n", 3))[0] == lang  # newlines are handled


@pytest.mark.parametrize("text", ["", "   ", "12.03.2024 14:35", "!!!"])
def test_language_detect_without_letters_is_none(text: str) -> None:
    assert detect(text) == (None, 0.0)


def test_language_detect_doc_paragraphs_keep_their_own_language() -> None:
    it_para = "Il premier armeno ha detto che il Paese non parteciperà al vertice della Csto a Minsk."
    en_para = "\"We will not take part in any summit in Minsk this year,\" the prime minister told reporters."
    it_para2 = "Secondo fonti diplomatiche, l'ambasciatore è stato richiamato a Erevan per consultazioni urgenti."
    text = "\n".join(["Armenia, stop alla Csto", it_para, en_para, it_para2])
    article = detect_doc(_doc(text)).article
    assert article.lang == "it"
    assert 0.5 < article.lang_confidence <= 1.0
    langs = [p.lang for p in article.paragraphs]
    assert langs == ["it", "it", "en", "it"]  # the short headline inherits the article language
    for p in article.paragraphs:
        assert text[p.start : p.end].strip() == text[p.start : p.end] != ""


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("Minsk", "ru", "ru"),  # too short to judge: the declared language wins
        ("NATO", "en-US", "en"),
        ("", "uk", "uk"),
        ("Армения отозвала своего посла из Минска после заявлений белорусского лидера.", "en", "ru"),
    ],
)
def test_language_detect_doc_falls_back_to_hint(text: str, hint: str, expected: str) -> None:
    assert detect_doc(_doc(text, hint)).article.lang == expected


def test_language_detect_doc_empty_without_hint() -> None:
    article = detect_doc(_doc("")).article
    assert article.lang is None and article.paragraphs == ()


@pytest.mark.parametrize(
    ("code", "expected"), [("en-GB", "en"), ("RU", "ru"), ("__label__arz", "ar"), ("", None), ("eng", None)]
)
def test_language_normalise_code(code: str, expected: str | None) -> None:
    assert normalise_code(code) == expected


def test_language_model_file_found() -> None:
    assert model_path().name == "lid.176.ftz"


def test_language_shared_texts(shared_dir) -> None:
    """Article language of the shared en/ru same-story texts after cleaning."""
    path = shared_dir / "data" / "stories" / "ru_exam_pool.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows[:10]:
        text = clean_text(f"{row['a']['title']}\n{row['a']['text']}").text
        assert detect_doc(_doc(text)).article.lang == row["lang"]
