"""`eventcoder code`, `explain` and `actors`: coding documents, showing every stage's work on a
text, and listing a text's actor mentions."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys

from eventcoder.cli.common import add_knowledge_options, add_rule_options, build_coder


def add_coding_commands(commands) -> None:
    code = commands.add_parser("code", help="code documents into events (JSON Lines)",
                               description="Code a .txt or .html document, a .jsonl or .csv file of {id, text, date} records "
                                           "(also gzipped), a directory of them, or - for stdin.")
    code.add_argument("input", help="a .txt, .html, .jsonl or .csv file (or .gz), a directory, or - for stdin")
    code.add_argument("--date", help="publication date (YYYY-MM-DD) for a .txt input or records without one")
    code.add_argument("-o", "--output", help="write events here instead of stdout")
    code.add_argument("--drop-negated", action="store_true", help="leave out negated events")
    code.add_argument("--drop-unknown-actors", action="store_true", help="leave out events whose actors are all unknown")
    code.add_argument("--no-screen", action="store_true", help="parse every sentence (no pre-parse screen)")
    add_knowledge_options(code)
    add_rule_options(code)
    code.set_defaults(handler=cmd_code)

    explain = commands.add_parser("explain", help="show every stage's work on a text",
                                  description="Tokens, parse, actor mentions, triggers, and why each event was or was not coded.")
    explain.add_argument("text", nargs="?", help="the text, or - for stdin")
    explain.add_argument("--date", help="publication date (YYYY-MM-DD)")
    explain.add_argument("--rules", action="store_true", help="list the event rules, in the order they are applied, with what each does")
    add_knowledge_options(explain)
    add_rule_options(explain)
    explain.set_defaults(handler=cmd_explain)

    actors = commands.add_parser("actors", help="list actor mentions with codes, spans and reasons",
                                 description="TEXT, or - to read one text per line from stdin.")
    actors.add_argument("text", help="the text, or - for one text per line on stdin")
    actors.add_argument("--date", help="date the roles are resolved against (YYYY-MM-DD)")
    actors.add_argument("--json", action="store_true", help="a JSON list per text")
    add_knowledge_options(actors)
    actors.set_defaults(handler=cmd_actors)


def cmd_code(args: argparse.Namespace) -> int:
    from eventcoder.corpus.ingest import IngestError, iter_documents

    coder = build_coder(args)
    failures = documents = events = 0
    good = []

    def records():
        nonlocal failures
        for item in iter_documents([args.input], date=args.date):
            if isinstance(item, IngestError):
                print(f"error: {item}", file=sys.stderr)
                failures += 1
                continue
            good.append(item)
            yield item.text, item.date, item.doc_id

    with contextlib.ExitStack() as stack:
        out = stack.enter_context(open(args.output, "w", encoding="utf-8")) if args.output and args.output != "-" else sys.stdout
        for coded in coder.code_many(records()):
            document = good.pop(0)
            if isinstance(coded, Exception):
                print(f"error: {document.source}: {getattr(coded, 'message', coded)}", file=sys.stderr)
                failures += 1
                continue
            documents += 1
            for event in coded:
                out.write(event.to_json() + "\n")
                events += 1
    print(f"coded {documents} document(s), {events} event(s), {failures} error(s)", file=sys.stderr)
    return 1 if failures else 0


def cmd_explain(args: argparse.Namespace) -> int:
    from eventcoder.explain import explain, list_rules

    if args.rules:
        print(list_rules())
        return 0
    if args.text is None:
        print("error: explain needs a TEXT (or - for stdin), or --rules", file=sys.stderr)
        return 2
    text = sys.stdin.read() if args.text == "-" else args.text
    coder = build_coder(args)
    analysis = coder.analyse(text, date=args.date, doc_id="explain")
    print(explain(analysis))
    events = analysis.events
    print(f"\n{len(events)} event(s)")
    for event in events:
        print(event.to_json())
    return 0


def cmd_actors(args: argparse.Namespace) -> int:
    coder = build_coder(args)
    texts = [line.rstrip("\n") for line in sys.stdin] if args.text == "-" else [args.text]
    for text in texts:
        mentions = coder.actor_mentions(text, date=args.date)
        if args.json:
            print(json.dumps([m.to_dict() for m in mentions], ensure_ascii=False))
        else:
            for m in mentions:
                print(f"{m.text!r} [{m.start}:{m.end}] {m.code or '-'} {m.sector or ''} {m.org or ''} {m.name or ''} — {m.reason}")
    return 0
