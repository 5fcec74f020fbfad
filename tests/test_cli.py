from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()

FEED = [
    {"title": "Armenia freezes CSTO participation", "date": "2024-02-23", "lang": "en",
     "text": "Armenia has frozen its participation in the CSTO, Prime Minister Nikol Pashinyan said on Friday."
             "\n\nYerevan accused the alliance of failing to protect it."},
    {"title": "L'Armenia congela la partecipazione all'OTSC", "date": "2024-02-23", "lang": "it",
     "text": "L'Armenia ha congelato la sua partecipazione all'OTSC, ha detto venerdì il premier Nikol Pashinyan."
             "\n\nErevan accusa l'alleanza di non averla protetta."},
    {"title": "Армения заморозила участие в ОДКБ", "date": "2024-02-23", "lang": "ru",
     "text": "Армения заморозила своё участие в ОДКБ, заявил в пятницу премьер-министр Никол Пашинян."
             "\n\nЕреван обвинил союз в том, что он не защитил страну."},
]


@pytest.fixture()
def feed(tmp_path: Path) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in FEED) + "{bad json\n",
                    encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, list(args))
    return res.exit_code, res.output


def test_cli_run_twice_adds_nothing_and_reports_rejection(feed: Path, tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    code, out = _run("run", str(feed), "--db", str(db), "--json", "--fast")
    summary = json.loads(out.strip().splitlines()[-1])
    assert code == 0 and summary["articles"] == 3 and summary["rejected"] == 1
    assert "feed.jsonl:4" in summary["rejections"][0]["path"]
    code, out = _run("run", str(feed), "--db", str(db), "--json", "--fast")
    assert json.loads(out.strip().splitlines()[-1])["articles"] == 0


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_cli_export_round_trips_articles(feed: Path, tmp_path: Path, fmt: str) -> None:
    db = tmp_path / "x.duckdb"
    _run("run", str(feed), "--db", str(db), "--no-extract")
    out = tmp_path / f"articles.{fmt}"
    code, _ = _run("export", "--what", "articles", "--format", fmt, "--out", str(out), "--db", str(db))
    assert code == 0
    if fmt == "jsonl":
        rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    else:
        rows = duckdb.sql(f"SELECT * FROM '{out}'").fetchall()
        assert len(rows) == 3
        return
    assert sorted(r["title"] for r in rows) == sorted(r["title"] for r in FEED)
    # re-ingesting the export into a fresh database gives the same article ids
    db2 = tmp_path / "y.duckdb"
    code, _ = _run("run", str(out), "--db", str(db2), "--no-extract")
    assert code == 0
    def ids(path: Path) -> list[str]:
        with duckdb.connect(str(path), read_only=True) as con:
            return sorted(r[0] for r in con.sql("SELECT id FROM articles").fetchall())

    assert ids(db) == ids(db2)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "--what", "events", "--db", "missing.duckdb"), "no such database"),
        (("eval", "missing-gold.jsonl"), "no such gold file"),
        (("run", "x.txt", "--actors", "missing.yaml"), "no such actors file"),
    ],
)
def test_cli_whole_command_failures_exit_nonzero_with_one_line(args: tuple[str, ...], message: str,
                                                               tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = _run(*args)
    assert code != 0 and message in out


def test_cli_eval_writes_predictions_and_json(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    rows = [{"id": str(i), "lang": r["lang"], "date": r["date"], "text": r["text"], "actors": ["ARM", "CSTO"]}
            for i, r in enumerate(FEED)]
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    preds = tmp_path / "pred.jsonl"
    code, out = _run("eval", str(gold), "--predictions", str(preds), "--json", "--fast")
    assert code == 0
    report = json.loads(out.strip().splitlines()[-1])
    assert report["documents"] == 3 and "actors" in report["metrics"]["all"]
    lines = [json.loads(x) for x in preds.read_text(encoding="utf-8").splitlines()]
    assert [p["id"] for p in lines] == ["0", "1", "2"]
    assert all({"id", "lang", "actors", "events"} <= p.keys() for p in lines)
