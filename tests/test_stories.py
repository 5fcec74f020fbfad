"""Tests for newsgraph.stories: numbers, near-duplicates, incremental grouping, persistence, eval."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from newsgraph import _story_core, stories
from newsgraph._dedup import DuplicateIndex, jaccard, signature
from newsgraph._story_eval import bcubed, eval_clusters, eval_pairs, format_report, load_cluster_set, stories_report
from newsgraph._story_text import dates, hashed_vector, lead_of, names, numbers
from newsgraph.errors import EvalError
from newsgraph.records import Article, Doc, Event, Mention, Sentence, Story
from newsgraph.stories import MemoryEmbeddingCache, StoryIndex, StoryItem, item_from_doc, pairs_same

CROSSLINGUAL = Path(__file__).resolve().parents[1] / "eval" / "stories" / "crosslingual.jsonl"


def _item(aid: str, title: str, text: str, lang: str = "en", day: str | None = "2025-03-03",
          actors: tuple[str, ...] = ()) -> StoryItem:
    return StoryItem(aid, lang, title, lead_of(text), text, dt.date.fromisoformat(day) if day else None, actors)


SWAP_EN = _item("a1", "Russia and Ukraine swap 150 prisoners each",
                "Russia and Ukraine exchanged 150 prisoners of war each on Monday in a swap mediated by the "
                "United Arab Emirates. Officials said 12 defenders of Mariupol were among those freed.")
SWAP_EN_COPY = _item("a2", "Russia, Ukraine swap 150 prisoners each",
                     "Russia and Ukraine exchanged 150 prisoners of war each on Monday in a swap mediated by the "
                     "United Arab Emirates. Officials said 12 defenders of Mariupol were among the freed.")
SWAP_IT = _item("a3", "Scambio di prigionieri tra Russia e Ucraina: 150 per parte",
                "Mosca e Kiev hanno scambiato lunedì 150 prigionieri di guerra ciascuna, con la mediazione "
                "degli Emirati Arabi Uniti. Tra i liberati 12 difensori di Mariupol.", lang="it")
TANKERS = _item("b1", "US sanctions 35 tankers in Russia's shadow fleet",
                "The US Treasury imposed sanctions on 35 oil tankers of Russia's shadow fleet on Wednesday. "
                "The Kremlin called the measures illegal.", day="2025-03-04")


@pytest.mark.parametrize(("text", "expected"), [
    ("150 на 150", {"150"}),
    ("4,2 млрд євро", {"4.2"}),
    ("4.2 billion euros", {"4.2"}),
    ("2,000 tonnes", {"2000", "2"}),
    ("1.100 Menschen", {"1100"}),
    ("8.000 millones de euros", {"8000", "8"}),
    ("80 bin Suriyeli", {"80"}),
    ("yüzde 60'a", {"60"}),
    ("the 2021 ceasefire, 1 soldier", set()),
])
def test_stories_numbers_normalise_across_languages(text: str, expected: set[str]) -> None:
    assert set(numbers(text)) == expected


@pytest.mark.parametrize(("text", "max_sentences", "expected"), [
    ("First one here. Second one there. Third.", 2, "First one here. Second one there."),
    ("Только одно предложение без точки", 2, "Только одно предложение без точки"),
    ("Alpha beta. Gamma delta.", 1, "Alpha beta."),
])
def test_stories_lead_of_takes_first_sentences(text: str, max_sentences: int, expected: str) -> None:
    assert lead_of(text, max_sentences) == expected


@pytest.mark.parametrize(("a", "b", "is_dup"), [
    (SWAP_EN, SWAP_EN_COPY, True),
    (SWAP_EN, TANKERS, False),
    (SWAP_EN, SWAP_IT, False),
])
def test_stories_dedup_signature_separates_copies(a: StoryItem, b: StoryItem, is_dup: bool) -> None:
    sim = jaccard(signature(a.title + "\n" + a.text), signature(b.title + "\n" + b.text))
    assert (sim >= 0.35) is is_dup


def test_stories_dedup_index_finds_only_same_language() -> None:
    index = DuplicateIndex()
    index.add("a1", "en", signature(SWAP_EN.text))
    assert index.find("en", signature(SWAP_EN_COPY.text)) is not None
    assert index.find("it", signature(SWAP_EN_COPY.text)) is None
    index.remove(["a1"])
    assert index.find("en", signature(SWAP_EN_COPY.text)) is None


@pytest.mark.parametrize("embed", [False])
def test_stories_index_marks_duplicate_and_keeps_story(embed: bool) -> None:
    index = StoryIndex(embed=embed)
    first, copy, other = index.add([SWAP_EN, SWAP_EN_COPY, TANKERS])
    assert first.duplicate_of is None and copy.duplicate_of == "a1"
    assert copy.story_id == first.story_id == stories.story_id_for("a1")
    assert other.story_id != first.story_id
    (story,) = [s for s in index.stories() if s.id == first.story_id]
    assert story.article_ids == ("a1", "a2") and story.languages == ("en",)


@pytest.mark.parametrize("split", [1, 2, 3])
def test_stories_incremental_batches_match_one_pass(split: int) -> None:
    items, _ = load_cluster_set(CROSSLINGUAL, "train")
    whole = StoryIndex(embed=False).add(items)
    index = StoryIndex(embed=False)
    cut = len(items) * split // 4
    parts = index.add(items[:cut])
    restored = StoryIndex.from_rows(json.loads(json.dumps(index.to_rows(), default=str), object_hook=_dates))
    parts += restored.add(items[cut:])
    assert parts == whole
    assert [s.article_ids for s in restored.stories()] == [s.article_ids for s in _stories_of(items)]


def _stories_of(items: list[StoryItem]) -> list[Story]:
    index = StoryIndex(embed=False)
    index.add(items)
    return index.stories()


def _dates(obj: dict) -> dict:
    for key in ("first_date", "last_date"):
        if isinstance(obj.get(key), str):
            obj[key] = dt.date.fromisoformat(obj[key])
    return obj


@pytest.mark.parametrize(("days_apart", "same"), [(0, True), (3, True), (30, False)])
def test_stories_time_window_bounds_comparisons(days_apart: int, same: bool) -> None:
    later = dt.date(2025, 3, 3) + dt.timedelta(days=days_apart)
    rewrite = StoryItem("c2", "en", "Russia and Ukraine exchange prisoners, 150 each",
                        "Mediated by the UAE, Moscow and Kyiv traded 150 captured soldiers each, "
                        "including 12 Mariupol defenders.", "", later)
    index = StoryIndex(embed=False, threshold=0.0)
    first, second = index.add([SWAP_EN, rewrite])
    assert (first.story_id == second.story_id) is same


def test_stories_ids_are_deterministic_and_order_fixed() -> None:
    items, _ = load_cluster_set(CROSSLINGUAL, "test")
    a = StoryIndex(embed=False).add(items)
    b = StoryIndex(embed=False).add(items)
    assert a == b
    assert all(s.id == stories.story_id_for(s.article_ids[0]) for s in _stories_of(items))


def test_stories_memory_cache_avoids_reembedding(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def fake_embed(texts: list[str], *, query: bool = True) -> np.ndarray:
        calls.append(len(texts))
        return np.stack([hashed_vector(t) for t in texts])

    monkeypatch.setattr("newsgraph.embed.embed", fake_embed)
    cache = MemoryEmbeddingCache()
    StoryIndex(cache).add([SWAP_EN, SWAP_IT, TANKERS])
    StoryIndex(cache).add([SWAP_EN, SWAP_IT, TANKERS])
    assert calls == [3]
    assert len(cache.vectors) == 3


@pytest.mark.parametrize(("pred", "gold", "expected"), [
    ({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "x", "c": "y"}, (1.0, 1.0, 1.0)),
    ({"a": "1", "b": "1", "c": "1"}, {"a": "x", "b": "x", "c": "y"}, (5 / 9, 1.0, 2 * (5 / 9) / (5 / 9 + 1))),
    ({"a": "1", "b": "2", "c": "3"}, {"a": "x", "b": "x", "c": "y"}, (1.0, 2 / 3, 0.8)),
])
def test_stories_bcubed_scores(pred: dict, gold: dict, expected: tuple[float, float, float]) -> None:
    assert bcubed(pred, gold) == pytest.approx(expected)


def test_stories_item_from_doc_collects_evidence() -> None:
    text = "Poland closed a border crossing with Belarus. About 60 migrants tried to force the fence."
    art = Article("d1", "x.txt", text, text=text, title="Poland closes crossing", date=dt.date(2025, 3, 14),
                  lang="en")
    sents = (Sentence("d1", 0, 0, 45, text[:45], "en"), Sentence("d1", 1, 46, len(text), text[46:], "en"))
    mentions = (Mention("d1", 0, 0, 6, "Poland", "POL", "name"), Mention("d1", 0, 38, 45, "Belarus", "BLR", "name"))
    events = (Event("e1", "d1", "COERCE", None, "POL", "BLR"),
              Event("e2", "d1", "ASSAULT", None, "BLR", "POL", hypothetical=True))
    item = item_from_doc(Doc(art, sents, mentions, events))
    assert item.actors == ("BLR", "POL") and item.event_types == ("COERCE",)
    assert item.dyads == (("POL", "BLR"),) and item.lead == text and item.title == "Poland closes crossing"


def test_stories_crosslingual_set_shape() -> None:
    rows = [json.loads(line) for line in CROSSLINGUAL.read_text(encoding="utf-8").splitlines()]
    langs: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        assert {"id", "story", "lang", "date", "title", "text", "split"} <= set(row)
        langs[row["story"]].add(row["lang"])
    assert len(langs) >= 30 and min(len(v) for v in langs.values()) >= 3
    # every story has a same-actor distractor (pNNa / pNNb)
    assert all(s[:3] + ("b" if s[3] == "a" else "a") in langs for s in langs)


@pytest.mark.parametrize("split", ["train", "test"])
def test_stories_fast_mode_clusters_own_set_better_than_chance(split: str) -> None:
    res = eval_clusters(CROSSLINGUAL, split=split, embed=False)
    assert res["bcubed_f1"] > 0.55 and res["duplicates"] >= 1


@pytest.mark.slow
@pytest.mark.parametrize("split", ["train", "test"])
def test_stories_crosslingual_bcubed_with_embeddings(split: str) -> None:
    res = eval_clusters(CROSSLINGUAL, split=split, embed=True)
    assert res["bcubed_f1"] >= 0.90


@pytest.mark.slow
def test_stories_pairs_same_translation_vs_distractor() -> None:
    assert pairs_same(SWAP_EN, SWAP_IT)[0]
    assert not pairs_same(SWAP_EN, TANKERS)[0]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "min_f1"), [("en_train_pool", 0.9), ("ru_train_pool", 0.85), ("ru_exam_pool", 0.75)])
def test_stories_shared_pairs_f1(shared_dir: Path, name: str, min_f1: float) -> None:
    res = eval_pairs(shared_dir / "data" / "stories" / f"{name}.jsonl")
    assert res["f1"] >= min_f1


@pytest.mark.parametrize(("days_apart", "is_dup"), [(0, True), (2, True), (40, False)])
def test_stories_duplicate_signatures_expire_outside_window(days_apart: int, is_dup: bool) -> None:
    later = dt.date(2025, 3, 3) + dt.timedelta(days=days_apart)
    copy = StoryItem("a9", "en", SWAP_EN_COPY.title, SWAP_EN_COPY.lead, SWAP_EN_COPY.text, later)
    index = StoryIndex(embed=False)
    index.add([SWAP_EN])
    index.add([dataclasses.replace(TANKERS, date=later)])  # moves the clock forward
    (assigned,) = index.add([copy])
    assert (assigned.duplicate_of == "a1") is is_dup


def test_stories_report_formats_pairs_and_bcubed(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    rows = [{"id": "p1", "lang": "en", "label": "same", "a": {"title": SWAP_EN.title, "text": SWAP_EN.text},
             "b": {"title": SWAP_EN_COPY.title, "text": SWAP_EN_COPY.text}},
            {"id": "p2", "lang": "en", "label": "different", "a": {"title": SWAP_EN.title, "text": SWAP_EN.text},
             "b": {"title": TANKERS.title, "text": TANKERS.text}}]
    pairs.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    report = stories_report([pairs], [CROSSLINGUAL], split="test", embed=False)
    assert report["pairs_all"]["f1"] == 1.0 and report["pairs"][0]["tp"] == 1
    assert report["clusters"][0]["articles"] == 58
    text = format_report(report)
    assert "pairs ALL" in text and "bcubed crosslingual.jsonl[test]" in text


@pytest.mark.parametrize("bad", ['{"id": "x", "label": "maybe", "a": {}, "b": {}}', "not json"])
def test_stories_pairs_file_errors_are_eval_errors(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(EvalError):
        eval_pairs(path, embed=False)


@pytest.mark.parametrize(("text", "expected"), [
    ("в пятницу, 8 ноября, ожидается снег", {"11-8"}),
    ("Во вторник, 5 ноября, и 7 ноября", {"11-5", "11-7"}),
    ("on March 3 and on Sept. 12", {"3-3", "9-12"}),
    ("à partir du 1er avril", {"4-1"}),
    ("el 12 de mayo", {"5-12"}),
    ("з 3 березня", {"3-3"}),
    ("5 marines and 2 mayors, 150 prisoners", set()),
])
def test_stories_dates_read_day_and_month_across_languages(text: str, expected: set[str]) -> None:
    assert set(dates(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Снег выпадет в Амурской области. Ветер в Благовещенске, сообщил ЦГМС.", {"amurs", "blago", "tsgms"}),
    ("Погода в Омской области и Омская трасса", {"omsko", "omska"}),
    ("Police said. Officers met Evha Jannath at Drayton Manor", {"evha", "janna", "drayt", "manor"}),
])
def test_stories_names_skip_sentence_starts_and_transliterate(text: str, expected: set[str]) -> None:
    assert set(names(text)) == expected


WEATHER_AMUR = _item("w1", "Прогноз погоды на 8 ноября",
                     "По данным синоптиков, в пятницу, 8 ноября, в Амурской области ожидается слабый снег. "
                     "В Благовещенске и Тынде ветер северо-западный, до -20 градусов.", lang="ru")
WEATHER_OMSK = _item("w2", "Похолодание на выходных",
                     "По данным синоптиков, в пятницу, 8 ноября, в Омской области ожидается слабый снег. "
                     "В Исилькуле и Таре ветер северо-западный, до -20 градусов.", lang="ru")
RANKING_MAY4 = _item("k1", "Казань на последнем месте по самоизоляции",
                     "По данным Яндекса на 4 мая Казань заняла последнее место по индексу самоизоляции.", lang="ru")
RANKING_MAY9 = _item("k2", "Казань снова на последнем месте по самоизоляции",
                     "По данным Яндекса на 9 мая Казань заняла последнее место по индексу самоизоляции.", lang="ru")


@pytest.mark.parametrize(("a", "b", "constant"), [
    (WEATHER_AMUR, WEATHER_OMSK, "NAME_CONFLICT"),
    (RANKING_MAY4, RANKING_MAY9, "DATE_CONFLICT"),
])
def test_stories_combined_score_penalises_other_places_and_days(
        monkeypatch: pytest.MonkeyPatch, a: StoryItem, b: StoryItem, constant: str) -> None:
    penalty = getattr(_story_core, constant)
    penalised = stories.combined_score(0.9, stories.Evidence.of(a), stories.Evidence.of(b))
    monkeypatch.setattr(_story_core, constant, 0.0)
    plain = stories.combined_score(0.9, stories.Evidence.of(a), stories.Evidence.of(b))
    assert penalty > 0 and plain - penalised == pytest.approx(penalty)


@pytest.mark.parametrize(("a", "b"), [(SWAP_EN, SWAP_IT), (SWAP_EN, SWAP_EN_COPY), (WEATHER_AMUR, WEATHER_AMUR)])
def test_stories_combined_score_no_conflict_for_same_story(a: StoryItem, b: StoryItem) -> None:
    ea, eb = stories.Evidence.of(a), stories.Evidence.of(b)
    assert stories.combined_score(0.9, ea, eb) >= 0.9


def test_stories_index_does_not_embed_near_duplicates(monkeypatch: pytest.MonkeyPatch) -> None:
    embedded: list[str] = []

    def fake_embed(texts: list[str], *, query: bool = True) -> np.ndarray:
        embedded.extend(texts)
        return np.stack([hashed_vector(t) for t in texts])

    monkeypatch.setattr("newsgraph.embed.embed", fake_embed)
    first, copy, other = StoryIndex(MemoryEmbeddingCache()).add([SWAP_EN, SWAP_EN_COPY, TANKERS])
    assert copy.duplicate_of == "a1" and copy.story_id == first.story_id != other.story_id
    assert len(embedded) == 2 and not any(t.startswith(SWAP_EN_COPY.title) for t in embedded)


def test_stories_state_rows_keep_names_and_dates() -> None:
    index = StoryIndex(embed=False)
    index.add([WEATHER_AMUR])
    rows = json.loads(json.dumps(index.to_rows(), default=str), object_hook=_dates)
    (state,) = rows["story_state"]
    assert "ru:amurs" in state["names"] and "11-8" in state["dates"]
    restored = StoryIndex.from_rows(rows)
    (again,) = restored.add([WEATHER_OMSK])
    fresh = StoryIndex(embed=False)
    assert again == fresh.add([WEATHER_AMUR, WEATHER_OMSK])[1]
