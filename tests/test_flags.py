"""flags.detect: negation, condition, future/intent and history cues around a trigger."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsgraph import flags
from newsgraph._resources import data_path

ANCHOR = dt.date(2024, 3, 14)


def _detect(text: str, trigger: str, lang: str, event_date: dt.date | None = None) -> str:
    i = text.index(trigger)
    got = flags.detect(text, lang, i, i + len(trigger), ANCHOR, event_date)
    return "".join(code for code, k in zip("NHFX", flags.FLAG_KINDS, strict=True) if getattr(got, k))


@pytest.mark.parametrize(
    ("text", "trigger", "lang", "want"),
    [
        ("Chile did not sign the accord.", "sign", "en", "N"),
        ("Chile rejected the accord.", "rejected", "en", ""),
        ("Chile refused to sign the accord.", "refused", "en", ""),
        ("Chile not only signed the accord but also ratified it.", "signed", "en", ""),
        ("Chile no longer backs the accord.", "backs", "en", "N"),
        ("Reporters did not ask why Chile signed the accord.", "signed", "en", ""),
        ("Chile will sign the accord.", "sign", "en", "F"),
        ("Chile won't sign the accord.", "sign", "en", "NF"),
        ("Chile could sign the accord.", "sign", "en", "H"),
        ("If asked, Chile would sign the accord.", "sign", "en", "H"),
        ("Chile will sign the accord if Peru does.", "sign", "en", "HF"),
        ("Chile signed the accord, and reporters asked if Peru would follow.", "signed", "en", ""),
        ("Chile backed a vote on whether to talk, but it rejected the accord.", "rejected", "en", ""),
        ("The minister said Chile would sign the accord.", "sign", "en", "F"),
        ("In May, Chile signed the accord.", "signed", "en", ""),
        ("Chile signed the accord in 1998.", "signed", "en", "X"),
        ("Chile signed the accord years ago.", "signed", "en", "X"),
        ("Chile said on Tuesday that the accord, signed in 1998, was void.", "said", "en", ""),
        ("In 1998, after long talks, Chile signed the accord.", "signed", "en", "X"),
        ("Peru nu a semnat acordul.", "semnat", "ro", "N"),
        ("Peru nu doar a semnat acordul, ci l-a și ratificat.", "semnat", "ro", ""),
        ("Peru urmează să semneze acordul.", "semneze", "ro", "F"),
        ("Peru ar putea semna acordul.", "semna", "ro", "H"),
        ("Перу не подписало соглашение.", "подписало", "ru", "N"),
        ("Перу намерено подписать соглашение.", "подписать", "ru", "F"),
        ("Перу подписало соглашение в 2001 году.", "подписало", "ru", "X"),
        ("Peru nie podpisało umowy.", "podpisało", "pl", "N"),
        ("Peru podpisałoby umowę.", "podpisałoby", "pl", "H"),
        ("Perú no firmó el acuerdo.", "firmó", "es", "N"),
        ("Perú firmará el acuerdo.", "firmará", "es", "F"),
        ("Le Pérou n'a pas signé l'accord.", "signé", "fr", "N"),
        ("Le Pérou signera l'accord.", "signera", "fr", "F"),
        ("Peru unterzeichnete das Abkommen nicht.", "unterzeichnete", "de", "N"),
        ("Peru hat das Abkommen nicht nur unterzeichnet.", "unterzeichnet", "de", ""),
        ("Peru plant, das Abkommen zu unterzeichnen.", "unterzeichnen", "de", "F"),
        ("Il Perù non ha firmato l'accordo.", "firmato", "it", "N"),
        ("Il Perù firmerà l'accordo.", "firmerà", "it", "F"),
        ("Peru anlaşmayı imzalamadı.", "imzalamadı", "tr", "N"),
        ("Peru anlaşmayı imzalayacak.", "imzalayacak", "tr", "F"),
        ("Peru anlaşmayı imzalayabilir.", "imzalayabilir", "tr", "H"),
        ("Перу не підписало угоду.", "підписало", "uk", "N"),
        ("Перу підписуватиме угоду.", "підписуватиме", "uk", "F"),
        ("لم توقع بيرو الاتفاق", "توقع", "ar", "N"),
        ("ستوقع بيرو الاتفاق", "ستوقع", "ar", "F"),
        ("قد توقع بيرو الاتفاق", "توقع", "ar", "H"),
    ],
)
def test_flags_detect_cues(text: str, trigger: str, lang: str, want: str) -> None:
    assert _detect(text, trigger, lang) == want


@pytest.mark.parametrize(
    ("event_date", "want"),
    [
        (dt.date(2024, 3, 20), "F"),
        (dt.date(2024, 3, 14), ""),
        (dt.date(2023, 12, 1), ""),
        (dt.date(2022, 6, 1), "X"),
    ],
)
def test_flags_detect_uses_event_date(event_date: dt.date, want: str) -> None:
    assert _detect("Chile signed the accord.", "signed", "en", event_date) == want


@pytest.mark.parametrize("lang", ["en", "ro", "ru", "uk", "pl", "es", "fr", "de", "it", "tr", "ar", None, "xx"])
def test_flags_lexicons_load(lang: str | None) -> None:
    got = flags.detect("Nothing happened here.", lang, 0, 7, ANCHOR, None)
    assert isinstance(got, flags.Flags)


def test_flags_every_lexicon_row_is_well_formed() -> None:
    folder = data_path("lexicons", "flags")
    names = [p.name for p in folder.iterdir() if p.name.endswith(".tsv")]
    assert len(names) >= 10
    for name in names:
        flags._lexicon.cache_clear()
        flags._compiled.cache_clear()
        comp = flags._compiled(name.removesuffix(".tsv"))
        assert comp.groups


def test_flags_labelled_set_accuracy(project_root: Path) -> None:
    rows = [json.loads(x) for x in (project_root / "eval" / "flags" / "flags.jsonl").read_text().splitlines()]
    assert len(rows) >= 120 and len({r["lang"] for r in rows}) >= 6
    exact = 0
    for r in rows:
        i = r["text"].index(r["trigger"])
        got = flags.detect(r["text"], r["lang"], i, i + len(r["trigger"]), dt.date.fromisoformat(r["date"]), None)
        exact += all(getattr(got, k) == r[k] for k in flags.FLAG_KINDS)
    assert exact / len(rows) >= 0.85
