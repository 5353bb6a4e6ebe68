"""Human-readable account of every stage for one text: tokens and parse, actor mentions,
candidate triggers, the patterns tried, the arguments found and each verdict with the rule
that gave it; and the list of event rules."""

from __future__ import annotations

from eventcoder.pipeline.events.rules import RULES
from eventcoder.pipeline.state import Candidate, DocumentAnalysis, SentenceAnalysis


def explain(analysis: DocumentAnalysis) -> str:
    lines: list[str] = []
    for sentence in analysis.sentences:
        s = sentence.sentence
        lines.append(f"== sentence {s.index} [{s.start}:{s.end}] {s.text}")
        if not sentence.parsed:
            lines.append(f"   {sentence.screen_reason}; not parsed")
            continue
        lines.append("   tokens (index text lemma POS dep head):")
        for token in sentence.doc:
            lines.append(f"     {token.i:>3} {token.text:<18} {token.lemma_:<16} {token.pos_:<6} {token.dep_:<10} {token.head.i}")
        lines += _mentions(sentence)
        lines.append("   triggers:")
        if not sentence.candidates:
            lines.append("     (no pattern matched)")
        for candidate in sentence.candidates:
            lines += _candidate(candidate)
        missed = {(t.i, p.origin) for t, p, _ in sentence.patterns_missed}
        if missed:
            lines.append(f"   patterns tried that did not match: {len(missed)}")
            for token, pattern, why in sentence.patterns_missed[:12]:
                lines.append(f"     {token.text!r} '{pattern.text}' ({pattern.origin}): {why}")
    return "\n".join(lines)


def _mentions(sentence: SentenceAnalysis) -> list[str]:
    lines = ["   actor mentions:"]
    resolver = sentence.resolver
    if resolver is None or not resolver.mentions:
        return [*lines, "     (none from the dictionaries)"]
    for mention in resolver.mentions:
        span = sentence.doc[mention.start : mention.end]
        if mention.named:
            entry = mention.named[0]
            what = f"{entry.kind} {entry.code or '-'} {entry.sector or ''} {entry.org or ''} ({entry.origin})"
        elif mention.people:
            roles = "; ".join(
                f"{p.role} {p.code or '-'} {p.sector or p.org or ''} {p.start or '?'}..{p.end or ''} ({p.origin})" for p in mention.people
            )
            what = f"person {mention.people[0].name}: {roles}"
        else:
            assert mention.agent is not None
            what = f"agent {mention.agent.sector} ({mention.agent.origin})"
        lines.append(f"     {span.text!r}: {what}")
    return lines


def _candidate(candidate: Candidate) -> list[str]:
    match = candidate.match
    pattern = match.pattern
    lines = [f"     {match.head.text!r} -> CAMEO {pattern.cameo} by {pattern.origin} '{pattern.text}' ({pattern.pos.lower()})"]
    roles = ", ".join(f"{role}={token.text!r}" for role, token in match.source_tokens) or "none found"
    lines.append(f"        source roles {'|'.join(pattern.source)}: {roles}")
    roles = ", ".join(f"{role}={token.text!r}" for role, token in match.target_tokens) or "none found"
    lines.append(f"        target roles {'|'.join(pattern.target)}: {roles}")
    for label, actors in (("source", candidate.source), ("target", candidate.target)):
        for actor in actors:
            chain = f" <- antecedent {actor.antecedent['text']!r}" if actor.antecedent else ""
            lines.append(f"        {label}: {actor.text!r} {actor.code or '-'} {actor.sector or ''} {actor.org or ''} [{actor.reason}]{chain}")
    flags = [name for name, on in (("negated", candidate.negated), ("hypothetical", candidate.hypothetical)) if on]
    if candidate.attributed_to:
        flags.append("attributed to " + ", ".join(a.text for a in candidate.attributed_to))
    if candidate.parent is not None:
        flags.append(f"nested in {candidate.parent.match.head.text!r}")
    rule = f" [rule {candidate.verdict_rule}]" if candidate.verdict_rule else " [passed every rule]" if candidate.emitted else ""
    lines.append(f"        verdict: {candidate.verdict}{rule}{' (' + '; '.join(flags) + ')' if flags else ''}")
    return lines


def list_rules() -> str:
    """One line per event rule, in the order they are applied."""
    width = max(len(rule.name) for rule in RULES)
    lines = [f"{'rule':<{width}}  phase   what it does"]
    lines += [f"{rule.name:<{width}}  {rule.phase:<6}  {rule.summary}" for rule in RULES]
    lines.append(f"\n{len(RULES)} rules; `--disable-rule NAME` (repeatable) leaves one out of `code`, `evaluate` and `explain`.")
    return "\n".join(lines)
