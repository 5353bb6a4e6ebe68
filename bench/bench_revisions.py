#!/usr/bin/env python3
"""Coding throughput of two (or more) commits on the same corpus, measured in one run.

    .venv/bin/python bench/bench_revisions.py REV [REV ...] [--corpus FILE] [--repeat N]

The default corpus is the Guardian sample (../shared/corpora/guardian-sample.jsonl: real
news). Each commit is checked out into a temporary git worktree and run by this checkout's
virtual environment with the worktree's `src/` first on the path. The commits take turns,
`--repeat` times (default 3), each run in a fresh process: `Coder()` is built and warmed up,
then `Coder.code_many` codes every document, one process and one core (as in a corpus worker).
A slow spell of a shared machine then slows every commit alike; the median of each commit's
runs is reported, with every run and the ratio to the first commit per turn. Figures go to
`bench/results/revisions.json`.

`sentences` is the count of the coder's own sentence splitter (eventcoder.pipeline.sentences
or, at older commits, eventcoder.sentences); the throughput divides it by the wall-clock time
of `code_many`. `peak RSS` is the process's peak resident memory after the run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = REPO / ".venv" / "bin" / "python"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "guardian-sample.jsonl"
RESULTS = REPO / "bench" / "results" / "revisions.json"
MARK = "BENCH_RESULT "

DRIVER = r"""
import json, resource, sys, time
try:
    from eventcoder.pipeline.sentences import split_sentences
except ImportError:
    from eventcoder.sentences import split_sentences
from eventcoder.coder import Coder
records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
docs = [(r["text"], str(r["date"])[:10] if r.get("date") else None, str(r["id"])) for r in records]
sentences = sum(len(split_sentences(text)) for text, _, _ in docs)
started = time.perf_counter()
coder = Coder()
coder.code("The talks ended.", date="2020-01-01", doc_id="warm-up")
loaded = time.perf_counter() - started
started = time.perf_counter()
events = errors = 0
for out in coder.code_many(docs):
    if isinstance(out, Exception):
        errors += 1
    else:
        events += len(out)
seconds = time.perf_counter() - started
print("BENCH_RESULT " + json.dumps({
    "documents": len(docs), "sentences": sentences, "events": events, "errors": errors,
    "load_seconds": round(loaded, 2), "seconds": round(seconds, 2),
    "sentences_per_second": round(sentences / seconds, 1),
    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
}))
"""


def resolve(rev: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), "rev-parse", rev], check=True, capture_output=True, text=True).stdout.strip()


def run_once(tree: Path, corpus: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run(["taskset", "-c", "0", str(PYTHON), "-c", DRIVER, str(corpus)], capture_output=True, text=True, env=env, cwd=tree)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith(MARK)), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"run in {tree} failed:\n{done.stderr[-3000:]}")
    return json.loads(line[len(MARK):])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revs", nargs="+")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"error: {args.corpus} not found", file=sys.stderr)
        return 2
    commits = [resolve(rev) for rev in args.revs]
    runs: dict[str, list[dict]] = {c: [] for c in commits}
    with tempfile.TemporaryDirectory(prefix="bench-revs-") as scratch:
        trees = {}
        for commit in dict.fromkeys(commits):
            trees[commit] = Path(scratch) / commit[:12]
            subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "--quiet", str(trees[commit]), commit], check=True)
        try:
            for turn in range(args.repeat):
                for commit in commits:
                    result = run_once(trees[commit], args.corpus.resolve())
                    runs[commit].append(result)
                    print(f"turn {turn + 1} {commit[:10]}: {result['sentences_per_second']} sent/s, "
                          f"{result['seconds']} s, {result['events']} events, peak {result['peak_rss_mb']} MB", file=sys.stderr)
        finally:
            for tree in trees.values():
                subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], check=False)
    first = commits[0]
    summary = []
    for commit in commits:
        speeds = [r["sentences_per_second"] for r in runs[commit]]
        ratios = [round(r["sentences_per_second"] / f["sentences_per_second"], 3) for r, f in zip(runs[commit], runs[first], strict=True)]
        summary.append({
            "commit": commit, "median_sentences_per_second": statistics.median(speeds), "runs_sentences_per_second": speeds,
            "ratio_to_first_per_turn": ratios, "peak_rss_mb": max(r["peak_rss_mb"] for r in runs[commit]),
            "sentences": runs[commit][0]["sentences"], "events": runs[commit][0]["events"],
        })
    print(f"{'commit':<12}{'median sent/s':>15}{'peak MB':>10}  runs / ratio to {first[:10]} per turn")
    for row in summary:
        print(f"{row['commit'][:10]:<12}{row['median_sentences_per_second']:>15}{row['peak_rss_mb']:>10}  "
              f"{row['runs_sentences_per_second']} / {row['ratio_to_first_per_turn']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"corpus": str(args.corpus), "repeat": args.repeat, "results": summary}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
