"""Tests for newsgraph.sentences: abbreviation-aware splitting per language, offsets, docs."""

from __future__ import annotations

import pytest

from newsgraph.records import Article, Doc, Paragraph
from newsgraph.sentences import split, split_doc


def _texts(text: str, lang: str | None) -> list[str]:
    return [text[a:b] for a, b in split(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Dr. Smith met U.S. officials on 12.03.2024 in Washington. He left at 5 p.m. on Monday.",
         ["Dr. Smith met U.S. officials on 12.03.2024 in Washington.", "He left at 5 p.m. on Monday."]),
        ("en", "J. R. Smith arrived. Talks were held in the U.S. The president left!",
         ["J. R. Smith arrived.", "Talks were held in the U.S.", "The president left!"]),
        ("ru", "В 2024 г. президент, т.е. глава государства, прибыл в Минск. А. Г. Лукашенко промолчал.",
         ["В 2024 г. президент, т.е. глава государства, прибыл в Минск.", "А. Г. Лукашенко промолчал."]),
        ("uk", "Зустріч відбулася 12.03.2024 р. у Києві. Президент В. Зеленський виступив. Далі буде.",
         ["Зустріч відбулася 12.03.2024 р. у Києві.", "Президент В. Зеленський виступив.", "Далі буде."]),
        ("de", "Am 12. März 2024 rief Armenien z.B. den Botschafter zurück. Das sagte Dr. Müller.",
         ["Am 12. März 2024 rief Armenien z.B. den Botschafter zurück.", "Das sagte Dr. Müller."]),
        ("pl", "Prezydent A. Duda powiedział, że ok. 300 osób zatrzymano. Nie wiadomo, co dalej.",
         ["Prezydent A. Duda powiedział, że ok. 300 osób zatrzymano.", "Nie wiadomo, co dalej."]),
        ("es", "El Sr. Albares dijo que EE.UU. apoya el plan. ¿Qué hará Minsk? Nadie lo sabe.",
         ["El Sr. Albares dijo que EE.UU. apoya el plan.", "¿Qué hará Minsk?", "Nadie lo sabe."]),
        ("fr", "M. Macron a parlé avec le Dr. Dupont. La réunion est terminée.",
         ["M. Macron a parlé avec le Dr. Dupont.", "La réunion est terminée."]),
        ("it", "Il sig. Rossi ha incontrato il dott. Bianchi. La Farnesina ha convocato l'ambasciatore.",
         ["Il sig. Rossi ha incontrato il dott. Bianchi.", "La Farnesina ha convocato l'ambasciatore."]),
        ("ro", "Dl. Popescu a spus că art. 5 este clar. Ce urmează?",
         ["Dl. Popescu a spus că art. 5 este clar.", "Ce urmează?"]),
        ("tr", "Dr. Yılmaz açıklama yaptı. Erdoğan konuştu.", ["Dr. Yılmaz açıklama yaptı.", "Erdoğan konuştu."]),
        ("ar", "هل ستشارك أرمينيا في القمة؟ لا أحد يعرف. قال الرئيس إن الوضع صعب۔ وأضاف أن المحادثات ستستأنف.",
         ["هل ستشارك أرمينيا في القمة؟", "لا أحد يعرف.", "قال الرئيس إن الوضع صعب۔", "وأضاف أن المحادثات ستستأنف."]),
        ("en", "\"We will not attend.\" He left... Then? nothing followed.",
         ["\"We will not attend.\"", "He left...", "Then? nothing followed."]),
        (None, "Armenia Freezes CSTO Role\nPashinyan spoke on Tuesday. Minsk reacted.",
         ["Armenia Freezes CSTO Role", "Pashinyan spoke on Tuesday.", "Minsk reacted."]),
        ("xx", "Unknown language text. Still splits.", ["Unknown language text.", "Still splits."]),
        ("ru", "МИНСК, 23 ноября. Саммит ОДКБ прошел без Армении. Ереван промолчал.",
         ["МИНСК, 23 ноября. Саммит ОДКБ прошел без Армении.", "Ереван промолчал."]),
        ("de", "BRÜSSEL. Die EU beschloss Sanktionen. Minsk droht.",
         ["BRÜSSEL. Die EU beschloss Sanktionen.", "Minsk droht."]),
        ("en", "The decision came from NATO. The alliance met.", ["The decision came from NATO.", "The alliance met."]),
    ],
)
def test_sentences_split_per_language(lang: str | None, text: str, expected: list[str]) -> None:
    assert _texts(text, lang) == expected


@pytest.mark.parametrize("text", ["", "\n\n", "   "])
def test_sentences_split_empty(text: str) -> None:
    assert split(text, "en") == []


@pytest.mark.parametrize(
    "text",
    ["  Armenia left.   Belarus stayed.  \n\n  NATO watched.\n", "Headline without stop\n\n\nBody one. Body two."],
)
def test_sentences_split_offsets_are_stripped_and_within_lines(text: str) -> None:
    spans = split(text, "en")
    for a, b in spans:
        piece = text[a:b]
        assert piece == piece.strip() and piece
        assert "\n" not in piece
    assert spans == sorted(spans)


def test_sentences_split_doc_uses_paragraph_language() -> None:
    text = "Пашинян не поедет в Минск. Об этом сообщил МИД.\n\"We are not going,\" he said. It was brief."
    first_end = text.index("\n")
    article = Article(
        id="a1", path="a1", raw_text=text, text=text, lang="ru",
        paragraphs=(Paragraph(0, first_end, "ru", 0.99), Paragraph(first_end + 1, len(text), "en", 0.9)),
    )
    sentences = split_doc(Doc(article)).sentences
    assert [s.lang for s in sentences] == ["ru", "ru", "en", "en"]
    assert [s.index for s in sentences] == [0, 1, 2, 3]
    for s in sentences:
        assert s.article_id == "a1" and text[s.start : s.end] == s.text


def test_sentences_split_doc_without_paragraphs() -> None:
    article = Article(id="a2", path="a2", raw_text="x", text="One here. Two there.", lang="en")
    sentences = split_doc(Doc(article)).sentences
    assert [s.text for s in sentences] == ["One here.", "Two there."]
    assert all(s.lang == "en" for s in sentences)


@pytest.mark.parametrize("lang", ["en", "de", "ru", None])
@pytest.mark.parametrize(
    "text",
    [
        "MINSK. Dr. Smith met U.S. officials on 12. März.\nThe talks ended! Nobody spoke? 1. Armenia left.",
        "Пашинян не поедет в Минск, т.е. визит отменён. Об этом сообщил г. Иванов.\nА. Лукашенко промолчал.",
        "Headline without stop\nHe said: \"It is over.\" Then he left... (Really.) No. 5 was next.",
    ],
)
def test_sentences_split_doc_in_place_matches_split(text: str, lang: str | None) -> None:
    # paragraphs as the language stage makes them (stripped lines) take the in-place path
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    ends = [i for i, c in enumerate(text) if c == "\n"] + [len(text)]
    paragraphs = tuple(Paragraph(a, b, lang, 0.9) for a, b in zip(starts, ends, strict=True))
    article = Article(id="a3", path="a3", raw_text=text, text=text, lang=lang, paragraphs=paragraphs)
    sentences = split_doc(Doc(article)).sentences
    assert [(s.start, s.end) for s in sentences] == split(text, lang)
    assert len(sentences) > len(paragraphs)
