"""places.resolve: preposition + place name, inflected forms, countries, non-places."""

from __future__ import annotations

import pytest

from newsgraph import places


@pytest.mark.parametrize(
    ("text", "lang", "name", "country"),
    [
        ("Talks were held in Minsk on Tuesday.", "en", "Minsk", "BLR"),
        ("Întâlnirea a avut loc la Chișinău.", "ro", "Chisinau", "MDA"),
        ("Atacul din Kievului a fost respins.", "ro", "Kyiv", "UKR"),
        ("Переговоры прошли в Минске.", "ru", "Minsk", "BLR"),
        ("Взрывы прогремели в Москве.", "ru", "Moscow", "RUS"),
        ("Вибухи пролунали у Львові.", "uk", "Lviv", "UKR"),
        ("Зустріч відбулася в Києві.", "uk", "Kyiv", "UKR"),
        ("Spotkanie odbyło się w Warszawie.", "pl", "Warsaw", "POL"),
        ("Protest odbył się w Krakowie.", "pl", "Kraków", "POL"),
        ("Rozmowy prowadzono w Pradze.", "pl", "Prague", "CZE"),
        ("La reunión se celebró en Madrid.", "es", "Madrid", "ESP"),
        ("Le sommet a eu lieu à Paris.", "fr", "Paris", "FRA"),
        ("Die Gespräche fanden in Kiew statt.", "de", "Kyiv", "UKR"),
        ("Görüşme Ankara'da yapıldı.", "tr", "Ankara", "TUR"),
        ("Saldırı İstanbul'da gerçekleşti.", "tr", "Istanbul", "TUR"),
        ("عقد الاجتماع في دمشق", "ar", "Damascus", "SYR"),
        ("L'incontro si è svolto a Roma.", "it", "Rome", "ITA"),
        ("Shells fell in the eastern city of Kharkiv.", "en", "Kharkiv", "UKR"),
        ("Bombardamente în orașul ucrainean Harkov.", "ro", "Kharkiv", "UKR"),
        ("Bombardeos en la ciudad ucraniana de Járkov.", "es", "Kharkiv", "UKR"),
        ("Esplosioni nella città di Odessa.", "it", "Odesa", "UKR"),
        ("Взрывы в городе Харьков.", "ru", "Kharkiv", "UKR"),
        ("انفجار في مدينة حلب", "ar", "Aleppo", "SYR"),
        ("Harkiv kentinde patlama oldu.", "tr", "Kharkiv", "UKR"),
        ("Talks opened in Rio de Janeiro.", "en", "Rio de Janeiro", "BRA"),
    ],
)
def test_places_resolve_cities(text: str, lang: str, name: str, country: str) -> None:
    place = places.resolve(text, lang)
    assert place is not None
    assert (place.name, place.country) == (name, country)
    assert place.latitude is not None and place.longitude is not None
    assert text[place.start : place.end].strip()  # offsets point at the name in the text


@pytest.mark.parametrize(
    ("text", "lang", "country"),
    [
        ("Troops were deployed in Ukraine.", "en", "UKR"),
        ("Саммит прошёл в Казахстане.", "ru", "KAZ"),
        ("Des combats ont éclaté au Mali.", "fr", "MLI"),
        ("Ćwiczenia odbyły się w Rosji.", "pl", "RUS"),
    ],
)
def test_places_resolve_countries_have_no_coordinates(text: str, lang: str, country: str) -> None:
    place = places.resolve(text, lang)
    assert place is not None and place.country == country
    assert place.latitude is None and place.longitude is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Minsk said it would respond.", "en"),  # an actor, not a place
        ("In a statement, the ministry condemned the strike.", "en"),
        ("They met in March.", "en"),
        ("Атака на Киев продолжалась всю ночь.", "ru"),  # "на": the target
        ("Moscova a reacționat dur.", "ro"),
        ("Russia is in talks with the city council.", "en"),
    ],
)
def test_places_resolve_ignores_non_places(text: str, lang: str) -> None:
    assert places.resolve(text, lang) is None


def test_places_resolve_prefers_a_city_over_a_country() -> None:
    place = places.resolve("In Ukraine, explosions were reported in Kharkiv.", "en")
    assert place is not None and place.name == "Kharkiv"


@pytest.mark.parametrize(
    ("text", "lang", "start", "country"),
    [
        ("Rosyjska armia ostrzelała Charków z wyrzutni.", "pl", 25, "UKR"),
        ("Russian forces shelled Kharkiv on Monday.", "en", 22, "UKR"),
        ("Russian forces shelled the outskirts on Monday.", "en", 22, None),  # no name: no city
        ("Russian forces attacked Ukraine on Monday.", "en", 23, None),  # a country is an actor, not a city
    ],
)
def test_places_object_city_after_the_verb(text: str, lang: str, start: int, country: str | None) -> None:
    got = places.object_city(text, lang, start)
    assert (got.country if got else None) == country
