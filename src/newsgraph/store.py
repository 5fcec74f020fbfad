"""Store: an embedded DuckDB file with a schema built by named, ordered migrations.

Every migration is a ``(name, sql)`` pair in :data:`MIGRATIONS`; the names applied
are recorded in ``schema_migrations`` and a migration never changes once
released — a schema change is a new migration at the end of the list.

Writes are transactional per batch (:meth:`Store.write_batch`): an interrupted run
loses at most the batch in flight, and a re-run skips the articles already stored
(ids are content hashes), so it completes without duplicates.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from .errors import StoreError
from .records import Doc, Rejection

__all__ = ["MIGRATIONS", "TABLES", "BatchRows", "Store", "doc_rows", "merge_rows"]

# A batch as columns, per table ("articles", "sentences", "mentions", "events",
# "evidence"), without the write time: what a worker process hands back instead of
# Doc objects (plain lists unpickle several times faster than ~60 dataclasses per article).
BatchRows = dict[str, dict[str, list[Any]]]

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_core",
        """
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY, path VARCHAR, title VARCHAR, date DATE, url VARCHAR,
            source VARCHAR, lang_hint VARCHAR, lang VARCHAR, lang_confidence DOUBLE,
            raw_text VARCHAR, text VARCHAR, segments JSON, paragraphs JSON,
            removed_lines JSON, metadata JSON, ingested_at TIMESTAMP
        );
        CREATE TABLE sentences (
            article_id VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, lang VARCHAR,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE rejected (path VARCHAR, reason VARCHAR, time TIMESTAMP);
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY, started TIMESTAMP, finished TIMESTAMP, inputs JSON,
            articles INTEGER, skipped INTEGER, rejected INTEGER, options JSON
        );
        """,
    ),
    (
        "0002_actors_events",
        """
        CREATE TABLE mentions (
            article_id VARCHAR, sentence_index INTEGER, start INTEGER, "end" INTEGER,
            surface VARCHAR, code VARCHAR, kind VARCHAR, sector VARCHAR, person VARCHAR,
            confidence DOUBLE
        );
        CREATE TABLE events (
            id VARCHAR PRIMARY KEY, article_id VARCHAR, type VARCHAR, mode VARCHAR,
            source VARCHAR, target VARCHAR, date DATE, date_precision VARCHAR,
            place VARCHAR, place_country VARCHAR, latitude DOUBLE, longitude DOUBLE,
            negated BOOLEAN, hypothetical BOOLEAN, future BOOLEAN, historical BOOLEAN,
            confidence DOUBLE, trigger VARCHAR
        );
        CREATE TABLE evidence (
            event_id VARCHAR, article_id VARCHAR, sentence_index INTEGER,
            start INTEGER, "end" INTEGER, text VARCHAR
        );
        """,
    ),
    (
        "0003_stories",
        """
        CREATE TABLE stories (
            id VARCHAR PRIMARY KEY, headline VARCHAR, start DATE, "end" DATE,
            languages JSON, actors JSON, main_events JSON, size INTEGER
        );
        CREATE TABLE story_members (
            article_id VARCHAR PRIMARY KEY, story_id VARCHAR, duplicate_of VARCHAR, similarity DOUBLE
        );
        CREATE TABLE story_state (story_id VARCHAR PRIMARY KEY, centroid FLOAT[], state JSON);
        CREATE TABLE story_signatures (article_id VARCHAR PRIMARY KEY, lang VARCHAR, signature UBIGINT[]);
        CREATE TABLE story_meta (key VARCHAR PRIMARY KEY, value JSON);
        CREATE TABLE embeddings (key VARCHAR PRIMARY KEY, vec FLOAT[]);
        """,
    ),
)

# Tables that `export --what` may name, with their natural ordering.
TABLES = {
    # `text` is the article as ingested, so an export re-ingests to the same ids
    "articles": (
        "SELECT id, title, raw_text AS text, text AS clean_text, date, url, source, lang, lang_confidence,"
        " lang_hint, path, paragraphs, removed_lines, metadata, ingested_at FROM articles"
        " ORDER BY date NULLS LAST, id"
    ),
    "sentences": 'SELECT * FROM sentences ORDER BY article_id, idx',
    "mentions": 'SELECT * FROM mentions ORDER BY article_id, start, "end"',
    "events": (
        "SELECT e.*, (SELECT list(struct_pack(sentence_index := v.sentence_index, start := v.start,"
        ' "end" := v."end", text := v.text) ORDER BY v.sentence_index) FROM evidence v'
        " WHERE v.event_id = e.id) AS evidence FROM events e ORDER BY e.date NULLS LAST, e.id"
    ),
    "stories": (
        "SELECT s.*, (SELECT list(m.article_id ORDER BY m.article_id) FROM story_members m"
        " WHERE m.story_id = s.id) AS articles FROM stories s ORDER BY s.start NULLS LAST, s.id"
    ),
    "rejected": "SELECT * FROM rejected ORDER BY time, path",
}


def _js(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


class Store:
    """A newsgraph database.  Use :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con = con
        self.path = path

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def open(cls, path: str | Path = "newsgraph.duckdb", *, read_only: bool = False) -> Store:
        path = str(path)
        try:
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            con = duckdb.connect(path, read_only=read_only)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"{path}: cannot open database: {exc}") from exc
        store = cls(con, path)
        if not read_only:
            store.migrate()
        return store

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied, in order; return their names."""
        con = self.con
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)"
        )
        done = {r[0] for r in con.execute("SELECT name FROM schema_migrations").fetchall()}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            try:
                con.execute("BEGIN TRANSACTION")
                con.execute(sql)
                con.execute("INSERT INTO schema_migrations VALUES (?, now())", [name])
                con.execute("COMMIT")
            except duckdb.Error as exc:
                con.execute("ROLLBACK")
                raise StoreError(f"{self.path}: migration {name} failed: {exc}") from exc
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]

    # ------------------------------------------------------------------ reads
    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in rows}

    def count(self, table: str) -> int:
        if table not in TABLES and table not in {"evidence", "story_members", "embeddings"}:
            raise StoreError(f"unknown table {table!r}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        cols = [d[0] for d in cur.description or []]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def export_relation(self, what: str) -> duckdb.DuckDBPyRelation:
        if what not in TABLES:
            raise StoreError(f"cannot export {what!r}: choose one of {', '.join(TABLES)}")
        return self.con.sql(TABLES[what])

    def iter_rows(self, what: str) -> Iterator[dict[str, Any]]:
        if what not in TABLES:
            raise StoreError(f"cannot export {what!r}: choose one of {', '.join(TABLES)}")
        cur = self.con.cursor()
        cur.execute(TABLES[what])
        cols = [d[0] for d in cur.description or []]
        while True:
            chunk = cur.fetchmany(1000)
            if not chunk:
                break
            for row in chunk:
                yield dict(zip(cols, row, strict=True))

    # ------------------------------------------------------------------ writes
    def write_batch(self, docs: Sequence[Doc], rejections: Sequence[Rejection] = ()) -> int:
        """Store one batch atomically; articles already present are skipped.  Returns rows added."""
        fresh: dict[str, Doc] = {}
        for d in docs:
            fresh.setdefault(d.article.id, d)
        for known in self.existing_ids(fresh):
            fresh.pop(known)
        return self._write(doc_rows(list(fresh.values())), rejections)

    def write_rows(self, rows: BatchRows, rejections: Sequence[Rejection] = ()) -> int:
        """:meth:`write_batch` for a batch already turned into columns (:func:`doc_rows`).

        Article ids must be unique within ``rows``; articles already stored are skipped.
        """
        ids = rows["articles"]["id"]
        if len(set(ids)) != len(ids):
            raise StoreError(f"{self.path}: duplicate article ids in one batch")
        known = self.existing_ids(ids)
        if known:
            rows = {
                table: _drop_articles(cols, "id" if table == "articles" else "article_id", known)
                for table, cols in rows.items()
            }
        return self._write(rows, rejections)

    def _write(self, rows: BatchRows, rejections: Sequence[Rejection]) -> int:
        con = self.con
        rejections = self._new_rejections(rejections)
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        n_docs = len(rows["articles"]["id"])
        try:
            con.execute("BEGIN TRANSACTION")
            if n_docs:
                self._insert("articles", {**rows["articles"], "ingested_at": [now] * n_docs})
                self._insert("sentences", rows["sentences"])
                if rows["mentions"]["article_id"]:
                    self._insert("mentions", rows["mentions"])
                if rows["events"]["id"]:
                    self._insert("events", rows["events"])
                    self._insert("evidence", rows["evidence"])
            if rejections:
                self._insert(
                    "rejected",
                    {
                        "path": [r.path for r in rejections],
                        "reason": [r.reason for r in rejections],
                        "time": [r.time for r in rejections],
                    },
                )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: batch write failed: {exc}") from exc
        return n_docs

    def _new_rejections(self, rejections: Sequence[Rejection]) -> list[Rejection]:
        """Rejections not already recorded (a re-run over the same bad input adds no rows)."""
        if not rejections:
            return []
        known = set(
            self.con.execute(
                "SELECT path, reason FROM rejected WHERE path IN (SELECT unnest(?))", [[r.path for r in rejections]]
            ).fetchall()
        )
        out = []
        for r in rejections:
            if (r.path, r.reason) not in known:
                known.add((r.path, r.reason))
                out.append(r)
        return out

    def _insert(self, table: str, columns: dict[str, list[Any]]) -> None:
        arrow = pa.table(columns)
        self.con.register("_batch", arrow)
        try:
            cols = ", ".join(f'"{c}"' for c in columns)
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _batch")
        finally:
            self.con.unregister("_batch")

    def record_run(self, started: dt.datetime, inputs: Sequence[str], articles: int, skipped: int,
                   rejected: int, options: dict[str, Any]) -> None:
        row = self.con.execute("SELECT coalesce(max(id), 0) + 1 FROM runs").fetchone()
        run_id = row[0] if row else 1
        self.con.execute(
            "INSERT INTO runs VALUES (?, ?, now(), ?, ?, ?, ?, ?)",
            [run_id, started, _js(list(inputs)), articles, skipped, rejected, _js(options)],
        )


# ---------------------------------------------------------------------- row builders


def doc_rows(docs: Sequence[Doc]) -> BatchRows:
    """The columns :meth:`Store.write_rows` stores for ``docs``."""
    events, evidence = _event_rows(docs)
    return {"articles": _article_rows(docs), "sentences": _sentence_rows(docs), "mentions": _mention_rows(docs),
            "events": events, "evidence": evidence}


def merge_rows(parts: Iterable[BatchRows]) -> BatchRows:
    """Several :func:`doc_rows` results as one, in order."""
    out: BatchRows = {}
    for part in parts:
        for table, cols in part.items():
            into = out.setdefault(table, {c: [] for c in cols})
            for c, values in cols.items():
                into[c].extend(values)
    return out or doc_rows(())


def _drop_articles(cols: dict[str, list[Any]], key: str, ids: set[str]) -> dict[str, list[Any]]:
    keep = [i for i, v in enumerate(cols[key]) if v not in ids]
    return {c: [values[i] for i in keep] for c, values in cols.items()}


def _article_rows(docs: Sequence[Doc]) -> dict[str, list[Any]]:
    arts = [d.article for d in docs]
    return {
        "id": [a.id for a in arts],
        "path": [a.path for a in arts],
        "title": [a.title for a in arts],
        "date": [a.date for a in arts],
        "url": [a.url for a in arts],
        "source": [a.source for a in arts],
        "lang_hint": [a.lang_hint for a in arts],
        "lang": [a.lang for a in arts],
        "lang_confidence": [float(a.lang_confidence) for a in arts],
        "raw_text": [a.raw_text for a in arts],
        "text": [a.text for a in arts],
        "segments": [_js([[s.clean_start, s.raw_start, s.length] for s in a.segments]) for a in arts],
        "paragraphs": [_js([[p.start, p.end, p.lang, round(p.confidence, 4)] for p in a.paragraphs]) for a in arts],
        "removed_lines": [_js(list(a.removed_lines)) for a in arts],
        "metadata": [_js(a.metadata) for a in arts],
    }


def _columns(records: Sequence[Any], columns: Sequence[str], renamed: dict[str, str] | None = None
             ) -> dict[str, list[Any]]:
    """One list per column of the records' attributes (``renamed``: column -> attribute)."""
    names = renamed or {}
    return {col: [getattr(r, names.get(col, col)) for r in records] for col in columns}


def _sentence_rows(docs: Sequence[Doc]) -> dict[str, list[Any]]:
    sents = [s for d in docs for s in d.sentences]
    return _columns(sents, ("article_id", "idx", "start", "end", "text", "lang"), {"idx": "index"})


def _mention_rows(docs: Sequence[Doc]) -> dict[str, list[Any]]:
    ms = [m for d in docs for m in d.mentions]
    return _columns(ms, ("article_id", "sentence_index", "start", "end", "surface", "code", "kind", "sector",
                         "person", "confidence"))


_EVENT_COLUMNS = ("id", "article_id", "type", "mode", "source", "target", "date", "date_precision", "place",
                  "place_country", "latitude", "longitude", "negated", "hypothetical", "future", "historical",
                  "confidence", "trigger")


def _event_rows(docs: Sequence[Doc]) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    evs = [e for d in docs for e in d.events]
    pairs = [(e.id, x) for e in evs for x in e.evidence]
    evidence = {"event_id": [i for i, _ in pairs],
                **_columns([x for _, x in pairs], ("article_id", "sentence_index", "start", "end", "text"))}
    return _columns(evs, _EVENT_COLUMNS), evidence
