"""The eventcoder command line."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

from eventcoder import __version__
from eventcoder.errors import DataFileError, InputRecordError


def _add_knowledge_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dictionaries", action="append", default=[], metavar="DIR",
                        help="a directory of extra knowledge files laid out like the package's data/ (repeatable)")


def _add_rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--disable-rule", action="append", default=[], metavar="NAME",
                        help="leave out one event rule (repeatable; `eventcoder explain --rules` lists them)")


def _coder(args: argparse.Namespace):
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


def cmd_code(args: argparse.Namespace) -> int:
    from eventcoder.corpus.ingest import IngestError, iter_documents

    coder = _coder(args)
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


def cmd_evaluate(args: argparse.Namespace) -> int:
    from eventcoder.evaluate import format_report, load_gold, score

    path = Path(args.gold)
    if not path.exists():
        print(f"error: {args.gold}: file not found", file=sys.stderr)
        return 2
    records = load_gold(path)
    coder = _coder(args)
    started = time.perf_counter()
    report = score(records, lambda r: [e.to_dict() for e in coder.code(r["text"], date=r.get("date"), doc_id=str(r.get("id")))])
    elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps(report.as_dict(), indent=2))
    else:
        print(format_report(report, verbose=args.verbose))
        print(f"coded {len(records)} record(s) in {elapsed:.1f} s")
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from eventcoder.explain import explain, list_rules

    if args.rules:
        print(list_rules())
        return 0
    if args.text is None:
        print("error: explain needs a TEXT (or - for stdin), or --rules", file=sys.stderr)
        return 2

    text = sys.stdin.read() if args.text == "-" else args.text
    coder = _coder(args)
    analysis = coder.analyse(text, date=args.date, doc_id="explain")
    print(explain(analysis))
    events = analysis.events
    print(f"\n{len(events)} event(s)")
    for event in events:
        print(event.to_json())
    return 0


def cmd_actors(args: argparse.Namespace) -> int:
    coder = _coder(args)
    texts = [line.rstrip("\n") for line in sys.stdin] if args.text == "-" else [args.text]
    for text in texts:
        mentions = coder.actor_mentions(text, date=args.date)
        if args.json:
            print(json.dumps([m.to_dict() for m in mentions], ensure_ascii=False))
        else:
            for m in mentions:
                print(f"{m.text!r} [{m.start}:{m.end}] {m.code or '-'} {m.sector or ''} {m.org or ''} {m.name or ''} — {m.reason}")
    return 0


def cmd_lexicon(args: argparse.Namespace) -> int:
    from eventcoder.knowledge.files import Knowledge
    from eventcoder.knowledge.ontology import Ontology

    ontology = Ontology.load()
    knowledge = Knowledge.load(ontology, [Path(d) for d in args.dictionaries])
    if args.action == "check":
        print(f"ok: {len(knowledge.files)} files; {len(knowledge.actors)} actor forms, {len(knowledge.agents)} agents, "
              f"{len(knowledge.patterns)} event patterns, {len(knowledge.discards)} discard cues")
        return 0
    per_code = Counter(p.cameo for p in knowledge.patterns)
    per_plover: Counter = Counter()
    print(f"{'CAMEO':<7}{'patterns':>9}  {'PLOVER':<24} name")
    for code in ontology.codes():
        mode = next((p.mode for p in knowledge.patterns if p.cameo == code.code and p.mode), None) or code.mode
        plover = f"{code.plover or 'none'}{'/' + mode if mode and code.plover else ''}"
        per_plover[code.plover or "none"] += per_code[code.code]
        print(f"{code.code:<7}{per_code[code.code]:>9}  {plover:<24} {code.name}")
    print("\nPLOVER type      patterns")
    for event in [*ontology.plover_types(), "none"]:
        print(f"{event:<16}{per_plover[event]:>9}")
    modes: Counter = Counter()
    for pattern in knowledge.patterns:
        code = ontology.cameo(pattern.cameo)
        if code.plover:
            modes[(code.plover, pattern.mode or code.mode or "")] += 1
    print("\nPLOVER type/mode            patterns")
    for event in ontology.plover_types():
        for mode in ["", *ontology.plover_modes(event)]:
            print(f"{event + ('/' + mode if mode else ''):<28}{modes[(event, mode)]:>9}")
    missing = [c.code for c in ontology.codes() if not per_code[c.code]]
    print(f"\n{len(knowledge.patterns)} patterns; {len(missing)} CAMEO codes without a pattern: {' '.join(missing)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eventcoder", description="Political event data from news text (CAMEO and PLOVER).")
    parser.add_argument("--version", action="version", version=f"eventcoder {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    code = commands.add_parser("code", help="code documents into events (JSON Lines)",
                               description="Code a .txt or .html document, a .jsonl or .csv file of {id, text, date} records "
                                           "(also gzipped), a directory of them, or - for stdin.")
    code.add_argument("input", help="a .txt, .html, .jsonl or .csv file (or .gz), a directory, or - for stdin")
    code.add_argument("--date", help="publication date (YYYY-MM-DD) for a .txt input or records without one")
    code.add_argument("-o", "--output", help="write events here instead of stdout")
    code.add_argument("--drop-negated", action="store_true", help="leave out negated events")
    code.add_argument("--drop-unknown-actors", action="store_true", help="leave out events whose actors are all unknown")
    code.add_argument("--no-screen", action="store_true", help="parse every sentence (no pre-parse screen)")
    _add_knowledge_options(code)
    _add_rule_options(code)
    code.set_defaults(handler=cmd_code)

    evaluate = commands.add_parser("evaluate", help="score the coder against gold records",
                                   description="Code gold records and print precision, recall and F1 at three levels.")
    evaluate.add_argument("gold", help="gold JSON Lines file (see shared/gold/README.md)")
    evaluate.add_argument("-v", "--verbose", action="store_true", help="list misses and false events per record")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.add_argument("--no-screen", action="store_true", help="parse every sentence (no pre-parse screen)")
    _add_knowledge_options(evaluate)
    _add_rule_options(evaluate)
    evaluate.set_defaults(handler=cmd_evaluate)

    explain = commands.add_parser("explain", help="show every stage's work on a text",
                                  description="Tokens, parse, actor mentions, triggers, and why each event was or was not coded.")
    explain.add_argument("text", nargs="?", help="the text, or - for stdin")
    explain.add_argument("--date", help="publication date (YYYY-MM-DD)")
    explain.add_argument("--rules", action="store_true", help="list the event rules, in the order they are applied, with what each does")
    _add_knowledge_options(explain)
    _add_rule_options(explain)
    explain.set_defaults(handler=cmd_explain)

    actors = commands.add_parser("actors", help="list actor mentions with codes, spans and reasons",
                                 description="TEXT, or - to read one text per line from stdin.")
    actors.add_argument("text", help="the text, or - for one text per line on stdin")
    actors.add_argument("--date", help="date the roles are resolved against (YYYY-MM-DD)")
    actors.add_argument("--json", action="store_true", help="a JSON list per text")
    _add_knowledge_options(actors)
    actors.set_defaults(handler=cmd_actors)

    lexicon = commands.add_parser("lexicon", help="validate the knowledge files or show pattern coverage",
                                  description="check: validate every knowledge file; coverage: patterns per CAMEO code and PLOVER type/mode.")
    lexicon.add_argument("action", choices=["check", "coverage"])
    _add_knowledge_options(lexicon)
    lexicon.set_defaults(handler=cmd_lexicon)

    from eventcoder.cli.corpus import add_corpus_commands
    from eventcoder.cli.service import add_service_commands

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
