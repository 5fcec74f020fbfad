from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsgraph.ingest import MAX_ARTICLE_BYTES, article_id, iter_inputs, read_bytes_input
from newsgraph.records import Article, Rejection

IT_TEXT = (
    "Il ministro degli Esteri ha incontrato ieri a Roma il suo omologo armeno.\n\n"
    "I due hanno discusso della cooperazione regionale e della sicurezza nel Caucaso."
)


def _split(items: list[Article | Rejection]) -> tuple[list[Article], list[Rejection]]:
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Rejection)]


@pytest.mark.parametrize(
    ("content", "title"),
    [
        (f"Roma e Erevan rafforzano il dialogo\n\n{IT_TEXT}", "Roma e Erevan rafforzano il dialogo"),
        (IT_TEXT, None),  # first line ends like a sentence: not a headline
        ("Одна строка без заголовка.", None),
    ],
)
def test_ingest_txt_headline_by_shape(tmp_path: Path, content: str, title: str | None) -> None:
    f = tmp_path / "a.txt"
    f.write_text(content, encoding="utf-8")
    arts, rejs = _split(list(iter_inputs([f])))
    assert not rejs
    assert arts[0].title == title
    assert arts[0].raw_text.strip().endswith(content.strip().split("\n")[-1])


def test_ingest_html_extracts_text_title_date_lang(tmp_path: Path) -> None:
    html = (
        '<html lang="ro"><head><title>Armenia îngheață participarea la OTSC</title>'
        '<meta property="article:published_time" content="2024-02-23T10:00:00Z"></head><body>'
        "<nav>Acasă | Politică | Externe</nav><article><h1>Armenia îngheață participarea la OTSC</h1>"
        "<p>Premierul armean Nikol Pașinian a anunțat vineri că Erevanul își îngheață participarea "
        "la Organizația Tratatului de Securitate Colectivă.</p><p>Decizia vine după luni de tensiuni "
        "cu Moscova și Minskul, a declarat acesta într-un interviu televizat.</p></article>"
        "<footer>© 2024 Exemplu Media</footer></body></html>"
    )
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    arts, rejs = _split(list(iter_inputs([f])))
    assert not rejs
    a = arts[0]
    assert "Pașinian" in a.raw_text
    assert a.title == "Armenia îngheață participarea la OTSC"
    assert a.lang_hint == "ro"
    assert a.date is not None and a.date.isoformat() == "2024-02-23"


def test_ingest_jsonl_fields_and_metadata(tmp_path: Path) -> None:
    rows = [
        {"id": "x1", "title": "T", "text": IT_TEXT, "date": "2024-05-01", "lang": "it", "source": "ansa",
         "section": "esteri"},
        {"id": "x2", "text": "Second article body. It has two sentences."},
    ]
    f = tmp_path / "feed.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    arts, _ = _split(list(iter_inputs([f])))
    assert [a.metadata.get("input_id") for a in arts] == ["x1", "x2"]
    assert arts[0].metadata["section"] == "esteri"
    assert arts[0].source == "ansa" and arts[0].lang_hint == "it"
    assert arts[0].date is not None and arts[0].date.isoformat() == "2024-05-01"


def test_ingest_same_content_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(IT_TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(IT_TEXT.replace("\n\n", "\n\n\n") + "\n", encoding="utf-8")
    arts, _ = _split(list(iter_inputs([tmp_path])))
    assert len(arts) == 2 and arts[0].id == arts[1].id == article_id(None, IT_TEXT)


@pytest.mark.parametrize(
    ("name", "payload", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("blob.txt", bytes(range(256)) * 10, "binary"),
        ("cut.txt.gz", gzip.compress(IT_TEXT.encode() * 20)[:60], "gzip"),
        ("bad.json", b'{"text": "unterminated', "invalid JSON"),
        ("rows.csv", b"title,summary\nA,B\n", "no text column"),
        ("doc.pdf", b"%PDF-1.4 fake", "unsupported file type"),
    ],
)
def test_ingest_bad_inputs_rejected_with_reason(tmp_path: Path, name: str, payload: bytes, reason: str) -> None:
    f = tmp_path / name
    f.write_bytes(payload)
    good = tmp_path / "good.txt"
    good.write_text(IT_TEXT, encoding="utf-8")
    arts, rejs = _split(list(iter_inputs([f, good])))
    assert len(rejs) == 1 and reason in rejs[0].reason and name in rejs[0].path
    assert len(arts) == 1 and arts[0].path == str(good)  # the rest of the batch goes on


def test_ingest_invalid_json_line_keeps_others(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    f.write_text('{"text": "first article body"}\n{not json}\n{"text": "third article body"}\n', encoding="utf-8")
    arts, rejs = _split(list(iter_inputs([f])))
    assert [a.raw_text for a in arts] == ["first article body", "third article body"]
    assert rejs[0].path.endswith("feed.jsonl:2") and "invalid JSON" in rejs[0].reason


def test_ingest_truncated_jsonl_gz_keeps_complete_lines(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"text": f"article number {i} " + "x" * 200}) + "\n" for i in range(50))
    data = gzip.compress(lines.encode())
    f = tmp_path / "feed.jsonl.gz"
    f.write_bytes(data[: len(data) * 2 // 3])
    arts, rejs = _split(list(iter_inputs([f])))
    assert 0 < len(arts) < 50
    assert all(a.raw_text.startswith("article number") for a in arts)
    assert len(rejs) == 1 and "gzip" in rejs[0].reason


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le président français a reçu à l'Élysée son homologue arménien, déclaré à Paris.", "latin-1"),
        ("Prezydent Polski spotkał się z premierem Białorusi w Warszawie w środę.", "cp1250"),
        ("Министр иностранных дел России заявил, что Москва не признает выборы.", "cp1251"),
    ],
)
def test_ingest_legacy_encodings_decoded(tmp_path: Path, text: str, encoding: str) -> None:
    f = tmp_path / "legacy.txt"
    f.write_bytes((text + "\n" + text).encode(encoding))
    arts, rejs = _split(list(iter_inputs([f])))
    assert not rejs and text in arts[0].raw_text


def test_ingest_oversized_text_rejected(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    with f.open("w", encoding="utf-8") as fh:
        line = "A long line of perfectly ordinary text that repeats. " * 20 + "\n"
        while fh.tell() <= MAX_ARTICLE_BYTES:
            fh.write(line)
    arts, rejs = _split(list(iter_inputs([f])))
    assert not arts and "too large" in rejs[0].reason


def test_ingest_missing_path_rejected(tmp_path: Path) -> None:
    _, rejs = _split(list(iter_inputs([tmp_path / "nope"])))
    assert rejs[0].reason == "no such file or directory"


@pytest.mark.parametrize(
    ("payload", "expected_title"),
    [
        (b'{"title": "Stdin story", "text": "Body from a pipe."}\n', "Stdin story"),
        (b"Titolo dalla pipe\n\nCorpo dell'articolo arrivato da stdin.", "Titolo dalla pipe"),
    ],
)
def test_ingest_stdin(payload: bytes, expected_title: str) -> None:
    import io

    arts, _ = _split(list(iter_inputs(["-"], stdin=io.BytesIO(payload))))
    assert arts[0].title == expected_title


def test_ingest_csv_rows(tmp_path: Path) -> None:
    rows = read_bytes_input(b"id,title,text,date\n1,Hello,First body text,2024-01-02\n2,,Second body,\n", "f.csv")
    arts, rejs = _split(list(rows))
    assert not rejs and [a.raw_text for a in arts] == ["First body text", "Second body"]
    assert arts[0].date is not None and arts[0].date.isoformat() == "2024-01-02"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("2024-06-14_armenia.txt", "2024-06-14"), ("2024-13-40_bad.txt", None), ("armenia.txt", None)],
)
def test_ingest_date_from_filename_prefix(tmp_path: Path, name: str, expected: str | None) -> None:
    f = tmp_path / name
    f.write_text(IT_TEXT, encoding="utf-8")
    arts, _ = _split(list(iter_inputs([f])))
    assert (arts[0].date.isoformat() if arts[0].date else None) == expected
