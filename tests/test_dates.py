"""dates.resolve / dates.parse_article_date on hand-written sentences in several languages."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph import dates

THU = dt.date(2024, 3, 14)  # a Thursday


@pytest.mark.parametrize(
    ("text", "lang", "want", "precision"),
    [
        ("The talks were held on Tuesday in Geneva.", "en", dt.date(2024, 3, 12), "day"),
        ("The deal was signed on 12 March 2024.", "en", dt.date(2024, 3, 12), "day"),
        ("The deal was signed March 5, 2023.", "en", dt.date(2023, 3, 5), "day"),
        ("Talks collapsed two years ago.", "en", dt.date(2022, 1, 1), "year"),
        ("Вчера Россия нанесла удар.", "ru", dt.date(2024, 3, 13), "day"),
        ("В марте 2022 года войска вошли.", "ru", dt.date(2022, 3, 1), "month"),
        ("5 травня відбулася зустріч.", "uk", dt.date(2023, 5, 5), "day"),  # past tense: last May
        ("Spotkanie odbyło się w środę.", "pl", dt.date(2024, 3, 13), "day"),
        ("W 1999 roku Polska przystąpiła do NATO.", "pl", dt.date(1999, 1, 1), "year"),
        ("El pasado martes se firmó el acuerdo.", "es", dt.date(2024, 3, 12), "day"),
        ("Hace 3 años se rompieron las relaciones.", "es", dt.date(2021, 1, 1), "year"),
        ("Il a signé le 1er mars.", "fr", dt.date(2024, 3, 1), "day"),
        ("Am 3. März 2024 unterzeichnete er.", "de", dt.date(2024, 3, 3), "day"),
        ("Accordo firmato ieri a Roma.", "it", dt.date(2024, 3, 13), "day"),
        ("Geçen hafta Ankara'da görüştüler.", "tr", dt.date(2024, 3, 7), "day"),
        ("Anlaşma 3 Mart'ta imzalandı.", "tr", dt.date(2024, 3, 3), "day"),
        ("في 3 مارس وقع الاتفاق", "ar", dt.date(2024, 3, 3), "day"),
        ("Acordul a fost semnat pe 5 mai 2023.", "ro", dt.date(2023, 5, 5), "day"),
        ("Întâlnirea a avut loc luni la București.", "ro", dt.date(2024, 3, 11), "day"),
        ("Semnat la 12.03.2024 la Chișinău.", "ro", dt.date(2024, 3, 12), "day"),
    ],
)
def test_dates_resolve_finds_and_resolves(text: str, lang: str, want: dt.date, precision: str) -> None:
    ref = dates.resolve(text, lang, THU)
    assert ref is not None
    assert (ref.date, ref.precision) == (want, precision)
    assert text[ref.start : ref.end] == ref.surface


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Președintele a vorbit mai mult despre acord.", "ro"),  # "mai" = more
        ("Trupele au stat acolo timp de trei luni.", "ro"),  # "luni" = months
        ("Russia may respond, the ministry said.", "en"),
        ("Ora il governo ha sei ministri.", "it"),
        ("More than 2,000 soldiers were deployed.", "en"),
        ("He said growth was 3.5 percent.", "en"),
        ("Mars est la planète rouge.", "fr"),
        ("Pazar yerinde patlama oldu.", "tr"),  # "pazar" = market
        ("Sé que la situación es difícil.", "es"),
    ],
)
def test_dates_resolve_ignores_false_friends(text: str, lang: str) -> None:
    assert dates.resolve(text, lang, THU) is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Troops will march on Sunday.", dt.date(2024, 3, 17)),  # future cue: the coming Sunday
        ("They met next Tuesday.", dt.date(2024, 3, 19)),
        ("They met on Thursday.", THU),  # the anchor's own weekday is the anchor
        ("Warships held drills in May.", dt.date(2023, 5, 1)),  # past tense: last May
        ("Elections will be held in May.", dt.date(2024, 5, 1)),
    ],
)
def test_dates_resolve_direction_follows_tense(text: str, want: dt.date) -> None:
    ref = dates.resolve(text, "en", THU)
    assert ref is not None and ref.date == want


@pytest.mark.parametrize("lang", [None, "xx", "en"])
def test_dates_resolve_relative_needs_anchor(lang: str | None) -> None:
    assert dates.resolve("They met yesterday.", lang, None) is None
    ref = dates.resolve("They met on 12 March 2024.", lang, None)
    assert ref is not None and ref.date == dt.date(2024, 3, 12)


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("2024-03-12", dt.date(2024, 3, 12)),
        ("2024-03-12T10:00:00Z", dt.date(2024, 3, 12)),
        ("Tue, 12 Mar 2024 10:00:00 +0000", dt.date(2024, 3, 12)),
        ("12.03.2024", dt.date(2024, 3, 12)),
        ("March 12, 2024", dt.date(2024, 3, 12)),
        ("12 March 2024", dt.date(2024, 3, 12)),
        ("12 marca 2024 r.", dt.date(2024, 3, 12)),
        ("5 травня 2023", dt.date(2023, 5, 5)),
        ("", None),
        ("not a date", None),
    ],
)
def test_dates_parse_article_date_formats(value: str, want: dt.date | None) -> None:
    assert dates.parse_article_date(value) == want
