"""The eventcoder command line: one module per group of commands."""

from __future__ import annotations

import argparse
import sys

from eventcoder import __version__
from eventcoder.errors import DataFileError, InputRecordError


def build_parser() -> argparse.ArgumentParser:
    from eventcoder.cli.coding import add_coding_commands
    from eventcoder.cli.corpus import add_corpus_commands
    from eventcoder.cli.evaluating import add_evaluate_command
    from eventcoder.cli.lexicon import add_lexicon_command
    from eventcoder.cli.service import add_service_commands

    parser = argparse.ArgumentParser(prog="eventcoder", description="Political event data from news text (CAMEO and PLOVER).")
    parser.add_argument("--version", action="version", version=f"eventcoder {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    add_coding_commands(commands)
    add_evaluate_command(commands)
    add_lexicon_command(commands)
    add_corpus_commands(commands)
    add_service_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (DataFileError, InputRecordError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
