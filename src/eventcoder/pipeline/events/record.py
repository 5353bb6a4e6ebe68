"""The event record a candidate becomes: its code (an announced act as CAMEO's intent code
for it), its evidence (trigger span, rule, confidence) and its date."""

from __future__ import annotations

from eventcoder.pipeline.events.frame import EventSentence
from eventcoder.pipeline.phrases import normalise
from eventcoder.pipeline.state import Candidate
from eventcoder.pipeline.words import ANNOUNCING_MODALS, CONDITIONAL_MARKS
from eventcoder.schema import Cameo, Event, EventDate, Plover, Span, make_event_id

INTENT_RULE = "intent-code"  # the rule that codes an announced act as an intention (events/rules.py)


def build_event(candidate: Candidate, sentence: EventSentence, doc_id: str, publication_date: str | None) -> Event:
    match, ontology = candidate.match, sentence.ontology
    code = ontology.cameo(intent_code(candidate, sentence))
    if sentence.observer is not None and code.code != (candidate.cameo or match.pattern.cameo):
        sentence.observer(INTENT_RULE, candidate)
    if ontology.in_family(code.code, "intention") and match.pattern.cameo[:2] != code.root:
        candidate.hypothetical = False  # the intention was expressed: that is the event
    analysis, context = sentence.analysis, sentence.context
    sentence_start = analysis.sentence.start
    first, last = match.start_token, match.end_token
    trigger_start = sentence_start + first.idx
    trigger_end = sentence_start + last.idx + len(last.text)
    attributed = candidate.attributed_to
    if candidate.parent is not None and attributed is None:
        attributed = candidate.parent.attributed_to or candidate.parent.source
    if candidate.when is not None:
        when = candidate.when.when
    elif publication_date:
        when = EventDate(publication_date, None, "day", None, "publication date")
    else:
        when = None
    mode = match.pattern.mode or code.mode
    return Event(
        event_id=make_event_id(doc_id, trigger_start, trigger_end, code.code, candidate.source, candidate.target),
        doc_id=doc_id,
        sentence_index=analysis.sentence.index,
        sentence=analysis.sentence.text,
        sentence_start=sentence_start,
        date=when.start if when else None,
        when=when,
        source=candidate.source,
        target=candidate.target,
        cameo=Cameo(code.code, code.root, code.name, code.goldstein, code.quad_class),
        plover=Plover(code.plover, mode if code.plover else None),
        trigger=Span(context.text[trigger_start:trigger_end], trigger_start, trigger_end),
        negated=candidate.negated,
        hypothetical=candidate.hypothetical,
        attributed_to=attributed,
        parent_event_id=None,
        location=None,
        rule=f"{match.pattern.origin} {match.pattern.pos.lower()}{' default' if match.pattern.is_default else ''} '{match.pattern.text}' "
             f"(source: {candidate.source_role}, target: {candidate.target_role or 'none'})",
        confidence=confidence(candidate),
    )


def intent_code(candidate: Candidate, sentence: EventSentence) -> str:
    """The code to record: a cooperative act that is only announced ("said it would release
    the prisoners") is CAMEO's intent code for it (0353), per data/intent/."""
    code = candidate.cameo or candidate.match.pattern.cameo
    if INTENT_RULE in sentence.settings.disabled_rules:
        return code
    future = candidate.when is not None and candidate.when.future
    head = candidate.match.head
    if not candidate.announced or future or candidate.negated or any(c.lower_ in CONDITIONAL_MARKS for c in head.children):
        return code
    if sentence.ontology.in_family(code, "coercive") and not any(c.dep_ == "aux" and normalise(c.text) in ANNOUNCING_MODALS for c in head.children):
        # force that is only tried or planned is coded as the act; a threat is a stated will to use it
        return code
    for length in range(len(code), 1, -1):
        intent = sentence.intents.get(code[:length])
        if intent is not None:
            return intent
    return code


def confidence(candidate: Candidate) -> float:
    """From the evidence: how specific the pattern is, how the actors were found, modality."""
    score = 0.55 + 0.08 * min(candidate.match.pattern.specificity - 1, 3)
    if candidate.match.pattern.pos == "VERB":
        score += 0.05
    for actors in (candidate.source, candidate.target):
        for actor in actors[:1]:
            if actor.implicit:
                score -= 0.15
            elif actor.antecedent is not None:
                score -= 0.05
            elif actor.code is None or "document country" in actor.reason:
                score -= 0.1
    if candidate.target:
        score += 0.05
    if candidate.parent is not None:
        score -= 0.1
    if candidate.hypothetical or candidate.negated:
        score -= 0.05
    return round(max(0.05, min(0.99, score)), 2)
