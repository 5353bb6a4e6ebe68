"""Latency of the service on a store of synthetic events (default 100,000).

    .venv/bin/python bench/bench_api.py [--events 100000] [--repeat 20] [--json]

Builds the store with tests/service_fixtures.py (plain SQL following docs/store.md), then
times each request through FastAPI's test client (in-process: routing, validation, SQL and
JSON, without the network) and prints the median and 95th percentile per request. The
targets of issue 7: /v1/events with filters under 200 ms, the timeline under 500 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fastapi.testclient import TestClient  # noqa: E402

from eventcoder.service import create_app  # noqa: E402
from service_fixtures import synthetic_store  # noqa: E402

REQUESTS = [
    ("events, no filter", "/v1/events", {}, 200),
    ("events, date range + source + quad class", "/v1/events", {"date_from": "2023-01-01", "date_to": "2023-06-30", "source": "RUS", "quad_class": "4"}, 200),
    ("events, dyad undirected + goldstein", "/v1/events", {"dyad": "ISR,PSE", "directed": "false", "goldstein_max": "-5"}, 200),
    ("events, cameo root + place + negated out", "/v1/events", {"cameo": "19", "place_country": "UKR", "negated": "false"}, 200),
    ("events, sector + confidence + text", "/v1/events", {"source_sector": "MIL", "min_confidence": "0.7", "q": "synthetic sentence 12"}, 200),
    ("events, page 2 by cursor", "/v1/events", {"quad_class": "3"}, 200),
    ("timeline, auto (week), by quad class", "/v1/stats/timeline", {}, 500),
    ("timeline, day, by PLOVER type", "/v1/stats/timeline", {"interval": "day", "stack": "plover"}, 500),
    ("timeline, month, filtered", "/v1/stats/timeline", {"interval": "month", "actor": "CHN", "quad_class": "1,2"}, 500),
    ("dyads, top 100", "/v1/stats/dyads", {}, None),
    ("actors, top 50", "/v1/stats/actors", {}, None),
    ("places + points", "/v1/stats/places", {}, None),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        synthetic_store(path, args.events)
        build_s = time.perf_counter() - started
        results = []
        with TestClient(create_app(path)) as client:
            for name, url, params, target in REQUESTS:
                if name.startswith("events, page 2"):
                    params = {**params, "cursor": client.get(url, params=params).json()["next_cursor"]}
                client.get(url, params=params)  # warm
                times = []
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    response = client.get(url, params=params)
                    times.append((time.perf_counter() - t0) * 1000)
                    assert response.status_code == 200, response.text
                times.sort()
                p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
                results.append({"request": name, "median_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1),
                                "target_ms": target, "ok": target is None or p95 < target})
    if args.json:
        print(json.dumps({"events": args.events, "build_s": round(build_s, 1), "results": results}, indent=1))
    else:
        print(f"store: {args.events} synthetic events, built in {build_s:.1f} s; {args.repeat} runs per request")
        print(f"{'request':<44}{'median ms':>10}{'p95 ms':>9}{'target':>8}")
        for r in results:
            target = f"<{r['target_ms']}" if r["target_ms"] else "-"
            print(f"{r['request']:<44}{r['median_ms']:>10}{r['p95_ms']:>9}{target:>8}{'' if r['ok'] else '  OVER'}")
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
