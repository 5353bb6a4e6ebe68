"""Corpus inputs: every kind, gzip, stdin, and bad records that become errors."""

import gzip
import io
import json
import sys

from eventcoder.corpus.ingest import Columns, Document, IngestError, content_hash, iter_documents

HTML = """<html><head><title>Talks in Cairo</title>
<meta property="article:published_time" content="2024-02-03T10:00:00Z"></head>
<body><article><h1>Talks in Cairo</h1>
<p>Egypt's president met the Jordanian king in Cairo on Saturday to discuss aid deliveries to Gaza.</p>
<p>The two leaders called on Israel to allow more aid trucks into the territory, the presidency said.</p>
</article></body></html>"""


def split(items):
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, IngestError)]


def test_directory_of_txt_and_html(tmp_path):
    (tmp_path / "a.txt").write_text("Pakistan condemned India.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    docs, errors = split(list(iter_documents([str(tmp_path)], date="2024-01-01")))
    assert errors == []
    assert [d.doc_id for d in docs] == ["a", "b"]
    assert docs[0].text == "Pakistan condemned India." and docs[0].date == "2024-01-01"
    assert "Jordanian king" in docs[1].text
    assert docs[1].date == "2024-02-03"  # from the HTML metadata, before the flag
    assert docs[0].content_hash == content_hash("  Pakistan condemned India.  ")


def test_jsonl_gzip_with_columns_and_errors(tmp_path):
    lines = [
        json.dumps({"key": "k1", "body": "Russia shelled Kharkiv.", "day": "2024-01-05T08:00:00Z", "link": "https://x.example/1"}).encode(),
        b"{not json",
        json.dumps({"key": "k2", "body": "   "}).encode(),
        b'{"key": "k3", "body": "bad \xff byte"}',
        json.dumps({"key": "k4", "body": "No date here.", "day": "05/01/2024"}).encode(),
        json.dumps({"key": "k5", "body": "x" * 200}).encode(),
        json.dumps({"body": "No id."}).encode(),
    ]
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(b"\n".join(lines) + b"\n")
    items = list(iter_documents([str(path)], Columns("key", "body", "day", "link"), date="2024-02-02", max_bytes=150))
    docs, errors = split(items)
    assert [(d.doc_id, d.date, d.url) for d in docs] == [("k1", "2024-01-05", "https://x.example/1"), ("news-7", "2024-02-02", None)]
    reasons = {e.source.split(" ")[0]: e.reason for e in errors}
    assert reasons[f"{path}:2"].startswith("bad JSON")
    assert reasons[f"{path}:3"] == "empty text"
    assert reasons[f"{path}:4"].startswith("invalid UTF-8")
    assert "not an ISO date" in reasons[f"{path}:5"]
    assert "larger than 150 bytes" in reasons[f"{path}:6"]


def test_csv_and_csv_gz(tmp_path):
    content = 'id,text,date,url\nc1,"Troops, police and rebels clashed.",2024-01-05,https://a.example/x\nc2,only,two\nc3,"",2024-01-05,\n'
    (tmp_path / "a.csv").write_text(content, encoding="utf-8")
    with gzip.open(tmp_path / "b.csv.gz", "wt", encoding="utf-8") as fh:
        fh.write(content.replace("c1", "d1"))
    docs, errors = split(list(iter_documents([str(tmp_path / "a.csv"), str(tmp_path / "b.csv.gz")])))
    assert [(d.doc_id, d.text, d.url) for d in docs] == [
        ("c1", "Troops, police and rebels clashed.", "https://a.example/x"), ("d1", "Troops, police and rebels clashed.", "https://a.example/x")]
    assert docs[0].content_hash == docs[1].content_hash  # same text, same key
    assert sorted(e.reason for e in errors) == ["empty text", "empty text", "row has 3 fields, the header 4", "row has 3 fields, the header 4"]
    _, errors = split(list(iter_documents([str(tmp_path / "a.csv")], Columns(text="body"))))
    assert len(errors) == 1 and "no text column 'body'" in errors[0].reason


def test_stdin_jsonl_and_text(monkeypatch):
    def stdin(data: bytes):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)), encoding="utf-8"))

    stdin(b'{"id": "s1", "text": "Iran warned Israel.", "date": "2024-04-02"}\n\n{"id": "s2"}\n')
    docs, errors = split(list(iter_documents(["-"])))
    assert [(d.doc_id, d.source) for d in docs] == [("s1", "<stdin>:1 (id s1)")]
    assert errors[0].source == "<stdin>:3 (id s2)" and errors[0].reason == "missing text"
    stdin(b"Iran warned Israel on Tuesday.\n")
    docs, errors = split(list(iter_documents(["-"], date="2024-04-02")))
    assert docs[0].text == "Iran warned Israel on Tuesday." and docs[0].date == "2024-04-02" and not errors


def test_missing_file_huge_file_and_bad_utf8_file(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"a" * 200)
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 talks")
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    items = list(iter_documents([str(tmp_path / "nope.txt"), str(tmp_path)], max_bytes=100))
    docs, errors = split(items)
    assert docs == []
    assert [(e.source.rsplit("/", 1)[-1], e.reason.split(" (")[0]) for e in errors] == [
        ("nope.txt", "file not found"), ("bad.txt", "invalid UTF-8"), ("big.txt", "document larger than 100 bytes"),
        ("empty.txt", "empty text")]
