"""HTTP API and web pages: a thin, read-only layer over the library API.

Design, datasette style: every HTML page has a JSON twin under ``/api`` taking the
same path and query string, and both are built by one *view* function that runs
the queries and returns a plain dict; the HTML side only formats that dict
(:mod:`newsgraph._web_html`), so a page never shows what its JSON does not hold.

Read-only by construction: each request opens the DuckDB file with
``read_only=True`` (DuckDB then refuses every write and takes only a shared
lock) and closes it when the response is built, so a ``newsgraph run`` can
append between two requests and the next request sees the new rows.  Opening
costs about 30 ms per request on the demo database (measured on the shared
2-core dev box), the price of never holding the file; while a writer holds it
the API answers 503.

Parameters are parsed by hand (:func:`_int`, :func:`_date`, ...) rather than by
FastAPI's validation so that every bad value gives HTTP 400 with one JSON
``{"error": ...}`` message (an HTML page for the HTML routes); unknown ids give
404.  Lists are paginated with ``limit`` (at most :data:`MAX_LIMIT`) and
``offset`` and say their ``total``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from . import _web_html, api, ontology
from .errors import StoreError
from .graph import PERIODS, dyad_series, edge_evidence
from .store import Store

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "create_app"]

# Page size: 50 rows fill about two screens of the HTML tables; 500 is the cap so
# one JSON response stays under a few MB even with evidence sentences attached.
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# Longest free-text query accepted (longer is a 400): far above any real search phrase.
MAX_QUERY_CHARS = 200
# Actor codes: ISO3 countries, IGO acronyms and sector suffixes (ARM, CSTO, USAGOV ...).
_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,23}$")
_LANG = re.compile(r"^([a-z]{2,3}|\?)$")
_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
# JSON-encoded columns in the store, decoded before they are served.
_JSON_COLUMNS = ("languages", "actors", "main_events", "metadata")

View = Callable[[Store, Mapping[str, str], Mapping[str, str]], dict[str, Any]]


# ---------------------------------------------------------------------- parameters


def _bad(message: str) -> HTTPException:
    return HTTPException(400, message)


def _int(params: Mapping[str, str], name: str, default: int, lo: int, hi: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise _bad(f"{name} must be an integer, got {raw!r}") from None
    if not lo <= value <= hi:
        raise _bad(f"{name} must be between {lo} and {hi}, got {value}")
    return value


def _page(params: Mapping[str, str]) -> tuple[int, int]:
    return _int(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT), _int(params, "offset", 0, 0, 10**9)


def _date(params: Mapping[str, str], name: str) -> dt.date | None:
    raw = params.get(name)
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise _bad(f"{name} must be a date YYYY-MM-DD, got {raw!r}") from None


def _code(raw: str | None, name: str) -> str | None:
    if not raw:
        return None
    code = raw.strip().upper()
    if not _CODE.match(code):
        raise _bad(f"{name} must be an actor code such as ARM or CSTO, got {raw!r}")
    return code


def _period(params: Mapping[str, str]) -> str:
    period = params.get("period") or "month"
    if period not in PERIODS:
        raise _bad(f"period must be one of {', '.join(PERIODS)}, got {period!r}")
    return period


def _ident(raw: str, what: str) -> str:
    if not _ID.match(raw):
        raise HTTPException(404, f"no {what} {raw!r}")
    return raw


def _paged(rows: list[dict[str, Any]], total: int, limit: int, offset: int, **extra: Any) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, **extra, "rows": rows}


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for key in _JSON_COLUMNS:
        if isinstance(row.get(key), str):
            row[key] = json.loads(row[key])
    return row


# ---------------------------------------------------------------------- views


def overview_view(store: Store, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    return api.overview(store, top=_int(params, "top", 10, 1, 100))


def articles_view(store: Store, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    limit, offset = _page(params)
    lang = params.get("lang") or None
    if lang is not None and not _LANG.match(lang):
        raise _bad(f"lang must be a language code such as en or uk, got {lang!r}")
    q = (params.get("q") or "").strip() or None
    if q is not None and len(q) > MAX_QUERY_CHARS:
        raise _bad(f"q is longer than {MAX_QUERY_CHARS} characters")
    where = ("(? IS NULL OR coalesce(a.lang, '?') = ?) AND (? IS NULL OR contains(lower(coalesce(a.title, '')), "
             "lower(?)) OR contains(lower(coalesce(a.text, '')), lower(?)))")
    args = [lang, lang, q, q, q]
    total = store.query(f"SELECT count(*) AS n FROM articles a WHERE {where}", args)[0]["n"]
    rows = store.query(
        "SELECT a.id, a.title, a.date, a.lang, a.source, a.url, m.story_id, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events "
        f"FROM articles a LEFT JOIN story_members m ON m.article_id = a.id WHERE {where} "
        "ORDER BY a.date DESC NULLS LAST, a.id LIMIT ? OFFSET ?",
        [*args, limit, offset],
    )
    return _paged(rows, total, limit, offset, lang=lang, q=q)


_EVENT_COLUMNS = (
    "e.id, coalesce(e.date, a.date) AS date, e.date_precision, e.type, e.mode, e.source, e.target, e.place, "
    "e.place_country, e.negated, e.hypothetical, e.future, e.historical, e.confidence, e.trigger, "
    "e.article_id, a.title, a.lang, "
    "(SELECT list(struct_pack(sentence_index := v.sentence_index, start := v.start, \"end\" := v.\"end\", "
    "text := v.text) ORDER BY v.sentence_index) FROM evidence v WHERE v.event_id = e.id) AS evidence"
)


def article_view(store: Store, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    aid = _ident(path["id"], "article")
    found = store.query(
        "SELECT id, title, date, url, source, lang, lang_confidence, lang_hint, text, metadata, ingested_at "
        "FROM articles WHERE id = ?",
        [aid],
    )
    if not found:
        raise HTTPException(404, f"no article {aid!r}")
    article = _decode(found[0])
    article["sentences"] = store.query(
        'SELECT idx AS "index", start, "end", text, lang FROM sentences WHERE article_id = ? ORDER BY idx', [aid]
    )
    article["mentions"] = store.query(
        'SELECT sentence_index, start, "end", surface, code, kind, sector, person, confidence FROM mentions '
        'WHERE article_id = ? ORDER BY start, "end"',
        [aid],
    )
    article["events"] = store.query(
        f"SELECT {_EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.article_id = ? ORDER BY e.id",
        [aid],
    )
    story = store.query(
        "SELECT s.id, s.headline, s.size, m.duplicate_of, m.similarity FROM story_members m "
        "JOIN stories s ON s.id = m.story_id WHERE m.article_id = ?",
        [aid],
    )
    article["story"] = story[0] if story else None
    return article


def events_view(store: Store, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    limit, offset = _page(params)
    etype = (params.get("type") or "").strip().upper() or None
    if etype is not None and etype not in ontology.TYPES:
        raise _bad(f"type must be a PLOVER type ({', '.join(ontology.TYPES)}), got {params['type']!r}")
    actor, source, target = (_code(params.get(n), n) for n in ("actor", "source", "target"))
    since, until = _date(params, "since"), _date(params, "until")
    if since and until and since > until:
        raise _bad("since is after until")
    where = (
        "(? IS NULL OR e.type = ?) AND (? IS NULL OR e.source = ? OR e.target = ?) "
        "AND (? IS NULL OR e.source = ?) AND (? IS NULL OR e.target = ?) "
        "AND (?::DATE IS NULL OR coalesce(e.date, a.date) >= ?) AND (?::DATE IS NULL OR coalesce(e.date, a.date) <= ?)"
    )
    args = [etype, etype, actor, actor, actor, source, source, target, target, since, since, until, until]
    base = "FROM events e JOIN articles a ON a.id = e.article_id"
    total = store.query(f"SELECT count(*) AS n {base} WHERE {where}", args)[0]["n"]
    rows = store.query(
        f"SELECT {_EVENT_COLUMNS} {base} WHERE {where} ORDER BY date DESC NULLS LAST, e.id LIMIT ? OFFSET ?",
        [*args, limit, offset],
    )
    filters = {"type": etype, "actor": actor, "source": source, "target": target, "since": since, "until": until}
    return _paged(rows, total, limit, offset, filters=filters)


def actors_view(store: Store, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    limit, offset = _page(params)
    total = store.query("SELECT count(DISTINCT code) AS n FROM mentions WHERE code IS NOT NULL")[0]["n"]
    rows = store.query(
        "WITH ev AS (SELECT code, count(*) AS events FROM (SELECT source AS code FROM events UNION ALL "
        "SELECT target FROM events WHERE target IS DISTINCT FROM source) WHERE code IS NOT NULL GROUP BY code) "
        "SELECT m.code, count(*) AS mentions, count(DISTINCT m.article_id) AS articles, "
        "coalesce(any_value(ev.events), 0) AS events "
        "FROM mentions m LEFT JOIN ev ON ev.code = m.code WHERE m.code IS NOT NULL "
        "GROUP BY m.code ORDER BY mentions DESC, m.code LIMIT ? OFFSET ?",
        [limit, offset],
    )
    return _paged(rows, total, limit, offset)


_STORY_COLUMNS = 's.id, s.headline, s.start, s."end", s.languages, s.actors, s.main_events, s.size'


def stories_view(store: Store, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    limit, offset = _page(params)
    rows = store.query(
        f"SELECT {_STORY_COLUMNS} FROM stories s ORDER BY s.size DESC, s.start DESC NULLS LAST, s.id "
        "LIMIT ? OFFSET ?",
        [limit, offset],
    )
    return _paged([_decode(r) for r in rows], store.count("stories"), limit, offset)


def story_view(store: Store, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    sid = _ident(path["id"], "story")
    found = store.query(f"SELECT {_STORY_COLUMNS} FROM stories s WHERE s.id = ?", [sid])
    if not found:
        raise HTTPException(404, f"no story {sid!r}")
    story = _decode(found[0])
    story["members"] = store.query(
        "SELECT m.article_id, a.title, a.lang, a.date, a.source, m.duplicate_of, m.similarity, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events "
        "FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? "
        "ORDER BY a.date NULLS LAST, a.lang, a.id",
        [sid],
    )
    return story


def _points(store: Store, period: str, actors: list[str]) -> list[dict[str, Any]]:
    out = []
    for p in dyad_series(store, period=period, actors=actors):
        row = dataclasses.asdict(p)
        row["mean_intensity"] = round(p.mean_intensity, 3)
        out.append(row)
    return out


def graph_view(store: Store, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    limit, offset = _page(params)
    period = _period(params)
    getlist = getattr(params, "getlist", None)  # ?actor=ARM&actor=BLR as well as ?actor=ARM,BLR
    values = getlist("actor") if getlist else [params.get("actor", "")]
    raw = [c for value in values for v in value.split(",") if (c := _code(v, "actor"))]
    points = _points(store, period, raw)
    dyads: dict[tuple[str, str], dict[str, Any]] = {}
    for p in points:
        d = dyads.setdefault((p["a"], p["b"]), {"a": p["a"], "b": p["b"], "events": 0, "cooperation": 0,
                                                "conflict": 0, "intensity": 0.0, "periods": 0})
        for key in ("events", "cooperation", "conflict", "intensity"):
            d[key] += p[key]
        d["periods"] += 1
    ranked = sorted(dyads.values(), key=lambda d: (-d["events"], d["a"], d["b"]))[offset:offset + limit]
    for d in ranked:
        d["intensity"] = round(d["intensity"], 2)
    shown = {(d["a"], d["b"]) for d in ranked}
    rows = [p for p in points if (p["a"], p["b"]) in shown]
    return _paged(rows, len(dyads), limit, offset, period=period, actors=raw, dyads=ranked)


def edge_view(store: Store, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    period = _period(params)
    a, b = sorted(c for c in (_code(path["a"], "a"), _code(path["b"], "b")) if c)
    series = [p for p in _points(store, period, [a]) if p["a"] == a and p["b"] == b]
    evidence = edge_evidence(store, a, b)
    if a == b or not (series or evidence):
        raise HTTPException(404, f"no events between {a} and {b}")
    return {"a": a, "b": b, "period": period, "series": series, "evidence": evidence}


# ---------------------------------------------------------------------- app

_ROUTES: tuple[tuple[str, View, Callable[..., str]], ...] = (
    ("/", overview_view, _web_html.overview),
    ("/articles", articles_view, _web_html.articles),
    ("/articles/{id}", article_view, _web_html.article),
    ("/events", events_view, _web_html.events),
    ("/actors", actors_view, _web_html.actors),
    ("/stories", stories_view, _web_html.stories),
    ("/stories/{id}", story_view, _web_html.story),
    ("/graph", graph_view, _web_html.graph),
    ("/graph/{a}/{b}", edge_view, _web_html.edge),
)


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _json(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, default=_default)
    return Response(body, status_code=status, media_type="application/json")


def _api_path(request: Request) -> str:
    path = request.url.path
    api_path = "/api/overview" if path == "/" else "/api" + path
    return api_path + (f"?{request.url.query}" if request.url.query else "")


def create_app(db: Path) -> FastAPI:
    """The web app over the database file ``db`` (opened read-only per request)."""
    db = Path(db)
    if not db.is_file():
        raise StoreError(f"{db}: no such database (run `newsgraph run` first)")
    app = FastAPI(title="newsgraph", description="Read-only JSON and HTML over a newsgraph database.")

    def run(view: View, request: Request) -> dict[str, Any]:
        try:
            store = Store.open(db, read_only=True)
        except StoreError as exc:  # e.g. a writer holds the lock right now
            raise HTTPException(503, f"database unavailable: {exc}") from exc
        try:
            return view(store, request.path_params, request.query_params)
        finally:
            store.close()

    def add(path: str, view: View, render: Callable[..., str]) -> None:
        api_path = "/api/overview" if path == "/" else "/api" + path

        def json_endpoint(request: Request) -> Response:
            return _json(run(view, request))

        def html_endpoint(request: Request) -> HTMLResponse:
            data = run(view, request)
            return HTMLResponse(render(data, dict(request.query_params), _api_path(request)))

        app.add_api_route(api_path, json_endpoint, methods=["GET"], name=f"api:{path}")
        app.add_api_route(path, html_endpoint, methods=["GET"], name=f"html:{path}", include_in_schema=False)

    for path, view, render in _ROUTES:
        add(path, view, render)

    @app.exception_handler(HTTPException)
    def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api"):
            return _json({"error": exc.detail, "status": exc.status_code}, exc.status_code)
        page = _web_html.error(exc.status_code, str(exc.detail), _api_path(request))
        return HTMLResponse(page, exc.status_code)

    return app

