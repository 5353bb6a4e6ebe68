"""`eventcoder run` and `eventcoder export`: corpus runs into a DuckDB store, and exports.

eventcoder.cli registers them with `add_corpus_commands(subparsers)`; `python -m eventcoder.cli.corpus`
runs them on their own."""

from __future__ import annotations

import argparse
import sys


def add_corpus_commands(subparsers) -> None:
    run = subparsers.add_parser(
        "run", help="code a corpus into a DuckDB store (resumable, parallel)",
        description="Code every document of INPUT (files, directories of .txt/.html/.jsonl/.csv, .gz versions, or - for stdin) "
                    "into the store. Documents already coded are skipped, so a killed run is resumed by running it again.")
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="a file, a directory, or - for stdin")
    run.add_argument("--db", required=True, help="the DuckDB store (created when missing)")
    run.add_argument("--workers", type=int, default=1,
                     help="worker processes that code (default 1); this process reads the input and writes the store")
    run.add_argument("--batch-size", type=int, default=128,
                     help="documents per worker task (default 128; smaller ones near the end of the input)")
    run.add_argument("--write-every", type=float, default=1.0, metavar="SECONDS",
                     help="seconds between store transactions (default 1; 0: one per coded batch)")
    run.add_argument("--date", help="publication date (YYYY-MM-DD) for documents with none in the record or the HTML")
    run.add_argument("--recode", action="store_true", help="recode documents coded by another coder version or knowledge hash")
    run.add_argument("--keep-duplicates", action="store_true",
                     help="keep every event (no collapsing of same dyad, code and date within a story)")
    run.add_argument("--id-column", default="id", help="record field with the document id (.jsonl/.csv, default id)")
    run.add_argument("--text-column", default="text", help="record field with the text (default text)")
    run.add_argument("--date-column", default="date", help="record field with the publication date (default date)")
    run.add_argument("--url-column", default="url", help="record field with the article URL (default url)")
    run.add_argument("--stdin-format", choices=["txt", "html", "jsonl", "csv"],
                     help="format of stdin (default: jsonl when it starts with '{', else txt)")
    run.add_argument("--no-screen", action="store_true", help="parse every sentence (no pre-parse screen)")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="run on a Dask cluster: tcp://HOST:PORT of its scheduler, or 'local' for a LocalCluster of --workers")
    run.add_argument("--parquet", metavar="DIR", help="also write the store's events as Parquet partitioned by date")
    run.add_argument("--progress", choices=["auto", "bar", "log"], default="auto",
                     help="a progress bar (default on a terminal) or plain log lines")
    run.add_argument("--fail-on-errors", action="store_true", help="exit with status 1 when any input error was recorded")
    run.add_argument("--dictionaries", action="append", default=[], metavar="DIR", help="extra knowledge files (repeatable)")
    run.set_defaults(handler=cmd_run)

    export = subparsers.add_parser(
        "export", help="export the store's events (PLOVER JSONL, Phoenix TSV, GDELT TSV, CSV, Parquet)",
        description="Write the events of a store in one of the layouts of docs/corpus.md, optionally filtered.")
    export.add_argument("--db", required=True, help="the DuckDB store")
    export.add_argument("--format", required=True, choices=["plover-jsonl", "phoenix-tsv", "gdelt-tsv", "csv", "parquet"])
    export.add_argument("-o", "--output", required=True, help="output file, - for stdout, or a directory for parquet")
    export.add_argument("--since", help="first date (YYYY-MM-DD, inclusive)")
    export.add_argument("--until", help="last date (YYYY-MM-DD, inclusive)")
    export.add_argument("--country", action="append", default=[], help="ISO3 code of an actor or the location (repeatable)")
    export.add_argument("--actor", action="append", default=[], help="actor code: PAK, PAKGOV, IGO:UN or UN (repeatable)")
    export.add_argument("--code", action="append", default=[], help="CAMEO code prefix (14, 143) or PLOVER type (PROTEST), repeatable")
    export.set_defaults(handler=cmd_export)


def cmd_run(args: argparse.Namespace) -> int:
    from eventcoder.corpus.ingest import Columns
    from eventcoder.corpus.runner import RunOptions, run

    if args.workers < 1 or args.batch_size < 1:
        print("error: --workers and --batch-size must be at least 1", file=sys.stderr)
        return 2
    if not args.write_every >= 0:
        print("error: --write-every must be 0 or more seconds", file=sys.stderr)
        return 2
    if args.date:
        import datetime as dt

        try:
            dt.date.fromisoformat(args.date)
        except ValueError:
            print(f"error: --date {args.date!r} is not YYYY-MM-DD", file=sys.stderr)
            return 2
    options = RunOptions(
        inputs=args.inputs, db=args.db, workers=args.workers, batch_size=args.batch_size, write_every=args.write_every,
        recode=args.recode,
        keep_duplicates=args.keep_duplicates, date=args.date,
        columns=Columns(args.id_column, args.text_column, args.date_column, args.url_column),
        stdin_format=args.stdin_format, dictionaries=tuple(args.dictionaries), screen=not args.no_screen,
        progress={"auto": None, "bar": True, "log": False}[args.progress],
    )
    try:
        if args.scheduler:
            from eventcoder.corpus.distributed import run_on_dask

            result = run_on_dask(options, scheduler=None if args.scheduler == "local" else args.scheduler, parquet=args.parquet)
        else:
            result = run(options)
            if args.parquet:
                from eventcoder.corpus.export import export

                export(args.db, "parquet", args.parquet)
    except Exception as exc:
        print(f"error: {type(exc).__name__}: {exc}".splitlines()[0], file=sys.stderr)
        return 1
    print(f"run {result.run_id}: {result.documents} document(s) coded, {result.skipped} already stored, "
          f"{result.events} event(s), {result.errors} error(s) in {result.seconds:.1f} s", file=sys.stderr)
    return 1 if (args.fail_on_errors and result.errors) else 0


def cmd_export(args: argparse.Namespace) -> int:
    from eventcoder.corpus.export import ExportError, Filters, export

    filters = Filters(args.since, args.until, args.country, args.actor, args.code)
    try:
        n = export(args.db, args.format, args.output, filters)
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        print(f"error: {type(exc).__name__}: {exc}".splitlines()[0], file=sys.stderr)
        return 1
    print(f"wrote {n} row(s) to {args.output}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="eventcoder", description="Corpus runs and exports.")
    add_corpus_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
