"""The event decisions: an ordered list of named rules, each a small function
`(candidate, sentence) -> verdict or None`.

A rule that returns a verdict ends the candidate's weighing: it is not an event, or not a new
one, and the verdict says why (with the rule's name, for `explain`). A rule that returns None
may have recorded something on the candidate (a flag, its source or target) and the next rule
runs. A candidate that passes every rule is emitted. Rules are applied in this order, after
the when stage has dated the candidates; `--disable-rule NAME` leaves one out. The `phase`
says when a rule runs: `decide` while the candidates are weighed, `place` once the event's
place is known, `record` when the event record is made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from eventcoder.pipeline.events import relations, roles
from eventcoder.pipeline.events.embedding import reporting_only, walk_embedding
from eventcoder.pipeline.events.frame import EventSentence
from eventcoder.pipeline.phrases import normalise
from eventcoder.pipeline.state import Candidate
from eventcoder.pipeline.words import ANNOUNCING_MODALS, CASUALTY_VERBS, CONDITIONAL_MARKS, LASTING_STATE_VERBS, MODALS
from eventcoder.schema import Actor


@dataclass(frozen=True)
class Rule:
    name: str
    phase: str  # decide, place or record
    summary: str
    apply: Callable[[Candidate, EventSentence], str | None] | None  # None: applied by the stage that owns the phase


# -- decide: what the trigger is ------------------------------------------------------------


def discard_context(candidate: Candidate, sentence: EventSentence) -> str | None:
    cue = sentence.discard_cue
    return f"discarded: {cue.kind} context (cue {cue.cue!r}, {cue.origin})" if cue is not None else None


def stative(candidate: Candidate, sentence: EventSentence) -> str | None:
    """A participle or present-tense passive that describes a state, not an event:
    "the occupied territory", "a city besieged for years", "who is detained"."""
    match = candidate.match
    head = match.head
    if match.pattern.pos != "VERB" or head.tag_ != "VBN":
        return None
    has_agent = any(c.dep_ == "agent" for c in head.children) or any(
        # "migrants deported from the United States": a state named as the origin acts like an agent
        c.dep_ == "prep" and c.lower_ == "from" and any(g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.ent_type_ in ("GPE", "ORG")) for g in c.children)
        for c in head.children
    )
    if any(c.dep_ == "dobj" for c in head.children):
        return None  # a participle with an object is a finite verb misparsed ("militants killed 15 farmers")
    if head.dep_ == "amod":
        return "not an event: a participle used as an adjective describes a state"
    # the sentence's news peg ("on Saturday") does not date a participle; only a date inside it does
    own_date = candidate.when is not None and (any(t.i == candidate.when.anchor.i for t in head.subtree) or not candidate.when.relative)
    reduced_relative = head.dep_ == "acl" and 0 < head.i - head.head.i <= 3
    if reduced_relative and not has_agent and not own_date:
        return "not an event: a participle modifying a noun, with no agent and no date, describes a state"
    if head.dep_ == "acl" and normalise(head.lemma_) in LASTING_STATE_VERBS and not own_date:
        return "not an event: a participle of a lasting state ('territory occupied by X') describes the state, not an act"
    aux = [c for c in head.children if c.dep_ == "auxpass"]
    if aux and all(a.tag_ in ("VBZ", "VBP") for a in aux) and not has_agent and head.dep_ == "relcl":
        return "not an event: a present-tense passive describing a state"
    return None


def reporting_only_rule(candidate: Candidate, sentence: EventSentence) -> str | None:
    if reporting_only(candidate, sentence):
        return "not an event: it reports what its clause says happened ('warned that funding cuts had forced ...'); only a warning of what will be done is a threat"
    return None


def consequence(candidate: Candidate, sentence: EventSentence) -> str | None:
    head = candidate.match.head
    outer = sentence.candidates.get(head.head.i)
    if relations.consequence(head, outer, sentence.ontology):
        return f"not an event of its own: a consequence of {outer.match.head.text!r}, whose target it gives"
    return None


def elaboration(candidate: Candidate, sentence: EventSentence) -> str | None:
    head = candidate.match.head
    outer = sentence.candidates.get(head.head.i)
    if relations.elaboration(head, candidate.match, outer):
        return f"not an event of its own: it restates {outer.match.head.text!r} ('expressed concern ..., calling it a threat')"
    return None


def same_act(candidate: Candidate, sentence: EventSentence) -> str | None:
    partner = relations.same_act(candidate, sentence)
    return f"not an event of its own: one act with the conjoined {partner.match.head.text!r}" if partner is not None else None


def named_violence(candidate: Candidate, sentence: EventSentence) -> str | None:
    means = relations.named_violence(candidate, sentence)
    if means is None:
        return None
    # "gunmen killed five people in an ambush", "three soldiers were killed in a blast": the
    # attack is the event, and the killing says who did it and to whom
    resolver, verb = sentence.resolver, candidate.match.head.text
    if not means.source or means.source[0].implicit:
        found = next(((role, actors) for role, token in candidate.match.source_tokens if (actors := resolver.resolve(token, role))), None)
        if found is not None:
            means.source, means.source_role = found[1], f"{found[0]} of {verb!r}"
    weak_target = "whose place it is" in (means.target_role or "") or all(a.implicit or a.reason.startswith("place:") for a in means.target)
    if not means.target or weak_target:
        found = next(((role, actors) for role, token in candidate.match.target_tokens if (actors := resolver.resolve(token, role))), None)
        if found is not None:
            means.target, means.target_role = found[1], f"{found[0]} of {verb!r}"
    return f"not an event of its own: the outcome of the {means.match.head.text!r} it names"


def charge(candidate: Candidate, sentence: EventSentence) -> str | None:
    charged = relations.charge(candidate.match.head, sentence)
    return f"not an event: the charge behind {charged.match.head.text!r}" if charged is not None else None


def past_event_by_year(candidate: Candidate, sentence: EventSentence) -> str | None:
    head = candidate.match.head
    future = candidate.when is not None and candidate.when.future
    if candidate.match.pattern.pos == "NOUN" and not future and any(
        c.i < head.i and c.like_num and len(c.text) == 4 and c.text.isdigit() for c in head.children
    ):
        return "not an event: a past event named by its year ('the 1989 crackdown')"
    return None


def embedding(candidate: Candidate, sentence: EventSentence) -> str | None:
    return walk_embedding(candidate, sentence)


def negation(candidate: Candidate, sentence: EventSentence) -> None:
    match = candidate.match
    head = match.head
    negated = any(
        child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no")
        or (child.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in child.children))
        for child in head.children
    )
    negated = negated or any(any(c.dep_ == "det" and c.lower_ == "no" for c in word.children) for word in match.tokens[1:])
    negated = negated or (head.dep_ in ("nsubjpass", "nsubj", "dobj") and any(c.dep_ == "det" and c.lower_ == "no" for c in head.children))
    candidate.negated = candidate.negated or negated
    return None


def modality(candidate: Candidate, sentence: EventSentence) -> None:
    head = candidate.match.head
    modal = any(
        (child.dep_ == "aux" and (child.tag_ == "MD" or normalise(child.text) in MODALS)) or (child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS)
        for child in head.children
    )
    modal = modal or (head.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in head.children))
    candidate.hypothetical = candidate.hypothetical or modal
    candidate.announced = candidate.announced or any(c.dep_ == "aux" and normalise(c.text) in ANNOUNCING_MODALS for c in head.children)
    return None


# -- decide: who did it to whom ---------------------------------------------------------


def source_from_roles(candidate: Candidate, sentence: EventSentence) -> None:
    roles.source_from_roles(candidate, sentence)


def target_from_roles(candidate: Candidate, sentence: EventSentence) -> None:
    roles.target_from_roles(candidate, sentence)


def possessor_is_patient(candidate: Candidate, sentence: EventSentence) -> None:
    # "Imran Khan's arrest": with no "of" phrase, the possessor of an act done to people is
    # the one it was done to
    if (candidate.source_role == "poss" and not candidate.target and candidate.match.pattern.pos == "NOUN"
            and sentence.family(candidate, "acts-on-persons")):
        candidate.target, candidate.target_role = candidate.source, "poss (the patient)"
        candidate.source, candidate.source_role = [], None


def same_sentence_reference(candidate: Candidate, sentence: EventSentence) -> str | None:
    if candidate.source or candidate.match.pattern.pos != "NOUN":
        return None
    same = relations.earlier_in_sentence(candidate, sentence)
    if same is None:
        return None
    resolver = sentence.resolver
    source = same.source or next((found for role, token in same.match.source_tokens if (found := resolver.resolve(token, role))), [])
    if not source:
        return None
    candidate.source, candidate.source_role = source, "earlier event"
    return f"refers back to the event {same.match.head.text!r} in the same sentence: not a new event"


def earlier_event_reference(candidate: Candidate, sentence: EventSentence) -> str | None:
    if candidate.source or candidate.match.pattern.pos != "NOUN":
        return None
    earlier = relations.earlier_event(candidate, sentence.context, sentence.ontology)
    if earlier is None:
        return None
    candidate.source = earlier.source
    candidate.target = candidate.target or earlier.target
    candidate.source_role = "earlier event"
    return f"refers back to the event {earlier.trigger.text!r} in sentence {earlier.sentence_index}: not a new event"


def casualties_of_earlier_attack(candidate: Candidate, sentence: EventSentence) -> str | None:
    match = candidate.match
    if candidate.source or not match.passive or normalise(match.head.lemma_) not in CASUALTY_VERBS:
        return None
    ontology = sentence.ontology
    earlier = next((e for e in reversed(sentence.context.events[-3:])
                    if ontology.in_family(e.cameo.code, "violent") and e.source and not e.source[0].implicit), None)
    if earlier is not None:
        # "He said two sailors were wounded" after "drones struck a naval base": the toll of that attack
        return f"not a new event: the casualties of {earlier.trigger.text!r} in sentence {earlier.sentence_index}"
    return None


def implicit_agent(candidate: Candidate, sentence: EventSentence) -> None:
    if not candidate.source and (candidate.parent is not None or candidate.match.passive or candidate.target_role == "poss (the patient)"):
        implicit = roles.implicit_agent(candidate.match.pattern.cameo, sentence.context.main_country(), sentence.ontology)
        if implicit is not None:
            candidate.source, candidate.source_role = [implicit], "implicit"


def target_from_consequence(candidate: Candidate, sentence: EventSentence) -> None:
    if candidate.target:
        return
    for child in candidate.match.head.children:
        inner = sentence.candidates.get(child.i)
        if inner is not None and relations.consequence(child, candidate, sentence.ontology):
            for role, token in inner.match.target_tokens:
                actors = sentence.resolver.resolve(token, role)
                if actors:
                    candidate.target, candidate.target_role = actors, f"{role} of {child.text!r}"
                    break


def target_in_clauses(candidate: Candidate, sentence: EventSentence) -> None:
    if not candidate.target and candidate.source:
        found = roles.target_in_clauses(candidate, sentence)
        if found is not None:
            candidate.target, candidate.target_role = found


def reaction_target(candidate: Candidate, sentence: EventSentence) -> None:
    # a reaction to a thing, or giving up something of one's own ("dropped its objections"),
    # is aimed at whoever did the story's latest act
    reacting = (candidate.match.target_tokens or sentence.family(candidate, "rebuke")) and sentence.family(candidate, "reaction")
    if candidate.target or not (reacting or candidate.own_thing) or not candidate.source:
        return
    reacted_to = relations.reacted_to(candidate, sentence.context)
    if reacted_to is not None:
        candidate.target = [
            Actor(a.text, a.start, a.end, a.code, a.sector, a.org, a.name,
                  f"the author of {reacted_to.trigger.text!r}, which this reacts to: {a.reason}", a.antecedent, a.implicit)
            for a in reacted_to.source
        ]
        candidate.target_role = "reaction to the story's previous event"


def implicit_protest_target(candidate: Candidate, sentence: EventSentence) -> None:
    if not candidate.target and sentence.family(candidate, "protest") and candidate.source:
        implicit = roles.implicit_protest_target(candidate.source, sentence.context.main_country())
        if implicit is not None:
            candidate.target, candidate.target_role = [implicit], "implicit"


def target_not_source(candidate: Candidate, sentence: EventSentence) -> None:
    source_keys = {(a.start, a.end) for a in candidate.source}
    candidate.target = [a for a in candidate.target if (a.start, a.end) not in source_keys or a.implicit]


def needs_target_actor(candidate: Candidate, sentence: EventSentence) -> str | None:
    if "target-actor" in candidate.match.pattern.requires and not candidate.target:
        return f"not an event: '{candidate.match.pattern.text}' is one only when an actor is its target, and none was found"
    return None


def no_source(candidate: Candidate, sentence: EventSentence) -> str | None:
    if not candidate.source:
        return "no source actor found (roles tried: " + ", ".join(candidate.match.pattern.source) + ")"
    return None


def reciprocal(candidate: Candidate, sentence: EventSentence) -> None:
    each_other = any(t.lower_ in ("other", "another") for _, t in candidate.match.target_tokens)
    parties = len({(a.code, a.org) for a in candidate.source})
    if not candidate.target and (sentence.family(candidate, "reciprocal") or each_other) and parties > 1:
        # "Russia and Ukraine exchanged prisoners": each party acts on the others
        candidate.target, candidate.target_role = list(candidate.source), "reciprocal: the other parties"


def noun_without_actors(candidate: Candidate, sentence: EventSentence) -> str | None:
    if candidate.match.pattern.pos == "NOUN" and not candidate.target and candidate.source_role in ("implicit", None):
        return "noun trigger without actors attached"
    return None


def mediation_parties(candidate: Candidate, sentence: EventSentence) -> None:
    # "a swap mediated by the UAE", "talks facilitated by Malaysia": the go-between acts on
    # the parties of the event it made possible
    if candidate.parent is None or candidate.target or not sentence.family(candidate, "mediation"):
        return
    source_keys = {(a.start, a.end) for a in candidate.source}
    for role, token in candidate.parent.match.source_tokens:
        actors = [a for a in sentence.resolver.resolve(token, role) if (a.start, a.end) not in source_keys]
        if actors:
            candidate.target, candidate.target_role = actors, f"the parties of {candidate.parent.match.head.text!r}"
            break


def nested_without_target_or_date(candidate: Candidate, sentence: EventSentence) -> str | None:
    # an attack named as what a killing was done in is the event itself (rule named-violence)
    if relations.is_means_of(candidate, candidate.parent, sentence):
        return None
    if candidate.parent is not None and not candidate.target and not relations.own_date(candidate):
        return "nested event without a target or a date of its own: not coded"
    return None


def drop_negated(candidate: Candidate, sentence: EventSentence) -> str | None:
    if candidate.negated and not sentence.settings.keep_negated:
        return "negated (dropped by setting)"
    return None


def drop_unknown_actors(candidate: Candidate, sentence: EventSentence) -> str | None:
    if not sentence.settings.keep_unknown_actors and all(a.code is None for a in candidate.source + candidate.target):
        return "only unknown actors (dropped by setting)"
    return None


# -- place: once the event's place is known ------------------------------------------------


def host_and_visitor(candidate: Candidate, sentence: EventSentence) -> None:
    """A meeting held in one party's country is that party hosting the others: CAMEO's visit
    code for the visitors, with the host as target."""
    location = candidate.location
    if not sentence.family(candidate, "meeting") or not location or not location.get("country"):
        return
    visit = sentence.ontology.family_codes("visit")[0]
    country = location["country"]
    if candidate.target and not (candidate.target_role or "").startswith("reciprocal"):
        if any(a.code == country for a in candidate.target) and not any(a.code == country for a in candidate.source):
            candidate.cameo = visit
        return
    hosts = [a for a in candidate.source if a.code == country]
    visitors = [a for a in candidate.source if a.code != country]
    if hosts and visitors:
        candidate.source, candidate.target, candidate.cameo = visitors, hosts, visit
        candidate.target_role = "host: the meeting's place is in its country"
    elif not candidate.target and candidate.source and all(a.code in ("IGO", "NGO") for a in candidate.source) and location.get("precision") != "country":
        # an organisation's meeting held in a member's city ("the G-20 meeting, held in
        # Srinagar"): the country it is held in hosts it
        place = location.get("name") or location.get("text")
        candidate.target = [Actor(f"{country} (host of the meeting, implicit)", -1, -1, country, "GOV",
                                  reason=f"host: the meeting was held in {place}, {country}", implicit=True)]
        candidate.target_role = "host: the country the meeting was held in"


RULES: tuple[Rule, ...] = (
    Rule("discard-context", "decide", "a cue of sport, business, weather, a figure of speech or history in the sentence: no political event", discard_context),
    Rule("stative", "decide", "a participle or present-tense passive that describes a state ('the occupied territory') is no act", stative),
    Rule("reporting-only", "decide", "a bare reporting verb ('warned that ...') whose clause states a fact only reports it", reporting_only_rule),
    Rule("consequence", "decide", "'shelled the villages, killing four': the killing is the outcome of the violent act it hangs on", consequence),
    Rule("elaboration", "decide", "a subjectless participle clause of the same root restates its main verb's act", elaboration),
    Rule("same-act", "decide", "conjoined verbs of one kind sharing one object are one act ('pardoned and released')", same_act),
    Rule("named-violence", "decide", "'killed five in an air strike': the attack the killing names is the event", named_violence),
    Rule("charge", "decide", "the act an arrest or charge is for ('arrested for inciting violence') is an allegation", charge),
    Rule("past-event-by-year", "decide", "an event noun with a year before it names a past event ('the 1989 crackdown')", past_event_by_year),
    Rule("embedding", "decide", "walk up the parse: reported speech, what is asked or promised (no event), plans, orders, negating verbs, nesting", embedding),
    Rule("negation", "decide", "a negator on the trigger or its auxiliary, or 'no' before it, makes the event negated", negation),
    Rule("modality", "decide", "a modal or a condition makes the event hypothetical; will/would/shall mark it as announced", modality),
    Rule("source-from-roles", "decide", "the source: the speaker it is joined to, else the pattern's source roles (then the family's frame)", source_from_roles),
    Rule("target-from-roles", "decide", "the target: the pattern's target roles; a thing of the agent's own points to the other party", target_from_roles),
    Rule("possessor-is-patient", "decide", "'Imran Khan's arrest': the possessor of an act done to people is its target", possessor_is_patient),
    Rule("same-sentence-reference", "decide", "a definite event noun after a verb of its family in the sentence is that verb's act", same_sentence_reference),
    Rule("earlier-event-reference", "decide", "a definite event noun with no agent refers back to the story's earlier act of its family", earlier_event_reference),
    Rule("casualties-of-earlier-attack", "decide", "an agentless 'were killed/wounded' right after an attack is that attack's toll", casualties_of_earlier_attack),
    Rule("implicit-agent", "decide", "agentless passives and nested acts of coercion and violence get an implicit source", implicit_agent),
    Rule("target-from-consequence", "decide", "a violent act takes the target of the outcome clause hung on it", target_from_consequence),
    Rule("target-in-clauses", "decide", "targets from a threat's condition, the place of harm to things, pressure yielded to, a reaction's participle", target_in_clauses),
    Rule("reaction-target", "decide", "a reaction to a thing is aimed at whoever did the story's latest act", reaction_target),
    Rule("implicit-protest-target", "decide", "a protest that names no one presses the government of the story's country", implicit_protest_target),
    Rule("target-not-source", "decide", "an actor that is the source is not also the target", target_not_source),
    Rule("needs-target-actor", "decide", "a pattern of an ambiguous word that requires an actor as target ('beat', 'strike') has none: not coded", needs_target_actor),
    Rule("no-source", "decide", "no source actor found: not coded", no_source),
    Rule("reciprocal", "decide", "several parties of a reciprocal act and no target: each is the others' target", reciprocal),
    Rule("noun-without-actors", "decide", "a noun trigger with no actor of its own attached is not coded", noun_without_actors),
    Rule("mediation-parties", "decide", "a nested mediation acts on the parties of the event it made possible", mediation_parties),
    Rule("nested-without-target-or-date", "decide", "a nested event with no target or date of its own is not coded", nested_without_target_or_date),
    Rule("drop-negated", "decide", "with --drop-negated, negated events are left out", drop_negated),
    Rule("drop-unknown-actors", "decide", "with --drop-unknown-actors, events whose actors are all unknown are left out", drop_unknown_actors),
    Rule("host-and-visitor", "place", "a meeting held in one party's country: the visitors make a visit (042) to the host", host_and_visitor),
    Rule("intent-code", "record", "an announced cooperative act ('said it would release') is coded as CAMEO's intent for it (03x)", None),
)
RULE_NAMES = frozenset(rule.name for rule in RULES)


def check_rule_names(names) -> frozenset[str]:
    """The names given, all of them rules; an unknown name is an error listing the rules."""
    unknown = sorted(set(names) - RULE_NAMES)
    if unknown:
        raise ValueError(f"unknown event rule {', '.join(unknown)}; `eventcoder explain --rules` lists them")
    return frozenset(names)


def weigh(candidate: Candidate, sentence: EventSentence, phase: str) -> None:
    """Apply the rules of one phase in order; the first verdict ends the candidate's weighing.
    An observer (`eventcoder lexicon yield`) hears of every rule that fires: that gives the
    verdict or changes what the candidate says."""
    disabled, observer = sentence.settings.disabled_rules, sentence.observer
    for rule in RULES:
        if rule.phase != phase or rule.apply is None or rule.name in disabled:
            continue
        before = _state(candidate) if observer is not None else None
        verdict = rule.apply(candidate, sentence)
        if observer is not None and (verdict or _state(candidate) != before):
            observer(rule.name, candidate)
        if verdict:
            candidate.verdict, candidate.verdict_rule = verdict, rule.name
            return


def _state(candidate: Candidate) -> tuple:
    """What a rule can change on a candidate, compared before and after it runs."""
    actors = tuple(tuple(id(a) for a in group or ()) for group in (candidate.source, candidate.target, candidate.attributed_to,
                                                                   candidate.speaker))
    return (actors, candidate.source_role, candidate.target_role, candidate.negated, candidate.hypothetical, candidate.announced,
            id(candidate.parent), candidate.cameo, candidate.own_thing)
