#!/usr/bin/env python3
"""Pass rate of tests/data/actor_mentions/*.tsv by group, with every miss listed.

    .venv/bin/python tools/score_actor_mentions.py [FILE ...]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from eventcoder.coder import Coder  # noqa: E402
from test_actor_mentions import load_cases, resolves  # noqa: E402


def main() -> int:
    only = {Path(p).name for p in sys.argv[1:]}
    cases = [(origin, row) for origin, row in load_cases() if not only or origin.split(":")[0] in only]
    coder = Coder()
    passed, total = Counter(), Counter()
    for origin, row in cases:
        ok, found = resolves(coder, row)
        total[row["group"]] += 1
        passed[row["group"]] += ok
        if not ok:
            print(f"miss {origin} [{row['group']}] {row['mention']!r}: expected {row['code']}/{row['sector']}, found {found}")
    for group in sorted(total):
        print(f"{group:<22}{passed[group]:>5} / {total[group]:<5}")
    print(f"{'all':<22}{sum(passed.values()):>5} / {sum(total.values()):<5} = {sum(passed.values()) / max(1, sum(total.values())):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
