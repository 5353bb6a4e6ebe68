"""What the commands share: the knowledge and rule options, and building the Coder from them."""

from __future__ import annotations

import argparse
import sys


def add_knowledge_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dictionaries", action="append", default=[], metavar="DIR",
                        help="a directory of extra knowledge files laid out like the package's knowledge/data/ (repeatable)")


def add_rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--disable-rule", action="append", default=[], metavar="NAME",
                        help="leave out one event rule (repeatable; `eventcoder explain --rules` lists them)")


def build_coder(args: argparse.Namespace):
    from eventcoder.coder import Coder
    from eventcoder.pipeline.events.frame import EventSettings
    from eventcoder.pipeline.events.rules import check_rule_names

    try:
        disabled = check_rule_names(getattr(args, "disable_rule", []))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    settings = EventSettings(
        keep_negated=not getattr(args, "drop_negated", False),
        keep_unknown_actors=not getattr(args, "drop_unknown_actors", False),
        disabled_rules=disabled,
    )
    return Coder(dictionaries=args.dictionaries, settings=settings, screen=not getattr(args, "no_screen", False))
