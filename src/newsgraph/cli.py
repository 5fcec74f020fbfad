"""Command line: a thin layer over the library API.

Errors print one line naming the input and the problem and exit non-zero when the
whole command fails; bad inputs inside a batch are reported, stored as rejected,
and never stop the batch.
"""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import api
from .errors import NewsgraphError
from .options import DEFAULT_BATCH_SIZE, DEFAULT_DB, Options

__all__ = ["app", "main"]

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Multilingual news -> event data.")
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

JSON_COLUMNS = {"paragraphs", "removed_lines", "metadata", "languages", "actors", "main_events"}


class What(StrEnum):
    articles = "articles"
    sentences = "sentences"
    mentions = "mentions"
    events = "events"
    stories = "stories"
    rejected = "rejected"
    dyads = "dyads"


class Format(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(code)


DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB database file.")]
WorkersOpt = Annotated[int, typer.Option("--workers", "-w", help="Worker processes (0 = one per core).")]
FastOpt = Annotated[bool, typer.Option("--fast", help="No sentence embeddings: lexicons only, much faster.")]
ActorsOpt = Annotated[
    Path | None, typer.Option("--actors", help="Extra actors/aliases, YAML or CSV.", exists=False)
]


def _options(db: Path, workers: int, fast: bool, actors: Path | None, **kw: Any) -> Options:
    if actors is not None and not actors.exists():
        _fail(f"{actors}: no such actors file")
    return Options.create(db=db, workers=workers, fast=fast, actors_file=actors, **kw)


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    db: DbOpt = DEFAULT_DB,
    workers: WorkersOpt = 1,
    fast: FastOpt = False,
    actors: ActorsOpt = None,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Articles per transaction.")] = DEFAULT_BATCH_SIZE,
    no_extract: Annotated[bool, typer.Option("--no-extract", help="Text stages only (no actors/events).")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print the run summary as JSON.")] = False,
    dask: Annotated[
        str | None, typer.Option("--dask", help="Run the stages on a Dask cluster: scheduler address or 'local'.")
    ] = None,
) -> None:
    """Ingest PATHS into the database: clean, detect language, split, link actors, extract events."""
    options = _options(db, workers, fast, actors, batch_size=batch_size, extract=not no_extract, dask=dask)
    try:
        summary = _run_with_progress(paths, options, quiet=json_out)
    except NewsgraphError as exc:
        _fail(str(exc))
        return
    for r in summary.rejections[:50]:
        err.print(f"[yellow]rejected:[/yellow] {r.path}: {r.reason}", highlight=False)
    if len(summary.rejections) > 50:
        err.print(f"[yellow]... and {len(summary.rejections) - 50} more rejected (see export --what rejected)")
    if json_out:
        print(json.dumps(summary.as_dict(), ensure_ascii=False))
    else:
        langs = ", ".join(f"{k} {v}" for k, v in summary.languages.most_common(12))
        out.print(
            f"{summary.articles} articles stored ({summary.skipped} already present, {summary.rejected} rejected)"
            f" in {summary.seconds:.1f}s -> {summary.db}\n"
            f"{summary.sentences} sentences, {summary.mentions} actor mentions, {summary.events} events"
            + (f"\nlanguages: {langs}" if langs else ""),
            highlight=False,
        )


def _run_with_progress(paths: list[str], options: Options, quiet: bool = False) -> api.RunSummary:
    if quiet or not err.is_terminal:
        return api.process(paths, options)
    with Progress(
        TextColumn("[bold]newsgraph run"), BarColumn(), MofNCompleteColumn(), TextColumn("inputs"),
        TimeElapsedColumn(), console=err, transient=True,
    ) as bar:
        task = bar.add_task("run", total=None)

        def tick(seen: int, added: int) -> None:
            bar.advance(task, seen)

        return api.process(paths, options, progress=tick)


@app.command()
def export(
    what: Annotated[What, typer.Option("--what", help="Which records to export.")] = What.events,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.jsonl,
    out_path: Annotated[Path | None, typer.Option("--out", help="Output file (default: stdout).")] = None,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Export ARTICLES, SENTENCES, MENTIONS, EVENTS, STORIES or REJECTED rows."""
    if not db.exists():
        _fail(f"{db}: no such database (run `newsgraph run` first)")
    try:
        with api.open(db, read_only=True) as store:
            if fmt is Format.parquet and out_path is None:
                _fail("--format parquet needs --out FILE")
                return
            if what is What.dyads:
                _export_dyads(store, fmt, out_path)
                return
            if fmt is Format.parquet:
                store.export_relation(what.value).write_parquet(str(out_path))
                return
            fh = open(out_path, "w", encoding="utf-8", newline="") if out_path else sys.stdout  # noqa: SIM115
            try:
                rows = store.iter_rows(what.value)
                if fmt is Format.jsonl:
                    for row in rows:
                        fh.write(json.dumps(_decode_row(row), ensure_ascii=False, default=str) + "\n")
                else:
                    writer: Any = None
                    for row in rows:
                        if writer is None:
                            writer = csv.DictWriter(fh, fieldnames=list(row))
                            writer.writeheader()
                        writer.writerow({k: _csv_cell(v) for k, v in row.items()})
            finally:
                if out_path:
                    fh.close()
    except NewsgraphError as exc:
        _fail(str(exc))


def _dyad_rows(store: Any, period: str = "month", actors: list[str] | None = None) -> list[dict[str, Any]]:
    from .graph import dyad_series

    return [
        {"a": p.a, "b": p.b, "period": p.period.isoformat() if p.period else None, "events": p.events,
         "cooperation": p.cooperation, "conflict": p.conflict, "intensity": p.intensity,
         "mean_intensity": round(p.mean_intensity, 3), "a_to_b": p.a_to_b, "b_to_a": p.b_to_a}
        for p in dyad_series(store, period=period, actors=actors or ())
    ]


def _export_dyads(store: Any, fmt: Format, out_path: Path | None) -> None:
    rows = _dyad_rows(store)
    if fmt is Format.parquet:
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows), str(out_path))
        return
    fh = open(out_path, "w", encoding="utf-8", newline="") if out_path else sys.stdout  # noqa: SIM115
    try:
        if fmt is Format.jsonl:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif rows:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    finally:
        if out_path:
            fh.close()


@app.command()
def graph(
    dyad: Annotated[list[str] | None, typer.Argument(help="Two actor codes (e.g. ARM BLR) for one edge.")] = None,
    period: Annotated[str, typer.Option("--period", help="day, week, month, quarter or year.")] = "month",
    db: DbOpt = DEFAULT_DB,
    json_out: Annotated[bool, typer.Option("--json", help="Print rows as JSON lines.")] = False,
) -> None:
    """The relationship graph: cooperation and conflict per dyad over time, with the evidence of one edge."""
    from .graph import PERIODS, edge_evidence

    if period not in PERIODS:
        _fail(f"--period must be one of {', '.join(PERIODS)}")
    if dyad and len(dyad) != 2:
        _fail("give exactly two actor codes, e.g. `newsgraph graph ARM BLR`")
    if not db.exists():
        _fail(f"{db}: no such database (run `newsgraph run` first)")
    codes = [c.upper() for c in dyad or []]
    with api.open(db, read_only=True) as store:
        rows = _dyad_rows(store, period, codes)
        if codes:
            rows = [r for r in rows if {r["a"], r["b"]} == set(codes)]
        evidence = edge_evidence(store, codes[0], codes[1]) if codes else []
    if json_out:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        for e in evidence:
            print(json.dumps({"evidence": e}, ensure_ascii=False, default=str))
        return
    table = Table(title=f"Dyads by {period}" + (f": {codes[0]}–{codes[1]}" if codes else ""), title_justify="left")
    for col in ("dyad", "period", "events", "cooperation", "conflict", "intensity"):
        table.add_column(col)
    for r in rows:
        table.add_row(f"{r['a']}–{r['b']}", r["period"] or "undated", str(r["events"]), str(r["cooperation"]),
                      str(r["conflict"]), f"{r['intensity']:+.1f}")
    out.print(table)
    for e in evidence:
        flags = ",".join(f for f in ("negated", "hypothetical", "future", "historical") if e[f])
        out.print(f"{e['date'] or 'undated'} {e['source']}→{e['target']} {e['type']}/{e['mode'] or '-'}"
                  + (f" [{flags}]" if flags else "") + (" [duplicate]" if e["duplicate_of"] else ""), highlight=False)
        for sentence in cast(list[str], e["sentences"] or []):
            out.print(f"    “{sentence}”", highlight=False)


def _decode_row(row: dict[str, Any]) -> dict[str, Any]:
    for key in JSON_COLUMNS & row.keys():
        if isinstance(row[key], str):
            row[key] = json.loads(row[key])
    return row


def _csv_cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL in shared/eval/FORMAT.md.")],
    predictions: Annotated[Path | None, typer.Option("--predictions", help="Write predictions JSONL here.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print metrics as one JSON object.")] = False,
    workers: WorkersOpt = 1,
    fast: FastOpt = False,
    actors: ActorsOpt = None,
) -> None:
    """Process every document of GOLD and report event-triple, type, dyad and actor metrics."""
    from .evaluate import run_eval

    if not gold.exists():
        _fail(f"{gold}: no such gold file")
    options = _options(DEFAULT_DB, workers, fast, actors, stories=False)
    try:
        report = run_eval(gold, options, predictions)
    except NewsgraphError as exc:
        _fail(str(exc))
        return
    if json_out:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        for line in report.lines():
            out.print(line, highlight=False)


@app.command("eval-stories")
def eval_stories(
    pairs: Annotated[list[Path], typer.Argument(help="Same-story pair files (shared/data/stories format).")],
    clusters: Annotated[
        list[Path] | None, typer.Option("--clusters", help="Story-labelled articles for B-cubed (eval/stories).")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the report as one JSON object.")] = False,
    fast: FastOpt = False,
) -> None:
    """Score same-story decisions on PAIRS (accuracy, P/R/F1 of "same") and B-cubed on --clusters."""
    from ._story_eval import format_report, stories_report

    for path in [*pairs, *(clusters or [])]:
        if not path.exists():
            _fail(f"{path}: no such file")
    try:
        report = stories_report(pairs, clusters or [], embed=not fast)
    except NewsgraphError as exc:
        _fail(str(exc))
        return
    if json_out:
        print(json.dumps(report, ensure_ascii=False, default=str))
    else:
        out.print(format_report(report), highlight=False)


@app.command()
def demo(
    db: DbOpt = Path("demo.duckdb"),
    workers: WorkersOpt = 1,
    fast: FastOpt = False,
) -> None:
    """Run the bundled multilingual demo corpus into demo.duckdb and print a summary."""
    options = _options(db, workers, fast, None)
    try:
        with api.demo_corpus() as corpus:
            summary = _run_with_progress([str(corpus)], options)
        with api.open(db, read_only=True) as store:
            _print_overview(store, summary)
    except NewsgraphError as exc:
        _fail(str(exc))


def _print_overview(store: Any, summary: api.RunSummary) -> None:
    ov = api.overview(store)
    out.print(
        f"[bold]{ov['articles']} articles[/bold] in {store.path} "
        f"({summary.articles} new, {summary.skipped} already present, {summary.rejected} rejected); "
        f"{ov['sentences']} sentences, {ov['mentions']} actor mentions, {ov['events']} events, "
        f"{ov['stories']} stories",
        highlight=False,
    )
    for title, rows, cols in (
        ("Languages", ov["languages"], ("lang", "articles")),
        ("Top actors", ov["top_actors"], ("code", "mentions")),
        ("Event types", ov["event_types"], ("type", "events")),
        ("Top dyads", ov["top_dyads"], ("dyad", "events", "cooperation", "conflict")),
    ):
        if not rows:
            continue
        table = Table(title=title, title_justify="left")
        for c in cols:
            table.add_column(c)
        for r in rows:
            table.add_row(*(str(r[c]) for c in cols))
        out.print(table)
    if ov["top_dyads"]:
        a, b = ov["top_dyads"][0]["dyad"].split("–")
        rows = [r for r in _dyad_rows(store, "quarter", [a]) if {r["a"], r["b"]} == {a, b} and r["period"]]
        timeline = "  ".join(f"{r['period'][:7]} {r['intensity']:+.0f}" for r in rows)
        out.print(f"{a}–{b} intensity by quarter (cooperation > 0 > conflict): {timeline}", highlight=False)
        out.print(f"See every edge with its sentences: newsgraph graph {a} {b} --db {store.path}", highlight=False)


@app.command()
def serve(db: DbOpt = DEFAULT_DB, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the database read-only: web pages at / and their JSON twins under /api."""
    try:
        import uvicorn

        from .web import create_app
    except ImportError as exc:
        _fail(f"serving needs the `serve` extra (pip install 'newsgraph[serve]'): {exc}")
        return
    try:
        web_app = create_app(db)
    except NewsgraphError as exc:
        _fail(str(exc))
        return
    out.print(f"Serving {db} read-only at http://{host}:{port}/ (JSON under /api)", highlight=False)
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


def main() -> None:
    try:
        app()
    except NewsgraphError as exc:  # anything a command did not already turn into a message
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
