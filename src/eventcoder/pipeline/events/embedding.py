"""What a trigger is embedded in, walking up the parse from it: reported speech (who claims
it), what a request, promise, threat or order asks for (not an event), plans and conditions,
negating verbs, and the event it is nested in."""

from __future__ import annotations

from spacy.tokens import Token

from eventcoder.pipeline.events.frame import EventSentence
from eventcoder.pipeline.phrases import normalise
from eventcoder.pipeline.state import Candidate
from eventcoder.pipeline.syntax import CLAUSE_DEPS, FINITE_TAGS, NOMINAL_LINKS, is_passive, purpose_clause, same_finiteness, subject_of
from eventcoder.pipeline.words import ANNOUNCING_MODALS

CONTENT = "content"  # the trigger is what another verb asks, promises, threatens or refuses


def walk_embedding(candidate: Candidate, sentence: EventSentence) -> str | None:
    """Walk up from the trigger, recording attribution, speaker, hypotheticals and
    nesting on the candidate; return a verdict when the trigger is no event of its own. A
    negating verb ("failed to", "refused to" read as negation) marks it negated and ends the walk."""
    token = candidate.match.head
    nominal_path = True  # the trigger sits inside an argument of whatever is above it
    subjectless_conjunct = False
    while token.head.i != token.i:
        parent = token.head
        link = token.dep_
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        if link == "conj" and not same_finiteness(token, parent) and not own_subject and token.tag_ not in FINITE_TAGS:
            link = "xcomp"  # a bare infinitive hung on a finite verb belongs to its complement
        if link == "conj":
            subjectless_conjunct = subjectless_conjunct or not own_subject
            token = parent
            continue
        outer = sentence.candidates.get(parent.i)
        if outer is not None and reporting_only(outer, sentence):
            outer = None
        nominal_path = nominal_path and link in NOMINAL_LINKS
        effect = _effect(token, parent, link, sentence)
        clause_link = _clause_link(token, link, effect)
        outcome = _apply(candidate, sentence, effect, token, parent, link, outer, clause_link, subjectless_conjunct)
        if outcome is not None:
            return None if outcome == "negate" else outcome
        if outer is not None and outer is not candidate and candidate.parent is None:
            verdict = _nested(candidate, sentence, token, parent, link, outer, clause_link, subjectless_conjunct)
            if verdict is not None:
                return verdict
            if nominal_path:
                candidate.parent = outer
        token = parent
    return None


def _effect(token: Token, parent: Token, link: str, sentence: EventSentence) -> str | None:
    """What the verb above does to what it embeds (data/modality/)."""
    effect = sentence.modality.get(normalise(parent.lemma_)) if parent.pos_ in ("VERB", "AUX", "ADJ") else None
    if effect in ("content", "hypothetical") and link in ("ccomp", "parataxis") and token.i < parent.i:
        # a clause before its verb is a quotation ("Y attacked Z, X denied"), not what is asked
        effect = "report"
    return effect


def _clause_link(token: Token, link: str, effect: str | None) -> bool:
    clause_link = link in CLAUSE_DEPS or link in ("dobj", "pobj", "prep") and effect == "content" and token.pos_ == "VERB"
    if link in ("advcl", "acl", "relcl") and token.tag_ != "VB":
        # "rejected the remarks, calling them interference": a participle adds the
        # subject's own act; only an infinitive ("demanded of India to reverse") is
        # what is asked, promised or refused
        clause_link = clause_link and effect not in ("content", "hypothetical")
    return clause_link


def _apply(candidate: Candidate, sentence: EventSentence, effect: str | None, token: Token, parent: Token, link: str,
           outer: Candidate | None, clause_link: bool, subjectless_conjunct: bool) -> str | None:
    """Record what the verb above says of the trigger; a verdict, "negate", or None to go on."""
    resolver = sentence.resolver
    if effect == "report" and subjectless_conjunct and link in ("ccomp", "parataxis") and sentence.family(candidate, "appeal"):
        # the parser joins "and urged X to ..." to the reported clause: the appeal is the speaker's
        speaker = subject_of(parent, is_passive(parent))
        if speaker is not None and candidate.speaker is None:
            candidate.speaker = resolver.resolve(speaker, "subj") or None
    if effect == "report" and link in ("ccomp", "parataxis", "xcomp", "advcl") and outer is None:
        subject = subject_of(parent, is_passive(parent))
        if subject is not None and candidate.attributed_to is None:
            candidate.attributed_to = resolver.resolve(subject, "subj") or None
    elif effect == "content" and clause_link:
        return f"not an event: what {parent.text!r} asks, promises, threatens or refuses"
    elif effect == "hypothetical" and clause_link:
        candidate.hypothetical = candidate.announced = True
    elif effect == "negate" and clause_link:
        candidate.negated = True
        return "negate"
    return None


def _nested(candidate: Candidate, sentence: EventSentence, token: Token, parent: Token, link: str, outer: Candidate,
            clause_link: bool, subjectless_conjunct: bool) -> str | None:
    """A trigger inside another event: its complement or purpose is no event of its own."""
    fronted = link in ("ccomp", "parataxis") and token.i < parent.i
    # a clause before the verb is a statement of its own that the verb comments on
    # ("X accused Y of ..., an accusation Y denied"), not what the verb asks or does
    # "said the move was unacceptable and urged X to ...": a second verb with no
    # subject of its own, joined to the reported clause, is the speaker's own act
    speakers_act = subjectless_conjunct and sentence.modality.get(normalise(parent.lemma_)) == "report" and sentence.family(candidate, "appeal")
    if clause_link and not fronted and not speakers_act and (link in ("ccomp", "xcomp") or purpose_clause(token, link)):
        return f"not an event: complement or purpose of the event {outer.match.head.text!r}"
    return None


def reporting_only(candidate: Candidate, sentence: EventSentence) -> bool:
    """A bare reporting verb coded as a speech act ('warn') with no addressee, whose clause
    states a fact rather than announces an act, only reports that clause."""
    match = candidate.match
    head = match.head
    if match.pattern.pos != "VERB" or match.pattern.specificity > 1 or match.target_tokens:
        return False
    if sentence.modality.get(normalise(head.lemma_)) != "report":
        return False
    clauses = [c for c in head.children if c.dep_ == "ccomp"]
    return bool(clauses) and not any(
        a.dep_ == "aux" and normalise(a.text) in ANNOUNCING_MODALS for c in clauses for a in c.children
    )
