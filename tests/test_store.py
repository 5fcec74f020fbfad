from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsgraph.errors import StoreError
from newsgraph.records import Article, Doc, Event, Evidence, Mention, Rejection, Sentence
from newsgraph.store import MIGRATIONS, Store, doc_rows, merge_rows


def _doc(i: int) -> Doc:
    text = f"Armenia recalled its ambassador from Minsk, story {i}."
    a = Article(id=f"a{i}", path=f"f{i}.txt", raw_text=text, text=text, lang="en", date=dt.date(2024, 6, i + 1))
    s = Sentence(article_id=a.id, index=0, start=0, end=len(text), text=text, lang="en")
    m = Mention(article_id=a.id, sentence_index=0, start=0, end=7, surface="Armenia", code="ARM", kind="name")
    e = Event(id=f"e{i}", article_id=a.id, type="SANCTION", mode="withdraw", source="ARM", target="BLR",
              evidence=(Evidence(a.id, 0, 0, len(text), text),))
    return Doc(article=a, sentences=(s,), mentions=(m,), events=(e,))


def test_store_migrations_recorded_once(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    with Store.open(db) as s:
        assert s.migrations() == [name for name, _ in MIGRATIONS]
    with Store.open(db) as s:
        assert s.migrate() == []  # nothing left to apply


def test_store_write_batch_skips_known_articles(tmp_path: Path) -> None:
    with Store.open(tmp_path / "x.duckdb") as s:
        assert s.write_batch([_doc(0), _doc(1)]) == 2
        assert s.write_batch([_doc(1), _doc(2)]) == 1
        counts = {t: s.count(t) for t in ("articles", "sentences", "mentions", "events", "evidence")}
    assert counts == {"articles": 3, "sentences": 3, "mentions": 3, "events": 3, "evidence": 3}


def test_store_failed_batch_rolls_back(tmp_path: Path) -> None:
    with Store.open(tmp_path / "x.duckdb") as s:
        s.write_batch([_doc(0)])
        bad = _doc(1)
        clash = bad.replace(events=(*bad.events, bad.events[0]))  # duplicate event id violates the key
        with pytest.raises(StoreError, match="batch write failed"):
            s.write_batch([clash], [Rejection("r.txt", "empty file", dt.datetime(2024, 1, 1))])
        assert (s.count("articles"), s.count("rejected"), s.count("events")) == (1, 0, 1)


@pytest.mark.parametrize("what", ["articles", "sentences", "mentions", "events", "stories", "rejected"])
def test_store_export_relations_run(tmp_path: Path, what: str) -> None:
    with Store.open(tmp_path / "x.duckdb") as s:
        s.write_batch([_doc(0)], [Rejection("r.txt", "empty file", dt.datetime(2024, 1, 1))])
        rows = list(s.iter_rows(what))
    assert len(rows) == (0 if what == "stories" else 1)


def test_store_unopenable_path_is_store_error(tmp_path: Path) -> None:
    target = tmp_path / "dir.duckdb"
    target.mkdir()
    with pytest.raises(StoreError, match="cannot open"):
        Store.open(target)


def test_store_write_rows_matches_write_batch(tmp_path: Path) -> None:
    tables = ("articles", "sentences", "mentions", "events", "evidence")
    with Store.open(tmp_path / "a.duckdb") as a, Store.open(tmp_path / "b.duckdb") as b:
        assert a.write_batch([_doc(0), _doc(1)]) == b.write_rows(doc_rows([_doc(0), _doc(1)])) == 2
        # a known article is skipped with its sentences, mentions, events and evidence
        assert a.write_batch([_doc(1), _doc(2)]) == b.write_rows(merge_rows([doc_rows([_doc(1)]),
                                                                             doc_rows([_doc(2)])])) == 1
        for t in tables:
            cols = "* EXCLUDE (ingested_at)" if t == "articles" else "*"
            assert a.query(f"SELECT {cols} FROM {t} ORDER BY ALL") == b.query(f"SELECT {cols} FROM {t} ORDER BY ALL")
        assert b.count("evidence") == 3


def test_store_write_rows_refuses_duplicate_ids(tmp_path: Path) -> None:
    with Store.open(tmp_path / "x.duckdb") as s:
        with pytest.raises(StoreError, match="duplicate article ids"):
            s.write_rows(doc_rows([_doc(0), _doc(0)]))
        assert s.write_rows(merge_rows([])) == 0 and s.count("articles") == 0
