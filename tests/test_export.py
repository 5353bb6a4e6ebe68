"""Every export format, read back, and the filters."""

import csv
import json

import pyarrow.dataset as ds
import pytest

from eventcoder.cli.corpus import main
from eventcoder.corpus.export import GDELT_COLUMNS, PHOENIX_COLUMNS, ExportError, Filters, export
from eventcoder.corpus.store import CodedDocument, Store
from test_store import actor, record


@pytest.fixture()
def db(tmp_path):
    path = str(tmp_path / "s.duckdb")
    with Store(path) as store:
        run = store.start_run("x", 1, "0.1.0", "k1")
        pak, ind, un = actor("PAK", text="Pakistan"), actor("IND", text="India"), actor("IGO", None, "UN", "the UN")
        s = "Pakistan condemned India over the border shooting."
        d1 = CodedDocument("h1", "d1", "a.jsonl:1", "https://one.example/a", "2024-05-02", "t1", 2,
                           [record("e1", "d1", pak, ind, sentence=s), record("e2", "d1", un, pak, code="0233", date="2024-05-02")],
                           {"e1": [("e0", 0, 0.5), ("e1", 1, 0.7)]}, "0.1.0", "k1")
        d2 = CodedDocument("h2", "d2", "a.jsonl:2", "https://two.example/b", "2024-05-03", "t2", 1,
                           [record("e3", "d2", pak, ind, date="2024-05-03", sentence=s)], {}, "0.1.0", "k1")
        d3 = CodedDocument("h3", "d3", "b.jsonl:1", None, "2024-06-01", "t3", 1,
                           [record("e4", "d3", ind, None, code="190", date="2024-06-01")], {}, "0.1.0", "k1")
        d3.events[0]["plover"] = {"event": "ASSAULT", "mode": None}
        store.write_batch(run, [d1, d2, d3])
        store.assign_clusters()
    return path


def test_gdelt_has_61_columns_one_row_per_happening(db, tmp_path):
    out = tmp_path / "g.tsv"
    assert export(db, "gdelt-tsv", str(out)) == 3
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert {len(r) for r in rows} == {61} and len(GDELT_COLUMNS) == 61
    first = dict(zip(GDELT_COLUMNS, rows[0], strict=True))
    assert first["Day"] == "20240502" and first["EventCode"] == "111" and first["Actor1Code"] == "PAKGOV"
    assert first["Actor2CountryCode"] == "IND" and first["QuadClass"] == "3"
    assert (first["NumMentions"], first["NumArticles"], first["NumSources"]) == ("3", "2", "2")  # e1 (2 mentions) + e3
    assert first["SOURCEURL"] in ("https://one.example/a", "https://two.example/b")


def test_phoenix_has_26_columns(db, tmp_path):
    out = tmp_path / "p.tsv"
    assert export(db, "phoenix-tsv", str(out)) == 4
    rows = list(csv.reader(out.open(encoding="utf-8"), delimiter="\t"))
    assert {len(r) for r in rows} == {len(PHOENIX_COLUMNS)} == {26}
    by_id = {r[0]: dict(zip(PHOENIX_COLUMNS, r, strict=True)) for r in rows}
    assert by_id["e2"]["SourceActorFull"] == "IGOUN" and by_id["e2"]["EventRootCode"] == "02"
    assert by_id["e4"]["TargetActorFull"] == "" and by_id["e1"]["Date"] == "20240502"


def test_plover_jsonl_csv_and_parquet(db, tmp_path):
    assert export(db, "plover-jsonl", str(tmp_path / "p.jsonl")) == 4
    lines = [json.loads(x) for x in (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {x["event"] for x in lines} == {"ACCUSE", "ASSAULT"} and lines[0]["source_actor"] == "PAKGOV"
    assert export(db, "csv", str(tmp_path / "e.csv")) == 4
    rows = list(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))
    assert [r["event_id"] for r in rows] == ["e1", "e2", "e3", "e4"] and rows[0]["mentions"] == "2"
    assert export(db, "parquet", str(tmp_path / "pq")) == 4
    parts = sorted(p.parent.name for p in (tmp_path / "pq").rglob("*.parquet"))
    assert parts == ["date=2024-05-02", "date=2024-05-03", "date=2024-06-01"]
    table = ds.dataset(str(tmp_path / "pq"), partitioning="hive").to_table()
    assert sorted(table.column("event_id").to_pylist()) == ["e1", "e2", "e3", "e4"]


def test_filters(db, tmp_path):
    def ids(**kw):
        out = tmp_path / "f.csv"
        export(db, "csv", str(out), Filters(**kw))
        return [r["event_id"] for r in csv.DictReader(out.open(encoding="utf-8"))]

    assert ids(since="2024-05-03") == ["e3", "e4"]
    assert ids(until="2024-05-02") == ["e1", "e2"]
    assert ids(countries=["ind"]) == ["e1", "e3", "e4"]
    assert ids(actors=["UN"]) == ["e2"] and ids(actors=["IGO:UN"]) == ["e2"] and ids(actors=["PAKGOV"]) == ["e1", "e2", "e3"]
    assert ids(codes=["02"]) == ["e2"] and ids(codes=["assault"]) == ["e4"] and ids(codes=["11", "19"]) == ["e1", "e3", "e4"]
    with pytest.raises(ExportError):
        ids(since="May")


def test_cli_export_errors(db, tmp_path, capsys):
    assert main(["export", "--db", str(tmp_path / "none.duckdb"), "--format", "csv", "-o", "-"]) == 2
    assert capsys.readouterr().err.strip().startswith("error: ")
    assert main(["export", "--db", db, "--format", "gdelt-tsv", "-o", str(tmp_path / "x.tsv"), "--country", "PAK"]) == 0
    with pytest.raises(SystemExit):
        main(["export", "--db", db, "--format", "xml", "-o", "-"])
