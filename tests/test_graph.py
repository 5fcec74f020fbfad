from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsgraph.graph import dyad_series, edge_evidence, period_start
from newsgraph.records import Article, Doc, Event, Evidence
from newsgraph.store import Store


def _doc(aid: str, day: dt.date, events: list[tuple[str, str | None, str, str, bool]]) -> Doc:
    text = f"Report {aid}."
    art = Article(id=aid, path=aid, raw_text=text, text=text, date=day, lang="en")
    evs = tuple(
        Event(id=f"{aid}-{i}", article_id=aid, type=t, mode=m, source=s, target=g, negated=neg,
              evidence=(Evidence(aid, 0, 0, len(text), text),))
        for i, (t, m, s, g, neg) in enumerate(events)
    )
    return Doc(article=art, events=evs)


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "g.duckdb")
    s.write_batch([
        _doc("a1", dt.date(2023, 5, 10), [("AGREE", None, "ARM", "BLR", False),
                                          ("CONSULT", None, "BLR", "ARM", False)]),
        _doc("a2", dt.date(2024, 6, 14), [("SANCTION", "withdraw", "ARM", "BLR", False),
                                          ("ASSAULT", None, "ARM", "BLR", True)]),  # negated: left out
        _doc("a3", dt.date(2024, 6, 20), [("ACCUSE", "disapprove", "BLR", "ARM", False)]),
        _doc("a4", dt.date(2024, 6, 20), [("AID", None, "USA", "UKR", False)]),
    ])
    return s


def test_graph_dyad_turns_from_cooperation_to_conflict(store: Store) -> None:
    points = dyad_series(store, period="month", actors=["ARM"])
    assert [(p.a, p.b, p.period) for p in points] == [
        ("ARM", "BLR", dt.date(2023, 5, 1)), ("ARM", "BLR", dt.date(2024, 6, 1))]
    before, after = points
    assert (before.cooperation, before.conflict, before.intensity > 0) == (2, 0, True)
    assert (after.events, after.conflict, after.intensity < 0) == (2, 2, True)
    assert (after.a_to_b, after.b_to_a) == (1, 1)


def test_graph_translations_in_one_story_count_once(store: Store) -> None:
    store.write_batch([_doc("a3-it", dt.date(2024, 6, 20), [("ACCUSE", "disapprove", "BLR", "ARM", False)])])
    store.con.execute("INSERT INTO story_members VALUES ('a3', 's1', NULL, 1.0), ('a3-it', 's1', NULL, 0.9)")
    june = [p for p in dyad_series(store, period="year") if p.a == "ARM" and p.period == dt.date(2024, 1, 1)]
    assert june[0].events == 2  # SANCTION + one ACCUSE, not two


def test_graph_edge_evidence_traces_sentences(store: Store) -> None:
    rows = edge_evidence(store, "BLR", "ARM")
    assert [r["type"] for r in rows] == ["AGREE", "CONSULT", "SANCTION", "ASSAULT", "ACCUSE"]
    assert all(r["sentences"] for r in rows)


@pytest.mark.parametrize(
    ("period", "expected"),
    [("day", dt.date(2024, 8, 15)), ("week", dt.date(2024, 8, 12)), ("month", dt.date(2024, 8, 1)),
     ("quarter", dt.date(2024, 7, 1)), ("year", dt.date(2024, 1, 1))],
)
def test_graph_period_start(period: str, expected: dt.date) -> None:
    assert period_start(dt.date(2024, 8, 15), period) == expected
