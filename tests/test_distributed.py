"""The same run on a Dask LocalCluster (127.0.0.1, one worker) gives the local run's events."""

import json
import sys
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from eventcoder.corpus.runner import RunOptions, run
from eventcoder.corpus.store import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import make_corpus  # noqa: E402

distributed = pytest.importorskip("distributed")


def test_dask_local_cluster_matches_local_run(tmp_path, coder):
    from eventcoder.corpus.distributed import local_cluster, run_on_dask

    docs, _ = make_corpus.generate(60, seed=11)
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in docs) + "not json\n", encoding="utf-8")
    local_db, dask_db = str(tmp_path / "local.duckdb"), str(tmp_path / "dask.duckdb")
    run(RunOptions([str(corpus)], local_db, batch_size=4, progress=False), coder=coder)

    cluster = local_cluster(1)
    try:
        with distributed.Client(cluster, timeout="60s") as client:
            assert all(addr.startswith("tcp://127.0.0.1:") for addr in client.scheduler_info()["workers"])
            result = run_on_dask(RunOptions([str(corpus)], dask_db, batch_size=4, progress=False), client=client,
                                 parquet=str(tmp_path / "pq"))
    finally:
        cluster.close()
    assert result.status == "finished" and result.documents == len(docs) and result.errors == 1

    def events(db):
        with Store(db, read_only=True) as store:
            return store.con.execute("SELECT * EXCLUDE (run_id) FROM events ORDER BY event_id").fetchall()

    local = events(local_db)
    assert len(local) > 5 and events(dask_db) == local
    table = ds.dataset(str(tmp_path / "pq"), partitioning="hive").to_table()
    assert sorted(table.column("event_id").to_pylist()) == sorted(e[0] for e in local)
    assert len(list((tmp_path / "pq").glob("date=*"))) > 1
