#!/usr/bin/env python3
"""Code the same corpora at two commits and report every difference in the events.

    .venv/bin/python tools/compare_outputs.py REV_A REV_B [--quick] [--only NAME ...]

Each revision is checked out into a temporary git worktree and coded by this checkout's
virtual environment with that worktree's `src/` first on the path, so a commit is coded by
its own code and its own data files. The events of every corpus are written as JSON Lines
under `bench/results/outputs/<commit>/` (kept: a commit is coded once) and compared line by
line. The exit status is 1 when any corpus differs, 2 when one could not be coded.

Corpora: the project's examples and the generated bench corpus, and, when ../shared is
present, dev.jsonl, plover-dev.jsonl, the annotated communiqué, the Guardian sample, the
synthetic stories and event-location-dev.jsonl (the last two are left out by --quick).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
OUTPUTS = REPO / "bench" / "results" / "outputs"
PYTHON = REPO / ".venv" / "bin" / "python"

# name -> (path, large): large corpora are left out by --quick
CORPORA: dict[str, tuple[Path, bool]] = {
    "examples": (REPO / "examples" / "articles.jsonl", False),
    "bench-corpus": (REPO / "bench" / "corpus" / "news-6000-s20240501.jsonl", False),
    "communique": (SHARED / "gold" / "oic-contact-group-communique.jsonl", False),
    "dev": (SHARED / "gold" / "dev.jsonl", False),
    "plover-dev": (SHARED / "gold" / "plover-dev.jsonl", False),
    "guardian": (SHARED / "corpora" / "guardian-sample.jsonl", False),
    "stories": (SHARED / "corpora" / "synthetic-stories-dev.jsonl", True),
    "event-location": (SHARED / "gold" / "event-location-dev.jsonl", True),
}

# Run inside the worktree's interpreter: reads records on stdin as JSON lines of
# [text, date, doc_id] and writes one JSON line per event, and an error line per failure.
DRIVER = r"""
import json, sys
from eventcoder.coder import Coder
coder = Coder()
records = [json.loads(line) for line in sys.stdin]
for (text, date, doc_id), coded in zip(records, coder.code_many([tuple(r) for r in records])):
    if isinstance(coded, Exception):
        print(json.dumps({"doc_id": doc_id, "error": str(coded)}, ensure_ascii=False))
        continue
    for event in coded:
        print(event.to_json())
"""


def resolve(rev: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), "rev-parse", rev], check=True, capture_output=True, text=True).stdout.strip()


def records_of(path: Path) -> list[list]:
    """(text, date, doc_id) of every record: the text as the corpus gives it, the date as an ISO day."""
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            date = record.get("date")
            records.append([record["text"], str(date)[:10] if date else None, str(record.get("id", f"line-{number}"))])
    return records


def ensure_bench_corpus() -> None:
    path = CORPORA["bench-corpus"][0]
    if not path.exists():
        subprocess.run([str(PYTHON), str(REPO / "bench" / "make_corpus.py"), "--out", str(path)], check=True)


def code_at(commit: str, names: list[str]) -> Path:
    """Code the named corpora at `commit` (those not coded before) and return its output folder."""
    folder = OUTPUTS / commit
    todo = [n for n in names if not (folder / f"{n}.jsonl").exists()]
    if not todo:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="compare-") as scratch:
        tree = Path(scratch) / "tree"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "--quiet", str(tree), commit], check=True)
        try:
            env = {**os.environ, "PYTHONPATH": str(tree / "src")}
            for name in todo:
                print(f"coding {name} at {commit[:10]} ...", file=sys.stderr)
                payload = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records_of(CORPORA[name][0]))
                done = subprocess.run([str(PYTHON), "-c", DRIVER], input=payload, capture_output=True, text=True, env=env, cwd=scratch)
                if done.returncode != 0:
                    raise RuntimeError(f"{name} at {commit[:10]} failed:\n{done.stderr[-3000:]}")
                (folder / f"{name}.jsonl").write_text(done.stdout, encoding="utf-8")
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], check=False)
    return folder


def compare(name: str, a: Path, b: Path, show: int) -> int:
    """Print the differences of one corpus; return how many lines differ."""
    left = a.read_text(encoding="utf-8").splitlines()
    right = b.read_text(encoding="utf-8").splitlines()
    if left == right:
        print(f"{name:<15} identical: {len(left)} events")
        return 0
    only_left = sorted(set(left) - set(right))
    only_right = sorted(set(right) - set(left))
    moved = 0 if only_left or only_right else 1  # the same lines in another order
    print(f"{name:<15} DIFFERENT: {len(left)} vs {len(right)} events; {len(only_left)} only in A, {len(only_right)} only in B"
          + ("; same events in another order" if moved else ""))
    for label, lines in (("A", only_left), ("B", only_right)):
        for line in lines[:show]:
            event = json.loads(line)
            print(f"  only in {label}: {event.get('doc_id')} {event.get('trigger', {}).get('text')!r} "
                  f"{event.get('cameo', {}).get('code')} {event.get('rule', event.get('error', ''))[:120]}")
    return max(len(only_left), len(only_right), moved)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev_a")
    parser.add_argument("rev_b")
    parser.add_argument("--quick", action="store_true", help="leave out the synthetic stories and event-location-dev.jsonl")
    parser.add_argument("--only", action="append", choices=sorted(CORPORA), help="compare only this corpus (repeatable)")
    parser.add_argument("--show", type=int, default=5, help="differences shown per corpus and side")
    args = parser.parse_args()
    names = args.only or [n for n, (path, large) in CORPORA.items() if not (large and args.quick)]
    missing = [n for n in names if n != "bench-corpus" and not CORPORA[n][0].exists()]
    for name in missing:
        print(f"{name:<15} skipped: {CORPORA[name][0]} not found", file=sys.stderr)
    names = [n for n in names if n not in missing]
    if "bench-corpus" in names:
        ensure_bench_corpus()
    commits = [resolve(args.rev_a), resolve(args.rev_b)]
    try:
        a, b = (code_at(commit, names) for commit in commits)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"A = {commits[0][:10]}  B = {commits[1][:10]}")
    differing = sum(compare(name, a / f"{name}.jsonl", b / f"{name}.jsonl", args.show) > 0 for name in names)
    print(f"{len(names) - differing} of {len(names)} corpora identical")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
