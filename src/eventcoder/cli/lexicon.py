"""`eventcoder lexicon`: validate the knowledge files, and show how many patterns each CAMEO
code and PLOVER type and mode has."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from eventcoder.cli.common import add_knowledge_options


def add_lexicon_command(commands) -> None:
    lexicon = commands.add_parser("lexicon", help="validate the knowledge files or show pattern coverage",
                                  description="check: validate every knowledge file; coverage: patterns per CAMEO code and PLOVER type/mode.")
    lexicon.add_argument("action", choices=["check", "coverage", "yield"])
    lexicon.add_argument("corpora", nargs="*", metavar="CORPUS",
                         help="yield: JSON Lines files of records with a 'text' (and 'date', 'id'), coded to count where each pattern and rule fires")
    lexicon.add_argument("--suspect", type=int, default=1, metavar="N",
                         help="yield: list the patterns and rules that fire in N records or fewer (default 1)")
    add_knowledge_options(lexicon)
    lexicon.set_defaults(handler=cmd_lexicon)


def cmd_lexicon(args: argparse.Namespace) -> int:
    from eventcoder.knowledge.files import Knowledge
    from eventcoder.knowledge.ontology import Ontology

    ontology = Ontology.load()
    knowledge = Knowledge.load(ontology, [Path(d) for d in args.dictionaries])
    if args.action == "yield":
        return _yield(args)
    if args.action == "check":
        print(f"ok: {len(knowledge.files)} files; {len(knowledge.actors)} actor forms, {len(knowledge.agents)} agents, "
              f"{len(knowledge.patterns)} event patterns, {len(knowledge.discards)} discard cues")
        return 0
    print(coverage(knowledge, ontology))
    return 0


def _yield(args: argparse.Namespace) -> int:
    import sys

    from eventcoder.cli.common import build_coder
    from eventcoder.evaluation.yields import measure, report

    paths = [Path(p) for p in args.corpora]
    missing = [str(p) for p in paths if not p.exists()]
    if not paths or missing:
        print(f"error: lexicon yield needs corpora that exist{': ' + ', '.join(missing) + ' not found' if missing else ''}", file=sys.stderr)
        return 2
    coder = build_coder(args)
    print(report(measure(coder, paths), coder.knowledge.patterns, args.suspect))
    return 0


def coverage(knowledge, ontology) -> str:
    per_code = Counter(p.cameo for p in knowledge.patterns)
    per_plover: Counter = Counter()
    lines = [f"{'CAMEO':<7}{'patterns':>9}  {'PLOVER':<24} name"]
    for code in ontology.codes():
        mode = next((p.mode for p in knowledge.patterns if p.cameo == code.code and p.mode), None) or code.mode
        plover = f"{code.plover or 'none'}{'/' + mode if mode and code.plover else ''}"
        per_plover[code.plover or "none"] += per_code[code.code]
        lines.append(f"{code.code:<7}{per_code[code.code]:>9}  {plover:<24} {code.name}")
    lines.append("\nPLOVER type      patterns")
    for event in [*ontology.plover_types(), "none"]:
        lines.append(f"{event:<16}{per_plover[event]:>9}")
    modes: Counter = Counter()
    for pattern in knowledge.patterns:
        code = ontology.cameo(pattern.cameo)
        if code.plover:
            modes[(code.plover, pattern.mode or code.mode or "")] += 1
    lines.append("\nPLOVER type/mode            patterns")
    for event in ontology.plover_types():
        for mode in ["", *ontology.plover_modes(event)]:
            lines.append(f"{event + ('/' + mode if mode else ''):<28}{modes[(event, mode)]:>9}")
    missing = [c.code for c in ontology.codes() if not per_code[c.code]]
    lines.append(f"\n{len(knowledge.patterns)} patterns; {len(missing)} CAMEO codes without a pattern: {' '.join(missing)}")
    missing_modes = [f"{event}/{mode}" for event in ontology.plover_types() for mode in ontology.plover_modes(event) if not modes[(event, mode)]]
    lines.append(f"{len(missing_modes)} PLOVER modes without a pattern: {' '.join(missing_modes)}")
    heads = heads_without_default(knowledge.patterns, knowledge.no_default)
    lines.append(f"{len(heads)} trigger heads with no default (one-word) pattern, light verbs and heads declared with '-' left aside: {' '.join(heads)}")
    return "\n".join(lines)


def heads_without_default(patterns, declared: set[tuple[str, str]] = frozenset()) -> list[str]:
    """'head/POS' of every trigger head that only longer patterns have: an object they do not
    list leaves it with no event at all (unless the head is declared to have no default)."""
    from eventcoder.pipeline.words import LIGHT_VERBS

    with_default = {(head, p.pos) for p in patterns if p.is_default for head in p.words[0]} | set(declared)
    heads = {(head, p.pos) for p in patterns for head in p.words[0]}
    return sorted(f"{head}/{pos.lower()}" for head, pos in heads - with_default if not (pos == "VERB" and head in LIGHT_VERBS))
