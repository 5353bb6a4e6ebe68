"""Where the knowledge earns its place: for every event pattern and every event rule, in how
many records of the given corpora it fires (`eventcoder lexicon yield CORPUS...`).

A pattern fires when a trigger matches it ("matched"), and counts again when an event it
found is emitted ("emitted"). A rule fires when it gives a candidate its verdict or changes
what the candidate says (its actors, flags, code or nesting). A pattern or rule that fires in
one record of all the corpora is suspect: it may exist for one phrasing."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.knowledge.files import Pattern
from eventcoder.pipeline.events.rules import RULES
from eventcoder.pipeline.state import Candidate


@dataclass
class Yield:
    matched: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # pattern origin -> record ids
    emitted: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    rules: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # rule name -> record ids
    records: int = 0
    _fired: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))  # id(candidate) -> rules, until its record is known

    def observe_rule(self, rule: str, candidate: Candidate) -> None:
        """Called by the event rules when one fires on a candidate."""
        self._fired[id(candidate)].add(rule)

    def observe_document(self, record: str, analysis) -> None:
        for sentence in analysis.sentences:
            for candidate in sentence.candidates:
                origin = candidate.match.pattern.origin
                self.matched[origin].add(record)
                if candidate.emitted:
                    self.emitted[origin].add(record)
                for rule in self._fired.pop(id(candidate), ()):
                    self.rules[rule].add(record)


def read_corpus(path: Path) -> Iterable[tuple[str, str | None, str]]:
    """(text, date, record id) of each JSON line with a `text`; the id is FILE:LINE when absent."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                continue
            date = record.get("date")
            yield record["text"], str(date)[:10] if date else None, f"{path.name}:{record.get('id', number)}"


def measure(coder, corpora: list[Path]) -> Yield:
    """Code every record of the corpora (the parse batched), noting what fires where."""
    result = Yield()
    records = [item for path in corpora for item in read_corpus(path)]
    coder.events.observer = result.observe_rule
    try:
        for (_, _, record), analysis in zip(records, coder.analyse_many(records), strict=True):
            result.records += 1
            if not isinstance(analysis, Exception):
                result.observe_document(record, analysis)
    finally:
        coder.events.observer = None
    return result


def report(result: Yield, patterns: list[Pattern], suspect: int = 1) -> str:
    """One line per pattern and per rule: records matched and emitted, most first; then the
    patterns and rules that fire in `suspect` records or fewer."""
    lines = [f"{result.records} records", f"{'matched':>8}{'emitted':>8}  pattern"]
    rows = sorted(patterns, key=lambda p: (-len(result.matched.get(p.origin, ())), p.origin))
    for pattern in rows:
        matched, emitted = len(result.matched.get(pattern.origin, ())), len(result.emitted.get(pattern.origin, ()))
        lines.append(f"{matched:>8}{emitted:>8}  {pattern.origin} {pattern.pos.lower()} '{pattern.text}' {pattern.cameo}")
    lines.append(f"\n{'records':>8}  rule")
    for rule in sorted(RULES, key=lambda r: -len(result.rules.get(r.name, ()))):
        lines.append(f"{len(result.rules.get(rule.name, ())):>8}  {rule.name}")
    weak = [p for p in patterns if len(result.emitted.get(p.origin, ())) <= suspect]
    never = [p for p in patterns if not result.matched.get(p.origin)]
    weak_rules = [r.name for r in RULES if len(result.rules.get(r.name, ())) <= suspect]
    lines.append(f"\n{len(patterns)} patterns: {len(never)} never match; {len(weak)} emit in {suspect} record(s) or fewer")
    lines.append(f"{len(RULES)} rules: {len(weak_rules)} fire in {suspect} record(s) or fewer: {', '.join(weak_rules) or 'none'}")
    return "\n".join(lines)
