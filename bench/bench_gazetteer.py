"""Gazetteer index size, load time and peak memory.

    python bench/bench_gazetteer.py [--repeat N]

Loads the built-in index N times in this process (reports best and worst wall time), then
prints the index file size, its rows by kind, the number of matching keys and landmarks, the
resident memory one loaded gazetteer holds (from /proc, after a collection) and the process's
peak resident memory (ru_maxrss, so it includes the interpreter: compare with the baseline).
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from collections import Counter

from eventcoder.knowledge.gazetteer import CONTESTED_FILE, INDEX_FILE, LANDMARKS_FILE, Gazetteer


def rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def current_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    base = rss_mb()
    gc.collect()
    before = current_mb()
    times = []
    gaz = None
    for _ in range(args.repeat):
        gaz = None
        gc.collect()
        t0 = time.perf_counter()
        gaz = Gazetteer.load()
        times.append(time.perf_counter() - t0)
    gc.collect()
    held = current_mb() - before
    t0 = time.perf_counter()
    for name in ("Srinagar", "Hyderabad", "IIOJK", "Georgia", "Tripoli", "New York") * 1000:
        gaz.resolve(name)
    per = (time.perf_counter() - t0) / 6000
    print(f"index        {INDEX_FILE.stat().st_size / 1e6:.2f} MB  ({INDEX_FILE.name})")
    print(f"contested    {CONTESTED_FILE.stat().st_size / 1e3:.1f} kB")
    print(f"landmarks    {LANDMARKS_FILE.stat().st_size / 1e3:.1f} kB")
    kinds = Counter(gaz.rows_by_kind())
    print(f"rows         {sum(kinds.values()):,} ({', '.join(f'{n:,} {k}' for k, n in kinds.most_common())})")
    print(f"keys         {sum(1 for _ in gaz.names()):,} matching keys")
    print(f"held         {held:.0f} MB resident for one loaded gazetteer")
    print(f"load         best {min(times):.2f} s, worst {max(times):.2f} s over {args.repeat}")
    print(f"resolve      {per * 1e6:.1f} µs per call")
    print(f"peak RSS     {rss_mb():.0f} MB (baseline before loading {base:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
