"""`eventcoder serve`: the REST API and the web page over an event store (docs/service.md)."""

from __future__ import annotations

import argparse
import functools
import os
import sys


def add_service_commands(subparsers) -> None:
    serve = subparsers.add_parser(
        "serve",
        help="serve the REST API and the web page over an event store",
        description="Serve /v1 (OpenAPI at /docs) and the playground and explorer at / over a DuckDB store "
        "written by `eventcoder run`. Reads are open unless a token is set; with a token every /v1 route "
        "needs 'Authorization: Bearer TOKEN' and POST /v1/documents may write into the store.",
    )
    serve.add_argument("--db", required=True, help="the DuckDB store (events.duckdb)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--token", default=os.environ.get("EVENTCODER_TOKEN"),
                       help="bearer token that guards the API and allows writes (default: $EVENTCODER_TOKEN)")
    serve.add_argument("--max-text-chars", type=int, default=200_000, help="longest text POST /v1/code accepts (default 200000)")
    serve.add_argument("--code-timeout", type=float, default=60.0, help="seconds one coding request may take (default 60)")
    serve.add_argument("--dictionaries", action="append", default=[], metavar="DIR", help="extra knowledge files (repeatable)")
    serve.set_defaults(handler=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from eventcoder.coder import Coder
    from eventcoder.service import create_app

    try:
        app = create_app(
            args.db,
            token=args.token,
            coder_factory=functools.partial(Coder, dictionaries=args.dictionaries),
            max_text_chars=args.max_text_chars,
            code_timeout=args.code_timeout,
        )
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # a locked or damaged store: say so, no trace
        print(f"error: cannot open the store {args.db}: {error}", file=sys.stderr)
        return 2
    print(f"eventcoder: serving {args.db} at http://{args.host}:{args.port}/ (API docs at /docs)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
