from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsgraph.options import Options
from newsgraph.pipeline import STAGES, process, repeated_lines
from newsgraph.records import Article
from newsgraph.store import Store

ARTICLES = {
    "en": ("Armenia recalls envoy", "Armenia recalled its ambassador from Minsk on Monday after President "
           "Alexander Lukashenko mocked Yerevan's foreign policy.\n\nLeave a Reply\n\nThe foreign ministry in "
           "Yerevan said the remarks were unacceptable."),
    "it": ("L'Armenia richiama l'ambasciatore", "L'Armenia ha richiamato lunedì il suo ambasciatore da Minsk "
           "dopo le parole del presidente bielorusso Aleksandr Lukashenko.\n\nVEDI ANCHE: Le altre notizie\n\n"
           "Il ministero degli Esteri armeno ha definito inaccettabili le dichiarazioni."),
    "ro": ("Armenia își recheamă ambasadorul", "Armenia și-a rechemat luni ambasadorul de la Minsk după "
           "declarațiile președintelui belarus Aleksandr Lukașenko.\n\nCitește și: Alte știri\n\n"
           "Ministerul de Externe de la Erevan a calificat declarațiile drept inacceptabile."),
    "ru": ("Армения отозвала посла", "Армения в понедельник отозвала своего посла из Минска после "
           "высказываний президента Белоруссии Александра Лукашенко.\n\nЧитайте также: другие новости\n\n"
           "МИД Армении назвал эти заявления неприемлемыми."),
    "pl": ("Armenia odwołuje ambasadora", "Armenia odwołała w poniedziałek swojego ambasadora z Mińska po "
           "wypowiedziach prezydenta Białorusi Aleksandra Łukaszenki.\n\nCzytaj także: inne wiadomości\n\n"
           "Ministerstwo spraw zagranicznych Armenii uznało te słowa za niedopuszczalne."),
    "es": ("Armenia llama a su embajador", "Armenia llamó el lunes a consultas a su embajador en Minsk tras "
           "las declaraciones del presidente bielorruso Alexandr Lukashenko.\n\nLee también: otras noticias\n\n"
           "El Ministerio de Exteriores armenio calificó las palabras de inaceptables."),
}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    items = list(ARTICLES.items())
    for lang, (title, text) in items[:2]:
        (root / f"{lang}.txt").write_text(f"{title}\n\n{text}", encoding="utf-8")
    lang, (title, text) = items[2]
    (root / "sub" / f"{lang}.html").write_text(
        f'<html lang="{lang}"><head><title>{title}</title></head><body><article><h1>{title}</h1>'
        + "".join(f"<p>{p}</p>" for p in text.split("\n\n")) + "</article></body></html>", encoding="utf-8")
    (root / "feed.jsonl").write_text(
        "".join(json.dumps({"title": t, "text": x, "date": "2024-06-03", "lang": lg}) + "\n"
                for lg, (t, x) in items[3:5]), encoding="utf-8")
    lang, (title, text) = items[5]
    (root / "sub" / f"{lang}.txt.gz").write_bytes(gzip.compress(f"{title}\n\n{text}".encode()))
    (root / "empty.txt").write_text("", encoding="utf-8")
    return root


def _snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    queries = {
        "articles": "SELECT id, lang, text FROM articles ORDER BY id",
        "sentences": 'SELECT article_id, idx, start, "end" FROM sentences ORDER BY 1, 2',
        "mentions": 'SELECT article_id, start, "end", code FROM mentions ORDER BY 1, 2, 3',
        "events": "SELECT id, type, source, target FROM events ORDER BY id",
    }
    with Store.open(db, read_only=True) as s:
        return {name: s.con.execute(sql).fetchall() for name, sql in queries.items()}


def test_pipeline_stages_declare_a_consistent_order() -> None:
    added = {"article.raw_text", "article.date"}
    for stage in STAGES:
        assert set(stage.needs) <= added, f"{stage.name} needs something no earlier stage adds"
        added |= set(stage.adds)


def test_pipeline_stores_every_language_and_rerun_adds_nothing(corpus: Path, tmp_path: Path) -> None:
    opts = Options.create(db=tmp_path / "x.duckdb", stories=False)
    first = process([corpus], opts)
    assert (first.articles, first.rejected) == (6, 1)
    assert {lg for lg in first.languages} == set(ARTICLES)
    snap = _snapshot(opts.db)
    assert all("Leave a Reply" not in text and "VEDI ANCHE" not in text for _, _, text in snap["articles"])
    second = process([corpus], opts)
    assert (second.articles, second.skipped) == (0, 6)
    assert _snapshot(opts.db) == snap


def test_pipeline_output_identical_for_any_worker_count(corpus: Path, tmp_path: Path) -> None:
    one = Options.create(db=tmp_path / "one.duckdb", workers=1, batch_size=4, stories=False, fast=True)
    two = Options.create(db=tmp_path / "two.duckdb", workers=2, batch_size=4, stories=False, fast=True)
    process([corpus], one)
    process([corpus], two)
    assert _snapshot(one.db) == _snapshot(two.db)


def test_pipeline_repeated_lines_found_per_source() -> None:
    footer = "Follow us on Telegram: t.me/example"
    topics = ["trade", "borders", "energy", "refugees"]
    arts = [
        Article(id=str(i), path=f"{i}", raw_text=f"A story about {t} talks.\n{footer}", source="site")
        for i, t in enumerate(topics)
    ] + [Article(id="x", path="x", raw_text=f"Other site.\n{footer}", source="other")]
    rep = repeated_lines(arts)
    assert set(rep) == {"site"} and len(rep["site"]) == 1


@pytest.mark.slow
def test_pipeline_dask_cluster_gives_identical_output(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    local = Options.create(db=tmp_path / "local.duckdb", stories=False, fast=True)
    dask = Options.create(db=tmp_path / "dask.duckdb", stories=False, fast=True, workers=2, dask="local")
    process([corpus], local)
    summary = process([corpus], dask)
    assert summary.articles == 6
    assert _snapshot(local.db) == _snapshot(dask.db)


@pytest.mark.slow
def test_pipeline_workers_start_safely_after_embedding_in_parent(corpus: Path, tmp_path: Path) -> None:
    """Forking a process that already ran the embedding engine (OpenMP) would hang its workers."""
    import subprocess
    import sys

    code = (
        "from newsgraph.embed import embed; from newsgraph.options import Options; "
        "from newsgraph.pipeline import process; embed(['warm the engine in the parent']); "
        f"s = process([{str(corpus)!r}], Options.create(db={str(tmp_path / 'e.duckdb')!r}, workers=2, "
        "stories=False)); print(s.articles)"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600, check=True)
    assert res.stdout.strip().splitlines()[-1] == "6"
