"""`eventcoder evaluate`: code labelled records and score the coder on them (gold events,
story labels or marked verbs: eventcoder.evaluation tells them apart)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from eventcoder.cli.common import add_knowledge_options, add_rule_options, build_coder


def add_evaluate_command(commands) -> None:
    evaluate = commands.add_parser(
        "evaluate", help="score the coder against labelled records",
        description="Code labelled records and score the coder: gold event records (precision, recall and F1 at three levels), "
                    "story-labelled records (plover, plover_mode: story recall, top type, mode) or marked-verb records "
                    "(event_verb, locations: an event at the verb, its location).")
    evaluate.add_argument("gold", help="labelled JSON Lines file (see shared/gold/README.md)")
    evaluate.add_argument("-v", "--verbose", action="store_true", help="list misses and false events per record (gold events)")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.add_argument("--no-screen", action="store_true", help="parse every sentence (no pre-parse screen)")
    add_knowledge_options(evaluate)
    add_rule_options(evaluate)
    evaluate.set_defaults(handler=cmd_evaluate)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from eventcoder.evaluation import load_records

    path = Path(args.gold)
    if not path.exists():
        print(f"error: {args.gold}: file not found", file=sys.stderr)
        return 2
    kind, records = load_records(path)
    coder = build_coder(args)
    started = time.perf_counter()
    figures, text = _score(kind, records, coder, args.verbose)
    elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(text)
        print(f"coded {len(records)} record(s) in {elapsed:.1f} s")
    return 0


def _score(kind: str, records: list[dict], coder, verbose: bool) -> tuple[dict, str]:
    from eventcoder.evaluation.events import format_report, score
    from eventcoder.evaluation.stories import format_story_report, score_stories
    from eventcoder.evaluation.verbs import format_verb_report, score_verbs

    if kind == "events":
        report = score(records, lambda r: [e.to_dict() for e in coder.code(r["text"], date=r.get("date"), doc_id=str(r.get("id")))])
        return report.as_dict(), format_report(report, verbose=verbose)
    inputs = ((r["text"], r.get("date"), str(r.get("id", i))) for i, r in enumerate(records))
    if kind == "stories":
        coded = ([e.to_dict() for e in item] if not isinstance(item, Exception) else item for item in coder.code_many(inputs))
        report = score_stories(records, coded)
        return report.as_dict(), format_story_report(report)
    report = score_verbs(records, coder.analyse_many(inputs))
    return report.as_dict(), format_verb_report(report)
