"""Corpus runs: skip what is stored, recode, dedup, workers, and SIGKILL-then-resume."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from eventcoder.cli.corpus import main
from eventcoder.corpus.runner import MIN_BATCH, RunOptions, batch_target, run
from eventcoder.corpus.store import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import make_corpus  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    docs, _ = make_corpus.generate(160, seed=7)
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d) + "\n")
        fh.write("{broken\n")
        fh.write(json.dumps(docs[0]) + "\n")  # the same text again: coded once
    return path, len(docs)


def snapshot(db) -> dict:
    """Everything a run stores, less what names the run."""
    with Store(db, read_only=True) as store:
        con = store.con
        return {
            "events": con.execute("SELECT * EXCLUDE (run_id) FROM events ORDER BY event_id").fetchall(),
            "actors": con.execute("SELECT * FROM event_actors ORDER BY ALL").fetchall(),
            "mentions": con.execute("SELECT * FROM event_mentions ORDER BY ALL").fetchall(),
            "documents": con.execute("SELECT * EXCLUDE (run_id, coded_at) FROM documents ORDER BY content_hash").fetchall(),
            "errors": con.execute("SELECT source, reason FROM errors ORDER BY ALL").fetchall(),
        }


@pytest.fixture(scope="module")
def clean(corpus, coder, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("clean") / "clean.duckdb")
    result = run(RunOptions([str(corpus[0])], db, batch_size=4, progress=False), coder=coder)
    return db, result


def test_run_stores_everything_once(corpus, clean, coder):
    db, result = clean
    assert result.status == "finished" and result.documents == corpus[1] and result.skipped == 1 and result.errors == 1
    snap = snapshot(db)
    assert len(snap["documents"]) == corpus[1] and len(snap["events"]) == result.events > 20
    assert len({e[0] for e in snap["events"]}) == len(snap["events"])
    assert all(e[-3] == "0.1.0" or e[-3] for e in snap["events"])  # coder version recorded
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM events WHERE cluster_id IS NULL").fetchone()[0] == 0
        assert store.con.execute("SELECT count(DISTINCT knowledge_hash) FROM events").fetchone()[0] == 1
    again = run(RunOptions([str(corpus[0])], db, batch_size=4, progress=False), coder=coder)
    assert again.documents == 0 and again.events == 0 and again.skipped == corpus[1] + 1
    assert snapshot(db) == snapshot(db)


def test_recode_redoes_older_codings(corpus, clean, coder, tmp_path):
    import shutil

    db = str(tmp_path / "r.duckdb")
    shutil.copy(clean[0], db)
    with Store(db) as store:
        store.con.execute("UPDATE documents SET knowledge_hash = 'old' WHERE doc_id IN ('bench-00001', 'bench-00002')")
    assert run(RunOptions([str(corpus[0])], db, progress=False), coder=coder).documents == 0
    result = run(RunOptions([str(corpus[0])], db, recode=True, progress=False), coder=coder)
    assert result.documents == 2
    assert snapshot(db)["events"] == snapshot(clean[0])["events"]


def test_keep_duplicates_keeps_more(tmp_path, coder):
    text = ("Pakistan condemned India on Monday. Pakistan also condemned India in a statement. "
            "Pakistan again condemned India.")
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "x", "text": text, "date": "2024-05-06"}) + "\n", encoding="utf-8")
    collapsed = run(RunOptions([str(path)], str(tmp_path / "a.duckdb"), progress=False), coder=coder)
    kept = run(RunOptions([str(path)], str(tmp_path / "b.duckdb"), keep_duplicates=True, progress=False), coder=coder)
    assert kept.events > collapsed.events >= 1
    with Store(str(tmp_path / "a.duckdb"), read_only=True) as store:
        assert store.con.execute("SELECT max(n_mentions) FROM clusters").fetchone()[0] >= 2


def test_sigkill_and_resume_gives_the_clean_run(corpus, clean, coder, tmp_path):
    db = str(tmp_path / "killed.duckdb")
    # a transaction per coded batch, so that the kill falls between two of them
    script = ("import sys; from eventcoder.corpus.runner import RunOptions, run; "
              f"run(RunOptions([{str(corpus[0])!r}], {db!r}, batch_size=4, write_every=0, progress=False, log_every=0))")
    proc = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 90
    killed = False
    for line in proc.stderr:
        if ", " in line and int(line.split(", ")[1].split()[0]) >= 12:  # "N read, M coded, ..."
            workers = psutil.Process(proc.pid).children(recursive=True)  # before the kill orphans them
            os.kill(proc.pid, signal.SIGKILL)
            killed = True
            break
        assert time.monotonic() < deadline
    proc.wait(timeout=30)
    assert killed and proc.returncode == -signal.SIGKILL
    # the killed run's worker processes notice and exit rather than linger with a Coder each
    assert workers
    _, alive = psutil.wait_procs(workers, timeout=15)
    assert not alive, [p.cmdline()[-1][:60] for p in alive]
    with Store(db, read_only=True) as store:
        assert 12 <= store.counts()["documents"] < corpus[1]
        assert store.con.execute("SELECT status FROM runs").fetchall() == [("running",)]
    result = run(RunOptions([str(corpus[0])], db, batch_size=4, progress=False), coder=coder)
    assert result.status == "finished" and 0 < result.documents < corpus[1]
    assert snapshot(db) == snapshot(clean[0])
    with Store(db, read_only=True) as store:
        assert sorted(r[0] for r in store.con.execute("SELECT status FROM runs").fetchall()) == ["failed", "finished"]


def test_batches_stored_together_give_the_same_store(corpus, clean, coder, tmp_path):
    db = str(tmp_path / "grouped.duckdb")
    # no write interval passes: the coded batches wait, then go in with the last ones
    result = run(RunOptions([str(corpus[0])], db, batch_size=4, write_every=3600, progress=False), coder=coder)
    assert result.status == "finished" and result.documents == corpus[1]
    assert snapshot(db) == snapshot(clean[0])


def test_stored_versions_are_looked_up_a_chunk_at_a_time(corpus, clean, coder, tmp_path, monkeypatch):
    lookups = []
    original = Store.coded_versions

    def counted(self, hashes):
        hashes = list(hashes)
        lookups.append(len(hashes))
        return original(self, hashes)

    monkeypatch.setattr(Store, "coded_versions", counted)
    db = str(tmp_path / "chunked.duckdb")
    result = run(RunOptions([str(corpus[0])], db, batch_size=4, progress=False), coder=coder)
    # one query for the whole (small) input, though it is coded in many batches
    assert lookups == [corpus[1] + 1] and result.documents == corpus[1] and result.skipped == 1
    assert snapshot(db) == snapshot(clean[0])
    # long texts are not held back by the thousand: a chunk also ends at a size in characters
    lookups.clear()
    monkeypatch.setattr("eventcoder.corpus.runner.LOOKUP_CHUNK_CHARS", 1)
    again = run(RunOptions([str(corpus[0])], str(tmp_path / "bytes.duckdb"), batch_size=4, progress=False), coder=coder)
    assert lookups == [1] * (corpus[1] + 1) and again.documents == corpus[1]


def test_two_workers_give_the_same_events(corpus, clean, tmp_path):
    db = str(tmp_path / "w2.duckdb")
    result = run(RunOptions([str(corpus[0])], db, workers=2, batch_size=8, progress=False))
    assert result.status == "finished"
    assert snapshot(db) == snapshot(clean[0])


def test_cli_run_errors(tmp_path, capsys):
    assert main(["run", str(tmp_path / "x.jsonl"), "--db", str(tmp_path / "s.duckdb"), "--workers", "0"]) == 2
    assert main(["run", str(tmp_path / "x.jsonl"), "--db", str(tmp_path / "s.duckdb"), "--date", "May"]) == 2
    assert main(["run", str(tmp_path / "x.jsonl"), "--db", str(tmp_path / "s.duckdb"), "--write-every", "-1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert all(line.startswith("error: ") for line in err) and len(err) == 3


def batch_sizes(total: int, workers: int, batch_size: int = 128, known: bool = True) -> list[int]:
    """The batch sizes _batches makes of `total` documents read one by one."""
    sizes, pending = [], 0
    for read in range(1, total + 1):
        pending += 1
        if pending >= batch_target(batch_size, workers, total if known else None, read, pending):
            sizes.append(pending)
            pending = 0
    return sizes + ([pending] if pending else [])


def test_batches_shrink_near_the_end_of_a_known_input():
    sizes = batch_sizes(1316, workers=2)
    assert sum(sizes) == 1316 and sizes[:6] == [128] * 6
    assert sizes == sorted(sizes, reverse=True)  # never growing again
    assert sizes[-2] <= MIN_BATCH and sizes[-1] <= MIN_BATCH  # the last tasks are short ones
    assert len(sizes) <= 2 * (1316 // 128)
    # the more workers, the earlier the shrinking starts
    assert batch_sizes(1316, workers=8)[0] < 128
    # input of unknown size (stdin): fixed batches
    assert batch_sizes(300, workers=2, known=False) == [128, 128, 44]
    assert batch_target(128, 2, None, 5, 5) == 128 and batch_target(128, 2, 10, 10, 3) == MIN_BATCH


def test_a_batch_is_coded_with_the_cyclic_collector_paused(coder):
    import gc

    from eventcoder.corpus.ingest import Document
    from eventcoder.corpus.runner import CoderConfig, code_batch, set_coder

    set_coder(CoderConfig(), coder)
    texts = ["Pakistan condemned India on Monday. It also urged talks.", "Police arrested 12 protesters in Lahore."] * 20
    documents = [Document(f"d{i}", text + f" Officials met {i} times.", "2024-05-06", None, f"t:{i}") for i, text in enumerate(texts)]
    collections = []

    def count(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        coded = code_batch(documents, CoderConfig())
        during = len(collections)
        assert gc.isenabled()  # resumed afterwards
        gc.disable()
        code_batch(documents[:2], CoderConfig())
        assert not gc.isenabled()  # a caller's own pause is left as it was
    finally:
        gc.enable()
        gc.callbacks.remove(count)
    assert during == 0 and len(coded) == 40 and sum(len(c.events) for c in coded) >= 40
