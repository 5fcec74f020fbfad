"""The HTTP API and web pages over a small database built from articles written here."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from newsgraph import api
from newsgraph._web_html import BAR_GROUP_PX, LEFT_PX, RIGHT_PX, esc, timeline_svg
from newsgraph.errors import StoreError
from newsgraph.web import MAX_LIMIT, create_app

SCRIPT = "<script>alert('x')</script>"
# What survives cleaning in the body text (tags themselves are stripped there).
MARKUP = 'Officials said 3 < 5 & "talks" > war.'


# Invented news items: a dyad that cooperates, then quarrels, one story told in two
# languages, and an article whose title and text carry markup that must be escaped.
ARTICLES = [
    {"id": "w1", "date": "2024-01-10", "lang": "en", "source": "Test Wire",
     "title": "Armenia and Belarus sign a trade agreement",
     "text": "Armenia signed a trade agreement with Belarus in Minsk on Wednesday. "
             "Belarus praised Armenia for the deal and promised further cooperation."},
    {"id": "w2", "date": "2024-03-05", "lang": "en", "source": "Test Wire",
     "title": "Armenia accuses Belarus of arming Azerbaijan",
     "text": "Armenia accused Belarus on Tuesday of selling weapons to Azerbaijan. "
             "Armenia recalled its ambassador from Belarus in protest."},
    {"id": "w3", "date": "2024-03-06", "lang": "fr", "source": "Test Fil",
     "title": "L'Arménie accuse la Biélorussie",
     "text": "L'Arménie a accusé mardi la Biélorussie de vendre des armes à l'Azerbaïdjan. "
             "L'Arménie a rappelé son ambassadeur en Biélorussie."},
    {"id": "w4", "date": "2024-04-02", "lang": "en", "source": f"Wire {SCRIPT}", "url": "javascript:alert(1)",
     "title": f"Turkey meets Ukraine {SCRIPT}",
     "text": f"Turkey hosted talks with Ukraine in Ankara on Monday. {SCRIPT} {MARKUP} "
             "The Turkish foreign minister met the Ukrainian foreign minister."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("web")
    src = root / "articles.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    path = root / "web.duckdb"
    api.process([src], db=path, fast=True, workers=1)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as c:
        yield c


def _get(client: TestClient, url: str, status: int = 200) -> Any:
    r = client.get(url)
    assert r.status_code == status, (url, r.text[:300])
    return r.json() if r.headers["content-type"].startswith("application/json") else r.text


def _article_id(client: TestClient, title_part: str) -> str:
    rows = _get(client, f"/api/articles?q={title_part}")["rows"]
    assert rows, title_part
    return str(rows[0]["id"])


def test_web_overview_counts_match_the_store(client: TestClient, db: Path) -> None:
    data = _get(client, "/api/overview")
    with api.open(db, read_only=True) as store:
        assert data["articles"] == store.count("articles") == len(ARTICLES)
        assert data["events"] == store.count("events")
    assert {r["lang"] for r in data["languages"]} == {"en", "fr"}
    assert {r["code"] for r in data["top_actors"]} >= {"ARM", "BLR"}


@pytest.mark.parametrize(("query", "expected"), [
    ("", {"w1", "w2", "w3", "w4"}), ("?lang=fr", {"w3"}), ("?q=ambassador", {"w2"}), ("?q=AMBASSADEUR", {"w3"}),
    ("?lang=en&q=weapons", {"w2"}), ("?q=nothing-like-this", set()),
])
def test_web_articles_filter(client: TestClient, query: str, expected: set[str]) -> None:
    data = _get(client, "/api/articles" + query)
    titles = {r["title"] for r in data["rows"]}
    assert titles == {a["title"] for a in ARTICLES if a["id"] in expected}
    assert data["total"] == len(expected)


@pytest.mark.parametrize("path", ["/api/articles", "/api/events", "/api/actors", "/api/stories", "/api/graph"])
def test_web_pagination_walks_every_row_once(client: TestClient, path: str) -> None:
    full = _get(client, f"{path}?limit={MAX_LIMIT}")
    key = "dyads" if path == "/api/graph" else "rows"
    everything = [json.dumps(r, sort_keys=True) for r in full[key]]
    assert len(everything) == full["total"] > 0
    paged: list[str] = []
    for offset in range(0, full["total"] + 2, 2):
        page = _get(client, f"{path}?limit=2&offset={offset}")
        assert page["limit"] == 2 and page["offset"] == offset and page["total"] == full["total"]
        paged += [json.dumps(r, sort_keys=True) for r in page[key]]
    assert paged == everything


@pytest.mark.parametrize("url", [
    "/api/articles?limit=0", f"/api/articles?limit={MAX_LIMIT + 1}", "/api/articles?offset=-1",
    "/api/events?limit=ten", "/api/events?type=HUG", "/api/events?since=2024-13-01",
    "/api/events?since=2024-05-01&until=2024-01-01", "/api/events?actor=<b>", "/api/graph?period=decade",
    "/api/articles?lang=english", "/api/graph/ARM/BLR?period=fortnight",
])
def test_web_bad_parameters_give_400_with_message(client: TestClient, url: str) -> None:
    data = _get(client, url, 400)
    assert data["status"] == 400 and isinstance(data["error"], str) and data["error"]


@pytest.mark.parametrize("url", [
    "/api/articles/missing", "/api/stories/missing", "/api/graph/ARM/ZZZ", "/api/articles/..%2Fetc",
    "/articles/missing", "/stories/missing",
])
def test_web_unknown_ids_give_404(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404
    if url.startswith("/api"):
        assert "error" in r.json()
    else:
        assert "404" in r.text and 'href="/api' in r.text


def test_web_article_detail_has_sentences_mentions_events_and_story(client: TestClient) -> None:
    aid = _article_id(client, "weapons")
    data = _get(client, f"/api/articles/{aid}")
    assert data["id"] == aid and "Azerbaijan" in data["text"]
    assert [s["index"] for s in data["sentences"]] == list(range(len(data["sentences"])))
    assert all(data["text"][s["start"]:s["end"]] == s["text"] for s in data["sentences"])
    assert {"ARM", "BLR"} <= {m["code"] for m in data["mentions"]}
    assert data["events"], "an accusation between two countries yields an event"
    for event in data["events"]:
        assert event["article_id"] == aid and event["evidence"]
        assert all(v["text"] in data["text"] for v in event["evidence"])
    assert data["story"] is not None and data["story"]["id"]


@pytest.mark.parametrize(("query", "check"), [
    ("actor=ARM", lambda e: "ARM" in (e["source"], e["target"])),
    ("source=ARM", lambda e: e["source"] == "ARM"),
    ("since=2024-03-01&until=2024-03-31", lambda e: "2024-03-01" <= e["date"] <= "2024-03-31"),
])
def test_web_events_filters_hold_on_every_row(client: TestClient, query: str, check: Any) -> None:
    data = _get(client, f"/api/events?{query}&limit={MAX_LIMIT}")
    assert data["rows"] and all(check(e) for e in data["rows"])
    assert all(isinstance(e["evidence"], list) and e["evidence"] for e in data["rows"])
    unfiltered = _get(client, f"/api/events?limit={MAX_LIMIT}")["total"]
    assert data["total"] <= unfiltered


def test_web_events_type_filter(client: TestClient) -> None:
    every = _get(client, f"/api/events?limit={MAX_LIMIT}")["rows"]
    etype = every[0]["type"]
    data = _get(client, f"/api/events?type={etype.lower()}&limit={MAX_LIMIT}")
    assert data["total"] == sum(e["type"] == etype for e in every)


def test_web_actors_and_stories_shapes(client: TestClient) -> None:
    actors = _get(client, "/api/actors")["rows"]
    assert actors == sorted(actors, key=lambda r: (-r["mentions"], r["code"]))
    assert all(r["mentions"] >= r["articles"] >= 1 for r in actors)
    stories = _get(client, "/api/stories")
    assert sum(s["size"] for s in stories["rows"]) == len(ARTICLES)
    sid = stories["rows"][0]["id"]
    story = _get(client, f"/api/stories/{sid}")
    assert len(story["members"]) == story["size"]
    assert all({"article_id", "lang", "title"} <= m.keys() for m in story["members"])
    assert set(story["languages"]) == {m["lang"] for m in story["members"]}


def test_web_graph_and_edge(client: TestClient) -> None:
    graph = _get(client, "/api/graph?period=month&actor=arm")
    assert graph["dyads"] and all("ARM" in (d["a"], d["b"]) for d in graph["dyads"])
    for d in graph["dyads"]:
        series = [p for p in graph["rows"] if (p["a"], p["b"]) == (d["a"], d["b"])]
        assert all(p["events"] == p["cooperation"] + p["conflict"] for p in series)
        assert d["events"] == sum(p["events"] for p in series) and d["periods"] == len(series)
    a, b = graph["dyads"][0]["a"], graph["dyads"][0]["b"]
    edge = _get(client, f"/api/graph/{b}/{a}?period=quarter")  # either order, normalised
    assert (edge["a"], edge["b"]) == (a, b) and edge["period"] == "quarter"
    assert all(p["period"] is None or p["period"][5:] in ("01-01", "04-01", "07-01", "10-01")
               for p in edge["series"])
    assert edge["evidence"] and all({e["source"], e["target"]} == {a, b} for e in edge["evidence"])


@pytest.mark.parametrize("path", [
    "/", "/articles", "/articles?lang=en", "/events", "/events?actor=ARM", "/actors", "/stories", "/graph",
    "/graph/ARM/BLR", "/articles/{article}", "/stories/{story}",
])
def test_web_html_pages_render_and_link_their_json_twin(client: TestClient, path: str) -> None:
    article = _article_id(client, "weapons")
    story = _get(client, "/api/stories")["rows"][0]["id"]
    url = path.format(article=article, story=story)
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    twin = re.search(r'<a class="json" href="([^"]+)"', r.text)
    assert twin is not None
    href = twin.group(1).replace("&amp;", "&")
    assert href.startswith("/api/")
    assert client.get(href).status_code == 200


def test_web_edge_page_draws_timeline_and_evidence(client: TestClient) -> None:
    page = _get(client, "/graph/ARM/BLR")
    edge = _get(client, "/api/graph/ARM/BLR")
    assert page.count("<svg") == 1 and "<rect" in page
    for e in edge["evidence"]:
        for sentence in e["sentences"]:
            assert esc(sentence) in page


def test_web_script_in_article_text_is_escaped(client: TestClient) -> None:
    aid = _article_id(client, "Turkey")
    data = _get(client, f"/api/articles/{aid}")
    assert SCRIPT in data["title"] and SCRIPT in data["source"] and MARKUP in data["text"]  # served as data
    for url in (f"/articles/{aid}", "/articles", "/articles?q=Turkey", "/stories", "/events"):
        page = _get(client, url)
        assert "<script>" not in page, url
    page = _get(client, f"/articles/{aid}")
    assert esc(SCRIPT) in page and "&lt;script&gt;" in page
    assert 'Officials said 3 &lt; 5 &amp; &quot;talks&quot; &gt; war.' in page
    assert data["url"] == "javascript:alert(1)" and 'href="javascript:' not in page  # shown, not linked


def test_web_is_read_only(db: Path) -> None:
    before = (db.stat().st_mtime_ns, db.stat().st_size)
    with TestClient(create_app(db)) as c:
        for url in ("/", "/api/overview", "/api/articles", "/api/events", "/api/actors", "/api/stories",
                    "/api/graph", "/graph/ARM/BLR", "/events", "/stories"):
            c.get(url)
    assert (db.stat().st_mtime_ns, db.stat().st_size) == before
    assert not [p for p in os.listdir(db.parent) if p.endswith(".wal")]


@pytest.mark.parametrize("query", ["actor=ARM,TUR", "actor=ARM&actor=TUR", "actor=arm,%20tur"])
def test_web_graph_takes_several_actors(client: TestClient, query: str) -> None:
    dyads = _get(client, f"/api/graph?{query}")["dyads"]
    assert {"ARM", "TUR"} & {d["a"] for d in dyads} | {d["b"] for d in dyads}
    assert all({"ARM", "TUR"} & {d["a"], d["b"]} for d in dyads)
    assert len(dyads) == len(_get(client, "/api/graph?actor=ARM")["dyads"]) + len(
        [d for d in _get(client, "/api/graph?actor=TUR")["dyads"] if "ARM" not in (d["a"], d["b"])])


def test_web_database_held_by_a_writer_gives_503(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "busy.duckdb"
    copy.write_bytes(db.read_bytes())
    app = create_app(copy)
    writer = api.open(copy)  # a read-write connection, as `newsgraph run` holds while it writes
    try:
        with TestClient(app) as c:
            r = c.get("/api/overview")
            assert r.status_code == 503 and "database unavailable" in r.json()["error"]
            assert c.get("/").status_code == 503
    finally:
        writer.close()
    with TestClient(app) as c:
        assert c.get("/api/overview").json()["articles"] == len(ARTICLES)


def test_web_missing_database_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        create_app(tmp_path / "absent.duckdb")


@pytest.mark.parametrize(("series", "bars"), [
    ([{"period": "2024-01-01", "events": 2, "cooperation": 2, "conflict": 0, "intensity": 6.0},
      {"period": "2024-04-01", "events": 1, "cooperation": 0, "conflict": 1, "intensity": -4.0}], 2),
    ([{"period": None, "events": 1, "cooperation": 1, "conflict": 0, "intensity": 1.0}], 0),
])
def test_web_timeline_svg_fills_gaps_and_skips_undated(series: list[dict[str, Any]], bars: int) -> None:
    svg = timeline_svg(series, "month")
    assert svg.count("<g>") == bars
    if bars:  # January to April: the two empty months between are columns too, labels every other one
        assert re.findall(r">(\d{4}-\d\d)</text>", svg) == ["2024-01", "2024-03"]
        assert f'width="{LEFT_PX + 4 * BAR_GROUP_PX + RIGHT_PX}"' in svg
    else:
        assert "<svg" not in svg
