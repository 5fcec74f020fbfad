"""HTML for the web pages of :mod:`newsgraph.web`: formatting only, no queries.

Each page function takes the dict its JSON twin serves, the request's query
parameters (for filter forms and pagination links) and the twin's URL, and
returns a whole page built on the bundled layout ``data/web/page.html``.  Every
value from the database goes through :func:`esc` (``html.escape``) before it
reaches the page — article text is untrusted — and every URL is built with
``urllib.parse.quote``/``urlencode`` and then escaped.  The dyad timeline is an
inline SVG drawn here, server-side, so the pages need no JavaScript at all.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from string import Template
from typing import Any
from urllib.parse import quote, urlencode

from ._resources import read_text

__all__ = ["actors", "article", "articles", "edge", "error", "esc", "events", "graph", "overview", "stories",
           "story", "timeline_svg"]

# Timeline geometry (pixels): 34 px per period fits "2024-03" labels without overlap;
# 80 px per half keeps a 10-event period readable next to 1-event ones.
BAR_GROUP_PX = 34
HALF_HEIGHT_PX = 80
# Room for the y-axis labels on the left and for the last period label on the right.
LEFT_PX, RIGHT_PX = 40, 24
# Width of one period label: ~6.5 px per character of 11 px text plus a 10 px gap,
# checked on a headless-Chromium screenshot of /graph/ARM/BLR (no overlap, no clipping).
LABEL_PX = {"day": 44, "week": 44, "month": 56, "quarter": 56, "year": 34}
# Fill empty periods between the first and last dated one (so time reads evenly)
# unless that would give more columns than this: a decade of months still fits.
MAX_FILLED_PERIODS = 240
# Evidence sentences shown per event on list pages (the JSON has them all).
EVIDENCE_SHOWN = 2

Row = Mapping[str, Any]


@functools.cache
def _layout() -> Template:
    return Template(read_text("web", "page.html"))


def esc(value: Any) -> str:
    """Text for HTML: ``None`` is empty, everything else ``str`` and escaped (quotes included)."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = f"{value:.3g}"
    return html.escape(str(value), quote=True)


def _a(href: str, text: Any) -> str:
    return f'<a href="{esc(href)}">{esc(text)}</a>'


def _href(path: str, **params: Any) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return path + (f"?{query}" if query else "")


def _article_href(aid: str) -> str:
    return "/articles/" + quote(aid, safe="")


def _dyad_href(a: str, b: str) -> str:
    return f"/graph/{quote(a, safe='')}/{quote(b, safe='')}"


def page(title: str, body: str, json_href: str) -> str:
    return _layout().substitute(title=esc(title), body=body, json_href=esc(json_href))


def table(rows: Iterable[Row], columns: Sequence[str], cells: Mapping[str, Callable[[Row], str]] | None = None,
          numeric: Iterable[str] = ()) -> str:
    """A table of ``rows``; ``cells`` overrides a column's (already escaped) cell HTML."""
    cells = cells or {}
    num = set(numeric)
    head = "".join(f'<th class="num">{esc(c)}</th>' if c in num else f"<th>{esc(c)}</th>" for c in columns)
    body = []
    for r in rows:
        tds = []
        for c in columns:
            cell = cells[c](r) if c in cells else esc(r.get(c))
            tds.append(f'<td class="num">{cell}</td>' if c in num else f"<td>{cell}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    if not body:
        return '<p class="muted">Nothing here.</p>'
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _pager(data: Row, params: Mapping[str, str], path: str) -> str:
    total, limit, offset = data["total"], data["limit"], data["offset"]
    shown = len(data.get("dyads", data["rows"]))
    parts = [f'<span class="muted">{offset + 1 if shown else 0}–{offset + shown} of {total}</span>']
    if offset > 0:
        parts.append(_a(_href(path, **{**params, "offset": max(0, offset - limit)}), "← previous"))
    if offset + limit < total:
        parts.append(_a(_href(path, **{**params, "offset": offset + limit}), "next →"))
    return f'<div class="pager">{"".join(parts)}</div>'


def _form(path: str, fields: Sequence[tuple[str, str]], params: Mapping[str, str]) -> str:
    inputs = "".join(
        f'<label>{esc(label)}<input name="{esc(name)}" value="{esc(params.get(name, ""))}" size="10"></label>'
        for name, label in fields
    )
    return f'<form class="filters" method="get" action="{esc(path)}">{inputs}<button>Filter</button></form>'


def _flags(e: Row) -> str:
    names = [f for f in ("negated", "hypothetical", "future", "historical") if e.get(f)]
    if e.get("duplicate_of"):
        names.append("duplicate")
    return " ".join(f'<span class="flag">{esc(n)}</span>' for n in names)


def _actor(code: Any) -> str:
    return _a(_href("/events", actor=code), code) if code else '<span class="muted">–</span>'


def _event_cell(e: Row) -> str:
    typ = esc(e["type"]) + (f"/{esc(e['mode'])}" if e.get("mode") else "")
    return f"<b>{typ}</b> {_actor(e.get('source'))} → {_actor(e.get('target'))} {_flags(e)}"


def _sentences(texts: Iterable[Any], limit: int | None = None) -> str:
    items = list(texts)
    shown = items if limit is None else items[:limit]
    more = f'<p class="muted">… {len(items) - len(shown)} more</p>' if len(items) > len(shown) else ""
    return "".join(f"<blockquote>{esc(t)}</blockquote>" for t in shown) + more


def _evidence_texts(e: Row) -> list[Any]:
    return [v["text"] for v in e.get("evidence") or []]


# ---------------------------------------------------------------------- pages


def overview(data: Row, params: Mapping[str, str], json_href: str) -> str:
    cards = "".join(
        f'<div class="card"><b>{esc(data[k])}</b>{link}</div>'
        for k, link in (("articles", _a("/articles", "articles")), ("sentences", "sentences"),
                        ("mentions", _a("/actors", "actor mentions")), ("events", _a("/events", "events")),
                        ("stories", _a("/stories", "stories")), ("rejected", "rejected inputs"))
    )

    def dyad_link(r: Row) -> str:
        a, _, b = str(r["dyad"]).partition("–")
        return _a(_dyad_href(a, b), r["dyad"])

    body = [
        "<h1>Overview</h1>", f'<div class="cards">{cards}</div>', '<div class="grid"><div>',
        "<h2>Top dyads</h2>",
        table(data["top_dyads"], ("dyad", "events", "cooperation", "conflict"), {"dyad": dyad_link},
              ("events", "cooperation", "conflict")),
        f'<p>{_a("/graph", "All dyads →")}</p>', "<h2>Event types</h2>",
        table(data["event_types"], ("type", "events"), {"type": lambda r: _a(_href("/events", type=r["type"]),
                                                                             r["type"])}, ("events",)),
        "</div><div>", "<h2>Top actors</h2>",
        table(data["top_actors"], ("code", "mentions"), {"code": lambda r: _actor(r["code"])}, ("mentions",)),
        f'<p>{_a("/actors", "All actors →")}</p>', "<h2>Languages</h2>",
        table(data["languages"], ("lang", "articles"), {"lang": lambda r: _a(_href("/articles", lang=r["lang"]),
                                                                             r["lang"])}, ("articles",)),
        "</div></div>",
    ]
    return page("Overview", "".join(body), json_href)


def articles(data: Row, params: Mapping[str, str], json_href: str) -> str:
    body = "<h1>Articles</h1>" + _form("/articles", (("q", "text contains"), ("lang", "language")), params)
    body += _pager(data, params, "/articles") + table(
        data["rows"], ("date", "lang", "title", "source", "events", "story"),
        {"title": lambda r: _a(_article_href(r["id"]), r["title"] or r["id"]),
         "story": lambda r: _a("/stories/" + quote(r["story_id"], safe=""), "story") if r["story_id"] else ""},
        ("events",),
    )
    return page("Articles", body, json_href)


def article(data: Row, params: Mapping[str, str], json_href: str) -> str:
    meta = " · ".join(esc(x) for x in (data["date"], data["lang"], data["source"]) if x)
    parts = [f"<h1>{esc(data['title'] or data['id'])}</h1>", f'<p class="muted">{meta}</p>']
    url = str(data.get("url") or "")
    if url.lower().startswith(("http://", "https://")):  # never a javascript: or data: link
        parts.append(f'<p><a href="{esc(url)}" rel="noopener noreferrer nofollow">{esc(url)}</a></p>')
    elif url:
        parts.append(f'<p class="muted">{esc(url)}</p>')
    story = data.get("story")
    if story:
        dup = f' (near-duplicate of {_a(_article_href(story["duplicate_of"]), story["duplicate_of"])})' \
            if story.get("duplicate_of") else ""
        parts.append(f'<p>Story: {_a("/stories/" + quote(story["id"], safe=""), story["headline"])}{dup}</p>')
    parts.append(f"<h2>Events ({len(data['events'])})</h2>")
    parts.append(table(data["events"], ("date", "event", "place", "evidence"),
                       {"event": _event_cell, "evidence": lambda e: _sentences(_evidence_texts(e))}))
    parts.append(f"<h2>Actor mentions ({len(data['mentions'])})</h2>")
    parts.append(table(data["mentions"], ("surface", "code", "kind", "sector", "person", "confidence"),
                       {"code": lambda m: _actor(m["code"])}, ("confidence",)))
    parts.append(f'<h2>Text</h2><div class="text">{esc(data["text"])}</div>')
    return page(str(data["title"] or data["id"]), "".join(parts), json_href)


def events(data: Row, params: Mapping[str, str], json_href: str) -> str:
    fields = (("type", "type"), ("actor", "actor"), ("source", "source"), ("target", "target"),
              ("since", "since"), ("until", "until"))
    body = "<h1>Events</h1>" + _form("/events", fields, params) + _pager(data, params, "/events")
    body += table(data["rows"], ("date", "event", "article", "evidence"),
                  {"event": _event_cell, "article": lambda e: _a(_article_href(e["article_id"]), e["title"] or "?"),
                   "evidence": lambda e: _sentences(_evidence_texts(e), EVIDENCE_SHOWN)})
    return page("Events", body, json_href)


def actors(data: Row, params: Mapping[str, str], json_href: str) -> str:
    body = "<h1>Actors</h1>" + _pager(data, params, "/actors") + table(
        data["rows"], ("code", "mentions", "articles", "events", "dyads"),
        {"code": lambda r: _actor(r["code"]), "dyads": lambda r: _a(_href("/graph", actor=r["code"]), "graph")},
        ("mentions", "articles", "events"),
    )
    return page("Actors", body, json_href)


def stories(data: Row, params: Mapping[str, str], json_href: str) -> str:
    body = "<h1>Stories</h1>" + _pager(data, params, "/stories") + table(
        data["rows"], ("start", "headline", "size", "languages", "actors", "main_events"),
        {"headline": lambda r: _a("/stories/" + quote(r["id"], safe=""), r["headline"] or r["id"]),
         "languages": lambda r: esc(", ".join(r["languages"] or [])),
         "actors": lambda r: ", ".join(_actor(c) for c in (r["actors"] or [])[:8]),
         "main_events": lambda r: esc(", ".join(r["main_events"] or []))},
        ("size",),
    )
    return page("Stories", body, json_href)


def story(data: Row, params: Mapping[str, str], json_href: str) -> str:
    span = " – ".join(esc(d) for d in dict.fromkeys((data["start"], data["end"])) if d)
    body = (f"<h1>{esc(data['headline'] or data['id'])}</h1><p class=\"muted\">{span} · {esc(data['size'])} "
            f"articles in {esc(', '.join(data['languages'] or []))}</p>")
    body += "<p>Actors: " + ", ".join(_actor(c) for c in data["actors"] or []) + "</p>"
    body += "<h2>Articles</h2>" + table(
        data["members"], ("date", "lang", "title", "source", "events", "similarity", "duplicate"),
        {"title": lambda r: _a(_article_href(r["article_id"]), r["title"] or r["article_id"]),
         "duplicate": lambda r: _a(_article_href(r["duplicate_of"]), "of …") if r["duplicate_of"] else ""},
        ("events", "similarity"),
    )
    return page(str(data["headline"] or data["id"]), body, json_href)


def _intensity(value: float) -> str:
    css = "coop" if value > 0 else "conf" if value < 0 else "muted"
    return f'<span class="{css}">{value:+.1f}</span>'


def graph(data: Row, params: Mapping[str, str], json_href: str) -> str:
    body = f"<h1>Dyads by {esc(data['period'])}</h1>"
    body += _form("/graph", (("actor", "actor(s), comma-separated"), ("period", "period")), params)
    body += _pager(data, params, "/graph") + table(
        data["dyads"], ("dyad", "events", "cooperation", "conflict", "intensity", "periods"),
        {"dyad": lambda r: _a(_href(_dyad_href(r["a"], r["b"]), period=params.get("period")), f"{r['a']}–{r['b']}"),
         "cooperation": lambda r: f'<span class="coop">{esc(r["cooperation"])}</span>',
         "conflict": lambda r: f'<span class="conf">{esc(r["conflict"])}</span>',
         "intensity": lambda r: _intensity(r["intensity"])},
        ("events", "cooperation", "conflict", "intensity", "periods"),
    )
    return page("Graph", body, json_href)


def _next_period(day: dt.date, period: str) -> dt.date:
    if period in ("day", "week"):
        return day + dt.timedelta(days=1 if period == "day" else 7)
    months = {"month": 1, "quarter": 3, "year": 12}[period]
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _label(day: dt.date, period: str) -> str:
    if period == "year":
        return str(day.year)
    if period == "quarter":
        return f"{day.year} Q{(day.month - 1) // 3 + 1}"
    return day.isoformat()[:7] if period == "month" else day.isoformat()[5:]


def timeline_svg(series: Sequence[Row], period: str) -> str:
    """Cooperation (up, green) and conflict (down, red) bars per period, as inline SVG."""
    by_day = {dt.date.fromisoformat(str(p["period"])): p for p in series if p.get("period")}
    if not by_day:
        return '<p class="muted">No dated events.</p>'
    days = [min(by_day)]
    while days[-1] < max(by_day) and len(days) <= MAX_FILLED_PERIODS:
        days.append(_next_period(days[-1], period))
    if len(days) > MAX_FILLED_PERIODS:
        days = sorted(by_day)
    top = max(max(int(p["cooperation"]), int(p["conflict"])) for p in by_day.values()) or 1
    scale = HALF_HEIGHT_PX / top
    width, mid = LEFT_PX + BAR_GROUP_PX * len(days) + RIGHT_PX, 14 + HALF_HEIGHT_PX
    height = mid + HALF_HEIGHT_PX + 40
    every = -(-LABEL_PX[period] // BAR_GROUP_PX)  # label every n-th column so labels never overlap
    parts = [f'<line x1="36" y1="{mid}" x2="{width}" y2="{mid}" stroke="#999"/>',
             f'<text x="2" y="16">+{top}</text><text x="2" y="{mid + 4}">0</text>',
             f'<text x="2" y="{mid + HALF_HEIGHT_PX}">−{top}</text>']
    for i, day in enumerate(days):
        x = LEFT_PX + i * BAR_GROUP_PX
        p = by_day.get(day)
        if p:
            up, down = p["cooperation"] * scale, p["conflict"] * scale
            tip = (f"{_label(day, period)}: {p['events']} events, {p['cooperation']} cooperation, "
                   f"{p['conflict']} conflict, intensity {p['intensity']:+.1f}")
            parts.append(f'<g><title>{esc(tip)}</title>'
                         f'<rect x="{x + 4}" y="{mid - up:.1f}" width="{BAR_GROUP_PX - 10}" height="{up:.1f}" '
                         f'fill="#2f8f5b"/><rect x="{x + 4}" y="{mid}" width="{BAR_GROUP_PX - 10}" '
                         f'height="{down:.1f}" fill="#c2412d"/>'
                         + (f'<text x="{x + BAR_GROUP_PX / 2 - 1:.0f}" y="{mid - up - 3:.1f}" text-anchor="middle">'
                            f'{p["cooperation"]}</text>' if p["cooperation"] else "")
                         + (f'<text x="{x + BAR_GROUP_PX / 2 - 1:.0f}" y="{mid + down + 11:.1f}" '
                            f'text-anchor="middle">{p["conflict"]}</text>' if p["conflict"] else "")
                         + "</g>")
        if i % every == 0:
            parts.append(f'<text x="{x + BAR_GROUP_PX / 2:.0f}" y="{height - 8}" text-anchor="middle">'
                         f"{esc(_label(day, period))}</text>")
    return (f'<div class="timeline"><svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'role="img" aria-label="cooperation and conflict per {esc(period)}">{"".join(parts)}</svg></div>')


def edge(data: Row, params: Mapping[str, str], json_href: str) -> str:
    a, b, period, series = data["a"], data["b"], data["period"], data["series"]
    coop = sum(p["cooperation"] for p in series)
    conflict = sum(p["conflict"] for p in series)
    periods = " · ".join(
        _a(_href(_dyad_href(a, b), period=p), p) if p != period else f"<b>{esc(p)}</b>"
        for p in ("week", "month", "quarter", "year")
    )
    undated = sum(p["events"] for p in series if not p.get("period"))
    body = [
        f"<h1>{_actor(a)} – {_actor(b)}</h1>",
        f'<p><span class="coop">■ cooperation {coop}</span> &nbsp; <span class="conf">■ conflict {conflict}</span>'
        f' &nbsp; per {periods}</p>',
        timeline_svg(series, period),
        f'<p class="muted">{undated} undated events not drawn.</p>' if undated else "",
        '<p class="muted">Counts leave out negated and hypothetical events and near-duplicate articles, and count '
        "a story retold in several languages once; the list below shows every extracted event.</p>",
        f"<h2>Evidence ({len(data['evidence'])} events)</h2>",
        table(data["evidence"], ("date", "event", "article", "sentences"),
              {"event": _event_cell, "article": lambda e: _a(_article_href(e["article_id"]), e["title"] or "?"),
               "sentences": lambda e: _sentences(e["sentences"] or [])}),
    ]
    return page(f"{a}–{b}", "".join(body), json_href)


def error(status: int, message: str, json_href: str) -> str:
    body = f"<h1>{esc(status)}</h1><p>{esc(message)}</p><p>{_a('/', 'Back to the overview')}</p>"
    return page(f"Error {status}", body, json_href)
